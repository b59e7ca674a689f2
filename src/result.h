/*
 * result.h - what the checking stages make together and the reporters
 * read: findings and coverage, as pure data; and the one way a stage adds
 * a finding (result_emit): at the level the rules set (or not at all),
 * unless an @nocheck where it stands suppresses it, with its spec place's
 * pointer named by document when several are given, and a fingerprint
 * that does not move with lines. The diff (the structs) and the wire
 * check (the code) both emit through it; neither sees the other.
 */
#ifndef OAC_RESULT_H
#define OAC_RESULT_H

#include "annot.h"
#include "hdr.h"
#include "loc.h"
#include "rules.h"
#include "spec.h"

/* A fix-it as edits of a header's text (--fix applies them, SARIF carries
 * them as fixes). Each kind has its own note line in the text report. */
enum fix_kind {
	FIX_ADD_MEMBER,  /* missing-field: a member declaration inserted */
	FIX_CHANGE_TYPE, /* type-mismatch, int-width, float-precision, string-capacity */
	FIX_ADD_JSON,    /* name-style: a trailing @json comment */
	FIX_RENAME,      /* a member renamed to the name its property wants */
	FIX_ADD_SCHEMA,  /* binding-mismatch: an @schema comment before the struct */
};

/* Replace [begin, end) of file (begin == end: insert) by text. */
struct fix_edit {
	const char *file; /* as locations show it (loc pool) */
	struct hdr_pos begin, end;
	char *text;
};

enum { FIX_MAX_EDITS = 2 };

struct fix {
	enum fix_kind kind;
	char *from, *to; /* for the note: old and new type or name; to: member or @json */
	struct fix_edit edits[FIX_MAX_EDITS];
	size_t n_edits;
};

struct finding {
	const char *rule;
	enum level level;
	char *message;
	struct loc cloc;         /* C side; file NULL when there is none */
	struct loc sloc;         /* spec side; file NULL when there is none */
	char *pointer;           /* JSON pointer, "#/components/schemas/Pet/..." */
	char *symbol;            /* C symbol, "pet_t.name" */
	char *schema;            /* schema name the finding belongs to, or NULL */
	char *note;              /* what the spec location shows, or NULL */
	char *fixit;             /* a declaration to add, a name to take..., or NULL */
	const char *fixit_label; /* what fixit is: "add member", "rename member" */
	struct fix *fix;         /* the edits that fix it, or NULL */
	char fingerprint[17];
};

struct coverage_row {
	char *schema;
	char *c_name; /* NULL when unbound */
	unsigned matched, total;
	unsigned written, read; /* properties the sources write and read (wire check) */
	size_t order;           /* the schema's place in the spec */
	const char *doc;        /* the document it is written in (NULL: the first) */
};

/* The coverage of one document given with --spec. */
struct doc_coverage {
	const char *doc;
	unsigned schemas_bound, schemas_total;
	unsigned props_matched, props_total;
};

/* A key of the code the spec cannot back (its object stands for no
 * schema of the given specs): no finding, but listed with --verbose and in
 * the json report, so that nothing is hidden. */
struct unmatched {
	struct loc at;
	char *message;
};

struct result {
	struct finding *findings;
	size_t n, cap;
	struct unmatched *unmatched; /* sorted with the findings */
	size_t n_unmatched, unmatched_cap;
	unsigned schemas_bound, schemas_total;
	unsigned props_matched, props_total;
	unsigned members_matched, members_total;
	bool wire; /* the sources were checked: props_written and props_read hold */
	unsigned props_written, props_read;
	struct coverage_row *rows;
	size_t n_rows, rows_cap;
	struct doc_coverage *docs; /* one per document (at least one) */
	size_t n_docs;
	unsigned count[4]; /* per enum level */
	char *hint;        /* for the user when nothing was bound, or NULL */
};

/* Where a finding stands, for @nocheck: the member's and the record's
 * annotations (either may be NULL). */
struct suppress {
	const struct annot_set *member;
	const struct annot_set *record;
};

struct finding_in {
	const char *rule;
	enum level level; /* default level for this case */
	struct loc cloc, sloc;
	const char *pointer; /* without '#' */
	const char *symbol;
	const char *schema;
	const char *fixit;
	struct fix *fix;         /* taken by result_emit */
	const char *fixit_label; /* default "add member" */
	const char *note;
	struct suppress sup;
};

/* A stage's way into a result: the rules that set levels, the spec that
 * names documents, and the coverage rows by schema name. */
struct result_sink {
	struct result *res;
	const struct ruleset *rs;
	const struct spec *spec;
	bool strict_json_names; /* name-style is an error */
	struct strmap rows;     /* schema name -> index + 1 of its row in res->rows */
};

/* Start emitting into res (its rows indexed as they are). */
void sink_init(struct result_sink *em, struct result *res, const struct spec *spec,
               const struct ruleset *rs, bool strict_json_names);
void sink_free(struct result_sink *em);
/* Add a finding (in->fix is taken), or none when its rule is off or an
 * @nocheck suppresses it (which is then marked used). */
void result_emit(struct result_sink *em, const struct finding_in *in, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
/* Add an unmatched key. */
void result_unmatched(struct result *res, struct loc at, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
/* The coverage row of a schema, or NULL; a new, zeroed one (it has none). */
struct coverage_row *result_row(struct result_sink *em, const char *schema);
struct coverage_row *result_new_row(struct result_sink *em, const char *schema);
/* Index the rows again after they were reordered. */
void sink_reindex(struct result_sink *em);

void result_free(struct result *res);
/* Free what one finding owns (not the finding itself). */
void finding_free(struct finding *f);
/* Order findings by file, line, column, rule, message. */
void result_sort(struct result *res);
/* The note line of a fix-it: "add member: int x;", "change type: 'float'
 * to 'double'", "add annotation: @json photoUrls", "rename member: 'a' to
 * 'b'". Caller frees. */
char *fix_describe(const struct fix *fx);
void fix_free(struct fix *fx);
/* "add-member", "change-type", "add-json", "rename", "add-schema" (json
 * and sarif). */
const char *fix_kind_name(enum fix_kind kind);
/* Property coverage in percent (100 when nothing is in scope). */
double result_prop_coverage(const struct result *res);

#endif
