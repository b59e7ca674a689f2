/*
 * ruleset_json.c - the keys of a rules file that describe the JSON idioms
 * the wire check reads besides plain calls: json-tables (the element type
 * of a descriptor table: which of its fields hold the key, the member, the
 * type or the handler), json-formats (printf-like functions and their
 * format argument) and the builder: role of a json-calls entry (a stateful
 * builder's calls). Every mistake is a diagnostic at its file:line:col;
 * the caller exits 2. The format is documented in oacheck-rules(5).
 */
#include "config.h"

#include "diag.h"
#include "rules.h"
#include "util.h"
#include "ydoc.h"

#include <stdlib.h>
#include <string.h>

static int fail(const struct ydoc *doc, const struct ynode *n, const char *fmt, const char *arg)
{
	struct loc at = ydoc_loc(doc, n);
	diag_error(&at, fmt, arg);
	return -1;
}

static const char *text_of(const struct ynode *n)
{
	return n->kind == YN_SCALAR ? n->str : "?";
}

int ruleset_read_builder(struct wire_call *c, const struct ydoc *doc, const struct ynode *v)
{
	static const struct {
		const char *name;
		enum wire_builder role;
	} roles[] = {{"open", WB_OPEN},   {"close", WB_CLOSE},   {"key", WB_KEY},
	             {"value", WB_VALUE}, {"finish", WB_FINISH}, {"key-or-value", WB_KEY_OR_VALUE}};
	for (size_t i = 0; v->kind == YN_SCALAR && i < sizeof roles / sizeof roles[0]; i++)
		if (!strcmp(v->str, roles[i].name)) {
			c->builder = roles[i].role;
			return 0;
		}
	return fail(doc, v,
	            "builder '%s': expected open, close, key, value, key-or-value or finish",
	            text_of(v));
}

/* --- json-tables ---------------------------------------------------- */

static void table_clear(struct wire_table *t)
{
	char **fields[] = {&t->key,    &t->member, &t->type, &t->handler,
	                   &t->object, &t->items,  &t->max};
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		free(*fields[i]);
		*fields[i] = NULL;
	}
	for (size_t i = 0; i < t->n_tokens; i++)
		free(t->tokens[i].name);
	free(t->tokens);
	t->tokens = NULL;
	t->n_tokens = t->tokens_cap = 0;
}

/* The entry named name, emptied: a later file replaces it whole. */
static struct wire_table *table_slot(struct ruleset *rs, const char *name)
{
	for (size_t i = 0; i < rs->n_tables; i++)
		if (!strcmp(rs->tables[i].name, name)) {
			table_clear(&rs->tables[i]);
			return &rs->tables[i];
		}
	struct wire_table *t = VEC_PUSH(rs->tables, rs->n_tables, rs->tables_cap);
	memset(t, 0, sizeof *t);
	t->name = xstrdup(name);
	return t;
}

static int read_tokens(struct wire_table *t, const struct ydoc *doc, const struct ynode *map)
{
	if (map->kind != YN_MAP)
		return fail(doc, map,
		            "json-tables entry '%s': 'types' maps type tokens to JSON types",
		            t->name);
	for (size_t i = 0; i < map->len; i++) {
		const struct ynode *k = map->kids[2 * i], *v = map->kids[2 * i + 1];
		bool ok = k->kind == YN_SCALAR && v->kind == YN_SCALAR;
		unsigned bits = ok ? ruleset_json_type(v->str, &ok) : 0;
		if (!ok)
			return fail(doc, v,
			            "'%s' is not a JSON type (string, integer, number, boolean, "
			            "array, object, null, any)",
			            text_of(v));
		struct wire_token *tok = VEC_PUSH(t->tokens, t->n_tokens, t->tokens_cap);
		tok->name = xstrdup(k->str);
		tok->type = bits;
	}
	return 0;
}

static int read_table_key(struct wire_table *t, const struct ydoc *doc, const struct ynode *k,
                          const struct ynode *v)
{
	static const struct {
		const char *key;
		size_t off;
	} fields[] = {{"key", offsetof(struct wire_table, key)},
	              {"member", offsetof(struct wire_table, member)},
	              {"type", offsetof(struct wire_table, type)},
	              {"handler", offsetof(struct wire_table, handler)},
	              {"object", offsetof(struct wire_table, object)},
	              {"items", offsetof(struct wire_table, items)},
	              {"max", offsetof(struct wire_table, max)}};
	if (ydoc_scalar_is(k, "types"))
		return read_tokens(t, doc, v);
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		if (!ydoc_scalar_is(k, fields[i].key))
			continue;
		if (v->kind != YN_SCALAR || !*v->str)
			return fail(doc, v,
			            "json-tables key '%s' names a field of the element type "
			            "(designators joined by '.': object.sub_descr)",
			            fields[i].key);
		char **slot = (char **)((char *)t + fields[i].off);
		free(*slot);
		*slot = xstrdup(v->str);
		return 0;
	}
	return fail(doc, k,
	            "json-tables key '%s': expected key, member, type, types, handler, object, "
	            "items or max",
	            text_of(k));
}

int ruleset_read_tables(struct ruleset *rs, const struct ydoc *doc, const struct ynode *map)
{
	if (map->kind != YN_MAP)
		return fail(doc, map, "'%s' is a mapping of element type names to their fields",
		            "json-tables");
	for (size_t i = 0; i < map->len; i++) {
		const struct ynode *k = map->kids[2 * i], *v = map->kids[2 * i + 1];
		if (k->kind != YN_SCALAR || v->kind != YN_MAP)
			return fail(
			        doc, v,
			        "json-tables entry '%s' takes a mapping (key, member, type, ...)",
			        text_of(k));
		struct wire_table *t = table_slot(rs, k->str);
		for (size_t j = 0; j < v->len; j++)
			if (read_table_key(t, doc, v->kids[2 * j], v->kids[2 * j + 1]))
				return -1;
		if (!t->key)
			return fail(doc, v,
			            "json-tables entry '%s' needs key: the field of the key",
			            k->str);
	}
	return 0;
}

/* --- json-formats --------------------------------------------------- */

int ruleset_read_json_formats(struct ruleset *rs, const struct ydoc *doc, const struct ynode *map)
{
	if (map->kind != YN_MAP)
		return fail(doc, map,
		            "'%s' is a mapping of function names to their format argument",
		            "json-formats");
	for (size_t i = 0; i < map->len; i++) {
		const struct ynode *k = map->kids[2 * i], *v = map->kids[2 * i + 1];
		long long n;
		if (k->kind != YN_SCALAR || ydoc_int(v, &n) || n < 0 || n > 64)
			return fail(
			        doc, v,
			        "json-formats entry '%s' takes the format's argument index (0 to "
			        "64)",
			        text_of(k));
		struct wire_format *f = NULL;
		for (size_t j = 0; j < rs->n_json_formats && !f; j++)
			if (!strcmp(rs->json_formats[j].name, k->str))
				f = &rs->json_formats[j];
		if (!f) {
			f = VEC_PUSH(rs->json_formats, rs->n_json_formats, rs->json_formats_cap);
			f->name = xstrdup(k->str);
		}
		f->format = (int)n;
	}
	return 0;
}

void ruleset_json_free(struct ruleset *rs)
{
	for (size_t i = 0; i < rs->n_tables; i++) {
		table_clear(&rs->tables[i]);
		free(rs->tables[i].name);
	}
	free(rs->tables);
	for (size_t i = 0; i < rs->n_json_formats; i++)
		free(rs->json_formats[i].name);
	free(rs->json_formats);
}
