/*
 * bind.c - which struct stands for which schema, which member for which
 * property. A binding written down (@schema, @json) always wins over one
 * guessed from names; a guess that needs case or underscores folded is
 * still made, but marked so the diff can report name-style.
 */
#include "config.h"

#include "bind.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static bool is_sep(unsigned char c)
{
	return c == '-' || c == '.' || c == ' ' || c == '/' || c == ':' || c == '|';
}

static bool up(unsigned char c)
{
	return c >= 'A' && c <= 'Z';
}

static bool low(unsigned char c)
{
	return c >= 'a' && c <= 'z';
}

/* OpenAPI Generator's underscore(), after its sanitizing: separators
 * become '_', other characters that cannot be in a C name are dropped,
 * then, exactly as its two regexes,
 *   ([A-Z]+)([A-Z][a-z][a-z]+) -> $1_$2   (ABCWord -> ABC_Word; CIDRs whole)
 *   ([a-z\d])([A-Z])           -> $1_$2   (podCIDRs -> pod_CIDRs)
 * and lower case. The first regex splits a run of capitals before its last
 * capital only when two lower-case letters follow it; one match never
 * reaches into the next run, so both can be decided at each character. */
char *bind_snake(const char *s)
{
	size_t n = strlen(s);
	unsigned char *in = xmalloc(n + 1), *out = xmalloc(2 * n + 1);
	size_t m = 0, o = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (is_sep(c))
			in[m++] = '_';
		else if (isalnum(c) || c == '_')
			in[m++] = c;
	}
	in[m] = '\0';
	for (size_t i = 0; i < m; i++) {
		unsigned char c = in[i], prev = i ? in[i - 1] : 0;
		if (up(c) && i > 0) {
			bool split_run = up(prev) && low(in[i + 1]) && low(in[i + 2]);
			bool after_low = low(prev) || isdigit(prev);
			if (split_run || after_low)
				out[o++] = '_';
		}
		out[o++] = (unsigned char)tolower(c);
	}
	out[o] = '\0';
	free(in);
	return (char *)out;
}

char *bind_camel(const char *s)
{
	struct sbuf sb = {0};
	sbuf_add(&sb, "", 0);
	bool up = false;
	for (size_t i = 0; s[i]; i++) {
		char c = s[i];
		if (c == '_' || c == '-' || c == '.' || c == ' ') {
			up = sb.len > 0;
			continue;
		}
		sbuf_putc(&sb, up ? (char)toupper((unsigned char)c) : c);
		up = false;
	}
	return sbuf_take(&sb);
}

char *bind_fold(const char *s)
{
	struct sbuf sb = {0};
	sbuf_add(&sb, "", 0);
	for (; *s; s++)
		if (*s != '_' && *s != '-' && *s != '.' && *s != ' ')
			sbuf_putc(&sb, (char)tolower((unsigned char)*s));
	return sbuf_take(&sb);
}

static const struct spec_schema *lookup_schema(struct spec *spec, const char *name)
{
	return spec_lookup(spec, name);
}

static void add_unknown(struct bindings *out, const struct annot *a, const char *c_name,
                        struct loc where)
{
	struct bind_unknown *u = VEC_PUSH(out->unknown, out->n_unknown, out->unknown_cap);
	u->tag = a;
	u->c_name = c_name;
	u->loc = (struct loc){where.file, a->line, a->col};
}

bool bind_names_record(const struct hdr_record *r, const char *schema, const struct ruleset *rs)
{
	return bind_names_match(r->tdname, schema, &rs->struct_names, rs) ||
	       bind_names_match(r->tag, schema, &rs->struct_names, rs);
}

bool bind_names_item_record(const struct hdr_record *r, const char *owner_prop,
                            const struct ruleset *rs)
{
	return rs->item_names.n && (bind_names_match(r->tdname, owner_prop, &rs->item_names, rs) ||
	                            bind_names_match(r->tag, owner_prop, &rs->item_names, rs));
}

/* A schema a struct found by its name can stand for: an object or a
 * composition, not an enum or a named scalar (struct color { r, g, b; }
 * is not the string enum Color). */
static bool record_schema(const struct spec_schema *sc)
{
	const struct spec_schema *c = spec_deref(sc);
	if (c->n_props || c->n_one_of || c->n_any_of || c->n_all_of)
		return true;
	return (c->types & SPEC_OBJECT) || (!c->types && !c->n_enums && !c->items);
}

/* The names of the schemas a struct (v[0]) or an enum (v[1]) found by its
 * name can stand for, derived once for all structs and enums; v[2] and
 * v[3] the same by label (FILE#Name), for the names two documents define,
 * as schema-names gives one document's. */
struct name_index {
	struct bind_names v[4];
};

/* "FILE#Name" for a schema no other document names alike, when schema-names
 * has that key (a rules file written for several specs, used with one):
 * kept in keys; else NULL. */
static const char *qualified(struct strvec *keys, const struct spec_schema *sc,
                             const struct ruleset *rs)
{
	const char *file = spec_doc_file_name(sc);
	if (!file)
		return NULL;
	char *key = xasprintf("%s#%s", file, sc->name);
	if (bind_names_keyed(rs, key)) {
		*VEC_PUSH(keys->v, keys->n, keys->cap) = key;
		return key;
	}
	free(key);
	return NULL;
}

static void index_names(struct name_index *ix, const struct spec *spec, const struct ruleset *rs)
{
	struct strvec keys = {0};
	bool any = false; /* a schema-names key FILE#Name */
	for (size_t i = 0; i < rs->n_names; i++)
		any |= strchr(rs->names[i].schema, '#') != NULL;
	const char **names = xcalloc(4 * (spec->n_schemas + 1), sizeof *names);
	const char **by[4];
	for (int k = 0; k < 4; k++)
		by[k] = names + k * (spec->n_schemas + 1);
	for (size_t i = 0; i < spec->n_schemas; i++) {
		const struct spec_schema *sc = spec->schemas[i];
		bool rec = record_schema(sc), enm = spec_deref(sc)->n_enums;
		const char *label = sc->label || !any ? sc->label : qualified(&keys, sc, rs);
		/* a schema-names key FILE#Name names the schema's C type: its
		 * plain name is not tried */
		bool keyed = label && any && bind_names_keyed(rs, label);
		by[0][i] = rec && !keyed ? sc->name : NULL;
		by[1][i] = enm && !keyed ? sc->name : NULL;
		by[2][i] = rec ? label : NULL;
		by[3][i] = enm ? label : NULL;
	}
	for (int k = 0; k < 4; k++)
		bind_names_build(&ix->v[k], k % 2 ? &rs->enum_names : &rs->struct_names, by[k],
		                 spec->n_schemas, rs);
	free(names);
	for (size_t i = 0; i < keys.n; i++)
		free(keys.v[i]);
	free(keys.v);
}

/* Bind one struct (rec) or enum (enm) of annotations a, tdname and tag. */
static void bind_one(struct bindings *out, struct spec *spec, const struct name_index *ix,
                     const struct hdr_record *rec, const struct hdr_enum *enm,
                     const struct ruleset *rs)
{
	const struct annot_set *annots = rec ? &rec->annots : &enm->annots;
	const struct annot *a = annot_find(annots, AT_SCHEMA);
	if (annot_find(annots, AT_IGNORE))
		return;
	if (a) {
		const struct spec_schema *sc = lookup_schema(spec, a->arg);
		if (!sc)
			add_unknown(out, a, rec ? rec->display : enm->display,
			            rec ? rec->loc : enm->loc);
		else
			bind_add(out, (struct bind_schema){.schema = sc,
			                                   .name = bind_shown(sc, a->arg),
			                                   .rec = rec,
			                                   .enm = enm,
			                                   .how = BIND_ANNOTATION});
		return;
	}
	const char *td = rec ? rec->tdname : enm->tdname, *tag = rec ? rec->tag : enm->tag;
	int k = rec ? 0 : 1;
	long i = bind_names_find(&ix->v[k + 2], td, tag); /* a label first */
	bool by_label = i >= 0;
	if (!by_label)
		i = bind_names_find(&ix->v[k], td, tag);
	if (i < 0)
		return;
	const struct spec_schema *sc = spec->schemas[i];
	if (!by_label && rec && sc->label) /* a name two documents define */
		sc = bind_namesake(spec, sc, rec, rs, out);
	else if (!by_label && sc->label)
		sc = bind_namesake_enum(spec, sc, enm, rs);
	bind_add(out, (struct bind_schema){.schema = sc,
	                                   .name = spec_label(sc),
	                                   .rec = rec,
	                                   .enm = enm,
	                                   .how = BIND_NAME});
}

/* The C name without its first "_<digits>" before a '_' or its end
 * (OpenAPI_amf_info_1_t -> OpenAPI_amf_info_t), or NULL. Caller frees. */
static char *unsuffixed(const char *name)
{
	for (const char *p = name ? strchr(name, '_') : NULL; p; p = strchr(p + 1, '_')) {
		const char *q = p + 1;
		while (isdigit((unsigned char)*q))
			q++;
		if (q > p + 1 && (*q == '_' || !*q) && p > name)
			return xasprintf("%.*s%s", (int)(p - name), name, q);
	}
	return NULL;
}

/* namesake-suffix: the structs bound to nothing whose name is a schema's
 * with _N (amf_info_1_t), each to a namesake of that schema in another
 * document that it fits and that no struct took. */
static void bind_suffixes(struct bindings *out, struct spec *spec, const struct name_index *ix,
                          const struct hdr_set *h, const struct ruleset *rs)
{
	for (size_t i = 0; i < h->n_records; i++) {
		const struct hdr_record *rec = h->records[i];
		if (!rec->in_scope || rec->anonymous || !rec->complete ||
		    bind_of_record(out, rec) || annot_find(&rec->annots, AT_IGNORE))
			continue;
		char *td = unsuffixed(rec->tdname), *tag = unsuffixed(rec->tag);
		long k = td || tag ? bind_names_find(&ix->v[0], td, tag) : -1;
		free(td);
		free(tag);
		const struct spec_schema *sc =
		        k >= 0 ? bind_suffix_namesake(spec, out, spec->schemas[k], rec, rs) : NULL;
		if (sc)
			bind_add(out, (struct bind_schema){.schema = sc,
			                                   .name = spec_label(sc),
			                                   .rec = rec,
			                                   .how = BIND_NAME});
	}
}

void bind_schemas(struct bindings *out, struct spec *spec, const struct hdr_set *h,
                  const struct ruleset *rs, const struct bind_key_source *keys)
{
	memset(out, 0, sizeof *out);
	struct name_index ix;
	index_names(&ix, spec, rs);
	/* enums first: a struct's choice among namesakes looks at them */
	for (size_t i = 0; i < h->n_enums; i++)
		if (h->enums[i]->in_scope)
			bind_one(out, spec, &ix, NULL, h->enums[i], rs);
	for (size_t i = 0; i < h->n_records; i++)
		if (h->records[i]->in_scope && !h->records[i]->anonymous)
			bind_one(out, spec, &ix, h->records[i], NULL, rs);
	if (rs->namesake_suffix)
		bind_suffixes(out, spec, &ix, h, rs);
	for (int k = 0; k < 4; k++)
		bind_names_free(&ix.v[k]);
	bind_evidence(out, spec, h, rs, keys);
}

void bind_add(struct bindings *b, struct bind_schema bs)
{
	size_t n = b->n;
	*VEC_PUSH(b->v, b->n, b->cap) = bs;
	const void *c = bs.rec ? (const void *)bs.rec : (const void *)bs.enm;
	if (!ptrmap_get(&b->of_c, c))
		ptrmap_put(&b->of_c, c, n + 1);
	const void *sc = spec_deref(bs.schema);
	if (!ptrmap_get(&b->of_schema, sc))
		ptrmap_put(&b->of_schema, sc, n + 1);
}

void bind_reindex(struct bindings *b)
{
	ptrmap_free(&b->of_c);
	ptrmap_free(&b->of_schema);
	for (size_t i = 0; i < b->n; i++) {
		const struct bind_schema *bs = &b->v[i];
		const void *c = bs->rec ? (const void *)bs->rec : (const void *)bs->enm;
		if (!ptrmap_get(&b->of_c, c))
			ptrmap_put(&b->of_c, c, i + 1);
		const void *sc = spec_deref(bs->schema);
		if (!ptrmap_get(&b->of_schema, sc))
			ptrmap_put(&b->of_schema, sc, i + 1);
	}
}

void bind_copy(struct bindings *out, const struct bindings *b)
{
	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < b->n; i++)
		bind_add(out, b->v[i]);
	for (size_t i = 0; i < b->n_unknown; i++)
		*VEC_PUSH(out->unknown, out->n_unknown, out->unknown_cap) = b->unknown[i];
}

void bind_free(struct bindings *b)
{
	free(b->v);
	free(b->unknown);
	ptrmap_free(&b->of_c);
	ptrmap_free(&b->of_schema);
	memset(b, 0, sizeof *b);
}

const struct bind_schema *bind_of_record(const struct bindings *b, const struct hdr_record *r)
{
	size_t i = ptrmap_get(&b->of_c, r);
	return i ? &b->v[i - 1] : NULL;
}

const struct bind_schema *bind_of_enum(const struct bindings *b, const struct hdr_enum *e)
{
	size_t i = ptrmap_get(&b->of_c, e);
	return i ? &b->v[i - 1] : NULL;
}

bool bind_is_bound(const struct bindings *b, const struct spec_schema *sc)
{
	return ptrmap_get(&b->of_schema, spec_deref(sc)) != 0;
}

static const char *json_name(const struct hdr_member *m)
{
	const struct annot *a = annot_find(&m->annots, AT_JSON);
	return a ? a->arg : NULL;
}

/* The member name prop has under one member rule. */
static char *member_name(const char *rule, const char *prop, const struct ruleset *rs)
{
	if (!strcmp(rule, "camel"))
		return bind_camel(prop);
	if (strcmp(rule, "snake"))
		return xstrdup(prop);
	char *snake = bind_snake(prop);
	const char *pre = rs->reserved_prefix;
	bool reserved = false;
	/* snake is lower case: most words differ in their first letter */
	for (size_t i = 0; i < rs->reserved.n && !reserved; i++)
		reserved = tolower((unsigned char)rs->reserved.v[i][0]) == snake[0] &&
		           !strcasecmp(rs->reserved.v[i], snake);
	if (pre && *pre && (reserved || isdigit((unsigned char)snake[0]))) {
		char *p = xasprintf("%s%s", pre, snake);
		free(snake);
		return p;
	}
	return snake;
}

/* The member standing for prop: by @json, by a member rule, or folded. */
static long find_member(const struct hdr_record *rec, const enum member_role *roles,
                        const char *prop, const struct ruleset *rs, bool *folded)
{
	for (size_t i = 0; i < rec->n_members; i++) {
		const char *j = json_name(&rec->members[i]);
		if (j && !strcmp(j, prop) && roles[i] == MR_NONE)
			return (long)i;
	}
	long hit = -1;
	for (size_t r = 0; r < rs->member_rules.n && hit < 0; r++) {
		char *want = member_name(rs->member_rules.v[r], prop, rs);
		for (size_t i = 0; i < rec->n_members && hit < 0; i++)
			if (roles[i] == MR_NONE && !json_name(&rec->members[i]) &&
			    !strcmp(rec->members[i].name, want))
				hit = (long)i;
		free(want);
	}
	char *fold = bind_fold(prop);
	for (size_t i = 0; i < rec->n_members && hit < 0; i++) {
		if (roles[i] != MR_NONE || json_name(&rec->members[i]))
			continue;
		char *f = bind_fold(rec->members[i].name);
		if (!strcmp(f, fold)) {
			hit = (long)i;
			*folded = true;
		}
		free(f);
	}
	free(fold);
	return hit;
}

bool bind_is_sequence(const struct hdr_type *t)
{
	bool char_string = t->kind == HK_CHAR &&
	                   ((t->n_dims == 1 && t->ptr == 0) || (t->n_dims == 0 && t->ptr == 1));
	if (char_string || t->kind == HK_FUNCTION)
		return false;
	return t->n_dims > 0 || t->ptr > 0;
}

/* The companions of each matched member, found among the members no
 * property took: part of their member (MR_AUX), even one a pattern names
 * whose type cannot be a companion (the diff reports it). */
static void find_companions(struct member_binding *mb, const struct hdr_record *rec,
                            const struct ruleset *rs)
{
	for (size_t p = 0; p < mb->n_pairs; p++) {
		struct member_pair *pr = &mb->pairs[p];
		for (int k = 0; pr->member && k < BIND_NCOMP; k++) {
			if (k == BIND_COUNT && !bind_is_sequence(&pr->member->type))
				continue;
			pr->comp[k] =
			        bind_companion(rec, pr->member, (enum bind_comp)k, rs, mb->roles);
			const struct hdr_member *c = pr->comp[k].member;
			bool named = pr->comp[k].fits || pr->comp[k].pattern; /* not a bad @count */
			if (c && named && mb->roles[c - rec->members] == MR_NONE)
				mb->roles[c - rec->members] = MR_AUX;
		}
	}
}

void bind_members(struct member_binding *out, const struct spec_schema *sc,
                  const struct hdr_record *rec, const struct ruleset *rs)
{
	memset(out, 0, sizeof *out);
	out->n_members = rec->n_members;
	out->roles = xcalloc(rec->n_members + 1, sizeof *out->roles);
	out->n_pairs = sc->n_props;
	out->pairs = xcalloc(sc->n_props + 1, sizeof *out->pairs);
	for (size_t i = 0; i < rec->n_members; i++)
		if (annot_find(&rec->members[i].annots, AT_IGNORE) || !rec->members[i].name[0] ||
		    ruleset_has(&rs->ignore_members, rec->members[i].name))
			out->roles[i] = MR_IGNORED;
	/* written bindings first, so a guess never takes an annotated member */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t p = 0; p < sc->n_props; p++) {
			if (out->pairs[p].member)
				continue;
			bool folded = false;
			long i = find_member(rec, out->roles, sc->props[p].name, rs, &folded);
			if (i < 0 || (pass == 0 && !json_name(&rec->members[i])) ||
			    (pass == 0 && folded))
				continue;
			out->pairs[p] = (struct member_pair){.prop = &sc->props[p],
			                                     .member = &rec->members[i],
			                                     .folded = folded};
			out->roles[i] = MR_MATCHED;
		}
	}
	for (size_t p = 0; p < sc->n_props; p++)
		out->pairs[p].prop = &sc->props[p];
	find_companions(out, rec, rs);
	bind_flags(out, rec, rs);
}

char *bind_member_name(const char *rule, const char *prop, const struct ruleset *rs)
{
	return member_name(rule, prop, rs);
}

/* Bit r set: member rule r spells prop as the pair's member name. */
static unsigned long rules_spelling(const struct member_pair *pr, const struct ruleset *rs)
{
	unsigned long mask = 0;
	for (size_t r = 0; r < rs->member_rules.n && r < 32; r++) {
		char *want = member_name(rs->member_rules.v[r], pr->prop->name, rs);
		if (!strcmp(want, pr->member->name))
			mask |= 1ul << r;
		free(want);
	}
	return mask;
}

static bool guessed(const struct member_pair *pr)
{
	return pr->member && !pr->folded && !json_name(pr->member);
}

void bind_style_tally(const struct member_binding *mb, const struct ruleset *rs, unsigned *counts)
{
	size_t n = rs->member_rules.n < 32 ? rs->member_rules.n : 32;
	unsigned long all = n ? (1ul << n) - 1 : 0;
	for (size_t i = 0; i < mb->n_pairs; i++) {
		if (!guessed(&mb->pairs[i]))
			continue;
		unsigned long mask = rules_spelling(&mb->pairs[i], rs);
		for (size_t r = 0; r < n && mask != all; r++)
			if (mask & (1ul << r))
				counts[r]++;
	}
}

void bind_apply_style(struct member_binding *mb, const struct ruleset *rs, size_t style)
{
	for (size_t i = 0; i < mb->n_pairs; i++)
		if (guessed(&mb->pairs[i]) && !(rules_spelling(&mb->pairs[i], rs) & (1ul << style)))
			mb->pairs[i].style = rs->member_rules.v[style];
}

void bind_members_free(struct member_binding *mb)
{
	free(mb->pairs);
	free(mb->roles);
	memset(mb, 0, sizeof *mb);
}

char *bind_project(const char *title)
{
	/* the generator lower-cases the title before making it snake case */
	char *lower = xstrdup(title ? title : "");
	for (char *p = lower; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	char *project = bind_snake(lower);
	free(lower);
	return project;
}
