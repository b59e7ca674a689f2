/*
 * hdr_flow_call.c - calls in the walk of hdr_flow.c. A call the rules'
 * json-calls name is a JSON call: a read or write with a key is a site of
 * the model, a value builder (cJSON_CreateString) gives its result a JSON
 * type, a getter or type test (json_object_get_int, cJSON_IsNumber) gives
 * the site of its value one, and json_pack/json_unpack formats are read
 * key by key. Any other call passes its arguments' facts on, records
 * where values read at sites go (the summaries hdr_src.c joins), and
 * treats a member passed beside a value read (&p->m, p->list) as where
 * that value is stored.
 */
#include "config.h"

#include "hdr_idiom.h"

#include <stdlib.h>
#include <string.h>

/* One escape sequence of a C string literal at *p, advanced past it. */
static char unescape(const char **p)
{
	const char *s = *p;
	static const char from[] = "ntrabfv\\'\"?", to[] = "\n\t\r\a\b\f\v\\'\"?";
	const char *hit = strchr(from, *s);
	if (*s && hit) {
		*p = s + 1;
		return to[hit - from];
	}
	unsigned v = 0, n = 0;
	if (*s == 'x')
		for (s++; n < 2 && strchr("0123456789abcdefABCDEF", *s) && *s; s++, n++)
			v = v * 16 + (unsigned)(*s <= '9' ? *s - '0' : (*s | 0x20) - 'a' + 10);
	else
		for (; n < 3 && *s >= '0' && *s <= '7'; s++, n++)
			v = v * 8 + (unsigned)(*s - '0');
	*p = s;
	return (char)v;
}

/* The value of a string literal argument ("name", "a" "b"), or NULL. */
const char *flow_literal(struct flow *f, CXCursor arg)
{
	CXCursor a = flow_strip(arg);
	if (clang_getCursorKind(a) != CXCursor_StringLiteral)
		return NULL;
	CXString sp = clang_getCursorSpelling(a);
	const char *p = clang_getCString(sp);
	struct sbuf sb = {0};
	bool ok = p != NULL;
	while (ok && *p) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == 'u' || *p == '8' ||
		       *p == 'L' || *p == 'U')
			p++;
		if (!*p)
			break;
		if (*p != '"') {
			ok = false;
			break;
		}
		for (p++; *p && *p != '"';)
			sbuf_putc(&sb, *p == '\\' ? (p++, unescape(&p)) : *p++);
		ok = *p == '"';
		p += ok;
	}
	clang_disposeString(sp);
	const char *r = ok && sb.len ? arena_strndup(&f->u->arena, sb.buf, sb.len) : NULL;
	sbuf_free(&sb);
	return r;
}

/* --- calls ---------------------------------------------------------- */

static CXCursor arg_of(CXCursor c, int i, int n)
{
	return i >= 0 && i < n ? clang_Cursor_getArgument(c, (unsigned)i) : clang_getNullCursor();
}

static struct fset eval_arg(struct flow *f, CXCursor c, int i, int n)
{
	CXCursor a = arg_of(c, i, n);
	return clang_Cursor_isNull(a) ? (struct fset){0} : flow_eval(f, a);
}

static void pend(struct flow *f, size_t site, const struct fset *obj, const struct fset *val)
{
	struct pend *p = VEC_PUSH(f->pends, f->n_pends, f->pends_cap);
	p->site = site;
	p->obj = (struct fset){0};
	p->val = (struct fset){0};
	for (unsigned i = 0; i < obj->n; i++)
		if (FKIND(obj->v[i]) == FK_INST)
			fs_add(&p->obj, obj->v[i]);
	for (unsigned i = 0; val && i < val->n; i++)
		if (FKIND(val->v[i]) == FK_INST)
			fs_add(&p->val, val->v[i]);
}

/* A write: a site in its object, with the value's members and type. */
static struct fset json_write(struct flow *f, CXCursor c, const struct wire_call *wc, int n)
{
	struct fset obj = eval_arg(f, c, wc->object, n), val = eval_arg(f, c, wc->value, n);
	if (wc->object < 0) { /* a value builder: cJSON_CreateString(p->name) */
		struct fset r = fs_drop(&val, FK_TYPE);
		r = fs_drop(&r, FK_INST);
		if (wc->type)
			fs_add(&r, FACT(FK_TYPE, wc->type));
		return r;
	}
	CXCursor karg = arg_of(c, wc->key, n);
	const char *key = clang_Cursor_isNull(karg) ? NULL : flow_literal(f, karg);
	size_t s = flow_new_site(f, wc, key, key ? karg : c, arg_of(c, wc->object, n), &obj);
	struct wire_site *site = &f->u->sites[s];
	for (unsigned i = 0; i < val.n; i++) {
		if (FKIND(val.v[i]) == FK_CHAIN)
			flow_site_reach(site, f->u->chains[FID(val.v[i])]);
		else if (FKIND(val.v[i]) == FK_TYPE && !wc->type)
			site->types |= FID(val.v[i]);
	}
	pend(f, s, &obj, &val);
	struct fset r = {0};
	fs_add(&r, FACT(FK_SITE, s));
	return r;
}

static struct fset json_read(struct flow *f, CXCursor c, const struct wire_call *wc, int n)
{
	struct fset obj = eval_arg(f, c, wc->object, n), r;
	CXCursor karg = arg_of(c, wc->key, n);
	const char *key = clang_Cursor_isNull(karg) ? NULL : flow_literal(f, karg);
	if (key) {
		size_t s = flow_new_site(f, wc, key, karg, arg_of(c, wc->object, n), &obj);
		r = (struct fset){0};
		fs_add(&r, FACT(FK_SITE, s));
	} else if (wc->value >= 0) { /* a getter or type test of a value */
		r = eval_arg(f, c, wc->value, n);
		flow_apply_type(f, &r, wc->type);
		flow_apply_converts(f, &r, wc->converts);
		if (wc->element)
			r = flow_elemify(&r);
	} else {
		r = wc->element || wc->key >= 0 ? flow_elemify(&obj) : obj;
	}
	CXCursor out = arg_of(c, wc->out, n);
	if (!clang_Cursor_isNull(out))
		flow_assign_out(f, out, &r);
	return r;
}

/* json_pack(fmt, key, value, ...) and json_unpack(root, fmt, key, &out, ...) */
static struct fset json_format(struct flow *f, CXCursor c, const struct wire_call *wc, int n)
{
	const char *fmt = flow_literal(f, arg_of(c, wc->format, n));
	struct wire_fmt_item items[64];
	int ni = fmt ? wire_fmt_parse(fmt, wc->dir == WIRE_READ, items, 64) : -1;
	struct fset root = eval_arg(f, c, wc->object, n), r = {0};
	if (wc->object < 0) /* json_pack builds a new object: its own identity */
		fs_add(&root, FACT(FK_INST, f->next_inst++));
	size_t site_of[64];
	int first = wc->format + 1;
	for (int i = 0; i < ni; i++) {
		const struct wire_fmt_item *it = &items[i];
		struct fset obj = root;
		if (it->parent >= 0 && site_of[it->parent] != (size_t)-1) {
			obj = (struct fset){0};
			fs_add(&obj, FACT(items[it->parent].key_arg >= 0 ? FK_SITE : FK_ELEM,
			                  site_of[it->parent]));
		}
		site_of[i] = (size_t)-1;
		CXCursor karg = it->key_arg >= 0 ? arg_of(c, first + it->key_arg, n) : c;
		const char *key = it->key_arg >= 0 && !clang_Cursor_isNull(karg)
		                          ? flow_literal(f, karg)
		                          : NULL;
		if (!key && (it->key_arg >= 0 || it->parent < 0))
			continue;
		struct wire_call one = *wc;
		one.type = it->type;
		site_of[i] =
		        flow_new_site(f, &one, key, key ? karg : c, arg_of(c, wc->object, n), &obj);
		if (wc->dir == WIRE_WRITE)
			pend(f, site_of[i], &obj, NULL);
		CXCursor varg = it->value_arg >= 0 ? arg_of(c, first + it->value_arg, n) : c;
		if (it->value_arg < 0 || clang_Cursor_isNull(varg))
			continue;
		struct fset mine = {0};
		fs_add(&mine, FACT(FK_SITE, site_of[i]));
		if (wc->dir == WIRE_READ) {
			flow_assign_out(f, varg, &mine);
		} else {
			struct fset v = flow_eval(f, varg);
			for (unsigned j = 0; j < v.n; j++)
				if (FKIND(v.v[j]) == FK_CHAIN)
					flow_site_reach(&f->u->sites[site_of[i]],
					                f->u->chains[FID(v.v[j])]);
		}
	}
	if (wc->dir == WIRE_WRITE && wc->object < 0)
		r = root;
	return r;
}

/* A member chain designated by an argument (p->m, &p->m), unless the
 * member belongs to a value read from JSON. */
static bool sink_arg(struct flow *f, CXCursor arg, struct fset *chains)
{
	CXCursor a = flow_strip(arg);
	struct kids ks;
	bool addr = false;
	if (clang_getCursorKind(a) == CXCursor_UnaryOperator && (ks = flow_kids(a)).n &&
	    flow_is_address_of(a, ks.v[0])) {
		a = flow_strip(ks.v[0]);
		addr = true;
	}
	enum CXCursorKind k = clang_getCursorKind(a);
	if (k != CXCursor_MemberRefExpr && k != CXCursor_ArraySubscriptExpr)
		return false;
	struct fset v = flow_eval(f, a);
	if (!addr && (fs_has_kind(&v, FK_SITE) || fs_has_kind(&v, FK_ELEM)))
		return false;
	*chains = (struct fset){0};
	for (unsigned i = 0; i < v.n; i++)
		if (FKIND(v.v[i]) == FK_CHAIN)
			fs_add(chains, v.v[i]);
	return chains->n > 0;
}

/* What a function the unit does not know gives back: its arguments'
 * facts; but a call combining values read under several keys builds
 * something of the object they were read from (make_x(&out, a, b)). */
static struct fset combine(struct flow *f, const struct fset *args, int n)
{
	struct fset all = {0}, sites = {0};
	for (int i = 0; i < n; i++)
		for (unsigned j = 0; j < args[i].n; j++) {
			fact x = args[i].v[j];
			if (FKIND(x) == FK_SITE || FKIND(x) == FK_ELEM)
				fs_add(&sites, FACT(FK_SITE, FID(x)));
			if (FKIND(x) != FK_TYPE && FKIND(x) != FK_INST)
				fs_add(&all, x);
		}
	if (sites.n < 2)
		return all;
	struct fset r = fs_drop(&all, FK_SITE);
	r = fs_drop(&r, FK_ELEM);
	for (unsigned i = 0; i < sites.n; i++) {
		const struct wire_site *s = &f->u->sites[FID(sites.v[i])];
		for (size_t p = 0; p < s->n_parents; p++)
			fs_add(&r, FACT(FK_SITE, s->parents[p]));
	}
	return r;
}

static void record_flows(struct flow *f, const char *callee, int i, const struct fset *a)
{
	struct src_unit *u = f->u;
	for (unsigned j = 0; j < a->n; j++) {
		enum fact_kind k = FKIND(a->v[j]);
		if (k == FK_SITE || k == FK_ELEM)
			*VEC_PUSH(u->calls, u->n_calls, u->calls_cap) =
			        (struct flow_call){callee, i, FID(a->v[j])};
		else if (k == FK_PARAM)
			*VEC_PUSH(u->passes, u->n_passes, u->passes_cap) =
			        (struct flow_pass){f->func, (int)FID(a->v[j]), callee, i};
	}
}

static struct fset unknown_call(struct flow *f, CXCursor c, const char *callee, int n)
{
	struct fset args[MAX_ARGS], chains[MAX_ARGS];
	bool sinks[MAX_ARGS];
	int na = n < MAX_ARGS ? n : MAX_ARGS;
	for (int i = 0; i < n; i++) {
		struct fset v = eval_arg(f, c, i, n);
		if (i < na)
			args[i] = v;
	}
	bool converts = *callee && strmap_get(&f->fr->converters, callee);
	for (int i = 0; i < na; i++) {
		if (converts) /* strtol(s, ...), atoi(s): a number from the string read */
			flow_apply_converts(f, &args[i], SPEC_STRING);
		if (*callee)
			record_flows(f, callee, i, &args[i]);
		sinks[i] = sink_arg(f, clang_Cursor_getArgument(c, (unsigned)i), &chains[i]);
	}
	for (int i = 0; i < na; i++)
		for (int j = 0; sinks[i] && j < na; j++)
			for (unsigned x = 0; j != i && x < chains[i].n; x++)
				flow_sink(f, chains[i].v[x], &args[j]);
	struct fset r = combine(f, args, na);
	struct fset read = {0};
	for (unsigned i = 0; i < r.n; i++)
		if (FKIND(r.v[i]) == FK_SITE || FKIND(r.v[i]) == FK_ELEM)
			fs_add(&read, r.v[i]);
	for (int i = 0; read.n && i < na; i++) { /* out-parameters: &v, a list */
		CXCursor a = flow_strip(clang_Cursor_getArgument(c, (unsigned)i));
		CXCursor ref = clang_getCursorReferenced(a);
		bool local = clang_getCursorKind(a) == CXCursor_DeclRefExpr &&
		             clang_getCursorKind(ref) == CXCursor_VarDecl &&
		             clang_getCanonicalType(clang_getCursorType(a)).kind == CXType_Pointer;
		if (local || clang_getCursorKind(a) == CXCursor_UnaryOperator)
			flow_assign_out(f, a, &read);
	}
	return r;
}

struct fset flow_eval_call(struct flow *f, CXCursor c)
{
	int n = clang_Cursor_getNumArguments(c);
	if (n < 0)
		n = 0;
	CXString sp = clang_getCursorSpelling(c);
	const char *name = clang_getCString(sp);
	const struct wire_call *wc = name && *name ? strmap_get(&f->fr->calls, name) : NULL;
	struct fset r;
	bool known = false;
	for (size_t i = 0; !known && i < N_IDIOMS; i++)
		known = flow_idioms[i]->call &&
		        flow_idioms[i]->call(f, c, name ? name : "", wc, n, &r);
	if (!known)
		r = unknown_call(f, c, name ? arena_strdup(&f->u->arena, name) : "", n);
	clang_disposeString(sp);
	return r;
}

/* The calls with a key argument: reads, writes, value builders, getters
 * and json_pack/json_unpack formats. */
static bool calls_call(struct flow *f, CXCursor c, const char *callee, const struct wire_call *wc,
                       int n, struct fset *out)
{
	(void)callee;
	if (!wc)
		return false;
	if (wc->format >= 0)
		*out = json_format(f, c, wc, n);
	else if (wc->dir == WIRE_WRITE)
		*out = json_write(f, c, wc, n);
	else
		*out = json_read(f, c, wc, n);
	return true;
}

const struct idiom idiom_calls = {.name = "calls", .call = calls_call};
