#!/bin/sh
# tests/wire_realworld.sh - the wire check on real serialization code: the
# Kubernetes C client's 719 model .c files (OpenAPI Generator's cJSON
# serializers and parsers) check with no finding and every property
# written and read; then seeded edits, each in a copy of one file, are each
# found at their call: a key misspelt (wire-key-unknown with the key the
# spec has), a property's AddItem line deleted (wire-unwritten), an
# AddNumber turned AddString (wire-type-mismatch), a parser's key swapped
# for another property's (wire-key-mismatch). The inputs are third-party
# files outside the repository, in ../shared/realworld/ beside the source
# tree (or $OAC_REALWORLD), read-only: edits go to a temporary copy.
# Without them the test is skipped (exit 77).
# Environment: OACHECK, OAC_FIXTURES.
set -u
: "${OACHECK:?}" "${OAC_FIXTURES:?}"
top=$(cd "$OAC_FIXTURES/.." && pwd)
rw=${OAC_REALWORLD:-$top/../shared/realworld}
k8s=$rw/k8s-c
[ -d "$k8s/model" ] || { echo "SKIP: no real-world inputs in $rw"; exit 77; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
export NO_COLOR=1
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok - $1"; }
bad() {
	fail=$((fail + 1))
	echo "FAIL - $1"
	tail -20 "$tmp/out" | sed 's/^/    /'
}

check() { # DIR SOURCES...
	dir=$1
	shift
	(cd "$dir" && "$OACHECK" --fail-on warning --preset openapi-generator-c \
		--spec swagger.json -I include -I external model --sources "$@") >"$tmp/out" 2>&1
}

check "$k8s" model
if [ $? = 0 ] && grep -qx '0 errors, 0 warnings, 0 info' "$tmp/out" &&
	grep -qx 'wire: properties 2990/2990 written (100.0%), 2990/2990 read (100.0%)' "$tmp/out"; then
	ok "k8s-c: 719 serializers clean, every property written and read"
else
	bad "k8s-c: 719 serializers clean, every property written and read"
fi

# A copy to edit: the headers and the few sources each edit needs.
mkdir -p "$tmp/k/model"
cp -R "$k8s/include" "$k8s/external" "$k8s/swagger.json" "$tmp/k/"
cp "$k8s"/model/*.h "$tmp/k/model/"

seeded() { # NAME FILE SED-SCRIPT EXPECTED-LINE-PATTERN
	name=$1 file=$2 script=$3 want=$4
	cp "$k8s/model/$file" "$tmp/k/model/$file"
	sed "$script" "$k8s/model/$file" >"$tmp/k/model/$file"
	if cmp -s "$k8s/model/$file" "$tmp/k/model/$file"; then
		echo "no edit made" >"$tmp/out"
		bad "$name (the edit did not apply)"
	else
		check "$tmp/k" "model/$file"
		if [ $? = 1 ] && grep -q -- "$want" "$tmp/out"; then ok "$name"; else bad "$name"; fi
	fi
	rm -f "$tmp/k/model/$file"
}

seeded "a key misspelt is found, naming the spec's key" v1_container_port.c \
	's/cJSON_AddStringToObject(item, "hostIP"/cJSON_AddStringToObject(item, "hostIp"/' \
	"model/v1_container_port.c:[0-9]*:[0-9]*: error: key 'hostIp' written by cJSON_AddStringToObject is not a property of schema 'v1.ContainerPort'; did you mean 'hostIP'? \[wire-key-unknown\]"
seeded "a property's AddItem line deleted is found" v1_pod_spec.c \
	'/cJSON_AddItemToObject(item, "affinity", affinity_local_JSON);/d' \
	"warning: the serializer of 'v1_pod_spec_t' never writes property 'affinity' (member 'affinity') \[wire-unwritten\]"
seeded "an AddNumber turned AddString is found" v1_container_port.c \
	's/cJSON_AddNumberToObject(item, "hostPort"/cJSON_AddStringToObject(item, "hostPort"/' \
	"error: cJSON_AddStringToObject writes key 'hostPort' as a string, but the property is an integer \[wire-type-mismatch\]"
seeded "a parser reading another property's key is found" v1_object_meta.c \
	's/(v1_object_metaJSON, "generation")/(v1_object_metaJSON, "generateName")/' \
	"error: member 'generation' is read under key 'generateName', but it is bound to property 'generation' of schema 'v1.ObjectMeta' \[wire-key-mismatch\]"
seeded "a parser's misspelt key is found" v1_pod_spec.c \
	's/(v1_pod_specJSON, "hostNetwork")/(v1_pod_specJSON, "hostNetwrk")/' \
	"error: key 'hostNetwrk' read by cJSON_GetObjectItemCaseSensitive is not a property of schema 'v1.PodSpec'; did you mean 'hostNetwork'? \[wire-key-unknown\]"

echo "$pass passed, $fail failed"
[ $fail = 0 ]
