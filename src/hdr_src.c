/*
 * hdr_src.c - the program's C sources to the wire model: each file is its
 * own translation unit, parsed with function bodies (in threads, -j, one
 * CXIndex each: FACTS.md §3) with the flags the headers get, walked at
 * once by hdr_flow.c and disposed of, so memory stays that of a few units.
 *
 * The units' sites are then joined into one set, and their call flows
 * resolved through every unit's summaries: a value read at a site and
 * handed to argument j of f reaches the members f stores parameter j in,
 * directly or through the functions f passes it on to (pet_create() ->
 * pet_create_internal()).
 *
 * Clang's errors in a source do not stop the check: they are warnings, one
 * per file, and the calls clang still understood are checked.
 */
#include "config.h"

#include "diag.h"
#include "hdr_flow.h"
#include "hdr_load.h"
#include "progress.h"
#include "spec.h"
#include "wire_cache.h"

#include <errno.h>
#include <stdint.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { MAX_RESOLVE_DEPTH = 6 };

struct job {
	const char *path;
	const char **args;
	size_t n_args;
	struct src_unit *unit;
	enum CXErrorCode err;
};

struct pool {
	struct job *jobs;
	size_t n, next;
	const struct flow_rules *fr;
	const struct CXUnsavedFile *unsaved;
	unsigned n_unsaved;
	struct wire_cache *cache; /* NULL: none */
	pthread_mutex_t mu;
};

static void first_error(struct src_unit *u, CXTranslationUnit tu)
{
	unsigned n = clang_getNumDiagnostics(tu);
	for (unsigned i = 0; i < n; i++) {
		CXDiagnostic d = clang_getDiagnostic(tu, i);
		if (clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error) {
			if (!u->first_text) {
				CXFile file;
				clang_getExpansionLocation(clang_getDiagnosticLocation(d), &file,
				                           &u->first_line, &u->first_col, NULL);
				CXString name = clang_getFileName(file);
				CXString text = clang_getDiagnosticSpelling(d);
				const char *fn = clang_getCString(name);
				u->first_file = fn ? xstrdup(fn) : NULL;
				u->first_text = xstrdup(clang_getCString(text));
				clang_disposeString(name);
				clang_disposeString(text);
			}
			u->n_errors++;
		}
		clang_disposeDiagnostic(d);
	}
}

struct included {
	const char *main;
	char **v;
	size_t n, cap;
};

static void visit_inclusion(CXFile f, CXSourceLocation *stack, unsigned n, CXClientData data)
{
	(void)stack;
	(void)n;
	struct included *inc = data;
	CXString name = clang_getFileName(f);
	const char *s = clang_getCString(name);
	if (s && strcmp(s, inc->main))
		*VEC_PUSH(inc->v, inc->n, inc->cap) = xstrdup(s);
	clang_disposeString(name);
}

/* Keep what the unit yielded, with the headers it read. */
static void keep(const struct pool *p, const struct job *j, CXTranslationUnit tu)
{
	struct included inc = {j->path, NULL, 0, 0};
	clang_getInclusions(tu, visit_inclusion, &inc);
	wire_cache_put(p->cache, j->path, j->args, j->n_args, j->unit, (const char *const *)inc.v,
	               inc.n);
	for (size_t i = 0; i < inc.n; i++)
		free(inc.v[i]);
	free(inc.v);
}

static void run_job(const struct pool *p, CXIndex idx, struct job *j)
{
	j->err = CXError_Success;
	if (p->cache && (j->unit = wire_cache_get(p->cache, j->path, j->args, j->n_args)))
		return;
	struct src_unit *u = xcalloc(1, sizeof *u);
	u->arena.small = 64 * 1024; /* a unit holds tens of kilobytes */
	u->path = j->path;
	j->unit = u;
	CXTranslationUnit tu = NULL;
	unsigned flags = CXTranslationUnit_KeepGoing;
	j->err = clang_parseTranslationUnit2(idx, j->path, j->args, (int)j->n_args,
	                                     (struct CXUnsavedFile *)p->unsaved, p->n_unsaved,
	                                     flags, &tu);
	if (j->err != CXError_Success || !tu)
		return;
	first_error(u, tu);
	flow_walk_unit(u, tu, p->fr);
	if (p->cache)
		keep(p, j, tu);
	clang_disposeTranslationUnit(tu);
}

static void *worker(void *arg)
{
	struct pool *p = arg;
	CXIndex idx = clang_createIndex(0, 0);
	for (;;) {
		pthread_mutex_lock(&p->mu);
		size_t i = p->next++;
		pthread_mutex_unlock(&p->mu);
		if (i >= p->n)
			break;
		run_job(p, idx, &p->jobs[i]);
		progress_step();
	}
	clang_disposeIndex(idx);
	return NULL;
}

static void run_pool(struct pool *p, unsigned jobs)
{
	size_t threads = jobs < p->n ? jobs : p->n;
	if (threads > 64)
		threads = 64;
	pthread_t *tid = xcalloc(threads ? threads : 1, sizeof *tid);
	size_t started = 0;
	pthread_attr_t attr;
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 16u << 20);
	for (size_t i = 1; i < threads; i++)
		if (pthread_create(&tid[started], &attr, worker, p) == 0)
			started++;
	pthread_attr_destroy(&attr);
	worker(p);
	for (size_t i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
	free(tid);
}

/* --- joining the units ---------------------------------------------- */

struct summary {
	struct flow_store *stores; /* borrowed from the units */
	size_t n_stores, stores_cap;
	struct flow_pass *passes;
	size_t n_passes, passes_cap;
	bool parses[64]; /* parameter k is an object it reads keys from */
};

struct joiner {
	struct wire_set *w;
	struct strmap by_func; /* name -> struct summary * */
	struct flow_call *calls;
	size_t n_calls, calls_cap;
};

static struct summary *summary_of(struct joiner *J, const char *func)
{
	struct summary *s = strmap_get(&J->by_func, func);
	if (!s) {
		s = xcalloc(1, sizeof *s);
		strmap_put(&J->by_func, func, s);
	}
	return s;
}

static void join_unit(struct joiner *J, struct src_unit *u)
{
	struct wire_set *w = J->w;
	size_t base = w->n, gbase = w->n_groups;
	const char *shown = loc_intern(u->path);
	for (size_t i = 0; i < u->n_sites; i++) {
		struct wire_site *s = VEC_PUSH(w->sites, w->n, w->cap);
		*s = u->sites[i];
		s->loc.file = s->func_loc.file = shown;
		if (s->schema)
			s->schema_at.file = shown;
		if (s->value_at.line)
			s->value_at.file = shown;
		for (size_t p = 0; p < s->n_parents; p++)
			s->parents[p] += base;
		s->group += gbase;
	}
	w->n_groups += u->n_groups;
	for (size_t i = 0; i < u->n_stores; i++) {
		struct summary *s = summary_of(J, u->stores[i].func);
		*VEC_PUSH(s->stores, s->n_stores, s->stores_cap) = u->stores[i];
	}
	for (size_t i = 0; i < u->n_passes; i++) {
		struct summary *s = summary_of(J, u->passes[i].func);
		*VEC_PUSH(s->passes, s->n_passes, s->passes_cap) = u->passes[i];
	}
	for (size_t i = 0; i < u->n_parsed; i++)
		if (u->parsed[i].param < 64)
			summary_of(J, u->parsed[i].func)->parses[u->parsed[i].param] = true;
	for (size_t i = 0; i < u->n_calls; i++) {
		struct flow_call c = u->calls[i];
		c.site += base;
		*VEC_PUSH(J->calls, J->n_calls, J->calls_cap) = c;
	}
}

/* The members argument arg of func ends up in, added to site s. */
static void resolve(struct joiner *J, const char *func, int arg, struct wire_site *s,
                    unsigned depth)
{
	const struct summary *sm = strmap_get(&J->by_func, func);
	if (!sm || depth > MAX_RESOLVE_DEPTH || (arg < 64 && sm->parses[arg]))
		return;
	for (size_t i = 0; i < sm->n_stores; i++)
		if (sm->stores[i].param == arg)
			flow_site_reach(s, sm->stores[i].chain);
	for (size_t i = 0; i < sm->n_passes; i++)
		if (sm->passes[i].param == arg && strcmp(sm->passes[i].callee, func))
			resolve(J, sm->passes[i].callee, sm->passes[i].arg, s, depth + 1);
}

void flow_unit_free(struct src_unit *u)
{
	if (!u)
		return;
	free(u->chains);
	strmap_free(&u->chain_ids);
	free(u->stores);
	free(u->passes);
	free(u->calls);
	free(u->parsed);
	free(u->first_file);
	free(u->first_text);
	free(u);
}

/* Join the jobs' units into a new set; print their errors as warnings.
 * Returns NULL after a diagnostic when a file could not be parsed. */
static struct wire_set *join(struct job *jobs, size_t n)
{
	struct wire_set *w = xcalloc(1, sizeof *w);
	struct joiner J = {.w = w};
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		struct src_unit *u = jobs[i].unit;
		struct loc at = {loc_intern(jobs[i].path), 0, 0};
		if (jobs[i].err != CXError_Success) {
			diag_error(&at, "clang could not parse this file (error %d)",
			           (int)jobs[i].err);
			rc = -1;
		} else if (u->n_errors) {
			struct wire_error *e = VEC_PUSH(w->errors, w->n_errs, w->errors_cap);
			*e = (struct wire_error){
			        .at = {loc_intern(u->first_file ? u->first_file : jobs[i].path),
			               u->first_line, u->first_col},
			        .source = at.file,
			        .text = arena_strdup(&w->arena, u->first_text),
			        .count = u->n_errors};
		}
		w->n_errors += u->n_errors;
		w->n_files++;
		join_unit(&J, u);
		*VEC_PUSH(w->arenas, w->n_arenas, w->arenas_cap) = u->arena;
		free(u->sites);
	}
	for (size_t i = 0; i < J.n_calls; i++)
		resolve(&J, J.calls[i].callee, J.calls[i].arg, &w->sites[J.calls[i].site], 0);
	for (size_t i = 0; i < J.by_func.cap; i++) {
		struct summary *s = J.by_func.slots[i].val;
		if (s) {
			free(s->stores);
			free(s->passes);
			free(s);
		}
	}
	strmap_free(&J.by_func);
	free(J.calls);
	for (size_t i = 0; i < n; i++)
		flow_unit_free(jobs[i].unit);
	if (rc) {
		wire_set_free(w);
		return NULL;
	}
	return w;
}

/* --- entry points --------------------------------------------------- */

static void rules_index(struct flow_rules *fr, const struct ruleset *rs)
{
	for (size_t i = 0; i < rs->n_calls; i++)
		strmap_put(&fr->calls, rs->calls[i].name, &rs->calls[i]);
	for (size_t i = 0; i < rs->n_fields; i++)
		strmap_put(&fr->fields, rs->fields[i].name, &rs->fields[i]);
	for (size_t i = 0; i < rs->converters.n; i++)
		strmap_put(&fr->converters, rs->converters.v[i], rs->converters.v[i]);
	for (size_t i = 0; i < rs->n_tables; i++)
		strmap_put(&fr->tables, rs->tables[i].name, &rs->tables[i]);
	for (size_t i = 0; i < rs->n_json_formats; i++)
		strmap_put(&fr->formats, rs->json_formats[i].name, &rs->json_formats[i]);
	for (size_t i = 0; i < rs->n_types; i++) {
		unsigned t = rs->types[i].json_types;
		if (!t || t & (SPEC_OBJECT | SPEC_ARRAY))
			strmap_put(&fr->json_types, rs->types[i].c_name, &rs->types[i]);
	}
}

/* A hash of what shapes a unit's model besides its source and flags: the
 * rules the walk reads, and libclang. */
static uint64_t extraction_salt(const struct ruleset *rs)
{
	struct sbuf sb = {0};
	for (size_t i = 0; i < rs->n_calls; i++) {
		const struct wire_call *c = &rs->calls[i];
		sbuf_printf(&sb, "call %s %d %d %d %d %d %d %u %u %d %d %d %d\n", c->name,
		            (int)c->dir, c->object, c->key, c->value, c->out, c->format, c->type,
		            c->converts, (int)c->element, c->path, c->table, (int)c->builder);
	}
	for (size_t i = 0; i < rs->n_tables; i++) {
		const struct wire_table *t = &rs->tables[i];
		sbuf_printf(&sb, "table %s %s %s %s %s %s %s %s\n", t->name, t->key,
		            t->member ? t->member : "", t->type ? t->type : "",
		            t->handler ? t->handler : "", t->object ? t->object : "",
		            t->items ? t->items : "", t->max ? t->max : "");
		for (size_t k = 0; k < t->n_tokens; k++)
			sbuf_printf(&sb, "token %s %u\n", t->tokens[k].name, t->tokens[k].type);
	}
	for (size_t i = 0; i < rs->n_json_formats; i++)
		sbuf_printf(&sb, "format %s %d\n", rs->json_formats[i].name,
		            rs->json_formats[i].format);
	for (size_t i = 0; i < rs->n_types; i++) /* JSON values handed to path readers */
		sbuf_printf(&sb, "type %s %u\n", rs->types[i].c_name, rs->types[i].json_types);
	for (size_t i = 0; i < rs->n_fields; i++)
		sbuf_printf(&sb, "field %s %u %d\n", rs->fields[i].name, rs->fields[i].type,
		            (int)rs->fields[i].element);
	for (size_t i = 0; i < rs->converters.n; i++)
		sbuf_printf(&sb, "converter %s\n", rs->converters.v[i]);
	CXString v = clang_getClangVersion();
	sbuf_printf(&sb, "clang %s\n", clang_getCString(v));
	clang_disposeString(v);
	uint64_t h = 0xcbf29ce484222325ull;
	for (size_t i = 0; i < sb.len; i++)
		h = (h ^ (unsigned char)sb.buf[i]) * 0x100000001b3ull;
	sbuf_free(&sb);
	return h;
}

static struct wire_set *run(struct job *jobs, size_t n, unsigned n_threads,
                            const struct ruleset *rs, const struct CXUnsavedFile *unsaved,
                            unsigned n_unsaved, struct wire_cache *cache)
{
	struct flow_rules fr = {{0}, {0}, {0}, {0}, {0}, {0}};
	rules_index(&fr, rs);
	struct pool p = {jobs, n, 0, &fr, unsaved, n_unsaved, cache, PTHREAD_MUTEX_INITIALIZER};
	progress_stage("wire: sources", n);
	run_pool(&p, n_threads);
	pthread_mutex_destroy(&p.mu);
	strmap_free(&fr.calls);
	strmap_free(&fr.fields);
	strmap_free(&fr.converters);
	strmap_free(&fr.tables);
	strmap_free(&fr.formats);
	strmap_free(&fr.json_types);
	struct wire_set *w = join(jobs, n);
	unsigned hits = 0;
	wire_cache_close(cache, &hits, NULL);
	if (w) {
		w->n_cached = hits;
		w->cached = cache != NULL;
	}
	return w;
}

static unsigned default_jobs(unsigned jobs)
{
	long n = jobs ? (long)jobs : sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (unsigned)n : 1;
}

struct wire_set *wire_extract(const struct wire_options *opt)
{
	if (clang_shim_load())
		return NULL;
	struct hdr_set tmp;
	memset(&tmp, 0, sizeof tmp);
	struct hdr_options ho = {.compile_commands = opt->compile_commands};
	struct hdr_groups g = {0};
	struct job *jobs = xcalloc(opt->n_sources + 1, sizeof *jobs);
	size_t n = 0;
	int rc = hdr_group_units(&tmp, &ho, opt->sources, opt->n_sources, &g);
	for (size_t i = 0; rc == 0 && i < g.n; i++) {
		size_t na;
		const char **args = hdr_unit_args("c", g.v[i].borrowed, g.v[i].n_borrowed,
		                                  opt->clang_args, opt->n_clang_args, &na);
		for (size_t j = 0; j < g.v[i].n_headers; j++)
			jobs[n++] =
			        (struct job){.path = g.v[i].headers[j], .args = args, .n_args = na};
		if (!g.v[i].n_headers)
			free(args);
	}
	struct wire_cache *cache =
	        rc || opt->no_cache ? NULL
	                            : wire_cache_open(opt->cache_dir, extraction_salt(opt->rs));
	struct wire_set *w =
	        rc ? NULL : run(jobs, n, default_jobs(opt->jobs), opt->rs, NULL, 0, cache);
	for (size_t i = 0; i < n; i++)
		if (i + 1 == n || jobs[i + 1].args != jobs[i].args)
			free(jobs[i].args);
	free(jobs);
	hdr_groups_free(&g);
	arena_free(&tmp.arena);
	return w;
}

struct wire_set *wire_extract_unsaved(const char *const *names, const char *const *texts, size_t n,
                                      size_t n_units, const char *const *args, size_t n_args,
                                      const struct ruleset *rs)
{
	if (clang_shim_load())
		return NULL;
	struct CXUnsavedFile *files = xcalloc(n + 1, sizeof *files);
	for (size_t i = 0; i < n; i++)
		files[i] =
		        (struct CXUnsavedFile){names[i], texts[i], (unsigned long)strlen(texts[i])};
	size_t na;
	const char **a = hdr_unit_args("c", NULL, 0, args, n_args, &na);
	struct job *jobs = xcalloc(n_units + 1, sizeof *jobs);
	for (size_t i = 0; i < n_units; i++)
		jobs[i] = (struct job){.path = names[i], .args = a, .n_args = na};
	struct wire_set *w = run(jobs, n_units, 2, rs, files, (unsigned)n, NULL);
	free(jobs);
	free(a);
	free(files);
	return w;
}

void wire_set_free(struct wire_set *w)
{
	if (!w)
		return;
	for (size_t i = 0; i < w->n; i++) {
		free(w->sites[i].parents);
		free(w->sites[i].reach);
	}
	free(w->sites);
	free(w->errors);
	for (size_t i = 0; i < w->n_arenas; i++)
		arena_free(&w->arenas[i]);
	free(w->arenas);
	arena_free(&w->arena);
	free(w);
}
