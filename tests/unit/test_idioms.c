/* test_idioms.c - the JSON idioms of the wire check besides plain calls:
 * printf templates and key paths read as text, and descriptor tables, key
 * paths, stateful builders and printf templates extracted from sources
 * handed to libclang in memory (keys, types, nesting, members, places,
 * capacities and @schema). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "rules.h"
#include "spec.h"
#include "util.h"
#include "wire.h"

/* --- texts ----------------------------------------------------------- */

static void tmpl_items(void **state)
{
	(void)state;
	struct wire_tmpl_item it[16];
	int args = 0;
	const char *t = "{\"id\": %d, \"time\": \"%s\", \"status\": {\"of\": %5.2f, "
	                "\"details\": [ %s ], \"%s\": true}}";
	int n = wire_tmpl_parse(t, it, 16, &args);
	assert_int_equal(n, 6);
	assert_int_equal(args, 5);
	assert_int_equal(it[0].parent, -1);
	assert_int_equal(it[0].key_len, 2);
	assert_memory_equal(it[0].key, "id", 2);
	assert_int_equal(it[0].key_off, 2);
	assert_int_equal(it[0].type, SPEC_INTEGER);
	assert_int_equal(it[0].arg, 0);
	assert_int_equal(it[1].type, SPEC_STRING); /* "%s" */
	assert_int_equal(it[1].arg, 1);
	assert_true(it[2].container);
	assert_int_equal(it[2].type, SPEC_OBJECT);
	assert_int_equal(it[3].parent, 2);
	assert_int_equal(it[3].type, SPEC_NUMBER);
	assert_int_equal(it[3].arg, 2);
	assert_int_equal(it[4].type, SPEC_ARRAY); /* [ %s ]: items spliced in, none known */
	assert_true(it[5].dynamic);               /* "%s": a key known at run time */
	assert_null(it[5].key);
	assert_int_equal(it[5].type, SPEC_BOOLEAN);
	assert_int_equal(it[5].parent, 2);
}

static void tmpl_not_json(void **state)
{
	(void)state;
	struct wire_tmpl_item it[4];
	int args;
	assert_int_equal(wire_tmpl_parse("%s/feedback", it, 4, &args), -1);
	assert_int_equal(wire_tmpl_parse("\"execution\" : %s, \"finished\" : %s", it, 4, &args),
	                 -1);
	assert_int_equal(wire_tmpl_parse("{\"a\": %d", it, 4, &args), -1); /* unclosed */
	assert_int_equal(wire_tmpl_parse("{\"a\": 1} trailing", it, 4, &args), -1);
	assert_int_equal(wire_tmpl_parse("{\"a\": %y}", it, 4, &args), -1);     /* no conversion */
	assert_int_equal(wire_tmpl_parse("[1, 2, 3, 4, 5]", it, 4, &args), -1); /* over cap */
	assert_int_equal(wire_tmpl_parse(NULL, it, 4, &args), -1);
	/* a width from an argument takes one; %% takes none */
	assert_int_equal(wire_tmpl_parse("{\"a\": %*d, \"b\": \"100%%\"}", it, 4, &args), 2);
	assert_int_equal(it[0].arg, 1);
	assert_int_equal(args, 2);
	/* a number in an array is an item */
	assert_int_equal(wire_tmpl_parse("[%d, %s]", it, 4, &args), 1);
	assert_int_equal(it[0].type, SPEC_INTEGER);
	assert_null(it[0].key);
	assert_int_equal(args, 2);
	/* spliced members and an empty template */
	assert_int_equal(wire_tmpl_parse("{ %s }", it, 4, &args), 0);
	assert_int_equal(args, 1);
}

static void path_keys(void **state)
{
	(void)state;
	char *k[8];
	size_t off[8];
	assert_int_equal(wire_path_parse("$.config.polling.sleep", k, off, 8), 3);
	assert_string_equal(k[0], "config");
	assert_int_equal(off[0], 2);
	assert_string_equal(k[2], "sleep");
	assert_int_equal(off[2], 17);
	for (int i = 0; i < 3; i++)
		free(k[i]);
	assert_int_equal(wire_path_parse("$['a b'].c[0].*", k, off, 8), 4);
	assert_string_equal(k[0], "a b");
	assert_string_equal(k[1], "c");
	assert_null(k[2]);
	assert_null(k[3]);
	free(k[0]);
	free(k[1]);
	assert_int_equal(wire_path_parse("deployment.chunks", k, NULL, 8), 2);
	assert_string_equal(k[1], "chunks");
	free(k[0]);
	free(k[1]);
	assert_int_equal(wire_path_parse("$..sleep", k, NULL, 8), -1);
	assert_int_equal(wire_path_parse("$.a[?(@.b)]", k, NULL, 8), -1);
	assert_int_equal(wire_path_parse("a..b", k, NULL, 8), -1);
	assert_int_equal(wire_path_parse("", k, NULL, 8), -1);
	assert_int_equal(wire_path_parse("$.a.b.c", k, NULL, 2), -1); /* over cap */
}

/* --- extraction ----------------------------------------------------- */

static const struct wire_site *site(const struct wire_set *w, const char *func, const char *key,
                                    enum wire_dir dir)
{
	for (size_t i = 0; i < w->n; i++)
		if (w->sites[i].key && !strcmp(w->sites[i].key, key) &&
		    !strcmp(w->sites[i].func, func) && w->sites[i].dir == dir)
			return &w->sites[i];
	return NULL;
}

static size_t index_of(const struct wire_set *w, const struct wire_site *s)
{
	return (size_t)(s - w->sites);
}

static const char *member(const struct wire_site *s)
{
	return s->n_reach ? s->reach[0]->links[s->reach[0]->n - 1].member : "";
}

/* The default preset, and the extraction of the first of the in-memory
 * files (the others are headers it includes). */
static struct wire_set *extract(struct ruleset *rs, const char *src, const char *hdr)
{
	const char *names[] = {"/oacheck-test/s.c", "/oacheck-test/h.h"};
	const char *texts[] = {src, hdr};
	const char *args[] = {"-I/oacheck-test"};
	struct wire_set *w = wire_extract_unsaved(names, texts, 2, 1, args, 1, rs);
	assert_non_null(w);
	assert_int_equal(w->n_errors, 0);
	return w;
}

static void load_default(struct ruleset *rs)
{
	ruleset_init(rs);
	assert_int_equal(ruleset_load(rs, NULL, NULL, 0), 0);
}

static void add_call(struct ruleset *rs, const char *name, struct wire_call c)
{
	struct wire_call *e = VEC_PUSH(rs->calls, rs->n_calls, rs->calls_cap);
	*e = c;
	e->name = xstrdup(name);
}

static const char table_h[] =
        "#include <stddef.h>\n"
        "enum tok { T_STR = 1, T_NUM = 2, T_OBJ = 3, T_LIST = 4 };\n"
        "struct json_obj_descr { const char *field_name; int type; size_t offset;\n"
        "  union { struct { const struct json_obj_descr *sub_descr; size_t sub_descr_len; }"
        " object;\n"
        "          struct { const struct json_obj_descr *element_descr; size_t n_elements; }"
        " array; }; };\n"
        "long json_obj_parse(char *j, size_t n, const struct json_obj_descr *d, size_t dn,"
        " void *v);\n"
        "int json_obj_encode_buf(const struct json_obj_descr *d, size_t dn, const void *v,"
        " char *b, size_t n);\n"
        "#define PRIM(s, f, t) {.field_name = #f, .type = t, .offset = offsetof(s, f)}\n"
        "struct href { const char *href; };\n"
        "struct art { const char *name; long size; };\n"
        "struct res { struct href link; struct art arts[3]; size_t n_arts; };\n";

static const char table_c[] =
        "#include \"h.h\"\n"
        "static const struct json_obj_descr href_d[] = { PRIM(struct href, href, T_STR) };\n"
        "static const struct json_obj_descr art_d[] = {\n"
        "  PRIM(struct art, name, T_STR),\n"
        "  { .field_name = \"size-in-bytes\", .type = T_NUM, .offset = offsetof(struct art,"
        " size) },\n"
        "};\n"
        "static const struct json_obj_descr res_d[] = {\n"
        "  { .field_name = \"link\", .type = T_OBJ, .offset = offsetof(struct res, link),\n"
        "    .object = { .sub_descr = href_d, .sub_descr_len = 1 } },\n"
        "  { .field_name = \"arts\", .type = T_LIST, .offset = offsetof(struct res, arts),\n"
        "    .array = { .element_descr = (struct json_obj_descr[]){ { .type = T_OBJ,\n"
        "      .offset = offsetof(struct res, n_arts), .object = { .sub_descr = art_d } } },\n"
        "      .n_elements = 3 } },\n"
        "};\n"
        "long parse(char *j, size_t n, struct res *r)\n"
        "{ return json_obj_parse(j, n, res_d, 2, r) + json_obj_parse(j, n, res_d, 2, r); }\n"
        "int send(const struct res *r, char *b) { return json_obj_encode_buf(href_d, 1, r, b,"
        " 9); }\n";

static void tables(void **state)
{
	(void)state;
	struct ruleset rs;
	load_default(&rs);
	struct wire_set *w = extract(&rs, table_c, table_h);
	/* the preset's json_obj_descr entry names the Zephyr tokens, not these:
	 * keys, members, nesting and capacity still come through */
	const struct wire_site *link = site(w, "parse", "link", WIRE_READ);
	const struct wire_site *href = site(w, "parse", "href", WIRE_READ);
	const struct wire_site *arts = site(w, "parse", "arts", WIRE_READ);
	const struct wire_site *size = site(w, "parse", "size-in-bytes", WIRE_READ);
	assert_non_null(link);
	assert_non_null(href);
	assert_non_null(arts);
	assert_non_null(size);
	assert_string_equal(link->call, "res_d");
	assert_int_equal(href->n_parents, 1);
	assert_int_equal(href->parents[0], index_of(w, link));
	assert_string_equal(member(href), "href");
	assert_int_equal(href->loc.line, 2); /* the member's name in the macro call */
	assert_int_equal(size->parents[0], index_of(w, arts));
	assert_string_equal(member(size), "size");
	assert_int_equal(size->loc.line, 5);
	assert_int_equal(arts->capacity, 3);
	assert_int_equal(link->n_parents, 0);
	assert_int_equal(link->group, arts->group); /* one value */
	/* applied twice in one direction: read once */
	size_t n_href = 0;
	for (size_t i = 0; i < w->n; i++)
		n_href += w->sites[i].key && !strcmp(w->sites[i].key, "href") &&
		          w->sites[i].dir == WIRE_READ;
	assert_int_equal(n_href, 1);
	assert_non_null(site(w, "send", "href", WIRE_WRITE));
	wire_set_free(w);
	ruleset_free(&rs);
}

static void table_tokens(void **state)
{
	(void)state;
	struct ruleset rs;
	load_default(&rs);
	/* the same tables as this test's own element type, with its tokens */
	for (size_t i = 0; i < rs.n_tables; i++)
		if (!strcmp(rs.tables[i].name, "json_obj_descr")) {
			struct wire_table *t = &rs.tables[i];
			struct wire_token *k = VEC_PUSH(t->tokens, t->n_tokens, t->tokens_cap);
			k->name = xstrdup("T_NUM");
			k->type = SPEC_INTEGER;
			k = VEC_PUSH(t->tokens, t->n_tokens, t->tokens_cap);
			k->name = xstrdup("T_OBJ");
			k->type = SPEC_OBJECT;
		}
	struct wire_set *w = extract(&rs, table_c, table_h);
	assert_int_equal(site(w, "parse", "size-in-bytes", WIRE_READ)->types, SPEC_INTEGER);
	assert_int_equal(site(w, "parse", "link", WIRE_READ)->types, SPEC_OBJECT);
	assert_int_equal(site(w, "parse", "arts", WIRE_READ)->item_types, SPEC_OBJECT);
	assert_int_equal(site(w, "parse", "href", WIRE_READ)->types, 0);
	wire_set_free(w);
	ruleset_free(&rs);
}

static const char glib_h[] =
        "typedef struct _JsonNode JsonNode;\n"
        "typedef struct _JsonBuilder JsonBuilder;\n"
        "JsonNode *json_path_query(const char *e, JsonNode *root, void *err);\n"
        "const char *get_str(JsonNode *n, const char *path);\n"
        "JsonNode *get_key(JsonNode *n, const char **keys);\n"
        "JsonBuilder *json_builder_new(void);\n"
        "JsonBuilder *json_builder_begin_object(JsonBuilder *b);\n"
        "JsonBuilder *json_builder_end_object(JsonBuilder *b);\n"
        "JsonBuilder *json_builder_begin_array(JsonBuilder *b);\n"
        "JsonBuilder *json_builder_end_array(JsonBuilder *b);\n"
        "JsonBuilder *json_builder_set_member_name(JsonBuilder *b, const char *k);\n"
        "JsonBuilder *json_builder_add_string_value(JsonBuilder *b, const char *v);\n"
        "JsonBuilder *json_builder_add_int_value(JsonBuilder *b, long long v);\n"
        "typedef struct yg *yajl_gen;\n"
        "int yajl_gen_map_open(yajl_gen g);\n"
        "int yajl_gen_map_close(yajl_gen g);\n"
        "int yajl_gen_string(yajl_gen g, const unsigned char *s, unsigned long n);\n"
        "int yajl_gen_integer(yajl_gen g, long long n);\n"
        "struct pet { const char *name; long long age; };\n";

static const char path_c[] =
        "#include \"h.h\"\n"
        "const char *sleep_of(JsonNode *root)\n"
        "{\n"
        "\tjson_path_query(\"$.x[*].y\", root, 0);\n"
        "\tget_key(root, (const char *[]){\"_links\", get_str(root, \"$.n\"), \"href\", 0});\n"
        "\treturn get_str(root, \"$.config.polling['sleep']\");\n"
        "}\n";

static void paths(void **state)
{
	(void)state;
	struct ruleset rs;
	load_default(&rs);
	add_call(&rs, "get_str",
	         (struct wire_call){.dir = WIRE_READ,
	                            .object = 0,
	                            .key = -1,
	                            .value = -1,
	                            .out = -1,
	                            .format = -1,
	                            .path = 1,
	                            .table = -1,
	                            .type = SPEC_STRING});
	add_call(&rs, "get_key",
	         (struct wire_call){.dir = WIRE_READ,
	                            .object = 0,
	                            .key = -1,
	                            .value = -1,
	                            .out = -1,
	                            .format = -1,
	                            .path = 1,
	                            .table = -1});
	struct wire_set *w = extract(&rs, path_c, glib_h);
	const struct wire_site *config = site(w, "sleep_of", "config", WIRE_READ);
	const struct wire_site *polling = site(w, "sleep_of", "polling", WIRE_READ);
	const struct wire_site *sleep = site(w, "sleep_of", "sleep", WIRE_READ);
	assert_non_null(sleep);
	assert_int_equal(config->types, SPEC_OBJECT);
	assert_int_equal(config->n_parents, 0);
	assert_int_equal(polling->parents[0], index_of(w, config));
	assert_int_equal(sleep->parents[0], index_of(w, polling));
	assert_int_equal(sleep->types, SPEC_STRING);
	assert_int_equal(sleep->loc.line, 6);
	assert_int_equal(config->loc.col, 26); /* each key where it is in the literal */
	assert_int_equal(polling->loc.col, 33);
	/* json_path_query: an item between x and y, a keyless read */
	const struct wire_site *x = site(w, "sleep_of", "x", WIRE_READ);
	const struct wire_site *y = site(w, "sleep_of", "y", WIRE_READ);
	assert_non_null(y);
	const struct wire_site *item = &w->sites[y->parents[0]];
	assert_null(item->key);
	assert_int_equal(item->parents[0], index_of(w, x));
	/* a key array: a key not written as a literal is an item */
	const struct wire_site *href = site(w, "sleep_of", "href", WIRE_READ);
	const struct wire_site *links = site(w, "sleep_of", "_links", WIRE_READ);
	assert_non_null(href);
	assert_null(w->sites[href->parents[0]].key);
	assert_int_equal(w->sites[href->parents[0]].parents[0], index_of(w, links));
	assert_int_equal(href->loc.col, 65);
	wire_set_free(w);
	ruleset_free(&rs);
}

static const char builder_c[] = "#include \"h.h\"\n"
                                "/* Feedback. @schema Feedback */\n"
                                "JsonBuilder *fb(const struct pet *p)\n"
                                "{\n"
                                "\tJsonBuilder *b = json_builder_new();\n"
                                "\tjson_builder_begin_object(b);\n"
                                "\tjson_builder_set_member_name(b, \"status\");\n"
                                "\tjson_builder_begin_object(b);\n"
                                "\tjson_builder_set_member_name(b, \"name\");\n"
                                "\tjson_builder_add_string_value(b, p->name);\n"
                                "\tjson_builder_end_object(b);\n"
                                "\tjson_builder_set_member_name(b, \"tags\");\n"
                                "\tjson_builder_begin_array(b);\n"
                                "\tjson_builder_add_string_value(b, \"a\");\n"
                                "\tjson_builder_end_array(b);\n"
                                "\tjson_builder_set_member_name(b, \"age\");\n"
                                "\tjson_builder_add_int_value(b, p->age);\n"
                                "\tjson_builder_end_object(b);\n"
                                "\treturn b;\n"
                                "}\n"
                                "void gen(yajl_gen g)\n"
                                "{\n"
                                "\tyajl_gen_map_open(g);\n"
                                "\tyajl_gen_string(g, (const unsigned char *)\"kind\", 4);\n"
                                "\tyajl_gen_string(g, (const unsigned char *)\"cat\", 3);\n"
                                "\tyajl_gen_string(g, (const unsigned char *)\"lives\", 5);\n"
                                "\tyajl_gen_integer(g, 9);\n"
                                "\tyajl_gen_map_close(g);\n"
                                "}\n";

static void builders(void **state)
{
	(void)state;
	struct ruleset rs;
	load_default(&rs);
	struct wire_set *w = extract(&rs, builder_c, glib_h);
	const struct wire_site *status = site(w, "fb", "status", WIRE_WRITE);
	const struct wire_site *name = site(w, "fb", "name", WIRE_WRITE);
	const struct wire_site *tags = site(w, "fb", "tags", WIRE_WRITE);
	const struct wire_site *age = site(w, "fb", "age", WIRE_WRITE);
	assert_non_null(age);
	assert_int_equal(status->types, SPEC_OBJECT);
	assert_int_equal(status->n_parents, 0);
	assert_string_equal(status->schema, "Feedback"); /* the function's @schema */
	assert_int_equal(status->schema_at.line, 2);
	assert_int_equal(name->parents[0], index_of(w, status));
	assert_string_equal(member(name), "name");
	assert_int_equal(name->loc.line, 9);       /* where the key was set */
	assert_int_equal(name->value_at.line, 10); /* and where its value was added */
	assert_string_equal(name->call, "json_builder_add_string_value");
	assert_int_equal(tags->types, SPEC_ARRAY);
	assert_int_equal(age->n_parents, 0); /* after end_object: the root again */
	assert_int_equal(age->types, SPEC_INTEGER);
	assert_string_equal(member(age), "age");
	/* the array's item: a write without key under it */
	bool item = false;
	for (size_t i = 0; i < w->n; i++)
		item |= !w->sites[i].key && w->sites[i].n_parents &&
		        w->sites[i].parents[0] == index_of(w, tags);
	assert_true(item);
	/* yajl: strings alternate keys and values in a map */
	assert_non_null(site(w, "gen", "kind", WIRE_WRITE));
	assert_null(site(w, "gen", "cat", WIRE_WRITE));
	assert_int_equal(site(w, "gen", "kind", WIRE_WRITE)->types, SPEC_STRING);
	assert_int_equal(site(w, "gen", "lives", WIRE_WRITE)->types, SPEC_INTEGER);
	wire_set_free(w);
	ruleset_free(&rs);
}

static const char printf_h[] = "int asprintf(char **s, const char *fmt, ...);\n"
                               "int snprintf(char *b, unsigned long n, const char *fmt, ...);\n"
                               "struct pet { const char *name; int age; };\n"
                               "#define STRINGIFY(...) #__VA_ARGS__\n";

static const char printf_c[] = "#include \"h.h\"\n"
                               "int show(char **out, const struct pet *p)\n"
                               "{\n"
                               "\tchar url[32];\n"
                               "\tsnprintf(url, sizeof url, \"%s/pets\", p->name);\n"
                               "\t/* @schema Pet */\n"
                               "\tstatic const char *const t = STRINGIFY(\n"
                               "\t{\n"
                               "\t\t\"name\": \"%s\",\n"
                               "\t\t\"age\": %d\n"
                               "\t});\n"
                               "\tasprintf(out, t, p->name, p->age);\n"
                               "\treturn asprintf(out, t, p->name, p->age);\n"
                               "}\n";

static void templates(void **state)
{
	(void)state;
	struct ruleset rs;
	load_default(&rs);
	struct wire_set *w = extract(&rs, printf_c, printf_h);
	assert_int_equal(w->n, 2); /* the URL is no template; the constant is read once */
	const struct wire_site *name = site(w, "show", "name", WIRE_WRITE);
	const struct wire_site *age = site(w, "show", "age", WIRE_WRITE);
	assert_non_null(name);
	assert_non_null(age);
	assert_string_equal(name->call, "asprintf");
	assert_int_equal(name->types, SPEC_STRING);
	assert_int_equal(age->types, SPEC_INTEGER);
	assert_int_equal(name->loc.line, 9); /* the key's own line in the macro */
	assert_int_equal(age->loc.line, 10);
	assert_string_equal(member(name), "name");
	assert_string_equal(member(age), "age");
	assert_string_equal(name->schema, "Pet"); /* the constant's @schema */
	assert_int_equal(name->group, age->group);
	wire_set_free(w);
	ruleset_free(&rs);
}

static const char guess_c[] = "#include \"h.h\"\n"
                              "const char *find_text(JsonNode *n, const char *p);\n"
                              "JsonNode *find_node(JsonNode *n, const char *const *k);\n"
                              "int lookup(JsonNode *root)\n"
                              "{\n"
                              "\tconst char *s = find_text(root, \"$.a.b\");\n"
                              "\tfind_node(root, (const char *[]){\"c\", \"d\", 0});\n"
                              "\tfind_text(0, \"$.not.json\");\n"
                              "\treturn s != 0;\n"
                              "}\n";

/* A call no rule names reads a path when it hands a JSON value and a
 * JSONPath or key array to a function; its result's C type tells the
 * type when it is certain (a char pointer: a string). */
static void paths_undeclared(void **state)
{
	(void)state;
	struct ruleset rs;
	load_default(&rs);
	struct wire_set *w = extract(&rs, guess_c, glib_h);
	const struct wire_site *a = site(w, "lookup", "a", WIRE_READ);
	const struct wire_site *b = site(w, "lookup", "b", WIRE_READ);
	const struct wire_site *d = site(w, "lookup", "d", WIRE_READ);
	assert_non_null(a);
	assert_non_null(b);
	assert_non_null(d);
	assert_string_equal(b->call, "find_text");
	assert_int_equal(b->parents[0], index_of(w, a));
	assert_int_equal(b->types, SPEC_STRING);
	assert_int_equal(d->types, 0);                    /* JsonNode *: no type told */
	assert_null(site(w, "lookup", "not", WIRE_READ)); /* no JSON value handed */
	wire_set_free(w);
	ruleset_free(&rs);
}

static const char plain_c[] = "struct wb;\n"
                              "void wb_begin(struct wb *wb);\n"
                              "void wb_close(struct wb *wb);\n"
                              "void wb_obj(struct wb *wb, const char *k);\n"
                              "void wb_str(struct wb *wb, const char *k, const char *v);\n"
                              "void out(struct wb *wb, struct wb *other)\n"
                              "{\n"
                              "\twb_begin(wb);\n"
                              "\twb_obj(wb, \"o\");\n"
                              "\twb_str(wb, \"k\", \"v\");\n"
                              "\twb_close(wb);\n"
                              "\twb_str(wb, \"top\", \"v\");\n"
                              "\twb_str(other, \"flat\", \"v\");\n"
                              "}\n";

/* A member call declared as a plain write follows the nesting of a
 * builder made so by a builder call; on any other value it is a plain
 * write. */
static void builder_plain_writes(void **state)
{
	(void)state;
	struct ruleset rs;
	load_default(&rs);
	struct wire_call plain = {.dir = WIRE_WRITE,
	                          .object = 0,
	                          .key = 1,
	                          .value = -1,
	                          .out = -1,
	                          .format = -1,
	                          .path = -1,
	                          .table = -1,
	                          .type = SPEC_OBJECT};
	add_call(&rs, "wb_obj", plain);
	plain.value = 2;
	plain.type = SPEC_STRING;
	add_call(&rs, "wb_str", plain);
	struct wire_call role = {.dir = WIRE_WRITE,
	                         .object = 0,
	                         .key = -1,
	                         .value = -1,
	                         .out = -1,
	                         .format = -1,
	                         .path = -1,
	                         .table = -1,
	                         .type = SPEC_OBJECT,
	                         .builder = WB_OPEN};
	add_call(&rs, "wb_begin", role);
	role.builder = WB_CLOSE;
	add_call(&rs, "wb_close", role);
	struct wire_set *w = extract(&rs, plain_c, "");
	const struct wire_site *o = site(w, "out", "o", WIRE_WRITE);
	const struct wire_site *k = site(w, "out", "k", WIRE_WRITE);
	assert_non_null(o);
	assert_non_null(k);
	assert_int_equal(k->n_parents, 1);
	assert_int_equal(k->parents[0], index_of(w, o));
	assert_int_equal(site(w, "out", "top", WIRE_WRITE)->n_parents, 0);
	assert_int_equal(site(w, "out", "flat", WIRE_WRITE)->n_parents, 0);
	wire_set_free(w);
	ruleset_free(&rs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(tmpl_items),       cmocka_unit_test(tmpl_not_json),
	        cmocka_unit_test(path_keys),        cmocka_unit_test(tables),
	        cmocka_unit_test(table_tokens),     cmocka_unit_test(paths),
	        cmocka_unit_test(builders),         cmocka_unit_test(templates),
	        cmocka_unit_test(paths_undeclared), cmocka_unit_test(builder_plain_writes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
