/*
 * hdr_int.h - what hdr_walk.c and hdr_type.c share: the walker state.
 * Only these two files include libclang.
 */
#ifndef OAC_HDR_INT_H
#define OAC_HDR_INT_H

#include "hdr.h"

#include <clang-c/Index.h>

struct walker {
	struct hdr_set *h;
	struct strmap scope; /* absolute paths of the headers being checked */
};

/* Copy a CXString into the model's arena and dispose of it. */
const char *walk_str(struct walker *w, CXString s);
struct loc walk_loc(CXSourceLocation where);
/* The file a cursor was expanded in (absolute), or NULL. */
const char *walk_file(struct walker *w, CXCursor c);

void hdr_type_read(struct walker *w, CXType t, struct hdr_type *out);
struct hdr_record *hdr_record_get(struct walker *w, CXCursor decl);
struct hdr_enum *hdr_enum_get(struct walker *w, CXCursor decl);

#endif
