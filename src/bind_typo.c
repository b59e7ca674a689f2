/*
 * bind_typo.c - typos between the two sides: a member that matches no
 * property and a property that has no member, whose names are a near miss
 * of each other under the member-name rule (cpuset_spus for CpusetCpus,
 * resolv_conv_path for ResolvConfPath, poll_anser for poll_answer). The
 * diff reports such a pair once, at the member, instead of an extra member
 * here and a missing property there.
 */
#include "config.h"

#include "bind.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

struct cand {
	size_t prop, member;
	unsigned dist;
};

/* How far a name of n letters may be from its intended one: short names
 * are too alike to guess (id, rw, name, type), longer ones allow more. */
static unsigned allowed(size_t n)
{
	return n < 4 ? 0 : n < 8 ? 1 : 2;
}

/* Lower case without '_' and '-': photoUrls and photo_urls fold alike. */
static size_t fold(const char *s, char *out, size_t cap)
{
	size_t n = 0;
	for (; *s && n + 1 < cap; s++)
		if (*s != '_' && *s != '-')
			out[n++] = (char)tolower((unsigned char)*s);
	out[n] = '\0';
	return n;
}

/* The distance of a member name from a property: the nearest of the names
 * the member rules give it, folded alike; above the allowance, UINT_MAX. */
static unsigned near(const char *member, const char *prop, const struct ruleset *rs)
{
	char fm[64], fp[64];
	size_t nm = fold(member, fm, sizeof fm), np = fold(prop, fp, sizeof fp);
	unsigned best = util_edit_distance(fm, nm, fp, np, false, 2);
	for (size_t r = 0; r < rs->member_rules.n; r++) {
		char *want = bind_member_name(rs->member_rules.v[r], prop, rs);
		unsigned d =
		        util_edit_distance(member, strlen(member), want, strlen(want), false, 2);
		if (d < best)
			best = d;
		free(want);
	}
	size_t shorter = nm < np ? nm : np;
	return best && best <= allowed(shorter) ? best : (unsigned)-1;
}

static int cmp_cand(const void *pa, const void *pb)
{
	const struct cand *a = pa, *b = pb;
	if (a->dist != b->dist)
		return a->dist < b->dist ? -1 : 1;
	if (a->prop != b->prop)
		return a->prop < b->prop ? -1 : 1;
	return (a->member > b->member) - (a->member < b->member);
}

static bool free_member(const struct member_binding *mb, const struct hdr_record *rec, size_t i)
{
	return mb->roles[i] == MR_NONE && !annot_find(&rec->members[i].annots, AT_JSON) &&
	       rec->members[i].name[0];
}

void bind_typos(const struct member_binding *mb, const struct hdr_record *rec,
                const struct ruleset *rs, long *member_of_prop)
{
	struct cand *c = NULL;
	size_t n = 0, cap = 0;
	for (size_t p = 0; p < mb->n_pairs; p++) {
		member_of_prop[p] = -1;
		for (size_t i = 0; !mb->pairs[p].member && i < mb->n_members; i++) {
			if (!free_member(mb, rec, i))
				continue;
			unsigned d = near(rec->members[i].name, mb->pairs[p].prop->name, rs);
			if (d != (unsigned)-1)
				*VEC_PUSH(c, n, cap) = (struct cand){p, i, d};
		}
	}
	if (n > 1)
		qsort(c, n, sizeof *c, cmp_cand);
	bool *taken = xcalloc(mb->n_members + 1, sizeof *taken);
	for (size_t k = 0; k < n; k++)
		if (member_of_prop[c[k].prop] < 0 && !taken[c[k].member]) {
			member_of_prop[c[k].prop] = (long)c[k].member;
			taken[c[k].member] = true;
		}
	free(taken);
	free(c);
}

char *bind_typo_fix(const char *member, const char *prop, const struct ruleset *rs)
{
	char *best = NULL;
	unsigned best_d = (unsigned)-1;
	for (size_t r = 0; r < rs->member_rules.n; r++) {
		char *want = bind_member_name(rs->member_rules.v[r], prop, rs);
		unsigned d =
		        util_edit_distance(member, strlen(member), want, strlen(want), true, 63);
		if (d < best_d) {
			free(best);
			best = want;
			best_d = d;
		} else {
			free(want);
		}
	}
	return best ? best : xstrdup(prop);
}
