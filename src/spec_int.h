/*
 * spec_int.h - what spec_load.c and spec_ref.c share and nobody else sees.
 */
#ifndef OAC_SPEC_INT_H
#define OAC_SPEC_INT_H

#include "spec.h"
#include "ydoc.h"

struct spec_file {
	struct spec_file *next;
	char *path; /* absolute and normalised; the key of the file cache */
	struct ydoc doc;
};

struct spec_mem_slot {
	const void *node;
	struct spec_schema *schema;
};

/* The loader's bulk memory, and the schema built for each document node:
 * a node reached twice (two $refs, a YAML alias, a cycle) is one schema. */
struct spec_mem {
	struct ybulk bulk;
	struct spec_mem_slot *slots;
	size_t n, cap;            /* cap is 0 or a power of two */
	struct spec_schema **all; /* every schema, in build order */
	size_t n_all, all_cap;
	struct strmap names; /* component name -> schema (spec_find) */
};

struct spec_schema *spec_mem_get(const struct spec_mem *m, const void *node);
void spec_mem_put(struct spec_mem *m, const void *node, struct spec_schema *sc);
void *spec_alloc(struct spec *s, size_t n); /* zeroed, lives as long as s */
const char *spec_child_pointer(struct spec *s, const char *base, const char *seg);
void spec_mem_free(struct spec_mem *m);
/* spec_file_open, naming the file display in places. */
struct spec_file *spec_file_open_as(struct spec *s, const char *path, const char *display,
                                    struct loc from, bool *failed);

#endif
