/*
 * hdr_flow.c - the JSON calls of one translation unit's function bodies,
 * and where their values go: the wire check's model (wire.h).
 *
 * Each function defined in the main file is walked once, in source order,
 * evaluating every expression to a small set of facts about its value:
 * the member chains it reads (pet->category.name), the sites whose JSON
 * value it holds (or an element of it: an array item, a map value), the
 * function parameters it comes from, the JSON type a value builder gave
 * it, and an identity per assignment, which links a json-c object built
 * in a variable to the key it is added under later. Variables keep their
 * facts; an assignment replaces them where the variable was declared, and
 * adds to them inside a branch or loop (if (cJSON_IsNull(x)) x = NULL; must
 * not lose x). The walk is a single pass without a fixpoint: serialization
 * code reads a key and stores it, or reads a member and writes it, a few
 * lines apart.
 *
 * Facts reach the model at sinks: a value stored in a member (p->m = v,
 * &p->m passed to a read, a member passed to a function with a value read
 * beside it), a value written under a key, a parameter stored in a member
 * (a constructor's summary), and a value passed to a function the unit
 * does not know (a call flow, joined with the summaries of all units).
 */
#include "config.h"

#include "hdr_cmt.h"
#include "hdr_idiom.h"
#include "spec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *str_of(struct flow *f, CXString s)
{
	const char *c = clang_getCString(s);
	const char *r = arena_strdup(&f->u->arena, c ? c : "");
	clang_disposeString(s);
	return r;
}

void flow_site_reach(struct wire_site *s, const struct wire_chain *c)
{
	for (size_t i = 0; i < s->n_reach; i++)
		if (s->reach[i] == c)
			return;
	if (s->n_reach < 64)
		*VEC_PUSH(s->reach, s->n_reach, s->reach_cap) = c;
}

void flow_site_parent(struct wire_site *s, size_t p)
{
	for (size_t i = 0; i < s->n_parents; i++)
		if (s->parents[i] == p)
			return;
	*VEC_PUSH(s->parents, s->n_parents, s->parents_cap) = p;
}

/* --- variables ------------------------------------------------------ */

static struct var *var_find(struct flow *f, CXCursor decl)
{
	unsigned h = clang_hashCursor(decl);
	for (size_t i = f->n_vars; i-- > 0;)
		if (f->vars[i].hash == h && clang_equalCursors(f->vars[i].decl, decl))
			return &f->vars[i];
	return NULL;
}

static struct var *var_declare(struct flow *f, CXCursor decl)
{
	struct var *v = var_find(f, decl);
	if (!v) {
		v = VEC_PUSH(f->vars, f->n_vars, f->vars_cap);
		v->decl = decl;
		v->hash = clang_hashCursor(decl);
	}
	v->depth = f->depth;
	v->val.n = 0;
	return v;
}

/* Give the variable new facts: in place where it was declared, in
 * addition inside a branch that may not run. */
static void var_assign(struct flow *f, struct var *v, const struct fset *val)
{
	struct fset nv = *val;
	if (f->depth > v->depth)
		fs_union(&nv, &v->val);
	fs_add(&nv, FACT(FK_INST, f->next_inst++));
	v->val = nv;
}

static bool is_var(CXCursor ref)
{
	enum CXCursorKind k = clang_getCursorKind(ref);
	return k == CXCursor_VarDecl || k == CXCursor_ParmDecl;
}

/* --- children ------------------------------------------------------- */

static enum CXChildVisitResult kid_cb(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	struct kids *k = data;
	if (k->n < 4)
		k->v[k->n] = c;
	k->n++;
	return CXChildVisit_Continue;
}

struct kids flow_kids(CXCursor c)
{
	struct kids k = {.n = 0};
	clang_visitChildren(c, kid_cb, &k);
	if (k.n > 4)
		k.n = 4;
	return k;
}

static bool is_expr(CXCursor c)
{
	return clang_isExpression(clang_getCursorKind(c)) != 0;
}

/* c without parentheses, implicit conversions and casts. */
CXCursor flow_strip(CXCursor c)
{
	for (unsigned guard = 0; guard < 64; guard++) {
		enum CXCursorKind k = clang_getCursorKind(c);
		if (k != CXCursor_ParenExpr && k != CXCursor_UnexposedExpr &&
		    k != CXCursor_CStyleCastExpr)
			return c;
		struct kids ks = flow_kids(c);
		if (!ks.n || !is_expr(ks.v[ks.n - 1]))
			return c;
		c = ks.v[ks.n - 1];
	}
	return c;
}

/* Is the unary operator c an address-of (&x)? Its type then points to
 * its operand's type (FACTS: libclang 14 has no operator kind). */
bool flow_is_address_of(CXCursor c, CXCursor operand)
{
	CXType t = clang_getCanonicalType(clang_getCursorType(c));
	if (t.kind != CXType_Pointer)
		return false;
	CXType pointee = clang_getCanonicalType(clang_getPointeeType(t));
	return clang_equalTypes(pointee, clang_getCanonicalType(clang_getCursorType(operand))) != 0;
}

/* --- member chains -------------------------------------------------- */

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

static struct link_entry *link_of(struct flow *f, CXCursor field)
{
	for (size_t i = 0; i < f->n_links; i++)
		if (clang_equalCursors(f->links[i].field, field))
			return &f->links[i];
	CXCursor rec = clang_getCursorSemanticParent(field);
	struct wire_link *l = arena_alloc(&f->u->arena, sizeof *l);
	CXFile file;
	clang_getExpansionLocation(clang_getCursorLocation(rec), &file, &l->line, &l->col, NULL);
	CXString fn = clang_getFileName(file);
	l->file = arena_strdup(&f->u->arena,
	                       base_name(clang_getCString(fn) ? clang_getCString(fn) : ""));
	clang_disposeString(fn);
	l->record = str_of(f, clang_getCursorSpelling(rec));
	if (!*l->record)
		l->record = str_of(f, clang_getTypeSpelling(clang_getCursorType(rec)));
	l->member = str_of(f, clang_getCursorSpelling(field));
	struct link_entry *e = VEC_PUSH(f->links, f->n_links, f->links_cap);
	e->field = field;
	e->link = l;
	char *key = xasprintf("%s.%s", l->record, l->member);
	e->rule = strmap_get(&f->fr->fields, key);
	free(key);
	return e;
}

/* The chain parent + link, interned in the unit. */
static fact chain_fact(struct flow *f, long parent, const struct wire_link *l)
{
	struct src_unit *u = f->u;
	const struct wire_chain *p = parent >= 0 ? u->chains[parent] : NULL;
	if (p && p->n >= MAX_CHAIN)
		return FACT(FK_CHAIN, parent);
	char key[64];
	snprintf(key, sizeof key, "%ld/%p", parent, (const void *)l);
	uintptr_t id = (uintptr_t)strmap_get(&u->chain_ids, key);
	if (id)
		return FACT(FK_CHAIN, id - 1);
	struct wire_chain *c = arena_alloc(&u->arena, sizeof *c);
	struct wire_link *links = arena_alloc(&u->arena, ((p ? p->n : 0) + 1) * sizeof *links);
	if (p)
		memcpy(links, p->links, p->n * sizeof *links);
	links[p ? p->n : 0] = *l;
	c->links = links;
	c->n = (p ? p->n : 0) + 1;
	*VEC_PUSH(u->chains, u->n_chains, u->chains_cap) = c;
	strmap_put(&u->chain_ids, arena_strdup(&u->arena, key), (void *)(uintptr_t)u->n_chains);
	return FACT(FK_CHAIN, u->n_chains - 1);
}

fact flow_field_chain(struct flow *f, long parent, CXCursor field)
{
	return chain_fact(f, parent, link_of(f, field)->link);
}

/* --- sites ---------------------------------------------------------- */

void flow_apply_type(struct flow *f, const struct fset *v, unsigned type)
{
	for (unsigned i = 0; type && i < v->n; i++) {
		enum fact_kind k = FKIND(v->v[i]);
		if (k == FK_SITE)
			f->u->sites[FID(v->v[i])].types |= type;
		else if (k == FK_ELEM)
			f->u->sites[FID(v->v[i])].item_types |= type;
	}
}

void flow_apply_converts(struct flow *f, const struct fset *v, unsigned types)
{
	for (unsigned i = 0; types && i < v->n; i++)
		if (FKIND(v->v[i]) == FK_SITE || FKIND(v->v[i]) == FK_ELEM)
			f->u->sites[FID(v->v[i])].converts |= types;
}

/* Values read at a site become elements of it (an array item). */
struct fset flow_elemify(const struct fset *v)
{
	struct fset r = {0};
	for (unsigned i = 0; i < v->n; i++)
		fs_add(&r, FKIND(v->v[i]) == FK_SITE ? FACT(FK_ELEM, FID(v->v[i])) : v->v[i]);
	return r;
}

void flow_sink(struct flow *f, fact chain, const struct fset *val)
{
	const struct wire_chain *c = f->u->chains[FID(chain)];
	for (unsigned i = 0; i < val->n; i++) {
		enum fact_kind k = FKIND(val->v[i]);
		if (k == FK_SITE || k == FK_ELEM)
			flow_site_reach(&f->u->sites[FID(val->v[i])], c);
		else if (k == FK_PARAM) {
			struct flow_store *st =
			        VEC_PUSH(f->u->stores, f->u->n_stores, f->u->stores_cap);
			*st = (struct flow_store){f->func, (int)FID(val->v[i]), c};
		}
	}
}

static struct loc place_of(struct flow *f, CXCursor c)
{
	struct loc l = {f->u->path, 0, 0};
	clang_getExpansionLocation(clang_getCursorLocation(c), NULL, &l.line, &l.col, NULL);
	return l;
}

struct loc flow_place(struct flow *f, CXCursor c)
{
	return place_of(f, c);
}

/* The text of c in the main file (at most 80 bytes), or "". */
static const char *text_of(struct flow *f, CXCursor c)
{
	CXSourceRange r = clang_getCursorExtent(c);
	unsigned b, e;
	CXFile fb, fe;
	clang_getExpansionLocation(clang_getRangeStart(r), &fb, NULL, NULL, &b);
	clang_getExpansionLocation(clang_getRangeEnd(r), &fe, NULL, NULL, &e);
	if (!f->text || fb != fe || e <= b || e > f->text_len)
		return "";
	size_t n = e - b > 80 ? 80 : e - b;
	char *s = arena_strndup(&f->u->arena, f->text + b, n);
	for (char *p = s; *p; p++)
		if (*p == '\n' || *p == '\t' || *p == '\r')
			*p = ' ';
	return s;
}

/* The root object a site without parent is on: its group in the unit. */
static size_t group_of(struct flow *f, const struct fset *obj)
{
	fact id = FACT(FK_TYPE, 0x0fffffffu);
	for (unsigned i = 0; i < obj->n; i++)
		if (FKIND(obj->v[i]) == FK_PARAM || FKIND(obj->v[i]) == FK_INST) {
			id = obj->v[i];
			break;
		}
	for (size_t i = 0; i < f->n_groups; i++)
		if (f->groups[i] == id)
			return f->first_group + i;
	*VEC_PUSH(f->groups, f->n_groups, f->groups_cap) = id;
	f->u->n_groups = f->first_group + f->n_groups;
	if (FKIND(id) == FK_PARAM)
		*VEC_PUSH(f->u->parsed, f->u->n_parsed, f->u->parsed_cap) =
		        (struct flow_parsed){f->func, (int)FID(id)};
	return f->first_group + f->n_groups - 1;
}

size_t flow_new_site(struct flow *f, const struct wire_call *wc, const char *key, CXCursor at,
                     CXCursor obj_cursor, const struct fset *obj)
{
	struct src_unit *u = f->u;
	struct wire_site *s = VEC_PUSH(u->sites, u->n_sites, u->sites_cap);
	memset(s, 0, sizeof *s);
	s->call = arena_strdup(&u->arena, wc->name);
	s->key = key;
	s->dir = wc->dir;
	s->types = wc->type;
	s->loc = place_of(f, at);
	s->object = clang_Cursor_isNull(obj_cursor) ? "" : text_of(f, obj_cursor);
	s->func = f->func;
	s->func_loc = f->func_loc;
	for (unsigned i = 0; i < obj->n; i++) {
		enum fact_kind k = FKIND(obj->v[i]);
		/* no key is on a value known to be a string or a number: such a
		 * value came through code the walk does not know (a URL read,
		 * then fetched and parsed) */
		unsigned t = k == FK_SITE   ? u->sites[FID(obj->v[i])].types
		             : k == FK_ELEM ? u->sites[FID(obj->v[i])].item_types
		                            : 0;
		bool scalar = t && !(t & (SPEC_OBJECT | SPEC_ARRAY));
		if ((k == FK_SITE || k == FK_ELEM) && !scalar)
			flow_site_parent(s, FID(obj->v[i]));
	}
	s->elem = fs_has_kind(obj, FK_ELEM) && !fs_has_kind(obj, FK_SITE);
	s->group = s->n_parents ? 0 : group_of(f, obj);
	if (!s->n_parents && f->annots)
		flow_root_schema(f, u->n_sites - 1, obj_cursor);
	return u->n_sites - 1;
}

/* --- expressions ---------------------------------------------------- */

static void exec(struct flow *f, CXCursor c);

static struct fset eval_kids(struct flow *f, CXCursor c);

static enum CXChildVisitResult union_cb(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	void **ctx = data;
	if (is_expr(c)) {
		struct fset v = flow_eval(ctx[0], c);
		fs_union(ctx[1], &v);
	}
	return CXChildVisit_Continue;
}

static struct fset eval_kids(struct flow *f, CXCursor c)
{
	struct fset r = {0};
	void *ctx[2] = {f, &r};
	clang_visitChildren(c, union_cb, ctx);
	return r;
}

static struct fset eval_member(struct flow *f, CXCursor c)
{
	struct kids k = flow_kids(c);
	struct fset base = k.n && is_expr(k.v[0]) ? flow_eval(f, k.v[0]) : (struct fset){0};
	CXCursor field = clang_getCursorReferenced(c);
	if (clang_getCursorKind(field) != CXCursor_FieldDecl)
		return base;
	const struct link_entry *le = link_of(f, field);
	if (le->rule && le->rule->element)
		return flow_elemify(&base);
	if (le->rule) {
		flow_apply_type(f, &base, le->rule->type);
		return base;
	}
	struct fset r = fs_drop(&base, FK_INST);
	r = fs_drop(&r, FK_CHAIN);
	bool chained = false;
	for (unsigned i = 0; i < base.n; i++)
		if (FKIND(base.v[i]) == FK_CHAIN) {
			fs_add(&r, chain_fact(f, (long)FID(base.v[i]), le->link));
			chained = true;
		}
	if (!chained)
		fs_add(&r, chain_fact(f, -1, le->link));
	return r;
}

/* Store val where lhs designates. */
void flow_assign(struct flow *f, CXCursor lhs, const struct fset *val)
{
	CXCursor l = flow_strip(lhs);
	enum CXCursorKind k = clang_getCursorKind(l);
	if (k == CXCursor_DeclRefExpr) {
		CXCursor ref = clang_getCursorReferenced(l);
		struct var *v = is_var(ref) ? var_find(f, ref) : NULL;
		if (v)
			var_assign(f, v, val);
		return;
	}
	if (k == CXCursor_UnaryOperator) { /* *out = v: the pointee */
		struct kids ks = flow_kids(l);
		CXCursor in = ks.n ? flow_strip(ks.v[0]) : l;
		if (ks.n && clang_getCursorKind(in) == CXCursor_DeclRefExpr) {
			struct var *v = var_find(f, clang_getCursorReferenced(in));
			if (v) {
				unsigned d = f->depth;
				f->depth = d + 1; /* never replaces */
				var_assign(f, v, val);
				f->depth = d;
			}
			return;
		}
	}
	struct fset where = flow_eval(f, l);
	for (unsigned i = 0; i < where.n; i++)
		if (FKIND(where.v[i]) == FK_CHAIN)
			flow_sink(f, where.v[i], val);
}

/* An out-parameter argument (&v, &p->m, or a pointer passed on). */
void flow_assign_out(struct flow *f, CXCursor arg, const struct fset *val)
{
	CXCursor a = flow_strip(arg);
	struct kids ks;
	if (clang_getCursorKind(a) == CXCursor_UnaryOperator && (ks = flow_kids(a)).n &&
	    flow_is_address_of(a, ks.v[0])) {
		flow_assign(f, ks.v[0], val);
		return;
	}
	if (clang_getCursorKind(a) == CXCursor_DeclRefExpr) {
		struct var *v = var_find(f, clang_getCursorReferenced(a));
		if (v) {
			unsigned d = f->depth;
			f->depth = v->depth + 1;
			var_assign(f, v, val);
			f->depth = d;
		}
	}
}

static struct fset eval_binop(struct flow *f, CXCursor c)
{
	struct kids k = flow_kids(c);
	if (k.n < 2)
		return eval_kids(f, c);
	CXCursor lhs = k.v[0];
	enum CXCursorKind lk = clang_getCursorKind(lhs);
	/* the left side of an assignment is an lvalue left unconverted; any
	 * other operator reads it through an implicit conversion */
	enum CXCursorKind sk = clang_getCursorKind(flow_strip(lhs));
	bool assigns = (lk == CXCursor_DeclRefExpr && is_var(clang_getCursorReferenced(lhs))) ||
	               lk == CXCursor_MemberRefExpr || lk == CXCursor_ArraySubscriptExpr ||
	               (lk == CXCursor_ParenExpr &&
	                (sk == CXCursor_DeclRefExpr || sk == CXCursor_MemberRefExpr ||
	                 sk == CXCursor_ArraySubscriptExpr));
	if (lk == CXCursor_UnaryOperator) {
		struct kids in = flow_kids(lhs);
		assigns = in.n && !flow_is_address_of(lhs, in.v[0]) &&
		          clang_getCursorKind(in.v[0]) == CXCursor_UnexposedExpr;
	}
	if (!assigns) { /* in order: a && b reads a first */
		struct fset l = flow_eval(f, lhs), r = flow_eval(f, k.v[1]);
		fs_union(&l, &r);
		return l;
	}
	struct fset rhs = flow_eval(f, k.v[1]);
	flow_assign(f, lhs, &rhs);
	return rhs;
}

static struct fset eval_compound(struct flow *f, CXCursor c)
{
	struct kids k = flow_kids(c);
	if (k.n < 2)
		return eval_kids(f, c);
	struct fset rhs = flow_eval(f, k.v[1]);
	unsigned d = f->depth;
	f->depth = d + 1; /* x += v adds to x */
	flow_assign(f, k.v[0], &rhs);
	f->depth = d;
	return rhs;
}

/* c ? a : b holds a or b; when neither comes from JSON, what decides
 * between them does (x ? x_list : NULL, OpenAPI Generator's parsers). */
static struct fset eval_conditional(struct flow *f, CXCursor c)
{
	struct kids k = flow_kids(c);
	if (k.n != 3)
		return eval_kids(f, c);
	struct fset cond = flow_eval(f, k.v[0]), r = flow_eval(f, k.v[1]);
	struct fset b = flow_eval(f, k.v[2]);
	fs_union(&r, &b);
	if (!fs_has_kind(&r, FK_SITE) && !fs_has_kind(&r, FK_ELEM))
		fs_union(&r, &cond);
	return r;
}

struct fset flow_eval(struct flow *f, CXCursor c)
{
	struct fset r = {0};
	if (f->rec >= MAX_DEPTH)
		return r;
	f->rec++;
	switch (clang_getCursorKind(c)) {
	case CXCursor_DeclRefExpr: {
		CXCursor ref = clang_getCursorReferenced(c);
		struct var *v = is_var(ref) ? var_find(f, ref) : NULL;
		if (v)
			r = v->val;
		break;
	}
	case CXCursor_MemberRefExpr:
		r = eval_member(f, c);
		break;
	case CXCursor_CallExpr:
		r = flow_eval_call(f, c);
		break;
	case CXCursor_BinaryOperator:
		r = eval_binop(f, c);
		break;
	case CXCursor_CompoundAssignOperator:
		r = eval_compound(f, c);
		break;
	case CXCursor_UnaryExpr: /* sizeof, alignof: not evaluated */
	case CXCursor_StringLiteral:
	case CXCursor_IntegerLiteral:
	case CXCursor_CharacterLiteral:
	case CXCursor_FloatingLiteral:
		break;
	case CXCursor_StmtExpr:
		exec(f, c);
		break;
	case CXCursor_ConditionalOperator:
		r = eval_conditional(f, c);
		break;
	default:
		r = eval_kids(f, c);
		break;
	}
	f->rec--;
	return r;
}

/* --- statements ----------------------------------------------------- */

static enum CXChildVisitResult exec_cb(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	exec(data, c);
	return CXChildVisit_Continue;
}

static enum CXChildVisitResult init_cb(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	if (is_expr(c))
		*(CXCursor *)data = c;
	return CXChildVisit_Continue;
}

static void declare(struct flow *f, CXCursor c)
{
	CXCursor init = clang_getNullCursor();
	clang_visitChildren(c, init_cb, &init);
	struct fset val = clang_Cursor_isNull(init) ? (struct fset){0} : flow_eval(f, init);
	struct var *v = var_declare(f, c);
	var_assign(f, v, &val);
	for (size_t i = 0; i < N_IDIOMS; i++)
		if (flow_idioms[i]->declare)
			flow_idioms[i]->declare(f, c);
}

static enum CXChildVisitResult decl_cb(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	if (clang_getCursorKind(c) == CXCursor_VarDecl)
		declare(data, c);
	return CXChildVisit_Continue;
}

/* The children of c, each in a branch that may not run (loop bodies,
 * switch cases), or, for an if, all but its condition. */
static void exec_branches(struct flow *f, CXCursor c, bool keep_first)
{
	struct kids k = flow_kids(c);
	if (keep_first && k.n)
		exec(f, k.v[0]);
	f->depth++;
	for (unsigned i = keep_first ? 1 : 0; i < k.n; i++)
		exec(f, k.v[i]);
	f->depth--;
}

static void exec(struct flow *f, CXCursor c)
{
	if (f->rec >= MAX_DEPTH)
		return;
	enum CXCursorKind k = clang_getCursorKind(c);
	if (is_expr(c)) {
		flow_eval(f, c);
		return;
	}
	f->rec++;
	switch (k) {
	case CXCursor_DeclStmt:
		clang_visitChildren(c, decl_cb, f);
		break;
	case CXCursor_IfStmt:
		exec_branches(f, c, true);
		break;
	case CXCursor_ForStmt:
	case CXCursor_WhileStmt:
	case CXCursor_DoStmt:
	case CXCursor_SwitchStmt:
		exec_branches(f, c, false);
		break;
	default:
		clang_visitChildren(c, exec_cb, f);
		break;
	}
	f->rec--;
}

/* --- functions ------------------------------------------------------ */

/* json-c style: an object built in a variable and added under a key
 * afterwards is that key's value; writes into it are its children. */
static void link_writes(struct flow *f)
{
	for (size_t i = 0; i < f->n_pends; i++)
		for (size_t j = 0; j < f->n_pends; j++) {
			const struct pend *w = &f->pends[i], *k = &f->pends[j];
			if (i == j || !f->u->sites[k->site].key)
				continue;
			bool hit = false;
			for (unsigned a = 0; a < w->obj.n && !hit; a++)
				for (unsigned b = 0; b < k->val.n && !hit; b++)
					hit = w->obj.v[a] == k->val.v[b];
			if (hit)
				flow_site_parent(&f->u->sites[w->site], k->site);
		}
}

static enum CXChildVisitResult param_cb(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	struct flow *f = data;
	if (clang_getCursorKind(c) == CXCursor_ParmDecl) {
		struct var *v = var_declare(f, c);
		v->val.n = 0;
		fs_add(&v->val, FACT(FK_PARAM, f->next_inst));
		f->next_inst++;
	} else if (clang_getCursorKind(c) == CXCursor_CompoundStmt) {
		f->next_inst = 1u << 16; /* identities after the parameters' numbers */
		exec(f, c);
	}
	return CXChildVisit_Continue;
}

/* A scope of its own: a function, or a variable at file scope. */
static void scope_begin(struct flow *f, CXCursor c)
{
	CXString name = clang_getCursorSpelling(c);
	f->func = arena_strdup(&f->u->arena, clang_getCString(name));
	clang_disposeString(name);
	f->func_loc = place_of(f, c);
	f->func_cursor = c;
	f->n_vars = f->n_pends = f->n_groups = 0;
	f->first_group = f->u->n_groups;
	f->depth = f->rec = f->next_inst = 0;
	f->first_site = f->u->n_sites;
}

static void scope_end(struct flow *f)
{
	for (size_t i = 0; i < N_IDIOMS; i++)
		if (flow_idioms[i]->end)
			flow_idioms[i]->end(f);
}

static void walk_function(struct flow *f, CXCursor fn)
{
	scope_begin(f, fn);
	clang_visitChildren(fn, param_cb, f);
	scope_end(f);
	link_writes(f);
}

static enum CXChildVisitResult top_cb(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	struct flow *f = data;
	enum CXCursorKind k = clang_getCursorKind(c);
	if (k != CXCursor_FunctionDecl && k != CXCursor_VarDecl)
		return CXChildVisit_Continue;
	if (!clang_isCursorDefinition(c) ||
	    !clang_Location_isFromMainFile(clang_getCursorLocation(c)))
		return CXChildVisit_Continue;
	if (k == CXCursor_FunctionDecl) {
		walk_function(f, c);
		return CXChildVisit_Continue;
	}
	scope_begin(f, c); /* a table at file scope: its own scope */
	f->next_inst = 1u << 16;
	for (size_t i = 0; i < N_IDIOMS; i++)
		if (flow_idioms[i]->declare)
			flow_idioms[i]->declare(f, c);
	scope_end(f);
	return CXChildVisit_Continue;
}

/* Number only the groups that have sites, in their order: a unit has no
 * more groups than sites (what the cache reader holds it to). */
static void compact_groups(struct src_unit *u)
{
	if (!u->n_groups)
		return;
	size_t *to = xcalloc(u->n_groups, sizeof *to); /* new id + 1 */
	for (size_t i = 0; i < u->n_sites; i++)
		to[u->sites[i].group] = 1;
	size_t n = 0;
	for (size_t g = 0; g < u->n_groups; g++)
		if (to[g])
			to[g] = ++n;
	for (size_t i = 0; i < u->n_sites; i++)
		u->sites[i].group = to[u->sites[i].group] - 1;
	u->n_groups = n;
	free(to);
}

void flow_walk_unit(struct src_unit *u, CXTranslationUnit tu, const struct flow_rules *fr)
{
	struct flow f = {.u = u, .fr = fr, .tu = tu, .annots = -1};
	CXFile main = clang_getFile(tu, u->path);
	f.main_file = main;
	size_t len = 0;
	f.text = main ? clang_getFileContents(tu, main, &len) : NULL;
	f.text_len = len;
	f.annots = f.text && memmem(f.text, len, "@schema", 7) ? 1 : 0;
	clang_visitChildren(clang_getTranslationUnitCursor(tu), top_cb, &f);
	for (size_t i = 0; i < N_IDIOMS; i++)
		if (flow_idioms[i]->done)
			flow_idioms[i]->done(&f);
	if (f.cmts)
		cmt_index_free(f.cmts);
	free(f.cmts);
	for (size_t i = 0; i < f.var_schemas.cap; i++)
		free((char *)f.var_schemas.slots[i].key);
	strmap_free(&f.var_schemas);
	free(f.vars);
	free(f.links);
	free(f.pends);
	free(f.groups);
	compact_groups(u);
}
