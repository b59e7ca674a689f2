/*
 * fuzz_spec.c - libFuzzer target for the spec loader (SPEC section 12):
 * any bytes, as YAML or JSON, through ydoc and the model, then the dump.
 * Build by hand (not part of make check):
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -I BUILD -I src \
 *     tests/fuzz/fuzz_spec.c src/util.c src/loc.c src/diag.c src/ydoc.c \
 *     src/ydoc_json.c src/spec_load.c src/spec_ref.c src/spec_mem.c -lyaml -lm
 *   ./a.out -max_len=4096 fixtures/spec-*
 */
#include "config.h"

#include "diag.h"
#include "spec.h"

#include <stdint.h>
#include <stdio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *sink;
	if (!sink) {
		sink = fopen("/dev/null", "w");
		diag_set_quiet(1);
	}
	struct spec *s = spec_load_buffer("fuzz.yaml", (const char *)data, size, NULL);
	if (s) {
		spec_find_pointer(s, "#/paths");
		spec_dump(s, sink);
	}
	spec_free(s);
	return 0;
}
