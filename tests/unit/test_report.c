/* test_report.c - the reporters on a result built in memory: text made
 * valid UTF-8, escaping in each format (CR, LF, '%', ':', ',', XML
 * characters, control characters), percentages as the text prints them,
 * and display paths relative to the current directory. */
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
#include <jansson.h>

#include "report.h"

static char odd_message[] = "bad \xff byte, 100%: a\r\nb \x01 <&>";

/* One finding on both sides, one on the spec side only, one schema row. */
static void make_result(struct result *r, struct finding f[2], struct coverage_row *row)
{
	memset(r, 0, sizeof *r);
	memset(f, 0, 2 * sizeof *f);
	f[0] = (struct finding){.rule = "type-mismatch",
	                        .level = LEVEL_ERROR,
	                        .message = odd_message,
	                        .cloc = {"inc/a,b:c.h", 3, 5},
	                        .sloc = {"api.yaml", 10, 7},
	                        .pointer = "#/components/schemas/S/properties/x",
	                        .symbol = "s.x",
	                        .schema = "S",
	                        .fingerprint = "0123456789abcdef"};
	f[1] = (struct finding){.rule = "schema-unbound",
	                        .level = LEVEL_INFO,
	                        .message = "schema 'T' has no C struct",
	                        .sloc = {"api.yaml", 20, 5},
	                        .schema = "T",
	                        .fingerprint = "fedcba9876543210"};
	*row = (struct coverage_row){.schema = "S", .c_name = "struct s", .matched = 1, .total = 8};
	r->findings = f;
	r->n = 2;
	r->rows = row;
	r->n_rows = 1;
	r->props_matched = 1;
	r->props_total = 8;
	r->count[LEVEL_ERROR] = 1;
	r->count[LEVEL_INFO] = 1;
}

/* The report of format name as a string (caller frees). */
static char *render(const char *name)
{
	struct result r;
	struct finding f[2];
	struct coverage_row row;
	make_result(&r, f, &row);
	struct report_input in = {.res = &r, .spec_file = "api.yaml"};
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	assert_non_null(fp);
	const struct reporter *rep = report_find(name);
	assert_non_null(rep);
	assert_int_equal(rep->write(fp, &in), 0);
	fclose(fp);
	return buf;
}

static void utf8_cleaned(void **state)
{
	(void)state;
	char *s = report_utf8("a\xff\xc3\xa9\xe2\x82");
	assert_string_equal(s, "a\xef\xbf\xbd\xc3\xa9\xef\xbf\xbd\xef\xbf\xbd");
	free(s);
	s = report_utf8("\xc0\xaf\xed\xa0\x80ok"); /* overlong '/', a surrogate */
	assert_string_equal(s, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbdok");
	free(s);
	assert_null(report_utf8(NULL));
}

static void percent_as_text_prints_it(void **state)
{
	(void)state;
	assert_true(report_pct(1, 8) == 12.5);
	assert_true(report_pct(2, 3) == 66.7);
	assert_true(report_pct(0, 0) == 100.0);
	assert_true(report_pct(49, 400) == 12.2); /* 12.25 rounds as printf does */
}

static void paths_relative(void **state)
{
	(void)state;
	char *cwd = getcwd(NULL, 0), *below = NULL, *sibling = NULL;
	assert_true(asprintf(&below, "%s/sub/a.h", cwd) > 0);
	assert_string_equal(report_path(below), "sub/a.h");
	char *slash = strrchr(cwd, '/');
	if (slash && slash != cwd && strchr(cwd + 1, '/') != slash) { /* two levels deep */
		*slash = '\0';
		assert_true(asprintf(&sibling, "%s/zz-sibling/x.h", cwd) > 0);
		assert_string_equal(report_path(sibling), "../zz-sibling/x.h");
	}
	assert_string_equal(report_path("rel/a.h"), "rel/a.h");
	assert_string_equal(report_path("/zz-no-such-root/a.h"), "/zz-no-such-root/a.h");
	free(sibling);
	free(below);
	free(cwd);
}

static void json_valid_and_complete(void **state)
{
	(void)state;
	char *out = render("json");
	json_error_t err;
	json_t *doc = json_loads(out, 0, &err);
	assert_non_null(doc);
	assert_int_equal(json_integer_value(json_object_get(doc, "version")), REPORT_JSON_VERSION);
	json_t *f0 = json_array_get(json_object_get(doc, "findings"), 0);
	assert_string_equal(json_string_value(json_object_get(f0, "message")),
	                    "bad \xef\xbf\xbd byte, 100%: a\r\nb \x01 <&>");
	json_t *f1 = json_array_get(json_object_get(doc, "findings"), 1);
	assert_true(json_is_null(json_object_get(f1, "location")));
	json_t *props = json_object_get(json_object_get(doc, "coverage"), "properties");
	assert_true(json_real_value(json_object_get(props, "percent")) == 12.5);
	json_decref(doc);
	free(out);
}

static void github_escaped(void **state)
{
	(void)state;
	char *out = render("github");
	const char *want = "::error file=inc/a%2Cb%3Ac.h,line=3,col=5,title=type-mismatch::"
	                   "bad \xef\xbf\xbd byte, 100%25: a%0D%0Ab \x01 <&>%0Aapi.yaml:10:7: "
	                   "defined here: #/components/schemas/S/properties/x\n"
	                   "::notice file=api.yaml,line=20,col=5,title=schema-unbound::"
	                   "schema 'T' has no C struct\n";
	assert_memory_equal(out, want, strlen(want));
	free(out);
}

static void junit_escaped(void **state)
{
	(void)state;
	char *out = render("junit");
	assert_non_null(strstr(out, "message=\"error: bad \xef\xbf\xbd byte, 100%: "
	                            "a\xef\xbf\xbd&#10;b \xef\xbf\xbd &lt;&amp;&gt;\">"));
	assert_non_null(strstr(out, "<testcase classname=\"oacheck\" name=\"(other)\">"));
	assert_non_null(strstr(out, "tests=\"2\" failures=\"2\""));
	free(out);
}

static void sarif_levels_and_places(void **state)
{
	(void)state;
	char *out = render("sarif");
	json_error_t err;
	json_t *doc = json_loads(out, 0, &err);
	assert_non_null(doc);
	json_t *res = json_object_get(json_array_get(json_object_get(doc, "runs"), 0), "results");
	assert_int_equal(json_array_size(res), 2);
	json_t *r0 = json_array_get(res, 0), *r1 = json_array_get(res, 1);
	assert_string_equal(json_string_value(json_object_get(r1, "level")), "note");
	json_t *loc =
	        json_object_get(json_object_get(json_array_get(json_object_get(r0, "locations"), 0),
	                                        "physicalLocation"),
	                        "artifactLocation");
	assert_string_equal(json_string_value(json_object_get(loc, "uri")), "inc/a,b%3Ac.h");
	assert_null(json_object_get(r1, "relatedLocations"));
	json_decref(doc);
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(utf8_cleaned),
	        cmocka_unit_test(percent_as_text_prints_it),
	        cmocka_unit_test(paths_relative),
	        cmocka_unit_test(json_valid_and_complete),
	        cmocka_unit_test(github_escaped),
	        cmocka_unit_test(junit_escaped),
	        cmocka_unit_test(sarif_levels_and_places),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
