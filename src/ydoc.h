/*
 * ydoc.h - a YAML or JSON document as a small read-only tree, built from
 * libyaml's event API (never the document API: it cannot be stopped early
 * and costs 3-4x), or for JSON text by our own reader (ydoc_jread.c, the
 * same tree seven times faster; OACHECK_JSON_READER=yaml has libyaml read
 * JSON too). Every node keeps its 1-based line and column. The loader
 * bounds what hostile input can cost: nesting depth, alias expansion
 * (aliases are kept as shared subtrees with an expansion budget), input
 * size, the length of one scalar, and it rejects duplicate mapping keys
 * with both places. JSON that libyaml 0.2.5 refuses although it is valid
 * (surrogate-pair escapes, keys over 1024 characters, C1 controls) is
 * repaired on its way to libyaml, with every line and column still the
 * file's.
 *
 * Used by the spec loader and by the config and rules loaders; no other
 * code sees libyaml.
 */
#ifndef OAC_YDOC_H
#define OAC_YDOC_H

#include "loc.h"
#include "util.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum ynode_kind { YN_SCALAR, YN_SEQ, YN_MAP };

/* How a scalar resolves under the YAML 1.2 core schema. */
enum yscalar { YS_STRING, YS_NULL, YS_BOOL, YS_INT, YS_FLOAT };

/* A node is 32 bytes: a 10 MB spec has over half a million of them, and on
 * a VM every fresh page costs more than parsing it (bench/spec.sh). */
struct ynode {
	const char *str;     /* scalar text (NUL-terminated, may hold NULs); NULL otherwise */
	struct ynode **kids; /* seq: items; map: key, value, key, value... */
	uint32_t len;        /* scalar bytes, seq items, map pairs */
	unsigned line, col;  /* 1-based */
	unsigned char kind;  /* enum ynode_kind */
	bool quoted;         /* scalar written in quotes or as a block */
	unsigned char tag;   /* explicit core-schema tag: enum yscalar + 1, or 0 */
};

/* Memory for many small objects that live as long as a document, taken
 * from the system in pre-faulted chunks (see ydoc.c); not zeroed. */
struct ybulk {
	struct ybulk_chunk *head;
	char *cur, *end;
	size_t chunk; /* size of the next chunk; 0 means 64 KiB */
};
void *ybulk_alloc(struct ybulk *bk, size_t n, size_t align);
void *ybulk_zalloc(struct ybulk *bk, size_t n);
void ybulk_free(struct ybulk *bk);

struct ydoc {
	struct arena arena;
	struct ynode *root; /* NULL for an empty stream */
	const char *file;   /* interned display path */
	struct ybulk bulk;  /* nodes, scalars and child arrays */
};

struct ydoc_limits {
	unsigned max_depth; /* nesting of sequences and mappings */
	size_t max_weight;  /* nodes added by alias expansion */
	size_t max_bytes;   /* input size */
	size_t max_token;   /* input read without an event: one huge scalar */
};
extern const struct ydoc_limits ydoc_default_limits;

/* Parse buf (len bytes, not necessarily NUL-terminated) named file.
 * Returns 0, or -1 after printing one diagnostic with file:line:col.
 * On failure *doc holds nothing to free; on success free with ydoc_free. */
int ydoc_parse(struct ydoc *doc, const char *file, const char *buf, size_t len,
               const struct ydoc_limits *lim);
/* Read path ("-" is stdin) and parse it. Same return convention. */
int ydoc_load_file(struct ydoc *doc, const char *path, const struct ydoc_limits *lim);
/* The same, naming the file display in every place and message. */
int ydoc_load_file_as(struct ydoc *doc, const char *path, const char *display,
                      const struct ydoc_limits *lim);
void ydoc_free(struct ydoc *doc);

/* The value of key in map, or NULL (also when map is not a mapping). */
const struct ynode *ydoc_get(const struct ynode *map, const char *key);
/* Same, returning the key node (for its place). */
const struct ynode *ydoc_get_key(const struct ynode *map, const char *key);
bool ydoc_scalar_is(const struct ynode *n, const char *s);
enum yscalar ydoc_scalar_type(const struct ynode *n);
/* Booleans and integers by the core schema; return -1 when n is not one. */
int ydoc_bool(const struct ynode *n, bool *out);
int ydoc_int(const struct ynode *n, long long *out);
int ydoc_number(const struct ynode *n, double *out);
struct loc ydoc_loc(const struct ydoc *doc, const struct ynode *n);
const char *ydoc_kind_name(const struct ynode *n);
/* A pointer-sized slot that belongs to a mapping node, NULL until set: the
 * spec loader keeps there the schema it built from the node. */
void **ydoc_map_slot(const struct ynode *map);

#endif
