/*
 * udiff.c - a unified diff of two texts, as diff -u writes it (three lines
 * of context, "\ No newline at end of file"), for --fix-dry-run. Lines are
 * compared with Myers' O(ND) algorithm ("An O(ND) Difference Algorithm and
 * Its Variations", 1986): the fixes change few lines of a header, so D is
 * small and the V arrays kept for the way back stay small too. No external
 * diff is run: the texts are in memory and the output must not depend on
 * which diff the machine has.
 */
#include "config.h"

#include "fix.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

enum { CONTEXT = 3 };

struct lines {
	const char **p;
	size_t *len; /* with the '\n', when there is one */
	size_t n, cap, lens_cap;
};

static void split(struct lines *L, const char *t, size_t len)
{
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(t + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - (t + i)) + 1 : len - i;
		*VEC_PUSH(L->p, L->n, L->cap) = t + i;
		L->n--;
		*VEC_PUSH(L->len, L->n, L->lens_cap) = n;
		i += n;
	}
}

static bool same(const struct lines *a, size_t i, const struct lines *b, size_t j)
{
	return a->len[i] == b->len[j] && !memcmp(a->p[i], b->p[j], a->len[i]);
}

/* The edit script: one of '=', '-', '+' per line of a and b, in order. */
static char *script(const struct lines *a, const struct lines *b, size_t *n_ops)
{
	long n = (long)a->n, m = (long)b->n, max = n + m, off = max + 1;
	size_t width = (size_t)(2 * max + 3);
	long *v = xcalloc(width, sizeof *v);
	long **trace = NULL;
	size_t nt = 0, tcap = 0;
	long found = -1;
	for (long d = 0; d <= max && found < 0; d++) {
		long *copy = xmalloc(width * sizeof *copy);
		memcpy(copy, v, width * sizeof *copy);
		*VEC_PUSH(trace, nt, tcap) = copy;
		for (long k = -d; k <= d && found < 0; k += 2) {
			long x = k == -d || (k != d && v[off + k - 1] < v[off + k + 1])
			                 ? v[off + k + 1]
			                 : v[off + k - 1] + 1;
			long y = x - k;
			while (x < n && y < m && same(a, (size_t)x, b, (size_t)y))
				x++, y++;
			v[off + k] = x;
			if (x >= n && y >= m)
				found = d;
		}
	}
	char *ops = xmalloc((size_t)max + 1);
	size_t k_ops = 0;
	long x = n, y = m;
	for (long d = found; d > 0; d--) {
		const long *vp = trace[d];
		long k = x - y;
		bool down = k == -d || (k != d && vp[off + k - 1] < vp[off + k + 1]);
		long px = vp[off + (down ? k + 1 : k - 1)], py = px - (down ? k + 1 : k - 1);
		long mx = down ? px : px + 1;
		for (; x > mx; x--, y--)
			ops[k_ops++] = '=';
		ops[k_ops++] = down ? '+' : '-';
		x = px;
		y = py;
	}
	for (; x > 0; x--)
		ops[k_ops++] = '=';
	for (size_t i = 0; i < k_ops / 2; i++) {
		char t = ops[i];
		ops[i] = ops[k_ops - 1 - i];
		ops[k_ops - 1 - i] = t;
	}
	for (size_t i = 0; i < nt; i++)
		free(trace[i]);
	free(trace);
	free(v);
	*n_ops = k_ops;
	return ops;
}

static void put_line(FILE *fp, char sign, const struct lines *L, size_t i)
{
	fputc(sign, fp);
	fwrite(L->p[i], 1, L->len[i], fp);
	if (!L->len[i] || L->p[i][L->len[i] - 1] != '\n')
		fputs("\n\\ No newline at end of file\n", fp);
}

/* Lines of a and of b that ops[from, to) covers. */
static void count(const char *ops, size_t from, size_t to, size_t *na, size_t *nb)
{
	*na = *nb = 0;
	for (size_t i = from; i < to; i++) {
		*na += ops[i] != '+';
		*nb += ops[i] != '-';
	}
}

/* One hunk: ops[from, to), which start at line ia of a and ib of b. */
static void hunk(FILE *fp, const char *ops, size_t from, size_t to, const struct lines *a,
                 size_t ia, const struct lines *b, size_t ib)
{
	size_t na, nb;
	count(ops, from, to, &na, &nb);
	fprintf(fp, "@@ -%zu,%zu +%zu,%zu @@\n", na ? ia + 1 : ia, na, nb ? ib + 1 : ib, nb);
	for (size_t i = from; i < to; i++) {
		if (ops[i] == '=')
			put_line(fp, ' ', a, ia++), ib++;
		else if (ops[i] == '-')
			put_line(fp, '-', a, ia++);
		else
			put_line(fp, '+', b, ib++);
	}
}

/* The end of the hunk starting with the change at ops[i]: after the last
 * change that is at most 2 * CONTEXT unchanged lines from the one before. */
static size_t hunk_end(const char *ops, size_t n, size_t i)
{
	size_t last = i;
	for (size_t j = i; j < n; j++) {
		if (ops[j] == '=')
			continue;
		if (j - last > 2 * CONTEXT)
			break;
		last = j + 1;
	}
	return last + CONTEXT < n ? last + CONTEXT : n;
}

void udiff_write(FILE *fp, const char *path, const char *a, size_t alen, const char *b, size_t blen)
{
	struct lines la = {0}, lb = {0};
	split(&la, a, alen);
	split(&lb, b, blen);
	size_t n;
	char *ops = script(&la, &lb, &n);
	size_t ia = 0, ib = 0, i = 0;
	bool header = false;
	while (i < n) {
		if (ops[i] == '=') {
			i++, ia++, ib++;
			continue;
		}
		if (!header)
			fprintf(fp, "--- a/%s\n+++ b/%s\n", path, path);
		header = true;
		size_t back = i < CONTEXT ? i : CONTEXT, end = hunk_end(ops, n, i);
		size_t na, nb;
		count(ops, i, end, &na, &nb);
		hunk(fp, ops, i - back, end, &la, ia - back, &lb, ib - back);
		ia += na;
		ib += nb;
		i = end;
	}
	free(ops);
	free(la.p);
	free(la.len);
	free(lb.p);
	free(lb.len);
}
