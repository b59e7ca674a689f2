/*
 * wire_fmt.c - jansson's json_pack and json_unpack format strings, read
 * for the wire check: which vararg holds each key, which holds (or, for
 * json_unpack, receives) its value, and the JSON type the letter implies.
 *
 * jansson does not export its format reader, so this is a small one of
 * our own over the documented grammar: s n b i I f F o O, the modifiers
 * ? * # % and +, [ ] and { }, with ':' ',' and blanks as separators and
 * '!' '*' as unpack's strictness marks. Pure string work: no libclang, no
 * allocation, so it can be tested and fuzzed alone.
 */
#include "config.h"

#include "spec.h"
#include "wire.h"

#include <string.h>

struct fmt_reader {
	const char *p;
	bool unpack;
	int arg; /* next vararg */
	struct wire_fmt_item *out;
	size_t cap, n;
	unsigned depth;
};

static void skip(struct fmt_reader *r)
{
	while (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == ':' || *r->p == ',')
		r->p++;
}

/* The modifiers after a letter: ? * (nullable, optional), and for strings
 * # % (a length argument) and + (concatenation, with their own). */
static void modifiers(struct fmt_reader *r, bool string)
{
	for (;;) {
		char c = *r->p;
		if (c == '?' || (c == '*' && !r->unpack)) {
			r->p++;
		} else if (string && (c == '#' || c == '%')) {
			r->p++;
			r->arg++;
		} else if (string && c == '+' && !r->unpack) {
			r->p++;
			r->arg++;
		} else {
			return;
		}
	}
}

static unsigned letter_type(char c)
{
	switch (c) {
	case 's':
		return SPEC_STRING;
	case 'n':
		return SPEC_NULL;
	case 'b':
		return SPEC_BOOLEAN;
	case 'i':
	case 'I':
		return SPEC_INTEGER;
	case 'f':
	case 'F':
		return SPEC_NUMBER;
	default:
		return 0; /* o, O: any JSON value */
	}
}

static int value(struct fmt_reader *r, int parent, int key_arg);

/* The items of an object or array up to its closing bracket. */
static int members(struct fmt_reader *r, int self, bool object)
{
	char close = object ? '}' : ']';
	for (;;) {
		skip(r);
		if (*r->p == close) {
			r->p++;
			return 0;
		}
		if (!*r->p)
			return -1;
		if (r->unpack && (*r->p == '!' || *r->p == '*')) {
			r->p++;
			continue;
		}
		int key = -1;
		if (object) {
			if (*r->p != 's')
				return -1;
			r->p++;
			key = r->arg++;
			modifiers(r, true);
			skip(r);
		}
		if (value(r, self, key))
			return -1;
	}
}

static int value(struct fmt_reader *r, int parent, int key_arg)
{
	skip(r);
	char c = *r->p;
	if (!c || !strchr("snbiIfFoO[{", c) || (c == 'F' && !r->unpack))
		return -1;
	r->p++;
	int self = (int)r->n;
	struct wire_fmt_item it = {.parent = parent, .key_arg = key_arg, .value_arg = -1};
	bool container = c == '[' || c == '{';
	it.type = container ? (c == '[' ? SPEC_ARRAY : SPEC_OBJECT) : letter_type(c);
	it.container = container;
	if (!container && c != 'n')
		it.value_arg = r->arg++;
	if (r->n < r->cap)
		r->out[r->n] = it;
	r->n++;
	if (!container) {
		modifiers(r, c == 's');
		return 0;
	}
	if (++r->depth > 32)
		return -1;
	int rc = members(r, self, c == '{');
	r->depth--;
	if (rc == 0)
		modifiers(r, false);
	return rc;
}

int wire_fmt_parse(const char *fmt, bool unpack, struct wire_fmt_item *out, size_t cap)
{
	struct fmt_reader r = {.p = fmt, .unpack = unpack, .out = out, .cap = cap};
	if (!fmt || value(&r, -1, -1))
		return -1;
	skip(&r);
	if (*r.p)
		return -1;
	return (int)(r.n < cap ? r.n : cap);
}
