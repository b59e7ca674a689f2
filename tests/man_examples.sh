#!/bin/sh
# tests/man_examples.sh - oacheck(1) against the program: the pages lint
# clean (mandoc -Tlint -W warning); every long option of --help, every rule
# of --list-rules and every report format has its entry; and every command
# of EXAMPLES runs (in a copy of the source tree's fixtures, as the page
# says) with exit status 0 or 1 and writes the files it names.
set -u
: "${OACHECK:?}" "${OAC_FIXTURES:?}"
top=$(cd "$OAC_FIXTURES/.." && pwd)
page="$top/man/oacheck.1"
export NO_COLOR=1
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() {
	pass=$((pass + 1))
	echo "ok - $*"
}
no() {
	fail=$((fail + 1))
	echo "FAIL - $*"
}

if command -v mandoc >/dev/null; then
	if mandoc -Tlint -W warning "$top"/man/*.[1-9] >"$tmp/lint" 2>&1; then ok "mandoc -Tlint"; else
		no "mandoc -Tlint"
		cat "$tmp/lint"
	fi
else
	echo "note: mandoc not installed, the pages are not linted"
fi

# Each entry is an .It line naming the option (Fl \-name) or rule (Cm id).
for opt in $("$OACHECK" --help | grep -oE -- '--[a-z][a-z-]+' | sort -u); do
	grep -qE "^\.It .*Fl \\\\${opt#-}( |$)" "$page" && continue
	no "option $opt has no entry in oacheck.1"
done
for rule in $("$OACHECK" --list-rules | awk '{print $1}'); do
	grep -qx "\.It Cm $rule" "$page" || no "rule $rule has no entry in oacheck.1"
done
for fmt in text json sarif junit github; do
	"$OACHECK" -f $fmt --version >/dev/null 2>&1 || no "format $fmt is not accepted"
	grep -qx "\.It Cm $fmt" "$page" || no "format $fmt has no entry in oacheck.1"
done
[ $fail = 0 ] && ok "every option, rule and format has an entry"

# The examples: "$ oacheck ..." lines of literal displays, with their
# continuation lines ("\e" at the end of a line is a backslash).
sed -n '/^\.Sh EXAMPLES/,/^\.Sh /p' "$page" | awk '
	/^\$ / { cmd = substr($0, 3); more = 1 }
	!/^\$ / && more { cmd = cmd " " $0 }
	more && !/\\e$/ { gsub(/\\e/, "", cmd); gsub(/  +/, " ", cmd); print cmd; more = 0 }
' >"$tmp/examples"
[ "$(wc -l <"$tmp/examples")" -ge 5 ] || no "fewer than 5 examples found in oacheck.1"
mkdir "$tmp/top"
cp -a "$OAC_FIXTURES" "$tmp/top/fixtures"
while IFS= read -r cmd; do
	(cd "$tmp/top" && OACHECK_BIN=$OACHECK sh -c "oacheck() { \"\$OACHECK_BIN\" \"\$@\"; }; $cmd") \
		>"$tmp/out" 2>&1 </dev/null
	rc=$?
	files=$(printf '%s\n' "$cmd" | grep -oE -- '-o [^ ]+' | cut -c4-)
	good=1
	case $rc in 0 | 1) ;; *) good=0 ;; esac
	for f in $files; do [ -s "$tmp/top/$f" ] || good=0; done
	[ -s "$tmp/out" ] || [ -n "$files" ] || good=0
	if [ $good = 1 ]; then ok "example: $cmd"; else
		no "example (exit $rc): $cmd"
		sed 's/^/    /' "$tmp/out"
	fi
done <"$tmp/examples"

echo "$pass passed, $fail failed"
[ $fail = 0 ]
