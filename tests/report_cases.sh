# tests/report_cases.sh - sourced by the report tests (needs OACHECK,
# OAC_FIXTURES, tmp). report_select sets $cases to the fixtures/<case>/
# whose command checks something (exit 0 or 1, no format of its own).
# report_outputs sets $reports to a directory holding every format of
# every such case twice (tests/report_gen.sh): $OAC_REPORTS when make
# check made it for this run, else one made now in $tmp/reports.
# report_statuses RUNS FMT... fails unless each report of those runs
# exited with the case's expected status. jq_each runs one jq for many
# files.
report_select() {
	cases=
	for dir in "$OAC_FIXTURES"/*/; do
		c=$(basename "$dir")
		[ -f "$dir/cmd" ] || continue
		case $(report_status "$c") in 0 | 1) ;; *) continue ;; esac
		args=$(cat "$dir/cmd")
		case " $args" in *" -f"* | *--format* | *" -o"* | *--output* | *--dump* | *--list* | *--explain* | *--emit* | *--fix* | *--diff*) continue ;; esac
		cases="$cases $c"
	done
}
report_status() { # CASE: its expected exit status
	if [ -f "$OAC_FIXTURES/$1/expected.status" ]; then cat "$OAC_FIXTURES/$1/expected.status"; else echo 0; fi
}
report_outputs() {
	if [ -n "${OAC_REPORTS:-}" ] && [ -f "$OAC_REPORTS/done" ]; then
		reports=$OAC_REPORTS
	else
		reports=$tmp/reports
		sh "$top/tests/report_gen.sh" "$reports" || return 1
	fi
	cases=$(cat "$reports/cases")
	[ -n "$cases" ] || { echo "FAIL - no fixture case ran"; return 1; }
}
report_statuses() { # RUNS FMT...: e.g. "1 2" text json
	runs=$1
	shift
	for c in $cases; do
		status=$(report_status "$c")
		for run in $runs; do
			for fmt in "$@"; do
				f="$reports/$run/$c.$fmt"
				rc=$(cat "$f.rc" 2>/dev/null)
				[ "$rc" = "$status" ] && continue
				echo "FAIL - $c -f $fmt: exit $rc, expected $status"
				cat "$f.err"
				return 1
			done
		done
	done
}
# jq_each FILTER FILE...: a line "FILE RESULT" per file, RESULT the one
# line FILTER makes of it, or ! when the file does not parse. One jq for
# all files while they all parse.
jq_each() {
	filter=$1
	shift
	if out=$(jq -r -n "inputs | \"\\(input_filename) \\($filter)\"" "$@" 2>/dev/null); then
		printf '%s\n' "$out"
		return
	fi
	for f; do
		r=$(jq -r "$filter" "$f" 2>/dev/null) || r='!'
		echo "$f $r"
	done
}
