/* test_ydoc.c - the YAML/JSON tree: core-schema scalars, limits against
 * hostile input, duplicate keys, the JSON repairs with their columns, and
 * the JSON reader against libyaml's path, node by node. */
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
#include "ydoc_int.h"

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

/* --- the JSON reader (ydoc_jread.c) against libyaml's path ------------ */

/* The first difference of two trees, described in why; false if none. */
static bool tree_differs(const struct ynode *a, const struct ynode *b, char *why, size_t size)
{
	if (!a || !b) {
		snprintf(why, size, "one tree is empty");
		return a != b;
	}
	if (a->kind != b->kind || a->len != b->len || a->line != b->line || a->col != b->col ||
	    a->quoted != b->quoted || a->tag != b->tag ||
	    (a->kind == YN_SCALAR && memcmp(a->str, b->str, a->len + 1) != 0)) {
		snprintf(why, size,
		         "json reader: kind %d len %u at %u:%u quoted %d tag %d '%.40s'; "
		         "libyaml: kind %d len %u at %u:%u quoted %d tag %d '%.40s'",
		         a->kind, a->len, a->line, a->col, a->quoted, a->tag, a->str ? a->str : "",
		         b->kind, b->len, b->line, b->col, b->quoted, b->tag, b->str ? b->str : "");
		return true;
	}
	size_t n = a->kind == YN_MAP ? 2 * (size_t)a->len : a->kind == YN_SEQ ? a->len : 0;
	for (size_t i = 0; i < n; i++)
		if (tree_differs(a->kids[i], b->kids[i], why, size))
			return true;
	return false;
}

/* text, read by the JSON reader itself (not handed to libyaml) and by
 * libyaml's path, gives the same tree; the JSON reader's is in *out. */
static void same_both_ways(const char *text, size_t len, struct ydoc *out)
{
	struct ydoc j, y;
	char why[512];
	assert_int_equal(ydoc_parse_with(&j, "t.json", text, len, NULL, YDOC_READ_JSON), 0);
	assert_int_equal(ydoc_parse_with(&y, "t.json", text, len, NULL, YDOC_READ_YAML), 0);
	if (tree_differs(j.root, y.root, why, sizeof why))
		fail_msg("%s", why);
	ydoc_free(&y);
	if (out)
		*out = j;
	else
		ydoc_free(&j);
}

/* The one message of a refusal by reader (which must not hand it over). */
static char *refusal(const char *text, size_t len, const struct ydoc_limits *lim,
                     enum ydoc_reader reader)
{
	struct ydoc d;
	struct sbuf sb = {0};
	unsigned before = diag_error_count();
	diag_capture(&sb);
	int rc = ydoc_parse_with(&d, "t.json", text, len, lim, reader);
	diag_capture(NULL);
	assert_int_equal(rc, -1);
	assert_int_equal(diag_error_count(), before + 1);
	assert_null(d.root);
	assert_non_null(sb.buf);
	return sbuf_take(&sb);
}

/* Refused by the JSON reader with the message want (NULL: libyaml's path
 * says the same), and refused by libyaml's path. */
static void refused_both_ways(const char *text, size_t len, const struct ydoc_limits *lim,
                              const char *want)
{
	char *j = refusal(text, len, lim, YDOC_READ_JSON);
	char *y = refusal(text, len, lim, YDOC_READ_YAML);
	assert_string_equal(j, want ? want : y);
	free(j);
	free(y);
}

static void json_reader_nesting_and_scalars(void **state)
{
	(void)state;
	struct sbuf sb = {0};
	sbuf_puts(&sb,
	          "{\n  \"openapi\": \"3.0.3\",\"n\":[1,-0,2.5,-1.5e+10,1E-3,0.0, true,false,"
	          "null],\n\t\"e\": {}, \"f\" : [ ],\n  \"deep\": {\"a\": [[{\"b\": [[]]}]]},\n"
	          "  \"big\": {");
	for (int i = 0; i < 40; i++) /* an indexed map */
		sbuf_printf(&sb, "%s\"k%d\": %d", i ? ", " : "", i, i);
	sbuf_puts(&sb, "}\n}\n");
	struct ydoc d;
	same_both_ways(sb.buf, sb.len, &d);
	const struct ynode *n = ydoc_get(d.root, "n");
	assert_int_equal(n->len, 9);
	assert_string_equal(n->kids[3]->str, "-1.5e+10");
	assert_false(n->kids[3]->quoted);
	assert_int_equal(ydoc_scalar_type(n->kids[6]), YS_BOOL);
	assert_int_equal(ydoc_scalar_type(n->kids[8]), YS_NULL);
	assert_true(ydoc_get_key(d.root, "openapi")->quoted);
	assert_int_equal(ydoc_get(d.root, "f")->kind, YN_SEQ);
	assert_string_equal(ydoc_get(ydoc_get(d.root, "big"), "k37")->str, "37");
	assert_null(*ydoc_map_slot(ydoc_get(d.root, "big")));
	ydoc_free(&d);
	sbuf_free(&sb);
}

static void json_reader_escapes(void **state)
{
	(void)state;
	static const char text[] =
	        "[\"a\\/b\\\\c\\\"d\\b\\f\\n\\r\\t\", \"x\\u0000y\", \"\\u00E9\\u6771\\u0085\",\n"
	        " \"\\ud83d\\ude00\\uD83D\\uDC36\", \"\\ud83d\", \"\\ude00x\", \"\\ud83d\\u0041\","
	        " \"\\ud83d\\ud83d\\ude00\", \"after\"]";
	struct ydoc d;
	same_both_ways(text, sizeof text - 1, &d);
	const struct ynode *const *k = (const struct ynode *const *)d.root->kids;
	assert_string_equal(k[0]->str, "a/b\\c\"d\b\f\n\r\t");
	assert_int_equal(k[1]->len, 3);
	assert_memory_equal(k[1]->str, "x\0y", 4);
	assert_string_equal(k[2]->str, "\xC3\xA9\xE6\x9D\xB1\xC2\x85");
	assert_string_equal(k[3]->str, "\xF0\x9F\x98\x80\xF0\x9F\x90\xB6");
	assert_string_equal(k[4]->str, "\xEF\xBF\xBD"); /* lone: U+FFFD, as libyaml's path */
	assert_string_equal(k[5]->str, "\xEF\xBF\xBDx");
	assert_string_equal(k[6]->str, "\xEF\xBF\xBD"
	                               "A");
	assert_string_equal(k[7]->str, "\xEF\xBF\xBD\xF0\x9F\x98\x80");
	assert_int_equal(k[8]->line, 2);
	ydoc_free(&d);
}

static void json_reader_unicode_columns(void **state)
{
	(void)state;
	static const char text[] = "{\"\xC3\xA9t\xC3\xA9\": \"\xE6\x9D\xB1\xE4\xBA\xAC\", "
	                           "\"\xF0\x9F\x98\x80\": [\"\xC2\xA0\", 1],\n"
	                           "\t\"tab\":\t\"a\tb\", \"z\": {\"\xE2\x82\xAC\": null}}";
	struct ydoc d;
	same_both_ways(text, sizeof text - 1, &d);
	const struct ynode *smile = ydoc_get(d.root, "\xF0\x9F\x98\x80");
	assert_int_equal(smile->col, col_of(text, "[\""));
	assert_int_equal(smile->kids[1]->col, col_of(text, "1]"));
	const char *line2 = strchr(text, '\n') + 1;
	assert_string_equal(ydoc_get(d.root, "tab")->str, "a\tb");
	assert_int_equal(ydoc_get(ydoc_get(d.root, "z"), "\xE2\x82\xAC")->col,
	                 col_of(line2, "null"));
	ydoc_free(&d);
}

static void json_reader_bom_and_line_ends(void **state)
{
	(void)state;
	static const char text[] = "\xEF\xBB\xBF{\"a\": 1,\r\n  \"b\": [\r\n    2,\r    3\r\n  ],"
	                           "\n\"c\": \"\xC3\xA9\"\r}\r\n";
	struct ydoc d;
	same_both_ways(text, sizeof text - 1, &d);
	assert_int_equal(d.root->col, 1); /* a BOM is no column */
	assert_int_equal(ydoc_get(d.root, "a")->col, 7);
	const struct ynode *b = ydoc_get(d.root, "b");
	assert_int_equal(b->kids[0]->line, 3);
	assert_int_equal(b->kids[1]->line, 4); /* a lone CR ends a line too */
	assert_int_equal(b->kids[1]->col, 5);
	assert_int_equal(ydoc_get_key(d.root, "c")->line, 6);
	ydoc_free(&d);
	/* libyaml's path repairs surrogates on lines that CR or LS end */
	static const char cr[] = "[\r\"\\ud83d\\ude00\xE2\x80\xA8\\ud83d\\ude00\", 1,\r2]";
	assert_int_equal(ydoc_parse_with(&d, "t.json", cr, sizeof cr - 1, NULL, YDOC_READ_JSON),
	                 YDOC_NOT_JSON); /* the raw LS: libyaml's */
	struct ydoc y;
	assert_int_equal(ydoc_parse(&y, "t.json", cr, sizeof cr - 1, NULL), 0);
	assert_int_equal(y.root->kids[1]->line, 3);
	assert_int_equal(y.root->kids[1]->col, 16);
	ydoc_free(&y);
	same_both_ways("[\r\"\\ud83d\\ude00x\", 1]", 21, NULL);
}

static void json_reader_long_keys(void **state)
{
	(void)state;
	struct sbuf sb = {0};
	sbuf_puts(&sb, "{\"x\": 1,\n \"");
	for (int i = 0; i < 1500; i++) /* over libyaml's simple-key limit */
		sbuf_putc(&sb, 'k');
	sbuf_puts(&sb, "\": {\"\xC3\xA9");
	for (int i = 0; i < 5000; i++)
		sbuf_putc(&sb, 'q');
	sbuf_puts(&sb, "\": [true]}, \"w\": 2}\n");
	struct ydoc d;
	same_both_ways(sb.buf, sb.len, &d);
	assert_int_equal(d.root->kids[2]->len, 1500);
	assert_int_equal(d.root->kids[2]->col, 2);
	const struct ynode *inner = d.root->kids[3];
	assert_int_equal(inner->kids[0]->len, 5002);
	assert_int_equal(inner->kids[1]->col, 1500 + 5012);
	ydoc_free(&d);
	sbuf_free(&sb);
}

static void json_reader_duplicate_keys(void **state)
{
	(void)state;
	refused_both_ways("{\"a\": 1,\n \"b\": {\"a\": 2}, \"a\": 3}", 32, NULL,
	                  "t.json:2:17: error: duplicate key 'a' (first at line 1, column 2)\n");
	struct sbuf sb = {0};
	sbuf_puts(&sb, "{");
	for (int i = 0; i < 40; i++)
		sbuf_printf(&sb, "\"k%d\": %d, ", i, i);
	sbuf_puts(&sb, "\"k17\": \"again\"}");
	refused_both_ways(sb.buf, sb.len, NULL, NULL);
	sbuf_free(&sb);
}

static void json_reader_depth_limit(void **state)
{
	(void)state;
	size_t n = 100000;
	char *deep = malloc(n);
	memset(deep, '[', n);
	refused_both_ways(deep, n, NULL, "t.json:1:1001: error: nesting deeper than 1000 levels\n");
	for (size_t i = 0; i < n; i += 5)
		memcpy(deep + i, "{\"a\":", 5);
	refused_both_ways(deep, n, NULL, "t.json:1:5001: error: nesting deeper than 1000 levels\n");
	free(deep);
	struct ydoc_limits lim = ydoc_default_limits;
	lim.max_depth = 3;
	struct ydoc d;
	assert_int_equal(ydoc_parse_with(&d, "t", "[[[1]]]", 7, &lim, YDOC_READ_JSON), 0);
	ydoc_free(&d);
	refused_both_ways("[[[[1]]]]", 9, &lim, NULL);
}

static void json_reader_broken_utf8(void **state)
{
	(void)state;
	static const char *const cases[] = {
	        "[\"a\", \"\xff\"]",          /* invalid leading octet */
	        "[\"a\", \"\x80\"]",          /* a lone continuation byte */
	        "[\"a\",\n \"caf\xC3\"]",     /* invalid trailing octet: the quote */
	        "[\"\xC3\xA9\xE6\x9D\"]",     /* trailing octet, after a character */
	        "[\"\xC0\x80\"]",             /* overlong */
	        "[\"\xC3\xA9\xED\xA0\x80\"]", /* a surrogate in UTF-8 */
	        "[\"\xF4\x90\x80\x80\"]",     /* over U+10FFFF */
	        "\xEF\xBB\xBF[\"\xFF\"]",     /* after a BOM */
	        "[\r\"\xFF\"]",               /* after a lone CR */
	        "[\"a\x01\"]",                /* a control character in a string */
	        "[1, \x7f]",                  /* DEL outside a string */
	        "{\"a\": [\x1b]}",            /* ESC where a value begins */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		refused_both_ways(cases[i], strlen(cases[i]), NULL, NULL);
	refused_both_ways("[\"a\", \"caf\xC3", 11, NULL, NULL); /* incomplete at the end */
	refused_both_ways("[\"\0\"]", 5, NULL,
	                  "t.json:1:3: error: control characters are not allowed (byte 0x00)\n");
}

static void json_reader_truncated(void **state)
{
	(void)state;
	static const struct {
		const char *text, *want;
	} cases[] = {
	        {"{\"a\": [1, 2", "1:12: error: the text ends inside the sequence that begins at "
	                          "line 1, column 7"},
	        {"{\"a\": \"x\xC3\xA9", "1:10: error: the text ends inside the string that begins "
	                                "at line 1, column 7"},
	        {"{\"a\"\n", "2:1: error: the text ends inside the mapping that begins at line 1, "
	                     "column 1"},
	        {"{\"a\": ", "1:7: error: the text ends inside the mapping"},
	        {"{\"a\": 1,", "1:9: error: the text ends inside the mapping"},
	        {"[tru", "1:5: error: the text ends inside the sequence"},
	        {"[1e", "1:4: error: the text ends inside the sequence"},
	        {"[\"a\\", "1:5: error: the text ends inside the string"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t len = strlen(cases[i].text);
		char *j = refusal(cases[i].text, len, NULL, YDOC_READ_JSON);
		if (strncmp(j, "t.json:", 7) ||
		    strncmp(j + 7, cases[i].want, strlen(cases[i].want)))
			fail_msg("'%s': %s", cases[i].text, j);
		free(j);
		free(refusal(cases[i].text, len, NULL, YDOC_READ_YAML));
	}
}

static void json_reader_hands_over(void **state)
{
	(void)state;
	/* not strict JSON, or JSON that libyaml reads otherwise: the JSON
	 * reader says so without a word, and libyaml reads it */
	static const char *const cases[] = {
	        "{a: 1}",       "{'a': 'b'}",        "[1, 2,]",
	        "[1, # c\n 2]", "{\"a\": 1} # c",    "[1]\n...\n",
	        "[01, 1.]",     "[yes, .5, +1]",     "[\"a\nb\"]",
	        "[\"a\\x41\"]", "[\"a\xC2\x85 b\"]", "[\"a \xE2\x80\xA8 b\", 1]",
	        "[1 2]",        "[\"a\", \xC3\xA9]",
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t len = strlen(cases[i]);
		struct ydoc j, a, y;
		unsigned before = diag_error_count();
		assert_int_equal(ydoc_parse_with(&j, "t.json", cases[i], len, NULL, YDOC_READ_JSON),
		                 YDOC_NOT_JSON);
		assert_int_equal(diag_error_count(), before);
		assert_null(j.root);
		assert_int_equal(ydoc_parse_with(&a, "t.json", cases[i], len, NULL, YDOC_READ_AUTO),
		                 0);
		assert_int_equal(ydoc_parse_with(&y, "t.json", cases[i], len, NULL, YDOC_READ_YAML),
		                 0);
		char why[512];
		if (tree_differs(a.root, y.root, why, sizeof why))
			fail_msg("'%s': %s", cases[i], why);
		ydoc_free(&a);
		ydoc_free(&y);
	}
}

/* Strict JSON that libyaml refuses loads; OACHECK_JSON_READER=yaml
 * chooses libyaml's path. */
static void json_reader_switch(void **state)
{
	(void)state;
	static const char text[] = "\t{\"a\"\n  : [1]}";
	struct ydoc d;
	assert_int_equal(ydoc_parse(&d, "t.json", text, sizeof text - 1, NULL), 0);
	assert_int_equal(d.root->col, 2);
	assert_int_equal(ydoc_get(d.root, "a")->line, 2);
	assert_int_equal(ydoc_get(d.root, "a")->col, 5);
	ydoc_free(&d);
	setenv("OACHECK_JSON_READER", "yaml", 1);
	assert_int_equal(ydoc_reader_chosen(), YDOC_READ_YAML);
	diag_set_quiet(1);
	assert_int_equal(ydoc_parse(&d, "t.json", text, sizeof text - 1, NULL), -1);
	diag_set_quiet(0);
	setenv("OACHECK_JSON_READER", "json", 1);
	assert_int_equal(ydoc_reader_chosen(), YDOC_READ_AUTO);
	unsetenv("OACHECK_JSON_READER");
	assert_int_equal(ydoc_reader_chosen(), YDOC_READ_AUTO);
}

static void json_reader_huge_token(void **state)
{
	(void)state;
	size_t n = 3u << 20;
	char *big = malloc(n + 16);
	memcpy(big, "[1,\n \"", 6);
	memset(big + 6, 'x', n);
	memcpy(big + 6 + n, "\"]", 2);
	struct ydoc_limits lim = ydoc_default_limits;
	lim.max_token = 1u << 20;
	char *j = refusal(big, n + 8, &lim, YDOC_READ_JSON);
	assert_string_equal(j, "t.json:2:2: error: a string longer than 1 MiB\n");
	free(j);
	free(refusal(big, n + 8, &lim, YDOC_READ_YAML));
	memset(big + 5, '7', n + 1);
	big[n + 6] = ']';
	j = refusal(big, n + 7, &lim, YDOC_READ_JSON);
	assert_string_equal(j, "t.json:2:2: error: a number longer than 1 MiB\n");
	free(j);
	struct ydoc d;
	assert_int_equal(ydoc_parse_with(&d, "t", big, n + 7, NULL, YDOC_READ_JSON), 0);
	assert_int_equal(d.root->kids[1]->len, n + 1);
	ydoc_free(&d);
	free(big);
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
	        cmocka_unit_test(json_reader_nesting_and_scalars),
	        cmocka_unit_test(json_reader_escapes),
	        cmocka_unit_test(json_reader_unicode_columns),
	        cmocka_unit_test(json_reader_bom_and_line_ends),
	        cmocka_unit_test(json_reader_long_keys),
	        cmocka_unit_test(json_reader_duplicate_keys),
	        cmocka_unit_test(json_reader_depth_limit),
	        cmocka_unit_test(json_reader_broken_utf8),
	        cmocka_unit_test(json_reader_truncated),
	        cmocka_unit_test(json_reader_hands_over),
	        cmocka_unit_test(json_reader_switch),
	        cmocka_unit_test(json_reader_huge_token),
	        cmocka_unit_test(files_and_errors),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	loc_pool_free();
	return rc;
}
