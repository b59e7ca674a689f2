/*
 * report_github.c - GitHub Actions workflow commands, which the runner
 * turns into annotations on the pull request:
 *   ::error file=include/pet.h,line=12,col=5,title=type-mismatch::message
 * error, warning and info become ::error, ::warning and ::notice. The spec
 * side follows the message on a second line. Escaping is GitHub's: '%',
 * CR and LF in the message; also ':' and ',' in property values (text is
 * made valid UTF-8 first). The coverage summary follows as plain log
 * lines (not with --quiet).
 */
#include "config.h"

#include "report.h"

#include <stdlib.h>
#include <string.h>

static void escape(FILE *fp, const char *text, bool property)
{
	char *u = report_utf8(text);
	for (const char *s = u; *s; s++) {
		if (*s == '%')
			fputs("%25", fp);
		else if (*s == '\r')
			fputs("%0D", fp);
		else if (*s == '\n')
			fputs("%0A", fp);
		else if (property && *s == ':')
			fputs("%3A", fp);
		else if (property && *s == ',')
			fputs("%2C", fp);
		else
			fputc(*s, fp);
	}
	free(u);
}

static const char *command(enum level l)
{
	return l == LEVEL_ERROR ? "error" : l == LEVEL_WARNING ? "warning" : "notice";
}

static void properties(FILE *fp, const struct finding *f)
{
	const struct loc *at = report_main_loc(f);
	if (at) {
		fputs(" file=", fp);
		escape(fp, report_path(at->file), true);
		if (at->line)
			fprintf(fp, ",line=%u", at->line);
		if (at->line && at->col)
			fprintf(fp, ",col=%u", at->col);
		fputc(',', fp);
	} else {
		fputc(' ', fp);
	}
	fputs("title=", fp);
	escape(fp, f->rule, true);
}

static void finding(FILE *fp, const struct finding *f)
{
	fprintf(fp, "::%s", command(f->level));
	properties(fp, f);
	fputs("::", fp);
	escape(fp, f->message, false);
	if (f->cloc.file && f->sloc.file) {
		fputs("%0A", fp);
		escape(fp, report_path(f->sloc.file), false);
		if (f->sloc.line)
			fprintf(fp, ":%u:%u", f->sloc.line, f->sloc.col ? f->sloc.col : 1);
		fputs(": ", fp);
		escape(fp, f->note ? f->note : "defined here: ", false);
		escape(fp, f->pointer ? f->pointer : "", false);
	}
	if (f->fixit && f->cloc.file) {
		fputs("%0A", fp);
		escape(fp, f->fixit_label, false);
		fputs(": ", fp);
		escape(fp, f->fixit, false);
	}
	fputc('\n', fp);
}

static int write_github(FILE *fp, const struct report_input *in)
{
	for (size_t i = 0; i < in->res->n; i++)
		finding(fp, &in->res->findings[i]);
	if (!in->quiet) {
		/* the same summary the text format ends with, as plain log lines */
		struct report_input plain = *in;
		struct result none = *in->res;
		none.n = 0;
		plain.res = &none;
		plain.color = false;
		return report_text.write(fp, &plain);
	}
	return ferror(fp) ? -1 : 0;
}

const struct reporter report_github = {"github", write_github};
