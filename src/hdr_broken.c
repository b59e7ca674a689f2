/*
 * hdr_broken.c - what clang could not parse in a header being checked,
 * kept so that the rest of the header is still checked and each error can
 * be told as a finding that names what it broke.
 *
 * clang recovers from most errors in a declaration list: a record keeps
 * its other members (an unknown type name makes one member invalid), an
 * enum keeps an enumerator for the identifier before a stray '.', '=' or
 * blank. The walker takes what it recovered as it takes any declaration;
 * this file says where each error fell (record and member, enum,
 * function), and for an enum which items of its list, between commas,
 * hold an error: their text as written is what a generator made of an
 * enum value that is no C identifier (thread.run, TIME=100%, Not Set), or
 * an enumerator defined twice. The enumerators clang made from parts of
 * such an item are fragments: no value of the schema, no extra either.
 */
#include "config.h"

#include "hdr_int.h"

#include <stdlib.h>
#include <string.h>

/* The file of c's extent and its start and end offsets there, or NULL. */
static struct hfile *extent(struct walker *w, CXCursor c, unsigned *b, unsigned *e)
{
	CXSourceRange ext = clang_getCursorExtent(c);
	CXFile f2;
	struct hfile *f = walk_hfile(w, clang_getRangeStart(ext), b);
	clang_getExpansionLocation(clang_getRangeEnd(ext), &f2, NULL, NULL, e);
	return f && f->file == f2 ? f : NULL;
}

unsigned broken_place(struct walker *w, CXCursor c, const struct hdr_err *at, bool outer)
{
	unsigned b, e, n = 0;
	struct hfile *f = w->n_errs ? extent(w, c, &b, &e) : NULL;
	if (!f)
		return 0;
	for (size_t i = 0; i < w->n_errs; i++) {
		struct hdr_err *err = &w->errs[i];
		bool placed = err->rec || err->enm || err->func;
		if (err->file == f->file && err->offset >= b && err->offset <= e &&
		    !(outer && placed)) {
			err->rec = at->rec;
			err->member = at->member;
			err->enm = at->enm;
			err->func = at->func;
			n++;
		}
	}
	return n;
}

/* The place in f at offset off. */
static struct loc loc_at(struct walker *w, const struct hfile *f, size_t off)
{
	return walk_loc(w, clang_getLocationForOffset(w->tu, f->file, (unsigned)off));
}

/* The first error in [b, e] of f, or NULL. */
static const struct hdr_err *error_in(const struct walker *w, const struct hfile *f, size_t b,
                                      size_t e)
{
	for (size_t i = 0; i < w->n_errs; i++)
		if (w->errs[i].file == f->file && w->errs[i].offset >= b && w->errs[i].offset <= e)
			return &w->errs[i];
	return NULL;
}

static void add_bad(struct walker *w, struct hdr_enum *e, const struct hfile *f, struct cmt_span sp,
                    const struct hdr_err *err, size_t *cap)
{
	char *text = arena_alloc(&w->h->arena, sp.end - sp.begin + 1);
	if (!cmt_strip(&f->cmts, f->buf, sp, text))
		return; /* an empty item: a trailing comma */
	size_t a = sp.begin;
	while (a < sp.end && (f->buf[a] == ' ' || f->buf[a] == '\t' || f->buf[a] == '\n'))
		a++;
	struct hdr_enum_bad *bad = e->bad;
	if (e->n_bad == *cap) {
		*cap = *cap ? 2 * *cap : 4;
		bad = arena_alloc(&w->h->arena, *cap * sizeof *bad);
		if (e->n_bad)
			memcpy(bad, e->bad, e->n_bad * sizeof *bad);
	}
	bad[e->n_bad++] = (struct hdr_enum_bad){
	        .text = text,
	        .loc = loc_at(w, f, a),
	        .end = loc_at(w, f, sp.end),
	        .error = err->text ? arena_strdup(&w->h->arena, err->text) : NULL};
	e->bad = bad;
}

void broken_enum_items(struct walker *w, struct hdr_enum *e, CXCursor def)
{
	unsigned b, end;
	struct hfile *f = w->n_errs ? extent(w, def, &b, &end) : NULL;
	if (!f || !walk_scanned(w, clang_getCursorLocation(def), NULL))
		return;
	size_t n = cmt_list_items(&f->cmts, f->buf, f->len, b, NULL, 0), cap = 0;
	struct cmt_span *items = xcalloc(n + 1, sizeof *items);
	n = cmt_list_items(&f->cmts, f->buf, f->len, b, items, n);
	for (size_t i = 0; i < n; i++) {
		const struct hdr_err *err = error_in(w, f, items[i].begin, items[i].end);
		if (err)
			add_bad(w, e, f, items[i], err, &cap);
	}
	free(items);
}

static int loc_cmp(const struct loc *a, const struct loc *b)
{
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	return a->col < b->col ? -1 : a->col > b->col;
}

void broken_enum_fragments(struct hdr_enum *e)
{
	for (size_t i = 0; i < e->n_items; i++)
		for (size_t k = 0; k < e->n_bad && !e->items[i].fragment; k++)
			e->items[i].fragment = e->items[i].loc.file == e->bad[k].loc.file &&
			                       loc_cmp(&e->items[i].loc, &e->bad[k].loc) >= 0 &&
			                       loc_cmp(&e->items[i].loc, &e->bad[k].end) <= 0;
}
