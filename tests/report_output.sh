#!/bin/sh
# tests/report_output.sh - -o FILE is atomic: a run that fails (missing
# spec, missing header, unwritable place) leaves an existing report as it
# was and no temporary file behind; a run that checks replaces it whole,
# with the same bytes as standard output and an ordinary file mode, also
# when the check finds errors (exit 1: CI uploads that report).
set -u
: "${OACHECK:?}" "${OAC_FIXTURES:?}"
export NO_COLOR=1
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
umask 022
pass=0 fail=0
check() { # NAME CONDITION...
	name=$1
	shift
	if "$@"; then
		pass=$((pass + 1))
		echo "ok - $name"
	else
		fail=$((fail + 1))
		echo "FAIL - $name"
		sed 's/^/    /' "$tmp/err"
	fi
}
only_report() { [ "$(ls -A "$tmp/out")" = "report.json" ]; }
old() { [ "$(cat "$tmp/out/report.json")" = "old report" ]; }
status() { [ "$rc" = "$1" ]; }
run() { # ARGS... (in the fixtures directory)
	(cd "$OAC_FIXTURES" && "$OACHECK" "$@" >"$tmp/stdout" 2>"$tmp/err")
	rc=$?
}

mkdir "$tmp/out"
for fmt in text json sarif junit github; do
	printf 'old report\n' >"$tmp/out/report.json"
	run --spec nope.yaml petstore/include -f $fmt -o "$tmp/out/report.json"
	check "missing spec, $fmt: exit 3, old file kept, no temporary" \
		eval 'status 3 && old && only_report && grep -q "nope.yaml: error: cannot read" "$tmp/err"'
done

run --spec petstore/openapi.yaml nope/none.h -f json -o "$tmp/out/report.json"
check "missing header: exit 3, old file kept, no temporary" eval 'status 3 && old && only_report'

# a write that fails half-way: the file size limit (SIGXFSZ ignored, so
# write() fails with EFBIG) stops the sarif report after 512 bytes
printf 'old report\n' >"$tmp/out/report.json"
(
	trap '' XFSZ
	ulimit -f 1 && run --spec petstore/openapi.yaml petstore/include -f sarif -o "$tmp/out/report.json"
	echo $rc >"$tmp/rc"
)
rc=$(cat "$tmp/rc")
rm "$tmp/rc"
check "write fails half-way: exit 3, old file kept, no temporary" \
	eval 'status 3 && old && only_report && grep -q "cannot write report: File too large" "$tmp/err"'

run --spec petstore/openapi.yaml petstore/include -o "$tmp/none/report.json"
check "missing directory: exit 3 with a message" \
	eval 'status 3 && [ ! -e "$tmp/none" ] && grep -q "report.json: error: cannot write report" "$tmp/err"'

run --spec petstore/openapi.yaml type-mismatch/include/pet.h -f json -o "$tmp/out/report.json"
check "findings: exit 1, report replaced whole" \
	eval 'status 1 && only_report && jq -e ".counts.error == 2" "$tmp/out/report.json" >/dev/null'
run --spec petstore/openapi.yaml type-mismatch/include/pet.h -f json
check "-o writes what standard output shows" cmp -s "$tmp/stdout" "$tmp/out/report.json"
check "the report's mode follows the umask (0644)" \
	eval '[ "$(stat -c %a "$tmp/out/report.json")" = 644 ]'

run --spec petstore/openapi.yaml petstore/include -f sarif -o -
check "-o - writes to standard output" eval 'status 0 && jq -e ".version == \"2.1.0\"" "$tmp/stdout" >/dev/null'

echo "$pass passed, $fail failed"
[ $fail = 0 ]
