/*
 * idiom_printf.c - printf templates: a JSON text with conversion holes
 * passed as the format of snprintf, asprintf, fprintf, g_strdup_printf or
 * a project's wrapper (json-formats: names them and their format
 * argument). The format is a string literal, a macro that makes one
 * (#define STRINGIFY(...) #__VA_ARGS__ around bare JSON), or a variable
 * (static const char *const T = ...) followed to its initializer. Only a
 * format whose text is a JSON object or array counts (wire_tmpl.c): URLs
 * and log lines are not templates. Each key is a write site placed where
 * the key is written, its type the hole's (%d integer, %f number, "%s"
 * string, a bare %s anything), its members those of the argument that
 * fills it. A template constant applied twice is read once.
 */
#include "config.h"

#include "hdr_idiom.h"
#include "spec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_ITEMS = 128 };

struct pstate {
	struct strmap seen; /* "%u:%u" of a template constant already read */
};

/* The text of the format argument and the cursor its characters are
 * written at (the literal, or the constant's initializer); NULL: none. */
static const char *format_text(struct flow *f, CXCursor arg, CXCursor *lit, CXCursor *var)
{
	*var = clang_getNullCursor();
	*lit = arg;
	const char *s = flow_literal(f, arg);
	if (s)
		return s;
	CXCursor a = flow_strip(arg);
	if (clang_getCursorKind(a) != CXCursor_DeclRefExpr)
		return NULL;
	CXCursor init = flow_initializer(a);
	if (clang_Cursor_isNull(init))
		return NULL;
	*var = clang_getCursorReferenced(a);
	*lit = init;
	return flow_literal(f, init);
}

/* Where key is written in the source of the template, searching from
 * *from (advanced past it): "key" in bare JSON a macro stringifies, or
 * \"key\" in a C literal. Line 0: not found. */
static struct loc key_place(struct flow *f, unsigned b, unsigned e, unsigned *from, const char *key,
                            size_t len)
{
	for (unsigned p = *from; len && p + len < e && p + len < f->text_len; p++) {
		if (f->text[p] != '"' || strncmp(f->text + p + 1, key, len))
			continue;
		const char *after = f->text + p + 1 + len;
		bool closed = *after == '"' || (after[0] == '\\' && after[1] == '"');
		if (!closed || p < b)
			continue;
		*from = p + 1 + (unsigned)len;
		return flow_place_at(f, p + 1);
	}
	return (struct loc){NULL, 0, 0};
}

/* Has the template constant var been read already (then true)? */
static bool seen(struct flow *f, CXCursor var)
{
	if (clang_Cursor_isNull(var))
		return false;
	struct pstate *st = f->idiom[IDIOM_PRINTF];
	if (!st)
		st = f->idiom[IDIOM_PRINTF] = xcalloc(1, sizeof *st);
	unsigned line = 0, col = 0;
	clang_getExpansionLocation(clang_getCursorLocation(var), NULL, &line, &col, NULL);
	char key[48]; /* the cursor's hash tells constants of two files apart */
	snprintf(key, sizeof key, "%u:%u:%u", clang_hashCursor(var), line, col);
	if (strmap_get(&st->seen, key))
		return true;
	strmap_put(&st->seen, xstrdup(key), (void *)1);
	return false;
}

static void site_values(struct flow *f, size_t s, const struct fset *args, int arg, int n)
{
	if (arg < 0 || arg >= n || arg >= MAX_ARGS)
		return;
	const struct fset *v = &args[arg];
	for (unsigned i = 0; i < v->n; i++)
		if (FKIND(v->v[i]) == FK_CHAIN)
			flow_site_reach(&f->u->sites[s], f->u->chains[FID(v->v[i])]);
}

static bool ident(char c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

/* The body of the #define of the macro named at text[b] in the main file,
 * as [*mb, *me): the logical line after the name. */
static bool macro_body(struct flow *f, unsigned b, unsigned *mb, unsigned *me)
{
	const char *t = f->text;
	unsigned n = 0;
	while (b + n < f->text_len && ident(t[b + n]))
		n++;
	if (!n)
		return false;
	for (const char *p = t; (p = memmem(p, f->text_len - (size_t)(p - t), t + b, n));) {
		const char *q = p;
		p += n;
		if ((q > t && ident(q[-1])) || ident(*p))
			continue;
		while (q > t && (q[-1] == ' ' || q[-1] == '\t'))
			q--;
		if (q - t < 6 || strncmp(q - 6, "define", 6))
			continue;
		*mb = (unsigned)(p - t);
		for (*me = *mb; *me < f->text_len && (t[*me] != '\n' || t[*me - 1] == '\\');
		     (*me)++)
			;
		return true;
	}
	return false;
}

/* Where the characters of lit are written: its expansion (a literal, or
 * a macro that stringifies bare JSON around it), else the body of the
 * macro that stands for it. */
static bool written(struct flow *f, CXCursor lit, unsigned *b, unsigned *e, const char *key,
                    size_t len)
{
	if (!flow_extent(f, lit, b, e))
		return false;
	if (!key || memmem(f->text + *b, *e - *b, key, len))
		return true;
	return macro_body(f, *b, b, e);
}

static void read_template(struct flow *f, const struct fset *args, const struct wire_call *one,
                          int fmt, int n, const struct wire_tmpl_item *it, int ni, CXCursor lit,
                          CXCursor var)
{
	unsigned b = 0, e = 0, from = 0;
	const char *first = NULL;
	size_t first_len = 0;
	for (int i = 0; i < ni && !first; i++)
		if (it[i].key) {
			first = it[i].key;
			first_len = it[i].key_len;
		}
	bool placed = written(f, lit, &b, &e, first, first_len);
	from = b;
	struct fset root = flow_new_value(f);
	struct loc sat;
	const char *schema = clang_Cursor_isNull(var) ? NULL : flow_schema_of(f, var, &sat);
	size_t site_of[MAX_ITEMS];
	for (int i = 0; i < ni; i++) {
		site_of[i] = (size_t)-1;
		if (it[i].parent >= 0 && site_of[it[i].parent] == (size_t)-1)
			continue;
		struct fset obj = root;
		if (it[i].parent >= 0) {
			obj = (struct fset){0};
			fs_add(&obj, FACT(FK_SITE, site_of[it[i].parent]));
		}
		struct wire_call w = *one;
		w.type = it[i].type;
		const char *key =
		        it[i].key ? arena_strndup(&f->u->arena, it[i].key, it[i].key_len) : NULL;
		size_t s = flow_new_site(f, &w, key, lit, clang_getNullCursor(), &obj);
		site_of[i] = s;
		struct wire_site *site = &f->u->sites[s];
		struct loc at = key && placed ? key_place(f, b, e, &from, key, it[i].key_len)
		                              : (struct loc){NULL, 0, 0};
		if (at.line)
			site->loc = at;
		if (schema && it[i].parent < 0) {
			site->schema = schema;
			site->schema_at = sat;
		}
		site_values(f, s, args, it[i].arg >= 0 ? fmt + 1 + it[i].arg : -1, n);
	}
}

static bool printf_call(struct flow *f, CXCursor c, const char *callee, const struct wire_call *wc,
                        int n, struct fset *out)
{
	if (wc || !f->fr->formats.n || !*callee)
		return false;
	const struct wire_format *wf = strmap_get(&f->fr->formats, callee);
	if (!wf || wf->format >= n)
		return false;
	CXCursor lit, var;
	const char *text =
	        format_text(f, clang_Cursor_getArgument(c, (unsigned)wf->format), &lit, &var);
	struct wire_tmpl_item it[MAX_ITEMS];
	int n_args = 0;
	int ni = text ? wire_tmpl_parse(text, it, MAX_ITEMS, &n_args) : -1;
	if (ni < 0)
		return false; /* not a JSON template: an ordinary call */
	struct fset args[MAX_ARGS];
	for (int i = 0; i < n; i++) { /* each once: what they do besides */
		struct fset v = i == wf->format
		                        ? (struct fset){0}
		                        : flow_eval(f, clang_Cursor_getArgument(c, (unsigned)i));
		if (i < MAX_ARGS)
			args[i] = v;
	}
	if (!seen(f, var)) {
		struct wire_call one = {.name = (char *)wf->name, .dir = WIRE_WRITE};
		read_template(f, args, &one, wf->format, n, it, ni, lit, var);
	}
	*out = (struct fset){0};
	return true;
}

static void printf_done(struct flow *f)
{
	struct pstate *st = f->idiom[IDIOM_PRINTF];
	if (!st)
		return;
	for (size_t i = 0; i < st->seen.cap; i++)
		free((char *)st->seen.slots[i].key);
	strmap_free(&st->seen);
	free(st);
	f->idiom[IDIOM_PRINTF] = NULL;
}

const struct idiom idiom_printf = {
        .name = "printf templates", .call = printf_call, .done = printf_done};
