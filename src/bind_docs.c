/*
 * bind_docs.c - binding by name when several documents (--spec) define
 * the same schema name: the struct stands for the one whose properties
 * its members hold, and its binding carries that schema's label
 * (TS29510_Nnrf_NFManagement.yaml#AmfInfo), so messages and coverage say
 * which document it took.
 */
#include "config.h"

#include "bind.h"
#include "diag.h"

#include <stdlib.h>
#include <string.h>

/* How well rec holds sc, as one number: properties its members hold by
 * name first, then members whose struct or enum type is bound to the
 * schema the property refers to (two TerminationNotifications alike but
 * for the enum of cause), then fewer properties without a member. */
static long held(const struct spec_schema *sc, const struct hdr_record *rec,
                 const struct ruleset *rs, const struct bindings *b)
{
	const struct spec_schema *c = spec_deref(sc);
	struct member_binding mb;
	bind_members(&mb, c, rec, rs);
	long n = 0, agree = 0;
	for (size_t i = 0; i < mb.n_pairs; i++) {
		const struct hdr_member *m = mb.pairs[i].member;
		if (!m || mb.pairs[i].folded)
			continue;
		n++;
		const struct bind_schema *bs = m->type.enm      ? bind_of_enum(b, m->type.enm)
		                               : m->type.record ? bind_of_record(b, m->type.record)
		                                                : NULL;
		const struct spec_schema *ps = mb.pairs[i].prop->schema;
		agree += bs && spec_ref_name(ps) && spec_deref(bs->schema) == spec_deref(ps);
	}
	bind_members_free(&mb);
	return n * 1000000 + agree * 1000 - (long)(c->n_props - (size_t)n);
}

const struct spec_schema *bind_namesake(const struct spec *spec, const struct spec_schema *sc,
                                        const struct hdr_record *rec, const struct ruleset *rs,
                                        const struct bindings *b)
{
	const struct spec_schema *best = sc;
	long most = held(sc, rec, rs, b);
	for (size_t i = 0; i < spec->n_schemas; i++) {
		const struct spec_schema *o = spec->schemas[i];
		/* a namesake schema-names keys by its label is not bound by name */
		if (o == sc || !o->label || strcmp(o->name, sc->name) ||
		    bind_names_keyed(rs, o->label))
			continue;
		long n = held(o, rec, rs, b);
		if (n > most) {
			best = o;
			most = n;
		}
	}
	return best;
}

/* Does the folded enumerator name end in the folded value? */
static bool spells(const char *name, size_t len, const char *value)
{
	char *v = value ? bind_fold(value) : NULL;
	size_t vl = v ? strlen(v) : 0;
	bool hit = vl && vl <= len && !strcmp(name + len - vl, v);
	free(v);
	return hit;
}

/* How well e spells sc's values, as one number: enumerators that end, at
 * a '_', in a value (folded: case and '_' do not count), then fewer
 * values that no enumerator spells. */
static long spelt(const struct spec_schema *sc, const struct hdr_enum *e)
{
	long n = 0, unspelt = 0;
	bool *got = xcalloc(sc->n_enums + 1, sizeof *got);
	for (size_t i = 0; i < e->n_items; i++) {
		char *name = bind_fold(e->items[i].name);
		size_t len = strlen(name);
		bool hit = false;
		for (size_t j = 0; j < sc->n_enums; j++)
			if (spells(name, len, sc->enums[j].text)) {
				got[j] = hit = true;
				break;
			}
		n += hit;
		free(name);
	}
	for (size_t j = 0; j < sc->n_enums; j++)
		unspelt += sc->enums[j].text && !got[j];
	free(got);
	return n * 1000 - unspelt;
}

const struct spec_schema *bind_namesake_enum(const struct spec *spec, const struct spec_schema *sc,
                                             const struct hdr_enum *e, const struct ruleset *rs)
{
	const struct spec_schema *best = sc;
	long most = spelt(spec_deref(sc), e);
	for (size_t i = 0; i < spec->n_schemas; i++) {
		const struct spec_schema *o = spec->schemas[i];
		if (o == sc || !o->label || strcmp(o->name, sc->name) ||
		    bind_names_keyed(rs, o->label) || !spec_deref(o)->n_enums)
			continue;
		long n = spelt(spec_deref(o), e);
		if (n > most) {
			best = o;
			most = n;
		}
	}
	return best;
}

const char *bind_shown(const struct spec_schema *sc, const char *arg)
{
	const char *hash = strchr(arg, '#');
	return hash && hash != arg && sc->name ? spec_label(sc) : arg;
}

/* Does key (Name, or FILE#Name) name a schema of spec? */
static bool names_schema(const struct spec *spec, const char *key)
{
	const char *hash = strchr(key, '#');
	for (size_t i = 0; i < spec->n_schemas; i++) {
		const struct spec_schema *sc = spec->schemas[i];
		if (!hash) {
			if (!strcmp(sc->name, key))
				return true;
			continue;
		}
		if (sc->label && !strcmp(sc->label, key))
			return true;
		const char *base = spec_doc_file_name(sc);
		if (base && !strcmp(sc->name, hash + 1) && strlen(base) == (size_t)(hash - key) &&
		    !strncmp(base, key, (size_t)(hash - key)))
			return true;
	}
	return false;
}

void bind_warn_keys(const struct spec *spec, const struct ruleset *rs)
{
	for (size_t i = 0; i < rs->n_names; i++)
		if (!names_schema(spec, rs->names[i].schema))
			diag(DIAG_WARNING, &rs->names[i].at,
			     "schema-names key '%s' is not a schema of the spec; its entry ('%s') "
			     "binds nothing",
			     rs->names[i].schema, rs->names[i].c_name);
}
