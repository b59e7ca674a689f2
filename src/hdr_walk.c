/*
 * hdr_walk.c - one parsed translation unit to the C model: records (with
 * C11 anonymous members flattened and inline records named after their
 * member), enums, typedefs, and the comments a user wrote on each of them.
 *
 * Comments are found in the file's text by hdr_cmt.c rather than through
 * clang_Cursor_getRawCommentText, which returns one comment at most and
 * loses those on brace lines, after macro calls or before #ifdef. Each
 * comment is parsed for annotations at its own place.
 *
 * The walker returns Continue on FieldDecl and TypedefDecl: their children
 * repeat an inline record, which would otherwise be walked twice.
 */
#include "config.h"

#include "hdr_int.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

const char *walk_str(struct walker *w, CXString s)
{
	const char *c = clang_getCString(s);
	const char *r = arena_strdup(&w->h->arena, c ? c : "");
	clang_disposeString(s);
	return r;
}

struct loc walk_loc(struct walker *w, CXSourceLocation where)
{
	CXFile file;
	unsigned line, col;
	clang_getExpansionLocation(where, &file, &line, &col, NULL);
	struct loc l = {NULL, line, col};
	struct hfile *f = file ? walk_hfile(w, where, NULL) : NULL;
	if (f && !f->shown) {
		CXString name = clang_getFileName(file);
		f->shown = loc_intern(clang_getCString(name));
		clang_disposeString(name);
	}
	l.file = f ? f->shown : NULL;
	return l;
}

/* The directories of the headers being checked, for reached(). */
static void collect_roots(struct walker *w)
{
	w->roots_ready = true;
	for (size_t i = 0; i < w->scope->cap; i++) {
		const char *path = w->scope->slots[i].key;
		const char *slash = path ? strrchr(path, '/') : NULL;
		if (!slash)
			continue;
		char *dir = arena_alloc(&w->h->arena, (size_t)(slash - path) + 1);
		memcpy(dir, path, (size_t)(slash - path));
		dir[slash - path] = '\0';
		strmap_put(&w->roots, dir, dir);
	}
}

/* Is a header that was not named one of the project's, reached from a
 * named one (an umbrella header such as telebot.h including
 * telebot-types.h)? It is when it is no system header and lies in the
 * directory tree of a named header. */
static bool reached(struct walker *w, CXFile file, const char *path)
{
	if (!w->named || strmap_get(w->named, path))
		return false; /* a unit's own header: checked there */
	const void *owner = strmap_get(w->claimed, path);
	if (owner)
		return owner == w->scope; /* each reached header is walked once */
	if (clang_Location_isInSystemHeader(clang_getLocationForOffset(w->tu, file, 0)))
		return false;
	if (!w->roots_ready)
		collect_roots(w);
	char dir[4096];
	size_t n = strlen(path);
	if (path[0] != '/' || n >= sizeof dir)
		return false;
	memcpy(dir, path, n + 1);
	for (char *slash = strrchr(dir, '/'); slash && slash > dir; slash = strrchr(dir, '/')) {
		*slash = '\0';
		if (strmap_get(&w->roots, dir)) {
			strmap_put(w->claimed, path, (void *)w->scope);
			return true;
		}
	}
	return false;
}

static struct hfile *new_hfile(struct walker *w, CXFile file)
{
	struct hfile *f = arena_alloc(&w->h->arena, sizeof *f);
	f->file = file;
	CXString name = clang_getFileName(file);
	const char *n = clang_getCString(name);
	/* the umbrella names the headers by real path: try that first */
	char *real = n && !strmap_get(w->scope, n) ? realpath(n, NULL) : NULL;
	f->path = arena_strdup(&w->h->arena, real ? real : n ? n : "");
	free(real);
	clang_disposeString(name);
	f->scope = strmap_get(w->scope, f->path) != NULL || (w->tu && reached(w, file, f->path));
	return f;
}

static size_t slot_of(const struct walker *w, CXFile file)
{
	size_t mask = w->n_slots - 1, i = ((uintptr_t)file >> 4) * 0x9E3779B97F4A7C15u & mask;
	while (w->slots[i] && w->slots[i]->file != file)
		i = (i + 1) & mask;
	return i;
}

static void grow_slots(struct walker *w)
{
	struct hfile **old = w->slots;
	size_t n_old = w->n_slots;
	w->n_slots = n_old ? n_old * 2 : 256;
	w->slots = xcalloc(w->n_slots, sizeof *w->slots);
	for (size_t i = 0; i < n_old; i++)
		if (old[i])
			w->slots[slot_of(w, old[i]->file)] = old[i];
	free(old);
}

struct hfile *walk_hfile(struct walker *w, CXSourceLocation where, unsigned *offset)
{
	CXFile file;
	clang_getExpansionLocation(where, &file, NULL, NULL, offset);
	if (!file)
		return NULL;
	if ((w->n_files + 1) * 2 > w->n_slots)
		grow_slots(w);
	size_t i = slot_of(w, file);
	if (!w->slots[i]) {
		w->slots[i] = new_hfile(w, file);
		w->n_files++;
	}
	return w->slots[i];
}

void walk_files_free(struct walker *w)
{
	for (size_t i = 0; i < w->n_slots; i++)
		if (w->slots[i])
			cmt_index_free(&w->slots[i]->cmts);
	free(w->slots);
	w->slots = NULL;
	w->n_slots = w->n_files = 0;
	strmap_free(&w->roots);
	w->roots_ready = false;
}

static bool file_in_scope(struct walker *w, CXCursor c)
{
	struct hfile *f = walk_hfile(w, clang_getCursorLocation(c), NULL);
	return f && f->scope;
}

/* Is declaration c in a header being checked? Counts it as taken from it. */
static bool in_scope(struct walker *w, CXCursor c)
{
	struct hfile *f = walk_hfile(w, clang_getCursorLocation(c), NULL);
	if (f && f->scope)
		f->defs++;
	return f && f->scope;
}

/* The file's text with its comments indexed, or NULL. */
struct hfile *walk_scanned(struct walker *w, CXSourceLocation where, unsigned *offset)
{
	struct hfile *f = walk_hfile(w, where, offset);
	if (!f)
		return NULL;
	if (!f->scanned) {
		f->scanned = true;
		f->buf = clang_getFileContents(w->tu, f->file, &f->len);
		if (f->buf)
			cmt_scan(&f->cmts, f->buf, f->len);
		if (f->buf && f->scope)
			walk_note_file(w, f);
	}
	return f->buf ? f : NULL;
}

/* Parse the picked comments for annotations; returns their text joined
 * by newlines (in the arena), or NULL when there is none. */
static const char *take(struct walker *w, const struct hfile *f, const struct cmt_pick *pk,
                        struct annot_set *annots)
{
	if (!pk->n)
		return NULL;
	struct sbuf sb = {0};
	for (size_t i = 0; i < pk->n; i++) {
		const struct cmt *c = &f->cmts.v[pk->v[i]];
		if (i && c == &f->cmts.v[pk->v[i - 1]])
			continue;
		annot_parse(annots, f->buf + c->begin, c->end - c->begin, c->line, c->col);
		if (sb.len)
			sbuf_putc(&sb, '\n');
		sbuf_add(&sb, f->buf + c->begin, c->end - c->begin);
	}
	const char *r = arena_strndup(&w->h->arena, sb.buf, sb.len);
	sbuf_free(&sb);
	return r;
}

static size_t extent_begin(CXCursor c)
{
	unsigned off = 0;
	clang_getExpansionLocation(clang_getRangeStart(clang_getCursorExtent(c)), NULL, NULL, NULL,
	                           &off);
	return off;
}

/* Is the name at offset off of f not written there (a macro made it)? */
bool walk_from_macro(const struct hfile *f, size_t off, const char *name, size_t len)
{
	if (off + len > f->len || memcmp(f->buf + off, name, len))
		return true;
	return off + len < f->len &&
	       (isalnum((unsigned char)f->buf[off + len]) || f->buf[off + len] == '_');
}

/* Comments of a declarator: before it and after its name. */
static const char *decl_comments(struct walker *w, CXCursor c, enum cmt_decl kind,
                                 struct annot_set *annots)
{
	unsigned name;
	const struct hfile *f = walk_scanned(w, clang_getCursorLocation(c), &name);
	if (!f)
		return NULL;
	CXString sp = clang_getCursorSpelling(c);
	const char *s = clang_getCString(sp);
	size_t len = strlen(s);
	bool macro = walk_from_macro(f, name, s, len);
	clang_disposeString(sp);
	/* a member of a record that one macro call made whole: the comments
	 * around the call are the record's */
	if (macro && extent_begin(clang_getCursorSemanticParent(c)) == name)
		return NULL;
	struct cmt_pick pk = {.n = 0};
	cmt_leading(&f->cmts, f->buf, extent_begin(c), &pk);
	cmt_trailing(&f->cmts, f->buf, f->len, name, len, kind, macro, &pk);
	return take(w, f, &pk, annots);
}

/* Comments of a record or enum definition: before it (unless it is the
 * type of a member, which owns that comment), on its '{' line, and after
 * its '}' when nothing but ';' follows. */
static const char *body_comments(struct walker *w, CXCursor c, struct annot_set *annots)
{
	CXSourceRange ext = clang_getCursorExtent(c);
	unsigned begin, end;
	const struct hfile *f = walk_scanned(w, clang_getRangeStart(ext), &begin);
	if (!f)
		return NULL;
	clang_getExpansionLocation(clang_getRangeEnd(ext), NULL, NULL, NULL, &end);
	enum CXCursorKind pk_kind = clang_getCursorKind(clang_getCursorLexicalParent(c));
	struct cmt_pick pk = {.n = 0};
	if (pk_kind != CXCursor_StructDecl && pk_kind != CXCursor_UnionDecl)
		cmt_leading(&f->cmts, f->buf, begin, &pk);
	enum CXCursorKind k = clang_getCursorKind(c);
	const char *kw = k == CXCursor_UnionDecl  ? "union"
	                 : k == CXCursor_EnumDecl ? "enum"
	                                          : "struct";
	if (walk_from_macro(f, begin, kw, strlen(kw))) { /* DECLARE(pet); // doc */
		cmt_trailing(&f->cmts, f->buf, f->len, begin, 0, CMT_FIELD, true, &pk);
		return take(w, f, &pk, annots);
	}
	cmt_brace_line(&f->cmts, f->buf, f->len, begin, &pk);
	cmt_after_close(&f->cmts, f->buf, f->len, end, &pk);
	return take(w, f, &pk, annots);
}

/* Append src's tags and problems to dst, emptying src. */
static void move_annots(struct annot_set *dst, struct annot_set *src)
{
	for (size_t i = 0; i < src->n; i++)
		*VEC_PUSH(dst->v, dst->n, dst->cap) = src->v[i];
	for (size_t i = 0; i < src->n_probs; i++)
		*VEC_PUSH(dst->probs, dst->n_probs, dst->probs_cap) = src->probs[i];
	free(src->v);
	free(src->probs);
	memset(src, 0, sizeof *src);
}

/* The comments of a record or enum, added to the tags a typedef may have
 * lent it already. */
static const char *body_annots(struct walker *w, CXCursor c, struct annot_set *annots)
{
	struct annot_set mine = {0};
	const char *text = body_comments(w, c, &mine);
	move_annots(annots, &mine);
	return text;
}

/* Did clang report an error inside c's braces? The braces are found in
 * the text: clang's extent of a record left open ends early. */
static bool has_error(struct walker *w, CXCursor c)
{
	if (!w->n_errs)
		return false;
	CXSourceRange ext = clang_getCursorExtent(c);
	CXFile f2;
	unsigned b, e;
	const struct hfile *f = walk_scanned(w, clang_getRangeStart(ext), &b);
	clang_getExpansionLocation(clang_getRangeEnd(ext), &f2, NULL, NULL, &e);
	if (!f || f->file != f2)
		return true; /* its '}' is missing: clang closed it at the end of input */
	size_t close = cmt_body_end(&f->cmts, f->buf, f->len, b);
	if (close == f->len)
		return true;
	if (close != (size_t)-1 && close > e)
		e = (unsigned)close;
	for (size_t i = 0; i < w->n_errs; i++)
		if (w->errs[i].file == f->file && w->errs[i].offset >= b && w->errs[i].offset <= e)
			return true;
	return false;
}

/* bool is a macro (stdbool.h), so clang spells the type _Bool; the user
 * wrote bool, and messages should say so. */
static void spell_bool(struct walker *w, CXCursor c, struct hdr_type *ty)
{
	if (ty->kind != HK_BOOL || ty->n_chain || strncmp(ty->base, "_Bool", 5))
		return;
	unsigned at;
	const struct hfile *f = walk_scanned(w, clang_getRangeStart(clang_getCursorExtent(c)), &at);
	const char *p = f ? f->buf + at : NULL;
	if (p && !strncmp(p, "const ", 6))
		p += 6;
	if (!p || (size_t)(p - f->buf) + 5 > f->len || strncmp(p, "bool", 4) ||
	    isalnum((unsigned char)p[4]) || p[4] == '_')
		return;
	const char *b = strstr(ty->spelling, "_Bool");
	if (!b)
		return;
	struct sbuf sb = {0};
	sbuf_add(&sb, ty->spelling, (size_t)(b - ty->spelling));
	sbuf_printf(&sb, "bool%s", b + 5);
	ty->spelling = arena_strdup(&w->h->arena, sb.buf);
	ty->base = "bool";
	sbuf_free(&sb);
}

static bool anonymous_name(const char *s)
{
	return !*s || strstr(s, "(anonymous") || strstr(s, "(unnamed");
}

struct record_ctx {
	struct walker *w;
	struct hdr_record *rec;
	CXType rec_type;
	bool flattening;
};

static enum CXChildVisitResult visit_member(CXCursor c, CXCursor parent, CXClientData data);

static void add_member(struct record_ctx *rc, CXCursor c)
{
	struct walker *w = rc->w;
	struct hdr_record *rec = rc->rec;
	struct hdr_member *m = VEC_PUSH(rec->members, rec->n_members, rec->members_cap);
	memset(m, 0, sizeof *m);
	m->name = walk_str(w, clang_getCursorSpelling(c));
	m->loc = walk_loc(w, clang_getCursorLocation(c));
	m->bit_width = clang_Cursor_isBitField(c) ? clang_getFieldDeclBitWidth(c) : -1;
	m->from_anonymous = rc->flattening;
	m->offset_bits = rc->flattening ? clang_Type_getOffsetOf(rc->rec_type, m->name)
	                                : clang_Cursor_getOffsetOfField(c);
	struct annot_set annots = {0};
	m->comment = decl_comments(w, c, CMT_FIELD, &annots);
	/* an error in its declaration: its type, or its comments, may be
	 * another's (clang skips up to the next ';' after "expected ';'") */
	unsigned errs =
	        rec->in_scope ? broken_place(w, c, &(struct hdr_err){.rec = rec, .member = m->name},
	                                     false)
	                      : 0;
	m->invalid = errs || clang_isInvalidDeclaration(c);
	if (rec->in_scope && m->invalid)
		rec->broken = true;
	struct hdr_type ty;
	hdr_type_read(w, clang_getCursorType(c), &ty);
	spell_bool(w, c, &ty);
	/* the vector may have moved while the type pulled in nested records */
	m = &rec->members[rec->n_members - 1];
	m->type = ty;
	m->annots = annots;
	if (rec->in_scope)
		walk_member_places(w, rec, c);
	if (ty.record && !ty.record->tag && !ty.record->outer) {
		ty.record->outer = rec; /* named after this member in walk_finish() */
		ty.record->outer_member = m->name;
	}
}

static enum CXChildVisitResult visit_member(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	struct record_ctx *rc = data;
	enum CXCursorKind k = clang_getCursorKind(c);
	if (k == CXCursor_FieldDecl) {
		add_member(rc, c);
	} else if ((k == CXCursor_StructDecl || k == CXCursor_UnionDecl) &&
	           clang_Cursor_isAnonymousRecordDecl(c)) {
		/* a C11 anonymous member: its members are the parent's */
		bool was = rc->flattening;
		rc->flattening = true;
		clang_visitChildren(c, visit_member, rc);
		rc->flattening = was;
	} else if ((k == CXCursor_StructDecl || k == CXCursor_UnionDecl) &&
	           clang_isCursorDefinition(c)) {
		hdr_record_get(rc->w, c);
	} else if (k == CXCursor_EnumDecl && clang_isCursorDefinition(c)) {
		hdr_enum_get(rc->w, c);
	}
	return CXChildVisit_Continue;
}

static void *lookup(struct walker *w, CXCursor c, const char **usr)
{
	*usr = walk_str(w, clang_getCursorUSR(c));
	return **usr ? strmap_get(&w->by_usr, *usr) : NULL;
}

static const char *display_of(struct walker *w, const char *kind, const char *tag)
{
	char *d = xasprintf("%s %s", kind, tag);
	const char *r = arena_strdup(&w->h->arena, d);
	free(d);
	return r;
}

static void record_body(struct walker *w, struct hdr_record *rec, CXCursor c)
{
	rec->walk_state = 1;
	rec->complete = true;
	rec->in_scope = in_scope(w, c);
	rec->size = clang_Type_getSizeOf(clang_getCursorType(c));
	rec->comment = body_annots(w, c, &rec->annots);
	if (rec->in_scope && (clang_isInvalidDeclaration(c) || has_error(w, c))) {
		rec->broken = true;
		broken_place(w, c, &(struct hdr_err){.rec = rec}, false);
	}
	if (rec->tag)
		rec->display = display_of(w, rec->is_union ? "union" : "struct", rec->tag);
	*VEC_PUSH(w->h->records, w->h->n_records, w->h->records_cap) = rec;
	struct record_ctx rc = {w, rec, clang_getCursorType(c), false};
	clang_visitChildren(c, visit_member, &rc);
	if (rec->in_scope)
		walk_record_places(w, rec, c);
	rec->walk_state = 2;
}

struct hdr_record *hdr_record_get(struct walker *w, CXCursor decl)
{
	CXCursor def = clang_getCursorDefinition(decl);
	bool complete = !clang_Cursor_isNull(def);
	CXCursor c = complete ? def : decl;
	const char *usr;
	struct hdr_record *rec = lookup(w, c, &usr);
	if (rec && (rec->complete || !complete))
		return rec;
	if (!rec) {
		rec = arena_alloc(&w->h->arena, sizeof *rec);
		if (*usr)
			strmap_put(&w->by_usr, usr, rec);
		const char *name = walk_str(w, clang_getCursorSpelling(c));
		rec->tag = anonymous_name(name) ? NULL : name;
		rec->is_union = clang_getCursorKind(c) == CXCursor_UnionDecl;
		rec->loc = walk_loc(w, clang_getCursorLocation(c));
	}
	if (complete && !rec->walk_state)
		record_body(w, rec, c);
	return rec;
}

static enum CXChildVisitResult visit_enumerator(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	struct walker *w = ((void **)data)[0];
	struct hdr_enum *e = ((void **)data)[1];
	if (clang_getCursorKind(c) != CXCursor_EnumConstantDecl)
		return CXChildVisit_Continue;
	struct hdr_enumerator *it = VEC_PUSH(e->items, e->n_items, e->items_cap);
	memset(it, 0, sizeof *it);
	it->name = walk_str(w, clang_getCursorSpelling(c));
	it->loc = walk_loc(w, clang_getCursorLocation(c));
	it->value = e->is_signed ? clang_getEnumConstantDeclValue(c)
	                         : (long long)clang_getEnumConstantDeclUnsignedValue(c);
	struct annot_set annots = {0};
	decl_comments(w, c, CMT_ENUMERATOR, &annots);
	e->items[e->n_items - 1].annots = annots;
	return CXChildVisit_Continue;
}

static void enum_width(struct hdr_enum *e, CXCursor def)
{
	CXType it = clang_getCanonicalType(clang_getEnumDeclIntegerType(def));
	long long size = clang_Type_getSizeOf(it);
	e->bits = size > 0 ? (unsigned)size * 8 : 32;
	e->is_signed = !(it.kind == CXType_UInt || it.kind == CXType_ULong ||
	                 it.kind == CXType_ULongLong || it.kind == CXType_UShort ||
	                 it.kind == CXType_UChar || it.kind == CXType_Char_U);
}

struct hdr_enum *hdr_enum_get(struct walker *w, CXCursor decl)
{
	CXCursor def = clang_getCursorDefinition(decl);
	if (clang_Cursor_isNull(def))
		return NULL;
	const char *usr;
	struct hdr_enum *e = lookup(w, def, &usr);
	struct loc at = walk_loc(w, clang_getCursorLocation(def));
	if (e && e->loc.file == at.file && e->loc.line == at.line && e->loc.col == at.col)
		return e;
	if (e) { /* defined again under one name (typedef enum {...} x_e; twice) */
		char *key = xasprintf("%s@%u:%u", usr, at.line, at.col);
		usr = arena_strdup(&w->h->arena, key);
		free(key);
		if ((e = strmap_get(&w->by_usr, usr)) != NULL)
			return e;
	}
	e = arena_alloc(&w->h->arena, sizeof *e);
	if (*usr)
		strmap_put(&w->by_usr, usr, e);
	const char *name = walk_str(w, clang_getCursorSpelling(def));
	e->tag = anonymous_name(name) ? NULL : name;
	e->loc = at;
	e->in_scope = in_scope(w, def);
	enum_width(e, def);
	if (e->tag)
		e->display = display_of(w, "enum", e->tag);
	body_annots(w, def, &e->annots);
	if (e->in_scope && (clang_isInvalidDeclaration(def) || has_error(w, def))) {
		e->broken = true;
		broken_place(w, def, &(struct hdr_err){.enm = e}, false);
		broken_enum_items(w, e, def);
	}
	*VEC_PUSH(w->h->enums, w->h->n_enums, w->h->enums_cap) = e;
	void *ctx[2] = {w, e};
	clang_visitChildren(def, visit_enumerator, ctx);
	if (e->n_bad)
		broken_enum_fragments(e);
	return e;
}

/* Merge a typedef's comment tags into the record or enum it names, unless
 * it is the very comment already read for that declaration. */
static void adopt_annots(struct annot_set *dst, const char *dst_comment,
                         const struct annot_set *src, const char *src_comment)
{
	if (!src_comment || (dst_comment && !strcmp(src_comment, dst_comment)))
		return;
	for (size_t i = 0; i < src->n; i++) {
		struct annot a = src->v[i];
		a.arg = a.arg ? xstrdup(a.arg) : NULL;
		a.reason = a.reason ? xstrdup(a.reason) : NULL;
		*VEC_PUSH(dst->v, dst->n, dst->cap) = a;
	}
	/* its problems stay with the typedef, which reports them itself */
}

static void name_by_typedef(struct hdr_typedef *td, const char *comment)
{
	if (td->type.kind == HK_RECORD && td->type.record) {
		struct hdr_record *r = td->type.record;
		if (!r->tdname) {
			r->tdname = td->name;
			r->display = td->name;
			r->anonymous = false;
		}
		adopt_annots(&r->annots, r->comment, &td->annots, comment);
	} else if (td->type.kind == HK_ENUM && td->type.enm) {
		struct hdr_enum *e = td->type.enm;
		if (!e->tdname) {
			e->tdname = td->name;
			e->display = td->name;
		}
		adopt_annots(&e->annots, NULL, &td->annots, comment);
	}
}

static void add_typedef(struct walker *w, CXCursor c)
{
	struct hdr_typedef *td = arena_alloc(&w->h->arena, sizeof *td);
	td->name = walk_str(w, clang_getCursorSpelling(c));
	td->loc = walk_loc(w, clang_getCursorLocation(c));
	td->in_scope = in_scope(w, c);
	const char *comment = decl_comments(w, c, CMT_FIELD, &td->annots);
	CXType under = clang_getTypedefDeclUnderlyingType(c);
	hdr_type_read(w, under, &td->type);
	*VEC_PUSH(w->h->typedefs, w->h->n_typedefs, w->h->typedefs_cap) = td;
	if (!td->type.ptr && !td->type.n_dims) {
		/* typedef enum {...} x_e; defined twice: the error is at x_e */
		if (td->in_scope && td->type.kind == HK_ENUM && w->n_errs)
			broken_place(w, c, &(struct hdr_err){.enm = td->type.enm}, true);
		name_by_typedef(td, comment);
		if (td->in_scope && td->type.kind == HK_RECORD && td->type.record)
			walk_typedef_places(w, td->type.record, c);
	}
}

/* Does c declare int64_t (then --fix may write <stdint.h> types)? */
static bool is_stdint(CXCursor c)
{
	CXString s = clang_getCursorSpelling(c);
	bool yes = !strcmp(clang_getCString(s), "int64_t");
	clang_disposeString(s);
	return yes;
}

/* A prototype in a header being checked: a declaration the header gave
 * (it is C), and the place of the errors in it. */
static void add_function(struct walker *w, CXCursor c)
{
	struct hfile *f = walk_hfile(w, clang_getCursorLocation(c), NULL);
	if (!f || !f->scope)
		return;
	if (!clang_isInvalidDeclaration(c))
		f->defs++;
	if (w->n_errs)
		broken_place(w, c,
		             &(struct hdr_err){.func = walk_str(w, clang_getCursorSpelling(c))},
		             false);
}

static enum CXChildVisitResult visit_top(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	struct walker *w = data;
	/* -isystem headers are system headers to clang, but may be checked */
	if (clang_Location_isInSystemHeader(clang_getCursorLocation(c)) && !file_in_scope(w, c)) {
		if (clang_getCursorKind(c) == CXCursor_TypedefDecl && !w->h->has_stdint)
			w->h->has_stdint = is_stdint(c);
		return CXChildVisit_Continue;
	}
	switch (clang_getCursorKind(c)) {
	case CXCursor_StructDecl:
	case CXCursor_UnionDecl:
		if (clang_isCursorDefinition(c))
			hdr_record_get(w, c);
		break;
	case CXCursor_EnumDecl:
		if (clang_isCursorDefinition(c))
			hdr_enum_get(w, c);
		break;
	case CXCursor_TypedefDecl:
		add_typedef(w, c);
		break;
	case CXCursor_FunctionDecl:
		add_function(w, c);
		break;
	default:
		break;
	}
	return CXChildVisit_Continue;
}

void walk_unit(struct walker *w)
{
	clang_visitChildren(clang_getTranslationUnitCursor(w->tu), visit_top, w);
	for (size_t i = 0; i < w->n_errs; i++) {
		if (!w->errs[i].file)
			continue;
		CXSourceLocation at = clang_getLocationForOffset(w->tu, w->errs[i].file, 0);
		struct hfile *f = walk_hfile(w, at, NULL);
		if (f && f->scope && !f->defs) {
			f->defs = 1; /* count each file once */
			w->broken++;
		}
	}
}

static const char *anon_display(struct hdr_set *h, const char *what, const struct loc *at)
{
	char *d = xasprintf("(anonymous %s at %s:%u:%u)", what, at->file, at->line, at->col);
	const char *r = arena_strdup(&h->arena, d);
	free(d);
	return r;
}

static char *loc_key(const char *kind, const struct loc *at)
{
	return xasprintf("%s@%s:%u:%u", kind, at->file ? at->file : "", at->line, at->col);
}

/* A type pointing at another unit's out-of-scope copy of a checked record
 * or enum (a header parsed on its own, included by others) is pointed at
 * the checked one, so that both sides agree on what it is bound to. */
static void repoint(const struct strmap *twins, struct hdr_type *t)
{
	if (t->record && !t->record->in_scope) {
		char *k = loc_key("r", &t->record->loc);
		struct hdr_record *r = strmap_get(twins, k);
		t->record = r ? r : t->record;
		free(k);
	}
	if (t->enm && !t->enm->in_scope) {
		char *k = loc_key("e", &t->enm->loc);
		struct hdr_enum *e = strmap_get(twins, k);
		t->enm = e ? e : t->enm;
		free(k);
	}
}

static void unify(struct hdr_set *h)
{
	struct strmap twins = {0};
	for (size_t i = 0; i < h->n_records; i++)
		if (h->records[i]->in_scope && h->records[i]->complete) {
			char *k = loc_key("r", &h->records[i]->loc);
			strmap_put(&twins, arena_strdup(&h->arena, k), h->records[i]);
			free(k);
		}
	for (size_t i = 0; i < h->n_enums; i++)
		if (h->enums[i]->in_scope) {
			char *k = loc_key("e", &h->enums[i]->loc);
			strmap_put(&twins, arena_strdup(&h->arena, k), h->enums[i]);
			free(k);
		}
	for (size_t i = 0; i < h->n_records; i++)
		for (size_t j = 0; j < h->records[i]->n_members; j++)
			repoint(&twins, &h->records[i]->members[j].type);
	for (size_t i = 0; i < h->n_typedefs; i++)
		repoint(&twins, &h->typedefs[i]->type);
	strmap_free(&twins);
}

void walk_finish(struct hdr_set *h, bool several_units)
{
	if (several_units)
		unify(h);
	for (size_t i = 0; i < h->n_records; i++) {
		struct hdr_record *r = h->records[i];
		r->anonymous = !r->tag && !r->tdname;
		if (r->anonymous && r->outer && r->outer->display) {
			char *d = xasprintf("%s.%s", r->outer->display, r->outer_member);
			r->display = arena_strdup(&h->arena, d);
			free(d);
		}
		if (!r->display || !*r->display)
			r->display = anon_display(h, r->is_union ? "union" : "struct", &r->loc);
	}
	for (size_t i = 0; i < h->n_enums; i++) {
		struct hdr_enum *e = h->enums[i];
		if (!e->display)
			e->display = anon_display(h, "enum", &e->loc);
		for (size_t j = 0; e->in_scope && j < e->n_items; j++) { /* FLAG_X = 1 << 3 */
			long long v = e->items[j].value;
			if (v > 0 && !(v & (v - 1)))
				*VEC_PUSH(h->bits, h->n_bits, h->bits_cap) = (struct hdr_bit){
				        e->items[j].name, (unsigned long long)v, e->items[j].loc};
		}
	}
	for (size_t i = 0; i < h->n_records; i++) {
		h->records[i]->bits = h->bits;
		h->records[i]->n_bits = h->n_bits;
	}
}
