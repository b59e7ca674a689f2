/*
 * opts.c - one table of options drives getopt_long, --help and the config
 * file. A config value applies only where the command line said nothing;
 * relative paths in a config file are taken from the file's directory, so
 * the same .oacheck.yaml works from any subdirectory.
 */
#include "config.h"

#include "opts.h"
#include "diag.h"
#include "report.h"
#include "util.h"
#include "ydoc.h"

#include <errno.h>
#include <getopt.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum okind {
	OK_STR,   /* a string value */
	OK_PATH,  /* a string that is a path (relative to a config file) */
	OK_LIST,  /* repeatable */
	OK_PATHS, /* repeatable paths */
	OK_BOOL,  /* a flag */
	OK_CLANG, /* a clang argument: prefix + value, appended in order */
	OK_PCT,
	OK_INT,
	OK_COLOR,
};

struct optdef {
	const char *name;
	int short_name;
	enum okind kind;
	size_t off;
	const char *prefix; /* OK_CLANG */
	const char *arg;    /* argument name in --help; NULL: none */
	const char *help;
	bool in_config;
};

#define F(field) offsetof(struct opts, field)

static const struct optdef table[] = {
        {"spec", 's', OK_PATHS, F(spec), NULL, "FILE",
         "the OpenAPI document (YAML or JSON; - for stdin); repeatable: checked together", true},
        {"headers", 0, OK_PATHS, F(headers), NULL, NULL, NULL, true},
        {"sources", 0, OK_PATHS, F(sources), NULL, "FILE|DIR",
         "C sources whose JSON calls to check (the wire check; repeatable)", true},
        {"cache-dir", 0, OK_PATH, F(cache_dir), NULL, "DIR",
         "keep what each source yields in DIR (default: $XDG_CACHE_HOME/oacheck)", true},
        {"no-cache", 0, OK_BOOL, F(no_cache), NULL, NULL,
         "parse every source anew and keep nothing", true},
        {"include", 'I', OK_CLANG, F(clang_args), "-I", "DIR", "add an include directory for clang",
         false},
        {"define", 'D', OK_CLANG, F(clang_args), "-D", "NAME[=VAL]", "define a macro for clang",
         false},
        {"std", 0, OK_CLANG, F(clang_args), "-std=", "STD", "C standard for clang (default c11)",
         true},
        {"target", 0, OK_CLANG, F(clang_args), "--target=", "TRIPLE",
         "target triple for type widths", true},
        {"compile-commands", 'p', OK_PATH, F(compile_commands), NULL, "DIR",
         "take flags from DIR/compile_commands.json", true},
        {"clang-arg", 0, OK_CLANG, F(clang_args), "", "ARG",
         "any other clang argument (repeatable)", true},
        {"preset", 0, OK_STR, F(preset), NULL, "NAME",
         "preset rule set: default, openapi-generator-c", true},
        {"rules", 0, OK_PATHS, F(rules), NULL, "FILE",
         "extra rules file, applied after the preset (repeatable)", true},
        {"config", 'c', OK_PATH, F(config), NULL, "FILE",
         "config file (default: .oacheck.yaml up to the repository root)", false},
        {"no-config", 0, OK_BOOL, F(no_config), NULL, NULL, "read no config file", false},
        {"schema", 0, OK_LIST, F(schemas), NULL, "GLOB", "check only these schemas (repeatable)",
         true},
        {"strict-json-names", 0, OK_BOOL, F(strict_json_names), NULL, NULL,
         "a name matched only after folding is an error", true},
        {"format", 'f', OK_STR, F(format), NULL, "FMT",
         "report format: text, json, sarif, junit, github", true},
        {"output", 'o', OK_PATH, F(output), NULL, "FILE", "write the report to FILE, atomically",
         true},
        {"fail-on", 0, OK_STR, F(fail_on), NULL, "LEVEL", "error (default), warning, info or never",
         true},
        {"min-coverage", 0, OK_PCT, F(min_coverage), NULL, "PCT",
         "fail when property coverage is below PCT", true},
        {"baseline", 0, OK_PATH, F(baseline), NULL, "FILE", "ignore findings recorded in FILE",
         true},
        {"write-baseline", 0, OK_PATH, F(write_baseline), NULL, "FILE",
         "record the current findings in FILE", true},
        {"jobs", 'j', OK_INT, F(jobs), NULL, "N", "parse in N threads (default: number of CPUs)",
         true},
        {"list-rules", 0, OK_BOOL, F(list_rules), NULL, NULL, "print the rule table", false},
        {"explain", 0, OK_STR, F(explain), NULL, "RULE",
         "print one rule's description with an example", false},
        {"emit-struct", 0, OK_LIST, F(emit_struct), NULL, "SCHEMA",
         "print annotated C for SCHEMA; several, a list or a glob ('*'): one header", false},
        {"fix", 0, OK_BOOL, F(fix), NULL, NULL,
         "apply the fix-its of findings at or above --fail-on to the headers", false},
        {"fix-dry-run", 0, OK_BOOL, F(fix_dry_run), NULL, NULL,
         "print the fix-its as a unified diff instead of applying them", false},
        {"diff", 0, OK_BOOL, F(fix_dry_run), NULL, NULL, "the same as --fix-dry-run", false},
        {"allow-outside-refs", 0, OK_BOOL, F(allow_outside_refs), NULL, NULL,
         "follow $refs out of the spec's directory", true},
        {"verbose", 'v', OK_BOOL, F(verbose), NULL, NULL,
         "also print the per-schema coverage table and the keys the spec cannot back", true},
        {"quiet", 'q', OK_BOOL, F(quiet), NULL, NULL,
         "print findings only: no summary, no progress line", true},
        {"color", 0, OK_COLOR, F(color), NULL, "WHEN",
         "auto, always or never (NO_COLOR is honoured)", true},
        {"dump-spec", 0, OK_BOOL, F(dump_spec), NULL, NULL, "print the loaded spec model and exit",
         false},
        {"dump-headers", 0, OK_BOOL, F(dump_headers), NULL, NULL, "print the C model and exit",
         false},
        {"version", 0, OK_BOOL, F(version), NULL, NULL, "print the version", false},
        {"help", 'h', OK_BOOL, F(help), NULL, NULL, "print this help", false},
};
enum { N_OPTS = sizeof table / sizeof table[0] };

void strlist_add(struct strlist *l, const char *s)
{
	*VEC_PUSH(l->v, l->n, l->cap) = xstrdup(s);
}

void strlist_free(struct strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

static void *field(struct opts *o, const struct optdef *d)
{
	return (char *)o + d->off;
}

/* Drop "." and "dir/.." from a joined path, in place, so that a config's
 * "../api.yaml" from ci/ reads ../api.yaml and not ci/../../api.yaml in
 * diagnostics. Leading ".." (and "/..") stay. */
static char *clean_path(char *path)
{
	char *src = xstrdup(path);
	bool abs = path[0] == '/';
	char *start = path + abs, *w = start; /* never ahead of the reader */
	for (const char *tok = src + abs; *tok;) {
		size_t n = strcspn(tok, "/");
		bool dot = n == 1 && tok[0] == '.', up = n == 2 && !strncmp(tok, "..", 2);
		char *prev = w; /* where the last component written starts */
		while (prev > start && (prev == w || prev[-1] != '/'))
			prev--;
		if (n == 0 || dot || (up && abs && w == start)) {
			/* "a//b", "./a" and "/.." add nothing */
		} else if (up && w > start && strncmp(prev, "../", 3)) {
			w = prev; /* "a/.." cancels */
		} else {
			memcpy(w, tok, n);
			w += n;
			*w++ = '/';
		}
		tok += n + (tok[n] == '/');
	}
	free(src);
	if (w > start)
		w--; /* no trailing '/' */
	*w = '\0';
	if (!*path)
		strcpy(path, ".");
	return path;
}

static char *in_dir(const char *dir, const char *path)
{
	if (!dir || path[0] == '/' || !strcmp(path, "-") || !strcmp(dir, "."))
		return xstrdup(path);
	return clean_path(xasprintf("%s/%s", dir, path));
}

/* What a choice option expects when val is none of its values, or NULL;
 * checked as the value is stored, so that a config file's mistake has its
 * file:line:col. */
static const char *bad_choice(const struct optdef *d, const char *val)
{
	if (!strcmp(d->name, "fail-on") && strcmp(val, "error") && strcmp(val, "warning") &&
	    strcmp(val, "info") && strcmp(val, "never"))
		return "error, warning, info or never";
	if (!strcmp(d->name, "format") && !report_find(val))
		return "text, json, sarif, junit or github";
	return NULL;
}

/* Store one value of option d. Returns 0 or -1 with *why set. */
static int store(struct opts *o, const struct optdef *d, const char *val, const char *dir,
                 const char **why)
{
	char *end;
	switch (d->kind) {
	case OK_STR:
		if (bad_choice(d, val)) {
			*why = bad_choice(d, val);
			return -1;
		}
		/* fall through */
	case OK_PATH: {
		char **p = field(o, d);
		free(*p);
		*p = d->kind == OK_PATH ? in_dir(dir, val) : xstrdup(val);
		return 0;
	}
	case OK_LIST:
		strlist_add(field(o, d), val);
		return 0;
	case OK_PATHS: {
		char *p = in_dir(dir, val);
		strlist_add(field(o, d), p);
		free(p);
		return 0;
	}
	case OK_CLANG: {
		const char *v = val;
		char *tmp = NULL;
		if (dir && (!strcmp(d->name, "include")))
			v = tmp = in_dir(dir, val);
		char *arg = xasprintf("%s%s", d->prefix, v);
		strlist_add(field(o, d), arg);
		free(arg);
		free(tmp);
		return 0;
	}
	case OK_BOOL:
		*(bool *)field(o, d) = true;
		return 0;
	case OK_PCT: {
		double v = strtod(val, &end);
		if (end == val || (*end && strcmp(end, "%")) || v < 0 || v > 100) {
			*why = "a percentage from 0 to 100";
			return -1;
		}
		*(double *)field(o, d) = v;
		return 0;
	}
	case OK_INT: {
		errno = 0;
		long v = strtol(val, &end, 10);
		if (errno || end == val || *end || v < 1 || v > 1024) {
			*why = "a number from 1 to 1024";
			return -1;
		}
		*(long *)field(o, d) = v;
		return 0;
	}
	case OK_COLOR:
		if (!strcmp(val, "auto") || !strcmp(val, "always") || !strcmp(val, "never")) {
			*(enum color_mode *)field(o, d) = val[0] == 'a' && val[1] == 'u'
			                                          ? COLOR_AUTO
			                                  : val[1] == 'l' ? COLOR_ALWAYS
			                                                  : COLOR_NEVER;
			return 0;
		}
		*why = "auto, always or never";
		return -1;
	}
	return 0;
}

static void opts_init(struct opts *o)
{
	memset(o, 0, sizeof *o);
	o->min_coverage = -1;
	for (size_t i = 0; i < 64; i++)
		o->severity[i] = -1;
}

static int check_values(const struct opts *o)
{
	if (o->fix && o->fix_dry_run) {
		diag_error(NULL, "--fix and --fix-dry-run (--diff) exclude each other");
		return -1;
	}
	if (o->explain && !rule_find(o->explain)) {
		diag_error(NULL, "--explain '%s': no such rule (see --list-rules)", o->explain);
		return -1;
	}
	return 0;
}

int opts_answer(const struct opts *o)
{
	if (o->help)
		opts_usage(stdout);
	else if (o->version)
		printf("oacheck %s\n", PACKAGE_VERSION);
	else if (o->list_rules)
		rules_print_table(stdout);
	else if (o->explain)
		return rules_explain(o->explain, stdout) ? 2 : 0;
	else
		return -1;
	return 0;
}

enum level opts_fail_level(const struct opts *o)
{
	enum level l = LEVEL_ERROR;
	if (!o->fail_on)
		return l;
	if (!strcmp(o->fail_on, "never"))
		return LEVEL_OFF;
	level_parse(o->fail_on, &l);
	return l;
}

static const struct optdef *find_def(const char *name)
{
	for (size_t i = 0; i < N_OPTS; i++)
		if (!strcmp(table[i].name, name))
			return &table[i];
	return NULL;
}

static int parse_argv(struct opts *o, int argc, char **argv)
{
	struct option longs[N_OPTS + 1];
	char shorts[2 * N_OPTS + 2];
	size_t ns = 0;
	shorts[ns++] = ':';
	for (size_t i = 0; i < N_OPTS; i++) {
		longs[i] = (struct option){
		        table[i].name, table[i].kind == OK_BOOL ? no_argument : required_argument,
		        NULL, 1000 + (int)i};
		if (table[i].short_name) {
			shorts[ns++] = (char)table[i].short_name;
			if (table[i].kind != OK_BOOL)
				shorts[ns++] = ':';
		}
	}
	longs[N_OPTS] = (struct option){0, 0, 0, 0};
	shorts[ns] = '\0';
	opterr = 0;
	optind = 1;
	int c;
	while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
		const struct optdef *d = NULL;
		if (c >= 1000)
			d = &table[c - 1000];
		for (size_t i = 0; !d && i < N_OPTS; i++)
			if (table[i].short_name == c)
				d = &table[i];
		if (c == '?' || c == ':' || !d) {
			const char *bad = argv[optind - 1];
			if (c == ':')
				diag_error(NULL, "option '%s' needs an argument (see --help)", bad);
			else if (optopt && optopt < 1000)
				diag_error(NULL, "unknown option '-%c' (see --help)", optopt);
			else
				diag_error(NULL, "unknown option '%s' (see --help)", bad);
			return -1;
		}
		const char *why = NULL;
		if (store(o, d, optarg, NULL, &why)) {
			diag_error(NULL, "--%s '%s': expected %s", d->name, optarg, why);
			return -1;
		}
		o->set[d - table] = 1;
	}
	for (int i = optind; i < argc; i++)
		strlist_add(&o->headers, argv[i]);
	if (optind < argc)
		o->set[find_def("headers") - table] = 1;
	return 0;
}

static bool exists(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0;
}

/* .oacheck.yaml from the working directory up to the repository root, as
 * a relative path ("../../.oacheck.yaml"): the paths in it are taken from
 * its directory and shown as the user would write them. */
static char *find_config(void)
{
	char *dir = getcwd(NULL, 0);
	if (!dir)
		return NULL;
	char *found = NULL;
	struct sbuf up = {0};
	sbuf_add(&up, "", 0);
	for (unsigned guard = 0; guard < 256 && !found; guard++) {
		char *p = xasprintf("%s/.oacheck.yaml", dir);
		char *git = xasprintf("%s/.git", dir);
		bool top = exists(git) || !strcmp(dir, "/");
		free(git);
		if (exists(p)) {
			found = xasprintf("%s.oacheck.yaml", up.buf);
			free(p);
			break;
		}
		free(p);
		sbuf_puts(&up, "../");
		char *slash = strrchr(dir, '/');
		if (top || !slash)
			break;
		if (slash == dir)
			slash[1] = '\0';
		else
			*slash = '\0';
	}
	sbuf_free(&up);
	free(dir);
	return found;
}

static int config_severity(struct opts *o, const struct ydoc *doc, const struct ynode *map)
{
	if (map->kind != YN_MAP) {
		struct loc at = ydoc_loc(doc, map);
		diag_error(&at, "'severity' must be a mapping of rule ids to levels");
		return -1;
	}
	for (size_t i = 0; i < map->len; i++) {
		const struct ynode *k = map->kids[2 * i], *v = map->kids[2 * i + 1];
		int r = k->kind == YN_SCALAR ? rule_index(k->str) : -1;
		enum level l;
		if (r < 0) {
			struct loc at = ydoc_loc(doc, k);
			diag_error(&at, "unknown rule '%s' (see --list-rules)",
			           k->kind == YN_SCALAR ? k->str : "?");
			return -1;
		}
		if (v->kind != YN_SCALAR || level_parse(v->str, &l)) {
			struct loc at = ydoc_loc(doc, v);
			diag_error(&at, "severity of '%s' must be error, warning, info or off",
			           k->str);
			return -1;
		}
		if (o->severity[r] < 0)
			o->severity[r] = (int)l;
	}
	return 0;
}

/* Apply one config key unless the command line set it. */
static int config_key(struct opts *o, const struct ydoc *doc, const struct ynode *k,
                      const struct ynode *v, const char *dir)
{
	const struct optdef *d = k->kind == YN_SCALAR ? find_def(k->str) : NULL;
	struct loc at = ydoc_loc(doc, k);
	if (k->kind == YN_SCALAR && !strcmp(k->str, "severity"))
		return config_severity(o, doc, v);
	if (!d || !d->in_config) {
		diag_error(&at, "unknown config key '%s'", k->kind == YN_SCALAR ? k->str : "?");
		return -1;
	}
	bool list = d->kind == OK_LIST || d->kind == OK_PATHS || d->kind == OK_CLANG;
	if (o->set[d - table] && d->kind != OK_CLANG)
		return 0; /* the command line wins */
	size_t n = v->kind == YN_SEQ ? v->len : 1;
	if ((v->kind == YN_SEQ && !list) || v->kind == YN_MAP) {
		at = ydoc_loc(doc, v);
		diag_error(&at, "'%s' takes %s", d->name, list ? "a value or a list" : "one value");
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		const struct ynode *one = v->kind == YN_SEQ ? v->kids[i] : v;
		const char *why = "a scalar";
		bool b;
		if (one->kind != YN_SCALAR) {
			at = ydoc_loc(doc, one);
			diag_error(&at, "'%s' expects %s", d->name, why);
			return -1;
		}
		if (d->kind == OK_BOOL) {
			if (ydoc_bool(one, &b)) {
				at = ydoc_loc(doc, one);
				diag_error(&at, "'%s' expects true or false", d->name);
				return -1;
			}
			*(bool *)field(o, d) = b;
		} else if (store(o, d, one->str, dir, &why)) {
			at = ydoc_loc(doc, one);
			diag_error(&at, "'%s' expects %s", d->name, why);
			return -1;
		}
	}
	return 0;
}

int opts_load_config(struct opts *o, const char *path)
{
	struct ydoc doc;
	if (ydoc_load_file(&doc, path, NULL))
		return -1;
	int rc = 0;
	const struct ynode *root = doc.root;
	char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
	if (root && root->kind != YN_MAP) {
		struct loc at = ydoc_loc(&doc, root);
		diag_error(&at, "a config file is a mapping of option names to values");
		rc = -1;
	}
	/* clang arguments from the config come before the command line's */
	struct strlist cli_clang = o->clang_args;
	memset(&o->clang_args, 0, sizeof o->clang_args);
	for (size_t i = 0; root && rc == 0 && root->kind == YN_MAP && i < root->len; i++)
		rc = config_key(o, &doc, root->kids[2 * i], root->kids[2 * i + 1], dir);
	for (size_t i = 0; i < cli_clang.n; i++)
		strlist_add(&o->clang_args, cli_clang.v[i]);
	strlist_free(&cli_clang);
	free(o->config_dir);
	o->config_dir = dir;
	ydoc_free(&doc);
	return rc;
}

int opts_parse(struct opts *o, int argc, char **argv)
{
	opts_init(o);
	if (parse_argv(o, argc, argv))
		return -1;
	if (o->help || o->version)
		return 0;
	char *cfg = o->config ? xstrdup(o->config) : o->no_config ? NULL : find_config();
	if (cfg) {
		if (o->config && !exists(cfg)) {
			struct loc at = {loc_intern(cfg), 0, 0};
			diag_error(&at, "cannot read config file: %s", strerror(errno));
			free(cfg);
			return -1;
		}
		int rc = opts_load_config(o, cfg);
		free(cfg);
		if (rc)
			return -1;
	}
	return check_values(o);
}

void opts_free(struct opts *o)
{
	for (size_t i = 0; i < N_OPTS; i++) {
		const struct optdef *d = &table[i];
		if (d->kind == OK_STR || d->kind == OK_PATH) {
			char **p = field(o, d);
			free(*p);
			*p = NULL;
		} else if (d->kind == OK_LIST || d->kind == OK_PATHS) {
			strlist_free(field(o, d));
		}
	}
	strlist_free(&o->clang_args);
	free(o->config_dir);
	o->config_dir = NULL;
}

bool opts_use_color(const struct opts *o)
{
	if (o->color == COLOR_ALWAYS)
		return true;
	if (o->color == COLOR_NEVER || (o->output && strcmp(o->output, "-")))
		return false;
	const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");
	if ((nc && *nc) || (term && !strcmp(term, "dumb")))
		return false;
	return isatty(STDOUT_FILENO);
}

void opts_usage(void *out)
{
	FILE *fp = out;
	fputs("usage: oacheck [OPTIONS] --spec FILE... [HEADER|DIR]...\n\n"
	      "Check that C structs match the OpenAPI schemas they carry.\n\n"
	      "options:\n",
	      fp);
	for (size_t i = 0; i < N_OPTS; i++) {
		const struct optdef *d = &table[i];
		if (!d->help)
			continue;
		char left[64];
		if (d->short_name)
			snprintf(left, sizeof left, "-%c, --%s%s%s", d->short_name, d->name,
			         d->arg ? " " : "", d->arg ? d->arg : "");
		else
			snprintf(left, sizeof left, "    --%s%s%s", d->name, d->arg ? "=" : "",
			         d->arg ? d->arg : "");
		fprintf(fp, "  %-32s %s\n", left, d->help);
	}
	fputs("\nexit status: 0 clean, 1 findings at or above --fail-on or coverage below\n"
	      "--min-coverage, 2 usage or configuration error, 3 an input could not be loaded.\n"
	      "See oacheck(1) and oacheck-rules(5).\n",
	      fp);
}
