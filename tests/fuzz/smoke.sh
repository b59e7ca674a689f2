#!/bin/sh
# tests/fuzz/smoke.sh - the fuzz targets of SPEC section 12 (spec loader,
# one document and several, annotation parser, rules and config loaders)
# and of the JSON reader (differential against libyaml's path and
# jansson), built with clang's
# libFuzzer under AddressSanitizer and UndefinedBehaviorSanitizer and run
# for SECONDS each on a seed corpus taken from the tree: the fixtures'
# specs, headers (their comments) and config and rules files, and rules/.
# A crash, leak, timeout or sanitizer report fails it (the reproducer is
# left in the work directory, which is printed). CI runs it (make
# fuzz-smoke); needs clang and libFuzzer (Debian: clang-14,
# libclang-rt-14-dev).
# Usage: smoke.sh SRCDIR BUILDDIR [SECONDS]
set -u
src=$1 build=$2 secs=${3:-30}
cc=$(command -v clang-14 || command -v clang) || { echo "SKIP: no clang"; exit 77; }
work=$(mktemp -d) || exit 99
flags="-g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -I$src/src -I$build"
flags="$flags -DOAC_PKGDATADIR=\"$work\" -DOAC_SRCDIR=\"$src\" -DOAC_BUILDDIR=\"$build\""
core="$src/src/util.c $src/src/loc.c $src/src/diag.c $src/src/progress.c"
ydoc="$src/src/ydoc.c $src/src/ydoc_json.c $src/src/ydoc_jread.c $src/src/ydoc_scalar.c"
spec="$src/src/spec_load.c $src/src/spec_ref.c $src/src/spec_mem.c"
rules="$src/src/ruleset.c $src/src/ruleset_json.c $src/src/rules.c $src/src/opts.c"
build_one() { # NAME SOURCES...
	name=$1
	shift
	$cc $flags "$src/tests/fuzz/$name.c" "$@" -lyaml -ljansson -lm -o "$work/$name" \
		2>"$work/$name.build" ||
		{ cat "$work/$name.build"; echo "FAIL - $name does not build"; exit 1; }
}
build_one fuzz_spec $core $ydoc $spec
build_one fuzz_specs $core $ydoc $spec
build_one fuzz_annot $src/src/annot.c $core
build_one fuzz_rules $core $ydoc $rules
build_one fuzz_json $core $ydoc
build_one fuzz_tmpl $src/src/wire_tmpl.c $src/src/wire_fmt.c $core

seed() { # NAME FILE...
	mkdir -p "$work/seed-$1" "$work/corpus-$1"
	d=$1
	shift
	for f in "$@"; do [ -f "$f" ] && cp "$f" "$work/seed-$d/$(echo "$f" | tr / _)"; done
}
seed fuzz_spec "$src"/fixtures/*/openapi.yaml "$src"/fixtures/*/spec.yaml "$src"/fixtures/*/*.json
# several documents: fixture specs joined smallest first, so each one is
# larger than the one before it
mkdir -p "$work/seed-fuzz_specs" "$work/corpus-fuzz_specs"
ls -S -r "$src"/fixtures/*/openapi.yaml | awk -v d="$work/seed-fuzz_specs" '
	{ f[n++] = $0 }
	END { for (i = 0; i + 2 < n; i += 3) print f[i], f[i + 1], f[i + 2], d "/" i }' |
	while read -r a b c out; do
		{ cat "$a"; printf '\n--8<--\n'; cat "$b"; printf '\n--8<--\n'; cat "$c"; } >"$out"
	done
seed fuzz_json "$src"/fixtures/*/*.json
# what the JSON reader must read as libyaml does, or hand over to it
i=0
for t in '{"a": [1, -2.5e+3, true, false, null, {}, []], "b": {"c": "d"}}' \
	'["\\ud83d\\ude00 \\ud83d x\\u00e9\\u0000\\/\\"\\\\\\b\\f\\n\\r\\t", "\303\251\360\237\230\200", 1]' \
	'\357\273\277{"k":\r\n  "v",\r "w"\n:\t1}' '["a\302\205b", "\342\200\250", "\177\302\200"]' \
	'{"a": 1, "a": 2}' '[[[[[[[[[[[[1]]]]]]]]]]]]' '{"a": [1, 2' '["\377", "caf\303"]' \
	'{a: 1, "b": '"'c'"', "d": [1, 2,], # x\n}' '[1] ...' '{"a":1}\n---\n{"b":2}'; do
	i=$((i + 1))
	printf "$t" >"$work/seed-fuzz_json/inline$i.json"
done
seed fuzz_annot "$src"/fixtures/*/include/*.h
seed fuzz_rules "$src"/rules/*.yaml "$src"/fixtures/*/.oacheck.yaml "$src"/fixtures/*/*rules*.yaml \
	"$src"/fixtures/*/names.yaml "$src"/fixtures/*/strict.yaml

# templates, key paths and jansson formats, as the fixtures write them
mkdir -p "$work/seed-fuzz_tmpl" "$work/corpus-fuzz_tmpl"
i=0
for t in '{"id": %d, "status": {"result": {"finished": "%s"}, "details": [ %s ]}}' \
	'[{"k": %*.*f, "%s": null}, true, -1.5e3]' '$.config.polling.sleep' "\$['a b'].c[0].*" \
	'{s:i, s:[o], s?s%}' '{ %s }'; do
	printf '%s' "$t" >"$work/seed-fuzz_tmpl/$i"
	i=$((i + 1))
done

export OACHECK_RULES_DIR="$src/rules"
export ASAN_OPTIONS=detect_leaks=1
fail=0
for t in fuzz_spec fuzz_specs fuzz_json fuzz_annot fuzz_rules fuzz_tmpl; do
	(cd "$work" && "./$t" -max_total_time="$secs" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
		-print_final_stats=1 "corpus-$t" "seed-$t") >"$work/$t.log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$t.log")
	if [ $rc = 0 ]; then
		echo "ok - $t: ${runs:-?} inputs in ${secs}s, no crash"
	else
		fail=1
		echo "FAIL - $t (exit $rc); work directory $work"
		grep -E 'ERROR|SUMMARY|Test unit written' "$work/$t.log" | head -20
	fi
done
[ $fail = 0 ] && rm -rf "$work"
exit $fail
