/*
 * main.c - runs the pipeline: options -> spec -> headers -> bind and diff
 * -> report, and turns the outcome into the exit status:
 *   0 clean, 1 findings at or above --fail-on or coverage below the
 *   minimum, 2 usage or configuration error, 3 an input could not be loaded.
 */
#include "config.h"

#include "baseline.h"
#include "bind.h"
#include "diag.h"
#include "diff.h"
#include "emit.h"
#include "fix.h"
#include "hdr.h"
#include "inputs.h"
#include "opts.h"
#include "progress.h"
#include "report.h"
#include "rules.h"
#include "spec.h"
#include "util.h"
#include "wire.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { EXIT_FINDINGS = 1, EXIT_USAGE = 2, EXIT_LOAD = 3, CHECK_AGAIN = -1 };

/* The headers' structs bound to the spec in *b, with the keys the
 * sources w use on them as evidence (w may be NULL). */
static void bind(struct bindings *b, struct inputs *in, const struct hdr_set *h,
                 const struct ruleset *rs, const struct wire_set *w)
{
	memset(b, 0, sizeof *b);
	if (!h)
		return;
	struct wire_keys *keys = w ? wire_keys_new(w) : NULL;
	struct bind_key_source src = keys ? wire_keys_source(keys) : (struct bind_key_source){0};
	bind_schemas(b, in->spec, h, rs, keys ? &src : NULL);
	wire_keys_free(keys);
	diag_timing("bind");
}

static int outcome(const struct opts *o, const struct result *res)
{
	int status = 0;
	enum level fail = opts_fail_level(o);
	for (size_t i = 0; fail != LEVEL_OFF && i < res->n; i++)
		if (res->findings[i].level >= fail)
			status = EXIT_FINDINGS;
	double cov = result_prop_coverage(res);
	if (o->min_coverage >= 0 && cov < o->min_coverage) {
		diag_error(NULL, "property coverage %.1f%% is below --min-coverage %g%%", cov,
		           o->min_coverage);
		status = EXIT_FINDINGS;
	}
	return status;
}

static int check(const struct opts *o, struct spec *spec, const struct hdr_set *h,
                 const struct ruleset *rs, const struct wire_set *w, const struct bindings *b)
{
	struct diff_options dopt = {.schema_globs = (const char *const *)o->schemas.v,
	                            .n_schema_globs = o->schemas.n,
	                            .strict_json_names = o->strict_json_names,
	                            .bindings = h ? b : NULL};
	struct result res;
	struct checked c;
	progress_stage("checking", 0);
	diff_run(&c, &res, spec, h, rs, &dopt);
	if (w)
		wire_check(&c, w);
	diff_finish(&c);
	progress_clear();
	if (res.hint && !o->quiet)
		diag(DIAG_NOTE, NULL, "%s", res.hint);
	if (o->baseline && baseline_apply(&res, o->baseline, rs)) {
		result_free(&res);
		return EXIT_USAGE;
	}
	int fixed = o->fix || o->fix_dry_run ? fix_run(o, &res, h) : 0;
	if (fixed < 0 || fixed > 0 || o->fix_dry_run) { /* fixed: check again */
		int status = fixed < 0 ? EXIT_LOAD : o->fix ? CHECK_AGAIN : outcome(o, &res);
		result_free(&res);
		return status;
	}
	struct report_input in = {.res = &res,
	                          .spec_file = spec->file,
	                          .color = opts_use_color(o),
	                          .verbose = o->verbose,
	                          .quiet = o->quiet};
	const struct reporter *r = report_find(o->format ? o->format : "text");
	int status = report_emit(r, &in, o->output) ? EXIT_LOAD : outcome(o, &res);
	if (status != EXIT_LOAD && o->write_baseline)
		status = baseline_write(&res, o->write_baseline) ? EXIT_LOAD : 0;
	result_free(&res);
	return status;
}

static int check_headers(struct opts *o, struct inputs *in, const struct ruleset *rs)
{
	int status = 0;
	struct bindings b = {0};
	struct hdr_set *h = inputs_headers(in, o, &status);
	if (status == 0 && o->dump_headers && h) {
		hdr_print_errors(h);
		hdr_dump(h, stdout);
	} else if (status == 0 && !o->dump_headers) {
		struct wire_set *w = wire_load(o, rs, &status); /* --sources */
		if (status == 0) {
			bind(&b, in, h, rs, w);
			status = check(o, in->spec, h, rs, w, &b);
		}
		wire_set_free(w);
	}
	bind_free(&b);
	hdr_free(h);
	if (status == CHECK_AGAIN) { /* the fixed headers, as they are now */
		o->fix = false;
		return check_headers(o, in, rs);
	}
	diag_timing("check");
	return status;
}

static int run(struct opts *o, int argc, char **argv)
{
	if (opts_parse(o, argc, argv))
		return EXIT_USAGE;
	int answered = opts_answer(o);
	if (answered >= 0)
		return answered;
	if (!o->spec.n) {
		diag_error(NULL, "no spec given: use --spec FILE (or 'spec:' in .oacheck.yaml)");
		return EXIT_USAGE;
	}
	diag_timing(NULL);
	progress_init(!o->quiet && isatty(2));
	progress_stage("loading", 0);
	struct inputs in;
	if (inputs_load(&in, o, !o->dump_spec && !o->emit_struct.n))
		return EXIT_LOAD;
	int status = 0;
	struct ruleset rs;
	if (o->dump_spec) {
		spec_dump(in.spec, stdout);
		inputs_free(&in);
		return 0;
	}
	if (ruleset_setup(&rs, o->preset, o->rules.v, o->rules.n, o->severity)) {
		ruleset_free(&rs);
		inputs_free(&in);
		return EXIT_USAGE;
	}
	rs.project = bind_project(in.spec->title);
	if (!o->emit_struct.n) {
		if (!o->quiet)
			bind_warn_keys(in.spec, &rs);
		status = check_headers(o, &in, &rs);
	} else if (emit_schemas(stdout, in.spec, (const char *const *)o->emit_struct.v,
	                        o->emit_struct.n, &rs))
		status = EXIT_USAGE;
	ruleset_free(&rs);
	inputs_free(&in);
	return status;
}

int main(int argc, char **argv)
{
	struct opts o;
	int status = run(&o, argc, argv);
	opts_free(&o);
	loc_pool_free();
	return status;
}
