/*
 * hdr_load.h - between hdr_load.c and hdr_cdb.c: headers grouped by the
 * flags a compilation database lends them.
 */
#ifndef OAC_HDR_LOAD_H
#define OAC_HDR_LOAD_H

#include "hdr.h"

struct hdr_group {
	const char **headers; /* real paths */
	size_t n_headers, cap;
	const char **borrowed; /* flags from the database, before the user's */
	size_t n_borrowed;
	const char *key;
};

struct hdr_groups {
	struct hdr_group *v;
	size_t n, cap;
};

/* Group paths by the flags borrowed for each from opt->compile_commands
 * (one group when there is none). Strings live in h's arena. Returns 0,
 * or -1 after a diagnostic (no database in that directory). */
int hdr_group_units(struct hdr_set *h, const struct hdr_options *opt, const char *const *paths,
                    size_t n, struct hdr_groups *out);
void hdr_groups_free(struct hdr_groups *g);

/* The clang arguments of a unit in language lang ("c-header", "c"): the
 * base flags, -std=c11 unless a or b give a standard, a cross target's
 * own, then a, then b. Returns a new array of borrowed strings (caller
 * frees the array), its length in *n. */
const char **hdr_unit_args(const char *lang, const char *const *a, size_t na, const char *const *b,
                           size_t nb, size_t *n);
/* The files of the compilation database in dir (its translation units),
 * real paths in h's arena. Returns 0, or -1 after a diagnostic. */
int hdr_cdb_files(struct hdr_set *h, const char *dir, const char ***out, size_t *n);

/* Keep the flags of a compile command (argv[0] excluded) that shape a
 * header's types (-I -D -U -std --target -m* ...), dropping the rest
 * (--, inputs, -c, -o X, -M*, -W*). out holds room for argc entries;
 * returns how many were kept. */
size_t hdr_filter_args(const char *const *argv, size_t argc, const char **out);

#endif
