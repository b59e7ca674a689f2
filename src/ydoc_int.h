/*
 * ydoc_int.h - what ydoc.c and ydoc_json.c share: the column fix-ups that
 * the JSON repair leaves behind, so that every mark libyaml reports on the
 * repaired text can be turned back into the file's own column.
 */
#ifndef OAC_YDOC_INT_H
#define OAC_YDOC_INT_H

#include <stdbool.h>
#include <stddef.h>

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
