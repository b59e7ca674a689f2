#!/bin/sh
# tests/fix_roundtrip.sh - --fix on every rule that has a fix-it: the
# fixture of the rule (and fixtures/fix-dry-run, one finding of each kind)
# is copied to a temporary directory and fixed with --fail-on info; then
#  - the headers checked again show no fix-it (a second --fix applies
#    nothing and changes no byte), fix-dry-run's checks clean and compiles;
#  - files other than the headers given (the spec) are untouched;
#  - --fail-on error fixes no warning, and --fix-dry-run changes nothing.
set -u
: "${OACHECK:?}" "${OAC_FIXTURES:?}"
export NO_COLOR=1
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
CC=${CC:-cc}
check() { # NAME CONDITION...
	name=$1
	shift
	if "$@"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL - $name"
		sed 's/^/    /' "$tmp/err" "$tmp/out" 2>/dev/null | head -30
	fi
}
sums() { (cd "$1" && find . -type f | sort | xargs md5sum); }
fixits='note: (add member|change type|add annotation|rename member):'

for case in rule-missing-field rule-type-mismatch rule-int-width rule-float-precision \
	rule-string-capacity rule-name-style rule-extra-field-typo fix-dry-run; do
	d="$tmp/$case"
	cp -r "$OAC_FIXTURES/$case" "$d"
	args=$(sed 's/--fix-dry-run//; s/--fail-on [a-z]*//' "$d/cmd")
	# shellcheck disable=SC2086 # args is a list of arguments
	run() { (cd "$d" && "$OACHECK" --no-config $args "$@" >"$tmp/out" 2>"$tmp/err"); }
	sums "$d" | grep -v '\.h$' >"$tmp/other"
	sums "$d" >"$tmp/before"

	run --fail-on info --fix-dry-run
	check "$case: --fix-dry-run changes nothing" eval 'sums "$d" | cmp -s - "$tmp/before"'
	run --fail-on info --fix
	check "$case: --fix applies fixes" grep -q 'note: fixed: ' "$tmp/err"
	run --fail-on info
	check "$case: no fix-it left" eval '! grep -Eq "$fixits" "$tmp/out"'
	sums "$d" >"$tmp/after"
	run --fail-on info --fix
	check "$case: a second --fix fixes nothing" eval \
		'grep -q "applied 0 fixes in 0 files" "$tmp/err" && sums "$d" | cmp -s - "$tmp/after"'
	check "$case: only the headers changed" eval 'sums "$d" | grep -v "\.h\$" | cmp -s - "$tmp/other"'
done

d="$tmp/fix-dry-run"
check "fix-dry-run: fixed, it checks clean" eval \
	'(cd "$d" && "$OACHECK" --no-config --fail-on info --spec openapi.yaml include) >"$tmp/out" 2>"$tmp/err"'
check "fix-dry-run: the fixed header compiles as C11" \
	$CC -std=c11 -pedantic -Werror -fsyntax-only "$d/include/gadget.h"

d="$tmp/levels"
cp -r "$OAC_FIXTURES/rule-string-capacity" "$d"
(cd "$d" && "$OACHECK" --no-config --fix --spec openapi.yaml include) >"$tmp/out" 2>"$tmp/err"
check "--fail-on error: the errors fixed, the warning left" eval '
	grep -q "applied 3 fixes in 1 file" "$tmp/err" &&
	grep -q "char serial\[16\];" "$d/include/device.h" && grep -q "char name\[33\];" "$d/include/device.h"'
(cd "$d" && "$OACHECK" --no-config --fix --fail-on never --spec openapi.yaml include) >"$tmp/out" 2>"$tmp/err"
check "--fail-on never: nothing fixed" grep -q "applied 0 fixes in 0 files" "$tmp/err"

echo "$pass passed, $fail failed"
[ $fail = 0 ]
