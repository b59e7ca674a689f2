/*
 * yaml_raw.c - the spec-loading benchmark of SPEC section 13: the time of
 * libyaml's raw event parse of a file (yaml_parser_set_input_file, every
 * event pulled and deleted, nothing built) against oacheck's spec_load of the
 * same file (tree with places, model, references resolved, allOf merged),
 * measured alternately in one process, median of N runs each.
 *
 * For a JSON file it also times the tree alone (ydoc_load_file, which
 * has the JSON reader build it): SPEC's issue 19 wants that in at most
 * half the raw parse's time.
 *
 * Usage: yaml_raw FILE [RUNS]   (prints MB/s of each and the ratios)
 *        yaml_raw --raw FILE    (one raw parse, nothing printed: the floor
 *                                of a whole process for bench/run.py)
 *        yaml_raw --tree FILE   (one tree, as oacheck reads the file:
 *                                the JSON reader's row of bench/run.py)
 */
#include "config.h"

#include "spec.h"
#include "util.h"
#include "ydoc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <yaml.h>

/* Process CPU time (user + system, page faults included): on a shared
 * 2-core machine wall time also measures the neighbours. */
static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* libyaml reads the file and every event is pulled; returns the event
 * count or -1. */
static long raw_parse(const char *path)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return -1;
	yaml_parser_t p;
	yaml_parser_initialize(&p);
	yaml_parser_set_input_file(&p, fp);
	long events = 0;
	for (;;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&p, &ev)) {
			events = -1;
			break;
		}
		bool end = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
		events++;
		if (end)
			break;
	}
	yaml_parser_delete(&p);
	fclose(fp);
	return events;
}

/* The file as oacheck reads it into a tree; 0 or -1. */
static int tree(const char *path)
{
	struct ydoc doc;
	if (ydoc_load_file(&doc, path, NULL))
		return -1;
	ydoc_free(&doc);
	return 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs("usage: yaml_raw FILE [RUNS] | yaml_raw --raw FILE\n", stderr);
		return 2;
	}
	if (!strcmp(argv[1], "--raw"))
		return argc == 3 && raw_parse(argv[2]) >= 0 ? 0 : 1;
	if (!strcmp(argv[1], "--tree"))
		return argc == 3 && tree(argv[2]) == 0 ? 0 : 1;
	int runs = argc > 2 ? atoi(argv[2]) : 7;
	if (runs < 1 || runs > 100)
		runs = 7;
	double raw[100], load[100], trees[100], mb = 0;
	long events = 0;
	size_t schemas = 0;
	for (int i = 0; i < runs; i++) {
		double t0 = now();
		events = raw_parse(argv[1]);
		double t1 = now();
		struct spec *s = spec_load(argv[1], NULL);
		double t2 = now();
		int rc = tree(argv[1]);
		double t3 = now();
		if (events < 0 || !s || rc) {
			fprintf(stderr, "yaml_raw: %s does not load\n", argv[1]);
			return 1;
		}
		schemas = s->n_schemas;
		spec_free(s);
		raw[i] = t1 - t0;
		load[i] = t2 - t1;
		trees[i] = t3 - t2;
	}
	char *buf;
	size_t len;
	if (util_read_file(argv[1], &buf, &len) == 0) {
		mb = (double)len / 1e6;
		free(buf);
	}
	qsort(raw, (size_t)runs, sizeof raw[0], cmp_double);
	qsort(load, (size_t)runs, sizeof load[0], cmp_double);
	qsort(trees, (size_t)runs, sizeof trees[0], cmp_double);
	double r = raw[runs / 2], l = load[runs / 2], t = trees[runs / 2];
	printf("%s: %.2f MB, %ld events, %zu schemas, median CPU time of %d runs\n", argv[1], mb,
	       events, schemas, runs);
	printf("  libyaml raw event parse: %7.1f ms  %6.1f MB/s\n", r * 1e3, mb / r);
	printf("  tree alone (ydoc):       %7.1f ms  %6.1f MB/s\n", t * 1e3, mb / t);
	printf("  oacheck spec_load:       %7.1f ms  %6.1f MB/s\n", l * 1e3, mb / l);
	printf("  ratio tree / raw:        %7.2f (target for JSON <= 0.50)\n", t / r);
	printf("  ratio spec_load / raw:   %7.2f (target <= 1.50)\n", l / r);
	return 0;
}
