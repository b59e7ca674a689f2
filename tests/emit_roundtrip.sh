#!/bin/sh
# tests/emit_roundtrip.sh - what --emit-struct prints checks clean against
# the spec it came from. For every schema of every spec among the fixtures,
# the struct printed for it alone: no error, no warning, exit 0. For every
# such spec, and for real specs (Kubernetes' swagger.json of
# ../shared/realworld/k8s-c, or $OAC_REALWORLD, when present; every valid
# document of the npm package @readme/oas-examples, when npm reaches the
# registry), the one header --emit-struct '*' prints for all schemas: it
# compiles as C11 (cc -std=c11 -pedantic -fsyntax-only), defines each type
# once, and checks clean with --fail-on warning. A real input that is
# absent is reported as skipped.
set -u
: "${OACHECK:?}" "${OAC_FIXTURES:?}"
top=$(cd "$OAC_FIXTURES/.." && pwd)
export NO_COLOR=1
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
CC=${CC:-cc}

# A spec without errors of its own (a dangling $ref cannot check clean)
# that has schemas: its dump in $w/dump.
usable() { # SPEC
	"$OACHECK" --no-config --spec "$1" --dump-spec >"$w/dump" 2>/dev/null &&
		! grep -q '^issue ' "$w/dump" && grep -q '^schema ' "$w/dump"
}

one_by_one() { # SPEC
	for s in $(sed -n 's/^schema \([^ ]*\) .*/\1/p' "$w/dump"); do
		if ! "$OACHECK" --no-config --spec "$1" --emit-struct "$s" >"$w/e.h" 2>"$w/err"; then
			echo "FAIL - emit $s of $1"; cat "$w/err"; fail=$((fail + 1)); continue
		fi
		"$OACHECK" --no-config --spec "$1" --schema "$s" "$w/e.h" >"$w/out" 2>&1
		st=$?
		if [ $st = 0 ] && grep -q '^0 errors, 0 warnings' "$w/out"; then
			pass=$((pass + 1))
		else
			echo "FAIL - $s of $1 (exit $st)"; sed 's/^/    /' "$w/e.h" "$w/out"
			fail=$((fail + 1))
		fi
	done
}

whole() { # SPEC: every schema in one header
	why=
	if ! "$OACHECK" --no-config --spec "$1" --emit-struct '*' >"$w/all.h" 2>"$w/err"; then
		why="--emit-struct '*' failed: $(cat "$w/err")"
	elif ! $CC -std=c11 -pedantic -Werror -fsyntax-only "$w/all.h" 2>"$w/err"; then
		why="does not compile as C11: $(head -5 "$w/err")"
	elif [ "$(grep -c '^#ifndef' "$w/all.h")" != 1 ]; then
		why="no include guard"
	elif grep -E '^(struct|enum) [a-z0-9_]+ \{' "$w/all.h" | sort | uniq -d | grep -q .; then
		why="a type defined twice"
	else
		"$OACHECK" --no-config --fail-on warning --spec "$1" "$w/all.h" >"$w/out" 2>&1
		st=$?
		[ $st = 0 ] && grep -q '^0 errors, 0 warnings' "$w/out" ||
			why="does not check clean (exit $st): $(grep -E 'error|warning' "$w/out" | head -5)"
	fi
	if [ -z "$why" ]; then
		pass=$((pass + 1))
	else
		echo "FAIL - one header for $1: $why"
		fail=$((fail + 1))
	fi
}

# The fixtures' specs, two workers each taking every other one, each
# with its own temporaries in $w (counts in $w/counts).
fixtures() { # K N: the specs K, K+N, ...
	w="$tmp/w$1"
	mkdir "$w" || exit 99
	i=0
	for spec in "$OAC_FIXTURES"/*/openapi.yaml "$OAC_FIXTURES"/*/swagger.yaml; do
		i=$((i + 1))
		[ $((i % $2)) = "$1" ] || continue
		[ -f "$spec" ] && usable "$spec" || continue
		one_by_one "$spec"
		whole "$spec"
	done
	echo "$pass $fail" >"$w/counts"
}
fixtures 0 2 >"$tmp/w0.out" 2>&1 &
fixtures 1 2 >"$tmp/w1.out" 2>&1 &
wait
for k in 0 1; do
	cat "$tmp/w$k.out"
	read -r p f <"$tmp/w$k/counts" || { echo "FAIL - worker $k did not finish"; p=0 f=1; }
	pass=$((pass + p)) fail=$((fail + f))
done
w=$tmp
echo "fixtures: $pass passed, $fail failed"

rw=${OAC_REALWORLD:-$top/../shared/realworld}
if [ -f "$rw/k8s-c/swagger.json" ]; then
	whole "$rw/k8s-c/swagger.json"
else
	echo "SKIP - $rw/k8s-c/swagger.json is absent"
fi

if oas=$(sh "$top/tests/oas_examples.sh"); then
	for f in $(cd "$oas" && find 2.0 3.0 3.1 -name '*.json' -o -name '*.yaml' | sort); do
		usable "$oas/$f" && whole "$oas/$f"
	done
else
	echo "SKIP - @readme/oas-examples could not be fetched"
fi

echo "$pass passed, $fail failed"
[ $fail = 0 ] && [ $pass -gt 0 ]
