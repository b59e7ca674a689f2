/*
 * bind_fit.c - binding by evidence: how well a struct's members (and the
 * JSON keys its code uses) fit a schema, and what binding by name does
 * with that.
 *
 * A name is weak evidence: docker_image is named for Image but holds the
 * items of GET /images/json, ImageSummary; a generator that writes
 * several documents' models into one directory names a second AmfInfo
 * amf_info_1_t, and lets a later document's LocationInfo overwrite an
 * earlier one's location_info.h. The members say which schema a struct
 * stands for. The measure: of the struct's evidence (its members, not
 * ignored, and the distinct keys its parsers and serializers use on it),
 * how many stand for a property of the schema (a member by @json or a
 * member rule, with its companions; a key by name).
 *
 * What binding does with it:
 *  - among the schemas several documents define under one name (twins),
 *    a struct or enum bound by that name takes the one it fits best;
 *  - a struct bound by name (never by @schema or schema-names) whose
 *    schema explains at most two thirds of its evidence, when another
 *    schema explains nearly all (90%) of at least three items, and two
 *    items more, is bound to that one, and the binding says so (BIND_EVIDENCE: the diff reports
 *    binding-mismatch every run until an annotation settles it); so is
 *    one that another document's namesake explains wholly where its own
 *    schema does not (a generator wrote that model over this one's file);
 *  - a struct nothing binds (no name, no annotation; not the type of
 *    another's member, which its property types) whose evidence is nearly
 *    all (90%) one schema's, clearly ahead of any other and bound to
 *    nothing else, is bound to it (BIND_EVIDENCE, no name: the diff
 *    reports binding-inferred), when it has three items or more and
 *    three names (a key and its member are one name, two items), or two
 *    names that at most two schemas have;
 *  - with namesake-suffix (OpenAPI Generator), a struct named like a
 *    schema plus _1, _2 (amf_info_1_t) stands for the namesake of another
 *    document that it fits, one no struct took by its plain name.
 */
#include "config.h"

#include "bind.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

enum { MIN_ITEMS = 3, MAX_NAMESAKES = 64, MAX_CANDIDATES = 8 };

void bind_fit_record(struct bind_fit *out, const struct spec_schema *sc,
                     const struct hdr_record *rec, const struct ruleset *rs,
                     const struct bind_keys *keys)
{
	const struct spec_schema *c = spec_deref(sc);
	struct member_binding mb;
	bind_members(&mb, c, rec, rs);
	*out = (struct bind_fit){0};
	for (size_t i = 0; i < mb.n_members; i++) {
		if (mb.roles[i] == MR_IGNORED)
			continue;
		out->items++;
		out->held += mb.roles[i] != MR_NONE;
	}
	bind_members_free(&mb);
	for (size_t k = 0; keys && k < keys->n; k++) {
		out->items++;
		for (size_t p = 0; p < c->n_props; p++)
			if (!strcmp(c->props[p].name, keys->v[k])) {
				out->held++;
				break;
			}
	}
}

/* Is the fit a clear win over the name's: nearly all (90%) against at
 * most two thirds, two items more at least, of three items or more? A namesake (another document's
 * schema of the same name, which the name fits as well) wins by holding all of it. */
static bool clearly_better(const struct bind_fit *best, const struct bind_fit *named, bool namesake)
{
	if (!best->items || best->held <= named->held)
		return false;
	if (namesake && best->held == best->items)
		return true;
	return best->items >= MIN_ITEMS && best->held * 10 >= best->items * 9 &&
	       named->held * 3 <= named->items * 2 && best->held >= named->held + 2;
}

/* Did schema-names or an annotation say what rec is? */
static bool settled(const struct hdr_record *rec, const struct ruleset *rs)
{
	if (annot_find(&rec->annots, AT_SCHEMA))
		return true;
	for (size_t i = 0; i < rs->n_names; i++)
		if ((rec->tdname && !strcmp(rs->names[i].c_name, rec->tdname)) ||
		    (rec->tag && !strcmp(rs->names[i].c_name, rec->tag)))
			return true;
	return false;
}

/* --- candidates: the schemas whose properties the members name -------- */

/* member or key name -> the in-scope schemas with a property of that name
 * (under any member rule), as indices + 1 in a list */
struct fit_index {
	struct strmap by_name; /* name -> struct fit_list * */
	struct arena mem;
	bool built;
};

struct fit_list {
	size_t *v;
	size_t n, cap;
};

static void index_add(struct fit_index *ix, const char *name, size_t schema)
{
	struct fit_list *l = strmap_get(&ix->by_name, name);
	if (!l) {
		l = arena_alloc(&ix->mem, sizeof *l);
		strmap_put(&ix->by_name, arena_strdup(&ix->mem, name), l);
	}
	if (l->n && l->v[l->n - 1] == schema)
		return; /* one property under several rules */
	*VEC_PUSH(l->v, l->n, l->cap) = schema;
}

/* The object a schema stands for: itself, or the items of an array of
 * objects (a struct holds one item of ContainerSummary). */
static const struct spec_schema *object_view(const struct spec_schema *sc)
{
	const struct spec_schema *c = spec_deref(sc);
	if (!c->n_props && c->items && spec_deref(c->items)->n_props)
		return spec_deref(c->items);
	return c;
}

static void index_build(struct fit_index *ix, const struct spec *spec, const struct ruleset *rs)
{
	ix->built = true;
	for (size_t i = 0; i < spec->n_schemas; i++) {
		const struct spec_schema *c = object_view(spec->schemas[i]);
		for (size_t p = 0; p < c->n_props; p++) {
			index_add(ix, c->props[p].name, i);
			for (size_t r = 0; r < rs->member_rules.n; r++) {
				char *m = bind_member_name(rs->member_rules.v[r], c->props[p].name,
				                           rs);
				index_add(ix, m, i);
				free(m);
			}
		}
	}
}

static void index_free(struct fit_index *ix)
{
	for (size_t i = 0; i < ix->by_name.cap; i++)
		if (ix->by_name.slots[i].key)
			free(((struct fit_list *)ix->by_name.slots[i].val)->v);
	strmap_free(&ix->by_name);
	arena_free(&ix->mem);
}

static void tally(const struct fit_index *ix, const char *name, unsigned *count)
{
	const struct fit_list *l = strmap_get(&ix->by_name, name);
	for (size_t i = 0; l && i < l->n; i++)
		count[l->v[i]]++;
}

/* Up to MAX_CANDIDATES in-scope schemas most of rec's member names and
 * keys name (at least eight in ten of items: the 90% is judged after, by
 * the fit), into out; returns how many. */
static size_t candidates(const struct fit_index *ix, const struct spec *spec,
                         const struct hdr_record *rec, const struct bind_keys *keys, unsigned items,
                         const struct spec_schema **out)
{
	unsigned *count = xcalloc(spec->n_schemas + 1, sizeof *count);
	for (size_t i = 0; i < rec->n_members; i++) {
		const struct annot *j = annot_find(&rec->members[i].annots, AT_JSON);
		tally(ix, j ? j->arg : rec->members[i].name, count);
	}
	for (size_t k = 0; keys && k < keys->n; k++)
		tally(ix, keys->v[k], count);
	size_t n = 0;
	for (unsigned want = items; want * 10 >= items * 8 && want > 0 && n < MAX_CANDIDATES;
	     want--)
		for (size_t i = 0; i < spec->n_schemas && n < MAX_CANDIDATES; i++)
			if (count[i] == want)
				out[n++] = object_view(spec->schemas[i]);
	free(count);
	return n;
}

/* --- the passes --------------------------------------------------------- */

struct fit_best {
	const struct spec_schema *schema;
	struct bind_fit fit;
};

static void consider(struct fit_best *best, const struct spec_schema *sc,
                     const struct hdr_record *rec, const struct ruleset *rs,
                     const struct bind_keys *keys)
{
	struct bind_fit f;
	bind_fit_record(&f, sc, rec, rs, keys);
	if (!best->schema || f.held > best->fit.held)
		*best = (struct fit_best){sc, f};
}

/* The schema rec fits best among the namesakes of sc in every document
 * read and the in-scope schemas its names point to; sc itself excluded. */
static struct fit_best best_other(struct spec *spec, struct fit_index *ix,
                                  const struct spec_schema *sc, const struct hdr_record *rec,
                                  const struct ruleset *rs, const struct bind_keys *keys,
                                  unsigned items, bool others)
{
	struct fit_best best = {NULL, {0, 0}};
	const struct spec_schema *v[MAX_NAMESAKES];
	size_t n = sc->name ? spec_namesakes(spec, sc->name, v, MAX_NAMESAKES) : 0;
	for (size_t i = 0; i < n; i++)
		if (spec_deref(v[i]) != spec_deref(sc))
			consider(&best, v[i], rec, rs, keys);
	if (!others) /* the name explains much: only a namesake can win */
		return best;
	if (!ix->built)
		index_build(ix, spec, rs);
	n = candidates(ix, spec, rec, keys, items, v);
	for (size_t i = 0; i < n; i++)
		if (spec_deref(v[i]) != spec_deref(sc) && (!best.schema || v[i] != best.schema))
			consider(&best, v[i], rec, rs, keys);
	return best;
}

/* How many items of evidence rec has: its members not ignored, and keys. */
static unsigned evidence(const struct hdr_record *rec, const struct ruleset *rs,
                         const struct bind_keys *keys)
{
	unsigned n = keys ? (unsigned)keys->n : 0;
	for (size_t i = 0; i < rec->n_members; i++)
		n += rec->members[i].name[0] && !annot_find(&rec->members[i].annots, AT_IGNORE) &&
		     !ruleset_has(&rs->ignore_members, rec->members[i].name);
	return n;
}

/* Is rec's evidence, told by name (a key and the member named as it are
 * one name; the members of the structs it holds count), too little to
 * bind it? Three names or more are enough; two only when each is a name
 * at most two schemas have ('retry_after', 'migrate_to_chat_id'; not 'id'
 * and 'unread'). */
static bool has_name(const char *const *names, unsigned n, const char *name)
{
	for (unsigned i = 0; i < n; i++)
		if (!strcmp(names[i], name))
			return true;
	return false;
}

/* The distinct names of rec's members and of the members of the structs
 * they hold (config.polling.sleep is three), up to MIN_ITEMS. */
static unsigned tree_names(const struct hdr_record *rec, const struct ruleset *rs,
                           const char **names, unsigned n, unsigned depth)
{
	for (size_t i = 0; i < rec->n_members && n < MIN_ITEMS; i++) {
		const struct hdr_member *m = &rec->members[i];
		if (!m->name[0] || annot_find(&m->annots, AT_IGNORE) ||
		    ruleset_has(&rs->ignore_members, m->name))
			continue;
		if (!has_name(names, n, m->name))
			names[n++] = m->name;
		if (m->type.record && depth < 3)
			n = tree_names(m->type.record, rs, names, n, depth + 1);
	}
	return n;
}

static bool too_little(const struct fit_index *ix, const struct hdr_record *rec,
                       const struct ruleset *rs, const struct bind_keys *keys)
{
	const char *names[MIN_ITEMS];
	unsigned n = tree_names(rec, rs, names, 0, 0);
	for (size_t k = 0; keys && k < keys->n && n < MIN_ITEMS; k++)
		if (!has_name(names, n, keys->v[k]))
			names[n++] = keys->v[k];
	if (n >= MIN_ITEMS)
		return false;
	for (unsigned i = 0; i < n; i++) {
		const struct fit_list *l = strmap_get(&ix->by_name, names[i]);
		if (!l || l->n > 2)
			return true;
	}
	return n < 2;
}

/* How a binding names sc: its label, or its pointer (an array's items). */
static const char *shown(struct spec *spec, const struct spec_schema *sc)
{
	if (sc->name)
		return spec_label(sc);
	char *p = xasprintf("#%s", sc->pointer);
	const char *r = arena_strdup(&spec->arena, p);
	free(p);
	return r;
}

/* Is the record the type of a member of another (then the property that
 * member stands for says what it is, not its own members)? */
static bool is_member_type(const struct hdr_set *h, const struct hdr_record *rec)
{
	for (size_t i = 0; i < h->n_records; i++)
		for (size_t j = 0; j < h->records[i]->n_members; j++)
			if (h->records[i]->members[j].type.record == rec)
				return true;
	return false;
}

/* The schema an unbound struct's members and keys are nearly all of, one
 * clearly ahead of any other (more held, else more of its properties
 * held) and bound to nothing else; NULL when there is none. */
static const struct spec_schema *unnamed_fit(struct spec *spec, struct fit_index *ix,
                                             const struct bindings *b, const struct hdr_record *rec,
                                             const struct ruleset *rs, const struct bind_keys *keys,
                                             struct bind_fit *out)
{
	unsigned items = evidence(rec, rs, keys);
	if (items < MIN_ITEMS)
		return NULL;
	if (!ix->built)
		index_build(ix, spec, rs);
	if (too_little(ix, rec, rs, keys))
		return NULL;
	const struct spec_schema *v[MAX_CANDIDATES], *best = NULL;
	size_t n = candidates(ix, spec, rec, keys, items, v);
	struct bind_fit bf = {0, 0};
	double cover = 0;
	bool tie = false;
	for (size_t i = 0; i < n; i++) {
		if (bind_is_bound(b, v[i]))
			continue;
		struct bind_fit f;
		bind_fit_record(&f, v[i], rec, rs, keys);
		size_t props = spec_deref(v[i])->n_props;
		double c = props ? (double)f.held / (double)props : 0;
		if (best && f.held == bf.held && c == cover)
			tie = true;
		else if (!best || f.held > bf.held || (f.held == bf.held && c > cover)) {
			best = v[i];
			bf = f;
			cover = c;
			tie = false;
		}
	}
	if (!best || tie || bf.held * 10 < bf.items * 9)
		return NULL;
	*out = bf;
	return best;
}

/* Bind each struct nothing bound whose members (and keys) are nearly all
 * one schema's: BIND_EVIDENCE with no schema of its name. */
static void bind_unnamed(struct bindings *b, struct spec *spec, struct fit_index *ix,
                         const struct hdr_set *h, const struct ruleset *rs,
                         const struct bind_key_source *src)
{
	for (size_t i = 0; i < h->n_records; i++) {
		const struct hdr_record *rec = h->records[i];
		if (!rec->in_scope || !rec->complete || rec->anonymous || rec->is_union ||
		    bind_of_record(b, rec) || annot_find(&rec->annots, AT_IGNORE) ||
		    is_member_type(h, rec))
			continue;
		const struct bind_keys *keys = src ? src->keys_of(src->ctx, rec) : NULL;
		struct bind_fit fit;
		const struct spec_schema *sc = unnamed_fit(spec, ix, b, rec, rs, keys, &fit);
		if (!sc)
			continue;
		bind_add(b, (struct bind_schema){.schema = sc,
		                                 .name = shown(spec, sc),
		                                 .rec = rec,
		                                 .how = BIND_EVIDENCE,
		                                 .fit = fit,
		                                 .keys = keys && keys->n});
	}
}

void bind_evidence(struct bindings *b, struct spec *spec, const struct hdr_set *h,
                   const struct ruleset *rs, const struct bind_key_source *src)
{
	struct fit_index ix = {0};
	for (size_t i = 0; i < b->n; i++) {
		struct bind_schema *bs = &b->v[i];
		if (bs->how != BIND_NAME || !bs->rec || settled(bs->rec, rs))
			continue;
		const struct bind_keys *keys = src ? src->keys_of(src->ctx, bs->rec) : NULL;
		const struct spec_schema *c = spec_deref(bs->schema);
		if (!c->n_props || c->n_one_of || c->n_any_of)
			continue; /* a map, or members that may be a variant's */
		struct bind_fit named;
		bind_fit_record(&named, bs->schema, bs->rec, rs, keys);
		if (!named.items || named.held == named.items)
			continue;
		bool weak = named.items >= MIN_ITEMS && named.held * 3 <= named.items * 2;
		struct fit_best best =
		        best_other(spec, &ix, bs->schema, bs->rec, rs, keys, named.items, weak);
		const char *was = spec_deref(bs->schema)->name, *is;
		bool namesake = best.schema && was && (is = spec_deref(best.schema)->name) &&
		                !strcmp(was, is);
		if (!best.schema || !clearly_better(&best.fit, &named, namesake))
			continue;
		bs->named = bs->schema;
		bs->named_fit = named;
		bs->fit = best.fit;
		bs->schema = best.schema;
		bs->name = spec_in_scope(spec, best.schema) ? spec_label(best.schema)
		                                            : bind_doc_label(spec, best.schema);
		bs->how = BIND_EVIDENCE;
		bs->keys = keys && keys->n;
	}
	bind_reindex(b);
	bind_unnamed(b, spec, &ix, h, rs, src);
	index_free(&ix);
}

const char *bind_doc_label(struct spec *spec, const struct spec_schema *sc)
{
	const char *file = spec_doc_file_name(sc);
	if (!file || !sc->name)
		return spec_label(sc);
	char *l = xasprintf("%s#%s", file, sc->name);
	const char *r = arena_strdup(&spec->arena, l);
	free(l);
	return r;
}

/* The in-scope namesake of sc that no struct took and rec fits best, at
 * least half of its members; NULL when there is none. */
const struct spec_schema *bind_suffix_namesake(struct spec *spec, const struct bindings *b,
                                               const struct spec_schema *sc,
                                               const struct hdr_record *rec,
                                               const struct ruleset *rs)
{
	const struct spec_schema *v[MAX_NAMESAKES];
	size_t n = spec_namesakes(spec, sc->name, v, MAX_NAMESAKES);
	struct fit_best best = {NULL, {0, 0}};
	for (size_t i = 0; i < n; i++)
		if (spec_in_scope(spec, v[i]) && !bind_is_bound(b, v[i]))
			consider(&best, v[i], rec, rs, NULL);
	if (!best.schema || best.fit.held * 2 < best.fit.items || !best.fit.held)
		return NULL;
	return best.schema;
}
