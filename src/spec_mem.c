/*
 * spec_mem.c - the spec loader's memory: schemas, properties and pointers
 * come from pre-faulted bulk chunks (ydoc.h explains why that matters
 * more than anything else for load time), and a map from document node to
 * the schema built for it, which makes every node one schema however
 * often it is reached (by $ref, YAML alias or cycle).
 */
#include "config.h"

#include "spec_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static struct spec_mem *mem(struct spec *s)
{
	if (!s->mem) {
		s->mem = xcalloc(1, sizeof *s->mem);
		s->mem->bulk.chunk = 1u << 20;
	}
	return s->mem;
}

void *spec_alloc(struct spec *s, size_t n)
{
	return ybulk_zalloc(&mem(s)->bulk, n);
}

static size_t ptr_hash(const void *p)
{
	uint64_t h = (uint64_t)(uintptr_t)p;
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return (size_t)h;
}

struct spec_schema *spec_mem_get(const struct spec_mem *m, const void *node)
{
	if (!m || !m->cap)
		return NULL;
	for (size_t h = ptr_hash(node) & (m->cap - 1);; h = (h + 1) & (m->cap - 1)) {
		if (!m->slots[h].node)
			return NULL;
		if (m->slots[h].node == node)
			return m->slots[h].schema;
	}
}

static void grow(struct spec_mem *m)
{
	size_t cap = m->cap ? m->cap * 2 : 1024;
	struct spec_mem_slot *slots = xcalloc(cap, sizeof *slots);
	for (size_t i = 0; i < m->cap; i++) {
		if (!m->slots[i].node)
			continue;
		size_t h = ptr_hash(m->slots[i].node) & (cap - 1);
		while (slots[h].node)
			h = (h + 1) & (cap - 1);
		slots[h] = m->slots[i];
	}
	free(m->slots);
	m->slots = slots;
	m->cap = cap;
}

/* Record sc; node (not in the map yet) may be NULL when the node keeps
 * its schema itself (ydoc_map_slot). */
void spec_mem_put(struct spec_mem *m, const void *node, struct spec_schema *sc)
{
	*VEC_PUSH(m->all, m->n_all, m->all_cap) = sc;
	if (!node)
		return;
	if ((m->n + 1) * 2 > m->cap)
		grow(m);
	size_t h = ptr_hash(node) & (m->cap - 1);
	while (m->slots[h].node)
		h = (h + 1) & (m->cap - 1);
	m->slots[h].node = node;
	m->slots[h].schema = sc;
	m->n++;
}

/* base + "/" + seg with seg escaped as RFC 6901 says (~0, ~1). */
const char *spec_child_pointer(struct spec *s, const char *base, const char *seg)
{
	size_t nb = strlen(base), ns = 0;
	for (const char *p = seg; *p; p++)
		ns += (*p == '~' || *p == '/') ? 2 : 1;
	char *out = ybulk_alloc(&mem(s)->bulk, nb + ns + 2, 1);
	memcpy(out, base, nb);
	char *w = out + nb;
	*w++ = '/';
	for (const char *p = seg; *p; p++) {
		if (*p == '~' || *p == '/') {
			*w++ = '~';
			*w++ = *p == '~' ? '0' : '1';
		} else {
			*w++ = *p;
		}
	}
	*w = '\0';
	return out;
}

void spec_mem_free(struct spec_mem *m)
{
	if (!m)
		return;
	ybulk_free(&m->bulk);
	free(m->slots);
	free(m->all);
	strmap_free(&m->names);
	free(m);
}

struct name_walk {
	const struct spec_file *f;
	void (*fn)(const char *name, struct loc at, void *ctx);
	void *ctx;
	size_t budget; /* nodes left to visit: aliases share subtrees */
};

static void walk_names(struct name_walk *w, const struct ynode *n, unsigned depth)
{
	if (!n || n->kind == YN_SCALAR || depth > 128 || !w->budget)
		return;
	w->budget--;
	for (uint32_t i = 0; n->kind == YN_SEQ && i < n->len; i++)
		walk_names(w, n->kids[i], depth + 1);
	for (uint32_t i = 0; n->kind == YN_MAP && i < n->len; i++) {
		const struct ynode *k = n->kids[2 * i], *v = n->kids[2 * i + 1];
		if (ydoc_scalar_is(k, "properties") && v->kind == YN_MAP)
			for (uint32_t j = 0; j < v->len; j++)
				if (v->kids[2 * j]->kind == YN_SCALAR)
					w->fn(v->kids[2 * j]->str,
					      ydoc_loc(&w->f->doc, v->kids[2 * j]), w->ctx);
		walk_names(w, v, depth + 1);
	}
}

void spec_each_property_name(const struct spec *s,
                             void (*fn)(const char *name, struct loc at, void *ctx), void *ctx)
{
	for (const struct spec_file *f = s->files; f; f = f->next) {
		struct name_walk w = {f, fn, ctx, 4u << 20};
		walk_names(&w, f->doc.root, 0);
	}
}
