/*
 * fuzz_tmpl.c - libFuzzer target for the wire check's text readers: any
 * bytes, read as a printf template (wire_tmpl_parse), a key path
 * (wire_path_parse) and a jansson format (wire_fmt_parse, both ways), must
 * give items or -1, never a crash, a hang or a leak.
 *
 * Built by tests/fuzz/smoke.sh (make fuzz-smoke), or by hand:
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -I src -I BUILD \
 *     tests/fuzz/fuzz_tmpl.c src/wire_tmpl.c src/wire_fmt.c src/util.c -o fuzz_tmpl
 */
#include "config.h"

#include "wire.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	struct wire_tmpl_item items[128];
	int n_args;
	wire_tmpl_parse(text, items, 128, &n_args);
	char *keys[32];
	size_t offs[32];
	int n = wire_path_parse(text, keys, offs, 32);
	for (int i = 0; i < n; i++)
		free(keys[i]);
	struct wire_fmt_item fmt[64];
	wire_fmt_parse(text, false, fmt, 64);
	wire_fmt_parse(text, true, fmt, 64);
	free(text);
	return 0;
}
