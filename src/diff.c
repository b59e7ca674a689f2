/*
 * diff.c - the walk that turns two models and their bindings into
 * findings and coverage: which schemas are in scope, each binding checked
 * once (also structs reached only through a member's $ref), annotation
 * mistakes, @nocheck, and the final order that makes reports diffable.
 */
#include "config.h"

#include "diff_int.h"

#include <fnmatch.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool diff_first_visit(struct diff_ctx *d, const void *c_thing, const struct spec_schema *sc)
{
	char key[64];
	snprintf(key, sizeof key, "%p/%p", c_thing, (const void *)spec_deref(sc));
	if (strmap_get(&d->seen, key))
		return false;
	char *copy = xstrdup(key);
	strmap_put(&d->seen, copy, copy);
	return true;
}

static bool schema_selected(const struct diff_ctx *d, const char *name)
{
	if (!d->opt->n_schema_globs)
		return true;
	for (size_t i = 0; i < d->opt->n_schema_globs; i++)
		if (fnmatch(d->opt->schema_globs[i], name, 0) == 0)
			return true;
	return false;
}

/* A schema a C struct or enum can stand for: an object or an enum. Plain
 * scalars and arrays given a name are types, not payloads. */
static bool bindable(const struct diff_ctx *d, const struct spec_schema *sc)
{
	const struct spec_schema *c = spec_deref(sc);
	if (c->n_enums)
		return true;
	if (c->n_props || c->n_one_of || c->n_any_of || c->n_all_of)
		return true;
	/* a map or free-form object: OpenAPI Generator writes no model for it */
	return (c->types & SPEC_OBJECT) != 0 && d->rs->free_form_structs;
}

/* The annotation problems of set; outer is the enclosing struct's or
 * enum's set, whose @nocheck applies too (a project's own @tag). */
static void problems_of(struct diff_ctx *d, const struct annot_set *set,
                        const struct annot_set *outer, const char *file, const char *symbol)
{
	for (size_t i = 0; i < set->n_probs; i++) {
		const struct annot_problem *p = &set->probs[i];
		struct finding_in in = {.rule = p->rule,
		                        .level = LEVEL_ERROR,
		                        .symbol = symbol,
		                        .sup = {set, outer}};
		in.cloc = (struct loc){file, p->line, p->col};
		diff_emit(d, &in, "%s", p->message);
	}
}

/* A typedef of a struct or enum whose own problems the loops over
 * records and enums report: its comment was read into that declaration. */
static bool reported_with_target(const struct hdr_typedef *td)
{
	const struct hdr_type *t = &td->type;
	if (t->ptr || t->n_dims)
		return false;
	if (t->kind == HK_RECORD && t->record)
		return t->record->complete && t->record->in_scope;
	return t->kind == HK_ENUM && t->enm && t->enm->in_scope;
}

static char *join(const char *a, const char *b)
{
	return xasprintf("%s.%s", a, b);
}

#define TAGS(...) (tagmask(0, __VA_ARGS__, AT_NTAGS))
static unsigned tagmask(int unused, ...)
{
	va_list ap;
	va_start(ap, unused);
	unsigned m = 0;
	for (int t; (t = va_arg(ap, int)) != AT_NTAGS;)
		m |= 1u << t;
	va_end(ap);
	return m;
}

/* Tags written where they mean nothing: annotation-invalid at the tag. */
static void misplaced(struct diff_ctx *d, const struct annot_set *set, const char *file,
                      const char *symbol, unsigned allowed, const char *what)
{
	for (size_t i = 0; i < set->n; i++) {
		const struct annot *a = &set->v[i];
		if (allowed & (1u << a->tag))
			continue;
		struct finding_in in = {.rule = "annotation-invalid",
		                        .level = LEVEL_ERROR,
		                        .cloc = {file, a->line, a->col},
		                        .symbol = symbol};
		diff_emit(d, &in, "@%s does not apply to %s", annot_tag_name(a->tag), what);
	}
}

/* @count and @present name another member of the same record. */
static void member_refs(struct diff_ctx *d, const struct hdr_record *r, const struct hdr_member *m,
                        const char *symbol)
{
	for (size_t i = 0; i < m->annots.n; i++) {
		const struct annot *a = &m->annots.v[i];
		if ((a->tag != AT_COUNT && a->tag != AT_PRESENT) || !a->arg)
			continue;
		/* @count needs an integer, @present a flag; "no integer member" (or
		 * "no flag member") only when the name is there */
		bool found = false, named = false, count = a->tag == AT_COUNT;
		for (size_t j = 0; j < r->n_members && !found; j++) {
			bool same = !strcmp(r->members[j].name, a->arg) && &r->members[j] != m;
			named |= same;
			found = same && (count ? bind_is_count(&r->members[j])
			                       : bind_is_flag(&r->members[j]));
		}
		if (found)
			continue;
		struct finding_in in = {.rule = "annotation-invalid",
		                        .level = LEVEL_ERROR,
		                        .cloc = {m->loc.file, a->line, a->col},
		                        .symbol = symbol};
		diff_emit(d, &in, "@%s '%s' names no %smember of '%s'", annot_tag_name(a->tag),
		          a->arg,
		          !named  ? ""
		          : count ? "integer "
		                  : "flag ",
		          r->display);
	}
}

static void record_annotations(struct diff_ctx *d, const struct hdr_record *r)
{
	/* a typedef's tags (@type on an opaque handle) are read into its struct */
	const unsigned on_record =
	        r->tdname ? TAGS(AT_SCHEMA, AT_IGNORE, AT_NOCHECK, AT_TYPE, AT_FORMAT)
	                  : TAGS(AT_SCHEMA, AT_IGNORE, AT_NOCHECK);
	const unsigned on_member = TAGS(AT_JSON, AT_IGNORE, AT_FORMAT, AT_TYPE, AT_COUNT,
	                                AT_PRESENT, AT_OPTIONAL, AT_EXAMPLE, AT_NOCHECK);
	problems_of(d, &r->annots, NULL, r->loc.file, r->display);
	misplaced(d, &r->annots, r->loc.file, r->display, on_record, "a struct or union");
	for (size_t j = 0; j < r->n_members; j++) {
		const struct hdr_member *m = &r->members[j];
		char *sym = join(r->display, m->name);
		problems_of(d, &m->annots, &r->annots, m->loc.file, sym);
		misplaced(d, &m->annots, m->loc.file, sym, on_member, "a member");
		member_refs(d, r, m, sym);
		free(sym);
	}
}

static void annotation_pass(struct diff_ctx *d)
{
	const struct hdr_set *h = d->h;
	for (size_t i = 0; i < h->n_records; i++)
		if (h->records[i]->in_scope)
			record_annotations(d, h->records[i]);
	for (size_t i = 0; i < h->n_enums; i++) {
		const struct hdr_enum *e = h->enums[i];
		if (!e->in_scope)
			continue;
		problems_of(d, &e->annots, NULL, e->loc.file, e->display);
		misplaced(d, &e->annots, e->loc.file, e->display,
		          TAGS(AT_SCHEMA, AT_IGNORE, AT_NOCHECK), "an enum");
		for (size_t j = 0; j < e->n_items; j++) {
			const struct hdr_enumerator *it = &e->items[j];
			problems_of(d, &it->annots, &e->annots, it->loc.file, it->name);
			misplaced(d, &it->annots, it->loc.file, it->name,
			          TAGS(AT_VALUE, AT_IGNORE, AT_NOCHECK), "an enumerator");
		}
	}
	for (size_t i = 0; i < h->n_typedefs; i++) {
		const struct hdr_typedef *td = h->typedefs[i];
		if (!td->in_scope)
			continue;
		if (!reported_with_target(td))
			problems_of(d, &td->annots, NULL, td->loc.file, td->name);
		misplaced(d, &td->annots, td->loc.file, td->name,
		          TAGS(AT_SCHEMA, AT_TYPE, AT_FORMAT, AT_IGNORE, AT_NOCHECK), "a typedef");
	}
}

static void spec_issue_pass(struct diff_ctx *d)
{
	for (size_t i = 0; i < d->spec->n_issues; i++) {
		const struct spec_issue *is = &d->spec->issues[i];
		struct finding_in in = {.rule = is->rule, .sloc = is->loc, .pointer = is->pointer};
		const struct rule *r = rule_find(is->rule);
		in.level = r ? r->level : LEVEL_ERROR;
		diff_emit(d, &in, "%s", is->message);
	}
}

static void unknown_pass(struct diff_ctx *d)
{
	for (size_t i = 0; i < d->b.n_unknown; i++) {
		const struct bind_unknown *u = &d->b.unknown[i];
		struct finding_in in = {.rule = "schema-unknown",
		                        .level = LEVEL_ERROR,
		                        .cloc = u->loc,
		                        .symbol = u->c_name};
		diff_emit(d, &in, "@schema '%s' of '%s' names no schema in the spec", u->tag->arg,
		          u->c_name);
	}
}

/* one-member-style: the member rule that spells the most names only it
 * spells, over every bound struct (one generator run, one style). */
static void find_member_style(struct diff_ctx *d)
{
	d->member_style = -1;
	size_t n = d->rs->member_rules.n;
	if (!d->rs->one_member_style || n < 2 || n > 32)
		return;
	unsigned counts[32] = {0};
	for (size_t i = 0; i < d->b.n; i++) {
		const struct bind_schema *bs = &d->b.v[i];
		const struct spec_schema *c = spec_deref(bs->schema);
		if (!bs->rec || ((c->n_one_of || c->n_any_of) && !c->n_props))
			continue;
		struct member_binding mb;
		bind_members(&mb, c, bs->rec, d->rs);
		bind_style_tally(&mb, d->rs, counts);
		bind_members_free(&mb);
	}
	for (size_t r = 0; r < n; r++)
		if (counts[r] && (d->member_style < 0 || counts[r] > counts[d->member_style]))
			d->member_style = (long)r;
}

/* A struct bound by evidence instead of by its name: said every run, at
 * the struct, until @schema or schema-names settles it. Returns whether
 * the struct is to be checked (its schema is in scope). */
/* A struct no name bound, bound by its members: said every run (info). */
static void told_inferred(struct diff_ctx *d, const struct bind_schema *bs)
{
	char *fixit = xasprintf("@schema %s", bs->name);
	struct finding_in in = {.rule = "binding-inferred",
	                        .level = LEVEL_INFO,
	                        .cloc = bs->rec->loc,
	                        .sloc = bs->schema->loc,
	                        .pointer = bs->schema->pointer,
	                        .symbol = bs->rec->display,
	                        .schema = bs->name,
	                        .fixit = fixit,
	                        .fixit_label = "add annotation",
	                        .fix = diff_fix_schema(bs->rec, bs->name),
	                        .sup = {NULL, &bs->rec->annots}};
	diff_emit(d, &in,
	          "'%s' is bound to no schema by its name, but its members%s are those of '%s' "
	          "(%u of %u); checked against it",
	          bs->rec->display, bs->keys ? " and the keys its code uses" : "", bs->name,
	          bs->fit.held, bs->fit.items);
	free(fixit);
}

static bool told_evidence(struct diff_ctx *d, const struct bind_schema *bs)
{
	if (!bs->named) {
		told_inferred(d, bs);
		return true;
	}
	const struct spec_schema *was = bs->named, *is = bs->schema;
	bool in_scope = spec_in_scope(d->spec, is);
	bool namesake = was->name && is->name && !strcmp(was->name, is->name);
	char *fixit = in_scope ? xasprintf("@schema %s", bs->name) : NULL;
	struct finding_in in = {.rule = "binding-mismatch",
	                        .level = LEVEL_WARNING,
	                        .cloc = bs->rec->loc,
	                        .sloc = is->loc,
	                        .pointer = is->pointer,
	                        .symbol = bs->rec->display,
	                        .schema = in_scope ? bs->name : spec_label(was),
	                        .fixit = fixit,
	                        .fixit_label = "add annotation",
	                        .fix = in_scope ? diff_fix_schema(bs->rec, bs->name) : NULL,
	                        .sup = {NULL, &bs->rec->annots}};
	diff_emit(d, &in,
	          "'%s' is bound by name to '%s', but its members%s are those of '%s' (%u of %u "
	          "against %u of %u)%s; %s",
	          bs->rec->display, namesake ? bind_doc_label(d->spec, was) : spec_label(was),
	          bs->keys ? " and the keys its code uses" : "", bs->name, bs->fit.held,
	          bs->fit.items, bs->named_fit.held, bs->named_fit.items,
	          namesake ? ": two documents define the name, and this struct holds the other's"
	                   : "",
	          in_scope ? "checked against it"
	                   : "not checked, as no --spec document defines it");
	free(fixit);
	return in_scope;
}

static void check_bindings(struct diff_ctx *d)
{
	find_member_style(d);
	/* the list grows while checking: structs met through a member's $ref */
	for (size_t i = 0; i < d->b.n; i++) {
		const struct bind_schema bs = d->b.v[i];
		if (!schema_selected(d, bs.name))
			continue; /* --schema left it out: no findings, no coverage */
		if (bs.how == BIND_EVIDENCE && !told_evidence(d, &bs))
			continue;
		if (bs.rec) {
			if (diff_first_visit(d, bs.rec, bs.schema))
				diff_check_record(d, bs.schema, bs.name, bs.rec, true);
		} else if (bs.enm && diff_first_visit(d, bs.enm, bs.schema)) {
			struct suppress sup = {&bs.enm->annots, NULL};
			diff_check_enum(d, spec_deref(bs.schema), bs.name, bs.schema->pointer,
			                bs.enm, sup);
		}
	}
}

static int cmp_row(const void *a, const void *b)
{
	const struct coverage_row *x = a, *y = b;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* Does rec have exactly the members of schema c, each found by a member
 * rule (MappedModel_t for another_model, renamed by modelNameMappings)? */
static bool same_members(const struct diff_ctx *d, const struct spec_schema *c,
                         const struct hdr_record *rec)
{
	struct member_binding mb;
	bind_members(&mb, c, rec, d->rs);
	bool same = mb.n_pairs > 0;
	for (size_t i = 0; i < mb.n_pairs && same; i++)
		same = mb.pairs[i].member && !mb.pairs[i].folded;
	for (size_t i = 0; i < mb.n_members && same; i++)
		same = mb.roles[i] != MR_NONE;
	bind_members_free(&mb);
	return same;
}

/* The structs bound to no schema, in scope and defined: candidates for the
 * schema-names hint. */
static const struct hdr_record **unbound_records(const struct diff_ctx *d, size_t *n)
{
	const struct hdr_record **v = xcalloc(d->h->n_records + 1, sizeof *v);
	*n = 0;
	for (size_t i = 0; i < d->h->n_records; i++) {
		const struct hdr_record *r = d->h->records[i];
		if (r->in_scope && r->complete && !r->anonymous && !r->is_union && r->n_members)
			v[(*n)++] = r;
	}
	for (size_t i = 0; i < d->b.n; i++)
		for (size_t j = 0; j < *n; j++)
			if (v[j] == d->b.v[i].rec)
				v[j--] = v[--*n];
	return v;
}

/* The one candidate whose members are exactly those of c, or NULL. */
static const struct hdr_record *unbound_twin(const struct diff_ctx *d, const struct spec_schema *c,
                                             const struct hdr_record **cands, size_t n)
{
	const struct hdr_record *found = NULL;
	for (size_t i = 0; i < n; i++) {
		if (cands[i]->n_members < c->n_props || !same_members(d, c, cands[i]))
			continue;
		if (found)
			return NULL;
		found = cands[i];
	}
	return found;
}

/* The coverage of the document doc (NULL: the first), one per --spec. */
static struct doc_coverage *doc_named(struct result *res, const char *doc)
{
	for (size_t i = 0; doc && i < res->n_docs; i++)
		if (res->docs[i].doc == doc)
			return &res->docs[i];
	return &res->docs[0];
}

static struct doc_coverage *doc_row(struct diff_ctx *d, const struct spec_schema *sc)
{
	return doc_named(d->res, spec_doc_of(sc));
}

/* Is c the schema a struct bound by evidence was named for? */
static bool displaced(const struct diff_ctx *d, const struct spec_schema *c)
{
	for (size_t i = 0; i < d->b.n; i++)
		if (d->b.v[i].how == BIND_EVIDENCE && d->b.v[i].named &&
		    spec_deref(d->b.v[i].named) == c && !bind_is_bound(&d->b, c))
			return true;
	return false;
}

/* For a schema no struct or enum stands for: the binding of a namesake
 * of another document to the struct or enum named for them both (one
 * file holds one document's model of the name, the other's was written
 * over it), or NULL. */
static const struct bind_schema *namesake_holder(const struct diff_ctx *d,
                                                 const struct spec_schema *sc)
{
	for (size_t i = 0; sc->label && i < d->b.n; i++) {
		const struct bind_schema *bs = &d->b.v[i];
		const struct spec_schema *o = spec_deref(bs->schema);
		if (bs->how != BIND_NAME || !o->name || strcmp(o->name, sc->name) ||
		    o == spec_deref(sc))
			continue;
		if (bs->rec && bind_names_record(bs->rec, sc->name, d->rs))
			return bs;
		if (bs->enm &&
		    (bind_names_match(bs->enm->tdname, sc->name, &d->rs->enum_names, d->rs) ||
		     bind_names_match(bs->enm->tag, sc->name, &d->rs->enum_names, d->rs)))
			return bs;
	}
	return NULL;
}

/* schema-unbound for sc, saying what the C side has instead. */
static void tell_unbound(struct diff_ctx *d, const struct spec_schema *sc,
                         const struct hdr_record **cands, size_t n_cands)
{
	const struct spec_schema *c = spec_deref(sc);
	struct finding_in in = {.rule = "schema-unbound",
	                        .level = LEVEL_INFO,
	                        .sloc = sc->loc,
	                        .pointer = sc->pointer,
	                        .schema = spec_label(sc)};
	char *what = c->n_props ? xasprintf("struct (%zu %s unmatched)", c->n_props,
	                                    c->n_props == 1 ? "property" : "properties")
	                        : xstrdup(c->n_enums ? "enum" : "struct");
	const struct bind_schema *holder = namesake_holder(d, sc);
	const struct hdr_record *twin =
	        !holder && c->n_props ? unbound_twin(d, c, cands, n_cands) : NULL;
	if (holder)
		diff_emit(d, &in,
		          "schema '%s' has no C %s; '%s', named for it, holds its namesake '%s' "
		          "(the models of two documents were written to one file)",
		          spec_label(sc), what,
		          holder->rec ? holder->rec->display : holder->enm->display, holder->name);
	else if (twin)
		diff_emit(d, &in,
		          "schema '%s' has no C %s; '%s' has its members: bind it with @schema or "
		          "a rules file's schema-names",
		          spec_label(sc), what, twin->display);
	else
		diff_emit(d, &in, "schema '%s' has no C %s", spec_label(sc), what);
	free(what);
}

static void unbound_pass(struct diff_ctx *d)
{
	const struct hdr_record **cands = NULL;
	size_t n_cands = 0;
	for (size_t i = 0; i < d->spec->n_schemas; i++) {
		const struct spec_schema *sc = d->spec->schemas[i];
		if (!schema_selected(d, sc->name) || !bindable(d, sc))
			continue;
		struct doc_coverage *dc = doc_row(d, sc);
		d->res->schemas_total++;
		dc->schemas_total++;
		struct coverage_row *row = diff_row(d, spec_label(sc));
		const struct spec_schema *c = spec_deref(sc);
		if (bind_is_bound(&d->b, sc)) {
			d->res->schemas_bound++;
			dc->schemas_bound++;
			if (!row) {
				/* an enum binding: its values stand for its properties */
				row = diff_new_row(d, spec_label(sc));
				for (size_t j = 0; j < d->b.n; j++)
					if (spec_deref(d->b.v[j].schema) == c && d->b.v[j].enm)
						row->c_name = xstrdup(d->b.v[j].enm->display);
			}
		} else {
			if (c->n_props && !cands)
				cands = unbound_records(d, &n_cands);
			if (!displaced(d, c)) /* else told by binding-mismatch */
				tell_unbound(d, sc, cands, n_cands);
			if (!row) {
				row = diff_new_row(d, spec_label(sc));
				row->total = (unsigned)c->n_props;
			}
		}
	}
	free(cands);
	for (size_t i = 0; i < d->spec->n_schemas; i++) {
		struct coverage_row *row = diff_row(d, spec_label(d->spec->schemas[i]));
		if (row) {
			row->order = i;
			row->doc = spec_doc_of(d->spec->schemas[i]);
		}
	}
	if (d->res->n_rows)
		qsort(d->res->rows, d->res->n_rows, sizeof *d->res->rows, cmp_row);
	for (size_t i = 0; i < d->res->n_rows; i++) /* their new places */
		strmap_put(&d->em.rows, d->res->rows[i].schema, (void *)(uintptr_t)(i + 1));
	/* property coverage over selected bindable schemas */
	for (size_t i = 0; i < d->res->n_rows; i++) {
		const struct coverage_row *row = &d->res->rows[i];
		struct doc_coverage *dc = doc_named(d->res, row->doc);
		d->res->props_total += row->total;
		d->res->props_matched += row->matched;
		dc->props_total += row->total;
		dc->props_matched += row->matched;
	}
}

/* The first rule id of an @nocheck list that names no rule, or NULL; a
 * typo there must not pass as an unused suppression. */
static char *unknown_rule(const char *list)
{
	for (const char *p = list; *p;) {
		size_t len = strcspn(p, ",");
		char *id = xstrndup(p, len);
		if (strcmp(id, "all") && !rule_find(id))
			return id;
		free(id);
		p += len + (p[len] == ',');
	}
	return NULL;
}

static void nocheck_unused(struct diff_ctx *d, const struct annot_set *set, const char *file,
                           const char *symbol)
{
	for (size_t i = 0; i < set->n; i++) {
		const struct annot *a = &set->v[i];
		if (a->tag != AT_NOCHECK)
			continue;
		struct finding_in in = {.rule = "nocheck-unused",
		                        .level = LEVEL_WARNING,
		                        .cloc = {file, a->line, a->col},
		                        .symbol = symbol};
		char *bad = unknown_rule(a->arg);
		if (bad) {
			in.rule = "annotation-invalid";
			in.level = LEVEL_ERROR;
			diff_emit(d, &in, "@nocheck names no rule '%s' (see --list-rules)", bad);
			free(bad);
		} else if (!a->used) {
			diff_emit(d, &in, "@nocheck %s suppressed nothing here", a->arg);
		}
	}
}

/* A struct or enum bound to a schema that --schema left out was not
 * checked, so its @nocheck had nothing to suppress. */
static bool unchecked(const struct diff_ctx *d, const struct bind_schema *bs)
{
	return bs && !schema_selected(d, bs->name);
}

static void nocheck_pass(struct diff_ctx *d)
{
	const struct hdr_set *h = d->h;
	for (size_t i = 0; i < h->n_records; i++) {
		const struct hdr_record *r = h->records[i];
		if (!r->in_scope || unchecked(d, bind_of_record(&d->b, r)))
			continue;
		nocheck_unused(d, &r->annots, r->loc.file, r->display);
		for (size_t j = 0; j < r->n_members; j++) {
			/* "struct x.id", as the member's other findings: a stable fingerprint */
			char *sym = join(r->display, r->members[j].name);
			nocheck_unused(d, &r->members[j].annots, r->members[j].loc.file, sym);
			free(sym);
		}
	}
	for (size_t i = 0; i < h->n_enums; i++) {
		const struct hdr_enum *e = h->enums[i];
		if (!e->in_scope || unchecked(d, bind_of_enum(&d->b, e)))
			continue;
		nocheck_unused(d, &e->annots, e->loc.file, e->display);
		for (size_t j = 0; j < e->n_items; j++)
			nocheck_unused(d, &e->items[j].annots, e->items[j].loc.file,
			               e->items[j].name);
	}
}

static const struct hdr_set empty_headers;

/* The context of a stage of the diff over what diff_run left. */
static void context_of(struct diff_ctx *d, const struct checked *c)
{
	*d = (struct diff_ctx){.spec = c->spec,
	                       .h = c->h,
	                       .rs = c->rs,
	                       .opt = c->opt,
	                       .res = c->res,
	                       .member_style = -1};
	sink_init(&d->em, c->res, c->spec, c->rs, c->opt->strict_json_names);
}

void diff_run(struct checked *out, struct result *res, struct spec *spec, const struct hdr_set *h,
              const struct ruleset *rs, const struct diff_options *opt)
{
	memset(res, 0, sizeof *res);
	*out = (struct checked){spec, h ? h : &empty_headers, rs, opt, res, {0}};
	struct diff_ctx d;
	context_of(&d, out);
	res->n_docs = spec->n_docs ? spec->n_docs : 1;
	res->docs = xcalloc(res->n_docs, sizeof *res->docs);
	for (size_t i = 0; i < spec->n_docs; i++)
		res->docs[i].doc = spec->docs[i];
	spec_issue_pass(&d);
	if (opt->bindings)
		bind_copy(&d.b, opt->bindings); /* grows while checking */
	else
		bind_schemas(&d.b, spec, d.h, rs, NULL);
	annotation_pass(&d);
	unknown_pass(&d);
	check_bindings(&d);
	unbound_pass(&d);
	diff_hdr_errors(&d);
	if (!d.b.n && h)
		res->hint = bind_suggest(spec, h);
	for (size_t i = 0; i < d.seen.cap; i++)
		if (d.seen.slots[i].key)
			free((char *)d.seen.slots[i].key);
	strmap_free(&d.seen);
	sink_free(&d.em);
	out->b = d.b;
}

void diff_finish(struct checked *c)
{
	struct diff_ctx d;
	context_of(&d, c);
	d.b = c->b;
	nocheck_pass(&d);
	result_sort(c->res);
	sink_free(&d.em);
	bind_free(&c->b);
}

void diff_all(struct result *res, struct spec *spec, const struct hdr_set *h,
              const struct ruleset *rs, const struct diff_options *opt)
{
	struct checked c;
	diff_run(&c, res, spec, h, rs, opt);
	diff_finish(&c);
}
