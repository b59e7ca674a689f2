/*
 * hdr_cmt.h - which comments of a header belong to which declaration, as a
 * user means them. libclang attaches at most one comment to a declaration
 * and loses many (FACTS.md §1.2), so the walker finds them itself in the
 * file's text: a pure function of a buffer and offsets, no libclang.
 */
#ifndef OAC_HDR_CMT_H
#define OAC_HDR_CMT_H

#include <stdbool.h>
#include <stddef.h>

/* One comment in a file: [begin, end) byte offsets, 1-based place. */
struct cmt {
	size_t begin, end;
	unsigned line, col;
	bool after_code; /* code precedes it on its line: a trailing comment */
	bool directive;  /* on a preprocessor line (#endif // X) */
	bool back; /* ///<, //!< and the block forms with *< or !<: it documents what precedes it */
};

struct cmt_index {
	struct cmt *v;
	size_t n, cap;
};

/* Every comment of buf (strings and character literals skipped). */
void cmt_scan(struct cmt_index *ix, const char *buf, size_t len);
void cmt_index_free(struct cmt_index *ix);

/* A set of comment indices, in file order. */
struct cmt_pick {
	size_t v[32];
	size_t n;
};

enum cmt_decl { CMT_FIELD, CMT_ENUMERATOR };

/* Comments before a declaration starting at begin: the nearest run of
 * comments on their own lines with nothing but blanks and conditional
 * directives (#if, #ifdef, #endif ...) between them and it. */
void cmt_leading(const struct cmt_index *ix, const char *buf, size_t begin, struct cmt_pick *out);
/* Comments after a declarator whose name starts at name (macro: the name
 * is a macro call there) up to the end of the terminator's line, plus the
 * ///< lines that continue them. */
void cmt_trailing(const struct cmt_index *ix, const char *buf, size_t len, size_t name,
                  size_t name_len, enum cmt_decl kind, bool macro, struct cmt_pick *out);
/* Comments between begin and the first '{', and after it on its line. */
void cmt_brace_line(const struct cmt_index *ix, const char *buf, size_t len, size_t begin,
                    struct cmt_pick *out);
/* Comments after a record's closing brace at end when only ';' follows. */
void cmt_after_close(const struct cmt_index *ix, const char *buf, size_t len, size_t end,
                     struct cmt_pick *out);

/* The offset of the '}' closing the first '{' at or after begin, len when
 * it is never closed, or (size_t)-1 when a ';' comes before any '{'. */
size_t cmt_body_end(const struct cmt_index *ix, const char *buf, size_t len, size_t begin);

/* [begin, end) of a part of a file. */
struct cmt_span {
	size_t begin, end;
};
/* The items of the first brace list at or after begin (an enum's body):
 * the text between '{', each ',' and '}' at the list's own depth, comments
 * and literals skipped. Stores up to cap of them in out and returns how
 * many there are (0: a ';' comes first). An empty last item (a trailing
 * comma) counts. */
size_t cmt_list_items(const struct cmt_index *ix, const char *buf, size_t len, size_t begin,
                      struct cmt_span *out, size_t cap);
/* The text of sp with its comments blanked and blanks trimmed at both
 * ends, into out (room for sp.end - sp.begin + 1 bytes); returns its
 * length. */
size_t cmt_strip(const struct cmt_index *ix, const char *buf, struct cmt_span sp, char *out);

#endif
