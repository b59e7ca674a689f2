/*
 * hdr_idiom.c - the registry of the JSON idioms the walk knows
 * (hdr_idiom.h), and what they share: places in the unit's text, the
 * initializer a variable refers to, and the @schema comments that tell
 * which schema a JSON value without a struct stands for (on the function,
 * the variable or the template constant).
 */
#include "config.h"

#include "annot.h"
#include "hdr_cmt.h"
#include "hdr_idiom.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct idiom *const flow_idioms[N_IDIOMS] = {
        [IDIOM_TABLE] = &idiom_table,     [IDIOM_PATH] = &idiom_path,
        [IDIOM_BUILDER] = &idiom_builder, [IDIOM_PRINTF] = &idiom_printf,
        [IDIOM_CALLS] = &idiom_calls,
};

struct fset flow_new_value(struct flow *f)
{
	struct fset r = {0};
	fs_add(&r, FACT(FK_INST, f->next_inst++));
	return r;
}

static bool in_main(struct flow *f, CXFile file)
{
	return file && f->main_file && clang_File_isEqual(file, f->main_file);
}

bool flow_extent(struct flow *f, CXCursor c, unsigned *b, unsigned *e)
{
	CXSourceRange r = clang_getCursorExtent(c);
	CXFile fb, fe;
	clang_getExpansionLocation(clang_getRangeStart(r), &fb, NULL, NULL, b);
	clang_getExpansionLocation(clang_getRangeEnd(r), &fe, NULL, NULL, e);
	return f->text && in_main(f, fb) && in_main(f, fe) && *b <= *e && *e <= f->text_len;
}

struct loc flow_place_at(struct flow *f, unsigned off)
{
	struct loc l = {f->u->path, 0, 0};
	CXSourceLocation at = clang_getLocationForOffset(f->tu, f->main_file, off);
	clang_getExpansionLocation(at, NULL, &l.line, &l.col, NULL);
	return l;
}

CXCursor flow_initializer(CXCursor ref)
{
	CXCursor var = clang_getCursorReferenced(flow_strip(ref));
	if (clang_getCursorKind(var) != CXCursor_VarDecl)
		return clang_getNullCursor();
	CXCursor def = clang_getCursorDefinition(var);
	if (!clang_Cursor_isNull(def))
		var = def;
	struct kids k = flow_kids(var);
	for (unsigned i = k.n; i-- > 0;)
		if (clang_isExpression(clang_getCursorKind(k.v[i])))
			return k.v[i];
	return clang_getNullCursor();
}

static bool json_name(struct flow *f, CXString name)
{
	const char *n = clang_getCString(name);
	bool yes = n && *n && strmap_get(&f->fr->json_types, n);
	clang_disposeString(name);
	return yes;
}

bool flow_json_typed(struct flow *f, CXCursor expr)
{
	CXType t = clang_getCursorType(flow_strip(expr));
	for (unsigned guard = 0; guard < 8; guard++) {
		if (t.kind == CXType_Elaborated)
			t = clang_Type_getNamedType(t);
		if (t.kind == CXType_Pointer) {
			t = clang_getPointeeType(t);
			continue;
		}
		if (t.kind == CXType_Typedef) {
			if (json_name(f, clang_getTypedefName(t)))
				return true;
			t = clang_getTypedefDeclUnderlyingType(clang_getTypeDeclaration(t));
			continue;
		}
		if (t.kind == CXType_Record)
			return json_name(f, clang_getCursorSpelling(clang_getTypeDeclaration(t)));
		return false;
	}
	return false;
}

/* --- @schema in the sources' comments -------------------------------- */

struct schema_note {
	const char *name; /* "" when the declaration has none */
	struct loc at;
};

static void scan_comments(struct flow *f)
{
	if (f->cmts)
		return;
	f->cmts = xcalloc(1, sizeof *f->cmts);
	if (f->text)
		cmt_scan(f->cmts, f->text, f->text_len);
}

/* The @schema in the picked comments, or NULL. */
static const char *schema_in(struct flow *f, const struct cmt_pick *pk, struct loc *at)
{
	const char *found = NULL;
	for (size_t i = 0; i < pk->n && !found; i++) {
		const struct cmt *c = &f->cmts->v[pk->v[i]];
		struct annot_set set = {0};
		annot_parse(&set, f->text + c->begin, c->end - c->begin, c->line, c->col);
		const struct annot *a = annot_find(&set, AT_SCHEMA);
		if (a && a->arg) {
			found = arena_strdup(&f->u->arena, a->arg);
			*at = (struct loc){f->u->path, a->line, a->col};
		}
		annot_set_free(&set);
	}
	return found;
}

/* Only the comments before the parameter's end (the next ',' or ')'):
 * one line may hold several parameters, each with its comment. */
static void keep_before_next(struct flow *f, unsigned from, struct cmt_pick *pk)
{
	unsigned stop = from;
	while (stop < f->text_len && !strchr(",)", f->text[stop])) {
		bool skipped = false;
		for (size_t c = 0; c < pk->n && !skipped; c++)
			if (f->cmts->v[pk->v[c]].begin == stop) {
				stop = (unsigned)f->cmts->v[pk->v[c]].end;
				skipped = true;
			}
		if (!skipped)
			stop++;
	}
	size_t n = 0;
	for (size_t i = 0; i < pk->n; i++)
		if (f->cmts->v[pk->v[i]].begin < stop)
			pk->v[n++] = pk->v[i];
	pk->n = n;
}

static struct schema_note find_schema(struct flow *f, CXCursor decl)
{
	struct schema_note sn = {"", {NULL, 0, 0}};
	unsigned b, e;
	if (!flow_extent(f, decl, &b, &e))
		return sn;
	scan_comments(f);
	struct cmt_pick pk = {.n = 0};
	cmt_leading(f->cmts, f->text, b, &pk);
	const char *name = schema_in(f, &pk, &sn.at);
	if (!name && clang_getCursorKind(decl) != CXCursor_FunctionDecl) {
		CXFile file;
		unsigned off;
		clang_getExpansionLocation(clang_getCursorLocation(decl), &file, NULL, NULL, &off);
		CXString sp = clang_getCursorSpelling(decl);
		size_t len = strlen(clang_getCString(sp));
		clang_disposeString(sp);
		pk.n = 0;
		if (in_main(f, file) && off < f->text_len)
			cmt_trailing(f->cmts, f->text, f->text_len, off, len, CMT_FIELD, false,
			             &pk);
		if (clang_getCursorKind(decl) == CXCursor_ParmDecl)
			keep_before_next(f, off + (unsigned)len, &pk);
		name = schema_in(f, &pk, &sn.at);
	}
	if (name)
		sn.name = name;
	return sn;
}

const char *flow_schema_of(struct flow *f, CXCursor decl, struct loc *at)
{
	if (f->annots <= 0 || clang_Cursor_isNull(decl))
		return NULL;
	char key[48];
	unsigned line = 0, col = 0;
	clang_getExpansionLocation(clang_getCursorLocation(decl), NULL, &line, &col, NULL);
	snprintf(key, sizeof key, "%u:%u:%u", clang_hashCursor(decl), line, col);
	struct schema_note *sn = strmap_get(&f->var_schemas, key);
	if (!sn) {
		sn = arena_alloc(&f->u->arena, sizeof *sn);
		*sn = find_schema(f, decl);
		strmap_put(&f->var_schemas, xstrdup(key), sn);
	}
	if (!*sn->name)
		return NULL;
	*at = sn->at;
	return sn->name;
}

void flow_root_schema(struct flow *f, size_t s, CXCursor obj)
{
	struct loc at;
	const char *name = NULL;
	CXCursor o = clang_Cursor_isNull(obj) ? obj : flow_strip(obj);
	if (!clang_Cursor_isNull(o) && clang_getCursorKind(o) == CXCursor_DeclRefExpr) {
		CXCursor var = clang_getCursorReferenced(o);
		enum CXCursorKind k = clang_getCursorKind(var);
		if (k == CXCursor_VarDecl || k == CXCursor_ParmDecl)
			name = flow_schema_of(f, var, &at);
	}
	if (!name && !clang_Cursor_isNull(f->func_cursor))
		name = flow_schema_of(f, f->func_cursor, &at);
	if (name) {
		f->u->sites[s].schema = name;
		f->u->sites[s].schema_at = at;
	}
}
