/*
 * wire_paths.c - the wire stage's side of code without structs: a JSON
 * value read through key paths, or written from a template or a builder,
 * whose keys reach no member of a bound struct still belongs to a schema.
 *
 * Its root object's schema is the one an @schema comment names (on the
 * function, the variable or the template constant), else the one its
 * paths fit: every key path used on the value (config.polling.sleep,
 * status.result.finished) is resolved in each component schema, a map's
 * keys being any key. The value is that schema when
 *   - exactly one schema holds every path, two of them at least or one
 *     nested (a lone 'job' is no schema's sign); or
 *   - one schema holds more of them than any other, more than half, one
 *     of them nested two declared properties deep (a lone key such as
 *     'id' is in many schemas and decides nothing), and no other schema
 *     holds two keys at the top that it has not (two bodies written by one
 *     function are not one schema).
 * A value whose keys fill a struct bound to a schema takes that one (a
 * oneOf's struct included: its variants' keys are no other schema's).
 * A value whose keys fill a struct no schema binds (the program's own
 * struct, or code the spec does not describe) takes a schema only with a
 * path nested two declared properties deep in it or three paths at
 * least: two lone keys ('id', 'unread') are in many schemas and leave
 * such a value to check_any.
 * A value given a schema has its keys checked as a struct's are; a key the
 * inferred schema lacks is an error when a property near it exists (a
 * typo) and a warning otherwise. A value no schema is decided for, whose
 * keys fill no struct (wire_check.c only notes those), is checked path by
 * path: a path that fits no schema is an error only when a path of a
 * schema bearing on the value is one small edit away ("did you mean
 * 'config.polling.sleep' of 'DdiControllerBase'"); keys that resemble nothing (a program's own
 * messages beside the API's) are no finding. --verbose says what was
 * decided for each value.
 */
#include "config.h"

#include "diag.h"
#include "wire_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* MIN_LONE: the paths, all lone keys, that make a value filling a struct
 * no schema binds one schema's (three, as binding a struct by its keys) */
enum { MAX_SEGS = 16, MAX_PATHS = 512, NO_NEAR = 99, MIN_LONE = 3 };

/* --- schemas as seen from a site ------------------------------------- */

bool wire_is_map(const struct spec_schema *sc)
{
	sc = sc ? spec_deref(sc) : NULL;
	if (!sc || sc->n_props || sc->items)
		return false;
	return sc->addl_schema || sc->addl == SPEC_ADDL_TRUE ||
	       (sc->types & SPEC_OBJECT && sc->addl != SPEC_ADDL_FALSE);
}

const struct spec_schema *wire_view(const struct spec_schema *sc, bool keyed)
{
	for (unsigned i = 0; sc && i < 8; i++) {
		sc = spec_deref(sc);
		if (sc->n_props || (keyed && wire_is_map(sc)))
			return sc;
		sc = sc->items ? sc->items : sc->addl_schema;
	}
	return NULL;
}

/* --- paths ------------------------------------------------------------ */

struct wpath {
	size_t site;
	const char *keys[MAX_SEGS]; /* NULL: an item, or a key known at run time */
	unsigned n;
};

struct fit {
	bool ok;
	bool declared; /* every step a declared property */
	const struct spec_prop *last;
};

/* Resolve keys in sc: each key a property, or any key of a map; an item
 * steps into an array's items or a map's values. */
static struct fit resolve(const struct spec_schema *sc, const char *const *keys, unsigned n)
{
	struct fit r = {true, true, NULL};
	const struct spec_schema *cur = sc ? spec_deref(sc) : NULL;
	for (unsigned i = 0; i < n; i++) {
		bool array = false; /* an array's items are no less declared */
		for (unsigned g = 0; cur && !cur->n_props && cur->items && g < 8; g++, array = true)
			cur = spec_deref(cur->items);
		if (!cur) { /* anything below */
			r.declared = false;
			return r;
		}
		const struct spec_prop *p = keys[i] ? wire_prop_named(cur, keys[i]) : NULL;
		if (p) {
			cur = spec_deref(p->schema);
			r.last = p;
			continue;
		}
		if (!keys[i] && array)
			continue;
		r.declared = false;
		if (wire_is_map(cur)) {
			cur = cur->addl_schema ? spec_deref(cur->addl_schema) : NULL;
			continue;
		}
		if (!keys[i])
			continue; /* an item of an object: the same object */
		r.ok = false;
		return r;
	}
	return r;
}

/* The path from the root of site s (false: too deep or a cycle). */
static bool path_of(const struct wstage *ws, size_t s, struct wpath *out)
{
	size_t chain[MAX_SEGS];
	unsigned n = 0;
	for (size_t cur = s;; cur = ws->w->sites[cur].parents[0]) {
		if (n >= MAX_SEGS)
			return false;
		chain[n++] = cur;
		if (!ws->w->sites[cur].n_parents)
			break;
	}
	out->site = s;
	out->n = 0;
	for (unsigned i = n; i-- > 0;)
		out->keys[out->n++] = ws->w->sites[chain[i]].key;
	return true;
}

static bool has_key(const struct wpath *p)
{
	for (unsigned i = 0; i < p->n; i++)
		if (p->keys[i])
			return true;
	return false;
}

static size_t wire_root_group(struct wstage *ws, size_t s)
{
	if (ws->root_of[s])
		return ws->root_of[s] - 1;
	size_t cur = s;
	for (unsigned i = 0; i < MAX_SEGS * 4 && ws->w->sites[cur].n_parents; i++)
		cur = ws->w->sites[cur].parents[0];
	ws->root_of[s] = ws->w->sites[cur].group + 1;
	return ws->w->sites[cur].group;
}

/* --- deciding a value's schema -------------------------------------- */

struct group_paths {
	struct wpath *v;
	size_t n, cap;
	size_t first_root; /* a root site, for places */
};

/* This file's own state in the stage: the key paths of the last group
 * asked (kept for the sites of that group that follow), and the sites
 * judged so far by place (a table nested twice under one schema is one
 * finding). */
struct paths_state {
	struct group_paths gp;
	size_t group;
	size_t *score; /* per schema of the spec: the group's paths it holds */
	size_t best;   /* the most any holds */
	struct strmap seen;
	/* the sites of each root group, in order: by_group[first[g] ..
	 * first[g + 1]) */
	size_t *by_group, *first;
};

static struct paths_state *pstate(struct wstage *ws);

/* Bucket the sites by the group of their root, once. */
static void index_groups(struct wstage *ws, struct paths_state *ps)
{
	size_t ng = ws->w->n_groups, n = ws->w->n;
	ps->first = xcalloc(ng + 2, sizeof *ps->first);
	ps->by_group = xcalloc(n + 1, sizeof *ps->by_group);
	for (size_t s = 0; s < n; s++)
		ps->first[wire_root_group(ws, s) + 1]++;
	for (size_t g = 0; g <= ng; g++)
		ps->first[g + 1] += ps->first[g];
	size_t *at = xcalloc(ng + 1, sizeof *at);
	for (size_t s = 0; s < n; s++) {
		size_t g = wire_root_group(ws, s);
		ps->by_group[ps->first[g] + at[g]++] = s;
	}
	free(at);
}

static void collect_paths(struct wstage *ws, struct group_paths *gp, size_t g)
{
	struct paths_state *ps = pstate(ws);
	if (!ps->first)
		index_groups(ws, ps);
	for (size_t i = ps->first[g]; i < ps->first[g + 1] && gp->n < MAX_PATHS; i++) {
		size_t s = ps->by_group[i];
		const struct wire_site *site = &ws->w->sites[s];
		if (!site->n_parents && gp->first_root == (size_t)-1)
			gp->first_root = s;
		struct wpath p;
		if (site->key && path_of(ws, s, &p) && has_key(&p))
			*VEC_PUSH(gp->v, gp->n, gp->cap) = p;
	}
}

/* Keys at the top of the paths that sc holds and best does not. */
static unsigned own_top_keys(const struct group_paths *gp, const struct spec_schema *sc,
                             const struct spec_schema *best)
{
	unsigned n = 0;
	for (size_t i = 0; i < gp->n; i++) {
		const struct wpath *p = &gp->v[i];
		if (p->n != 1 || !p->keys[0])
			continue;
		if (wire_prop_named(spec_deref(sc), p->keys[0]) &&
		    !wire_prop_named(spec_deref(best), p->keys[0]))
			n++;
	}
	return n;
}

struct decision {
	const struct spec_schema *sc;
	enum wire_how how;
	size_t fit, of;
	/* undecided: the first schema holding most paths, how many hold all */
	const struct spec_schema *most;
	size_t n_exact;
	bool lone;  /* most holds every path, but too few lone keys to decide */
	bool fills; /* the value fills a struct no schema binds */
};

static bool candidate(const struct spec_schema *sc)
{
	const struct spec_schema *d = spec_deref(sc);
	return d && d->n_props > 0;
}

/* need_nested (a value that fills a struct no schema binds): a schema
 * holding every path is taken only when one of them is two declared
 * properties deep, or there are MIN_LONE of them ('id' and 'unread'
 * alone do not make a value the spec's). */
static struct decision decide(const struct wstage *ws, const struct group_paths *gp,
                              bool need_nested)
{
	struct decision d = {NULL, HOW_UNDECIDED, 0, gp->n, NULL, 0, false, false};
	const struct spec *spec = ws->c->spec;
	if (!gp->n)
		return d;
	size_t *score = xcalloc(spec->n_schemas + 1, sizeof *score);
	bool *nested = xcalloc(spec->n_schemas + 1, sizeof *nested);
	size_t exact = 0, best = 0, n_best = 0;
	const struct spec_schema *only = NULL;
	for (size_t i = 0; i < spec->n_schemas; i++) {
		const struct spec_schema *sc = spec->schemas[i];
		if (!candidate(sc))
			continue;
		for (size_t k = 0; k < gp->n; k++) {
			struct fit ft = resolve(sc, gp->v[k].keys, gp->v[k].n);
			score[i] += ft.ok;
			nested[i] |= ft.ok && ft.declared && gp->v[k].n >= 2;
		}
		if (score[i] == gp->n && (nested[i] || gp->n >= (need_nested ? MIN_LONE : 2))) {
			exact++;
			only = sc;
		}
		if (score[i] > best) {
			best = score[i];
			n_best = 1;
			d.sc = sc;
		} else if (score[i] && score[i] == best) {
			n_best++;
		}
	}
	d.most = d.sc;
	d.fit = best;
	d.n_exact = exact;
	d.lone = best == gp->n && !exact;
	d.fills = need_nested;
	if (exact == 1) {
		d = (struct decision){only, HOW_EXACT, gp->n, gp->n, NULL, 1, false, false};
	} else if (!exact && n_best == 1 && 2 * best > gp->n) {
		size_t bi = 0;
		while (spec->schemas[bi] != d.sc)
			bi++;
		bool alone = nested[bi];
		for (size_t i = 0; alone && i < spec->n_schemas; i++)
			if (i != bi && score[i] && own_top_keys(gp, spec->schemas[i], d.sc) >= 2)
				alone = false;
		if (alone)
			d.how = HOW_PARTIAL;
		else
			d.sc = NULL;
	} else {
		d.sc = NULL;
	}
	free(score);
	free(nested);
	return d;
}

static const char *name_of(const struct spec_schema *sc)
{
	const char *n = spec_ref_name(sc);
	return n ? n : sc->name ? sc->name : sc->pointer;
}

static void say(const struct wstage *ws, const struct group_paths *gp, const struct decision *d)
{
	if (!ws->w->verbose || gp->first_root == (size_t)-1 || !gp->n)
		return;
	const struct wire_site *r = &ws->w->sites[gp->first_root];
	if (d->how == HOW_EXACT)
		diag_note(&r->loc,
		          "the JSON value %s by %s in %s is schema '%s': it alone holds its %zu "
		          "key path%s",
		          r->dir == WIRE_WRITE ? "written" : "read", r->call, r->func,
		          name_of(d->sc), d->of, d->of == 1 ? "" : "s");
	else if (d->how == HOW_PARTIAL)
		diag_note(&r->loc,
		          "the JSON value %s by %s in %s is taken as schema '%s': it holds %zu of "
		          "its "
		          "%zu key paths, no other as many",
		          r->dir == WIRE_WRITE ? "written" : "read", r->call, r->func,
		          name_of(d->sc), d->fit, d->of);
	else if (d->n_exact > 1)
		diag_note(&r->loc,
		          "the JSON value %s by %s in %s fits %zu schemas alike ('%s' and others): "
		          "its key paths are checked one by one",
		          r->dir == WIRE_WRITE ? "written" : "read", r->call, r->func, d->n_exact,
		          name_of(d->most));
	else if (d->lone)
		diag_note(&r->loc,
		          "the JSON value %s by %s in %s %sfits '%s' by %zu lone key%s only, too "
		          "few to tell its schema: %s checked one by one",
		          r->dir == WIRE_WRITE ? "written" : "read", r->call, r->func,
		          d->fills ? "fills a struct no schema binds and " : "", name_of(d->most),
		          d->of, d->of == 1 ? "" : "s", d->of == 1 ? "it is" : "they are");
	else if (d->most)
		diag_note(&r->loc,
		          "the JSON value %s by %s in %s fits no one schema (the most: %zu of its "
		          "%zu "
		          "key paths, '%s'): they are checked one by one",
		          r->dir == WIRE_WRITE ? "written" : "read", r->call, r->func, d->fit,
		          d->of, name_of(d->most));
}

/* The @schema of a group's roots, or NULL (a finding when it names
 * nothing). */
static const struct spec_schema *annotated(struct wstage *ws, size_t g, bool *named)
{
	*named = false;
	for (size_t s = 0; s < ws->w->n; s++) {
		const struct wire_site *site = &ws->w->sites[s];
		if (site->n_parents || site->group != g || !site->schema)
			continue;
		*named = true;
		const struct spec_schema *sc = spec_lookup(ws->c->spec, site->schema);
		if (sc)
			return wire_view(sc, false);
		char *sym = xasprintf("%s:@schema %s", site->func, site->schema);
		struct finding_in in = {.rule = "schema-unknown",
		                        .level = LEVEL_ERROR,
		                        .cloc = site->schema_at,
		                        .symbol = sym};
		result_emit(&ws->em, &in,
		            "@schema '%s' of the JSON value in %s names no schema in "
		            "the spec",
		            site->schema, site->func);
		free(sym);
		return NULL;
	}
	return NULL;
}

void wire_paths_place(struct wstage *ws)
{
	const struct wire_set *w = ws->w;
	size_t ng = w->n_groups + 1;
	ws->group_how = xcalloc(ng, sizeof *ws->group_how);
	ws->group_voted = xcalloc(ng, sizeof *ws->group_voted);
	ws->root_of = xcalloc(w->n + 1, sizeof *ws->root_of);
	/* per group: 1 it has roots, 2 one of them reaches a member of a
	 * struct no schema binds, 3 of a bound struct */
	unsigned char *roots = xcalloc(ng, 1);
	for (size_t s = 0; s < w->n; s++) {
		const struct wire_site *site = &w->sites[s];
		unsigned char *r = &roots[site->group];
		if (site->n_parents || *r == 3)
			continue;
		if (ws->n_cands[s])
			*r = 3;
		for (size_t i = 0; *r < 3 && i < site->n_reach; i++)
			for (unsigned l = 0; *r < 3 && l < site->reach[i]->n; l++) {
				const struct hdr_record *rec =
				        wire_record_at(ws, &site->reach[i]->links[l]);
				if (rec) /* bound (a oneOf's struct): its schema says */
					*r = bind_of_record(&ws->c->b, rec) ? 3 : 2;
			}
		if (!*r)
			*r = 1;
	}
	for (size_t g = 0; g < w->n_groups; g++) {
		if (!roots[g])
			continue;
		ws->group_voted[g] = ws->group_ctx[g] != NULL;
		ws->group_how[g] = ws->group_ctx[g] ? HOW_VOTE : HOW_NONE;
		bool named;
		const struct spec_schema *an = annotated(ws, g, &named);
		if (named) {
			ws->group_ctx[g] = an;
			ws->group_how[g] = HOW_ANNOT;
			continue;
		}
		if (roots[g] == 3)
			continue; /* its own keys' members voted */
		/* no vote, or only the wrapped keys' ({"ok": .., "result": {..}}):
		 * a schema that alone holds every path says more */
		struct group_paths gp = {.first_root = (size_t)-1};
		collect_paths(ws, &gp, g);
		struct decision d = decide(ws, &gp, roots[g] == 2);
		if (!ws->group_ctx[g] || (d.how == HOW_EXACT && d.sc != ws->group_ctx[g])) {
			ws->group_ctx[g] = d.sc;
			ws->group_how[g] = (unsigned char)d.how;
			say(ws, &gp, &d);
		}
		free(gp.v);
	}
	free(roots);
}

void wire_paths_free(struct wstage *ws)
{
	struct paths_state *ps = ws->paths;
	if (ps) {
		free(ps->gp.v);
		free(ps->score);
		free(ps->by_group);
		free(ps->first);
		for (size_t i = 0; i < ps->seen.cap; i++)
			free((char *)ps->seen.slots[i].key);
		strmap_free(&ps->seen);
	}
	free(ps);
	free(ws->group_how);
	free(ws->group_voted);
	free(ws->root_of);
}

/* --- checking ---------------------------------------------------------- */

static enum wire_how how_of(struct wstage *ws, size_t s)
{
	return (enum wire_how)ws->group_how[wire_root_group(ws, s)];
}

enum level wire_paths_level(struct wstage *ws, size_t s, bool near)
{
	return how_of(ws, s) == HOW_PARTIAL && !near ? LEVEL_WARNING : LEVEL_ERROR;
}

const char *wire_paths_why(struct wstage *ws, size_t s)
{
	bool root = !ws->w->sites[s].n_parents;
	return root && how_of(ws, s) == HOW_PARTIAL ? " (the schema its object's other keys fit)"
	                                            : "";
}

bool wire_paths_user(struct wstage *ws, size_t s)
{
	return ws->group_voted[wire_root_group(ws, s)] || ws->n_cands[s];
}

bool wire_paths_map_key(struct wstage *ws, size_t s, const struct spec_schema *sc)
{
	(void)ws;
	(void)s;
	return !sc->n_props && wire_is_map(sc);
}

void wire_paths_capacity(struct wstage *ws, size_t s, const struct spec_prop *p,
                         const struct spec_schema *sc)
{
	const struct wire_site *site = &ws->w->sites[s];
	const struct spec_schema *ps = spec_deref(p->schema);
	if (!site->capacity || !ps->items || ps->max_items < 0 ||
	    (long long)site->capacity >= ps->max_items)
		return;
	char *sym = xasprintf("%s:%s", site->func, site->key);
	struct finding_in in = {.rule = "array-capacity",
	                        .level = LEVEL_ERROR,
	                        .cloc = site->loc,
	                        .sloc = p->loc,
	                        .pointer = p->pointer,
	                        .symbol = sym,
	                        .schema = name_of(sc)};
	result_emit(&ws->em, &in,
	            "%s %s at most %u item%s of '%s', but the property allows %lld (maxItems)",
	            site->call, site->dir == WIRE_WRITE ? "writes" : "reads", site->capacity,
	            site->capacity == 1 ? "" : "s", site->key, ps->max_items);
	free(sym);
}

/* How near key is to name as a typo (0 nearest), or NO_NEAR: a path no
 * schema is decided for takes only the near misses of spelling
 * (util_near_miss's edits, case, '_' and '-'), not a word more or fewer. */
static unsigned near(const char *key, const char *name)
{
	unsigned d = util_near_miss(key, name);
	return d < 10 ? d : NO_NEAR;
}

/* Resolve keys in sc taking the nearest property for the key at index
 * swap, which is none; the cost (NO_NEAR: no such path), the path taken,
 * the property taken for the key, and whether a key after it is a
 * declared property (a key a map takes, as any key, proves nothing). */
static unsigned resolve_near(const struct spec_schema *sc, const char *const *keys, unsigned n,
                             unsigned swap, const char **taken, const struct spec_prop **took,
                             bool *declared_after)
{
	const struct spec_schema *cur = spec_deref(sc);
	unsigned cost = NO_NEAR;
	*declared_after = false;
	for (unsigned i = 0; i < n; i++) {
		taken[i] = keys[i];
		for (unsigned g = 0; cur && !cur->n_props && cur->items && g < 8; g++)
			cur = spec_deref(cur->items);
		if (!cur)
			return i > swap ? cost : NO_NEAR;
		const struct spec_prop *p = keys[i] ? wire_prop_named(cur, keys[i]) : NULL;
		if (i == swap) {
			if (p || !keys[i] || wire_is_map(cur))
				return NO_NEAR;
			for (size_t j = 0; j < cur->n_props; j++) {
				unsigned d = near(keys[i], cur->props[j].name);
				if (d < cost) {
					cost = d;
					p = &cur->props[j];
				}
			}
			if (!p)
				return NO_NEAR;
			taken[i] = p->name;
			*took = p;
		}
		if (p) {
			*declared_after |= i > swap;
			cur = spec_deref(p->schema);
		} else if (wire_is_map(cur))
			cur = cur->addl_schema ? spec_deref(cur->addl_schema) : NULL;
		else if (keys[i])
			return NO_NEAR;
	}
	return cost;
}

static struct paths_state *pstate(struct wstage *ws)
{
	if (!ws->paths) {
		struct paths_state *ps = xcalloc(1, sizeof *ps);
		ps->group = (size_t)-1;
		ws->paths = ps;
	}
	return ws->paths;
}

static const struct group_paths *paths_of(struct wstage *ws, size_t g)
{
	struct paths_state *ps = pstate(ws);
	if (ps->group == g)
		return &ps->gp;
	ps->gp.n = 0;
	ps->gp.first_root = (size_t)-1;
	collect_paths(ws, &ps->gp, g);
	ps->group = g;
	const struct spec *spec = ws->c->spec;
	if (!ps->score)
		ps->score = xcalloc(spec->n_schemas + 1, sizeof *ps->score);
	ps->best = 0;
	for (size_t i = 0; i < spec->n_schemas; i++) {
		ps->score[i] = 0;
		for (size_t k = 0; candidate(spec->schemas[i]) && k < ps->gp.n; k++)
			ps->score[i] +=
			        resolve(spec->schemas[i], ps->gp.v[k].keys, ps->gp.v[k].n).ok;
		if (ps->score[i] > ps->best)
			ps->best = ps->score[i];
	}
	return &ps->gp;
}

bool wire_paths_seen(struct wstage *ws, size_t s, const struct spec_schema *sc)
{
	const struct wire_site *site = &ws->w->sites[s];
	char *k = xasprintf("%s:%u:%u/%d/%s/%s/%p", site->loc.file, site->loc.line, site->loc.col,
	                    (int)site->dir, site->call, site->key, (const void *)sc);
	struct paths_state *ps = pstate(ws);
	if (strmap_get(&ps->seen, k)) {
		free(k);
		return true;
	}
	strmap_put(&ps->seen, k, (void *)1);
	return false;
}

/* Does schema i bear on the path p of a value no schema was decided
 * for: it holds the object the key is on (a path at least two keys long),
 * or it holds the most of the value's paths, two at least (and, with
 * strict, more than half)? Only there is a near miss worth telling: a
 * key that happens to be near some property of an unrelated schema is
 * not one. A close miss (case, '_', '-') needs no majority. */
static bool relevant(const struct wstage *ws, size_t i, const struct wpath *p, bool strict)
{
	const struct paths_state *ps = ws->paths;
	const struct spec_schema *sc = ws->c->spec->schemas[i];
	struct wpath up = *p;
	up.n = p->n - 1;
	if (up.n && has_key(&up) && resolve(sc, up.keys, up.n).ok)
		return true;
	return ps->best >= 2 && (!strict || 2 * ps->best > ps->gp.n) && ps->score[i] == ps->best;
}

static bool fits_any(const struct spec *spec, const char *const *keys, unsigned n)
{
	if (!n)
		return true;
	for (size_t i = 0; i < spec->n_schemas; i++)
		if (candidate(spec->schemas[i]) && resolve(spec->schemas[i], keys, n).ok)
			return true;
	return false;
}

static char *joined(const char *const *keys, unsigned n)
{
	struct sbuf sb = {0};
	for (unsigned i = 0; i < n; i++) {
		if (!keys[i])
			continue;
		if (sb.len)
			sbuf_putc(&sb, '.');
		sbuf_puts(&sb, keys[i]);
	}
	return sbuf_take(&sb);
}

/* p extended by the keys under its site, first child first (through the
 * items of an array), as deep as they go: a misspelt key is placed by
 * what is read under it. */
static void deepen(const struct wstage *ws, struct wpath *p)
{
	size_t cur = p->site;
	for (unsigned keyless = 0; p->n < MAX_SEGS && keyless < 4;) {
		size_t next = (size_t)-1, item = (size_t)-1;
		for (size_t k = 0; k < ws->n_kids[cur] && next == (size_t)-1; k++) {
			size_t kid = ws->kids[cur][k];
			if (ws->w->sites[kid].key)
				next = kid;
			else if (item == (size_t)-1 && ws->n_kids[kid])
				item = kid; /* an item with keys under it */
		}
		if (next == (size_t)-1)
			next = item;
		if (next == (size_t)-1)
			break;
		keyless += !ws->w->sites[next].key;
		p->keys[p->n++] = ws->w->sites[next].key;
		cur = next;
	}
	while (p->n && !p->keys[p->n - 1])
		p->n--;
}

/* Does the value of group g use the path keys[0..n) itself (a key near
 * one the code also reads, "errors" beside "error", is no typo of it)? */
static bool group_uses(const struct group_paths *gp, const char *const *keys, unsigned n)
{
	for (size_t i = 0; i < gp->n; i++) {
		const struct wpath *q = &gp->v[i];
		unsigned k = 0;
		while (k < n && k < q->n &&
		       (q->keys[k] == keys[k] ||
		        (q->keys[k] && keys[k] && !strcmp(q->keys[k], keys[k]))))
			k++;
		if (k == n && q->n == n)
			return true;
	}
	return false;
}

enum unplaced wire_paths_unplaced(struct wstage *ws, size_t s)
{
	const struct wire_site *site = &ws->w->sites[s];
	enum wire_how how = how_of(ws, s);
	struct wpath p;
	if (!site->key || (how != HOW_UNDECIDED && how != HOW_NONE) || !path_of(ws, s, &p))
		return UNPLACED_OTHERS;
	const struct spec *spec = ws->c->spec;
	unsigned at = p.n - 1; /* the key; the path before it is an object of some schema */
	if (fits_any(spec, p.keys, p.n))
		return UNPLACED_OTHERS; /* it fits some schema: nothing to mend */
	if (!fits_any(spec, p.keys, at))
		return UNPLACED_TOLD; /* told at the key above */
	struct wpath deep = p;
	deepen(ws, &deep);
	const char *taken[MAX_SEGS], *best_taken[MAX_SEGS];
	const struct spec_prop *took = NULL, *best_took = NULL;
	const struct spec_schema *best_sc = NULL;
	unsigned best = NO_NEAR, best_n = 0;
	const struct group_paths *gp = paths_of(ws, wire_root_group(ws, s));
	bool folded = false;
	for (size_t i = 0; i < spec->n_schemas; i++) {
		const struct spec_schema *sc = spec->schemas[i];
		if (!candidate(sc))
			continue;
		/* the schema bears on the value, or the keys under the key fit
		 * it once the key is mended */
		const struct wpath *q = relevant(ws, i, &p, false) ? &p
		                        : deep.n > p.n             ? &deep
		                                                   : NULL;
		bool declared_after = false;
		unsigned c = q ? resolve_near(sc, q->keys, q->n, at, taken, &took, &declared_after)
		               : NO_NEAR;
		if (q == &deep && !declared_after)
			continue;          /* the keys under it are a map's: no evidence */
		if (c == 0 && q->n == 1) { /* a lone key spelt but for case, '_' or '-' */
			folded = true;
			continue;
		}
		if (q == &p && !relevant(ws, i, &p, true))
			continue; /* a looser miss, of a schema that has few of its keys */
		if (c < best) {
			best = c;
			best_sc = sc;
			best_took = took;
			best_n = q->n;
			memcpy(best_taken, taken, q->n * sizeof *taken);
		}
	}
	if (!best_sc) /* a close miss told as check_any tells it; else nothing */
		return folded ? UNPLACED_OTHERS : UNPLACED_QUIET;
	if (group_uses(gp, best_taken, at + 1))
		return UNPLACED_QUIET; /* the code reads the near key too */
	char *have = joined(best_n > p.n ? deep.keys : p.keys, best_n);
	char *want = joined(best_taken, best_n);
	char *sym = xasprintf("%s:%s", site->func, have);
	struct finding_in in = {.rule = "wire-key-unknown",
	                        .level = LEVEL_ERROR,
	                        .cloc = site->loc,
	                        .sloc = best_took->loc,
	                        .pointer = best_took->pointer,
	                        .symbol = sym,
	                        .schema = name_of(best_sc),
	                        .note = "the spec's property: "};
	result_emit(&ws->em, &in, "%s '%s' %s by %s fits no schema; did you mean '%s' of '%s'?",
	            best_n > 1 ? "path" : "key", have, site->dir == WIRE_WRITE ? "written" : "read",
	            site->call, want, name_of(best_sc));
	free(have);
	free(want);
	free(sym);
	return UNPLACED_TOLD;
}
