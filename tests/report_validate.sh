#!/bin/sh
# tests/report_validate.sh - every format on every checking fixture, offline:
# json against docs/oacheck-report.schema.json (python3-jsonschema) with
# counts and coverage equal to the text summary's; junit well-formed
# (xmllint) with one testcase per schema and one failure per finding;
# github one workflow command per finding; sarif one result per finding;
# and every format byte-identical on a second run (deterministic). The
# reports come from tests/report_gen.sh (once for this and
# tests/sarif_validate.sh); the schema is checked by one python3 for all,
# the json and sarif figures read by one jq each.
# Exit 77 without jq or xmllint.
set -u
: "${OACHECK:?}" "${OAC_FIXTURES:?}"
top=$(cd "$OAC_FIXTURES/.." && pwd)
export NO_COLOR=1
command -v jq >/dev/null && command -v xmllint >/dev/null ||
	{ echo "SKIP: jq or xmllint not installed"; exit 77; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
. "$top/tests/report_cases.sh"

formats="text json sarif junit github"
report_outputs || exit 1
report_statuses "1 2" $formats || exit 1
r="$reports/2"

have_jsonschema=0
python3 -c 'import jsonschema' 2>/dev/null && have_jsonschema=1
[ $have_jsonschema = 1 ] || echo "note: python3-jsonschema missing, json schema not checked here"

fail=0
bad() {
	fail=1
	echo "FAIL - $c: $*"
}
# Every json report against the schema: "INVALID: FILE" and the error
# for each that is not valid.
json_schema() { # FILE...
	python3 - "$top/docs/oacheck-report.schema.json" "$@" <<'PY'
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft7Validator.check_schema(schema)
validator = jsonschema.Draft7Validator(schema)
for f in sys.argv[2:]:
    try:
        validator.validate(json.load(open(f)))
    except Exception as e:
        print("INVALID: %s\n%s" % (f, e))
PY
}
# The text summary's figures, in the order of the json query below.
text_figures() {
	grep -E '^coverage: ' "$1" | grep -oE '[0-9]+/[0-9]+ [a-z]+ \([0-9.]+%\)' | tr '/(%)' '   ' |
		awk '{printf "%s %s %s ", $1, $2, $4}'
	grep -E '^[0-9]+ errors?, ' "$1" | grep -oE '[0-9]+' | tr '\n' ' '
}
# Of each json report: its findings, whether the counts add up, the
# per-schema rows plus one for findings of no schema in scope (nor of an
# inline one inside it, "Pet.x"), then the figures of text_figures.
json_facts='(.findings | length) as $n |
	(.counts.error + .counts.warning + .counts.info == $n and
		([.findings[] | select(.level == "error")] | length) == .counts.error) as $sum |
	(.coverage.per_schema | length) as $rows |
	([.coverage.per_schema[].schema] as $rows | [.findings[] | .schema as $s |
		select($s == null or ([$rows[] | . as $r | select($s == $r or ($s | startswith($r + ".")))] | length) == 0)] |
		length) as $other |
	.coverage as $c | [$n, $sum, $rows + (if $other > 0 then 1 else 0 end),
		$c.schemas.bound, $c.schemas.total, $c.schemas.percent,
		$c.properties.matched, $c.properties.total, $c.properties.percent,
		$c.members.matched, $c.members.total, $c.members.percent,
		.counts.error, .counts.warning, .counts.info] | map(tostring) | join(" ")'
# shellcheck disable=SC2086
(cd "$r" && jq_each "$json_facts" $(printf '%s.json ' $cases)) >"$tmp/json.facts"
# shellcheck disable=SC2086
(cd "$r" && jq_each '.runs[0].results | length' $(printf '%s.sarif ' $cases)) >"$tmp/sarif.facts"
: >"$tmp/js.out"
# shellcheck disable=SC2086
[ $have_jsonschema = 0 ] || (cd "$r" && json_schema $(printf '%s.json ' $cases)) >"$tmp/js.out" 2>&1 ||
	{ echo "FAIL - the json schema check did not run"; cat "$tmp/js.out"; exit 1; }

for c in $cases; do
	for fmt in $formats; do
		cmp -s "$reports/1/$c.$fmt" "$r/$c.$fmt" || bad "$fmt differs between two runs"
	done
	set -- $(sed -n "s/^$c\\.json //p" "$tmp/json.facts")
	[ $# -gt 1 ] || { bad "json does not parse"; continue; }
	n=$1 sum=$2 rows=$3
	shift 3
	if grep -q "^INVALID: $c\\.json\$" "$tmp/js.out"; then
		bad "json schema"
		awk -v f="INVALID: $c.json" '$0 == f { p = 1; next } /^INVALID: / { p = 0 } p' "$tmp/js.out"
	fi
	[ "$sum" = true ] || bad "json counts do not add up"
	want=$(text_figures "$r/$c.text" | sed 's/\.0 / /g; s/ $//')
	got=$(echo "$* " | sed 's/\.0 / /g; s/ $//')
	[ "$want" = "$got" ] || bad "json figures '$got', text '$want'"
	x="$r/$c.junit"
	if junit=$(xmllint --xpath 'concat(count(//failure), " ", count(//testcase))' "$x"); then
		[ "${junit% *}" = "$n" ] || bad "junit failures != $n findings"
		[ "${junit#* }" = "$rows" ] || bad "junit testcases != $rows"
	else
		bad "junit is not well-formed"
	fi
	[ "$(grep -cE '^::(error|warning|notice)( file=[^,:]+(,line=[0-9]+(,col=[0-9]+)?)?,| )title=[a-z-]+::.' "$r/$c.github")" = "$n" ] ||
		bad "github commands != $n findings"
	[ "$(sed -n "s/^$c\\.sarif //p" "$tmp/sarif.facts")" = "$n" ] || bad "sarif results != $n findings"
	[ $fail = 0 ] && echo "ok - $c"
done
[ $fail = 0 ] && echo "$(echo $cases | wc -w) passed, 0 failed"
exit $fail
