/*
 * hdr_idiom.h - the JSON idioms the walk of hdr_flow.c knows, each in one
 * file holding one constant descriptor, the way reporters are: JSON calls
 * with a key argument (hdr_flow_call.c), descriptor tables
 * (idiom_table.c), key paths (idiom_path.c), stateful builders
 * (idiom_builder.c) and printf templates (idiom_printf.c). The walk offers
 * every call, every variable declared and each function's start and end
 * to the idioms in the registry's order; each turns what it knows into
 * sites of the wire model (wire.h) with the walker's own means
 * (hdr_flow_int.h), so that every finding and coverage figure of the wire
 * stage works the same for all of them.
 */
#ifndef OAC_HDR_IDIOM_H
#define OAC_HDR_IDIOM_H

#include "hdr_flow_int.h"

struct idiom {
	const char *name;
	/* A call to a function whose json-calls entry is wc (NULL: none):
	 * true when it is this idiom's, with the facts of its value in *out. */
	bool (*call)(struct flow *f, CXCursor c, const char *callee, const struct wire_call *wc,
	             int n_args, struct fset *out);
	/* A variable declared, in a function or at file scope (then the walk
	 * stands in a scope named after the variable). */
	void (*declare)(struct flow *f, CXCursor var);
	/* A function's walk ends (its sites are all made). */
	void (*end)(struct flow *f);
	/* The unit's walk ends: free the idiom's state (f->idiom[slot]). */
	void (*done)(struct flow *f);
};

/* The registry, in the order a call is offered: the idioms that claim
 * calls by a field of their json-calls entry first, plain calls last. */
enum idiom_slot { IDIOM_TABLE, IDIOM_PATH, IDIOM_BUILDER, IDIOM_PRINTF, IDIOM_CALLS, N_IDIOMS };
extern const struct idiom idiom_table, idiom_path, idiom_builder, idiom_printf, idiom_calls;
extern const struct idiom *const flow_idioms[N_IDIOMS];

/* --- helpers the idioms share (hdr_idiom.c) -------------------------- */

/* The chain parent (a chain's id, -1: none) and then the member field (a
 * FieldDecl) of its record. */
fact flow_field_chain(struct flow *f, long parent, CXCursor field);
/* Where c is (its expansion), in the unit's source. */
struct loc flow_place(struct flow *f, CXCursor c);
/* A new identity for a JSON value built from nothing (a template's root). */
struct fset flow_new_value(struct flow *f);
/* The @schema a comment on decl (a function, variable or parameter)
 * gives, with its place; NULL: none. */
const char *flow_schema_of(struct flow *f, CXCursor decl, struct loc *at);
/* Give site s (a root) the @schema of the variable obj names, else of the
 * function being walked. */
void flow_root_schema(struct flow *f, size_t s, CXCursor obj);
/* The initializer of the variable c refers to (a DeclRefExpr), or a null
 * cursor. */
CXCursor flow_initializer(CXCursor ref);
/* Is the expression a JSON value by its type: a pointer to (or a) type
 * the rules' types: map to a JSON object, array or any (json_object *,
 * cJSON *, JsonNode *)? */
bool flow_json_typed(struct flow *f, CXCursor expr);
/* The byte range [*b, *e) of c's expansion in the main file's text; false
 * when it is not in the main file. */
bool flow_extent(struct flow *f, CXCursor c, unsigned *b, unsigned *e);
/* The place of byte offset off of the main file. */
struct loc flow_place_at(struct flow *f, unsigned off);

#endif
