/*
 * hdr.h - the C model: records (structs and unions), enums and typedefs of
 * the user's headers with their members, types as clang sees them for the
 * target, comments and annotations, and places. Built by hdr_load from one
 * libclang translation unit; read-only afterwards. Nothing here exposes
 * libclang.
 */
#ifndef OAC_HDR_H
#define OAC_HDR_H

#include "annot.h"
#include "loc.h"
#include "util.h"

#include <stdbool.h>
#include <stddef.h>

enum hdr_kind {
	HK_OTHER,
	HK_VOID,
	HK_BOOL,
	HK_CHAR, /* plain char: the element of C strings */
	HK_INT,  /* every other integer type, signed char and unsigned char too */
	HK_FLOAT,
	HK_RECORD,
	HK_ENUM,
	HK_FUNCTION,
};

enum { HDR_MAX_DIMS = 8, HDR_MAX_CHAIN = 8 };

struct hdr_record;
struct hdr_enum;

/* A place in a header's text, for the edits --fix makes: the byte offset
 * in the file as parsed, and clang's 1-based line and column of it. */
struct hdr_pos {
	unsigned off, line, col;
};

/* A member's type, seen from outside in: array dimensions, then pointer
 * levels, then the base type. char *names[4] is dims {4}, ptr 1, HK_CHAR. */
struct hdr_type {
	enum hdr_kind kind;   /* of the base */
	const char *spelling; /* as declared: "const char *", "int32_t" */
	const char *base;     /* base as spelled: "int32_t", "list_t", "char" */
	const char *canon;    /* base canonical spelling: "int", "struct list" */
	unsigned bits;        /* width of the base (integers, floats, bool) */
	bool is_signed;
	bool is_const; /* the base is const */
	unsigned ptr;  /* pointer levels */
	unsigned n_dims;
	long long dims[HDR_MAX_DIMS];     /* -1: flexible array member */
	const char *chain[HDR_MAX_CHAIN]; /* typedef names met, outermost first */
	unsigned n_chain;
	struct hdr_record *record; /* HK_RECORD: its definition, or NULL */
	struct hdr_enum *enm;      /* HK_ENUM */
};

struct hdr_member {
	const char *name;
	struct loc loc;
	struct hdr_type type;
	int bit_width; /* -1 unless a bitfield */
	long long offset_bits;
	struct annot_set annots;
	const char *comment; /* raw text of the attached comments, or NULL */
	bool from_anonymous; /* flattened out of a C11 anonymous struct/union */
	/* Its declaration's text, for --fix: from the type to the end of the
	 * declarator ([decl_begin, decl_end), no ';'), the name, and the place
	 * right after the ';'. editable is false when the declaration cannot
	 * be rewritten on its own: a macro wrote it, or it shares its type
	 * with other declarators (int a, b;). */
	struct hdr_pos decl_begin, decl_end, name_at, after_semi;
	bool editable;
	bool invalid; /* clang could not read its declaration (an unknown type name) */
};

struct hdr_record {
	const char *tag;     /* struct tag, or NULL */
	const char *tdname;  /* typedef name, or NULL */
	const char *display; /* name for messages */
	bool is_union;
	bool anonymous; /* no tag and no typedef: an inline member type */
	bool complete;  /* defined (not only declared) */
	bool in_scope;  /* defined in one of the headers being checked */
	struct loc loc;
	struct annot_set annots;
	const char *comment;
	struct hdr_member *members;
	size_t n_members, members_cap;
	long long size;
	const struct hdr_record *outer; /* inline records: the record holding it */
	const char *outer_member;       /* ... and the member's name */
	bool broken;                    /* clang reported an error inside it */
	/* the single-bit masks of the headers (all of them: the rules say
	 * which are this record's) */
	const struct hdr_bit *bits;
	size_t n_bits;
	int walk_state;
	/* --fix: where a new member goes (the start of the closing brace's
	 * line, or the brace itself when it follows code on its line), the
	 * members' indentation, and where a declaration the record needs goes
	 * (the start of the line of its first comment or token). */
	struct hdr_pos insert_at, decl_at;
	const char *indent;
	bool brace_own_line;
	bool editable;
};

struct hdr_enumerator {
	const char *name;
	long long value;
	struct loc loc;
	struct annot_set annots;
	bool fragment; /* clang made it from a part of a bad item (below) */
};

/* An item of an enum's list, between its commas, that holds a clang
 * error: what a generator wrote for a value that is no C identifier
 * (x_OBJECT_thread.run, x_TIME=100%, x_Not Set), or an enumerator defined
 * twice. clang recovers a part of it, or nothing. */
struct hdr_enum_bad {
	const char *text;  /* as written, blanks at the ends trimmed */
	struct loc loc;    /* where its text starts */
	struct loc end;    /* the ',' or '}' that ends it */
	const char *error; /* clang's first message inside it */
};

struct hdr_enum {
	bool broken; /* clang reported an error inside it */
	const char *tag, *tdname, *display;
	bool in_scope;
	struct loc loc;
	struct annot_set annots;
	struct hdr_enumerator *items;
	size_t n_items, items_cap;
	struct hdr_enum_bad *bad; /* in the arena */
	size_t n_bad;
	unsigned bits;
	bool is_signed;
};

struct hdr_typedef {
	const char *name;
	struct loc loc;
	struct annot_set annots;
	struct hdr_type type;
	bool in_scope;
};

/* A header being checked, as it was parsed: --fix edits it only when it
 * is unchanged since (same length and hash). */
struct hdr_file {
	const char *path; /* as locations show it */
	size_t len;
	unsigned long long hash; /* FNV-1a of the text */
};

/* A single-bit mask a header being checked defines: #define X (1<<4). */
struct hdr_bit {
	const char *name;
	unsigned long long value;
	struct loc loc;
};

struct hdr_set {
	struct arena arena;
	struct hdr_file *files; /* the in-scope headers met */
	size_t n_files, files_cap;
	struct strmap file_index;    /* path -> index + 1 in files */
	bool has_stdint;             /* <stdint.h>'s int64_t... are declared */
	struct hdr_record **records; /* in order of definition */
	size_t n_records, records_cap;
	struct hdr_enum **enums;
	size_t n_enums, enums_cap;
	struct hdr_typedef **typedefs;
	size_t n_typedefs, typedefs_cap;
	struct strmap by_usr;
	unsigned n_errors;    /* clang errors met */
	struct hdr_bit *bits; /* hdr_bits.c, in the order of the headers */
	size_t n_bits, bits_cap;
	/* clang's errors in the order met: findings of the check
	 * (header-error), printed by hdr_print_errors when the headers could
	 * not be loaded or are only dumped */
	struct hdr_msg *msgs;
	size_t n_msgs;
};

/* A clang error, with the declaration it falls in. */
struct hdr_msg {
	struct loc at;
	char *text;
	bool in_scope;                /* in a header being checked */
	const struct hdr_record *rec; /* the record it falls in, or NULL */
	const char *member;           /* ... and its member, or NULL */
	const struct hdr_enum *enm;   /* the enum it falls in, or NULL */
	const char *func;             /* the function whose prototype it is in, or NULL */
};

struct hdr_options {
	const char **headers; /* files, already expanded from directories */
	size_t n_headers;
	const char **clang_args; /* -I, -D, --target..., in order */
	size_t n_clang_args;
	const char *compile_commands; /* directory, or NULL */
	unsigned jobs;
};

/* Expand files and directories (recursively, *.h, sorted) into out.
 * Returns 0, or -1 after a diagnostic naming the path (exit 3). */
int hdr_expand_paths(const char *const *paths, size_t n, const char ***out, size_t *n_out);
void hdr_paths_free(const char **paths, size_t n);
/* The same with another file name ending (".c" for --sources). */
int hdr_expand_files(const char *const *paths, size_t n, const char *ext, const char ***out,
                     size_t *n_out);

/* Parse the headers. Returns the model, or NULL after diagnostics
 * (the caller exits 3). */
struct hdr_set *hdr_load(const struct hdr_options *opt);
/* The same from in-memory headers (tests): names[i] holds texts[i]. */
struct hdr_set *hdr_load_unsaved(const char *const *names, const char *const *texts, size_t n,
                                 const char *const *args, size_t n_args);
void hdr_free(struct hdr_set *h);

/* Print clang's errors kept in h as header-error warnings (--dump-headers,
 * which checks nothing). */
void hdr_print_errors(const struct hdr_set *h);
/* Add the single-bit #defines of a header's text (path: its display). */
void hdr_scan_bits(struct hdr_set *h, const char *path, const char *buf, size_t len);
/* A typedef by name, or NULL. */
const struct hdr_typedef *hdr_find_typedef(const struct hdr_set *h, const char *name);
/* The in-scope header at path (as locations show it), or NULL. */
const struct hdr_file *hdr_find_file(const struct hdr_set *h, const char *path);
/* FNV-1a hash of a text, as hdr_file.hash holds it. */
unsigned long long hdr_text_hash(const char *buf, size_t len);
/* Print the model (--dump-headers). */
void hdr_dump(const struct hdr_set *h, void *fp);
const char *hdr_kind_name(enum hdr_kind k);

#endif
