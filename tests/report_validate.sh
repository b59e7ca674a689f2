#!/bin/sh
# tests/report_validate.sh - every format on every checking fixture, offline:
# json against docs/oacheck-report.schema.json (python3-jsonschema) with
# counts and coverage equal to the text summary's; junit well-formed
# (xmllint) with one testcase per schema and one failure per finding;
# github one workflow command per finding; sarif one result per finding;
# and every format byte-identical on a second run (deterministic).
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
report_cases $formats || exit 1
mkdir "$tmp/first" && mv "$tmp"/*.* "$tmp/first/"
report_cases $formats || exit 1

have_jsonschema=0
python3 -c 'import jsonschema' 2>/dev/null && have_jsonschema=1
[ $have_jsonschema = 1 ] || echo "note: python3-jsonschema missing, json schema not checked here"

fail=0
bad() {
	fail=1
	echo "FAIL - $c: $*"
}
json_schema() {
	python3 - "$top/docs/oacheck-report.schema.json" "$1" <<'PY'
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft7Validator.check_schema(schema)
jsonschema.Draft7Validator(schema).validate(json.load(open(sys.argv[2])))
PY
}
# The text summary's figures, in the order of the json query below.
text_figures() {
	grep -E '^coverage: ' "$1" | grep -oE '[0-9]+/[0-9]+ [a-z]+ \([0-9.]+%\)' | tr '/(%)' '   ' |
		awk '{printf "%s %s %s ", $1, $2, $4}'
	grep -E '^[0-9]+ errors?, ' "$1" | grep -oE '[0-9]+' | tr '\n' ' '
}
json_figures() {
	jq -r '.coverage as $c | [$c.schemas.bound, $c.schemas.total, $c.schemas.percent,
		$c.properties.matched, $c.properties.total, $c.properties.percent,
		$c.members.matched, $c.members.total, $c.members.percent,
		.counts.error, .counts.warning, .counts.info] | map(tostring) | join(" ")' "$1"
}
for c in $cases; do
	for fmt in $formats; do
		cmp -s "$tmp/first/$c.$fmt" "$tmp/$c.$fmt" || bad "$fmt differs between two runs"
	done
	j="$tmp/$c.json"
	n=$(jq '.findings | length' "$j") || { bad "json does not parse"; continue; }
	[ $have_jsonschema = 0 ] || json_schema "$j" >"$tmp/js.err" 2>&1 || { bad "json schema"; cat "$tmp/js.err"; }
	jq -e '.counts.error + .counts.warning + .counts.info == (.findings | length) and
		([.findings[] | select(.level == "error")] | length) == .counts.error' "$j" >/dev/null ||
		bad "json counts do not add up"
	want=$(text_figures "$tmp/$c.text" | sed 's/\.0 / /g; s/ $//')
	got=$(json_figures "$j" | sed 's/\.0 / /g; s/ $//')
	[ "$want" = "$got" ] || bad "json figures '$got', text '$want'"
	x="$tmp/$c.junit"
	xmllint --noout "$x" || bad "junit is not well-formed"
	[ "$(xmllint --xpath 'count(//failure)' "$x")" = "$n" ] || bad "junit failures != $n findings"
	rows=$(jq '.coverage.per_schema | length' "$j")
	# findings of no schema in scope (nor of an inline one inside it, "Pet.x")
	other=$(jq '[.coverage.per_schema[].schema] as $rows | [.findings[] | .schema as $s |
		select($s == null or ([$rows[] | . as $r | select($s == $r or ($s | startswith($r + ".")))] | length) == 0)] |
		length' "$j")
	[ "$other" -gt 0 ] && rows=$((rows + 1))
	[ "$(xmllint --xpath 'count(//testcase)' "$x")" = "$rows" ] || bad "junit testcases != $rows"
	[ "$(grep -cE '^::(error|warning|notice)( file=[^,:]+(,line=[0-9]+(,col=[0-9]+)?)?,| )title=[a-z-]+::.' "$tmp/$c.github")" = "$n" ] ||
		bad "github commands != $n findings"
	[ "$(jq '.runs[0].results | length' "$tmp/$c.sarif")" = "$n" ] || bad "sarif results != $n findings"
	[ $fail = 0 ] && echo "ok - $c"
done
[ $fail = 0 ] && echo "$(echo $cases | wc -w) passed, 0 failed"
exit $fail
