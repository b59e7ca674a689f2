/*
 * hdr_place.c - the places in a header that --fix edits, read while the
 * walker is at each declaration: a member's type, name and the end of its
 * ';', a record's closing brace and where a declaration it needs would go,
 * and each checked file's length and hash as parsed, so that a file
 * changed since is never edited at stale offsets.
 *
 * Offsets come from clang's expansion locations; a declaration a macro
 * wrote, or one that shares its type with another declarator (int a, b;),
 * is not editable: rewriting it alone would change its neighbours.
 */
#include "config.h"

#include "hdr_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

unsigned long long hdr_text_hash(const char *buf, size_t len)
{
	unsigned long long h = 1469598103934665603ull;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)buf[i]) * 1099511628211ull;
	return h;
}

const struct hdr_file *hdr_find_file(const struct hdr_set *h, const char *path)
{
	size_t i = (size_t)(uintptr_t)strmap_get(&h->file_index, path);
	return i ? &h->files[i - 1] : NULL;
}

void walk_note_file(struct walker *w, const struct hfile *f)
{
	CXString name = clang_getFileName(f->file);
	const char *path = loc_intern(clang_getCString(name));
	clang_disposeString(name);
	if (hdr_find_file(w->h, path))
		return; /* another unit parsed it too */
	struct hdr_file *hf = VEC_PUSH(w->h->files, w->h->n_files, w->h->files_cap);
	hf->path = path;
	hf->len = f->len;
	hf->hash = hdr_text_hash(f->buf, f->len);
	strmap_put(&w->h->file_index, path, (void *)(uintptr_t)w->h->n_files);
	hdr_scan_bits(w->h, path, f->buf, f->len);
}

/* The place of a location in file f, or a zero place elsewhere. */
static struct hdr_pos place(CXSourceLocation at, const struct hfile *f)
{
	CXFile file;
	struct hdr_pos p = {0, 0, 0};
	clang_getExpansionLocation(at, &file, &p.line, &p.col, &p.off);
	if (file != f->file)
		p = (struct hdr_pos){0, 0, 0};
	return p;
}

static size_t line_start(const char *buf, size_t off)
{
	while (off > 0 && buf[off - 1] != '\n')
		off--;
	return off;
}

/* Only blanks between the start of off's line and off? */
static bool first_on_line(const char *buf, size_t off)
{
	for (size_t i = line_start(buf, off); i < off; i++)
		if (buf[i] != ' ' && buf[i] != '\t')
			return false;
	return true;
}

void walk_member_places(struct walker *w, struct hdr_record *rec, CXCursor c)
{
	struct hdr_member *m = &rec->members[rec->n_members - 1];
	unsigned name;
	const struct hfile *f = walk_scanned(w, clang_getCursorLocation(c), &name);
	if (!f)
		return;
	CXSourceRange ext = clang_getCursorExtent(c);
	m->decl_begin = place(clang_getRangeStart(ext), f);
	m->decl_end = place(clang_getRangeEnd(ext), f);
	m->name_at = place(clang_getCursorLocation(c), f);
	const struct hdr_member *prev = rec->n_members > 1 ? m - 1 : NULL;
	if (prev && prev->decl_begin.line && prev->decl_begin.off == m->decl_begin.off) {
		rec->members[rec->n_members - 2].editable = false; /* int a, b; */
		return;
	}
	size_t end = m->decl_end.off, len = strlen(m->name);
	if (!m->decl_begin.line || !m->decl_end.line || !m->name_at.line ||
	    m->decl_begin.off > name || name + len > end || end > f->len ||
	    walk_from_macro(f, name, m->name, len))
		return;
	size_t semi = end;
	while (semi < f->len && (f->buf[semi] == ' ' || f->buf[semi] == '\t'))
		semi++;
	if (semi >= f->len || f->buf[semi] != ';')
		return;
	m->after_semi = m->decl_end;
	m->after_semi.off = (unsigned)semi + 1;
	m->after_semi.col += (unsigned)(semi + 1 - end);
	m->editable = true;
}

/* The start of the line where a declaration at off, with its leading
 * comments, begins. */
static struct hdr_pos decl_start(const struct hfile *f, struct hdr_pos at)
{
	struct cmt_pick pk = {.n = 0};
	cmt_leading(&f->cmts, f->buf, at.off, &pk);
	if (pk.n) {
		const struct cmt *first = &f->cmts.v[pk.v[0]];
		return (struct hdr_pos){(unsigned)line_start(f->buf, first->begin), first->line, 1};
	}
	return (struct hdr_pos){(unsigned)line_start(f->buf, at.off), at.line, 1};
}

/* The indentation of the last editable member, or one more tab than
 * the closing brace's line. */
static const char *indent_of(struct walker *w, const struct hdr_record *rec, const struct hfile *f,
                             size_t brace)
{
	size_t from = line_start(f->buf, brace), to = from;
	const char *extra = "\t";
	for (size_t i = rec->n_members; i-- > 0;)
		if (rec->members[i].editable &&
		    first_on_line(f->buf, rec->members[i].decl_begin.off)) {
			from = line_start(f->buf, rec->members[i].decl_begin.off);
			to = rec->members[i].decl_begin.off;
			extra = "";
			break;
		}
	if (to == from)
		while (to < brace && (f->buf[to] == ' ' || f->buf[to] == '\t'))
			to++;
	char *s = xasprintf("%.*s%s", (int)(to - from), f->buf + from, extra);
	const char *r = arena_strdup(&w->h->arena, s);
	free(s);
	return r;
}

void walk_record_places(struct walker *w, struct hdr_record *rec, CXCursor c)
{
	CXSourceRange ext = clang_getCursorExtent(c);
	unsigned begin;
	const struct hfile *f = walk_scanned(w, clang_getRangeStart(ext), &begin);
	if (!f)
		return;
	struct hdr_pos start = place(clang_getRangeStart(ext), f);
	struct hdr_pos end = place(clang_getRangeEnd(ext), f);
	const char *kw = rec->is_union ? "union" : "struct";
	if (!start.line || !end.line || end.off == 0 || end.off > f->len ||
	    f->buf[end.off - 1] != '}' || walk_from_macro(f, begin, kw, strlen(kw)))
		return;
	size_t brace = end.off - 1;
	rec->brace_own_line = first_on_line(f->buf, brace);
	rec->insert_at = (struct hdr_pos){(unsigned)brace, end.line, end.col - 1};
	if (rec->brace_own_line)
		rec->insert_at = (struct hdr_pos){(unsigned)line_start(f->buf, brace), end.line, 1};
	rec->indent = indent_of(w, rec, f, brace);
	enum CXCursorKind parent = clang_getCursorKind(clang_getCursorLexicalParent(c));
	if (parent != CXCursor_StructDecl && parent != CXCursor_UnionDecl)
		rec->decl_at = decl_start(f, start);
	rec->editable = true;
}

void walk_typedef_places(struct walker *w, struct hdr_record *rec, CXCursor td)
{
	unsigned begin;
	CXSourceLocation at = clang_getRangeStart(clang_getCursorExtent(td));
	const struct hfile *f = walk_scanned(w, at, &begin);
	struct hdr_pos start = f ? place(at, f) : (struct hdr_pos){0, 0, 0};
	const char *file = walk_loc(w, at).file;
	/* typedef struct { ... } x_t;, not a typedef of a struct defined before */
	if (!start.line || !rec->editable || start.off >= rec->insert_at.off || !file ||
	    !rec->loc.file || strcmp(file, rec->loc.file))
		return;
	struct hdr_pos d = decl_start(f, start);
	if (d.off < rec->decl_at.off)
		rec->decl_at = d;
}
