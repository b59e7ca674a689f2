/*
 * diff_int.h - shared by diff.c (the walk over bindings, coverage, order),
 * diff_check.c (what one member or enum is checked for), diff_hdr.c
 * (clang's errors) and diff_fix.c (fix-its). The stages after the diff
 * see only diff.h.
 */
#ifndef OAC_DIFF_INT_H
#define OAC_DIFF_INT_H

#include "diff.h"
#include "emit.h"

struct diff_ctx {
	struct spec *spec;
	const struct hdr_set *h;
	const struct ruleset *rs;
	const struct diff_options *opt;
	struct result *res;
	struct result_sink em; /* into res */
	struct bindings b;
	/* pairs (record or enum, schema) already checked, against cycles */
	struct strmap seen; /* keys are owned */
	long member_style;  /* one-member-style: the member rule all follow, or -1 */
	/* bad enum items and enums whose errors were told (diff_hdr.c) */
	struct ptrmap told;
	struct strmap checked; /* headers holding a struct or enum checked */
};

#define diff_emit(d, ...) result_emit(&(d)->em, __VA_ARGS__)

/* A checked unit: the schema side and the C side being compared. */
struct member_ctx {
	const struct spec_prop *prop;
	const struct hdr_member *member;
	const struct hdr_record *rec;
	const char *schema; /* name of the schema that holds prop */
	const char *symbol; /* "pet_t.name" */
	struct suppress sup;
	const struct member_pair *pair; /* its companions */
};

void diff_check_member(struct diff_ctx *d, const struct member_ctx *m);
#define diff_row(d, schema)     result_row(&(d)->em, schema)
#define diff_new_row(d, schema) result_new_row(&(d)->em, schema)
void diff_check_enum(struct diff_ctx *d, const struct spec_schema *sc, const char *schema,
                     const char *pointer, const struct hdr_enum *e, struct suppress sup);
/* Check rec against the object schema sc (nested: no coverage). */
void diff_check_record(struct diff_ctx *d, const struct spec_schema *sc, const char *schema,
                       const struct hdr_record *rec, bool top);
/* diff_hdr.c: the bad items of e that spell values of sc which are no C
 * identifier (a generator's enumerators), told in one header-error
 * finding naming the values and schema; written[i] (if given) is set for
 * each value i so told. Returns how many values. */
size_t diff_enum_bad(struct diff_ctx *d, const struct spec_schema *sc, const char *schema,
                     const char *pointer, const struct hdr_enum *e, struct suppress sup,
                     bool *written);
/* The length of the prefix e's enumerators share (cut after an '_'; the
 * fragments of bad items left out); *first: one name that has it. */
size_t diff_enum_prefix(const struct hdr_enum *e, const char **first);
/* Every clang error of the headers not told already, as a header-error
 * finding (after every check): an error in a header that holds a struct
 * or enum checked against a schema, a warning elsewhere. */
void diff_hdr_errors(struct diff_ctx *d);
/* The header file (a loc's interned path) holds a struct or enum checked. */
void diff_hdr_checked(struct diff_ctx *d, const char *file);
/* diff_fix.c: fix-its, or NULL where none applies alone. */
struct emit_opts diff_emit_opts(struct diff_ctx *d);
/* Insert the member for p (line: its one-line form) into rec. */
struct fix *diff_fix_member(struct diff_ctx *d, const struct spec_prop *p,
                            const struct hdr_record *rec, const char *owner, const char *line);
/* The member's base type replaced, pointers and dimensions kept. */
struct fix *diff_fix_retype(const struct member_ctx *m, const char *base);
/* Dimension dim of the member's array type made n. */
struct fix *diff_fix_resize(const struct member_ctx *m, unsigned dim, long long n);
/* An integer type that holds [lo, hi] for the property's schema c. */
struct fix *diff_fix_int(struct diff_ctx *d, const struct member_ctx *m,
                         const struct spec_schema *c, double lo, double hi);
/* The declaration emit writes for the property, under the member's name. */
struct fix *diff_fix_decl(struct diff_ctx *d, const struct member_ctx *m);
/* An @schema comment put before rec (binding-mismatch). */
struct fix *diff_fix_schema(const struct hdr_record *rec, const char *schema);
/* A trailing @json with the property's name. */
struct fix *diff_fix_json(const struct member_ctx *m);
/* The member renamed. */
struct fix *diff_fix_rename(const struct ruleset *rs, const struct hdr_record *rec,
                            const struct hdr_member *mem, const char *name);

/* Mark a (C thing, schema) pair; returns false when it was already seen. */
bool diff_first_visit(struct diff_ctx *d, const void *c_thing, const struct spec_schema *sc);

#endif
