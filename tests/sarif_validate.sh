#!/bin/sh
# tests/sarif_validate.sh - the sarif format against the SARIF 2.1.0 JSON
# schema, and the json format against docs/oacheck-report.schema.json,
# both with ajv. The schema (Microsoft's, shipped in @microsoft/jest-sarif)
# and ajv come from the npm registry the first time into a cache directory
# outside the tree (OAC_SWEEP_CACHE, as tests/oas_examples.sh); nothing
# third-party is kept in the tree. Exit 77 (skip) without node/npm or when
# the registry cannot be reached. Beyond the schema it checks what
# GitHub code scanning needs: a located result per finding, relative URIs,
# known rule ids and fingerprints. The reports come from
# tests/report_gen.sh; one node validates all of a format, one jq reads
# all sarif reports.
set -u
: "${OACHECK:?}" "${OAC_FIXTURES:?}"
top=$(cd "$OAC_FIXTURES/.." && pwd)
export NO_COLOR=1
command -v node >/dev/null && command -v npm >/dev/null && command -v jq >/dev/null ||
	{ echo "SKIP: node, npm or jq not installed"; exit 77; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
. "$top/tests/report_cases.sh"

cache=${OAC_SWEEP_CACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/oacheck-sweep}
mods="$cache/ajv-8-draft04-1-formats-3"
sarifpkg="$cache/jest-sarif-1.0.0-beta.0"
npm_get() { # DIR NPM-ARGS...: quietly, with short timeouts, into a fresh DIR
	dir=$1
	shift
	[ -d "$dir" ] && return
	mkdir -p "$cache" && new=$(mktemp -d "$cache/fetch.XXXXXX") || return 1
	if (cd "$new" && timeout 300 npm "$@" --no-audit --no-fund --fetch-retries=1 \
		--fetch-timeout=30000 --cache "$cache/npm" >>"$tmp/npm.log" 2>&1) &&
		for t in "$new"/*.tgz; do [ ! -f "$t" ] || tar -xzf "$t" -C "$new" || { rm -rf "$new"; return 1; }; done; then
		# a cache another test filled meanwhile is as good
		mv -T "$new" "$dir" 2>/dev/null || [ -d "$dir" ] || { rm -rf "$new"; return 1; }
		rm -rf "$new"
	else
		rm -rf "$new"
		return 1
	fi
}
if ! npm_get "$mods" install --prefix . ajv@8 ajv-draft-04@1 ajv-formats@3 ||
	! npm_get "$sarifpkg" pack @microsoft/jest-sarif@1.0.0-beta.0; then
	sed 's/^/  npm: /' "$tmp/npm.log" | tail -5
	echo "SKIP: the npm registry cannot be reached"
	exit 77
fi
schema=$(find "$sarifpkg/package" -name 'sarif-2.1.0*.json' | head -n 1)
[ -n "$schema" ] || { echo "FAIL - no SARIF schema in the package"; exit 1; }
export NODE_PATH="$mods/node_modules"

report_outputs || exit 1
report_statuses 1 sarif json || exit 1
r="$reports/1"
fail=0
validate() { # SCHEMA FILE...: the invalid ones in $tmp/invalid
	node "$top/tests/schema_validate.js" "$@" >"$tmp/v.out" 2>&1 || {
		fail=1
		cat "$tmp/v.out"
	}
	sed -n 's|^INVALID: .*/||p' "$tmp/v.out" >>"$tmp/invalid"
}
: >"$tmp/invalid"
# shellcheck disable=SC2086
validate "$schema" $(printf "$r/%s.sarif " $cases)
# shellcheck disable=SC2086
validate "$top/docs/oacheck-report.schema.json" $(printf "$r/%s.json " $cases)
# every finding a result, each located, relative, with a known rule
# and a fingerprint (what code scanning needs to place and track it)
# shellcheck disable=SC2086
(cd "$r" && jq_each '(.findings | length)' $(printf '%s.json ' $cases)) >"$tmp/json.n"
# shellcheck disable=SC2086
(cd "$r" && jq_each '.runs[0] as $r | ($r.tool.driver.rules | map(.id)) as $ids |
		"\($r.results | length) \(all($r.results[];
		  (.ruleId as $id | $ids | index($id)) != null and
		  (.level | IN("error", "warning", "note")) and
		  (.message.text | length) > 0 and
		  (.locations[0].physicalLocation.artifactLocation.uri | startswith("file:") | not) and
		  .locations[0].physicalLocation.region.startLine >= 1 and
		  (.partialFingerprints["oacheck/v1"] | test("^[0-9a-f]{16}$"))))"' \
	$(printf '%s.sarif ' $cases)) >"$tmp/sarif.facts"
for c in $cases; do
	grep -qx "$c\\.\\(sarif\\|json\\)" "$tmp/invalid" && fail=1
	n=$(sed -n "s/^$c\\.json //p" "$tmp/json.n")
	[ "$(sed -n "s/^$c\\.sarif //p" "$tmp/sarif.facts")" = "$n true" ] || {
		fail=1
		echo "FAIL - $c: sarif results do not match the json findings or lack what GitHub needs"
	}
	[ $fail = 0 ] && echo "ok - $c"
done
[ $fail = 0 ] && echo "$(echo $cases | wc -w) passed, 0 failed"
exit $fail
