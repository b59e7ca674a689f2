#!/bin/sh
# bench/run.sh - make bench: every bench/*.sh but this one, with the built
# binary and a work directory for generated and downloaded inputs.
set -u
oacheck=$1 work=$2
here=$(cd "$(dirname "$0")" && pwd)
status=0
for b in "$here"/*.sh; do
	[ "$(basename "$b")" = run.sh ] && continue
	echo "== $(basename "$b" .sh)"
	sh "$b" "$oacheck" "$work" || status=1
done
exit $status
