#!/bin/sh
# tests/report_gen.sh - the reports that tests/report_validate.sh and
# tests/sarif_validate.sh read, made once for both (make check runs it
# before them): every format (text json sarif junit github) of every
# fixture case that checks something (tests/report_cases.sh), written
# with -o twice, to OUT/1/CASE.FMT and OUT/2/CASE.FMT (the tests compare
# the two: the output is deterministic), each with FILE.err (standard
# error) and FILE.rc (exit status); OUT/cases lists the cases and OUT/done
# is written last. OAC_JOBS cases (default 2) run at a time. It exits 0
# whatever oacheck did: the tests judge the statuses.
# Usage: report_gen.sh OUT   Environment: OACHECK, OAC_FIXTURES.
set -u
: "${OACHECK:?}" "${OAC_FIXTURES:?}"
export NO_COLOR=1
if [ "${1:-}" = --case ]; then # --case OUT CASE: one case, for xargs below
	out=$2 c=$3
	args=$(cat "$OAC_FIXTURES/$c/cmd")
	for run in 1 2; do
		for fmt in text json sarif junit github; do
			f="$out/$run/$c.$fmt"
			(cd "$OAC_FIXTURES/$c" && eval "\"\$OACHECK\" $args -f $fmt -o \"\$f\"" </dev/null 2>"$f.err")
			echo $? >"$f.rc"
		done
	done
	exit 0
fi
out=${1:?usage: report_gen.sh OUT}
top=$(cd "$OAC_FIXTURES/.." && pwd)
. "$top/tests/report_cases.sh"
rm -rf "$out" && mkdir -p "$out/1" "$out/2" || exit 99
report_select
printf '%s\n' $cases >"$out/cases"
printf '%s\n' $cases | xargs -P "${OAC_JOBS:-2}" -I '{}' sh "$0" --case "$out" '{}' || exit 99
: >"$out/done"
