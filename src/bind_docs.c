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

#include <string.h>

/* How many properties of sc rec's members hold by name. */
static size_t held(const struct spec_schema *sc, const struct hdr_record *rec,
                   const struct ruleset *rs)
{
	struct member_binding mb;
	bind_members(&mb, spec_deref(sc), rec, rs);
	size_t n = 0;
	for (size_t i = 0; i < mb.n_pairs; i++)
		n += mb.pairs[i].member && !mb.pairs[i].folded;
	bind_members_free(&mb);
	return n;
}

const struct spec_schema *bind_namesake(const struct spec *spec, const struct spec_schema *sc,
                                        const struct hdr_record *rec, const struct ruleset *rs)
{
	const struct spec_schema *best = sc;
	size_t most = held(sc, rec, rs);
	for (size_t i = 0; i < spec->n_schemas; i++) {
		const struct spec_schema *o = spec->schemas[i];
		/* a namesake schema-names keys by its label is not bound by name */
		if (o == sc || !o->label || strcmp(o->name, sc->name) ||
		    bind_names_keyed(rs, o->label))
			continue;
		size_t n = held(o, rec, rs);
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
