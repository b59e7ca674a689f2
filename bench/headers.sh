#!/bin/sh
# bench/headers.sh - header walking against clang -fsyntax-only (SPEC §13:
# within 1.0x), on 800 generated headers in one translation unit.
# Usage: bench/headers.sh [BUILDDIR] [N]   (BUILDDIR holds oacheck, liboac.a)
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-.}" && pwd)
n=${2:-800}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$src/bench/gen_headers.py" "$tmp/h" "$n"
for f in "$tmp"/h/*.h; do echo "#include \"$f\""; done >"$tmp/umbrella.c"
printf 'openapi: 3.0.3\ninfo: {title: b, version: "1"}\npaths: {}\n' >"$tmp/spec.yaml"
cc -O2 -I"$src/src" -I"$build" -I"$(llvm-config-14 --includedir)" \
	"$src/bench/hdr_bench.c" "$build/liboac.a" \
	-L"$(llvm-config-14 --libdir)" -lclang -lyaml -ljansson -lpthread -lm -o "$tmp/hdr_bench"

echo "== $n headers, $(cat "$tmp"/h/*.h | wc -c) bytes, $(nproc) CPUs, load $(cut -d' ' -f1 /proc/loadavg)"
# whole processes, interleaved so that a busy machine slows both alike;
# then hdr_load in one process, libclang loaded once (SPEC §13)
python3 - "$tmp" "$build/oacheck" <<'PY'
import statistics, subprocess, sys, time
tmp, oac = sys.argv[1], sys.argv[2]
runs = {"clang": ["clang", "-fsyntax-only", "-std=c11", tmp + "/umbrella.c"],
        "oacheck": [oac, "--spec", tmp + "/spec.yaml", "--dump-headers", "-j1", tmp + "/h"]}
times = {k: [] for k in runs}
for i in range(13):
    for k, cmd in runs.items():
        t0 = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
        if i >= 2:
            times[k].append((time.perf_counter() - t0) * 1000)
clang = statistics.median(times["clang"])
oacp = statistics.median(times["oacheck"])
out = subprocess.run([tmp + "/hdr_bench", "9"] + sorted(
    tmp + "/h/" + f for f in __import__("os").listdir(tmp + "/h")),
    capture_output=True, text=True, check=True).stdout
inproc = float(out)
print("clang -fsyntax-only umbrella (process)  %7.1f ms" % clang)
print("oacheck --dump-headers (process)        %7.1f ms  ratio %.2fx" % (oacp, oacp / clang))
print("hdr_load, libclang loaded once          %7.1f ms  ratio %.2fx" % (inproc, inproc / clang))
PY
