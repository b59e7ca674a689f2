/*
 * spec_ref.c - $ref resolution (JSON pointers, relative files, each file
 * loaded once), allOf merging, and the read-side helpers of the model.
 *
 * A reference is never followed over the network, and a file outside the
 * main document's directory is refused unless asked for: a contract check
 * must not depend on what a URL serves today. Both are findings
 * (spec-ref-unresolved), as is a reference that leads nowhere, so one
 * broken $ref does not hide every other finding.
 */
#include "config.h"

#include "spec_int.h"
#include "diag.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { MAX_REF_HOPS = 64 };

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

static bool inside(const char *root, const char *path)
{
	size_t n = strlen(root);
	if (n == 1 && root[0] == '/')
		return true;
	return strncmp(root, path, n) == 0 && (path[n] == '/' || path[n] == '\0');
}

struct spec_file *spec_file_open(struct spec *s, const char *path, struct loc from, bool *failed)
{
	const char *display = strcmp(path, "-") == 0 ? "<stdin>" : path;
	return spec_file_open_as(s, path, display, from, failed);
}

struct spec_file *spec_file_open_as(struct spec *s, const char *path, const char *display,
                                    struct loc from, bool *failed)
{
	bool is_stdin = strcmp(path, "-") == 0;
	char *real = is_stdin ? xstrdup("<stdin>") : realpath(path, NULL);
	if (!real) {
		struct loc at = from.file ? from : (struct loc){loc_intern(path), 0, 0};
		if (!from.file)
			diag_error(&at, "cannot read: %s", strerror(errno));
		*failed = true;
		return NULL;
	}
	for (struct spec_file *f = s->files; f; f = f->next)
		if (strcmp(f->path, real) == 0) {
			free(real);
			return f;
		}
	struct spec_file *f = xcalloc(1, sizeof *f);
	if (ydoc_load_file_as(&f->doc, path, display, NULL)) {
		free(real);
		free(f);
		*failed = true;
		return NULL;
	}
	f->path = real;
	f->next = s->files;
	s->files = f;
	if (!s->root_dir)
		s->root_dir = is_stdin ? realpath(".", NULL) : dir_of(real);
	return f;
}

/* The directory of file joined with rel, "." and "x/.." folded away. */
static char *join_path(const char *file, const char *rel)
{
	char *dir = dir_of(file);
	char *joined = xasprintf("%s/%s", dir, rel);
	free(dir);
	char **seg = xmalloc((strlen(joined) + 1) * sizeof *seg);
	size_t n = 0;
	bool absolute = joined[0] == '/';
	for (char *save = NULL, *t = strtok_r(joined, "/", &save); t;
	     t = strtok_r(NULL, "/", &save)) {
		if (!strcmp(t, "."))
			continue;
		if (!strcmp(t, "..") && n > 0 && strcmp(seg[n - 1], ".."))
			n--;
		else
			seg[n++] = t;
	}
	struct sbuf sb = {0};
	if (absolute)
		sbuf_putc(&sb, '/');
	for (size_t i = 0; i < n; i++) {
		if (i)
			sbuf_putc(&sb, '/');
		sbuf_puts(&sb, seg[i]);
	}
	if (!sb.len)
		sbuf_putc(&sb, '.');
	free(seg);
	free(joined);
	return sbuf_take(&sb);
}

/* Decode a URI fragment's %XX escapes. */
static char *percent_decode(const char *s)
{
	struct sbuf sb = {0};
	for (; *s; s++) {
		unsigned v;
		if (s[0] == '%' && s[1] && s[2] && sscanf(s + 1, "%2x", &v) == 1) {
			sbuf_putc(&sb, (char)v);
			s += 2;
		} else {
			sbuf_putc(&sb, *s);
		}
	}
	return sbuf_take(&sb);
}

/* Walk a JSON pointer (already percent-decoded, starting with '/' or empty). */
static const struct ynode *walk_pointer(const struct ynode *n, const char *ptr)
{
	struct sbuf seg = {0};
	while (n && *ptr) {
		if (*ptr != '/') {
			n = NULL;
			break;
		}
		ptr++;
		seg.len = 0;
		sbuf_add(&seg, "", 0);
		for (; *ptr && *ptr != '/'; ptr++) {
			if (ptr[0] == '~' && ptr[1] == '1')
				sbuf_putc(&seg, '/'), ptr++;
			else if (ptr[0] == '~' && ptr[1] == '0')
				sbuf_putc(&seg, '~'), ptr++;
			else
				sbuf_putc(&seg, *ptr);
		}
		if (n->kind == YN_MAP) {
			n = ydoc_get(n, seg.buf);
		} else if (n->kind == YN_SEQ) {
			char *end;
			unsigned long i = strtoul(seg.buf, &end, 10);
			n = (*end || !seg.buf[0] || i >= n->len) ? NULL : n->kids[i];
		} else {
			n = NULL;
		}
	}
	sbuf_free(&seg);
	return n;
}

/* The component name a pointer gives a schema, or NULL. */
static const char *name_from_pointer(struct spec *s, const char *ptr)
{
	static const char *const bases[] = {"/components/schemas/", "/definitions/", "/$defs/"};
	for (size_t i = 0; i < sizeof bases / sizeof bases[0]; i++) {
		size_t n = strlen(bases[i]);
		if (strncmp(ptr, bases[i], n) == 0 && !strchr(ptr + n, '/'))
			return arena_strdup(&s->arena, ptr + n);
	}
	return NULL;
}

static void unresolved(struct spec *s, struct spec_schema *sc, const char *why)
{
	spec_add_issue(s, "spec-ref-unresolved", sc->ref_loc, sc->pointer, "$ref '%s' %s", sc->ref,
	               why);
}

/* The file a reference names, relative to the referring file. */
static struct spec_file *ref_file(struct spec *s, struct spec_schema *sc, const char *file_part)
{
	if (!file_part[0])
		return (struct spec_file *)sc->src_file;
	if (!strncmp(file_part, "http://", 7) || !strncmp(file_part, "https://", 8) ||
	    strstr(file_part, "://")) {
		unresolved(s, sc,
		           "is a network reference; oacheck never uses the network "
		           "(download the file and refer to it by a relative path)");
		return NULL;
	}
	char *dir = dir_of(sc->src_file->path);
	char *joined =
	        file_part[0] == '/' ? xstrdup(file_part) : xasprintf("%s/%s", dir, file_part);
	free(dir);
	char *decoded = percent_decode(joined);
	free(joined);
	char *real = realpath(decoded, NULL);
	free(decoded);
	struct stat st;
	if (!real || stat(real, &st) != 0 || !S_ISREG(st.st_mode)) {
		unresolved(s, sc,
		           real ? "names something that is not a file"
		                : "names a file that cannot be read");
		free(real);
		return NULL;
	}
	if (s->root_dir && !s->allow_outside_refs && !inside(s->root_dir, real)) {
		free(real);
		unresolved(s, sc,
		           "leaves the spec's directory (allow it with --allow-outside-refs)");
		return NULL;
	}
	/* shown as the referring file's name shows it, joined with the
	 * reference, so that places read the same from any directory */
	char *rel = percent_decode(file_part);
	char *display = file_part[0] == '/' ? xstrdup(rel) : join_path(sc->src_file->doc.file, rel);
	bool failed = false;
	struct spec_file *f = spec_file_open_as(s, real, display, sc->ref_loc, &failed);
	free(display);
	free(rel);
	free(real);
	return f; /* NULL: a parse error was printed; spec_resolve_all stops */
}

static void resolve_one(struct spec *s, struct spec_schema *sc)
{
	const char *hash = strchr(sc->ref, '#');
	char *file_part = hash ? xstrndup(sc->ref, (size_t)(hash - sc->ref)) : xstrdup(sc->ref);
	char *frag = percent_decode(hash ? hash + 1 : "");
	struct spec_file *f = ref_file(s, sc, file_part);
	if (f) {
		const struct ynode *n = walk_pointer(f->doc.root, frag);
		if (!n) {
			unresolved(s, sc, "leads nowhere");
		} else {
			const char *ptr = arena_strdup(&s->arena, frag);
			sc->target = spec_build(s, f, n, ptr, name_from_pointer(s, ptr), 0);
		}
	}
	free(file_part);
	free(frag);
}

int spec_resolve_all(struct spec *s)
{
	unsigned errors = diag_error_count();
	for (size_t i = 0; i < s->n_pending; i++) {
		resolve_one(s, s->pending[i]);
		if (diag_error_count() > errors)
			return -1; /* a referenced file did not parse */
	}
	s->n_pending = 0;
	return 0;
}

const struct spec_schema *spec_deref(const struct spec_schema *sc)
{
	for (int hops = 0; sc && sc->ref && sc->target && hops < MAX_REF_HOPS; hops++)
		sc = sc->target;
	return sc;
}

const char *spec_ref_name(const struct spec_schema *sc)
{
	const char *name = NULL; /* the deepest name on the chain */
	for (int hops = 0; sc && sc->ref && sc->target && hops < MAX_REF_HOPS; hops++) {
		sc = sc->target;
		if (sc->name)
			name = sc->name;
	}
	return name;
}

static bool has_name(const char *const *names, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(names[i], name))
			return true;
	return false;
}

enum { MAX_MERGE_DEPTH = 256 };

static void merge_one(struct spec *s, struct spec_schema *sc, unsigned depth);

/* Take into sc what part says and sc does not. */
static void absorb(struct spec *s, struct spec_schema *sc, const struct spec_schema *p,
                   struct spec_prop **props, size_t *n, size_t *cap, const char ***req,
                   size_t *n_req, size_t *req_cap)
{
	for (size_t i = 0; i < p->n_props; i++) {
		bool seen = false;
		for (size_t j = 0; j < *n && !seen; j++)
			seen = !strcmp((*props)[j].name, p->props[i].name);
		if (!seen)
			*VEC_PUSH(*props, *n, *cap) = p->props[i];
	}
	for (size_t i = 0; i < p->n_required; i++)
		*VEC_PUSH(*req, *n_req, *req_cap) = p->required_names[i];
	if (!sc->types)
		sc->types = p->types;
	if (!sc->format)
		sc->format = p->format;
#define TAKE(f, unset)                                                                             \
	if (sc->f == (unset))                                                                      \
	sc->f = p->f
	TAKE(max_length, -1);
	TAKE(min_length, -1);
	TAKE(max_items, -1);
	TAKE(min_items, -1);
	TAKE(items, NULL);
	TAKE(addl, SPEC_ADDL_UNSET);
	TAKE(addl_schema, NULL);
	TAKE(discriminator, NULL);
	TAKE(example, NULL);
#undef TAKE
	if (!sc->n_enums) {
		sc->enums = p->enums;
		sc->n_enums = p->n_enums;
	}
	if (!sc->has_minimum) {
		sc->has_minimum = p->has_minimum;
		sc->minimum = p->minimum;
		sc->excl_minimum = p->excl_minimum;
	}
	if (!sc->has_maximum) {
		sc->has_maximum = p->has_maximum;
		sc->maximum = p->maximum;
		sc->excl_maximum = p->excl_maximum;
	}
	sc->nullable |= p->nullable;
	(void)s;
}

static void merge_one(struct spec *s, struct spec_schema *sc, unsigned depth)
{
	if (sc->merge_state)
		return; /* done, or in progress on a cycle */
	if (depth > MAX_MERGE_DEPTH) {
		spec_add_issue(s, "spec-invalid", sc->loc, sc->pointer,
		               "allOf nested deeper than %d levels; not merged further",
		               MAX_MERGE_DEPTH);
		return;
	}
	sc->merge_state = 1;
	struct spec_prop *props = NULL;
	size_t n = 0, cap = 0;
	const char **req = NULL;
	size_t n_req = 0, req_cap = 0;
	for (size_t i = 0; i < sc->n_props; i++)
		*VEC_PUSH(props, n, cap) = sc->props[i];
	for (size_t i = 0; i < sc->n_required; i++)
		*VEC_PUSH(req, n_req, req_cap) = sc->required_names[i];
	for (size_t i = 0; i < sc->n_all_of; i++) {
		struct spec_schema *p = (struct spec_schema *)spec_deref(sc->all_of[i]);
		merge_one(s, sc->all_of[i], depth + 1);
		merge_one(s, p, depth + 1);
		absorb(s, sc, p, &props, &n, &cap, &req, &n_req, &req_cap);
	}
	sc->props = spec_alloc(s, n * sizeof *props);
	if (n)
		memcpy(sc->props, props, n * sizeof *props);
	sc->n_props = n;
	sc->required_names = spec_alloc(s, n_req * sizeof *req);
	if (n_req)
		memcpy(sc->required_names, req, n_req * sizeof *req);
	sc->n_required = n_req;
	for (size_t i = 0; i < n; i++)
		sc->props[i].required |= has_name(req, n_req, sc->props[i].name);
	free(props);
	free(req);
	sc->merge_state = 2;
}

/* Nothing but annotations of its own (description, nullable, ...)? */
static bool no_content(const struct spec_schema *sc)
{
	return !sc->types && !sc->n_props && !sc->items && !sc->n_enums && !sc->format &&
	       sc->addl == SPEC_ADDL_UNSET && !sc->ref && sc->max_length < 0 && sc->max_items < 0 &&
	       !sc->has_minimum && !sc->has_maximum;
}

static bool null_only(const struct spec_schema *sc)
{
	return sc->types == SPEC_NULL && !sc->n_props && !sc->ref && !sc->n_all_of;
}

/* The same contract is written differently in 3.0, 3.1 and 2.0: a $ref
 * with a description is "allOf: [$ref]" in 3.0, a nullable one is
 * "anyOf: [$ref, {type: 'null'}]" in 3.1. Both become what they mean: a
 * reference (nullable as said) or, for an inline variant, an allOf of it,
 * so that the checker sees one form. */
static void simplify(struct spec_schema *sc)
{
	struct spec_schema **v = sc->one_of ? sc->one_of : sc->any_of;
	size_t n = sc->one_of ? sc->n_one_of : sc->n_any_of;
	if (n == 2 && !sc->n_all_of && (null_only(v[0]) || null_only(v[1]))) {
		sc->nullable = true;
		sc->all_of = null_only(v[0]) ? &v[1] : &v[0];
		sc->n_all_of = 1;
		sc->one_of = sc->any_of = NULL;
		sc->n_one_of = sc->n_any_of = 0;
	}
	if (sc->n_all_of == 1 && sc->all_of[0]->ref && !sc->n_one_of && !sc->n_any_of &&
	    no_content(sc)) {
		sc->ref = sc->all_of[0]->ref;
		sc->ref_loc = sc->all_of[0]->ref_loc;
		sc->target = sc->all_of[0]->target;
		sc->nullable |= sc->all_of[0]->nullable;
		sc->all_of = NULL;
		sc->n_all_of = 0;
	}
}

void spec_merge_all(struct spec *s)
{
	for (size_t i = 0; s->mem && i < s->mem->n_all; i++)
		simplify(s->mem->all[i]);
	for (size_t i = 0; s->mem && i < s->mem->n_all; i++)
		if (s->mem->all[i]->n_all_of)
			merge_one(s, s->mem->all[i], 0);
}

void spec_widen_root(struct spec *s, const char *path)
{
	char *real = realpath(path, NULL);
	char *dir = real ? dir_of(real) : NULL;
	while (dir && s->root_dir && !inside(s->root_dir, dir)) {
		char *up = dir_of(s->root_dir);
		free(s->root_dir);
		s->root_dir = up;
	}
	free(dir);
	free(real);
}

const struct spec_schema *spec_find_pointer(struct spec *s, const char *pointer)
{
	return spec_find_pointer_in(s, s->file, pointer);
}

const struct spec_schema *spec_find_pointer_in(struct spec *s, const char *doc, const char *pointer)
{
	struct spec_file *main = s->files;
	while (main && main->doc.file != doc && (!doc || strcmp(main->doc.file, doc)))
		main = main->next;
	if (!main)
		return NULL;
	if (pointer[0] == '#')
		pointer++;
	char *decoded = percent_decode(pointer);
	const struct ynode *n = walk_pointer(main->doc.root, decoded);
	const struct spec_schema *sc = NULL;
	if (n && n->kind == YN_MAP) {
		const char *ptr = arena_strdup(&s->arena, decoded);
		sc = spec_build(s, main, n, ptr, name_from_pointer(s, ptr), 0);
		if (spec_resolve_all(s) == 0)
			spec_merge_all(s);
	}
	free(decoded);
	return sc;
}

size_t spec_namesakes(struct spec *s, const char *name, const struct spec_schema **out, size_t cap)
{
	size_t n = 0;
	for (struct spec_file *f = s->files; f && n < cap; f = f->next) {
		const struct ynode *root = f->doc.root;
		const char *base = "/components/schemas";
		const struct ynode *map = ydoc_get(ydoc_get(root, "components"), "schemas");
		if (!map) {
			map = ydoc_get(root, "definitions");
			base = "/definitions";
		}
		if (!ydoc_get(map, name))
			continue;
		const struct spec_schema *sc =
		        spec_find_pointer_in(s, f->doc.file, spec_child_pointer(s, base, name));
		if (sc)
			out[n++] = sc;
	}
	return n;
}

struct dump_path;
static void dump_schema(FILE *fp, const struct spec_schema *sc, unsigned indent,
                        struct dump_path *path);

static void dump_constraints(FILE *fp, const struct spec_schema *sc)
{
	if (sc->format)
		fprintf(fp, " format=%s", sc->format);
	if (sc->max_length >= 0)
		fprintf(fp, " maxLength=%lld", sc->max_length);
	if (sc->min_items >= 0)
		fprintf(fp, " minItems=%lld", sc->min_items);
	if (sc->max_items >= 0)
		fprintf(fp, " maxItems=%lld", sc->max_items);
	if (sc->has_minimum)
		fprintf(fp, " minimum%s=%g", sc->excl_minimum ? "(excl)" : "", sc->minimum);
	if (sc->has_maximum)
		fprintf(fp, " maximum%s=%g", sc->excl_maximum ? "(excl)" : "", sc->maximum);
	if (sc->nullable)
		fputs(" nullable", fp);
	if (sc->read_only)
		fputs(" readOnly", fp);
	if (sc->write_only)
		fputs(" writeOnly", fp);
	if (sc->deprecated)
		fputs(" deprecated", fp);
	if (sc->addl == SPEC_ADDL_FALSE)
		fputs(" additionalProperties=false", fp);
	else if (sc->addl != SPEC_ADDL_UNSET)
		fputs(" additionalProperties", fp);
	if (sc->n_one_of || sc->n_any_of)
		fprintf(fp, " %s(%zu)", sc->n_one_of ? "oneOf" : "anyOf",
		        sc->n_one_of ? sc->n_one_of : sc->n_any_of);
	if (sc->discriminator)
		fprintf(fp, " discriminator=%s", sc->discriminator);
	if (sc->n_enums) {
		fputs(" enum=[", fp);
		for (size_t i = 0; i < sc->n_enums; i++) {
			const struct spec_value *v = &sc->enums[i];
			const char *q = v->kind == SV_STRING ? "\"" : "";
			fprintf(fp, "%s%s%s%s", i ? "," : "", q, v->text ? v->text : "?", q);
		}
		fputc(']', fp);
	}
	if (sc->example && sc->example->text)
		fprintf(fp, " example=%s", sc->example->text);
}

enum { DUMP_DEPTH = 32 };

/* The schemas being printed, outermost first: an unnamed target already
 * on the path is a cycle and is not expanded again. */
struct dump_path {
	const struct spec_schema *v[DUMP_DEPTH + 2];
	unsigned n;
};

static bool on_path(const struct dump_path *p, const struct spec_schema *sc)
{
	for (unsigned i = 0; i < p->n; i++)
		if (p->v[i] == sc)
			return true;
	return false;
}

static void dump_kids(FILE *fp, const struct spec_schema *sc, unsigned indent,
                      struct dump_path *path)
{
	for (size_t i = 0; i < sc->n_props; i++) {
		const struct spec_prop *p = &sc->props[i];
		fprintf(fp, "%*s.%s%s: ", indent + 2, "", p->name,
		        p->required ? " (required)" : "");
		dump_schema(fp, p->schema, indent + 2, path);
	}
	if (sc->items) {
		fprintf(fp, "%*s[]: ", indent + 2, "");
		dump_schema(fp, sc->items, indent + 2, path);
	}
	if (sc->addl_schema) {
		fprintf(fp, "%*s{}: ", indent + 2, "");
		dump_schema(fp, sc->addl_schema, indent + 2, path);
	}
}

static void dump_schema(FILE *fp, const struct spec_schema *sc, unsigned indent,
                        struct dump_path *path)
{
	if (sc->ref) {
		const char *ref = spec_ref_name(sc);
		const struct spec_schema *t = spec_deref(sc);
		fprintf(fp, "-> %s%s", ref ? ref : sc->ref, sc->nullable ? " nullable" : "");
		if (!sc->target)
			fputs(" (unresolved)", fp);
		else if (!ref && (t->ref || on_path(path, t)))
			fputs(" (cycle)", fp);
		if (!sc->target || t->ref || ref || on_path(path, t) || path->n > DUMP_DEPTH) {
			fputc('\n', fp);
			return;
		}
		fputs(": ", fp); /* an unnamed target (a whole file): show it here */
		sc = t;
	}
	fputs(spec_type_name(sc->types), fp);
	dump_constraints(fp, sc);
	fprintf(fp, " @%s:%u:%u #%s\n", sc->loc.file, sc->loc.line, sc->loc.col, sc->pointer);
	if (path->n > DUMP_DEPTH)
		return;
	path->v[path->n++] = sc;
	dump_kids(fp, sc, indent, path);
	path->n--;
}

void spec_dump(const struct spec *s, void *out)
{
	FILE *fp = out;
	fprintf(fp, "spec %s version %s title \"%s\"\n", s->file, s->version_text, s->title);
	for (size_t i = 0; i < s->n_schemas; i++) {
		fprintf(fp, "schema %s ", s->schemas[i]->name);
		struct dump_path path = {.n = 0};
		dump_schema(fp, s->schemas[i], 0, &path);
	}
	for (size_t i = 0; i < s->n_issues; i++)
		fprintf(fp, "issue %s %s:%u:%u %s\n", s->issues[i].rule, s->issues[i].loc.file,
		        s->issues[i].loc.line, s->issues[i].loc.col, s->issues[i].message);
}

unsigned spec_types(const struct spec_schema *c)
{
	unsigned t = c->types;
	if (t)
		return t;
	if (c->n_props || c->addl == SPEC_ADDL_SCHEMA)
		return SPEC_OBJECT;
	if (c->items)
		return SPEC_ARRAY;
	for (size_t i = 0; i < c->n_enums; i++) {
		if (c->enums[i].kind == SV_STRING)
			t |= SPEC_STRING;
		else if (c->enums[i].kind == SV_INT)
			t |= SPEC_INTEGER;
		else if (c->enums[i].kind == SV_NUMBER)
			t |= SPEC_NUMBER;
		else if (c->enums[i].kind == SV_BOOL)
			t |= SPEC_BOOLEAN;
	}
	return t;
}
