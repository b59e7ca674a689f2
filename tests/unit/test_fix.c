/* test_fix.c - --fix without the checker: the unified diff of two texts
 * (hunks, context, a missing final newline), and fix_apply on a header in
 * a temporary directory with findings built in memory: edits made in
 * order, insertions at one place in their properties' order, the same
 * insertion made once, an overlapping fix left out, a header changed since
 * it was parsed or not among the headers given left alone, the level
 * respected, the file's permissions kept. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "diag.h"
#include "fix.h"
#include "util.h"

static char *diff_of(const char *a, const char *b)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	udiff_write(fp, "x.h", a, strlen(a), b, strlen(b));
	fclose(fp);
	return buf;
}

static void diff_hunks(void **state)
{
	(void)state;
	char *d = diff_of("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n",
	                  "1\n2\nthree\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n");
	assert_string_equal(d, "--- a/x.h\n+++ b/x.h\n"
	                       "@@ -1,6 +1,6 @@\n 1\n 2\n-3\n+three\n 4\n 5\n 6\n"
	                       "@@ -10,3 +10,4 @@\n 10\n 11\n 12\n+13\n");
	free(d);
	d = diff_of("a\nb", "a\nc\n");
	assert_string_equal(d, "--- a/x.h\n+++ b/x.h\n@@ -1,2 +1,2 @@\n a\n-b\n"
	                       "\\ No newline at end of file\n+c\n");
	free(d);
	d = diff_of("", "new\n");
	assert_string_equal(d, "--- a/x.h\n+++ b/x.h\n@@ -0,0 +1,1 @@\n+new\n");
	free(d);
	d = diff_of("same\n", "same\n");
	assert_string_equal(d, "");
	free(d);
}

static const char header[] = "struct s {\n\tfloat x;\n};\n";

struct world {
	char dir[64], path[128];
	struct hdr_set h;
	struct finding f[4];
	struct result res;
};

static struct hdr_pos at(unsigned off)
{
	unsigned line = 1, col = 1;
	for (unsigned i = 0; i < off; i++, col++)
		if (header[i] == '\n')
			line++, col = 0;
	return (struct hdr_pos){off, line, col};
}

/* A fix of kind with one edit [b, e) -> text, on finding i. */
static void add(struct world *w, size_t i, enum level l, unsigned b, unsigned e, const char *text,
                unsigned spec_line)
{
	struct fix *fx = xcalloc(1, sizeof *fx);
	fx->kind = FIX_ADD_MEMBER;
	fx->to = xstrdup(text);
	fx->edits[0] = (struct fix_edit){w->path, at(b), at(e), xstrdup(text)};
	fx->n_edits = 1;
	w->f[i] = (struct finding){.rule = "missing-field",
	                           .level = l,
	                           .message = (char *)"m",
	                           .cloc = {w->path, 1, 8},
	                           .sloc = {"api.yaml", spec_line, 1},
	                           .fix = fx};
	w->res.n = i + 1;
}

static int setup(void **state)
{
	struct world *w = xcalloc(1, sizeof *w);
	strcpy(w->dir, "/tmp/oac-fix-XXXXXX");
	assert_non_null(mkdtemp(w->dir));
	snprintf(w->path, sizeof w->path, "%s/s.h", w->dir);
	FILE *fp = fopen(w->path, "w");
	fputs(header, fp);
	fclose(fp);
	chmod(w->path, 0640);
	w->h.files = xcalloc(1, sizeof *w->h.files);
	w->h.files[0] =
	        (struct hdr_file){w->path, strlen(header), hdr_text_hash(header, strlen(header))};
	w->h.n_files = 1;
	strmap_put(&w->h.file_index, w->path, (void *)1); /* files[0] */
	w->res.findings = w->f;
	diag_set_quiet(1);
	*state = w;
	return 0;
}

static int teardown(void **state)
{
	struct world *w = *state;
	for (size_t i = 0; i < w->res.n; i++)
		fix_free(w->f[i].fix);
	unlink(w->path);
	rmdir(w->dir);
	free(w->h.files);
	strmap_free(&w->h.file_index);
	free(w);
	diag_set_quiet(0);
	return 0;
}

static char *text_of(const char *path)
{
	char *buf;
	size_t len;
	assert_int_equal(util_read_file(path, &buf, &len), 0);
	return buf;
}

static int run(struct world *w, enum level min)
{
	const char *given[] = {w->path};
	struct fix_options fo = {min, false, given, 1};
	return fix_apply(&w->res, &w->h, &fo, stdout);
}

static void applies_in_order(void **state)
{
	struct world *w = *state;
	/* "};" is at 21: two members inserted there, the second property first */
	add(w, 0, LEVEL_ERROR, 21, 21, "\tint b;\n", 12);
	add(w, 1, LEVEL_ERROR, 21, 21, "\tint a;\n", 11);
	add(w, 2, LEVEL_ERROR, 12, 17, "double", 10);     /* float -> double */
	add(w, 3, LEVEL_ERROR, 21, 21, "\tint a;\n", 11); /* the same again: once */
	assert_int_equal(run(w, LEVEL_ERROR), 4);
	char *t = text_of(w->path);
	assert_string_equal(t, "struct s {\n\tdouble x;\n\tint a;\n\tint b;\n};\n");
	free(t);
	struct stat st;
	assert_int_equal(stat(w->path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0640);
}

static void overlap_and_level(void **state)
{
	struct world *w = *state;
	add(w, 0, LEVEL_ERROR, 12, 17, "double", 10);
	add(w, 1, LEVEL_ERROR, 14, 19, "xx", 11);           /* overlaps the first */
	add(w, 2, LEVEL_WARNING, 21, 21, "\tint a;\n", 12); /* below --fail-on */
	assert_int_equal(run(w, LEVEL_ERROR), 1);
	char *t = text_of(w->path);
	assert_string_equal(t, "struct s {\n\tdouble x;\n};\n");
	free(t);
}

static void changed_or_not_given(void **state)
{
	struct world *w = *state;
	add(w, 0, LEVEL_ERROR, 12, 17, "double", 10);
	w->h.files[0].hash ^= 1; /* as if edited after the parse */
	assert_int_equal(run(w, LEVEL_INFO), 0);
	w->h.files[0].hash ^= 1;
	const char *given[] = {"/nonexistent.h"};
	struct fix_options fo = {LEVEL_INFO, false, given, 1};
	assert_int_equal(fix_apply(&w->res, &w->h, &fo, stdout), 0);
	char *t = text_of(w->path);
	assert_string_equal(t, header);
	free(t);
}

static void dry_run_writes_nothing(void **state)
{
	struct world *w = *state;
	add(w, 0, LEVEL_ERROR, 12, 17, "double", 10);
	const char *given[] = {w->path};
	struct fix_options fo = {LEVEL_ERROR, true, given, 1};
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	assert_int_equal(fix_apply(&w->res, &w->h, &fo, fp), 1);
	fclose(fp);
	assert_non_null(strstr(buf, "-\tfloat x;\n+\tdouble x;\n"));
	free(buf);
	char *t = text_of(w->path);
	assert_string_equal(t, header);
	free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(diff_hunks),
	        cmocka_unit_test_setup_teardown(applies_in_order, setup, teardown),
	        cmocka_unit_test_setup_teardown(overlap_and_level, setup, teardown),
	        cmocka_unit_test_setup_teardown(changed_or_not_given, setup, teardown),
	        cmocka_unit_test_setup_teardown(dry_run_writes_nothing, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
