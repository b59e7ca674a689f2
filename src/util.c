/*
 * util.c - the xmalloc family, string buffers, the arena and file reading.
 * Every allocation failure ends here with one message and exit status 3:
 * a check cannot go on without memory, and callers stay free of NULL tests.
 */
#include "config.h"

#include "util.h"

#include <ctype.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static void oom(void)
{
	fputs("oacheck: error: out of memory\n", stderr);
	exit(3);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *xcalloc(size_t count, size_t n)
{
	void *p = calloc(count ? count : 1, n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		oom();
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xvasprintf(const char *fmt, va_list ap)
{
	va_list aq;
	va_copy(aq, ap);
	int n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		oom();
	char *p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

void *xgrow(void *items, size_t *cap, size_t n, size_t elem)
{
	if (n <= *cap)
		return items;
	size_t c = *cap ? *cap : 8;
	while (c < n)
		c *= 2;
	if (c > SIZE_MAX / elem)
		oom();
	items = xrealloc(items, c * elem);
	*cap = c;
	return items;
}

void sbuf_add(struct sbuf *sb, const char *s, size_t n)
{
	sb->buf = xgrow(sb->buf, &sb->cap, sb->len + n + 1, 1);
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void sbuf_puts(struct sbuf *sb, const char *s)
{
	sbuf_add(sb, s, strlen(s));
}

void sbuf_putc(struct sbuf *sb, char c)
{
	sbuf_add(sb, &c, 1);
}

void sbuf_printf(struct sbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap);
	va_end(ap);
	sbuf_puts(sb, s);
	free(s);
}

char *sbuf_take(struct sbuf *sb)
{
	char *s = sb->buf ? sb->buf : xstrdup("");
	sb->buf = NULL;
	sb->len = sb->cap = 0;
	return s;
}

void sbuf_free(struct sbuf *sb)
{
	free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->cap = 0;
}

struct arena_block {
	struct arena_block *next;
	size_t size;
	max_align_t data[];
};

/* Blocks are 2 MiB and asked to be backed by huge pages: the models are
 * built from millions of small objects, and on virtual machines each
 * first touch of a 4 KiB page can cost more than the parse itself. */
enum { ARENA_BLOCK = 2 * 1024 * 1024 };

static struct arena_block *new_block(size_t payload, bool huge)
{
	size_t size = sizeof(struct arena_block) + payload;
	struct arena_block *b;
	if (huge && size <= ARENA_BLOCK) {
		b = aligned_alloc(ARENA_BLOCK, ARENA_BLOCK);
		if (!b)
			oom();
		madvise(b, ARENA_BLOCK, MADV_HUGEPAGE);
		size = ARENA_BLOCK;
	} else {
		b = xmalloc(size);
	}
	b->size = size;
	return b;
}

void *arena_alloc(struct arena *a, size_t n)
{
	n = (n + 7) & ~(size_t)7;
	if (!a->cur || (size_t)(a->end - a->cur) < n) {
		size_t payload = (a->small ? a->small : ARENA_BLOCK) - sizeof(struct arena_block);
		struct arena_block *b = new_block(n > payload / 4 ? n : payload, !a->small);
		if (n > payload / 4) {
			/* a big object gets a block of its own; the current one stays */
			if (a->head) {
				b->next = a->head->next;
				a->head->next = b;
			} else {
				b->next = NULL;
				a->head = b;
				a->cur = a->end = (char *)b->data + n;
			}
			memset(b->data, 0, n);
			return b->data;
		}
		b->next = a->head;
		a->head = b;
		a->cur = (char *)b->data;
		a->end = (char *)b + b->size;
	}
	void *p = a->cur;
	a->cur += n;
	memset(p, 0, n);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

void arena_free(struct arena *a)
{
	struct arena_block *b = a->head;
	while (b) {
		struct arena_block *next = b->next;
		free(b);
		b = next;
	}
	a->head = NULL;
	a->cur = a->end = NULL;
}

int util_read_stream(void *fp, char **out, size_t *len)
{
	struct sbuf sb = {0};
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		sbuf_add(&sb, chunk, n);
	if (ferror((FILE *)fp)) {
		int e = errno ? errno : EIO;
		sbuf_free(&sb);
		errno = e;
		return -1;
	}
	*len = sb.len;
	*out = sbuf_take(&sb);
	return 0;
}

int util_read_file(const char *path, char **out, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	struct stat st;
	if (!fp)
		return -1;
	if (fstat(fileno(fp), &st) != 0 || S_ISDIR(st.st_mode)) {
		int e = S_ISDIR(st.st_mode) ? EISDIR : errno;
		fclose(fp);
		errno = e;
		return -1;
	}
	if (!S_ISREG(st.st_mode)) { /* a pipe or a device: read it as a stream */
		int rc = util_read_stream(fp, out, len);
		int e = errno;
		fclose(fp);
		errno = e;
		return rc;
	}
	/* one read into a buffer of the right size, on huge pages when large */
	size_t size = (size_t)st.st_size, cap = size + 1;
	char *buf;
	if (cap >= ARENA_BLOCK) {
		cap = (cap + ARENA_BLOCK - 1) / ARENA_BLOCK * ARENA_BLOCK;
		buf = aligned_alloc(ARENA_BLOCK, cap);
		if (!buf)
			oom();
		madvise(buf, cap, MADV_HUGEPAGE);
	} else {
		buf = xmalloc(cap);
	}
	size_t n = fread(buf, 1, size, fp);
	if (n != size && ferror(fp)) {
		int e = errno ? errno : EIO;
		free(buf);
		fclose(fp);
		errno = e;
		return -1;
	}
	buf[n] = '\0';
	fclose(fp);
	*out = buf;
	*len = n;
	return 0;
}

static size_t str_hash(const char *s)
{
	size_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

void *strmap_get(const struct strmap *m, const char *key)
{
	if (!m->cap)
		return NULL;
	for (size_t h = str_hash(key) & (m->cap - 1);; h = (h + 1) & (m->cap - 1)) {
		if (!m->slots[h].key)
			return NULL;
		if (strcmp(m->slots[h].key, key) == 0)
			return m->slots[h].val;
	}
}

static void strmap_insert(struct strmap_slot *slots, size_t cap, const char *key, void *val)
{
	size_t h = str_hash(key) & (cap - 1);
	while (slots[h].key && strcmp(slots[h].key, key) != 0)
		h = (h + 1) & (cap - 1);
	slots[h].key = key;
	slots[h].val = val;
}

void strmap_put(struct strmap *m, const char *key, void *val)
{
	if ((m->n + 1) * 2 > m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 16;
		struct strmap_slot *slots = xcalloc(cap, sizeof *slots);
		for (size_t i = 0; i < m->cap; i++)
			if (m->slots[i].key)
				strmap_insert(slots, cap, m->slots[i].key, m->slots[i].val);
		free(m->slots);
		m->slots = slots;
		m->cap = cap;
	}
	if (!strmap_get(m, key))
		m->n++;
	strmap_insert(m->slots, m->cap, key, val);
}

void strmap_free(struct strmap *m)
{
	free(m->slots);
	m->slots = NULL;
	m->n = m->cap = 0;
}

static size_t ptr_hash(const void *p)
{
	uint64_t x = (uint64_t)(uintptr_t)p;
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdu;
	x ^= x >> 33;
	return (size_t)x;
}

static struct ptrmap_slot *ptrmap_slot(struct ptrmap_slot *slots, size_t cap, const void *key)
{
	size_t h = ptr_hash(key) & (cap - 1);
	while (slots[h].key && slots[h].key != key)
		h = (h + 1) & (cap - 1);
	return &slots[h];
}

size_t ptrmap_get(const struct ptrmap *m, const void *key)
{
	return m->cap ? ptrmap_slot(m->slots, m->cap, key)->val : 0;
}

size_t ptrmap_put(struct ptrmap *m, const void *key, size_t val)
{
	if ((m->n + 1) * 2 > m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 16;
		struct ptrmap_slot *slots = xcalloc(cap, sizeof *slots);
		for (size_t i = 0; i < m->cap; i++)
			if (m->slots[i].key)
				*ptrmap_slot(slots, cap, m->slots[i].key) = m->slots[i];
		free(m->slots);
		m->slots = slots;
		m->cap = cap;
	}
	struct ptrmap_slot *s = ptrmap_slot(m->slots, m->cap, key);
	size_t old = s->val;
	if (!s->key)
		m->n++;
	s->key = key;
	s->val = val;
	return old;
}

void ptrmap_free(struct ptrmap *m)
{
	free(m->slots);
	m->slots = NULL;
	m->n = m->cap = 0;
}

int util_write_atomic(const char *path, int (*fn)(FILE *fp, void *ctx), void *ctx)
{
	/* mkstemp makes 0600; the file is an ordinary one */
	mode_t mask = umask(0);
	umask(mask);
	return util_write_atomic_mode(path, 0666 & ~mask, fn, ctx);
}

int util_write_atomic_mode(const char *path, unsigned mode, int (*fn)(FILE *fp, void *ctx),
                           void *ctx)
{
	char *tmp = xasprintf("%s.XXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		free(tmp);
		return -1;
	}
	FILE *fp = fdopen(fd, "w");
	int rc = fp ? fn(fp, ctx) : -1;
	int e = errno;
	if (fp) {
		if (fflush(fp) != 0 || ferror(fp) || fsync(fileno(fp)) != 0)
			rc = -1, e = errno;
		if (fclose(fp) != 0 && rc == 0)
			rc = -1, e = errno;
	} else {
		close(fd);
	}
	if (rc == 0) {
		chmod(tmp, (mode_t)mode);
		if (rename(tmp, path) != 0)
			rc = -1, e = errno;
	}
	if (rc)
		unlink(tmp);
	free(tmp);
	errno = e ? e : EIO;
	return rc;
}

static int letter(char c, bool fold)
{
	return fold ? tolower((unsigned char)c) : (unsigned char)c;
}

unsigned util_edit_distance(const char *a, size_t na, const char *b, size_t nb, bool fold_case,
                            unsigned cap)
{
	enum { MAX = 64 };
	unsigned d[MAX + 1][MAX + 1];
	if (na >= MAX || nb >= MAX || (na > nb ? na - nb : nb - na) > cap)
		return cap + 1;
	for (size_t i = 0; i <= na; i++)
		d[i][0] = (unsigned)i;
	for (size_t j = 0; j <= nb; j++)
		d[0][j] = (unsigned)j;
	for (size_t i = 1; i <= na; i++) {
		for (size_t j = 1; j <= nb; j++) {
			int x = letter(a[i - 1], fold_case), y = letter(b[j - 1], fold_case);
			unsigned best = d[i - 1][j - 1] + (x != y);
			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && x == letter(b[j - 2], fold_case) &&
			    letter(a[i - 2], fold_case) == y && d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	}
	return d[na][nb] <= cap ? d[na][nb] : cap + 1;
}

/* Lower case without '_' and '-' (photoUrls and photo_urls alike), at
 * most cap - 1 letters; returns the length. */
static size_t near_fold(const char *s, char *out, size_t cap)
{
	size_t n = 0;
	for (; *s && n + 1 < cap; s++)
		if (*s != '_' && *s != '-')
			out[n++] = (char)tolower((unsigned char)*s);
	out[n] = '\0';
	return n;
}

/* Is meant the typed name with one word before or after it (date:
 * file_date, updated_at: updated)? */
static bool word_affix(const char *typed, const char *meant)
{
	size_t n = strlen(meant), k = strlen(typed);
	if (k < 3 || n <= k + 1)
		return false;
	const char *rest = NULL;
	size_t len = 0;
	if (!strcmp(meant + n - k, typed) && strchr("_-", meant[n - k - 1])) {
		rest = meant;
		len = n - k - 1;
	} else if (!strncmp(meant, typed, k) && strchr("_-", meant[k])) {
		rest = meant + k + 1;
		len = n - k - 1;
	}
	for (size_t i = 0; rest && i < len; i++)
		if (rest[i] == '_' || rest[i] == '-')
			return false;
	return rest != NULL;
}

/* Are a's letters in b, in order (b holds a with letters dropped)? */
static bool in_order(const char *a, const char *b)
{
	for (; *a && *b; b++)
		if (*a == *b)
			a++;
	return !*a;
}

unsigned util_near_miss(const char *typed, const char *meant)
{
	char a[64], b[64];
	size_t na = near_fold(typed, a, sizeof a), nb = near_fold(meant, b, sizeof b);
	size_t shorter = na < nb ? na : nb;
	unsigned allowed = shorter < 4 ? 0 : shorter < 8 ? 1 : shorter < 12 ? 2 : 3;
	unsigned d = util_edit_distance(a, na, b, nb, false, allowed);
	if (d <= allowed)
		return d;
	if (word_affix(typed, meant))
		return 10;
	bool longer = nb >= na + 2 && na * 2 >= nb;
	if (na >= 4 && longer && !strncmp(a, b, na))
		return 20; /* thumb: thumbnail */
	if (na >= 4 && na * 5 >= nb * 2 && nb > na && !strncmp(a, b, 3) && in_order(a, b))
		return 30; /* notifs: notifications */
	return UTIL_FAR;
}
