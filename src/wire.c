/*
 * wire.c - the wire check: the JSON calls of the sources (wire.h) against
 * the bindings the struct check made (bind.h, never bound again) and the
 * spec, turned into findings and coverage through the diff's own path.
 *
 * Every key is read against the schema of the object it is on: under a
 * parent site, the schema of the parent key's property (its items for an
 * array, its values for a map); on a function's root object, the schema of
 * the structs whose members the keys there reach (a vote: one serializer,
 * one struct). The members a site reaches tell which property the key
 * stands for: a key that is no property, a member under another key than
 * its property's, a JSON type the call implies that the property does not
 * allow, and, for a struct that has a serializer (a parser), the
 * properties never written (read) under their key.
 */
#include "config.h"

#include "wire_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void put_owned(struct strmap *m, char *key, void *val)
{
	if (strmap_get(m, key)) {
		free(key);
		return;
	}
	strmap_put(m, key, val);
}

/* --- records and their schemas -------------------------------------- */

static const char *base_name(const char *path)
{
	const char *s = path ? strrchr(path, '/') : NULL;
	return s ? s + 1 : path ? path : "";
}

static void index_records(struct wstage *ws)
{
	const struct hdr_set *h = ws->c->h;
	for (size_t i = 0; i < h->n_records; i++) {
		const struct hdr_record *r = h->records[i];
		if (!r->in_scope || !r->complete)
			continue;
		char *k = xasprintf("%s:%u:%u", base_name(r->loc.file), r->loc.line, r->loc.col);
		put_owned(&ws->by_place, k, (void *)r);
	}
}

/* A schema's object view: itself, or its items or map values. */
const struct spec_schema *wire_object_of(const struct spec_schema *sc)
{
	for (unsigned i = 0; sc && i < 8; i++) {
		sc = spec_deref(sc);
		if (sc->n_props)
			return sc;
		sc = sc->items ? sc->items : sc->addl_schema;
	}
	return NULL;
}

const struct spec_prop *wire_prop_named(const struct spec_schema *sc, const char *name)
{
	for (size_t i = 0; sc && name && i < sc->n_props; i++)
		if (!strcmp(sc->props[i].name, name))
			return &sc->props[i];
	return NULL;
}

static struct winfo *info_of(struct wstage *ws, const struct hdr_record *r);

/* The property a member of info's record is bound to, or NULL. */
const struct member_pair *wire_pair_of(const struct winfo *wi, const char *member)
{
	for (size_t i = 0; wi && wi->schema && i < wi->mb.n_pairs; i++) {
		const struct member_pair *p = &wi->mb.pairs[i];
		if (p->member && !strcmp(p->member->name, member))
			return p;
	}
	return NULL;
}

static const struct spec_schema *schema_of(struct wstage *ws, const struct hdr_record *r)
{
	const struct bind_schema *bs = bind_of_record(&ws->c->b, r);
	if (bs)
		return wire_object_of(bs->schema);
	if (!r->outer || !r->outer_member)
		return NULL;
	struct winfo *outer = info_of(ws, r->outer); /* an inline record: its member's */
	const struct member_pair *p = wire_pair_of(outer, r->outer_member);
	return p ? wire_object_of(p->prop->schema) : NULL;
}

static struct winfo *info_of(struct wstage *ws, const struct hdr_record *r)
{
	char key[32];
	snprintf(key, sizeof key, "%p", (const void *)r);
	struct winfo *wi = strmap_get(&ws->infos, key);
	if (!wi) {
		wi = xcalloc(1, sizeof *wi);
		wi->rec = r;
		strmap_put(&ws->infos, xstrdup(key), wi);
	}
	if (wi->state)
		return wi;
	wi->state = 1;
	wi->schema = schema_of(ws, r);
	if (wi->schema)
		bind_members(&wi->mb, wi->schema, r, ws->c->rs);
	wi->state = 2;
	return wi;
}

const struct hdr_record *wire_record_at(struct wstage *ws, const struct wire_link *l)
{
	char *k = xasprintf("%s:%u:%u", l->file, l->line, l->col);
	const struct hdr_record *r = strmap_get(&ws->by_place, k);
	free(k);
	return r;
}

static struct winfo *info_at(struct wstage *ws, const struct wire_link *l)
{
	char *k = xasprintf("%s:%u:%u", l->file, l->line, l->col);
	const struct hdr_record *r = strmap_get(&ws->by_place, k);
	free(k);
	return r ? info_of(ws, r) : NULL;
}

/* --- what each site stands for -------------------------------------- */

/* The last link of c before index end whose record has a schema. */
static int last_bound(struct wstage *ws, const struct wire_chain *c, int end, struct winfo **out)
{
	for (int i = end - 1; i >= 0; i--) {
		struct winfo *wi = info_at(ws, &c->links[i]);
		if (wi && wi->schema) {
			*out = wi;
			return i;
		}
	}
	return -1;
}

static void add_cand(struct wstage *ws, size_t s, struct winfo *wi, const char *member)
{
	for (size_t i = 0; i < ws->n_cands[s]; i++)
		if (ws->cands[s][i].info == wi && !strcmp(ws->cands[s][i].member, member))
			return;
	size_t cap = ws->n_cands[s];
	ws->cands[s] = xrealloc(ws->cands[s], (cap + 1) * sizeof *ws->cands[s]);
	ws->cands[s][ws->n_cands[s]++] = (struct cand){wi, member};
}

/* The members site s stands for: the last bound link of each chain of
 * its value; and, from each child, the link before the one the child's
 * key took (a nested object's member), or the child's own (an item added
 * to an array or a map, which has no key). */
static void find_cands(struct wstage *ws, size_t s)
{
	if (ws->cand_state[s])
		return;
	ws->cand_state[s] = 1;
	const struct wire_site *site = &ws->w->sites[s];
	for (size_t i = 0; i < site->n_reach; i++) {
		const struct wire_chain *c = site->reach[i];
		struct winfo *wi;
		int at = last_bound(ws, c, (int)c->n, &wi);
		if (at >= 0)
			add_cand(ws, s, wi, c->links[at].member);
		if (at < 0 || !site->key)
			continue;
		for (size_t p = 0; p < site->n_parents; p++) { /* the parent's link */
			struct winfo *up;
			int j = last_bound(ws, c, at, &up);
			if (j >= 0)
				add_cand(ws, site->parents[p], up, c->links[j].member);
		}
	}
	for (size_t k = 0; k < ws->n_kids[s]; k++) {
		size_t c = ws->kids[s][k];
		if (ws->w->sites[c].key)
			continue;
		find_cands(ws, c);
		for (size_t i = 0; i < ws->n_cands[c]; i++)
			add_cand(ws, s, ws->cands[c][i].info, ws->cands[c][i].member);
	}
	ws->cand_state[s] = 2;
}

static void link_kids(struct wstage *ws)
{
	const struct wire_set *w = ws->w;
	for (size_t s = 0; s < w->n; s++)
		for (size_t p = 0; p < w->sites[s].n_parents; p++) {
			size_t up = w->sites[s].parents[p];
			*VEC_PUSH(ws->kids[up], ws->n_kids[up], ws->kids_cap[up]) = s;
			if (!w->sites[s].key && w->sites[s].dir == WIRE_WRITE)
				ws->item_types[up] |= w->sites[s].types;
		}
	/* children first lend their links to their parents */
	for (size_t s = w->n; s-- > 0;)
		if (w->sites[s].key && ws->n_kids[s] == 0)
			find_cands(ws, s);
	for (size_t s = 0; s < w->n; s++)
		find_cands(ws, s);
}

/* --- the schema each key is read against ----------------------------- */

static const struct spec_schema *site_ctx(struct wstage *ws, size_t s);

/* The schema of the value at site s (of its items, for an array), for a
 * site under it with a key (keyed) or without (an item). A key under a
 * map is any key: its value is the map's values. */
static const struct spec_schema *value_schema(struct wstage *ws, size_t s, bool keyed)
{
	const struct wire_site *site = &ws->w->sites[s];
	const struct spec_schema *ctx = site_ctx(ws, s);
	if (!site->key)
		return ctx && wire_is_map(ctx) ? wire_view(spec_deref(ctx)->addl_schema, keyed)
		                               : ctx;
	if (ctx && wire_is_map(ctx))
		return wire_view(spec_deref(ctx)->addl_schema, keyed);
	const struct spec_prop *p = wire_prop_named(ctx, site->key);
	if (!p && ctx && wire_wraps(ws, s))
		return ctx; /* {"ok": true, "result": {...}}: the payload is inside */
	return p ? wire_view(p->schema, keyed) : NULL;
}

/* The keys the children of site s use, how many, and how many of them
 * are properties of sc. */
static void kids_keys(struct wstage *ws, size_t s, const struct spec_schema *sc, unsigned *n,
                      unsigned *held)
{
	*n = *held = 0;
	for (size_t k = 0; k < ws->n_kids[s]; k++) {
		const struct wire_site *kid = &ws->w->sites[ws->kids[s][k]];
		if (!kid->key)
			continue;
		(*n)++;
		*held += wire_prop_named(sc, kid->key) != NULL;
	}
}

bool wire_wraps(struct wstage *ws, size_t s)
{
	if (ws->wraps[s])
		return ws->wraps[s] == 1;
	const struct wire_site *site = &ws->w->sites[s];
	const struct spec_schema *ctx = ws->ctx[s];
	bool yes = site->key && strmap_get(&ws->envelope, site->key);
	if (!yes && site->key && ctx && !wire_prop_named(ctx, site->key)) {
		unsigned n, held;
		kids_keys(ws, s, ctx, &n, &held);
		yes = n >= 2 && held * 3 >= n * 2; /* the keys under it are the payload's */
	}
	ws->wraps[s] = yes ? 1 : 2;
	return yes;
}

static void vote(struct strmap *votes, size_t *best_n, struct wstage *ws, size_t g,
                 const struct spec_schema *sc)
{
	char *k = xasprintf("%zu/%p", g, (const void *)sc);
	size_t *cnt = strmap_get(votes, k);
	if (cnt) {
		free(k);
	} else {
		cnt = xcalloc(1, sizeof *cnt);
		strmap_put(votes, k, cnt);
	}
	size_t n = ++*cnt;
	if (n > best_n[g]) {
		best_n[g] = n;
		ws->group_ctx[g] = sc;
	}
}

/* Each root object's schema: the one its keys' members vote for; where
 * none of them reaches a member, the one the members filled from the value
 * of a root key vote for ({"ok": true, "result": {...}}: an envelope whose
 * "result" wraps a struct's object). */
static void vote_groups(struct wstage *ws)
{
	const struct wire_set *w = ws->w;
	struct strmap votes = {0}; /* "group/schema" -> count */
	size_t *best_n = xcalloc(w->n_groups + 1, sizeof *best_n);
	for (size_t s = 0; s < w->n; s++)
		for (size_t i = 0; !w->sites[s].n_parents && i < ws->n_cands[s]; i++)
			vote(&votes, best_n, ws, w->sites[s].group, ws->cands[s][i].info->schema);
	bool *voted = xcalloc(w->n_groups + 1, sizeof *voted);
	for (size_t g = 0; g < w->n_groups; g++)
		voted[g] = ws->group_ctx[g] != NULL;
	for (size_t s = 0; s < w->n; s++) {
		if (w->sites[s].n_parents || !w->sites[s].key || voted[w->sites[s].group])
			continue;
		size_t g = w->sites[s].group;
		for (size_t k = 0; k < ws->n_kids[s]; k++) {
			size_t kid = ws->kids[s][k];
			for (size_t i = 0; w->sites[kid].key && i < ws->n_cands[kid]; i++)
				if (ws->cands[kid][i].info->schema)
					vote(&votes, best_n, ws, g, ws->cands[kid][i].info->schema);
		}
	}
	free(voted);
	for (size_t i = 0; i < votes.cap; i++) {
		free((char *)votes.slots[i].key);
		free(votes.slots[i].val);
	}
	strmap_free(&votes);
	free(best_n);
}

static const struct spec_schema *site_ctx(struct wstage *ws, size_t s)
{
	if (ws->ctx_state[s] == 2 || ws->ctx_state[s] == 1)
		return ws->ctx[s];
	ws->ctx_state[s] = 1;
	const struct wire_site *site = &ws->w->sites[s];
	const struct spec_schema *c = NULL;
	for (size_t p = 0; p < site->n_parents && !c; p++)
		c = value_schema(ws, site->parents[p], site->key && !site->elem);
	if (!site->n_parents)
		c = ws->group_ctx[site->group];
	ws->ctx[s] = c;
	ws->ctx_state[s] = 2;
	return c;
}

/* The rules' envelope keys: a list, or a schema's properties. */
static void envelope_keys(struct wstage *ws)
{
	const struct strvec *e = &ws->c->rs->envelope;
	const struct spec_schema *sc = e->n == 1 ? spec_find(ws->c->spec, e->v[0]) : NULL;
	sc = sc ? wire_object_of(sc) : NULL;
	for (size_t i = 0; sc && i < sc->n_props; i++)
		strmap_put(&ws->envelope, sc->props[i].name, (void *)sc);
	for (size_t i = 0; !sc && i < e->n; i++)
		strmap_put(&ws->envelope, e->v[i], (void *)e);
}

void wire_stage_init(struct wstage *ws, const struct checked *c, const struct wire_set *w)
{
	memset(ws, 0, sizeof *ws);
	ws->c = c;
	sink_init(&ws->em, c->res, c->spec, c->rs, c->opt->strict_json_names);
	ws->w = w;
	size_t n = w->n + 1;
	ws->kids = xcalloc(n, sizeof *ws->kids);
	ws->n_kids = xcalloc(n, sizeof *ws->n_kids);
	ws->kids_cap = xcalloc(n, sizeof *ws->kids_cap);
	ws->cands = xcalloc(n, sizeof *ws->cands);
	ws->n_cands = xcalloc(n, sizeof *ws->n_cands);
	ws->cand_state = xcalloc(n, sizeof *ws->cand_state);
	ws->ctx = xcalloc(n, sizeof *ws->ctx);
	ws->ctx_state = xcalloc(n, sizeof *ws->ctx_state);
	ws->item_types = xcalloc(n, sizeof *ws->item_types);
	ws->group_ctx = xcalloc(w->n_groups + 1, sizeof *ws->group_ctx);
	ws->group_rec = xcalloc(w->n_groups + 1, sizeof *ws->group_rec);
	ws->wraps = xcalloc(n, sizeof *ws->wraps);
	envelope_keys(ws);
	ws->group_state = xcalloc(w->n_groups + 1, sizeof *ws->group_state);
	index_records(ws);
	link_kids(ws);
	vote_groups(ws);
	wire_paths_place(ws);
	for (size_t s = 0; s < w->n; s++)
		site_ctx(ws, s);
}

static void free_keys(struct strmap *m, bool vals)
{
	for (size_t i = 0; i < m->cap; i++) {
		free((char *)m->slots[i].key);
		if (vals && m->slots[i].val) {
			struct winfo *wi = m->slots[i].val;
			if (wi->schema)
				bind_members_free(&wi->mb);
			free(wi);
		}
	}
	strmap_free(m);
}

void wire_stage_free(struct wstage *ws)
{
	for (size_t s = 0; s <= ws->w->n; s++) {
		free(ws->kids[s]);
		free(ws->cands[s]);
	}
	free(ws->kids);
	free(ws->n_kids);
	free(ws->kids_cap);
	free(ws->cands);
	free(ws->n_cands);
	free(ws->cand_state);
	free(ws->ctx);
	free(ws->ctx_state);
	free(ws->item_types);
	free(ws->group_ctx);
	free(ws->group_rec);
	free(ws->wraps);
	strmap_free(&ws->envelope);
	free(ws->group_state);
	wire_paths_free(ws);
	free_keys(&ws->by_place, false);
	free_keys(&ws->infos, true);
	free_keys(&ws->marks, false);
	free_keys(&ws->users, false);
	for (size_t i = 0; i < ws->folded.cap; i++)
		if (ws->folded.slots[i].key) {
			struct fold_list *l = ws->folded.slots[i].val;
			free(l->props);
			free(l->owners);
			free(l);
			free((char *)ws->folded.slots[i].key);
		}
	strmap_free(&ws->folded);
	sink_free(&ws->em);
}
