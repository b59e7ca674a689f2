/*
 * report_sarif.c - SARIF 2.1.0 as GitHub code scanning reads it: one run
 * whose driver lists every rule (id, short description, help), and one
 * result per finding with its level, message, the C place as the physical
 * location, the spec place as a related location and the fingerprint in
 * partialFingerprints; a rule's help is its --explain text. URIs are relative references (the paths
 * as shown, relative to the current directory), so run oacheck from the repository root for GitHub
 * to place the alerts. Coverage and counts go in the run's property bag, the same numbers as the
 * json format.
 */
#include "config.h"

#include "diag.h"
#include "report.h"
#include "util.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"

static json_t *str(const char *s)
{
	char *u = report_utf8(s ? s : "");
	json_t *j = json_string(u);
	free(u);
	return j;
}

static json_t *text(const char *s)
{
	return json_pack("{s:o}", "text", str(s));
}

static const char *sarif_level(enum level l)
{
	return l == LEVEL_ERROR ? "error" : l == LEVEL_WARNING ? "warning" : "note";
}

/* A path as a URI reference: percent-encoded, file:// when absolute. */
static char *uri(const char *path)
{
	static const char keep[] = "-._~/!$&'()*+,;=@";
	struct sbuf sb = {0};
	if (path[0] == '/')
		sbuf_puts(&sb, "file://");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p < 0x80 &&
		     (('a' <= (*p | 0x20) && (*p | 0x20) <= 'z') || ('0' <= *p && *p <= '9'))) ||
		    (*p && strchr(keep, *p)))
			sbuf_putc(&sb, (char)*p);
		else
			sbuf_printf(&sb, "%%%02X", *p);
	}
	return sbuf_take(&sb);
}

static json_t *physical(const struct loc *l)
{
	const char *file = report_path(l->file);
	char *u = uri(file);
	json_t *art = json_pack("{s:s}", "uri", u);
	if (file[0] != '/')
		json_object_set_new(art, "uriBaseId", json_string("%SRCROOT%"));
	free(u);
	json_t *o = json_pack("{s:o}", "artifactLocation", art);
	if (l->line) {
		json_t *region = json_pack("{s:I}", "startLine", (json_int_t)l->line);
		if (l->col)
			json_object_set_new(region, "startColumn", json_integer(l->col));
		json_object_set_new(o, "region", region);
	}
	return o;
}

static json_t *related(const struct finding *f)
{
	char *msg = xasprintf("%s%s",
	                      f->note ? f->note : "defined here: ", f->pointer ? f->pointer : "");
	json_t *o = json_pack("{s:i, s:o, s:o}", "id", 1, "physicalLocation", physical(&f->sloc),
	                      "message", text(msg));
	free(msg);
	return json_pack("[o]", o);
}

/* The fix-it as a SARIF fix: one artifactChange per file, one
 * replacement per edit (an insertion deletes an empty region). */
static json_t *fixes(const struct finding *f)
{
	json_t *changes = json_array();
	const char *files[FIX_MAX_EDITS];
	size_t n_files = 0;
	for (size_t i = 0; i < f->fix->n_edits; i++) {
		const struct fix_edit *e = &f->fix->edits[i];
		json_t *region =
		        json_pack("{s:I, s:I, s:I, s:I}", "startLine", (json_int_t)e->begin.line,
		                  "startColumn", (json_int_t)e->begin.col, "endLine",
		                  (json_int_t)e->end.line, "endColumn", (json_int_t)e->end.col);
		json_t *rep = json_pack("{s:o, s:{s:o}}", "deletedRegion", region,
		                        "insertedContent", "text", str(e->text));
		size_t k = 0;
		while (k < n_files && strcmp(files[k], e->file))
			k++;
		if (k < n_files) {
			json_array_append_new(
			        json_object_get(json_array_get(changes, k), "replacements"), rep);
			continue;
		}
		files[n_files++] = e->file;
		struct loc at = {e->file, 0, 0};
		json_t *ph = physical(&at);
		json_array_append_new(changes, json_pack("{s:O, s:[o]}", "artifactLocation",
		                                         json_object_get(ph, "artifactLocation"),
		                                         "replacements", rep));
		json_decref(ph);
	}
	char *what = fix_describe(f->fix);
	json_t *o =
	        json_pack("[{s:o, s:o}]", "description", text(what), "artifactChanges", changes);
	free(what);
	return o;
}

static json_t *result(const struct finding *f)
{
	json_t *o = json_pack("{s:o, s:s, s:o}", "ruleId", str(f->rule), "level",
	                      sarif_level(f->level), "message", text(f->message));
	int idx = rule_index(f->rule);
	if (idx >= 0) /* rules outside the table are listed by id only */
		json_object_set_new(o, "ruleIndex", json_integer(idx));
	const struct loc *at = report_main_loc(f);
	if (at)
		json_object_set_new(o, "locations",
		                    json_pack("[{s:o}]", "physicalLocation", physical(at)));
	if (f->cloc.file && f->sloc.file)
		json_object_set_new(o, "relatedLocations", related(f));
	if (f->fix)
		json_object_set_new(o, "fixes", fixes(f));
	json_object_set_new(o, "partialFingerprints",
	                    json_pack("{s:s}", "oacheck/v1", f->fingerprint));
	const char *keys[] = {"pointer", "symbol", "schema", "fixit"};
	const char *vals[] = {f->pointer, f->symbol, f->schema, f->fixit};
	json_t *props = json_object();
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (vals[i])
			json_object_set_new(props, keys[i], str(vals[i]));
	json_object_set_new(o, "properties", props);
	return o;
}

/* The rule's long description with its example, as --explain prints it
 * from rules.yaml, or NULL when that cannot be read (the caller then
 * falls back on the summary). Caller frees. */
static char *explanation(const char *id)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	if (!mem)
		return NULL;
	diag_set_quiet(1);
	int rc = rules_explain(id, mem);
	diag_set_quiet(0);
	if (fclose(mem) != 0 || rc || !len) {
		free(buf);
		return NULL;
	}
	return buf;
}

static json_t *rule(const struct rule *r)
{
	const char *lvl =
	        r->level == LEVEL_DEPENDS ? "error or warning, by case" : level_name(r->level);
	char *full = xasprintf("%s (default level: %s).", r->summary, lvl);
	char *help = explanation(r->id);
	if (!help)
		help = xasprintf("%s Run 'oacheck --explain %s' for the full description with an "
		                 "example; oacheck(1) lists every rule.",
		                 full, r->id);
	enum level dl = r->level == LEVEL_DEPENDS ? LEVEL_ERROR : r->level;
	json_t *o = json_pack("{s:s, s:o, s:o, s:o, s:{s:s}}", "id", r->id, "shortDescription",
	                      text(r->summary), "fullDescription", text(full), "help", text(help),
	                      "defaultConfiguration", "level", sarif_level(dl));
	free(full);
	free(help);
	return o;
}

/* Every rule of the table, then any rule a finding names that the table
 * lacks, so that each result's ruleId is described. */
static json_t *driver(const struct result *res)
{
	json_t *rules = json_array();
	for (size_t i = 0; i < rule_count; i++)
		json_array_append_new(rules, rule(&rule_table[i]));
	for (size_t i = 0; i < res->n; i++) {
		const char *id = res->findings[i].rule;
		bool seen = rule_index(id) >= 0;
		for (size_t j = 0; j < i && !seen; j++)
			seen = !strcmp(res->findings[j].rule, id);
		if (!seen) {
			struct rule r = {id, res->findings[i].level, id};
			json_array_append_new(rules, rule(&r));
		}
	}
	return json_pack("{s:s, s:s, s:s, s:o}", "name", PACKAGE_NAME, "version", PACKAGE_VERSION,
	                 "semanticVersion", PACKAGE_VERSION, "rules", rules);
}

static json_t *document(const struct report_input *in)
{
	const struct result *r = in->res;
	json_t *results = json_array();
	for (size_t i = 0; i < r->n; i++)
		json_array_append_new(results, result(&r->findings[i]));
	json_t *props = json_pack(
	        "{s:o, s:o, s:{s:I, s:I, s:I}}", "spec", str(report_path(in->spec_file)),
	        "coverage", report_json_coverage(r), "counts", "error",
	        (json_int_t)r->count[LEVEL_ERROR], "warning", (json_int_t)r->count[LEVEL_WARNING],
	        "info", (json_int_t)r->count[LEVEL_INFO]);
	json_t *run = json_pack("{s:{s:o}, s:o, s:o}", "tool", "driver", driver(r), "results",
	                        results, "properties", props);
	return json_pack("{s:s, s:s, s:[o]}", "$schema", SARIF_SCHEMA, "version", "2.1.0", "runs",
	                 run);
}

static int write_sarif(FILE *fp, const struct report_input *in)
{
	json_t *doc = document(in);
	int rc = json_dumpf(doc, fp, JSON_INDENT(2) | JSON_REAL_PRECISION(10));
	json_decref(doc);
	if (rc == 0)
		fputc('\n', fp);
	return rc || ferror(fp) ? -1 : 0;
}

const struct reporter report_sarif = {"sarif", write_sarif};
