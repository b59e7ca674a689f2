#!/bin/sh
# tests/baseline.sh - a baseline written with --write-baseline hides the
# findings it recorded, also after the lines they stand on moved; a new
# finding still fails; a fixed one shows up as baseline-stale.
set -u
: "${OACHECK:?}" "${OAC_FIXTURES:?}"
export NO_COLOR=1
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
spec="$OAC_FIXTURES/petstore/openapi.yaml"
pass=0 fail=0
check() { # name expected-status command...
	name=$1 want=$2
	shift 2
	"$@" >"$tmp/out" 2>&1
	got=$?
	[ "$1" = "$OACHECK" ] && cp "$tmp/out" "$tmp/last"
	if [ "$got" = "$want" ]; then pass=$((pass + 1)); else
		fail=$((fail + 1)); echo "FAIL - $name: exit $got, wanted $want"; sed 's/^/    /' "$tmp/out"; fi
}
mkdir "$tmp/inc"
cp "$OAC_FIXTURES/petstore/include/store.h" "$tmp/inc/"
sed 's|^\tfloat \*weight_kg;.*|&\n\tint refcount;|' "$OAC_FIXTURES/petstore/include/pet.h" >"$tmp/inc/pet.h"
check "fails without a baseline" 1 "$OACHECK" --no-config --fail-on warning --spec "$spec" "$tmp/inc"
check "write the baseline" 0 "$OACHECK" --no-config --fail-on warning --spec "$spec" --write-baseline "$tmp/b.json" "$tmp/inc"
check "baseline is JSON with the finding" 0 grep -q '"rule": "extra-field"' "$tmp/b.json"
# move every line down: the recorded finding must stay hidden
{ printf '\n\n\n'; cat "$tmp/inc/pet.h"; } >"$tmp/moved.h" && mv "$tmp/moved.h" "$tmp/inc/pet.h"
check "moved lines stay hidden" 0 "$OACHECK" --no-config --fail-on warning --spec "$spec" --baseline "$tmp/b.json" "$tmp/inc"
check "nothing is printed for them" 1 grep -q 'refcount' "$tmp/last"
sed -i 's|^\tint refcount;|&\n\tint another;|' "$tmp/inc/pet.h"
check "a new finding still fails" 1 "$OACHECK" --no-config --fail-on warning --spec "$spec" --baseline "$tmp/b.json" "$tmp/inc"
check "and it is shown" 0 grep -q "pet_t.another' has no property" "$tmp/last"
check "but not the old one" 1 grep -q "pet_t.refcount' has no property" "$tmp/last"
sed -i '/int refcount;/d; /int another;/d' "$tmp/inc/pet.h"
check "a fixed finding is stale" 0 "$OACHECK" --no-config --fail-on warning --spec "$spec" --baseline "$tmp/b.json" "$tmp/inc"
check "stale entry is reported" 0 grep -q '\[baseline-stale\]' "$tmp/last"
check "a broken baseline is exit 2" 2 "$OACHECK" --no-config --spec "$spec" --baseline "$spec" "$tmp/inc"
echo "$pass passed, $fail failed"
[ $fail = 0 ]
