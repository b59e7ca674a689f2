/*
 * diag.c - prints tool diagnostics. One line each, so that editors and CI
 * logs can jump to the place; the exit status is decided by the caller.
 */
#include "config.h"

#include "diag.h"
#include "progress.h"
#include "util.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* per thread: a loader counts its own errors while another one runs */
static _Thread_local unsigned n_errors;
static _Thread_local struct sbuf *capture;
static int quiet;

static const char *const level_name[] = {"note", "warning", "error"};

void diag(enum diag_level level, const struct loc *where, const char *fmt, ...)
{
	if (level == DIAG_ERROR)
		n_errors++;
	if (quiet)
		return;
	struct sbuf sb = {0};
	if (where && where->file && where->line)
		sbuf_printf(&sb, "%s:%u:%u: ", where->file, where->line,
		            where->col ? where->col : 1);
	else if (where && where->file)
		sbuf_printf(&sb, "%s: ", where->file);
	else
		sbuf_puts(&sb, "oacheck: ");
	sbuf_printf(&sb, "%s: ", level_name[level]);
	va_list ap;
	va_start(ap, fmt);
	char *text = xvasprintf(fmt, ap);
	va_end(ap);
	sbuf_puts(&sb, text);
	sbuf_putc(&sb, '\n');
	free(text);
	if (capture) {
		sbuf_add(capture, sb.buf, sb.len);
	} else {
		progress_clear();
		fwrite(sb.buf, 1, sb.len, stderr);
	}
	sbuf_free(&sb);
}

void diag_capture(struct sbuf *sb)
{
	capture = sb;
}

void diag_flush(struct sbuf *sb)
{
	if (sb->len) {
		progress_clear();
		fwrite(sb->buf, 1, sb->len, stderr);
	}
	sbuf_free(sb);
}

unsigned diag_error_count(void)
{
	return n_errors;
}

void diag_reset(void)
{
	n_errors = 0;
}

void diag_set_quiet(int q)
{
	quiet = q;
}

static struct timespec last;
static int timing_on = -1;

static bool timing(void)
{
	if (timing_on < 0) {
		timing_on = getenv("OACHECK_TIMING") != NULL;
		clock_gettime(CLOCK_MONOTONIC, &last);
	}
	return timing_on;
}

void diag_timing_of(const char *stage, double ms)
{
	if (timing())
		fprintf(stderr, "timing: %-8s %8.1f ms\n", stage, ms);
}

void diag_count(const char *what, unsigned n, unsigned of)
{
	if (timing())
		fprintf(stderr, "count: %-8s %u of %u\n", what, n, of);
}

void diag_timing(const char *stage)
{
	if (!timing() || !stage)
		return;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	diag_timing_of(stage, (double)(now.tv_sec - last.tv_sec) * 1e3 +
	                              (double)(now.tv_nsec - last.tv_nsec) / 1e6);
	last = now;
}
