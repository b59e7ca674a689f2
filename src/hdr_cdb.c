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

#include <clang-c/CXCompilationDatabase.h>

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

/* The kept flags of one command, paths made absolute; returns the count. */
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
	const char **kept = arena_alloc(&h->arena, (argc + 1) * sizeof *kept);
	size_t n = hdr_filter_args(argv, argc ? argc - 1 : 0, kept);
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
	free(argv);
	*out = kept;
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
	CXCompilationDatabase_Error err;
	CXCompilationDatabase db =
	        clang_CompilationDatabase_fromDirectory(opt->compile_commands, &err);
	for (size_t i = 0; i < n; i++) {
		const char **args = NULL;
		size_t na = 0;
		CXCompileCommands cmds =
		        db ? clang_CompilationDatabase_getCompileCommands(db, paths[i]) : NULL;
		if (cmds && clang_CompileCommands_getSize(cmds) > 0)
			na = borrow(h, clang_CompileCommands_getCommand(cmds, 0), &args);
		if (cmds)
			clang_CompileCommands_dispose(cmds);
		add_header(group_for(h, out, args, na), paths[i]);
	}
	if (db)
		clang_CompilationDatabase_dispose(db);
	return 0;
}

void hdr_groups_free(struct hdr_groups *g)
{
	for (size_t i = 0; i < g->n; i++)
		free(g->v[i].headers);
	free(g->v);
	memset(g, 0, sizeof *g);
}
