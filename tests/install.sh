#!/bin/sh
# tests/install.sh - make install puts everything in place and the
# installed oacheck works on its own: a copy of the source tree is
# configured for a temporary prefix, built and installed, then the copy
# and its build are moved away and the installed binary checks the
# bundled example (with --preset default, from the installed rules) with
# no OACHECK_RULES_DIR, explains a rule and loads the other preset. Also:
# the man pages are installed and lint clean, the binary names the
# installed rules directory, and make uninstall leaves no file behind.
# Environment: OAC_FIXTURES (its parent is the source tree).
set -u
: "${OAC_FIXTURES:?}"
top=$(cd "$OAC_FIXTURES/.." && pwd)
[ -x "$top/configure" ] || { echo "SKIP: no configure script in $top"; exit 77; }
tmp=$(mktemp -d) || exit 99
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
unset MAKEFLAGS MFLAGS OACHECK_RULES_DIR
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
		[ -s "$tmp/out" ] && tail -20 "$tmp/out" | sed 's/^/    /'
		return 1
	fi
}

mkdir "$tmp/build"
mkdir "$tmp/src"
# the tree without the builds a checkout may hold (.ci/run makes build-*)
tar -C "$top" --exclude=./build --exclude=./build-ci --exclude=./build-asan --exclude=./autom4te.cache -cf - . |
	tar -C "$tmp/src" -xf - && chmod -R u+w "$tmp/src" || exit 99
# a tree configured and built in place (the README's quick start) cannot be
# configured again from another directory: clean the copy as a user would
if [ -f "$tmp/src/config.status" ]; then
	(cd "$tmp/src" && make distclean) >"$tmp/out" 2>&1 ||
		{ echo "FAIL - make distclean in a copy of the configured tree"; cat "$tmp/out"; exit 1; }
fi
prefix="$tmp/prefix"
(cd "$tmp/build" && "$tmp/src/configure" --prefix="$prefix" && make -j2 && make install) \
	>"$tmp/out" 2>&1
rc=$?
check "configure, make, make install into a temporary prefix" eval '[ $rc = 0 ]' || exit 1
: >"$tmp/out"

for f in bin/oacheck share/man/man1/oacheck.1 share/oacheck/rules/default.yaml \
	share/oacheck/pre-commit share/doc/oacheck/oacheck-report.schema.json; do
	check "installed: $f" test -f "$prefix/$f"
done
for f in "$top"/rules/*.yaml; do
	check "installed rule file: $(basename "$f")" cmp -s "$f" "$prefix/share/oacheck/rules/$(basename "$f")"
done
if [ -f "$top/man/oacheck-rules.5" ]; then
	check "installed: share/man/man5/oacheck-rules.5" test -f "$prefix/share/man/man5/oacheck-rules.5"
fi
check "the binary looks for its rules in the installed place" \
	grep -q "$prefix/share/oacheck/rules" "$prefix/bin/oacheck"
if command -v mandoc >/dev/null; then
	mandoc -Tlint -W warning "$prefix"/share/man/man*/* >"$tmp/out" 2>&1
	rc=$?
	check "installed man pages lint clean" eval '[ $rc = 0 ]'
fi

# the source tree and the build are gone; a copy of the example remains
cp -a "$top/fixtures/petstore" "$tmp/example"
mv "$tmp/src" "$tmp/gone-src" && mv "$tmp/build" "$tmp/gone-build"
chmod 000 "$tmp/gone-src" "$tmp/gone-build"
(cd "$tmp/example" && "$prefix/bin/oacheck" --preset default --spec openapi.yaml include) >"$tmp/out" 2>&1
rc=$?
check "the installed binary checks the example on its own" \
	eval '[ $rc = 0 ] && grep -q "^coverage: schemas 6/6 bound" "$tmp/out"'
"$prefix/bin/oacheck" --explain type-mismatch >"$tmp/out" 2>&1
check "the installed binary explains a rule from the installed rules.yaml" grep -q "^example:" "$tmp/out"
(cd "$tmp/example" && "$prefix/bin/oacheck" --preset openapi-generator-c --spec openapi.yaml) >"$tmp/out" 2>&1
rc=$?
check "the installed binary loads the openapi-generator-c preset" eval '[ $rc = 0 ]'
"$prefix/bin/oacheck" --version >"$tmp/out" 2>&1
check "the installed binary reports its version" grep -q "^oacheck [0-9]" "$tmp/out"

chmod 755 "$tmp/gone-src" "$tmp/gone-build"
mv "$tmp/gone-src" "$tmp/src" && mv "$tmp/gone-build" "$tmp/build"
(cd "$tmp/build" && make uninstall) >"$tmp/out" 2>&1
rc=$?
check "make uninstall leaves no file" eval '[ $rc = 0 ] && [ -z "$(find "$prefix" -type f)" ]'

echo "$pass passed, $fail failed"
[ $fail = 0 ]
