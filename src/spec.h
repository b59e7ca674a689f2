/*
 * spec.h - the OpenAPI model: the schemas of one contract with their
 * places, references resolved and allOf merged. Built by spec_load from
 * OpenAPI 3.0/3.1 or Swagger 2.0 in YAML or JSON (also over several files),
 * read-only afterwards. Nothing here exposes libyaml.
 */
#ifndef OAC_SPEC_H
#define OAC_SPEC_H

#include "loc.h"
#include "util.h"

#include <stdbool.h>
#include <stddef.h>

/* JSON types as bits; a schema with types == 0 accepts anything. */
enum spec_type {
	SPEC_NULL = 1 << 0,
	SPEC_BOOLEAN = 1 << 1,
	SPEC_INTEGER = 1 << 2,
	SPEC_NUMBER = 1 << 3,
	SPEC_STRING = 1 << 4,
	SPEC_ARRAY = 1 << 5,
	SPEC_OBJECT = 1 << 6,
};

enum spec_value_kind { SV_STRING, SV_NULL, SV_BOOL, SV_INT, SV_NUMBER, SV_OTHER };

/* An enum value, const or example as written. */
struct spec_value {
	enum spec_value_kind kind;
	const char *text; /* NULL for SV_OTHER (a mapping or sequence) */
	size_t len;
	struct loc loc;
};

enum spec_addl { SPEC_ADDL_UNSET, SPEC_ADDL_TRUE, SPEC_ADDL_FALSE, SPEC_ADDL_SCHEMA };

struct spec_schema;

struct spec_prop {
	const char *name;
	struct loc loc; /* of the property's key */
	const char *pointer;
	bool required;
	struct spec_schema *schema;
	const struct spec_schema *owner; /* where it was declared (allOf) */
};

struct spec_schema {
	const char *name;    /* component name, or NULL for inline schemas */
	const char *pointer; /* JSON pointer within its file, e.g. /components/schemas/Pet */
	struct loc loc;
	unsigned types;
	const char *format;
	const char *ref;                  /* $ref as written, or NULL */
	const struct spec_schema *target; /* what ref leads to; NULL when unresolved */
	struct loc ref_loc;

	struct spec_prop *props;
	size_t n_props;
	struct spec_schema *items;
	enum spec_addl addl;
	struct spec_schema *addl_schema;
	struct spec_value *enums;
	size_t n_enums;
	struct spec_schema **all_of, **one_of, **any_of;
	size_t n_all_of, n_one_of, n_any_of;
	const char *discriminator;

	long long max_length, min_length, max_items, min_items; /* -1: unset */
	bool has_minimum, has_maximum, excl_minimum, excl_maximum;
	double minimum, maximum;
	bool nullable, read_only, write_only, deprecated;
	const struct spec_value *example;
	const char *description;

	/* a component whose name another document (--spec) also defines:
	 * "TS29503_Nudm_SDM.yaml#AmfInfo" (NULL: the name is unique) */
	const char *label;

	/* internal to the loader */
	const char **required_names;
	size_t n_required;
	int merge_state;
	const void *src_node;
	const struct spec_file *src_file;
};

struct spec_file;

/* A problem in the contract that is a finding, not a load failure. */
struct spec_issue {
	const char *rule; /* e.g. "spec-ref-unresolved" */
	struct loc loc;
	const char *pointer;
	const char *message;
};

struct spec {
	struct arena arena;
	int version; /* 20, 30 or 31 */
	const char *version_text;
	const char *title;
	const char *file;  /* interned display path of the main document */
	const char **docs; /* every document given (--spec), first is file */
	size_t n_docs, docs_cap;
	struct spec_schema **schemas; /* components/definitions, in document order */
	size_t n_schemas;
	struct spec_issue *issues;
	size_t n_issues, issues_cap;

	/* internal */
	struct spec_file *files;
	size_t schemas_cap;
	struct strmap by_key; /* "file#pointer" -> schema */
	struct spec_schema **pending;
	size_t n_pending, pending_cap;
	bool allow_outside_refs;
	char *root_dir;
	struct spec_mem *mem; /* loader's memory and node -> schema map */
};

struct spec_options {
	bool allow_outside_refs;
};

/* Load path ("-" for stdin). Returns the model, or NULL after printing a
 * diagnostic with file:line:col (the caller exits 3). */
struct spec *spec_load(const char *path, const struct spec_options *opt);
/* The same for several documents checked together: the components of
 * each are in scope, a file given twice or also reached by a $ref is read
 * once, and a name two documents define gets a label naming its document. */
struct spec *spec_load_all(const char *const *paths, size_t n, const struct spec_options *opt);
/* The same from a buffer (tests): name is used in places. */
struct spec *spec_load_buffer(const char *name, const char *buf, size_t len,
                              const struct spec_options *opt);
/* Several documents from buffers (tests, the fuzz target), as
 * spec_load_all reads several files: names[i] holds bufs[i] (lens[i]
 * bytes); the first is the main document. */
struct spec *spec_load_buffers(const char *const *names, const char *const *bufs,
                               const size_t *lens, size_t n, const struct spec_options *opt);
void spec_free(struct spec *s);

/* A component schema by name, or NULL; a name several documents define
 * is the first document's. */
const struct spec_schema *spec_find(const struct spec *s, const char *name);
/* What @schema names: a name, a pointer into the main document ("#/..."),
 * or either in a given document, "FILE#Name" or "FILE#/pointer" (FILE: as
 * given, or its last path components). NULL: nothing. */
const struct spec_schema *spec_lookup(struct spec *s, const char *ref);
/* The name a schema is shown by: its label, else its name. */
const char *spec_label(const struct spec_schema *sc);
/* The display path of the document a schema is written in, or NULL. */
const char *spec_doc_of(const struct spec_schema *sc);
/* The last component of spec_doc_of (its file name), or NULL. */
const char *spec_doc_file_name(const struct spec_schema *sc);
/* A schema by JSON pointer into the main document ("#/..." or "/..."),
 * building it on demand; NULL when the pointer names no mapping. */
const struct spec_schema *spec_find_pointer(struct spec *s, const char *pointer);
/* The same in the given document (a display path from docs). */
const struct spec_schema *spec_find_pointer_in(struct spec *s, const char *doc,
                                               const char *pointer);
/* The component schemas named name in every document read (those given
 * with --spec and those their $refs reached), at most cap into out;
 * returns how many. */
size_t spec_namesakes(struct spec *s, const char *name, const struct spec_schema **out, size_t cap);
/* Is sc one of the components in scope (s->schemas)? */
bool spec_in_scope(const struct spec *s, const struct spec_schema *sc);
/* Follow $ref to the schema that holds the content (cycle-safe). */
const struct spec_schema *spec_deref(const struct spec_schema *sc);
/* The component name of a schema reached through refs, or NULL. */
const char *spec_ref_name(const struct spec_schema *sc);
const char *spec_type_name(unsigned types);
/* The JSON types a (dereferenced) schema allows, inferred from properties,
 * items or enum values when it gives no type; 0: anything. */
unsigned spec_types(const struct spec_schema *c);
/* Call fn for every property name written anywhere in the spec's files
 * (components and inline schemas of paths alike), with its place. */
void spec_each_property_name(const struct spec *s,
                             void (*fn)(const char *name, struct loc at, void *ctx), void *ctx);
/* Print the model (--dump-spec). */
void spec_dump(const struct spec *s, void *fp);

/* internal, shared by spec_load.c and spec_ref.c */
struct spec_schema *spec_build(struct spec *s, const struct spec_file *f, const void *node,
                               const char *pointer, const char *name, unsigned depth);
void spec_add_issue(struct spec *s, const char *rule, struct loc at, const char *pointer,
                    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
int spec_resolve_all(struct spec *s);
void spec_merge_all(struct spec *s);
struct spec_file *spec_file_open(struct spec *s, const char *path, struct loc from, bool *failed);
/* Let $refs reach the directory of path too (a document given with --spec). */
void spec_widen_root(struct spec *s, const char *path);

#endif
