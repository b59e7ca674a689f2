/*
 * bind_comp.c - companion members: the flag that says a member's value is
 * present (has_x, is_x), the flag that says it is JSON null (is_x_null),
 * the element count of an array (n_x, x_count). They are found by the
 * patterns of the rules (naming: present, null, count), or written down
 * with @present and @count, and belong to their member: never extra, and
 * never taken when their type cannot be what they stand for.
 */
#include "config.h"

#include "bind.h"

#include <stdlib.h>
#include <string.h>

static const struct strvec *patterns(const struct ruleset *rs, enum bind_comp kind)
{
	return kind == BIND_PRESENT ? &rs->present_names
	       : kind == BIND_NULL  ? &rs->null_names
	                            : &rs->count_names;
}

const char *bind_comp_what(enum bind_comp kind)
{
	return kind == BIND_PRESENT ? "presence flag" : kind == BIND_NULL ? "null flag" : "count";
}

/* The pattern with {member} replaced by name. */
static char *expand(const char *pattern, const char *name)
{
	const char *at = strstr(pattern, "{member}");
	if (!at)
		return xstrdup(pattern);
	return xasprintf("%.*s%s%s", (int)(at - pattern), pattern, name, at + 8);
}

bool bind_is_count(const struct hdr_member *m)
{
	return m->type.kind == HK_INT && m->type.ptr == 0 && m->type.n_dims == 0;
}

bool bind_is_flag(const struct hdr_member *m)
{
	return (m->type.kind == HK_INT || m->type.kind == HK_BOOL) && m->type.ptr == 0 &&
	       m->type.n_dims == 0;
}

static bool fits(const struct hdr_member *m, enum bind_comp kind)
{
	return kind == BIND_COUNT ? bind_is_count(m) : bind_is_flag(m);
}

static const struct hdr_member *named(const struct hdr_record *rec, const struct hdr_member *self,
                                      const char *name, const enum member_role *roles)
{
	for (size_t i = 0; i < rec->n_members; i++) {
		const struct hdr_member *c = &rec->members[i];
		if (c != self && !strcmp(c->name, name) &&
		    (!roles || (roles[i] != MR_MATCHED && roles[i] != MR_IGNORED)))
			return c;
	}
	return NULL;
}

struct bind_comp_hit bind_companion(const struct hdr_record *rec, const struct hdr_member *m,
                                    enum bind_comp kind, const struct ruleset *rs,
                                    const enum member_role *roles)
{
	struct bind_comp_hit hit = {0}, first = {0};
	const struct annot *a =
	        kind == BIND_NULL
	                ? NULL
	                : annot_find(&m->annots, kind == BIND_COUNT ? AT_COUNT : AT_PRESENT);
	if (a) {
		hit.member = a->arg ? named(rec, m, a->arg, NULL) : NULL;
		hit.fits = hit.member && fits(hit.member, kind);
		return hit;
	}
	const struct strvec *pv = patterns(rs, kind);
	for (size_t p = 0; p < pv->n && !hit.member; p++) {
		char *want = expand(pv->v[p], m->name);
		/* a count may be a property of its own too (n_tags beside tags
		 * in the spec): the member holds both */
		const struct hdr_member *c = named(rec, m, want, kind == BIND_COUNT ? NULL : roles);
		free(want);
		if (!c || (roles && roles[c - rec->members] == MR_IGNORED) ||
		    (roles && roles[c - rec->members] == MR_MATCHED && !fits(c, kind)))
			continue;
		struct bind_comp_hit h = {c, pv->v[p], fits(c, kind)};
		if (h.fits)
			hit = h;
		else if (!first.member)
			first = h;
	}
	return hit.member ? hit : first;
}

const struct hdr_member *bind_count_member(const struct hdr_record *rec, const struct hdr_member *m,
                                           const struct ruleset *rs)
{
	struct bind_comp_hit h = bind_companion(rec, m, BIND_COUNT, rs, NULL);
	return h.fits ? h.member : NULL;
}

char *bind_comp_names(const struct ruleset *rs, enum bind_comp kind, const char *name)
{
	const struct strvec *pv = patterns(rs, kind);
	struct sbuf sb = {0};
	sbuf_add(&sb, "", 0);
	for (size_t i = 0; i < pv->n; i++) {
		char *one = expand(pv->v[i], name);
		if (i)
			sbuf_puts(&sb, ", ");
		sbuf_puts(&sb, one);
		free(one);
	}
	return sbuf_take(&sb);
}

char *bind_comp_renamed(const struct ruleset *rs, enum bind_comp kind, const char *companion,
                        const char *old, const char *name)
{
	const struct strvec *pv = patterns(rs, kind);
	for (size_t i = 0; i < pv->n; i++) {
		char *was = expand(pv->v[i], old);
		bool same = !strcmp(was, companion);
		free(was);
		if (same)
			return expand(pv->v[i], name);
	}
	return NULL;
}
