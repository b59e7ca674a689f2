#!/bin/sh
# tests/cache.sh - the wire check's cache (--cache-dir, --no-cache,
# OACHECK_CACHE_DIR): output is byte-identical with and without it, for
# -j1, -j2 and -j3, cold and warm; each change invalidates exactly what it
# must (a source: that source; a header: the sources that include it; a
# flag or a rules key: every source); a corrupt or foreign entry is
# ignored and written anew; two runs at once agree; the bound prunes it.
# The counts come from OACHECK_TIMING's "count: cached N of M" line. Then
# the Kubernetes C client (../shared/realworld/k8s-c, or $OAC_REALWORLD),
# when it is there: cold and warm agree with --no-cache.
# Environment: OACHECK, OAC_FIXTURES.
set -u
: "${OACHECK:?}" "${OAC_FIXTURES:?}"
export NO_COLOR=1
unset OACHECK_CACHE_DIR
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok - $1"; }
bad() { fail=$((fail + 1)); echo "FAIL - $1"; }

# A case of our own: the wire fixtures' sources and headers, copied.
w=$tmp/w
mkdir -p "$w"
cp -r "$OAC_FIXTURES/wire-common" "$w/common"
mkdir -p "$w/src"
cp "$OAC_FIXTURES"/wire-cjson/src/*.c "$OAC_FIXTURES"/wire-jsonc/src/*.c \
	"$OAC_FIXTURES"/wire-jansson/src/*.c "$w/src/"
printf 'json-calls:\n  my_get: {dir: read, object: 0, key: 1, type: string}\n' >"$w/rules.yaml"
n_src=$(ls "$w/src"/*.c | wc -l)
args="--no-config --spec common/openapi.yaml -I common/stubs -I common/include common/include"

# check NAME ARGS...: stdout, stderr, status into $tmp/NAME.*; the count
# line of stderr into $tmp/NAME.count
check() {
	name=$1
	shift
	(cd "$w" && eval "OACHECK_TIMING=1 \"\$OACHECK\" $args $* --sources src" \
		>"$tmp/$name.out" 2>"$tmp/$name.raw"
	echo $? >"$tmp/$name.status")
	grep '^count: cached' "$tmp/$name.raw" >"$tmp/$name.count"
	grep -v '^timing: \|^count: ' "$tmp/$name.raw" >"$tmp/$name.err"
}
same() { # A B: the two runs' stdout, stderr and status are the same
	cmp -s "$tmp/$1.out" "$tmp/$2.out" && cmp -s "$tmp/$1.err" "$tmp/$2.err" &&
		cmp -s "$tmp/$1.status" "$tmp/$2.status"
}
cached() { # NAME: how many sources came from the cache
	sed -n 's/^count: cached *\([0-9]*\) of .*/\1/p' "$tmp/$1.count"
}

check ref --no-cache
[ -s "$tmp/ref.count" ] && bad "--no-cache used a cache" || ok "--no-cache uses none"
for j in 1 2 3; do
	rm -rf "$tmp/c$j"
	check cold$j "--cache-dir $tmp/c$j -j$j"
	check warm$j "--cache-dir $tmp/c$j -j$j"
	if same ref cold$j && same ref warm$j && [ "$(cached cold$j)" = 0 ] &&
		[ "$(cached warm$j)" = "$n_src" ]; then
		ok "-j$j: cold and warm runs print what --no-cache prints"
	else
		bad "-j$j: cached $(cached cold$j) then $(cached warm$j) of $n_src, or output differs"
		diff "$tmp/ref.out" "$tmp/warm$j.out" | head -5
	fi
done

c="--cache-dir $tmp/c1"
one=$(ls "$w/src"/*.c | head -n 1)
echo "/* changed */" >>"$one"
check src "$c"
[ "$(cached src)" = $((n_src - 1)) ] && ok "a changed source is read again, alone" ||
	bad "a changed source: $(cached src) of $n_src from the cache"
echo "/* changed */" >>"$w/common/include/model.h"
check hdr "$c"
[ "$(cached hdr)" = 0 ] && ok "a changed header reads its includers again" ||
	bad "a changed header: $(cached hdr) from the cache"
echo "/* changed */" >>"$w/common/stubs/cjson/cJSON.h"
n_cjson=$(grep -l 'cJSON.h' "$w/src"/*.c | wc -l)
check stub "$c"
[ "$(cached stub)" = $((n_src - n_cjson)) ] && ok "a header only some include: only those" ||
	bad "cJSON.h changed: $(cached stub) from the cache, $n_cjson include it"
check flag "$c -DSOMETHING=1"
[ "$(cached flag)" = 0 ] && ok "a new flag reads every source again" ||
	bad "a new flag: $(cached flag) from the cache"
check rules "$c --rules rules.yaml"
[ "$(cached rules)" = 0 ] && ok "a new json-calls entry reads every source again" ||
	bad "a new json-calls entry: $(cached rules) from the cache"
check again "$c --rules rules.yaml"
[ "$(cached again)" = "$n_src" ] && ok "and is then cached" || bad "rules run again: $(cached again)"

# corrupt every entry (cut short, then garbage): ignored and rewritten
check base "$c"
find "$tmp/c1" -type f | while read -r f; do head -c 40 "$f" >"$f.cut" && mv "$f.cut" "$f"; done
check cut "$c"
check cut2 "$c"
if same base cut && [ "$(cached cut)" = 0 ] && [ "$(cached cut2)" = "$n_src" ]; then
	ok "entries cut short are ignored and written anew"
else
	bad "cut entries: $(cached cut) then $(cached cut2) from the cache"
fi
find "$tmp/c1" -type f | while read -r f; do printf 'OACW garbage that is no entry' >"$f"; done
check junk "$c"
same base junk && [ "$(cached junk)" = 0 ] && ok "foreign entries are never trusted" ||
	bad "foreign entries: $(cached junk) from the cache"

# two runs at once, on an empty cache
rm -rf "$tmp/c4"
check par1 "--cache-dir $tmp/c4" &
check par2 "--cache-dir $tmp/c4"
wait
check par3 "--cache-dir $tmp/c4"
same base par1 && same base par2 && same base par3 && [ "$(cached par3)" = "$n_src" ] &&
	ok "two runs at once agree, and leave a whole cache" || bad "two runs at once"

# OACHECK_CACHE_DIR, and the bound
rm -rf "$tmp/c5"
(cd "$w" && OACHECK_CACHE_DIR="$tmp/c5" "$OACHECK" $args --sources src >/dev/null 2>&1)
[ -n "$(find "$tmp/c5" -type f 2>/dev/null)" ] && ok "OACHECK_CACHE_DIR places the cache" ||
	bad "OACHECK_CACHE_DIR: nothing written there"
(cd "$w" && OACHECK_CACHE_MAX=1 "$OACHECK" $args --cache-dir "$tmp/c5" -DX --sources src \
	>/dev/null 2>&1)
left=$(find "$tmp/c5" -type f | wc -l)
[ "$left" = 0 ] && ok "OACHECK_CACHE_MAX prunes it" || bad "the bound left $left entries"

# the Kubernetes C client, when it is there
top=$(cd "$OAC_FIXTURES/.." && pwd)
k8s=${OAC_REALWORLD:-$top/../shared/realworld}/k8s-c
if [ -d "$k8s/model" ]; then
	kargs="--no-config --preset openapi-generator-c --spec swagger.json -I include -I external model --sources model"
	(cd "$k8s" && "$OACHECK" $kargs --no-cache >"$tmp/k0" 2>&1)
	(cd "$k8s" && "$OACHECK" $kargs --cache-dir "$tmp/k" >"$tmp/k1" 2>&1)
	(cd "$k8s" && "$OACHECK" $kargs --cache-dir "$tmp/k" >"$tmp/k2" 2>&1)
	cmp -s "$tmp/k0" "$tmp/k1" && cmp -s "$tmp/k0" "$tmp/k2" &&
		ok "k8s-c: cold and warm agree with --no-cache" || bad "k8s-c: outputs differ"
fi
echo "$pass passed, $fail failed"
[ $fail = 0 ]
