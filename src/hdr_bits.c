/*
 * hdr_bits.c - the single-bit masks a header defines, for the booleans a
 * struct keeps as bits of one integer member:
 *
 *   typedef uint16_t acct_relationship_flag_t;
 *   #define ACCT_RELATIONSHIP_FOLLOWING (1<<0)
 *   #define ACCT_RELATIONSHIP_MUTING    (1<<4)
 *
 * Object-like macros whose value is one bit ((1<<n), 1u << n, BIT(n),
 * 0x0010, 64) are read from the text of the headers being checked (a
 * pure function of the text: clang keeps no macro values without a
 * detailed preprocessing record, which costs every parse); enumerators
 * of one bit come from the enums. Binding pairs them with properties by
 * the rules' flags patterns ({STRUCT}_{PROPERTY}).
 */
#include "config.h"

#include "hdr.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char *blanks(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/* An unsigned integer literal at *p (with its suffixes), or -1. */
static long long literal(const char **p, const char *end)
{
	const char *s = *p;
	if (s >= end || !isdigit((unsigned char)*s))
		return -1;
	char *e;
	unsigned long long v = strtoull(s, &e, 0);
	if (e > end)
		return -1;
	while (e < end && strchr("uUlL", *e))
		e++;
	*p = e;
	return v > (1ull << 62) ? -1 : (long long)v;
}

/* The value of a macro body that is one bit, or -1: (1<<n), 1u << (n),
 * BIT(n), a power of two; parentheses around any of them. */
static long long one_bit(const char *p, const char *end)
{
	int open = 0;
	p = blanks(p, end);
	while (p < end && *p == '(') {
		open++;
		p = blanks(p + 1, end);
	}
	long long v;
	if (end - p > 4 && !strncmp(p, "BIT(", 4)) {
		p += 4;
		long long n = literal(&p, end);
		v = n >= 0 && n < 63 && p < end && *p == ')' ? 1ll << n : -1;
		p++;
	} else if ((v = literal(&p, end)) == 1 && (p = blanks(p, end)) + 1 < end && p[0] == '<' &&
	           p[1] == '<') {
		p = blanks(p + 2, end);
		int inner = p < end && *p == '(';
		p = blanks(p + inner, end);
		long long n = literal(&p, end);
		p = blanks(p, end);
		if (inner && p < end && *p == ')')
			p++;
		v = n >= 0 && n < 63 ? 1ll << n : -1;
	}
	for (p = blanks(p, end); open && p < end && *p == ')'; open--)
		p = blanks(p + 1, end);
	if (open || v <= 0 || (v & (v - 1)) || (p < end && *p != '/'))
		return -1; /* more than a bit, or more after it than a comment */
	return v;
}

static void add(struct hdr_set *h, const char *name, size_t n, long long v, struct loc at)
{
	struct hdr_bit *b = VEC_PUSH(h->bits, h->n_bits, h->bits_cap);
	b->name = arena_strndup(&h->arena, name, n);
	b->value = (unsigned long long)v;
	b->loc = at;
}

void hdr_scan_bits(struct hdr_set *h, const char *path, const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len;
	unsigned line = 1;
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		const char *q = blanks(p, eol);
		if (q < eol && *q == '#') {
			q = blanks(q + 1, eol);
			if (eol - q > 7 && !strncmp(q, "define", 6) &&
			    (q[6] == ' ' || q[6] == '\t')) {
				const char *name = blanks(q + 6, eol), *e = name;
				while (e < eol && (isalnum((unsigned char)*e) || *e == '_'))
					e++;
				long long v =
				        e > name && e < eol && *e != '(' ? one_bit(e, eol) : -1;
				if (v > 0)
					add(h, name, (size_t)(e - name), v,
					    (struct loc){path, line, (unsigned)(name - p) + 1});
			}
		}
		line++;
		p = eol + 1;
	}
}
