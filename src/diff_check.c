/*
 * diff_check.c - what one property/member pair, one struct and one enum
 * are checked for. The C side is read from the outside in (array
 * dimensions, pointer levels, base type) while the schema side is
 * dereferenced, so char names[4][16] against an array of strings with
 * maxLength is one walk: array-capacity on 4, string-capacity on 16.
 */
#include "config.h"

#include "diff_int.h"
#include "emit.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The C side still to match: the member's type from dimension dim and
 * with ptr pointer levels left. */
struct view {
	const struct hdr_type *t;
	unsigned dim;
	unsigned ptr;
};

static bool has_dims(struct view v)
{
	return v.dim < v.t->n_dims;
}

/* char[N] or char * holding a string. */
static bool is_string_view(struct view v)
{
	if (v.t->kind != HK_CHAR)
		return false;
	if (v.dim + 1 == v.t->n_dims && v.ptr == 0)
		return true;
	return !has_dims(v) && v.ptr == 1;
}

static struct finding_in at_member(const struct member_ctx *m, const char *rule, enum level l)
{
	struct finding_in in = {.rule = rule,
	                        .level = l,
	                        .cloc = m->member->loc,
	                        .sloc = m->prop->loc,
	                        .pointer = m->prop->pointer,
	                        .symbol = m->symbol,
	                        .schema = m->schema,
	                        .sup = m->sup};
	return in;
}

static const char *describe(const struct spec_schema *ps, char *buf, size_t n)
{
	const struct spec_schema *c = spec_deref(ps);
	const char *ref = spec_ref_name(ps);
	if (ref && (c->n_props || (c->types & SPEC_OBJECT)))
		snprintf(buf, n, "object '%s'", ref);
	else if (c->format)
		snprintf(buf, n, "%s, format %s", spec_type_name(c->types), c->format);
	else if ((c->types & SPEC_ARRAY) && c->items)
		snprintf(buf, n, "array of %s", spec_type_name(spec_deref(c->items)->types));
	else if (c->n_enums && ref)
		snprintf(buf, n, "%s enum '%s'", spec_type_name(c->types), ref);
	else if (c->n_enums)
		snprintf(buf, n, "%s enum", spec_type_name(c->types));
	else
		snprintf(buf, n, "%s", spec_type_name(c->types));
	return buf;
}

static void mismatch(struct diff_ctx *d, const struct member_ctx *m, const struct spec_schema *ps)
{
	char buf[160];
	struct finding_in in = at_member(m, "type-mismatch", LEVEL_ERROR);
	in.fix = ps == m->prop->schema ? diff_fix_decl(d, m) : NULL;
	diff_emit(d, &in, "member '%s' of type '%s' cannot hold property '%s.%s' (%s)", m->symbol,
	          m->member->type.spelling, m->schema, m->prop->name,
	          describe(ps, buf, sizeof buf));
}

/* Effective JSON types: inferred when the schema leaves type out. */
static unsigned json_type_bit(const char *name)
{
	static const char *const names[] = {"null",   "boolean", "integer", "number",
	                                    "string", "array",   "object"};
	for (unsigned i = 0; i < 7; i++)
		if (!strcmp(name, names[i]))
			return 1u << i;
	return 0; /* any */
}

/* The JSON types an @type on the member, on a typedef in its chain, or the
 * rules file's types declare: a bit set (0: any), or -1 when none does. */
static long declared_types(const struct diff_ctx *d, const struct hdr_member *mem)
{
	const struct annot *a = annot_find(&mem->annots, AT_TYPE);
	if (a)
		return (long)json_type_bit(a->arg);
	const struct hdr_type *t = &mem->type;
	for (unsigned i = 0; i < t->n_chain; i++) {
		const struct hdr_typedef *td = hdr_find_typedef(d->h, t->chain[i]);
		if (td && (a = annot_find(&td->annots, AT_TYPE)))
			return (long)json_type_bit(a->arg);
		long bits = ruleset_type(d->rs, t->chain[i]);
		if (bits >= 0)
			return bits;
	}
	long bits = ruleset_type(d->rs, t->base);
	if (bits < 0 && t->record && t->record->tag)
		bits = ruleset_type(d->rs, t->record->tag);
	return bits;
}

/* --- the numeric rules ------------------------------------------------ */

struct range {
	double lo, hi;
	bool known;
};

static struct range format_range(const struct ruleset *rs, const char *fmt)
{
	const struct format_info *f = ruleset_format(rs, fmt);
	struct range r = {0, 0, false};
	if (f && f->has_range)
		r = (struct range){f->lo, f->hi, true};
	return r;
}

static struct range schema_range(const struct ruleset *rs, const struct spec_schema *c)
{
	struct range r = format_range(rs, c->format);
	if (c->has_minimum) {
		r.lo = c->minimum + (c->excl_minimum ? 1 : 0);
		if (!r.known)
			r.hi = r.lo;
	}
	if (c->has_maximum) {
		r.hi = c->maximum - (c->excl_maximum ? 1 : 0);
		if (!r.known && !c->has_minimum)
			r.lo = r.hi < 0 ? r.hi : 0;
	}
	r.known |= c->has_minimum || c->has_maximum;
	return r;
}

/* A range bound as the user wrote it: a double cannot hold INT64_MAX or
 * UINT64_MAX, and %.0f would print them one too high. */
static const char *bound(double v, char *buf, size_t n)
{
	if (v >= ldexp(1, 64))
		return "18446744073709551615";
	if (v >= ldexp(1, 63))
		return "9223372036854775807";
	snprintf(buf, n, "%.0f", v);
	return buf;
}

/* What the property allows, for a message: "int64, -9..9", "0..70000",
 * "minimum 1000", "maximum 65535" (only the bounds the schema gives). */
static const char *need_text(const struct ruleset *rs, const struct spec_schema *c,
                             struct range need, char *buf, size_t n)
{
	bool fmt = format_range(rs, c->format).known;
	char lo_s[32], hi_s[32];
	const char *lo = bound(need.lo, lo_s, sizeof lo_s), *hi = bound(need.hi, hi_s, sizeof hi_s);
	const char *f = c->format ? c->format : "", *sep = c->format ? ", " : "";
	if ((fmt || c->has_minimum) && (fmt || c->has_maximum))
		snprintf(buf, n, "%s%s%s..%s", f, sep, lo, hi);
	else if (c->has_minimum)
		snprintf(buf, n, "%s%sminimum %s", f, sep, lo);
	else
		snprintf(buf, n, "%s%smaximum %s", f, sep, hi);
	return buf;
}

static void check_int_width(struct diff_ctx *d, const struct member_ctx *m,
                            const struct spec_schema *c, const struct hdr_type *t)
{
	struct range need = schema_range(d->rs, c);
	if (!need.known || !t->bits || t->bits > 64)
		return;
	double lo = t->is_signed ? -ldexp(1, (int)t->bits - 1) : 0;
	double hi = t->is_signed ? ldexp(1, (int)t->bits - 1) - 1 : ldexp(1, (int)t->bits) - 1;
	if (need.lo >= lo && need.hi <= hi)
		return;
	struct finding_in in = at_member(m, "int-width", LEVEL_ERROR);
	in.fix = t == &m->member->type ? diff_fix_int(d, m, c, need.lo, need.hi) : NULL;
	char buf[128];
	if (need.lo < 0 && !t->is_signed)
		diff_emit(d, &in,
		          "member '%s' is unsigned ('%s') but property '%s.%s' allows negative "
		          "values (%s%s)",
		          m->symbol, t->spelling, m->schema, m->prop->name,
		          c->has_minimum ? "minimum " : "format minimum ",
		          bound(need.lo, buf, sizeof buf));
	else
		diff_emit(d, &in,
		          "member '%s' ('%s', %u bits) is too narrow for property '%s.%s' (%s)",
		          m->symbol, t->spelling, t->bits, m->schema, m->prop->name,
		          need_text(d->rs, c, need, buf, sizeof buf));
}

static void check_float(struct diff_ctx *d, const struct member_ctx *m, const struct spec_schema *c,
                        const struct hdr_type *t)
{
	if (t->bits > 32 || (c->format && !strcmp(c->format, "float")))
		return;
	struct finding_in in = at_member(m, "float-precision", LEVEL_WARNING);
	in.fix = t == &m->member->type ? diff_fix_retype(m, "double") : NULL;
	diff_emit(d, &in, "member '%s' is 'float' but property '%s.%s' is %s%s", m->symbol,
	          m->schema, m->prop->name, c->types & SPEC_INTEGER ? "integer" : "number",
	          c->format ? (!strcmp(c->format, "double") ? " (double)" : "")
	                    : " (double precision)");
}

/* --- strings and arrays ----------------------------------------------- */

static long long format_length(const struct ruleset *rs, const char *fmt)
{
	const struct format_info *f = ruleset_format(rs, fmt);
	return f ? f->length : -1;
}

static void check_string_capacity(struct diff_ctx *d, const struct member_ctx *m,
                                  const struct spec_schema *c, struct view v)
{
	if (v.ptr)
		return; /* char *: no capacity */
	long long n = v.t->dims[v.dim];
	long long flen = format_length(d->rs, c->format);
	long long maxlen = c->max_length > flen ? c->max_length : flen;
	struct finding_in in = at_member(m, "string-capacity", LEVEL_ERROR);
	if (maxlen < 0) {
		in.level = LEVEL_WARNING;
		diff_emit(d, &in,
		          "member '%s' is char[%lld] but property '%s.%s' has no maxLength: longer "
		          "strings cannot be held",
		          m->symbol, n, m->schema, m->prop->name);
	} else if (n >= 0 && n < maxlen + 1) {
		in.fix = diff_fix_resize(m, v.dim, maxlen + 1);
		if (c->max_length >= flen)
			diff_emit(d, &in,
			          "member '%s' is char[%lld] but property '%s.%s' has maxLength "
			          "%lld (needs char[%lld])",
			          m->symbol, n, m->schema, m->prop->name, c->max_length,
			          c->max_length + 1);
		else
			diff_emit(d, &in,
			          "member '%s' is char[%lld] but property '%s.%s' has format %s "
			          "(up to %lld characters, needs char[%lld])",
			          m->symbol, n, m->schema, m->prop->name, c->format, flen,
			          flen + 1);
	}
}

static void check_array_capacity(struct diff_ctx *d, const struct member_ctx *m,
                                 const struct spec_schema *c, long long n)
{
	struct finding_in in = at_member(m, "array-capacity", LEVEL_ERROR);
	if (c->max_items < 0) {
		in.level = LEVEL_WARNING;
		diff_emit(
		        d, &in,
		        "member '%s' holds at most %lld items but property '%s.%s' has no maxItems",
		        m->symbol, n, m->schema, m->prop->name);
	} else if (n >= 0 && n < c->max_items) {
		diff_emit(d, &in,
		          "member '%s' holds at most %lld items but property '%s.%s' has maxItems "
		          "%lld",
		          m->symbol, n, m->schema, m->prop->name, c->max_items);
	}
}

static void check_count(struct diff_ctx *d, const struct member_ctx *m)
{
	if (m->pair->comp[BIND_COUNT].member || annot_find(&m->member->annots, AT_COUNT))
		return; /* a bad one: annotation-invalid or companion-invalid says so */
	struct finding_in in = at_member(m, "array-count-missing", LEVEL_WARNING);
	char *names = bind_comp_names(d->rs, BIND_COUNT, m->member->name);
	diff_emit(d, &in, "pointer array '%s' has no count member (%s%s@count)", m->symbol, names,
	          *names ? " or " : "");
	free(names);
}

/* --- records and enums ------------------------------------------------ */

/* Does r, bound to another schema, have a member for every property of
 * ps? Then it holds ps too: one struct for Tag and its subset StatusTag. */
static bool holds_all(const struct diff_ctx *d, const struct spec_schema *ps,
                      const struct hdr_record *r)
{
	const struct spec_schema *c = spec_deref(ps);
	if (!c->n_props)
		return false;
	struct member_binding mb;
	bind_members(&mb, c, r, d->rs);
	bool all = true;
	for (size_t i = 0; i < mb.n_pairs && all; i++)
		all = mb.pairs[i].member && !mb.pairs[i].folded;
	bind_members_free(&mb);
	return all;
}

/* Does the property refer to a namesake in scope of the schema the
 * member's type is bound to, one no struct or enum stands for? A
 * generator wrote both documents' models to one file: told once, where
 * that schema is reported unbound, not at each member. */
static bool overwritten_namesake(const struct diff_ctx *d, const struct spec_schema *bound,
                                 const struct spec_schema *ps)
{
	const struct spec_schema *r = spec_deref(ps), *b = spec_deref(bound);
	const char *rn = spec_ref_name(ps);
	return rn && b->name && !strcmp(rn, b->name) && spec_in_scope(d->spec, r) &&
	       !bind_is_bound(&d->b, r);
}

/* How a message names a schema a property refers to: its label, or for a
 * namesake of the schema it is compared with, FILE#Name. */
static const char *ref_shown(struct diff_ctx *d, const struct spec_schema *ps,
                             const struct spec_schema *other, const char *ref)
{
	const struct spec_schema *r = spec_deref(ps), *o = spec_deref(other);
	if (r->name && o->name && !strcmp(r->name, o->name))
		return bind_doc_label(d->spec, r);
	return r->label ? r->label : ref;
}

static const char *bound_shown(struct diff_ctx *d, const struct bind_schema *bs,
                               const struct spec_schema *ps)
{
	const struct spec_schema *r = spec_deref(ps), *o = spec_deref(bs->schema);
	if (r->name && o->name && !strcmp(r->name, o->name))
		return bind_doc_label(d->spec, o);
	return bs->name;
}

static void check_record_member(struct diff_ctx *d, const struct member_ctx *m,
                                const struct spec_schema *ps, const struct hdr_record *r)
{
	if (!r || !r->complete)
		return; /* an opaque struct: nothing to compare */
	const char *ref = spec_ref_name(ps);
	const struct bind_schema *bs = bind_of_record(&d->b, r);
	if (ref && bs && spec_deref(bs->schema) != spec_deref(ps) && !holds_all(d, ps, r)) {
		if (overwritten_namesake(d, bs->schema, ps))
			return;
		struct finding_in in = at_member(m, "ref-mismatch", LEVEL_ERROR);
		diff_emit(d, &in,
		          "member '%s' is '%s', bound to schema '%s', but property '%s.%s' refers "
		          "to '%s'",
		          m->symbol, r->display, bound_shown(d, bs, ps), m->schema, m->prop->name,
		          ref_shown(d, ps, bs->schema, ref));
		return;
	}
	if (ref && !bs && !r->anonymous && r->in_scope) {
		/* a struct met only through this $ref stands for that schema */
		bind_add(&d->b, (struct bind_schema){
		                        .schema = ps, .name = ref, .rec = r, .how = BIND_NAME});
		return;
	}
	if (bs || !diff_first_visit(d, r, ps))
		return;
	char *name = xasprintf("%s.%s", m->schema, m->prop->name);
	diff_check_record(d, ps, name, r, false);
	free(name);
}

static void check_enum_member(struct diff_ctx *d, const struct member_ctx *m,
                              const struct spec_schema *ps, const struct hdr_enum *e)
{
	const struct spec_schema *c = spec_deref(ps);
	if (!e || !c->n_enums)
		return;
	const char *ref = spec_ref_name(ps);
	const struct bind_schema *bs = bind_of_enum(&d->b, e);
	if (bs && spec_deref(bs->schema) != c) {
		if (overwritten_namesake(d, bs->schema, ps))
			return;
		struct finding_in in = at_member(m, "ref-mismatch", LEVEL_ERROR);
		diff_emit(d, &in,
		          "member '%s' is '%s', bound to schema '%s', but property '%s.%s' %s%s%s",
		          m->symbol, e->display, bound_shown(d, bs, ps), m->schema, m->prop->name,
		          ref ? "refers to '" : "has its own enum",
		          ref ? ref_shown(d, ps, bs->schema, ref) : "", ref ? "'" : "");
		return;
	}
	if (bs || !diff_first_visit(d, e, ps))
		return;
	char *name = ref ? xstrdup(ref) : xasprintf("%s.%s", m->schema, m->prop->name);
	struct suppress sup = {&e->annots, m->sup.member};
	diff_check_enum(d, c, name, c->pointer, e, sup);
	free(name);
}

static bool check_declared(struct diff_ctx *d, const struct member_ctx *m,
                           const struct spec_schema *ps)
{
	long bits = declared_types(d, m->member);
	if (bits < 0)
		return false;
	unsigned types = spec_types(spec_deref(ps));
	if ((unsigned)bits & SPEC_NUMBER)
		bits |= SPEC_INTEGER;
	if (bits && types && !((unsigned)bits & types)) {
		char buf[160];
		struct finding_in in = at_member(m, "type-mismatch", LEVEL_ERROR);
		diff_emit(d, &in, "member '%s' of type '%s' carries %s but property '%s.%s' is %s",
		          m->symbol, m->member->type.spelling, spec_type_name((unsigned)bits),
		          m->schema, m->prop->name, describe(ps, buf, sizeof buf));
	}
	return true;
}

static void check_value(struct diff_ctx *d, const struct member_ctx *m,
                        const struct spec_schema *ps, struct view v, unsigned depth);

static bool check_array(struct diff_ctx *d, const struct member_ctx *m, const struct spec_schema *c,
                        struct view v, unsigned depth)
{
	if (is_string_view(v))
		return false;
	if (has_dims(v)) {
		check_array_capacity(d, m, c, v.t->dims[v.dim]);
		v.dim++;
	} else if (v.ptr > 0 && v.t->kind != HK_VOID) {
		if (depth == 0)
			check_count(d, m);
		v.ptr--;
	} else if (depth == 0 || !c->items) {
		return false;
	}
	/* else an array of arrays held flattened: T *cells with rows and
	 * columns counted beside it, one level of C for two of JSON */
	if (c->items)
		check_value(d, m, c->items, v, depth + 1);
	return true;
}

static bool has_string_enum(const struct spec_schema *c);

static void check_scalar(struct diff_ctx *d, const struct member_ctx *m,
                         const struct spec_schema *ps, const struct spec_schema *c, unsigned types,
                         struct view v)
{
	const struct hdr_type *t = v.t;
	switch (t->kind) {
	case HK_INT:
	case HK_CHAR:
		if (types & SPEC_INTEGER)
			check_int_width(d, m, c, t);
		else if ((types & SPEC_STRING) && d->rs->enum_from_int && has_string_enum(c))
			break; /* a string enum kept as the program's code for it */
		else if (!(types & SPEC_BOOLEAN) || !d->rs->boolean_from_int)
			mismatch(d, m, ps);
		break;
	case HK_BOOL:
		if (!(types & SPEC_BOOLEAN))
			mismatch(d, m, ps);
		break;
	case HK_FLOAT:
		if ((types & SPEC_NUMBER) || ((types & SPEC_INTEGER) && d->rs->integer_from_float))
			check_float(d, m, c, t);
		else
			mismatch(d, m, ps);
		break;
	case HK_ENUM:
		if (types & (SPEC_STRING | SPEC_INTEGER))
			check_enum_member(d, m, ps, t->enm);
		else
			mismatch(d, m, ps);
		break;
	case HK_RECORD:
		if (types & SPEC_OBJECT)
			check_record_member(d, m, ps, t->record);
		else
			mismatch(d, m, ps);
		break;
	default:
		mismatch(d, m, ps);
		break;
	}
}

/* Is the C type (one value, or a pointer to one) a representation the
 * rules give the string format fmt: time_t, struct timespec, struct tm for
 * date-time? */
static bool format_type(const struct ruleset *rs, const char *fmt, struct view v)
{
	const struct format_info *f = ruleset_format(rs, fmt);
	const struct hdr_type *t = v.t;
	if (!f || !f->c_types || has_dims(v) || v.ptr > 1)
		return false;
	for (size_t i = 0; i < f->c_types->n; i++) {
		const char *want = f->c_types->v[i];
		if (!strncmp(want, "struct ", 7)) {
			if (t->kind == HK_RECORD && t->record && t->record->tag &&
			    !strcmp(t->record->tag, want + 7))
				return true;
			continue;
		}
		if (!strcmp(t->base, want))
			return true;
		for (unsigned k = 0; k < t->n_chain; k++)
			if (!strcmp(t->chain[k], want))
				return true;
	}
	return false;
}

static bool has_string_enum(const struct spec_schema *c)
{
	for (size_t i = 0; i < c->n_enums; i++)
		if (c->enums[i].kind == SV_STRING)
			return true;
	return false;
}

static void check_value(struct diff_ctx *d, const struct member_ctx *m,
                        const struct spec_schema *ps, struct view v, unsigned depth)
{
	const struct spec_schema *c = spec_deref(ps);
	unsigned types = spec_types(c);
	if (depth > 16 || !types)
		return;
	if ((types & SPEC_ARRAY) && check_array(d, m, c, v, depth))
		return;
	if ((types & SPEC_STRING) && c->format && format_type(d->rs, c->format, v))
		return; /* a date-time parsed into time_t */
	if ((types & SPEC_STRING) && is_string_view(v)) {
		if (!d->rs->enum_from_string && has_string_enum(c))
			mismatch(d, m, ps);
		else
			check_string_capacity(d, m, c, v);
		return;
	}
	if (!has_dims(v) && v.ptr == 1 && v.t->kind == HK_VOID)
		return; /* void *: opaque, holds anything */
	if ((types & SPEC_OBJECT) && !c->n_props && c->addl != SPEC_ADDL_FALSE &&
	    v.t->kind == HK_RECORD)
		return; /* a map or free-form object: any struct of entries holds it */
	if (!has_dims(v) && v.ptr == 1 && v.t->kind != HK_CHAR)
		v.ptr = 0; /* a pointer to one value: may be absent */
	if (has_dims(v) || v.ptr) {
		mismatch(d, m, ps);
		return;
	}
	check_scalar(d, m, ps, c, types, v);
}

static bool is_sentinel(const struct ruleset *rs, const char *stem);

/* Is the member's enum one whose sentinel enumerator is 0 (OpenAPI
 * Generator's _NULL = 0), so that a zeroed member says "absent"? */
static bool sentinel_absent(const struct ruleset *rs, const struct hdr_member *mem)
{
	const struct hdr_type *t = &mem->type;
	if (!rs->enum_sentinel_absent || t->kind != HK_ENUM || !t->enm || t->ptr || t->n_dims)
		return false;
	const char *first;
	size_t prefix = diff_enum_prefix(t->enm, &first);
	for (size_t i = 0; i < t->enm->n_items; i++) {
		const struct hdr_enumerator *it = &t->enm->items[i];
		const char *stem = strlen(it->name) > prefix ? it->name + prefix : it->name;
		if (it->value == 0 && is_sentinel(rs, stem))
			return true;
	}
	return false;
}

/* Can the member say "absent" (null: "null")? A pointer, @optional, its
 * flag (@present or a present pattern; a null flag for null), or an enum
 * whose sentinel is 0. A flag whose type is no flag says nothing. */
static bool can_be_absent(const struct diff_ctx *d, const struct member_ctx *m, bool null)
{
	const struct hdr_member *mem = m->member;
	if (mem->type.ptr || annot_find(&mem->annots, AT_OPTIONAL) ||
	    annot_find(&mem->annots, AT_PRESENT) || sentinel_absent(d->rs, mem))
		return true;
	const struct member_pair *pr = m->pair;
	return (pr->comp[BIND_PRESENT].member && pr->comp[BIND_PRESENT].fits) ||
	       (null && pr->comp[BIND_NULL].member && pr->comp[BIND_NULL].fits);
}

static void check_presence(struct diff_ctx *d, const struct member_ctx *m)
{
	const struct spec_schema *c = spec_deref(m->prop->schema);
	bool optional = !m->prop->required, nullable = c->nullable || m->prop->schema->nullable;
	/* a required but nullable property needs @optional to say null */
	if (m->prop->required && !nullable && annot_find(&m->member->annots, AT_OPTIONAL)) {
		struct finding_in in = at_member(m, "required-declared-optional", LEVEL_WARNING);
		diff_emit(d, &in,
		          "property '%s.%s' is required but member '%s' is declared @optional",
		          m->schema, m->prop->name, m->symbol);
	}
	if ((optional || nullable) && !can_be_absent(d, m, !optional)) {
		struct finding_in in = at_member(m, "presence-unrepresentable", LEVEL_WARNING);
		enum bind_comp k = optional ? BIND_PRESENT : BIND_NULL;
		char *flags = bind_comp_names(d->rs, k, m->member->name);
		diff_emit(d, &in,
		          "property '%s.%s' is %s but member '%s' cannot be absent (use a pointer, "
		          "%s%s%s@present or @optional)",
		          m->schema, m->prop->name, optional ? "optional" : "nullable", m->symbol,
		          *flags ? "a flag member " : "", flags, *flags ? ", " : "");
		free(flags);
	}
}

/* A companion a pattern names whose type cannot be one: reported at the
 * companion, which is not an extra member either. */
static void check_companions(struct diff_ctx *d, const struct member_ctx *m)
{
	for (int k = 0; k < BIND_NCOMP; k++) {
		const struct bind_comp_hit *h = &m->pair->comp[k];
		if (!h->member || !h->pattern || h->fits)
			continue;
		char *sym = xasprintf("%s.%s", m->rec->display, h->member->name);
		struct finding_in in = at_member(m, "companion-invalid", LEVEL_ERROR);
		in.cloc = h->member->loc;
		in.symbol = sym;
		in.sup.member = &h->member->annots;
		diff_emit(d, &in,
		          "member '%s' is named as the %s of '%s' (%s) but its type '%s' cannot be "
		          "a %s",
		          sym, bind_comp_what((enum bind_comp)k), m->symbol, h->pattern,
		          h->member->type.spelling, k == BIND_COUNT ? "count" : "flag");
		free(sym);
	}
}

static void check_format(struct diff_ctx *d, const struct member_ctx *m)
{
	const struct spec_schema *c = spec_deref(m->prop->schema);
	const struct annot *a = annot_find(&m->member->annots, AT_FORMAT);
	if (a && c->format && strcmp(a->arg, c->format)) {
		struct finding_in in = at_member(m, "format-mismatch", LEVEL_ERROR);
		in.cloc.line = a->line;
		in.cloc.col = a->col;
		diff_emit(d, &in,
		          "member '%s' declares @format %s but property '%s.%s' has format %s",
		          m->symbol, a->arg, m->schema, m->prop->name, c->format);
		return;
	}
	struct view v = {&m->member->type, 0, m->member->type.ptr};
	if (a || !c->format || !(spec_types(c) & SPEC_STRING) || format_type(d->rs, c->format, v))
		return;
	const struct format_info *f = ruleset_format(d->rs, c->format);
	if (f && f->semantic) {
		struct finding_in in = at_member(m, "format-undeclared", LEVEL_WARNING);
		diff_emit(d, &in,
		          "property '%s.%s' has format %s but member '%s' does not declare it "
		          "(@format %s)",
		          m->schema, m->prop->name, c->format, m->symbol, c->format);
	}
}

/* Can union member u hold variant vs (named ref, or a scalar type)? */
static bool holds_variant(struct diff_ctx *d, const struct hdr_member *u,
                          const struct spec_schema *variant)
{
	const struct spec_schema *vs = spec_deref(variant);
	const char *ref = spec_ref_name(variant);
	const struct hdr_type *t = &u->type;
	unsigned types = spec_types(vs);
	if (t->kind == HK_RECORD && t->record) {
		const struct bind_schema *bs = bind_of_record(&d->b, t->record);
		if (bs)
			return spec_deref(bs->schema) == vs;
		return ref && (types & SPEC_OBJECT) &&
		       (!strcmp(t->record->display, ref) ||
		        bind_names_record(t->record, ref, d->rs));
	}
	struct view v = {t, 0, t->ptr};
	if (is_string_view(v))
		return (types & SPEC_STRING) != 0;
	if (t->n_dims || t->ptr > 1)
		return (types & SPEC_ARRAY) != 0;
	switch (t->kind) {
	case HK_INT:
		return (types & (SPEC_INTEGER | SPEC_BOOLEAN)) != 0;
	case HK_FLOAT:
		return (types & (SPEC_NUMBER | SPEC_INTEGER)) != 0;
	case HK_BOOL:
		return (types & SPEC_BOOLEAN) != 0;
	case HK_ENUM:
		return (types & (SPEC_STRING | SPEC_INTEGER)) != 0;
	default:
		return t->kind == HK_VOID && t->ptr;
	}
}

/* A oneOf/anyOf against a C union: every variant needs a member. */
static void check_variants(struct diff_ctx *d, const struct spec_schema *c, const char *schema,
                           const struct hdr_record *u, struct finding_in in)
{
	struct spec_schema *const *variants = c->n_one_of ? c->one_of : c->any_of;
	size_t n = c->n_one_of ? c->n_one_of : c->n_any_of;
	for (size_t i = 0; i < n; i++) {
		bool found = false;
		for (size_t j = 0; j < u->n_members && !found; j++)
			found = holds_variant(d, &u->members[j], variants[i]);
		if (found)
			continue;
		const char *ref = spec_ref_name(variants[i]);
		in.sloc = variants[i]->loc;
		diff_emit(d, &in, "variant %zu (%s) of %s '%s' has no member in '%s'", i + 1,
		          ref ? ref : spec_type_name(spec_types(spec_deref(variants[i]))),
		          c->n_one_of ? "oneOf" : "anyOf", schema, u->display);
	}
}

static void check_composition(struct diff_ctx *d, const struct member_ctx *m)
{
	const struct spec_schema *c = spec_deref(m->prop->schema);
	if (!(c->n_one_of || c->n_any_of) || c->n_props)
		return;
	const struct hdr_type *t = &m->member->type;
	struct finding_in in = at_member(m, "composition-unchecked", LEVEL_INFO);
	/* a struct or union bound to that schema is checked once, as itself */
	const struct bind_schema *bs =
	        t->kind == HK_RECORD && t->record ? bind_of_record(&d->b, t->record) : NULL;
	if (bs && spec_deref(bs->schema) == c && !t->n_dims && t->ptr <= 1)
		return;
	if (t->kind == HK_RECORD && t->record && t->record->is_union && !t->n_dims && t->ptr <= 1) {
		char *name = xasprintf("%s.%s", m->schema, m->prop->name);
		check_variants(d, c, name, t->record, in);
		free(name);
		return;
	}
	diff_emit(d, &in,
	          "property '%s.%s' is %s of %zu schemas; member '%s' was not checked against them",
	          m->schema, m->prop->name, c->n_one_of ? "a oneOf" : "an anyOf",
	          c->n_one_of ? c->n_one_of : c->n_any_of, m->symbol);
}

/* --- @example ------------------------------------------------------------ */

/* Does s start with pattern (9: a digit, x: a hex digit, else itself)? */
static bool starts_like(const char *s, const char *pattern)
{
	for (; *pattern; pattern++, s++) {
		if (!*s)
			return false;
		if (*pattern == '9'   ? !isdigit((unsigned char)*s)
		    : *pattern == 'x' ? !isxdigit((unsigned char)*s)
		                      : *s != *pattern)
			return false;
	}
	return true;
}

static bool all_match(const char *s, const char *pattern)
{
	return starts_like(s, pattern) && strlen(s) == strlen(pattern);
}

/* Does text look like the format says? Unknown formats pass. */
static bool fits_format(const char *fmt, const char *text)
{
	if (!fmt)
		return true;
	if (!strcmp(fmt, "date"))
		return all_match(text, "9999-99-99");
	if (!strcmp(fmt, "date-time"))
		return starts_like(text, "9999-99-99T99:99:99") && strlen(text) >= 20;
	if (!strcmp(fmt, "uuid"))
		return all_match(text, "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx");
	if (!strcmp(fmt, "email")) {
		const char *at = strchr(text, '@');
		return at && at != text && strchr(at, '.') && !strchr(at + 1, '@');
	}
	if (!strcmp(fmt, "ipv4")) {
		unsigned a, b, c, e;
		char tail;
		return sscanf(text, "%u.%u.%u.%u%c", &a, &b, &c, &e, &tail) == 4 && a < 256 &&
		       b < 256 && c < 256 && e < 256;
	}
	return true;
}

static char *unquoted(const char *raw)
{
	size_t n = strlen(raw);
	if (n >= 2 && (raw[0] == '"' || raw[0] == '\'') && raw[n - 1] == raw[0])
		return xstrndup(raw + 1, n - 2);
	return xstrdup(raw);
}

/* Why the example does not fit the member's C type, or NULL. */
static const char *c_misfit(struct view v, const char *text, bool quoted)
{
	const struct hdr_type *t = v.t;
	char *end;
	if (is_string_view(v)) {
		if (!v.ptr && (long long)strlen(text) >= t->dims[v.dim])
			return "is longer than the char array holds";
		return NULL;
	}
	if (has_dims(v) || v.ptr > 1 || t->kind == HK_VOID || t->kind == HK_RECORD)
		return NULL; /* arrays, objects: not checked */
	if (t->kind == HK_INT || t->kind == HK_CHAR) {
		if (quoted)
			return "is a string, the member an integer";
		errno = 0;
		long long iv = strtoll(text, &end, 0);
		if (*end || end == text)
			return "is not an integer";
		double lo = t->is_signed ? -ldexp(1, (int)t->bits - 1) : 0;
		double hi =
		        t->is_signed ? ldexp(1, (int)t->bits - 1) - 1 : ldexp(1, (int)t->bits) - 1;
		if (errno || (double)iv < lo || (double)iv > hi)
			return "does not fit the member's integer type";
	} else if (t->kind == HK_FLOAT) {
		strtod(text, &end);
		if (quoted || *end || end == text)
			return "is not a number";
	} else if (t->kind == HK_BOOL) {
		if (quoted || (strcmp(text, "true") && strcmp(text, "false")))
			return "is not true or false";
	}
	return NULL;
}

/* Why the example does not fit the schema, or NULL. */
static const char *schema_misfit(const struct spec_schema *c, const char *text, bool quoted)
{
	unsigned t = spec_types(c);
	char *end;
	if (c->n_enums) {
		bool found = false;
		for (size_t i = 0; i < c->n_enums && !found; i++)
			found = c->enums[i].text && !strcmp(c->enums[i].text, text);
		if (!found)
			return "is not one of the enum's values";
	}
	if (t == SPEC_STRING) {
		if (c->max_length >= 0 && (long long)strlen(text) > c->max_length)
			return "is longer than maxLength";
		if (!fits_format(c->format, text))
			return "does not have the schema's format";
	} else if (t & (SPEC_INTEGER | SPEC_NUMBER)) {
		double v = strtod(text, &end);
		if (quoted || *end || end == text || ((t & SPEC_NUMBER) == 0 && v != floor(v)))
			return t & SPEC_NUMBER ? "is not a number" : "is not an integer";
		if ((c->has_minimum && (c->excl_minimum ? v <= c->minimum : v < c->minimum)) ||
		    (c->has_maximum && (c->excl_maximum ? v >= c->maximum : v > c->maximum)))
			return "is out of the schema's minimum/maximum";
	} else if (t == SPEC_BOOLEAN && strcmp(text, "true") && strcmp(text, "false")) {
		return "is not true or false";
	}
	return NULL;
}

static void check_example(struct diff_ctx *d, const struct member_ctx *m)
{
	const struct annot *a = annot_find(&m->member->annots, AT_EXAMPLE);
	if (!a)
		return;
	bool quoted = a->arg[0] == '"' || a->arg[0] == '\'';
	char *text = unquoted(a->arg);
	struct view v = {&m->member->type, 0, m->member->type.ptr};
	if (!has_dims(v) && v.ptr == 1 && v.t->kind != HK_CHAR)
		v.ptr = 0; /* a pointer to one value */
	const struct spec_schema *c = spec_deref(m->prop->schema);
	const char *why = c_misfit(v, text, quoted);
	const char *side = "member";
	if (!why) {
		why = schema_misfit(c, text, quoted && !(spec_types(c) & SPEC_STRING));
		side = "property";
	}
	if (why) {
		struct finding_in in = at_member(m, "example-invalid", LEVEL_WARNING);
		in.cloc.line = a->line;
		in.cloc.col = a->col;
		diff_emit(d, &in, "@example %s of member '%s' %s (%s '%s%s%s')", a->arg, m->symbol,
		          why, side, side[0] == 'm' ? m->member->type.spelling : m->schema,
		          side[0] == 'm' ? "" : ".", side[0] == 'm' ? "" : m->prop->name);
	}
	free(text);
}

/* An array of inline objects held in an opaque container (list_t *): the
 * struct the generator wrote for its items (Item_parts -> item_parts_inner_t),
 * found by the items naming patterns, is checked against them. */
static void check_inline_items(struct diff_ctx *d, const struct member_ctx *m)
{
	const struct spec_schema *c = spec_deref(m->prop->schema);
	if (!d->rs->item_names.n || !(spec_types(c) & SPEC_ARRAY) || !c->items ||
	    spec_ref_name(c->items))
		return;
	const struct spec_schema *it = spec_deref(c->items);
	if (!it->n_props)
		return;
	char *owner_prop = xasprintf("%s_%s", m->schema, m->prop->name);
	const char *one[] = {owner_prop};
	struct bind_names bn; /* its names, derived once for all records */
	bind_names_build(&bn, &d->rs->item_names, one, 1, d->rs);
	for (size_t i = 0; i < d->h->n_records; i++) {
		const struct hdr_record *r = d->h->records[i];
		if (!r->in_scope || !r->complete || r->anonymous ||
		    bind_names_find(&bn, r->tdname, r->tag) < 0)
			continue;
		if (diff_first_visit(d, r, c->items)) {
			char *name = xasprintf("%s.%s[]", m->schema, m->prop->name);
			diff_check_record(d, c->items, name, r, false);
			free(name);
		}
		break;
	}
	bind_names_free(&bn);
	free(owner_prop);
}

void diff_check_member(struct diff_ctx *d, const struct member_ctx *m)
{
	if (m->member->invalid)
		return; /* clang could not read its type: its header-error says why */
	check_presence(d, m);
	if (m->pair && m->pair->bit)
		return; /* a boolean as one bit of an integer: nothing more to check */
	check_format(d, m);
	check_example(d, m);
	const struct spec_schema *c = spec_deref(m->prop->schema);
	if (check_declared(d, m, m->prop->schema)) {
		check_inline_items(d, m);
		return;
	}
	if ((c->n_one_of || c->n_any_of) && !c->n_props && !spec_types(c)) {
		check_composition(d, m);
		return;
	}
	struct view v = {&m->member->type, 0, m->member->type.ptr};
	check_value(d, m, m->prop->schema, v, 0);
}

/* --- a struct against an object schema --------------------------------- */

static void missing(struct diff_ctx *d, const struct spec_prop *p, const char *schema,
                    const struct hdr_record *rec)
{
	char buf[160];
	char *owner = bind_snake(rec->tdname ? rec->tdname : rec->tag ? rec->tag : schema);
	struct emit_opts eo = diff_emit_opts(d);
	char *fix = emit_member_decl(p, owner, &eo);
	struct fix *fx = diff_fix_member(d, p, rec, owner, fix);
	free(owner);
	char *sym = xasprintf("%s.%s", rec->display, p->name);
	struct finding_in in = {.rule = "missing-field",
	                        .level = p->required ? LEVEL_ERROR : LEVEL_WARNING,
	                        .cloc = rec->loc,
	                        .sloc = p->loc,
	                        .pointer = p->pointer,
	                        .symbol = sym,
	                        .schema = schema,
	                        .fixit = fix,
	                        .fix = fx,
	                        .sup = {NULL, &rec->annots}};
	diff_emit(d, &in, "%s property '%s.%s' (%s) has no member in '%s'",
	          p->required ? "required" : "optional", schema, p->name,
	          describe(p->schema, buf, sizeof buf), rec->display);
	free(sym);
	free(fix);
}

static void extra(struct diff_ctx *d, const struct spec_schema *c, const char *schema,
                  const struct hdr_record *rec, const struct hdr_member *mem)
{
	char *sym = xasprintf("%s.%s", rec->display, mem->name);
	struct finding_in in = {.rule = "extra-field",
	                        .level = c->addl == SPEC_ADDL_FALSE ? LEVEL_ERROR : LEVEL_WARNING,
	                        .cloc = mem->loc,
	                        .sloc = c->loc,
	                        .pointer = c->pointer,
	                        .symbol = sym,
	                        .schema = schema,
	                        .sup = {&mem->annots, &rec->annots}};
	diff_emit(d, &in, "member '%s' has no property in schema '%s'%s", sym, schema,
	          c->addl == SPEC_ADDL_FALSE ? " (additionalProperties: false)" : "");
	free(sym);
}

/* A member and a property without each other whose names are a near miss:
 * one finding at the member, as severe as the missing property would be. */
/* A mask of a flags member that is only a near miss of the property it
 * stands for (MUTING_NOTIFS for muting_notifications): said, as a misspelt
 * member is; the property counts as held. */
static void bit_typo(struct diff_ctx *d, const struct spec_schema *c, const char *schema,
                     const struct hdr_record *rec, const struct member_pair *pr)
{
	char *sym = xasprintf("%s.%s", rec->display, pr->bit->name);
	bool err = pr->prop->required || c->addl == SPEC_ADDL_FALSE;
	struct finding_in in = {.rule = "extra-field",
	                        .level = err ? LEVEL_ERROR : LEVEL_WARNING,
	                        .cloc = pr->bit->loc,
	                        .sloc = pr->prop->loc,
	                        .pointer = pr->prop->pointer,
	                        .symbol = sym,
	                        .schema = schema,
	                        .note = "the property: ",
	                        .sup = {&pr->member->annots, &rec->annots}};
	diff_emit(d, &in, "bit '%s' of member '%s.%s' is no property's mask; did you mean '%s'?",
	          pr->bit->name, rec->display, pr->member->name, pr->prop->name);
	free(sym);
}

static void typo(struct diff_ctx *d, const struct spec_schema *c, const char *schema,
                 const struct hdr_record *rec, const struct hdr_member *mem,
                 const struct spec_prop *p)
{
	char *sym = xasprintf("%s.%s", rec->display, mem->name);
	char *fix = bind_typo_fix(mem->name, p->name, d->rs);
	bool err = p->required || c->addl == SPEC_ADDL_FALSE;
	struct finding_in in = {.rule = "extra-field",
	                        .level = err ? LEVEL_ERROR : LEVEL_WARNING,
	                        .cloc = mem->loc,
	                        .sloc = p->loc,
	                        .pointer = p->pointer,
	                        .symbol = sym,
	                        .schema = schema,
	                        .fixit = fix,
	                        .fixit_label = "rename member",
	                        .fix = fix ? diff_fix_rename(d->rs, rec, mem, fix) : NULL,
	                        .note = "the property: ",
	                        .sup = {&mem->annots, &rec->annots}};
	diff_emit(d, &in, "member '%s' matches no property; did you mean '%s'?", sym, p->name);
	free(fix);
	free(sym);
}

static void name_style(struct diff_ctx *d, const struct member_ctx *m, const char *style)
{
	struct finding_in in = at_member(m, "name-style", LEVEL_WARNING);
	if (style) {
		char *want = bind_member_name(style, m->prop->name, d->rs);
		diff_emit(d, &in,
		          "member '%s' is not named by the rule the other members follow (%s: '%s' "
		          "for property '%s.%s')",
		          m->symbol, style, want, m->schema, m->prop->name);
		free(want);
	} else {
		in.fix = diff_fix_json(m);
		diff_emit(d, &in,
		          "member '%s' matches property '%s.%s' only after folding case and "
		          "underscores "
		          "(use @json %s)",
		          m->symbol, m->schema, m->prop->name, m->prop->name);
	}
}

static void union_or_unchecked(struct diff_ctx *d, const struct spec_schema *c, const char *schema,
                               const struct hdr_record *rec)
{
	struct finding_in in = {.rule = "composition-unchecked",
	                        .level = LEVEL_INFO,
	                        .cloc = rec->loc,
	                        .sloc = c->loc,
	                        .pointer = c->pointer,
	                        .symbol = rec->display,
	                        .schema = schema,
	                        .sup = {NULL, &rec->annots}};
	if (rec->is_union) {
		check_variants(d, c, schema, rec, in);
		return;
	}
	diff_emit(d, &in, "schema '%s' is %s of %zu schemas; '%s' was not checked against them",
	          schema, c->n_one_of ? "a oneOf" : "an anyOf",
	          c->n_one_of ? c->n_one_of : c->n_any_of, rec->display);
}

static struct coverage_row *new_row(struct diff_ctx *d, const char *schema, const char *c_name)
{
	if (diff_row(d, schema))
		return NULL; /* counted once, by its first struct */
	struct coverage_row *row = diff_new_row(d, schema);
	row->c_name = xstrdup(c_name);
	return row;
}

/* ISO C has no empty struct: a struct for an object schema without
 * properties ("currently holds no information") declares one scalar member
 * that stands for nothing (bool dummy;, char pad[1];), named as the rules'
 * naming.placeholder says. That member is no extra-field. */
static void placeholder_member(const struct spec_schema *c, const struct hdr_record *rec,
                               const struct ruleset *rs, struct member_binding *mb)
{
	if (c->n_props || c->n_one_of || c->n_any_of || c->addl_schema)
		return;
	size_t only = SIZE_MAX;
	for (size_t i = 0; i < mb->n_members; i++) {
		if (mb->roles[i] == MR_IGNORED)
			continue;
		if (only != SIZE_MAX)
			return;
		only = i;
	}
	if (only == SIZE_MAX || mb->roles[only] != MR_NONE)
		return;
	const struct hdr_member *m = &rec->members[only];
	const char *name = m->name;
	while (*name == '_')
		name++;
	bool named = false;
	for (size_t i = 0; !named && i < rs->placeholders.n; i++)
		named = !strcasecmp(name, rs->placeholders.v[i]);
	const struct hdr_type *t = &m->type;
	bool scalar = t->kind == HK_BOOL || t->kind == HK_CHAR || t->kind == HK_INT;
	if (named && scalar && !t->ptr)
		mb->roles[only] = MR_IGNORED;
}

void diff_check_record(struct diff_ctx *d, const struct spec_schema *sc, const char *schema,
                       const struct hdr_record *rec, bool top)
{
	const struct spec_schema *c = spec_deref(sc);
	struct coverage_row *row = top ? new_row(d, schema, rec->display) : NULL;
	diff_hdr_checked(d, rec->loc.file);
	if ((c->n_one_of || c->n_any_of) && !c->n_props) {
		union_or_unchecked(d, c, schema, rec);
		return;
	}
	struct member_binding mb;
	bind_members(&mb, c, rec, d->rs);
	if (d->member_style >= 0)
		bind_apply_style(&mb, d->rs, (size_t)d->member_style);
	placeholder_member(c, rec, d->rs, &mb);
	long *typo_of = xcalloc(mb.n_pairs + 1, sizeof *typo_of);
	bind_typos(&mb, rec, d->rs, typo_of);
	/* bound by its members alone: a view of the schema, not all of it */
	const struct bind_schema *bs = top ? bind_of_record(&d->b, rec) : NULL;
	bool view = bs && bs->how == BIND_EVIDENCE && !bs->named;
	unsigned matched = 0;
	for (size_t i = 0; i < mb.n_pairs; i++) {
		const struct member_pair *pr = &mb.pairs[i];
		if (!pr->member && typo_of[i] >= 0) {
			const struct hdr_member *tm = &rec->members[typo_of[i]];
			typo(d, c, schema, rec, tm, pr->prop);
			mb.roles[typo_of[i]] = MR_AUX; /* reported, not extra */
			const struct hdr_member *count = bind_count_member(rec, tm, d->rs);
			if (count && mb.roles[count - rec->members] == MR_NONE)
				mb.roles[count - rec->members] = MR_AUX;
			continue;
		}
		if (!pr->member) {
			if (!view || pr->prop->required)
				missing(d, pr->prop, schema, rec);
			continue;
		}
		matched++;
		if (pr->bit_near)
			bit_typo(d, c, schema, rec, pr);
		char *sym = xasprintf("%s.%s", rec->display, pr->member->name);
		struct member_ctx m = {pr->prop, pr->member, rec,
		                       schema,   sym,        {&pr->member->annots, &rec->annots},
		                       pr};
		if (pr->folded || pr->style)
			name_style(d, &m, pr->folded ? NULL : pr->style);
		diff_check_member(d, &m);
		check_companions(d, &m);
		free(sym);
	}
	unsigned members = 0, used = 0;
	for (size_t i = 0; i < mb.n_members; i++) {
		if (mb.roles[i] == MR_IGNORED)
			continue;
		members++;
		if (mb.roles[i] == MR_NONE)
			extra(d, c, schema, rec, &rec->members[i]);
		else
			used++;
	}
	for (size_t i = 0; i < mb.n_pairs; i++)
		if (typo_of[i] >= 0)
			used--; /* a misspelt member matches nothing */
	free(typo_of);
	if (row) {
		row->matched = matched;
		row->total = (unsigned)mb.n_pairs;
		d->res->members_total += members;
		d->res->members_matched += used;
	}
	bind_members_free(&mb);
}

/* --- an enum against an enum schema ------------------------------------ */

static bool is_sentinel(const struct ruleset *rs, const char *stem)
{
	char *f = bind_fold(stem);
	bool hit = false;
	for (size_t i = 0; i < rs->sentinels.n && !hit; i++) {
		char *w = bind_fold(rs->sentinels.v[i]);
		hit = !strcmp(f, w);
		free(w);
	}
	free(f);
	return hit;
}

size_t diff_enum_prefix(const struct hdr_enum *e, const char **first)
{
	size_t n = 0, whole = 0;
	*first = NULL;
	for (size_t i = 0; i < e->n_items; i++) {
		const char *name = e->items[i].name;
		if (e->items[i].fragment)
			continue;
		if (!*first) {
			*first = name;
			n = strlen(name);
			continue;
		}
		whole++;
		size_t k = 0;
		while (k < n && name[k] == (*first)[k])
			k++;
		n = k;
	}
	if (!*first)
		return 0;
	if (!whole) { /* one enumerator: its name up to the last '_' */
		const char *u = strrchr(*first, '_');
		return u ? (size_t)(u - *first) + 1 : 0;
	}
	while (n > 0 && (*first)[n - 1] != '_')
		n--;
	return n;
}

/* Does the enumerator's name end, at a '_' boundary, in the value
 * (folded)? PET_STATUS_IN_STOCK stands for "in-stock", "IN_STOCK", "inStock". */
static bool name_ends_in(const char *name, const char *value)
{
	char *fv = bind_fold(value);
	bool ok = false;
	for (const char *p = name; *p && !ok && *fv; p++) {
		if (p != name && p[-1] != '_')
			continue;
		char *fn = bind_fold(p);
		ok = !strcmp(fn, fv);
		free(fn);
	}
	free(fv);
	return ok;
}

/* Does the enumerator's name spell another value of the schema than v? */
static bool names_other_value(const struct spec_schema *sc, const struct spec_value *v,
                              const struct hdr_enumerator *it)
{
	for (size_t i = 0; i < sc->n_enums; i++)
		if (&sc->enums[i] != v && sc->enums[i].text &&
		    name_ends_in(it->name, sc->enums[i].text))
			return true;
	return false;
}

/* An integer value matches an enumerator by name, else by its C value
 * unless the name spells another value: OpenAPI Generator numbers
 * openapi_petstore_bit___0 as 1 (after the _NULL sentinel), so that one
 * stands for 0, never for 1. */
static bool value_matches(const struct ruleset *rs, const struct spec_schema *sc,
                          const struct spec_value *v, const struct hdr_enumerator *it,
                          size_t prefix)
{
	const struct annot *a = annot_find(&it->annots, AT_VALUE);
	if (a)
		return v->text && !strcmp(a->arg, v->text);
	if (!v->text)
		return false;
	if (name_ends_in(it->name, v->text))
		return true;
	const char *stem = strlen(it->name) > prefix ? it->name + prefix : it->name;
	return v->kind == SV_INT && !is_sentinel(rs, stem) &&
	       it->value == strtoll(v->text, NULL, 0) && !names_other_value(sc, v, it);
}

void diff_check_enum(struct diff_ctx *d, const struct spec_schema *sc, const char *schema,
                     const char *pointer, const struct hdr_enum *e, struct suppress sup)
{
	const char *first;
	size_t prefix = diff_enum_prefix(e, &first);
	diff_hdr_checked(d, e->loc.file);
	bool *used = xcalloc(e->n_items + 1, sizeof *used);
	bool *written = xcalloc(sc->n_enums + 1, sizeof *written);
	if (e->n_bad)
		diff_enum_bad(d, sc, schema, pointer, e, sup, written);
	for (size_t i = 0; i < sc->n_enums; i++) {
		const struct spec_value *v = &sc->enums[i];
		if (v->kind == SV_NULL || written[i])
			continue;
		bool found = false;
		for (size_t j = 0; j < e->n_items; j++)
			if (!e->items[j].fragment &&
			    value_matches(d->rs, sc, v, &e->items[j], prefix)) {
				used[j] = found = true;
			}
		if (found)
			continue;
		char *sym = xasprintf("%s=%s", e->display, v->text ? v->text : "?");
		struct finding_in in = {.rule = "enum-value-missing",
		                        .level = LEVEL_ERROR,
		                        .cloc = e->loc,
		                        .sloc = v->loc,
		                        .pointer = pointer,
		                        .symbol = sym,
		                        .schema = schema,
		                        .sup = sup};
		diff_emit(d, &in, "value '%s' of enum '%s' has no enumerator in '%s'",
		          v->text ? v->text : "?", schema, e->display);
		free(sym);
	}
	for (size_t j = 0; j < e->n_items; j++) {
		const struct hdr_enumerator *it = &e->items[j];
		const char *stem = strlen(it->name) > prefix ? it->name + prefix : it->name;
		if (used[j] || it->fragment || annot_find(&it->annots, AT_IGNORE) ||
		    (is_sentinel(d->rs, stem) && !annot_find(&it->annots, AT_VALUE)))
			continue;
		struct finding_in in = {.rule = "enum-value-extra",
		                        .level = LEVEL_WARNING,
		                        .cloc = it->loc,
		                        .sloc = sc->loc,
		                        .pointer = pointer,
		                        .symbol = it->name,
		                        .schema = schema,
		                        .sup = {&it->annots, sup.member}};
		diff_emit(d, &in, "enumerator '%s' of '%s' has no value in enum '%s'", it->name,
		          e->display, schema);
	}
	free(written);
	free(used);
}
