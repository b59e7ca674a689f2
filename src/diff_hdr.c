/*
 * diff_hdr.c - clang's errors in the headers as findings (header-error):
 * an error in a header that holds a struct or enum checked against the
 * spec is an error; one in any other header (a library's, a system
 * header, one of the project's that no schema needs) a warning. The
 * headers are still checked with what clang recovered, so a broken line
 * costs one finding, not the struct.
 *
 * Where the broken line comes from the spec the finding says so, once per
 * enum rather than once per clang message:
 *  - the items of an enum that a generator wrote from values that are no
 *    C identifier (x_OBJECT_thread.run, x_TIME=100%): the values and their
 *    schema are named, with a note at the first value in the spec, and the
 *    values count as written (no enum-value-missing beside them). The
 *    schema is the one the enum is checked against, else the property of
 *    a struct of the same header whose enum (or items' enum) holds them;
 *  - an enum defined a second time under the same name in one header
 *    (its sentinel and its typedef again): one finding at it, naming the
 *    property whose values it holds.
 * Other errors name the declaration they fall in: the member and the
 * schema of its struct, the struct, the enum, the prototype.
 */
#include "config.h"

#include "diff_int.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static int loc_cmp(const struct loc *a, const struct loc *b)
{
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	return a->col < b->col ? -1 : a->col > b->col;
}

static bool in_item(const struct loc *at, const struct hdr_enum_bad *b)
{
	return b->loc.file == at->file && loc_cmp(at, &b->loc) >= 0 && loc_cmp(at, &b->end) <= 0;
}

/* Was the message told already, with its enum? */
static bool told(const struct diff_ctx *d, const struct hdr_msg *m)
{
	if (!m->enm)
		return false;
	if (ptrmap_get(&d->told, m->enm))
		return true;
	for (size_t k = 0; k < m->enm->n_bad; k++)
		if (in_item(&m->at, &m->enm->bad[k]) && ptrmap_get(&d->told, &m->enm->bad[k]))
			return true;
	return false;
}

static bool is_identifier(const char *s)
{
	if (!isalpha((unsigned char)*s) && *s != '_')
		return false;
	while (isalnum((unsigned char)*s) || *s == '_')
		s++;
	return !*s;
}

/* The value of sc spelt by a bad item's text after the enum's prefix,
 * when that is no C identifier (else clang's words say more), or NULL. */
static const struct spec_value *value_of(const struct spec_schema *sc, const struct hdr_enum *e,
                                         const struct hdr_enum_bad *b)
{
	const char *first, *stem = b->text;
	size_t prefix = diff_enum_prefix(e, &first);
	if (prefix && !strncmp(stem, first, prefix))
		stem += prefix;
	if (is_identifier(stem))
		return NULL;
	for (size_t i = 0; i < sc->n_enums; i++)
		if (sc->enums[i].text && !strcmp(sc->enums[i].text, stem))
			return &sc->enums[i];
	/* the generator's own changes: America/Port-au-Prince written
	 * America/Port_au_Prince, 18-24 written _18_24 */
	char *f = bind_fold(stem);
	const struct spec_value *hit = NULL;
	for (size_t i = 0; i < sc->n_enums && !hit; i++) {
		char *v = sc->enums[i].text ? bind_fold(sc->enums[i].text) : NULL;
		if (v && *v && !strcmp(v, f))
			hit = &sc->enums[i];
		free(v);
	}
	free(f);
	return hit;
}

/* "'a'", "'a' and 'b'", "'a', 'b', 'c' and 5 more". Caller frees. */
static char *value_list(const struct spec_value *const *v, size_t n)
{
	struct sbuf sb = {0};
	size_t shown = n > 4 ? 3 : n;
	for (size_t i = 0; i < shown; i++)
		sbuf_printf(&sb, "%s'%s'",
		            i == 0                         ? ""
		            : i + 1 == shown && shown == n ? " and "
		                                           : ", ",
		            v[i]->text);
	if (shown < n)
		sbuf_printf(&sb, " and %zu more", n - shown);
	return sbuf_take(&sb);
}

static enum level level_at(const struct diff_ctx *d, const char *file)
{
	return file && strmap_get(&d->checked, file) ? LEVEL_ERROR : LEVEL_WARNING;
}

size_t diff_enum_bad(struct diff_ctx *d, const struct spec_schema *sc, const char *schema,
                     const char *pointer, const struct hdr_enum *e, struct suppress sup,
                     bool *written)
{
	const struct spec_value **vals = xcalloc(e->n_bad + 1, sizeof *vals);
	const struct hdr_enum_bad *at = NULL;
	size_t n = 0;
	for (size_t k = 0; k < e->n_bad; k++) {
		const struct spec_value *v = value_of(sc, e, &e->bad[k]);
		if (!v || ptrmap_get(&d->told, &e->bad[k]))
			continue;
		ptrmap_put(&d->told, &e->bad[k], 1);
		if (written)
			written[v - sc->enums] = true;
		vals[n++] = v;
		at = at ? at : &e->bad[k];
	}
	if (n) {
		char *list = value_list(vals, n);
		char *sym = xasprintf("%s=%s", e->display, vals[0]->text);
		struct finding_in in = {.rule = "header-error",
		                        .level = level_at(d, at->loc.file),
		                        .cloc = at->loc,
		                        .sloc = vals[0]->loc,
		                        .pointer = pointer,
		                        .symbol = sym,
		                        .schema = schema,
		                        .sup = sup};
		diff_emit(
		        d, &in,
		        n == 1 ? "enum value %s of '%s' is not a C identifier; the generator wrote "
		                 "it as an enumerator"
		               : "enum values %s of '%s' are not C identifiers; the generator "
		                 "wrote "
		                 "them as enumerators",
		        list, schema);
		free(sym);
		free(list);
	}
	free(vals);
	return n;
}

/* The enum of a property: its own, or its items'. */
static const struct spec_schema *prop_enum(const struct spec_prop *p)
{
	const struct spec_schema *c = spec_deref(p->schema);
	if (c->n_enums)
		return c;
	c = c->items ? spec_deref(c->items) : NULL;
	return c && c->n_enums ? c : NULL;
}

/* How many of e's enumerators and bad items spell a value of sc. */
static size_t spelt(const struct hdr_enum *e, const struct spec_schema *sc)
{
	const char *first;
	size_t prefix = diff_enum_prefix(e, &first), n = 0;
	for (size_t k = 0; k < e->n_bad; k++)
		n += value_of(sc, e, &e->bad[k]) != NULL;
	for (size_t i = 0; i < e->n_items; i++) {
		const char *stem = e->items[i].name + (e->items[i].fragment ? 0 : prefix);
		for (size_t j = 0; j < sc->n_enums && !e->items[i].fragment; j++)
			if (sc->enums[j].text && !strcmp(sc->enums[j].text, stem)) {
				n++;
				break;
			}
	}
	return n;
}

struct spelling {
	const struct spec_prop *prop;
	const char *owner; /* the name of the schema holding prop */
	size_t n;          /* values spelt, times 1000, plus the name's part */
};

/* Keep prop of the object schema named owner if e spells it best: most
 * values, then the longest property name that e's own name holds (x_
 * COVERIMAGECONTENTTYPE_e is cover_image_content_type's, not
 * content_type's, when both have the same values). */
static void try_props(const struct hdr_enum *e, const struct spec_schema *c, const char *owner,
                      struct spelling *best)
{
	char *mine = bind_fold(e->display ? e->display : "");
	for (size_t p = 0; p < c->n_props; p++) {
		const struct spec_schema *en = prop_enum(&c->props[p]);
		size_t n = en ? spelt(e, en) : 0;
		if (!n)
			continue;
		char *f = bind_fold(c->props[p].name);
		n = n * 1000 + (strstr(mine, f) ? strlen(f) : 0);
		free(f);
		if (n > best->n)
			*best = (struct spelling){&c->props[p], owner, n};
	}
	free(mine);
}

/* The property of a struct of e's header (or of a variant of its
 * oneOf/anyOf/allOf: the generator flattens them into one struct) whose
 * enum e spells best, at least one value; prop NULL: none. */
static struct spelling spelt_prop(const struct diff_ctx *d, const struct hdr_enum *e)
{
	struct spelling best = {NULL, NULL, 0};
	for (size_t i = 0; i < d->b.n; i++) {
		const struct bind_schema *bs = &d->b.v[i];
		if (!bs->rec || bs->rec->loc.file != e->loc.file)
			continue;
		const struct spec_schema *c = spec_deref(bs->schema);
		try_props(e, c, bs->name, &best);
		const struct spec_schema *const *parts[3] = {
		        (const struct spec_schema *const *)c->one_of,
		        (const struct spec_schema *const *)c->any_of,
		        (const struct spec_schema *const *)c->all_of};
		size_t counts[3] = {c->n_one_of, c->n_any_of, c->n_all_of};
		for (int k = 0; k < 3; k++)
			for (size_t j = 0; j < counts[k]; j++) {
				const char *name = spec_ref_name(parts[k][j]);
				try_props(e, spec_deref(parts[k][j]), name ? name : bs->name,
				          &best);
			}
	}
	return best;
}

/* The bad items of an enum no check reached, told by the property of its
 * header's struct that holds their values. */
static void tell_unchecked(struct diff_ctx *d, const struct hdr_enum *e)
{
	struct spelling sp = spelt_prop(d, e);
	if (!sp.prop)
		return;
	char *schema = xasprintf("%s.%s", sp.owner, sp.prop->name);
	const struct spec_schema *en = prop_enum(sp.prop);
	diff_enum_bad(d, en, schema, en->pointer, e, (struct suppress){&e->annots, NULL}, NULL);
	free(schema);
}

/* The first enum of e's header named as e is, before it; or NULL. */
static const struct hdr_enum *first_of_name(const struct hdr_set *h, const struct hdr_enum *e)
{
	const char *name = e->tdname ? e->tdname : e->tag;
	for (size_t i = 0; name && i < h->n_enums; i++) {
		const struct hdr_enum *o = h->enums[i];
		const char *on = o->tdname ? o->tdname : o->tag;
		if (o != e && on && !strcmp(on, name) && o->loc.file == e->loc.file &&
		    loc_cmp(&o->loc, &e->loc) < 0)
			return o;
	}
	return NULL;
}

/* An enum defined again under its name: one finding for its errors. */
static void tell_twice(struct diff_ctx *d, const struct hdr_enum *e, const struct hdr_enum *first)
{
	ptrmap_put(&d->told, e, 1);
	struct spelling sp = spelt_prop(d, e);
	const struct spec_prop *p = sp.prop;
	char *whose =
	        p ? xasprintf(" (it holds the values of '%s.%s')", sp.owner, p->name) : xstrdup("");
	struct finding_in in = {.rule = "header-error",
	                        .level = level_at(d, e->loc.file),
	                        .cloc = e->loc,
	                        .sloc = p ? p->loc : (struct loc){0},
	                        .pointer = p ? p->pointer : NULL,
	                        .symbol = e->display,
	                        .schema = p ? sp.owner : NULL,
	                        .sup = {&e->annots, NULL}};
	diff_emit(d, &in,
	          "enum '%s' is defined a second time in this header (first at line %u)%s; the "
	          "generator gave two enums one name, and clang keeps the first",
	          e->display, first->loc.line, whose);
	free(whose);
}

/* Where the message stands in the C model, for the reader: " (in member
 * 'run_t.meta' of the struct bound to 'Run')", " (in 'x_e')", " (in the
 * prototype of 'pet_create')", or "". Caller frees. */
static char *context(const struct diff_ctx *d, const struct hdr_msg *m)
{
	const struct bind_schema *bs = m->rec ? bind_of_record(&d->b, m->rec) : NULL;
	if (m->rec && m->member && bs)
		return xasprintf(" (in member '%s.%s' of the struct bound to '%s')",
		                 m->rec->display, m->member, bs->name);
	if (m->rec && m->member)
		return xasprintf(" (in member '%s.%s')", m->rec->display, m->member);
	if (m->rec && bs)
		return xasprintf(" (in '%s', bound to '%s')", m->rec->display, bs->name);
	if (m->rec)
		return xasprintf(" (in '%s')", m->rec->display);
	if (m->enm && m->enm->display)
		return xasprintf(" (in '%s')", m->enm->display);
	if (m->func)
		return xasprintf(" (in the prototype of '%s')", m->func);
	return xstrdup("");
}

void diff_hdr_checked(struct diff_ctx *d, const char *file)
{
	if (file && d->h->n_msgs)
		strmap_put(&d->checked, file, (void *)file);
}

static void tell_enums(struct diff_ctx *d)
{
	for (size_t i = 0; i < d->h->n_enums; i++) {
		const struct hdr_enum *e = d->h->enums[i];
		if (!e->in_scope || !e->broken)
			continue;
		const struct hdr_enum *first = first_of_name(d->h, e);
		if (first)
			tell_twice(d, e, first);
		else if (e->n_bad)
			tell_unchecked(d, e);
	}
}

void diff_hdr_errors(struct diff_ctx *d)
{
	tell_enums(d);
	for (size_t i = 0; i < d->h->n_msgs; i++) {
		const struct hdr_msg *m = &d->h->msgs[i];
		if (told(d, m))
			continue;
		char *where = context(d, m);
		/* the fingerprint holds no line: the file and the text */
		char *sym = xasprintf("%s:%s", m->at.file ? m->at.file : "", m->text);
		struct finding_in in = {.rule = "header-error",
		                        .level = level_at(d, m->at.file),
		                        .cloc = m->at,
		                        .symbol = sym,
		                        .sup = {m->rec ? &m->rec->annots : NULL, NULL}};
		diff_emit(d, &in, "%s%s", m->text, where);
		free(sym);
		free(where);
	}
	ptrmap_free(&d->told);
	strmap_free(&d->checked);
}
