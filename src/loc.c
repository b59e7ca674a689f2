/*
 * loc.c - the path pool: one entry per input file, found by the path as
 * given or as shown in a hash (a checked tree has thousands of headers);
 * display paths are made relative to the working directory.
 */
#include "config.h"

#include "loc.h"
#include "util.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct pooled {
	struct pooled *next;
	char *given;
	char *shown;
};

static struct pooled *pool;
static struct strmap by_given, by_shown; /* -> the entry's display path */
static char *cwd;
/* the spec and the headers are loaded at once (-j) */
static pthread_mutex_t pool_mu = PTHREAD_MUTEX_INITIALIZER;

/* path relative to the working directory, climbing with "../" when it is
 * not below it (as long as that is shorter than the absolute path). */
static char *relative(const char *path)
{
	/* the longest directory prefix path and cwd share */
	size_t common = 0;
	for (size_t i = 0; path[i] && path[i] == cwd[i]; i++)
		if (path[i + 1] == '/' && (cwd[i + 1] == '/' || cwd[i + 1] == '\0'))
			common = i + 1;
	struct sbuf sb = {0};
	for (const char *p = cwd + common; *p; p++)
		if (*p == '/')
			sbuf_puts(&sb, "../");
	sbuf_puts(&sb, path + common + 1);
	char *r = sbuf_take(&sb);
	if (strlen(r) >= strlen(path)) {
		free(r);
		return xstrdup(path);
	}
	return r;
}

static char *display_path(const char *path)
{
	if (!cwd) {
		cwd = getcwd(NULL, 0);
		if (!cwd)
			cwd = xstrdup("");
	}
	size_t n = strlen(cwd);
	if (path[0] == '/' && n > 1 && strncmp(path, cwd, n) == 0 && path[n] == '/')
		path += n + 1;
	else if (path[0] == '/' && n > 1)
		return relative(path);
	while (path[0] == '.' && path[1] == '/')
		path += 2;
	return xstrdup(path);
}

static const char *intern(const char *path)
{
	const char *known = strmap_get(&by_given, path);
	if (!known)
		known = strmap_get(&by_shown, path);
	if (known)
		return known;
	char *shown = display_path(path);
	known = strmap_get(&by_shown, shown);
	if (known) {
		free(shown);
		return known;
	}
	struct pooled *p = xmalloc(sizeof *p);
	p->given = xstrdup(path);
	p->shown = shown;
	p->next = pool;
	pool = p;
	strmap_put(&by_given, p->given, p->shown);
	strmap_put(&by_shown, p->shown, p->shown);
	return p->shown;
}

const char *loc_intern(const char *path)
{
	if (!path)
		return NULL;
	pthread_mutex_lock(&pool_mu);
	const char *shown = intern(path);
	pthread_mutex_unlock(&pool_mu);
	return shown;
}

void loc_pool_free(void)
{
	while (pool) {
		struct pooled *next = pool->next;
		free(pool->given);
		free(pool->shown);
		free(pool);
		pool = next;
	}
	strmap_free(&by_given);
	strmap_free(&by_shown);
	free(cwd);
	cwd = NULL;
}
