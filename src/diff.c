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

static void fingerprint(struct finding *f)
{
	uint64_t h = 1469598103934665603u;
	const char *parts[3] = {f->rule, f->pointer ? f->pointer : "", f->symbol ? f->symbol : ""};
	for (int i = 0; i < 3; i++) {
		for (const char *p = parts[i]; *p; p++)
			h = (h ^ (unsigned char)*p) * 1099511628211u;
		h = (h ^ 0xff) * 1099511628211u;
	}
	snprintf(f->fingerprint, sizeof f->fingerprint, "%016llx", (unsigned long long)h);
}

static bool suppressed_by(const struct annot_set *set, const char *rule)
{
	if (!set)
		return false;
	bool hit = false;
	for (size_t i = 0; i < set->n; i++) {
		struct annot *a = &set->v[i];
		if (a->tag != AT_NOCHECK || !a->arg)
			continue;
		const char *p = a->arg;
		size_t n = strlen(rule);
		while (*p) {
			const char *e = strchr(p, ',');
			size_t len = e ? (size_t)(e - p) : strlen(p);
			if ((len == n && !strncmp(p, rule, n)) ||
			    (len == 3 && !strncmp(p, "all", 3))) {
				a->used = true; /* the sets are the diff's to mark */
				hit = true;
			}
			p += len + (e ? 1 : 0);
		}
	}
	return hit;
}

static enum level decide_level(const struct diff_ctx *d, const char *rule, enum level dflt)
{
	int i = rule_index(rule);
	if (i >= 0 && d->rs->severity[i] >= 0)
		return (enum level)d->rs->severity[i];
	if (!strcmp(rule, "name-style") && d->opt->strict_json_names)
		return LEVEL_ERROR;
	return dflt;
}

void diff_emit(struct diff_ctx *d, const struct finding_in *in, const char *fmt, ...)
{
	enum level level = decide_level(d, in->rule, in->level);
	if (level == LEVEL_OFF)
		return;
	/* both sets are checked so that each @nocheck that applies is marked used */
	bool by_member = suppressed_by(in->sup.member, in->rule);
	bool by_record = suppressed_by(in->sup.record, in->rule);
	if (by_member || by_record)
		return;
	struct finding *f = VEC_PUSH(d->res->findings, d->res->n, d->res->cap);
	memset(f, 0, sizeof *f);
	va_list ap;
	va_start(ap, fmt);
	f->message = xvasprintf(fmt, ap);
	va_end(ap);
	f->rule = in->rule;
	f->level = level;
	f->cloc = in->cloc;
	f->sloc = in->sloc;
	f->pointer = in->pointer ? xasprintf("#%s", in->pointer) : NULL;
	f->symbol = in->symbol ? xstrdup(in->symbol) : NULL;
	f->schema = in->schema ? xstrdup(in->schema) : NULL;
	f->note = in->note ? xstrdup(in->note) : NULL;
	f->fixit = in->fixit ? xstrdup(in->fixit) : NULL;
	fingerprint(f);
	d->res->count[level]++;
}

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
static bool bindable(const struct spec_schema *sc)
{
	const struct spec_schema *c = spec_deref(sc);
	if (c->n_enums)
		return true;
	if (c->n_props || c->n_one_of || c->n_any_of || c->n_all_of)
		return true;
	return (c->types & SPEC_OBJECT) != 0;
}

static void problems_of(struct diff_ctx *d, const struct annot_set *set, const char *file,
                        const char *symbol)
{
	for (size_t i = 0; i < set->n_probs; i++) {
		const struct annot_problem *p = &set->probs[i];
		struct finding_in in = {.rule = p->rule, .level = LEVEL_ERROR, .symbol = symbol};
		in.cloc = (struct loc){file, p->line, p->col};
		diff_emit(d, &in, "%s", p->message);
	}
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
		bool found = false;
		for (size_t j = 0; j < r->n_members && !found; j++)
			found = !strcmp(r->members[j].name, a->arg) && &r->members[j] != m;
		if (found)
			continue;
		struct finding_in in = {.rule = "annotation-invalid",
		                        .level = LEVEL_ERROR,
		                        .cloc = {m->loc.file, a->line, a->col},
		                        .symbol = symbol};
		diff_emit(d, &in, "@%s '%s' names no member of '%s'", annot_tag_name(a->tag),
		          a->arg, r->display);
	}
}

static void record_annotations(struct diff_ctx *d, const struct hdr_record *r)
{
	const unsigned on_record = TAGS(AT_SCHEMA, AT_IGNORE, AT_NOCHECK);
	const unsigned on_member = TAGS(AT_JSON, AT_IGNORE, AT_FORMAT, AT_TYPE, AT_COUNT,
	                                AT_PRESENT, AT_OPTIONAL, AT_EXAMPLE, AT_NOCHECK);
	problems_of(d, &r->annots, r->loc.file, r->display);
	misplaced(d, &r->annots, r->loc.file, r->display, on_record, "a struct or union");
	for (size_t j = 0; j < r->n_members; j++) {
		const struct hdr_member *m = &r->members[j];
		char *sym = join(r->display, m->name);
		problems_of(d, &m->annots, m->loc.file, sym);
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
		problems_of(d, &e->annots, e->loc.file, e->display);
		misplaced(d, &e->annots, e->loc.file, e->display,
		          TAGS(AT_SCHEMA, AT_IGNORE, AT_NOCHECK), "an enum");
		for (size_t j = 0; j < e->n_items; j++) {
			const struct hdr_enumerator *it = &e->items[j];
			problems_of(d, &it->annots, it->loc.file, it->name);
			misplaced(d, &it->annots, it->loc.file, it->name,
			          TAGS(AT_VALUE, AT_IGNORE, AT_NOCHECK), "an enumerator");
		}
	}
	for (size_t i = 0; i < h->n_typedefs; i++) {
		const struct hdr_typedef *td = h->typedefs[i];
		if (!td->in_scope)
			continue;
		problems_of(d, &td->annots, td->loc.file, td->name);
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

static struct coverage_row *row_for(struct result *res, const char *schema)
{
	for (size_t i = 0; i < res->n_rows; i++)
		if (!strcmp(res->rows[i].schema, schema))
			return &res->rows[i];
	return NULL;
}

static void check_bindings(struct diff_ctx *d)
{
	/* the list grows while checking: structs met through a member's $ref */
	for (size_t i = 0; i < d->b.n; i++) {
		const struct bind_schema bs = d->b.v[i];
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

static void unbound_pass(struct diff_ctx *d)
{
	for (size_t i = 0; i < d->spec->n_schemas; i++) {
		const struct spec_schema *sc = d->spec->schemas[i];
		if (!schema_selected(d, sc->name) || !bindable(sc))
			continue;
		d->res->schemas_total++;
		struct coverage_row *row = row_for(d->res, sc->name);
		const struct spec_schema *c = spec_deref(sc);
		if (bind_is_bound(&d->b, sc)) {
			d->res->schemas_bound++;
			if (!row) {
				/* an enum binding: its values stand for its properties */
				row = VEC_PUSH(d->res->rows, d->res->n_rows, d->res->rows_cap);
				memset(row, 0, sizeof *row);
				row->schema = xstrdup(sc->name);
				for (size_t j = 0; j < d->b.n; j++)
					if (spec_deref(d->b.v[j].schema) == c && d->b.v[j].enm)
						row->c_name = xstrdup(d->b.v[j].enm->display);
			}
		} else {
			struct finding_in in = {.rule = "schema-unbound",
			                        .level = LEVEL_INFO,
			                        .sloc = sc->loc,
			                        .pointer = sc->pointer,
			                        .schema = sc->name};
			if (c->n_props)
				diff_emit(d, &in, "schema '%s' has no C struct (%zu %s unmatched)",
				          sc->name, c->n_props,
				          c->n_props == 1 ? "property" : "properties");
			else
				diff_emit(d, &in, "schema '%s' has no C %s", sc->name,
				          c->n_enums ? "enum" : "struct");
			if (!row) {
				row = VEC_PUSH(d->res->rows, d->res->n_rows, d->res->rows_cap);
				memset(row, 0, sizeof *row);
				row->schema = xstrdup(sc->name);
				row->total = (unsigned)c->n_props;
			}
		}
	}
	for (size_t i = 0; i < d->spec->n_schemas; i++) {
		struct coverage_row *row = row_for(d->res, d->spec->schemas[i]->name);
		if (row)
			row->order = i;
	}
	if (d->res->n_rows)
		qsort(d->res->rows, d->res->n_rows, sizeof *d->res->rows, cmp_row);
	/* property coverage over selected bindable schemas */
	for (size_t i = 0; i < d->res->n_rows; i++) {
		d->res->props_total += d->res->rows[i].total;
		d->res->props_matched += d->res->rows[i].matched;
	}
}

static void nocheck_unused(struct diff_ctx *d, const struct annot_set *set, const char *file,
                           const char *symbol)
{
	for (size_t i = 0; i < set->n; i++) {
		const struct annot *a = &set->v[i];
		if (a->tag != AT_NOCHECK || a->used)
			continue;
		struct finding_in in = {.rule = "nocheck-unused",
		                        .level = LEVEL_WARNING,
		                        .cloc = {file, a->line, a->col},
		                        .symbol = symbol};
		diff_emit(d, &in, "@nocheck %s suppressed nothing here", a->arg);
	}
}

static void nocheck_pass(struct diff_ctx *d)
{
	const struct hdr_set *h = d->h;
	for (size_t i = 0; i < h->n_records; i++) {
		const struct hdr_record *r = h->records[i];
		if (!r->in_scope)
			continue;
		nocheck_unused(d, &r->annots, r->loc.file, r->display);
		for (size_t j = 0; j < r->n_members; j++)
			nocheck_unused(d, &r->members[j].annots, r->members[j].loc.file,
			               r->members[j].name);
	}
	for (size_t i = 0; i < h->n_enums; i++)
		if (h->enums[i]->in_scope)
			nocheck_unused(d, &h->enums[i]->annots, h->enums[i]->loc.file,
			               h->enums[i]->display);
}

static int cmp_str0(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

static const struct loc *primary(const struct finding *f)
{
	return f->cloc.file ? &f->cloc : &f->sloc;
}

static int cmp_finding(const void *pa, const void *pb)
{
	const struct finding *a = pa, *b = pb;
	const struct loc *la = primary(a), *lb = primary(b);
	int c = cmp_str0(la->file, lb->file);
	if (c)
		return c;
	if (la->line != lb->line)
		return la->line < lb->line ? -1 : 1;
	if (la->col != lb->col)
		return la->col < lb->col ? -1 : 1;
	if ((c = strcmp(a->rule, b->rule)))
		return c;
	return cmp_str0(a->message, b->message);
}

void result_sort(struct result *res)
{
	if (res->n)
		qsort(res->findings, res->n, sizeof *res->findings, cmp_finding);
}

void diff_run(struct result *res, struct spec *spec, const struct hdr_set *h,
              const struct ruleset *rs, const struct diff_options *opt)
{
	memset(res, 0, sizeof *res);
	static const struct hdr_set empty;
	struct diff_ctx d = {.spec = spec, .h = h ? h : &empty, .rs = rs, .opt = opt, .res = res};
	spec_issue_pass(&d);
	bind_schemas(&d.b, spec, d.h, rs);
	annotation_pass(&d);
	unknown_pass(&d);
	check_bindings(&d);
	unbound_pass(&d);
	nocheck_pass(&d);
	result_sort(res);
	for (size_t i = 0; i < d.seen.cap; i++)
		if (d.seen.slots[i].key)
			free((char *)d.seen.slots[i].key);
	strmap_free(&d.seen);
	bind_free(&d.b);
}

void finding_free(struct finding *f)
{
	free(f->message);
	free(f->pointer);
	free(f->symbol);
	free(f->schema);
	free(f->note);
	free(f->fixit);
}

void result_free(struct result *res)
{
	if (!res)
		return;
	for (size_t i = 0; i < res->n; i++)
		finding_free(&res->findings[i]);
	free(res->findings);
	for (size_t i = 0; i < res->n_rows; i++) {
		free(res->rows[i].schema);
		free(res->rows[i].c_name);
	}
	free(res->rows);
	memset(res, 0, sizeof *res);
}

double result_prop_coverage(const struct result *res)
{
	if (!res->props_total)
		return 100.0;
	return 100.0 * res->props_matched / res->props_total;
}
