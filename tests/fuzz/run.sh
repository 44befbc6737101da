#!/bin/bash
# tests/fuzz/run.sh [-s|-k] SECONDS [TARGET...]: runs each libFuzzer target
# (build/fuzz/NAME_fuzz; all of them when none is named), one at a time,
# for SECONDS seconds each, on seeds made now by seeds.sh and on what
# earlier runs found (build/fuzz/corpus/NAME). Prints one line per target:
#   ok - fuzz NAME: N executions in S s, 0 findings
#   not ok - fuzz NAME: N executions in S s, 1 finding: FILE
# A finding (crash, sanitizer report, leak, timeout, out of memory) saves
# its input under build/fuzz/findings/ and ends that target's run; its
# log stays in build/fuzz/logs/NAME.log. With -s (smoke, for make check)
# the new inputs found go to a temporary directory and are dropped. With
# -k (keep going) a finding does not end the run: libFuzzer's fork mode
# goes on for the whole time and saves each finding. Exits 1 when any
# target had a finding.
set -u
cd "$(dirname "$0")/../.." || exit 2

smoke=
keep=()
case ${1:-} in
-s)	smoke=1
	shift
	;;
-k)	keep=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
	shift
	;;
esac
secs=${1:-60}
shift
B=build/fuzz
mkdir -p "$B/findings" "$B/logs" "$B/seeds" "$B/corpus" || exit 2

# The longest input each target is given, in bytes.
max_len() {
	case $1 in
	mail|html|quote) echo 65536 ;;
	header|dsn|calendar|csv) echo 16384 ;;
	understand|config) echo 8192 ;;
	*) echo 4096 ;;
	esac
}

if [ $# -gt 0 ]; then
	targets=("$@")
else
	targets=()
	for f in tests/fuzz/*_fuzz.c; do
		f=${f##*/}
		targets+=("${f%_fuzz.c}")
	done
fi

# The runs' own sanitizer settings, whatever the caller's are: reports go
# to the log, not to files elsewhere.
export ASAN_OPTIONS=detect_leaks=1:symbolize=1:allocator_may_return_null=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

failed=0
for t in "${targets[@]}"; do
	bin=$B/${t}_fuzz
	log=$B/logs/$t.log
	if [ ! -x "$bin" ]; then
		printf 'not ok - fuzz %s: %s not built (make fuzz-build)\n' \
		    "$t" "$bin"
		failed=1
		continue
	fi
	tests/fuzz/seeds.sh "$t" "$B/seeds/$t" || exit 2
	corpus=$B/corpus/$t
	if [ -n "$smoke" ]; then
		corpus=$tmp/$t
	fi
	mkdir -p "$corpus"
	ls "$B/findings" | grep "^$t-" | sort >"$tmp/before"
	start=$(date +%s)
	"$bin" "$corpus" "$B/seeds/$t" -max_total_time="$secs" \
	    -max_len="$(max_len "$t")" -timeout=5 -rss_limit_mb=512 \
	    -print_final_stats=1 -artifact_prefix="$B/findings/$t-" \
	    "${keep[@]}" >"$log" 2>&1
	rc=$?
	took=$(($(date +%s) - start))
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" |
	    tail -n 1)
	if [ -z "$execs" ]; then	# fork mode: "#N: cov: ..."
		execs=$(sed -n 's/^#\([0-9]*\): .*/\1/p' "$log" | tail -n 1)
	fi
	# what this run saved: NAME-crash-*, -leak-, -timeout-, -oom-, ...
	ls "$B/findings" | grep "^$t-" | sort |
	    comm -13 "$tmp/before" - >"$tmp/new"
	n=$(grep -c . "$tmp/new")
	kinds=$(sed "s/^$t-\(.*\)-[0-9a-f]*\$/\1/" "$tmp/new" | sort |
	    uniq -c | awk '{ printf "%s%d %s", sep, $1, $2; sep = ", " }')
	files=$(sed "s|^|$B/findings/|" "$tmp/new" | tr '\n' ' ')
	if [ "$rc" -ne 0 ] && [ "$n" -eq 0 ]; then
		n=1
		kinds="exit $rc"
		files="none saved, see $log"
	fi
	if [ "$n" -eq 0 ]; then
		printf 'ok - fuzz %s: %s executions in %d s, 0 findings\n' \
		    "$t" "${execs:-?}" "$took"
	else
		printf 'not ok - fuzz %s: %s executions in %d s, ' \
		    "$t" "${execs:-?}" "$took"
		printf '%d finding(s) (%s): %s\n' "$n" "$kinds" "$files"
		grep -E '^(==[0-9]+==ERROR|SUMMARY|    #[0-9] )' "$log" |
		    head -n 12 | sed 's/^/#   /'
		failed=1
	fi
done
exit "$failed"
