/*
 * rules.c - the rule table and the rule set. The table is the one place
 * that lists every finding oacheck can make; the man page, rules/ and
 * --list-rules are tested against it.
 */
#include "config.h"

#include "rules.h"
#include "diag.h"
#include "util.h"
#include "ydoc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const struct rule rule_table[] = {
        {"missing-field", LEVEL_DEPENDS, "a schema property has no member"},
        {"extra-field", LEVEL_DEPENDS, "a member has no property"},
        {"type-mismatch", LEVEL_ERROR, "JSON type and C type cannot hold each other"},
        {"int-width", LEVEL_ERROR, "integer narrower than the format or range needs"},
        {"float-precision", LEVEL_WARNING, "double or unformatted number held in float"},
        {"string-capacity", LEVEL_ERROR, "char[N] shorter than maxLength+1 or the format needs"},
        {"array-capacity", LEVEL_ERROR, "T[N] shorter than maxItems"},
        {"array-count-missing", LEVEL_WARNING, "a pointer array with no count member"},
        {"enum-value-missing", LEVEL_ERROR, "a schema enum value with no enumerator"},
        {"enum-value-extra", LEVEL_WARNING, "an enumerator with no schema value"},
        {"format-mismatch", LEVEL_ERROR, "@format differs from the schema's format"},
        {"format-undeclared", LEVEL_WARNING, "a semantic format the member does not declare"},
        {"presence-unrepresentable", LEVEL_WARNING,
         "an optional or nullable property whose member cannot be absent"},
        {"required-declared-optional", LEVEL_WARNING,
         "a required property whose member is declared optional"},
        {"ref-mismatch", LEVEL_ERROR, "a member's struct is bound to another schema than the $ref"},
        {"example-invalid", LEVEL_WARNING, "@example does not fit the C type or the schema"},
        {"name-style", LEVEL_WARNING, "JSON name matched only after folding case/underscores"},
        {"schema-unknown", LEVEL_ERROR, "@schema names nothing in the spec"},
        {"schema-unbound", LEVEL_INFO, "a schema in scope has no struct"},
        {"binding-mismatch", LEVEL_WARNING,
         "a struct named for one schema holds another; checked against that one"},
        {"binding-inferred", LEVEL_INFO,
         "a struct no name binds holds a schema's members; checked against it"},
        {"annotation-unknown", LEVEL_ERROR, "a misspelt @tag"},
        {"annotation-invalid", LEVEL_ERROR, "a tag with a bad argument"},
        {"companion-invalid", LEVEL_ERROR,
         "a member named as a flag or count whose type cannot be one"},
        {"spec-ref-unresolved", LEVEL_ERROR, "a $ref that leads nowhere"},
        {"header-error", LEVEL_DEPENDS,
         "clang could not parse a line of a header (the rest is still checked)"},
        {"composition-unchecked", LEVEL_INFO, "a oneOf/anyOf the checker could not map"},
        {"nocheck-unused", LEVEL_WARNING, "an @nocheck that suppressed nothing"},
        {"spec-invalid", LEVEL_WARNING, "a schema keyword with a value oacheck cannot use"},
        {"baseline-stale", LEVEL_INFO, "a baseline entry that matches no finding any more"},
        {"wire-key-unknown", LEVEL_ERROR, "the JSON code uses a key that is no property"},
        {"wire-key-mismatch", LEVEL_ERROR,
         "a member is read or written under another property's key"},
        {"wire-unwritten", LEVEL_WARNING, "a property the struct's serializer never writes"},
        {"wire-unread", LEVEL_WARNING, "a property the struct's parser never reads"},
        {"wire-type-mismatch", LEVEL_ERROR, "the JSON type a call implies is not the property's"},
        {"source-error", LEVEL_WARNING,
         "clang could not parse a source of the wire check (its calls are checked as far as "
         "it could)"},
};
const size_t rule_count = sizeof rule_table / sizeof rule_table[0];

int rule_index(const char *id)
{
	for (size_t i = 0; i < rule_count; i++)
		if (!strcmp(rule_table[i].id, id))
			return (int)i;
	return -1;
}

const struct rule *rule_find(const char *id)
{
	int i = rule_index(id);
	return i < 0 ? NULL : &rule_table[i];
}

const char *level_name(enum level l)
{
	switch (l) {
	case LEVEL_ERROR:
		return "error";
	case LEVEL_WARNING:
		return "warning";
	case LEVEL_INFO:
		return "info";
	default:
		return "off";
	}
}

int level_parse(const char *s, enum level *out)
{
	static const struct {
		const char *name;
		enum level l;
	} map[] = {{"error", LEVEL_ERROR},
	           {"warning", LEVEL_WARNING},
	           {"info", LEVEL_INFO},
	           {"off", LEVEL_OFF}};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (!strcmp(s, map[i].name)) {
			*out = map[i].l;
			return 0;
		}
	return -1;
}

const char *rules_dir(void)
{
	static char *dir;
	if (dir)
		return dir;
	const char *env = getenv("OACHECK_RULES_DIR");
	if (env && *env)
		return dir = xstrdup(env);
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	char *slash = NULL;
	if (n > 0) {
		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash)
			*slash = '\0';
		/* an uninstalled binary in its build tree uses the source tree's */
		if (slash && !strcmp(exe, OAC_BUILDDIR))
			return dir = xstrdup(OAC_SRCDIR "/rules");
	}
	if (access(OAC_PKGDATADIR "/rules/default.yaml", R_OK) == 0 || !slash)
		return dir = xstrdup(OAC_PKGDATADIR "/rules");
	/* installed elsewhere than configured (make install prefix=..., a
	 * moved tree): BINDIR/../share/oacheck/rules */
	return dir = xasprintf("%s/../share/oacheck/rules", exe);
}

static void print_block(FILE *fp, const char *text, const char *indent)
{
	while (*text) {
		const char *nl = strchr(text, '\n');
		size_t n = nl ? (size_t)(nl - text) : strlen(text);
		fprintf(fp, "%s%.*s\n", n ? indent : "", (int)n, text);
		text += n + (nl ? 1 : 0);
	}
}

int rules_explain(const char *id, void *out)
{
	FILE *fp = out;
	char *path = xasprintf("%s/rules.yaml", rules_dir());
	struct ydoc doc;
	int rc = ydoc_load_file(&doc, path, NULL);
	free(path);
	if (rc)
		return -1;
	const struct ynode *e = ydoc_get(doc.root, id);
	const struct ynode *level = ydoc_get(e, "level"), *summary = ydoc_get(e, "summary");
	const struct ynode *desc = ydoc_get(e, "description"), *ex = ydoc_get(e, "example");
	if (!e || !summary || summary->kind != YN_SCALAR) {
		struct loc at = {doc.file, 0, 0};
		diag_error(&at, "no description of rule '%s'", id);
		ydoc_free(&doc);
		return -1;
	}
	fprintf(fp, "%s: %s\n", id, summary->str);
	if (level && level->kind == YN_SCALAR)
		fprintf(fp, "default level: %s\n", level->str);
	if (desc && desc->kind == YN_SCALAR) {
		fputc('\n', fp);
		print_block(fp, desc->str, "");
	}
	if (ex && ex->kind == YN_SCALAR) {
		fputs("\nexample:\n", fp);
		print_block(fp, ex->str, "  ");
	}
	ydoc_free(&doc);
	return 0;
}

void rules_print_table(void *out)
{
	FILE *fp = out;
	for (size_t i = 0; i < rule_count; i++) {
		const struct rule *r = &rule_table[i];
		const char *lvl =
		        r->level == LEVEL_DEPENDS ? "error/warning" : level_name(r->level);
		fprintf(fp, "%-28s %-14s %s\n", r->id, lvl, r->summary);
	}
}
