/*
 * report_junit.c - JUnit XML for GitLab's test reports and Jenkins: one
 * testsuite "oacheck", one testcase per schema in scope (in coverage
 * order), one <failure> per finding of that schema or of an inline schema
 * in it ("Pet.status"), carrying the finding as the text format shows it.
 * Findings that belong to no schema in scope go to a last testcase named
 * "(other)". Text is made valid UTF-8 and
 * XML 1.0 (control characters become U+FFFD).
 */
#include "config.h"

#include "report.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

#define OTHER "(other)"

static void xml(FILE *fp, const char *s, bool attr)
{
	char *u = report_utf8(s ? s : "");
	for (const unsigned char *p = (const unsigned char *)u; *p; p++) {
		if (*p == '&')
			fputs("&amp;", fp);
		else if (*p == '<')
			fputs("&lt;", fp);
		else if (*p == '>')
			fputs("&gt;", fp);
		else if (*p == '"' && attr)
			fputs("&quot;", fp);
		else if (*p == '\n' && attr)
			fputs("&#10;", fp);
		else if (*p < 0x20 && *p != '\t' && *p != '\n')
			fputs("\xef\xbf\xbd", fp);
		else
			fputc(*p, fp);
	}
	free(u);
}

/* Is schema (a finding's) the schema of row, or an inline schema inside
 * it ("Pet.status" in "Pet")? */
static bool within(const char *schema, const char *row)
{
	size_t n = strlen(row);
	return !strncmp(schema, row, n) && (schema[n] == '\0' || schema[n] == '.');
}

/* The coverage row whose testcase holds f: the longest that f's schema is
 * within, or NULL for the "(other)" testcase. */
static const char *row_of(const struct finding *f, const struct result *r)
{
	const char *best = NULL;
	for (size_t i = 0; f->schema && i < r->n_rows; i++)
		if (within(f->schema, r->rows[i].schema) &&
		    (!best || strlen(r->rows[i].schema) > strlen(best)))
			best = r->rows[i].schema;
	return best;
}

/* Does f go in the testcase of schema (NULL: the "(other)" testcase)? */
static bool belongs(const struct finding *f, const char *schema, const struct result *r)
{
	const char *row = row_of(f, r);
	return schema ? row && !strcmp(row, schema) : !row;
}

static unsigned count(const struct result *r, const char *schema)
{
	unsigned n = 0;
	for (size_t i = 0; i < r->n; i++)
		n += belongs(&r->findings[i], schema, r);
	return n;
}

static void place(struct sbuf *sb, const struct loc *l)
{
	if (l->line)
		sbuf_printf(sb, "%s:%u:%u: ", report_path(l->file), l->line, l->col ? l->col : 1);
	else
		sbuf_printf(sb, "%s: ", report_path(l->file));
}

/* The finding as the text format prints it (without colour). */
static char *as_text(const struct finding *f)
{
	struct sbuf sb = {0};
	const struct loc *at = report_main_loc(f);
	if (at)
		place(&sb, at);
	sbuf_printf(&sb, "%s: %s [%s]\n", level_name(f->level), f->message, f->rule);
	if (f->cloc.file && f->sloc.file) {
		place(&sb, &f->sloc);
		sbuf_printf(&sb, "note: %s%s\n",
		            f->note ? f->note : "defined here: ", f->pointer ? f->pointer : "");
	}
	char *fix = f->cloc.file ? report_fix_note(f) : NULL;
	if (fix) {
		place(&sb, &f->cloc);
		sbuf_printf(&sb, "note: %s\n", fix);
	}
	free(fix);
	return sbuf_take(&sb);
}

static void failure(FILE *fp, const struct finding *f)
{
	fputs("      <failure type=\"", fp);
	xml(fp, f->rule, true);
	fprintf(fp, "\" message=\"%s: ", level_name(f->level));
	xml(fp, f->message, true);
	fputs("\">", fp);
	char *body = as_text(f);
	xml(fp, body, false);
	free(body);
	fputs("</failure>\n", fp);
}

static void testcase(FILE *fp, const struct result *r, const char *schema, const char *file)
{
	fputs("    <testcase classname=\"oacheck\" name=\"", fp);
	xml(fp, schema ? schema : OTHER, true);
	if (file) {
		fputs("\" file=\"", fp);
		xml(fp, file, true);
	}
	if (!count(r, schema)) {
		fputs("\"/>\n", fp);
		return;
	}
	fputs("\">\n", fp);
	for (size_t i = 0; i < r->n; i++)
		if (belongs(&r->findings[i], schema, r))
			failure(fp, &r->findings[i]);
	fputs("    </testcase>\n", fp);
}

static void property(FILE *fp, const char *name, unsigned a, unsigned b)
{
	fprintf(fp, "      <property name=\"%s\" value=\"%u/%u (%.1f%%)\"/>\n", name, a, b,
	        report_pct(a, b));
}

/* The coverage summary as the suite's properties. */
static void coverage(FILE *fp, const struct result *r)
{
	fputs("    <properties>\n", fp);
	property(fp, "schemas bound", r->schemas_bound, r->schemas_total);
	property(fp, "properties matched", r->props_matched, r->props_total);
	property(fp, "members matched", r->members_matched, r->members_total);
	if (r->wire) {
		property(fp, "properties written", r->props_written, r->props_total);
		property(fp, "properties read", r->props_read, r->props_total);
	}
	fputs("    </properties>\n", fp);
}

static int write_junit(FILE *fp, const struct report_input *in)
{
	const struct result *r = in->res;
	unsigned other = count(r, NULL);
	unsigned tests = (unsigned)r->n_rows + (other > 0), failed = other > 0;
	for (size_t i = 0; i < r->n_rows; i++)
		failed += count(r, r->rows[i].schema) > 0;
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", fp);
	fprintf(fp, "<testsuites name=\"oacheck\" tests=\"%u\" failures=\"%u\" errors=\"0\">\n",
	        tests, failed);
	fprintf(fp,
	        "  <testsuite name=\"oacheck\" tests=\"%u\" failures=\"%u\" errors=\"0\" "
	        "skipped=\"0\">\n",
	        tests, failed);
	coverage(fp, r);
	for (size_t i = 0; i < r->n_rows; i++)
		testcase(fp, r, r->rows[i].schema, report_path(in->spec_file));
	if (other)
		testcase(fp, r, NULL, NULL);
	fputs("  </testsuite>\n</testsuites>\n", fp);
	return ferror(fp) ? -1 : 0;
}

const struct reporter report_junit = {"junit", write_junit};
