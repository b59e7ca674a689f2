/*
 * report_text.c - the compiler format editors jump to:
 *   include/pet.h:12:5: error: message [rule-id]
 *   openapi.yaml:20:9: note: defined here: #/components/schemas/Pet/...
 * then the coverage summary. Colour as clang uses it, on request.
 */
#include "config.h"

#include "report.h"

#include <stdlib.h>
#include <string.h>

#define BOLD  "\033[1m"
#define RESET "\033[0m"

static const char *level_color(enum level l)
{
	switch (l) {
	case LEVEL_ERROR:
		return "\033[1;31m";
	case LEVEL_WARNING:
		return "\033[1;35m";
	default:
		return "\033[1;36m";
	}
}

static void place(FILE *fp, const struct loc *l, bool color)
{
	if (color)
		fputs(BOLD, fp);
	if (l->line)
		fprintf(fp, "%s:%u:%u:", report_path(l->file), l->line, l->col ? l->col : 1);
	else
		fprintf(fp, "%s:", report_path(l->file));
	if (color)
		fputs(RESET, fp);
	fputc(' ', fp);
}

static void label(FILE *fp, const char *text, const char *col, bool color)
{
	if (color)
		fprintf(fp, "%s%s:" RESET " ", col, text);
	else
		fprintf(fp, "%s: ", text);
}

/* Text from the inputs, kept on one line: a name in the spec may hold a
 * line break or an escape sequence, which would split a diagnostic or
 * drive the terminal. Control characters are written as C escapes. */
static void put(FILE *fp, const char *s)
{
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '\n')
			fputs("\\n", fp);
		else if (c == '\r')
			fputs("\\r", fp);
		else if (c < 0x20 && c != '\t')
			fprintf(fp, "\\x%02x", c);
		else if (c == 0x7f)
			fputs("\\x7f", fp);
		else
			fputc(c, fp);
	}
}

static void finding(FILE *fp, const struct finding *f, bool color)
{
	const struct loc *main = f->cloc.file ? &f->cloc : &f->sloc;
	if (main->file)
		place(fp, main, color);
	else
		fputs("oacheck: ", fp);
	label(fp, level_name(f->level), level_color(f->level), color);
	put(fp, f->message);
	fprintf(fp, " [%s]\n", f->rule);
	if (f->cloc.file && f->sloc.file) {
		place(fp, &f->sloc, color);
		label(fp, "note", level_color(LEVEL_INFO), color);
		put(fp, f->note ? f->note : "defined here: ");
		put(fp, f->pointer);
		fputc('\n', fp);
	}
	char *fix = f->cloc.file ? report_fix_note(f) : NULL;
	if (fix) {
		place(fp, &f->cloc, color);
		label(fp, "note", level_color(LEVEL_INFO), color);
		put(fp, fix);
		fputc('\n', fp);
	}
	free(fix);
}

static double pct(unsigned a, unsigned b)
{
	return b ? 100.0 * a / b : 100.0;
}

static void plural(FILE *fp, unsigned n, const char *word, const char *sep)
{
	fprintf(fp, "%u %s%s%s", n, word, n == 1 ? "" : "s", sep);
}

static void summary(FILE *fp, const struct report_input *in)
{
	const struct result *r = in->res;
	if (in->verbose && r->n_rows) {
		fputs("schema coverage:\n", fp);
		for (size_t i = 0; i < r->n_rows; i++) {
			const struct coverage_row *row = &r->rows[i];
			fprintf(fp, "  %-28s %-28s %u/%u (%.1f%%)", row->schema,
			        row->c_name ? row->c_name : "(unbound)", row->matched, row->total,
			        pct(row->matched, row->total));
			if (r->wire)
				fprintf(fp, " written %u, read %u", row->written, row->read);
			fputc('\n', fp);
		}
	}
	for (size_t i = 0; in->verbose && r->n_docs > 1 && i < r->n_docs; i++) {
		const struct doc_coverage *dc = &r->docs[i];
		fprintf(fp,
		        "coverage of %s: schemas %u/%u bound (%.1f%%), properties %u/%u matched "
		        "(%.1f%%)\n",
		        dc->doc, dc->schemas_bound, dc->schemas_total,
		        pct(dc->schemas_bound, dc->schemas_total), dc->props_matched,
		        dc->props_total, pct(dc->props_matched, dc->props_total));
	}
	fprintf(fp,
	        "coverage: schemas %u/%u bound (%.1f%%), properties %u/%u matched (%.1f%%), "
	        "members %u/%u matched (%.1f%%)\n",
	        r->schemas_bound, r->schemas_total, pct(r->schemas_bound, r->schemas_total),
	        r->props_matched, r->props_total, pct(r->props_matched, r->props_total),
	        r->members_matched, r->members_total, pct(r->members_matched, r->members_total));
	if (r->wire)
		fprintf(fp, "wire: properties %u/%u written (%.1f%%), %u/%u read (%.1f%%)\n",
		        r->props_written, r->props_total, pct(r->props_written, r->props_total),
		        r->props_read, r->props_total, pct(r->props_read, r->props_total));
	plural(fp, r->count[LEVEL_ERROR], "error", ", ");
	plural(fp, r->count[LEVEL_WARNING], "warning", ", ");
	fprintf(fp, "%u info\n", r->count[LEVEL_INFO]);
}

/* With --verbose, the keys the spec cannot back, as notes. */
static void unmatched(FILE *fp, const struct report_input *in)
{
	for (size_t i = 0; in->verbose && i < in->res->n_unmatched; i++) {
		const struct unmatched *u = &in->res->unmatched[i];
		fprintf(fp, "%s:%u:%u: note: %s\n", u->at.file ? u->at.file : "", u->at.line,
		        u->at.col, u->message);
	}
}

static int write_text(FILE *fp, const struct report_input *in)
{
	for (size_t i = 0; i < in->res->n; i++)
		finding(fp, &in->res->findings[i], in->color);
	unmatched(fp, in);
	if (!in->quiet)
		summary(fp, in);
	return ferror(fp) ? -1 : 0;
}

const struct reporter report_text = {"text", write_text};
