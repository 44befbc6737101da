#!/bin/bash
# tests/cli/mail_corpus.sh: runs mail_dump over every file of the shared
# third-party corpus (../shared/corpus, read in place, never copied):
# nothing may crash, every iMIP reply must yield a METHOD:REPLY calendar
# part, and the DSN recipient must be found for >= 90% of the labelled
# bounces that carry a machine-readable DSN.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh

CORPUS=../shared/corpus
DUMP=${TOOLS_DIR:-build/tools}/mail_dump

if [ ! -d "$CORPUS" ]; then
	if [ "${CI:-}" = true ]; then
		not_ok "mail corpus" "$CORPUS is missing"
	else
		ok "mail corpus # skip: $CORPUS not present"
	fi
	finish
fi
if [ ! -x "$DUMP" ]; then
	not_ok "mail corpus" "$DUMP not built (make units)"
	finish
fi

# a sanitizer build (TOOLS_DIR=build/san/tools) reports an error as a crash
export ASAN_OPTIONS=${ASAN_OPTIONS:-exitcode=134}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:exitcode=134}

OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

# 1. no crash, no hang, for every file
total=0
crashed=
while IFS= read -r -d '' f; do
	rel=${f#"$CORPUS"/}
	total=$((total + 1))
	out="$OUT/$(printf '%s' "$rel" | tr '/' '_')"
	timeout 20 "$DUMP" "$f" >"$out" 2>"$out.err"
	rc=$?
	if [ "$rc" -ge 124 ]; then
		crashed="$crashed $rel($rc)"
	fi
done < <(find "$CORPUS" -type f ! -name MANIFEST.tsv ! -name README.md \
    -print0 | sort -z)
if [ -z "$crashed" ] && [ "$total" -gt 0 ]; then
	ok "all $total corpus messages parse without a crash"
else
	not_ok "corpus messages parse without a crash" \
	    "$total files, crashed or hung:$crashed"
fi

dumped() {
	printf '%s/%s' "$OUT" "$(printf '%s' "$1" | tr '/' '_')"
}

# 2. every imip-reply .eml has a METHOD:REPLY part, except the rows
# MANIFEST marks as missing the calendar part
n=0
bad=
for f in "$CORPUS"/imip-reply/*.eml; do
	rel=${f#"$CORPUS"/}
	if awk -F'\t' -v p="$rel" '$1 == p && $3 ~ /calendar part missing/ \
	    { found = 1 } END { exit !found }' "$CORPUS/MANIFEST.tsv"; then
		continue
	fi
	n=$((n + 1))
	grep -q '^cal: REPLY ' "$(dumped "$rel")" || bad="$bad $rel"
done
if [ -z "$bad" ] && [ "$n" -gt 0 ]; then
	ok "all $n imip-reply messages yield a METHOD REPLY calendar part"
else
	not_ok "imip-reply messages yield a METHOD REPLY part" \
	    "$n checked, missing in:$bad"
fi

# 3. DSN recipients of labelled bounces
with_dsn=0
found=0
missed=
while IFS=$'\t' read -r path category expected _; do
	[ "$category" = bounce ] || continue
	case $expected in *rcpt=*) ;; *) continue ;; esac
	out=$(dumped "$path")
	[ -s "$out" ] || continue
	grep -q '^has_dsn_part: 1' "$out" || continue
	with_dsn=$((with_dsn + 1))
	rcpts=$(printf '%s' "$expected" | sed -n 's/.*rcpt=\([^;]*\).*/\1/p' |
	    tr 'A-Z,' 'a-z ')
	hit=
	for r in $rcpts; do
		if grep -q "^dsn: $r " "$out"; then
			hit=1
		fi
	done
	if [ -n "$hit" ]; then
		found=$((found + 1))
	else
		missed="$missed $path"
	fi
done < "$CORPUS/MANIFEST.tsv"
if [ "$with_dsn" -gt 0 ] && [ $((found * 100)) -ge $((with_dsn * 90)) ]
then
	[ -n "$missed" ] && printf '# DSN recipient not found in:%s\n' \
	    "$missed"
	pct=$((found * 100 / with_dsn))
	ok "DSN recipient found in $found of $with_dsn DSN bounces ($pct%)"
else
	not_ok "DSN recipient found in >= 90% of labelled bounces" \
	    "$found of $with_dsn; missed:$missed"
fi
finish
