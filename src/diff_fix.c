/*
 * diff_fix.c - the fix-its findings carry, as edits of a header's text at
 * the places the walker recorded: a member inserted before the closing
 * brace (and the enum it needs before the record), a declaration's type
 * rewritten, a trailing @json comment added, a member renamed. A fix-it is
 * made only where its edit is sure to apply alone: the record or member is
 * in a header being checked, written out (not by a macro), and the new
 * text is known to hold the property (a type that covers the range, a
 * type the headers can spell: <stdint.h> names only where it is included).
 */
#include "config.h"

#include "diff_int.h"
#include "emit.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static struct fix *fix_new(enum fix_kind kind, const char *from, const char *to)
{
	struct fix *fx = xcalloc(1, sizeof *fx);
	fx->kind = kind;
	fx->from = from ? xstrdup(from) : NULL;
	fx->to = xstrdup(to);
	return fx;
}

/* Add an edit replacing [b, e) of file by text (taken). */
static void edit(struct fix *fx, const char *file, struct hdr_pos b, struct hdr_pos e, char *text)
{
	assert(fx->n_edits < FIX_MAX_EDITS);
	fx->edits[fx->n_edits++] = (struct fix_edit){file, b, e, text};
}

/* The C type the headers have for schema sc: the struct or enum bound to
 * it, by its typedef name or tag. */
static const char *known_type(void *ctx, const struct spec_schema *sc)
{
	const struct diff_ctx *d = ctx;
	for (size_t i = 0; i < d->b.n; i++) {
		const struct bind_schema *bs = &d->b.v[i];
		if (spec_deref(bs->schema) != sc)
			continue;
		if (bs->rec && !bs->rec->anonymous)
			return bs->rec->tdname ? bs->rec->tdname : bs->rec->display;
		if (bs->enm && (bs->enm->tdname || bs->enm->tag))
			return bs->enm->tdname ? bs->enm->tdname : bs->enm->display;
	}
	return NULL;
}

static bool has_rule(const struct ruleset *rs, const char *rule)
{
	for (size_t i = 0; i < rs->member_rules.n; i++)
		if (!strcmp(rs->member_rules.v[i], rule))
			return true;
	return false;
}

struct emit_opts diff_emit_opts(struct diff_ctx *d)
{
	struct emit_opts eo = {
	        .rs = d->rs, .no_stdint = !d->h->has_stdint, .known = known_type, .ctx = d};
	if (d->member_style >= 0)
		eo.member_rule = d->rs->member_rules.v[d->member_style];
	else if (d->rs->member_rules.n && !has_rule(d->rs, "snake"))
		eo.member_rule = d->rs->member_rules.v[0];
	return eo;
}

struct fix *diff_fix_member(struct diff_ctx *d, const struct spec_prop *p,
                            const struct hdr_record *rec, const char *owner, const char *line)
{
	const struct hdr_record *top = rec;
	while (top->outer)
		top = top->outer;
	if (!rec->editable || !rec->in_scope || !rec->loc.file)
		return NULL;
	struct emit_opts eo = diff_emit_opts(d);
	char *pre = NULL;
	char *text = emit_member_lines(p, owner, &eo, rec->indent, &pre);
	if (pre && (!top->editable || !top->decl_at.line || top->loc.file != rec->loc.file)) {
		free(text);
		free(pre);
		return NULL;
	}
	struct fix *fx = fix_new(FIX_ADD_MEMBER, NULL, line);
	if (pre)
		edit(fx, rec->loc.file, top->decl_at, top->decl_at, pre);
	if (!rec->brace_own_line) { /* struct x { int a; }: on the brace's line */
		free(text);
		text = xasprintf("%s ", line);
	}
	edit(fx, rec->loc.file, rec->insert_at, rec->insert_at, text);
	return fx;
}

/* A fix-it replacing the member's declaration by decl, its type becoming
 * type; NULL when the declaration cannot be edited alone. Takes both. */
static struct fix *replace_decl(const struct member_ctx *m, char *decl, char *type)
{
	const struct hdr_member *mem = m->member;
	struct fix *fx = NULL;
	if (mem->editable && mem->bit_width < 0 && m->rec->in_scope && mem->loc.file &&
	    strcmp(type, mem->type.spelling)) {
		fx = fix_new(FIX_CHANGE_TYPE, mem->type.spelling, type);
		edit(fx, mem->loc.file, mem->decl_begin, mem->decl_end, decl);
		decl = NULL;
	}
	free(decl);
	free(type);
	return fx;
}

/* The member's type with its base replaced by base and dimension dim (if
 * any) by n: "double *", "char[33]"; *decl gets the declaration. */
static char *rebuilt(const struct hdr_member *mem, const char *base, int dim, long long n,
                     char **decl)
{
	const struct hdr_type *t = &mem->type;
	struct sbuf ty = {0}, dims = {0};
	const char *cq = t->is_const && strncmp(base, "const ", 6) ? "const " : "";
	sbuf_printf(&ty, "%s%s%s", cq, base, t->ptr ? " " : "");
	for (unsigned i = 0; i < t->ptr; i++)
		sbuf_putc(&ty, '*');
	for (unsigned i = 0; i < t->n_dims; i++) {
		long long v = (int)i == dim ? n : t->dims[i];
		if (v < 0)
			sbuf_puts(&dims, "[]");
		else
			sbuf_printf(&dims, "[%lld]", v);
	}
	*decl = xasprintf("%s%s%s%s", ty.buf, t->ptr ? "" : " ", mem->name,
	                  dims.len ? dims.buf : "");
	char *type = xasprintf("%s%s", ty.buf, dims.len ? dims.buf : "");
	sbuf_free(&ty);
	sbuf_free(&dims);
	return type;
}

struct fix *diff_fix_retype(const struct member_ctx *m, const char *base)
{
	char *decl;
	char *type = rebuilt(m->member, base, -1, 0, &decl);
	return replace_decl(m, decl, type);
}

struct fix *diff_fix_resize(const struct member_ctx *m, unsigned dim, long long n)
{
	char *decl;
	char *type = rebuilt(m->member, m->member->type.base, (int)dim, n, &decl);
	return replace_decl(m, decl, type);
}

/* Is [lo, hi] within what base holds (at its narrowest width in C)? */
static bool int_holds(const char *base, double lo, double hi)
{
	bool u = !strncmp(base, "uint", 4) || !strncmp(base, "unsigned", 8);
	unsigned bits = strstr(base, "64") || strstr(base, "long long") ? 64 : 32;
	double min = u ? 0 : -ldexp(1, (int)bits - 1);
	double max = u ? ldexp(1, (int)bits) - 1 : ldexp(1, (int)bits - 1) - 1;
	return lo >= min && hi <= max;
}

struct fix *diff_fix_int(struct diff_ctx *d, const struct member_ctx *m,
                         const struct spec_schema *c, double lo, double hi)
{
	const char *base = emit_int_type(d->rs, c, d->h->has_stdint);
	if (!int_holds(base, lo, hi) || m->member->type.kind != HK_INT)
		return NULL;
	return diff_fix_retype(m, base);
}

struct fix *diff_fix_decl(struct diff_ctx *d, const struct member_ctx *m)
{
	struct emit_opts eo = diff_emit_opts(d);
	char *decl = emit_member_type(m->prop, m->member->name, &eo);
	if (!decl)
		return NULL;
	/* "TYPE name[N]": the type is all but the name */
	size_t n = strlen(m->member->name);
	char *at = NULL;
	for (char *q = strstr(decl, m->member->name); q; q = strstr(q + 1, m->member->name))
		if (q[n] == '\0' || q[n] == '[')
			at = q;
	if (!at) {
		free(decl);
		return NULL;
	}
	char *type = xasprintf("%.*s%s", (int)(at - decl), decl, at + n);
	size_t len = strlen(type);
	char *sp = strchr(type, '[') ? strchr(type, '[') : type + len;
	if (sp > type && sp[-1] == ' ')
		memmove(sp - 1, sp, strlen(sp) + 1); /* "char [21]" -> "char[21]", "int " */
	return replace_decl(m, decl, type);
}

struct fix *diff_fix_json(const struct member_ctx *m)
{
	const struct hdr_member *mem = m->member;
	if (!mem->editable || !m->rec->in_scope || !mem->loc.file)
		return NULL;
	struct fix *fx = fix_new(FIX_ADD_JSON, NULL, m->prop->name);
	edit(fx, mem->loc.file, mem->after_semi, mem->after_semi,
	     xasprintf(" /**< @json %s */", m->prop->name));
	return fx;
}

struct fix *diff_fix_schema(const struct hdr_record *rec, const char *schema)
{
	if (!rec->editable || !rec->in_scope || !rec->loc.file || !rec->decl_at.line)
		return NULL;
	struct fix *fx = fix_new(FIX_ADD_SCHEMA, NULL, schema);
	edit(fx, rec->loc.file, rec->decl_at, rec->decl_at,
	     xasprintf("/** @schema %s */\n", schema));
	return fx;
}

/* Rename mem to name in fx: its name's bytes replaced. */
static void rename_edit(struct fix *fx, const struct hdr_member *mem, const char *name)
{
	struct hdr_pos end = mem->name_at;
	end.off += (unsigned)strlen(mem->name);
	end.col += (unsigned)strlen(mem->name);
	edit(fx, mem->loc.file, mem->name_at, end, xstrdup(name));
}

struct fix *diff_fix_rename(const struct ruleset *rs, const struct hdr_record *rec,
                            const struct hdr_member *mem, const char *name)
{
	if (!mem->editable || !rec->in_scope || !mem->loc.file || !strcmp(name, mem->name))
		return NULL;
	/* a count its pattern names follows its array (n_x, x_count); an @count stays */
	const struct hdr_member *count = bind_count_member(rec, mem, rs);
	char *count_name =
	        count ? bind_comp_renamed(rs, BIND_COUNT, count->name, mem->name, name) : NULL;
	if (count_name && (!count->editable || count->loc.file != mem->loc.file)) {
		free(count_name);
		return NULL; /* the pair would come apart */
	}
	struct fix *fx = fix_new(FIX_RENAME, mem->name, name);
	rename_edit(fx, mem, name);
	if (count_name)
		rename_edit(fx, count, count_name);
	free(count_name);
	return fx;
}
