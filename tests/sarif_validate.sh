#!/bin/sh
# tests/sarif_validate.sh - the sarif format against the SARIF 2.1.0 JSON
# schema, and the json format against docs/oacheck-report.schema.json,
# both with ajv. The schema (Microsoft's, shipped in @microsoft/jest-sarif)
# and ajv come from the npm registry at test time into a temporary
# directory; nothing third-party is kept. Exit 77 (skip) without node/npm
# or when the registry cannot be reached. Beyond the schema it checks what
# GitHub code scanning needs: a located result per finding, relative URIs,
# known rule ids and fingerprints.
set -u
: "${OACHECK:?}" "${OAC_FIXTURES:?}"
top=$(cd "$OAC_FIXTURES/.." && pwd)
export NO_COLOR=1
command -v node >/dev/null && command -v npm >/dev/null && command -v jq >/dev/null ||
	{ echo "SKIP: node, npm or jq not installed"; exit 77; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
. "$top/tests/report_cases.sh"

npm_get() { # quietly, with short timeouts: an unreachable registry is a skip
	(cd "$tmp" && timeout 300 npm "$@" --no-audit --no-fund --fetch-retries=1 \
		--fetch-timeout=30000 >>"$tmp/npm.log" 2>&1)
}
mkdir "$tmp/npm" "$tmp/pkg"
if ! npm_get install --prefix "$tmp/npm" ajv@8 ajv-draft-04@1 ajv-formats@3 ||
	! npm_get pack --pack-destination "$tmp/pkg" @microsoft/jest-sarif@1.0.0-beta.0; then
	sed 's/^/  npm: /' "$tmp/npm.log" | tail -5
	echo "SKIP: the npm registry cannot be reached"
	exit 77
fi
tar -xzf "$tmp"/pkg/*.tgz -C "$tmp/pkg" || exit 99
schema=$(find "$tmp/pkg/package" -name 'sarif-2.1.0*.json' | head -n 1)
[ -n "$schema" ] || { echo "FAIL - no SARIF schema in the package"; exit 1; }
export NODE_PATH="$tmp/npm/node_modules"

report_cases sarif json || exit 1
fail=0
validate() { # SCHEMA FILE...
	node "$top/tests/schema_validate.js" "$@" >"$tmp/v.out" 2>&1 || {
		fail=1
		cat "$tmp/v.out"
	}
}
for c in $cases; do
	validate "$schema" "$tmp/$c.sarif"
	validate "$top/docs/oacheck-report.schema.json" "$tmp/$c.json"
	# every finding a result, each located, relative, with a known rule
	# and a fingerprint (what code scanning needs to place and track it)
	n=$(jq '.findings | length' "$tmp/$c.json")
	jq -e --argjson n "$n" '.runs[0] as $r | ($r.tool.driver.rules | map(.id)) as $ids |
		($r.results | length) == $n and all($r.results[];
		  (.ruleId as $id | $ids | index($id)) != null and
		  (.level | IN("error", "warning", "note")) and
		  (.message.text | length) > 0 and
		  (.locations[0].physicalLocation.artifactLocation.uri | startswith("file:") | not) and
		  .locations[0].physicalLocation.region.startLine >= 1 and
		  (.partialFingerprints["oacheck/v1"] | test("^[0-9a-f]{16}$")))' \
		"$tmp/$c.sarif" >/dev/null || {
		fail=1
		echo "FAIL - $c: sarif results do not match the json findings or lack what GitHub needs"
	}
	[ $fail = 0 ] && echo "ok - $c"
done
[ $fail = 0 ] && echo "$(echo $cases | wc -w) passed, 0 failed"
exit $fail
