/*
 * fix.c - --fix and --fix-dry-run. The fix-its of the findings at or above
 * --fail-on are grouped by header; each header is read again and edited
 * only when it is one of the headers given on the command line (or in the
 * config), is being checked (never a system header) and still has the
 * length and hash it had when clang parsed it, since the edits are byte
 * offsets into that text. A fix whose edits overlap one already taken is
 * left for the next run; the same insertion asked twice (the enum two
 * members need) is made once. Each header is written atomically (a
 * temporary file renamed over it, its permissions kept), or its diff is
 * printed instead.
 */
#include "config.h"

#include "fix.h"
#include "diag.h"
#include "hdr.h"
#include "opts.h"
#include "util.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* One edit to make, with the finding it fixes. */
struct job {
	const struct finding *f;
	const struct fix_edit *e;
	size_t seq; /* order of asking, for insertions at one offset */
	bool skip;
};

static int by_place(const void *pa, const void *pb)
{
	const struct job *a = pa, *b = pb;
	int c = strcmp(a->e->file, b->e->file);
	if (c)
		return c;
	if (a->e->begin.off != b->e->begin.off)
		return a->e->begin.off < b->e->begin.off ? -1 : 1;
	/* members inserted at one place: in the order of their properties */
	const struct loc *sa = &a->f->sloc, *sb = &b->f->sloc;
	if (sa->line != sb->line)
		return sa->line < sb->line ? -1 : 1;
	if (sa->col != sb->col)
		return sa->col < sb->col ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Is path one of the headers given (compared by real path)? */
static bool given(const char *path, const struct fix_options *fo)
{
	char *real = realpath(path, NULL);
	bool yes = false;
	for (size_t i = 0; real && i < fo->n_headers && !yes; i++) {
		char *r = realpath(fo->headers[i], NULL);
		yes = r && !strcmp(r, real);
		free(r);
	}
	free(real);
	return yes;
}

/* The header's text, when it may be edited: NULL after a warning. */
static char *editable_text(const char *path, const struct hdr_set *h, const struct fix_options *fo,
                           size_t *len)
{
	const struct hdr_file *hf = hdr_find_file(h, path);
	if (!hf || !given(path, fo)) {
		struct loc at = {path, 0, 0};
		diag_warning(&at, "not one of the headers given: not fixed");
		return NULL;
	}
	char *buf;
	if (util_read_file(path, &buf, len)) {
		struct loc at = {path, 0, 0};
		diag_warning(&at, "cannot read it again: %s; not fixed", strerror(errno));
		return NULL;
	}
	if (*len != hf->len || hdr_text_hash(buf, *len) != hf->hash) {
		struct loc at = {path, 0, 0};
		diag_warning(&at, "changed since it was checked: not fixed");
		free(buf);
		return NULL;
	}
	return buf;
}

/* Skip the jobs of every fix that overlaps an earlier one or reaches past
 * the text; an insertion equal to the one just made at the same place
 * (the enum two new members need) is made once. jobs[0, n) are one
 * file's, sorted. */
static void settle(struct job *jobs, size_t n, size_t len)
{
	size_t reach = 0; /* the end of the last edit taken */
	const struct fix_edit *prev = NULL;
	for (size_t i = 0; i < n; i++) {
		const struct fix_edit *e = jobs[i].e;
		bool ins = e->begin.off == e->end.off;
		if (prev && ins && prev->begin.off == e->begin.off && prev->end.off == e->end.off &&
		    !strcmp(prev->text, e->text)) {
			jobs[i].e = NULL; /* made already */
			continue;
		}
		if (e->end.off > len || e->begin.off > e->end.off || e->begin.off < reach ||
		    (prev && !ins && prev->begin.off == e->begin.off &&
		     prev->end.off > e->begin.off)) {
			jobs[i].skip = true;
			continue;
		}
		reach = e->end.off;
		prev = e;
	}
	/* a fix is made whole or not at all */
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; jobs[i].skip && j < n; j++)
			if (jobs[j].f == jobs[i].f)
				jobs[j].skip = true;
}

static char *apply(const char *buf, size_t len, const struct job *jobs, size_t n, size_t *out_len)
{
	struct sbuf sb = {0};
	size_t at = 0;
	for (size_t i = 0; i < n; i++) {
		if (jobs[i].skip || !jobs[i].e)
			continue;
		sbuf_add(&sb, buf + at, jobs[i].e->begin.off - at);
		sbuf_puts(&sb, jobs[i].e->text);
		at = jobs[i].e->end.off;
	}
	sbuf_add(&sb, buf + at, len - at);
	*out_len = sb.len;
	return sbuf_take(&sb);
}

struct text {
	const char *buf;
	size_t len;
};

static int put_text(FILE *fp, void *ctx)
{
	const struct text *t = ctx;
	return fwrite(t->buf, 1, t->len, fp) == t->len ? 0 : -1;
}

static int by_finding(const void *pa, const void *pb)
{
	const struct job *a = pa, *b = pb;
	return a->f < b->f ? -1 : a->f > b->f;
}

/* Tell what the fixes of jobs[0, n) did, each once, in the report's
 * order (the findings' own). */
static unsigned tell(const struct job *jobs, size_t n, bool dry)
{
	struct job *order = xmalloc((n ? n : 1) * sizeof *order);
	memcpy(order, jobs, n * sizeof *order);
	qsort(order, n, sizeof *order, by_finding);
	unsigned count = 0;
	for (size_t i = 0; i < n; i++) {
		if (i && order[i - 1].f == order[i].f)
			continue;
		const struct finding *f = order[i].f;
		char *what = fix_describe(f->fix);
		if (order[i].skip)
			diag_note(&f->cloc,
			          "not fixed (it overlaps another fix; run again): %s [%s]", what,
			          f->rule);
		else
			diag_note(&f->cloc, "%s: %s [%s]", dry ? "would fix" : "fixed", what,
			          f->rule);
		count += !order[i].skip;
		free(what);
	}
	free(order);
	return count;
}

/* Fix one file: jobs[0, n). Returns the fixes made, or -1. */
static int fix_file(struct job *jobs, size_t n, const struct hdr_set *h,
                    const struct fix_options *fo, FILE *out)
{
	const char *path = jobs[0].e->file;
	size_t len, new_len;
	char *buf = editable_text(path, h, fo, &len);
	if (!buf)
		return 0;
	settle(jobs, n, len);
	char *text = apply(buf, len, jobs, n, &new_len);
	int rc = 0;
	if (fo->dry_run) {
		udiff_write(out, path, buf, len, text, new_len);
	} else if (new_len != len || memcmp(buf, text, len)) {
		struct stat st;
		char *real = realpath(path, NULL);
		struct text t = {text, new_len};
		if (!real || stat(real, &st) ||
		    util_write_atomic_mode(real, st.st_mode & 07777, put_text, &t)) {
			struct loc at = {path, 0, 0};
			diag_error(&at, "cannot write the fixed header: %s", strerror(errno));
			rc = -1;
		}
		free(real);
	}
	if (rc == 0)
		rc = (int)tell(jobs, n, fo->dry_run);
	free(text);
	free(buf);
	return rc;
}

int fix_apply(const struct result *res, const struct hdr_set *h, const struct fix_options *fo,
              FILE *out)
{
	struct job *jobs = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = 0; h && fo->min != LEVEL_OFF && i < res->n; i++) {
		const struct finding *f = &res->findings[i];
		for (size_t j = 0; f->fix && f->level >= fo->min && j < f->fix->n_edits; j++)
			*VEC_PUSH(jobs, n, cap) = (struct job){f, &f->fix->edits[j], n, false};
	}
	if (n)
		qsort(jobs, n, sizeof *jobs, by_place);
	int total = 0, files = 0;
	for (size_t i = 0; i < n && total >= 0;) {
		size_t j = i;
		while (j < n && !strcmp(jobs[j].e->file, jobs[i].e->file))
			j++;
		int got = fix_file(jobs + i, j - i, h, fo, out);
		total = got < 0 ? -1 : total + got;
		files += got > 0;
		i = j;
	}
	free(jobs);
	if (total >= 0)
		diag_note(NULL, "%s %d fix%s in %d file%s", fo->dry_run ? "would apply" : "applied",
		          total, total == 1 ? "" : "es", files, files == 1 ? "" : "s");
	return total;
}

int fix_run(const struct opts *o, const struct result *res, const struct hdr_set *h)
{
	const char **paths = NULL;
	size_t n = 0;
	if (hdr_expand_paths((const char *const *)o->headers.v, o->headers.n, &paths, &n))
		return -1;
	struct fix_options fo = {opts_fail_level(o), o->fix_dry_run, paths, n};
	int rc = fix_apply(res, h, &fo, stdout);
	hdr_paths_free(paths, n);
	return rc;
}
