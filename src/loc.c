/*
 * loc.c - the path pool. Paths are few (one per input file), so a linear
 * list is enough; display paths are made relative to the working directory.
 */
#include "config.h"

#include "loc.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct pooled {
	struct pooled *next;
	char *given;
	char *shown;
};

static struct pooled *pool;
static char *cwd;

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
	while (path[0] == '.' && path[1] == '/')
		path += 2;
	return xstrdup(path);
}

const char *loc_intern(const char *path)
{
	if (!path)
		return NULL;
	for (struct pooled *p = pool; p; p = p->next)
		if (strcmp(p->given, path) == 0 || strcmp(p->shown, path) == 0)
			return p->shown;
	char *shown = display_path(path);
	for (struct pooled *p = pool; p; p = p->next)
		if (strcmp(p->shown, shown) == 0) {
			free(shown);
			return p->shown;
		}
	struct pooled *p = xmalloc(sizeof *p);
	p->given = xstrdup(path);
	p->shown = shown;
	p->next = pool;
	pool = p;
	return p->shown;
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
	free(cwd);
	cwd = NULL;
}
