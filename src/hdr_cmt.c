/*
 * hdr_cmt.c - finds comments in a header's text and decides which
 * declaration each one documents.
 *
 * libclang gives one comment per declaration at most, merges a trailing
 * comment with the next line, drops comments on a '{' line, after a macro
 * call or before an #ifdef (FACTS.md §1.2). These rules follow what a user
 * means instead: a comment on its own line documents the declaration below
 * it, a comment after code documents the declaration on its line, and the
 * Doxygen "back" forms (///< and its block twin) always document what precedes them.
 * Offsets are bytes; a column is a byte, as clang counts them.
 */
#include "config.h"

#include "hdr_cmt.h"
#include "util.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static bool is_back(const char *p, const char *end)
{
	/* the marker after // or / *: '/', '!' or '*', then '<' */
	return end - p >= 4 && (p[2] == '/' || p[2] == '!' || p[2] == '*') && p[3] == '<';
}

/* Skip a string or character literal starting at p; returns its end. */
static const char *skip_literal(const char *p, const char *end)
{
	char q = *p++;
	while (p < end && *p != q && *p != '\n') {
		if (*p == '\\' && p + 1 < end)
			p++;
		p++;
	}
	return p < end ? p + 1 : p;
}

static const char *comment_end(const char *p, const char *end)
{
	if (p[1] == '*') {
		const char *e = p + 2;
		while (e + 1 < end && !(e[0] == '*' && e[1] == '/'))
			e++;
		return e + 1 < end ? e + 2 : end;
	}
	const char *e = p + 2;
	while (e < end && *e != '\n') {
		if (*e == '\\' && e + 1 < end && e[1] == '\n')
			e++; /* a line comment continued by a backslash */
		e++;
	}
	return e;
}

struct scan {
	const char *buf, *end;
	unsigned line;
	const char *line_start;
	bool code, directive; /* on the current line */
};

static void add_comment(struct cmt_index *ix, struct scan *s, const char *p, const char *e)
{
	struct cmt *c = VEC_PUSH(ix->v, ix->n, ix->cap);
	c->begin = (size_t)(p - s->buf);
	c->end = (size_t)(e - s->buf);
	c->line = s->line;
	c->col = (unsigned)(p - s->line_start) + 1;
	c->after_code = s->code;
	c->directive = s->directive;
	c->back = is_back(p, s->end);
	for (const char *q = p; q < e; q++)
		if (*q == '\n') {
			s->line++;
			s->line_start = q + 1;
		}
}

void cmt_scan(struct cmt_index *ix, const char *buf, size_t len)
{
	struct scan s = {buf, buf + len, 1, buf, false, false};
	const char *p = buf;
	while (p < s.end) {
		char c = *p;
		if (c == '\n') {
			bool cont = p > buf && p[-1] == '\\';
			s.line++;
			s.line_start = ++p;
			s.code = cont && s.code;
			s.directive = cont && s.directive;
		} else if (c == '/' && p + 1 < s.end && (p[1] == '/' || p[1] == '*')) {
			const char *e = comment_end(p, s.end);
			add_comment(ix, &s, p, e);
			p = e;
		} else if (c == '"' || c == '\'') {
			s.code = true;
			p = skip_literal(p, s.end);
		} else {
			if (!isspace((unsigned char)c)) {
				if (c == '#' && !s.code)
					s.directive = true;
				s.code = true;
			}
			p++;
		}
	}
}

void cmt_index_free(struct cmt_index *ix)
{
	free(ix->v);
	memset(ix, 0, sizeof *ix);
}

static void pick(struct cmt_pick *out, size_t i)
{
	if (out->n < sizeof out->v / sizeof out->v[0])
		out->v[out->n++] = i;
}

/* Index of the first comment beginning at or after off. */
static size_t first_from(const struct cmt_index *ix, size_t off)
{
	size_t lo = 0, hi = ix->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ix->v[mid].begin < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static bool conditional(const char *p, const char *end)
{
	static const char *const words[] = {"if",   "ifdef", "ifndef",  "elif",
	                                    "else", "endif", "elifdef", "elifndef"};
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	size_t n = 0;
	while (p + n < end && isalpha((unsigned char)p[n]))
		n++;
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strlen(words[i]) == n && !memcmp(words[i], p, n))
			return true;
	return false;
}

/* Only blanks and conditional directive lines (with their comments) in
 * [a, b)? */
static bool blank_gap(const char *buf, size_t a, size_t b)
{
	const char *p = buf + a, *end = buf + b;
	while (p < end) {
		if (isspace((unsigned char)*p)) {
			p++;
		} else if (*p == '#' && conditional(p + 1, end)) {
			while (p < end && !(*p == '\n' && p[-1] != '\\'))
				p++;
		} else {
			return false;
		}
	}
	return true;
}

/* Is there an empty line in [a, b)? */
static bool empty_line(const char *buf, size_t a, size_t b)
{
	unsigned newlines = 0;
	for (size_t i = a; i < b; i++)
		if (buf[i] == '\n' && ++newlines >= 2)
			return true;
	return false;
}

void cmt_leading(const struct cmt_index *ix, const char *buf, size_t begin, struct cmt_pick *out)
{
	size_t i = first_from(ix, begin), pos = begin;
	size_t got[32], n = 0;
	while (i > 0 && n < 32) {
		const struct cmt *c = &ix->v[--i];
		if (c->end > pos || !blank_gap(buf, c->end, pos))
			break;
		/* an empty line ends a run of comments: a file's header comment
		 * above the first declaration's own comment is not about it */
		if (n > 0 && empty_line(buf, c->end, pos))
			break;
		if (c->directive) {
			pos = c->begin; /* the comment of an #endif line: part of the gap */
			continue;
		}
		if (c->after_code || c->back)
			break;
		got[n++] = i;
		pos = c->begin;
	}
	while (n)
		pick(out, got[--n]);
}

/* Does only white space and comments follow p on its line? */
static bool rest_of_line_empty(const struct cmt_index *ix, const char *p, const char *buf,
                               const char *end)
{
	size_t k = first_from(ix, (size_t)(p - buf));
	while (p < end && *p != '\n') {
		if (k < ix->n && ix->v[k].begin == (size_t)(p - buf)) {
			p = buf + ix->v[k++].end;
			if (p > buf && p[-1] == '\n')
				return true;
			continue;
		}
		if (!isspace((unsigned char)*p))
			return false;
		p++;
	}
	return true;
}

/* The own-line back comments (///<) that continue a trailing comment. */
static void continuation(const struct cmt_index *ix, size_t k, struct cmt_pick *out)
{
	unsigned line = ix->v[out->v[out->n - 1]].line;
	for (; k < ix->n; k++) {
		const struct cmt *c = &ix->v[k];
		if (!c->back || c->after_code || c->line != line + 1)
			return;
		pick(out, k);
		line = c->line;
	}
}

static const char *skip_macro_call(const char *p, const char *end)
{
	while (p < end && (isalnum((unsigned char)*p) || *p == '_'))
		p++;
	const char *q = p;
	while (q < end && (*q == ' ' || *q == '\t'))
		q++;
	if (q >= end || *q != '(')
		return p;
	int depth = 0;
	for (; q < end; q++) {
		if (*q == '(')
			depth++;
		else if (*q == ')' && --depth == 0)
			return q + 1;
	}
	return q;
}

struct trail {
	const struct cmt_index *ix;
	const char *buf, *end;
	bool term;   /* the declarator's terminator was passed */
	bool new_nl; /* a line was crossed since the name or the terminator */
	int depth;   /* of ( and [; below 0 inside a declarator: (*cb)(int) */
	int base;    /* the lowest depth met: the declarator's own level */
	int braces;
};

static void bracket(struct trail *t, char c)
{
	if (c == '(' || c == '[') {
		t->depth++;
	} else if (c == ')' || c == ']') {
		if (--t->depth < t->base)
			t->base = t->depth;
	}
}

/* Handle one code character; returns false where the scan stops. */
static bool trail_char(struct trail *t, const char **pp)
{
	const char *p = *pp;
	char c = *p;
	if (c == '"' || c == '\'') {
		if (t->term)
			return false;
		*pp = skip_literal(p, t->end);
		return true;
	}
	*pp = p + 1;
	if (isspace((unsigned char)c))
		return true;
	if (t->term)
		return false; /* the next declaration */
	if (c == '{') {
		t->braces++;
	} else if (c == '}') {
		if (t->braces-- == 0)
			return false; /* the end of the enclosing record or enum */
	} else if (strchr("()[]", c)) {
		bracket(t, c);
	} else if (t->braces == 0 && t->depth == t->base && (c == ';' || c == ',')) {
		if (c == ';' || rest_of_line_empty(t->ix, p + 1, t->buf, t->end)) {
			t->term = true;
			t->new_nl = false;
		}
	}
	return true;
}

void cmt_trailing(const struct cmt_index *ix, const char *buf, size_t len, size_t name,
                  size_t name_len, enum cmt_decl kind, bool macro, struct cmt_pick *out)
{
	(void)kind; /* fields and enumerators end alike: at ';' or ',' */
	struct trail t = {ix, buf, buf + len, false, false, 0, 0, 0};
	const char *p = macro ? skip_macro_call(buf + name, t.end) : buf + name + name_len;
	if (macro) {
		while (p < t.end && (*p == ' ' || *p == '\t'))
			p++;
		if (p < t.end && (*p == ';' || *p == ','))
			p++;
		t.term = true;
	}
	size_t k = first_from(ix, (size_t)(p - buf));
	size_t first = out->n;
	const char *give_up = p + 4096; /* a line of 10000 enumerators stays linear */
	while (p < t.end && (t.term || p < give_up)) {
		if (k < ix->n && ix->v[k].begin == (size_t)(p - buf)) {
			if (!t.new_nl)
				pick(out, k);
			p = buf + ix->v[k++].end;
			continue;
		}
		if (*p == '\n') {
			if (t.term)
				break;
			t.new_nl = true;
		}
		if (!trail_char(&t, &p))
			break;
	}
	if (out->n > first) {
		continuation(ix, k, out);
	} else if (t.term && p < t.end && *p == '\n') {
		/* no comment on the line, but a ///< right below documents it */
		size_t q = (size_t)(p - buf) + 1;
		while (q < len && (buf[q] == ' ' || buf[q] == '\t'))
			q++;
		if (k < ix->n && ix->v[k].begin == q && ix->v[k].back) {
			pick(out, k);
			continuation(ix, k + 1, out);
		}
	}
}

void cmt_brace_line(const struct cmt_index *ix, const char *buf, size_t len, size_t begin,
                    struct cmt_pick *out)
{
	size_t k = first_from(ix, begin);
	size_t p = begin, before = out->n;
	while (p < len && buf[p] != '{' && buf[p] != ';') {
		if (k < ix->n && ix->v[k].begin == p) {
			pick(out, k); /* a comment between the tag and the brace */
			p = ix->v[k++].end;
		} else {
			p++;
		}
	}
	if (p >= len || buf[p] != '{') {
		out->n = before;
		return;
	}
	k = first_from(ix, p);
	for (p++; p < len && buf[p] != '\n'; p++) {
		if (k < ix->n && ix->v[k].begin == p) {
			pick(out, k);
			p = ix->v[k++].end - 1;
		} else if (!isspace((unsigned char)buf[p])) {
			return;
		}
	}
}

void cmt_after_close(const struct cmt_index *ix, const char *buf, size_t len, size_t end,
                     struct cmt_pick *out)
{
	size_t p = end;
	while (p < len && (buf[p] == ' ' || buf[p] == '\t'))
		p++;
	if (p >= len || buf[p] != ';')
		return;
	cmt_trailing(ix, buf, len, p, 0, CMT_FIELD, false, out);
}

size_t cmt_body_end(const struct cmt_index *ix, const char *buf, size_t len, size_t begin)
{
	size_t k = first_from(ix, begin);
	int depth = 0;
	for (size_t p = begin; p < len;) {
		if (k < ix->n && ix->v[k].begin == p) {
			p = ix->v[k++].end;
			continue;
		}
		char c = buf[p];
		if (c == '"' || c == '\'') {
			p = (size_t)(skip_literal(buf + p, buf + len) - buf);
			continue;
		}
		if (c == ';' && depth == 0)
			return (size_t)-1;
		if (c == '{')
			depth++;
		else if (c == '}' && --depth == 0)
			return p;
		p++;
	}
	return len;
}

size_t cmt_list_items(const struct cmt_index *ix, const char *buf, size_t len, size_t begin,
                      struct cmt_span *out, size_t cap)
{
	size_t k = first_from(ix, begin), n = 0, start = 0;
	int depth = 0;
	for (size_t p = begin; p < len;) {
		if (k < ix->n && ix->v[k].begin == p) {
			p = ix->v[k++].end;
			continue;
		}
		char c = buf[p];
		if (c == '"' || c == '\'') {
			p = (size_t)(skip_literal(buf + p, buf + len) - buf);
			continue;
		}
		if (depth == 0) { /* before the list: enum x __attribute__((...)) { */
			if (c == ';')
				return 0;
			if (c == '{') {
				depth = 1;
				start = p + 1;
			}
			p++;
			continue;
		}
		if (c == ',' && depth == 1) {
			if (n < cap)
				out[n] = (struct cmt_span){start, p};
			n++;
			start = p + 1;
		} else if (c == '{' || c == '(' || c == '[') {
			depth++;
		} else if ((c == '}' || c == ')' || c == ']') && --depth == 0) {
			if (n < cap)
				out[n] = (struct cmt_span){start, p};
			return n + 1;
		}
		p++;
	}
	return n;
}

size_t cmt_strip(const struct cmt_index *ix, const char *buf, struct cmt_span sp, char *out)
{
	size_t k = first_from(ix, sp.begin), n = 0;
	for (size_t p = sp.begin; p < sp.end;) {
		if (k < ix->n && ix->v[k].begin == p) {
			p = ix->v[k++].end;
			out[n++] = ' ';
			continue;
		}
		out[n++] = buf[p++];
	}
	size_t a = 0;
	while (a < n && isspace((unsigned char)out[a]))
		a++;
	while (n > a && isspace((unsigned char)out[n - 1]))
		n--;
	memmove(out, out + a, n - a);
	out[n - a] = '\0';
	return n - a;
}
