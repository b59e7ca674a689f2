/*
 * emit_all.c - --emit-struct for many schemas: one header in which every
 * type is defined once. The patterns (names, globs, JSON pointers, each
 * possibly a comma-separated list) select schemas in document order; those
 * C can show as a struct (properties) or an enum are emitted, others
 * (free-form maps, bare compositions, scalars) are listed in a comment and
 * held as opaque pointers by the members that use them.
 *
 * Order: enums first (they have no dependencies and are held by value),
 * then structs in dependency order (a struct after those it refers to);
 * members refer to structs through pointers, so a cycle (a tree node, two
 * schemas that refer to each other) needs only a forward declaration,
 * which is written for every struct used before its definition.
 */
#include "config.h"

#include "bind.h"
#include "diag.h"
#include "emit_int.h"

#include <ctype.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

struct pick {
	const char *name;             /* as selected: a schema name or a pointer */
	const struct spec_schema *sc; /* as listed */
	int state;                    /* 0 new, 1 being ordered, 2 ordered */
};

struct selection {
	struct pick *v;
	size_t n, cap;
};

static void add(struct selection *s, const char *name, const struct spec_schema *sc)
{
	for (size_t i = 0; i < s->n; i++)
		if (spec_deref(s->v[i].sc) == spec_deref(sc))
			return;
	*VEC_PUSH(s->v, s->n, s->cap) = (struct pick){name, sc, 0};
}

bool emit_wants_header(const char *const *patterns, size_t n)
{
	if (n != 1)
		return n > 1;
	const char *p = patterns[0];
	return p[0] != '#' && p[0] != '/' && strpbrk(p, ",*?[") != NULL;
}

/* Select what one pattern names; returns how many schemas it matched. */
static size_t select_one(struct selection *s, struct spec *spec, const char *pat)
{
	if (pat[0] == '#' || pat[0] == '/') {
		const struct spec_schema *sc = spec_find_pointer(spec, pat);
		if (sc)
			add(s, pat, sc);
		return sc != NULL;
	}
	size_t hits = 0;
	for (size_t i = 0; i < spec->n_schemas; i++) {
		const struct spec_schema *sc = spec->schemas[i];
		if (sc->name && fnmatch(pat, sc->name, 0) == 0) {
			add(s, sc->name, sc);
			hits++;
		}
	}
	return hits;
}

/* Split each pattern at commas and select; -1 after a diagnostic. */
static int select_all(struct selection *s, struct spec *spec, const char *const *patterns, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char *list = xstrdup(patterns[i]);
		int rc = 0;
		for (char *tok = strtok(list, ","); tok && !rc; tok = strtok(NULL, ",")) {
			while (isspace((unsigned char)*tok))
				tok++;
			size_t len = strlen(tok);
			while (len && isspace((unsigned char)tok[len - 1]))
				tok[--len] = '\0';
			if (*tok && !select_one(s, spec, tok)) {
				diag_error(NULL, "--emit-struct: no schema matches '%s' in %s", tok,
				           spec->file);
				rc = -1;
			}
		}
		free(list);
		if (rc)
			return -1;
	}
	return 0;
}

/* Does the pick become a struct (properties) or an enum? */
static bool emittable(const struct spec_schema *sc)
{
	const struct spec_schema *c = spec_deref(sc);
	return emit_is_enum(sc) || c->n_props > 0;
}

static struct pick *find_pick(struct selection *s, const struct spec_schema *c)
{
	for (size_t i = 0; i < s->n; i++)
		if (spec_deref(s->v[i].sc) == c && emittable(s->v[i].sc) &&
		    !emit_is_enum(s->v[i].sc))
			return &s->v[i];
	return NULL;
}

static void order(struct emitter *e, struct selection *s, struct pick *pk, struct sbuf *out);

/* Order first the selected structs that schema ps refers to, through
 * properties, array items and inline objects. */
static void order_refs(struct emitter *e, struct selection *s, const struct spec_schema *ps,
                       struct sbuf *out, unsigned depth)
{
	const struct spec_schema *c = spec_deref(ps);
	struct pick *dep = spec_ref_name(ps) ? find_pick(s, c) : NULL;
	if (dep) {
		if (dep->state == 0)
			order(e, s, dep, out); /* state 1: a cycle, declared ahead */
		return;
	}
	if (depth > 8)
		return;
	if (c->items)
		order_refs(e, s, c->items, out, depth + 1);
	for (size_t i = 0; i < c->n_props; i++)
		order_refs(e, s, c->props[i].schema, out, depth + 1);
}

static void order(struct emitter *e, struct selection *s, struct pick *pk, struct sbuf *out)
{
	const struct spec_schema *c = spec_deref(pk->sc);
	pk->state = 1;
	for (size_t i = 0; i < c->n_props; i++)
		order_refs(e, s, c->props[i].schema, out, 0);
	bool fresh;
	const char *slash = strrchr(pk->name, '/');
	const char *tag = emit_tag(e, pk->sc, slash ? slash + 1 : pk->name, &fresh);
	if (out->len)
		sbuf_putc(out, '\n');
	emit_record(e, out, pk->sc, pk->name, tag);
	pk->state = 2;
}

/* FOO_BAR_H from the spec's title (OACHECK_SCHEMAS_H without one). */
static char *guard_of(const struct spec *spec)
{
	char *t =
	        spec->title && *spec->title ? bind_snake(spec->title) : xstrdup("oacheck_schemas");
	struct sbuf sb = {0};
	for (const char *q = t; *q; q++)
		if (isalnum((unsigned char)*q) ||
		    (*q == '_' && sb.len && sb.buf[sb.len - 1] != '_'))
			sbuf_putc(&sb, (char)toupper((unsigned char)*q));
	free(t);
	if (!sb.len || isdigit((unsigned char)sb.buf[0]))
		sbuf_puts(&sb, "_SCHEMAS");
	char *g = xasprintf("%s%s_H", isdigit((unsigned char)sb.buf[0]) ? "X" : "", sb.buf);
	sbuf_free(&sb);
	return g;
}

static void put_skipped(FILE *fp, const struct selection *s)
{
	size_t n = 0;
	for (size_t i = 0; i < s->n; i++)
		if (!emittable(s->v[i].sc))
			fprintf(fp, "%s%s",
			        n++ ? ", " : "/* Not emitted (no properties or enum values): ",
			        s->v[i].name);
	if (n)
		fputs(" */\n\n", fp);
}

static void write_header(FILE *fp, const struct spec *spec, const struct selection *s,
                         const struct emitter *e, const struct sbuf *structs)
{
	char *guard = guard_of(spec);
	const char *base = strrchr(spec->file, '/') ? strrchr(spec->file, '/') + 1 : spec->file;
	fprintf(fp, "/* Generated by oacheck --emit-struct from %s. */\n", base);
	fprintf(fp, "#ifndef %s\n#define %s\n\n", guard, guard);
	fputs("#include <stdbool.h>\n#include <stddef.h>\n#include <stdint.h>\n\n", fp);
	put_skipped(fp, s);
	if (e->fwd.len)
		fputs(e->fwd.buf, fp);
	if (e->pre.len)
		fputs(e->pre.buf, fp);
	if (structs->len)
		fputs(structs->buf, fp);
	fprintf(fp, "%s#endif /* %s */\n", structs->len ? "\n" : "", guard);
	free(guard);
}

int emit_header(FILE *fp, struct spec *spec, const char *const *patterns, size_t n,
                const struct ruleset *rs)
{
	struct selection s = {0};
	if (select_all(&s, spec, patterns, n)) {
		free(s.v);
		return -1;
	}
	struct emit_opts eo = {.rs = rs};
	struct emitter e = {.rs = rs, .eo = &eo, .split = true};
	for (size_t i = 0; i < s.n; i++)
		if (emit_is_enum(s.v[i].sc))
			emit_enum(&e, s.v[i].sc, s.v[i].name);
	struct sbuf structs = {0};
	for (size_t i = 0; i < s.n; i++)
		if (s.v[i].state == 0 && emittable(s.v[i].sc) && !emit_is_enum(s.v[i].sc))
			order(&e, &s, &s.v[i], &structs);
	write_header(fp, spec, &s, &e, &structs);
	sbuf_free(&structs);
	emitter_free(&e);
	free(s.v);
	return 0;
}

int emit_schemas(FILE *fp, struct spec *spec, const char *const *patterns, size_t n,
                 const struct ruleset *rs)
{
	/* one name that is a schema's (even "Odd<&>,:%") is that schema */
	if (emit_wants_header(patterns, n) && !(n == 1 && spec_find(spec, patterns[0])))
		return emit_header(fp, spec, patterns, n, rs);
	return emit_struct(fp, spec, patterns[0], rs);
}
