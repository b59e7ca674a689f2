/*
 * rules.h - the rule table (every finding's id, default level and one-line
 * summary) and the rule set a check runs with: severities, naming rules
 * and type mappings, read from the preset and rules files in rules/.
 */
#ifndef OAC_RULES_H
#define OAC_RULES_H

#include <stdbool.h>
#include <stddef.h>

enum level { LEVEL_OFF, LEVEL_INFO, LEVEL_WARNING, LEVEL_ERROR };

/* A rule whose default depends on the case (missing-field: error when
 * required) has LEVEL_DEPENDS; the diff decides. */
#define LEVEL_DEPENDS ((enum level)100)

struct rule {
	const char *id;
	enum level level;
	const char *summary;
};

extern const struct rule rule_table[];
extern const size_t rule_count;

const struct rule *rule_find(const char *id);
/* Index of a rule in rule_table, or -1. */
int rule_index(const char *id);
const char *level_name(enum level l);
/* Parse "error", "warning", "info", "off" (and "never" when allowed). */
int level_parse(const char *s, enum level *out);

/* The rule set of one check. */
struct ruleset {
	int severity[64]; /* per rule_table index: -1 default, else enum level */
};

void ruleset_init(struct ruleset *rs);

/* Where the presets and rule descriptions are: $OACHECK_RULES_DIR, the
 * source tree for a binary run from its build tree, else the installed
 * $(pkgdatadir)/rules. The string lives for the whole run. */
const char *rules_dir(void);

#endif
