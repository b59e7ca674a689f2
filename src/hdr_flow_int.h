/*
 * hdr_flow_int.h - the walker state shared by hdr_flow.c (values,
 * expressions and statements) and hdr_flow_call.c (calls: the JSON
 * library's, a project's wrappers, and functions the walk does not know).
 */
#ifndef OAC_HDR_FLOW_INT_H
#define OAC_HDR_FLOW_INT_H

#include "hdr_flow.h"

#include <stdbool.h>

enum fact_kind { FK_CHAIN, FK_SITE, FK_ELEM, FK_PARAM, FK_INST, FK_TYPE };
typedef uint32_t fact;
#define FACT(k, id) (((uint32_t)(k) << 28) | ((uint32_t)(id)&0x0fffffffu))
#define FKIND(f)    ((enum fact_kind)((f) >> 28))
#define FID(f)      ((f)&0x0fffffffu)
enum { FSET_MAX = 24, MAX_DEPTH = 300, MAX_CHAIN = 8, MAX_ARGS = 32 };

struct fset {
	unsigned n;
	fact v[FSET_MAX];
};

struct var {
	CXCursor decl;
	unsigned hash;
	unsigned depth; /* the branch depth it was declared at */
	struct fset val;
};

struct link_entry { /* a FieldDecl's link, cached */
	CXCursor field;
	const struct wire_link *link;
	const struct wire_field *rule;
};

struct pend { /* a write's identities, linked at the function's end */
	size_t site;
	struct fset obj, val;
};

struct cmt_index;

struct flow {
	struct src_unit *u;
	const struct flow_rules *fr;
	CXTranslationUnit tu;
	CXFile main_file;
	const char *text; /* the main file's text */
	size_t text_len;
	const char *func;
	struct loc func_loc;
	struct var *vars;
	size_t n_vars, vars_cap;
	struct link_entry *links;
	size_t n_links, links_cap;
	struct pend *pends;
	size_t n_pends, pends_cap;
	fact *groups; /* a root object's identity -> group (index + first) */
	size_t n_groups, groups_cap, first_group;
	unsigned depth, rec, next_inst;
	size_t first_site;
	/* the idioms' (hdr_idiom.h): their state, by slot */
	void *idiom[8];
	CXCursor func_cursor;
	/* @schema in the unit's comments: -1 not looked yet, 0 none, 1 some */
	int annots;
	struct cmt_index *cmts;
	struct strmap var_schemas; /* "%u" hash of a declaration -> its @schema or "" */
};

struct kids {
	CXCursor v[4];
	unsigned n;
};

static inline void fs_add(struct fset *s, fact f)
{
	for (unsigned i = 0; i < s->n; i++)
		if (s->v[i] == f)
			return;
	if (s->n < FSET_MAX)
		s->v[s->n++] = f;
}

static inline void fs_union(struct fset *s, const struct fset *o)
{
	for (unsigned i = 0; i < o->n; i++)
		fs_add(s, o->v[i]);
}

static inline bool fs_has_kind(const struct fset *s, enum fact_kind k)
{
	for (unsigned i = 0; i < s->n; i++)
		if (FKIND(s->v[i]) == k)
			return true;
	return false;
}

/* s without facts of kind k. */
static inline struct fset fs_drop(const struct fset *s, enum fact_kind k)
{
	struct fset r = {0};
	for (unsigned i = 0; i < s->n; i++)
		if (FKIND(s->v[i]) != k)
			r.v[r.n++] = s->v[i];
	return r;
}

/* hdr_flow.c */
struct fset flow_eval(struct flow *f, CXCursor c);
void flow_assign(struct flow *f, CXCursor lhs, const struct fset *val);
void flow_assign_out(struct flow *f, CXCursor arg, const struct fset *val);
size_t flow_new_site(struct flow *f, const struct wire_call *wc, const char *key, CXCursor at,
                     CXCursor obj_cursor, const struct fset *obj);
void flow_apply_type(struct flow *f, const struct fset *v, unsigned type);
/* The values of the sites in v are converted from JSON types types. */
void flow_apply_converts(struct flow *f, const struct fset *v, unsigned types);
struct fset flow_elemify(const struct fset *v);
void flow_sink(struct flow *f, fact chain, const struct fset *val);
CXCursor flow_strip(CXCursor c);
struct kids flow_kids(CXCursor c);
bool flow_is_address_of(CXCursor c, CXCursor operand);
/* hdr_flow_call.c */
struct fset flow_eval_call(struct flow *f, CXCursor c);
const char *flow_literal(struct flow *f, CXCursor arg);

#endif
