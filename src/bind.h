/*
 * bind.h - pairing the two models: schemas with structs or enums (by
 * @schema or by the naming rule), properties with members (by @json or by
 * the member-name rule, with a folded match as a last resort).
 */
#ifndef OAC_BIND_H
#define OAC_BIND_H

#include "hdr.h"
#include "rules.h"
#include "spec.h"
#include "util.h"

/* BIND_EVIDENCE: named for one schema (named), bound to another that its
 * members and keys fit clearly better (bind_fit.c). */
enum bind_how { BIND_ANNOTATION, BIND_NAME, BIND_EVIDENCE };

/* How many of a struct's members (not ignored) and the distinct keys its
 * code uses stand for a property of a schema. */
struct bind_fit {
	unsigned items, held;
};

struct bind_schema {
	const struct spec_schema *schema; /* as listed (may be a $ref) */
	const char *name;                 /* schema name or pointer */
	const struct hdr_record *rec;     /* one of rec and enm */
	const struct hdr_enum *enm;
	enum bind_how how;
	/* BIND_EVIDENCE: the schema of the name, and both fits; keys: the
	 * fits count keys of the sources */
	const struct spec_schema *named;
	struct bind_fit fit, named_fit;
	bool keys;
};

/* The distinct JSON keys the sources use on a struct's objects. */
struct bind_keys {
	const char **v;
	size_t n;
};
/* Where binding finds them (the wire model), or NULL for none. */
struct bind_key_source {
	const struct bind_keys *(*keys_of)(void *ctx, const struct hdr_record *rec);
	void *ctx;
};

/* An @schema that names nothing. */
struct bind_unknown {
	const struct annot *tag;
	const char *c_name;
	struct loc loc;
};

struct bindings {
	struct bind_schema *v;
	size_t n, cap;
	struct bind_unknown *unknown;
	size_t n_unknown, unknown_cap;
	struct ptrmap of_c;      /* record or enum -> index + 1 of its binding in v */
	struct ptrmap of_schema; /* dereferenced schema -> index + 1 of its first */
};

/* Bind every in-scope struct, union and enum of h to the schemas of spec:
 * by @schema, by name, then by evidence (bind_evidence, with the keys the
 * sources use where keys is given). Never fails; unknown names are
 * collected for the diff. Each schema's names are derived once: linear in
 * structs and schemas. */
void bind_schemas(struct bindings *out, struct spec *spec, const struct hdr_set *h,
                  const struct ruleset *rs, const struct bind_key_source *keys);
/* Add one binding (keeps the lookups of bind_of_record and the rest). */
void bind_add(struct bindings *b, struct bind_schema bs);
/* Rebuild those lookups after bindings in b->v were changed. */
void bind_reindex(struct bindings *b);
/* bind_fit.c: how well rec (with the keys its code uses, or NULL) fits sc. */
void bind_fit_record(struct bind_fit *out, const struct spec_schema *sc,
                     const struct hdr_record *rec, const struct ruleset *rs,
                     const struct bind_keys *keys);
/* Rebind each struct bound by name whose schema explains at most two
 * thirds of its members and keys to the schema that explains nearly all
 * of them (90% of three or more, and two more), if there is one: BIND_EVIDENCE. Structs settled by
 * @schema or schema-names are left alone. Then bind each struct nothing bound whose evidence is
 * nearly all one schema's, clearly ahead of any other (named stays NULL). */
void bind_evidence(struct bindings *b, struct spec *spec, const struct hdr_set *h,
                   const struct ruleset *rs, const struct bind_key_source *src);
/* For a struct named like sc with a _N suffix (amf_info_1_t, namesake-
 * suffix): the namesake of sc in scope that no struct took and rec fits
 * best (at least half its members), or NULL. */
const struct spec_schema *bind_suffix_namesake(struct spec *spec, const struct bindings *b,
                                               const struct spec_schema *sc,
                                               const struct hdr_record *rec,
                                               const struct ruleset *rs);
/* "FILE#Name" for a component of a document that is not in scope. */
const char *bind_doc_label(struct spec *spec, const struct spec_schema *sc);
/* out: a copy of b, which it does not share (free both). */
void bind_copy(struct bindings *out, const struct bindings *b);
void bind_free(struct bindings *b);
/* The schema a record or enum is bound to, or NULL. */
const struct bind_schema *bind_of_record(const struct bindings *b, const struct hdr_record *r);
const struct bind_schema *bind_of_enum(const struct bindings *b, const struct hdr_enum *e);
/* The record or enum named like schema name by the naming rules (or bound
 * to it), or NULL. */
bool bind_is_bound(const struct bindings *b, const struct spec_schema *sc);

enum member_role { MR_NONE, MR_MATCHED, MR_IGNORED, MR_AUX };

/* Companion members: part of the member they go with (naming: present,
 * null, count in the rules, or @present and @count). */
enum bind_comp { BIND_PRESENT, BIND_NULL, BIND_COUNT, BIND_NCOMP };

struct bind_comp_hit {
	const struct hdr_member *member; /* NULL: none */
	const char *pattern;             /* the pattern that named it; NULL: an annotation */
	bool fits;                       /* its type can be that companion */
};

struct member_pair {
	const struct spec_prop *prop;
	const struct hdr_member *member; /* NULL: missing */
	/* a boolean held as a bit of member (an integer): the mask's name, and
	 * whether it only is a near miss of the property's (MUTING_NOTIFS) */
	const struct hdr_bit *bit;
	bool bit_near;
	bool folded;       /* matched only after folding */
	const char *style; /* else: named by another rule than this one */
	struct bind_comp_hit comp[BIND_NCOMP];
};

struct member_binding {
	struct member_pair *pairs; /* one per property */
	size_t n_pairs;
	enum member_role *roles; /* one per member of the record */
	size_t n_members;
};

/* Typos: for each property of mb without a member, the index of the
 * unmatched member whose name is a near miss of it, or -1
 * (member_of_prop has mb->n_pairs slots). */
void bind_typos(const struct member_binding *mb, const struct hdr_record *rec,
                const struct ruleset *rs, long *member_of_prop);
/* The name a misspelt member should have: the member rule's name for prop
 * nearest to it (cpuset_cpus for cpuset_spus). Caller frees. */
char *bind_typo_fix(const char *member, const char *prop, const struct ruleset *rs);
/* For a check that bound no struct: a hint naming the pattern that two or
 * more structs follow (telebot_{snake}), or NULL. Caller frees. */
char *bind_suggest(const struct spec *spec, const struct hdr_set *h);
/* The name an @schema binding is shown by: a component named in one
 * document ("FILE#/components/schemas/X") by its label or name, anything
 * else as written. */
const char *bind_shown(const struct spec_schema *sc, const char *arg);
/* A warning for each schema-names key that names no schema of spec (a
 * struct it was meant for would go unchecked without a word). */
void bind_warn_keys(const struct spec *spec, const struct ruleset *rs);
/* Of the schemas of several documents named like sc (sc->label set),
 * the one whose properties rec's members hold most; on a tie, the one
 * whose $refs the types of its members are bound to (b), then the one
 * with fewest properties left without a member, then the first. */
const struct spec_schema *bind_namesake(const struct spec *spec, const struct spec_schema *sc,
                                        const struct hdr_record *rec, const struct ruleset *rs,
                                        const struct bindings *b);
/* The same for an enum: the twin whose values its enumerators spell most,
 * then the one with fewest values no enumerator spells. */
const struct spec_schema *bind_namesake_enum(const struct spec *spec, const struct spec_schema *sc,
                                             const struct hdr_enum *e, const struct ruleset *rs);
/* bind_flags.c: the boolean properties of mb without a member that rec
 * keeps as single-bit masks of one integer member (flags patterns). */
void bind_flags(struct member_binding *mb, const struct hdr_record *rec, const struct ruleset *rs);
/* Pair the properties of sc (dereferenced, merged) with rec's members. */
void bind_members(struct member_binding *out, const struct spec_schema *sc,
                  const struct hdr_record *rec, const struct ruleset *rs);
void bind_members_free(struct member_binding *mb);
/* The member name rule ("verbatim", "snake", "camel") gives for prop. */
char *bind_member_name(const char *rule, const char *prop, const struct ruleset *rs);
/* One member naming style (ruleset one-member-style): add to counts[r],
 * for each member rule r, the pairs whose member name rule r spells and
 * some other rule does not (photo_urls: snake; photoUrls: verbatim). */
void bind_style_tally(const struct member_binding *mb, const struct ruleset *rs, unsigned *counts);
/* Mark (pair.style, for name-style) every pair guessed by another rule than
 * rule number style: firstName for first_name in snake-case output. */
void bind_apply_style(struct member_binding *mb, const struct ruleset *rs, size_t style);
/* bind_comp.c: the companion of one kind of member m of rec: the member
 * @present or @count names, else the first member a pattern of the kind
 * names whose type fits, else the first one it names at all (fits false).
 * Members roles marks MR_MATCHED or MR_IGNORED are never companions (roles
 * may be NULL). */
struct bind_comp_hit bind_companion(const struct hdr_record *rec, const struct hdr_member *m,
                                    enum bind_comp kind, const struct ruleset *rs,
                                    const enum member_role *roles);
/* The count member of an array member that fits, or NULL. */
const struct hdr_member *bind_count_member(const struct hdr_record *rec, const struct hdr_member *m,
                                           const struct ruleset *rs);
/* Can the member be a presence or null flag (a bool or an integer)? */
bool bind_is_flag(const struct hdr_member *m);
/* "presence flag", "null flag", "count" */
const char *bind_comp_what(enum bind_comp kind);
/* The patterns of a kind for member name, as a list for a message:
 * "n_x, x_count, x_len". Caller frees. */
char *bind_comp_names(const struct ruleset *rs, enum bind_comp kind, const char *name);
/* The name companion gets when its member old is renamed new (n_old ->
 * n_new), or NULL when no pattern of the kind names it. Caller frees. */
char *bind_comp_renamed(const struct ruleset *rs, enum bind_comp kind, const char *companion,
                        const char *old, const char *name);
/* Does the record's name stand for schema under the struct naming rules? */
bool bind_names_record(const struct hdr_record *r, const char *schema, const struct ruleset *rs);
/* Is the record, by the naming rules' items patterns, the struct of the
 * inline items of property prop of Owner (owner_prop "Owner_prop")? */
bool bind_names_item_record(const struct hdr_record *r, const char *owner_prop,
                            const struct ruleset *rs);
/* Can the member hold a count (a plain integer)? */
bool bind_is_count(const struct hdr_member *m);
/* Can the member hold several values (T[N], T *, char **)? */
bool bind_is_sequence(const struct hdr_type *t);
/* {project}: the spec's title lower-cased, in snake case. Caller frees. */
char *bind_project(const char *title);
/* bind_names.c: the C names naming patterns give schemas, derived once
 * per schema and looked up in a hash (a leading '*' is a suffix lookup,
 * other globs are tried in order). */
struct bind_names_glob;
struct bind_names {
	struct arena mem;
	struct strmap exact;  /* C name -> schema index + 1 (the lowest) */
	struct strmap suffix; /* "*tail" patterns: tail -> schema index + 1 */
	struct bind_names_glob *globs;
	size_t n_globs, globs_cap;
};
/* Index the names patterns give schemas[0, n) (NULL entries are left
 * out), with their schema-names mappings (rs->names). */
void bind_names_build(struct bind_names *bn, const struct strvec *patterns,
                      const char *const *schemas, size_t n, const struct ruleset *rs);
/* The lowest index whose names include C name a or b (either may be NULL),
 * or -1. */
long bind_names_find(const struct bind_names *bn, const char *a, const char *b);
void bind_names_free(struct bind_names *bn);
/* Does schema-names have the key schema (a name, or a label FILE#Name)? */
bool bind_names_keyed(const struct ruleset *rs, const char *schema);
/* Does one C name (NULL: no) stand for schema under patterns? */
bool bind_names_match(const char *c_name, const char *schema, const struct strvec *patterns,
                      const struct ruleset *rs);

/* Naming helpers (the result is the caller's). */
char *bind_snake(const char *name);
char *bind_camel(const char *name);
char *bind_fold(const char *name);

#endif
