/*
 * hdr_int.h - what the hdr_*.c files share: the walker state of one
 * translation unit. Only hdr_*.c include libclang.
 */
#ifndef OAC_HDR_INT_H
#define OAC_HDR_INT_H

#include "hdr.h"
#include "hdr_cmt.h"

#include "clang_shim.h"

/* What the walker knows about one file of the translation unit. */
struct hfile {
	CXFile file;
	const char *path;  /* real path (or the unsaved name) */
	const char *shown; /* interned display path, once asked for */
	bool scope;        /* one of the headers being checked, or reached from one */
	bool scanned;
	unsigned defs;   /* in-scope records, enums and typedefs taken from it */
	const char *buf; /* clang's copy of the text, valid with the TU */
	size_t len;
	struct cmt_index cmts;
};

/* A clang error with a place, kept to decide which records it broke and
 * which declaration it falls in (hdr_broken.c). */
struct hdr_err {
	CXFile file;
	unsigned offset;
	size_t msg;       /* its message in the verdict, or SIZE_MAX */
	const char *text; /* that message's text, or NULL */
	bool scope;       /* in a header being checked */
	/* the declaration it falls in, as struct hdr_msg says */
	const struct hdr_record *rec;
	const char *member;
	const struct hdr_enum *enm;
	const char *func;
};

struct walker {
	struct hdr_set *h;
	const struct strmap *scope; /* real paths of this unit's headers */
	const struct strmap *named; /* every unit's own headers */
	struct strmap *claimed;     /* reached headers -> the scope that took them */
	struct strmap roots;        /* directories of this unit's headers */
	bool roots_ready;
	struct strmap by_usr; /* declarations of this translation unit */
	CXTranslationUnit tu;
	struct hfile **slots; /* open-addressing table keyed by CXFile */
	size_t n_slots, n_files;
	struct hdr_err *errs;
	size_t n_errs;
	unsigned broken; /* in-scope declarations clang could not parse */
};

/* Copy a CXString into the model's arena and dispose of it. */
const char *walk_str(struct walker *w, CXString s);
struct loc walk_loc(struct walker *w, CXSourceLocation where);
/* The file of a location (its expansion), or NULL. */
struct hfile *walk_hfile(struct walker *w, CXSourceLocation where, unsigned *offset);
void walk_files_free(struct walker *w);
/* Walk the translation unit into w->h; then count as broken the in-scope
 * files that have errors and gave nothing (a binary or garbled header). */
void walk_unit(struct walker *w);
/* Give anonymous records and enums their display names; after several
 * units, point types at the checked copy of each record and enum. */
void walk_finish(struct hdr_set *h, bool several_units);

/* The file's text with its comments indexed, or NULL. */
struct hfile *walk_scanned(struct walker *w, CXSourceLocation where, unsigned *offset);
/* Is the name at offset off of f not written there (a macro made it)? */
bool walk_from_macro(const struct hfile *f, size_t off, const char *name, size_t len);

/* hdr_place.c: where --fix may edit. The last member of rec (just read
 * from cursor c), the record itself once its members are read, a typedef
 * that names a record (its declaration starts before the record's), and
 * an in-scope file as parsed. */
void walk_member_places(struct walker *w, struct hdr_record *rec, CXCursor c);
void walk_record_places(struct walker *w, struct hdr_record *rec, CXCursor c);
void walk_typedef_places(struct walker *w, struct hdr_record *rec, CXCursor td);
void walk_note_file(struct walker *w, const struct hfile *f);

/* hdr_broken.c: what clang could not parse. Place the errors inside c's
 * extent in the declaration at (w->errs[i].rec, .member, .enm or .func:
 * the copy in at is set wholesale, the innermost place wins as the walk
 * goes inward; returns how many there are; outer: only those no inner
 * declaration took, for a typedef around an enum); find the bad items of a broken enum being
 * defined by def, and then mark the enumerators clang made from parts of them. */
unsigned broken_place(struct walker *w, CXCursor c, const struct hdr_err *at, bool outer);
void broken_enum_items(struct walker *w, struct hdr_enum *e, CXCursor def);
void broken_enum_fragments(struct hdr_enum *e);

void hdr_type_read(struct walker *w, CXType t, struct hdr_type *out);
struct hdr_record *hdr_record_get(struct walker *w, CXCursor decl);
struct hdr_enum *hdr_enum_get(struct walker *w, CXCursor decl);

#endif
