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

#include "emit.h"
#include "bind.h"
#include "diag.h"
#include "util.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

struct emitter {
	struct sbuf pre;    /* enums and forward declarations */
	struct strmap done; /* names already declared in pre; keys owned */
	const struct ruleset *rs;
};

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

/* A C identifier for name; *renamed tells whether the rules will not
 * find it from name alone. */
static char *ident(const char *name, bool *renamed)
{
	char *s = bind_snake(name);
	*renamed = false;
	if (!*s || isdigit((unsigned char)s[0]) || is_keyword(s)) {
		char *t = xasprintf("%s%s_", isdigit((unsigned char)s[0]) || !*s ? "x" : "", s);
		free(s);
		s = t;
		*renamed = true;
	}
	return s;
}

static bool first_time(struct emitter *e, const char *key)
{
	if (strmap_get(&e->done, key))
		return false;
	char *k = xstrdup(key);
	strmap_put(&e->done, k, k);
	return true;
}

static void upper(char *s)
{
	for (; *s; s++)
		*s = (char)toupper((unsigned char)*s);
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
	else
		sbuf_printf(sb, "\t%s_V%zu, /**< @value %s */\n", prefix, index,
		            v->text ? v->text : "");
	free(stem);
}

/* Declare enum <tag> for c (once); schema names a top-level enum schema. */
static void declare_enum(struct emitter *e, const struct spec_schema *c, const char *tag,
                         const char *schema)
{
	char *key = xasprintf("enum %s", tag);
	if (!first_time(e, key)) {
		free(key);
		return;
	}
	free(key);
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
}

static void forward(struct emitter *e, const char *tag)
{
	char *key = xasprintf("struct %s", tag);
	if (first_time(e, key))
		sbuf_printf(&e->pre, "struct %s;\n\n", tag);
	free(key);
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

/* The element of an array of items c, held through a pointer or T[N]. */
static bool element(struct emitter *e, struct decl *d, const struct spec_schema *items,
                    const char *owner)
{
	const struct spec_schema *c = spec_deref(items);
	unsigned t = spec_types(c);
	const char *ref = spec_ref_name(items);
	if (ref && (t & SPEC_OBJECT) && !c->n_enums) {
		bool renamed;
		char *tag = ident(ref, &renamed);
		forward(e, tag);
		sbuf_printf(&d->type, "struct %s *", tag);
		free(tag);
	} else if (c->n_enums && (t & (SPEC_STRING | SPEC_INTEGER))) {
		bool renamed;
		char *tag = ref ? ident(ref, &renamed) : xasprintf("%s_item", owner);
		declare_enum(e, c, tag, ref);
		sbuf_printf(&d->type, "enum %s *", tag);
		free(tag);
	} else if (t == SPEC_STRING) {
		sbuf_puts(&d->type, "char **");
	} else if (t == SPEC_INTEGER) {
		sbuf_printf(&d->type, "%s *", int_type(e->rs, c));
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
		sbuf_printf(&d->type, "%s%s", int_type(e->rs, c), star);
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

static void member(struct emitter *e, struct sbuf *out, const struct spec_prop *p,
                   const char *owner, unsigned depth)
{
	const struct spec_schema *c = spec_deref(p->schema);
	unsigned t = spec_types(c);
	bool optional = !p->required || c->nullable || p->schema->nullable;
	bool renamed;
	char *name = ident(p->name, &renamed);
	char *path = xasprintf("%s_%s", owner, name);
	struct decl d = {0};
	const char *ref = spec_ref_name(p->schema);
	char *indent = xasprintf("%*s", (int)depth + 1, "");
	for (char *q = indent; *q; q++)
		*q = '\t';
	if (renamed) {
		char *n = xasprintf("@json %s", p->name);
		note(&d, n);
		free(n);
	}
	if ((c->n_one_of || c->n_any_of) && !c->n_props) {
		sbuf_puts(&d.type, "void *");
		note(&d, "@type any");
	} else if (c->n_enums && (t & (SPEC_STRING | SPEC_INTEGER)) && !(t & SPEC_OBJECT)) {
		bool tag_renamed;
		char *tag = ref ? ident(ref, &tag_renamed) : xstrdup(path);
		declare_enum(e, c, tag, ref);
		sbuf_printf(&d.type, "enum %s%s", tag, optional ? " *" : " ");
		free(tag);
	} else if (ref && (t & SPEC_OBJECT) && c->n_props) {
		bool tag_renamed;
		char *tag = ident(ref, &tag_renamed);
		forward(e, tag);
		sbuf_printf(&d.type, "struct %s *", tag);
		free(tag);
	} else if ((t & SPEC_OBJECT) && c->n_props && depth < 8) {
		sbuf_puts(&d.type, "struct {\n");
		emit_members(e, &d.type, c, path, depth + 1);
		sbuf_printf(&d.type, "%s}%s", indent, optional ? " *" : " ");
	} else if (t & SPEC_ARRAY) {
		array_decl(e, &d, c, path);
	} else {
		scalar_decl(e, &d, c, t, optional);
	}
	sbuf_printf(out, "%s%s%s%s;", indent, d.type.buf, name, d.post.buf ? d.post.buf : "");
	if (d.note.len)
		sbuf_printf(out, " /**< %s */", d.note.buf);
	sbuf_putc(out, '\n');
	if (d.count)
		sbuf_printf(out, "%ssize_t n_%s;\n", indent, name);
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
		member(e, out, &c->props[i], owner, depth);
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

char *emit_member_decl(const struct spec_prop *p, const char *owner, const struct ruleset *rs)
{
	struct emitter e = {.rs = rs};
	struct sbuf out = {0};
	member(&e, &out, p, owner, 0);
	/* one line: the fix-it stands under a diagnostic */
	struct sbuf line = {0};
	bool space = false;
	for (size_t i = 0; i < out.len; i++) {
		char c = out.buf[i];
		if (c == '\n' || c == '\t' || c == ' ') {
			space = line.len > 0;
			continue;
		}
		if (space)
			sbuf_putc(&line, ' ');
		space = false;
		sbuf_putc(&line, c);
	}
	sbuf_free(&out);
	sbuf_free(&e.pre);
	for (size_t i = 0; i < e.done.cap; i++)
		free((char *)e.done.slots[i].key);
	strmap_free(&e.done);
	return sbuf_take(&line);
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
	const struct spec_schema *c = spec_deref(sc);
	struct emitter e = {.rs = rs};
	bool renamed;
	char *tag = ident(strrchr(name, '/') ? strrchr(name, '/') + 1 : name, &renamed);
	struct sbuf body = {0};
	if (c->n_enums && !(spec_types(c) & SPEC_OBJECT)) {
		declare_enum(&e, c, tag, name);
	} else {
		sbuf_puts(&body, "/**\n");
		description(&body, c);
		sbuf_printf(&body, " * @schema %s\n */\nstruct %s {\n", name, tag);
		emit_members(&e, &body, c, tag, 0);
		sbuf_puts(&body, "};\n");
	}
	fputs("#include <stdbool.h>\n#include <stddef.h>\n#include <stdint.h>\n\n", fp);
	if (e.pre.len)
		fputs(e.pre.buf, fp);
	if (body.len)
		fputs(body.buf, fp);
	sbuf_free(&body);
	sbuf_free(&e.pre);
	for (size_t i = 0; i < e.done.cap; i++)
		free((char *)e.done.slots[i].key);
	strmap_free(&e.done);
	free(tag);
	return 0;
}
