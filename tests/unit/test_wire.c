/* test_wire.c - the wire model: jansson formats read, JSON calls of
 * sources handed to libclang in memory (keys, directions, types, parents,
 * the members reached through variables, out-parameters, wrappers and
 * constructors), and the cache's reader refusing values no run makes. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "diag.h"
#include "rules.h"
#include "spec.h"
#include "util.h"
#include "wire.h"
#include "wire_cache.h"

static void fmt_pack(void **state)
{
	(void)state;
	struct wire_fmt_item it[16];
	int n = wire_fmt_parse("{s:i, s:s?, s:{s:b}, s:[o]}", false, it, 16);
	assert_int_equal(n, 7);
	assert_int_equal(it[0].type, SPEC_OBJECT); /* the top object */
	assert_int_equal(it[1].key_arg, 0);        /* "a", then its value */
	assert_int_equal(it[1].value_arg, 1);
	assert_int_equal(it[1].type, SPEC_INTEGER);
	assert_int_equal(it[2].key_arg, 2);
	assert_int_equal(it[2].type, SPEC_STRING);
	assert_true(it[3].container);
	assert_int_equal(it[4].parent, 3); /* nested under the third key */
	assert_int_equal(it[4].key_arg, 5);
	assert_int_equal(it[4].type, SPEC_BOOLEAN);
	assert_int_equal(it[6].parent, 5); /* an array item */
	assert_int_equal(it[6].key_arg, -1);
	assert_int_equal(it[6].value_arg, 8);
}

static void fmt_unpack(void **state)
{
	(void)state;
	struct wire_fmt_item it[16];
	/* s% takes a length pointer too; ! and * are strictness marks */
	int n = wire_fmt_parse("{s:s%, s?F, s:n !}", true, it, 16);
	assert_int_equal(n, 4);
	assert_int_equal(it[1].value_arg, 1);
	assert_int_equal(it[2].key_arg, 3);
	assert_int_equal(it[2].type, SPEC_NUMBER);
	assert_int_equal(it[3].value_arg, -1);
	assert_int_equal(wire_fmt_parse("{s:i", true, it, 16), -1);
	assert_int_equal(wire_fmt_parse("{i:i}", false, it, 16), -1);
	assert_int_equal(wire_fmt_parse("x", false, it, 16), -1);
	assert_int_equal(wire_fmt_parse(NULL, false, it, 16), -1);
}

static const char stub[] =
        "typedef struct json_object json_object;\n"
        "int json_object_object_get_ex(json_object *o, const char *k, json_object **v);\n"
        "const char *json_object_get_string(json_object *v);\n"
        "long long json_object_get_int64(json_object *v);\n"
        "json_object *json_object_new_object(void);\n"
        "json_object *json_object_new_string(const char *s);\n"
        "int json_object_object_add(json_object *o, const char *k, json_object *v);\n"
        "char *strdup(const char *s);\n"
        "typedef struct { char *city; } place_t;\n"
        "typedef struct { long long id; char *name; place_t where; } user_t;\n";

static const char source[] =
        "#include \"j.h\"\n"
        "static void set_user(user_t *u, long long id, const char *name)\n"
        "{ u->id = id; u->name = strdup(name); }\n"
        "int user_parse(json_object *obj, user_t *u)\n"
        "{\n"
        "\tjson_object *v, *w;\n"
        "\tlong long id = 0;\n"
        "\tif (json_object_object_get_ex(obj, \"id\", &v))\n"
        "\t\tid = json_object_get_int64(v);\n"
        "\tjson_object_object_get_ex(obj, \"name\", &v);\n"
        "\tset_user(u, id, json_object_get_string(v));\n"
        "\tif (json_object_object_get_ex(obj, \"where\", &w)\n"
        "\t    && json_object_object_get_ex(w, \"city\", &v))\n"
        "\t\tu->where.city = strdup(json_object_get_string(v));\n"
        "\treturn 0;\n"
        "}\n"
        "json_object *user_json(const user_t *u)\n"
        "{\n"
        "\tjson_object *o = json_object_new_object(), *p = json_object_new_object();\n"
        "\tjson_object_object_add(p, \"city\", json_object_new_string(u->where.city));\n"
        "\tjson_object_object_add(o, \"where\", p);\n"
        "\treturn o;\n"
        "}\n";

static const struct wire_site *site(const struct wire_set *w, const char *func, const char *key,
                                    enum wire_dir dir)
{
	for (size_t i = 0; i < w->n; i++)
		if (w->sites[i].key && !strcmp(w->sites[i].key, key) &&
		    !strcmp(w->sites[i].func, func) && w->sites[i].dir == dir)
			return &w->sites[i];
	return NULL;
}

static const char *last_member(const struct wire_site *s, size_t i)
{
	return i < s->n_reach ? s->reach[i]->links[s->reach[i]->n - 1].member : "";
}

static void extract(void **state)
{
	(void)state;
	struct ruleset rs;
	ruleset_init(&rs);
	assert_int_equal(ruleset_load(&rs, NULL, NULL, 0), 0);
	const char *names[] = {"/oacheck-test/u.c", "/oacheck-test/j.h"};
	const char *texts[] = {source, stub};
	const char *args[] = {"-I/oacheck-test"};
	struct wire_set *w = wire_extract_unsaved(names, texts, 2, 1, args, 1, &rs);
	assert_non_null(w);
	assert_int_equal(w->n_errors, 0);

	const struct wire_site *id = site(w, "user_parse", "id", WIRE_READ);
	assert_non_null(id);
	assert_int_equal(id->types, SPEC_INTEGER); /* json_object_get_int64(v) */
	assert_int_equal(id->n_reach, 1);          /* through id and set_user() */
	assert_string_equal(last_member(id, 0), "id");
	assert_string_equal(id->object, "obj");

	const struct wire_site *name = site(w, "user_parse", "name", WIRE_READ);
	assert_non_null(name);
	assert_int_equal(name->types, SPEC_STRING);
	assert_int_equal(name->n_reach, 1); /* v was given a new value: not "id" */
	assert_string_equal(last_member(name, 0), "name");

	const struct wire_site *city = site(w, "user_parse", "city", WIRE_READ);
	const struct wire_site *where = site(w, "user_parse", "where", WIRE_READ);
	assert_non_null(city);
	assert_int_equal(city->n_parents, 1); /* read from the "where" object */
	assert_ptr_equal(&w->sites[city->parents[0]], where);
	assert_int_equal(city->reach[0]->n, 2); /* u->where.city */

	const struct wire_site *wcity = site(w, "user_json", "city", WIRE_WRITE);
	const struct wire_site *wwhere = site(w, "user_json", "where", WIRE_WRITE);
	assert_non_null(wcity);
	assert_int_equal(wcity->types, SPEC_STRING);
	assert_int_equal(wcity->n_parents, 1); /* p, added under "where" after */
	assert_ptr_equal(&w->sites[wcity->parents[0]], wwhere);
	assert_int_equal(wwhere->types, SPEC_OBJECT);
	wire_set_free(w);
	ruleset_free(&rs);
}

/* A unit as a walk makes it: two sites of one group, a chain, a store, a
 * pass, a call and a parsed parameter. */
static struct src_unit *cached_unit(void)
{
	static const struct wire_link link = {"pet.h", 3, 8, "struct pet", "name"};
	static const struct wire_chain chain = {&link, 1};
	struct src_unit *u = xcalloc(1, sizeof *u);
	u->n_chains = 1;
	u->chains = xcalloc(1, sizeof *u->chains);
	u->chains[0] = &chain;
	u->n_sites = 2;
	u->sites = xcalloc(2, sizeof *u->sites);
	for (size_t i = 0; i < 2; i++) {
		u->sites[i].call = "cJSON_GetObjectItem";
		u->sites[i].key = i ? "name" : "pet";
		u->sites[i].dir = WIRE_READ;
		u->sites[i].func = "pet_parse";
	}
	u->sites[1].n_parents = 1;
	u->sites[1].parents = xcalloc(1, sizeof *u->sites[1].parents);
	u->sites[1].n_reach = 1;
	u->sites[1].reach = xcalloc(1, sizeof *u->sites[1].reach);
	u->sites[1].reach[0] = &chain;
	u->n_groups = 1;
	u->n_stores = u->n_passes = u->n_calls = u->n_parsed = 1;
	u->stores = xcalloc(1, sizeof *u->stores);
	u->stores[0] = (struct flow_store){"pet_set", 1, &chain};
	u->passes = xcalloc(1, sizeof *u->passes);
	u->passes[0] = (struct flow_pass){"pet_parse", 0, "pet_set", 1};
	u->calls = xcalloc(1, sizeof *u->calls);
	u->calls[0] = (struct flow_call){"pet_set", 1, 1};
	u->parsed = xcalloc(1, sizeof *u->parsed);
	u->parsed[0] = (struct flow_parsed){"pet_parse", 0};
	return u;
}

/* Decode what u encodes: a unit, or NULL; u is freed. */
static struct src_unit *round_trip(struct src_unit *u)
{
	size_t len;
	char *buf = wire_cache_encode(u, &len);
	wire_cache_drop(u);
	struct src_unit *back = wire_cache_decode(buf, len, "pet.c");
	free(buf);
	return back;
}

/* A cache entry whose checksum holds but whose values no run makes (an
 * index out of range, a name missing, more groups than sites) is no
 * entry: the joiner and the stage would index or compare with them. */
static void cache_values(void **state)
{
	(void)state;
	struct src_unit *u = round_trip(cached_unit());
	assert_non_null(u);
	assert_int_equal(u->n_sites, 2);
	assert_string_equal(u->passes[0].callee, "pet_set");
	assert_string_equal(u->sites[1].reach[0]->links[0].member, "name");
	wire_cache_drop(u);

	u = cached_unit();
	u->parsed[0].param = -5;
	assert_null(round_trip(u));
	u = cached_unit();
	u->calls[0].arg = INT32_MIN;
	assert_null(round_trip(u));
	u = cached_unit();
	u->passes[0].callee = NULL;
	assert_null(round_trip(u));
	u = cached_unit();
	u->calls[0].callee = NULL;
	assert_null(round_trip(u));
	u = cached_unit();
	u->stores[0].func = NULL;
	assert_null(round_trip(u));
	u = cached_unit();
	u->n_groups = 3; /* more than its sites */
	assert_null(round_trip(u));
	u = cached_unit();
	u->n_groups = SIZE_MAX;
	assert_null(round_trip(u));
	u = cached_unit();
	u->sites[1].parents[0] = 7;
	assert_null(round_trip(u));
	static const struct wire_link unnamed = {"pet.h", 3, 8, "struct pet", NULL};
	static const struct wire_chain bad = {&unnamed, 1};
	u = cached_unit();
	u->chains[0] = &bad;
	u->sites[1].reach[0] = &bad;
	u->stores[0].chain = &bad;
	assert_null(round_trip(u));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(fmt_pack),
	        cmocka_unit_test(fmt_unpack),
	        cmocka_unit_test(extract),
	        cmocka_unit_test(cache_values),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
