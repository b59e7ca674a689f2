/*
 * hdr_bench.c - times hdr_load in one process (libclang loaded once), as
 * SPEC §13 asks: median of R runs over the headers given.
 * Usage: hdr_bench R HEADER...
 */
#include "config.h"

#include "hdr.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	if (argc < 3)
		return 2;
	int reps = atoi(argv[1]);
	double *t = calloc((size_t)reps, sizeof *t);
	struct hdr_options opt = {
	        .headers = (const char **)argv + 2, .n_headers = (size_t)argc - 2, .jobs = 1};
	size_t members = 0;
	for (int r = 0; r < reps; r++) {
		double t0 = now();
		struct hdr_set *h = hdr_load(&opt);
		t[r] = now() - t0;
		if (!h)
			return 3;
		members = 0;
		for (size_t i = 0; i < h->n_records; i++)
			members += h->records[i]->n_members;
		hdr_free(h);
	}
	qsort(t, (size_t)reps, sizeof *t, cmp);
	printf("%.1f\n", t[reps / 2] * 1000);
	fprintf(stderr, "hdr_load: %zu members, median %.1f ms of %d runs\n", members,
	        t[reps / 2] * 1000, reps);
	free(t);
	return 0;
}
