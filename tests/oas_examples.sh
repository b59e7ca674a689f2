#!/bin/sh
# tests/oas_examples.sh - print the directory of the npm package
# @readme/oas-examples (Swagger 2.0, OpenAPI 3.0 and 3.1 documents),
# fetched with `npm pack` into a cache directory the first time (never
# committed; tests/npm_pkg.sh). Exit 77 without npm or a reachable registry.
# Environment: OAC_SWEEP_CACHE (default $XDG_CACHE_HOME/oacheck-sweep or
# ~/.cache/oacheck-sweep).
exec sh "$(dirname "$0")/npm_pkg.sh" @readme/oas-examples 8.2.2 oas-examples-8.2.2
