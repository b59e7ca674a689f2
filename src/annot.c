/*
 * annot.c - parses @tags out of comment text.
 *
 * A tag is '@' at the start of a word (so mail addresses are not tags)
 * followed by a name. Our own tags take their arguments from the rest of
 * the line; Doxygen's commands are known and skipped; any other name that
 * is a near miss of one of our tags is an annotation-unknown problem,
 * because a typo such as @jsno must not pass silently, and every other
 * @word is prose (a Telegram doc's "mention (@username)"). Places are computed from the comment's
 * own start, one column per byte as clang counts them.
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
        "cond",
        "htmlonly",
        "endhtmlonly",
        "latexonly",
        "endlatexonly",
        "manonly",
        "endmanonly",
        "xmlonly",
        "endxmlonly",
        "rtfonly",
        "endrtfonly",
        "docbookonly",
        "enddocbookonly",
        "f",
        "dotfile",
        "mscfile",
        "diafile",
        "msc",
        "endmsc",
        "callergraph",
        "hidecallergraph",
        "showrefby",
        "showrefs",
        "hiderefby",
        "hiderefs",
        "refitem",
        "addindex",
        "includedoc",
        "snippetlineno",
        "snippetdoc",
        "latexinclude",
        "rtfinclude",
        "maninclude",
        "docbookinclude",
        "xmlinclude",
        "endinternal",
        "important",
        "qualifier",
        "showdate",
        "concept",
        "module",
        "idlexcept",
        "emoji",
        "inheritDoc",
        "serial",
        "serialData",
        "serialField",
        "generated",
        "hideinlinesource",
        "showinlinesource",
        "javadoc",
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

/* The problem with a one-word argument of tag, or NULL. */
static char *check_word(enum annot_tag tag, const char *arg)
{
	if (!*arg)
		return xasprintf("@%s needs an argument", tag_names[tag]);
	if (tag == AT_TYPE && !annot_is_json_type(arg))
		return xasprintf("@type '%s' is not a JSON type (string, integer, number, "
		                 "boolean, array, object, any)",
		                 arg);
	if ((tag == AT_COUNT || tag == AT_PRESENT) && !valid_ident(arg))
		return xasprintf("@%s '%s' is not a member name", tag_names[tag], arg);
	return NULL;
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
	case AT_VALUE: {
		bool quoted = strlen(arg) >= 2 && (arg[0] == '"' || arg[0] == '\'') &&
		              arg[strlen(arg) - 1] == arg[0];
		if (arg[0] != '"' && arg[0] != '\'')
			split_word(arg);
		unquote(arg);
		if (!*arg && !quoted) { /* @value "" is the empty string */
			free(arg);
			return xstrdup("@value needs the enumerator's JSON value");
		}
		break;
	}
	default:
		split_word(arg);
		char *m = check_word(tag, arg);
		if (m) {
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

/* The tag that an unknown @word is a near miss of (util_near_miss: @jsno,
 * @Type, @schem, @ignroe, @optinal), or -1 when the word is prose
 * (@username in "mention (@username)"). */
static int near_tag(const char *w, size_t n)
{
	int best = -1;
	unsigned best_d = UTIL_FAR;
	char word[64];
	if (n >= sizeof word)
		return -1;
	memcpy(word, w, n);
	word[n] = '\0';
	for (int i = 0; i < AT_NTAGS; i++) {
		unsigned d = util_near_miss(word, tag_names[i]);
		if (d < best_d) {
			best = i;
			best_d = d;
		}
	}
	return best;
}

/* Tags that say one thing once: a second one is a mistake, not a choice. */
static bool single(enum annot_tag t)
{
	return t != AT_NOCHECK && t != AT_IGNORE && t != AT_OPTIONAL;
}

/* Move *p to target, keeping line and column. */
static void advance(const char **p, const char *target, unsigned *l, unsigned *c)
{
	for (; *p < target; (*p)++, (*c)++)
		if (**p == '\n') {
			(*l)++;
			*c = 0;
		}
}

/* Doxygen's @code/@verbatim blocks hold examples, not annotations: the
 * end of the block, or NULL when w does not open one. */
static const char *block_end(const char *w, size_t n, const char *end)
{
	static const char *const open[] = {"code", "verbatim", "dot", "startuml", "msc"};
	static const char *const close[] = {"endcode", "endverbatim", "enddot", "enduml", "endmsc"};
	for (size_t i = 0; i < sizeof open / sizeof open[0]; i++) {
		if (strlen(open[i]) != n || memcmp(open[i], w, n))
			continue;
		size_t cn = strlen(close[i]);
		for (const char *q = w + n; q + cn < end; q++)
			if ((*q == '@' || *q == '\\') && !memcmp(q + 1, close[i], cn))
				return q + 1 + cn;
		return end;
	}
	return NULL;
}

static void one_tag(struct annot_set *out, int tag, const char *we, const char *end, unsigned l,
                    unsigned c)
{
	const struct annot *prev = annot_find(out, (enum annot_tag)tag);
	char *msg = NULL;
	if (prev && single((enum annot_tag)tag))
		msg = xasprintf("@%s given twice (first at %u:%u)", tag_names[tag], prev->line,
		                prev->col);
	else
		msg = store(out, (enum annot_tag)tag, rest_of_line(we, end), l, c);
	if (msg)
		problem(out, "annotation-invalid", l, c, msg);
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
		if ((*p != '@' && *p != '\\') || !word_start(text, p) || p + 1 >= end ||
		    !isalpha((unsigned char)p[1]))
			continue;
		const char *w = p + 1, *we = w;
		while (we < end && (isalnum((unsigned char)*we) || *we == '_' || *we == '-'))
			we++;
		size_t wn = (size_t)(we - w);
		const char *skip = block_end(w, wn, end);
		int tag = *p == '@' ? find_tag(w, wn) : -1;
		if (skip) {
			advance(&p, skip - 1, &l, &c);
			continue;
		}
		if (tag >= 0)
			one_tag(out, tag, we, end, l, c);
		else if (*p == '@' && !is_doxygen(w, wn) && (tag = near_tag(w, wn)) >= 0)
			problem(out, "annotation-unknown", l, c,
			        xasprintf("unknown annotation '@%.*s' (did you mean '@%s'?)",
			                  (int)wn, w, tag_names[tag]));
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
