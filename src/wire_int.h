/*
 * wire_int.h - shared by wire.c (what each site stands for, and the schema
 * its key is read against) and wire_check.c (findings and coverage).
 */
#ifndef OAC_WIRE_INT_H
#define OAC_WIRE_INT_H

#include "diff.h"
#include "result.h"
#include "wire.h"

#include <stdint.h>

/* A record the sites reach, with the schema it stands for. */
struct winfo {
	const struct hdr_record *rec;
	const struct spec_schema *schema; /* dereferenced object schema, or NULL */
	struct member_binding mb;
	int state; /* 0 unknown, 1 being found, 2 known */
};

/* A member a site stands for: link idx of one of its chains. */
struct cand {
	struct winfo *info;
	const char *member;
};

struct wstage {
	const struct checked *c; /* what the diff left */
	struct result_sink em;   /* into c->res */
	const struct wire_set *w;
	struct strmap by_place; /* "file:line:col" -> record (keys owned) */
	struct strmap infos;    /* "%p" of the record -> struct winfo * (keys owned) */
	size_t **kids;          /* per site: children */
	size_t *n_kids, *kids_cap;
	struct cand **cands; /* per site, computed once */
	size_t *n_cands;
	int *cand_state;
	const struct spec_schema **ctx;       /* per site: the schema its key is in */
	int *ctx_state;                       /* 0 unknown, 1 being found, 2 known, 3 none */
	const struct spec_schema **group_ctx; /* per group of root sites */
	unsigned *item_types;                 /* per site: element types its children imply */
	struct strmap marks; /* "%p/r|w/name" of a property written/read (keys owned) */
	struct strmap users; /* "%p/r|w" -> first site of a serializer/parser */
	/* per group of root sites: a struct of the headers one of them reaches
	 * (group_state 1: looked for), and the keys the group uses */
	const struct hdr_record **group_rec;
	unsigned char *group_state;
	struct strmap folded;   /* folded property name -> struct fold_list * */
	struct strmap envelope; /* the keys that wrap a payload (envelope:) */
	unsigned char *wraps;   /* per site: 1 its key wraps its object's payload */
	/* code without structs (wire_paths.c): per group, how its schema was
	 * found (enum wire_how) and whether bound structs voted for it */
	unsigned char *group_how;
	bool *group_voted;
	size_t *root_of; /* per site: its root's group + 1 (0: not known yet) */
	void *paths;     /* wire_paths.c's own state */
};

/* The properties in scope of one folded name, with their schemas. */
struct fold_list {
	const struct spec_prop **props;
	const struct spec_schema **owners;
	size_t n;
};

enum wire_how { HOW_NONE, HOW_VOTE, HOW_ANNOT, HOW_EXACT, HOW_PARTIAL, HOW_UNDECIDED };

/* wire_paths.c: the wire stage's side of code without structs. */
/* The schema of each root object no bound struct votes for: its @schema,
 * else the one its keys and paths fit; said with --verbose. */
void wire_paths_place(struct wstage *ws);
void wire_paths_free(struct wstage *ws);
/* A site whose object no schema holds: a path of an undecided object
 * that fits no schema is a finding when one near it exists in a schema
 * that bears on the object (UNPLACED_TOLD). A lone key that only a close
 * miss of case, '_' or '-' mends is left to check_any (UNPLACED_OTHERS),
 * as is a key that fits; one near nothing relevant is no finding
 * (UNPLACED_QUIET: check_any only notes it). */
enum unplaced { UNPLACED_OTHERS, UNPLACED_TOLD, UNPLACED_QUIET };
enum unplaced wire_paths_unplaced(struct wstage *ws, size_t s);
/* Was a site at s's place, in its direction, on schema sc judged already
 * (a table nested twice)? */
bool wire_paths_seen(struct wstage *ws, size_t s, const struct spec_schema *sc);
/* Is sc a map, so that the site's key is any key (no finding)? */
bool wire_paths_map_key(struct wstage *ws, size_t s, const struct spec_schema *sc);
/* An array site's capacity (a table's max_len) against maxItems. */
void wire_paths_capacity(struct wstage *ws, size_t s, const struct spec_prop *p,
                         const struct spec_schema *sc);
/* The level of an unknown key at s (a warning where the schema was only
 * inferred from the other keys and no property is a typo away: near is
 * util_near_miss's edits), and the words that say why its schema is that
 * one. */
enum level wire_paths_level(struct wstage *ws, size_t s, bool near);
const char *wire_paths_why(struct wstage *ws, size_t s);
/* Does site s make its schema's struct one with a serializer (parser)? */
bool wire_paths_user(struct wstage *ws, size_t s);
/* A schema's view for what is under a site: itself when it has
 * properties, or (keyed) a map whose keys are free, else its items' or
 * values' view; NULL when it has none. */
const struct spec_schema *wire_view(const struct spec_schema *sc, bool keyed);
bool wire_is_map(const struct spec_schema *sc);

/* Work out every site's members and schema. */
void wire_stage_init(struct wstage *ws, const struct checked *c, const struct wire_set *w);
void wire_stage_free(struct wstage *ws);
/* A schema's object view: itself, or its items or map values; NULL when
 * it has no properties. */
const struct spec_schema *wire_object_of(const struct spec_schema *sc);
const struct spec_prop *wire_prop_named(const struct spec_schema *sc, const char *name);
/* Does site s's key wrap the payload of its object (an envelope's
 * "result": declared, or its value's keys are the payload's)? */
bool wire_wraps(struct wstage *ws, size_t s);
/* The record of the headers a link's member belongs to, or NULL. */
const struct hdr_record *wire_record_at(struct wstage *ws, const struct wire_link *l);
/* The property a member of wi's record is bound to, or NULL. */
const struct member_pair *wire_pair_of(const struct winfo *wi, const char *member);

#endif
