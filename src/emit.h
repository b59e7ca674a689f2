/*
 * emit.h - --emit-struct: annotated C declarations for schemas, as a
 * starting point for a missing binding: one schema with what it needs, or
 * many in one header, each type defined once in dependency order. What it
 * prints checks clean against the spec it came from. Also the member
 * declarations and types that fix-its insert.
 */
#ifndef OAC_EMIT_H
#define OAC_EMIT_H

#include "rules.h"
#include "spec.h"

#include <stdbool.h>
#include <stdio.h>

/* How fix-its name and type what they write into existing headers. */
struct emit_opts {
	const struct ruleset *rs;
	const char *member_rule; /* name members by this rule (NULL: snake case) */
	bool no_stdint;          /* <stdint.h> is not included: standard types */
	/* the C type the headers have for a schema ("pet_t", "enum status"),
	 * or NULL: then the emitter declares its own */
	const char *(*known)(void *ctx, const struct spec_schema *sc);
	void *ctx;
};

/* --emit-struct: emit_header when the patterns ask for a whole header,
 * else emit_struct for the one name. Returns 0, or -1 after a diagnostic. */
int emit_schemas(FILE *fp, struct spec *spec, const char *const *patterns, size_t n,
                 const struct ruleset *rs);
/* Print the struct (or enum) for schema name. Returns 0, or -1 after a
 * diagnostic when the spec has no such schema (exit 2). */
int emit_struct(FILE *fp, struct spec *spec, const char *name, const struct ruleset *rs);

/* Print one header (include guard, forward declarations, enums, structs in
 * dependency order) for the schemas the patterns select: names, globs
 * (fnmatch) or JSON pointers; each pattern may be a comma-separated list.
 * Returns 0, or -1 after a diagnostic when a pattern selects nothing. */
int emit_header(FILE *fp, struct spec *spec, const char *const *patterns, size_t n,
                const struct ruleset *rs);
/* Do the patterns ask for a whole header rather than one schema (several
 * names, a list or a glob)? */
bool emit_wants_header(const char *const *patterns, size_t n);

/* The declaration of the member that would hold p, on one line (the
 * fix-it under missing-field); owner names inline enums. Caller frees. */
char *emit_member_decl(const struct spec_prop *p, const char *owner, const struct emit_opts *eo);
/* The same as lines indented by indent, to insert into a record; *pre gets
 * the declarations it needs before the record (enums), or NULL. Caller
 * frees both. */
char *emit_member_lines(const struct spec_prop *p, const char *owner, const struct emit_opts *eo,
                        const char *indent, char **pre);
/* "TYPE name[N]" for a member named name holding p, when that alone holds
 * it (no annotation, count member or declaration needed); else NULL.
 * Caller frees. */
char *emit_member_type(const struct spec_prop *p, const char *name, const struct emit_opts *eo);
/* The integer type emit writes for c (int32_t, int64_t...; without
 * stdint, long, long long...). */
const char *emit_int_type(const struct ruleset *rs, const struct spec_schema *c, bool stdint);

#endif
