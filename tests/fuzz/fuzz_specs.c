/*
 * fuzz_specs.c - libFuzzer target for several documents in one run (the
 * --spec A --spec B of a multi-spec check): the input is cut at each line
 * "--8<--" into up to four documents, loaded together through ydoc and
 * the model as spec_load_all loads files, then dumped. Documents of
 * growing size are what overran the schema table once (issue 16), so the
 * seeds (tests/fuzz/smoke.sh) join fixture specs of different sizes.
 */
#include "config.h"

#include "diag.h"
#include "spec.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

enum { MAX_DOCS = 4 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *sink;
	static const char cut[] = "\n--8<--\n";
	static const char *const names[MAX_DOCS] = {"a.yaml", "b.yaml", "c.yaml", "d.yaml"};
	if (!sink) {
		sink = fopen("/dev/null", "w");
		diag_set_quiet(1);
	}
	const char *bufs[MAX_DOCS], *p = (const char *)data, *end = p + size;
	size_t lens[MAX_DOCS], n = 0;
	while (n < MAX_DOCS) {
		const char *at =
		        n + 1 < MAX_DOCS ? memmem(p, (size_t)(end - p), cut, sizeof cut - 1) : NULL;
		bufs[n] = p;
		lens[n++] = (size_t)((at ? at : end) - p);
		if (!at)
			break;
		p = at + sizeof cut - 1;
	}
	struct spec *s = spec_load_buffers(names, bufs, lens, n, NULL);
	if (s) {
		spec_find_pointer(s, "#/paths");
		spec_dump(s, sink);
	}
	spec_free(s);
	return 0;
}
