#!/bin/sh
# tests/jobs.sh - the output does not depend on -j: with -j2 and more the
# spec is loaded in a second thread while clang parses the headers, with
# -j1 one after the other. Every fixtures/<case>/ with a 'cmd' file is run
# with -j1 and with -j2 (and -j3), and stdout, stderr and the exit status
# must be byte-identical; then the Kubernetes C client
# (../shared/realworld/k8s-c beside the source tree, or $OAC_REALWORLD)
# when it is there, as text and as json.
# Environment: OACHECK, OAC_FIXTURES.
set -u
: "${OACHECK:?}" "${OAC_FIXTURES:?}"
export NO_COLOR=1
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

# run NAME DIR STDIN ARGS: the three runs agree
run() {
	name=$1 dir=$2 input=$3 args=$4
	for j in 1 2 3; do
		(cd "$dir" && eval "\"\$OACHECK\" $args -j$j" <"$input" >"$tmp/out$j" 2>"$tmp/err$j"
			echo $? >"$tmp/status$j")
	done
	ok=1
	for j in 2 3; do
		for f in out err status; do
			cmp -s "$tmp/${f}1" "$tmp/$f$j" || {
				ok=0
				echo "   $f differs between -j1 and -j$j:"
				diff "$tmp/${f}1" "$tmp/$f$j" | head -n 10 | sed 's/^/   /'
			}
		done
	done
	if [ $ok = 1 ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL - $name ($args)"
	fi
}

for dir in "$OAC_FIXTURES"/*/; do
	dir=${dir%/}
	[ -f "$dir/cmd" ] || continue
	case $(cat "$dir/cmd") in *--fix*) continue ;; esac # it edits its headers
	input=/dev/null
	[ -f "$dir/stdin" ] && input="$dir/stdin"
	run "${dir##*/}" "$dir" "$input" "$(cat "$dir/cmd")"
done

top=$(cd "$OAC_FIXTURES/.." && pwd)
k8s=${OAC_REALWORLD:-$top/../shared/realworld}/k8s-c
if [ -d "$k8s/model" ]; then
	args='--preset openapi-generator-c --spec swagger.json -I include -I external model'
	run k8s-c "$k8s" /dev/null "$args"
	run k8s-c-json "$k8s" /dev/null "$args -f json"
else
	echo "k8s-c: not here, only the fixtures"
fi
echo "$pass agree, $fail differ"
[ $fail = 0 ]
