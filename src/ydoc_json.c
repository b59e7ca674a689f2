/*
 * ydoc_json.c - repairs valid JSON that libyaml 0.2.5 refuses, keeping the
 * file's columns (FACTS.md section 6).
 *
 * libyaml rejects the UTF-16 surrogate escapes that JSON uses for emoji
 * ("\ud83d\ude00", Python's default), raw DEL and C1 control characters and
 * the noncharacters U+FFFE/U+FFFF (not "printable" in YAML), and a flow
 * mapping key longer than 1024 characters (the YAML 1.1 simple-key limit).
 * Each is rewritten into an equivalent the parser takes: a \U escape, a \u
 * escape, an explicit "? " key. Rewrites change widths, so every change
 * records where on its line the columns shift and by how much; ydoc.c
 * maps every mark back through ydoc_fix_col, so messages and model places
 * stay those of the file. Only JSON text ('{' or '[' first) is touched.
 */
#include "config.h"

#include "ydoc_int.h"
#include "util.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

enum { LONG_KEY = 1000 };

struct repair {
	const char *in;
	size_t len, i;
	struct sbuf out;
	size_t line, col; /* in the output, 0-based; col counts characters */
	long delta;       /* running fix-up of the current line */
	struct yfixes *fx;
	bool changed;
};

bool ydoc_json_like(const char *buf, size_t len)
{
	size_t i = 0;
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r' || buf[i] == '\n'))
		i++;
	return i < len && (buf[i] == '{' || buf[i] == '[');
}

bool ydoc_json_has_surrogates(const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len;
	while ((p = memchr(p, '\\', (size_t)(end - p))) != NULL) {
		if (end - p >= 4 && p[1] == 'u' && (p[2] == 'd' || p[2] == 'D') && p[3] &&
		    strchr("89abcdefABCDEF", p[3]))
			return true;
		p += p + 1 < end ? 2 : 1;
	}
	return false;
}

static int hex4(const char *s, size_t avail, unsigned *out)
{
	unsigned v = 0;
	if (avail < 4)
		return -1;
	for (int k = 0; k < 4; k++) {
		char c = s[k];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

/* Emit replacement text of width out_w for in_w input characters. */
static void replace(struct repair *r, const char *text, size_t out_w, size_t in_w)
{
	sbuf_puts(&r->out, text);
	r->col += out_w;
	r->changed = true;
	if (out_w == in_w)
		return;
	r->delta += (long)in_w - (long)out_w;
	struct ycolfix *f = VEC_PUSH(r->fx->v, r->fx->n, r->fx->cap);
	f->line = r->line;
	f->col = r->col;
	f->delta = r->delta;
}

/* An escape at r->i (a backslash inside a string). */
static void escape(struct repair *r)
{
	const char *s = r->in + r->i;
	size_t avail = r->len - r->i;
	unsigned hi, lo;
	if (avail < 2 || s[1] != 'u' || hex4(s + 2, avail - 2, &hi) || hi < 0xd800 || hi > 0xdfff) {
		size_t n = avail < 2 ? 1 : 2;
		sbuf_add(&r->out, s, n);
		r->col += n;
		r->i += n;
		return;
	}
	if (hi <= 0xdbff && avail >= 12 && s[6] == '\\' && s[7] == 'u' &&
	    hex4(s + 8, avail - 8, &lo) == 0 && lo >= 0xdc00 && lo <= 0xdfff) {
		char esc[16];
		unsigned cp = 0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00);
		snprintf(esc, sizeof esc, "\\U%08x", cp);
		replace(r, esc, 10, 12);
		r->i += 12;
	} else {
		replace(r, "\\ufffd", 6, 6);
		r->i += 6;
	}
}

/* Characters YAML does not allow in a stream, as \u escapes; returns the
 * number of input bytes taken, 0 when s starts with none of them. */
static size_t unprintable(struct repair *r, const unsigned char *s, size_t avail)
{
	char esc[8];
	size_t n = 0;
	if (s[0] == 0x7f) {
		snprintf(esc, sizeof esc, "\\u007f");
		n = 1;
	} else if (s[0] == 0xc2 && avail >= 2 && s[1] >= 0x80 && s[1] <= 0x9f && s[1] != 0x85) {
		snprintf(esc, sizeof esc, "\\u00%02x", s[1]);
		n = 2;
	} else if (s[0] == 0xef && avail >= 3 && s[1] == 0xbf && (s[2] == 0xbe || s[2] == 0xbf)) {
		snprintf(esc, sizeof esc, "\\uff%02x", s[2] + 0x40u);
		n = 3;
	}
	if (n)
		replace(r, esc, 6, 1);
	return n;
}

/* At an opening quote: is this a key longer than the simple-key limit? */
static bool long_key(const struct repair *r)
{
	size_t j = r->i + 1, chars = 0;
	while (j < r->len && r->in[j] != '"' && r->in[j] != '\n') {
		if (r->in[j] == '\\')
			j++;
		else if (((unsigned char)r->in[j] & 0xc0) != 0x80)
			chars++;
		j++;
	}
	if (chars <= LONG_KEY || j >= r->len || r->in[j] != '"')
		return false;
	for (j++; j < r->len && strchr(" \t\r\n", r->in[j]); j++)
		;
	return j < r->len && r->in[j] == ':';
}

/* The length of the line break at s as libyaml counts one (CR LF, CR,
 * LF, NEL, LS, PS; inside a string too), or 0. */
static size_t line_break(const char *s, size_t avail)
{
	if (s[0] == '\n')
		return 1;
	if (s[0] == '\r')
		return avail > 1 && s[1] == '\n' ? 2 : 1;
	if (avail > 1 && s[0] == '\xc2' && s[1] == '\x85')
		return 2;
	if (avail > 2 && s[0] == '\xe2' && s[1] == '\x80' && (s[2] == '\xa8' || s[2] == '\xa9'))
		return 3;
	return 0;
}

/* Copy the line break of n bytes at r->i: the next line's columns. */
static void new_line(struct repair *r, size_t n)
{
	sbuf_add(&r->out, r->in + r->i, n);
	r->i += n;
	r->line++;
	r->col = 0;
	r->delta = 0;
}

static void string(struct repair *r)
{
	if (long_key(r))
		replace(r, "? ", 2, 0);
	sbuf_putc(&r->out, '"');
	r->col++;
	r->i++;
	while (r->i < r->len) {
		const unsigned char *s = (const unsigned char *)r->in + r->i;
		if (*s == '"')
			return; /* the caller copies the quote */
		size_t brk = line_break((const char *)s, r->len - r->i);
		if (brk) { /* libyaml folds it, and counts a line */
			new_line(r, brk);
			continue;
		}
		if (*s == '\\') {
			escape(r);
			continue;
		}
		size_t took = unprintable(r, s, r->len - r->i);
		if (took) {
			r->i += took;
			continue;
		}
		sbuf_putc(&r->out, (char)*s);
		r->col += (*s & 0xc0) != 0x80;
		r->i++;
	}
}

char *ydoc_json_repair(const char *buf, size_t len, size_t *out_len, struct yfixes *fx)
{
	if (!ydoc_json_like(buf, len))
		return NULL;
	struct repair r = {.in = buf, .len = len, .fx = fx};
	while (r.i < len) {
		char c = buf[r.i];
		if (c == '"') {
			string(&r);
			if (r.i >= len || buf[r.i] != '"')
				continue;
		}
		size_t brk = line_break(buf + r.i, len - r.i);
		if (brk) {
			new_line(&r, brk);
			continue;
		}
		sbuf_putc(&r.out, c);
		r.i++;
		r.col += ((unsigned char)c & 0xc0) != 0x80;
	}
	if (!r.changed) {
		sbuf_free(&r.out);
		fx->n = 0;
		return NULL;
	}
	*out_len = r.out.len;
	return sbuf_take(&r.out);
}

unsigned ydoc_fix_col(const struct yfixes *fx, size_t line, size_t col)
{
	size_t lo = 0, hi = fx->n; /* find the first entry after (line, col) */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct ycolfix *f = &fx->v[mid];
		if (f->line < line || (f->line == line && f->col <= col))
			lo = mid + 1;
		else
			hi = mid;
	}
	long c = (long)col;
	if (lo > 0 && fx->v[lo - 1].line == line)
		c += fx->v[lo - 1].delta;
	return (unsigned)c + 1;
}
