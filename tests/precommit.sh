#!/bin/sh
# tests/precommit.sh - the pre-commit integrations in throwaway git
# repositories: .pre-commit-hooks.yaml through Debian's pre-commit
# (pre-commit try-repo, then installed and run by a real git commit) and
# contrib/pre-commit as a plain git hook. Each time a commit that breaks
# the contract is refused with the finding shown, and a good one passes.
# The project under test is the bundled petstore with a .oacheck.yaml;
# the built oacheck is put on PATH. Exit 77 without git or pre-commit.
set -u
: "${OACHECK:?}" "${OAC_FIXTURES:?}"
top=$(cd "$OAC_FIXTURES/.." && pwd)
command -v git >/dev/null || { echo "SKIP: git not installed"; exit 77; }
command -v pre-commit >/dev/null || { echo "SKIP: pre-commit not installed"; exit 77; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/bin" "$tmp/home"
ln -s "$OACHECK" "$tmp/bin/oacheck"
PATH="$tmp/bin:$PATH" HOME="$tmp/home" PRE_COMMIT_HOME="$tmp/cache" NO_COLOR=1
GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.invalid
GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.invalid
export PATH HOME PRE_COMMIT_HOME NO_COLOR GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE
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
		sed 's/^/    /' "$tmp/out"
	fi
}
git_q() { git "$@" >>"$tmp/git.log" 2>&1; }
shows_finding() { grep -q "include/pet.h:32:8: error: .*\[type-mismatch\]" "$tmp/out"; }
head_is() { [ "$(git log -1 --format=%s)" = "$1" ]; }
break_contract() { cp "$OAC_FIXTURES/type-mismatch/include/pet.h" include/pet.h && git_q add include/pet.h; }
mend_contract() { cp "$OAC_FIXTURES/petstore/include/pet.h" include/pet.h && git_q add include/pet.h; }
commit() { git commit -q -m "$1" >"$tmp/out" 2>&1; }
rc=0

# The repository that offers the hook, as pre-commit wants it: committed.
git_q init -q "$tmp/hooks"
cp "$top/.pre-commit-hooks.yaml" "$tmp/hooks/"
(cd "$tmp/hooks" && git_q add . && git_q commit -q -m hooks)
rev=$(git -C "$tmp/hooks" rev-parse HEAD)

# A project: the petstore spec and headers, configured by .oacheck.yaml.
new_project() { # DIR
	git_q init -q "$1" && cd "$1" || exit 99
	mkdir api include
	cp "$OAC_FIXTURES/petstore/openapi.yaml" api/
	cp "$OAC_FIXTURES"/petstore/include/*.h include/
	printf 'spec: api/openapi.yaml\nheaders: [include]\n' >.oacheck.yaml
	git_q add . && git_q commit -q -m initial
}

# 1. pre-commit try-repo on the staged change
new_project "$tmp/p1"
break_contract
pre-commit try-repo "$tmp/hooks" oacheck >"$tmp/out" 2>&1; rc=$?
check "try-repo: a broken contract fails with the finding" eval '[ $rc != 0 ] && shows_finding'
mend_contract
echo "/* touched */" >>include/store.h && git_q add include/store.h
pre-commit try-repo "$tmp/hooks" oacheck >"$tmp/out" 2>&1; rc=$?
check "try-repo: a good change passes" eval '[ $rc = 0 ] && grep -q "oacheck.*Passed" "$tmp/out"'

# 2. the hook installed by pre-commit, run by git commit
new_project "$tmp/p2"
printf 'repos:\n  - repo: %s\n    rev: %s\n    hooks:\n      - id: oacheck\n' "$tmp/hooks" "$rev" \
	>.pre-commit-config.yaml
pre-commit install >"$tmp/out" 2>&1; rc=$?
check "pre-commit install" eval '[ $rc = 0 ]'
git_q add .pre-commit-config.yaml
commit "add pre-commit"; rc=$?
check "framework: a good commit passes" eval '[ $rc = 0 ] && head_is "add pre-commit"'
break_contract
commit "break"; rc=$?
check "framework: a bad commit is refused with the finding" eval '[ $rc != 0 ] && shows_finding && head_is "add pre-commit"'
mend_contract
echo "/* touched */" >>include/pet.h && git_q add include/pet.h
commit "mend"; rc=$?
check "framework: the mended commit passes" eval '[ $rc = 0 ] && head_is mend'

# 3. contrib/pre-commit as a plain git hook
new_project "$tmp/p3"
cp "$top/contrib/pre-commit" .git/hooks/pre-commit && chmod +x .git/hooks/pre-commit
break_contract
commit "break"; rc=$?
check "plain hook: a bad commit is refused with the finding" eval '[ $rc != 0 ] && shows_finding && head_is initial'
mend_contract
echo "/* touched */" >>include/pet.h && git_q add include/pet.h
cp "$OAC_FIXTURES/type-mismatch/include/pet.h" include/pet.h # unstaged: not checked
commit "mend"; rc=$?
check "plain hook: the staged good change passes despite a bad unstaged edit" eval '[ $rc = 0 ] && head_is mend'
git_q checkout include/pet.h
echo "docs" >README && git_q add README
commit "readme"; rc=$?
check "plain hook: a commit without headers or specs does not run oacheck" eval '[ $rc = 0 ] && [ ! -s "$tmp/out" ]'

echo "$pass passed, $fail failed"
[ $fail = 0 ]
