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

echo "== $n headers, $(cat "$tmp"/h/*.h | wc -c) bytes"
# in one process, libclang loaded once: parse + walk + comments
inproc=$("$tmp/hdr_bench" 9 "$tmp"/h/*.h)
# whole processes, side by side
hyperfine -N -w 2 -r 10 --export-json "$tmp/hf.json" \
	"clang -fsyntax-only -std=c11 $tmp/umbrella.c" \
	"$build/oacheck --spec $tmp/spec.yaml --dump-headers -j1 $tmp/h" >/dev/null
python3 - "$tmp/hf.json" "$inproc" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
clang, oac = (x["median"] * 1000 for x in r)
inproc = float(sys.argv[2])
print("clang -fsyntax-only (process)        %7.1f ms" % clang)
print("oacheck --dump-headers (process)     %7.1f ms  ratio %.2fx" % (oac, oac / clang))
print("hdr_load in process (libclang loaded) %6.1f ms  ratio %.2fx" % (inproc, inproc / clang))
PY
