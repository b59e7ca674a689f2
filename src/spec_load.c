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
		if (!bit && one->kind != YN_SCALAR) {
			spec_add_issue(s, "spec-invalid", ydoc_loc(&f->doc, one), sc->pointer,
			               "'type' is %s, not a type name", ydoc_kind_name(one));
			continue;
		}
		if (!bit) {
			spec_add_issue(s, "spec-invalid", ydoc_loc(&f->doc, one), sc->pointer,
			               "unknown type '%s'", one->str);
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

/* A bound from minimum/maximum (excl_kw false) or from the exclusive
 * keywords. 3.1 writes "exclusiveMinimum: 5", the bound itself; 3.0 writes
 * a flag on minimum. Keyword order must not matter: of two numeric bounds
 * the stricter stands, and a 3.0 flag is applied after all (flag_out). */
static void read_bound(const struct ynode *n, bool is_min, bool excl_kw, bool *has, double *out,
                       bool *excl, bool *flag_out)
{
	double d;
	bool b;
	if (ydoc_number(n, &d) == 0) {
		bool stricter = !*has || (is_min ? d > *out : d < *out) || (d == *out && excl_kw);
		if (stricter) {
			*has = true;
			*out = d;
			*excl = excl_kw;
		}
	} else if (excl_kw && ydoc_bool(n, &b) == 0) {
		*flag_out = b;
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

enum kw {
	KW_NONE,
	KW_REF,
	KW_ADDL,
	KW_ALLOF,
	KW_ANYOF,
	KW_CONST,
	KW_DEPRECATED,
	KW_DESCRIPTION,
	KW_DISCRIMINATOR,
	KW_ENUM,
	KW_EXAMPLE,
	KW_EXAMPLES,
	KW_EXCL_MAX,
	KW_EXCL_MIN,
	KW_FORMAT,
	KW_ITEMS,
	KW_MAX_ITEMS,
	KW_MAX_LENGTH,
	KW_MAXIMUM,
	KW_MIN_ITEMS,
	KW_MIN_LENGTH,
	KW_MINIMUM,
	KW_NULLABLE,
	KW_ONEOF,
	KW_PROPERTIES,
	KW_READONLY,
	KW_REQUIRED,
	KW_TYPE,
	KW_WRITEONLY,
	KW_X_NULLABLE,
};

/* Sorted by name (strcmp order) for bsearch: a schema has a handful of
 * keywords, and a 10 MB spec has a quarter million of them. */
static const struct kwdef {
	const char *name;
	enum kw kw;
} kwtab[] = {
        {"$ref", KW_REF},
        {"additionalProperties", KW_ADDL},
        {"allOf", KW_ALLOF},
        {"anyOf", KW_ANYOF},
        {"const", KW_CONST},
        {"deprecated", KW_DEPRECATED},
        {"description", KW_DESCRIPTION},
        {"discriminator", KW_DISCRIMINATOR},
        {"enum", KW_ENUM},
        {"example", KW_EXAMPLE},
        {"examples", KW_EXAMPLES},
        {"exclusiveMaximum", KW_EXCL_MAX},
        {"exclusiveMinimum", KW_EXCL_MIN},
        {"format", KW_FORMAT},
        {"items", KW_ITEMS},
        {"maxItems", KW_MAX_ITEMS},
        {"maxLength", KW_MAX_LENGTH},
        {"maximum", KW_MAXIMUM},
        {"minItems", KW_MIN_ITEMS},
        {"minLength", KW_MIN_LENGTH},
        {"minimum", KW_MINIMUM},
        {"nullable", KW_NULLABLE},
        {"oneOf", KW_ONEOF},
        {"properties", KW_PROPERTIES},
        {"readOnly", KW_READONLY},
        {"required", KW_REQUIRED},
        {"type", KW_TYPE},
        {"writeOnly", KW_WRITEONLY},
        {"x-nullable", KW_X_NULLABLE},
};

static int kwcmp(const void *key, const void *def)
{
	return strcmp(key, ((const struct kwdef *)def)->name);
}

static enum kw keyword(const char *key)
{
	const struct kwdef *d =
	        bsearch(key, kwtab, sizeof kwtab / sizeof kwtab[0], sizeof kwtab[0], kwcmp);
	return d ? d->kw : KW_NONE;
}

static struct spec_schema *sub(struct spec *s, const struct spec_file *f, struct spec_schema *sc,
                               const char *seg, const struct ynode *v, unsigned depth)
{
	return spec_build(s, f, v, spec_child_pointer(s, sc->pointer, seg), NULL, depth + 1);
}

static struct spec_schema **sub_list(struct spec *s, const struct spec_file *f,
                                     struct spec_schema *sc, const char *seg, const struct ynode *v,
                                     size_t *count, unsigned depth)
{
	return read_list(s, f, v, spec_child_pointer(s, sc->pointer, seg), count, depth);
}

/* Keywords that hold schemas. Returns false when key is none of them. */
static bool read_nested(struct spec *s, const struct spec_file *f, struct spec_schema *sc,
                        enum kw k, const struct ynode *v, unsigned depth)
{
	switch (k) {
	case KW_PROPERTIES:
		read_props(s, f, sc, v, depth);
		return true;
	case KW_ITEMS:
		if (v->kind == YN_MAP)
			sc->items = sub(s, f, sc, "items", v, depth);
		return true;
	case KW_ADDL:
		read_addl(s, f, sc, v, depth);
		return true;
	case KW_ALLOF:
		sc->all_of = sub_list(s, f, sc, "allOf", v, &sc->n_all_of, depth);
		return true;
	case KW_ONEOF:
		sc->one_of = sub_list(s, f, sc, "oneOf", v, &sc->n_one_of, depth);
		return true;
	case KW_ANYOF:
		sc->any_of = sub_list(s, f, sc, "anyOf", v, &sc->n_any_of, depth);
		return true;
	default:
		return false;
	}
}

static void read_const(struct spec *s, const struct spec_file *f, struct spec_schema *sc,
                       const struct ynode *v)
{
	sc->enums = spec_alloc(s, sizeof *sc->enums);
	sc->enums[0] = make_value(f, v);
	sc->n_enums = 1;
}

/* One keyword of a schema object; unknown keywords are ignored. */
static void read_keyword(struct spec *s, const struct spec_file *f, struct spec_schema *sc,
                         const char *key, const struct ynode *v, unsigned depth, bool flags[2])
{
	enum kw k = keyword(key);
	if (read_nested(s, f, sc, k, v, depth))
		return;
	switch (k) {
	case KW_TYPE:
		read_type(s, f, sc, v);
		break;
	case KW_FORMAT:
		sc->format = scalar_str(v);
		break;
	case KW_REF:
		if (v->kind == YN_SCALAR) {
			sc->ref = v->str;
			sc->ref_loc = ydoc_loc(&f->doc, v);
		}
		break;
	case KW_REQUIRED:
		read_required(s, sc, v);
		break;
	case KW_ENUM:
		read_enum(s, f, sc, v);
		break;
	case KW_CONST:
		read_const(s, f, sc, v);
		break;
	case KW_DISCRIMINATOR:
		sc->discriminator =
		        v->kind == YN_SCALAR ? v->str : scalar_str(ydoc_get(v, "propertyName"));
		break;
	case KW_MAX_LENGTH:
		read_count(v, &sc->max_length);
		break;
	case KW_MIN_LENGTH:
		read_count(v, &sc->min_length);
		break;
	case KW_MAX_ITEMS:
		read_count(v, &sc->max_items);
		break;
	case KW_MIN_ITEMS:
		read_count(v, &sc->min_items);
		break;
	case KW_MINIMUM:
		read_bound(v, true, false, &sc->has_minimum, &sc->minimum, &sc->excl_minimum,
		           &flags[0]);
		break;
	case KW_MAXIMUM:
		read_bound(v, false, false, &sc->has_maximum, &sc->maximum, &sc->excl_maximum,
		           &flags[1]);
		break;
	case KW_EXCL_MIN:
		read_bound(v, true, true, &sc->has_minimum, &sc->minimum, &sc->excl_minimum,
		           &flags[0]);
		break;
	case KW_EXCL_MAX:
		read_bound(v, false, true, &sc->has_maximum, &sc->maximum, &sc->excl_maximum,
		           &flags[1]);
		break;
	case KW_NULLABLE:
	case KW_X_NULLABLE:
		read_bool(v, &sc->nullable);
		break;
	case KW_READONLY:
		read_bool(v, &sc->read_only);
		break;
	case KW_WRITEONLY:
		read_bool(v, &sc->write_only);
		break;
	case KW_DEPRECATED:
		read_bool(v, &sc->deprecated);
		break;
	case KW_EXAMPLE:
		read_example(s, f, sc, v, false);
		break;
	case KW_EXAMPLES:
		if (!sc->example)
			read_example(s, f, sc, v, true);
		break;
	case KW_DESCRIPTION:
		sc->description = scalar_str(v);
		break;
	default:
		break;
	}
}

struct spec_schema *spec_build(struct spec *s, const struct spec_file *f, const void *node,
                               const char *pointer, const char *name, unsigned depth)
{
	const struct ynode *n = node;
	void **slot = n->kind == YN_MAP ? ydoc_map_slot(n) : NULL;
	struct spec_schema *sc = slot ? *slot : spec_mem_get(s->mem, n);
	if (sc)
		return sc;
	sc = spec_alloc(s, sizeof *sc);
	spec_mem_put(s->mem, slot ? NULL : n, sc);
	if (slot)
		*slot = sc;
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
		return sc;              /* 3.1 boolean schema, or junk: accepts anything */
	bool flags[2] = {false, false}; /* 3.0 exclusiveMinimum/Maximum: true */
	for (size_t i = 0; i < n->len; i++) {
		const struct ynode *k = n->kids[2 * i];
		if (k->kind == YN_SCALAR)
			read_keyword(s, f, sc, k->str, n->kids[2 * i + 1], depth, flags);
	}
	sc->excl_minimum |= flags[0] && sc->has_minimum;
	sc->excl_maximum |= flags[1] && sc->has_maximum;
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
	const struct ynode *old = ydoc_get(root, "swaggerVersion");
	if (!v && !sw && old) {
		at = ydoc_loc(doc, old);
		diag_error(&at,
		           "unsupported Swagger version '%s' (oacheck reads OpenAPI 3.0.x, "
		           "3.1.x and Swagger 2.0)",
		           old->kind == YN_SCALAR ? old->str : "?");
		return -1;
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
	s->schemas =
	        xgrow(s->schemas, &s->schemas_cap, s->n_schemas + map->len, sizeof *s->schemas);
	for (size_t i = 0; i < map->len; i++) {
		const struct ynode *k = map->kids[2 * i];
		if (k->kind != YN_SCALAR)
			continue;
		const char *ptr = spec_child_pointer(s, base, k->str);
		struct spec_schema *sc = spec_build(s, f, map->kids[2 * i + 1], ptr, k->str, 0);
		s->schemas[s->n_schemas++] = sc;
		struct spec_schema *twin = (struct spec_schema *)strmap_get(&s->mem->names, k->str);
		if (twin && twin != sc)
			twin->label = sc->label = k->str; /* labelled once all are read */
		else
			strmap_put(&s->mem->names, k->str, sc);
	}
}

/* Does path end with the path components tail? */
static bool ends_with_part(const char *path, const char *tail)
{
	size_t n = strlen(path), len = strlen(tail);
	return len <= n && !strcmp(path + n - len, tail) && (len == n || path[n - len - 1] == '/');
}

/* The last components of a document's display path that no other document
 * ends with: its file name, or as many directories more as tell apart
 * v1/openapi.yaml and v2/openapi.yaml (the whole path at most). */
static const char *doc_tail(const struct spec *s, const char *doc)
{
	const char *tail = doc + strlen(doc);
	for (;;) {
		while (tail > doc && tail[-1] != '/')
			tail--;
		bool shared = false;
		for (size_t i = 0; i < s->n_docs && !shared; i++)
			shared = s->docs[i] != doc && ends_with_part(s->docs[i], tail);
		if (!shared || tail == doc)
			return tail;
		tail--;
	}
}

/* A name two documents define is shown with its document's file name. */
static void label_twins(struct spec *s)
{
	for (size_t i = 0; i < s->n_schemas; i++) {
		struct spec_schema *sc = s->schemas[i];
		if (sc->label) {
			char *l = xasprintf("%s#%s", doc_tail(s, spec_doc_of(sc)), sc->name);
			sc->label = arena_strdup(&s->arena, l);
			free(l);
		}
	}
}

/* One more document: its version must be of the first one's family (an
 * OpenAPI 3 document's components beside a Swagger 2 one's definitions
 * would be read differently); its components join the scope. */
static int add_doc(struct spec *s, struct spec_file *f)
{
	int first = s->version;
	if (read_version(s, &f->doc))
		return -1;
	if (first && (first == 20) != (s->version == 20)) {
		struct loc at = {f->doc.file, 1, 1};
		diag_error(&at, "cannot check a Swagger 2.0 and an OpenAPI 3 document together");
		return -1;
	}
	if (first > s->version)
		s->version = first;
	*VEC_PUSH(s->docs, s->n_docs, s->docs_cap) = f->doc.file;
	read_components(s, f);
	return 0;
}

static struct spec *load_main(struct spec *s, struct spec_file *f)
{
	if (add_doc(s, f)) {
		spec_free(s);
		return NULL;
	}
	s->file = f->doc.file;
	const struct ynode *title = ydoc_get(ydoc_get(f->doc.root, "info"), "title");
	s->title = title && title->kind == YN_SCALAR ? title->str : "";
	return s;
}

static struct spec *resolve_main(struct spec *s)
{
	label_twins(s);
	if (spec_resolve_all(s)) {
		spec_free(s);
		return NULL;
	}
	spec_merge_all(s);
	return s;
}

struct spec *spec_load(const char *path, const struct spec_options *opt)
{
	return spec_load_all(&path, 1, opt);
}

static bool is_doc(const struct spec *s, const struct spec_file *f)
{
	for (size_t i = 0; i < s->n_docs; i++)
		if (s->docs[i] == f->doc.file)
			return true;
	return false;
}

struct spec *spec_load_all(const char *const *paths, size_t n, const struct spec_options *opt)
{
	struct spec *s = xcalloc(1, sizeof *s);
	s->allow_outside_refs = opt && opt->allow_outside_refs;
	bool failed = false;
	struct loc none = {0};
	for (size_t i = 0; i < n; i++) {
		struct spec_file *f = spec_file_open(s, paths[i], none, &failed);
		if (!f) {
			spec_free(s);
			return NULL;
		}
		if (i == 0 && !load_main(s, f))
			return NULL;
		if (i == 0 || is_doc(s, f))
			continue; /* a file given twice is read once */
		spec_widen_root(s, paths[i]);
		if (add_doc(s, f)) {
			spec_free(s);
			return NULL;
		}
	}
	return resolve_main(s);
}

struct spec *spec_load_buffer(const char *name, const char *buf, size_t len,
                              const struct spec_options *opt)
{
	return spec_load_buffers(&name, &buf, &len, 1, opt);
}

/* One in-memory document, as spec_file_open makes one from a file. */
static struct spec_file *buffer_file(struct spec *s, const char *name, const char *buf, size_t len)
{
	struct spec_file *f = xcalloc(1, sizeof *f);
	if (ydoc_parse(&f->doc, name, buf, len, NULL)) {
		free(f);
		return NULL;
	}
	f->path = xstrdup(name);
	f->next = s->files;
	s->files = f;
	return f;
}

struct spec *spec_load_buffers(const char *const *names, const char *const *bufs,
                               const size_t *lens, size_t n, const struct spec_options *opt)
{
	struct spec *s = xcalloc(1, sizeof *s);
	s->allow_outside_refs = opt && opt->allow_outside_refs;
	s->root_dir = realpath(".", NULL);
	for (size_t i = 0; i < n; i++) {
		struct spec_file *f = buffer_file(s, names[i], bufs[i], lens[i]);
		if (!f || (i > 0 && add_doc(s, f))) {
			spec_free(s);
			return NULL;
		}
		if (i == 0 && !load_main(s, f))
			return NULL;
	}
	return n ? resolve_main(s) : (spec_free(s), NULL);
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
	free(s->docs);
	free(s->issues);
	free(s->pending);
	free(s->root_dir);
	spec_mem_free(s->mem);
	arena_free(&s->arena);
	free(s);
}

const char *spec_label(const struct spec_schema *sc)
{
	return sc->label ? sc->label : sc->name;
}

const char *spec_doc_of(const struct spec_schema *sc)
{
	return sc->src_file ? sc->src_file->doc.file : NULL;
}

const char *spec_doc_file_name(const struct spec_schema *sc)
{
	const char *doc = spec_doc_of(sc), *slash = doc ? strrchr(doc, '/') : NULL;
	return slash ? slash + 1 : doc;
}

/* The document FILE stands for: its display path, or the path's last
 * components ("TS29503_Nudm_SDM.yaml", "api/v2/openapi.yaml") when they
 * end no other document's path (else NULL). */
static const char *find_doc(const struct spec *s, const char *file, size_t len)
{
	const char *found = NULL;
	bool twice = false; /* api.yaml of v1/api.yaml and v2/api.yaml: neither */
	for (size_t i = 0; i < s->n_docs; i++) {
		size_t n = strlen(s->docs[i]);
		const char *tail = s->docs[i] + n - (len <= n ? len : n);
		if (len > n || strncmp(tail, file, len) || (tail != s->docs[i] && tail[-1] != '/'))
			continue;
		if (n == len)
			return s->docs[i]; /* the whole path */
		twice |= found != NULL;
		found = s->docs[i];
	}
	return twice ? NULL : found;
}

const struct spec_schema *spec_lookup(struct spec *s, const char *ref)
{
	const char *hash = strchr(ref, '#');
	if (ref[0] == '#' || ref[0] == '/')
		return spec_find_pointer(s, ref);
	if (!hash)
		return spec_find(s, ref);
	const char *doc = find_doc(s, ref, (size_t)(hash - ref));
	if (doc && hash[1] == '/')
		return spec_find_pointer_in(s, doc, hash + 1);
	for (size_t i = 0; doc && i < s->n_schemas; i++)
		if (!strcmp(s->schemas[i]->name, hash + 1) && spec_doc_of(s->schemas[i]) == doc)
			return s->schemas[i];
	return NULL;
}

bool spec_in_scope(const struct spec *s, const struct spec_schema *sc)
{
	for (size_t i = 0; i < s->n_schemas; i++)
		if (s->schemas[i] == sc)
			return true;
	return false;
}

const struct spec_schema *spec_find(const struct spec *s, const char *name)
{
	if (s->mem && s->mem->names.n)
		return strmap_get(&s->mem->names, name);
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
