#!/bin/sh
# bench/wire.sh - the wire check against clang -fsyntax-only (issue 11:
# within 1.2x) on the Kubernetes C client's 719 model .c files: clang as
# one process over all of them, then oacheck checking the same files
# (--sources, with the 720 headers and the 7 MB spec: the whole run) and
# the time of its sources stage alone (OACHECK_TIMING). Wall-clock medians
# of interleaved runs, and CPU seconds, which a busy machine disturbs less.
# The inputs are ../shared/realworld/k8s-c beside the source tree (or
# $OAC_REALWORLD/k8s-c); without them the bench says so and stops.
# Usage: bench/wire.sh [BUILDDIR] [RUNS]
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-.}" && pwd)
runs=${2:-3}
k8s=${OAC_REALWORLD:-$src/../shared/realworld}/k8s-c
if [ ! -d "$k8s/model" ]; then
	echo "== wire: no $k8s/model here, skipped"
	exit 0
fi
echo "== wire: $(ls "$k8s"/model/*.c | wc -l) .c files of k8s-c, $(nproc) CPUs, load $(cut -d' ' -f1 /proc/loadavg)"
cd "$k8s"
python3 - "$build/oacheck" "$runs" <<'PY'
import glob, os, resource, statistics, subprocess, sys, time
oac, runs = sys.argv[1], int(sys.argv[2])
srcs = sorted(glob.glob("model/*.c"))
cmds = {
    "clang": ["clang", "-fsyntax-only", "-Iinclude", "-Iexternal", "-Imodel"] + srcs,
    "oacheck": [oac, "--preset", "openapi-generator-c", "--spec", "swagger.json",
                "-I", "include", "-I", "external", "model", "--sources", "model"],
}
wall = {k: [] for k in cmds}
cpu = {k: [] for k in cmds}
stage = []
env = dict(os.environ, OACHECK_TIMING="1")
for i in range(runs):
    for k, cmd in cmds.items():
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
                           text=True)
        wall[k].append(time.perf_counter() - t0)
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu[k].append(r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime)
        for line in p.stderr.splitlines():
            if "sources" in line and "ms" in line:
                stage.append(float(line.split()[-2]) / 1000)
c, o = statistics.median(wall["clang"]), statistics.median(wall["oacheck"])
cc, oc = statistics.median(cpu["clang"]), statistics.median(cpu["oacheck"])
print("clang -fsyntax-only, one process     %7.2f s wall %7.2f s cpu" % (c, cc))
print("oacheck --sources (whole check)      %7.2f s wall %7.2f s cpu  ratio %.2fx wall, %.2fx cpu"
      % (o, oc, o / c, oc / cc))
if stage:
    s = statistics.median(stage)
    print("  of which the sources stage         %7.2f s wall              ratio %.2fx" % (s, s / c))
PY
