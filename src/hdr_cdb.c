/*
 * hdr_cdb.c - flags for headers from a compilation database (-p DIR).
 *
 * libclang 14 interpolates a command for any file, headers included, from
 * the nearest entry (FACTS.md §4). Only the flags that shape types are
 * kept; the rest (the input, --, -c, -o, dependency and warning flags)
 * would make libclang fail or add noise. Relative paths in the kept flags
 * are made absolute against the entry's directory: -working-directory
 * would do that too, but it would also move the user's own relative -I
 * flags, which are meant from the current directory.
 */
#include "config.h"

#include "diag.h"
#include "hdr_load.h"
#include "ydoc.h"

#include "clang_shim.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Flags that take a value, either joined (-Idir) or as the next word. */
static const char *const with_value[] = {"-I",        "-D",        "-U",      "-include",
                                         "-imacros",  "-isystem",  "-iquote", "-idirafter",
                                         "-isysroot", "--sysroot", "-target", "--target"};
/* Of those, the ones whose value is a path. */
static const char *const path_flags[] = {"-I",      "-include",   "-imacros",  "-isystem",
                                         "-iquote", "-idirafter", "-isysroot", "--sysroot"};

static bool in_list(const char *const *list, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(list[i], s))
			return true;
	return false;
}

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* The value-taking flag that s starts with, or NULL. */
static const char *prefix_flag(const char *s)
{
	const char *best = NULL;
	for (size_t i = 0; i < N_OF(with_value); i++) {
		size_t n = strlen(with_value[i]);
		if (!strncmp(s, with_value[i], n) && (!best || n > strlen(best)))
			best = with_value[i];
	}
	return best;
}

static bool keep_alone(const char *s)
{
	return !strncmp(s, "-std=", 5) || !strncmp(s, "--std=", 6) || !strncmp(s, "-m", 2) ||
	       !strcmp(s, "-fsigned-char") || !strcmp(s, "-funsigned-char") ||
	       !strncmp(s, "-fpack-struct", 13) || !strcmp(s, "-fms-extensions") ||
	       !strncmp(s, "-fshort-", 8);
}

size_t hdr_filter_args(const char *const *argv, size_t argc, const char **out)
{
	size_t n = 0;
	for (size_t i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--"))
			break; /* the input follows; libclang refuses the "--" */
		const char *f = prefix_flag(a);
		if (f && !a[strlen(f)] && i + 1 < argc) {
			out[n++] = a;
			out[n++] = argv[++i];
		} else if ((f && (a[strlen(f)] == '=' || strncmp(f, "--", 2))) || keep_alone(a)) {
			out[n++] = a;
		} else if (!strcmp(a, "-o") || !strcmp(a, "-MF") || !strcmp(a, "-MT") ||
		           !strcmp(a, "-MQ") || !strcmp(a, "-x")) {
			i++; /* and its value */
		}
	}
	return n;
}

/* a with a relative path value made absolute against dir, in the arena. */
static const char *absolute(struct hdr_set *h, const char *flag, const char *value, const char *dir)
{
	if (*value == '/' || !*value)
		return NULL;
	char *s = xasprintf("%s%s/%s", flag, dir, value);
	const char *r = arena_strdup(&h->arena, s);
	free(s);
	return r;
}

/* The kept flags of argv (without argv[0]) run in dir, paths made
 * absolute; returns the count. */
static size_t keep(struct hdr_set *h, const char *dir, const char *const *argv, size_t argc,
                   const char ***out)
{
	const char **kept = arena_alloc(&h->arena, (argc + 1) * sizeof *kept);
	size_t n = hdr_filter_args(argv, argc, kept);
	for (size_t i = 0; i < n; i++) {
		const char *f = prefix_flag(kept[i]);
		if (!f || !in_list(path_flags, N_OF(path_flags), f))
			continue;
		if (!kept[i][strlen(f)] && i + 1 < n) {
			const char *abs = absolute(h, "", kept[i + 1], dir);
			kept[i + 1] = abs ? abs : kept[i + 1];
			i++;
		} else {
			const char *v = kept[i] + strlen(f) + (kept[i][strlen(f)] == '=');
			char *fl = xstrndup(kept[i], (size_t)(v - kept[i]));
			const char *abs = absolute(h, fl, v, dir);
			kept[i] = abs ? abs : kept[i];
			free(fl);
		}
	}
	*out = kept;
	return n;
}

/* The kept flags of a command libclang found for a file. */
static size_t borrow(struct hdr_set *h, CXCompileCommand cmd, const char ***out)
{
	CXString d = clang_CompileCommand_getDirectory(cmd);
	const char *dir = arena_strdup(&h->arena, clang_getCString(d));
	clang_disposeString(d);
	size_t argc = clang_CompileCommand_getNumArgs(cmd);
	const char **argv = xcalloc(argc + 1, sizeof *argv);
	for (size_t i = 1; i < argc; i++) {
		CXString a = clang_CompileCommand_getArg(cmd, (unsigned)i);
		argv[i - 1] = arena_strdup(&h->arena, clang_getCString(a));
		clang_disposeString(a);
	}
	size_t n = keep(h, dir, argv, argc ? argc - 1 : 0, out);
	free(argv);
	return n;
}

static struct hdr_group *group_for(struct hdr_set *h, struct hdr_groups *g, const char **args,
                                   size_t n)
{
	struct sbuf key = {0};
	for (size_t i = 0; i < n; i++)
		sbuf_printf(&key, "%s\n", args[i]);
	if (!key.buf)
		sbuf_puts(&key, "");
	for (size_t i = 0; i < g->n; i++)
		if (!strcmp(g->v[i].key, key.buf)) {
			sbuf_free(&key);
			return &g->v[i];
		}
	struct hdr_group *gr = VEC_PUSH(g->v, g->n, g->cap);
	memset(gr, 0, sizeof *gr);
	gr->key = arena_strdup(&h->arena, key.buf);
	gr->borrowed = args;
	gr->n_borrowed = n;
	sbuf_free(&key);
	return gr;
}

/*
 * libclang interpolates nothing for a database whose "directory" is
 * relative (hand-written ones often say "."): then the entries are read
 * here, relative directories taken from the database's own directory, and
 * the donor is the entry with the header's stem or the nearest path.
 */
struct cdb_entry {
	const char *dir, *file;
	const char **argv;
	size_t argc;
};

struct cdb_entries {
	struct cdb_entry *v;
	size_t n, cap;
	bool loaded;
};

/* Split a shell command line into words (quotes and backslashes). */
static size_t split_command(struct hdr_set *h, const char *cmd, const char ***out)
{
	const char **v = NULL;
	size_t n = 0, cap = 0;
	struct sbuf w = {0};
	for (const char *p = cmd;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (!*p)
			break;
		char q = 0;
		for (; *p && (q || (*p != ' ' && *p != '\t' && *p != '\n')); p++) {
			if (!q && (*p == '"' || *p == '\''))
				q = *p;
			else if (q && *p == q)
				q = 0;
			else if (*p == '\\' && q != '\'' && p[1])
				sbuf_putc(&w, *++p);
			else
				sbuf_putc(&w, *p);
		}
		*VEC_PUSH(v, n, cap) = arena_strndup(&h->arena, w.buf ? w.buf : "", w.len);
		w.len = 0;
	}
	sbuf_free(&w);
	const char **a = arena_alloc(&h->arena, (n + 1) * sizeof *a);
	if (n)
		memcpy(a, v, n * sizeof *a);
	free(v);
	*out = a;
	return n;
}

static const char *joined(struct hdr_set *h, const char *dir, const char *path)
{
	if (!path || *path == '/')
		return path;
	char *s = xasprintf("%s/%s", dir, path);
	char *real = realpath(s, NULL);
	const char *r = arena_strdup(&h->arena, real ? real : s);
	free(real);
	free(s);
	return r;
}

static const char *str_of(const struct ynode *o, const char *key)
{
	const struct ynode *v = ydoc_get(o, key);
	return v && v->kind == YN_SCALAR ? v->str : NULL;
}

static void add_entry(struct hdr_set *h, struct cdb_entries *es, const struct ynode *o,
                      const char *dbdir)
{
	const char *dir = str_of(o, "directory");
	const char *file = str_of(o, "file");
	const struct ynode *args = ydoc_get(o, "arguments");
	const char *cmd = str_of(o, "command");
	bool list = args && args->kind == YN_SEQ;
	if (!file || (!list && !cmd))
		return;
	struct cdb_entry *e = VEC_PUSH(es->v, es->n, es->cap);
	e->dir = joined(h, dbdir, dir ? dir : ".");
	e->file = joined(h, e->dir, file);
	if (!list) {
		e->argc = split_command(h, cmd, &e->argv);
		return;
	}
	e->argc = args->len;
	e->argv = arena_alloc(&h->arena, (e->argc + 1) * sizeof *e->argv);
	for (size_t i = 0; i < e->argc; i++) {
		const struct ynode *a = args->kids[i];
		e->argv[i] = arena_strdup(&h->arena, a->kind == YN_SCALAR ? a->str : "");
	}
}

/* Read dir/compile_commands.json; 0, or -1 after a diagnostic. */
static int load_entries(struct hdr_set *h, const char *dir, struct cdb_entries *es)
{
	es->loaded = true;
	char *path = xasprintf("%s/compile_commands.json", dir);
	struct ydoc doc;
	int rc = 0;
	if (access(path, R_OK) == 0 && ydoc_load_file(&doc, path, NULL) == 0) {
		char *real = realpath(dir, NULL);
		const struct ynode *root = doc.root;
		for (size_t i = 0; root && root->kind == YN_SEQ && i < root->len; i++)
			if (root->kids[i]->kind == YN_MAP)
				add_entry(h, es, root->kids[i], real ? real : dir);
		free(real);
		ydoc_free(&doc);
	} else if (access(path, R_OK) == 0) {
		rc = -1; /* the parse error was reported */
	}
	free(path);
	return rc;
}

static size_t stem_len(const char *base)
{
	const char *dot = strrchr(base, '.');
	return dot ? (size_t)(dot - base) : strlen(base);
}

/* How well entry file f suits header p: the same stem first, then the
 * longest common directory prefix. */
static size_t score(const char *f, const char *p)
{
	const char *bf = strrchr(f, '/'), *bp = strrchr(p, '/');
	bf = bf ? bf + 1 : f;
	bp = bp ? bp + 1 : p;
	size_t s = 0;
	while (f[s] && f[s] == p[s])
		s++;
	size_t n = stem_len(bf);
	if (n == stem_len(bp) && !strncmp(bf, bp, n))
		s += 100000;
	return s;
}

/* Can libclang read dir's database? 1 yes, 0 read it here (an entry
 * libclang would refuse, with its own message on stderr, or a relative
 * directory), -1 after a diagnostic (not JSON). */
static int judge(const char *dir)
{
	char *path = xasprintf("%s/compile_commands.json", dir);
	if (access(path, R_OK) != 0) {
		free(path);
		return 1; /* compile_flags.txt */
	}
	struct ydoc doc;
	if (ydoc_load_file(&doc, path, NULL)) {
		free(path);
		return -1;
	}
	const struct ynode *root = doc.root;
	int how = root && root->kind == YN_SEQ;
	for (size_t i = 0; how > 0 && i < root->len; i++) {
		const struct ynode *o = root->kids[i];
		const char *d = str_of(o, "directory");
		const struct ynode *args = ydoc_get(o, "arguments");
		if (!d || *d != '/' || !str_of(o, "file") ||
		    (!(args && args->kind == YN_SEQ) && !str_of(o, "command")))
			how = 0;
	}
	ydoc_free(&doc);
	free(path);
	return how;
}

static int borrow_own(struct hdr_set *h, const char *dir, struct cdb_entries *es, const char *path,
                      const char ***args, size_t *n)
{
	if (!es->loaded && load_entries(h, dir, es))
		return -1;
	const struct cdb_entry *best = NULL;
	size_t best_score = 0;
	for (size_t i = 0; i < es->n; i++) {
		size_t sc = score(es->v[i].file, path);
		if (!best || sc > best_score) {
			best = &es->v[i];
			best_score = sc;
		}
	}
	if (best && best->argc)
		*n = keep(h, best->dir, best->argv + 1, best->argc - 1, args);
	return 0;
}

static bool has_database(const char *dir)
{
	char *a = xasprintf("%s/compile_commands.json", dir);
	char *b = xasprintf("%s/compile_flags.txt", dir);
	bool ok = access(a, R_OK) == 0 || access(b, R_OK) == 0;
	free(a);
	free(b);
	return ok;
}

static void add_header(struct hdr_group *gr, const char *path)
{
	*VEC_PUSH(gr->headers, gr->n_headers, gr->cap) = path;
}

int hdr_group_units(struct hdr_set *h, const struct hdr_options *opt, const char *const *paths,
                    size_t n, struct hdr_groups *out)
{
	if (!opt->compile_commands) {
		struct hdr_group *gr = group_for(h, out, NULL, 0);
		for (size_t i = 0; i < n; i++)
			add_header(gr, paths[i]);
		return 0;
	}
	if (!has_database(opt->compile_commands)) {
		struct loc at = {loc_intern(opt->compile_commands), 0, 0};
		diag_error(&at, "no compile_commands.json or compile_flags.txt in this directory");
		return -1;
	}
	struct cdb_entries own = {0};
	int rc = 0;
	int how = judge(opt->compile_commands);
	if (how < 0)
		return -1;
	CXCompilationDatabase_Error err;
	CXCompilationDatabase db =
	        how ? clang_CompilationDatabase_fromDirectory(opt->compile_commands, &err) : NULL;
	for (size_t i = 0; i < n && rc == 0; i++) {
		const char **args = NULL;
		size_t na = 0;
		CXCompileCommands cmds =
		        db ? clang_CompilationDatabase_getCompileCommands(db, paths[i]) : NULL;
		if (cmds && clang_CompileCommands_getSize(cmds) > 0)
			na = borrow(h, clang_CompileCommands_getCommand(cmds, 0), &args);
		else
			rc = borrow_own(h, opt->compile_commands, &own, paths[i], &args, &na);
		if (cmds)
			clang_CompileCommands_dispose(cmds);
		add_header(group_for(h, out, args, na), paths[i]);
	}
	if (db)
		clang_CompilationDatabase_dispose(db);
	free(own.v);
	return rc;
}

void hdr_groups_free(struct hdr_groups *g)
{
	for (size_t i = 0; i < g->n; i++)
		free(g->v[i].headers);
	free(g->v);
	memset(g, 0, sizeof *g);
}

int hdr_cdb_files(struct hdr_set *h, const char *dir, const char ***out, size_t *n)
{
	if (!has_database(dir)) {
		struct loc at = {loc_intern(dir), 0, 0};
		diag_error(&at, "no compile_commands.json or compile_flags.txt in this directory");
		return -1;
	}
	struct cdb_entries es = {0};
	if (load_entries(h, dir, &es)) {
		free(es.v);
		return -1;
	}
	const char **v = arena_alloc(&h->arena, (es.n + 1) * sizeof *v);
	*n = 0;
	for (size_t i = 0; i < es.n; i++) {
		bool dup = false;
		for (size_t j = 0; j < *n && !dup; j++)
			dup = !strcmp(v[j], es.v[i].file);
		if (!dup)
			v[(*n)++] = es.v[i].file;
	}
	free(es.v);
	*out = v;
	return 0;
}
