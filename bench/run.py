#!/usr/bin/env python3
"""bench/run.py - make bench: oacheck on real inputs, each row side by side
with its floor in the same run, as one table.

Every figure is a whole process: wall seconds (median of RUNS runs, the
commands of a row interleaved so that a busy machine slows them alike), CPU
seconds (user + system, median) and peak RSS (max over the runs, from
wait4). The ratio is oacheck's wall median over the floor's. Rows:

  k8s-c        the Kubernetes C client (720 headers, 6.8 MB spec) with
               --preset openapi-generator-c, -j2 (spec and headers at once)
               and -j1, against clang -fsyntax-only -fparse-all-comments on
               one umbrella including the 720 headers plus libyaml's raw
               event parse of the spec (bench/yaml_raw --raw): the floor is
               their sum. The stage split (OACHECK_TIMING) follows, each
               loader against its own floor.
  github       GitHub's spec (npm @octokit/openapi, 13 MB), loaded and
               checked, against the raw parse, swagger-cli validate and
               redocly lint (installed from npm into the cache); and the
               JSON reader's tree alone (bench/yaml_raw --tree) against
               the raw parse (issue 19: at most half of it).
  grow Nx      the k8s spec and headers N times over under new names
               (bench/k8s_grow.py), so each copy is derived and bound anew;
               ratio to 1x.
  wire         --sources on k8s-c's 719 .c files with an empty cache,
               -j2 against clang -fsyntax-only on them, and -j1 against
               -j2; then, the cache filled, a run after one .c changed and
               a run with nothing changed, against the cold run.
  yaml-10mb    a generated 10 MB YAML spec (the YAML path; the real specs
               are JSON) against the raw parse.
  annotated    800 generated headers full of comments and annotations
               (--dump-headers) against clang on them (k8s-c has few).

Rows whose input is absent print "skipped: reason". Usage (from the build
directory): python3 bench/run.py [--runs N] [--only ROW,...] BUILDDIR
Environment: OAC_REALWORLD (default: ../shared/realworld beside the source
tree), OAC_BENCH_CACHE (default ~/.cache/oacheck-bench).
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

SRC = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run_once(cmd, cwd=None, env=None, stderr=False):
    """Wall s, CPU s, peak KB, exit status and (if asked) stderr of one run."""
    err = subprocess.PIPE if stderr else subprocess.DEVNULL
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=err,
                         stdin=subprocess.DEVNULL)
    text = p.stderr.read().decode(errors="replace") if stderr else ""
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss, p.returncode, text


class Fig:
    def __init__(self):
        self.wall, self.cpu, self.kb, self.status = [], [], [], 0

    def add(self, r):
        self.wall.append(r[0])
        self.cpu.append(r[1])
        self.kb.append(r[2])
        self.status = self.status or r[3]

    @property
    def w(self):
        return statistics.median(self.wall)

    @property
    def c(self):
        return statistics.median(self.cpu)

    @property
    def mb(self):
        return max(self.kb) / 1024


def measure(cmds, runs, cwd=None):
    """Run each named command runs times, interleaved; one warm-up round."""
    figs = {k: Fig() for k in cmds}
    for i in range(runs + 1):
        for k, cmd in cmds.items():
            r = run_once(cmd, cwd=cwd)
            if i:
                figs[k].add(r)
    return figs


HEAD = "%-26s %6s %6s %6s | %-34s %6s %6s %6s | %7s %s" % (
    "row", "wall", "cpu", "MB", "floor", "wall", "cpu", "MB", "ratio", "target")


def emit(name, text):
    """A row of the table, printed as soon as it is measured."""
    print("%-26s %s" % (name, text), flush=True)


def out(name, fig, floor_name, floor, ratio_to=None, target=""):
    """One table row: oacheck's figure, then its floor's (or why skipped)."""
    if fig is None:
        emit(name, "skipped: " + floor_name)
        return
    ref = ratio_to if ratio_to is not None else (floor.w if floor else None)
    ratio = "%.2fx" % (fig.w / ref) if ref else ""
    fl = ("%6.3f %6.3f %6.0f" % (floor.w, floor.c, floor.mb)) if floor else " " * 20
    emit(name, "%6.3f %6.3f %6.0f | %-34s %s | %7s %s" % (
        fig.w, fig.c, fig.mb, floor_name, fl, ratio, target))


class Sum:
    """The floor made of two processes: their medians added."""
    def __init__(self, a, b):
        self.w, self.c, self.mb = a.w + b.w, a.c + b.c, max(a.mb, b.mb)


def stages(cmd, runs, cwd):
    """Median ms of each OACHECK_TIMING stage."""
    env = dict(os.environ, OACHECK_TIMING="1")
    got = {}
    for _ in range(runs):
        text = run_once(cmd, cwd=cwd, env=env, stderr=True)[4]
        for line in text.splitlines():
            if line.startswith("timing:"):
                f = line.split()
                got.setdefault(f[1], []).append(float(f[2]))
    return {k: statistics.median(v) for k, v in got.items()}


def k8s_rows(a, oac, raw, rw):
    k8s = os.path.join(rw, "k8s-c")
    if not os.path.isdir(os.path.join(k8s, "model")):
        out("k8s-c", None, "no %s/model" % k8s, None)
        return
    work = tempfile.mkdtemp()
    try:
        umb = os.path.join(work, "umbrella.h")
        with open(umb, "w") as f:
            for h in sorted(os.listdir(os.path.join(k8s, "model"))):
                if h.endswith(".h"):
                    f.write('#include "%s"\n' % os.path.join(k8s, "model", h))
        check = [oac, "--preset", "openapi-generator-c", "--spec", "swagger.json",
                 "-I", "include", "-I", "external", "model"]
        cmds = {
            "j2": check + ["-j2"],
            "j1": check + ["-j1"],
            "clang": ["clang-14", "-fsyntax-only", "-fparse-all-comments", "-x", "c-header",
                      "-Iinclude", "-Iexternal", umb],
            "yaml": [raw, "--raw", "swagger.json"],
        }
        f = measure(cmds, a.runs, cwd=k8s)
        bad = [k for k in ("j2", "j1", "clang", "yaml") if f[k].status]
        if bad:
            print("warning: exit status not 0: %s" % ", ".join(bad), file=sys.stderr)
        floor = Sum(f["clang"], f["yaml"])
        out("k8s-c check -j2", f["j2"], "clang 720 hdrs + yaml raw (sum)", floor,
            target="<= 1.5x, < 0.5 s")
        out("k8s-c check -j1", f["j1"], "clang 720 hdrs + yaml raw (sum)", floor)
        out("  floor: clang", f["clang"], "", None)
        out("  floor: yaml raw", f["yaml"], "", None)
        for j, key in (("-j1", "j1"), ("-j2", "j2")):
            st = stages(cmds[key], a.runs, k8s)
            split = "  ".join("%s %.0f" % (k, v) for k, v in st.items())
            emit("  stages %s (ms)" % j, split)
        st = stages(cmds["j1"], 1, k8s)
        if "spec" in st:
            emit("  spec stage / yaml raw", "%.2fx" % (st["spec"] / 1e3 / f["yaml"].w))
        if "headers" in st:
            emit("  headers stage / clang", "%.2fx" % (st["headers"] / 1e3 / f["clang"].w))
    finally:
        shutil.rmtree(work)


def npm_pack(cache, pkg, dest):
    """Unpack npm package pkg into cache/dest once; False when npm fails."""
    d = os.path.join(cache, dest)
    if os.path.isdir(d):
        return True
    tmp = tempfile.mkdtemp(dir=cache)
    try:
        r = subprocess.run(["npm", "pack", pkg, "--silent", "--cache",
                            os.path.join(cache, "npm")], cwd=tmp, capture_output=True,
                           timeout=300, text=True)
        tgz = [x for x in os.listdir(tmp) if x.endswith(".tgz")]
        if r.returncode or not tgz:
            return False
        subprocess.run(["tar", "xzf", tgz[0]], cwd=tmp, check=True)
        os.rename(os.path.join(tmp, "package"), d)
        return True
    except (OSError, subprocess.SubprocessError):
        return False
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def npm_tools(cache):
    """swagger-cli and redocly installed into cache/tools; their paths."""
    bin_dir = os.path.join(cache, "tools", "node_modules", ".bin")
    want = {"swagger-cli": "@apidevtools/swagger-cli", "redocly": "@redocly/cli"}
    missing = [p for b, p in want.items() if not os.path.exists(os.path.join(bin_dir, b))]
    if missing and shutil.which("npm"):
        try:
            subprocess.run(["npm", "install", "--prefix", os.path.join(cache, "tools"),
                            "--no-audit", "--no-fund", "--silent", "--cache",
                            os.path.join(cache, "npm")] + missing, capture_output=True,
                           timeout=600)
        except (OSError, subprocess.SubprocessError):
            pass
    return {b: os.path.join(bin_dir, b) for b in want
            if os.path.exists(os.path.join(bin_dir, b))}


def github_rows(a, oac, raw, cache):
    if not shutil.which("npm") or not npm_pack(cache, "@octokit/openapi", "octokit"):
        out("github spec", None, "npm registry not reachable", None)
        return
    gh = os.path.join(cache, "octokit", "generated", "api.github.com.json")
    if not os.path.exists(gh):
        out("github spec", None, "no %s in the package" % gh, None)
        return
    cmds = {"oacheck": [oac, "--no-config", "--spec", gh], "yaml": [raw, "--raw", gh],
            "tree": [raw, "--tree", gh]}
    f = measure(cmds, a.runs)
    if f["oacheck"].status > 1 or f["yaml"].status or f["tree"].status:
        print("warning: github: exit status %d, %d, %d" % (
            f["oacheck"].status, f["yaml"].status, f["tree"].status), file=sys.stderr)
    out("github spec (13 MB)", f["oacheck"], "yaml raw", f["yaml"], target="<= 2.5x")
    out("  JSON reader, tree only", f["tree"], "yaml raw", f["yaml"], target="<= 0.5x")
    tools = npm_tools(cache)
    for name, cmd in (("swagger-cli", ["validate", gh]), ("redocly", ["lint", gh])):
        if name not in tools:
            out("  vs " + name, None, name + " not installed (npm)", None)
            continue
        g = measure({"t": [tools[name]] + cmd}, a.slow_runs)
        if g["t"].status:
            print("note: %s exits %d on it" % (name, g["t"].status), file=sys.stderr)
        out("  vs " + name, f["oacheck"], "%s (%d runs)" % (name, a.slow_runs), g["t"],
            target="floor / oacheck %.0fx (>= 30x)" % (g["t"].w / f["oacheck"].w))


def grow_rows(a, oac, rw):
    k8s = os.path.join(rw, "k8s-c")
    if not os.path.isdir(os.path.join(k8s, "model")):
        out("grow", None, "no %s/model" % k8s, None)
        return
    work = tempfile.mkdtemp()
    try:
        base = None
        for n in a.factors:
            d = os.path.join(work, "x%d" % n)
            subprocess.run([sys.executable, os.path.join(SRC, "bench", "k8s_grow.py"), k8s, d,
                            str(n)], check=True)
            cmd = [oac, "--preset", "openapi-generator-c", "--spec", "swagger.json", "-I",
                   "include", "-I", "external", "model"]
            f = measure({"o": cmd}, a.runs, cwd=d)["o"]
            if f.status:
                print("warning: grow %dx: exit status %d" % (n, f.status), file=sys.stderr)
            base = base or f
            out("grow %2dx (%d hdrs)" % (n, len(os.listdir(os.path.join(d, "model")))), f,
                "1x of the same", base, ratio_to=base.w,
                target="<= 12x" if n == max(a.factors) else "")
            shutil.rmtree(d)
    finally:
        shutil.rmtree(work)


def timed(cmd, runs, cwd, before):
    """Like measure() for one command, calling before() ahead of each run
    (no warm-up: a cold cache is cold once)."""
    fig = Fig()
    for _ in range(runs):
        before()
        fig.add(run_once(cmd, cwd=cwd))
    return fig


def wire_rows(a, oac, rw):
    k8s = os.path.join(rw, "k8s-c")
    if not os.path.isdir(os.path.join(k8s, "model")):
        out("wire", None, "no %s/model" % k8s, None)
        return
    work = tempfile.mkdtemp()
    try:
        tree = os.path.join(work, "k8s-c")  # a copy: one .c is edited
        shutil.copytree(k8s, tree)
        for root, dirs, files in os.walk(tree):
            for x in dirs + files:
                os.chmod(os.path.join(root, x), 0o755 if x in dirs else 0o644)
        cache = os.path.join(work, "cache")
        srcs = sorted(os.path.join("model", x) for x in os.listdir(os.path.join(tree, "model"))
                      if x.endswith(".c"))
        check = [oac, "--no-config", "--preset", "openapi-generator-c", "--spec", "swagger.json",
                 "-I", "include", "-I", "external", "model", "--sources", "model",
                 "--cache-dir", cache]
        clang = ["clang-14", "-fsyntax-only", "-Iinclude", "-Iexternal", "-Imodel"] + srcs
        empty = lambda: shutil.rmtree(cache, ignore_errors=True)
        cold2 = timed(check + ["-j2"], a.slow_runs, tree, empty)
        cold1 = timed(check + ["-j1"], a.slow_runs, tree, empty)
        floor = measure({"c": clang}, a.slow_runs, cwd=tree)["c"]
        out("wire k8s-c cold -j2", cold2, "clang 719 .c (%d runs)" % a.slow_runs, floor,
            target="<= 1.2x")
        out("wire k8s-c cold -j1", cold1, "cold -j2", cold2, ratio_to=cold2.w,
            target="j1/j2 %.2fx (>= 1.6x)" % (cold1.w / cold2.w))
        one = os.path.join(tree, srcs[len(srcs) // 2])
        edits = [0]

        def touch():
            edits[0] += 1
            with open(one, "a") as f:
                f.write("/* edit %d */\n" % edits[0])
        run_once(check, cwd=tree)  # fill the cache
        changed = timed(check, a.runs, tree, touch)
        warm = timed(check, a.runs, tree, lambda: None)
        out("wire after one .c changed", changed, "cold -j2", cold2, ratio_to=cold2.w,
            target="<= 15%% of cold (%.1f%%)" % (100 * changed.w / cold2.w))
        out("wire, nothing changed", warm, "cold -j2", cold2, ratio_to=cold2.w)
    finally:
        shutil.rmtree(work)


def synthetic_rows(a, oac, raw):
    work = tempfile.mkdtemp()
    try:
        y, j = os.path.join(work, "spec.yaml"), os.path.join(work, "spec.json")
        subprocess.run([sys.executable, os.path.join(SRC, "bench", "gen_spec.py"), "10", y, j],
                       check=True, stdout=subprocess.DEVNULL)
        f = measure({"o": [oac, "--no-config", "--spec", y], "y": [raw, "--raw", y]}, a.runs)
        out("yaml-10mb spec", f["o"], "yaml raw", f["y"], target="<= 1.5x")
        h = os.path.join(work, "h")
        subprocess.run([sys.executable, os.path.join(SRC, "bench", "gen_headers.py"), h, "800"],
                       check=True, stdout=subprocess.DEVNULL)
        umb = os.path.join(work, "umbrella.c")
        with open(umb, "w") as fp:
            for x in sorted(os.listdir(h)):
                fp.write('#include "%s"\n' % os.path.join(h, x))
        spec = os.path.join(work, "empty.yaml")
        with open(spec, "w") as fp:
            fp.write('openapi: 3.0.3\ninfo: {title: b, version: "1"}\npaths: {}\n')
        f = measure({"o": [oac, "--no-config", "--spec", spec, "--dump-headers", h],
                     "c": ["clang-14", "-fsyntax-only", "-fparse-all-comments", "-std=c11",
                           umb]}, a.runs)
        out("annotated 800 hdrs", f["o"], "clang -fparse-all-comments", f["c"], target="")
    finally:
        shutil.rmtree(work)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build", nargs="?", default=".")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--slow-runs", type=int, default=5)
    ap.add_argument("--only", default="k8s,github,grow,wire,synthetic",
                    help="rows: k8s,github,grow,wire,synthetic (wire takes minutes)")
    ap.add_argument("--factors", default="1,2,5,10")
    a = ap.parse_args()
    a.factors = [int(x) for x in a.factors.split(",")]
    build = os.path.abspath(a.build)
    oac, raw = os.path.join(build, "oacheck"), os.path.join(build, "bench", "yaml_raw")
    rw = os.environ.get("OAC_REALWORLD") or os.path.join(SRC, "..", "shared", "realworld")
    cache = os.environ.get("OAC_BENCH_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"),
        "oacheck-bench")
    os.makedirs(cache, exist_ok=True)
    os.environ.setdefault("OACHECK_RULES_DIR", os.path.join(SRC, "rules"))
    load = open("/proc/loadavg").read().split()[0]
    print("oacheck bench: %d CPUs, load %s at start; wall and CPU s are medians of %d runs "
          "(slow tools %d), interleaved with the floor; MB is peak RSS" %
          (os.cpu_count(), load, a.runs, a.slow_runs))
    print(HEAD)
    print("-" * len(HEAD), flush=True)
    only = a.only.split(",")
    if "k8s" in only:
        k8s_rows(a, oac, raw, rw)
    if "github" in only:
        github_rows(a, oac, raw, cache)
    if "grow" in only:
        grow_rows(a, oac, rw)
    if "wire" in only:
        wire_rows(a, oac, rw)
    if "synthetic" in only:
        synthetic_rows(a, oac, raw)
    print("load at end: %s" % open("/proc/loadavg").read().split()[0])


if __name__ == "__main__":
    main()
