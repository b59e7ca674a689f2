/*
 * emit.c - writes the C a schema needs: enums first (the inline ones the
 * properties declare, and referenced enum schemas), forward declarations
 * of referenced structs, then the struct with one member per property.
 * Optional scalars become pointers, so presence is representable; strings
 * with maxLength become char[N+1]; arrays get a count member; what C
 * cannot show (maps, free-form objects, compositions) is an opaque pointer
 * with @type. Names follow the default preset's rules, and @json or
 * @value is written only where the name alone would not match.
 */
#include "config.h"

#include "emit_int.h"
#include "bind.h"
#include "diag.h"
#include "util.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char *const keywords[] = {
        "auto",     "break",  "case",   "char",     "const",    "continue", "default",  "do",
        "double",   "else",   "enum",   "extern",   "float",    "for",      "goto",     "if",
        "inline",   "int",    "long",   "register", "restrict", "return",   "short",    "signed",
        "sizeof",   "static", "struct", "switch",   "typedef",  "union",    "unsigned", "void",
        "volatile", "while",  "bool",   "true",     "false",    "_Bool",    "NULL",
};

static bool is_keyword(const char *s)
{
	for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
		if (!strcmp(s, keywords[i]))
			return true;
	return false;
}

/* s made a C identifier (in place or anew); *renamed tells whether the
 * rules will not find it from its property's name alone. */
static char *escape_ident(char *s, bool *renamed)
{
	*renamed = false;
	for (char *q = s; *q; q++)
		if (!isalnum((unsigned char)*q) && *q != '_') {
			*q = '_';
			*renamed = true;
		}
	if (!*s || isdigit((unsigned char)s[0]) || is_keyword(s)) {
		char *t = xasprintf("%s%s_", isdigit((unsigned char)s[0]) || !*s ? "x" : "", s);
		free(s);
		s = t;
		*renamed = true;
	}
	return s;
}

/* A C identifier for name, in snake case. */
static char *ident(const char *name, bool *renamed)
{
	return escape_ident(bind_snake(name), renamed);
}

/* The tag of schema sc (or of an inline enum c): one per schema, and
 * never one another schema has (struct, union and enum tags share one
 * name space in C): a second "pet_status" becomes "pet_status_2".
 * *fresh tells whether it is new. The emitter owns the result. */
static const char *tag_of(struct emitter *e, const struct spec_schema *sc, const char *base,
                          bool *fresh)
{
	char key[32];
	snprintf(key, sizeof key, "%p", (const void *)sc);
	const char *have = strmap_get(&e->by_schema, key);
	*fresh = !have;
	if (have)
		return have;
	char *tag = xstrdup(base);
	for (unsigned n = 2; strmap_get(&e->tags, tag); n++) {
		free(tag);
		tag = xasprintf("%s_%u", base, n);
	}
	strmap_put(&e->tags, tag, (void *)sc);
	strmap_put(&e->by_schema, xstrdup(key), tag);
	return tag;
}

const char *emit_tag(struct emitter *e, const struct spec_schema *sc, const char *name, bool *fresh)
{
	bool renamed;
	char *base = ident(name, &renamed);
	const char *tag = tag_of(e, spec_deref(sc), base, fresh);
	free(base);
	return tag;
}

void emitter_free(struct emitter *e)
{
	sbuf_free(&e->pre);
	sbuf_free(&e->fwd);
	for (size_t i = 0; i < e->by_schema.cap; i++)
		if (e->by_schema.slots[i].key) {
			free((char *)e->by_schema.slots[i].key);
			free(e->by_schema.slots[i].val);
		}
	strmap_free(&e->by_schema);
	strmap_free(&e->tags);
}

static void upper(char *s)
{
	for (; *s; s++)
		*s = (char)toupper((unsigned char)*s);
}

/* A value written as it is after @value: letters, digits and - _ . + : /
 * (never a '*' or '@' a comment's reader could take for decoration or a
 * tag). */
static bool plain_word(const char *s)
{
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("-_.+:/", *s))
			return false;
	return true;
}

/* The quote for a value that is not a plain word: '"', or '\'' when the
 * value holds a '"'. */
static char quote_for(const char *s)
{
	return s && strchr(s, '"') ? '\'' : '"';
}

/* One enumerator; @value when its name would not give the value back. */
static void enumerator(struct sbuf *sb, const char *prefix, const struct spec_value *v,
                       size_t index)
{
	bool renamed;
	char *stem = ident(v->text ? v->text : "", &renamed);
	upper(stem);
	char *fs = bind_fold(stem), *fv = bind_fold(v->text ? v->text : "");
	bool exact = !strcmp(fs, fv) && !renamed && *fs;
	free(fs);
	free(fv);
	if (v->kind == SV_INT)
		sbuf_printf(sb, "\t%s_%s%zu = %s,\n", prefix, v->text[0] == '-' ? "MINUS_" : "V",
		            index, v->text);
	else if (exact)
		sbuf_printf(sb, "\t%s_%s,\n", prefix, stem);
	else if (v->text && *v->text && plain_word(v->text))
		sbuf_printf(sb, "\t%s_V%zu, /**< @value %s */\n", prefix, index, v->text);
	else if (v->text && strpbrk(v->text, "\n\r")) /* no comment holds it */
		sbuf_printf(sb, "\t%s_V%zu, /* its value has a line break: no @value gives it */\n",
		            prefix, index);
	else if (v->text && strstr(v->text, "*/")) /* it would end a block comment */
		sbuf_printf(sb, "\t%s_V%zu, ///< @value %c%s%c\n", prefix, index,
		            quote_for(v->text), v->text, quote_for(v->text));
	else /* quoted: empty, with blanks or punctuation a comment may eat */
		sbuf_printf(sb, "\t%s_V%zu, /**< @value %c%s%c */\n", prefix, index,
		            quote_for(v->text), v->text ? v->text : "", quote_for(v->text));
	free(stem);
}

/* Declare the enum for c (once) and return its tag; schema names a
 * top-level enum schema, base is the tag wanted. */
static const char *declare_enum(struct emitter *e, const struct spec_schema *c, const char *base,
                                const char *schema)
{
	bool fresh;
	const char *tag = tag_of(e, c, base, &fresh);
	if (!fresh)
		return tag;
	char *prefix = xstrdup(tag);
	upper(prefix);
	if (schema)
		sbuf_printf(&e->pre, "/** @schema %s */\n", schema);
	sbuf_printf(&e->pre, "enum %s {\n", tag);
	for (size_t i = 0; i < c->n_enums; i++)
		if (c->enums[i].kind != SV_NULL)
			enumerator(&e->pre, prefix, &c->enums[i], i);
	sbuf_puts(&e->pre, "};\n\n");
	free(prefix);
	return tag;
}

/* The tag of the struct for schema sc (named ref), declared ahead unless
 * it is defined already or the caller writes no forward declarations. */
static const char *forward(struct emitter *e, const struct spec_schema *sc, const char *ref)
{
	bool fresh;
	const char *tag = emit_tag(e, sc, ref, &fresh);
	if (fresh && !e->no_forward)
		sbuf_printf(e->split ? &e->fwd : &e->pre, "struct %s;\n\n", tag);
	return tag;
}

static const char *int_type(const struct ruleset *rs, const struct spec_schema *c)
{
	const struct format_info *f = ruleset_format(rs, c->format);
	double lo = f && f->has_range ? f->lo : -2147483648.0,
	       hi = f && f->has_range ? f->hi : 2147483647.0;
	if (c->has_minimum)
		lo = c->minimum;
	if (c->has_maximum)
		hi = c->maximum;
	if (!f && !c->has_minimum && !c->has_maximum)
		return "int64_t";
	if (lo >= 0 && hi > 9223372036854775807.0)
		return "uint64_t";
	if (lo >= -2147483648.0 && hi <= 2147483647.0)
		return "int32_t";
	if (lo >= 0 && hi <= 4294967295.0)
		return "uint32_t";
	return "int64_t";
}

/* Without <stdint.h>: standard types at least as wide. */
static const char *plain_int(const char *fixed)
{
	static const char *const map[][2] = {{"int32_t", "long"},
	                                     {"uint32_t", "unsigned long"},
	                                     {"int64_t", "long long"},
	                                     {"uint64_t", "unsigned long long"}};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (!strcmp(fixed, map[i][0]))
			return map[i][1];
	return fixed;
}

const char *emit_int_type(const struct ruleset *rs, const struct spec_schema *c, bool stdint)
{
	const char *t = int_type(rs, c);
	return stdint ? t : plain_int(t);
}

static const char *int_of(const struct emitter *e, const struct spec_schema *c)
{
	return emit_int_type(e->rs, c, !e->eo || !e->eo->no_stdint);
}

/* The C type the headers already have for schema sc, or NULL. */
static const char *known(const struct emitter *e, const struct spec_schema *sc)
{
	return e->eo && e->eo->known ? e->eo->known(e->eo->ctx, spec_deref(sc)) : NULL;
}

struct decl {
	struct sbuf type; /* before the name */
	struct sbuf post; /* after the name: [N] */
	struct sbuf note; /* annotations */
	bool count;       /* add a count member */
};

static void emit_members(struct emitter *e, struct sbuf *out, const struct spec_schema *c,
                         const char *owner, unsigned depth);

static void note(struct decl *d, const char *text)
{
	if (d->note.len)
		sbuf_putc(&d->note, ' ');
	sbuf_puts(&d->note, text);
}

/* The tag base for a named schema: its name in snake case. */
static char *base_of(const char *ref)
{
	bool renamed;
	return ident(ref, &renamed);
}

/* The element of an array of items c, held through a pointer or T[N]. */
static bool element(struct emitter *e, struct decl *d, const struct spec_schema *items,
                    const char *owner)
{
	const struct spec_schema *c = spec_deref(items);
	unsigned t = spec_types(c);
	const char *ref = spec_ref_name(items);
	const char *have = ref ? known(e, items) : NULL;
	if (have) {
		sbuf_printf(&d->type, "%s *", have);
	} else if (ref && (t & SPEC_OBJECT) && !c->n_enums) {
		sbuf_printf(&d->type, "struct %s *", forward(e, c, ref));
	} else if (c->n_enums && (t & (SPEC_STRING | SPEC_INTEGER))) {
		char *base = ref ? base_of(ref) : xasprintf("%s_item", owner);
		sbuf_printf(&d->type, "enum %s *", declare_enum(e, c, base, ref));
		free(base);
	} else if (t == SPEC_STRING) {
		sbuf_puts(&d->type, "char **");
	} else if (t == SPEC_INTEGER) {
		sbuf_printf(&d->type, "%s *", int_of(e, c));
	} else if (t == SPEC_NUMBER) {
		sbuf_puts(&d->type,
		          c->format && !strcmp(c->format, "float") ? "float *" : "double *");
	} else if (t == SPEC_BOOLEAN) {
		sbuf_puts(&d->type, "bool *");
	} else {
		return false;
	}
	return true;
}

static void array_decl(struct emitter *e, struct decl *d, const struct spec_schema *c,
                       const char *owner)
{
	if (!c->items || !element(e, d, c->items, owner)) {
		sbuf_puts(&d->type, "void *");
		note(d, "@type array");
		return;
	}
	d->count = true;
	if (c->max_items < 0)
		return;
	/* bounded: T x[N] holds it; structs stay pointers (they may be
	 * declared elsewhere), scalars and strings lose one '*' */
	if (strncmp(d->type.buf, "struct ", 7) != 0) {
		d->type.buf[--d->type.len] = '\0';
		if (d->type.len && d->type.buf[d->type.len - 1] != ' ' &&
		    d->type.buf[d->type.len - 1] != '*')
			sbuf_putc(&d->type, ' ');
	}
	sbuf_printf(&d->post, "[%lld]", c->max_items ? c->max_items : 1);
}

static void scalar_decl(struct emitter *e, struct decl *d, const struct spec_schema *c, unsigned t,
                        bool optional)
{
	const char *star = optional ? " *" : " ";
	if (t & SPEC_STRING) {
		const struct format_info *f = ruleset_format(e->rs, c->format);
		if (f && f->semantic) {
			char *n = xasprintf("@format %s", c->format);
			note(d, n);
			free(n);
		}
		if (c->max_length >= 0) {
			sbuf_puts(&d->type, "char ");
			sbuf_printf(&d->post, "[%lld]", c->max_length + 1);
			if (optional)
				note(d, "@optional empty when absent");
		} else {
			sbuf_puts(&d->type, "char *");
		}
	} else if (t & SPEC_INTEGER) {
		sbuf_printf(&d->type, "%s%s", int_of(e, c), star);
	} else if (t & SPEC_NUMBER) {
		sbuf_printf(&d->type, "%s%s",
		            c->format && !strcmp(c->format, "float") ? "float" : "double", star);
	} else if (t & SPEC_BOOLEAN) {
		sbuf_printf(&d->type, "bool%s", star);
	} else {
		sbuf_puts(&d->type, "void *");
		note(d, t & SPEC_OBJECT ? "@type object" : "@type any");
	}
}

/* The member's name: kept (a type change), by the fix-it's member rule,
 * or in snake case. */
static char *member_name(const struct emitter *e, const struct spec_prop *p, unsigned depth,
                         bool *renamed)
{
	*renamed = false;
	if (depth == 0 && e->force_name)
		return xstrdup(e->force_name);
	if (e->eo && e->eo->member_rule)
		return escape_ident(bind_member_name(e->eo->member_rule, p->name, e->rs), renamed);
	return ident(p->name, renamed);
}

/* The type of the member for property p; path names its inline types. */
static void member_type(struct emitter *e, struct decl *d, const struct spec_prop *p,
                        const char *path, const char *indent, unsigned depth)
{
	const struct spec_schema *c = spec_deref(p->schema);
	unsigned t = spec_types(c);
	bool optional = !p->required || c->nullable || p->schema->nullable;
	const char *ref = spec_ref_name(p->schema);
	const char *have = ref ? known(e, p->schema) : NULL;
	bool is_enum = c->n_enums && (t & (SPEC_STRING | SPEC_INTEGER)) && !(t & SPEC_OBJECT);
	if ((c->n_one_of || c->n_any_of) && !c->n_props) {
		sbuf_puts(&d->type, "void *");
		note(d, "@type any");
	} else if (have && (is_enum || ((t & SPEC_OBJECT) && c->n_props))) {
		sbuf_printf(&d->type, "%s%s", have, optional || !is_enum ? " *" : " ");
	} else if (is_enum) {
		char *base = ref ? base_of(ref) : xstrdup(path);
		sbuf_printf(&d->type, "enum %s%s", declare_enum(e, c, base, ref),
		            optional ? " *" : " ");
		free(base);
	} else if (ref && (t & SPEC_OBJECT) && c->n_props) {
		sbuf_printf(&d->type, "struct %s *", forward(e, c, ref));
	} else if ((t & SPEC_OBJECT) && c->n_props && depth < 8) {
		sbuf_puts(&d->type, "struct {\n");
		emit_members(e, &d->type, c, path, depth + 1);
		sbuf_printf(&d->type, "%s}%s", indent, optional ? " *" : " ");
	} else if (t & SPEC_ARRAY) {
		array_decl(e, d, c, path);
	} else {
		scalar_decl(e, d, c, t, optional);
	}
}

/* The count member of array member name in c: n_name, or name_count or
 * name_len where c has a property of that name; NULL where the property
 * n_name is an integer (it holds the count) or all three are taken. */
static char *count_name(const struct spec_schema *c, const char *name)
{
	for (int f = 0; f < 3; f++) {
		char *n = f == 0   ? xasprintf("n_%s", name)
		          : f == 1 ? xasprintf("%s_count", name)
		                   : xasprintf("%s_len", name);
		const struct spec_prop *taken = NULL;
		for (size_t i = 0; c && i < c->n_props && !taken; i++)
			if (!strcmp(c->props[i].name, n))
				taken = &c->props[i];
		if (!taken)
			return n;
		free(n);
		if (f == 0 && spec_types(spec_deref(taken->schema)) == SPEC_INTEGER)
			return NULL;
	}
	return NULL;
}

static void member(struct emitter *e, struct sbuf *out, const struct spec_schema *c,
                   const struct spec_prop *p, const char *owner, unsigned depth)
{
	bool renamed;
	char *name = member_name(e, p, depth, &renamed);
	char *path = xasprintf("%s_%s", owner, name);
	struct decl d = {0};
	const char *base = e->indent ? e->indent : "\t";
	char *indent = xasprintf("%s%*s", base, (int)depth, "");
	for (char *q = indent + strlen(base); *q; q++)
		*q = '\t';
	if (renamed) {
		char *n = xasprintf("@json %s", p->name);
		note(&d, n);
		free(n);
	}
	member_type(e, &d, p, path, indent, depth);
	sbuf_printf(out, "%s%s%s%s;", indent, d.type.buf, name, d.post.buf ? d.post.buf : "");
	if (d.note.len)
		sbuf_printf(out, " /**< %s */", d.note.buf);
	sbuf_putc(out, '\n');
	char *count = d.count ? count_name(c, name) : NULL;
	if (count)
		sbuf_printf(out, "%ssize_t %s;\n", indent, count);
	free(count);
	e->plain = !d.note.len && !d.count;
	sbuf_free(&d.type);
	sbuf_free(&d.post);
	sbuf_free(&d.note);
	free(indent);
	free(path);
	free(name);
}

static void emit_members(struct emitter *e, struct sbuf *out, const struct spec_schema *c,
                         const char *owner, unsigned depth)
{
	for (size_t i = 0; i < c->n_props; i++)
		member(e, out, c, &c->props[i], owner, depth);
}

static void description(struct sbuf *out, const struct spec_schema *c)
{
	if (!c->description || !*c->description)
		return;
	const char *d = c->description;
	size_t n = strcspn(d, "\n");
	if (n > 72)
		n = 72;
	sbuf_puts(out, " * ");
	for (size_t i = 0; i < n; i++)
		sbuf_putc(out, d[i] == '*' && d[i + 1] == '/' ? '-' : d[i]);
	sbuf_puts(out, "\n");
}

/* Text with its line breaks and runs of blanks made single spaces. */
static char *one_line(const char *text)
{
	struct sbuf line = {0};
	bool space = false;
	for (const char *q = text; *q; q++) {
		if (*q == '\n' || *q == '\t' || *q == ' ') {
			space = line.len > 0;
			continue;
		}
		if (space)
			sbuf_putc(&line, ' ');
		space = false;
		sbuf_putc(&line, *q);
	}
	return sbuf_take(&line);
}

char *emit_member_decl(const struct spec_prop *p, const char *owner, const struct emit_opts *eo)
{
	struct emitter e = {.rs = eo->rs, .eo = eo, .no_forward = true};
	struct sbuf out = {0};
	member(&e, &out, p->owner, p, owner, 0);
	/* one line: the fix-it stands under a diagnostic */
	char *line = one_line(out.buf);
	sbuf_free(&out);
	emitter_free(&e);
	return line;
}

char *emit_member_lines(const struct spec_prop *p, const char *owner, const struct emit_opts *eo,
                        const char *indent, char **pre)
{
	struct emitter e = {.rs = eo->rs, .eo = eo, .no_forward = true, .indent = indent};
	struct sbuf out = {0};
	member(&e, &out, p->owner, p, owner, 0);
	*pre = e.pre.len ? sbuf_take(&e.pre) : NULL;
	emitter_free(&e);
	return sbuf_take(&out);
}

char *emit_member_type(const struct spec_prop *p, const char *name, const struct emit_opts *eo)
{
	struct emitter e = {.rs = eo->rs, .eo = eo, .no_forward = true, .force_name = name};
	struct sbuf out = {0};
	member(&e, &out, p->owner, p, "x", 0);
	char *r = NULL;
	if (e.plain && !e.pre.len && !strchr(out.buf, '{')) {
		r = one_line(out.buf);
		r[strlen(r) - 1] = '\0'; /* the ';' */
	}
	sbuf_free(&out);
	emitter_free(&e);
	return r;
}

void emit_record(struct emitter *e, struct sbuf *out, const struct spec_schema *sc,
                 const char *name, const char *tag)
{
	const struct spec_schema *c = spec_deref(sc);
	sbuf_puts(out, "/**\n");
	description(out, c);
	sbuf_printf(out, " * @schema %s\n */\nstruct %s {\n", name, tag);
	emit_members(e, out, c, tag, 0);
	sbuf_puts(out, "};\n");
}

const char *emit_enum(struct emitter *e, const struct spec_schema *sc, const char *name)
{
	char *base = base_of(strrchr(name, '/') ? strrchr(name, '/') + 1 : name);
	const char *tag = declare_enum(e, spec_deref(sc), base, name);
	free(base);
	return tag;
}

bool emit_is_enum(const struct spec_schema *sc)
{
	const struct spec_schema *c = spec_deref(sc);
	return c->n_enums && !(spec_types(c) & SPEC_OBJECT);
}

int emit_struct(FILE *fp, struct spec *spec, const char *name, const struct ruleset *rs)
{
	const struct spec_schema *sc = name[0] == '#' || name[0] == '/'
	                                       ? spec_find_pointer(spec, name)
	                                       : spec_find(spec, name);
	if (!sc) {
		diag_error(NULL, "--emit-struct: no schema '%s' in %s", name, spec->file);
		return -1;
	}
	struct emit_opts eo = {.rs = rs};
	struct emitter e = {.rs = rs, .eo = &eo};
	struct sbuf body = {0};
	if (emit_is_enum(sc)) {
		emit_enum(&e, sc, name);
	} else {
		bool fresh;
		const char *slash = strrchr(name, '/');
		const char *tag = emit_tag(&e, sc, slash ? slash + 1 : name, &fresh);
		emit_record(&e, &body, sc, name, tag);
	}
	fputs("#include <stdbool.h>\n#include <stddef.h>\n#include <stdint.h>\n\n", fp);
	if (e.pre.len)
		fputs(e.pre.buf, fp);
	if (body.len)
		fputs(body.buf, fp);
	sbuf_free(&body);
	emitter_free(&e);
	return 0;
}
