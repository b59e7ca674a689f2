#!/bin/sh
# tests/emit_roundtrip.sh - for every schema of every spec among the
# fixtures, --emit-struct must print C that then checks clean against that
# spec: no error, no warning, exit 0.
set -u
: "${OACHECK:?}" "${OAC_FIXTURES:?}"
export NO_COLOR=1
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
for spec in "$OAC_FIXTURES"/*/openapi.yaml "$OAC_FIXTURES"/*/swagger.yaml; do
	[ -f "$spec" ] || continue
	"$OACHECK" --no-config --spec "$spec" --dump-spec >"$tmp/dump" 2>/dev/null || continue
	# a spec with its own errors (dangling $ref...) cannot check clean
	grep -q '^issue ' "$tmp/dump" && continue
	for s in $(sed -n 's/^schema \([^ ]*\) .*/\1/p' "$tmp/dump"); do
		if ! "$OACHECK" --no-config --spec "$spec" --emit-struct "$s" >"$tmp/e.h" 2>"$tmp/err"; then
			echo "FAIL - emit $s of $spec"; cat "$tmp/err"; fail=$((fail + 1)); continue
		fi
		"$OACHECK" --no-config --spec "$spec" --schema "$s" "$tmp/e.h" >"$tmp/out" 2>&1
		st=$?
		if [ $st = 0 ] && grep -q '^0 errors, 0 warnings' "$tmp/out"; then
			pass=$((pass + 1))
		else
			echo "FAIL - $s of $spec (exit $st)"; sed 's/^/    /' "$tmp/e.h" "$tmp/out"
			fail=$((fail + 1))
		fi
	done
done
echo "$pass passed, $fail failed"
[ $fail = 0 ] && [ $pass -gt 0 ]
