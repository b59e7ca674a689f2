#!/bin/sh
# tests/spec_sweep.sh - real data for the spec loader: every document of
# the npm package @readme/oas-examples (Swagger 2.0, OpenAPI 3.0 and 3.1, in
# YAML and JSON) must load and check without a crash or a sanitizer report,
# and every valid one without exit 3. The package is fetched with
# `npm pack` by tests/oas_examples.sh into a cache directory (never
# committed); without npm or a reachable registry the test is skipped
# (exit 77).
# Environment: OACHECK (the binary), OAC_SWEEP_CACHE (default
# $XDG_CACHE_HOME/oacheck-sweep or ~/.cache/oacheck-sweep).
set -u
: "${OACHECK:?set OACHECK to the oacheck binary}"
pkg=@readme/oas-examples
version=8.2.2

# Documents that are invalid on purpose (exit 3 expected), one per line.
invalid=""

dir=$(sh "$(dirname "$0")/oas_examples.sh")
rc=$?
[ $rc = 0 ] || exit $rc

out=$(mktemp -d) || exit 99
trap 'rm -rf "$out"' EXIT
export NO_COLOR=1
n=0 bad=0
for f in $(cd "$dir" && find 2.0 3.0 3.1 -name '*.json' -o -name '*.yaml' | sort); do
	n=$((n + 1))
	# the spec-only check loads the model and runs the checker over it
	(cd "$dir" && "$OACHECK" --spec "$f" >"$out/out" 2>"$out/err")
	rc=$?
	why=
	if [ $rc -ge 128 ]; then
		why="crashed (status $rc)"
	elif grep -q 'Sanitizer\|runtime error:' "$out/err"; then
		why="sanitizer report"
	elif [ $rc = 3 ] && ! echo "$invalid" | grep -qx "$f"; then
		why="refused a valid document"
	elif [ $rc = 2 ] || [ $rc -gt 3 ]; then
		why="unexpected status $rc"
	fi
	if [ -n "$why" ]; then
		bad=$((bad + 1))
		echo "FAIL - $f: $why"
		sed 's/^/    /' "$out/err" | head -5
	fi
done
echo "$n documents of $pkg@$version, $bad failures"
[ $n -gt 100 ] && [ $bad = 0 ]
