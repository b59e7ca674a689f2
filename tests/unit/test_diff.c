/* test_diff.c - findings and coverage from a spec and headers given inline. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "bind.h"
#include "diff.h"

static const char spec_text[] = "openapi: 3.0.3\n"
                                "info: {title: Pets, version: '1'}\n"
                                "components:\n"
                                "  schemas:\n"
                                "    Pet:\n"
                                "      type: object\n"
                                "      required: [id, name]\n"
                                "      properties:\n"
                                "        id: {type: integer, format: int64}\n"
                                "        name: {type: string, maxLength: 8}\n"
                                "        photoUrls: {type: array, items: {type: string}}\n";

struct run {
	struct spec *spec;
	struct hdr_set *h;
	struct result res;
};

/* count: the count pattern the rules give, or NULL for the preset's. */
static void check_count(struct run *r, const char *header, const char *count)
{
	const char *names[] = {"/oacheck-test/pet.h"};
	const char *texts[] = {header};
	r->spec = spec_load_buffer("openapi.yaml", spec_text, strlen(spec_text), NULL);
	assert_non_null(r->spec);
	r->h = hdr_load_unsaved(names, texts, 1, NULL, 0);
	assert_non_null(r->h);
	struct ruleset rs;
	ruleset_init(&rs);
	assert_int_equal(ruleset_load(&rs, "default", NULL, 0), 0);
	if (count) {
		for (size_t i = 0; i < rs.count_names.n; i++)
			free(rs.count_names.v[i]);
		rs.count_names.n = 0;
		*VEC_PUSH(rs.count_names.v, rs.count_names.n, rs.count_names.cap) = strdup(count);
	}
	struct diff_options opt = {0};
	diff_all(&r->res, r->spec, r->h, &rs, &opt);
	ruleset_free(&rs);
}

static void check(struct run *r, const char *header)
{
	check_count(r, header, NULL);
}

static void done(struct run *r)
{
	result_free(&r->res);
	hdr_free(r->h);
	spec_free(r->spec);
}

static const struct finding *only(const struct result *res, const char *rule)
{
	const struct finding *hit = NULL;
	for (size_t i = 0; i < res->n; i++)
		if (!strcmp(res->findings[i].rule, rule)) {
			assert_null(hit);
			hit = &res->findings[i];
		}
	assert_non_null(hit);
	return hit;
}

static void clean(void **state)
{
	(void)state;
	struct run r;
	check(&r, "#include <stdint.h>\n#include <stddef.h>\n"
	          "typedef struct { int64_t id; char name[9]; char **photo_urls; size_t "
	          "n_photo_urls; } Pet;\n");
	assert_int_equal(r.res.n, 0);
	assert_int_equal(r.res.schemas_bound, 1);
	assert_int_equal(r.res.props_matched, 3);
	assert_int_equal(r.res.props_total, 3);
	assert_int_equal(r.res.members_matched, 4);
	done(&r);
}

static void missing_extra_mismatch(void **state)
{
	(void)state;
	struct run r;
	check(&r, "#include <stddef.h>\n"
	          "/** @schema Pet */\n"
	          "struct pet {\n"
	          "\tchar *id;\n"
	          "\tchar **photo_urls; size_t n_photo_urls;\n"
	          "\tint extra;\n"
	          "};\n");
	const struct finding *f = only(&r.res, "missing-field");
	assert_int_equal(f->level, LEVEL_ERROR);
	assert_int_equal(f->cloc.line, 3);
	assert_int_equal(f->sloc.line, 10);
	assert_string_equal(f->pointer, "#/components/schemas/Pet/properties/name");
	f = only(&r.res, "type-mismatch");
	assert_int_equal(f->cloc.line, 4);
	assert_int_equal(f->cloc.col, 8);
	f = only(&r.res, "extra-field");
	assert_int_equal(f->level, LEVEL_WARNING);
	assert_int_equal(f->cloc.line, 6);
	assert_int_equal(r.res.props_matched, 2);
	done(&r);
}

static void capacity_and_count(void **state)
{
	(void)state;
	struct run r;
	check(&r, "#include <stdint.h>\n"
	          "typedef struct { int64_t id; char name[8]; char **photo_urls; } Pet;\n");
	assert_int_equal(only(&r.res, "string-capacity")->level, LEVEL_ERROR);
	assert_int_equal(only(&r.res, "array-count-missing")->level, LEVEL_WARNING);
	done(&r);
}

static void fingerprints_ignore_lines(void **state)
{
	(void)state;
	struct run a, b;
	check(&a, "typedef struct { long id; char *name; int extra; } Pet;\n");
	check(&b, "\n\n\ntypedef struct {\n long id;\n char *name;\n\n int extra;\n} Pet;\n");
	assert_string_equal(only(&a.res, "extra-field")->fingerprint,
	                    only(&b.res, "extra-field")->fingerprint);
	done(&a);
	done(&b);
}

/* A count the rules' pattern names belongs to its array; one whose type
 * is no count is companion-invalid, and neither extra nor missing. */
static void companion_patterns(void **state)
{
	(void)state;
	struct run r;
	check_count(&r,
	            "#include <stdint.h>\n"
	            "typedef struct { int64_t id; char name[9]; char **photo_urls; "
	            "int count_photo_urls; } Pet;\n",
	            "count_{member}");
	assert_int_equal(r.res.n, 0);
	assert_int_equal(r.res.members_matched, 4);
	done(&r);
	check_count(&r,
	            "#include <stdint.h>\n"
	            "typedef struct { int64_t id; char name[9]; char **photo_urls; "
	            "char *count_photo_urls; } Pet;\n",
	            "count_{member}");
	assert_int_equal(r.res.n, 1);
	assert_string_equal(only(&r.res, "companion-invalid")->symbol, "Pet.count_photo_urls");
	done(&r);
	check(&r, "#include <stdint.h>\n"
	          "typedef struct { int64_t id; char name[9]; char **photo_urls; "
	          "int count_photo_urls; } Pet;\n");
	assert_int_equal(only(&r.res, "extra-field")->cloc.col, 67);
	assert_int_equal(only(&r.res, "array-count-missing")->level, LEVEL_WARNING);
	done(&r);
}

/* A misspelt member is one finding at the member, an error because the
 * property is required, with the rename; no missing-field beside it. */
static void typo_is_one_finding(void **state)
{
	(void)state;
	struct run r;
	check(&r, "#include <stdint.h>\n#include <stddef.h>\n"
	          "typedef struct { int64_t id; char nmae[9]; char **photo_urls; size_t "
	          "n_photo_urls; } Pet;\n");
	const struct finding *f = only(&r.res, "extra-field");
	assert_string_equal(f->message,
	                    "member 'Pet.nmae' matches no property; did you mean 'name'?");
	assert_int_equal(f->level, LEVEL_ERROR);
	assert_string_equal(f->fixit, "name");
	assert_string_equal(f->fixit_label, "rename member");
	for (size_t i = 0; i < r.res.n; i++)
		assert_string_not_equal(r.res.findings[i].rule, "missing-field");
	done(&r);
}

/* Schema and property names as OpenAPI Generator's C client spells them. */
static void snake_names(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
	        {"ApiResponse", "api_response"},
	        {"photoUrls", "photo_urls"},
	        {"v1.ObjectMeta", "v1_object_meta"},
	        {"v2.HPAScalingPolicy", "v2_hpa_scaling_policy"},
	        {"ezsignsigningreason-getList-v1-Response",
	         "ezsignsigningreason_get_list_v1_response"},
	        {"ExtensionClassContainerImpl1map", "extension_class_container_impl1map"},
	        {"Order$Item", "order_item"},
	        {"$ref", "ref"},
	        {"x-kubernetes-list-type", "x_kubernetes_list_type"},
	        /* a run of capitals splits before its last one only when two
	         * lower-case letters follow (real k8s-c members) */
	        {"podCIDRs", "pod_cidrs"},
	        {"serverAddressByClientCIDRs", "server_address_by_client_cidrs"},
	        {"nonResourceURLs", "non_resource_urls"},
	        {"hostIPs", "host_ips"},
	        {"targetWWNs", "target_wwns"},
	        {"IOMaximumIOps", "io_maximum_i_ops"},
	        {"ExecIDs", "exec_ids"},
	        {"ABCWord", "abc_word"},
	        {"v1.HTTPGetAction", "v1_http_get_action"},
	        {"URLs", "urls"},
	        {"A1BCDef", "a1_bc_def"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = bind_snake(cases[i][0]);
		assert_string_equal(got, cases[i][1]);
		free(got);
	}
}

/* The index of names gives, for a C name, the lowest schema that
 * bind_names_match says it stands for: exact names, a leading '*' as a
 * suffix, other globs, and a schema-names mapping. */
static void names_index(void **state)
{
	(void)state;
	struct ruleset rs;
	ruleset_init(&rs);
	rs.project = xstrdup("petstore");
	rs.names = xcalloc(1, sizeof *rs.names);
	rs.names[0] =
	        (struct name_map){.schema = xstrdup("Other"), .c_name = xstrdup("MappedThing")};
	rs.n_names = rs.names_cap = 1;
	char *pats[] = {"{snake}_t", "Model{camel}_t", "*_{snake}__e", "x?{name}*",
	                "{project}_{snake}"};
	struct strvec patterns = {pats, 5, 5};
	const char *schemas[] = {"Pet", NULL, "PetStatus", "Pet", "Other", "pet_status"};
	const size_t n = sizeof schemas / sizeof schemas[0];
	struct bind_names bn;
	bind_names_build(&bn, &patterns, schemas, n, &rs);
	const struct {
		const char *c_name;
		long want;
	} cases[] = {
	        {"pet_t", 0},          {"ModelPetStatus_t", 2},    {"foo_pet_status__e", 2},
	        {"_pet_status__e", 2}, {"pet_status__e", -1},      {"xyOther123", -1},
	        {"xyPet", 0},          {"MappedThing", 4},         {"MappedThing_t", 4},
	        {"other_t", -1},       {"petstore_pet_status", 2}, {"nothing", -1},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_int_equal(bind_names_find(&bn, cases[i].c_name, NULL), cases[i].want);
		assert_int_equal(bind_names_find(&bn, "none", cases[i].c_name), cases[i].want);
		long first = -1;
		for (size_t j = 0; j < n && first < 0; j++)
			if (schemas[j] &&
			    bind_names_match(cases[i].c_name, schemas[j], &patterns, &rs))
				first = (long)j;
		assert_int_equal(first, cases[i].want);
	}
	assert_int_equal(bind_names_find(&bn, "pet_status_t", "pet_t"), 0);
	assert_int_equal(bind_names_find(&bn, NULL, NULL), -1);
	bind_names_free(&bn);
	/* an exact name beats an earlier schema's suffix, a longer suffix a
	 * shorter one (Currency's *_currency__e is not CatalogsCurrency's) */
	char *enum_pats[] = {"{project}_{snake}__e", "*_{snake}__e"};
	struct strvec ep = {enum_pats, 2, 2};
	const char *enums[] = {"Status", "PetStatus"};
	bind_names_build(&bn, &ep, enums, 2, &rs);
	assert_int_equal(bind_names_find(&bn, "petstore_pet_status__e", NULL), 1);
	assert_int_equal(bind_names_find(&bn, "x_pet_status__e", NULL), 1);
	assert_int_equal(bind_names_find(&bn, "x_status__e", NULL), 0);
	assert_int_equal(bind_names_find(&bn, "petstore_status__e", "x_pet_status__e"), 0);
	bind_names_free(&bn);
	ruleset_free(&rs);
}

static const char broken_spec[] = "openapi: 3.0.3\n"
                                  "info: {title: t, version: '1'}\n"
                                  "components:\n"
                                  "  schemas:\n"
                                  "    Run:\n"
                                  "      properties:\n"
                                  "        object: {type: string, enum: [thread.run, a b, ok]}\n"
                                  "        tags: {type: array, items: {enum: [x.y]}}\n"
                                  "        n: {type: integer}\n";

/* A generator's enum values that are no C identifier: one header-error
 * finding per enum naming the values and their property (a checked
 * enum, and an enum of array items that no check reaches), none missing;
 * an unknown type names its member. */
static void generator_enum_told_once(void **state)
{
	(void)state;
	static const char header[] =
	        "typedef enum { r_O_NULL = 0, r_O_thread.run, r_O_a b, r_O_ok } r_O_e;\n"
	        "typedef enum { r_T_NULL = 0, r_T_x.y } r_T_e;\n"
	        "/** @schema Run */\n"
	        "struct run { r_O_e object; void *tags; unknown_t n; };\n";
	const char *names[] = {"/oacheck-test/run.h"};
	const char *texts[] = {header};
	struct spec *spec =
	        spec_load_buffer("openapi.yaml", broken_spec, strlen(broken_spec), NULL);
	assert_non_null(spec);
	struct hdr_set *h = hdr_load_unsaved(names, texts, 1, NULL, 0);
	assert_non_null(h);
	struct ruleset rs;
	ruleset_init(&rs);
	assert_int_equal(ruleset_load(&rs, "default", NULL, 0), 0);
	struct diff_options opt = {0};
	struct result res;
	diff_all(&res, spec, h, &rs, &opt);
	size_t header_errors = 0;
	for (size_t i = 0; i < res.n; i++) {
		const struct finding *f = &res.findings[i];
		assert_string_not_equal(f->rule, "enum-value-missing");
		if (strcmp(f->rule, "header-error"))
			continue;
		header_errors++;
		assert_int_equal(f->level, LEVEL_ERROR);
		if (f->cloc.line == 1)
			assert_string_equal(f->message,
			                    "enum values 'thread.run' and 'a b' of 'Run.object' "
			                    "are not C identifiers; the generator wrote them as "
			                    "enumerators");
		else if (f->cloc.line == 2)
			assert_string_equal(f->message,
			                    "enum value 'x.y' of 'Run.tags' is not a C "
			                    "identifier; the generator wrote it as an enumerator");
		else
			assert_non_null(strstr(f->message,
			                       "(in member 'struct run.n' of the struct bound "
			                       "to 'Run')"));
	}
	assert_int_equal(header_errors, 3);
	result_free(&res);
	ruleset_free(&rs);
	hdr_free(h);
	spec_free(spec);
}

static const char fit_spec[] = "openapi: 3.0.3\n"
                               "info: {title: t, version: '1'}\n"
                               "components:\n"
                               "  schemas:\n"
                               "    Image:\n"
                               "      properties: {Id: {}, Parent: {}, Os: {}, Created: {}}\n"
                               "    ImageSummary:\n"
                               "      properties: {Id: {}, ParentId: {}, SharedSize: {}, "
                               "Created: {}}\n"
                               "    Pair:\n"
                               "      properties: {a: {}, b: {}}\n"
                               "    Wide:\n"
                               "      properties: {a: {}, b: {}, c: {}, d: {}}\n";

/* The binding of the struct named display, after binding by evidence. */
static const struct bind_schema *bound_after(const char *header, const char *display,
                                             struct bindings *b, struct spec **spec,
                                             struct hdr_set **h, struct ruleset *rs)
{
	const char *names[] = {"/oacheck-test/fit.h"};
	const char *texts[] = {header};
	*spec = spec_load_buffer("openapi.yaml", fit_spec, strlen(fit_spec), NULL);
	*h = hdr_load_unsaved(names, texts, 1, NULL, 0);
	assert_non_null(*spec);
	assert_non_null(*h);
	ruleset_init(rs);
	assert_int_equal(ruleset_load(rs, "default", NULL, 0), 0);
	bind_schemas(b, *spec, *h, rs, NULL);
	for (size_t i = 0; i < b->n; i++)
		if (b->v[i].rec && !strcmp(b->v[i].rec->display, display))
			return &b->v[i];
	return NULL;
}

/* Binding by evidence: at most half of the members against nearly all
 * of at least three moves a struct bound by name; fewer items, a tie or
 * an annotation keep the name. */
static void binding_by_evidence(void **state)
{
	(void)state;
	static const struct {
		const char *header, *display, *schema;
		enum bind_how how;
	} cases[] = {
	        /* 2 of 4 for Image, 4 of 4 for ImageSummary: moved */
	        {"struct image { char *id; char *parent_id; int shared_size; int created; };",
	         "struct image", "ImageSummary", BIND_EVIDENCE},
	        /* 3 of 4 for Image: the name holds */
	        {"struct image { char *id; char *parent; char *os; int shared_size; };",
	         "struct image", "Image", BIND_NAME},
	        /* two members: too little to say */
	        {"struct pair { int c; int d; };", "struct pair", "Pair", BIND_NAME},
	        /* an annotation always wins */
	        {"/** @schema Image */ struct img { char *id; char *parent_id; int shared_size; "
	         "int created; };",
	         "struct img", "Image", BIND_ANNOTATION},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct bindings b;
		struct spec *spec;
		struct hdr_set *h;
		struct ruleset rs;
		const struct bind_schema *bs =
		        bound_after(cases[i].header, cases[i].display, &b, &spec, &h, &rs);
		assert_non_null(bs);
		assert_string_equal(bs->name, cases[i].schema);
		assert_int_equal(bs->how, cases[i].how);
		if (bs->how == BIND_EVIDENCE) {
			assert_int_equal(bs->fit.held, 4);
			assert_int_equal(bs->named_fit.held, 2);
			assert_int_equal(bs->named_fit.items, 4);
			assert_string_equal(bs->named->name, "Image");
		}
		bind_free(&b);
		ruleset_free(&rs);
		hdr_free(h);
		spec_free(spec);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(clean),
	        cmocka_unit_test(missing_extra_mismatch),
	        cmocka_unit_test(capacity_and_count),
	        cmocka_unit_test(fingerprints_ignore_lines),
	        cmocka_unit_test(snake_names),
	        cmocka_unit_test(names_index),
	        cmocka_unit_test(typo_is_one_finding),
	        cmocka_unit_test(companion_patterns),
	        cmocka_unit_test(generator_enum_told_once),
	        cmocka_unit_test(binding_by_evidence),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
