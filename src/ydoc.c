/*
 * ydoc.c - libyaml events to a ynode tree.
 *
 * Why events: they let the loader count depth, alias expansion and the
 * length of one token as the parse goes and stop at once (deep flow
 * nesting is quadratic in libyaml 0.2.5, so the limit must bite early),
 * and they cost a third of the document API.
 *
 * Why the bulk allocator: building the tree is mostly touching fresh
 * memory. On the 2-core VMs this runs on, a demand-faulted page costs
 * about 4 ms per MiB, more than libyaml spends parsing a MiB; pages
 * pre-faulted in one madvise(MADV_POPULATE_WRITE) cost a fifth of that
 * (bench/spec.sh). Nodes are 32 bytes and scalars are packed for the same
 * reason, and files are mapped rather than copied.
 *
 * JSON text is read by our own reader (ydoc_jread.c) into the same tree;
 * libyaml reads YAML, and JSON when OACHECK_JSON_READER=yaml or when the
 * text is not strict JSON. JSON that libyaml rejects is repaired first
 * (ydoc_json.c); every mark is mapped back to the file's column through
 * the recorded fix-ups.
 */
#include "config.h"

#include "ydoc.h"
#include "diag.h"
#include "ydoc_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23 /* Linux 5.14; older kernels say EINVAL */
#endif

const struct ydoc_limits ydoc_default_limits = {
        .max_depth = 1000,
        .max_weight = 1000 * 1000,
        .max_bytes = (size_t)256 << 20,
        .max_token = (size_t)16 << 20,
};

struct ybulk_chunk {
	struct ybulk_chunk *next;
	max_align_t data[];
};

/* Fault the whole chunk in at once; harmless where unsupported. */
static void prefault(void *p, size_t n)
{
	uintptr_t a = ((uintptr_t)p + 4095) & ~(uintptr_t)4095;
	uintptr_t e = ((uintptr_t)p + n) & ~(uintptr_t)4095;
	if (e > a)
		(void)madvise((void *)a, e - a, MADV_POPULATE_WRITE);
}

void *ybulk_alloc(struct ybulk *bk, size_t n, size_t align)
{
	uintptr_t cur = ((uintptr_t)bk->cur + (align - 1)) & ~(uintptr_t)(align - 1);
	if (!bk->cur || cur + n > (uintptr_t)bk->end) {
		size_t sz = bk->chunk ? bk->chunk : 64 * 1024;
		if (sz < n + 64)
			sz = n + 64;
		struct ybulk_chunk *c = xmalloc(sizeof *c + sz);
		if (sz >= 256 * 1024)
			prefault(c->data, sz);
		c->next = bk->head;
		bk->head = c;
		bk->end = (char *)c->data + sz;
		cur = (uintptr_t)c->data;
	}
	bk->cur = (char *)(cur + n);
	return (void *)cur;
}

void *ybulk_zalloc(struct ybulk *bk, size_t n)
{
	void *p = ybulk_alloc(bk, n, 16);
	memset(p, 0, n);
	return p;
}

void ybulk_free(struct ybulk *bk)
{
	while (bk->head) {
		struct ybulk_chunk *next = bk->head->next;
		free(bk->head);
		bk->head = next;
	}
	bk->cur = bk->end = NULL;
}

struct frame {
	struct ynode *node;
	struct ynode **items;
	size_t n, cap;
	size_t start_weight; /* b->weight when the node opened */
	char *anchor;
};

struct anchor {
	char *name;
	struct ynode *node; /* NULL while the anchored node is still open */
	size_t weight;      /* nodes in its subtree, aliases expanded */
};

struct builder {
	struct ydoc *doc;
	const struct ydoc_limits *lim;
	const char *in; /* what libyaml reads (maybe repaired) */
	size_t len, pos;
	size_t since_event; /* bytes fed since the last event */
	bool token_too_long;
	struct yfixes fixes;
	struct frame *stack;
	size_t depth, cap;
	struct anchor *anchors;
	size_t n_anchors, anchors_cap;
	size_t weight;   /* nodes so far, aliases expanded */
	size_t expanded; /* nodes added by aliases */
	unsigned documents;
	yaml_mark_t last_mark;
	bool silent; /* a first try whose failure leads to a repair */
};

/* Every message of the builder goes through here. */
__attribute__((format(printf, 3, 4))) static void yerr(const struct builder *b,
                                                       const struct loc *at, const char *fmt, ...)
{
	if (b->silent)
		return;
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diag_error(at, "%s", msg);
}

static void mark_loc(const struct builder *b, yaml_mark_t m, struct loc *out)
{
	out->file = b->doc->file;
	out->line = (unsigned)m.line + 1;
	out->col = ydoc_fix_col(&b->fixes, m.line, m.column);
}

/* Line and column (1-based, in characters) of a byte offset of the input,
 * counted as libyaml counts its marks: a leading BOM is no column, and
 * CR LF, CR and LF each end a line. */
static struct loc offset_loc(const struct builder *b, size_t off)
{
	size_t line = 0, col = 0, i = 0;
	if (b->len >= 3 && memcmp(b->in, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	for (; i < off && i < b->len; i++) {
		unsigned char c = (unsigned char)b->in[i];
		if (c == '\n' || (c == '\r' && (i + 1 >= b->len || b->in[i + 1] != '\n'))) {
			line++;
			col = 0;
		} else if ((c & 0xc0) != 0x80 && c != '\r') {
			col++;
		}
	}
	struct loc l = {b->doc->file, (unsigned)line + 1, ydoc_fix_col(&b->fixes, line, col)};
	return l;
}

static void fail_parser(struct builder *b, const yaml_parser_t *p)
{
	struct loc at;
	if (b->token_too_long) {
		mark_loc(b, b->last_mark, &at);
		yerr(b, &at, "a scalar or key longer than %zu MiB begins after this point",
		     b->lim->max_token >> 20);
		return;
	}
	if (p->error == YAML_READER_ERROR) {
		const char *what = p->problem ? p->problem : "cannot read input";
		int v = p->problem_value;
		at = offset_loc(b, p->problem_offset);
		/* the value is an octet, or a character (U+D800 is no byte) */
		if (v != -1 && (v < 0x80 || strstr(what, "octet")))
			yerr(b, &at, "%s (byte 0x%02x)", what, (unsigned)v & 0xffu);
		else if (v != -1)
			yerr(b, &at, "%s (U+%04X)", what, (unsigned)v);
		else
			yerr(b, &at, "%s", what);
		return;
	}
	if (p->error == YAML_MEMORY_ERROR) {
		at = (struct loc){b->doc->file, 0, 0};
		yerr(b, &at, "out of memory while parsing");
		return;
	}
	mark_loc(b, p->problem_mark, &at);
	if (p->context) {
		struct loc ctx;
		mark_loc(b, p->context_mark, &ctx);
		yerr(b, &at, "%s (%s at line %u, column %u)",
		     p->problem ? p->problem : "syntax error", p->context, ctx.line, ctx.col);
	} else {
		yerr(b, &at, "%s", p->problem ? p->problem : "syntax error");
	}
}

static void fail_at(struct builder *b, yaml_mark_t m, const char *fmt, const char *arg)
{
	struct loc at;
	mark_loc(b, m, &at);
	yerr(b, &at, fmt, arg);
}

static unsigned char tag_kind(const char *tag)
{
	static const char *const core[] = {
	        [YS_STRING] = "tag:yaml.org,2002:str",  [YS_NULL] = "tag:yaml.org,2002:null",
	        [YS_BOOL] = "tag:yaml.org,2002:bool",   [YS_INT] = "tag:yaml.org,2002:int",
	        [YS_FLOAT] = "tag:yaml.org,2002:float",
	};
	for (size_t i = 0; i < sizeof core / sizeof core[0]; i++)
		if (strcmp(tag, core[i]) == 0)
			return (unsigned char)(i + 1);
	return YS_STRING + 1; /* any other tag: keep the text as it is */
}

static struct ynode *new_node(struct builder *b, enum ynode_kind kind, yaml_mark_t m,
                              const yaml_char_t *tag)
{
	struct ynode *n = ybulk_alloc(&b->doc->bulk, sizeof *n, 8);
	memset(n, 0, sizeof *n);
	n->kind = (unsigned char)kind;
	n->line = (unsigned)m.line + 1;
	n->col = b->fixes.n ? ydoc_fix_col(&b->fixes, m.line, m.column) : (unsigned)m.column + 1;
	if (tag && strcmp((const char *)tag, "!") == 0)
		n->quoted = true; /* the non-specific tag: a string */
	else if (tag)
		n->tag = tag_kind((const char *)tag);
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
	a->weight = 1;
}

static void close_anchor(struct builder *b, const char *name, struct ynode *n, size_t weight)
{
	for (size_t i = b->n_anchors; i-- > 0;)
		if (!b->anchors[i].node && strcmp(b->anchors[i].name, name) == 0) {
			b->anchors[i].node = n;
			b->anchors[i].weight = weight;
			return;
		}
}

/* Attach n to the open container, or make it the root. */
static void attach(struct builder *b, struct ynode *n)
{
	if (b->depth == 0) {
		b->doc->root = n;
		return;
	}
	struct frame *f = &b->stack[b->depth - 1];
	*(struct ynode **)VEC_PUSH(f->items, f->n, f->cap) = n;
}

static size_t key_hash(const char *s, size_t n)
{
	size_t h = 1469598103934665603u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211u;
	return h;
}

/* The index of a large map, kept in the slot after its last child:
 * open addressing over pair numbers + 1. */
struct yindex {
	size_t mask;
	uint32_t slot[];
};

enum { SMALL_MAP = 16 };

static const struct yindex *map_index(const struct ynode *m)
{
	return m->len > SMALL_MAP ? (const struct yindex *)m->kids[2 * (size_t)m->len] : NULL;
}

static bool same_key(const struct ynode *a, const char *s, size_t n)
{
	return a->kind == YN_SCALAR && a->len == n && memcmp(a->str, s, n) == 0;
}

/* Builds the index of map m; returns the earlier key equal to a later one,
 * setting *dup to the later, or NULL when keys are unique. */
static const struct ynode *index_map(struct ybulk *bk, struct ynode *m, const struct ynode **dup)
{
	size_t size = 16;
	while (size < (size_t)m->len * 2)
		size *= 2;
	struct yindex *ix = ybulk_zalloc(bk, sizeof *ix + size * sizeof(uint32_t));
	ix->mask = size - 1;
	m->kids[2 * (size_t)m->len] = (struct ynode *)ix;
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

static void dup_key_error(const char *file, const struct ynode *first, const struct ynode *dup)
{
	struct loc at = {file, dup->line, dup->col};
	diag_error(&at, "duplicate key '%.200s' (first at line %u, column %u)", dup->str,
	           first->line, first->col);
}

int ydoc_set_kids(struct ydoc *doc, struct ynode *n, struct ynode *const *items, size_t n_items,
                  bool quiet)
{
	/* a map's children are followed by its index (when large) and by
	 * the slot of ydoc_map_slot */
	bool map = n->kind == YN_MAP, indexed = map && n_items / 2 > SMALL_MAP;
	size_t slots = n_items + indexed + map;
	n->kids = ybulk_alloc(&doc->bulk, slots * sizeof *n->kids, 8);
	if (n_items)
		memcpy(n->kids, items, n_items * sizeof *n->kids);
	if (map)
		n->kids[slots - 1] = NULL;
	n->len = (uint32_t)(map ? n_items / 2 : n_items);
	if (!map)
		return 0;
	const struct ynode *dup = NULL, *first;
	first = indexed ? index_map(&doc->bulk, n, &dup) : small_dup(n, &dup);
	if (!first)
		return 0;
	if (!quiet)
		dup_key_error(doc->file, first, dup);
	return -1;
}

static int close_container(struct builder *b)
{
	struct frame *f = &b->stack[--b->depth];
	struct ynode *n = f->node;
	size_t n_items = f->n;
	f->n = 0;
	if (ydoc_set_kids(b->doc, n, f->items, n_items, b->silent))
		return -1;
	if (f->anchor) {
		close_anchor(b, f->anchor, n, b->weight - f->start_weight);
		free(f->anchor);
		f->anchor = NULL;
	}
	attach(b, n);
	return 0;
}

static int open_container(struct builder *b, enum ynode_kind kind, const yaml_event_t *ev,
                          const yaml_char_t *anchor, const yaml_char_t *tag)
{
	if (b->depth >= b->lim->max_depth) {
		struct loc at;
		mark_loc(b, ev->start_mark, &at);
		yerr(b, &at, "nesting deeper than %u levels", b->lim->max_depth);
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
	f->start_weight = b->weight++;
	if (anchor) {
		open_anchor(b, anchor);
		f->anchor = xstrdup((const char *)anchor);
	}
	return 0;
}

static char *copy_scalar(struct builder *b, const yaml_char_t *s, size_t n)
{
	char *p = ybulk_alloc(&b->doc->bulk, n + 1, 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static int on_scalar(struct builder *b, const yaml_event_t *ev)
{
	struct ynode *n = new_node(b, YN_SCALAR, ev->start_mark, ev->data.scalar.tag);
	n->len = (uint32_t)ev->data.scalar.length;
	n->str = copy_scalar(b, ev->data.scalar.value, ev->data.scalar.length);
	n->quoted |= ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
	b->weight++;
	if (ev->data.scalar.anchor) {
		open_anchor(b, ev->data.scalar.anchor);
		close_anchor(b, (const char *)ev->data.scalar.anchor, n, 1);
	}
	attach(b, n);
	return 0;
}

/* An alias shares the anchored subtree; what it would cost expanded is
 * counted against the budget, so a billion laughs stops at the limit. */
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
	b->weight += a->weight;
	b->expanded += a->weight;
	if (b->expanded > b->lim->max_weight) {
		fail_at(b, ev->start_mark, "%s",
		        "YAML aliases expand to too many nodes (an alias bomb?)");
		return -1;
	}
	attach(b, a->node);
	return 0;
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
		return close_container(b);
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

/* libyaml's input: also stops a single token from growing without bound
 * (libyaml buffers a whole scalar before it says anything). */
static int feed(void *data, unsigned char *out, size_t size, size_t *got)
{
	struct builder *b = data;
	if (b->since_event > b->lim->max_token) {
		b->token_too_long = true;
		return 0;
	}
	size_t n = b->len - b->pos < size ? b->len - b->pos : size;
	memcpy(out, b->in + b->pos, n);
	b->pos += n;
	b->since_event += n;
	*got = n;
	return 1;
}

static int run_parser(struct builder *b)
{
	yaml_parser_t p;
	if (!yaml_parser_initialize(&p)) {
		yerr(b, NULL, "out of memory");
		return -1;
	}
	yaml_parser_set_input(&p, feed, b);
	int rc = 0;
	for (;;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&p, &ev)) {
			fail_parser(b, &p);
			rc = -1;
			break;
		}
		b->since_event = 0;
		b->last_mark = ev.end_mark;
		bool end = ev.type == YAML_STREAM_END_EVENT;
		rc = on_event(b, &ev);
		yaml_event_delete(&ev);
		if (rc || end)
			break;
	}
	yaml_parser_delete(&p);
	return rc;
}

static void doc_reset(struct ydoc *doc)
{
	ybulk_free(&doc->bulk);
	arena_free(&doc->arena);
	doc->root = NULL;
}

/* One attempt on text (the file's, or its repair) with its fix-ups. */
static int parse_text(struct ydoc *doc, const struct ydoc_limits *lim, const char *text, size_t len,
                      struct yfixes fixes, bool silent)
{
	struct builder b = {
	        .doc = doc, .lim = lim, .in = text, .len = len, .fixes = fixes, .silent = silent};
	/* nodes, scalars and child arrays take about three times the input */
	doc->bulk.chunk = len < 64 * 1024 ? 64 * 1024 : len > (4u << 20) ? 4u << 20 : len;
	int rc = run_parser(&b);
	builder_free(&b);
	if (rc)
		doc_reset(doc);
	return rc;
}

/* libyaml's path: JSON that libyaml refuses is repaired and tried again. */
static int yaml_path(struct ydoc *doc, const char *buf, size_t len, const struct ydoc_limits *lim)
{
	const struct yfixes none = {0};
	if (!ydoc_json_like(buf, len))
		return parse_text(doc, lim, buf, len, none, false);
	/* Surrogates always need the repair; the other repairs are rare, so
	 * they are tried only when a quiet first parse fails. */
	if (!ydoc_json_has_surrogates(buf, len) && parse_text(doc, lim, buf, len, none, true) == 0)
		return 0;
	struct yfixes fx = {0};
	size_t fixed_len = 0;
	char *fixed = ydoc_json_repair(buf, len, &fixed_len, &fx);
	int rc = parse_text(doc, lim, fixed ? fixed : buf, fixed ? fixed_len : len, fx, false);
	free(fixed);
	return rc;
}

int ydoc_parse_with(struct ydoc *doc, const char *file, const char *buf, size_t len,
                    const struct ydoc_limits *lim, enum ydoc_reader reader)
{
	memset(doc, 0, sizeof *doc);
	doc->file = loc_intern(file);
	if (!lim)
		lim = &ydoc_default_limits;
	if (len > lim->max_bytes) {
		struct loc at = {doc->file, 0, 0};
		diag_error(&at, "file too large (%zu bytes; the limit is %zu MiB)", len,
		           lim->max_bytes >> 20);
		return -1;
	}
	if (reader != YDOC_READ_YAML && ydoc_json_like(buf, len)) {
		int rc = ydoc_jread(doc, buf, len, lim);
		if (rc != YDOC_NOT_JSON)
			return rc;
	}
	return reader == YDOC_READ_JSON ? YDOC_NOT_JSON : yaml_path(doc, buf, len, lim);
}

enum ydoc_reader ydoc_reader_chosen(void)
{
	const char *env = getenv("OACHECK_JSON_READER");
	return env && strcmp(env, "yaml") == 0 ? YDOC_READ_YAML : YDOC_READ_AUTO;
}

int ydoc_parse(struct ydoc *doc, const char *file, const char *buf, size_t len,
               const struct ydoc_limits *lim)
{
	return ydoc_parse_with(doc, file, buf, len, lim, ydoc_reader_chosen());
}

/* Read a stream, but never more than limit + 1 bytes: stdin may be
 * endless. */
static int read_stream(int fd, size_t limit, char **buf, size_t *len)
{
	struct sbuf sb = {0};
	char chunk[65536];
	while (sb.len <= limit) {
		ssize_t n = read(fd, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;
			sbuf_free(&sb);
			errno = e;
			return -1;
		}
		if (n == 0)
			break;
		sbuf_add(&sb, chunk, (size_t)n);
	}
	*len = sb.len;
	*buf = sbuf_take(&sb);
	return 0;
}

/* Map a regular file (no copy, and its pages are in the page cache
 * already), or read a pipe or stdin. Returns 0 or -1 with errno set;
 * *mapped tells how to release *buf. */
static int read_input(const char *path, size_t limit, char **buf, size_t *len, bool *mapped)
{
	*mapped = false;
	if (strcmp(path, "-") == 0)
		return read_stream(STDIN_FILENO, limit, buf, len);
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	struct stat st;
	int rc = fstat(fd, &st);
	if (rc == 0 && S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		rc = -1;
	} else if (rc == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size > limit) {
		errno = EFBIG; /* refused before a byte is mapped */
		rc = -1;
	} else if (rc == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
		void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd,
		               0);
		if (p != MAP_FAILED) {
			*buf = p;
			*len = (size_t)st.st_size;
			*mapped = true;
		} else {
			rc = read_stream(fd, limit, buf, len);
		}
	} else if (rc == 0) {
		rc = read_stream(fd, limit, buf, len);
	}
	int e = errno;
	close(fd);
	errno = e;
	return rc;
}

int ydoc_load_file(struct ydoc *doc, const char *path, const struct ydoc_limits *lim)
{
	return ydoc_load_file_as(doc, path, strcmp(path, "-") == 0 ? "<stdin>" : path, lim);
}

int ydoc_load_file_as(struct ydoc *doc, const char *path, const char *name,
                      const struct ydoc_limits *lim)
{
	char *buf = NULL;
	size_t len = 0;
	bool mapped;
	if (!lim)
		lim = &ydoc_default_limits;
	if (read_input(path, lim->max_bytes, &buf, &len, &mapped)) {
		struct loc at = {loc_intern(name), errno == EISDIR ? 1 : 0, 1};
		if (errno == EFBIG)
			diag_error(&at, "file too large (the limit is %zu MiB)",
			           lim->max_bytes >> 20);
		else
			diag_error(&at, "cannot read: %s", strerror(errno));
		memset(doc, 0, sizeof *doc);
		return -1;
	}
	int rc = ydoc_parse(doc, name, buf, len, lim);
	if (mapped)
		munmap(buf, len);
	else
		free(buf);
	return rc;
}

void **ydoc_map_slot(const struct ynode *map)
{
	size_t i = 2 * (size_t)map->len + (map->len > SMALL_MAP);
	return (void **)&map->kids[i];
}

void ydoc_free(struct ydoc *doc)
{
	if (!doc)
		return;
	doc_reset(doc);
}

/* The pair number of key in map, or -1. */
static long find_pair(const struct ynode *map, const char *key)
{
	if (!map || map->kind != YN_MAP)
		return -1;
	size_t n = strlen(key);
	const struct yindex *ix = map_index(map);
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
