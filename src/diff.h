/*
 * diff.h - the struct check: the C model against the spec model under a
 * rule set, as findings and coverage into a result. Its bindings (grown
 * by the structs met through a member's $ref) are left for the stages
 * after it (the wire check); diff_finish ends the result.
 */
#ifndef OAC_DIFF_H
#define OAC_DIFF_H

#include "bind.h"
#include "hdr.h"
#include "result.h"
#include "rules.h"
#include "spec.h"

struct diff_options {
	const char *const *schema_globs; /* --schema; none: all */
	size_t n_schema_globs;
	bool strict_json_names;
	/* the bindings of spec and h (bind_schemas), or NULL to make them */
	const struct bindings *bindings;
};

/* What the struct check leaves for the stages after it. */
struct checked {
	struct spec *spec;
	const struct hdr_set *h; /* never NULL (an empty set when none) */
	const struct ruleset *rs;
	const struct diff_options *opt;
	struct result *res;
	struct bindings b;
};

/* Compare into res (a new result): findings unsorted, coverage complete;
 * *out holds what the next stages need until diff_finish. */
void diff_run(struct checked *out, struct result *res, struct spec *spec, const struct hdr_set *h,
              const struct ruleset *rs, const struct diff_options *opt);
/* After the last stage: @nocheck that suppressed nothing (nocheck-unused),
 * the binding hint, the final order; frees what diff_run kept. */
void diff_finish(struct checked *c);
/* diff_run and diff_finish with no stage between (tests). */
void diff_all(struct result *res, struct spec *spec, const struct hdr_set *h,
              const struct ruleset *rs, const struct diff_options *opt);

#endif
