/*
 * util.h - allocation that cannot fail, growable buffers and arrays, and an
 * arena for the many small, equally long-lived objects of the models.
 *
 * Allocation failure ends the program with a message (exit 3), so ordinary
 * code never checks malloc's result.
 */
#ifndef OAC_UTIL_H
#define OAC_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap);

/* Grow *items (of *cap elements of size elem) so that index n fits. */
void *xgrow(void *items, size_t *cap, size_t n, size_t elem);
#define VEC_PUSH(arr, n, cap) ((arr) = xgrow((arr), &(cap), (n) + 1, sizeof *(arr)), &(arr)[(n)++])

/* A growable string. buf is always NUL-terminated once anything was added. */
struct sbuf {
	char *buf;
	size_t len, cap;
};
void sbuf_add(struct sbuf *sb, const char *s, size_t n);
void sbuf_puts(struct sbuf *sb, const char *s);
void sbuf_putc(struct sbuf *sb, char c);
void sbuf_printf(struct sbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Returns the string (caller frees; never NULL) and resets sb. */
char *sbuf_take(struct sbuf *sb);
void sbuf_free(struct sbuf *sb);

/* An arena: objects freed all at once by arena_free. Its blocks are 2 MiB
 * huge pages, or plain blocks of 'small' bytes when that is set (for many
 * arenas of a few kilobytes each, where a huge page each would be waste). */
struct arena_block;
struct arena {
	struct arena_block *head;
	char *cur, *end;
	size_t small;
};
void *arena_alloc(struct arena *a, size_t n); /* zeroed, 8-aligned */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
void arena_free(struct arena *a);

/* Edit distance of a[0..na) and b[0..nb): letters inserted, deleted or
 * changed, and two neighbouring letters swapped, count one each (optimal
 * string alignment); case counts only without fold_case. Distances above
 * cap, and words of 64 bytes or more, give cap + 1. */
unsigned util_edit_distance(const char *a, size_t na, const char *b, size_t nb, bool fold_case,
                            unsigned cap);

/* How near a name written (typed) is to a name meant (a property, a tag):
 * a rank, lower is nearer, or UTIL_FAR when it is no near miss. Case, '_'
 * and '-' do not count. In order: edits (util_edit_distance: none for
 * names under 4 letters, 1 for 4 to 7, 2 for 8 to 11, 3 for longer; the
 * rank is their number), then the meant name with one word before or
 * after the typed one (date: file_date; 10), then a prefix of at least 4
 * letters and half of the meant name (thumb: thumbnail; 20), then an
 * abbreviation by dropped letters, sharing the first three and at least
 * two fifths of it (notifs: notifications; 30). Every "did you mean"
 * ranks by it: annotation tags, member typos, wire keys. */
enum { UTIL_FAR = 1000 };
unsigned util_near_miss(const char *typed, const char *meant);

/* Read a whole regular file. Returns 0, or -1 with errno set. *out is
 * NUL-terminated (the NUL is not counted in *len); the caller frees it. */
int util_read_file(const char *path, char **out, size_t *len);
int util_read_stream(void *fp, char **out, size_t *len);

/* Write path atomically: fn writes into a temporary file in the same
 * directory, which is flushed, synced and renamed over path. Returns 0, or
 * -1 with errno set; on failure path is untouched and no temporary stays. */
int util_write_atomic(const char *path, int (*fn)(FILE *fp, void *ctx), void *ctx);
/* The same, the file getting permission bits mode (--fix keeps a header's). */
int util_write_atomic_mode(const char *path, unsigned mode, int (*fn)(FILE *fp, void *ctx),
                           void *ctx);

/* A string-keyed hash map of borrowed keys to borrowed values. */
struct strmap {
	struct strmap_slot *slots;
	size_t n, cap; /* cap is 0 or a power of two */
};
struct strmap_slot {
	const char *key;
	void *val;
};
void *strmap_get(const struct strmap *m, const char *key);
void strmap_put(struct strmap *m, const char *key, void *val);
void strmap_free(struct strmap *m);

/* A pointer-keyed hash map to nonzero sizes (0: absent). */
struct ptrmap {
	struct ptrmap_slot *slots;
	size_t n, cap; /* cap is 0 or a power of two */
};
struct ptrmap_slot {
	const void *key;
	size_t val;
};
size_t ptrmap_get(const struct ptrmap *m, const void *key);
/* Sets key to val (nonzero); returns the value it had, or 0. */
size_t ptrmap_put(struct ptrmap *m, const void *key, size_t val);
void ptrmap_free(struct ptrmap *m);

#endif
