/*
 * ydoc_int.h - what ydoc.c, ydoc_json.c and ydoc_jread.c share: the choice
 * of reader, the tail of every container (children, a mapping's index and
 * its duplicate-key check), and the column fix-ups that the JSON repair
 * leaves behind, so that every mark libyaml reports on the repaired text
 * can be turned back into the file's own column.
 */
#ifndef OAC_YDOC_INT_H
#define OAC_YDOC_INT_H

#include "ydoc.h"

#include <stdbool.h>
#include <stddef.h>

/* Which reader parses a text: AUTO reads JSON text with ydoc_jread and
 * the rest (and JSON that is not strict JSON) with libyaml; YAML always
 * libyaml (OACHECK_JSON_READER=yaml); JSON only ydoc_jread, answering
 * YDOC_NOT_JSON where AUTO would fall back (for tests). */
enum ydoc_reader { YDOC_READ_AUTO, YDOC_READ_YAML, YDOC_READ_JSON };
enum { YDOC_NOT_JSON = 1 };

/* ydoc_parse with the reader chosen; the same return convention, plus
 * YDOC_NOT_JSON (nothing printed, nothing to free) for YDOC_READ_JSON. */
int ydoc_parse_with(struct ydoc *doc, const char *file, const char *buf, size_t len,
                    const struct ydoc_limits *lim, enum ydoc_reader reader);
/* The reader OACHECK_JSON_READER asks for: YAML for "yaml", else AUTO. */
enum ydoc_reader ydoc_reader_chosen(void);

/* The JSON reader (ydoc_jread.c) on doc, whose file is set and whose tree
 * is empty: 0, -1 after one diagnostic, or YDOC_NOT_JSON (nothing printed,
 * doc empty again) for text that is not strict JSON or that libyaml reads
 * otherwise, which then goes to libyaml. */
int ydoc_jread(struct ydoc *doc, const char *buf, size_t len, const struct ydoc_limits *lim);

/* Give n (a sequence or mapping) its n_items children (a mapping's keys
 * and values alternating), followed by a large mapping's index and the
 * slot of ydoc_map_slot. Returns 0, or -1 for a duplicate key, told with
 * both places unless quiet. */
int ydoc_set_kids(struct ydoc *doc, struct ynode *n, struct ynode *const *items, size_t n_items,
                  bool quiet);

/* From column col (0-based, in the repaired text) of line on, the file's
 * column is delta more than the repaired one; delta sums every change
 * made earlier on the same line. Entries are sorted by line, then col. */
struct ycolfix {
	size_t line, col;
	long delta;
};

struct yfixes {
	struct ycolfix *v;
	size_t n, cap;
};

/* Does buf look like JSON (first significant character '{' or '[')? */
bool ydoc_json_like(const char *buf, size_t len);
/* Does buf hold a UTF-16 surrogate escape, which libyaml always rejects? */
bool ydoc_json_has_surrogates(const char *buf, size_t len);
/* A copy of the JSON text buf that libyaml 0.2.5 accepts: surrogate pairs
 * as \U escapes, lone surrogates as U+FFFD, DEL, C1 controls and
 * noncharacters as \u escapes, keys longer than 1000 characters made
 * explicit ("? "). Returns NULL when nothing needed a change; otherwise
 * the caller frees the copy, and fx holds the column fix-ups. */
char *ydoc_json_repair(const char *buf, size_t len, size_t *out_len, struct yfixes *fx);
/* The file's 1-based column of a 0-based mark in the repaired text. */
unsigned ydoc_fix_col(const struct yfixes *fx, size_t line, size_t col);

#endif
