/*
 * diag.c - prints tool diagnostics. One line each, so that editors and CI
 * logs can jump to the place; the exit status is decided by the caller.
 */
#include "config.h"

#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static unsigned n_errors;
static int quiet;

static const char *const level_name[] = {"note", "warning", "error"};

void diag(enum diag_level level, const struct loc *where, const char *fmt, ...)
{
	if (level == DIAG_ERROR)
		n_errors++;
	if (quiet)
		return;
	if (where && where->file && where->line)
		fprintf(stderr, "%s:%u:%u: ", where->file, where->line,
		        where->col ? where->col : 1);
	else if (where && where->file)
		fprintf(stderr, "%s: ", where->file);
	else
		fputs("oacheck: ", stderr);
	fprintf(stderr, "%s: ", level_name[level]);
	va_list ap;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
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

void diag_timing(const char *stage)
{
	static struct timespec last;
	static int on = -1;
	if (on < 0) {
		on = getenv("OACHECK_TIMING") != NULL;
		clock_gettime(CLOCK_MONOTONIC, &last);
	}
	if (!on || !stage)
		return;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	fprintf(stderr, "timing: %-8s %8.1f ms\n", stage,
	        (double)(now.tv_sec - last.tv_sec) * 1e3 +
	                (double)(now.tv_nsec - last.tv_nsec) / 1e6);
	last = now;
}
