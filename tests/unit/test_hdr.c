/* test_hdr.c - the header walker on headers handed to libclang in memory. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "diag.h"
#include "hdr.h"

static struct hdr_set *walk(const char *text, const char *arg)
{
	const char *names[] = {"/oacheck-test/a.h"};
	const char *texts[] = {text};
	const char *args[] = {arg};
	return hdr_load_unsaved(names, texts, 1, args, arg ? 1 : 0);
}

static const struct hdr_record *record(const struct hdr_set *h, const char *display)
{
	for (size_t i = 0; i < h->n_records; i++)
		if (!strcmp(h->records[i]->display, display))
			return h->records[i];
	return NULL;
}

static const struct hdr_member *member(const struct hdr_record *r, const char *name)
{
	for (size_t i = 0; i < r->n_members; i++)
		if (!strcmp(r->members[i].name, name))
			return &r->members[i];
	return NULL;
}

static const char header[] = "#include <stdint.h>\n"
                             "#include <stddef.h>\n"
                             "typedef int32_t my_id;\n"
                             "enum color { COLOR_RED = -1, COLOR_BLUE = 7 };\n"
                             "/** @schema Pet */\n"
                             "typedef struct {\n"
                             "\tmy_id id; // @json petId\n"
                             "\tchar name[33];\n"
                             "\tchar *tags[4][2];\n"
                             "\tconst char *note;\n"
                             "\tstruct { int x; } pos;\n"
                             "\tlong big;\n"
                             "\tenum color color;\n"
                             "\tunsigned flags : 3;\n"
                             "\tdouble data[];\n"
                             "} pet_t;\n";

static void members_and_types(void **state)
{
	(void)state;
	struct hdr_set *h = walk(header, NULL);
	assert_non_null(h);
	const struct hdr_record *pet = record(h, "pet_t");
	assert_non_null(pet);
	assert_true(pet->in_scope);
	assert_non_null(annot_find(&pet->annots, AT_SCHEMA));
	assert_int_equal(pet->n_members, 9);

	const struct hdr_member *id = member(pet, "id");
	assert_int_equal(id->loc.line, 7);
	assert_int_equal(id->loc.col, 8);
	assert_int_equal(id->type.kind, HK_INT);
	assert_int_equal(id->type.bits, 32);
	assert_true(id->type.is_signed);
	assert_string_equal(id->type.base, "my_id");
	assert_string_equal(id->type.chain[1], "int32_t");
	assert_string_equal(annot_find(&id->annots, AT_JSON)->arg, "petId");

	const struct hdr_member *name = member(pet, "name");
	assert_int_equal(name->type.kind, HK_CHAR);
	assert_int_equal(name->type.n_dims, 1);
	assert_int_equal(name->type.dims[0], 33);

	const struct hdr_member *tags = member(pet, "tags");
	assert_int_equal(tags->type.n_dims, 2);
	assert_int_equal(tags->type.dims[1], 2);
	assert_int_equal(tags->type.ptr, 1);

	assert_true(member(pet, "note")->type.is_const);
	assert_int_equal(member(pet, "pos")->type.kind, HK_RECORD);
	assert_non_null(record(h, "pet_t.pos"));
	assert_int_equal(member(pet, "big")->type.bits, 64);
	assert_int_equal(member(pet, "flags")->bit_width, 3);
	assert_int_equal(member(pet, "data")->type.dims[0], -1);

	const struct hdr_member *color = member(pet, "color");
	assert_int_equal(color->type.kind, HK_ENUM);
	assert_int_equal(color->type.enm->items[0].value, -1);
	assert_int_equal(color->type.enm->items[1].value, 7);
	hdr_free(h);
}

static void target_sets_widths(void **state)
{
	(void)state;
	struct hdr_set *h = walk("struct s { long l; };\n", "--target=i686-linux-gnu");
	assert_non_null(h);
	assert_int_equal(h->records[0]->members[0].type.bits, 32);
	hdr_free(h);
}

static void syntax_error_fails(void **state)
{
	(void)state;
	diag_set_quiet(1);
	assert_null(walk("struct s { int a b; };\n", NULL));
	diag_set_quiet(0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(members_and_types),
	        cmocka_unit_test(target_sets_widths),
	        cmocka_unit_test(syntax_error_fails),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
