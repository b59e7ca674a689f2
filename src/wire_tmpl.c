/*
 * wire_tmpl.c - the texts the wire check reads keys from besides calls.
 *
 * Key paths: a JSONPath ("$.config.polling.sleep", "$['a'].b[0]") or a
 * dotted path, as its keys (an index or wildcard is an item).
 *
 * printf templates: a format string
 * whose text is a JSON object or array with conversion holes,
 *   {"id": %d, "time": "%s", "status": {"details": [ %s ]}}
 * gives each key with the JSON type its value has (%d, %ld, %u: integer;
 * %f, %g: number; a string with holes: string; a bare %s: anything, since
 * it may splice in any JSON text) and the vararg that fills the value.
 * Most formats are not JSON (URLs, log lines, dates): a text that does
 * not start with '{' or '[', or does not read to its end as JSON with
 * holes, is no template (-1). Pure string work: no libclang, no
 * allocation, so it can be tested and fuzzed alone.
 */
#include "config.h"

#include "spec.h"
#include "wire.h"

#include "util.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_DEPTH = 64 };

struct tmpl_reader {
	const char *text, *p;
	struct wire_tmpl_item *out;
	size_t cap, n;
	int arg;       /* next vararg */
	bool overflow; /* more items than cap */
	unsigned depth;
};

static void blanks(struct tmpl_reader *r)
{
	while (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r')
		r->p++;
}

/* A conversion at r->p ('%'): its JSON type (0: any), the vararg it takes
 * in *arg (-1: none), advanced past it. false: not a conversion. */
static bool hole(struct tmpl_reader *r, unsigned *type, int *arg)
{
	const char *p = r->p + 1;
	*arg = -1;
	*type = 0;
	if (*p == '%')
		return false; /* a literal '%': the caller decides */
	int pos = 0;
	const char *d = p;
	for (; isdigit((unsigned char)*d); d++)
		pos = pos < 100000 ? pos * 10 + (*d - '0') : pos;
	bool positional = d > p && *d == '$';
	if (positional)
		p = d + 1;
	while (*p && strchr("-+ #0'I", *p))
		p++;
	if (*p == '*') { /* a width from an argument */
		p++;
		r->arg++;
	}
	while (isdigit((unsigned char)*p))
		p++;
	if (*p == '.') {
		p++;
		if (*p == '*') {
			p++;
			r->arg++;
		}
		while (isdigit((unsigned char)*p))
			p++;
	}
	while (*p && strchr("hljztLq", *p))
		p++;
	char c = *p;
	if (!c || !strchr("diuoxXfFeEgGaAscpm", c))
		return false;
	if (strchr("diuoxX", c))
		*type = SPEC_INTEGER;
	else if (strchr("fFeEgGaA", c))
		*type = SPEC_NUMBER;
	if (c != 'm')
		*arg = positional ? pos - 1 : r->arg++;
	r->p = p + 1;
	return true;
}

/* A JSON string at r->p ('"'), holes allowed. Its text is [*b, *e); its
 * first hole's vararg in *arg (-1: none). */
static bool string(struct tmpl_reader *r, const char **b, const char **e, int *arg, bool *holes)
{
	*b = ++r->p;
	*arg = -1;
	*holes = false;
	while (*r->p && *r->p != '"') {
		if (*r->p == '\\' && r->p[1]) {
			r->p += 2;
		} else if (*r->p == '%') {
			unsigned t;
			int a;
			if (r->p[1] == '%') {
				r->p += 2;
				continue;
			}
			if (!hole(r, &t, &a))
				return false;
			if (*arg < 0)
				*arg = a;
			*holes = true;
		} else {
			r->p++;
		}
	}
	if (*r->p != '"')
		return false;
	*e = r->p++;
	return true;
}

static int value(struct tmpl_reader *r, int self);

static int add(struct tmpl_reader *r, int parent)
{
	if (r->n >= r->cap) {
		r->overflow = true;
		return -1;
	}
	struct wire_tmpl_item *it = &r->out[r->n];
	memset(it, 0, sizeof *it);
	it->parent = parent;
	it->arg = -1;
	return (int)r->n++;
}

/* An object's members or an array's items up to its closing bracket. */
static int members(struct tmpl_reader *r, int self, bool object)
{
	char close = object ? '}' : ']';
	blanks(r);
	if (*r->p == close) {
		r->p++;
		return 0;
	}
	for (;;) {
		blanks(r);
		unsigned t;
		int a;
		const char *at = r->p;
		int arg = r->arg;
		if (*r->p == '%' && hole(r, &t, &a) && (object || !t)) {
			blanks(r); /* spliced members, or items a %s spliced */
		} else {
			r->p = at;
			r->arg = arg;
			int it = add(r, self);
			if (it < 0)
				return -1;
			if (object) {
				const char *kb, *ke;
				bool holes;
				if (*r->p != '"' || !string(r, &kb, &ke, &a, &holes))
					return -1;
				r->out[it].dynamic = holes;
				if (!holes) {
					r->out[it].key = kb;
					r->out[it].key_len = (size_t)(ke - kb);
					r->out[it].key_off = (size_t)(kb - r->text);
				}
				blanks(r);
				if (*r->p++ != ':')
					return -1;
				blanks(r);
			}
			if (value(r, it))
				return -1;
			blanks(r);
		}
		if (*r->p == ',') {
			r->p++;
			continue;
		}
		if (*r->p != close)
			return -1;
		r->p++;
		return 0;
	}
}

/* A value at r->p, the item self's (its type and vararg). */
static int value(struct tmpl_reader *r, int self)
{
	struct wire_tmpl_item *it = &r->out[self];
	if (++r->depth > MAX_DEPTH)
		return -1;
	int rc = 0;
	const char *b, *e;
	bool holes;
	if (*r->p == '{' || *r->p == '[') {
		bool object = *r->p++ == '{';
		it->type = object ? SPEC_OBJECT : SPEC_ARRAY;
		it->container = true;
		rc = members(r, self, object);
	} else if (*r->p == '"') {
		it->type = SPEC_STRING;
		rc = string(r, &b, &e, &it->arg, &holes) ? 0 : -1;
	} else if (*r->p == '%') {
		rc = hole(r, &it->type, &it->arg) ? 0 : -1;
	} else if (!strncmp(r->p, "true", 4) || !strncmp(r->p, "false", 5)) {
		it->type = SPEC_BOOLEAN;
		r->p += *r->p == 't' ? 4 : 5;
	} else if (!strncmp(r->p, "null", 4)) {
		it->type = SPEC_NULL;
		r->p += 4;
	} else if (*r->p == '-' || isdigit((unsigned char)*r->p)) {
		it->type = SPEC_INTEGER;
		for (r->p++; *r->p && strchr("0123456789.eE+-", *r->p); r->p++)
			if (strchr(".eE", *r->p))
				it->type = SPEC_NUMBER;
	} else {
		rc = -1;
	}
	r->depth--;
	return rc;
}

int wire_tmpl_parse(const char *text, struct wire_tmpl_item *out, size_t cap, int *n_args)
{
	if (!text)
		return -1;
	struct tmpl_reader r = {.text = text, .p = text, .out = out, .cap = cap};
	blanks(&r);
	if (*r.p != '{' && *r.p != '[')
		return -1;
	bool object = *r.p++ == '{';
	if (members(&r, -1, object) || r.overflow)
		return -1;
	blanks(&r);
	if (*r.p)
		return -1;
	if (n_args)
		*n_args = r.arg;
	return (int)r.n;
}

/* --- key paths ------------------------------------------------------- */

/* One key of a quoted JSONPath member name ['a b'] at *p. */
static char *quoted(const char **p)
{
	char q = **p;
	const char *b = ++*p;
	while (**p && **p != q)
		++*p;
	if (**p != q || (*p)[1] != ']')
		return NULL;
	char *k = xstrndup(b, (size_t)(*p - b));
	*p += 2;
	return k;
}

/* A bracket at p ('['): a quoted key, or an item (an index or '*'). */
static int bracket(const char **p, char **key)
{
	const char *s = *p + 1;
	*key = NULL;
	if (*s == '\'' || *s == '"') {
		*p = s;
		*key = quoted(p);
		return *key ? 0 : -1;
	}
	if (*s == '*')
		s++;
	else
		while (*s >= '0' && *s <= '9')
			s++;
	if (*s != ']' || s == *p + 1)
		return -1;
	*p = s + 1;
	return 0;
}

static int push(char **keys, size_t *offs, size_t cap, size_t *n, char *key, size_t off)
{
	if (*n >= cap) {
		free(key);
		return -1;
	}
	keys[*n] = key;
	if (offs)
		offs[*n] = off;
	(*n)++;
	return 0;
}

static int jsonpath(const char *path, char **keys, size_t *offs, size_t cap, size_t *n)
{
	const char *p = path + 1;
	while (*p) {
		size_t off = (size_t)(p - path);
		char *key = NULL;
		if (*p == '[') {
			if (bracket(&p, &key) || push(keys, offs, cap, n, key, off + 2))
				return -1;
			continue;
		}
		if (*p != '.' || p[1] == '.' || !p[1])
			return -1;
		p++;
		if (*p == '*') {
			p++;
			if (push(keys, offs, cap, n, NULL, off + 1))
				return -1;
			continue;
		}
		const char *b = p;
		while (*p && *p != '.' && *p != '[')
			p++;
		if (push(keys, offs, cap, n, xstrndup(b, (size_t)(p - b)), off + 1))
			return -1;
	}
	return 0;
}

int wire_path_parse(const char *path, char **keys, size_t *offs, size_t cap)
{
	size_t n = 0;
	int rc = 0;
	if (!path || !*path)
		return -1;
	if (*path == '$') {
		rc = jsonpath(path, keys, offs, cap, &n);
	} else {
		for (const char *p = path; rc == 0 && *p;) {
			const char *e = strchr(p, '.');
			size_t len = e ? (size_t)(e - p) : strlen(p);
			rc = len ? push(keys, offs, cap, &n, xstrndup(p, len), (size_t)(p - path))
			         : -1;
			p += len + (e != NULL);
		}
	}
	if (rc) {
		for (size_t i = 0; i < n; i++)
			free(keys[i]);
		return -1;
	}
	return (int)n;
}
