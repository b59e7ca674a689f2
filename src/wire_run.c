/*
 * wire_run.c - the wire check's driver for main.c: which C sources to
 * read (--sources or the config's sources:, directories giving their *.c
 * files; else, with -p, the translation units of compile_commands.json),
 * parsed with the headers' clang flags into the wire model; and the keys
 * the model uses on each struct, which binding reads as evidence.
 */
#include "config.h"

#include "diag.h"
#include "hdr.h"
#include "hdr_load.h"
#include "opts.h"
#include "spec.h"
#include "wire.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The compilation database's units, as a list hdr_paths_free() frees. */
static int database_files(const char *dir, const char ***out, size_t *n)
{
	struct hdr_set tmp;
	memset(&tmp, 0, sizeof tmp);
	const char **v;
	int rc = hdr_cdb_files(&tmp, dir, &v, n);
	if (rc == 0) {
		*out = xcalloc(*n + 1, sizeof **out);
		for (size_t i = 0; i < *n; i++)
			(*out)[i] = xstrdup(v[i]);
	}
	arena_free(&tmp.arena);
	return rc;
}

struct wire_set *wire_load(const struct opts *o, const struct ruleset *rs, int *status)
{
	const char **paths = NULL;
	size_t n = 0;
	int rc;
	if (o->sources.n)
		rc = hdr_expand_files((const char *const *)o->sources.v, o->sources.n, ".c", &paths,
		                      &n);
	else if (o->compile_commands)
		rc = database_files(o->compile_commands, &paths, &n);
	else
		return NULL;
	struct wire_set *w = NULL;
	if (rc == 0) {
		struct wire_options wo = {.sources = paths,
		                          .n_sources = n,
		                          .clang_args = (const char **)o->clang_args.v,
		                          .n_clang_args = o->clang_args.n,
		                          .compile_commands = o->compile_commands,
		                          .jobs = (unsigned)o->jobs,
		                          .rs = rs,
		                          .no_cache = o->no_cache,
		                          .cache_dir = o->cache_dir};
		w = wire_extract(&wo);
		if (w)
			w->verbose = o->verbose;
	}
	if (rc == 0)
		hdr_paths_free(paths, n);
	if (!w)
		*status = 3;
	diag_timing("sources");
	if (w && w->cached)
		diag_count("cached", w->n_cached, w->n_files);
	if (w && getenv("OACHECK_DUMP_WIRE"))
		wire_dump(w, stderr);
	return w;
}

static void dump_chain(FILE *fp, const struct wire_chain *c)
{
	for (unsigned i = 0; i < c->n; i++)
		fprintf(fp, "%s%s(%s:%u).%s", i ? " -> " : "", c->links[i].record, c->links[i].file,
		        c->links[i].line, c->links[i].member);
}

void wire_dump(const struct wire_set *w, void *out)
{
	FILE *fp = out;
	for (size_t i = 0; i < w->n; i++) {
		const struct wire_site *s = &w->sites[i];
		char *types = xstrdup(spec_type_name(s->types));
		fprintf(fp, "site %zu %s:%u:%u %s %s key=%s%s%s types=%s items=%s in %s group %zu",
		        i, s->loc.file, s->loc.line, s->loc.col,
		        s->dir == WIRE_READ ? "read" : "write", s->call, s->key ? "'" : "",
		        s->key ? s->key : "(none)", s->key ? "'" : "", types,
		        spec_type_name(s->item_types), s->func, s->group);
		free(types);
		for (size_t p = 0; p < s->n_parents; p++)
			fprintf(fp, "%s%zu", p ? "," : " parent ", s->parents[p]);
		if (s->capacity)
			fprintf(fp, " capacity %u", s->capacity);
		if (s->schema)
			fprintf(fp, " @schema %s", s->schema);
		fprintf(fp, " object '%s'\n", s->object);
		for (size_t r = 0; r < s->n_reach; r++) {
			fputs("    reach ", fp);
			dump_chain(fp, s->reach[r]);
			fputc('\n', fp);
		}
	}
}

/* --- the keys the sources use on each struct ------------------------- */

struct wire_keys {
	struct strmap by_place; /* "file:line:col" of a record -> struct bind_keys * */
	struct strmap seen;     /* "place/key" already listed */
};

static void add_key(struct wire_keys *k, const struct wire_link *l, const char *key)
{
	char *place = xasprintf("%s:%u:%u", l->file, l->line, l->col);
	char *pk = xasprintf("%s/%s", place, key);
	if (strmap_get(&k->seen, pk)) {
		free(pk);
		free(place);
		return;
	}
	strmap_put(&k->seen, pk, pk);
	struct bind_keys *bk = strmap_get(&k->by_place, place);
	if (!bk) {
		bk = xcalloc(1, sizeof *bk);
		strmap_put(&k->by_place, place, bk);
	} else {
		free(place);
	}
	bk->v = xrealloc(bk->v, (bk->n + 1) * sizeof *bk->v);
	bk->v[bk->n++] = key;
}

struct wire_keys *wire_keys_new(const struct wire_set *w)
{
	struct wire_keys *k = xcalloc(1, sizeof *k);
	for (size_t i = 0; w && i < w->n; i++) {
		const struct wire_site *s = &w->sites[i];
		for (size_t r = 0; s->key && r < s->n_reach; r++)
			if (s->reach[r]->n)
				add_key(k, &s->reach[r]->links[s->reach[r]->n - 1], s->key);
	}
	return k;
}

void wire_keys_free(struct wire_keys *k)
{
	if (!k)
		return;
	for (size_t i = 0; i < k->by_place.cap; i++)
		if (k->by_place.slots[i].key) {
			struct bind_keys *bk = k->by_place.slots[i].val;
			free((char *)k->by_place.slots[i].key);
			free(bk->v);
			free(bk);
		}
	for (size_t i = 0; i < k->seen.cap; i++)
		free((char *)k->seen.slots[i].key);
	strmap_free(&k->by_place);
	strmap_free(&k->seen);
	free(k);
}

static const struct bind_keys *keys_of(void *ctx, const struct hdr_record *rec)
{
	const struct wire_keys *k = ctx;
	const char *slash = rec->loc.file ? strrchr(rec->loc.file, '/') : NULL;
	char *place = xasprintf("%s:%u:%u",
	                        slash           ? slash + 1
	                        : rec->loc.file ? rec->loc.file
	                                        : "",
	                        rec->loc.line, rec->loc.col);
	const struct bind_keys *bk = strmap_get(&k->by_place, place);
	free(place);
	return bk;
}

struct bind_key_source wire_keys_source(struct wire_keys *k)
{
	return (struct bind_key_source){keys_of, k};
}
