#!/bin/sh
# bench/check.sh - the whole check: 720 generated annotated headers against
# a 7 MB generated spec (SPEC §13: under 0.5 s on 2 cores), side by side with
# clang -fsyntax-only on the same headers in one translation unit, and the
# linear-growth figure (10x the schemas and structs at most 12x the time).
# Also GitHub's 13 MB spec from the npm package @octokit/openapi when the
# registry can be reached (SPEC §13: under 0.3 s and 150 MB).
# usage: check.sh OACHECK WORKDIR
set -eu
oacheck=$1 work=$2
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$work"
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
# wall seconds of a command, median of 5 runs
timeit() {
	for i in 1 2 3 4 5; do
		/usr/bin/time -f "%e %M" "$@" >/dev/null 2>"$work/time.$i" || true
		tail -n 1 "$work/time.$i"
	done >"$work/times"
	t=$(cut -d' ' -f1 "$work/times" | median)
	m=$(cut -d' ' -f2 "$work/times" | median)
	echo "$t $m"
}
gen() { [ -f "$work/$1/openapi.yaml" ] || python3 "$here/gen.py" "$work/$1" "$2" "$3"; }
gen w720 720 7
gen w72 72 0.7
gen w7200 7200 70

umbrella() { for f in "$1"/include/*.h; do echo "#include \"$f\""; done >"$1/umbrella.h"; }
umbrella "$work/w720"

set -- $(timeit "$oacheck" --no-config --spec "$work/w720/openapi.yaml" "$work/w720/include")
check_t=$1 check_m=$2
set -- $(timeit clang-14 -fsyntax-only -x c-header -std=c11 "$work/w720/umbrella.h")
clang_t=$1
set -- $(timeit "$oacheck" --no-config --spec "$work/w72/openapi.yaml" "$work/w72/include")
small_t=$1
set -- $(timeit "$oacheck" --no-config --spec "$work/w7200/openapi.yaml" "$work/w7200/include")
big_t=$1 big_m=$2
OACHECK_TIMING=1 "$oacheck" --no-config --spec "$work/w720/openapi.yaml" "$work/w720/include" 2>"$work/stages" >/dev/null || true

echo "whole check, 720 headers + 7 MB spec:   ${check_t} s, ${check_m} KB max RSS (target < 0.5 s)"
sed 's/^timing:/  stage/' "$work/stages"
echo "clang -fsyntax-only, same 720 headers:  ${clang_t} s"
awk -v a="$check_t" -v b="$clang_t" 'BEGIN { printf "  whole check / clang -fsyntax-only:     %.2fx\n", a / b }'
echo "72 headers + 0.7 MB: ${small_t} s; 7200 headers + 70 MB: ${big_t} s, ${big_m} KB"
awk -v a="$big_t" -v b="$check_t" 'BEGIN { printf "  growth 720 -> 7200 (10x):              %.1fx (target <= 12x)\n", a / b }'

gh="$work/octokit/package/generated/api.github.com.json"
if [ ! -f "$gh" ]; then
	mkdir -p "$work/octokit"
	(cd "$work/octokit" && timeout 300 npm pack --silent @octokit/openapi >/dev/null 2>&1 &&
		tar xzf octokit-openapi-*.tgz) || true
fi
if [ -f "$gh" ]; then
	set -- $(timeit "$oacheck" --no-config --spec "$gh")
	echo "GitHub's spec (13 MB, @octokit/openapi), loaded and checked: $1 s, $2 KB (target < 0.3 s, 150 MB)"
else
	echo "GitHub's spec: skipped (npm registry not reachable)"
fi
