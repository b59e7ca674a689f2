/* test_annot.c - the annotation parser: tags, arguments, places, problems. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "annot.h"

static struct annot_set parse(const char *text, unsigned line, unsigned col)
{
	struct annot_set s = {0};
	annot_parse(&s, text, strlen(text), line, col);
	return s;
}

static void schema_tag_with_place(void **state)
{
	(void)state;
	struct annot_set s = parse("/** @schema Pet */", 3, 1);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.n_probs, 0);
	assert_int_equal(s.v[0].tag, AT_SCHEMA);
	assert_string_equal(s.v[0].arg, "Pet");
	assert_int_equal(s.v[0].line, 3);
	assert_int_equal(s.v[0].col, 5);
	annot_set_free(&s);
}

static void multi_line_block(void **state)
{
	(void)state;
	struct annot_set s = parse("/**\n * A pet.\n * @schema Pet\n */", 10, 1);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.v[0].line, 12);
	assert_int_equal(s.v[0].col, 4);
	annot_set_free(&s);
}

static void json_takes_first_word(void **state)
{
	(void)state;
	struct annot_set s = parse("// @json photoUrls the pictures", 1, 20);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.v[0].arg, "photoUrls");
	assert_int_equal(s.v[0].col, 23);
	annot_set_free(&s);
}

static void unknown_tag_is_a_problem(void **state)
{
	(void)state;
	struct annot_set s = parse("/**< @jsno id */", 7, 9);
	assert_int_equal(s.n, 0);
	assert_int_equal(s.n_probs, 1);
	assert_string_equal(s.probs[0].rule, "annotation-unknown");
	assert_int_equal(s.probs[0].line, 7);
	assert_int_equal(s.probs[0].col, 14);
	annot_set_free(&s);
}

static void doxygen_and_mail_are_not_tags(void **state)
{
	(void)state;
	struct annot_set s =
	        parse("/** @brief A pet. @param x ask admin@example.com @deprecated */", 1, 1);
	assert_int_equal(s.n, 0);
	assert_int_equal(s.n_probs, 0);
	annot_set_free(&s);
}

static void nocheck_needs_reason(void **state)
{
	(void)state;
	struct annot_set s = parse("// @nocheck extra-field", 1, 1);
	assert_int_equal(s.n, 0);
	assert_int_equal(s.n_probs, 1);
	assert_string_equal(s.probs[0].rule, "annotation-invalid");
	annot_set_free(&s);
	s = parse("// @nocheck extra-field,name-style legacy API */", 1, 1);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.v[0].arg, "extra-field,name-style");
	assert_string_equal(s.v[0].reason, "legacy API");
	annot_set_free(&s);
}

static void bad_arguments(void **state)
{
	(void)state;
	struct annot_set s = parse("/** @type strnig @count 9x @json */", 1, 1);
	assert_int_equal(s.n, 0);
	assert_int_equal(s.n_probs, 3);
	for (size_t i = 0; i < 3; i++)
		assert_string_equal(s.probs[i].rule, "annotation-invalid");
	annot_set_free(&s);
}

static void quoted_value_and_flags(void **state)
{
	(void)state;
	struct annot_set s =
	        parse("///< @value \"in progress\" @nocheck enum-value-extra old @json x", 1, 1);
	assert_int_equal(s.n, 3);
	assert_string_equal(s.v[0].arg, "in progress");
	assert_string_equal(s.v[1].reason, "old");
	assert_string_equal(s.v[2].arg, "x");
	annot_set_free(&s);
	s = parse("/* @ignore @optional */", 1, 1);
	assert_int_equal(s.n, 2);
	assert_non_null(annot_find(&s, AT_IGNORE));
	assert_non_null(annot_find(&s, AT_OPTIONAL));
	assert_null(annot_find(&s, AT_JSON));
	annot_set_free(&s);
}

static void typo_suggests_a_tag(void **state)
{
	(void)state;
	struct annot_set s = parse("// @jsno id @Schema Pet @frobnicate @schem @ignroe", 4, 10);
	assert_int_equal(s.n_probs, 4);
	assert_string_equal(s.probs[0].message,
	                    "unknown annotation '@jsno' (did you mean '@json'?)");
	assert_int_equal(s.probs[0].col, 13);
	assert_string_equal(s.probs[1].message,
	                    "unknown annotation '@Schema' (did you mean '@schema'?)");
	assert_string_equal(s.probs[2].message,
	                    "unknown annotation '@schem' (did you mean '@schema'?)");
	assert_int_equal(s.probs[2].col, 46);
	assert_string_equal(s.probs[3].message,
	                    "unknown annotation '@ignroe' (did you mean '@ignore'?)");
	annot_set_free(&s);
}

/* An @word that is no near miss of a tag is prose, as in the Telegram Bot
 * API's doc comments; one edit away from a short tag, two from a long one
 * is a typo. */
static void prose_is_not_a_tag(void **state)
{
	(void)state;
	struct annot_set s = parse("/** Can be mention (@username), hashtag (#hashtag) or\n"
	                           " * a channel (in the format @channelusername); @BotFather,\n"
	                           " * @frobnicate, @types, @jason, @formt. */",
	                           1, 1);
	assert_int_equal(s.n, 0);
	assert_int_equal(s.n_probs, 3);
	assert_string_equal(s.probs[0].message,
	                    "unknown annotation '@types' (did you mean '@type'?)");
	assert_int_equal(s.probs[0].line, 3);
	assert_int_equal(s.probs[0].col, 17);
	assert_string_equal(s.probs[1].message,
	                    "unknown annotation '@jason' (did you mean '@json'?)");
	assert_string_equal(s.probs[2].message,
	                    "unknown annotation '@formt' (did you mean '@format'?)");
	annot_set_free(&s);
}

static void duplicate_is_invalid(void **state)
{
	(void)state;
	struct annot_set s =
	        parse("/** @json a\n * @json b\n * @nocheck x r1 @nocheck y r2 */", 1, 1);
	assert_int_equal(s.n, 3);
	assert_string_equal(s.v[0].arg, "a");
	assert_int_equal(s.n_probs, 1);
	assert_string_equal(s.probs[0].rule, "annotation-invalid");
	assert_string_equal(s.probs[0].message, "@json given twice (first at 1:5)");
	assert_int_equal(s.probs[0].line, 2);
	assert_int_equal(s.probs[0].col, 4);
	annot_set_free(&s);
}

static void code_blocks_are_examples(void **state)
{
	(void)state;
	struct annot_set s = parse("/**\n * @code\n * x = @jsno(1);\n * @endcode\n"
	                           " * \\verbatim @bogus \\endverbatim @json real\n */",
	                           1, 1);
	assert_int_equal(s.n_probs, 0);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.v[0].arg, "real");
	assert_int_equal(s.v[0].line, 5);
	assert_int_equal(s.v[0].col, 34);
	annot_set_free(&s);
}

static void markers_are_not_arguments(void **state)
{
	(void)state;
	struct annot_set s = parse("/** @json name*/", 1, 1);
	assert_string_equal(s.v[0].arg, "name");
	annot_set_free(&s);
	s = parse("//!< @example 42 */", 1, 1);
	assert_string_equal(s.v[0].arg, "42");
	annot_set_free(&s);
	s = parse("/**\n * @schema #/components/schemas/Pet\n **/", 1, 1);
	assert_string_equal(s.v[0].arg, "#/components/schemas/Pet");
	annot_set_free(&s);
	s = parse("/* @format */", 1, 1);
	assert_int_equal(s.n_probs, 1);
	assert_string_equal(s.probs[0].message, "@format needs an argument");
	annot_set_free(&s);
}

static void hostile_text_is_safe(void **state)
{
	(void)state;
	static const char *const texts[] = {"@",           "@@",
	                                    "/**@json",    "@json\n",
	                                    "\\code",      "@code @json x",
	                                    "@nocheck",    "@value '",
	                                    "@value \"\"", "@jsonnnnnnnnnnnnnnnnnnnnnnnn"};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		struct annot_set s = parse(texts[i], 1, 1);
		annot_set_free(&s);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(schema_tag_with_place),
	        cmocka_unit_test(multi_line_block),
	        cmocka_unit_test(json_takes_first_word),
	        cmocka_unit_test(unknown_tag_is_a_problem),
	        cmocka_unit_test(prose_is_not_a_tag),
	        cmocka_unit_test(doxygen_and_mail_are_not_tags),
	        cmocka_unit_test(nocheck_needs_reason),
	        cmocka_unit_test(bad_arguments),
	        cmocka_unit_test(quoted_value_and_flags),
	        cmocka_unit_test(typo_suggests_a_tag),
	        cmocka_unit_test(duplicate_is_invalid),
	        cmocka_unit_test(code_blocks_are_examples),
	        cmocka_unit_test(markers_are_not_arguments),
	        cmocka_unit_test(hostile_text_is_safe),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
