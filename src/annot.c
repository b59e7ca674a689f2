/*
 * annot.c - parses @tags out of comment text.
 *
 * A tag is '@' at the start of a word (so mail addresses are not tags)
 * followed by a name. Our own tags take their arguments from the rest of
 * the line; Doxygen's commands are known and skipped; any other name is an
 * annotation-unknown problem, because a typo such as @jsno must not pass
 * silently. Places are computed from the comment's own start, one column
 * per byte as clang counts them.
 */
#include "config.h"

#include "annot.h"
#include "util.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char *const tag_names[AT_NTAGS] = {
        [AT_SCHEMA] = "schema",   [AT_JSON] = "json",         [AT_IGNORE] = "ignore",
        [AT_FORMAT] = "format",   [AT_TYPE] = "type",         [AT_COUNT] = "count",
        [AT_PRESENT] = "present", [AT_OPTIONAL] = "optional", [AT_EXAMPLE] = "example",
        [AT_VALUE] = "value",     [AT_NOCHECK] = "nocheck",
};

/* Doxygen's commands, which are documentation, not annotations. */
static const char *const doxygen[] = {
        "a",
        "addtogroup",
        "anchor",
        "arg",
        "attention",
        "author",
        "authors",
        "b",
        "brief",
        "bug",
        "c",
        "callgraph",
        "category",
        "cite",
        "class",
        "code",
        "copybrief",
        "copydetails",
        "copydoc",
        "copyright",
        "date",
        "def",
        "defgroup",
        "deprecated",
        "details",
        "dir",
        "dontinclude",
        "dot",
        "e",
        "else",
        "elseif",
        "em",
        "endcode",
        "endcond",
        "enddot",
        "endif",
        "endlink",
        "endverbatim",
        "enum",
        "exception",
        "extends",
        "file",
        "fn",
        "headerfile",
        "hidecallgraph",
        "hideinitializer",
        "htmlinclude",
        "if",
        "ifnot",
        "image",
        "implements",
        "include",
        "includelineno",
        "ingroup",
        "interface",
        "internal",
        "invariant",
        "li",
        "line",
        "link",
        "mainpage",
        "memberof",
        "n",
        "name",
        "namespace",
        "nosubgrouping",
        "note",
        "overload",
        "p",
        "package",
        "page",
        "par",
        "paragraph",
        "param",
        "parblock",
        "endparblock",
        "post",
        "pre",
        "private",
        "privatesection",
        "property",
        "protected",
        "protectedsection",
        "protocol",
        "public",
        "publicsection",
        "pure",
        "ref",
        "related",
        "relates",
        "relatedalso",
        "relatesalso",
        "remark",
        "remarks",
        "result",
        "return",
        "returns",
        "retval",
        "sa",
        "section",
        "see",
        "short",
        "showinitializer",
        "since",
        "skip",
        "skipline",
        "snippet",
        "static",
        "struct",
        "subpage",
        "subsection",
        "subsubsection",
        "tableofcontents",
        "test",
        "throw",
        "throws",
        "todo",
        "tparam",
        "typedef",
        "union",
        "until",
        "var",
        "verbatim",
        "verbinclude",
        "version",
        "warning",
        "weakgroup",
        "xrefitem",
        "exceptions",
        "noop",
        "secreflist",
        "endsecreflist",
        "startuml",
        "enduml",
        "copyright",
        "license",
        "todo",
};

static const char *const json_types[] = {"string", "integer", "number", "boolean",
                                         "array",  "object",  "any",    "null"};

const char *annot_tag_name(enum annot_tag tag)
{
	return tag < AT_NTAGS ? tag_names[tag] : "?";
}

bool annot_is_json_type(const char *s)
{
	for (size_t i = 0; i < sizeof json_types / sizeof json_types[0]; i++)
		if (!strcmp(s, json_types[i]))
			return true;
	return false;
}

static bool is_doxygen(const char *w, size_t n)
{
	for (size_t i = 0; i < sizeof doxygen / sizeof doxygen[0]; i++)
		if (strlen(doxygen[i]) == n && !memcmp(doxygen[i], w, n))
			return true;
	return false;
}

static int find_tag(const char *w, size_t n)
{
	for (int i = 0; i < AT_NTAGS; i++)
		if (strlen(tag_names[i]) == n && !memcmp(tag_names[i], w, n))
			return i;
	return -1;
}

struct cursor {
	const char *p, *end;
	unsigned line, col;
	unsigned line0_col; /* the column where the text starts, for line 1 */
};

static void problem(struct annot_set *out, const char *rule, unsigned line, unsigned col, char *msg)
{
	struct annot_problem *pr = VEC_PUSH(out->probs, out->n_probs, out->probs_cap);
	pr->rule = rule;
	pr->message = msg;
	pr->line = line;
	pr->col = col;
}

/* The argument text after a tag: up to the end of the line or the next
 * tag on it, without a closing comment marker and the blanks around it. */
static char *rest_of_line(const char *p, const char *end)
{
	const char *e = p;
	while (e < end && *e != '\n' && *e != '\r' &&
	       !(*e == '@' && e > p && isspace((unsigned char)e[-1]) && e + 1 < end &&
	         isalpha((unsigned char)e[1])))
		e++;
	while (p < e && isspace((unsigned char)*p))
		p++;
	if (e - p >= 2 && e[-1] == '/' && e[-2] == '*')
		e -= 2;
	while (e > p && (isspace((unsigned char)e[-1]) || e[-1] == '*'))
		e--;
	return xstrndup(p, (size_t)(e - p));
}

/* Split the first word off s (in place); returns the remainder. */
static char *split_word(char *s)
{
	char *e = s;
	while (*e && !isspace((unsigned char)*e))
		e++;
	if (!*e)
		return e;
	*e++ = '\0';
	while (isspace((unsigned char)*e))
		e++;
	return e;
}

/* A quoted argument keeps its spaces: "in progress". */
static char *unquote(char *s)
{
	size_t n = strlen(s);
	if (n >= 2 && (s[0] == '"' || s[0] == '\'') && s[n - 1] == s[0]) {
		memmove(s, s + 1, n - 2);
		s[n - 2] = '\0';
	}
	return s;
}

static bool valid_ident(const char *s)
{
	if (!isalpha((unsigned char)*s) && *s != '_')
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_')
			return false;
	return true;
}

/* Check and store one of our tags; arg is owned. Returns a problem text
 * (owned) or NULL. */
static char *store(struct annot_set *out, enum annot_tag tag, char *arg, unsigned line,
                   unsigned col)
{
	struct annot a = {.tag = tag, .line = line, .col = col};
	char *rest;
	switch (tag) {
	case AT_IGNORE:
	case AT_OPTIONAL:
		free(arg);
		arg = NULL;
		break;
	case AT_NOCHECK:
		rest = split_word(arg);
		if (!*arg) {
			free(arg);
			return xstrdup("@nocheck needs a rule id and a reason");
		}
		if (!*rest) {
			char *m = xasprintf("@nocheck %s needs a reason", arg);
			free(arg);
			return m;
		}
		a.reason = xstrdup(rest);
		break;
	case AT_EXAMPLE:
		if (!*arg) {
			free(arg);
			return xstrdup("@example needs a value");
		}
		break;
	case AT_VALUE:
		if (arg[0] != '"' && arg[0] != '\'')
			split_word(arg);
		unquote(arg);
		if (!*arg) {
			free(arg);
			return xstrdup("@value needs the enumerator's JSON value");
		}
		break;
	default:
		split_word(arg);
		if (!*arg) {
			char *m = xasprintf("@%s needs an argument", tag_names[tag]);
			free(arg);
			return m;
		}
		if (tag == AT_TYPE && !annot_is_json_type(arg)) {
			char *m =
			        xasprintf("@type '%s' is not a JSON type (string, integer, number, "
			                  "boolean, array, object, any)",
			                  arg);
			free(arg);
			return m;
		}
		if ((tag == AT_COUNT || tag == AT_PRESENT) && !valid_ident(arg)) {
			char *m = xasprintf("@%s '%s' is not a member name", tag_names[tag], arg);
			free(arg);
			return m;
		}
		break;
	}
	a.arg = arg;
	*VEC_PUSH(out->v, out->n, out->cap) = a;
	return NULL;
}

static bool word_start(const char *text, const char *p)
{
	if (p == text)
		return true;
	unsigned char c = (unsigned char)p[-1];
	return isspace(c) || c == '*' || c == '/' || c == '<' || c == '!' || c == '(' || c == '[' ||
	       c == ',' || c == ';';
}

void annot_parse(struct annot_set *out, const char *text, size_t len, unsigned line, unsigned col)
{
	const char *end = text + len;
	unsigned l = line, c = col;
	for (const char *p = text; p < end; p++, c++) {
		if (*p == '\n') {
			l++;
			c = 0; /* incremented to 1 by the loop */
			continue;
		}
		if (*p != '@' || !word_start(text, p) || p + 1 >= end ||
		    !isalpha((unsigned char)p[1]))
			continue;
		const char *w = p + 1, *we = w;
		while (we < end && (isalnum((unsigned char)*we) || *we == '_' || *we == '-'))
			we++;
		size_t wn = (size_t)(we - w);
		int tag = find_tag(w, wn);
		if (tag >= 0) {
			char *msg = store(out, (enum annot_tag)tag, rest_of_line(we, end), l, c);
			if (msg)
				problem(out, "annotation-invalid", l, c, msg);
		} else if (!is_doxygen(w, wn)) {
			problem(out, "annotation-unknown", l, c,
			        xasprintf("unknown annotation '@%.*s'", (int)wn, w));
		}
		c += (unsigned)wn;
		p = we - 1;
	}
}

void annot_set_free(struct annot_set *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < set->n; i++) {
		free(set->v[i].arg);
		free(set->v[i].reason);
	}
	for (size_t i = 0; i < set->n_probs; i++)
		free(set->probs[i].message);
	free(set->v);
	free(set->probs);
	memset(set, 0, sizeof *set);
}

const struct annot *annot_find(const struct annot_set *set, enum annot_tag tag)
{
	for (size_t i = 0; i < set->n; i++)
		if (set->v[i].tag == tag)
			return &set->v[i];
	return NULL;
}
