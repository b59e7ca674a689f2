/*
 * progress.c - the progress line (progress.h). Any thread may step it;
 * one at a time, at most every tenth of a second, redraws it.
 */
#include "config.h"

#include "progress.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static bool enabled;
static double start, last, delay = 1.0;
static const char *stage;
static size_t total;
static atomic_size_t done;
static bool shown;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void progress_init(bool on)
{
	enabled = on;
	start = now();
	const char *d = getenv("OACHECK_PROGRESS_DELAY"); /* tests: 0 */
	if (d && *d)
		delay = strtod(d, NULL);
}

static void draw(void)
{
	double t = now();
	if (t - start < delay || (last > 0 && t - last < 0.1))
		return;
	last = t;
	if (total)
		fprintf(stderr, "\r\033[K%s: %zu/%zu", stage, (size_t)atomic_load(&done), total);
	else
		fprintf(stderr, "\r\033[K%s", stage);
	fflush(stderr);
	shown = true;
}

void progress_stage(const char *what, size_t n)
{
	if (!enabled)
		return;
	pthread_mutex_lock(&mu);
	stage = what;
	total = n;
	atomic_store(&done, 0);
	last = 0;
	draw();
	pthread_mutex_unlock(&mu);
}

void progress_step(void)
{
	if (!enabled)
		return;
	atomic_fetch_add(&done, 1);
	if (pthread_mutex_trylock(&mu) == 0) {
		draw();
		pthread_mutex_unlock(&mu);
	}
}

void progress_clear(void)
{
	if (!enabled)
		return;
	pthread_mutex_lock(&mu);
	if (shown) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
		shown = false;
	}
	last = now(); /* a redraw only a tenth of a second after */
	pthread_mutex_unlock(&mu);
}
