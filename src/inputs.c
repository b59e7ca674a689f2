/*
 * inputs.c - the two models loaded side by side: the spec in a second
 * thread while clang parses the headers in this one, so that a check costs
 * about the longer of the two rather than their sum. With -j1 (or one CPU)
 * the headers are loaded after the spec, when the run gets to them.
 *
 * Both ways print the same: each loader's diagnostics are captured and
 * printed in the order of the run one after the other, the spec's first,
 * the headers' once the run takes them (never when the spec or the rules
 * did not load, where a run one after the other would not have parsed the
 * headers at all). OACHECK_TIMING gives each loader's own time.
 */
#include "config.h"

#include "diag.h"
#include "inputs.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static struct hdr_set *load_headers(const struct opts *o, int *status)
{
	const char **paths = NULL;
	size_t n = 0;
	if (hdr_expand_paths((const char *const *)o->headers.v, o->headers.n, &paths, &n)) {
		*status = 3;
		return NULL;
	}
	if (n == 0) {
		hdr_paths_free(paths, n);
		return NULL;
	}
	struct hdr_options ho = {.headers = paths,
	                         .n_headers = n,
	                         .clang_args = (const char **)o->clang_args.v,
	                         .n_clang_args = o->clang_args.n,
	                         .compile_commands = o->compile_commands,
	                         .jobs = (unsigned)o->jobs};
	struct hdr_set *h = hdr_load(&ho);
	hdr_paths_free(paths, n);
	if (!h)
		*status = 3;
	return h;
}

struct spec_job {
	const struct opts *o;
	struct spec *spec;
	struct sbuf diags;
	double ms;
};

static void *spec_thread(void *arg)
{
	struct spec_job *j = arg;
	struct spec_options sopt = {.allow_outside_refs = j->o->allow_outside_refs};
	double t0 = now_ms();
	diag_capture(&j->diags);
	j->spec = spec_load_all((const char *const *)j->o->spec.v, j->o->spec.n, &sopt);
	diag_capture(NULL);
	j->ms = now_ms() - t0;
	return NULL;
}

static unsigned jobs_of(const struct opts *o)
{
	if (o->jobs > 0)
		return (unsigned)o->jobs;
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (unsigned)n : 1;
}

/* The spec in a thread of its own (big enough for its recursion), the
 * headers here. Returns false when no thread could be made. */
static bool load_both(struct inputs *in, const struct opts *o, struct spec_job *j)
{
	pthread_attr_t attr;
	pthread_t tid;
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 16u << 20);
	bool started = pthread_create(&tid, &attr, spec_thread, j) == 0;
	pthread_attr_destroy(&attr);
	if (!started)
		return false;
	double t0 = now_ms();
	diag_capture(&in->h_diags);
	in->h = load_headers(o, &in->h_status);
	diag_capture(NULL);
	double ms = now_ms() - t0;
	pthread_join(tid, NULL);
	in->ahead = true;
	diag_timing_of("spec", j->ms);
	diag_timing_of("headers", ms);
	diag_timing("inputs");
	return true;
}

int inputs_load(struct inputs *in, const struct opts *o, bool headers)
{
	memset(in, 0, sizeof *in);
	struct spec_job j = {.o = o};
	if (!headers || jobs_of(o) < 2 || !load_both(in, o, &j)) {
		spec_thread(&j);
		diag_timing("spec");
	}
	diag_flush(&j.diags);
	in->spec = j.spec;
	if (in->spec)
		return 0;
	inputs_free(in);
	return 3;
}

struct hdr_set *inputs_headers(struct inputs *in, const struct opts *o, int *status)
{
	if (!in->ahead) {
		struct hdr_set *h = load_headers(o, status);
		diag_timing("headers");
		return h;
	}
	struct hdr_set *h = in->h;
	*status = in->h_status;
	diag_flush(&in->h_diags);
	in->h = NULL;
	in->ahead = false;
	return h;
}

void inputs_free(struct inputs *in)
{
	spec_free(in->spec);
	hdr_free(in->h);
	sbuf_free(&in->h_diags);
	memset(in, 0, sizeof *in);
}
