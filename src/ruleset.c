/*
 * ruleset.c - rules files (the presets in rules/ and --rules files) to a
 * struct ruleset. A rules file is YAML; each key merges into what the
 * files before it said: lists replace, maps merge by key. Every mistake is
 * reported at its file:line:col, and the caller exits 2.
 * The format is documented in oacheck-rules(5).
 */
#include "config.h"

#include "rules.h"
#include "diag.h"
#include "util.h"
#include "ydoc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>

enum { MAX_EXTENDS = 4 };

struct loader {
	struct ruleset *rs;
	const struct ydoc *doc;
	unsigned depth;
};

static int fail(const struct loader *ld, const struct ynode *n, const char *fmt, const char *arg)
{
	struct loc at = ydoc_loc(ld->doc, n);
	diag_error(&at, fmt, arg);
	return -1;
}

static void strvec_add(struct strvec *v, const char *s)
{
	*VEC_PUSH(v->v, v->n, v->cap) = xstrdup(s);
}

static void strvec_clear(struct strvec *v)
{
	for (size_t i = 0; i < v->n; i++)
		free(v->v[i]);
	free(v->v);
	memset(v, 0, sizeof *v);
}

bool ruleset_has(const struct strvec *v, const char *s)
{
	for (size_t i = 0; i < v->n; i++)
		if (!strcmp(v->v[i], s))
			return true;
	return false;
}

/* A scalar or a list of scalars, replacing v. */
static int read_strings(const struct loader *ld, const struct ynode *n, struct strvec *v,
                        const char *key)
{
	strvec_clear(v);
	size_t count = n->kind == YN_SEQ ? n->len : 1;
	for (size_t i = 0; i < count; i++) {
		const struct ynode *one = n->kind == YN_SEQ ? n->kids[i] : n;
		if (one->kind != YN_SCALAR)
			return fail(ld, one, "'%s' takes a string or a list of strings", key);
		strvec_add(v, one->str);
	}
	return 0;
}

static unsigned type_bits(const char *name, bool *ok)
{
	static const char *const names[] = {"null",   "boolean", "integer", "number",
	                                    "string", "array",   "object"};
	*ok = true;
	if (!strcmp(name, "any"))
		return 0;
	for (unsigned i = 0; i < 7; i++)
		if (!strcmp(name, names[i]))
			return 1u << i;
	*ok = false;
	return 0;
}

static int read_types(const struct loader *ld, const struct ynode *map)
{
	if (map->kind != YN_MAP)
		return fail(ld, map, "'%s' is a mapping of C type names to JSON types", "types");
	struct ruleset *rs = ld->rs;
	for (size_t i = 0; i < map->len; i++) {
		const struct ynode *k = map->kids[2 * i], *v = map->kids[2 * i + 1];
		unsigned bits = 0;
		if (k->kind != YN_SCALAR)
			return fail(ld, k, "'%s' keys are C type names", "types");
		size_t count = v->kind == YN_SEQ ? v->len : 1;
		for (size_t j = 0; j < count; j++) {
			const struct ynode *one = v->kind == YN_SEQ ? v->kids[j] : v;
			bool ok = one->kind == YN_SCALAR;
			unsigned b = ok ? type_bits(one->str, &ok) : 0;
			if (!ok)
				return fail(ld, one,
				            "'%s' is not a JSON type (string, integer, number, "
				            "boolean, array, object, any)",
				            one->kind == YN_SCALAR ? one->str : "?");
			if (!b) {
				bits = 0;
				break;
			}
			bits |= b;
		}
		struct type_map *t = NULL;
		for (size_t j = 0; j < rs->n_types && !t; j++)
			if (!strcmp(rs->types[j].c_name, k->str))
				t = &rs->types[j];
		if (!t) {
			t = VEC_PUSH(rs->types, rs->n_types, rs->types_cap);
			t->c_name = xstrdup(k->str);
		}
		t->json_types = bits;
		t->declared = true;
	}
	return 0;
}

static struct format_info *format_slot(struct ruleset *rs, const char *name)
{
	for (size_t i = 0; i < rs->n_formats; i++)
		if (!strcmp(rs->formats[i].name, name))
			return &rs->formats[i];
	struct format_info *f = VEC_PUSH(rs->formats, rs->n_formats, rs->formats_cap);
	memset(f, 0, sizeof *f);
	f->name = xstrdup(name);
	f->length = -1;
	return f;
}

static int read_format(const struct loader *ld, struct format_info *f, const struct ynode *v)
{
	for (size_t i = 0; i < v->len; i++) {
		const struct ynode *k = v->kids[2 * i], *x = v->kids[2 * i + 1];
		long long n;
		bool b;
		if (ydoc_scalar_is(k, "minimum") && ydoc_number(x, &f->lo) == 0)
			f->has_range = true;
		else if (ydoc_scalar_is(k, "maximum") && ydoc_number(x, &f->hi) == 0)
			f->has_range = true;
		else if (ydoc_scalar_is(k, "length") && ydoc_int(x, &n) == 0 && n >= 0)
			f->length = n;
		else if (ydoc_scalar_is(k, "semantic") && ydoc_bool(x, &b) == 0)
			f->semantic = b;
		else if (ydoc_scalar_is(k, "c-types")) {
			if (!f->c_types)
				f->c_types = xcalloc(1, sizeof *f->c_types);
			if (read_strings(ld, x, f->c_types, "c-types"))
				return -1;
		} else
			return fail(ld, k,
			            "format '%s': expected minimum, maximum, length (a number), "
			            "semantic (true/false) or c-types (a list of C types)",
			            f->name);
	}
	return 0;
}

static int read_formats(const struct loader *ld, const struct ynode *map)
{
	if (map->kind != YN_MAP)
		return fail(ld, map, "'%s' is a mapping of format names", "formats");
	for (size_t i = 0; i < map->len; i++) {
		const struct ynode *k = map->kids[2 * i], *v = map->kids[2 * i + 1];
		if (k->kind != YN_SCALAR || v->kind != YN_MAP)
			return fail(
			        ld, v,
			        "format '%s' takes a mapping (minimum, maximum, length, semantic)",
			        k->kind == YN_SCALAR ? k->str : "?");
		if (read_format(ld, format_slot(ld->rs, k->str), v))
			return -1;
	}
	return 0;
}

static int read_names(const struct loader *ld, const struct ynode *map)
{
	if (map->kind != YN_MAP)
		return fail(ld, map, "'%s' is a mapping of schema names to C names",
		            "schema-names");
	struct ruleset *rs = ld->rs;
	for (size_t i = 0; i < map->len; i++) {
		const struct ynode *k = map->kids[2 * i], *v = map->kids[2 * i + 1];
		if (k->kind != YN_SCALAR || v->kind != YN_SCALAR)
			return fail(ld, v, "'%s' maps a schema name to one C name", "schema-names");
		struct name_map *m = VEC_PUSH(rs->names, rs->n_names, rs->names_cap);
		m->schema = xstrdup(k->str);
		m->c_name = xstrdup(v->str);
		m->at = ydoc_loc(ld->doc, k);
	}
	return 0;
}

static int read_severity(const struct loader *ld, const struct ynode *map)
{
	if (map->kind != YN_MAP)
		return fail(ld, map, "'%s' is a mapping of rule ids to levels", "severity");
	for (size_t i = 0; i < map->len; i++) {
		const struct ynode *k = map->kids[2 * i], *v = map->kids[2 * i + 1];
		int r = k->kind == YN_SCALAR ? rule_index(k->str) : -1;
		enum level l;
		if (r < 0)
			return fail(ld, k, "unknown rule '%s' (see --list-rules)",
			            k->kind == YN_SCALAR ? k->str : "?");
		if (v->kind != YN_SCALAR || level_parse(v->str, &l))
			return fail(ld, v, "severity of '%s' must be error, warning, info or off",
			            k->str);
		ld->rs->severity[r] = (int)l;
	}
	return 0;
}

/* Companion patterns: each names the companion of a member, so each holds
 * {member} once (an empty list: none). */
static int read_companions(const struct loader *ld, const struct ynode *n, struct strvec *v,
                           const char *key)
{
	if (read_strings(ld, n, v, key))
		return -1;
	for (size_t i = 0; i < v->n; i++) {
		const char *at = strstr(v->v[i], "{member}");
		if (!at || strstr(at + 1, "{member}") || !strcmp(v->v[i], "{member}"))
			return fail(ld, n->kind == YN_SEQ ? n->kids[i] : n,
			            "companion pattern '%s' must hold {member} once, beside other "
			            "characters (has_{member})",
			            v->v[i]);
	}
	return 0;
}

static int read_flags(const struct loader *ld, const struct ynode *n, struct strvec *v)
{
	if (read_strings(ld, n, v, "flags"))
		return -1;
	for (size_t i = 0; i < v->n; i++) {
		const char *at = strstr(v->v[i], "{PROPERTY}");
		if (!at || strstr(at + 1, "{PROPERTY}"))
			return fail(ld, n->kind == YN_SEQ ? n->kids[i] : n,
			            "flags pattern '%s' must hold {PROPERTY} once "
			            "({STRUCT}_{PROPERTY})",
			            v->v[i]);
	}
	return 0;
}

static int read_naming(const struct loader *ld, const struct ynode *map)
{
	struct ruleset *rs = ld->rs;
	if (map->kind != YN_MAP)
		return fail(ld, map, "'%s' is a mapping", "naming");
	for (size_t i = 0; i < map->len; i++) {
		const struct ynode *k = map->kids[2 * i], *v = map->kids[2 * i + 1];
		int rc;
		if (ydoc_scalar_is(k, "struct"))
			rc = read_strings(ld, v, &rs->struct_names, "struct");
		else if (ydoc_scalar_is(k, "enum"))
			rc = read_strings(ld, v, &rs->enum_names, "enum");
		else if (ydoc_scalar_is(k, "items"))
			rc = read_strings(ld, v, &rs->item_names, "items");
		else if (ydoc_scalar_is(k, "member")) {
			rc = read_strings(ld, v, &rs->member_rules, "member");
			for (size_t j = 0; rc == 0 && j < rs->member_rules.n; j++) {
				const char *m = rs->member_rules.v[j];
				if (strcmp(m, "verbatim") && strcmp(m, "snake") &&
				    strcmp(m, "camel"))
					rc = fail(ld, v,
					          "member rule '%s': expected verbatim, snake or "
					          "camel",
					          m);
			}
		} else if (ydoc_scalar_is(k, "reserved"))
			rc = read_strings(ld, v, &rs->reserved, "reserved");
		else if (ydoc_scalar_is(k, "sentinels"))
			rc = read_strings(ld, v, &rs->sentinels, "sentinels");
		else if (ydoc_scalar_is(k, "placeholder"))
			rc = read_strings(ld, v, &rs->placeholders, "placeholder");
		else if (ydoc_scalar_is(k, "present"))
			rc = read_companions(ld, v, &rs->present_names, "present");
		else if (ydoc_scalar_is(k, "null"))
			rc = read_companions(ld, v, &rs->null_names, "null");
		else if (ydoc_scalar_is(k, "count"))
			rc = read_companions(ld, v, &rs->count_names, "count");
		else if (ydoc_scalar_is(k, "flags"))
			rc = read_flags(ld, v, &rs->flag_names);
		else if (ydoc_scalar_is(k, "reserved-prefix") && v->kind != YN_SCALAR)
			rc = fail(ld, v, "'%s' takes one string", "reserved-prefix");
		else if (ydoc_scalar_is(k, "reserved-prefix")) {
			free(rs->reserved_prefix);
			rs->reserved_prefix = xstrdup(v->str);
			rc = 0;
		} else
			rc = fail(ld, k,
			          "unknown naming key '%s' (struct, enum, items, member, reserved, "
			          "reserved-prefix, sentinels, placeholder, present, null, count, "
			          "flags)",
			          k->kind == YN_SCALAR ? k->str : "?");
		if (rc)
			return rc;
	}
	return 0;
}

/* The entry named name in the call table, added (all arguments -1) when
 * it is new: a later file replaces an earlier file's entry whole. */
static struct wire_call *call_slot(struct ruleset *rs, const char *name)
{
	struct wire_call *c = NULL;
	for (size_t i = 0; i < rs->n_calls && !c; i++)
		if (!strcmp(rs->calls[i].name, name))
			c = &rs->calls[i];
	if (!c) {
		c = VEC_PUSH(rs->calls, rs->n_calls, rs->calls_cap);
		c->name = xstrdup(name);
	}
	char *keep = c->name;
	*c = (struct wire_call){.name = keep,
	                        .object = -1,
	                        .key = -1,
	                        .value = -1,
	                        .out = -1,
	                        .format = -1,
	                        .path = -1,
	                        .table = -1};
	return c;
}

static int read_index(const struct loader *ld, const struct ynode *v, int *out)
{
	long long n;
	if (ydoc_int(v, &n) || n < 0 || n > 64)
		return fail(ld, v, "'%s' is an argument index from 0 to 64",
		            v->kind == YN_SCALAR ? v->str : "?");
	*out = (int)n;
	return 0;
}

static int read_call_key(const struct loader *ld, struct wire_call *c, const struct ynode *k,
                         const struct ynode *v)
{
	static const struct {
		const char *key;
		size_t off;
	} idx[] = {{"object", offsetof(struct wire_call, object)},
	           {"key", offsetof(struct wire_call, key)},
	           {"value", offsetof(struct wire_call, value)},
	           {"out", offsetof(struct wire_call, out)},
	           {"format", offsetof(struct wire_call, format)},
	           {"path", offsetof(struct wire_call, path)},
	           {"table", offsetof(struct wire_call, table)}};
	for (size_t i = 0; i < sizeof idx / sizeof idx[0]; i++)
		if (ydoc_scalar_is(k, idx[i].key))
			return read_index(ld, v, (int *)((char *)c + idx[i].off));
	bool ok = v->kind == YN_SCALAR;
	if (ydoc_scalar_is(k, "dir") && ok &&
	    (!strcmp(v->str, "read") || !strcmp(v->str, "write"))) {
		c->dir = v->str[0] == 'r' ? WIRE_READ : WIRE_WRITE;
		return 0;
	}
	if (ydoc_scalar_is(k, "type") && ok) {
		c->type = type_bits(v->str, &ok);
		return ok ? 0 : fail(ld, v, "'%s' is not a JSON type", v->str);
	}
	if (ydoc_scalar_is(k, "converts") && ok) {
		c->converts = type_bits(v->str, &ok);
		return ok ? 0 : fail(ld, v, "'%s' is not a JSON type", v->str);
	}
	if (ydoc_scalar_is(k, "element") && ydoc_bool(v, &ok) == 0) {
		c->element = ok;
		return 0;
	}
	if (ydoc_scalar_is(k, "builder"))
		return ruleset_read_builder(c, ld->doc, v);
	return fail(ld, k,
	            "json-calls key '%s': expected dir (read or write), object, key, value, out, "
	            "format, path, table (argument indexes), type, converts, element or "
	            "builder",
	            k->kind == YN_SCALAR ? k->str : "?");
}

static int read_calls(const struct loader *ld, const struct ynode *map)
{
	if (map->kind != YN_MAP)
		return fail(ld, map, "'%s' is a mapping of function names to their arguments",
		            "json-calls");
	for (size_t i = 0; i < map->len; i++) {
		const struct ynode *k = map->kids[2 * i], *v = map->kids[2 * i + 1];
		if (k->kind != YN_SCALAR || v->kind != YN_MAP)
			return fail(ld, v,
			            "json-calls entry '%s' takes a mapping (dir, object, key, ...)",
			            k->kind == YN_SCALAR ? k->str : "?");
		struct wire_call *c = call_slot(ld->rs, k->str);
		for (size_t j = 0; j < v->len; j++)
			if (read_call_key(ld, c, v->kids[2 * j], v->kids[2 * j + 1]))
				return -1;
		if (!c->dir)
			return fail(ld, v, "json-calls entry '%s' needs dir: read or write",
			            k->str);
	}
	return 0;
}

static int read_fields(const struct loader *ld, const struct ynode *map)
{
	if (map->kind != YN_MAP)
		return fail(ld, map, "'%s' is a mapping of record.member to a JSON type",
		            "json-fields");
	struct ruleset *rs = ld->rs;
	for (size_t i = 0; i < map->len; i++) {
		const struct ynode *k = map->kids[2 * i], *v = map->kids[2 * i + 1];
		bool ok = v->kind == YN_SCALAR && k->kind == YN_SCALAR && strchr(k->str, '.');
		bool elem = ok && !strcmp(v->str, "element");
		unsigned bits = ok && !elem ? type_bits(v->str, &ok) : 0;
		if (!ok)
			return fail(ld, v,
			            "json-fields entry '%s' maps record.member to a JSON type or "
			            "'element'",
			            k->kind == YN_SCALAR ? k->str : "?");
		struct wire_field *f = VEC_PUSH(rs->fields, rs->n_fields, rs->fields_cap);
		f->name = xstrdup(k->str);
		f->type = bits;
		f->element = elem;
	}
	return 0;
}

const struct wire_call *ruleset_call(const struct ruleset *rs, const char *name)
{
	for (size_t i = 0; name && i < rs->n_calls; i++)
		if (!strcmp(rs->calls[i].name, name))
			return &rs->calls[i];
	return NULL;
}

const struct wire_field *ruleset_field(const struct ruleset *rs, const char *record,
                                       const char *member)
{
	size_t n = strlen(record);
	for (size_t i = rs->n_fields; i-- > 0;) {
		const char *f = rs->fields[i].name;
		if (!strncmp(f, record, n) && f[n] == '.' && !strcmp(f + n + 1, member))
			return &rs->fields[i];
	}
	return NULL;
}

unsigned ruleset_json_type(const char *name, bool *ok)
{
	return type_bits(name, ok);
}

static int load_file(struct ruleset *rs, const char *path, unsigned depth);

static int read_extends(const struct loader *ld, const struct ynode *v)
{
	if (v->kind != YN_SCALAR)
		return fail(ld, v, "'%s' names a preset", "extends");
	if (ld->depth >= MAX_EXTENDS)
		return fail(ld, v, "'extends: %s' nests too deep", v->str);
	char *path = strchr(v->str, '/') ? xstrdup(v->str)
	                                 : xasprintf("%s/%s.yaml", rules_dir(), v->str);
	if (!strchr(v->str, '/') && access(path, R_OK)) {
		free(path);
		return fail(ld, v,
		            "'extends: %s' names no preset (presets: default, openapi-generator-c)",
		            v->str);
	}
	int rc = load_file(ld->rs, path, ld->depth + 1);
	free(path);
	return rc;
}

static int read_key(const struct loader *ld, const struct ynode *k, const struct ynode *v)
{
	bool b;
	if (ydoc_scalar_is(k, "extends"))
		return read_extends(ld, v);
	if (ydoc_scalar_is(k, "name") || ydoc_scalar_is(k, "description"))
		return 0;
	if (ydoc_scalar_is(k, "naming"))
		return read_naming(ld, v);
	if (ydoc_scalar_is(k, "ignore-members"))
		return read_strings(ld, v, &ld->rs->ignore_members, "ignore-members");
	if (ydoc_scalar_is(k, "types"))
		return read_types(ld, v);
	if (ydoc_scalar_is(k, "formats"))
		return read_formats(ld, v);
	if (ydoc_scalar_is(k, "schema-names"))
		return read_names(ld, v);
	if (ydoc_scalar_is(k, "severity"))
		return read_severity(ld, v);
	if (ydoc_scalar_is(k, "json-calls"))
		return read_calls(ld, v);
	if (ydoc_scalar_is(k, "json-fields"))
		return read_fields(ld, v);
	if (ydoc_scalar_is(k, "converters"))
		return read_strings(ld, v, &ld->rs->converters, "converters");
	if (ydoc_scalar_is(k, "envelope"))
		return read_strings(ld, v, &ld->rs->envelope, "envelope");
	if (ydoc_scalar_is(k, "json-tables"))
		return ruleset_read_tables(ld->rs, ld->doc, v);
	if (ydoc_scalar_is(k, "json-formats"))
		return ruleset_read_json_formats(ld->rs, ld->doc, v);
	static const struct {
		const char *key;
		size_t off;
	} flags[] = {
	        {"boolean-from-int", offsetof(struct ruleset, boolean_from_int)},
	        {"integer-from-float", offsetof(struct ruleset, integer_from_float)},
	        {"enum-from-string", offsetof(struct ruleset, enum_from_string)},
	        {"enum-from-int", offsetof(struct ruleset, enum_from_int)},
	        {"one-member-style", offsetof(struct ruleset, one_member_style)},
	        {"free-form-structs", offsetof(struct ruleset, free_form_structs)},
	        {"enum-sentinel-absent", offsetof(struct ruleset, enum_sentinel_absent)},
	        {"namesake-suffix", offsetof(struct ruleset, namesake_suffix)},
	};
	for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++) {
		if (!ydoc_scalar_is(k, flags[i].key))
			continue;
		if (ydoc_bool(v, &b))
			return fail(ld, v, "'%s' takes true or false", flags[i].key);
		*(bool *)((char *)ld->rs + flags[i].off) = b;
		return 0;
	}
	return fail(ld, k, "unknown rules key '%s' (see oacheck-rules(5))",
	            k->kind == YN_SCALAR ? k->str : "?");
}

static int load_file(struct ruleset *rs, const char *path, unsigned depth)
{
	struct ydoc doc;
	if (ydoc_load_file(&doc, path, NULL))
		return -1;
	struct loader ld = {rs, &doc, depth};
	int rc = 0;
	if (doc.root && doc.root->kind != YN_MAP)
		rc = fail(&ld, doc.root, "%s", "a rules file is a mapping (see oacheck-rules(5))");
	for (size_t i = 0; rc == 0 && doc.root && i < doc.root->len; i++)
		rc = read_key(&ld, doc.root->kids[2 * i], doc.root->kids[2 * i + 1]);
	ydoc_free(&doc);
	return rc;
}

void ruleset_init(struct ruleset *rs)
{
	memset(rs, 0, sizeof *rs);
	for (size_t i = 0; i < sizeof rs->severity / sizeof rs->severity[0]; i++)
		rs->severity[i] = -1;
	static const char *const members[] = {"verbatim", "snake", "camel"};
	static const char *const structs[] = {"{name}", "{snake}", "{snake}_t"};
	static const char *const enums[] = {"{name}", "{snake}", "{snake}_t", "{snake}_e"};
	for (size_t i = 0; i < 3; i++) {
		strvec_add(&rs->member_rules, members[i]);
		strvec_add(&rs->struct_names, structs[i]);
	}
	for (size_t i = 0; i < 4; i++)
		strvec_add(&rs->enum_names, enums[i]);
	/* the companions found by name before rules files could name them */
	static const char *const counts[] = {"n_{member}", "num_{member}", "{member}_count",
	                                     "{member}_len"};
	strvec_add(&rs->present_names, "has_{member}");
	for (size_t i = 0; i < 4; i++)
		strvec_add(&rs->count_names, counts[i]);
	strvec_add(&rs->flag_names, "{STRUCT}_{PROPERTY}");
	rs->boolean_from_int = true;
	rs->integer_from_float = true;
	rs->enum_from_string = true;
	rs->enum_from_int = true;
	rs->free_form_structs = true;
	rs->enum_sentinel_absent = true;
	rs->reserved_prefix = xstrdup("");
}

int ruleset_load(struct ruleset *rs, const char *preset, char *const *files, size_t n)
{
	const char *name = preset ? preset : "default";
	bool is_path = strchr(name, '/') || strstr(name, ".yaml");
	char *path = is_path ? xstrdup(name) : xasprintf("%s/%s.yaml", rules_dir(), name);
	FILE *probe = fopen(path, "r");
	if (!probe) {
		/* a name is looked up in the rules directory, which is no business
		 * of the user's; a path is theirs */
		if (is_path)
			diag_error(NULL, "cannot read preset file '%s': %s", path, strerror(errno));
		else
			diag_error(NULL,
			           "unknown preset '%s' (presets: default, openapi-generator-c)",
			           name);
		free(path);
		return -1;
	}
	fclose(probe);
	int rc = load_file(rs, path, 0);
	free(path);
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = load_file(rs, files[i], 0);
	return rc;
}

void ruleset_free(struct ruleset *rs)
{
	strvec_clear(&rs->struct_names);
	strvec_clear(&rs->enum_names);
	strvec_clear(&rs->item_names);
	strvec_clear(&rs->member_rules);
	strvec_clear(&rs->reserved);
	strvec_clear(&rs->sentinels);
	strvec_clear(&rs->placeholders);
	strvec_clear(&rs->flag_names);
	strvec_clear(&rs->converters);
	strvec_clear(&rs->envelope);
	strvec_clear(&rs->present_names);
	strvec_clear(&rs->null_names);
	strvec_clear(&rs->count_names);
	strvec_clear(&rs->ignore_members);
	for (size_t i = 0; i < rs->n_types; i++)
		free(rs->types[i].c_name);
	free(rs->types);
	for (size_t i = 0; i < rs->n_formats; i++) {
		free(rs->formats[i].name);
		if (rs->formats[i].c_types)
			strvec_clear(rs->formats[i].c_types);
		free(rs->formats[i].c_types);
	}
	free(rs->formats);
	for (size_t i = 0; i < rs->n_names; i++) {
		free(rs->names[i].schema);
		free(rs->names[i].c_name);
	}
	free(rs->names);
	free(rs->reserved_prefix);
	free(rs->project);
	for (size_t i = 0; i < rs->n_calls; i++)
		free(rs->calls[i].name);
	free(rs->calls);
	for (size_t i = 0; i < rs->n_fields; i++)
		free(rs->fields[i].name);
	free(rs->fields);
	ruleset_json_free(rs);
	memset(rs, 0, sizeof *rs);
}

const struct format_info *ruleset_format(const struct ruleset *rs, const char *name)
{
	for (size_t i = 0; name && i < rs->n_formats; i++)
		if (!strcmp(rs->formats[i].name, name))
			return &rs->formats[i];
	return NULL;
}

long ruleset_type(const struct ruleset *rs, const char *c_name)
{
	for (size_t i = 0; c_name && i < rs->n_types; i++)
		if (!strcmp(rs->types[i].c_name, c_name))
			return (long)rs->types[i].json_types;
	return -1;
}

int ruleset_setup(struct ruleset *rs, const char *preset, char *const *files, size_t n,
                  const int *severity)
{
	ruleset_init(rs);
	if (ruleset_load(rs, preset, files, n))
		return -1;
	for (size_t i = 0; i < rule_count && i < 64; i++)
		if (severity[i] >= 0)
			rs->severity[i] = severity[i];
	return 0;
}
