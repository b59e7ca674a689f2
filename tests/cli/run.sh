#!/bin/sh
# tests/cli/run.sh - run the built oacheck on every fixtures/<case>/ that
# has a 'cmd' file and compare stdout, stderr and the exit status exactly
# with expected.out, expected.err (absent: empty) and expected.status
# (absent: 0). The command runs inside the case directory; 'stdin', if
# present, is its standard input. OAC_REGEN=1 rewrites the expected files.
# Usage: run.sh [CASE...]   (environment: OACHECK, OAC_FIXTURES)
set -u
: "${OACHECK:?set OACHECK to the oacheck binary}"
: "${OAC_FIXTURES:?set OAC_FIXTURES to the fixtures directory}"
export NO_COLOR=1
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
if [ $# -gt 0 ]; then cases="$*"; else cases=$(cd "$OAC_FIXTURES" && ls -d */ | tr -d /); fi
for c in $cases; do
	dir="$OAC_FIXTURES/$c"
	[ -f "$dir/cmd" ] || continue
	args=$(cat "$dir/cmd")
	input=/dev/null
	[ -f "$dir/stdin" ] && input="$dir/stdin"
	(cd "$dir" && eval "\"\$OACHECK\" $args" <"$input" >"$tmp/out" 2>"$tmp/err"; echo $? >"$tmp/status")
	if [ "${OAC_REGEN:-}" = 1 ]; then
		cp "$tmp/out" "$dir/expected.out"
		if [ -s "$tmp/err" ]; then cp "$tmp/err" "$dir/expected.err"; else rm -f "$dir/expected.err"; fi
		cp "$tmp/status" "$dir/expected.status"
	fi
	[ -f "$dir/expected.err" ] && cp "$dir/expected.err" "$tmp/want_err" || : >"$tmp/want_err"
	[ -f "$dir/expected.status" ] && cp "$dir/expected.status" "$tmp/want_status" || echo 0 >"$tmp/want_status"
	ok=1
	diff -u "$dir/expected.out" "$tmp/out" >"$tmp/d1" 2>&1 || ok=0
	diff -u "$tmp/want_err" "$tmp/err" >"$tmp/d2" 2>&1 || ok=0
	diff -u "$tmp/want_status" "$tmp/status" >"$tmp/d3" 2>&1 || ok=0
	if [ $ok = 1 ]; then
		pass=$((pass + 1))
		echo "ok - $c"
	else
		fail=$((fail + 1))
		echo "FAIL - $c ($args)"
		sed 's/^/    /' "$tmp/d1" "$tmp/d2" "$tmp/d3"
	fi
done
echo "$pass passed, $fail failed"
[ $fail = 0 ]
