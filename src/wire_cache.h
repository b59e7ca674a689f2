/*
 * wire_cache.h - the wire check's cache of what each source yields
 * (wire_cache.c): entries named by the source, its flags and what shapes
 * extraction, valid while the headers the unit included keep their text.
 */
#ifndef OAC_WIRE_CACHE_H
#define OAC_WIRE_CACHE_H

#include "hdr_flow.h"

#include <stdint.h>

struct wire_cache;

/* Open the cache in dir (NULL: $OACHECK_CACHE_DIR, else
 * $XDG_CACHE_HOME/oacheck, else ~/.cache/oacheck); salt is a hash of the
 * rules that shape extraction and libclang's version. NULL when there is
 * no place for it. */
struct wire_cache *wire_cache_open(const char *dir, uint64_t salt);
/* The unit of source parsed with args, as a run with the same headers
 * made it; NULL on a miss. Thread-safe. Free it with wire_cache_drop
 * unless it is joined. */
struct src_unit *wire_cache_get(struct wire_cache *c, const char *source, const char *const *args,
                                size_t n_args);
/* Keep u, made from source with args, which included includes. Thread-safe. */
void wire_cache_put(struct wire_cache *c, const char *source, const char *const *args,
                    size_t n_args, const struct src_unit *u, const char *const *includes,
                    size_t n_includes);
void wire_cache_drop(struct src_unit *u);
/* A unit's bytes in an entry (after its header and includes), malloc'd,
 * and back: NULL when the bytes are no unit a run could have made (a
 * count, an index, a name missing or out of range). For tests. */
char *wire_cache_encode(const struct src_unit *u, size_t *len);
struct src_unit *wire_cache_decode(const char *buf, size_t len, const char *source);
/* Prune to the bound if anything was written; say how many sources came
 * from it and how many were parsed; free c (NULL is fine). */
void wire_cache_close(struct wire_cache *c, unsigned *hits, unsigned *misses);

#endif
