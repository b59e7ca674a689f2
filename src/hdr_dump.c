/*
 * hdr_dump.c - the C model printed for --dump-headers (golden tests and
 * debugging), and small lookups on it.
 */
#include "config.h"

#include "hdr.h"

#include <stdio.h>
#include <string.h>

const struct hdr_typedef *hdr_find_typedef(const struct hdr_set *h, const char *name)
{
	for (size_t i = 0; i < h->n_typedefs; i++)
		if (!strcmp(h->typedefs[i]->name, name))
			return h->typedefs[i];
	return NULL;
}

const char *hdr_kind_name(enum hdr_kind k)
{
	static const char *const names[] = {"other", "void",   "bool", "char",    "int",
	                                    "float", "record", "enum", "function"};
	return names[k];
}

static void dump_annots(FILE *fp, const struct annot_set *s, const char *indent)
{
	for (size_t a = 0; a < s->n; a++) {
		fprintf(fp, "%s@%s", indent, annot_tag_name(s->v[a].tag));
		if (s->v[a].arg)
			fprintf(fp, " %s", s->v[a].arg);
		if (s->v[a].reason)
			fprintf(fp, " -- %s", s->v[a].reason);
		fprintf(fp, " (%u:%u)\n", s->v[a].line, s->v[a].col);
	}
	for (size_t a = 0; a < s->n_probs; a++)
		fprintf(fp, "%s!%s %u:%u %s\n", indent, s->probs[a].rule, s->probs[a].line,
		        s->probs[a].col, s->probs[a].message);
}

static void dump_type(FILE *fp, const struct hdr_type *t)
{
	fprintf(fp, "%s [%s %s", t->spelling, hdr_kind_name(t->kind), t->base);
	if (t->canon && strcmp(t->canon, t->base))
		fprintf(fp, " = %s", t->canon);
	fprintf(fp, " %u bits", t->bits);
	if (t->kind == HK_INT || t->kind == HK_ENUM)
		fputs(t->is_signed ? " signed" : " unsigned", fp);
	if (t->is_const)
		fputs(" const", fp);
	fprintf(fp, " ptr=%u", t->ptr);
	for (unsigned d = 0; d < t->n_dims; d++)
		fprintf(fp, "[%lld]", t->dims[d]);
	fputc(']', fp);
}

static void dump_member(FILE *fp, const struct hdr_member *m)
{
	fprintf(fp, "  .%s: ", m->name);
	dump_type(fp, &m->type);
	fprintf(fp, " off=%lld", m->offset_bits);
	if (m->bit_width >= 0)
		fprintf(fp, " width=%d", m->bit_width);
	if (m->from_anonymous)
		fputs(" flattened", fp);
	fprintf(fp, " @%u:%u\n", m->loc.line, m->loc.col);
	dump_annots(fp, &m->annots, "    ");
}

static void dump_record(FILE *fp, const struct hdr_record *r)
{
	const char *kind = r->is_union ? "union" : "struct";
	bool named = !strncmp(r->display, kind, strlen(kind)) && r->display[strlen(kind)] == ' ';
	fprintf(fp, "%s%s%s size=%lld @%s:%u:%u\n", named ? "" : kind, named ? "" : " ", r->display,
	        r->size, r->loc.file, r->loc.line, r->loc.col);
	dump_annots(fp, &r->annots, "  ");
	for (size_t j = 0; j < r->n_members; j++)
		dump_member(fp, &r->members[j]);
}

static void dump_enum(FILE *fp, const struct hdr_enum *e)
{
	fprintf(fp, "%s%s %u bits%s @%s:%u:%u\n", e->tag ? "" : "enum ", e->display, e->bits,
	        e->is_signed ? " signed" : " unsigned", e->loc.file, e->loc.line, e->loc.col);
	dump_annots(fp, &e->annots, "  ");
	for (size_t j = 0; j < e->n_items; j++) {
		fprintf(fp, "  %s = %lld\n", e->items[j].name, e->items[j].value);
		dump_annots(fp, &e->items[j].annots, "    ");
	}
}

void hdr_dump(const struct hdr_set *h, void *out)
{
	FILE *fp = out;
	for (size_t i = 0; i < h->n_records; i++)
		if (h->records[i]->in_scope)
			dump_record(fp, h->records[i]);
	for (size_t i = 0; i < h->n_enums; i++)
		if (h->enums[i]->in_scope)
			dump_enum(fp, h->enums[i]);
	for (size_t i = 0; i < h->n_typedefs; i++) {
		const struct hdr_typedef *td = h->typedefs[i];
		if (!td->in_scope)
			continue;
		fprintf(fp, "typedef %s: ", td->name);
		dump_type(fp, &td->type);
		for (unsigned c = 0; c < td->type.n_chain; c++)
			fprintf(fp, "%s%s", c ? " -> " : " chain ", td->type.chain[c]);
		fprintf(fp, " @%s:%u:%u\n", td->loc.file, td->loc.line, td->loc.col);
		dump_annots(fp, &td->annots, "  ");
	}
}
