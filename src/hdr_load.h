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

/* Keep the flags of a compile command (argv[0] excluded) that shape a
 * header's types (-I -D -U -std --target -m* ...), dropping the rest
 * (--, inputs, -c, -o X, -M*, -W*). out holds room for argc entries;
 * returns how many were kept. */
size_t hdr_filter_args(const char *const *argv, size_t argc, const char **out);

#endif
