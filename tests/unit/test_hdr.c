/* test_hdr.c - the header walker on headers handed to libclang in memory. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "diag.h"
#include "hdr.h"
#include "hdr_load.h"

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

/* Did the load fail, or mark a record as not parsed cleanly? (Whether
 * that is fatal depends on the record being checked: main decides.) */
static bool failed_or_broken(struct hdr_set *h)
{
	bool broken = !h;
	for (size_t i = 0; h && i < h->n_records; i++)
		broken |= h->records[i]->broken;
	hdr_free(h);
	return broken;
}

static void syntax_error_fails(void **state)
{
	(void)state;
	diag_set_quiet(1);
	struct hdr_set *h = walk("struct s { int a b; };\n", NULL);
	assert_non_null(h);
	assert_true(h->records[0]->broken);
	assert_int_equal(h->n_msgs, 1);
	hdr_free(h);
	diag_set_quiet(0);
}

static const struct hdr_enum *enum_named(const struct hdr_set *h, const char *name, size_t nth)
{
	for (size_t i = 0; i < h->n_enums; i++)
		if (h->enums[i]->display && !strcmp(h->enums[i]->display, name) && nth-- == 0)
			return h->enums[i];
	return NULL;
}

static const struct hdr_msg *msg_at(const struct hdr_set *h, unsigned line, unsigned col)
{
	for (size_t i = 0; i < h->n_msgs; i++)
		if (h->msgs[i].at.line == line && h->msgs[i].at.col == col)
			return &h->msgs[i];
	return NULL;
}

/* What a generator broke, kept: an enumerator for a value that is no C
 * identifier (its item's text whole, the enumerators clang made of it
 * fragments), an enum defined twice (its own copy), a member of an
 * unknown type (invalid, its error placed in it), a prototype with a
 * trailing comma (its error placed in the function). */
static const char broken_gen[] =
        "typedef enum { x_O_NULL = 0, x_O_thread.run, x_O_Not Set, x_O_ok } x_O_e;\n" /* 1 */
        "typedef enum { x__NULL = 0, x__EU } x__e;\n"                                 /* 2 */
        "typedef enum { x__NULL = 0, x__FREE } x__e;\n"                               /* 3 */
        "typedef struct x_t {\n"                                                      /* 4 */
        "    x_O_e object;\n"                                                         /* 5 */
        "    any_type_t *meta;\n"                                                     /* 6 */
        "    int n;\n"                                                                /* 7 */
        "} x_t;\n"                                                                    /* 8 */
        "x_t *x_create(int n, );\n";                                                  /* 9 */

static void generator_breakage_kept(void **state)
{
	(void)state;
	diag_set_quiet(1);
	struct hdr_set *h = walk(broken_gen, NULL);
	diag_set_quiet(0);
	assert_non_null(h);
	const struct hdr_enum *o = enum_named(h, "x_O_e", 0);
	assert_non_null(o);
	assert_int_equal(o->n_bad, 2);
	assert_string_equal(o->bad[0].text, "x_O_thread.run");
	assert_string_equal(o->bad[1].text, "x_O_Not Set");
	assert_int_equal(o->bad[0].loc.col, 30);
	size_t fragments = 0, whole = 0;
	for (size_t i = 0; i < o->n_items; i++) {
		fragments += o->items[i].fragment;
		whole += !o->items[i].fragment;
	}
	assert_int_equal(whole, 2); /* x_O_NULL, x_O_ok */
	assert_true(fragments >= 2);
	const struct hdr_enum *e1 = enum_named(h, "x__e", 0), *e2 = enum_named(h, "x__e", 1);
	assert_non_null(e1);
	assert_non_null(e2);
	assert_ptr_not_equal(e1, e2);
	assert_int_equal(e2->loc.line, 3);
	const struct hdr_record *r = record(h, "x_t");
	assert_non_null(r);
	assert_true(member(r, "meta")->invalid);
	assert_false(member(r, "n")->invalid);
	const struct hdr_msg *m = msg_at(h, 6, 5);
	assert_non_null(m);
	assert_true(m->in_scope);
	assert_ptr_equal(m->rec, r);
	assert_string_equal(m->member, "meta");
	m = msg_at(h, 9, 22);
	assert_non_null(m);
	assert_string_equal(m->func, "x_create");
	hdr_free(h);
}

/* A header clang makes nothing of: no declaration at all, not loaded. */
static void garbage_not_loaded(void **state)
{
	(void)state;
	diag_set_quiet(1);
	assert_null(walk("This is not C at all\n* a list\n", NULL));
	diag_set_quiet(0);
}

/* Single-bit #defines, in their spellings; nothing else. */
static void bits_scanned(void **state)
{
	(void)state;
	static const char text[] = "#define A_ONE (1<<0)\n"
	                           "#define A_TWO 1 << 1 /* two */\n"
	                           "  #  define A_FOUR (1u << (2))\n"
	                           "#define A_BIT BIT(5)\n"
	                           "#define A_HEX 0x0100\n"
	                           "#define A_DEC 64\n"
	                           "#define NOT_BIT (3)\n"
	                           "#define NOT_MACRO(x) (1<<x)\n"
	                           "#define NOT_ZERO 0\n"
	                           "#define NOT_SUM (1<<2) + 1\n";
	struct hdr_set h;
	memset(&h, 0, sizeof h);
	hdr_scan_bits(&h, "x.h", text, sizeof text - 1);
	static const struct {
		const char *name;
		unsigned long long v;
		unsigned line;
	} want[] = {{"A_ONE", 1, 1},  {"A_TWO", 2, 2},   {"A_FOUR", 4, 3},
	            {"A_BIT", 32, 4}, {"A_HEX", 256, 5}, {"A_DEC", 64, 6}};
	assert_int_equal(h.n_bits, sizeof want / sizeof want[0]);
	for (size_t i = 0; i < h.n_bits; i++) {
		assert_string_equal(h.bits[i].name, want[i].name);
		assert_int_equal(h.bits[i].value, want[i].v);
		assert_int_equal(h.bits[i].loc.line, want[i].line);
	}
	free(h.bits);
	arena_free(&h.arena);
}

static const struct annot *tag(const struct annot_set *s, enum annot_tag t)
{
	return annot_find(s, t);
}

static const char *json_of(const struct hdr_record *r, const char *name)
{
	const struct hdr_member *m = member(r, name);
	assert_non_null(m);
	const struct annot *a = tag(&m->annots, AT_JSON);
	return a ? a->arg : "";
}

static const char comments[] = "#include <stdbool.h>\n"                                /* 1 */
                               "#define FIELD(t, n) t n;\n"                            /* 2 */
                               "static const char *url = \"http://x/* @jsno */\";\n"   /* 3 */
                               "/** @schema Pet */\n"                                  /* 4 */
                               "typedef struct { // @nocheck extra-field brace line\n" /* 5 */
                               "\t/** @json lead */ long both; // @format int64\n"     /* 6 */
                               "\tint a, b; // @json ab\n"                             /* 7 */
                               "\tint p; // @json pp\n"                                /* 8 */
                               "\t       // @json qq\n"                                /* 9 */
                               "\tint q;\n"                                            /* 10 */
                               "\tint r; ///< @json rr\n"                              /* 11 */
                               "\t       ///< @format uuid\n"                          /* 12 */
                               "\t/** @present has_address */\n"                       /* 13 */
                               "\tstruct {\n"                                          /* 14 */
                               "\t\tint zip; // @json zipCode\n"                       /* 15 */
                               "\t} address;\n"                                        /* 16 */
                               "\t/** @json onFlag */\n"                               /* 17 */
                               "#ifdef HAVE_ON\n"                                      /* 18 */
                               "\tbool on;\n"                                          /* 19 */
                               "#endif // HAVE_ON\n"                                   /* 20 */
                               "\tFIELD(int, mx) // @json macroX\n"                    /* 21 */
                               "\tint s1; /* @json s1 */ int s2; /* @json s2 */\n"     /* 22 */
                               "\tvoid (*cb)(int x,\n"                                 /* 23 */
                               "\t           int y); // @ignore\n"                     /* 24 */
                               "\tstruct { int ix; } inner; // @json in\n"             /* 25 */
                               "} pet_t; // @type object\n";                           /* 26 */

static void comments_as_users_mean_them(void **state)
{
	(void)state;
	struct hdr_set *h = walk(comments, "-DHAVE_ON");
	assert_non_null(h);
	const struct hdr_record *pet = record(h, "pet_t");
	assert_non_null(pet);
	assert_non_null(tag(&pet->annots, AT_SCHEMA));
	assert_non_null(tag(&pet->annots, AT_NOCHECK));
	assert_non_null(tag(&pet->annots, AT_TYPE));
	assert_int_equal(pet->annots.n_probs, 0);

	const struct hdr_member *both = member(pet, "both");
	assert_string_equal(json_of(pet, "both"), "lead");
	assert_string_equal(tag(&both->annots, AT_FORMAT)->arg, "int64");
	assert_int_equal(tag(&both->annots, AT_FORMAT)->line, 6);
	assert_int_equal(tag(&both->annots, AT_FORMAT)->col, 34);
	assert_null(tag(&both->annots, AT_NOCHECK)); /* the brace line is the struct's */

	assert_string_equal(json_of(pet, "a"), "ab");
	assert_string_equal(json_of(pet, "b"), "ab");
	assert_string_equal(json_of(pet, "p"), "pp");
	assert_string_equal(json_of(pet, "q"), "qq");
	assert_string_equal(json_of(pet, "r"), "rr");
	assert_non_null(tag(&member(pet, "r")->annots, AT_FORMAT));
	assert_non_null(tag(&member(pet, "address")->annots, AT_PRESENT));
	const struct hdr_record *addr = record(h, "pet_t.address");
	assert_non_null(addr);
	assert_int_equal(addr->annots.n, 0);
	assert_string_equal(json_of(addr, "zip"), "zipCode");
	assert_string_equal(json_of(pet, "on"), "onFlag");
	assert_string_equal(member(pet, "on")->type.spelling, "bool"); /* not _Bool */
	assert_int_equal(member(pet, "on")->type.kind, HK_BOOL);
	assert_string_equal(json_of(pet, "mx"), "macroX");
	assert_string_equal(json_of(pet, "s1"), "s1");
	assert_string_equal(json_of(pet, "s2"), "s2");
	assert_non_null(tag(&member(pet, "cb")->annots, AT_IGNORE));
	assert_string_equal(json_of(pet, "inner"), "in");
	assert_string_equal(json_of(record(h, "pet_t.inner"), "ix"), "");
	for (size_t i = 0; i < pet->n_members; i++)
		assert_int_equal(pet->members[i].annots.n_probs, 0);
	hdr_free(h);
}

static void enum_comments_and_values(void **state)
{
	(void)state;
	struct hdr_set *h = walk("/** @schema Status */\n"
	                         "typedef enum {\n"
	                         "\tST_NEG = -1, // @value \"gone away\"\n"
	                         "\tST_A = 7, ///< @value available\n"
	                         "\t/** @value pending */\n"
	                         "\tST_B,\n"
	                         "\tST_C /**< @value sold */\n"
	                         "} status_t;\n",
	                         NULL);
	assert_non_null(h);
	assert_int_equal(h->n_enums, 1);
	const struct hdr_enum *e = h->enums[0];
	assert_string_equal(e->display, "status_t");
	assert_non_null(tag(&e->annots, AT_SCHEMA));
	static const char *const want[] = {"gone away", "available", "pending", "sold"};
	static const long long values[] = {-1, 7, 8, 9};
	assert_int_equal(e->n_items, 4);
	for (size_t i = 0; i < 4; i++) {
		assert_string_equal(tag(&e->items[i].annots, AT_VALUE)->arg, want[i]);
		assert_int_equal(e->items[i].value, values[i]);
	}
	hdr_free(h);
}

static void license_comment_is_not_a_doc(void **state)
{
	(void)state;
	struct hdr_set *h = walk("/* (c) 2024 @jsno Ltd */\n"
	                         "#include <stdint.h>\n"
	                         "\n"
	                         "struct s {\n"
	                         "\t// a section header\n"
	                         "\n"
	                         "\tint32_t after_blank; // @json x\n"
	                         "};\n",
	                         NULL);
	assert_non_null(h);
	assert_int_equal(h->records[0]->annots.n_probs, 0);
	assert_null(h->records[0]->comment);
	assert_non_null(strstr(h->records[0]->members[0].comment, "section header"));
	hdr_free(h);
	h = walk("struct t {\n\tint a;\n\t///< @json aa\n\tint b;\n};\n", NULL);
	assert_non_null(h);
	assert_string_equal(json_of(h->records[0], "a"), "aa"); /* ///< looks back */
	assert_string_equal(json_of(h->records[0], "b"), "");
	hdr_free(h);
	h = walk("struct k /* @schema K */\n{ int a; }; // @nocheck extra-field old\n", NULL);
	assert_non_null(h);
	assert_non_null(annot_find(&h->records[0]->annots, AT_SCHEMA));
	assert_non_null(annot_find(&h->records[0]->annots, AT_NOCHECK));
	assert_null(annot_find(&h->records[0]->members[0].annots, AT_NOCHECK));
	hdr_free(h);
}

static void anonymous_members_flattened(void **state)
{
	(void)state;
	struct hdr_set *h = walk("struct s {\n"
	                         "\tint tag;\n"
	                         "\tunion { int i; struct { short lo, hi; }; };\n"
	                         "\tstruct point { int x, y; } at;\n"
	                         "};\n",
	                         NULL);
	assert_non_null(h);
	const struct hdr_record *s = record(h, "struct s");
	assert_int_equal(s->n_members, 5);
	assert_true(member(s, "i")->from_anonymous);
	assert_int_equal(member(s, "i")->offset_bits, 32);
	assert_int_equal(member(s, "hi")->offset_bits, 48);
	assert_int_equal(member(s, "at")->type.record, record(h, "struct point"));
	assert_int_equal(s->size, 16);
	hdr_free(h);
}

static void typedef_chain_keeps_both(void **state)
{
	(void)state;
	struct hdr_set *h =
	        walk("#include <stdint.h>\n"
	             "typedef int32_t my_id;\n"
	             "typedef my_id pet_id;\n"
	             "struct n; typedef struct n n_t;\n"
	             "struct n { pet_id id; n_t *next; struct fwd *f; int (*fn)(void); };\n",
	             NULL);
	assert_non_null(h);
	const struct hdr_record *n = record(h, "n_t");
	assert_non_null(n);
	const struct hdr_member *id = member(n, "id");
	assert_string_equal(id->type.base, "pet_id");
	assert_string_equal(id->type.canon, "int");
	assert_int_equal(id->type.n_chain, 4);
	assert_string_equal(id->type.chain[2], "int32_t");
	assert_ptr_equal(member(n, "next")->type.record, n); /* recursive */
	assert_int_equal(member(n, "next")->type.ptr, 1);
	assert_false(member(n, "f")->type.record->complete); /* forward only */
	assert_int_equal(member(n, "fn")->type.kind, HK_FUNCTION);
	hdr_free(h);
}

static void bare_metal_target(void **state)
{
	(void)state;
	struct hdr_set *h = walk("#include <stdint.h>\nstruct s { long l; int64_t x; };\n",
	                         "--target=arm-none-eabi");
	assert_non_null(h);
	assert_int_equal(h->records[0]->members[0].type.bits, 32);
	assert_int_equal(h->records[0]->members[1].type.bits, 64);
	hdr_free(h);
}

static void error_outside_structs_is_a_warning(void **state)
{
	(void)state;
	diag_set_quiet(1);
	struct hdr_set *h = walk("struct fine { int a; };\nint f(int x y);\n", NULL);
	assert_non_null(h);
	assert_int_equal(h->n_errors, 1);
	assert_int_equal(h->records[0]->n_members, 1);
	assert_false(h->records[0]->broken);
	hdr_free(h);
	assert_true(failed_or_broken(walk("struct s { unknown_t a; };\n", NULL)));
	assert_true(failed_or_broken(walk("struct s { int a; }\nstruct t { int b; };\n", NULL)));
	assert_true(
	        failed_or_broken(walk("struct ok { int a; };\nstruct s { int a; /* open\n", NULL)));
	assert_null(walk("not C at all\n", NULL)); /* errors, and nothing taken */
	diag_set_quiet(0);
}

static void conflicting_headers_parsed_alone(void **state)
{
	(void)state;
	const char *names[] = {"/oacheck-test/a.h", "/oacheck-test/b.h", "/oacheck-test/c.h"};
	const char *texts[] = {"struct pet { int id; };\n",
	                       "struct pet { long id; char name[8]; };\n",
	                       "#define id ident\nstruct order { int n; };\n"};
	struct hdr_set *h = hdr_load_unsaved(names, texts, 3, NULL, 0);
	assert_non_null(h);
	assert_int_equal(h->n_records, 3);
	size_t pets = 0;
	for (size_t i = 0; i < h->n_records; i++)
		if (!strcmp(h->records[i]->display, "struct pet")) {
			pets++;
			assert_true(h->records[i]->in_scope);
		}
	assert_int_equal(pets, 2);
	hdr_free(h);
}

static void not_self_contained_parsed_after_others(void **state)
{
	(void)state;
	const char *names[] = {"/oacheck-test/a_internal.h", "/oacheck-test/base.h",
	                       "/oacheck-test/broken.h"};
	const char *texts[] = {"struct a_internal { money_t price; struct base b; };\n",
	                       "typedef long money_t;\nstruct base { int x; };\n",
	                       "struct broken { nothing_t n; };\n"};
	diag_set_quiet(1);
	/* broken.h is broken */
	assert_true(failed_or_broken(hdr_load_unsaved(names, texts, 3, NULL, 0)));
	struct hdr_set *h = hdr_load_unsaved(names, texts, 2, NULL, 0);
	diag_set_quiet(0);
	assert_non_null(h);
	assert_int_equal(h->n_errors, 0);
	const struct hdr_record *a = record(h, "struct a_internal");
	assert_non_null(a);
	assert_true(a->in_scope);
	assert_int_equal(member(a, "price")->type.bits, 64);
	assert_ptr_equal(member(a, "b")->type.record, record(h, "struct base"));
	assert_true(member(a, "b")->type.record->in_scope);
	hdr_free(h);
}

static void macro_made_records(void **state)
{
	(void)state;
	struct hdr_set *h = walk("#define DECLARE(name) struct name { int x; int y; }\n"
	                         "/** @schema Point */\n"
	                         "DECLARE(pt); // @nocheck extra-field generated\n",
	                         NULL);
	assert_non_null(h);
	const struct hdr_record *pt = record(h, "struct pt");
	assert_non_null(annot_find(&pt->annots, AT_SCHEMA));
	assert_non_null(annot_find(&pt->annots, AT_NOCHECK));
	assert_int_equal(pt->members[0].annots.n, 0);
	assert_int_equal(pt->members[1].annots.n, 0);
	hdr_free(h);
}

/* The places --fix edits: a declaration's type and name, after its ';',
 * the record's closing brace and where a declaration before it goes;
 * nothing for declarators sharing a type or a macro's members. */
static void places_for_fixes(void **state)
{
	(void)state;
	static const char text[] = "#define TWO(a, b) int a; int b;\n"
	                           "/* s */\n"
	                           "typedef struct {\n"
	                           "\tfloat x; // c\n"
	                           "\tint a, b;\n"
	                           "\tTWO(p, q)\n"
	                           "\tchar name[8];\n"
	                           "} s_t;\n";
	struct hdr_set *h = walk(text, NULL);
	assert_non_null(h);
	const struct hdr_record *r = record(h, "s_t");
	const struct hdr_member *x = member(r, "x"), *name = member(r, "name");
	assert_true(x->editable);
	assert_int_equal(x->decl_begin.off, (unsigned)(strstr(text, "float") - text));
	assert_int_equal(x->decl_end.off, (unsigned)(strstr(text, "; // c") - text));
	assert_int_equal(x->name_at.line, 4);
	assert_int_equal(x->name_at.col, 8);
	assert_int_equal(x->after_semi.off, (unsigned)(strstr(text, " // c") - text));
	assert_int_equal(x->after_semi.col, 10);
	assert_true(name->editable);
	assert_int_equal(name->decl_end.off, (unsigned)(strstr(text, ";\n}") - text));
	assert_false(member(r, "a")->editable);
	assert_false(member(r, "b")->editable);
	assert_false(member(r, "p")->editable);
	assert_true(r->editable && r->brace_own_line);
	assert_int_equal(r->insert_at.off, (unsigned)(strstr(text, "} s_t") - text));
	assert_int_equal(r->insert_at.line, 8);
	assert_string_equal(r->indent, "\t");
	assert_int_equal(r->decl_at.off, (unsigned)(strstr(text, "/* s */") - text));
	assert_int_equal(r->decl_at.line, 2);
	assert_int_equal(h->n_files, 1);
	assert_int_equal(h->files[0].len, strlen(text));
	hdr_free(h);
}

static void compile_command_filter(void **state)
{
	(void)state;
	const char *argv[] = {
	        "-c",           "-DA=1",    "-I",       "inc",   "-Wall",      "-MD",
	        "-MF",          "x.d",      "-o",       "x.o",   "-std=gnu99", "-m32",
	        "--target=arm", "-isystem", "sys",      "-O2",   "-x",         "c",
	        "-Uold",        "src/x.c",  "-include", "cfg.h", "--",         "-DLATE"};
	const char *out[32];
	size_t n = hdr_filter_args(argv, sizeof argv / sizeof argv[0], out);
	static const char *const want[] = {"-DA=1", "-I",           "inc",      "-std=gnu99",
	                                   "-m32",  "--target=arm", "-isystem", "sys",
	                                   "-Uold", "-include",     "cfg.h"};
	assert_int_equal(n, sizeof want / sizeof want[0]);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(out[i], want[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(members_and_types),
	        cmocka_unit_test(places_for_fixes),
	        cmocka_unit_test(target_sets_widths),
	        cmocka_unit_test(syntax_error_fails),
	        cmocka_unit_test(generator_breakage_kept),
	        cmocka_unit_test(garbage_not_loaded),
	        cmocka_unit_test(bits_scanned),
	        cmocka_unit_test(comments_as_users_mean_them),
	        cmocka_unit_test(enum_comments_and_values),
	        cmocka_unit_test(license_comment_is_not_a_doc),
	        cmocka_unit_test(anonymous_members_flattened),
	        cmocka_unit_test(typedef_chain_keeps_both),
	        cmocka_unit_test(bare_metal_target),
	        cmocka_unit_test(error_outside_structs_is_a_warning),
	        cmocka_unit_test(conflicting_headers_parsed_alone),
	        cmocka_unit_test(compile_command_filter),
	        cmocka_unit_test(macro_made_records),
	        cmocka_unit_test(not_self_contained_parsed_after_others),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
