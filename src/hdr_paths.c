/*
 * hdr_paths.c - header (and source) arguments to files: directories are
 * searched recursively for *.h (*.c), in sorted order so that runs are
 * reproducible.
 */
#include "config.h"

#include "diag.h"
#include "hdr.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int expand_dir(const char *dir, const char *ext, const char ***out, size_t *n, size_t *cap,
                      unsigned depth)
{
	DIR *d = opendir(dir);
	if (!d) {
		struct loc at = {loc_intern(dir), 0, 0};
		diag_error(&at, "cannot read directory: %s", strerror(errno));
		return -1;
	}
	char **names = NULL;
	size_t nn = 0, ncap = 0;
	struct dirent *de;
	while ((de = readdir(d)))
		if (de->d_name[0] != '.')
			*VEC_PUSH(names, nn, ncap) = xstrdup(de->d_name);
	closedir(d);
	if (nn)
		qsort(names, nn, sizeof *names, cmp_str);
	int rc = 0;
	for (size_t i = 0; i < nn; i++) {
		char *p = xasprintf("%s/%s", dir, names[i]);
		struct stat st;
		size_t len = strlen(names[i]);
		if (stat(p, &st) == 0 && S_ISDIR(st.st_mode) && depth < 64) {
			if (expand_dir(p, ext, out, n, cap, depth + 1))
				rc = -1;
			free(p);
		} else if (len > 2 && !strcmp(names[i] + len - 2, ext) && S_ISREG(st.st_mode)) {
			*VEC_PUSH(*out, *n, *cap) = p;
		} else {
			free(p);
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

int hdr_expand_paths(const char *const *paths, size_t n, const char ***out, size_t *n_out)
{
	return hdr_expand_files(paths, n, ".h", out, n_out);
}

int hdr_expand_files(const char *const *paths, size_t n, const char *ext, const char ***out,
                     size_t *n_out)
{
	const char **v = NULL;
	size_t nv = 0, cap = 0;
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		if (stat(paths[i], &st) != 0) {
			struct loc at = {loc_intern(paths[i]), 0, 0};
			diag_error(&at, "cannot read: %s", strerror(errno));
			rc = -1;
		} else if (S_ISDIR(st.st_mode)) {
			char *d = xstrdup(paths[i]);
			size_t len = strlen(d);
			while (len > 1 && d[len - 1] == '/')
				d[--len] = '\0';
			if (expand_dir(d, ext, &v, &nv, &cap, 0))
				rc = -1;
			free(d);
		} else {
			*VEC_PUSH(v, nv, cap) = xstrdup(paths[i]);
		}
	}
	if (rc) {
		hdr_paths_free(v, nv);
		return -1;
	}
	*out = v;
	*n_out = nv;
	return 0;
}

void hdr_paths_free(const char **paths, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free((char *)paths[i]);
	free(paths);
}
