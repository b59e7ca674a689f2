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
#include "spec_int.h"

#include <stdio.h>
#include <stdlib.h>

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

static const char head30[] = "openapi: 3.0.3\ninfo: {title: x, version: '1'}\n";

static struct spec *load30(const char *schemas)
{
	char *text = xasprintf("%scomponents:\n  schemas:\n%s", head30, schemas);
	struct spec *s = load(text);
	free(text);
	return s;
}

static void pointer_escapes(void **state)
{
	(void)state;
	struct spec *s = load30("    a/b~c: {type: string, maxLength: 3}\n"
	                        "    'sp ace': {type: integer}\n"
	                        "    R:\n      properties:\n"
	                        "        x: {$ref: '#/components/schemas/a~1b~0c'}\n"
	                        "        y: {$ref: '#/components/schemas/a~1b%7E0c'}\n"
	                        "        z: {$ref: '#/components/schemas/sp%20ace'}\n");
	assert_non_null(s);
	assert_int_equal(s->n_issues, 0);
	const struct spec_schema *r = spec_find(s, "R");
	assert_ptr_equal(spec_deref(prop(r, "x")->schema), spec_find(s, "a/b~c"));
	assert_ptr_equal(spec_deref(prop(r, "y")->schema), spec_find(s, "a/b~c"));
	assert_ptr_equal(spec_deref(prop(r, "z")->schema), spec_find(s, "sp ace"));
	assert_string_equal(spec_find(s, "a/b~c")->pointer, "/components/schemas/a~1b~0c");
	assert_string_equal(spec_ref_name(prop(r, "x")->schema), "a/b~c");
	spec_free(s);
}

static void cycles_terminate(void **state)
{
	(void)state;
	struct spec *s =
	        load30("    Self: {$ref: '#/components/schemas/Self'}\n"
	               "    Loop1: {$ref: '#/components/schemas/Loop2'}\n"
	               "    Loop2: {$ref: '#/components/schemas/Loop1'}\n"
	               "    Node:\n      properties:\n"
	               "        kids: {type: array, items: {$ref: '#/components/schemas/Node'}}\n"
	               "        up: {$ref: '#/components/schemas/Node'}\n"
	               "    A: {properties: {b: {$ref: '#/components/schemas/B'}}}\n"
	               "    B: {allOf: [{$ref: '#/components/schemas/A'}], properties: {a: {$ref: "
	               "'#/components/schemas/A'}}}\n"
	               "    C: {allOf: [{$ref: '#/components/schemas/C'}]}\n");
	assert_non_null(s);
	const struct spec_schema *self = spec_find(s, "Self");
	assert_non_null(spec_deref(self)); /* stops after a bounded number of hops */
	assert_non_null(spec_deref(spec_find(s, "Loop1")));
	const struct spec_schema *node = spec_find(s, "Node");
	assert_ptr_equal(spec_deref(prop(node, "up")->schema), node);
	assert_ptr_equal(spec_deref(prop(node, "kids")->schema->items), node);
	const struct spec_schema *b = spec_find(s, "B");
	assert_non_null(prop(b, "b")); /* merged from A */
	assert_non_null(prop(b, "a"));
	FILE *devnull = fopen("/dev/null", "w");
	spec_dump(s, devnull);
	fclose(devnull);
	spec_free(s);
}

static void keywords_are_read(void **state)
{
	(void)state;
	struct spec *s = load30(
	        "    K:\n      type: object\n      additionalProperties: false\n"
	        "      discriminator: {propertyName: kind}\n      properties:\n"
	        "        ro: {type: string, readOnly: true, deprecated: true, format: uuid}\n"
	        "        wo: {type: string, writeOnly: true, nullable: true, minLength: 2}\n"
	        "        n: {type: integer, enum: [1, 2, 3], minimum: 0, exclusiveMinimum: true, "
	        "maximum: 9}\n"
	        "        l: {type: array, minItems: 1, maxItems: 4, items: {type: string}}\n"
	        "        m: {type: object, additionalProperties: {type: integer}}\n"
	        "        o: {oneOf: [{type: string}, {type: integer}]}\n"
	        "        e: {type: string, enum: [a, 'yes'], example: a}\n"
	        "        i: {type: object, properties: {deep: {type: boolean}}}\n");
	assert_non_null(s);
	const struct spec_schema *k = spec_find(s, "K");
	assert_int_equal(k->addl, SPEC_ADDL_FALSE);
	assert_string_equal(k->discriminator, "kind");
	const struct spec_schema *ro = prop(k, "ro")->schema, *wo = prop(k, "wo")->schema;
	assert_true(ro->read_only && ro->deprecated && !ro->write_only);
	assert_string_equal(ro->format, "uuid");
	assert_true(wo->write_only && wo->nullable);
	assert_int_equal(wo->min_length, 2);
	const struct spec_schema *n = prop(k, "n")->schema;
	assert_int_equal(n->n_enums, 3);
	assert_int_equal(n->enums[1].kind, SV_INT);
	assert_true(n->has_minimum && n->excl_minimum && n->minimum == 0);
	assert_true(n->has_maximum && !n->excl_maximum && n->maximum == 9);
	const struct spec_schema *l = prop(k, "l")->schema;
	assert_int_equal(l->min_items, 1);
	assert_int_equal(l->max_items, 4);
	assert_int_equal(l->items->types, SPEC_STRING);
	const struct spec_schema *m = prop(k, "m")->schema;
	assert_int_equal(m->addl, SPEC_ADDL_SCHEMA);
	assert_int_equal(m->addl_schema->types, SPEC_INTEGER);
	assert_int_equal(prop(k, "o")->schema->n_one_of, 2);
	const struct spec_schema *e = prop(k, "e")->schema;
	assert_int_equal(e->enums[1].kind, SV_STRING);
	assert_string_equal(e->example->text, "a");
	const struct spec_schema *i = prop(k, "i")->schema;
	assert_int_equal(prop(i, "deep")->schema->types, SPEC_BOOLEAN);
	assert_string_equal(prop(i, "deep")->pointer,
	                    "/components/schemas/K/properties/i/properties/deep");
	assert_int_equal(prop(i, "deep")->loc.line, 17);
	spec_free(s);
}

static void openapi_31_forms(void **state)
{
	(void)state;
	struct spec *s =
	        load("openapi: 3.1.0\ninfo: {title: x, version: '1'}\ncomponents:\n"
	             "  schemas:\n"
	             "    T: {type: object, properties: {v: {type: string}}}\n"
	             "    A:\n      $defs:\n        Inner: {type: string, maxLength: 7}\n"
	             "      properties:\n"
	             "        d: {$ref: '#/components/schemas/A/$defs/Inner'}\n"
	             "        t: {anyOf: [{$ref: '#/components/schemas/T'}, {type: 'null'}]}\n"
	             "        u: {oneOf: [{type: 'null'}, {type: integer, maximum: 5}]}\n"
	             "        c: {const: 42}\n"
	             "        x: {type: [integer, 'null'], exclusiveMaximum: 10, maximum: 20, "
	             "examples: [3, 4]}\n"
	             "        b: true\n");
	assert_non_null(s);
	assert_int_equal(s->version, 31);
	const struct spec_schema *a = spec_find(s, "A");
	assert_int_equal(spec_deref(prop(a, "d")->schema)->max_length, 7);
	const struct spec_schema *t = prop(a, "t")->schema;
	assert_true(t->nullable);
	assert_ptr_equal(spec_deref(t), spec_find(s, "T"));
	assert_string_equal(spec_ref_name(t), "T");
	const struct spec_schema *u = prop(a, "u")->schema;
	assert_true(u->nullable);
	assert_int_equal(u->types, SPEC_INTEGER);
	assert_true(u->has_maximum && u->maximum == 5);
	assert_int_equal(prop(a, "c")->schema->n_enums, 1);
	assert_int_equal(prop(a, "c")->schema->enums[0].kind, SV_INT);
	const struct spec_schema *x = prop(a, "x")->schema;
	assert_true(x->nullable && x->types == SPEC_INTEGER);
	assert_true(x->excl_maximum && x->maximum == 10); /* the stricter bound */
	assert_string_equal(x->example->text, "3");
	assert_int_equal(prop(a, "b")->schema->types, 0);
	spec_free(s);
}

static void wrapped_ref_in_30(void **state)
{
	(void)state;
	struct spec *s = load30("    S: {type: string, enum: [a, b]}\n"
	                        "    P:\n      properties:\n"
	                        "        s: {allOf: [{$ref: '#/components/schemas/S'}], "
	                        "nullable: true, description: why}\n");
	assert_non_null(s);
	const struct spec_schema *ps = prop(spec_find(s, "P"), "s")->schema;
	assert_ptr_equal(spec_deref(ps), spec_find(s, "S"));
	assert_true(ps->nullable);
	assert_string_equal(spec_ref_name(ps), "S");
	spec_free(s);
}

static void write_file(const char *dir, const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", dir, name);
	char *slash = strrchr(path, '/');
	*slash = '\0';
	char *cmd = xasprintf("mkdir -p '%s'", path);
	assert_int_equal(system(cmd), 0);
	*slash = '/';
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	free(cmd);
	free(path);
}

static size_t count_files(const struct spec *s)
{
	size_t n = 0;
	for (const struct spec_file *f = s->files; f; f = f->next)
		n++;
	return n;
}

static void references_across_files(void **state)
{
	(void)state;
	char dir[] = "/tmp/test_spec.XXXXXX";
	assert_non_null(mkdtemp(dir));
	write_file(dir, "api/main.yaml",
	           "openapi: 3.0.3\ninfo: {title: m, version: '1'}\ncomponents:\n  schemas:\n"
	           "    Pet:\n      allOf:\n        - $ref: 'parts/base.yaml#/Base'\n"
	           "        - $ref: './parts/extra.json'\n"
	           "    Out: {$ref: '../outside.yaml'}\n");
	write_file(dir, "api/parts/base.yaml",
	           "Base:\n  required: [name]\n  properties:\n"
	           "    name: {$ref: '../names/name.yaml'}\n"
	           "    again: {$ref: 'extra.json#/properties/tag'}\n");
	write_file(dir, "api/parts/extra.json",
	           "{\"properties\": {\"tag\": {\"$ref\": \"../names/name.yaml\"}}}\n");
	write_file(dir, "api/names/name.yaml", "type: string\nmaxLength: 24\n");
	write_file(dir, "outside.yaml", "type: integer\n");
	char *main = xasprintf("%s/api/main.yaml", dir);
	struct spec *s = spec_load(main, NULL);
	assert_non_null(s);
	const struct spec_schema *pet = spec_find(s, "Pet");
	assert_true(prop(pet, "name")->required);
	assert_int_equal(spec_deref(prop(pet, "name")->schema)->max_length, 24);
	assert_int_equal(spec_deref(prop(pet, "tag")->schema)->max_length, 24);
	assert_ptr_equal(spec_deref(prop(pet, "tag")->schema),
	                 spec_deref(prop(pet, "name")->schema));
	assert_int_equal(count_files(s), 4); /* each file once; outside.yaml refused */
	assert_int_equal(s->n_issues, 1);
	assert_non_null(strstr(s->issues[0].message, "--allow-outside-refs"));
	spec_free(s);
	struct spec_options opt = {.allow_outside_refs = true};
	s = spec_load(main, &opt);
	assert_non_null(s);
	assert_int_equal(s->n_issues, 0);
	assert_int_equal(spec_deref(spec_find(s, "Out"))->types, SPEC_INTEGER);
	spec_free(s);
	/* a referenced file that does not parse fails the load */
	write_file(dir, "api/names/name.yaml", "type: [string\n");
	diag_set_quiet(1);
	assert_null(spec_load(main, NULL));
	diag_set_quiet(0);
	char *cmd = xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(main);
}

/* A document of n schemas named P<tag><i>, each referring to the next, the
 * last to a schema every document defines (Shared: a name twins take). */
static char *growing_doc(const char *tag, int n)
{
	struct sbuf sb = {0};
	sbuf_printf(&sb,
	            "openapi: 3.0.3\ninfo: {title: %s, version: '1'}\n"
	            "components:\n  schemas:\n    Shared: {type: object}\n",
	            tag);
	for (int i = 0; i < n; i++) {
		sbuf_printf(&sb,
		            "    P%s%d:\n      properties:\n        next: {$ref: "
		            "'#/components/schemas/",
		            tag, i);
		if (i + 1 < n)
			sbuf_printf(&sb, "P%s%d'}\n", tag, i + 1);
		else
			sbuf_puts(&sb, "Shared'}\n");
	}
	return sb.buf;
}

/* Several documents, each larger than the ones before (hundreds of
 * schemas): every one's components join the scope whole. The second
 * document's components were written past the end of the first's
 * capacity (issue 16); under AddressSanitizer this is what finds it. */
static void several_documents_growing(void **state)
{
	(void)state;
	static const int sizes[] = {3, 150, 400, 900};
	enum { N = sizeof sizes / sizeof sizes[0] };
	char dir[] = "/tmp/test_spec.XXXXXX";
	assert_non_null(mkdtemp(dir));
	char *paths[N], *texts[N], *names[N];
	size_t lens[N];
	for (int d = 0; d < N; d++) {
		char tag[2] = {(char)('A' + d), 0};
		texts[d] = growing_doc(tag, sizes[d]);
		lens[d] = strlen(texts[d]);
		names[d] = xasprintf("doc%d.yaml", d);
		write_file(dir, names[d], texts[d]);
		paths[d] = xasprintf("%s/%s", dir, names[d]);
	}
	size_t total = N; /* each document's Shared */
	for (int d = 0; d < N; d++)
		total += (size_t)sizes[d];
	for (int way = 0; way < 2; way++) {
		struct spec *s = way ? spec_load_buffers((const char *const *)names,
		                                         (const char *const *)texts, lens, N, NULL)
		                     : spec_load_all((const char *const *)paths, N, NULL);
		assert_non_null(s);
		assert_int_equal(s->n_docs, N);
		assert_int_equal(s->n_schemas, total);
		assert_non_null(spec_find(s, "PD899"));
		assert_non_null(spec_find(s, "PA0"));
		assert_non_null(prop(spec_find(s, "PC399"), "next"));
		spec_free(s);
	}
	for (int d = 0; d < N; d++) {
		free(paths[d]);
		free(texts[d]);
		free(names[d]);
	}
	char *cmd = xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

static void long_allof_chain(void **state)
{
	(void)state;
	struct sbuf sb = {0};
	sbuf_printf(&sb, "%scomponents:\n  schemas:\n", head30);
	for (int i = 0; i < 2000; i++)
		sbuf_printf(&sb,
		            "    S%d: {allOf: [{$ref: '#/components/schemas/S%d'}], "
		            "properties: {p%d: {type: string}}}\n",
		            i, i + 1, i);
	sbuf_puts(&sb, "    S2000: {properties: {last: {type: string}}}\n");
	struct spec *s = load(sb.buf);
	assert_non_null(s);
	assert_non_null(prop(spec_find(s, "S1990"), "last"));
	spec_free(s);
	sbuf_free(&sb);
}

static void pointer_into_paths(void **state)
{
	(void)state;
	struct spec *s = load("openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths:\n"
	                      "  /pets:\n    post:\n      requestBody:\n        content:\n"
	                      "          application/json:\n            schema:\n"
	                      "              properties: {n: {type: integer}}\n");
	assert_non_null(s);
	const struct spec_schema *sc = spec_find_pointer(
	        s, "#/paths/~1pets/post/requestBody/content/application~1json/schema");
	assert_non_null(sc);
	assert_int_equal(prop(sc, "n")->schema->types, SPEC_INTEGER);
	assert_int_equal(sc->loc.line, 10);
	assert_null(spec_find_pointer(s, "#/paths/~1nope"));
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
	        cmocka_unit_test(pointer_escapes),
	        cmocka_unit_test(cycles_terminate),
	        cmocka_unit_test(keywords_are_read),
	        cmocka_unit_test(openapi_31_forms),
	        cmocka_unit_test(wrapped_ref_in_30),
	        cmocka_unit_test(references_across_files),
	        cmocka_unit_test(several_documents_growing),
	        cmocka_unit_test(long_allof_chain),
	        cmocka_unit_test(pointer_into_paths),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
