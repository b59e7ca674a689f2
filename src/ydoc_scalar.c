/*
 * ydoc_scalar.c - what a scalar means under the YAML 1.2 core schema, the
 * one OpenAPI documents are written for: quoted text is a string, plain
 * true/false/null/numbers are what they look like, and YAML 1.1's yes, on
 * or 0777-as-octal are not special (libyaml resolves nothing itself).
 * Also the small read-side helpers of the tree.
 */
#include "config.h"

#include "ydoc.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

bool ydoc_scalar_is(const struct ynode *n, const char *s)
{
	return n && n->kind == YN_SCALAR && n->len == strlen(s) && memcmp(n->str, s, n->len) == 0;
}

static bool all_digits(const char *s, const char *digits)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!strchr(digits, *s))
			return false;
	return true;
}

static bool is_float_text(const char *s)
{
	if (*s == '+' || *s == '-')
		s++;
	if (!strcmp(s, ".inf") || !strcmp(s, ".Inf") || !strcmp(s, ".INF"))
		return true;
	size_t digits = 0;
	while (*s >= '0' && *s <= '9')
		s++, digits++;
	if (*s == '.') {
		s++;
		while (*s >= '0' && *s <= '9')
			s++, digits++;
	}
	if (!digits)
		return false;
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		if (!all_digits(s, "0123456789"))
			return false;
		return true;
	}
	return *s == '\0';
}

enum yscalar ydoc_scalar_type(const struct ynode *n)
{
	if (!n || n->kind != YN_SCALAR)
		return YS_STRING;
	if (n->tag)
		return (enum yscalar)(n->tag - 1);
	if (n->quoted || strlen(n->str) != n->len) /* quoted, or holds a NUL */
		return YS_STRING;
	const char *s = n->str;
	if (n->len == 0 || !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") ||
	    !strcmp(s, "NULL"))
		return YS_NULL;
	if (!strcmp(s, "true") || !strcmp(s, "True") || !strcmp(s, "TRUE") || !strcmp(s, "false") ||
	    !strcmp(s, "False") || !strcmp(s, "FALSE"))
		return YS_BOOL;
	const char *d = (*s == '-' || *s == '+') ? s + 1 : s;
	if (all_digits(d, "0123456789") ||
	    (s[0] == '0' && s[1] == 'o' && all_digits(s + 2, "01234567")) ||
	    (s[0] == '0' && s[1] == 'x' && all_digits(s + 2, "0123456789abcdefABCDEF")))
		return YS_INT;
	if (is_float_text(s) || !strcmp(s, ".nan") || !strcmp(s, ".NaN") || !strcmp(s, ".NAN"))
		return YS_FLOAT;
	return YS_STRING;
}

int ydoc_bool(const struct ynode *n, bool *out)
{
	if (ydoc_scalar_type(n) != YS_BOOL)
		return -1;
	*out = n->str[0] == 't' || n->str[0] == 'T';
	return 0;
}

int ydoc_int(const struct ynode *n, long long *out)
{
	if (ydoc_scalar_type(n) != YS_INT)
		return -1;
	const char *s = n->str;
	int base = 10;
	if (s[0] == '0' && s[1] == 'o')
		s += 2, base = 8;
	else if (s[0] == '0' && s[1] == 'x')
		s += 2, base = 16;
	errno = 0;
	char *end;
	long long v = strtoll(s, &end, base);
	if (errno || *end)
		return -1;
	*out = v;
	return 0;
}

int ydoc_number(const struct ynode *n, double *out)
{
	enum yscalar t = ydoc_scalar_type(n);
	if (t == YS_INT) {
		long long v;
		if (ydoc_int(n, &v) == 0) {
			*out = (double)v;
			return 0;
		}
	}
	if (t != YS_INT && t != YS_FLOAT)
		return -1;
	const char *s = n->str;
	if (strstr(s, "inf") || strstr(s, "Inf") || strstr(s, "INF")) {
		*out = s[0] == '-' ? -INFINITY : INFINITY;
		return 0;
	}
	if (strstr(s, "nan") || strstr(s, "NaN") || strstr(s, "NAN")) {
		*out = NAN;
		return 0;
	}
	*out = strtod(s, NULL);
	return 0;
}

struct loc ydoc_loc(const struct ydoc *doc, const struct ynode *n)
{
	struct loc l = {doc->file, n ? n->line : 0, n ? n->col : 0};
	return l;
}

const char *ydoc_kind_name(const struct ynode *n)
{
	if (!n)
		return "nothing";
	switch (n->kind) {
	case YN_MAP:
		return "a mapping";
	case YN_SEQ:
		return "a sequence";
	default:
		return "a scalar";
	}
}
