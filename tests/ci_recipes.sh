#!/bin/sh
# tests/ci_recipes.sh - the oacheck commands of the README's CI recipes
# (GitHub Actions with SARIF upload, GitLab with the JUnit report), run as
# the jobs would run them: from the root of a project whose .oacheck.yaml
# names its spec and headers, once where a header breaks the contract and
# once where it holds. The files they write are validated: SARIF (jq:
# version, one located result per finding with known rule ids), JUnit
# (xmllint, a failure per finding), and the annotations. Both recipes
# install oacheck with the same commands, from its Debian package (.ci/deb
# runs them on a fresh Debian 12). Exit 77 without jq or xmllint.
set -u
: "${OACHECK:?}" "${OAC_FIXTURES:?}"
top=$(cd "$OAC_FIXTURES/.." && pwd)
export NO_COLOR=1
command -v jq >/dev/null && command -v xmllint >/dev/null ||
	{ echo "SKIP: jq or xmllint not installed"; exit 77; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
jqt() { jq -e "$@" >/dev/null; }
check() { # NAME CONDITION...
	name=$1
	shift
	if "$@"; then
		pass=$((pass + 1))
		echo "ok - $name"
	else
		fail=$((fail + 1))
		echo "FAIL - $name"
		sed 's/^/    /' "$tmp/out"
	fi
}

# "run: oacheck ..." and "- oacheck ..." lines of the README's yaml blocks
awk '/^```yaml/ { y = 1; next } /^```/ { y = 0 } y' "$top/README.md" |
	sed -nE 's/^[[:space:]]*(- )?(run: )?(oacheck( .*)?)$/\3/p' >"$tmp/commands"
check "the README has the four recipe commands" eval '[ "$(wc -l <"$tmp/commands")" = 4 ]'
grep -q -- '--format sarif --output oacheck.sarif' "$tmp/commands" &&
	grep -q -- '--format junit --output oacheck-junit.xml' "$tmp/commands"
check "the recipes write oacheck.sarif and oacheck-junit.xml" eval '[ $? = 0 ]'

# the install commands: the GitHub step's "run: |" lines, GitLab's before_script
awk '/- name: Install oacheck/ { f = 1; next } f && /run: \|/ { r = 1; next }
	r && /^ *env:/ { exit } r { sub(/^ +/, ""); print }' "$top/README.md" >"$tmp/github"
awk '/^  before_script:/ { b = 1; next } b && !/^ +- / { exit } b { sub(/^ +- /, ""); print }' \
	"$top/README.md" >"$tmp/gitlab"
check "both recipes install the Debian package, with the same commands" eval '
	cmp -s "$tmp/github" "$tmp/gitlab" && grep -q "^apt-get install -y /tmp/oacheck.deb\$" "$tmp/github" &&
	grep -q "OACHECK_DEB_URL" "$tmp/github" && ! grep -qE "configure|make" "$tmp/github"'

project() { # DIR HEADER
	mkdir -p "$1/api" "$1/include"
	cp "$OAC_FIXTURES/petstore/openapi.yaml" "$1/api/"
	cp "$OAC_FIXTURES"/petstore/include/*.h "$1/include/"
	cp "$2" "$1/include/pet.h"
	printf 'spec: api/openapi.yaml\nheaders: [include]\n' >"$1/.oacheck.yaml"
}
run_job() { # DIR BROKEN(0/1)
	while IFS= read -r cmd; do
		(cd "$1" && OACHECK_BIN=$OACHECK sh -c "oacheck() { \"\$OACHECK_BIN\" \"\$@\"; }; $cmd") \
			>"$tmp/out" 2>&1 </dev/null
		rc=$?
		want=$2
		case $cmd in *"--fail-on never"*) want=0 ;; esac
		check "$(basename "$1"): '$cmd' exits $want" eval '[ $rc = $want ]'
		case $cmd in *--format\ github*) cp "$tmp/out" "$1/annotations" ;; esac
	done <"$tmp/commands"
}

project "$tmp/broken" "$OAC_FIXTURES/type-mismatch/include/pet.h"
run_job "$tmp/broken" 1
: >"$tmp/out"
cd "$tmp/broken" || exit 99
check "broken: oacheck.sarif is SARIF 2.1.0 with the two errors, located" jqt '
	.version == "2.1.0" and (.runs[0].tool.driver.rules | map(.id)) as $ids |
	(.runs[0].results | length) == 2 and all(.runs[0].results[];
	  .ruleId == "type-mismatch" and .level == "error" and ($ids | index("type-mismatch")) != null and
	  .locations[0].physicalLocation.artifactLocation.uri == "include/pet.h" and
	  .relatedLocations[0].physicalLocation.artifactLocation.uri == "api/openapi.yaml" and
	  (.partialFingerprints | length) == 1)' oacheck.sarif
check "broken: oacheck-junit.xml is well-formed with a failure per finding" eval '
	xmllint --noout oacheck-junit.xml &&
	[ "$(xmllint --xpath "count(//testcase)" oacheck-junit.xml)" = 6 ] &&
	[ "$(xmllint --xpath "count(//testcase[@name=\"Pet\"]/failure[@type=\"type-mismatch\"])" oacheck-junit.xml)" = 1 ] &&
	[ "$(xmllint --xpath "count(//failure)" oacheck-junit.xml)" = 2 ]'
check "broken: the annotations name the header and line" \
	grep -q '^::error file=include/pet.h,line=32,col=8,title=type-mismatch::' annotations

project "$tmp/good" "$OAC_FIXTURES/petstore/include/pet.h"
run_job "$tmp/good" 0
cd "$tmp/good" || exit 99
check "good: no results, no failures, no annotations" eval '
	jq -e ".runs[0].results == []" oacheck.sarif >/dev/null &&
	[ "$(xmllint --xpath "count(//failure)" oacheck-junit.xml)" = 0 ] && ! grep -q "^::" annotations'

echo "$pass passed, $fail failed"
[ $fail = 0 ]
