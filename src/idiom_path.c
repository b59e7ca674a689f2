/*
 * idiom_path.c - key paths: one call that reads a nested value, its path
 * a JSONPath string (json_get_string(root, "$.config.polling.sleep"),
 * json-glib's json_path_query) or a NULL-terminated key array
 * (json_get_path_key(root, (const char *[]){"config", "polling", NULL})).
 * A json-calls entry with path: N names the argument. The read becomes a
 * chain of sites, one per key, each nested in the one before (an object,
 * or an array where an index follows), the last with the type the call
 * implies; an index or wildcard ([0], [*]) is an item of the key before.
 */
#include "config.h"

#include "hdr_idiom.h"
#include "spec.h"

#include <stdlib.h>
#include <string.h>

enum { MAX_KEYS = 32 };

/* --- the calls ------------------------------------------------------ */

struct segs {
	char *keys[MAX_KEYS];
	CXCursor at[MAX_KEYS];
	struct loc place[MAX_KEYS]; /* line 0: at's */
	int n;
};

static enum CXChildVisitResult elem_cb(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	void **ctx = data;
	struct flow *f = ctx[0];
	struct segs *sg = ctx[1];
	bool *end = ctx[2];
	if (*end || sg->n >= MAX_KEYS)
		return CXChildVisit_Break;
	enum CXCursorKind k = clang_getCursorKind(flow_strip(c));
	if (k == CXCursor_IntegerLiteral || k == CXCursor_GNUNullExpr) {
		*end = true; /* NULL ends the keys */
		return CXChildVisit_Break;
	}
	const char *lit = flow_literal(f, c);
	sg->keys[sg->n] = lit ? xstrdup(lit) : NULL;
	sg->at[sg->n] = c;
	sg->place[sg->n].line = 0;
	sg->n++;
	return CXChildVisit_Continue;
}

/* The keys of a key array: a compound literal or a local array variable
 * initialized with string literals (a key not written as one is an item:
 * a map's value under a key known at run time), up to NULL. */
static bool array_keys(struct flow *f, CXCursor arg, struct segs *sg)
{
	CXCursor a = flow_strip(arg);
	if (clang_getCursorKind(a) == CXCursor_DeclRefExpr)
		a = flow_initializer(a);
	if (!clang_Cursor_isNull(a) && clang_getCursorKind(a) == CXCursor_CompoundLiteralExpr) {
		struct kids k = flow_kids(a);
		a = k.n ? k.v[k.n - 1] : clang_getNullCursor();
	}
	if (clang_Cursor_isNull(a) || clang_getCursorKind(a) != CXCursor_InitListExpr)
		return false;
	bool end = false;
	void *ctx[3] = {f, sg, &end};
	clang_visitChildren(a, elem_cb, ctx);
	return sg->n > 0;
}

/* The keys of a path string literal, each placed in the literal when the
 * literal is written plainly in the source. */
static bool string_keys(struct flow *f, CXCursor arg, const char *path, struct segs *sg)
{
	size_t offs[MAX_KEYS];
	int n = wire_path_parse(path, sg->keys, offs, MAX_KEYS);
	if (n < 0)
		return false;
	sg->n = n;
	unsigned b, e;
	CXCursor lit = flow_strip(arg);
	bool plain = flow_extent(f, lit, &b, &e) && e - b >= strlen(path) + 2 &&
	             f->text[b] == '"' && !strncmp(f->text + b + 1, path, strlen(path));
	for (int i = 0; i < n; i++) {
		sg->at[i] = arg;
		sg->place[i] = plain ? flow_place_at(f, b + 1 + (unsigned)offs[i])
		                     : (struct loc){NULL, 0, 0};
	}
	return true;
}

/* Is arg a string literal that can only be a JSONPath ("$.a", "$['a']")?
 * No key of an API starts so. */
static bool jsonpath_literal(CXCursor arg)
{
	CXCursor a = flow_strip(arg);
	if (clang_getCursorKind(a) != CXCursor_StringLiteral)
		return false;
	CXString sp = clang_getCursorSpelling(a);
	const char *t = clang_getCString(sp);
	bool yes = t && (!strncmp(t, "\"$.", 3) || !strncmp(t, "\"$[", 3));
	clang_disposeString(sp);
	return yes;
}

/* A key array written at the call: (const char *[]){"a", "b", NULL}. */
static bool key_array_literal(CXCursor arg)
{
	return clang_getCursorKind(flow_strip(arg)) == CXCursor_CompoundLiteralExpr &&
	       clang_getCanonicalType(clang_getCursorType(flow_strip(arg))).kind ==
	               CXType_ConstantArray;
}

/* The JSON type the C type of a call's result tells for certain: a char
 * pointer is a string, a float or double a number. An integer tells
 * nothing (a presence test returns one too). */
static unsigned result_type(CXCursor c)
{
	CXType t = clang_getCanonicalType(clang_getCursorType(c));
	if (t.kind == CXType_Float || t.kind == CXType_Double || t.kind == CXType_LongDouble)
		return SPEC_NUMBER;
	if (t.kind != CXType_Pointer)
		return 0;
	enum CXTypeKind k = clang_getCanonicalType(clang_getPointeeType(t)).kind;
	return k == CXType_Char_S || k == CXType_Char_U || k == CXType_SChar || k == CXType_UChar
	               ? SPEC_STRING
	               : 0;
}

/* Which call reads a key path, and how: its json-calls entry's path:; or
 * a read whose key is a JSONPath; or, for a call no rule names, one that
 * hands a JSON value (a type the rules map to JSON) and a JSONPath or a
 * key array to a function (json_get_path_key(root, (const char *[]){...})).
 * *pc is the call as a path read. */
static bool path_of_call(struct flow *f, CXCursor c, const char *callee, const struct wire_call *wc,
                         int n, struct wire_call *pc)
{
	if (wc && wc->path >= 0) {
		*pc = *wc;
		return true;
	}
	if (wc && wc->dir == WIRE_READ && wc->key >= 0 && wc->key < n &&
	    jsonpath_literal(clang_Cursor_getArgument(c, (unsigned)wc->key))) {
		*pc = *wc;
		pc->path = wc->key;
		pc->key = -1;
		return true;
	}
	if (wc || !*callee || !f->fr->json_types.n || n > MAX_ARGS)
		return false;
	int obj = -1, path = -1;
	for (int i = 0; i < n && path < 0; i++) { /* the rare part first */
		CXCursor a = clang_Cursor_getArgument(c, (unsigned)i);
		if (jsonpath_literal(a) || key_array_literal(a))
			path = i;
	}
	for (int i = 0; path >= 0 && i < n && obj < 0; i++)
		if (i != path && flow_json_typed(f, clang_Cursor_getArgument(c, (unsigned)i)))
			obj = i;
	if (obj < 0 || path < 0)
		return false;
	*pc = (struct wire_call){.name = (char *)callee,
	                         .type = result_type(c),
	                         .dir = WIRE_READ,
	                         .object = obj,
	                         .key = -1,
	                         .value = -1,
	                         .out = -1,
	                         .format = -1,
	                         .path = path,
	                         .table = -1};
	return true;
}

static bool path_call(struct flow *f, CXCursor c, const char *callee, const struct wire_call *wc,
                      int n, struct fset *out)
{
	struct wire_call pc;
	if (!path_of_call(f, c, callee, wc, n, &pc))
		return false;
	CXCursor oarg = pc.object >= 0 && pc.object < n
	                        ? clang_Cursor_getArgument(c, (unsigned)pc.object)
	                        : clang_getNullCursor();
	CXCursor parg = pc.path < n ? clang_Cursor_getArgument(c, (unsigned)pc.path)
	                            : clang_getNullCursor();
	struct fset obj = clang_Cursor_isNull(oarg) ? (struct fset){0} : flow_eval(f, oarg);
	*out = (struct fset){0};
	for (int i = 0; !wc && i < n; i++) /* what the other arguments do */
		if (i != pc.object && i != pc.path)
			flow_eval(f, clang_Cursor_getArgument(c, (unsigned)i));
	if (clang_Cursor_isNull(parg))
		return true;
	struct segs sg = {.n = 0};
	const char *lit = flow_literal(f, parg);
	if (!(lit ? string_keys(f, parg, lit, &sg) : array_keys(f, parg, &sg))) {
		flow_eval(f, parg);
		return true;
	}
	struct fset cur = obj;
	size_t last = (size_t)-1;
	for (int i = 0; i < sg.n; i++) {
		struct wire_call one = pc;
		bool end = i + 1 == sg.n;
		one.type = end ? pc.type : i + 1 < sg.n && sg.keys[i + 1] ? SPEC_OBJECT : 0;
		const char *key = sg.keys[i] ? arena_strdup(&f->u->arena, sg.keys[i]) : NULL;
		last = flow_new_site(f, &one, key, sg.at[i], oarg, &cur);
		if (sg.place[i].line)
			f->u->sites[last].loc = sg.place[i];
		cur = (struct fset){0};
		fs_add(&cur, FACT(FK_SITE, last));
		free(sg.keys[i]);
	}
	if (!pc.element)
		*out = cur;
	CXCursor o = pc.out >= 0 && pc.out < n ? clang_Cursor_getArgument(c, (unsigned)pc.out)
	                                       : clang_getNullCursor();
	if (!clang_Cursor_isNull(o) && !pc.element)
		flow_assign_out(f, o, &cur);
	return true;
}

const struct idiom idiom_path = {.name = "key paths", .call = path_call};
