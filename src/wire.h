/*
 * wire.h - the wire check: the JSON calls of the program's serialization
 * code, as our own small model, and the stage that checks them against
 * the struct bindings and the spec.
 *
 * The model is made by hdr_src.c (the only code that sees libclang): one
 * site per JSON call with a key (cJSON_AddStringToObject(item, "name",
 * pet->name), json_object_object_get_ex(obj, "id", &v), each key of a
 * json_pack/json_unpack format), with its place, direction, the JSON type
 * the call implies, its object expression as written, the site whose
 * value is its object (a nested object or array), and the struct members
 * the value flows to (a read) or from (a write): member chains such as
 * pet->category.name, each link a member of a record named by where the
 * record is declared. Writes without a key (an item added to an array, a
 * map entry) are sites too: they lend their members to the site of the
 * array or map they add to.
 */
#ifndef OAC_WIRE_H
#define OAC_WIRE_H

#include "bind.h"
#include "loc.h"
#include "rules.h"
#include "util.h"

#include <stdbool.h>
#include <stddef.h>

/* One link of a member chain: member of the record declared at
 * file:line:col (file is the declaring file's base name). */
struct wire_link {
	const char *file;
	unsigned line, col;
	const char *record; /* its name as clang spells it, for messages */
	const char *member;
};

struct wire_chain {
	const struct wire_link *links; /* outermost first: pet->category.name */
	unsigned n;
};

struct wire_site {
	const char *call; /* the function called */
	const char *key;  /* NULL: a write without key into its parent */
	enum wire_dir dir;
	unsigned types;      /* JSON types the call implies (spec_type bits); 0: unknown */
	unsigned item_types; /* ... of the elements of the value (arrays, maps) */
	/* the JSON types the code converts the value read from: a getter that
	 * parses a string's digits, strtol or atoi on the string read */
	unsigned converts;
	struct loc loc;     /* the key's place (the call's for a write without key) */
	const char *object; /* the object expression as written */
	const char *func;   /* the function holding the call */
	struct loc func_loc;
	size_t *parents; /* sites whose value is this site's object */
	size_t n_parents, parents_cap;
	const struct wire_chain **reach; /* member chains of the value */
	size_t n_reach, reach_cap;
	size_t group; /* sites on one root object of one function share it */
	bool elem;    /* its object is an element of its parents' values (an item) */
	/* a root site: the schema an @schema comment gives its object (on the
	 * variable, the template constant or the function), and where */
	const char *schema;
	struct loc schema_at;
	unsigned capacity;   /* an array: the most items the code takes (0: any) */
	struct loc value_at; /* where the value is added, when not at its key (a
	                      * builder's add after set_member_name); line 0: at loc */
};

/* clang's errors in one source: the first, and how many. */
struct wire_error {
	struct loc at;
	const char *source; /* the source file parsed */
	const char *text;
	unsigned count;
};

struct wire_set {
	struct wire_site *sites;
	size_t n, cap;
	struct wire_error *errors; /* one per source with clang errors */
	size_t n_errs, errors_cap;
	size_t n_groups;
	unsigned n_files;     /* translation units parsed */
	unsigned n_errors;    /* clang errors met in them */
	bool verbose;         /* --verbose: the stage says how it placed code without structs */
	unsigned n_cached;    /* of n_files, how many came from the cache */
	bool cached;          /* the cache was used */
	struct arena arena;   /* the stage's own */
	struct arena *arenas; /* the units': strings and chains of the sites */
	size_t n_arenas, arenas_cap;
};

struct wire_options {
	const char **sources; /* .c files, already expanded from directories */
	size_t n_sources;
	const char **clang_args;
	size_t n_clang_args;
	const char *compile_commands;
	unsigned jobs;
	const struct ruleset *rs; /* its json-calls and json-fields */
	bool no_cache;            /* --no-cache */
	const char *cache_dir;    /* --cache-dir, or NULL (wire_cache.h) */
};

/* Parse the sources with function bodies, one translation unit each, in
 * threads, and extract their JSON calls. Returns the model, or NULL
 * after a diagnostic (a file could not be read or parsed: exit 3). Clang's
 * errors in a source are warnings: the calls clang still understood are
 * checked (w->errors: source-error findings). */
struct wire_set *wire_extract(const struct wire_options *opt);
/* The same from in-memory files (tests): names[i] holds texts[i]; all of
 * them are given to every unit, the first n_units are parsed. */
struct wire_set *wire_extract_unsaved(const char *const *names, const char *const *texts, size_t n,
                                      size_t n_units, const char *const *args, size_t n_args,
                                      const struct ruleset *rs);
void wire_set_free(struct wire_set *w);

struct opts;
/* The sources the options name (none: NULL), extracted with their flags.
 * On failure sets *status to 3 and returns NULL. */
struct wire_set *wire_load(const struct opts *o, const struct ruleset *rs, int *status);
/* The keys the sources use on each struct (a key whose value flows to or
 * from a member of it), for binding by evidence. */
struct wire_keys;
struct wire_keys *wire_keys_new(const struct wire_set *w);
void wire_keys_free(struct wire_keys *k);
struct bind_key_source wire_keys_source(struct wire_keys *k);

struct checked;
/* The wire check, the stage after the diff: each site against what the
 * diff bound and the spec, as findings and wire coverage into c's result
 * (wire_check.c). */
void wire_check(const struct checked *c, const struct wire_set *w);
/* Print the model (--dump-wire, tests). */
void wire_dump(const struct wire_set *w, void *fp);

/* jansson format strings (wire_fmt.c): each key and value of a json_pack
 * or json_unpack format, with the vararg it takes. */
struct wire_fmt_item {
	int parent;     /* index of the item whose object or array holds it; -1: top */
	int key_arg;    /* vararg index of its key, -1: none (top level, array item) */
	int value_arg;  /* vararg index of its value (unpack: the out pointer); -1 */
	unsigned type;  /* spec_type bits of its format letter; 0: any (o, O) */
	bool container; /* an object or array of its own */
};
/* Read fmt; returns the items written into out (at most cap), or -1 when
 * fmt is not a format this reader understands. */
int wire_fmt_parse(const char *fmt, bool unpack, struct wire_fmt_item *out, size_t cap);

/* printf templates (wire_tmpl.c): the keys and values of a format whose
 * text is a JSON object or array with conversion holes,
 * "{\"id\": %d, \"tags\": [%s]}". */
struct wire_tmpl_item {
	int parent;      /* the item whose object or array holds it; -1: the top */
	const char *key; /* into the caller's buffer (key_len bytes); NULL: none (an item) */
	size_t key_len;
	size_t key_off; /* offset of the key's first byte in the text */
	unsigned type;  /* spec_type bits of the value; 0: any (a bare %s) */
	int arg;        /* the conversion's vararg index that fills the value; -1: none */
	bool dynamic;   /* the key is a hole ("%s": ...) */
	bool container; /* an object or array of its own */
};
/* Read text; returns the items written into out (at most cap) and the
 * number of varargs its conversions take in *n_args, or -1 when text is
 * not a JSON object or array with holes. */
int wire_tmpl_parse(const char *text, struct wire_tmpl_item *out, size_t cap, int *n_args);

/* Key paths (wire_tmpl.c): the keys of a JSONPath ("$.a.b[0].c",
 * "$['a']") or of a dotted path ("a.b"): each key (the caller frees it),
 * or NULL for an item ([0], [*], .*), with its offset in the path in offs
 * (may be NULL). Returns how many (at most cap), or -1 when the path has a
 * part this reader does not follow (.., filters, unions, slices). */
int wire_path_parse(const char *path, char **keys, size_t *offs, size_t cap);

#endif
