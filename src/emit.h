/*
 * emit.h - --emit-struct: an annotated C declaration for a schema, as a
 * starting point for a missing binding. What it prints checks clean
 * against the spec it came from.
 */
#ifndef OAC_EMIT_H
#define OAC_EMIT_H

#include "rules.h"
#include "spec.h"

#include <stdio.h>

/* Print the struct (or enum) for schema name. Returns 0, or -1 after a
 * diagnostic when the spec has no such schema (exit 2). */
int emit_struct(FILE *fp, struct spec *spec, const char *name, const struct ruleset *rs);

/* The declaration of the member that would hold p, on one line (the
 * fix-it under missing-field); owner names inline enums. Caller frees. */
char *emit_member_decl(const struct spec_prop *p, const char *owner, const struct ruleset *rs);

#endif
