/*
 * idiom_builder.c - stateful builders: the key is set by one call and the
 * value added by the next, and nesting is the builder's state, not the C
 * code's. json-glib's JsonBuilder (json_builder_set_member_name(b, "id")
 * then json_builder_add_string_value(b, v), begin_object/end_object), yajl's
 * generator (yajl_gen_string alternates keys and values in a map), and
 * writers such as netdata's buffer_json_member_add_string(wb, "key", v)
 * with buffer_json_member_add_object(wb, "hw") ... buffer_json_object_close.
 * A json-calls entry with builder: open, close, key, value, key-or-value or
 * finish says what a call does. The walk follows each builder (by its
 * identity: the variable or parameter holding it) through a function in
 * source order, keeping the containers it has open and the key set last;
 * a value or container added is a site under the innermost open container.
 */
#include "config.h"

#include "hdr_idiom.h"
#include "spec.h"

#include <stdlib.h>
#include <string.h>

enum { MAX_OPEN = 64, ROOT = -1 };

struct blevel {
	long site; /* the container's site; ROOT: the value itself */
	bool array;
	bool want_key; /* a map level that awaits a key (yajl) */
};

struct builder {
	fact id;
	struct blevel open[MAX_OPEN];
	unsigned depth;
	bool has_key;
	const char *key; /* the key set last; NULL: set at run time */
	CXCursor key_at;
};

struct bstate {
	struct builder *v;
	size_t n, cap;
};

static fact identity(const struct fset *facts)
{
	for (unsigned i = 0; i < facts->n; i++)
		if (FKIND(facts->v[i]) == FK_PARAM || FKIND(facts->v[i]) == FK_INST)
			return facts->v[i];
	return FACT(FK_TYPE, 0x0fffffffu);
}

/* The builder of that identity, or NULL when no builder call was made on
 * it in this function. */
static struct builder *known_builder(struct flow *f, fact id)
{
	struct bstate *st = f->idiom[IDIOM_BUILDER];
	for (size_t i = 0; st && i < st->n; i++)
		if (st->v[i].id == id)
			return &st->v[i];
	return NULL;
}

static struct builder *builder_of(struct flow *f, const struct fset *facts)
{
	fact id = identity(facts);
	struct builder *known = known_builder(f, id);
	if (known)
		return known;
	struct bstate *st = f->idiom[IDIOM_BUILDER];
	if (!st)
		st = f->idiom[IDIOM_BUILDER] = xcalloc(1, sizeof *st);
	struct builder *b = VEC_PUSH(st->v, st->n, st->cap);
	memset(b, 0, sizeof *b);
	b->id = id;
	return b;
}

static CXCursor arg_at(CXCursor c, int i, int n)
{
	return i >= 0 && i < n ? clang_Cursor_getArgument(c, (unsigned)i) : clang_getNullCursor();
}

static struct blevel *top(struct builder *b)
{
	return b->depth ? &b->open[b->depth - 1] : NULL;
}

/* The key of what is added now: the call's own key argument, else the
 * key set before (taken); *keyed says whether there is one at all. */
static const char *take_key(struct flow *f, struct builder *b, CXCursor c,
                            const struct wire_call *wc, int n, CXCursor *at, bool *keyed)
{
	CXCursor karg = arg_at(c, wc->key, n);
	*keyed = !clang_Cursor_isNull(karg);
	if (*keyed) {
		*at = karg;
		return flow_literal(f, karg);
	}
	*keyed = b->has_key;
	*at = b->has_key ? b->key_at : c;
	b->has_key = false;
	return *keyed ? b->key : NULL;
}

/* A value or container added: a site under the innermost open container
 * (or on the builder's root object). */
static size_t add(struct flow *f, struct builder *b, CXCursor c, const struct wire_call *wc, int n,
                  const char *key, CXCursor at, const struct fset *bfacts)
{
	struct fset obj;
	struct blevel *t = top(b);
	if (t && t->site != ROOT) {
		obj = (struct fset){0};
		fs_add(&obj, FACT(FK_SITE, (size_t)t->site));
	} else {
		obj = *bfacts;
	}
	if (t)
		t->want_key = !t->array;
	size_t s = flow_new_site(f, wc, key, at, arg_at(c, wc->object, n), &obj);
	struct loc here = flow_place(f, c);
	if (here.line != f->u->sites[s].loc.line) /* the key was set before: the value is here */
		f->u->sites[s].value_at = here;
	CXCursor varg = arg_at(c, wc->value, n);
	if (!clang_Cursor_isNull(varg) && wc->builder != WB_OPEN) {
		struct fset v = flow_eval(f, varg);
		for (unsigned i = 0; i < v.n; i++) {
			if (FKIND(v.v[i]) == FK_CHAIN)
				flow_site_reach(&f->u->sites[s], f->u->chains[FID(v.v[i])]);
			else if (FKIND(v.v[i]) == FK_TYPE && !wc->type)
				f->u->sites[s].types |= FID(v.v[i]);
		}
	}
	return s;
}

static void open_level(struct builder *b, long site, bool array)
{
	if (b->depth < MAX_OPEN)
		b->open[b->depth++] = (struct blevel){site, array, !array};
}

/* A write with a key into a variable a builder call made a builder of
 * in this function: a project that declared its writer's member calls as
 * plain json-calls (buffer_json_member_add_string) beside the builder's
 * open and close calls still nests them. */
static bool on_builder(struct flow *f, CXCursor c, const struct wire_call *wc, int n)
{
	if (wc->dir != WIRE_WRITE || wc->key < 0 || !f->idiom[IDIOM_BUILDER])
		return false;
	CXCursor o = arg_at(c, wc->object, n);
	if (clang_Cursor_isNull(o) || clang_getCursorKind(flow_strip(o)) != CXCursor_DeclRefExpr)
		return false; /* only a variable: its facts are read with no effect */
	struct fset v = flow_eval(f, o);
	return known_builder(f, identity(&v)) != NULL;
}

static bool builder_call(struct flow *f, CXCursor c, const char *callee, const struct wire_call *wc,
                         int n, struct fset *out)
{
	(void)callee;
	if (!wc || (wc->builder == WB_NONE && !on_builder(f, c, wc, n)))
		return false;
	CXCursor barg = arg_at(c, wc->object, n);
	struct fset bf = clang_Cursor_isNull(barg) ? (struct fset){0} : flow_eval(f, barg);
	*out = bf;
	struct builder *b = builder_of(f, &bf);
	struct blevel *t = top(b);
	enum wire_builder role = wc->builder;
	if (role == WB_NONE) /* a plain write on a builder: a value, or a container */
		role = wc->type & (SPEC_OBJECT | SPEC_ARRAY) ? WB_OPEN : WB_VALUE;
	if (role == WB_KEY_OR_VALUE)
		role = t && !t->array && t->want_key ? WB_KEY : WB_VALUE;
	CXCursor at;
	bool keyed;
	switch (role) {
	case WB_KEY: {
		CXCursor karg = arg_at(c, wc->key >= 0 ? wc->key : wc->value, n);
		b->has_key = true;
		b->key = clang_Cursor_isNull(karg) ? NULL : flow_literal(f, karg);
		b->key_at = clang_Cursor_isNull(karg) ? c : karg;
		if (t)
			t->want_key = false;
		break;
	}
	case WB_OPEN: {
		const char *key = take_key(f, b, c, wc, n, &at, &keyed);
		bool array = wc->type == SPEC_ARRAY;
		if (!t && !keyed) {
			open_level(b, ROOT, array); /* the value itself */
			break;
		}
		/* add() may walk a value holding builder calls, which can move
		 * the builders: b is found again by its place */
		struct bstate *st = f->idiom[IDIOM_BUILDER];
		size_t bi = (size_t)(b - st->v);
		long site = (long)add(f, b, c, wc, n, key, at, &bf);
		st = f->idiom[IDIOM_BUILDER];
		open_level(&st->v[bi], site, array);
		break;
	}
	case WB_VALUE: {
		const char *key = take_key(f, b, c, wc, n, &at, &keyed);
		add(f, b, c, wc, n, key, at, &bf);
		break;
	}
	case WB_CLOSE:
		if (b->depth)
			b->depth--;
		b->has_key = false;
		break;
	default: /* WB_FINISH */
		b->depth = 0;
		b->has_key = false;
		break;
	}
	return true;
}

static void builder_end(struct flow *f)
{
	struct bstate *st = f->idiom[IDIOM_BUILDER];
	if (st)
		st->n = 0; /* builders live in one function */
}

static void builder_done(struct flow *f)
{
	struct bstate *st = f->idiom[IDIOM_BUILDER];
	if (st)
		free(st->v);
	free(st);
	f->idiom[IDIOM_BUILDER] = NULL;
}

const struct idiom idiom_builder = {
        .name = "builders", .call = builder_call, .end = builder_end, .done = builder_done};
