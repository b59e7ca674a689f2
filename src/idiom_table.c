/*
 * idiom_table.c - descriptor tables: a static array pairing each JSON key
 * with a struct member and a type, the closest thing C has to struct tags.
 * Zephyr's JSON library (JSON_OBJ_DESCR_PRIM(struct s, field, JSON_TOK_STRING)
 * and friends expand to struct json_obj_descr initializers: .field_name,
 * .offset = offsetof(struct s, field), .type, .object.sub_descr for a
 * nested object, .array.element_descr and .array.n_elements for an array),
 * handler tables ({"username", &acct->username, read_string}) and
 * gpsd-style json_attr_t ({"mode", t_integer, .addr.integer = &g.mode}).
 *
 * A json-tables entry names the element type and which of its fields
 * (designator paths: object.sub_descr) hold the key, the member, the type
 * token or the handler, the table of an object value, an array's item
 * descriptor and the most items it takes. The entries are read from the
 * initializer whether written with designators, positionally, or by macros.
 * A table becomes sites where a call (json-calls table: N) applies it, in
 * that call's direction, nested tables under their entry's site; entries
 * with a handler are sites where the table is declared, in the direction
 * the handler's json-calls entry gives. Each table is read once per
 * direction in a unit.
 */
#include "config.h"

#include "hdr_idiom.h"
#include "spec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* MAX_SITES: the sites one application of a table may make (tables of
 * tables, each entry naming the next, multiply) */
enum { MAX_NEST = 8, MAX_FIELDS = 48, MAX_LEAVES = 64, MAX_SITES = 20000 };

struct tentry {
	const char *key;
	struct loc at;
	struct fset members; /* chains of the member */
	unsigned type;
	unsigned converts; /* the handler's json-calls converts: */
	enum wire_dir dir; /* the handler's; 0: the applying call's */
	long sub;          /* the table of an object value; -1 */
	long items;        /* the entry describing an array's items; -1 */
	unsigned max;
};

struct table {
	CXCursor var;
	const char *name;
	const struct wire_table *desc;
	size_t *entries; /* indexes into the state's pool */
	size_t n;
	int state; /* 0 unread, 1 being read, 2 read */
	bool done_read, done_write, done_handlers;
	bool emitting; /* on the path of emit(): a tree's node table is entered once */
};

struct tstate {
	struct table *v;
	size_t n, cap;
	size_t first_site; /* the unit's sites when the current apply began */
	struct tentry *pool;
	size_t n_pool, pool_cap;
};

static struct tstate *state(struct flow *f)
{
	if (!f->idiom[IDIOM_TABLE])
		f->idiom[IDIOM_TABLE] = xcalloc(1, sizeof(struct tstate));
	return f->idiom[IDIOM_TABLE];
}

static const char *spell(struct flow *f, CXString s)
{
	const char *c = clang_getCString(s);
	const char *r = arena_strdup(&f->u->arena, c ? c : "");
	clang_disposeString(s);
	return r;
}

/* The json-tables entry of a record type (its tag or a typedef of it). */
static const struct wire_table *desc_of(struct flow *f, CXType elem)
{
	for (unsigned guard = 0; guard < 8; guard++) {
		if (elem.kind == CXType_Elaborated)
			elem = clang_Type_getNamedType(elem);
		if (elem.kind != CXType_Typedef)
			break;
		CXString n = clang_getTypedefName(elem);
		const struct wire_table *t = strmap_get(&f->fr->tables, clang_getCString(n));
		clang_disposeString(n);
		if (t)
			return t;
		elem = clang_getTypedefDeclUnderlyingType(clang_getTypeDeclaration(elem));
	}
	CXType can = clang_getCanonicalType(elem);
	if (can.kind != CXType_Record)
		return NULL;
	CXString n = clang_getCursorSpelling(clang_getTypeDeclaration(can));
	const struct wire_table *t = strmap_get(&f->fr->tables, clang_getCString(n));
	clang_disposeString(n);
	return t;
}

/* The table var (a variable of array type whose elements a json-tables
 * entry describes) in the state, added unread; -1: no table. */
static long table_of(struct flow *f, CXCursor var)
{
	if (clang_getCursorKind(var) != CXCursor_VarDecl)
		return -1;
	CXCursor def = clang_getCursorDefinition(var);
	if (!clang_Cursor_isNull(def))
		var = def;
	struct tstate *ts = state(f);
	for (size_t i = 0; i < ts->n; i++)
		if (clang_equalCursors(ts->v[i].var, var))
			return (long)i;
	CXType t = clang_getCursorType(var);
	CXType can = clang_getCanonicalType(t);
	if (can.kind != CXType_ConstantArray && can.kind != CXType_IncompleteArray)
		return -1;
	CXType declared = t.kind == CXType_Elaborated ? clang_Type_getNamedType(t) : t;
	CXType elem = clang_getArrayElementType(declared);
	if (elem.kind == CXType_Invalid)
		elem = clang_getArrayElementType(can);
	const struct wire_table *d = desc_of(f, elem);
	if (!d)
		return -1;
	struct table *tb = VEC_PUSH(ts->v, ts->n, ts->cap);
	memset(tb, 0, sizeof *tb);
	tb->var = var;
	tb->name = spell(f, clang_getCursorSpelling(var));
	tb->desc = d;
	return (long)ts->n - 1;
}

/* --- reading an entry's initializer --------------------------------- */

struct leaf {
	char path[96];
	CXCursor val;
};

struct leaves {
	struct leaf v[MAX_LEAVES];
	unsigned n;
};

struct fields {
	const char *names[MAX_FIELDS];
	unsigned n;
	struct flow *f;
};

static enum CXVisitorResult field_cb(CXCursor c, CXClientData data)
{
	struct fields *fs = data;
	if (fs->n < MAX_FIELDS)
		fs->names[fs->n++] = spell(fs->f, clang_getCursorSpelling(c));
	return CXVisit_Continue;
}

struct init_walk {
	struct flow *f;
	struct leaves *out;
	struct fields fields;
	const char *prefix;
	unsigned pos, depth;
};

static void collect(struct flow *f, CXCursor list, const char *prefix, struct leaves *out,
                    unsigned depth);

static void add_leaf(struct init_walk *w, const char *name, CXCursor val)
{
	char path[96];
	snprintf(path, sizeof path, "%s%s%s", w->prefix, *w->prefix && *name ? "." : "", name);
	CXCursor v = flow_strip(val);
	if (clang_getCursorKind(v) == CXCursor_InitListExpr) {
		collect(w->f, v, path, w->out, w->depth + 1);
		return;
	}
	if (w->out->n < MAX_LEAVES) {
		struct leaf *l = &w->out->v[w->out->n++];
		snprintf(l->path, sizeof l->path, "%s", path);
		l->val = val;
	}
}

struct desig {
	char path[96];
	CXCursor val;
	const char *first;
};

static enum CXChildVisitResult desig_cb(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	struct desig *d = data;
	if (clang_getCursorKind(c) == CXCursor_MemberRef) {
		CXString s = clang_getCursorSpelling(c);
		const char *n = clang_getCString(s);
		size_t len = strlen(d->path);
		if (n && *n && len + strlen(n) + 2 < sizeof d->path)
			snprintf(d->path + len, sizeof d->path - len, "%s%s", len ? "." : "", n);
		clang_disposeString(s);
	} else {
		d->val = c;
	}
	return CXChildVisit_Continue;
}

/* A designated initializer (.a.b = v): libclang shows it as an unexposed
 * expression of type void whose first children are member references. */
static bool designated(CXCursor c, struct desig *d)
{
	if (clang_getCursorKind(c) != CXCursor_UnexposedExpr ||
	    clang_getCursorType(c).kind != CXType_Void)
		return false;
	struct kids k = flow_kids(c);
	if (!k.n || clang_getCursorKind(k.v[0]) != CXCursor_MemberRef)
		return false;
	memset(d, 0, sizeof *d);
	d->val = clang_getNullCursor();
	clang_visitChildren(c, desig_cb, d);
	return !clang_Cursor_isNull(d->val);
}

static enum CXChildVisitResult init_cb(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	struct init_walk *w = data;
	struct desig d;
	if (designated(c, &d)) {
		const char *dot = strchr(d.path, '.');
		size_t flen = dot ? (size_t)(dot - d.path) : strlen(d.path);
		for (unsigned i = 0; i < w->fields.n; i++)
			if (strlen(w->fields.names[i]) == flen &&
			    !strncmp(w->fields.names[i], d.path, flen))
				w->pos = i + 1;
		add_leaf(w, d.path, d.val);
	} else if (clang_isExpression(clang_getCursorKind(c))) {
		const char *name = w->pos < w->fields.n ? w->fields.names[w->pos] : "?";
		w->pos++;
		add_leaf(w, name, c);
	}
	return CXChildVisit_Continue;
}

static void collect(struct flow *f, CXCursor list, const char *prefix, struct leaves *out,
                    unsigned depth)
{
	if (depth > MAX_NEST)
		return;
	struct init_walk w = {.f = f, .out = out, .prefix = prefix, .depth = depth};
	w.fields.f = f;
	clang_Type_visitFields(clang_getCanonicalType(clang_getCursorType(list)), field_cb,
	                       &w.fields);
	clang_visitChildren(list, init_cb, &w);
}

/* --- an entry's parts ------------------------------------------------ */

static bool field_is(const char *path, const char *want, bool prefix)
{
	if (!want)
		return false;
	size_t n = strlen(want);
	return !strncmp(path, want, n) && (!path[n] || (prefix && path[n] == '.'));
}

/* Where c is written in the main file's text (a macro's argument: where
 * the argument is); quote: only if a string literal starts there, not a
 * macro that makes one. */
static bool written_at(struct flow *f, CXCursor c, bool quote, struct loc *out)
{
	if (clang_Cursor_isNull(c))
		return false;
	CXFile file;
	unsigned line, col, off;
	clang_getSpellingLocation(clang_getCursorLocation(c), &file, &line, &col, &off);
	if (!file || !f->main_file || !clang_File_isEqual(file, f->main_file))
		return false;
	if (quote && (off >= f->text_len || f->text[off] != '"'))
		return false;
	*out = (struct loc){f->u->path, line, col};
	return true;
}

struct member_walk {
	struct flow *f;
	long chain;
	CXCursor first;
};

static enum CXChildVisitResult offsetof_cb(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	struct member_walk *m = data;
	if (clang_getCursorKind(c) != CXCursor_MemberRef)
		return CXChildVisit_Continue;
	CXCursor field = clang_getCursorReferenced(c);
	if (clang_getCursorKind(field) != CXCursor_FieldDecl)
		return CXChildVisit_Continue;
	if (clang_Cursor_isNull(m->first))
		m->first = c;
	m->chain = (long)FID(flow_field_chain(m->f, m->chain, field));
	return CXChildVisit_Continue;
}

/* The member a value designates: offsetof(struct s, a.b), or &x->m. */
static void member_of(struct flow *f, CXCursor val, struct tentry *e, CXCursor *name_at)
{
	CXCursor v = flow_strip(val);
	struct member_walk m = {f, -1, clang_getNullCursor()};
	clang_visitChildren(v, offsetof_cb, &m);
	if (m.chain >= 0) {
		fs_add(&e->members, FACT(FK_CHAIN, (uint32_t)m.chain));
		*name_at = m.first;
		return;
	}
	struct fset r = flow_eval(f, val);
	for (unsigned i = 0; i < r.n; i++)
		if (FKIND(r.v[i]) == FK_CHAIN)
			fs_add(&e->members, r.v[i]);
}

static const char *ref_name(struct flow *f, CXCursor val, enum CXCursorKind want)
{
	CXCursor v = flow_strip(val);
	if (clang_getCursorKind(v) != CXCursor_DeclRefExpr)
		return NULL;
	CXCursor r = clang_getCursorReferenced(v);
	if (clang_getCursorKind(r) != want)
		return NULL;
	return spell(f, clang_getCursorSpelling(r));
}

static unsigned token_type(const struct wire_table *d, const char *tok)
{
	for (size_t i = 0; tok && i < d->n_tokens; i++)
		if (!strcmp(d->tokens[i].name, tok))
			return d->tokens[i].type;
	return 0;
}

static long read_entry(struct flow *f, const struct wire_table *d, CXCursor list, unsigned depth);

/* An array's item descriptor: a compound literal holding a one-entry
 * table, or another table's first entry. */
static long items_of(struct flow *f, const struct wire_table *d, CXCursor val, unsigned depth)
{
	CXCursor v = flow_strip(val);
	if (clang_getCursorKind(v) == CXCursor_CompoundLiteralExpr) {
		struct kids k = flow_kids(v);
		v = k.n ? k.v[k.n - 1] : clang_getNullCursor();
	}
	if (clang_Cursor_isNull(v) || clang_getCursorKind(v) != CXCursor_InitListExpr)
		return -1;
	struct kids k = flow_kids(v);
	if (k.n && clang_getCursorKind(flow_strip(k.v[0])) == CXCursor_InitListExpr)
		return read_entry(f, d, flow_strip(k.v[0]), depth + 1);
	return -1;
}

static long table_ref(struct flow *f, CXCursor val)
{
	CXCursor v = flow_strip(val);
	if (clang_getCursorKind(v) != CXCursor_DeclRefExpr)
		return -1;
	return table_of(f, clang_getCursorReferenced(v));
}

static void entry_part(struct flow *f, const struct wire_table *d, const struct leaf *l,
                       struct tentry *e, CXCursor *key_at, CXCursor *name_at, unsigned depth)
{
	if (field_is(l->path, d->key, false)) {
		e->key = flow_literal(f, l->val);
		*key_at = flow_strip(l->val);
	} else if (field_is(l->path, d->member, true)) {
		member_of(f, l->val, e, name_at);
	} else if (field_is(l->path, d->type, false)) {
		e->type = token_type(d, ref_name(f, l->val, CXCursor_EnumConstantDecl));
	} else if (field_is(l->path, d->handler, false)) {
		const char *h = ref_name(f, l->val, CXCursor_FunctionDecl);
		const struct wire_call *wc = h ? strmap_get(&f->fr->calls, h) : NULL;
		if (wc) {
			e->dir = wc->dir;
			e->type = wc->type;
			e->converts = wc->dir == WIRE_READ ? wc->converts : 0;
		}
	} else if (field_is(l->path, d->object, false)) {
		e->sub = table_ref(f, l->val);
	} else if (field_is(l->path, d->items, false)) {
		e->items = items_of(f, d, l->val, depth);
	} else if (field_is(l->path, d->max, false)) {
		CXEvalResult r = clang_Cursor_Evaluate(l->val);
		if (r && clang_EvalResult_getKind(r) == CXEval_Int) {
			long long n = clang_EvalResult_getAsLongLong(r);
			e->max = n > 0 && n < 1000000 ? (unsigned)n : 0;
		}
		if (r)
			clang_EvalResult_dispose(r);
	}
}

/* One entry (an initializer list of the element type) into the pool. */
static long read_entry(struct flow *f, const struct wire_table *d, CXCursor list, unsigned depth)
{
	if (depth > MAX_NEST)
		return -1;
	struct leaves *ls = xmalloc(sizeof *ls);
	ls->n = 0;
	collect(f, list, "", ls, 0);
	struct tentry e = {.sub = -1, .items = -1};
	CXCursor key_at = clang_getNullCursor(), name_at = clang_getNullCursor();
	for (unsigned i = 0; i < ls->n; i++)
		entry_part(f, d, &ls->v[i], &e, &key_at, &name_at, depth);
	free(ls);
	/* the key where it is written: the literal, else the member's name
	 * (a macro that stringifies it), else the entry */
	if (!written_at(f, key_at, true, &e.at) && !written_at(f, name_at, false, &e.at))
		e.at = flow_place(f, list);
	struct tstate *ts = state(f);
	*VEC_PUSH(ts->pool, ts->n_pool, ts->pool_cap) = e;
	return (long)ts->n_pool - 1;
}

static enum CXChildVisitResult entry_cb(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	void **ctx = data;
	struct flow *f = ctx[0];
	size_t t = *(size_t *)ctx[1];
	CXCursor v = flow_strip(c);
	if (clang_getCursorKind(v) != CXCursor_InitListExpr)
		return CXChildVisit_Continue;
	long e = read_entry(f, state(f)->v[t].desc, v, 0);
	struct table *tb = &state(f)->v[t];
	if (e >= 0) {
		tb->entries = xrealloc(tb->entries, (tb->n + 1) * sizeof *tb->entries);
		tb->entries[tb->n++] = (size_t)e;
	}
	return CXChildVisit_Continue;
}

static void read_table(struct flow *f, size_t t)
{
	struct table *tb = &state(f)->v[t];
	if (tb->state)
		return;
	tb->state = 1;
	struct kids k = flow_kids(tb->var);
	CXCursor init = clang_getNullCursor();
	for (unsigned i = 0; i < k.n; i++)
		if (clang_getCursorKind(flow_strip(k.v[i])) == CXCursor_InitListExpr)
			init = flow_strip(k.v[i]);
	if (!clang_Cursor_isNull(init)) {
		void *ctx[2] = {f, &t};
		clang_visitChildren(init, entry_cb, ctx);
	}
	state(f)->v[t].state = 2;
}

/* --- sites ---------------------------------------------------------- */

static void emit(struct flow *f, size_t t, enum wire_dir dir, const struct fset *obj,
                 bool handlers_only, unsigned depth);

static size_t entry_site(struct flow *f, size_t t, const struct tentry *e, enum wire_dir dir,
                         const struct fset *obj)
{
	struct table *tb = &state(f)->v[t];
	struct wire_call one = {.name = (char *)tb->name, .dir = dir, .type = e->type};
	size_t s = flow_new_site(f, &one, arena_strdup(&f->u->arena, e->key), tb->var,
	                         clang_getNullCursor(), obj);
	struct wire_site *site = &f->u->sites[s];
	site->loc = e->at;
	site->capacity = e->max;
	site->converts = e->converts;
	for (unsigned i = 0; i < e->members.n; i++)
		flow_site_reach(site, f->u->chains[FID(e->members.v[i])]);
	return s;
}

static void emit(struct flow *f, size_t t, enum wire_dir dir, const struct fset *obj,
                 bool handlers_only, unsigned depth)
{
	if (depth > MAX_NEST || state(f)->v[t].emitting ||
	    f->u->n_sites - state(f)->first_site > MAX_SITES)
		return;
	read_table(f, t);
	state(f)->v[t].emitting = true;
	/* a handler no json-calls entry names goes the way the table's
	 * other handlers all go */
	enum wire_dir agreed = 0;
	for (size_t i = 0; handlers_only && i < state(f)->v[t].n; i++) {
		enum wire_dir hd = state(f)->pool[state(f)->v[t].entries[i]].dir;
		if (hd && agreed && hd != agreed) {
			agreed = 0;
			break;
		}
		agreed = hd ? hd : agreed;
	}
	for (size_t i = 0; i < state(f)->v[t].n; i++) {
		struct tentry e = state(f)->pool[state(f)->v[t].entries[i]];
		enum wire_dir d = e.dir ? e.dir : handlers_only ? agreed : dir;
		if (!e.key || !d)
			continue;
		size_t s = entry_site(f, t, &e, d, obj);
		struct fset mine = {0};
		fs_add(&mine, FACT(FK_SITE, s));
		long sub = e.sub;
		if (e.items >= 0) {
			struct tentry it = state(f)->pool[e.items];
			f->u->sites[s].item_types |= it.type;
			if (it.max && !e.max)
				f->u->sites[s].capacity = it.max;
			if (sub < 0)
				sub = it.sub;
		}
		if (sub >= 0)
			emit(f, (size_t)sub, d, &mine, false, depth + 1);
	}
	state(f)->v[t].emitting = false;
}

/* The table's own @schema on its root sites (those made from first). */
static void table_schema(struct flow *f, size_t t, size_t first)
{
	struct loc at;
	const char *name = flow_schema_of(f, state(f)->v[t].var, &at);
	for (size_t s = first; name && s < f->u->n_sites; s++)
		if (!f->u->sites[s].n_parents) {
			f->u->sites[s].schema = name;
			f->u->sites[s].schema_at = at;
		}
}

static void apply(struct flow *f, size_t t, enum wire_dir dir, bool handlers_only)
{
	struct table *tb = &state(f)->v[t];
	bool *done = handlers_only      ? &tb->done_handlers
	             : dir == WIRE_READ ? &tb->done_read
	                                : &tb->done_write;
	if (*done)
		return;
	*done = true;
	size_t first = f->u->n_sites;
	struct fset root = flow_new_value(f);
	state(f)->first_site = first;
	emit(f, t, dir, &root, handlers_only, 0);
	table_schema(f, t, first);
}

static bool table_call(struct flow *f, CXCursor c, const char *callee, const struct wire_call *wc,
                       int n, struct fset *out)
{
	(void)callee;
	if (!wc || wc->table < 0)
		return false;
	*out = (struct fset){0};
	for (int i = 0; i < n; i++) {
		CXCursor a = clang_Cursor_getArgument(c, (unsigned)i);
		long t = i == wc->table ? table_ref(f, a) : -1;
		if (t >= 0)
			apply(f, (size_t)t, wc->dir, false);
		else if (i != wc->table)
			flow_eval(f, a);
	}
	return true;
}

/* A table whose entries have handlers says its direction itself. */
static void table_declare(struct flow *f, CXCursor var)
{
	if (!f->fr->tables.n)
		return;
	CXType can = clang_getCanonicalType(clang_getCursorType(var));
	if (can.kind != CXType_ConstantArray && can.kind != CXType_IncompleteArray)
		return;
	long t = table_of(f, var);
	if (t >= 0 && state(f)->v[t].desc->handler)
		apply(f, (size_t)t, WIRE_READ, true);
}

static void table_done(struct flow *f)
{
	struct tstate *ts = f->idiom[IDIOM_TABLE];
	if (!ts)
		return;
	for (size_t i = 0; i < ts->n; i++)
		free(ts->v[i].entries);
	free(ts->v);
	free(ts->pool);
	free(ts);
	f->idiom[IDIOM_TABLE] = NULL;
}

const struct idiom idiom_table = {.name = "descriptor tables",
                                  .call = table_call,
                                  .declare = table_declare,
                                  .done = table_done};
