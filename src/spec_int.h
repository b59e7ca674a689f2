/*
 * spec_int.h - what spec_load.c and spec_ref.c share and nobody else sees.
 */
#ifndef OAC_SPEC_INT_H
#define OAC_SPEC_INT_H

#include "spec.h"
#include "ydoc.h"

struct spec_file {
	struct spec_file *next;
	char *path; /* absolute and normalised; the key of the file cache */
	struct ydoc doc;
};

#endif
