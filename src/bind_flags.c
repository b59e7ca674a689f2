/*
 * bind_flags.c - booleans kept as bits: a struct whose boolean properties
 * live in one integer member, each a single-bit mask named after the
 * struct and the property,
 *
 *   typedef struct acct_relationship { char *id; uint16_t flags; } ...;
 *   #define ACCT_RELATIONSHIP_FOLLOWING (1<<0)
 *
 * holds following in flags. The rules' flags patterns say how a mask is
 * named ({STRUCT}_{PROPERTY}: the struct's tag or typedef name, without a
 * _t or _s, and the property, both in upper snake case). Each boolean
 * property whose mask is defined is matched to that member; a mask that
 * is only a near miss of a property (MUTING_NOTIFS for muting_notifications)
 * is paired with it too, marked, for the diff to say so; a boolean with no
 * mask is still missing.
 */
#include "config.h"

#include "bind.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* The member that holds the bits: the one integer member no property
 * took, or among several the one named for flags. */
static const struct hdr_member *holder(const struct member_binding *mb,
                                       const struct hdr_record *rec)
{
	const struct hdr_member *one = NULL, *named = NULL;
	size_t n = 0;
	for (size_t i = 0; i < rec->n_members; i++) {
		const struct hdr_member *m = &rec->members[i];
		if (mb->roles[i] != MR_NONE || m->type.kind != HK_INT || m->type.ptr ||
		    m->type.n_dims || m->bit_width >= 0)
			continue;
		n++;
		one = m;
		char *f = bind_fold(m->name);
		if (strstr(f, "flag") || strstr(f, "bits"))
			named = named ? named : m;
		free(f);
	}
	return n == 1 ? one : named;
}

static char *upper(const char *s, size_t n)
{
	char *u = xmalloc(n + 1);
	for (size_t i = 0; i < n; i++)
		u[i] = (char)toupper((unsigned char)s[i]);
	u[n] = '\0';
	return u;
}

/* {STRUCT} for a record name: upper case, without a _t or _s. */
static char *struct_part(const char *name)
{
	size_t n = strlen(name);
	if (n > 2 && name[n - 2] == '_' && (name[n - 1] == 't' || name[n - 1] == 's'))
		n -= 2;
	return upper(name, n);
}

/* A flags pattern for one struct: the mask's name is pre, the property,
 * post. */
struct affix {
	char *pre;
	const char *post;
};

static struct affix affix_of(const char *pattern, const char *st)
{
	const char *at = strstr(pattern, "{PROPERTY}");
	struct sbuf pre = {0};
	sbuf_add(&pre, "", 0);
	for (const char *p = pattern; p < at;) {
		if (!strncmp(p, "{STRUCT}", 8)) {
			sbuf_puts(&pre, st);
			p += 8;
		} else {
			sbuf_putc(&pre, *p++);
		}
	}
	return (struct affix){sbuf_take(&pre), at + 10};
}

/* The property part of a mask's name under an affix, or NULL (owned). */
static char *property_part(const struct affix *a, const char *name)
{
	size_t np = strlen(a->pre), nq = strlen(a->post), n = strlen(name);
	if (n <= np + nq || strncmp(name, a->pre, np) || strcmp(name + n - nq, a->post))
		return NULL;
	return xstrndup(name + np, n - np - nq);
}

static bool boolean(const struct member_pair *p)
{
	unsigned t = spec_types(spec_deref(p->prop->schema)) & ~(unsigned)SPEC_NULL;
	return !p->member && t == SPEC_BOOLEAN;
}

/* How near the property part of a mask is to a property (0: the same,
 * upper snake case against upper snake case), or UTIL_FAR. */
static unsigned bit_near(const char *part, const char *prop)
{
	char *snake = bind_snake(prop);
	char *want = upper(snake, strlen(snake));
	unsigned d = strcmp(part, want) ? util_near_miss(part, want) : 0;
	free(snake);
	free(want);
	return d;
}

/* The masks that fit rec's patterns, with their property parts. */
struct masks {
	const struct hdr_bit **bit;
	char **part;
	size_t n;
};

static void collect(struct masks *ms, const struct hdr_record *rec, const struct ruleset *rs)
{
	const char *names[2] = {rec->tag, rec->tdname};
	for (int k = 0; k < 2; k++) {
		char *st = names[k] ? struct_part(names[k]) : NULL;
		for (size_t p = 0; st && p < rs->flag_names.n; p++) {
			struct affix a = affix_of(rs->flag_names.v[p], st);
			for (size_t b = 0; b < rec->n_bits; b++) {
				char *part = property_part(&a, rec->bits[b].name);
				for (size_t i = 0; part && i < ms->n; i++)
					if (ms->bit[i] ==
					    &rec->bits[b]) { /* tag and typedef alike */
						free(part);
						part = NULL;
					}
				if (!part)
					continue;
				ms->bit = xrealloc(ms->bit, (ms->n + 1) * sizeof *ms->bit);
				ms->part = xrealloc(ms->part, (ms->n + 1) * sizeof *ms->part);
				ms->bit[ms->n] = &rec->bits[b];
				ms->part[ms->n++] = part;
			}
			free(a.pre);
		}
		free(st);
	}
}

/* The mask for property prop: exact (*near false) or the nearest near
 * miss not taken yet; -1 when none. */
static long mask_of(const struct masks *ms, const char *prop, const bool *taken, bool *near)
{
	long best = -1;
	unsigned best_d = UTIL_FAR;
	for (size_t i = 0; i < ms->n && best_d; i++) {
		unsigned d = taken[i] ? UTIL_FAR : bit_near(ms->part[i], prop);
		if (d < best_d) {
			best_d = d;
			best = (long)i;
		}
	}
	*near = best_d > 0;
	return best;
}

void bind_flags(struct member_binding *mb, const struct hdr_record *rec, const struct ruleset *rs)
{
	if (!rec->n_bits || !rs->flag_names.n)
		return;
	bool any = false;
	for (size_t i = 0; i < mb->n_pairs && !any; i++)
		any = boolean(&mb->pairs[i]);
	const struct hdr_member *m = any ? holder(mb, rec) : NULL;
	struct masks ms = {NULL, NULL, 0};
	if (m)
		collect(&ms, rec, rs);
	bool *taken = xcalloc(ms.n + 1, sizeof *taken);
	for (int pass = 0; ms.n && pass < 2; pass++) /* exact masks, then near misses */
		for (size_t i = 0; i < mb->n_pairs; i++) {
			struct member_pair *p = &mb->pairs[i];
			bool near;
			long k = boolean(p) ? mask_of(&ms, p->prop->name, taken, &near) : -1;
			if (k < 0 || near != (pass == 1))
				continue;
			taken[k] = true;
			p->member = m;
			p->bit = ms.bit[k];
			p->bit_near = near;
			mb->roles[m - rec->members] = MR_MATCHED;
		}
	for (size_t i = 0; i < ms.n; i++)
		free(ms.part[i]);
	free(ms.part);
	free(ms.bit);
	free(taken);
}
