/*
 * ydoc.c - libyaml events to a ynode tree.
 *
 * Why events: they let the loader count depth and alias expansion as the
 * parse goes and stop at once (deep flow nesting is quadratic in libyaml
 * 0.2.5, so the limit must bite early), and they cost a third of the
 * document API. Nodes and scalars live in one arena.
 *
 * JSON that libyaml rejects although it is valid JSON is repaired before
 * parsing, keeping every reported column right: a UTF-16 surrogate pair
 * escape "\ud83d\ude00" becomes the YAML escape "\U0001f600" (two columns
 * shorter; the shift is recorded and undone in every mark), and a lone
 * surrogate becomes "\ufffd" (same width).
 */
#include "config.h"

#include "ydoc.h"
#include "diag.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

const struct ydoc_limits ydoc_default_limits = {
        .max_depth = 1000,
        .max_weight = 20u * 1000 * 1000,
        .max_bytes = (size_t)1 << 30,
};

/* A column shift made by the JSON repair: from column col of line on,
 * marks are delta columns too far left. */
struct colfix {
	size_t line; /* 0-based, as in libyaml marks */
	size_t col;
	int delta;
};

struct fixes {
	struct colfix *v;
	size_t n, cap;
};

struct frame {
	struct ynode *node;
	struct ynode **items;
	size_t n, cap;
	char *anchor;
};

struct anchor {
	char *name;
	struct ynode *node; /* NULL while the anchored node is still open */
};

struct builder {
	struct ydoc *doc;
	const struct ydoc_limits *lim;
	const char *buf;
	size_t len;
	struct fixes fixes;
	struct frame *stack;
	size_t depth, cap;
	struct anchor *anchors;
	size_t n_anchors, anchors_cap;
	size_t weight;
	unsigned documents;
};

static unsigned fix_col(const struct builder *b, size_t line, size_t col)
{
	long c = (long)col;
	for (size_t i = 0; i < b->fixes.n; i++) {
		const struct colfix *f = &b->fixes.v[i];
		if (f->line == line && f->col <= col)
			c += f->delta;
		else if (f->line > line)
			break;
	}
	return (unsigned)c + 1;
}

static void mark_loc(const struct builder *b, yaml_mark_t m, struct loc *out)
{
	out->file = b->doc->file;
	out->line = (unsigned)m.line + 1;
	out->col = fix_col(b, m.line, m.column);
}

/* Line and column (1-based, in characters) of a byte offset. */
static struct loc offset_loc(const struct builder *b, size_t off)
{
	struct loc l = {b->doc->file, 1, 1};
	for (size_t i = 0; i < off && i < b->len; i++) {
		unsigned char c = (unsigned char)b->buf[i];
		if (c == '\n') {
			l.line++;
			l.col = 1;
		} else if ((c & 0xc0) != 0x80) {
			l.col++;
		}
	}
	return l;
}

static int hexval(const char *s, unsigned *out)
{
	unsigned v = 0;
	for (int i = 0; i < 4; i++) {
		char c = s[i];
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

static bool looks_like_json(const char *buf, size_t len)
{
	size_t i = 0;
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r' || buf[i] == '\n'))
		i++;
	return i < len && (buf[i] == '{' || buf[i] == '[');
}

/* Returns a repaired copy of buf, or NULL when nothing needed repair. */
static char *repair_json(struct builder *b, size_t *out_len)
{
	const char *buf = b->buf;
	size_t len = b->len;
	if (!looks_like_json(buf, len) || !memchr(buf, '\\', len))
		return NULL;
	struct sbuf out = {0};
	size_t line = 0, col = 0, last = 0;
	bool changed = false;
	for (size_t i = 0; i < len; i++) {
		char c = buf[i];
		if (c == '\n') {
			line++;
			col = 0;
			continue;
		}
		if ((c & 0xc0) != 0x80)
			col++;
		if (c != '\\' || i + 1 >= len)
			continue;
		unsigned hi, lo;
		if (buf[i + 1] != 'u' || i + 6 > len || hexval(buf + i + 2, &hi) != 0) {
			i++; /* skip the escaped character, e.g. an escaped backslash */
			col++;
			continue;
		}
		if (hi < 0xd800 || hi > 0xdfff) {
			i += 5;
			col += 5;
			continue;
		}
		sbuf_add(&out, buf + last, i - last);
		changed = true;
		if (hi <= 0xdbff && i + 12 <= len && buf[i + 6] == '\\' && buf[i + 7] == 'u' &&
		    hexval(buf + i + 8, &lo) == 0 && lo >= 0xdc00 && lo <= 0xdfff) {
			unsigned cp = 0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00);
			sbuf_printf(&out, "\\U%08x", cp);
			struct colfix *f = VEC_PUSH(b->fixes.v, b->fixes.n, b->fixes.cap);
			f->line = line;
			f->col = col - 1 + 10;
			f->delta = 2;
			i += 11;
			col += 11;
		} else {
			sbuf_puts(&out, "\\ufffd");
			i += 5;
			col += 5;
		}
		last = i + 1;
	}
	if (!changed)
		return NULL;
	sbuf_add(&out, buf + last, len - last);
	*out_len = out.len;
	return sbuf_take(&out);
}

static void fail_parser(struct builder *b, const yaml_parser_t *p)
{
	struct loc at;
	if (p->error == YAML_READER_ERROR) {
		at = offset_loc(b, p->problem_offset);
		if (p->problem_value != -1)
			diag_error(&at, "%s (byte 0x%02x)",
			           p->problem ? p->problem : "cannot read input",
			           (unsigned)p->problem_value & 0xffu);
		else
			diag_error(&at, "%s", p->problem ? p->problem : "cannot read input");
		return;
	}
	if (p->error == YAML_MEMORY_ERROR) {
		at = (struct loc){b->doc->file, 0, 0};
		diag_error(&at, "out of memory while parsing");
		return;
	}
	mark_loc(b, p->problem_mark, &at);
	if (p->context) {
		struct loc ctx;
		mark_loc(b, p->context_mark, &ctx);
		diag_error(&at, "%s (%s at line %u, column %u)",
		           p->problem ? p->problem : "syntax error", p->context, ctx.line, ctx.col);
	} else {
		diag_error(&at, "%s", p->problem ? p->problem : "syntax error");
	}
}

static void fail_at(struct builder *b, yaml_mark_t m, const char *fmt, const char *arg)
{
	struct loc at;
	mark_loc(b, m, &at);
	diag_error(&at, fmt, arg);
}

static struct ynode *new_node(struct builder *b, enum ynode_kind kind, yaml_mark_t m,
                              const yaml_char_t *tag)
{
	struct ynode *n = arena_alloc(&b->doc->arena, sizeof *n);
	n->kind = kind;
	n->line = (unsigned)m.line + 1;
	n->col = fix_col(b, m.line, m.column);
	n->weight = 1;
	if (tag && strcmp((const char *)tag, "!") == 0)
		n->quoted = true; /* the non-specific tag: a string */
	else if (tag)
		n->tag = arena_strdup(&b->doc->arena, (const char *)tag);
	return n;
}

static struct anchor *find_anchor(struct builder *b, const char *name)
{
	for (size_t i = b->n_anchors; i-- > 0;)
		if (strcmp(b->anchors[i].name, name) == 0)
			return &b->anchors[i];
	return NULL;
}

static void open_anchor(struct builder *b, const yaml_char_t *name)
{
	struct anchor *a = VEC_PUSH(b->anchors, b->n_anchors, b->anchors_cap);
	a->name = xstrdup((const char *)name);
	a->node = NULL;
}

static void close_anchor(struct builder *b, const char *name, struct ynode *n)
{
	for (size_t i = b->n_anchors; i-- > 0;)
		if (!b->anchors[i].node && strcmp(b->anchors[i].name, name) == 0) {
			b->anchors[i].node = n;
			return;
		}
}

/* Attach n to the open container, or make it the root. */
static int attach(struct builder *b, struct ynode *n, yaml_mark_t m)
{
	b->weight += n->weight;
	if (b->weight > b->lim->max_weight) {
		fail_at(b, m, "%s", "document too large after alias expansion (limit reached)");
		return -1;
	}
	if (b->depth == 0) {
		b->doc->root = n;
		return 0;
	}
	struct frame *f = &b->stack[b->depth - 1];
	*(struct ynode **)VEC_PUSH(f->items, f->n, f->cap) = n;
	return 0;
}

static size_t key_hash(const char *s, size_t n)
{
	size_t h = 1469598103934665603u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211u;
	return h;
}

/* The index of a large map: open addressing over pair numbers + 1. */
struct yindex {
	size_t mask;
	uint32_t slot[];
};

static bool same_key(const struct ynode *a, const char *s, size_t n)
{
	return a->kind == YN_SCALAR && a->len == n && memcmp(a->str, s, n) == 0;
}

/* Builds the index of map m; returns the earlier key equal to a later one,
 * setting *dup to the later, or NULL when keys are unique. */
static const struct ynode *index_map(struct builder *b, struct ynode *m, const struct ynode **dup)
{
	size_t size = 16;
	while (size < m->len * 2)
		size *= 2;
	struct yindex *ix = arena_alloc(&b->doc->arena, sizeof *ix + size * sizeof(uint32_t));
	ix->mask = size - 1;
	for (size_t i = 0; i < m->len; i++) {
		const struct ynode *k = m->kids[2 * i];
		if (k->kind != YN_SCALAR)
			continue;
		size_t h = key_hash(k->str, k->len) & ix->mask;
		while (ix->slot[h]) {
			const struct ynode *o = m->kids[2 * (ix->slot[h] - 1)];
			if (same_key(o, k->str, k->len)) {
				*dup = k;
				return o;
			}
			h = (h + 1) & ix->mask;
		}
		ix->slot[h] = (uint32_t)(i + 1);
	}
	m->index = ix;
	return NULL;
}

static const struct ynode *small_dup(const struct ynode *m, const struct ynode **dup)
{
	for (size_t i = 1; i < m->len; i++) {
		const struct ynode *k = m->kids[2 * i];
		if (k->kind != YN_SCALAR)
			continue;
		for (size_t j = 0; j < i; j++)
			if (same_key(m->kids[2 * j], k->str, k->len)) {
				*dup = k;
				return m->kids[2 * j];
			}
	}
	return NULL;
}

static int close_container(struct builder *b, yaml_mark_t m)
{
	struct frame *f = &b->stack[--b->depth];
	struct ynode *n = f->node;
	n->kids = arena_alloc(&b->doc->arena, f->n * sizeof *n->kids);
	if (f->n)
		memcpy(n->kids, f->items, f->n * sizeof *n->kids);
	for (size_t i = 0; i < f->n; i++)
		n->weight += f->items[i]->weight;
	/* the children were counted when attached; count the expansion only */
	b->weight -= n->weight - 1;
	n->len = n->kind == YN_MAP ? f->n / 2 : f->n;
	f->n = 0;
	if (n->kind == YN_MAP) {
		const struct ynode *dup = NULL, *first;
		first = n->len > 16 ? index_map(b, n, &dup) : small_dup(n, &dup);
		if (first) {
			struct loc at = {b->doc->file, dup->line, dup->col};
			diag_error(&at, "duplicate key '%s' (first at line %u, column %u)",
			           dup->str, first->line, first->col);
			return -1;
		}
	}
	if (f->anchor) {
		close_anchor(b, f->anchor, n);
		free(f->anchor);
		f->anchor = NULL;
	}
	return attach(b, n, m);
}

static int open_container(struct builder *b, enum ynode_kind kind, const yaml_event_t *ev,
                          const yaml_char_t *anchor, const yaml_char_t *tag)
{
	if (b->depth >= b->lim->max_depth) {
		struct loc at;
		mark_loc(b, ev->start_mark, &at);
		diag_error(&at, "nesting deeper than %u levels", b->lim->max_depth);
		return -1;
	}
	if (b->depth == b->cap) {
		size_t old = b->cap;
		b->stack = xgrow(b->stack, &b->cap, b->depth + 1, sizeof *b->stack);
		memset(b->stack + old, 0, (b->cap - old) * sizeof *b->stack);
	}
	struct frame *f = &b->stack[b->depth++];
	f->node = new_node(b, kind, ev->start_mark, tag);
	f->n = 0;
	if (anchor) {
		open_anchor(b, anchor);
		f->anchor = xstrdup((const char *)anchor);
	}
	return 0;
}

static int on_scalar(struct builder *b, const yaml_event_t *ev)
{
	struct ynode *n = new_node(b, YN_SCALAR, ev->start_mark, ev->data.scalar.tag);
	n->len = ev->data.scalar.length;
	n->str = arena_strndup(&b->doc->arena, (const char *)ev->data.scalar.value, n->len);
	n->quoted |= ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
	if (ev->data.scalar.anchor) {
		open_anchor(b, ev->data.scalar.anchor);
		close_anchor(b, (const char *)ev->data.scalar.anchor, n);
	}
	return attach(b, n, ev->start_mark);
}

static int on_alias(struct builder *b, const yaml_event_t *ev)
{
	const char *name = (const char *)ev->data.alias.anchor;
	struct anchor *a = find_anchor(b, name);
	if (!a) {
		fail_at(b, ev->start_mark, "undefined alias '*%s'", name);
		return -1;
	}
	if (!a->node) {
		fail_at(b, ev->start_mark, "alias '*%s' refers to a node that contains it", name);
		return -1;
	}
	return attach(b, a->node, ev->start_mark);
}

static int on_event(struct builder *b, const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++b->documents > 1) {
			fail_at(b, ev->start_mark, "%s", "more than one YAML document in the file");
			return -1;
		}
		return 0;
	case YAML_SCALAR_EVENT:
		return on_scalar(b, ev);
	case YAML_ALIAS_EVENT:
		return on_alias(b, ev);
	case YAML_SEQUENCE_START_EVENT:
		return open_container(b, YN_SEQ, ev, ev->data.sequence_start.anchor,
		                      ev->data.sequence_start.tag);
	case YAML_MAPPING_START_EVENT:
		return open_container(b, YN_MAP, ev, ev->data.mapping_start.anchor,
		                      ev->data.mapping_start.tag);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		return close_container(b, ev->start_mark);
	default:
		return 0;
	}
}

static void builder_free(struct builder *b)
{
	for (size_t i = 0; i < b->cap; i++) {
		free(b->stack[i].items);
		free(b->stack[i].anchor);
	}
	free(b->stack);
	for (size_t i = 0; i < b->n_anchors; i++)
		free(b->anchors[i].name);
	free(b->anchors);
	free(b->fixes.v);
}

static int run_parser(struct builder *b, const char *buf, size_t len)
{
	yaml_parser_t p;
	if (!yaml_parser_initialize(&p)) {
		diag_error(NULL, "out of memory");
		return -1;
	}
	yaml_parser_set_input_string(&p, (const unsigned char *)buf, len);
	int rc = 0;
	for (;;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&p, &ev)) {
			fail_parser(b, &p);
			rc = -1;
			break;
		}
		bool end = ev.type == YAML_STREAM_END_EVENT;
		rc = on_event(b, &ev);
		yaml_event_delete(&ev);
		if (rc || end)
			break;
	}
	yaml_parser_delete(&p);
	return rc;
}

int ydoc_parse(struct ydoc *doc, const char *file, const char *buf, size_t len,
               const struct ydoc_limits *lim)
{
	memset(doc, 0, sizeof *doc);
	doc->file = loc_intern(file);
	struct builder b = {
	        .doc = doc, .lim = lim ? lim : &ydoc_default_limits, .buf = buf, .len = len};
	if (len > b.lim->max_bytes) {
		struct loc at = {doc->file, 0, 0};
		diag_error(&at, "file too large (%zu bytes; the limit is %zu)", len,
		           b.lim->max_bytes);
		return -1;
	}
	size_t fixed_len = 0;
	char *fixed = repair_json(&b, &fixed_len);
	int rc = run_parser(&b, fixed ? fixed : buf, fixed ? fixed_len : len);
	free(fixed);
	builder_free(&b);
	if (rc) {
		arena_free(&doc->arena);
		memset(doc, 0, sizeof *doc);
	}
	return rc;
}

int ydoc_load_file(struct ydoc *doc, const char *path, const struct ydoc_limits *lim)
{
	char *buf = NULL;
	size_t len = 0;
	const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	int rc = strcmp(path, "-") == 0 ? util_read_stream(stdin, &buf, &len)
	                                : util_read_file(path, &buf, &len);
	if (rc) {
		struct loc at = {loc_intern(name), errno == EISDIR ? 1 : 0, 1};
		diag_error(&at, "cannot read: %s", strerror(errno));
		memset(doc, 0, sizeof *doc);
		return -1;
	}
	rc = ydoc_parse(doc, name, buf, len, lim);
	free(buf);
	return rc;
}

void ydoc_free(struct ydoc *doc)
{
	if (!doc)
		return;
	arena_free(&doc->arena);
	doc->root = NULL;
}

/* The pair number of key in map, or -1. */
static long find_pair(const struct ynode *map, const char *key)
{
	if (!map || map->kind != YN_MAP)
		return -1;
	size_t n = strlen(key);
	const struct yindex *ix = map->index;
	if (ix) {
		size_t h = key_hash(key, n) & ix->mask;
		while (ix->slot[h]) {
			size_t i = ix->slot[h] - 1;
			if (same_key(map->kids[2 * i], key, n))
				return (long)i;
			h = (h + 1) & ix->mask;
		}
		return -1;
	}
	for (size_t i = 0; i < map->len; i++)
		if (same_key(map->kids[2 * i], key, n))
			return (long)i;
	return -1;
}

const struct ynode *ydoc_get_key(const struct ynode *map, const char *key)
{
	long i = find_pair(map, key);
	return i < 0 ? NULL : map->kids[2 * i];
}

const struct ynode *ydoc_get(const struct ynode *map, const char *key)
{
	long i = find_pair(map, key);
	return i < 0 ? NULL : map->kids[2 * i + 1];
}

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

static enum yscalar tagged_type(const char *tag)
{
	static const struct {
		const char *tag;
		enum yscalar t;
	} map[] = {
	        {"tag:yaml.org,2002:str", YS_STRING},  {"tag:yaml.org,2002:null", YS_NULL},
	        {"tag:yaml.org,2002:bool", YS_BOOL},   {"tag:yaml.org,2002:int", YS_INT},
	        {"tag:yaml.org,2002:float", YS_FLOAT},
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcmp(tag, map[i].tag) == 0)
			return map[i].t;
	return YS_STRING;
}

enum yscalar ydoc_scalar_type(const struct ynode *n)
{
	if (!n || n->kind != YN_SCALAR)
		return YS_STRING;
	if (n->tag)
		return tagged_type(n->tag);
	if (n->quoted)
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
