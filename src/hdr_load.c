/*
 * hdr_load.c - headers to translation units, and what to do with clang's
 * errors.
 *
 * All headers that share their flags are parsed as one translation unit: an
 * in-memory umbrella file includes each by absolute path, which is many
 * times faster than a unit per header (FACTS.md §3). A header that cannot
 * live there (it redefines another's struct, or a macro from another breaks
 * it) shows up as errors in its own text: it is then parsed on its own, and
 * the rest again without it, in threads (-j) when there are several. One
 * that fails alone too may need the others first (not self-contained): it
 * gets one more try after all of them.
 *
 * Clang's errors are printed in its file:line:col form. They end the run
 * (exit 3) only when an in-scope declaration was hurt: an error inside a
 * record's or enum's extent, or a declaration clang marked invalid.
 * Otherwise they are warnings: every struct being checked was parsed.
 *
 * With -p DIR, flags are borrowed from the compilation database (libclang
 * interpolates an entry for headers); the user's own flags come after them
 * so they win. Headers whose borrowed flags differ go to different units.
 */
#include "config.h"

#include "diag.h"
#include "hdr_int.h"
#include "hdr_load.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct unit {
	const char **headers; /* borrowed */
	size_t n, cap;
	const char **args; /* owned array of borrowed strings */
	size_t n_args;
	struct strmap scope;
	CXIndex idx;
	CXTranslationUnit tu;
	enum CXErrorCode err;
	bool quiet; /* its errors are reported by another unit */
};

struct load {
	struct hdr_set *h;
	const char *umbrella;
	const struct CXUnsavedFile *unsaved; /* test headers */
	size_t n_unsaved;
	unsigned jobs;
	struct unit **units;
	size_t n_units, units_cap;
	struct strmap named;   /* every unit's own headers */
	struct strmap claimed; /* headers reached from them -> the unit's scope */
};

static const char *const base_args[] = {
        "-ferror-limit=0",
        "-Wno-pragma-once-outside-header",
};

static bool has_std(const char *const *args, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strncmp(args[i], "-std=", 5) || !strcmp(args[i], "-std") ||
		    !strncmp(args[i], "--std", 5))
			return true;
	return false;
}

static bool has_flag(const char *const *args, size_t n, const char *const *flags)
{
	for (size_t i = 0; i < n; i++)
		for (const char *const *f = flags; *f; f++)
			if (!strncmp(args[i], *f, strlen(*f)))
				return true;
	return false;
}

/* clang's own headers (stdint.h, stddef.h ...) for this libclang, or NULL.
 * libclang finds them itself for Linux targets but not for bare-metal ones
 * such as arm-none-eabi (no search directory at all). */
static const char *builtin_include(void)
{
	static char found[512];
	CXString v = clang_getClangVersion();
	const char *s = strstr(clang_getCString(v), "version ");
	unsigned maj = 0, min = 0, pat = 0;
	if (s)
		sscanf(s + 8, "%u.%u.%u", &maj, &min, &pat);
	clang_disposeString(v);
	char llvm[64];
	snprintf(llvm, sizeof llvm, "/usr/lib/llvm-%u/lib", maj);
	const char *const roots[] = {llvm, "/usr/include", "/usr/lib", "/usr/local/lib"};
	for (size_t i = 0; maj && i < sizeof roots / sizeof roots[0]; i++) {
		char probe[600];
		snprintf(found, sizeof found, "%s/clang/%u.%u.%u/include", roots[i], maj, min, pat);
		snprintf(probe, sizeof probe, "%s/stddef.h", found);
		if (access(probe, R_OK) == 0)
			return found;
	}
	return NULL;
}

/* A cross target (--target=i686-linux-gnu, arm-none-eabi) rarely has its C
 * library installed here; its widths come from clang's own stdint.h, which
 * serves them when freestanding. A --sysroot or -fhosted says otherwise. */
static size_t target_args(const char *const *a, size_t na, const char *const *b, size_t nb,
                          const char **out)
{
	static const char *const target[] = {"--target", "-target", "-m32", "-m16", NULL};
	static const char *const env[] = {"--sysroot", "-isysroot", "-ffreestanding", "-fhosted",
	                                  NULL};
	if (!has_flag(a, na, target) && !has_flag(b, nb, target))
		return 0;
	size_t n = 0;
	if (!has_flag(a, na, env) && !has_flag(b, nb, env))
		out[n++] = "-ffreestanding";
	const char *inc = builtin_include();
	if (inc) {
		out[n++] = "-isystem";
		out[n++] = inc;
	}
	return n;
}

const char **hdr_unit_args(const char *lang, const char *const *a, size_t na, const char *const *b,
                           size_t nb, size_t *n)
{
	size_t nbase = sizeof base_args / sizeof base_args[0];
	const char **v = xcalloc(nbase + na + nb + 7, sizeof *v);
	v[0] = "-x";
	v[1] = lang;
	memcpy(v + 2, base_args, sizeof base_args);
	*n = nbase + 2;
	if (!has_std(a, na) && !has_std(b, nb))
		v[(*n)++] = "-std=c11";
	*n += target_args(a, na, b, nb, v + *n);
	for (size_t i = 0; i < na; i++)
		v[(*n)++] = a[i];
	for (size_t i = 0; i < nb; i++)
		v[(*n)++] = b[i];
	return v;
}

static struct unit *unit_new(const char *const *a, size_t na, const char *const *b, size_t nb)
{
	struct unit *u = xcalloc(1, sizeof *u);
	u->args = hdr_unit_args("c-header", a, na, b, nb, &u->n_args);
	return u;
}

/* A unit with the same flags as u (everything after the base). */
static struct unit *unit_like(const struct unit *u)
{
	struct unit *v = xcalloc(1, sizeof *v);
	v->args = xcalloc(u->n_args + 1, sizeof *v->args);
	memcpy(v->args, u->args, u->n_args * sizeof *u->args);
	v->n_args = u->n_args;
	return v;
}

/* Include header in u, without checking it there. */
static void unit_include(struct unit *u, const char *header)
{
	*VEC_PUSH(u->headers, u->n, u->cap) = header;
}

static void unit_add(struct unit *u, const char *header)
{
	unit_include(u, header);
	strmap_put(&u->scope, header, (void *)header);
}

static void unit_free(struct unit *u)
{
	if (!u)
		return;
	if (u->tu)
		clang_disposeTranslationUnit(u->tu);
	if (u->idx)
		clang_disposeIndex(u->idx);
	strmap_free(&u->scope);
	free(u->headers);
	free(u->args);
	free(u);
}

static char *umbrella_text(const struct unit *u)
{
	struct sbuf sb = {0};
	sbuf_puts(&sb, "/* oacheck umbrella */\n");
	for (size_t i = 0; i < u->n; i++)
		sbuf_printf(&sb, "#include \"%s\"\n", u->headers[i]);
	return sbuf_take(&sb);
}

/* Parse one unit. Runs in worker threads: touches only u. */
static void unit_parse(const struct load *L, struct unit *u)
{
	char *text = umbrella_text(u);
	struct CXUnsavedFile *files = xcalloc(L->n_unsaved + 1, sizeof *files);
	files[0] = (struct CXUnsavedFile){L->umbrella, text, (unsigned long)strlen(text)};
	for (size_t i = 0; i < L->n_unsaved; i++)
		files[i + 1] = L->unsaved[i];
	unsigned flags = CXTranslationUnit_SkipFunctionBodies | CXTranslationUnit_KeepGoing |
	                 CXTranslationUnit_Incomplete |
	                 CXTranslationUnit_IgnoreNonErrorsFromIncludedFiles;
	u->idx = clang_createIndex(0, 0);
	u->err = clang_parseTranslationUnit2(u->idx, L->umbrella, u->args, (int)u->n_args, files,
	                                     (unsigned)L->n_unsaved + 1, flags, &u->tu);
	free(files);
	free(text);
}

struct pool {
	const struct load *L;
	struct unit **v;
	size_t n, next;
	pthread_mutex_t mu;
};

static void *worker(void *arg)
{
	struct pool *p = arg;
	for (;;) {
		pthread_mutex_lock(&p->mu);
		size_t i = p->next++;
		pthread_mutex_unlock(&p->mu);
		if (i >= p->n)
			return NULL;
		unit_parse(p->L, p->v[i]);
	}
}

/* Parse n units, in up to L->jobs threads (one CXIndex each: FACTS.md §3). */
static void parse_all(const struct load *L, struct unit **v, size_t n)
{
	struct pool p = {L, v, n, 0, PTHREAD_MUTEX_INITIALIZER};
	size_t threads = L->jobs < n ? L->jobs : n;
	if (threads > 64)
		threads = 64; /* -j 1000 asks for speed, not for 1000 stacks */
	pthread_t *tid = xcalloc(threads ? threads : 1, sizeof *tid);
	size_t started = 0;
	pthread_attr_t attr;
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 8u << 20);
	for (size_t i = 1; i < threads; i++)
		if (pthread_create(&tid[started], &attr, worker, &p) == 0)
			started++;
	pthread_attr_destroy(&attr);
	worker(&p);
	for (size_t i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
	free(tid);
	pthread_mutex_destroy(&p.mu);
}

struct verdict {
	struct hdr_msg *msgs;
	size_t n_msgs, msgs_cap;
	struct strmap seen;   /* formatted messages, to print each once */
	const char *umbrella; /* its display path */
	unsigned errors, broken;
	bool failed;
};

/* Keep one message (each once: units repeat the errors of a header they
 * share); returns its index. */
static size_t note_msg(struct verdict *vd, const struct loc *at, const char *text, bool scope)
{
	char *key = xasprintf("%s:%u:%u:%s", at->file ? at->file : "", at->line, at->col, text);
	size_t i = (size_t)(uintptr_t)strmap_get(&vd->seen, key);
	if (i) {
		free(key);
		vd->msgs[i - 1].in_scope |= scope;
		return i - 1;
	}
	struct hdr_msg *m = VEC_PUSH(vd->msgs, vd->n_msgs, vd->msgs_cap);
	*m = (struct hdr_msg){.at = *at, .text = xstrdup(text), .in_scope = scope};
	strmap_put(&vd->seen, key, (void *)(uintptr_t)vd->n_msgs);
	return vd->n_msgs - 1;
}

/* An error at the umbrella's line L ("expected '}'") means the header
 * included there ended inside a declaration: name that header instead. */
static size_t note_umbrella_msg(struct verdict *vd, const struct unit *u, const struct loc *at,
                                const char *text)
{
	if (at->line < 2 || at->line - 2 >= u->n)
		return SIZE_MAX;
	struct loc h = {loc_intern(u->headers[at->line - 2]), 0, 0};
	char *t = xasprintf("%s at the end of this header", text);
	size_t i = note_msg(vd, &h, t, strmap_get(&u->scope, u->headers[at->line - 2]) != NULL);
	free(t);
	return i;
}

/* The unit's errors: recorded for the walker, kept for printing. */
static void collect_errors(struct walker *w, const struct unit *u, struct verdict *vd,
                           struct hdr_err **errs, size_t *n_errs)
{
	size_t cap = 0;
	unsigned n = clang_getNumDiagnostics(w->tu);
	for (unsigned i = 0; i < n; i++) {
		CXDiagnostic d = clang_getDiagnostic(w->tu, i);
		if (clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error) {
			CXSourceLocation where = clang_getDiagnosticLocation(d);
			struct loc at = walk_loc(w, where);
			struct hfile *f = walk_hfile(w, where, NULL);
			CXString text = clang_getDiagnosticSpelling(d);
			struct hdr_err *e = VEC_PUSH(*errs, *n_errs, cap);
			*e = (struct hdr_err){.msg = SIZE_MAX, .scope = f && f->scope};
			if (vd && at.file && at.file == vd->umbrella)
				e->msg = note_umbrella_msg(vd, u, &at, clang_getCString(text));
			else if (vd)
				e->msg = note_msg(vd, &at, clang_getCString(text), e->scope);
			e->text = e->msg != SIZE_MAX ? vd->msgs[e->msg].text : NULL;
			clang_disposeString(text);
			clang_getExpansionLocation(where, &e->file, NULL, NULL, &e->offset);
		}
		clang_disposeDiagnostic(d);
	}
}

/* In-scope headers of u with an error in their own text. */
static size_t suspects(struct walker *w, const struct hdr_err *errs, size_t n_errs,
                       struct strmap *out)
{
	size_t n = 0;
	for (size_t i = 0; i < n_errs; i++) {
		if (!errs[i].file)
			continue;
		CXSourceLocation at = clang_getLocationForOffset(w->tu, errs[i].file, 0);
		struct hfile *f = walk_hfile(w, at, NULL);
		if (f && f->scope && !strmap_get(out, f->path)) {
			strmap_put(out, f->path, (void *)f->path);
			n++;
		}
	}
	return n;
}

static void push_unit(struct load *L, struct unit *u)
{
	*VEC_PUSH(L->units, L->n_units, L->units_cap) = u;
}

/* Split u into its suspects, each alone, and the rest; parse them. */
/* The in-scope headers of u with an error in their own text, into out;
 * returns how many. */
static size_t bad_files(struct load *L, struct unit *u, struct strmap *out)
{
	if (!u->tu)
		return 0;
	struct walker w = {.h = L->h,
	                   .scope = &u->scope,
	                   .named = &L->named,
	                   .claimed = &L->claimed,
	                   .tu = u->tu};
	struct hdr_err *errs = NULL;
	size_t n_errs = 0;
	collect_errors(&w, u, NULL, &errs, &n_errs);
	size_t n = n_errs ? suspects(&w, errs, n_errs, out) : 0;
	free(errs);
	walk_files_free(&w);
	return n;
}

static bool fails(struct load *L, struct unit *u)
{
	struct strmap b = {0};
	bool bad = bad_files(L, u, &b) > 0;
	strmap_free(&b);
	return bad;
}

/* Headers that fail on their own may only need the others before them
 * (not self-contained): parse them once more, all after the rest, and
 * take from there each one that is clean. */
static void retry_late(struct load *L, const struct unit *rest, size_t first, size_t end)
{
	struct unit *late = unit_like(rest);
	late->quiet = true;
	for (size_t i = 0; i < rest->n; i++)
		unit_include(late, rest->headers[i]);
	size_t *solo = xcalloc(end - first + 1, sizeof *solo), n = 0;
	for (size_t k = first; k < end; k++)
		if (L->units[k] != rest && fails(L, L->units[k])) {
			unit_add(late, L->units[k]->headers[0]);
			solo[n++] = k;
		}
	struct strmap still = {0};
	if (n) {
		parse_all(L, &late, 1);
		bad_files(L, late, &still);
	}
	strmap_free(&late->scope);
	size_t kept = 0;
	for (size_t i = 0; i < n; i++) {
		const char *hd = L->units[solo[i]]->headers[0];
		if (strmap_get(&still, hd))
			continue;
		strmap_put(&late->scope, hd, (void *)hd);
		unit_free(L->units[solo[i]]);
		L->units[solo[i]] = NULL;
		kept++;
	}
	strmap_free(&still);
	free(solo);
	if (kept)
		push_unit(L, late);
	else
		unit_free(late);
}

/* Split u into its suspects, each alone, and the rest; parse them. */
static void split(struct load *L, struct unit *u, const struct strmap *bad)
{
	size_t first = L->n_units;
	struct unit *rest = unit_like(u);
	for (size_t i = 0; i < u->n; i++) {
		if (strmap_get(bad, u->headers[i])) {
			struct unit *solo = unit_like(u);
			unit_add(solo, u->headers[i]);
			push_unit(L, solo);
		} else {
			unit_add(rest, u->headers[i]);
		}
	}
	if (!rest->n) {
		unit_free(rest);
		parse_all(L, L->units + first, L->n_units - first);
		return;
	}
	push_unit(L, rest);
	parse_all(L, L->units + first, L->n_units - first);
	retry_late(L, rest, first, L->n_units);
}

/* Does u need splitting? Only when some of its headers are at fault: when
 * nearly all are, the cause is common (a missing -I) and splitting only
 * costs. */
static bool triage(struct load *L, struct unit *u)
{
	if (u->n < 2 || !u->tu)
		return false;
	struct strmap bad = {0};
	size_t n_bad = bad_files(L, u, &bad);
	bool did = n_bad > 0 && (n_bad <= 8 || n_bad * 4 <= u->n * 3);
	if (did)
		split(L, u, &bad);
	strmap_free(&bad);
	return did;
}

static void walk_one(struct load *L, struct unit *u, struct verdict *vd)
{
	if (u->err != CXError_Success || !u->tu) {
		diag_error(NULL, "clang could not parse the headers (error %d)", (int)u->err);
		vd->failed = true;
		return;
	}
	struct walker w = {.h = L->h,
	                   .scope = &u->scope,
	                   .named = &L->named,
	                   .claimed = &L->claimed,
	                   .tu = u->tu};
	struct hdr_err *errs = NULL;
	size_t n_errs = 0;
	collect_errors(&w, u, u->quiet ? NULL : vd, &errs, &n_errs);
	vd->errors += u->quiet ? 0 : (unsigned)n_errs;
	w.errs = errs;
	w.n_errs = n_errs;
	walk_unit(&w);
	vd->broken += w.broken;
	for (size_t i = 0; i < n_errs; i++) {
		struct hdr_msg *m = errs[i].msg != SIZE_MAX ? &vd->msgs[errs[i].msg] : NULL;
		if (m && !m->rec && !m->enm && !m->func) {
			m->rec = errs[i].rec;
			m->member = errs[i].member;
			m->enm = errs[i].enm;
			m->func = errs[i].func;
		}
	}
	free(errs);
	walk_files_free(&w);
	strmap_free(&w.by_usr);
}

/* The headers could not be loaded: every message is an error. */
static void print_fatal(struct hdr_set *h)
{
	for (size_t i = 0; i < h->n_msgs; i++)
		diag_error(h->msgs[i].at.file ? &h->msgs[i].at : NULL, "%s%s",
		           h->msgs[i].at.file ? "" : "clang: ", h->msgs[i].text);
}

void hdr_print_errors(const struct hdr_set *h)
{
	for (size_t i = 0; i < h->n_msgs; i++) {
		const struct hdr_msg *m = &h->msgs[i];
		const struct loc *at = m->at.file ? &m->at : NULL;
		diag_warning(at, "%s [header-error]", m->text);
	}
}

/* Hand the messages to h; print them at once when the load fails. */
static void keep_messages(struct verdict *vd, struct hdr_set *h, bool fatal)
{
	h->msgs = vd->msgs;
	h->n_msgs = vd->n_msgs;
	vd->msgs = NULL;
	for (size_t i = 0; i < vd->seen.cap; i++)
		free((char *)vd->seen.slots[i].key);
	strmap_free(&vd->seen);
	if (fatal)
		print_fatal(h);
}

/* Parse, split where needed, walk every unit. Returns the model or NULL. */
static struct hdr_set *run(struct load *L)
{
	for (size_t i = 0; i < L->n_units; i++)
		for (size_t k = 0; k < L->units[i]->scope.cap; k++)
			if (L->units[i]->scope.slots[k].key)
				strmap_put(&L->named, L->units[i]->scope.slots[k].key, L);
	parse_all(L, L->units, L->n_units);
	size_t n = L->n_units;
	for (size_t i = 0; i < n; i++)
		if (triage(L, L->units[i])) {
			unit_free(L->units[i]);
			L->units[i] = NULL;
		}
	/* triage's walks claimed reached headers for units since split */
	strmap_free(&L->claimed);
	struct verdict vd = {.umbrella = loc_intern(L->umbrella)};
	size_t walked = 0;
	for (size_t i = 0; i < L->n_units; i++)
		if (L->units[i]) {
			walk_one(L, L->units[i], &vd);
			walked++;
		}
	for (size_t i = 0; i < L->n_units; i++)
		unit_free(L->units[i]);
	free(L->units);
	strmap_free(&L->named);
	strmap_free(&L->claimed);
	L->h->n_errors = vd.errors;
	bool fatal = vd.broken > 0 || vd.failed;
	keep_messages(&vd, L->h, fatal);
	if (fatal) {
		hdr_free(L->h);
		return NULL;
	}
	walk_finish(L->h, walked > 1);
	return L->h;
}

static unsigned default_jobs(unsigned jobs)
{
	if (jobs)
		return jobs;
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (unsigned)n : 1;
}

static char *umbrella_name(void)
{
	char *cwd = getcwd(NULL, 0);
	char *name = xasprintf("%s/<oacheck-umbrella>.h", cwd ? cwd : "");
	free(cwd);
	return name;
}

/* Real paths of the headers, without duplicates; -1 after a diagnostic. */
static int real_paths(struct hdr_set *h, const struct hdr_options *opt, const char ***out,
                      size_t *n_out)
{
	const char **v = xcalloc(opt->n_headers + 1, sizeof *v);
	struct strmap seen = {0};
	size_t n = 0;
	int rc = 0;
	for (size_t i = 0; i < opt->n_headers; i++) {
		char *real = realpath(opt->headers[i], NULL);
		if (!real) {
			struct loc at = {loc_intern(opt->headers[i]), 0, 0};
			diag_error(&at, "cannot read: %s", strerror(errno));
			rc = -1;
			continue;
		}
		const char *r = arena_strdup(&h->arena, real);
		free(real);
		if (!strmap_get(&seen, r)) {
			strmap_put(&seen, r, (void *)r);
			v[n++] = r;
		}
	}
	strmap_free(&seen);
	*out = v;
	*n_out = n;
	return rc;
}

struct hdr_set *hdr_load(const struct hdr_options *opt)
{
	if (clang_shim_load())
		return NULL;
	struct hdr_set *h = xcalloc(1, sizeof *h);
	const char **paths;
	size_t n;
	struct hdr_groups g = {0};
	if (real_paths(h, opt, &paths, &n) || hdr_group_units(h, opt, paths, n, &g)) {
		free(paths);
		hdr_groups_free(&g);
		hdr_free(h);
		return NULL;
	}
	struct load L = {.h = h, .jobs = default_jobs(opt->jobs)};
	for (size_t i = 0; i < g.n; i++) {
		struct unit *u = unit_new(g.v[i].borrowed, g.v[i].n_borrowed,
		                          (const char *const *)opt->clang_args, opt->n_clang_args);
		for (size_t j = 0; j < g.v[i].n_headers; j++)
			unit_add(u, g.v[i].headers[j]);
		push_unit(&L, u);
	}
	hdr_groups_free(&g);
	free(paths);
	char *name = umbrella_name();
	L.umbrella = name;
	struct hdr_set *out = run(&L);
	free(name);
	return out;
}

struct hdr_set *hdr_load_unsaved(const char *const *names, const char *const *texts, size_t n,
                                 const char *const *args, size_t n_args)
{
	if (clang_shim_load())
		return NULL;
	struct hdr_set *h = xcalloc(1, sizeof *h);
	struct CXUnsavedFile *files = xcalloc(n + 1, sizeof *files);
	struct unit *u = unit_new(NULL, 0, args, n_args);
	for (size_t i = 0; i < n; i++) {
		files[i] =
		        (struct CXUnsavedFile){names[i], texts[i], (unsigned long)strlen(texts[i])};
		unit_add(u, names[i]);
	}
	struct load L = {.h = h,
	                 .umbrella = "/oacheck-test/<umbrella>.h",
	                 .unsaved = files,
	                 .n_unsaved = n,
	                 .jobs = 2};
	push_unit(&L, u);
	struct hdr_set *out = run(&L);
	free(files);
	return out;
}

void hdr_free(struct hdr_set *h)
{
	if (!h)
		return;
	for (size_t i = 0; i < h->n_msgs; i++)
		free(h->msgs[i].text);
	free(h->files);
	free(h->msgs);
	free(h->bits);
	for (size_t i = 0; i < h->n_records; i++) {
		struct hdr_record *r = h->records[i];
		annot_set_free(&r->annots);
		for (size_t j = 0; j < r->n_members; j++)
			annot_set_free(&r->members[j].annots);
		free(r->members);
	}
	for (size_t i = 0; i < h->n_enums; i++) {
		struct hdr_enum *e = h->enums[i];
		annot_set_free(&e->annots);
		for (size_t j = 0; j < e->n_items; j++)
			annot_set_free(&e->items[j].annots);
		free(e->items);
	}
	for (size_t i = 0; i < h->n_typedefs; i++) {
		struct hdr_record *r = h->typedefs[i]->type.record;
		/* a struct only declared is in no list, but may hold annotations
		 * its typedef gave it (freeing twice is harmless: the set is reset) */
		if (r && !r->complete)
			annot_set_free(&r->annots);
		annot_set_free(&h->typedefs[i]->annots);
	}
	free(h->records);
	free(h->enums);
	free(h->typedefs);
	strmap_free(&h->by_usr);
	strmap_free(&h->file_index);
	arena_free(&h->arena);
	free(h);
}
