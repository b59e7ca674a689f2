/*
 * report.h - the reporter registry. Each format is one file exporting one
 * constant descriptor; each is handed the finished, sorted result.
 */
#ifndef OAC_REPORT_H
#define OAC_REPORT_H

#include "diff.h"

#include <stdbool.h>
#include <stdio.h>

struct report_input {
	const struct result *res;
	const char *spec_file; /* display path of the spec */
	bool color;
	bool verbose;
	bool quiet;
};

struct reporter {
	const char *name;
	/* Write the report; returns 0, or -1 on a write error. */
	int (*write)(FILE *fp, const struct report_input *in);
};

/* The formats, in the order --help and the man page list them. */
extern const struct reporter report_text, report_json, report_sarif, report_junit, report_github;

/* The version of the json format's document structure ("version" in it):
 * raised whenever a field changes meaning or goes away; new fields may be
 * added without a raise. docs/oacheck-report.schema.json describes it. */
#define REPORT_JSON_VERSION 1

/* Helpers the reporters share (report.c). */

/* A copy of s that is valid UTF-8 (JSON and XML need it; spec names and
 * comments may hold any bytes): each byte that does not start a valid
 * sequence becomes U+FFFD. Returns NULL for NULL; the caller frees. */
char *report_utf8(const char *s);
/* A file's display path relative to the current directory: loc keeps
 * paths below it relative, and a path elsewhere that shares its first
 * component with the current directory becomes "../..."; others (system
 * headers) stay absolute. Valid until report_emit returns. */
const char *report_path(const char *file);
/* a in b as a percentage with one decimal, the number the text summary
 * prints; 100 when b is 0. */
double report_pct(unsigned a, unsigned b);
/* The coverage object of the json format, which the sarif format carries
 * too (report_json.c; a jansson json_t, new reference). */
struct json_t *report_json_coverage(const struct result *r);
/* The note a finding's fix-it adds: "add member: ...", "change type:
 * ...", "add annotation: @json ...", "rename member: ...", or NULL.
 * Caller frees. */
char *report_fix_note(const struct finding *f);
/* Where a finding is shown: its C side, else its spec side, else NULL. */
const struct loc *report_main_loc(const struct finding *f);

const struct reporter *report_find(const char *name);
/* Write to path atomically (a temporary file in the same directory, then
 * rename), or to stdout when path is NULL or "-". Returns 0, or -1 after a
 * diagnostic; on failure an existing file at path is left untouched. */
int report_emit(const struct reporter *r, const struct report_input *in, const char *path);

#endif
