/*
 * report_json.c - the json format: one document for programs to read,
 * written with jansson. Its shape is versioned (REPORT_JSON_VERSION),
 * described by docs/oacheck-report.schema.json and in oacheck(1):
 *   {"version", "tool", "spec", "findings": [...], "coverage": {...},
 *    "counts": {"error", "warning", "info"}}
 * Every field of a finding is present; absent values are null.
 */
#include "config.h"

#include "report.h"

#include <jansson.h>
#include <stdlib.h>

/* A JSON string of s (made valid UTF-8), or null. */
static json_t *str(const char *s)
{
	if (!s)
		return json_null();
	char *u = report_utf8(s);
	json_t *j = json_string(u);
	free(u);
	return j;
}

static json_t *place(const struct loc *l)
{
	if (!l->file)
		return json_null();
	return json_pack("{s:o, s:o, s:o}", "file", str(report_path(l->file)), "line",
	                 l->line ? json_integer(l->line) : json_null(), "column",
	                 l->line && l->col ? json_integer(l->col) : json_null());
}

static json_t *fix(const struct finding *f)
{
	if (!f->fix)
		return json_null();
	json_t *edits = json_array();
	for (size_t i = 0; i < f->fix->n_edits; i++) {
		const struct fix_edit *e = &f->fix->edits[i];
		json_array_append_new(
		        edits,
		        json_pack("{s:o, s:I, s:I, s:I, s:I, s:I, s:I, s:o}", "file",
		                  str(report_path(e->file)), "line", (json_int_t)e->begin.line,
		                  "column", (json_int_t)e->begin.col, "end_line",
		                  (json_int_t)e->end.line, "end_column", (json_int_t)e->end.col,
		                  "offset", (json_int_t)e->begin.off, "length",
		                  (json_int_t)(e->end.off - e->begin.off), "text", str(e->text)));
	}
	char *what = fix_describe(f->fix);
	json_t *o = json_pack("{s:s, s:o, s:o}", "kind", fix_kind_name(f->fix->kind), "description",
	                      str(what), "edits", edits);
	free(what);
	return o;
}

static json_t *finding(const struct finding *f)
{
	json_t *o = json_object();
	json_object_set_new(o, "rule", str(f->rule));
	json_object_set_new(o, "level", str(level_name(f->level)));
	json_object_set_new(o, "message", str(f->message));
	json_object_set_new(o, "location", place(&f->cloc));
	json_object_set_new(o, "spec_location", place(&f->sloc));
	json_object_set_new(o, "pointer", str(f->pointer));
	json_object_set_new(o, "symbol", str(f->symbol));
	json_object_set_new(o, "schema", str(f->schema));
	json_object_set_new(o, "note", str(f->note));
	json_object_set_new(o, "fixit", str(f->fixit));
	json_object_set_new(o, "fix", fix(f));
	json_object_set_new(o, "fingerprint", str(f->fingerprint));
	return o;
}

static json_t *ratio(const char *done, unsigned a, unsigned b)
{
	return json_pack("{s:I, s:I, s:f}", done, (json_int_t)a, "total", (json_int_t)b, "percent",
	                 report_pct(a, b));
}

static json_t *doc_rows(const struct result *r)
{
	json_t *docs = json_array();
	for (size_t i = 0; i < r->n_docs; i++) {
		const struct doc_coverage *dc = &r->docs[i];
		json_t *o = json_pack("{s:o}", "document", str(dc->doc));
		json_object_set_new(o, "schemas",
		                    ratio("bound", dc->schemas_bound, dc->schemas_total));
		json_object_set_new(o, "properties",
		                    ratio("matched", dc->props_matched, dc->props_total));
		json_array_append_new(docs, o);
	}
	return docs;
}

json_t *report_json_coverage(const struct result *r)
{
	json_t *rows = json_array();
	for (size_t i = 0; i < r->n_rows; i++) {
		const struct coverage_row *row = &r->rows[i];
		json_t *o = json_pack("{s:o, s:o}", "schema", str(row->schema), "struct",
		                      str(row->c_name));
		if (r->n_docs > 1)
			json_object_set_new(o, "document",
			                    str(row->doc ? row->doc : r->docs[0].doc));
		json_object_update_new(o, ratio("matched", row->matched, row->total));
		if (r->wire)
			json_object_update_new(o, json_pack("{s:I, s:I}", "written",
			                                    (json_int_t)row->written, "read",
			                                    (json_int_t)row->read));
		json_array_append_new(rows, o);
	}
	json_t *cov = json_pack("{s:o, s:o, s:o, s:o}", "schemas",
	                        ratio("bound", r->schemas_bound, r->schemas_total), "properties",
	                        ratio("matched", r->props_matched, r->props_total), "members",
	                        ratio("matched", r->members_matched, r->members_total),
	                        "per_schema", rows);
	if (r->n_docs > 1) /* several --spec: each document's share */
		json_object_set_new(cov, "per_document", doc_rows(r));
	if (r->wire) /* the wire check: properties the sources write and read */
		json_object_set_new(cov, "wire",
		                    json_pack("{s:o, s:o}", "written",
		                              ratio("written", r->props_written, r->props_total),
		                              "read",
		                              ratio("read", r->props_read, r->props_total)));
	return cov;
}

static json_t *document(const struct report_input *in)
{
	const struct result *r = in->res;
	json_t *findings = json_array();
	for (size_t i = 0; i < r->n; i++)
		json_array_append_new(findings, finding(&r->findings[i]));
	json_t *doc = json_pack("{s:i, s:{s:s, s:s}, s:o, s:o, s:o, s:{s:I, s:I, s:I}}", "version",
	                        REPORT_JSON_VERSION, "tool", "name", PACKAGE_NAME, "version",
	                        PACKAGE_VERSION, "spec", str(report_path(in->spec_file)),
	                        "findings", findings, "coverage", report_json_coverage(r), "counts",
	                        "error", (json_int_t)r->count[LEVEL_ERROR], "warning",
	                        (json_int_t)r->count[LEVEL_WARNING], "info",
	                        (json_int_t)r->count[LEVEL_INFO]);
	if (r->n_unmatched) { /* keys of the code the spec cannot back */
		json_t *u = json_array();
		for (size_t i = 0; i < r->n_unmatched; i++)
			json_array_append_new(u,
			                      json_pack("{s:o, s:i, s:i, s:s}", "file",
			                                str(report_path(r->unmatched[i].at.file)),
			                                "line", (int)r->unmatched[i].at.line,
			                                "column", (int)r->unmatched[i].at.col,
			                                "message", r->unmatched[i].message));
		json_object_set_new(doc, "unmatched", u);
	}
	return doc;
}

static int write_json(FILE *fp, const struct report_input *in)
{
	json_t *doc = document(in);
	/* percentages carry one decimal; 10 digits print them exactly */
	int rc = json_dumpf(doc, fp, JSON_INDENT(2) | JSON_REAL_PRECISION(10));
	json_decref(doc);
	if (rc == 0)
		fputc('\n', fp);
	return rc || ferror(fp) ? -1 : 0;
}

const struct reporter report_json = {"json", write_json};
