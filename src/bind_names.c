/*
 * bind_names.c - the C names the naming rules give a schema, derived once.
 *
 * Binding asks, for each struct and enum, the first schema whose names
 * include its own. Asking every schema for every struct re-derived each
 * schema's snake and camel case a struct count of times: on the Kubernetes
 * client (717 structs, 718 schemas) that cost ten times clang's parse of
 * the headers. Here each schema's names are expanded once into a hash
 * table, so binding a struct is a lookup. A pattern starting with '*'
 * ("*_{snake}__e") is a suffix, looked up at each position of the C name;
 * any other wildcard stays a glob, tried in schema order. An exact name
 * wins over a suffix, a longer suffix over a shorter one.
 */
#include "config.h"

#include "bind.h"

#include <fnmatch.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct bind_names_glob {
	const char *pattern;
	size_t index;
};

/* The names a schema name gives: {snake} and {camel} derived on first use. */
struct derived {
	const char *name;
	bool mapped;
	char *snake, *camel;
};

static const char *snake_of(struct derived *dv)
{
	if (dv->mapped)
		return dv->name;
	if (!dv->snake)
		dv->snake = bind_snake(dv->name);
	return dv->snake;
}

static const char *camel_of(struct derived *dv)
{
	if (dv->mapped)
		return dv->name;
	if (!dv->camel)
		dv->camel = bind_camel(dv->name);
	return dv->camel;
}

/* Expand a naming pattern into sb: {name}, {snake}, {camel}, {project}.
 * A name that schema-names mapped is the model name as the generator's
 * modelNameMappings gives it: every placeholder but {project} stands for
 * it as written (MappedModel in {snake}_t is MappedModel_t). */
static void expand(struct sbuf *sb, const char *pattern, struct derived *dv,
                   const struct ruleset *rs)
{
	sb->len = 0;
	sbuf_add(sb, "", 0);
	for (const char *p = pattern; *p;) {
		const char *open = strchr(p, '{');
		if (!open) {
			sbuf_puts(sb, p);
			break;
		}
		sbuf_add(sb, p, (size_t)(open - p));
		p = open;
		if (!strncmp(p, "{name}", 6))
			sbuf_puts(sb, dv->name), p += 6;
		else if (!strncmp(p, "{snake}", 7))
			sbuf_puts(sb, snake_of(dv)), p += 7;
		else if (!strncmp(p, "{camel}", 7))
			sbuf_puts(sb, camel_of(dv)), p += 7;
		else if (!strncmp(p, "{project}", 9))
			sbuf_puts(sb, rs->project ? rs->project : ""), p += 9;
		else
			sbuf_putc(sb, *p++);
	}
}

/* The schema-names entry of a schema (the first one), or NULL. */
static const char *mapping_of(const struct ruleset *rs, const char *schema)
{
	for (size_t i = 0; i < rs->n_names; i++)
		if (!strcmp(rs->names[i].schema, schema))
			return rs->names[i].c_name;
	return NULL;
}

bool bind_names_keyed(const struct ruleset *rs, const char *schema)
{
	return mapping_of(rs, schema) != NULL;
}

/* Called with each C name of a schema; literal: compare it as written,
 * even when it holds a '*'. Returns true to stop. */
typedef bool (*name_fn)(void *ctx, const char *c_name, bool literal);

/* Each C name the patterns give a schema: a schema-names entry (mapped)
 * replaces its name and is itself one of them. */
static void each_name(const char *schema, const char *mapped, const struct strvec *patterns,
                      const struct ruleset *rs, name_fn fn, void *ctx)
{
	if (mapped && fn(ctx, mapped, true))
		return;
	struct derived dv = {mapped ? mapped : schema, mapped != NULL, NULL, NULL};
	struct sbuf sb = {0};
	for (size_t i = 0; i < patterns->n; i++) {
		expand(&sb, patterns->v[i], &dv, rs);
		if (fn(ctx, sb.buf, false))
			break;
	}
	sbuf_free(&sb);
	free(dv.snake);
	free(dv.camel);
}

static bool glob_matches(const char *pattern, bool literal, const char *c_name)
{
	if (literal || !strchr(pattern, '*'))
		return !strcmp(pattern, c_name);
	return fnmatch(pattern, c_name, 0) == 0;
}

struct one_match {
	const char *c_name;
	bool hit;
};

static bool match_one(void *ctx, const char *c_name, bool literal)
{
	struct one_match *m = ctx;
	m->hit = glob_matches(c_name, literal, m->c_name);
	return m->hit;
}

bool bind_names_match(const char *c_name, const char *schema, const struct strvec *patterns,
                      const struct ruleset *rs)
{
	if (!c_name)
		return false;
	struct one_match m = {c_name, false};
	each_name(schema, mapping_of(rs, schema), patterns, rs, match_one, &m);
	return m.hit;
}

/* --- the index ----------------------------------------------------------- */

struct adding {
	struct bind_names *bn;
	size_t index;
};

/* Only the first (lowest) schema index of a name is kept. */
static void put_first(struct strmap *m, struct arena *mem, const char *key, size_t index)
{
	if (!strmap_get(m, key))
		strmap_put(m, arena_strdup(mem, key), (void *)(uintptr_t)(index + 1));
}

static bool add_name(void *ctx, const char *c_name, bool literal)
{
	struct adding *a = ctx;
	struct bind_names *bn = a->bn;
	if (literal || !strchr(c_name, '*'))
		put_first(&bn->exact, &bn->mem, c_name, a->index);
	else if (c_name[0] == '*' && !strpbrk(c_name + 1, "*?[\\"))
		put_first(&bn->suffix, &bn->mem, c_name + 1, a->index);
	else
		*VEC_PUSH(bn->globs, bn->n_globs, bn->globs_cap) =
		        (struct bind_names_glob){arena_strdup(&bn->mem, c_name), a->index};
	return false;
}

void bind_names_build(struct bind_names *bn, const struct strvec *patterns,
                      const char *const *schemas, size_t n, const struct ruleset *rs)
{
	memset(bn, 0, sizeof *bn);
	struct strmap mapped = {0}; /* schema -> its first schema-names entry */
	for (size_t i = rs->n_names; i-- > 0;)
		strmap_put(&mapped, rs->names[i].schema, rs->names[i].c_name);
	for (size_t i = 0; i < n; i++) {
		if (!schemas[i])
			continue;
		struct adding a = {bn, i};
		each_name(schemas[i], strmap_get(&mapped, schemas[i]), patterns, rs, add_name, &a);
	}
	strmap_free(&mapped);
}

static size_t lookup(const struct strmap *m, const char *key)
{
	return (size_t)(uintptr_t)strmap_get(m, key);
}

/* A schema naming a C name, and how closely: an exact name beats a
 * suffix, a longer suffix a shorter one (Currency's '*_currency__e' must
 * not take pinterest_..._non_nullable_catalogs_currency__e from its own
 * schema), a suffix a glob; then the lower schema index wins. */
struct hit {
	int level; /* 3 exact, 2 suffix, 1 glob, 0 none */
	size_t len;
	size_t index; /* + 1 */
};

static bool better(struct hit a, struct hit b)
{
	if (a.level != b.level)
		return a.level > b.level;
	if (a.len != b.len)
		return a.len > b.len;
	return a.index < b.index;
}

static void take(struct hit *best, int level, size_t len, size_t index)
{
	struct hit h = {level, len, index};
	if (index && (!best->index || better(h, *best)))
		*best = h;
}

static void find1(const struct bind_names *bn, const char *c_name, struct hit *best)
{
	take(best, 3, 0, lookup(&bn->exact, c_name));
	if (bn->suffix.n)
		for (const char *p = c_name;; p++) {
			take(best, 2, strlen(p), lookup(&bn->suffix, p));
			if (!*p)
				break;
		}
	for (size_t i = 0; i < bn->n_globs && best->level < 2; i++) {
		const struct bind_names_glob *g = &bn->globs[i];
		if (fnmatch(g->pattern, c_name, 0) == 0)
			take(best, 1, 0, g->index + 1);
	}
}

long bind_names_find(const struct bind_names *bn, const char *a, const char *b)
{
	struct hit best = {0, 0, 0};
	if (a)
		find1(bn, a, &best);
	if (b)
		find1(bn, b, &best);
	return (long)best.index - 1;
}

void bind_names_free(struct bind_names *bn)
{
	strmap_free(&bn->exact);
	strmap_free(&bn->suffix);
	free(bn->globs);
	arena_free(&bn->mem);
	memset(bn, 0, sizeof *bn);
}
