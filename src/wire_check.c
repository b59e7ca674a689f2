/*
 * wire_check.c - the wire check's findings and coverage. Each site with a
 * key is judged in the schema wire.c found for its object:
 *   wire-key-unknown    the key is no property there (or of any schema,
 *                       when the site is related to no struct), with the
 *                       near miss or the property of the member it reaches;
 *   wire-key-mismatch   the one member it reaches is another property's;
 *   wire-type-mismatch  the JSON type the call implies is not the
 *                       property's;
 * and each struct with a serializer (parser) has each property written
 * (read) under its key, else wire-unwritten (wire-unread). The keys found
 * are the coverage's properties written and read.
 */
#include "config.h"

#include "wire_int.h"

#include <ctype.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *type_word(unsigned types)
{
	return spec_type_name(types);
}

/* Do the JSON types a call implies fit those a property allows? Integer
 * and number are one family (cJSON writes every number as a double). */
static bool types_fit(unsigned implied, unsigned allowed)
{
	implied &= ~(unsigned)SPEC_NULL;
	if (!implied || !allowed)
		return true;
	unsigned fam = SPEC_INTEGER | SPEC_NUMBER;
	if (allowed & fam)
		allowed |= fam;
	if (implied & fam)
		implied |= fam;
	return (implied & allowed) != 0;
}

static const char *verb(const struct wire_site *s)
{
	return s->dir == WIRE_WRITE ? "written" : "read";
}

static char *symbol_of(const struct wire_site *s)
{
	return xasprintf("%s:%s", s->func, s->key);
}

static const char *schema_name(const struct spec_schema *sc)
{
	const char *n = spec_ref_name(sc);
	return n ? n : sc->name ? sc->name : sc->pointer;
}

/* The property a site's member stands for, in sc, and that member. */
static const struct member_pair *member_prop(struct wstage *ws, size_t s,
                                             const struct spec_schema *sc, size_t *n_found,
                                             const char *want)
{
	const struct member_pair *one = NULL;
	*n_found = 0;
	for (size_t i = 0; i < ws->n_cands[s]; i++) {
		const struct cand *c = &ws->cands[s][i];
		if (c->info->schema != sc)
			continue;
		/* every property the member holds (bit flags hold several) */
		const struct winfo *wi = c->info;
		for (size_t k = 0; wi->schema && k < wi->mb.n_pairs; k++) {
			const struct member_pair *p = &wi->mb.pairs[k];
			if (!p->member || strcmp(p->member->name, c->member))
				continue;
			if (want && !strcmp(p->prop->name, want))
				return p;
			if (!one || one->prop != p->prop)
				(*n_found)++;
			one = p;
		}
	}
	return one;
}

static struct suppress sup_of(const struct member_pair *p, const struct winfo *wi)
{
	struct suppress s = {p && p->member ? &p->member->annots : NULL,
	                     wi ? &wi->rec->annots : NULL};
	return s;
}

/* A member of a struct bound to sc that site s reaches and that stands
 * for no property (the struct check's extra-field), or NULL. */
static const char *extra_member(struct wstage *ws, size_t s, const struct spec_schema *sc)
{
	for (size_t i = 0; i < ws->n_cands[s]; i++) {
		const struct cand *c = &ws->cands[s][i];
		if (c->info->schema == sc && !wire_pair_of(c->info, c->member))
			return c->member;
	}
	return NULL;
}

static void key_unknown(struct wstage *ws, size_t s, const struct spec_schema *sc)
{
	const struct wire_site *site = &ws->w->sites[s];
	size_t n;
	const struct member_pair *mp = member_prop(ws, s, sc, &n, NULL);
	const struct spec_prop *hint = mp && n == 1 ? mp->prop : NULL;
	unsigned best = hint ? 0 : UTIL_FAR;
	for (size_t i = 0; best && i < sc->n_props; i++) {
		unsigned d = util_near_miss(site->key, sc->props[i].name);
		if (d < best) {
			best = d;
			hint = &sc->props[i];
		}
	}
	/* nothing it resembles, and the member the value goes to has no
	 * property either (extra-field, a warning): a key and member the spec
	 * does not know, told as the member is, a warning (an extension, a
	 * property of another version of the API, or one it never had) */
	const char *extra = !hint ? extra_member(ws, s, sc) : NULL;
	char *sym = symbol_of(site);
	struct finding_in in = {.rule = "wire-key-unknown",
	                        .level = extra ? LEVEL_WARNING
	                                       : wire_paths_level(ws, s, hint && best < 10),
	                        .cloc = site->loc,
	                        .sloc = hint ? hint->loc : sc->loc,
	                        .pointer = hint ? hint->pointer : sc->pointer,
	                        .symbol = sym,
	                        .schema = schema_name(sc),
	                        .note = hint ? "the spec's property: " : NULL,
	                        .sup = sup_of(mp, NULL)};
	if (hint)
		result_emit(&ws->em, &in,
		            "key '%s' %s by %s is not a property of schema '%s'%s; did you "
		            "mean '%s'?",
		            site->key, verb(site), site->call, schema_name(sc),
		            wire_paths_why(ws, s), hint->name);
	else if (extra)
		result_emit(&ws->em, &in,
		            "key '%s' %s by %s is not a property of schema '%s', nor is its "
		            "member '%s'",
		            site->key, verb(site), site->call, schema_name(sc), extra);
	else
		result_emit(&ws->em, &in, "key '%s' %s by %s is not a property of schema '%s'%s",
		            site->key, verb(site), site->call, schema_name(sc),
		            wire_paths_why(ws, s));
	free(sym);
}

static void key_mismatch(struct wstage *ws, size_t s, const struct member_pair *mp,
                         const struct spec_schema *sc)
{
	const struct wire_site *site = &ws->w->sites[s];
	char *sym = symbol_of(site);
	struct finding_in in = {.rule = "wire-key-mismatch",
	                        .level = LEVEL_ERROR,
	                        .cloc = site->loc,
	                        .sloc = mp->prop->loc,
	                        .pointer = mp->prop->pointer,
	                        .symbol = sym,
	                        .schema = schema_name(sc),
	                        .note = "the member's property: ",
	                        .sup = {&mp->member->annots, NULL}};
	result_emit(&ws->em, &in,
	            "member '%s' is %s under key '%s', but it is bound to property "
	            "'%s' of schema '%s'",
	            mp->member->name, verb(site), site->key, mp->prop->name, schema_name(sc));
	free(sym);
}

static void type_mismatch(struct wstage *ws, size_t s, const struct spec_prop *p,
                          const struct spec_schema *sc, unsigned implied, bool items)
{
	const struct wire_site *site = &ws->w->sites[s];
	char *sym = symbol_of(site);
	size_t n;
	const struct member_pair *mp = member_prop(ws, s, sc, &n, p->name);
	struct finding_in in = {.rule = "wire-type-mismatch",
	                        .level = LEVEL_ERROR,
	                        .cloc = site->value_at.line ? site->value_at : site->loc,
	                        .sloc = p->loc,
	                        .pointer = p->pointer,
	                        .symbol = sym,
	                        .schema = schema_name(sc),
	                        .sup = sup_of(mp, NULL)};
	const struct spec_schema *ps = spec_deref(p->schema);
	if (items)
		ps = spec_deref(ps->items ? ps->items : ps->addl_schema);
	char *have = xstrdup(type_word(implied)), *want = xstrdup(type_word(spec_types(ps)));
	result_emit(&ws->em, &in, "%s %s %s '%s' as %s %s, but the property%s is %s %s", site->call,
	            site->dir == WIRE_WRITE ? "writes" : "reads", items ? "the items of" : "key",
	            site->key, strchr("aeiou", have[0]) ? "an" : "a", have, items ? "'s items" : "",
	            strchr("aeiou", want[0]) ? "an" : "a", want);
	free(have);
	free(want);
	free(sym);
}

static void check_types(struct wstage *ws, size_t s, const struct spec_prop *p,
                        const struct spec_schema *sc)
{
	const struct wire_site *site = &ws->w->sites[s];
	const struct spec_schema *ps = spec_deref(p->schema);
	bool converted = (site->converts & spec_types(ps)) != 0; /* "123" read as a number */
	if (!converted && !types_fit(site->types, spec_types(ps))) {
		type_mismatch(ws, s, p, sc, site->types & ~(unsigned)SPEC_NULL, false);
		return;
	}
	unsigned items = site->item_types | ws->item_types[s];
	const struct spec_schema *is = ps->items ? ps->items : ps->addl_schema;
	if (items && is && !types_fit(items, spec_types(spec_deref(is))))
		type_mismatch(ws, s, p, sc, items & ~(unsigned)SPEC_NULL, true);
}

static void mark(struct wstage *ws, const struct wire_site *site, size_t s,
                 const struct spec_schema *sc)
{
	char *k = xasprintf("%p/%c/%s", (const void *)sc, site->dir == WIRE_WRITE ? 'w' : 'r',
	                    site->key);
	if (strmap_get(&ws->marks, k))
		free(k);
	else
		strmap_put(&ws->marks, k, (void *)1);
	if (!wire_paths_user(ws, s))
		return;
	k = xasprintf("%p/%c", (const void *)sc, site->dir == WIRE_WRITE ? 'w' : 'r');
	if (strmap_get(&ws->users, k))
		free(k);
	else
		strmap_put(&ws->users, k, (void *)(uintptr_t)(s + 1));
}

/* A struct of the headers the root sites of group g reach, or NULL. */
static const struct hdr_record *group_record(struct wstage *ws, size_t g)
{
	if (ws->group_state[g])
		return ws->group_rec[g];
	ws->group_state[g] = 1;
	for (size_t s = 0; s < ws->w->n && !ws->group_rec[g]; s++) {
		const struct wire_site *site = &ws->w->sites[s];
		if (site->group != g || site->n_parents)
			continue;
		for (size_t r = 0; r < site->n_reach && !ws->group_rec[g]; r++)
			for (unsigned l = 0; l < site->reach[r]->n && !ws->group_rec[g]; l++)
				ws->group_rec[g] = wire_record_at(ws, &site->reach[r]->links[l]);
	}
	return ws->group_rec[g];
}

static void index_folded(struct wstage *ws)
{
	const struct spec *spec = ws->c->spec;
	for (size_t i = 0; i < spec->n_schemas; i++) {
		const struct spec_schema *sc = wire_object_of(spec->schemas[i]);
		for (size_t p = 0; sc && p < sc->n_props; p++) {
			char *f = bind_fold(sc->props[p].name);
			struct fold_list *l = strmap_get(&ws->folded, f);
			if (!l) {
				l = xcalloc(1, sizeof *l);
				strmap_put(&ws->folded, f, l);
			} else {
				free(f);
			}
			l->props = xrealloc(l->props, (l->n + 1) * sizeof *l->props);
			l->owners = xrealloc(l->owners, (l->n + 1) * sizeof *l->owners);
			l->props[l->n] = &sc->props[p];
			l->owners[l->n++] = sc;
		}
	}
}

/* Does a root site of group g other than s use a key that is a property
 * of sc? */
static bool group_has_key_of(struct wstage *ws, size_t g, size_t s, const struct spec_schema *sc)
{
	for (size_t i = 0; i < ws->w->n; i++) {
		const struct wire_site *o = &ws->w->sites[i];
		if (i != s && o->group == g && !o->n_parents && o->key &&
		    strcmp(o->key, ws->w->sites[s].key) && wire_prop_named(sc, o->key))
			return true;
	}
	return false;
}

/* A close near miss of a key on an object no schema is known to stand
 * for: a property spelt as the key is but for case, '_' and '-'
 * (SizeRW, SizeRw), of a schema another key of the same object is a
 * property of. NULL when there is none. */
static const struct spec_prop *close_miss(struct wstage *ws, size_t s)
{
	const struct wire_site *site = &ws->w->sites[s];
	if (!ws->folded.n)
		index_folded(ws);
	char *f = bind_fold(site->key);
	const struct fold_list *l = strmap_get(&ws->folded, f);
	free(f);
	for (size_t i = 0; l && i < l->n; i++)
		if (strcmp(l->props[i]->name, site->key) &&
		    group_has_key_of(ws, site->group, s, l->owners[i]))
			return l->props[i];
	return NULL;
}

/* A root key whose object no schema is known to stand for: the spec
 * cannot back it. Code that fills a struct no schema binds is code the
 * spec does not describe; a key on an object of no struct is told only
 * when it is a close near miss. The rest is listed, not reported. */
static void check_any(struct wstage *ws, size_t s, bool near_ok)
{
	const struct wire_site *site = &ws->w->sites[s];
	const struct hdr_record *rec = group_record(ws, site->group);
	const struct spec_prop *hint = rec || !near_ok ? NULL : close_miss(ws, s);
	if (!hint) {
		if (rec)
			result_unmatched(ws->c->res, site->loc,
			                 "key '%s' %s by %s: not checked, as no schema of the spec "
			                 "stands for '%s', which its value %s",
			                 site->key, verb(site), site->call, rec->display,
			                 site->dir == WIRE_WRITE ? "comes from" : "goes to");
		else
			result_unmatched(
			        ws->c->res, site->loc,
			        "key '%s' %s by %s: not checked, as no schema of the spec is "
			        "known to stand for its object",
			        site->key, verb(site), site->call);
		return;
	}
	char *sym = symbol_of(site);
	struct finding_in in = {.rule = "wire-key-unknown",
	                        .level = LEVEL_ERROR,
	                        .cloc = site->loc,
	                        .sloc = hint->loc,
	                        .pointer = hint->pointer,
	                        .symbol = sym,
	                        .note = "the spec's property: "};
	result_emit(&ws->em, &in,
	            "key '%s' %s by %s is not a property of any schema; did you mean '%s'?",
	            site->key, verb(site), site->call, hint->name);
	free(sym);
}

/* A property whose member a site reaches under another key: reported
 * there, so not again as never written or read. */
static void mark_member(struct wstage *ws, const struct wire_site *site,
                        const struct spec_schema *sc, const struct member_pair *mp)
{
	char *k = xasprintf("%p/%c/%s", (const void *)sc, site->dir == WIRE_WRITE ? 'W' : 'R',
	                    mp->prop->name);
	if (strmap_get(&ws->marks, k))
		free(k);
	else
		strmap_put(&ws->marks, k, (void *)1);
}

/* Did --schema leave the schema in (a schema without a name always is)? */
static bool selected(const struct wstage *ws, const struct spec_schema *sc)
{
	const struct diff_options *o = ws->c->opt;
	const char *name = spec_ref_name(sc) ? spec_ref_name(sc) : sc->name;
	if (!o->n_schema_globs || !name)
		return true;
	for (size_t i = 0; i < o->n_schema_globs; i++)
		if (fnmatch(o->schema_globs[i], name, 0) == 0)
			return true;
	return false;
}

/* The schema of the struct site s's value fills (all its members alike),
 * or NULL. */
static const struct spec_schema *filled_schema(const struct wstage *ws, size_t s)
{
	const struct spec_schema *one = NULL;
	for (size_t i = 0; i < ws->n_cands[s]; i++) {
		const struct spec_schema *sc = ws->cands[s][i].info->schema;
		if (!sc || (one && one != sc))
			return NULL;
		one = sc;
	}
	return one;
}

/* Do sites a and b use one object (the same parent, or both roots of one
 * group)? */
static bool siblings(const struct wire_site *a, const struct wire_site *b)
{
	if (!a->n_parents || !b->n_parents)
		return !a->n_parents && !b->n_parents && a->group == b->group;
	return a->parents[0] == b->parents[0];
}

/* Is site s's key one of an envelope around its object's payload: a key
 * the rules' envelope names, the key that wraps the payload, or one beside
 * it ({"ok": true, "result": {...}})? */
static bool in_envelope(struct wstage *ws, size_t s)
{
	const struct wire_site *site = &ws->w->sites[s];
	if (strmap_get(&ws->envelope, site->key) || wire_wraps(ws, s))
		return true;
	for (size_t i = 0; i < ws->w->n; i++)
		if (i != s && ws->w->sites[i].key && siblings(site, &ws->w->sites[i]) &&
		    ws->ctx[i] == ws->ctx[s] && wire_wraps(ws, i))
			return true;
	return false;
}

/* Does sc take keys it does not name (additionalProperties)? */
static bool any_key(const struct spec_schema *sc)
{
	return sc->addl == SPEC_ADDL_TRUE || sc->addl == SPEC_ADDL_SCHEMA;
}

static void check_site(struct wstage *ws, size_t s)
{
	const struct wire_site *site = &ws->w->sites[s];
	if (!site->key)
		return;
	const struct spec_schema *sc = ws->ctx[s];
	if (!sc) { /* no schema holds its object: a path near one, else a close miss */
		if (group_record(ws, site->group)) {
			/* it fills a struct no schema binds: code the spec does
			 * not describe, only noted */
			if (!site->n_parents)
				check_any(ws, s, false);
			return;
		}
		enum unplaced u = wire_paths_unplaced(ws, s);
		if (u != UNPLACED_TOLD && !site->n_parents)
			check_any(ws, s, u == UNPLACED_OTHERS);
		return;
	}
	if (!selected(ws, sc) || wire_paths_map_key(ws, s, sc) || wire_paths_seen(ws, s, sc))
		return;
	const struct spec_prop *p = wire_prop_named(sc, site->key);
	const struct spec_schema *own = p ? NULL : filled_schema(ws, s);
	if (own && own != sc) {
		sc = own; /* the struct it fills says more than its parent's property */
		p = wire_prop_named(sc, site->key);
	}
	if (!p && any_key(sc))
		return; /* a map, or an object that takes more keys than it names */
	if (!p && in_envelope(ws, s)) {
		result_unmatched(ws->c->res, site->loc,
		                 "key '%s' %s by %s: of the envelope around a '%s', not checked",
		                 site->key, verb(site), site->call, schema_name(sc));
		return;
	}
	size_t n;
	const struct member_pair *mp = member_prop(ws, s, sc, &n, p ? p->name : NULL);
	if (mp && n == 1 && mp->prop != p)
		mark_member(ws, site, sc, mp);
	if (!p) {
		key_unknown(ws, s, sc);
		return;
	}
	mark(ws, site, s, sc);
	if (mp && n == 1 && mp->prop != p)
		key_mismatch(ws, s, mp, sc);
	else
		check_types(ws, s, p, sc);
	wire_paths_capacity(ws, s, p, sc);
}

static bool marked(struct wstage *ws, const struct spec_schema *sc, char dir, const char *name)
{
	char *k = xasprintf("%p/%c/%s", (const void *)sc, dir, name);
	bool m = strmap_get(&ws->marks, k) != NULL;
	free(k);
	return m;
}

/* The properties of a struct's schema its serializer (parser) never
 * writes (reads) under their key. */
static void unused(struct wstage *ws, const struct bind_schema *bs, const struct spec_schema *sc,
                   char dir)
{
	char *k = xasprintf("%p/%c", (const void *)sc, dir);
	uintptr_t first = (uintptr_t)strmap_get(&ws->users, k);
	free(k);
	if (!first)
		return;
	const struct wire_site *user = &ws->w->sites[first - 1];
	struct member_binding mb;
	bind_members(&mb, sc, bs->rec, ws->c->rs);
	for (size_t i = 0; i < mb.n_pairs; i++) {
		const struct member_pair *p = &mb.pairs[i];
		const struct spec_schema *ps = spec_deref(p->prop->schema);
		bool skip = dir == 'w' ? ps->read_only : ps->write_only;
		if (!p->member || skip || marked(ws, sc, dir, p->prop->name) ||
		    marked(ws, sc, (char)(dir - 'a' + 'A'), p->prop->name))
			continue;
		char *sym = xasprintf("%s.%s", bs->rec->display, p->member->name);
		struct finding_in in = {.rule = dir == 'w' ? "wire-unwritten" : "wire-unread",
		                        .level = LEVEL_WARNING,
		                        .cloc = user->func_loc,
		                        .sloc = p->prop->loc,
		                        .pointer = p->prop->pointer,
		                        .symbol = sym,
		                        .schema = bs->name,
		                        .sup = {&p->member->annots, &bs->rec->annots}};
		result_emit(&ws->em, &in, "%s of '%s' never %s property '%s' (member '%s')",
		            dir == 'w' ? "the serializer" : "the parser", bs->rec->display,
		            dir == 'w' ? "writes" : "reads", p->prop->name, p->member->name);
		free(sym);
	}
	bind_members_free(&mb);
}

static void unused_pass(struct wstage *ws)
{
	struct strmap done = {0};
	for (size_t i = 0; i < ws->c->b.n; i++) {
		const struct bind_schema *bs = &ws->c->b.v[i];
		const struct spec_schema *sc = bs->rec ? wire_object_of(bs->schema) : NULL;
		if (!sc || !selected(ws, sc))
			continue;
		char key[32];
		snprintf(key, sizeof key, "%p", (const void *)sc);
		if (strmap_get(&done, key))
			continue;
		strmap_put(&done, xstrdup(key), (void *)1);
		unused(ws, bs, sc, 'w');
		unused(ws, bs, sc, 'r');
	}
	for (size_t i = 0; i < done.cap; i++)
		free((char *)done.slots[i].key);
	strmap_free(&done);
}

static void coverage(struct wstage *ws)
{
	struct result *res = ws->c->res;
	res->wire = true;
	for (size_t i = 0; i < res->n_rows; i++) {
		struct coverage_row *row = &res->rows[i];
		const struct spec_schema *sc = spec_find(ws->c->spec, row->schema);
		/* an unbound schema's own properties: a map's values are another's */
		sc = row->c_name                     ? wire_object_of(sc)
		     : sc && spec_deref(sc)->n_props ? spec_deref(sc)
		                                     : NULL;
		for (size_t j = 0; sc && j < sc->n_props; j++) {
			row->written += marked(ws, sc, 'w', sc->props[j].name);
			row->read += marked(ws, sc, 'r', sc->props[j].name);
		}
		res->props_written += row->written;
		res->props_read += row->read;
	}
}

/* A source clang could not parse whole: its calls are checked as far as
 * clang understood them, and one warning says so. */
static void source_errors(struct wstage *ws)
{
	for (size_t i = 0; i < ws->w->n_errs; i++) {
		const struct wire_error *e = &ws->w->errors[i];
		char *sym = xasprintf("%s:%s", e->source, e->text);
		struct finding_in in = {.rule = "source-error",
		                        .level = LEVEL_WARNING,
		                        .cloc = e->at,
		                        .symbol = sym};
		result_emit(
		        &ws->em, &in,
		        "%s (%u clang error%s in %s: its JSON calls are checked as far as clang "
		        "understood them)",
		        e->text, e->count, e->count == 1 ? "" : "s", e->source);
		free(sym);
	}
}

/* A member the code fills through a conversion of what the spec sends
 * ("123" read with json_object_get_int, or atoi on the string read):
 * the header's type-mismatch for it is info, with the reason. */
static void converted_members(struct wstage *ws)
{
	struct strmap told = {0};
	for (size_t s = 0; s < ws->w->n; s++) {
		const struct wire_site *site = &ws->w->sites[s];
		for (size_t i = 0; site->converts && site->key && i < ws->n_cands[s]; i++) {
			const struct cand *cd = &ws->cands[s][i];
			const struct member_pair *p = wire_pair_of(cd->info, cd->member);
			if (!p || !(site->converts & spec_types(spec_deref(p->prop->schema))))
				continue;
			char *sym = xasprintf("%s.%s", cd->info->rec->display, cd->member);
			if (strmap_get(&told, sym)) {
				free(sym);
				continue;
			}
			strmap_put(&told, sym, (void *)site);
		}
	}
	struct result *res = ws->c->res;
	for (size_t i = 0; told.n && i < res->n; i++) {
		struct finding *f = &res->findings[i];
		const struct wire_site *site = f->symbol ? strmap_get(&told, f->symbol) : NULL;
		if (!site || strcmp(f->rule, "type-mismatch") || f->level == LEVEL_INFO)
			continue;
		res->count[f->level]--;
		res->count[LEVEL_INFO]++;
		f->level = LEVEL_INFO;
		char *m = xasprintf("%s; the code converts it (%s:%u reads key '%s' and converts "
		                    "it)",
		                    f->message, site->loc.file, site->loc.line, site->key);
		free(f->message);
		f->message = m;
		fix_free(f->fix); /* its type is the code's choice: nothing to retype */
		f->fix = NULL;
		free(f->fixit);
		f->fixit = NULL;
	}
	for (size_t i = 0; i < told.cap; i++)
		free((char *)told.slots[i].key);
	strmap_free(&told);
}

void wire_check(const struct checked *c, const struct wire_set *w)
{
	struct wstage ws;
	wire_stage_init(&ws, c, w);
	source_errors(&ws);
	for (size_t s = 0; s < w->n; s++)
		check_site(&ws, s);
	unused_pass(&ws);
	converted_members(&ws);
	coverage(&ws);
	wire_stage_free(&ws);
}
