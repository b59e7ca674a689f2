/*
 * ydoc.h - a YAML or JSON document as a small read-only tree, built from
 * libyaml's event API (never the document API: it cannot be stopped early
 * and costs 3-4x). Every node keeps its 1-based line and column. The
 * loader bounds what hostile input can cost: nesting depth, alias expansion
 * (aliases are kept as shared subtrees with an expansion budget), input
 * size, and it rejects duplicate mapping keys with both places.
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

enum ynode_kind { YN_SCALAR, YN_SEQ, YN_MAP };

/* How a scalar resolves under the YAML 1.2 core schema. */
enum yscalar { YS_STRING, YS_NULL, YS_BOOL, YS_INT, YS_FLOAT };

struct ynode {
	enum ynode_kind kind;
	bool quoted;         /* scalar written in quotes or as a block */
	unsigned line, col;  /* 1-based */
	size_t len;          /* scalar bytes, seq items, map pairs */
	const char *str;     /* scalar text (NUL-terminated, may hold NULs) */
	struct ynode **kids; /* seq: items; map: key, value, key, value... */
	size_t weight;       /* nodes in this subtree (alias budget) */
	void *index;         /* lazily built key index of a large map */
	const char *tag;     /* explicit tag such as "tag:yaml.org,2002:str" */
};

struct ydoc {
	struct arena arena;
	struct ynode *root; /* NULL for an empty stream */
	const char *file;   /* interned display path */
};

struct ydoc_limits {
	unsigned max_depth; /* nesting of sequences and mappings */
	size_t max_weight;  /* nodes after alias expansion */
	size_t max_bytes;   /* input size */
};
extern const struct ydoc_limits ydoc_default_limits;

/* Parse buf (len bytes, not necessarily NUL-terminated) named file.
 * Returns 0, or -1 after printing one diagnostic with file:line:col.
 * On failure *doc holds nothing to free; on success free with ydoc_free. */
int ydoc_parse(struct ydoc *doc, const char *file, const char *buf, size_t len,
               const struct ydoc_limits *lim);
/* Read path ("-" is stdin) and parse it. Same return convention. */
int ydoc_load_file(struct ydoc *doc, const char *path, const struct ydoc_limits *lim);
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

#endif
