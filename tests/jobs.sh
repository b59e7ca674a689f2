#!/bin/sh
# tests/jobs.sh - the output does not depend on -j: with -j2 and more the
# spec is loaded in a second thread while clang parses the headers, with
# -j1 one after the other. Every fixtures/<case>/ with a 'cmd' file is run
# with -j1 and with -j2 (and -j3), and stdout, stderr and the exit status
# must be byte-identical; then the Kubernetes C client
# (../shared/realworld/k8s-c beside the source tree, or $OAC_REALWORLD)
# when it is there, as text and as json; and big specs of our own making.
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

# Specs of more than 1 MiB, which -j2 and up parse in two threads (libyaml's
# parse and the building of nodes): valid, with a syntax error and a
# control character near the end, with a duplicate key near the start (the
# builder stops first), as YAML and as JSON.
python3 - "$tmp" <<'PY'
import json, sys
tmp = sys.argv[1]
schemas = {"S%d" % i: {"type": "object", "required": ["id"],
                       "properties": {"id": {"type": "integer"}, "name": {"type": "string"},
                                      "tags": {"type": "array", "items": {"type": "string"}},
                                      "next": {"$ref": "#/components/schemas/S%d" % ((i + 1) % 9000)}}}
           for i in range(9000)}
doc = {"openapi": "3.0.3", "info": {"title": "big", "version": "1"}, "paths": {},
       "components": {"schemas": schemas}}
text = json.dumps(doc, indent=1)
open(tmp + "/big.json", "w").write(text)
i = text.rfind('"type"')
open(tmp + "/big-bad-end.json", "w").write(text[:i] + '"type" "x"' + text[i + 6:])
i = text.rfind('"name"')
open(tmp + "/big-bad-byte.json", "w").write(text[:i] + '"na\x01me"' + text[i + 6:])
open(tmp + "/big-dup.json", "w").write(text.replace('"info"', '"openapi": "3.0.0", "info"', 1))
yml = "".join("  S%d:\n    type: object\n    properties:\n      id: {type: integer}\n"
              "      name: {type: string}\n" % i for i in range(20000))
open(tmp + "/big.yaml", "w").write("openapi: 3.0.3\ninfo: {title: big, version: '1'}\n"
                                   "paths: {}\ncomponents:\n  schemas:\n" + yml + "  S1: {}\n")
PY
for f in big.json big-bad-end.json big-bad-byte.json big-dup.json big.yaml; do
	run "$f" "$tmp" /dev/null "--spec $f --dump-spec"
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
