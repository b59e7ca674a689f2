/*
 * loc.h - places in input files. Paths are interned once in a pool and
 * shown relative to the current directory when they lie below it, so every
 * report names files the way the user can open them.
 */
#ifndef OAC_LOC_H
#define OAC_LOC_H

/* A place in a file; line and col are 1-based, line 0 means "no place". */
struct loc {
	const char *file; /* interned display path, or NULL */
	unsigned line, col;
};

/* Intern a path (as given, or absolute): returns the display path, which
 * lives until loc_pool_free(). */
const char *loc_intern(const char *path);
void loc_pool_free(void);

#endif
