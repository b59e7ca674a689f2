/*
 * report.c - the registry of formats and atomic output. A report file is
 * either the whole new report or the old file: the temporary is written,
 * flushed and synced in the target's directory, then renamed over it.
 */
#include "config.h"

#include "report.h"
#include "diag.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const struct reporter *const registry[] = {
        &report_text, &report_json, &report_sarif, &report_junit, &report_github,
};

const struct reporter *report_find(const char *name)
{
	for (size_t i = 0; i < sizeof registry / sizeof registry[0]; i++)
		if (!strcmp(registry[i]->name, name))
			return registry[i];
	return NULL;
}

/* Length of the valid UTF-8 sequence at s, or 0 when there is none
 * (overlong forms, surrogates and code points past U+10FFFF are invalid). */
static size_t utf8_seq(const unsigned char *s)
{
	unsigned c = s[0];
	size_t n = c < 0x80             ? 1
	           : (c & 0xe0) == 0xc0 ? 2
	           : (c & 0xf0) == 0xe0 ? 3
	           : (c & 0xf8) == 0xf0 ? 4
	                                : 0;
	if (n <= 1)
		return n;
	unsigned cp = c & (0xff >> (n + 1));
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	static const unsigned min[] = {0, 0, 0x80, 0x800, 0x10000};
	if (cp < min[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

char *report_utf8(const char *s)
{
	if (!s)
		return NULL;
	struct sbuf sb = {0};
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		size_t n = utf8_seq(p);
		if (n) {
			sbuf_add(&sb, (const char *)p, n);
			p += n;
		} else {
			sbuf_puts(&sb, "\xef\xbf\xbd");
			p++;
		}
	}
	return sbuf_take(&sb);
}

/* Display paths made relative, one per file, freed after each report. */
struct relpath {
	struct relpath *next;
	char *file;
	char *rel;
};
static struct relpath *relpaths;

/* path relative to dir (both absolute), or NULL when they share no first
 * component (a system header stays absolute). */
static char *relative_to(const char *dir, const char *path)
{
	size_t i = 0, last = 0; /* last: the end of the common components */
	while (dir[i] && dir[i] == path[i])
		if (i++, (dir[i] == '/' || !dir[i]) && (path[i] == '/' || !path[i]))
			last = i;
	if (last == 0 || !path[last])
		return NULL;
	struct sbuf sb = {0};
	for (const char *p = dir + last; *p; p++)
		if (*p == '/')
			sbuf_puts(&sb, "../");
	sbuf_puts(&sb, path + last + 1);
	return sbuf_take(&sb);
}

const char *report_path(const char *file)
{
	if (!file || file[0] != '/')
		return file;
	for (struct relpath *r = relpaths; r; r = r->next)
		if (!strcmp(r->file, file))
			return r->rel ? r->rel : file;
	char *cwd = getcwd(NULL, 0);
	struct relpath *r = xmalloc(sizeof *r);
	*r = (struct relpath){relpaths, xstrdup(file), cwd ? relative_to(cwd, file) : NULL};
	relpaths = r;
	free(cwd);
	return r->rel ? r->rel : file;
}

static void relpaths_free(void)
{
	while (relpaths) {
		struct relpath *next = relpaths->next;
		free(relpaths->file);
		free(relpaths->rel);
		free(relpaths);
		relpaths = next;
	}
}

double report_pct(unsigned a, unsigned b)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%.1f", b ? 100.0 * a / b : 100.0);
	return strtod(buf, NULL);
}

char *report_fix_note(const struct finding *f)
{
	if (f->fixit)
		return xasprintf("%s: %s", f->fixit_label ? f->fixit_label : "add member",
		                 f->fixit);
	return f->fix ? fix_describe(f->fix) : NULL;
}

const struct loc *report_main_loc(const struct finding *f)
{
	if (f->cloc.file)
		return &f->cloc;
	return f->sloc.file ? &f->sloc : NULL;
}

struct emit_job {
	const struct reporter *r;
	const struct report_input *in;
};

static int run_job(FILE *fp, void *ctx)
{
	const struct emit_job *job = ctx;
	return job->r->write(fp, job->in);
}

static int write_atomic(const struct reporter *r, const struct report_input *in, const char *path)
{
	struct emit_job job = {r, in};
	if (util_write_atomic(path, run_job, &job) == 0)
		return 0;
	struct loc at = {loc_intern(path), 0, 0};
	diag_error(&at, "cannot write report: %s", strerror(errno));
	return -1;
}

static int write_stdout(const struct reporter *r, const struct report_input *in)
{
	int rc = r->write(stdout, in);
	if (fflush(stdout) != 0 || rc) {
		diag_error(NULL, "cannot write the report to standard output: %s", strerror(errno));
		return -1;
	}
	return 0;
}

int report_emit(const struct reporter *r, const struct report_input *in, const char *path)
{
	int rc = path && strcmp(path, "-") ? write_atomic(r, in, path) : write_stdout(r, in);
	relpaths_free();
	return rc;
}
