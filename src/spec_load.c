/*
 * spec_load.c - OpenAPI 3.0/3.1 and Swagger 2.0 documents to the spec
 * model. This file reads the document's top level and turns one schema
 * object into a struct spec_schema; spec_ref.c follows references across
 * files and merges allOf.
 */
#include "config.h"

#include "spec.h"
#include "diag.h"
#include "spec_int.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_SCHEMA_DEPTH = 256 };

void spec_add_issue(struct spec *s, const char *rule, struct loc at, const char *pointer,
                    const char *fmt, ...)
{
	struct spec_issue *is = VEC_PUSH(s->issues, s->n_issues, s->issues_cap);
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	is->rule = rule;
	is->loc = at;
	is->pointer = arena_strdup(&s->arena, pointer);
	is->message = arena_strdup(&s->arena, msg);
	free(msg);
}

static const char *scalar_str(const struct ynode *n)
{
	return n && n->kind == YN_SCALAR ? n->str : NULL;
}

static unsigned type_bit(const char *t)
{
	static const struct {
		const char *name;
		unsigned bit;
	} map[] = {
	        {"null", SPEC_NULL},     {"boolean", SPEC_BOOLEAN}, {"integer", SPEC_INTEGER},
	        {"number", SPEC_NUMBER}, {"string", SPEC_STRING},   {"array", SPEC_ARRAY},
	        {"object", SPEC_OBJECT}, {"file", SPEC_STRING},
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcmp(t, map[i].name) == 0)
			return map[i].bit;
	return 0;
}

static void read_type(struct spec *s, const struct spec_file *f, struct spec_schema *sc,
                      const struct ynode *n)
{
	const struct ynode *one = n;
	size_t count = n->kind == YN_SEQ ? n->len : 1;
	for (size_t i = 0; i < count; i++) {
		if (n->kind == YN_SEQ)
			one = n->kids[i];
		unsigned bit = one->kind == YN_SCALAR ? type_bit(one->str) : 0;
		if (!bit) {
			spec_add_issue(s, "spec-invalid", ydoc_loc(&f->doc, one), sc->pointer,
			               "unknown type '%s'",
			               one->kind == YN_SCALAR ? one->str : "?");
			continue;
		}
		if (one->kind == YN_SCALAR && strcmp(one->str, "file") == 0 && !sc->format)
			sc->format = "binary";
		sc->types |= bit;
	}
}

static struct spec_value make_value(const struct spec_file *f, const struct ynode *n)
{
	struct spec_value v = {SV_OTHER, NULL, 0, ydoc_loc(&f->doc, n)};
	if (n->kind != YN_SCALAR)
		return v;
	static const enum spec_value_kind kinds[] = {
	        [YS_STRING] = SV_STRING, [YS_NULL] = SV_NULL,    [YS_BOOL] = SV_BOOL,
	        [YS_INT] = SV_INT,       [YS_FLOAT] = SV_NUMBER,
	};
	v.kind = kinds[ydoc_scalar_type(n)];
	v.text = n->str;
	v.len = n->len;
	return v;
}

static void read_enum(struct spec *s, const struct spec_file *f, struct spec_schema *sc,
                      const struct ynode *n)
{
	if (n->kind != YN_SEQ)
		return;
	sc->enums = spec_alloc(s, n->len * sizeof *sc->enums);
	for (size_t i = 0; i < n->len; i++)
		sc->enums[sc->n_enums++] = make_value(f, n->kids[i]);
}

static struct spec_schema **read_list(struct spec *s, const struct spec_file *f,
                                      const struct ynode *n, const char *ptr, size_t *count,
                                      unsigned depth)
{
	if (n->kind != YN_SEQ)
		return NULL;
	struct spec_schema **v = spec_alloc(s, n->len * sizeof *v);
	for (size_t i = 0; i < n->len; i++) {
		char idx[24];
		snprintf(idx, sizeof idx, "%zu", i);
		v[i] = spec_build(s, f, n->kids[i], spec_child_pointer(s, ptr, idx), NULL,
		                  depth + 1);
	}
	*count = n->len;
	return v;
}

static void read_props(struct spec *s, const struct spec_file *f, struct spec_schema *sc,
                       const struct ynode *n, unsigned depth)
{
	if (n->kind != YN_MAP)
		return;
	const char *base = spec_child_pointer(s, sc->pointer, "properties");
	sc->props = spec_alloc(s, n->len * sizeof *sc->props);
	for (size_t i = 0; i < n->len; i++) {
		const struct ynode *k = n->kids[2 * i];
		if (k->kind != YN_SCALAR)
			continue;
		struct spec_prop *p = &sc->props[sc->n_props++];
		p->name = k->str;
		p->loc = ydoc_loc(&f->doc, k);
		p->pointer = spec_child_pointer(s, base, k->str);
		p->owner = sc;
		p->schema = spec_build(s, f, n->kids[2 * i + 1], p->pointer, NULL, depth + 1);
	}
}

static void read_required(struct spec *s, struct spec_schema *sc, const struct ynode *n)
{
	if (n->kind != YN_SEQ)
		return;
	sc->required_names = spec_alloc(s, n->len * sizeof *sc->required_names);
	for (size_t i = 0; i < n->len; i++)
		if (n->kids[i]->kind == YN_SCALAR)
			sc->required_names[sc->n_required++] = n->kids[i]->str;
}

static void read_bool(const struct ynode *n, bool *out)
{
	bool b;
	if (ydoc_bool(n, &b) == 0)
		*out = b;
}

static void read_count(const struct ynode *n, long long *out)
{
	long long v;
	if (ydoc_int(n, &v) == 0 && v >= 0)
		*out = v;
}

static void read_bound(const struct ynode *n, bool *has, double *out, bool *excl)
{
	double d;
	bool b;
	if (ydoc_number(n, &d) == 0) {
		*has = true;
		*out = d;
		if (excl)
			*excl = true; /* 3.1: exclusiveMinimum is the bound itself */
	} else if (excl && ydoc_bool(n, &b) == 0) {
		*excl = b; /* 3.0: a flag on minimum/maximum */
	}
}

static void read_addl(struct spec *s, const struct spec_file *f, struct spec_schema *sc,
                      const struct ynode *n, unsigned depth)
{
	bool b;
	if (ydoc_bool(n, &b) == 0) {
		sc->addl = b ? SPEC_ADDL_TRUE : SPEC_ADDL_FALSE;
	} else if (n->kind == YN_MAP) {
		sc->addl = SPEC_ADDL_SCHEMA;
		sc->addl_schema = spec_build(
		        s, f, n, spec_child_pointer(s, sc->pointer, "additionalProperties"), NULL,
		        depth + 1);
	}
}

static void read_example(struct spec *s, const struct spec_file *f, struct spec_schema *sc,
                         const struct ynode *n, bool list)
{
	if (list) { /* 3.1 "examples": an array; the first one stands */
		if (n->kind != YN_SEQ || n->len == 0)
			return;
		n = n->kids[0];
	}
	struct spec_value *v = spec_alloc(s, sizeof *v);
	*v = make_value(f, n);
	sc->example = v;
}

/* One keyword of a schema object. */
static void read_keyword(struct spec *s, const struct spec_file *f, struct spec_schema *sc,
                         const char *key, const struct ynode *v, unsigned depth)
{
	if (!strcmp(key, "type"))
		read_type(s, f, sc, v);
	else if (!strcmp(key, "format"))
		sc->format = scalar_str(v);
	else if (!strcmp(key, "$ref") && v->kind == YN_SCALAR) {
		sc->ref = v->str;
		sc->ref_loc = ydoc_loc(&f->doc, v);
	} else if (!strcmp(key, "properties"))
		read_props(s, f, sc, v, depth);
	else if (!strcmp(key, "required"))
		read_required(s, sc, v);
	else if (!strcmp(key, "items") && v->kind == YN_MAP)
		sc->items = spec_build(s, f, v, spec_child_pointer(s, sc->pointer, "items"), NULL,
		                       depth + 1);
	else if (!strcmp(key, "additionalProperties"))
		read_addl(s, f, sc, v, depth);
	else if (!strcmp(key, "enum"))
		read_enum(s, f, sc, v);
	else if (!strcmp(key, "const")) {
		sc->enums = spec_alloc(s, sizeof *sc->enums);
		sc->enums[0] = make_value(f, v);
		sc->n_enums = 1;
	} else if (!strcmp(key, "allOf"))
		sc->all_of = read_list(s, f, v, spec_child_pointer(s, sc->pointer, "allOf"),
		                       &sc->n_all_of, depth);
	else if (!strcmp(key, "oneOf"))
		sc->one_of = read_list(s, f, v, spec_child_pointer(s, sc->pointer, "oneOf"),
		                       &sc->n_one_of, depth);
	else if (!strcmp(key, "anyOf"))
		sc->any_of = read_list(s, f, v, spec_child_pointer(s, sc->pointer, "anyOf"),
		                       &sc->n_any_of, depth);
	else if (!strcmp(key, "discriminator"))
		sc->discriminator =
		        v->kind == YN_SCALAR ? v->str : scalar_str(ydoc_get(v, "propertyName"));
	else if (!strcmp(key, "maxLength"))
		read_count(v, &sc->max_length);
	else if (!strcmp(key, "minLength"))
		read_count(v, &sc->min_length);
	else if (!strcmp(key, "maxItems"))
		read_count(v, &sc->max_items);
	else if (!strcmp(key, "minItems"))
		read_count(v, &sc->min_items);
	else if (!strcmp(key, "minimum"))
		read_bound(v, &sc->has_minimum, &sc->minimum, NULL);
	else if (!strcmp(key, "maximum"))
		read_bound(v, &sc->has_maximum, &sc->maximum, NULL);
	else if (!strcmp(key, "exclusiveMinimum"))
		read_bound(v, &sc->has_minimum, &sc->minimum, &sc->excl_minimum);
	else if (!strcmp(key, "exclusiveMaximum"))
		read_bound(v, &sc->has_maximum, &sc->maximum, &sc->excl_maximum);
	else if (!strcmp(key, "nullable") || !strcmp(key, "x-nullable"))
		read_bool(v, &sc->nullable);
	else if (!strcmp(key, "readOnly"))
		read_bool(v, &sc->read_only);
	else if (!strcmp(key, "writeOnly"))
		read_bool(v, &sc->write_only);
	else if (!strcmp(key, "deprecated"))
		read_bool(v, &sc->deprecated);
	else if (!strcmp(key, "example"))
		read_example(s, f, sc, v, false);
	else if (!strcmp(key, "examples") && !sc->example)
		read_example(s, f, sc, v, true);
	else if (!strcmp(key, "description"))
		sc->description = scalar_str(v);
}

struct spec_schema *spec_build(struct spec *s, const struct spec_file *f, const void *node,
                               const char *pointer, const char *name, unsigned depth)
{
	const struct ynode *n = node;
	struct spec_schema *sc = spec_mem_get(s->mem, n);
	if (sc)
		return sc;
	sc = spec_alloc(s, sizeof *sc);
	spec_mem_put(s->mem, n, sc);
	sc->name = name;
	sc->pointer = pointer;
	sc->loc = ydoc_loc(&f->doc, n);
	sc->max_length = sc->min_length = sc->max_items = sc->min_items = -1;
	sc->src_node = n;
	sc->src_file = f;
	if (depth > MAX_SCHEMA_DEPTH) {
		spec_add_issue(s, "spec-invalid", sc->loc, pointer,
		               "schema nested deeper than %d levels; not read further",
		               MAX_SCHEMA_DEPTH);
		return sc;
	}
	if (n->kind != YN_MAP)
		return sc; /* 3.1 boolean schema, or junk: accepts anything */
	for (size_t i = 0; i < n->len; i++) {
		const struct ynode *k = n->kids[2 * i];
		if (k->kind == YN_SCALAR)
			read_keyword(s, f, sc, k->str, n->kids[2 * i + 1], depth);
	}
	for (size_t i = 0; i < sc->n_props; i++)
		for (size_t j = 0; j < sc->n_required; j++)
			if (!strcmp(sc->props[i].name, sc->required_names[j]))
				sc->props[i].required = true;
	if (sc->ref)
		*(struct spec_schema **)VEC_PUSH(s->pending, s->n_pending, s->pending_cap) = sc;
	if ((sc->types & SPEC_NULL) && sc->types != SPEC_NULL) {
		sc->nullable = true;
		sc->types &= ~(unsigned)SPEC_NULL;
	}
	return sc;
}

static int read_version(struct spec *s, const struct ydoc *doc)
{
	const struct ynode *root = doc->root;
	const struct ynode *v = ydoc_get(root, "openapi");
	const struct ynode *sw = ydoc_get(root, "swagger");
	struct loc at = {doc->file, 1, 1};
	if (!root || root->kind != YN_MAP) {
		if (root)
			at = ydoc_loc(doc, root);
		diag_error(&at, "not an OpenAPI document: %s",
		           root ? "the top level is not a mapping" : "the file is empty");
		return -1;
	}
	if (v && v->kind == YN_SCALAR &&
	    (!strncmp(v->str, "3.0", 3) || !strncmp(v->str, "3.1", 3)) &&
	    (v->str[3] == '\0' || v->str[3] == '.')) {
		s->version = v->str[2] == '0' ? 30 : 31;
		s->version_text = v->str;
		return 0;
	}
	if (!v && sw && sw->kind == YN_SCALAR && !strcmp(sw->str, "2.0")) {
		s->version = 20;
		s->version_text = sw->str;
		return 0;
	}
	const struct ynode *bad = v ? v : sw;
	if (bad) {
		at = ydoc_loc(doc, bad);
		diag_error(&at,
		           "unsupported %s version '%s' (oacheck reads OpenAPI 3.0.x, 3.1.x and "
		           "Swagger 2.0)",
		           v ? "OpenAPI" : "Swagger", bad->kind == YN_SCALAR ? bad->str : "?");
	} else {
		diag_error(&at, "not an OpenAPI document: no 'openapi' or 'swagger' field at the "
		                "top level");
	}
	return -1;
}

static void read_components(struct spec *s, const struct spec_file *f)
{
	const struct ynode *root = f->doc.root;
	const struct ynode *map;
	const char *base;
	if (s->version == 20) {
		map = ydoc_get(root, "definitions");
		base = "/definitions";
	} else {
		map = ydoc_get(ydoc_get(root, "components"), "schemas");
		base = "/components/schemas";
	}
	if (!map || map->kind != YN_MAP)
		return;
	s->schemas = xgrow(s->schemas, &s->schemas_cap, map->len, sizeof *s->schemas);
	for (size_t i = 0; i < map->len; i++) {
		const struct ynode *k = map->kids[2 * i];
		if (k->kind != YN_SCALAR)
			continue;
		const char *ptr = spec_child_pointer(s, base, k->str);
		s->schemas[s->n_schemas++] = spec_build(s, f, map->kids[2 * i + 1], ptr, k->str, 0);
	}
}

static struct spec *load_main(struct spec *s, struct spec_file *f)
{
	if (read_version(s, &f->doc)) {
		spec_free(s);
		return NULL;
	}
	s->file = f->doc.file;
	const struct ynode *title = ydoc_get(ydoc_get(f->doc.root, "info"), "title");
	s->title = title && title->kind == YN_SCALAR ? title->str : "";
	read_components(s, f);
	if (spec_resolve_all(s)) {
		spec_free(s);
		return NULL;
	}
	spec_merge_all(s);
	return s;
}

struct spec *spec_load(const char *path, const struct spec_options *opt)
{
	struct spec *s = xcalloc(1, sizeof *s);
	s->allow_outside_refs = opt && opt->allow_outside_refs;
	bool failed = false;
	struct loc none = {0};
	struct spec_file *f = spec_file_open(s, path, none, &failed);
	if (!f) {
		spec_free(s);
		return NULL;
	}
	return load_main(s, f);
}

struct spec *spec_load_buffer(const char *name, const char *buf, size_t len,
                              const struct spec_options *opt)
{
	struct spec *s = xcalloc(1, sizeof *s);
	s->allow_outside_refs = opt && opt->allow_outside_refs;
	struct spec_file *f = xcalloc(1, sizeof *f);
	if (ydoc_parse(&f->doc, name, buf, len, NULL)) {
		free(f);
		spec_free(s);
		return NULL;
	}
	f->path = xstrdup(name);
	f->next = s->files;
	s->files = f;
	s->root_dir = xstrdup(".");
	return load_main(s, f);
}

void spec_free(struct spec *s)
{
	if (!s)
		return;
	while (s->files) {
		struct spec_file *next = s->files->next;
		ydoc_free(&s->files->doc);
		free(s->files->path);
		free(s->files);
		s->files = next;
	}
	strmap_free(&s->by_key);
	free(s->schemas);
	free(s->issues);
	free(s->pending);
	free(s->root_dir);
	spec_mem_free(s->mem);
	arena_free(&s->arena);
	free(s);
}

const struct spec_schema *spec_find(const struct spec *s, const char *name)
{
	for (size_t i = 0; i < s->n_schemas; i++)
		if (!strcmp(s->schemas[i]->name, name))
			return s->schemas[i];
	return NULL;
}

const char *spec_type_name(unsigned t)
{
	static const char *const names[] = {"null",   "boolean", "integer", "number",
	                                    "string", "array",   "object"};
	static char buf[96];
	if (!t)
		return "any";
	buf[0] = '\0';
	for (unsigned i = 0; i < 7; i++)
		if (t & (1u << i)) {
			if (buf[0])
				strcat(buf, "|");
			strcat(buf, names[i]);
		}
	return buf;
}
