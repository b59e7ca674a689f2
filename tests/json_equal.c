/*
 * json_equal.c - proves, one file at a time, that the JSON reader and
 * libyaml's path read a document alike (tests/json_reader.sh runs it on
 * thousands of real specs in one process each, which is what keeps that
 * test quick). For each FILE it parses the text both ways
 * (ydoc_parse_with: the default reader, and YDOC_READ_YAML as
 * OACHECK_JSON_READER=yaml asks) and compares the trees node by node:
 * kind, bytes, length, line, column, quoted, tag and a mapping's slot;
 * then the return codes and the diagnostics, word for word. (The script
 * compares what oacheck prints from the model both ways.)
 *
 * Prints one line per file: "same PATH how" (how: json when the JSON
 * reader read it, yaml when it handed the text to libyaml, refused when
 * both refused it) or "DIFF PATH: what and where"; exit status 1 when
 * any file differs, 2 for a usage error.
 *
 * Usage: json_equal FILE...
 */
#include "config.h"

#include "diag.h"
#include "util.h"
#include "ydoc_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The first difference of the trees under a and b, described in why;
 * returns whether there is one. */
static bool tree_diff(const struct ynode *a, const struct ynode *b, char *why, size_t size)
{
	if (!a || !b) {
		if (a != b)
			snprintf(why, size, "one tree is empty");
		return a != b;
	}
	if (a->kind != b->kind || a->len != b->len || a->line != b->line || a->col != b->col ||
	    a->quoted != b->quoted || a->tag != b->tag) {
		snprintf(why, size,
		         "node kind %d/%d len %u/%u at %u:%u/%u:%u quoted %d/%d tag %d/%d", a->kind,
		         b->kind, a->len, b->len, a->line, a->col, b->line, b->col, a->quoted,
		         b->quoted, a->tag, b->tag);
		return true;
	}
	if (a->kind == YN_SCALAR) {
		if (memcmp(a->str, b->str, a->len + 1) == 0)
			return false;
		snprintf(why, size, "scalar at %u:%u: '%.60s' / '%.60s'", a->line, a->col, a->str,
		         b->str);
		return true;
	}
	size_t n = a->kind == YN_MAP ? 2 * (size_t)a->len : a->len;
	for (size_t i = 0; i < n; i++)
		if (tree_diff(a->kids[i], b->kids[i], why, size))
			return true;
	if (a->kind == YN_MAP && *ydoc_map_slot(a) != *ydoc_map_slot(b)) {
		snprintf(why, size, "mapping slot at %u:%u", a->line, a->col);
		return true;
	}
	return false;
}

struct side {
	int rc;
	struct sbuf err;
	struct ydoc doc;
};

static void parse_side(struct side *s, const char *path, const char *buf, size_t len,
                       enum ydoc_reader reader)
{
	memset(s, 0, sizeof *s);
	diag_capture(&s->err);
	s->rc = ydoc_parse_with(&s->doc, path, buf, len, NULL, reader);
	diag_capture(NULL);
}

static bool same_text(const struct sbuf *a, const struct sbuf *b)
{
	return a->len == b->len && (a->len == 0 || memcmp(a->buf, b->buf, a->len) == 0);
}

/* Both readers on the text of path; why says what differs. */
static bool trees_differ(const char *path, const char *buf, size_t len, char *why, size_t size,
                         const char **how)
{
	struct side a, b;
	parse_side(&a, path, buf, len, YDOC_READ_AUTO);
	parse_side(&b, path, buf, len, YDOC_READ_YAML);
	bool differ = true;
	if (a.rc != b.rc)
		snprintf(why, size, "status %d (json reader) / %d (libyaml): %s%s", a.rc, b.rc,
		         a.err.len ? a.err.buf : "", b.err.len ? b.err.buf : "");
	else if (!same_text(&a.err, &b.err))
		snprintf(why, size, "messages differ:\n  %s  %s", a.err.len ? a.err.buf : "-\n",
		         b.err.len ? b.err.buf : "-\n");
	else
		differ = tree_diff(a.doc.root, b.doc.root, why, size);
	*how = a.rc ? "refused" : "json";
	if (!a.rc) {
		struct ydoc c;
		diag_set_quiet(1);
		if (ydoc_parse_with(&c, path, buf, len, NULL, YDOC_READ_JSON) == YDOC_NOT_JSON)
			*how = "yaml";
		else
			ydoc_free(&c);
		diag_set_quiet(0);
	}
	ydoc_free(&a.doc);
	ydoc_free(&b.doc);
	sbuf_free(&a.err);
	sbuf_free(&b.err);
	return differ;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs("usage: json_equal FILE...\n", stderr);
		return 2;
	}
	int status = 0;
	for (int i = 1; i < argc; i++) {
		char *buf, why[1024] = "";
		size_t len;
		const char *how = "";
		if (util_read_file(argv[i], &buf, &len)) {
			printf("DIFF %s: cannot read\n", argv[i]);
			status = 1;
			continue;
		}
		bool differ = trees_differ(argv[i], buf, len, why, sizeof why, &how);
		free(buf);
		if (differ)
			printf("DIFF %s: %s\n", argv[i], why);
		else
			printf("same %s %s\n", argv[i], how);
		fflush(stdout);
		status |= differ;
	}
	loc_pool_free();
	return status;
}
