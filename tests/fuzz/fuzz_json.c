/*
 * fuzz_json.c - libFuzzer target for the JSON reader (src/ydoc_jread.c),
 * differential against libyaml's path and jansson. Any bytes are read
 * both ways (ydoc_parse_with: YDOC_READ_JSON, YDOC_READ_YAML); it aborts
 * when
 *  - both accept and the trees differ in any node (kind, bytes, place,
 *    quoted, tag): the model must not depend on the reader;
 *  - the JSON reader refuses what libyaml's path loads: nothing that
 *    loads today may be refused;
 *  - the JSON reader accepts what both libyaml and jansson refuse
 *    (jansson's own limits aside: lone surrogates, numbers it cannot
 *    hold), or hands strict JSON to libyaml without cause.
 * Build by hand, or with tests/fuzz/smoke.sh (make fuzz-smoke):
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -I BUILD -I src \
 *     tests/fuzz/fuzz_json.c src/util.c src/loc.c src/diag.c src/ydoc*.c \
 *     -lyaml -ljansson -lm
 */
#include "config.h"

#include "diag.h"
#include "ydoc_int.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool same_tree(const struct ynode *a, const struct ynode *b)
{
	if (!a || !b)
		return a == b;
	if (a->kind != b->kind || a->len != b->len || a->line != b->line || a->col != b->col ||
	    a->quoted != b->quoted || a->tag != b->tag)
		return false;
	if (a->kind == YN_SCALAR)
		return memcmp(a->str, b->str, a->len + 1) == 0;
	size_t n = a->kind == YN_MAP ? 2 * (size_t)a->len : a->len;
	for (size_t i = 0; i < n; i++)
		if (!same_tree(a->kids[i], b->kids[i]))
			return false;
	return true;
}

/* Does jansson take the text as JSON? 1 yes, 0 no, -1 it cannot tell
 * (its limits, not the text's). */
static int jansson_takes(const char *text, size_t len)
{
	json_error_t err;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) /* jansson takes no BOM */
		text += 3, len -= 3;
	json_t *j = json_loadb(text, len, JSON_ALLOW_NUL, &err);
	if (j) {
		json_decref(j);
		return 1;
	}
	if (strstr(err.text, "Unicode") || strstr(err.text, "overflow") ||
	    strstr(err.text, "too big") || strstr(err.text, "depth") ||
	    strstr(err.text, "control character")) /* a raw tab in a string */
		return -1;
	return 0;
}

/* Raw NEL, LS or PS: libyaml folds them, so the JSON reader hands such
 * text over on purpose. */
static bool has_yaml_breaks(const char *s, size_t n)
{
	for (size_t i = 0; i + 1 < n; i++)
		if ((s[i] == '\xc2' && s[i + 1] == '\x85') ||
		    (i + 2 < n && s[i] == '\xe2' && s[i + 1] == '\x80' &&
		     (s[i + 2] == '\xa8' || s[i + 2] == '\xa9')))
			return true;
	return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	diag_set_quiet(1);
	if (!ydoc_json_like(text, size))
		return 0;
	struct ydoc a, b;
	int ra = ydoc_parse_with(&a, "f.json", text, size, NULL, YDOC_READ_JSON);
	int rb = ydoc_parse_with(&b, "f.json", text, size, NULL, YDOC_READ_YAML);
	if (ra == 0 && rb == 0 && !same_tree(a.root, b.root))
		abort(); /* the model depends on the reader */
	if (ra == -1 && rb == 0)
		abort(); /* refused what loads today */
	if (ra == 0 && rb != 0 && jansson_takes(text, size) == 0)
		abort(); /* accepted what is not JSON */
	if (ra == YDOC_NOT_JSON && jansson_takes(text, size) == 1 && !has_yaml_breaks(text, size) &&
	    !memchr(text, '\0', size)) /* jansson reads "[9\0]" as [9] */
		abort();               /* strict JSON handed to libyaml */
	if (ra == 0)
		ydoc_free(&a);
	if (rb == 0)
		ydoc_free(&b);
	return 0;
}
