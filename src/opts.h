/*
 * opts.h - the command line and .oacheck.yaml, read into one struct opts.
 * Both are driven by one option table, so every long option is also a
 * config key and the two cannot drift apart. Command-line values win.
 */
#ifndef OAC_OPTS_H
#define OAC_OPTS_H

#include "rules.h"

#include <stdbool.h>
#include <stddef.h>

struct strlist {
	char **v;
	size_t n, cap;
};
void strlist_add(struct strlist *l, const char *s);
void strlist_free(struct strlist *l);

enum color_mode { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

struct opts {
	struct strlist spec; /* --spec, repeatable: the documents checked together */
	struct strlist headers;
	struct strlist sources;    /* --sources: C files and directories (the wire check) */
	char *cache_dir;           /* --cache-dir: the wire check's cache */
	bool no_cache;             /* --no-cache */
	struct strlist clang_args; /* -I, -D, --std, --target, --clang-arg, in order */
	char *compile_commands;
	char *preset;
	struct strlist rules;
	char *config;
	bool no_config;
	struct strlist schemas;
	bool strict_json_names;
	char *format;
	char *output;
	char *fail_on;       /* error, warning, info, never */
	double min_coverage; /* < 0: none */
	char *baseline, *write_baseline;
	long jobs;
	bool list_rules;
	char *explain;
	struct strlist emit_struct; /* names, globs, comma lists */
	bool fix, fix_dry_run;
	bool quiet, verbose;
	enum color_mode color;
	bool help, version;
	bool dump_spec, dump_headers;
	bool allow_outside_refs;
	int severity[64]; /* per rule_table index: -1 unset */

	/* which fields the command line set (by option table index) */
	unsigned char set[64];
	char *config_dir; /* where the config file was, for its relative paths */
};

/* Parse argv and the config file into o. Returns 0, or -1 after a
 * diagnostic (exit 2). */
int opts_parse(struct opts *o, int argc, char **argv);
/* Apply a config file (already chosen) to o; used by opts_parse. */
int opts_load_config(struct opts *o, const char *path);
void opts_free(struct opts *o);
void opts_usage(void *fp);
/* Colour the report? --color, else a terminal without NO_COLOR. */
bool opts_use_color(const struct opts *o);
/* Answer --help, --version, --list-rules or --explain on stdout: returns
 * the exit status (2: no such rule), or -1 when none of them was asked. */
int opts_answer(const struct opts *o);
/* The fail-on level: LEVEL_ERROR..LEVEL_INFO, or LEVEL_OFF for never. */
enum level opts_fail_level(const struct opts *o);

#endif
