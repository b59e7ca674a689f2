#!/bin/sh
# tests/rules_consistency.sh - the rule ids of the rule table (oacheck
# --list-rules), of rules/rules.yaml (its top-level keys) and of the RULES
# section of man/oacheck.1 (.It Cm ID) are one set; each rule's default
# level agrees between the table and rules.yaml; oacheck --explain ID
# prints every rule's description with an example; and every rule has a
# fixture that fires it and one that does not.
# Environment: OACHECK (the binary), srcdir (the source tree; default: the
# directory above this script), OACHECK_RULES_DIR (optional).
set -u
: "${OACHECK:?set OACHECK to the oacheck binary}"
top=${srcdir:-$(dirname "$0")/..}
rules_yaml="$top/rules/rules.yaml"
man="$top/man/oacheck.1"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() {
	echo "FAIL - $*"
	fail=1
}

"$OACHECK" --list-rules >"$tmp/list" || bad "oacheck --list-rules exited $?"
awk '{print $1}' "$tmp/list" | sort >"$tmp/table"
grep -E '^[a-z][a-z0-9-]*:' "$rules_yaml" | sed 's/:.*//' | sort >"$tmp/yaml"
sed -n '/^\.Sh RULES/,/^\.Sh /p' "$man" | sed -n 's/^\.It Cm \([^ ]*\).*/\1/p' | sort >"$tmp/man"
[ -s "$tmp/table" ] || bad "--list-rules printed no rule"
for f in yaml man; do
	if ! diff -u --label list-rules --label "$f" "$tmp/table" "$tmp/$f" >"$tmp/diff"; then
		bad "rule ids of --list-rules (-) and of $f (+) differ:"
		sed 's/^/    /' "$tmp/diff"
	fi
done
for f in table yaml man; do
	dup=$(uniq -d "$tmp/$f")
	[ -z "$dup" ] || bad "$f lists a rule twice: $dup"
done

# A rule's level: the table's first word (error/warning -> error) against
# the first word of rules.yaml's 'level:'.
while read -r id level _; do
	want=${level%%/*}
	got=$(awk -v id="$id" '
		/^[a-z]/ { cur = $1; sub(/:$/, "", cur) }
		cur == id && $1 == "level:" { print $2; exit }' "$rules_yaml")
	[ "$got" = "$want" ] || bad "$id: level '$level' in the table, '$got' in rules.yaml"
done <"$tmp/list"

while read -r id; do
	out="$tmp/explain"
	if ! "$OACHECK" --explain "$id" >"$out" 2>"$tmp/err"; then
		bad "oacheck --explain $id failed: $(cat "$tmp/err")"
		continue
	fi
	head -n 1 "$out" | grep -q "^$id: ." || bad "--explain $id: first line is not '$id: summary'"
	grep -q '^default level: ' "$out" || bad "--explain $id: no default level"
	grep -q '^example:$' "$out" || bad "--explain $id: no example"
	[ -s "$tmp/err" ] && bad "--explain $id wrote to stderr: $(cat "$tmp/err")"
done <"$tmp/table"

# Every rule has a fixture that fires it (fixtures/rule-ID, its expected
# output shows [ID]) and one that does not (fixtures/rule-ID-clean). Rules
# listed in $pending are tested elsewhere (baseline-stale by the
# baseline-* cases, which need a baseline file).
pending="baseline-stale"
fixtures="$top/fixtures"
while read -r id; do
	fired="$fixtures/rule-$id" clean="$fixtures/rule-$id-clean"
	if [ ! -f "$fired/cmd" ] && [ ! -f "$clean/cmd" ]; then
		case " $pending " in
		*" $id "*) continue ;;
		esac
	fi
	if [ ! -f "$fired/cmd" ]; then
		bad "$id: no fixture rule-$id that fires it"
	elif ! cat "$fired"/expected.* 2>/dev/null | grep -q "\[$id\]"; then
		bad "$id: the expected output of rule-$id does not show [$id]"
	fi
	if [ ! -f "$clean/cmd" ]; then
		bad "$id: no fixture rule-$id-clean that does not fire it"
	elif cat "$clean"/expected.* 2>/dev/null | grep -q "\[$id\]"; then
		bad "$id: the expected output of rule-$id-clean shows [$id]"
	fi
done <"$tmp/table"

# A test that cannot fail is a bug: an unknown id must be refused.
"$OACHECK" --explain no-such-rule >/dev/null 2>&1
st=$?
[ $st = 2 ] || bad "--explain no-such-rule exited $st, not 2"

[ $fail = 0 ] && echo "ok - $(wc -l <"$tmp/table") rules agree in the table, rules.yaml and oacheck(1), with their fixtures"
exit $fail
