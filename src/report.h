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

extern const struct reporter report_text;

const struct reporter *report_find(const char *name);
/* Write to path atomically (a temporary file in the same directory, then
 * rename), or to stdout when path is NULL or "-". Returns 0, or -1 after a
 * diagnostic; on failure an existing file at path is left untouched. */
int report_emit(const struct reporter *r, const struct report_input *in, const char *path);

#endif
