/*
 * fuzz_rules.c - libFuzzer target for the rules and config loaders (SPEC
 * section 12): any bytes, read once as a --rules file over the default
 * preset and once as a config file (.oacheck.yaml), must give a rule set or
 * a diagnostic, never a crash, a hang or a leak. The input reaches the
 * loaders as a file, as it does in use: an in-memory file (memfd), named
 * by its /proc/self/fd path.
 *
 * Built by tests/fuzz/smoke.sh (make fuzz-smoke), or by hand:
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -I src -I BUILD \
 *     -DOAC_PKGDATADIR='"/nonexistent"' -DOAC_SRCDIR='"."' -DOAC_BUILDDIR='"."' \
 *     tests/fuzz/fuzz_rules.c src/ruleset.c src/ruleset_json.c src/rules.c src/opts.c \
 *     src/ydoc*.c src/util.c src/loc.c src/diag.c -lyaml -lm -o fuzz_rules
 *   OACHECK_RULES_DIR=rules ./fuzz_rules -max_len=4096 CORPUS
 */
#include "config.h"

#include "diag.h"
#include "opts.h"
#include "report.h"
#include "rules.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* opts.c checks a format name against the reporters, which this harness
 * does not link: the text format is the one it knows. */
const struct reporter *report_find(const char *name)
{
	static const char text[] = "text";
	return strcmp(name, text) ? NULL : (const struct reporter *)(const void *)text;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int fd = -1;
	static char path[64];
	if (fd < 0) {
		diag_set_quiet(1);
		fd = memfd_create("oacheck-fuzz.yaml", 0);
		if (fd < 0)
			abort();
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	}
	if (ftruncate(fd, 0) || (size && pwrite(fd, data, size, 0) != (ssize_t)size))
		abort();
	struct ruleset rs;
	ruleset_init(&rs);
	char *files[] = {path};
	ruleset_load(&rs, "default", files, 1);
	ruleset_free(&rs);
	struct opts o;
	char *argv[] = {"oacheck", "--config", path, NULL};
	opts_parse(&o, 3, argv);
	opts_free(&o);
	return 0;
}
