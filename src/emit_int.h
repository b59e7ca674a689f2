/*
 * emit_int.h - the emitter's state, shared by emit.c (the C for one
 * schema, one member, one type) and emit_all.c (a whole header of many
 * schemas in dependency order).
 */
#ifndef OAC_EMIT_INT_H
#define OAC_EMIT_INT_H

#include "emit.h"
#include "util.h"

struct emitter {
	struct sbuf pre;         /* enums (and forward declarations unless split) */
	struct sbuf fwd;         /* forward declarations, when split */
	bool split;              /* a whole header: forward declarations apart */
	bool no_forward;         /* a fix-it: no forward declarations at all */
	struct strmap tags;      /* tag -> the schema it names (keys borrowed from by_schema) */
	struct strmap by_schema; /* "%p" of a schema -> its tag (both owned) */
	const struct ruleset *rs;
	const struct emit_opts *eo;
	const char *force_name; /* the top member's name, when kept */
	const char *indent;     /* of a top member (NULL: one tab) */
	bool plain;             /* the last member needed no note and no count */
};

/* The tag of the struct or enum for schema sc named name (its last
 * pointer segment for a pointer): one per schema, never another's.
 * *fresh: first asked. Owned by e. */
const char *emit_tag(struct emitter *e, const struct spec_schema *sc, const char *name,
                     bool *fresh);
/* The definition of struct tag for object schema sc, with its comment. */
void emit_record(struct emitter *e, struct sbuf *out, const struct spec_schema *sc,
                 const char *name, const char *tag);
/* Declare (once) the enum for enum schema sc into e->pre; its tag. */
const char *emit_enum(struct emitter *e, const struct spec_schema *sc, const char *name);
/* Is sc an enum schema (not an object)? */
bool emit_is_enum(const struct spec_schema *sc);
void emitter_free(struct emitter *e);

#endif
