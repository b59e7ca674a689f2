#!/bin/sh
# tests/progress.sh - the progress line: on a terminal (a pseudo-terminal
# from script(1)) a run shows its stages on one line of stderr that it
# clears at the end, the wire check counting its sources; --quiet shows
# nothing, and neither does a run whose stderr is no terminal.
# OACHECK_PROGRESS_DELAY=0 shows it at once (it waits a second by default).
# Environment: OACHECK, OAC_FIXTURES.
set -u
: "${OACHECK:?}" "${OAC_FIXTURES:?}"
command -v script >/dev/null 2>&1 || { echo "SKIP: no script(1)"; exit 77; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok - $1"; }
bad() { fail=$((fail + 1)); echo "FAIL - $1"; }
dir=$OAC_FIXTURES/wire-cjson
args="--no-config --no-cache $(cat "$dir/cmd")"
esc=$(printf '\033')

# stderr on a terminal, stdout in a file
(cd "$dir" && OACHECK_PROGRESS_DELAY=0 script -qec "\"$OACHECK\" $args >$tmp/out" /dev/null) \
	>"$tmp/tty" 2>&1
if grep -q "wire: sources: [0-9]*/1" "$tmp/tty" && grep -q "checking" "$tmp/tty"; then
	ok "a terminal shows the stages and counts the sources"
else
	bad "no progress line on a terminal"
	od -c "$tmp/tty" | head -5
fi
last=$(tr '\r' '\n' <"$tmp/tty" | tail -n 1)
[ "$last" = "${esc}[K" ] && ok "the line is cleared at the end" || bad "the line is left: '$last'"
grep -q "$esc" "$tmp/out" && bad "the progress line went to stdout" || ok "never on stdout"

(cd "$dir" && OACHECK_PROGRESS_DELAY=0 script -qec "\"$OACHECK\" $args -q >/dev/null" /dev/null) \
	>"$tmp/quiet" 2>&1
grep -q "$esc" "$tmp/quiet" && bad "--quiet shows a progress line" || ok "--quiet shows none"

(cd "$dir" && OACHECK_PROGRESS_DELAY=0 "$OACHECK" $args >/dev/null 2>"$tmp/pipe")
grep -q "$esc" "$tmp/pipe" && bad "a progress line on a stderr that is no terminal" ||
	ok "nothing when stderr is no terminal"
echo "$pass passed, $fail failed"
[ $fail = 0 ]
