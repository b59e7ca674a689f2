/*
 * hdr_flow.h - between hdr_src.c (source translation units, threads, the
 * merged model) and hdr_flow.c (the walk of one unit's function bodies).
 *
 * A unit's walk yields its sites and three kinds of summary that only the
 * whole program can join: a function that stores its parameter k in a
 * member (a constructor: pet_create_internal, make_x(&out, a, b)), a
 * function that passes parameter k on to another's argument j, and a call
 * that hands a value read at a site to argument j of a function.
 */
#ifndef OAC_HDR_FLOW_H
#define OAC_HDR_FLOW_H

#include "wire.h"

#include "clang_shim.h"

#include <stdint.h>

struct flow_store {
	const char *func;
	int param;
	const struct wire_chain *chain;
};

struct flow_pass {
	const char *func;
	int param;
	const char *callee;
	int arg;
};

/* A function that reads keys from its parameter param: handing it a
 * value read at a site nests an object there, it stores no member. */
struct flow_parsed {
	const char *func;
	int param;
};

struct flow_call {
	const char *callee;
	int arg;
	size_t site; /* in the unit, then in the set */
};

/* What the walk needs to know of the rules, built once for all threads. */
struct flow_rules {
	struct strmap calls;      /* name -> const struct wire_call * */
	struct strmap fields;     /* "record.member" -> const struct wire_field * */
	struct strmap converters; /* strtol, atoi...: name -> itself */
	struct strmap tables;     /* element type name -> const struct wire_table * */
	struct strmap formats;    /* name -> const struct wire_format * */
	struct strmap json_types; /* types: names that carry an object, array or any */
};

struct src_unit {
	struct arena arena; /* strings and chains; moved into the set */
	const char *path;   /* the source as given */
	struct wire_site *sites;
	size_t n_sites, sites_cap;
	const struct wire_chain **chains; /* by id */
	size_t n_chains, chains_cap;
	struct strmap chain_ids; /* link key -> id + 1 (keys in the arena) */
	struct flow_store *stores;
	size_t n_stores, stores_cap;
	struct flow_pass *passes;
	size_t n_passes, passes_cap;
	struct flow_call *calls;
	size_t n_calls, calls_cap;
	struct flow_parsed *parsed;
	size_t n_parsed, parsed_cap;
	size_t n_groups;
	unsigned n_errors;
	/* clang's first error: its file (NULL: the unit's), place and text */
	char *first_file, *first_text;
	unsigned first_line, first_col;
};

/* Free u and its lists (not its sites nor its arena, which a join takes). */
void flow_unit_free(struct src_unit *u);
/* Walk the function bodies of the unit's main file into u. */
void flow_walk_unit(struct src_unit *u, CXTranslationUnit tu, const struct flow_rules *fr);
/* Add chain c to site s's reach, or parent p to its parents (once). */
void flow_site_reach(struct wire_site *s, const struct wire_chain *c);
void flow_site_parent(struct wire_site *s, size_t p);

#endif
