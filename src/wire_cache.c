/*
 * wire_cache.c - what each source of the wire check yields, kept between
 * runs: parsing a translation unit with its function bodies is nearly all
 * the wire check costs, and a pre-commit hook changes one file.
 *
 * An entry is named by a hash of everything that decides a unit's model
 * but its headers: the source's path and text, its clang flags, the rules
 * that shape extraction, oacheck's version and build (its executable's
 * bytes), libclang's version and the entry format. It holds the headers the unit included, each
 * with a hash of its text, and is used only while every one of them still has that text (the way
 * ccache's direct mode works), so a changed header re-reads exactly the units that include it.
 * Entries are written to a temporary file and renamed into place, so two runs at once never read
 * half an entry; an entry that does not read back whole (a checksum over it, bounds on every
 * length) is ignored and written anew. The cache is pruned to its bound
 * (OACHECK_CACHE_MAX, bytes; default 256 MiB) oldest first: a hit renews
 * an entry's time.
 */
#include "config.h"

#include "wire_cache.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { FORMAT = 3 };
static const char magic[4] = {'O', 'A', 'C', 'W'};

struct wire_cache {
	char *dir;     /* .../oacheck/wire */
	uint64_t salt; /* version, rules, libclang */
	pthread_mutex_t mu;
	struct strmap texts; /* header path -> its text's hash + 1 (owned keys) */
	unsigned hits, misses;
	bool wrote;
};

/* --- hashing ------------------------------------------------------------ */

static uint64_t mix(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * 0x100000001b3ull;
	return h;
}

static uint64_t mix_str(uint64_t h, const char *s)
{
	return mix(mix(h, s ? s : "", s ? strlen(s) + 1 : 1), "\x1f", 1);
}

/* A second pass with another seed: 128 bits in all name an entry. */
static uint64_t seed2(uint64_t h)
{
	return (h ^ 0x9e3779b97f4a7c15ull) * 0xff51afd7ed558ccdull;
}

/* The hash of a file's text, remembered for the run; 0 when it cannot be
 * read (a file that disappeared: no entry can stand on it). */
static uint64_t text_hash(struct wire_cache *c, const char *path)
{
	pthread_mutex_lock(&c->mu);
	uintptr_t got = (uintptr_t)strmap_get(&c->texts, path);
	pthread_mutex_unlock(&c->mu);
	if (got)
		return (uint64_t)(got - 1);
	char *buf;
	size_t len;
	uint64_t h = 0;
	if (util_read_file(path, &buf, &len) == 0) {
		h = mix(0xcbf29ce484222325ull, buf, len) | 1;
		free(buf);
	}
	pthread_mutex_lock(&c->mu);
	if (!strmap_get(&c->texts, path))
		strmap_put(&c->texts, xstrdup(path), (void *)(uintptr_t)(h + 1));
	pthread_mutex_unlock(&c->mu);
	return h;
}

/* --- the byte stream of an entry ------------------------------------------- */

struct out {
	struct sbuf sb;
};

static void put(struct out *o, const void *p, size_t n)
{
	sbuf_add(&o->sb, p, n);
}

static void put_u32(struct out *o, uint32_t v)
{
	put(o, &v, sizeof v);
}

static void put_u64(struct out *o, uint64_t v)
{
	put(o, &v, sizeof v);
}

static void put_str(struct out *o, const char *s)
{
	put_u32(o, s ? (uint32_t)strlen(s) : UINT32_MAX);
	if (s)
		put(o, s, strlen(s));
}

struct in {
	const char *p, *end;
	struct arena *arena;
	bool bad;
};

static bool take(struct in *in, void *dst, size_t n)
{
	if (in->bad || (size_t)(in->end - in->p) < n) {
		in->bad = true;
		memset(dst, 0, n);
		return false;
	}
	memcpy(dst, in->p, n);
	in->p += n;
	return true;
}

static uint32_t get_u32(struct in *in)
{
	uint32_t v;
	take(in, &v, sizeof v);
	return v;
}

static uint64_t get_u64(struct in *in)
{
	uint64_t v;
	take(in, &v, sizeof v);
	return v;
}

static const char *get_str(struct in *in)
{
	uint32_t n = get_u32(in);
	if (n == UINT32_MAX || in->bad)
		return NULL;
	if ((size_t)(in->end - in->p) < n) {
		in->bad = true;
		return NULL;
	}
	const char *s = arena_strndup(in->arena, in->p, n);
	in->p += n;
	return s;
}

/* A string that must be there (a name the joiner looks up). */
static const char *get_name(struct in *in)
{
	const char *s = get_str(in);
	in->bad |= !s;
	return s;
}

/* An argument or parameter index: 0 to INT_MAX. */
static int get_index(struct in *in)
{
	uint32_t v = get_u32(in);
	in->bad |= v > INT32_MAX;
	return (int)(v & INT32_MAX);
}

/* A count of things of at least size bytes each that the rest can hold. */
static size_t get_count(struct in *in, size_t size)
{
	uint64_t n = get_u64(in);
	if (n > (uint64_t)(in->end - in->p) / (size ? size : 1)) {
		in->bad = true;
		return 0;
	}
	return (size_t)n;
}

/* --- a unit to bytes and back ------------------------------------------------ */

static void put_loc(struct out *o, struct loc l)
{
	put_u32(o, l.line);
	put_u32(o, l.col);
}

static struct loc get_loc(struct in *in)
{
	struct loc l = {NULL, 0, 0};
	l.line = get_u32(in);
	l.col = get_u32(in);
	return l;
}

static void put_chains(struct out *o, const struct src_unit *u)
{
	put_u64(o, u->n_chains);
	for (size_t i = 0; i < u->n_chains; i++) {
		const struct wire_chain *c = u->chains[i];
		put_u32(o, c->n);
		for (unsigned k = 0; k < c->n; k++) {
			put_str(o, c->links[k].file);
			put_u32(o, c->links[k].line);
			put_u32(o, c->links[k].col);
			put_str(o, c->links[k].record);
			put_str(o, c->links[k].member);
		}
	}
}

static void get_chains(struct in *in, struct src_unit *u)
{
	u->n_chains = u->chains_cap = get_count(in, 4);
	u->chains = xcalloc(u->n_chains + 1, sizeof *u->chains);
	for (size_t i = 0; i < u->n_chains && !in->bad; i++) {
		struct wire_chain *c = arena_alloc(&u->arena, sizeof *c);
		c->n = get_u32(in);
		if (c->n > (size_t)(in->end - in->p) / 24) {
			in->bad = true;
			c->n = 0;
		}
		struct wire_link *l = arena_alloc(&u->arena, (c->n + 1) * sizeof *l);
		for (unsigned k = 0; k < c->n; k++) {
			l[k].file = get_str(in);
			l[k].line = get_u32(in);
			l[k].col = get_u32(in);
			l[k].record = get_str(in);
			l[k].member = get_name(in);
		}
		c->links = l;
		u->chains[i] = c;
	}
}

static void put_site(struct out *o, const struct src_unit *u, const struct ptrmap *ids,
                     const struct wire_site *s)
{
	put_str(o, s->call);
	put_str(o, s->key);
	put_u32(o, (uint32_t)s->dir);
	put_u32(o, s->types);
	put_u32(o, s->item_types);
	put_u32(o, s->converts);
	put_loc(o, s->loc);
	put_str(o, s->object);
	put_str(o, s->func);
	put_loc(o, s->func_loc);
	put_u64(o, s->n_parents);
	for (size_t p = 0; p < s->n_parents; p++)
		put_u64(o, s->parents[p]);
	put_u64(o, s->n_reach);
	for (size_t r = 0; r < s->n_reach; r++)
		put_u64(o, ptrmap_get(ids, s->reach[r]) - 1);
	put_u64(o, s->group);
	put_u32(o, s->elem);
	put_str(o, s->schema);
	put_loc(o, s->schema_at);
	put_u32(o, s->capacity);
	put_loc(o, s->value_at);
	(void)u;
}

static void get_site(struct in *in, struct src_unit *u, struct wire_site *s)
{
	memset(s, 0, sizeof *s);
	s->call = get_str(in);
	s->key = get_str(in);
	s->dir = (enum wire_dir)get_u32(in);
	s->types = get_u32(in);
	s->item_types = get_u32(in);
	s->converts = get_u32(in);
	s->loc = get_loc(in);
	s->object = get_str(in);
	s->func = get_str(in);
	s->func_loc = get_loc(in);
	s->n_parents = s->parents_cap = get_count(in, 8);
	s->parents = xcalloc(s->n_parents + 1, sizeof *s->parents);
	for (size_t p = 0; p < s->n_parents; p++)
		if ((s->parents[p] = get_u64(in)) >= u->n_sites)
			in->bad = true;
	s->n_reach = s->reach_cap = get_count(in, 8);
	s->reach = xcalloc(s->n_reach + 1, sizeof *s->reach);
	for (size_t r = 0; r < s->n_reach; r++) {
		uint64_t id = get_u64(in);
		if (id >= u->n_chains)
			in->bad = true;
		else
			s->reach[r] = u->chains[id];
	}
	s->group = get_u64(in);
	if (s->group >= u->n_groups || (s->dir != WIRE_READ && s->dir != WIRE_WRITE))
		in->bad = true;
	s->elem = get_u32(in) != 0;
	s->schema = get_str(in);
	s->schema_at = get_loc(in);
	s->capacity = get_u32(in);
	s->value_at = get_loc(in);
}

static void put_unit(struct out *o, const struct src_unit *u)
{
	put_u64(o, u->n_groups);
	put_u32(o, u->n_errors);
	put_str(o, u->first_file);
	put_str(o, u->first_text);
	put_u32(o, u->first_line);
	put_u32(o, u->first_col);
	put_chains(o, u);
	struct ptrmap ids = {0};
	for (size_t i = 0; i < u->n_chains; i++)
		ptrmap_put(&ids, u->chains[i], i + 1);
	put_u64(o, u->n_sites);
	for (size_t i = 0; i < u->n_sites; i++)
		put_site(o, u, &ids, &u->sites[i]);
	ptrmap_free(&ids);
	put_u64(o, u->n_stores);
	for (size_t i = 0; i < u->n_stores; i++) {
		put_str(o, u->stores[i].func);
		put_u32(o, (uint32_t)u->stores[i].param);
		size_t id = 0;
		for (size_t k = 0; k < u->n_chains && !id; k++)
			id = u->chains[k] == u->stores[i].chain ? k + 1 : 0;
		put_u64(o, id - 1);
	}
	put_u64(o, u->n_passes);
	for (size_t i = 0; i < u->n_passes; i++) {
		put_str(o, u->passes[i].func);
		put_u32(o, (uint32_t)u->passes[i].param);
		put_str(o, u->passes[i].callee);
		put_u32(o, (uint32_t)u->passes[i].arg);
	}
	put_u64(o, u->n_calls);
	for (size_t i = 0; i < u->n_calls; i++) {
		put_str(o, u->calls[i].callee);
		put_u32(o, (uint32_t)u->calls[i].arg);
		put_u64(o, u->calls[i].site);
	}
	put_u64(o, u->n_parsed);
	for (size_t i = 0; i < u->n_parsed; i++) {
		put_str(o, u->parsed[i].func);
		put_u32(o, (uint32_t)u->parsed[i].param);
	}
}

static void get_lists(struct in *in, struct src_unit *u)
{
	u->n_stores = u->stores_cap = get_count(in, 16);
	u->stores = xcalloc(u->n_stores + 1, sizeof *u->stores);
	for (size_t i = 0; i < u->n_stores; i++) {
		u->stores[i].func = get_name(in);
		u->stores[i].param = get_index(in);
		uint64_t id = get_u64(in);
		u->stores[i].chain = id < u->n_chains ? u->chains[id] : NULL;
		in->bad |= id >= u->n_chains;
	}
	u->n_passes = u->passes_cap = get_count(in, 16);
	u->passes = xcalloc(u->n_passes + 1, sizeof *u->passes);
	for (size_t i = 0; i < u->n_passes; i++) {
		u->passes[i].func = get_name(in);
		u->passes[i].param = get_index(in);
		u->passes[i].callee = get_name(in);
		u->passes[i].arg = get_index(in);
	}
	u->n_calls = u->calls_cap = get_count(in, 16);
	u->calls = xcalloc(u->n_calls + 1, sizeof *u->calls);
	for (size_t i = 0; i < u->n_calls; i++) {
		u->calls[i].callee = get_name(in);
		u->calls[i].arg = get_index(in);
		u->calls[i].site = get_u64(in);
		in->bad |= u->calls[i].site >= u->n_sites;
	}
	u->n_parsed = u->parsed_cap = get_count(in, 8);
	u->parsed = xcalloc(u->n_parsed + 1, sizeof *u->parsed);
	for (size_t i = 0; i < u->n_parsed; i++) {
		u->parsed[i].func = get_name(in);
		u->parsed[i].param = get_index(in);
	}
}

static bool get_unit(struct in *in, struct src_unit *u)
{
	u->n_groups = (size_t)get_u64(in);
	u->n_errors = get_u32(in);
	const char *ff = get_str(in), *ft = get_str(in);
	u->first_file = ff ? xstrdup(ff) : NULL;
	u->first_text = ft ? xstrdup(ft) : NULL;
	u->first_line = get_u32(in);
	u->first_col = get_u32(in);
	get_chains(in, u);
	u->n_sites = u->sites_cap = get_count(in, 64);
	in->bad |= u->n_groups > u->n_sites; /* the walk keeps only groups with sites */
	u->sites = xcalloc(u->n_sites + 1, sizeof *u->sites);
	for (size_t i = 0; i < u->n_sites && !in->bad; i++)
		get_site(in, u, &u->sites[i]);
	if (!in->bad)
		get_lists(in, u);
	return !in->bad && in->p == in->end;
}

/* --- entries on disk ------------------------------------------------------- */

static char *cache_root(const char *dir)
{
	if (dir && *dir)
		return xstrdup(dir);
	const char *env = getenv("OACHECK_CACHE_DIR");
	if (env && *env)
		return xstrdup(env);
	const char *xdg = getenv("XDG_CACHE_HOME");
	if (xdg && *xdg)
		return xasprintf("%s/oacheck", xdg);
	const char *home = getenv("HOME");
	return home && *home ? xasprintf("%s/.cache/oacheck", home) : NULL;
}

/* mkdir -p; 0, or -1. */
static int make_dirs(const char *path)
{
	char *p = xstrdup(path);
	for (char *s = strchr(p + 1, '/');; s = strchr(s + 1, '/')) {
		if (s)
			*s = '\0';
		if (mkdir(p, 0777) && errno != EEXIST) {
			free(p);
			return -1;
		}
		if (!s)
			break;
		*s = '/';
	}
	free(p);
	return 0;
}

struct wire_cache *wire_cache_open(const char *dir, uint64_t salt)
{
	char *root = cache_root(dir);
	if (!root)
		return NULL;
	struct wire_cache *c = xcalloc(1, sizeof *c);
	c->dir = xasprintf("%s/wire", root);
	free(root);
	c->salt = mix(mix(0xcbf29ce484222325ull, magic, sizeof magic), &salt, sizeof salt);
	uint32_t f = FORMAT;
	c->salt = mix(c->salt, &f, sizeof f);
	c->salt = mix_str(c->salt, PACKAGE_VERSION);
	/* this very build: a rebuilt oacheck may extract otherwise */
	char *exe;
	size_t n;
	if (util_read_file("/proc/self/exe", &exe, &n) == 0) {
		c->salt = mix(c->salt, exe, n);
		free(exe);
	}
	pthread_mutex_init(&c->mu, NULL);
	return c;
}

/* The entry's path for a source and its flags, and the key's check. */
static char *entry_path(const struct wire_cache *c, const char *source, const char *const *args,
                        size_t n_args, uint64_t text)
{
	uint64_t h = mix_str(c->salt, source);
	h = mix(h, &text, sizeof text);
	for (size_t i = 0; i < n_args; i++)
		h = mix_str(h, args[i]);
	uint64_t h2 = seed2(h);
	for (size_t i = 0; i < n_args; i++)
		h2 = mix_str(h2, args[i]);
	h2 = mix_str(h2, source);
	return xasprintf("%s/%02x/%014llx%016llx", c->dir, (unsigned)(h >> 56),
	                 (unsigned long long)(h & 0xffffffffffffffull), (unsigned long long)h2);
}

/* Do the headers an entry lists still have the texts it was made with? */
static bool includes_hold(struct wire_cache *c, struct in *in)
{
	size_t n = get_count(in, 12);
	struct arena tmp = {.small = 4096};
	struct arena *was = in->arena;
	in->arena = &tmp;
	bool ok = !in->bad;
	for (size_t i = 0; i < n && ok && !in->bad; i++) {
		const char *path = get_str(in);
		uint64_t h = get_u64(in);
		ok = path && text_hash(c, path) == h;
	}
	in->arena = was;
	arena_free(&tmp);
	return ok && !in->bad;
}

char *wire_cache_encode(const struct src_unit *u, size_t *len)
{
	struct out o = {{0}};
	put_unit(&o, u);
	*len = o.sb.len;
	return sbuf_take(&o.sb);
}

struct src_unit *wire_cache_decode(const char *buf, size_t len, const char *source)
{
	struct src_unit *u = xcalloc(1, sizeof *u);
	u->arena.small = 64 * 1024;
	u->path = source;
	struct in in = {buf, buf + len, &u->arena, false};
	if (!get_unit(&in, u)) {
		wire_cache_drop(u);
		return NULL;
	}
	return u;
}

struct src_unit *wire_cache_get(struct wire_cache *c, const char *source, const char *const *args,
                                size_t n_args)
{
	uint64_t text = text_hash(c, source);
	char *path = text ? entry_path(c, source, args, n_args, text) : NULL;
	char *buf = NULL;
	size_t len = 0;
	struct src_unit *u = NULL;
	if (path && util_read_file(path, &buf, &len) == 0 && len >= 16 &&
	    !memcmp(buf, magic, sizeof magic)) {
		uint64_t sum;
		memcpy(&sum, buf + 8, sizeof sum);
		struct in in = {buf + 16, buf + len, NULL, false};
		if (mix(0xcbf29ce484222325ull, buf + 16, len - 16) == sum &&
		    includes_hold(c, &in) &&
		    (u = wire_cache_decode(in.p, (size_t)(in.end - in.p), source)))
			utimensat(AT_FDCWD, path, NULL, 0); /* recently used */
	}
	free(buf);
	free(path);
	pthread_mutex_lock(&c->mu);
	if (u)
		c->hits++;
	else
		c->misses++;
	pthread_mutex_unlock(&c->mu);
	return u;
}

void wire_cache_drop(struct src_unit *u)
{
	if (!u)
		return;
	for (size_t i = 0; i < u->n_sites; i++) {
		free(u->sites[i].parents);
		free(u->sites[i].reach);
	}
	free(u->sites);
	arena_free(&u->arena);
	flow_unit_free(u);
}

/* Write an entry whole or not at all: a file of its own renamed into
 * place. Not synced: an entry a crash cuts short fails its checksum. */
static int write_entry(const char *path, const struct sbuf *sb)
{
	char *tmp = xasprintf("%s.XXXXXX", path);
	int fd = mkstemp(tmp);
	int rc = fd < 0 ? -1 : 0;
	for (size_t off = 0; rc == 0 && off < sb->len;) {
		ssize_t n = write(fd, sb->buf + off, sb->len - off);
		if (n < 0 && errno == EINTR)
			continue;
		rc = n <= 0 ? -1 : 0;
		off += n > 0 ? (size_t)n : 0;
	}
	if (fd >= 0 && close(fd) != 0)
		rc = -1;
	if (rc == 0 && rename(tmp, path) != 0)
		rc = -1;
	if (rc && fd >= 0)
		unlink(tmp);
	free(tmp);
	return rc;
}

void wire_cache_put(struct wire_cache *c, const char *source, const char *const *args,
                    size_t n_args, const struct src_unit *u, const char *const *includes,
                    size_t n_includes)
{
	uint64_t text = text_hash(c, source);
	if (!text)
		return;
	struct out o = {{0}};
	put_u64(&o, n_includes);
	for (size_t i = 0; i < n_includes; i++) {
		uint64_t h = text_hash(c, includes[i]);
		if (!h) {
			sbuf_free(&o.sb);
			return; /* a header that cannot be read: nothing to stand on */
		}
		put_str(&o, includes[i]);
		put_u64(&o, h);
	}
	put_unit(&o, u);
	struct sbuf entry = {0};
	uint32_t f = FORMAT;
	uint64_t sum = mix(0xcbf29ce484222325ull, o.sb.buf, o.sb.len);
	sbuf_add(&entry, magic, sizeof magic);
	sbuf_add(&entry, (const char *)&f, sizeof f);
	sbuf_add(&entry, (const char *)&sum, sizeof sum);
	sbuf_add(&entry, o.sb.buf, o.sb.len);
	char *path = entry_path(c, source, args, n_args, text);
	char *slash = strrchr(path, '/');
	*slash = '\0';
	int rc = make_dirs(path);
	*slash = '/';
	if (rc == 0 && write_entry(path, &entry) == 0) {
		pthread_mutex_lock(&c->mu);
		c->wrote = true;
		pthread_mutex_unlock(&c->mu);
	}
	free(path);
	sbuf_free(&entry);
	sbuf_free(&o.sb);
}

/* --- the bound --------------------------------------------------------------- */

struct old {
	char *path;
	time_t when;
	off_t size;
};

static int by_age(const void *a, const void *b)
{
	const struct old *x = a, *y = b;
	return x->when < y->when ? -1 : x->when > y->when;
}

static void prune(const char *dir, unsigned long long max)
{
	DIR *top = opendir(dir);
	struct old *v = NULL;
	size_t n = 0, cap = 0;
	unsigned long long total = 0;
	for (struct dirent *d; top && (d = readdir(top));) {
		if (d->d_name[0] == '.')
			continue;
		char *sub = xasprintf("%s/%s", dir, d->d_name);
		DIR *in = opendir(sub);
		for (struct dirent *e; in && (e = readdir(in));) {
			struct stat st;
			char *p = xasprintf("%s/%s", sub, e->d_name);
			if (e->d_name[0] != '.' && stat(p, &st) == 0 && S_ISREG(st.st_mode)) {
				*VEC_PUSH(v, n, cap) = (struct old){p, st.st_mtime, st.st_size};
				total += (unsigned long long)st.st_size;
			} else {
				free(p);
			}
		}
		if (in)
			closedir(in);
		free(sub);
	}
	if (top)
		closedir(top);
	if (total > max) {
		qsort(v, n, sizeof *v, by_age);
		for (size_t i = 0; i < n && total > max / 10 * 8; i++)
			if (unlink(v[i].path) == 0)
				total -= (unsigned long long)v[i].size;
	}
	for (size_t i = 0; i < n; i++)
		free(v[i].path);
	free(v);
}

void wire_cache_close(struct wire_cache *c, unsigned *hits, unsigned *misses)
{
	if (!c)
		return;
	if (hits)
		*hits = c->hits;
	if (misses)
		*misses = c->misses;
	if (c->wrote) {
		const char *env = getenv("OACHECK_CACHE_MAX");
		unsigned long long max = env && *env ? strtoull(env, NULL, 10) : 256ull << 20;
		prune(c->dir, max);
	}
	for (size_t i = 0; i < c->texts.cap; i++)
		free((char *)c->texts.slots[i].key);
	strmap_free(&c->texts);
	pthread_mutex_destroy(&c->mu);
	free(c->dir);
	free(c);
}
