#!/bin/sh
# tests/npm_pkg.sh - print the directory of an npm package's files, fetched
# with `npm pack` into a cache directory the first time (never committed).
# Exit 77 without npm or a reachable registry.
# Usage: npm_pkg.sh PACKAGE VERSION NAME   (the files land in CACHE/NAME)
# Environment: OAC_SWEEP_CACHE (default $XDG_CACHE_HOME/oacheck-sweep or
# ~/.cache/oacheck-sweep).
set -u
pkg=$1 version=$2 name=$3
cache=${OAC_SWEEP_CACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/oacheck-sweep}
dir="$cache/$name"
if [ ! -d "$dir" ]; then
	command -v npm >/dev/null 2>&1 || { echo "npm not found: skipped" >&2; exit 77; }
	mkdir -p "$cache" || exit 99
	tmp=$(mktemp -d "$cache/fetch.XXXXXX") || exit 99
	if ! (cd "$tmp" && timeout 300 npm pack "$pkg@$version" --silent --cache "$cache/npm" \
		>/dev/null 2>&1); then
		rm -rf "$tmp"
		echo "npm registry unreachable: skipped" >&2
		exit 77
	fi
	# another test may have fetched it meanwhile: then keep that one
	tar xzf "$tmp"/*.tgz -C "$tmp" && { mv -T "$tmp/package" "$dir" 2>/dev/null || [ -d "$dir" ]; } ||
		{ rm -rf "$tmp"; exit 99; }
	rm -rf "$tmp"
fi
echo "$dir"
