#!/usr/bin/env bash
# tests/cli/quote_corpus.sh: quote_visible() (through build/tools/quote_visible)
# on real replies. Other projects' quoted-reply fixtures in ../shared/corpus
# must give their expected visible text for at least 90% of the files; our
# own fixtures in tests/fixtures/quote/ must each give their .expect exactly.
# The corpus is read where it lies, never copied into the project.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh

CORPUS=../shared/corpus
FIXTURES=tests/fixtures/quote
TOOLS=${TOOLS_DIR:-build/tools}
[ -x "$TOOLS/quote_visible" ] || TOOLS=build/tools	# no sanitizer build of tools
TOOL=$TOOLS/quote_visible
MIME=$TOOLS/mime_part
[ -x "$MIME" ] || MIME=build/tools/mime_part
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ ! -x "$TOOL" ]; then
	not_ok "quote_visible built" "$TOOL is missing: run make units"
	finish
fi

# normal: trims every line, drops leading and trailing blank lines and
# squeezes runs of blank lines into one.
normal() {
	sed -e 's/\r$//' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' |
	    awk 'NF { if (seen && blank) print ""; print; seen = 1; blank = 0; next }
		{ blank = 1 }'
}

# eml_visible FILE: the visible text of a whole message, from its first
# text/plain part (else its text/html part), decoded to UTF-8. A message
# that opens with a blank line (discourse-dutch.eml) has it removed first.
eml_visible() {
	local f=$1 type charset
	sed '/./,$!d' "$f" >"$tmp/msg.eml"
	for type in text/plain text/html; do
		"$MIME" "$tmp/msg.eml" "$type" >"$tmp/part" 2>/dev/null || continue
		charset=$("$MIME" "$tmp/msg.eml" --tree |
		    sed -n "s|^ *$type;.*charset=\([^;]*\).*|\1|p" | head -n 1)
		if [ -n "$charset" ] && ! iconv -f "$charset" -t UTF-8 \
		    "$tmp/part" >"$tmp/part.utf8" 2>/dev/null; then
			cp "$tmp/part" "$tmp/part.utf8"
		elif [ -z "$charset" ]; then
			cp "$tmp/part" "$tmp/part.utf8"
		fi
		if [ "$type" = text/html ]; then
			"$TOOL" --html "$tmp/part.utf8"
		else
			"$TOOL" "$tmp/part.utf8"
		fi
		return
	done
	echo "(no text part)"
}

# visible FILE: the tool's output for a corpus or fixture file.
visible() {
	case $1 in
	*.eml) eml_visible "$1" ;;
	*.html) "$TOOL" --html "$1" ;;
	*) "$TOOL" "$1" ;;
	esac
}

corpus() {
	local path expected rest got want y=0 x=0
	while IFS=$'\t' read -r path _ expected rest; do
		case $expected in
		quoted-reply/expected/*) ;;
		*) continue ;;
		esac
		expected=${expected%% *}
		y=$((y + 1))
		got=$(visible "$CORPUS/$path" 2>&1 | normal)
		want=$(normal <"$CORPUS/$expected")
		case $path in
		*.html)	# talon compares HTML replies ignoring white space
			got=$(printf '%s' "$got" | tr -d '[:space:]')
			want=$(printf '%s' "$want" | tr -d '[:space:]')
			;;
		esac
		if [ "$got" = "$want" ]; then
			x=$((x + 1))
		else
			printf '# mismatch: %s\n' "$path"
			diff <(printf '%s\n' "$want") <(printf '%s\n' "$got") |
			    sed -n '2,8s/^/#   /p'
		fi
	done < <(awk -F'\t' '$2 == "quoted-reply"' "$CORPUS/MANIFEST.tsv")
	if [ "$y" -eq 0 ]; then
		not_ok "quoted-reply corpus" "no file with an expected text in MANIFEST.tsv"
	elif [ $((x * 10)) -ge $((y * 9)) ]; then
		ok "quoted-reply corpus: visible text matches for at least 90% (got $x of $y)"
	else
		not_ok "quoted-reply corpus: visible text matches for at least 90%" "got $x of $y"
	fi
}

if [ -f "$CORPUS/MANIFEST.tsv" ]; then
	corpus
elif [ "${CI:-}" = true ]; then
	not_ok "quoted-reply corpus" "$CORPUS/MANIFEST.tsv not found (CI=true)"
else
	printf '# %s not found: the quoted-reply corpus was not run\n' "$CORPUS"
	ok "quoted-reply corpus: not found at $CORPUS, not run (CI=true fails here)"
fi

# Our own fixtures: FILE.txt (or FILE.html) and FILE.expect, exactly.
n=0
for f in "$FIXTURES"/*.txt "$FIXTURES"/*.html; do
	[ -e "$f" ] || continue
	exp=${f%.*}.expect
	name="quote fixture $(basename "$f")"
	if [ ! -f "$exp" ]; then
		not_ok "$name" "$exp is missing"
		continue
	fi
	n=$((n + 1))
	got=$(visible "$f" 2>&1)
	want=$(cat "$exp")
	if [ "$got" = "$want" ]; then
		ok "$name"
	else
		not_ok "$name" "$(diff <(printf '%s\n' "$want") \
		    <(printf '%s\n' "$got") | sed -n '2,12p' | tr '\n' '|')"
	fi
done
[ "$n" -gt 0 ] || not_ok "quote fixtures" "none in $FIXTURES"
finish
