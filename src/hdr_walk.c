/*
 * hdr_walk.c - headers to the C model with libclang.
 *
 * All headers are parsed as one translation unit: an in-memory umbrella
 * file includes each by absolute path, which is many times faster than a
 * translation unit per header and lets headers see each other's types.
 * Comments are attached with -fparse-all-comments so that plain // comments
 * count, and system-header comments are retained (-isystem users).
 */
#include "config.h"

#include "hdr_int.h"
#include "diag.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *walk_str(struct walker *w, CXString s)
{
	const char *c = clang_getCString(s);
	const char *r = arena_strdup(&w->h->arena, c ? c : "");
	clang_disposeString(s);
	return r;
}

struct loc walk_loc(CXSourceLocation where)
{
	CXFile file;
	unsigned line, col;
	clang_getExpansionLocation(where, &file, &line, &col, NULL);
	struct loc l = {NULL, line, col};
	if (file) {
		CXString name = clang_getFileName(file);
		l.file = loc_intern(clang_getCString(name));
		clang_disposeString(name);
	}
	return l;
}

const char *walk_file(struct walker *w, CXCursor c)
{
	CXFile file;
	clang_getExpansionLocation(clang_getCursorLocation(c), &file, NULL, NULL, NULL);
	return file ? walk_str(w, clang_getFileName(file)) : NULL;
}

static bool in_scope(struct walker *w, CXCursor c)
{
	const char *f = walk_file(w, c);
	return f && strmap_get(&w->scope, f);
}

static bool is_system(CXCursor c)
{
	return clang_Location_isInSystemHeader(clang_getCursorLocation(c));
}

/* Annotations of the comment attached to c. */
static const char *read_comment(struct walker *w, CXCursor c, struct annot_set *annots)
{
	CXString raw = clang_Cursor_getRawCommentText(c);
	const char *text = clang_getCString(raw);
	if (!text || !*text) {
		clang_disposeString(raw);
		return NULL;
	}
	const char *copy = arena_strdup(&w->h->arena, text);
	clang_disposeString(raw);
	struct loc at = walk_loc(clang_getRangeStart(clang_Cursor_getCommentRange(c)));
	annot_parse(annots, copy, strlen(copy), at.line, at.col);
	return copy;
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
	m->loc = walk_loc(clang_getCursorLocation(c));
	m->bit_width = clang_Cursor_isBitField(c) ? clang_getFieldDeclBitWidth(c) : -1;
	m->from_anonymous = rc->flattening;
	m->offset_bits = rc->flattening ? clang_Type_getOffsetOf(rc->rec_type, m->name)
	                                : clang_Cursor_getOffsetOfField(c);
	struct annot_set annots = {0};
	m->comment = read_comment(w, c, &annots);
	struct hdr_type ty;
	hdr_type_read(w, clang_getCursorType(c), &ty);
	/* the vector may have moved while the type pulled in nested records */
	m = &rec->members[rec->n_members - 1];
	m->type = ty;
	m->annots = annots;
	if (ty.record && !ty.record->tag && !ty.record->outer) {
		ty.record->outer = rec; /* named after this member in finish() */
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
	return **usr ? strmap_get(&w->h->by_usr, *usr) : NULL;
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
			strmap_put(&w->h->by_usr, usr, rec);
		const char *name = walk_str(w, clang_getCursorSpelling(c));
		rec->tag = anonymous_name(name) ? NULL : name;
		rec->is_union = clang_getCursorKind(c) == CXCursor_UnionDecl;
		rec->loc = walk_loc(clang_getCursorLocation(c));
	}
	if (!complete || rec->walk_state)
		return rec;
	rec->walk_state = 1;
	rec->complete = true;
	rec->in_scope = in_scope(w, c);
	rec->size = clang_Type_getSizeOf(clang_getCursorType(c));
	rec->comment = read_comment(w, c, &rec->annots);
	if (rec->tag) {
		char *d = xasprintf("%s %s", rec->is_union ? "union" : "struct", rec->tag);
		rec->display = arena_strdup(&w->h->arena, d);
		free(d);
	}
	*VEC_PUSH(w->h->records, w->h->n_records, w->h->records_cap) = rec;
	struct record_ctx rc = {w, rec, clang_getCursorType(c), false};
	clang_visitChildren(c, visit_member, &rc);
	rec->walk_state = 2;
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
	it->loc = walk_loc(clang_getCursorLocation(c));
	it->value = e->is_signed ? clang_getEnumConstantDeclValue(c)
	                         : (long long)clang_getEnumConstantDeclUnsignedValue(c);
	struct annot_set annots = {0};
	read_comment(w, c, &annots);
	e->items[e->n_items - 1].annots = annots;
	return CXChildVisit_Continue;
}

struct hdr_enum *hdr_enum_get(struct walker *w, CXCursor decl)
{
	CXCursor def = clang_getCursorDefinition(decl);
	if (clang_Cursor_isNull(def))
		return NULL;
	const char *usr;
	struct hdr_enum *e = lookup(w, def, &usr);
	if (e)
		return e;
	e = arena_alloc(&w->h->arena, sizeof *e);
	if (*usr)
		strmap_put(&w->h->by_usr, usr, e);
	const char *name = walk_str(w, clang_getCursorSpelling(def));
	e->tag = anonymous_name(name) ? NULL : name;
	e->loc = walk_loc(clang_getCursorLocation(def));
	e->in_scope = in_scope(w, def);
	CXType it = clang_getCanonicalType(clang_getEnumDeclIntegerType(def));
	long long size = clang_Type_getSizeOf(it);
	e->bits = size > 0 ? (unsigned)size * 8 : 32;
	e->is_signed = !(it.kind == CXType_UInt || it.kind == CXType_ULong ||
	                 it.kind == CXType_ULongLong || it.kind == CXType_UShort ||
	                 it.kind == CXType_UChar || it.kind == CXType_Char_U);
	if (e->tag) {
		char *d = xasprintf("enum %s", e->tag);
		e->display = arena_strdup(&w->h->arena, d);
		free(d);
	}
	read_comment(w, def, &e->annots);
	*VEC_PUSH(w->h->enums, w->h->n_enums, w->h->enums_cap) = e;
	void *ctx[2] = {w, e};
	clang_visitChildren(def, visit_enumerator, ctx);
	return e;
}

/* Merge a typedef's comment annotations into the record or enum it names,
 * unless it is the very comment already read for that declaration. */
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
	for (size_t i = 0; i < src->n_probs; i++) {
		struct annot_problem p = src->probs[i];
		p.message = xstrdup(p.message);
		*VEC_PUSH(dst->probs, dst->n_probs, dst->probs_cap) = p;
	}
}

static void add_typedef(struct walker *w, CXCursor c)
{
	struct hdr_typedef *td = arena_alloc(&w->h->arena, sizeof *td);
	td->name = walk_str(w, clang_getCursorSpelling(c));
	td->loc = walk_loc(clang_getCursorLocation(c));
	td->in_scope = in_scope(w, c);
	const char *comment = read_comment(w, c, &td->annots);
	CXType under = clang_getTypedefDeclUnderlyingType(c);
	hdr_type_read(w, under, &td->type);
	*VEC_PUSH(w->h->typedefs, w->h->n_typedefs, w->h->typedefs_cap) = td;
	if (td->type.ptr || td->type.n_dims)
		return;
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

static enum CXChildVisitResult visit_top(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	struct walker *w = data;
	if (is_system(c))
		return CXChildVisit_Continue;
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
	default:
		break;
	}
	return CXChildVisit_Continue;
}

/* Name anonymous records that no typedef or member named. */
static void finish(struct hdr_set *h)
{
	for (size_t i = 0; i < h->n_records; i++) {
		struct hdr_record *r = h->records[i];
		r->anonymous = !r->tag && !r->tdname;
		if (r->anonymous && r->outer && r->outer->display) {
			char *d = xasprintf("%s.%s", r->outer->display, r->outer_member);
			r->display = arena_strdup(&h->arena, d);
			free(d);
		}
		if (!r->display || !*r->display) {
			char *d = xasprintf("(anonymous %s at %s:%u:%u)",
			                    r->is_union ? "union" : "struct", r->loc.file,
			                    r->loc.line, r->loc.col);
			r->display = arena_strdup(&h->arena, d);
			free(d);
		}
	}
	for (size_t i = 0; i < h->n_enums; i++) {
		struct hdr_enum *e = h->enums[i];
		if (!e->display) {
			char *d = xasprintf("(anonymous enum at %s:%u:%u)", e->loc.file,
			                    e->loc.line, e->loc.col);
			e->display = arena_strdup(&h->arena, d);
			free(d);
		}
	}
}

/* Print clang's errors; returns how many there were. */
static unsigned report_diagnostics(CXTranslationUnit tu)
{
	unsigned errors = 0, n = clang_getNumDiagnostics(tu);
	for (unsigned i = 0; i < n; i++) {
		CXDiagnostic d = clang_getDiagnostic(tu, i);
		enum CXDiagnosticSeverity sev = clang_getDiagnosticSeverity(d);
		if (sev >= CXDiagnostic_Error) {
			struct loc at = walk_loc(clang_getDiagnosticLocation(d));
			CXString text = clang_getDiagnosticSpelling(d);
			if (at.file) {
				diag_error(&at, "%s", clang_getCString(text));
				errors++;
			} else {
				diag_warning(NULL, "clang: %s", clang_getCString(text));
			}
			clang_disposeString(text);
		}
		clang_disposeDiagnostic(d);
	}
	return errors;
}

static const char *const base_args[] = {
        "-x",
        "c-header",
        "-fparse-all-comments",
        "-fretain-comments-from-system-headers",
        "-ferror-limit=0",
        "-Wno-pragma-once-outside-header",
};

static bool has_std(const char *const *args, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strncmp(args[i], "-std=", 5) || !strcmp(args[i], "-std") ||
		    !strncmp(args[i], "--std", 5))
			return true;
	return false;
}

static struct hdr_set *parse(struct walker *w, const char *umbrella, const char *text,
                             struct CXUnsavedFile *extra, size_t n_extra, const char *const *args,
                             size_t n_args)
{
	size_t n_all = sizeof base_args / sizeof base_args[0];
	const char **all = xcalloc(n_all + n_args + 2, sizeof *all);
	memcpy(all, base_args, sizeof base_args);
	if (!has_std(args, n_args))
		all[n_all++] = "-std=c11";
	for (size_t i = 0; i < n_args; i++)
		all[n_all++] = args[i];
	struct CXUnsavedFile *files = xcalloc(n_extra + 1, sizeof *files);
	files[0] = (struct CXUnsavedFile){umbrella, text, (unsigned long)strlen(text)};
	for (size_t i = 0; i < n_extra; i++)
		files[i + 1] = extra[i];

	CXIndex idx = clang_createIndex(0, 0);
	CXTranslationUnit tu = NULL;
	unsigned flags = CXTranslationUnit_SkipFunctionBodies | CXTranslationUnit_KeepGoing |
	                 CXTranslationUnit_Incomplete;
	enum CXErrorCode err = clang_parseTranslationUnit2(idx, umbrella, all, (int)n_all, files,
	                                                   (unsigned)n_extra + 1, flags, &tu);
	free(all);
	free(files);
	if (err != CXError_Success || !tu) {
		diag_error(NULL, "clang could not parse the headers (error %d)", (int)err);
		clang_disposeIndex(idx);
		hdr_free(w->h);
		return NULL;
	}
	w->h->n_errors = report_diagnostics(tu);
	if (!w->h->n_errors)
		clang_visitChildren(clang_getTranslationUnitCursor(tu), visit_top, w);
	clang_disposeTranslationUnit(tu);
	clang_disposeIndex(idx);
	if (w->h->n_errors) {
		hdr_free(w->h);
		return NULL;
	}
	finish(w->h);
	return w->h;
}

static char *umbrella_text(const char *const *paths, size_t n)
{
	struct sbuf sb = {0};
	sbuf_puts(&sb, "/* oacheck umbrella */\n");
	for (size_t i = 0; i < n; i++)
		sbuf_printf(&sb, "#include \"%s\"\n", paths[i]);
	return sbuf_take(&sb);
}

static char *umbrella_name(void)
{
	char *cwd = getcwd(NULL, 0);
	char *name = xasprintf("%s/<oacheck-umbrella>.h", cwd ? cwd : "");
	free(cwd);
	return name;
}

struct hdr_set *hdr_load(const struct hdr_options *opt)
{
	struct hdr_set *h = xcalloc(1, sizeof *h);
	struct walker w = {h, {0}};
	const char **abs = xcalloc(opt->n_headers + 1, sizeof *abs);
	size_t n_abs = 0;
	bool failed = false;
	for (size_t i = 0; i < opt->n_headers; i++) {
		char *real = realpath(opt->headers[i], NULL);
		if (!real) {
			struct loc at = {loc_intern(opt->headers[i]), 0, 0};
			diag_error(&at, "cannot read: %s", strerror(errno));
			failed = true;
			continue;
		}
		const char *r = arena_strdup(&h->arena, real);
		free(real);
		if (!strmap_get(&w.scope, r)) {
			strmap_put(&w.scope, r, (void *)r);
			abs[n_abs++] = r;
		}
	}
	struct hdr_set *out = NULL;
	if (!failed) {
		char *text = umbrella_text(abs, n_abs);
		char *name = umbrella_name();
		out = parse(&w, name, text, NULL, 0, opt->clang_args, opt->n_clang_args);
		free(text);
		free(name);
	} else {
		hdr_free(h);
	}
	free(abs);
	strmap_free(&w.scope);
	return out;
}

struct hdr_set *hdr_load_unsaved(const char *const *names, const char *const *texts, size_t n,
                                 const char *const *args, size_t n_args)
{
	struct hdr_set *h = xcalloc(1, sizeof *h);
	struct walker w = {h, {0}};
	struct CXUnsavedFile *files = xcalloc(n + 1, sizeof *files);
	for (size_t i = 0; i < n; i++) {
		strmap_put(&w.scope, names[i], (void *)names[i]);
		files[i] =
		        (struct CXUnsavedFile){names[i], texts[i], (unsigned long)strlen(texts[i])};
	}
	char *text = umbrella_text(names, n);
	struct hdr_set *out = parse(&w, "/oacheck-test/<umbrella>.h", text, files, n, args, n_args);
	free(text);
	free(files);
	strmap_free(&w.scope);
	return out;
}

void hdr_free(struct hdr_set *h)
{
	if (!h)
		return;
	for (size_t i = 0; i < h->n_records; i++) {
		struct hdr_record *r = h->records[i];
		annot_set_free(&r->annots);
		for (size_t j = 0; j < r->n_members; j++)
			annot_set_free(&r->members[j].annots);
		free(r->members);
	}
	for (size_t i = 0; i < h->n_enums; i++) {
		struct hdr_enum *e = h->enums[i];
		annot_set_free(&e->annots);
		for (size_t j = 0; j < e->n_items; j++)
			annot_set_free(&e->items[j].annots);
		free(e->items);
	}
	for (size_t i = 0; i < h->n_typedefs; i++)
		annot_set_free(&h->typedefs[i]->annots);
	free(h->records);
	free(h->enums);
	free(h->typedefs);
	strmap_free(&h->by_usr);
	arena_free(&h->arena);
	free(h);
}

const struct hdr_typedef *hdr_find_typedef(const struct hdr_set *h, const char *name)
{
	for (size_t i = 0; i < h->n_typedefs; i++)
		if (!strcmp(h->typedefs[i]->name, name))
			return h->typedefs[i];
	return NULL;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int expand_dir(const char *dir, const char ***out, size_t *n, size_t *cap, unsigned depth)
{
	DIR *d = opendir(dir);
	if (!d) {
		struct loc at = {loc_intern(dir), 0, 0};
		diag_error(&at, "cannot read directory: %s", strerror(errno));
		return -1;
	}
	char **names = NULL;
	size_t nn = 0, ncap = 0;
	struct dirent *de;
	while ((de = readdir(d)))
		if (de->d_name[0] != '.')
			*VEC_PUSH(names, nn, ncap) = xstrdup(de->d_name);
	closedir(d);
	if (nn)
		qsort(names, nn, sizeof *names, cmp_str);
	int rc = 0;
	for (size_t i = 0; i < nn; i++) {
		char *p = xasprintf("%s/%s", dir, names[i]);
		struct stat st;
		size_t len = strlen(names[i]);
		if (stat(p, &st) == 0 && S_ISDIR(st.st_mode) && depth < 64) {
			if (expand_dir(p, out, n, cap, depth + 1))
				rc = -1;
			free(p);
		} else if (len > 2 && !strcmp(names[i] + len - 2, ".h") && S_ISREG(st.st_mode)) {
			*VEC_PUSH(*out, *n, *cap) = p;
		} else {
			free(p);
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

int hdr_expand_paths(const char *const *paths, size_t n, const char ***out, size_t *n_out)
{
	const char **v = NULL;
	size_t nv = 0, cap = 0;
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		if (stat(paths[i], &st) != 0) {
			struct loc at = {loc_intern(paths[i]), 0, 0};
			diag_error(&at, "cannot read: %s", strerror(errno));
			rc = -1;
		} else if (S_ISDIR(st.st_mode)) {
			char *d = xstrdup(paths[i]);
			size_t len = strlen(d);
			while (len > 1 && d[len - 1] == '/')
				d[--len] = '\0';
			if (expand_dir(d, &v, &nv, &cap, 0))
				rc = -1;
			free(d);
		} else {
			*VEC_PUSH(v, nv, cap) = xstrdup(paths[i]);
		}
	}
	if (rc) {
		hdr_paths_free(v, nv);
		return -1;
	}
	*out = v;
	*n_out = nv;
	return 0;
}

void hdr_paths_free(const char **paths, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free((char *)paths[i]);
	free(paths);
}

const char *hdr_kind_name(enum hdr_kind k)
{
	static const char *const names[] = {"other", "void",   "bool", "char",    "int",
	                                    "float", "record", "enum", "function"};
	return names[k];
}

void hdr_dump(const struct hdr_set *h, void *out)
{
	FILE *fp = out;
	for (size_t i = 0; i < h->n_records; i++) {
		const struct hdr_record *r = h->records[i];
		if (!r->in_scope)
			continue;
		fprintf(fp, "%s %s size=%lld @%s:%u:%u\n", r->is_union ? "union" : "struct",
		        r->display, r->size, r->loc.file, r->loc.line, r->loc.col);
		for (size_t a = 0; a < r->annots.n; a++)
			fprintf(fp, "  @%s %s\n", annot_tag_name(r->annots.v[a].tag),
			        r->annots.v[a].arg ? r->annots.v[a].arg : "");
		for (size_t j = 0; j < r->n_members; j++) {
			const struct hdr_member *m = &r->members[j];
			const struct hdr_type *t = &m->type;
			fprintf(fp, "  .%s: %s [%s %s %u bits%s ptr=%u", m->name, t->spelling,
			        hdr_kind_name(t->kind), t->base, t->bits,
			        t->kind == HK_INT ? (t->is_signed ? " signed" : " unsigned") : "",
			        t->ptr);
			for (unsigned d = 0; d < t->n_dims; d++)
				fprintf(fp, "[%lld]", t->dims[d]);
			fprintf(fp, "] @%u:%u", m->loc.line, m->loc.col);
			for (size_t a = 0; a < m->annots.n; a++)
				fprintf(fp, " @%s%s%s", annot_tag_name(m->annots.v[a].tag),
				        m->annots.v[a].arg ? "=" : "",
				        m->annots.v[a].arg ? m->annots.v[a].arg : "");
			fputc('\n', fp);
		}
	}
	for (size_t i = 0; i < h->n_enums; i++) {
		const struct hdr_enum *e = h->enums[i];
		if (!e->in_scope)
			continue;
		fprintf(fp, "enum %s @%s:%u:%u\n", e->display, e->loc.file, e->loc.line,
		        e->loc.col);
		for (size_t j = 0; j < e->n_items; j++)
			fprintf(fp, "  %s = %lld\n", e->items[j].name, e->items[j].value);
	}
}
