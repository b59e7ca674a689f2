/* test_spec.c - the spec loader on documents given inline. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "diag.h"
#include "spec.h"

static struct spec *load(const char *text)
{
	return spec_load_buffer("t.yaml", text, strlen(text), NULL);
}

static const struct spec_prop *prop(const struct spec_schema *sc, const char *name)
{
	for (size_t i = 0; i < sc->n_props; i++)
		if (!strcmp(sc->props[i].name, name))
			return &sc->props[i];
	return NULL;
}

static const char petstore[] = "openapi: 3.0.3\n"
                               "info: {title: Pets, version: '1'}\n"
                               "components:\n"
                               "  schemas:\n"
                               "    Pet:\n"
                               "      type: object\n"
                               "      required: [id]\n"
                               "      properties:\n"
                               "        id: {type: integer, format: int64}\n"
                               "        name: {type: string, maxLength: 64}\n"
                               "        tag: {$ref: '#/components/schemas/Tag'}\n"
                               "        status: {type: string, enum: [a, b]}\n"
                               "    Tag:\n"
                               "      properties:\n"
                               "        label: {type: string}\n";

static void loads_schemas_with_places(void **state)
{
	(void)state;
	struct spec *s = load(petstore);
	assert_non_null(s);
	assert_int_equal(s->version, 30);
	assert_int_equal(s->n_schemas, 2);
	const struct spec_schema *pet = spec_find(s, "Pet");
	assert_non_null(pet);
	assert_int_equal(pet->loc.line, 6);
	assert_int_equal(pet->loc.col, 7);
	assert_string_equal(pet->pointer, "/components/schemas/Pet");
	const struct spec_prop *id = prop(pet, "id");
	assert_true(id->required);
	assert_int_equal(id->loc.line, 9);
	assert_int_equal(id->loc.col, 9);
	assert_int_equal(id->schema->types, SPEC_INTEGER);
	assert_string_equal(id->schema->format, "int64");
	assert_false(prop(pet, "name")->required);
	assert_int_equal(prop(pet, "name")->schema->max_length, 64);
	assert_int_equal(prop(pet, "status")->schema->n_enums, 2);
	const struct spec_schema *tag = spec_deref(prop(pet, "tag")->schema);
	assert_ptr_equal(tag, spec_find(s, "Tag"));
	assert_string_equal(spec_ref_name(prop(pet, "tag")->schema), "Tag");
	assert_int_equal(s->n_issues, 0);
	spec_free(s);
}

static void dangling_ref_is_a_finding(void **state)
{
	(void)state;
	struct spec *s = load("openapi: 3.0.0\ninfo: {title: x, version: '1'}\n"
	                      "components:\n  schemas:\n    A:\n      properties:\n"
	                      "        b: {$ref: '#/components/schemas/Nope'}\n"
	                      "        c: {$ref: 'https://example.com/x.yaml'}\n");
	assert_non_null(s);
	assert_int_equal(s->n_issues, 2);
	assert_string_equal(s->issues[0].rule, "spec-ref-unresolved");
	assert_int_equal(s->issues[0].loc.line, 7);
	assert_int_equal(s->issues[0].loc.col, 19);
	assert_non_null(strstr(s->issues[1].message, "network"));
	spec_free(s);
}

static void refuses_bad_input(void **state)
{
	(void)state;
	diag_set_quiet(1);
	assert_null(load("openapi: 4.0.0\n"));
	assert_null(load("swagger: '1.2'\n"));
	assert_null(load("just: a mapping\n"));
	assert_null(load(""));
	assert_null(load("openapi: 3.0.0\ninfo: {\n"));
	assert_null(load("openapi: 3.0.0\nopenapi: 3.1.0\n"));
	assert_null(load("a: &x [1, *x]\n"));
	diag_set_quiet(0);
}

static void swagger_and_31(void **state)
{
	(void)state;
	struct spec *s =
	        load("swagger: '2.0'\ninfo: {title: x, version: '1'}\ndefinitions:\n"
	             "  A:\n    properties:\n      n: {type: integer, x-nullable: true}\n");
	assert_non_null(s);
	assert_int_equal(s->version, 20);
	assert_true(spec_find(s, "A")->props[0].schema->nullable);
	spec_free(s);
	s = load("openapi: 3.1.0\ninfo: {title: x, version: '1'}\ncomponents:\n  schemas:\n"
	         "    A:\n      properties:\n        n: {type: [string, 'null'], const: x}\n");
	assert_non_null(s);
	const struct spec_schema *n = spec_find(s, "A")->props[0].schema;
	assert_int_equal(n->types, SPEC_STRING);
	assert_true(n->nullable);
	assert_int_equal(n->n_enums, 1);
	spec_free(s);
}

static void all_of_merges(void **state)
{
	(void)state;
	struct spec *s = load(
	        "openapi: 3.0.0\ninfo: {title: x, version: '1'}\ncomponents:\n  schemas:\n"
	        "    Base:\n      required: [id]\n      properties:\n        id: {type: integer}\n"
	        "    Dog:\n      allOf:\n        - $ref: '#/components/schemas/Base'\n"
	        "        - required: [bark]\n          properties:\n            bark: {type: "
	        "boolean}\n");
	assert_non_null(s);
	const struct spec_schema *dog = spec_find(s, "Dog");
	assert_int_equal(dog->n_props, 2);
	assert_true(prop(dog, "id")->required);
	assert_true(prop(dog, "bark")->required);
	spec_free(s);
}

static void json_with_emoji_escapes(void **state)
{
	(void)state;
	const char *json = "{\"openapi\": \"3.0.0\", \"info\": {\"title\": \"x \\ud83d\\ude00\", "
	                   "\"version\": \"1\"},\n"
	                   "\"components\": {\"schemas\": {\"A\": {\"description\": "
	                   "\"\\ud83d\\ude00\\ud83d\\ude00\", \"properties\": {\"b\": {\"type\": "
	                   "\"string\"}}}}}}";
	struct spec *s = load(json);
	assert_non_null(s);
	assert_string_equal(s->title, "x \xf0\x9f\x98\x80");
	const struct spec_schema *a = spec_find(s, "A");
	/* the column after two repaired escapes is still the column in the file */
	assert_int_equal(a->props[0].loc.line, 2);
	assert_int_equal(a->props[0].loc.col, 92);
	spec_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(loads_schemas_with_places),
	        cmocka_unit_test(dangling_ref_is_a_finding),
	        cmocka_unit_test(refuses_bad_input),
	        cmocka_unit_test(swagger_and_31),
	        cmocka_unit_test(all_of_merges),
	        cmocka_unit_test(json_with_emoji_escapes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
