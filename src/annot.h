/*
 * annot.h - the annotation language: @word tags in C comments (SPEC §6).
 * A pure function of a string: no libclang, no files, so it can be fuzzed.
 */
#ifndef OAC_ANNOT_H
#define OAC_ANNOT_H

#include <stdbool.h>
#include <stddef.h>

enum annot_tag {
	AT_SCHEMA,
	AT_JSON,
	AT_IGNORE,
	AT_FORMAT,
	AT_TYPE,
	AT_COUNT,
	AT_PRESENT,
	AT_OPTIONAL,
	AT_EXAMPLE,
	AT_VALUE,
	AT_NOCHECK,
	AT_NTAGS
};

struct annot {
	enum annot_tag tag;
	char *arg;          /* the argument, or NULL; for @nocheck the rule list */
	char *reason;       /* @nocheck only */
	unsigned line, col; /* of the '@', absolute in the file */
	bool used;          /* @nocheck: it suppressed something */
};

/* A mistake in an annotation: rule is "annotation-unknown" or
 * "annotation-invalid". */
struct annot_problem {
	const char *rule;
	char *message;
	unsigned line, col;
};

struct annot_set {
	struct annot *v;
	size_t n, cap;
	struct annot_problem *probs;
	size_t n_probs, probs_cap;
};

/* Parse one comment's raw text (with its // or / * markers) that starts at
 * line:col of its file, adding tags and problems to out. */
void annot_parse(struct annot_set *out, const char *text, size_t len, unsigned line, unsigned col);
void annot_set_free(struct annot_set *set);

/* The first tag of a kind, or NULL. */
const struct annot *annot_find(const struct annot_set *set, enum annot_tag tag);
const char *annot_tag_name(enum annot_tag tag);
/* The JSON types @type accepts. */
bool annot_is_json_type(const char *s);

#endif
