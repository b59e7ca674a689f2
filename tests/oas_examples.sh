#!/bin/sh
# tests/oas_examples.sh - print the directory of the npm package
# @readme/oas-examples (Swagger 2.0, OpenAPI 3.0 and 3.1 documents),
# fetched with `npm pack` into a cache directory the first time (never
# committed). Exit 77 without npm or a reachable registry.
# Environment: OAC_SWEEP_CACHE (default $XDG_CACHE_HOME/oacheck-sweep or
# ~/.cache/oacheck-sweep).
set -u
pkg=@readme/oas-examples
version=8.2.2
cache=${OAC_SWEEP_CACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/oacheck-sweep}
dir="$cache/oas-examples-$version"
if [ ! -d "$dir" ]; then
	command -v npm >/dev/null 2>&1 || { echo "npm not found: skipped" >&2; exit 77; }
	mkdir -p "$cache" || exit 99
	tmp=$(mktemp -d "$cache/fetch.XXXXXX") || exit 99
	if ! (cd "$tmp" && timeout 60 npm pack "$pkg@$version" --silent --cache "$cache/npm" \
		>/dev/null 2>&1); then
		rm -rf "$tmp"
		echo "npm registry unreachable: skipped" >&2
		exit 77
	fi
	tar xzf "$tmp"/*.tgz -C "$tmp" && mv "$tmp/package" "$dir" || exit 99
	rm -rf "$tmp"
fi
echo "$dir"
