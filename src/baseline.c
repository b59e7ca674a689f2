/*
 * baseline.c - reading and writing baseline files. The file is JSON,
 * written with jansson and read with libyaml (through ydoc, which keeps
 * line and column for each entry so a stale one can be pointed at):
 *
 *   {"version": 1, "tool": "oacheck", "findings": [
 *     {"fingerprint": "...", "rule": "...", "symbol": "...",
 *      "pointer": "...", "message": "..."}, ...]}
 *
 * Entries are sorted by fingerprint so the file diffs cleanly.
 */
#include "config.h"

#include "baseline.h"
#include "diag.h"
#include "util.h"
#include "ydoc.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

struct entry {
	const char *fingerprint;
	const char *rule;
	const char *symbol;
	struct loc loc;
	unsigned count; /* findings it may still absorb */
};

static const char *field(const struct ynode *e, const char *key)
{
	const struct ynode *v = ydoc_get(e, key);
	return v && v->kind == YN_SCALAR ? v->str : NULL;
}

static int read_entries(const struct ydoc *doc, struct entry **out, size_t *n_out)
{
	const struct ynode *list = ydoc_get(doc->root, "findings");
	if (!list || list->kind != YN_SEQ) {
		struct loc at =
		        doc->root ? ydoc_loc(doc, doc->root) : (struct loc){doc->file, 1, 1};
		diag_error(&at, "not an oacheck baseline: no \"findings\" list");
		return -1;
	}
	struct entry *v = xcalloc(list->len + 1, sizeof *v);
	size_t n = 0;
	for (size_t i = 0; i < list->len; i++) {
		const struct ynode *e = list->kids[i];
		const char *fp = field(e, "fingerprint");
		if (!fp) {
			struct loc at = ydoc_loc(doc, e);
			diag_error(&at, "baseline entry without a \"fingerprint\"");
			free(v);
			return -1;
		}
		v[n++] = (struct entry){fp, field(e, "rule"), field(e, "symbol"), ydoc_loc(doc, e),
		                        1};
	}
	*out = v;
	*n_out = n;
	return 0;
}

static struct entry *match(struct entry *v, size_t n, const struct finding *f)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].count && !strcmp(v[i].fingerprint, f->fingerprint))
			return &v[i];
	return NULL;
}

static void add_stale(struct result *res, const struct entry *e, enum level level)
{
	struct finding *f = VEC_PUSH(res->findings, res->n, res->cap);
	memset(f, 0, sizeof *f);
	f->rule = "baseline-stale";
	f->level = level;
	f->message = xasprintf("baseline entry for %s%s%s matches no finding any more "
	                       "(rewrite the baseline with --write-baseline)",
	                       e->rule ? e->rule : "a finding", e->symbol ? " on " : "",
	                       e->symbol ? e->symbol : "");
	f->cloc = e->loc;
	f->symbol = xstrdup(e->fingerprint);
	snprintf(f->fingerprint, sizeof f->fingerprint, "%.16s", e->fingerprint);
	res->count[level]++;
}

int baseline_apply(struct result *res, const char *path, const struct ruleset *rs)
{
	struct ydoc doc;
	if (ydoc_load_file(&doc, path, NULL))
		return -1;
	struct entry *v;
	size_t n;
	if (read_entries(&doc, &v, &n)) {
		ydoc_free(&doc);
		return -1;
	}
	size_t kept = 0;
	for (size_t i = 0; i < res->n; i++) {
		struct finding *f = &res->findings[i];
		struct entry *e = match(v, n, f);
		if (e) {
			e->count--;
			res->count[f->level]--;
			finding_free(f);
		} else {
			res->findings[kept++] = *f;
		}
	}
	res->n = kept;
	int r = rule_index("baseline-stale");
	enum level level =
	        r >= 0 && rs->severity[r] >= 0 ? (enum level)rs->severity[r] : LEVEL_INFO;
	for (size_t i = 0; i < n && level != LEVEL_OFF; i++)
		if (v[i].count)
			add_stale(res, &v[i], level);
	result_sort(res);
	free(v);
	ydoc_free(&doc);
	return 0;
}

static json_t *entry_json(const struct finding *f)
{
	json_t *e = json_object();
	json_object_set_new(e, "fingerprint", json_string(f->fingerprint));
	json_object_set_new(e, "rule", json_string(f->rule));
	if (f->symbol)
		json_object_set_new(e, "symbol", json_string(f->symbol));
	if (f->pointer)
		json_object_set_new(e, "pointer", json_string(f->pointer));
	json_object_set_new(e, "message", json_string(f->message));
	return e;
}

static int cmp_fp(const void *a, const void *b)
{
	const struct finding *x = *(const struct finding *const *)a;
	const struct finding *y = *(const struct finding *const *)b;
	int c = strcmp(x->fingerprint, y->fingerprint);
	return c ? c : strcmp(x->message, y->message);
}

static int dump(FILE *fp, void *ctx)
{
	return json_dumpf(ctx, fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER) || fputc('\n', fp) == EOF
	               ? -1
	               : 0;
}

int baseline_write(const struct result *res, const char *path)
{
	const struct finding **sorted = xcalloc(res->n + 1, sizeof *sorted);
	for (size_t i = 0; i < res->n; i++)
		sorted[i] = &res->findings[i];
	if (res->n)
		qsort(sorted, res->n, sizeof *sorted, cmp_fp);
	json_t *list = json_array();
	for (size_t i = 0; i < res->n; i++)
		if (strcmp(sorted[i]->rule, "baseline-stale"))
			json_array_append_new(list, entry_json(sorted[i]));
	free(sorted);
	json_t *root = json_object();
	json_object_set_new(root, "version", json_integer(1));
	json_object_set_new(root, "tool", json_string("oacheck"));
	json_object_set_new(root, "findings", list);
	int rc = util_write_atomic(path, dump, root);
	if (rc) {
		struct loc at = {loc_intern(path), 0, 0};
		diag_error(&at, "cannot write baseline: %s", strerror(errno));
	}
	json_decref(root);
	return rc;
}
