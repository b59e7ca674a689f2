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

void hdr_dump(const struct hdr_set *h, void *out)
{
	FILE *fp = out;
	for (size_t i = 0; i < h->n_records; i++) {
		const struct hdr_record *r = h->records[i];
		if (!r->in_scope)
			continue;
		fprintf(fp, "%s %s size=%lld @%s:%u:%u\n", r->is_union ? "union" : "struct",
		        r->display, r->size, r->loc.file, r->loc.line, r->loc.col);
		for (size_t a = 0; a < r->annots.n; a++)
			fprintf(fp, "  @%s %s\n", annot_tag_name(r->annots.v[a].tag),
			        r->annots.v[a].arg ? r->annots.v[a].arg : "");
		for (size_t j = 0; j < r->n_members; j++) {
			const struct hdr_member *m = &r->members[j];
			const struct hdr_type *t = &m->type;
			fprintf(fp, "  .%s: %s [%s %s %u bits%s ptr=%u", m->name, t->spelling,
			        hdr_kind_name(t->kind), t->base, t->bits,
			        t->kind == HK_INT ? (t->is_signed ? " signed" : " unsigned") : "",
			        t->ptr);
			for (unsigned d = 0; d < t->n_dims; d++)
				fprintf(fp, "[%lld]", t->dims[d]);
			fprintf(fp, "] @%u:%u", m->loc.line, m->loc.col);
			for (size_t a = 0; a < m->annots.n; a++)
				fprintf(fp, " @%s%s%s", annot_tag_name(m->annots.v[a].tag),
				        m->annots.v[a].arg ? "=" : "",
				        m->annots.v[a].arg ? m->annots.v[a].arg : "");
			fputc('\n', fp);
		}
	}
	for (size_t i = 0; i < h->n_enums; i++) {
		const struct hdr_enum *e = h->enums[i];
		if (!e->in_scope)
			continue;
		fprintf(fp, "enum %s @%s:%u:%u\n", e->display, e->loc.file, e->loc.line,
		        e->loc.col);
		for (size_t j = 0; j < e->n_items; j++)
			fprintf(fp, "  %s = %lld\n", e->items[j].name, e->items[j].value);
	}
}
