/* test_ydoc.c - the YAML/JSON tree: core-schema scalars, limits against
 * hostile input, duplicate keys, and the JSON repairs with their columns. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "diag.h"
#include "ydoc.h"

static int parse(struct ydoc *d, const char *text)
{
	return ydoc_parse(d, "t.yaml", text, strlen(text), NULL);
}

/* Parse text that must fail, quietly. */
static void refused(const char *text, size_t len, const struct ydoc_limits *lim)
{
	struct ydoc d;
	diag_set_quiet(1);
	unsigned before = diag_error_count();
	assert_int_equal(ydoc_parse(&d, "t.yaml", text, len, lim), -1);
	assert_int_equal(diag_error_count(), before + 1); /* exactly one message */
	assert_null(d.root);
	diag_set_quiet(0);
}

static void core_schema_scalars(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		enum yscalar type;
	} cases[] = {
	        {"1", YS_INT},           {"-12", YS_INT},          {"+7", YS_INT},
	        {"0o17", YS_INT},        {"0x1F", YS_INT},         {"1.0", YS_FLOAT},
	        {"-.5", YS_FLOAT},       {"1e3", YS_FLOAT},        {".inf", YS_FLOAT},
	        {"-.Inf", YS_FLOAT},     {".nan", YS_FLOAT},       {"true", YS_BOOL},
	        {"False", YS_BOOL},      {"null", YS_NULL},        {"~", YS_NULL},
	        {"yes", YS_STRING},      {"on", YS_STRING},        {"'1'", YS_STRING},
	        {"\"true\"", YS_STRING}, {"1.2.3", YS_STRING},     {"2001-12-14", YS_STRING},
	        {"!!str 12", YS_STRING}, {"!!int \"12\"", YS_INT}, {"0x", YS_STRING},
	        {"1_000", YS_STRING},    {"!custom 5", YS_STRING},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char buf[64];
		snprintf(buf, sizeof buf, "v: %s\n", cases[i].text);
		struct ydoc d;
		assert_int_equal(parse(&d, buf), 0);
		const struct ynode *v = ydoc_get(d.root, "v");
		if (ydoc_scalar_type(v) != cases[i].type)
			fail_msg("'%s' resolved as %d, not %d", cases[i].text,
			         (int)ydoc_scalar_type(v), (int)cases[i].type);
		ydoc_free(&d);
	}
	struct ydoc d;
	assert_int_equal(parse(&d, "a: 0x1F\nb: 0o17\nc: -3\nd: 2.5\ne: yes\n"), 0);
	long long n;
	double x;
	assert_int_equal(ydoc_int(ydoc_get(d.root, "a"), &n), 0);
	assert_int_equal(n, 31);
	assert_int_equal(ydoc_int(ydoc_get(d.root, "b"), &n), 0);
	assert_int_equal(n, 15);
	assert_int_equal(ydoc_number(ydoc_get(d.root, "d"), &x), 0);
	assert_true(x == 2.5);
	bool b;
	assert_int_equal(ydoc_bool(ydoc_get(d.root, "e"), &b), -1);
	ydoc_free(&d);
}

static void places_are_one_based(void **state)
{
	(void)state;
	struct ydoc d;
	assert_int_equal(parse(&d, "a:\n  b: [x, {c: 1}]\n"), 0);
	const struct ynode *b = ydoc_get(ydoc_get(d.root, "a"), "b");
	assert_int_equal(b->kind, YN_SEQ);
	assert_int_equal(b->line, 2);
	assert_int_equal(b->col, 6);
	assert_int_equal(b->kids[1]->col, 10);
	assert_int_equal(ydoc_get(b->kids[1], "c")->col, 14);
	ydoc_free(&d);
}

static void bom_and_crlf(void **state)
{
	(void)state;
	struct ydoc d;
	assert_int_equal(parse(&d, "\xEF\xBB\xBF"
	                           "a: 1\r\nb:\r\n  c: x\r\n"),
	                 0);
	const struct ynode *c = ydoc_get(ydoc_get(d.root, "b"), "c");
	assert_string_equal(c->str, "x");
	assert_int_equal(c->line, 3);
	assert_int_equal(c->col, 6);
	assert_int_equal(ydoc_get(d.root, "a")->col, 4);
	ydoc_free(&d);
}

static void empty_stream(void **state)
{
	(void)state;
	struct ydoc d;
	assert_int_equal(ydoc_parse(&d, "e.yaml", "", 0, NULL), 0);
	assert_null(d.root);
	ydoc_free(&d);
	assert_int_equal(parse(&d, "# only a comment\n"), 0);
	assert_null(d.root);
	ydoc_free(&d);
}

static void deep_nesting_stops_early(void **state)
{
	(void)state;
	size_t n = 100000;
	char *deep = malloc(n);
	memset(deep, '[', n);
	refused(deep, n, NULL);
	memset(deep, '{', n);
	refused(deep, n, NULL);
	free(deep);
	/* at the limit it loads */
	struct ydoc_limits lim = ydoc_default_limits;
	lim.max_depth = 3;
	struct ydoc d;
	assert_int_equal(ydoc_parse(&d, "t", "[[[1]]]", 7, &lim), 0);
	ydoc_free(&d);
	refused("[[[[1]]]]", 9, &lim);
}

static void aliases_are_budgeted(void **state)
{
	(void)state;
	struct sbuf sb = {0};
	sbuf_puts(&sb, "a: &a [x, x, x, x, x, x, x, x, x, x]\n");
	for (char c = 'b'; c <= 'j'; c++)
		sbuf_printf(&sb, "%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c]\n", c,
		            c, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1,
		            c - 1);
	refused(sb.buf, sb.len, NULL);
	sbuf_free(&sb);
	refused("a: &x [1, *x]\n", 14, NULL);
	refused("a: *nope\n", 9, NULL);
	/* a modest alias is shared, not copied */
	struct ydoc d;
	assert_int_equal(parse(&d, "a: &s {t: 1}\nb: *s\n"), 0);
	assert_ptr_equal(ydoc_get(d.root, "a"), ydoc_get(d.root, "b"));
	ydoc_free(&d);
}

static void duplicate_keys(void **state)
{
	(void)state;
	refused("a: 1\nb: 2\na: 3\n", 15, NULL);
	refused("{\"a\": 1, \"a\": 2}", 16, NULL);
	struct sbuf sb = {0};
	for (int i = 0; i < 40; i++)
		sbuf_printf(&sb, "k%d: %d\n", i, i);
	struct ydoc d;
	assert_int_equal(parse(&d, sb.buf), 0); /* a large map, indexed */
	assert_int_equal(d.root->len, 40);
	assert_string_equal(ydoc_get(d.root, "k37")->str, "37");
	assert_null(ydoc_get(d.root, "k40"));
	assert_null(*ydoc_map_slot(d.root));
	ydoc_free(&d);
	sbuf_puts(&sb, "k17: again\n");
	refused(sb.buf, sb.len, NULL);
	sbuf_free(&sb);
}

static void invalid_input(void **state)
{
	(void)state;
	refused("a: \xff\xfe\n", 6, NULL);
	refused("a: caf\xc3\n", 8, NULL);
	refused("\x7f"
	        "ELF\x02\x01\x01",
	        7, NULL);
	refused("a: 1\n---\nb: 2\n", 14, NULL);
	refused("a: b: c\n", 8, NULL);
	refused("a: 'unclosed\n", 13, NULL);
}

static void huge_scalar_is_bounded(void **state)
{
	(void)state;
	size_t n = 3u << 20;
	char *big = malloc(n + 16);
	memcpy(big, "a: \"", 4);
	memset(big + 4, 'x', n);
	memcpy(big + 4 + n, "\"\n", 2);
	struct ydoc_limits lim = ydoc_default_limits;
	lim.max_token = 1u << 20;
	refused(big, n + 6, &lim);
	struct ydoc d;
	assert_int_equal(ydoc_parse(&d, "t", big, n + 6, NULL), 0);
	assert_int_equal(ydoc_get(d.root, "a")->len, n);
	ydoc_free(&d);
	lim = ydoc_default_limits;
	lim.max_bytes = 1000;
	refused(big, n + 6, &lim);
	free(big);
}

/* The column (1-based) of needle's first occurrence in text's line. */
static unsigned col_of(const char *line, const char *needle)
{
	const char *p = strstr(line, needle);
	unsigned col = 1;
	for (const char *q = line; q < p; q++)
		col += ((unsigned char)*q & 0xc0) != 0x80;
	return col;
}

static void json_surrogates_keep_columns(void **state)
{
	(void)state;
	struct sbuf sb = {0};
	sbuf_puts(&sb, "{\"a\": [");
	for (int i = 0; i < 50; i++)
		sbuf_printf(&sb, "%s\"\\ud83d\\ude00x\\uD83D\\uDC36\"", i ? ", " : "");
	sbuf_puts(&sb, "], \"lone\": \"\\ud83d\", \"last\": {\"k\": 1}}");
	struct ydoc d;
	assert_int_equal(ydoc_parse(&d, "t.json", sb.buf, sb.len, NULL), 0);
	const struct ynode *a = ydoc_get(d.root, "a");
	assert_int_equal(a->len, 50);
	assert_string_equal(a->kids[49]->str, "\xF0\x9F\x98\x80x\xF0\x9F\x90\xB6");
	assert_int_equal(a->kids[49]->col, 8 + 49 * 29); /* 27 characters and ", " */
	assert_string_equal(ydoc_get(d.root, "lone")->str, "\xEF\xBF\xBD");
	assert_int_equal(ydoc_get(d.root, "last")->col, col_of(sb.buf, "{\"k\""));
	assert_int_equal(ydoc_get(ydoc_get(d.root, "last"), "k")->col, col_of(sb.buf, "1}}"));
	ydoc_free(&d);
	sbuf_free(&sb);
}

static void json_that_libyaml_refuses(void **state)
{
	(void)state;
	struct sbuf sb = {0};
	sbuf_puts(&sb, "{\"x\": 1,\n \"");
	for (int i = 0; i < 1500; i++)
		sbuf_putc(&sb, 'k');
	sbuf_puts(&sb,
	          "\": {\"v\": \"del\x7f c1\xC2\x92 nonchar\xEF\xBF\xBF\\u0000!\"}, \"w\": 2}\n");
	struct ydoc d;
	assert_int_equal(ydoc_parse(&d, "t.json", sb.buf, sb.len, NULL), 0);
	const struct ynode *k = d.root->kids[2];
	assert_int_equal(k->len, 1500);
	assert_int_equal(k->line, 2);
	assert_int_equal(k->col, 2);
	const struct ynode *v = ydoc_get(d.root->kids[3], "v");
	assert_int_equal(v->len, strlen("del\x7f c1\xC2\x92 nonchar\xEF\xBF\xBF") + 2);
	assert_memory_equal(v->str, "del\x7f c1\xC2\x92 nonchar\xEF\xBF\xBF\0!", v->len);
	const char *line2 = strchr(sb.buf, '\n') + 1;
	assert_int_equal(ydoc_get(d.root, "w")->col, col_of(line2, "2}"));
	ydoc_free(&d);
	sbuf_free(&sb);
	/* broken JSON is still reported (once) */
	refused("{\"a\": [1, 2}", 12, NULL);
}

static void files_and_errors(void **state)
{
	(void)state;
	char dir[] = "/tmp/test_ydoc.XXXXXX";
	assert_non_null(mkdtemp(dir));
	struct ydoc d;
	diag_set_quiet(1);
	assert_int_equal(ydoc_load_file(&d, dir, NULL), -1);
	char *missing = xasprintf("%s/missing.yaml", dir);
	assert_int_equal(ydoc_load_file(&d, missing, NULL), -1);
	diag_set_quiet(0);
	char *path = xasprintf("%s/ok.yaml", dir);
	FILE *fp = fopen(path, "w");
	fputs("a: [1, 2]\n", fp);
	fclose(fp);
	assert_int_equal(ydoc_load_file(&d, path, NULL), 0);
	assert_int_equal(ydoc_get(d.root, "a")->len, 2);
	ydoc_free(&d);
	unlink(path);
	rmdir(dir);
	free(path);
	free(missing);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(core_schema_scalars),
	        cmocka_unit_test(places_are_one_based),
	        cmocka_unit_test(bom_and_crlf),
	        cmocka_unit_test(empty_stream),
	        cmocka_unit_test(deep_nesting_stops_early),
	        cmocka_unit_test(aliases_are_budgeted),
	        cmocka_unit_test(duplicate_keys),
	        cmocka_unit_test(invalid_input),
	        cmocka_unit_test(huge_scalar_is_bounded),
	        cmocka_unit_test(json_surrogates_keep_columns),
	        cmocka_unit_test(json_that_libyaml_refuses),
	        cmocka_unit_test(files_and_errors),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	loc_pool_free();
	return rc;
}
