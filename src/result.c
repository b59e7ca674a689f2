/*
 * result.c - the result the stages build: findings added under the rules
 * (level, @nocheck, fingerprint), coverage rows by schema, the final
 * order, and freeing it all.
 */
#include "config.h"

#include "result.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sink_init(struct result_sink *em, struct result *res, const struct spec *spec,
               const struct ruleset *rs, bool strict_json_names)
{
	*em = (struct result_sink){
	        .res = res, .rs = rs, .spec = spec, .strict_json_names = strict_json_names};
	sink_reindex(em);
}

void sink_reindex(struct result_sink *em)
{
	for (size_t i = 0; i < em->res->n_rows; i++)
		strmap_put(&em->rows, em->res->rows[i].schema, (void *)(uintptr_t)(i + 1));
}

void result_unmatched(struct result *res, struct loc at, const char *fmt, ...)
{
	struct unmatched *u = VEC_PUSH(res->unmatched, res->n_unmatched, res->unmatched_cap);
	va_list ap;
	va_start(ap, fmt);
	u->message = xvasprintf(fmt, ap);
	va_end(ap);
	u->at = at;
}

static int cmp_unmatched(const void *pa, const void *pb)
{
	const struct unmatched *a = pa, *b = pb;
	int c = strcmp(a->at.file ? a->at.file : "", b->at.file ? b->at.file : "");
	if (c)
		return c;
	if (a->at.line != b->at.line)
		return a->at.line < b->at.line ? -1 : 1;
	if (a->at.col != b->at.col)
		return a->at.col < b->at.col ? -1 : 1;
	return strcmp(a->message, b->message);
}

void sink_free(struct result_sink *em)
{
	strmap_free(&em->rows);
}

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

static enum level decide_level(const struct result_sink *em, const char *rule, enum level dflt)
{
	int i = rule_index(rule);
	if (i >= 0 && em->rs->severity[i] >= 0)
		return (enum level)em->rs->severity[i];
	if (!strcmp(rule, "name-style") && em->strict_json_names)
		return LEVEL_ERROR;
	return dflt;
}

/* "#/components/schemas/Pet"; with several documents (--spec) the same
 * pointer can be in two of them, so it names its file:
 * "TS29503_Nudm_SDM.yaml#/components/schemas/AmfInfo". */
static char *pointer_of(const struct result_sink *em, const struct finding_in *in)
{
	if (em->spec->n_docs < 2 || !in->sloc.file)
		return xasprintf("#%s", in->pointer);
	const char *slash = strrchr(in->sloc.file, '/');
	return xasprintf("%s#%s", slash ? slash + 1 : in->sloc.file, in->pointer);
}

void result_emit(struct result_sink *em, const struct finding_in *in, const char *fmt, ...)
{
	enum level level = decide_level(em, in->rule, in->level);
	if (level == LEVEL_OFF) {
		fix_free(in->fix);
		return;
	}
	/* both sets are checked so that each @nocheck that applies is marked used */
	bool by_member = suppressed_by(in->sup.member, in->rule);
	bool by_record = suppressed_by(in->sup.record, in->rule);
	if (by_member || by_record) {
		fix_free(in->fix);
		return;
	}
	struct finding *f = VEC_PUSH(em->res->findings, em->res->n, em->res->cap);
	memset(f, 0, sizeof *f);
	va_list ap;
	va_start(ap, fmt);
	f->message = xvasprintf(fmt, ap);
	va_end(ap);
	f->rule = in->rule;
	f->level = level;
	f->cloc = in->cloc;
	f->sloc = in->sloc;
	f->pointer = in->pointer ? pointer_of(em, in) : NULL;
	f->symbol = in->symbol ? xstrdup(in->symbol) : NULL;
	f->schema = in->schema ? xstrdup(in->schema) : NULL;
	f->note = in->note ? xstrdup(in->note) : NULL;
	f->fixit = in->fixit ? xstrdup(in->fixit) : NULL;
	f->fix = in->fix;
	f->fixit_label = in->fixit ? (in->fixit_label ? in->fixit_label : "add member") : NULL;
	fingerprint(f);
	em->res->count[level]++;
}

struct coverage_row *result_row(struct result_sink *em, const char *schema)
{
	size_t i = (size_t)(uintptr_t)strmap_get(&em->rows, schema);
	return i ? &em->res->rows[i - 1] : NULL;
}

struct coverage_row *result_new_row(struct result_sink *em, const char *schema)
{
	struct result *res = em->res;
	struct coverage_row *row = VEC_PUSH(res->rows, res->n_rows, res->rows_cap);
	memset(row, 0, sizeof *row);
	row->schema = xstrdup(schema);
	strmap_put(&em->rows, row->schema, (void *)(uintptr_t)res->n_rows);
	return row;
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
	if (res->n_unmatched)
		qsort(res->unmatched, res->n_unmatched, sizeof *res->unmatched, cmp_unmatched);
}

void finding_free(struct finding *f)
{
	free(f->message);
	free(f->pointer);
	free(f->symbol);
	free(f->schema);
	free(f->note);
	free(f->fixit);
	fix_free(f->fix);
}

void result_free(struct result *res)
{
	if (!res)
		return;
	for (size_t i = 0; i < res->n; i++)
		finding_free(&res->findings[i]);
	free(res->findings);
	for (size_t i = 0; i < res->n_unmatched; i++)
		free(res->unmatched[i].message);
	free(res->unmatched);
	for (size_t i = 0; i < res->n_rows; i++) {
		free(res->rows[i].schema);
		free(res->rows[i].c_name);
	}
	free(res->rows);
	free(res->docs);
	free(res->hint);
	memset(res, 0, sizeof *res);
}

double result_prop_coverage(const struct result *res)
{
	if (!res->props_total)
		return 100.0;
	return 100.0 * res->props_matched / res->props_total;
}

void fix_free(struct fix *fx)
{
	if (!fx)
		return;
	for (size_t i = 0; i < fx->n_edits; i++)
		free(fx->edits[i].text);
	free(fx->from);
	free(fx->to);
	free(fx);
}

const char *fix_kind_name(enum fix_kind kind)
{
	static const char *const names[] = {"add-member", "change-type", "add-json", "rename",
	                                    "add-schema"};
	return names[kind];
}

char *fix_describe(const struct fix *fx)
{
	switch (fx->kind) {
	case FIX_ADD_MEMBER:
		return xasprintf("add member: %s", fx->to);
	case FIX_CHANGE_TYPE:
		return xasprintf("change type: '%s' to '%s'", fx->from, fx->to);
	case FIX_ADD_JSON:
		return xasprintf("add annotation: @json %s", fx->to);
	case FIX_RENAME:
		return xasprintf("rename member: '%s' to '%s'", fx->from, fx->to);
	case FIX_ADD_SCHEMA:
		return xasprintf("add annotation: @schema %s", fx->to);
	}
	return xstrdup("");
}
