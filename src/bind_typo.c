/*
 * bind_typo.c - typos between the two sides: a member that matches no
 * property and a property that has no member, whose names are a near miss
 * of each other under the member-name rule (cpuset_spus for CpusetCpus,
 * resolv_conv_path for ResolvConfPath, poll_anser for poll_answer). The
 * diff reports such a pair once, at the member, instead of an extra member
 * here and a missing property there. And the naming pattern the structs
 * follow, when a first run binds none of them.
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

/* How near a member name is to a property (util_near_miss): the nearest
 * of the property and the names the member rules give it; UTIL_FAR when
 * it is none. */
static unsigned near(const char *member, const char *prop, const struct ruleset *rs)
{
	unsigned best = util_near_miss(member, prop);
	for (size_t r = 0; r < rs->member_rules.n && best; r++) {
		char *want = bind_member_name(rs->member_rules.v[r], prop, rs);
		unsigned d = util_near_miss(member, want);
		if (d < best)
			best = d;
		free(want);
	}
	return best ? best : UTIL_FAR; /* alike but for case: name-style's */
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
			if (d != UTIL_FAR)
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

/* The prefix and suffix around {snake} that name the most structs after
 * schemas (telebot_{snake} for telebot_user and User), for a run that binds
 * nothing. */
struct guess {
	char *pattern;
	unsigned hits;
	const char *example_c, *example_schema;
};

static void tally(struct guess **v, size_t *n, size_t *cap, const char *c_name, size_t pre,
                  const char *suffix, const char *schema)
{
	char *pattern = xasprintf("%.*s{snake}%s", (int)pre, c_name, suffix);
	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*v)[i].pattern, pattern)) {
			(*v)[i].hits++;
			free(pattern);
			return;
		}
	*VEC_PUSH(*v, *n, *cap) = (struct guess){pattern, 1, c_name, schema};
}

static void guess_record(struct guess **v, size_t *n, size_t *cap, const char *c_name,
                         const struct spec *spec, char *const *snakes)
{
	size_t cn = strlen(c_name);
	for (size_t i = 0; i < spec->n_schemas; i++) {
		size_t sn = strlen(snakes[i]);
		if (!sn)
			continue;
		if (cn > sn && !strcmp(c_name + cn - sn, snakes[i]))
			tally(v, n, cap, c_name, cn - sn, "", spec->schemas[i]->name);
		else if (cn > sn + 2 && !strcmp(c_name + cn - 2, "_t") &&
		         !strncmp(c_name + cn - sn - 2, snakes[i], sn))
			tally(v, n, cap, c_name, cn - sn - 2, "_t", spec->schemas[i]->name);
	}
}

char *bind_suggest(const struct spec *spec, const struct hdr_set *h)
{
	char **snakes = xcalloc(spec->n_schemas + 1, sizeof *snakes);
	for (size_t i = 0; i < spec->n_schemas; i++)
		snakes[i] = bind_snake(spec->schemas[i]->name ? spec->schemas[i]->name : "");
	struct guess *v = NULL;
	size_t n = 0, cap = 0, structs = 0;
	for (size_t i = 0; i < h->n_records; i++) {
		const struct hdr_record *r = h->records[i];
		if (!r->in_scope || !r->complete || r->anonymous)
			continue;
		structs++;
		guess_record(&v, &n, &cap, r->tdname ? r->tdname : r->tag, spec, snakes);
	}
	const struct guess *best = NULL;
	for (size_t i = 0; i < n; i++)
		if (v[i].hits >= 2 && (!best || v[i].hits > best->hits))
			best = &v[i];
	char *hint = NULL;
	if (best)
		hint = xasprintf(
		        "no struct is bound to a schema, but %u of the %zu structs are named "
		        "'%s' (%s for %s): put naming: {struct: [\"%s\"]} in a --rules file",
		        best->hits, structs, best->pattern, best->example_c, best->example_schema,
		        best->pattern);
	for (size_t i = 0; i < n; i++)
		free(v[i].pattern);
	free(v);
	for (size_t i = 0; i < spec->n_schemas; i++)
		free(snakes[i]);
	free(snakes);
	return hint;
}
