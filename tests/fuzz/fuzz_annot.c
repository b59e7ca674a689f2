/*
 * fuzz_annot.c - libFuzzer target for the annotation parser (SPEC §12):
 * any comment text must parse without a crash, a hang or a leak, and every
 * tag and problem must lie inside the text it came from.
 *
 * Built only on request, from the source tree (config.h from a build dir):
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -I src -I BUILD \
 *     tests/fuzz/fuzz_annot.c src/annot.c src/util.c -o fuzz_annot
 *   ./fuzz_annot -max_total_time=60 -max_len=4096
 * Without libFuzzer (-DOAC_FUZZ_MAIN), it replays the files it is given.
 */
#include "config.h"

#include "annot.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct annot_set s = {0};
	unsigned lines = 1;
	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	annot_parse(&s, (const char *)data, size, 10, 5);
	for (size_t i = 0; i < s.n; i++)
		if (s.v[i].line < 10 || s.v[i].line >= 10 + lines || !s.v[i].col)
			abort();
	for (size_t i = 0; i < s.n_probs; i++)
		if (s.probs[i].line < 10 || s.probs[i].line >= 10 + lines || !s.probs[i].message)
			abort();
	annot_set_free(&s);
	return 0;
}

#ifdef OAC_FUZZ_MAIN
int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		FILE *fp = fopen(argv[i], "rb");
		if (!fp)
			continue;
		static uint8_t buf[1 << 20];
		size_t n = fread(buf, 1, sizeof buf, fp);
		fclose(fp);
		LLVMFuzzerTestOneInput(buf, n);
	}
	return 0;
}
#endif
