# tests/report_cases.sh - sourced by the report tests: runs oacheck on
# every fixtures/<case>/ whose command checks something (exit 0 or 1, no
# format of its own) once per format FMT, writing $tmp/<case>.<FMT>.
# Sets $cases to the cases that ran. Needs OACHECK, OAC_FIXTURES, tmp.
report_cases() { # FMT...
	cases=
	for dir in "$OAC_FIXTURES"/*/; do
		c=$(basename "$dir")
		[ -f "$dir/cmd" ] || continue
		status=0
		[ -f "$dir/expected.status" ] && status=$(cat "$dir/expected.status")
		case $status in 0 | 1) ;; *) continue ;; esac
		args=$(cat "$dir/cmd")
		case " $args" in *" -f"* | *--format* | *" -o"* | *--output* | *--dump* | *--list* | *--explain* | *--emit* | *--fix* | *--diff*) continue ;; esac
		for fmt in "$@"; do
			(cd "$dir" && eval "\"\$OACHECK\" $args -f $fmt -o \"\$tmp/\$c.\$fmt\"" </dev/null 2>"$tmp/$c.$fmt.err")
			rc=$?
			if [ "$rc" != "$status" ]; then
				echo "FAIL - $c -f $fmt: exit $rc, expected $status"
				cat "$tmp/$c.$fmt.err"
				return 1
			fi
		done
		cases="$cases $c"
	done
	[ -n "$cases" ] || { echo "FAIL - no fixture case ran"; return 1; }
}
