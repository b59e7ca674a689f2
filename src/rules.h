/*
 * rules.h - the rule table (every finding's id, default level and one-line
 * summary) and the rule set a check runs with: severities, naming rules
 * and type mappings, read from the preset and rules files in rules/.
 */
#ifndef OAC_RULES_H
#define OAC_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include "loc.h"

enum level { LEVEL_OFF, LEVEL_INFO, LEVEL_WARNING, LEVEL_ERROR };

/* A rule whose default depends on the case (missing-field: error when
 * required) has LEVEL_DEPENDS; the diff decides. */
#define LEVEL_DEPENDS ((enum level)100)

struct rule {
	const char *id;
	enum level level;
	const char *summary;
};

extern const struct rule rule_table[];
extern const size_t rule_count;

const struct rule *rule_find(const char *id);
/* Index of a rule in rule_table, or -1. */
int rule_index(const char *id);
const char *level_name(enum level l);
/* Parse "error", "warning", "info", "off" (and "never" when allowed). */
int level_parse(const char *s, enum level *out);

/* A C type name (a typedef or struct in a member's type) that carries a
 * JSON type without showing it: list_t, json_t, binary_t. */
struct type_map {
	char *c_name;
	unsigned json_types; /* enum spec_type bits; 0: any */
	bool declared;       /* set in a rules file (not only a default) */
};

/* What a format means for C: an integer range, a string length, and
 * whether it is semantic (a member should declare it with @format). */
struct strvec {
	char **v;
	size_t n, cap;
};

struct format_info {
	char *name;
	bool has_range;
	double lo, hi;
	long long length; /* -1: unknown */
	bool semantic;
	struct strvec *c_types; /* C types that hold it as a value: time_t, struct tm */
};

/* A schema whose C name no naming rule finds (modelNameMappings). */
struct name_map {
	char *schema;
	char *c_name;
	struct loc at; /* the key in its rules file */
};

/* The wire check's call table (rules files' json-calls): what a JSON
 * library function or a project's wrapper does with its arguments.
 * Argument indexes are 0-based; -1: the call has no such argument. */
enum wire_dir { WIRE_READ = 1, WIRE_WRITE = 2 };

/* What a stateful builder's call (json-calls builder:) does to the value
 * being built: opens an object or array (under its key, the key set
 * before, or as an item), closes the innermost, sets the next member's
 * key, adds a value, adds a string that is a key where the object awaits
 * one and a value elsewhere (yajl), or closes everything. */
enum wire_builder { WB_NONE, WB_OPEN, WB_CLOSE, WB_KEY, WB_VALUE, WB_KEY_OR_VALUE, WB_FINISH };

struct wire_call {
	char *name;
	enum wire_dir dir;
	int object;    /* the JSON object (or array) read from or written into */
	int key;       /* the key, a string literal at the call */
	int value;     /* write: the value written; read: the JSON value tested or converted */
	int out;       /* read: where the value read is stored (&v) */
	int format;    /* jansson's json_pack/json_unpack format string */
	unsigned type; /* JSON type the call implies (enum spec_type bits); 0: none */
	/* read: the JSON types the call also takes and converts (json-c's
	 * json_object_get_int parses a string's digits) */
	unsigned converts;
	bool element; /* the result is an element of the object: an array item, a map value */
	int path;     /* a key path: a JSONPath string or a NULL-terminated key array */
	int table;    /* a descriptor table (json-tables) the call applies */
	enum wire_builder builder;
};

/* A member of a JSON library's own struct that reads a value
 * (json-fields: cJSON.valuestring is a string; cJSON.child an element). */
struct wire_field {
	char *name; /* "cJSON.valuestring" */
	unsigned type;
	bool element;
};

/* A descriptor table's element type (json-tables): the fields of an
 * entry, as paths of designators (object.sub_descr), that hold the key,
 * the member (offsetof(struct s, m), &x->m, &x.m), the JSON type token
 * or the handler function, the table of an object value, the descriptor
 * of an array's items and the most items an array takes. NULL: none. */
struct wire_token {
	char *name; /* an enumerator or macro that stands for a JSON type */
	unsigned type;
};

struct wire_table {
	char *name; /* the element type: a struct tag or a typedef name */
	char *key, *member, *type, *handler, *object, *items, *max;
	struct wire_token *tokens;
	size_t n_tokens, tokens_cap;
};

/* A printf-like function (json-formats) and its format argument. */
struct wire_format {
	char *name;
	int format;
};

/* The rule set of one check: the preset, then --rules files, merged. */
struct ruleset {
	int severity[64];           /* per rule_table index: -1 default, else enum level */
	struct strvec struct_names; /* patterns: {name} {snake} {camel} {project} */
	struct strvec enum_names;
	struct strvec item_names;   /* the struct of an inline array item: {name} is Owner_prop */
	struct strvec member_rules; /* verbatim, snake, camel */
	struct strvec reserved;     /* member names that take reserved_prefix */
	char *reserved_prefix;
	struct strvec sentinels; /* enumerator stems that are no values */
	/* the sole member of a struct for an object schema without
	 * properties that stands for nothing (ISO C has no empty struct) */
	struct strvec placeholders;
	/* companion members by pattern ({member} is the member's name): the
	 * flag that says a value is present, the flag that says it is JSON
	 * null, the element count of an array */
	struct strvec present_names, null_names, count_names;
	/* the single-bit masks of an integer member that hold boolean
	 * properties: {STRUCT} is the struct's name, {PROPERTY} the
	 * property's, both in upper snake case (ACCT_RELATIONSHIP_FOLLOWING) */
	struct strvec flag_names;
	struct strvec ignore_members;
	struct type_map *types;
	size_t n_types, types_cap;
	struct format_info *formats;
	size_t n_formats, formats_cap;
	struct name_map *names;
	size_t n_names, names_cap;
	bool boolean_from_int;
	bool integer_from_float;   /* a float or double member may hold an integer */
	bool enum_from_string;     /* a char * or char[N] member may hold a string enum */
	bool enum_from_int;        /* an integer member may hold a string enum as a code */
	bool one_member_style;     /* all structs name members by one rule */
	bool free_form_structs;    /* maps and free-form object schemas need a struct */
	bool enum_sentinel_absent; /* an enum whose sentinel is 0 can say "absent" */
	bool namesake_suffix;      /* x_1_t: the namesake of X in another document */
	char *project;             /* {project}: the spec's info.title in snake case */
	struct wire_call *calls;   /* json-calls, by name (sorted after loading) */
	size_t n_calls, calls_cap;
	struct strvec converters; /* functions that turn a string read into a number (strtol) */
	/* the keys of a response envelope ({"ok": true, "result": ...}), or the
	 * name of the schema that describes it */
	struct strvec envelope;
	struct wire_field *fields; /* json-fields */
	size_t n_fields, fields_cap;
	struct wire_table *tables; /* json-tables */
	size_t n_tables, tables_cap;
	struct wire_format *json_formats; /* json-formats */
	size_t n_json_formats, json_formats_cap;
};

void ruleset_init(struct ruleset *rs);
void ruleset_free(struct ruleset *rs);
/* Load the preset (a name in rules_dir(), or a path) and then each rules
 * file. Returns 0, or -1 after a diagnostic with file:line:col (exit 2). */
int ruleset_load(struct ruleset *rs, const char *preset, char *const *files, size_t n);
/* ruleset_init and ruleset_load, then the config's and command line's
 * severities (per rule_table index, -1: unset; 64 of them). Returns 0, or
 * -1 after a diagnostic (exit 2); rs is to be freed either way. */
int ruleset_setup(struct ruleset *rs, const char *preset, char *const *files, size_t n,
                  const int *severity);
const struct format_info *ruleset_format(const struct ruleset *rs, const char *name);
/* JSON type bits a C type name carries, or -1 when it is not mapped. */
long ruleset_type(const struct ruleset *rs, const char *c_name);
bool ruleset_has(const struct strvec *v, const char *s);
/* The json-calls entry of a function, or NULL. */
const struct wire_call *ruleset_call(const struct ruleset *rs, const char *name);
/* The json-fields entry of "record.member", or NULL. */
const struct wire_field *ruleset_field(const struct ruleset *rs, const char *record,
                                       const char *member);

/* ruleset_json.c: the wire check's idiom keys of a rules file (json-tables,
 * json-formats, json-calls' builder:). Each returns 0, or -1 after a
 * diagnostic at the node's file:line:col. */
struct ydoc;
struct ynode;
int ruleset_read_tables(struct ruleset *rs, const struct ydoc *doc, const struct ynode *map);
int ruleset_read_json_formats(struct ruleset *rs, const struct ydoc *doc, const struct ynode *map);
int ruleset_read_builder(struct wire_call *c, const struct ydoc *doc, const struct ynode *v);
void ruleset_json_free(struct ruleset *rs);
/* The JSON type bits of a type name (string, ... object; any: 0). */
unsigned ruleset_json_type(const char *name, bool *ok);

/* --list-rules: id, default level and summary of every rule. */
void rules_print_table(void *fp);

/* The long description of a rule from rules_dir()/rules.yaml: prints it to
 * fp. Returns 0, or -1 after a diagnostic. */
int rules_explain(const char *id, void *fp);

/* Where the presets and rule descriptions are: $OACHECK_RULES_DIR, the
 * source tree for a binary run from its build tree, else the installed
 * $(pkgdatadir)/rules. The string lives for the whole run. */
const char *rules_dir(void);

#endif
