#!/bin/bash
# tests/fuzz/seeds.sh TARGET DIR: fills DIR (emptied first) with seed
# inputs for the fuzz target TARGET, made now from tests/fixtures/ and,
# when it is there, the shared corpus (../shared/corpus); nothing is
# copied into the project. A few seeds are written here for targets the
# fixtures say little about. Run from anywhere.
set -u
cd "$(dirname "$0")/../.." || exit 2

target=$1
dir=$2
CORPUS=../shared/corpus
MAXSEEDS=400

rm -rf "$dir"
mkdir -p "$dir" || exit 2

# Every file of the fixtures and the corpus whose name matches $1
# (a find -name pattern), NUL-separated.
files() {
	local roots=(tests/fixtures)
	[ -d "$CORPUS" ] && roots+=("$CORPUS")
	find "${roots[@]}" -type f -name "$1" ! -name MANIFEST.tsv \
	    ! -name README.md -print0 | sort -z
}

# Copies each file named on stdin (NUL-separated) into $dir.
take() {
	local f n=0
	while IFS= read -r -d '' f; do
		n=$((n + 1))
		[ "$n" -le "$MAXSEEDS" ] || break
		head -c 65536 "$f" >"$dir/file-$n"
	done
}

# Writes each line of stdin, unique, as a seed of its own.
lines() {
	local line n=0
	sort -u | while IFS= read -r line; do
		n=$((n + 1))
		[ "$n" -le "$MAXSEEDS" ] || break
		printf '%s' "$line" >"$dir/line-$n"
	done
}

# Writes its arguments, each as a seed.
seed() {
	local s n=0
	for s in "$@"; do
		n=$((n + 1))
		printf '%b' "$s" >"$dir/given-$n"
	done
}

# The header fields of every .eml, unfolded, one per line.
fields() {
	files '*.eml' | xargs -0 -r awk '
	    FNR == 1 { inhdr = 1; if (f != "") print f; f = "" }
	    !inhdr { next }
	    /^\r?$/ { inhdr = 0; if (f != "") print f; f = ""; next }
	    /^[ \t]/ { sub(/\r$/, ""); f = f $0; next }
	    { sub(/\r$/, ""); if (f != "") print f; f = $0 }
	    END { if (f != "") print f }'
}

# The parts of the .eml files from a line matching $1 to the next
# boundary line, without the part header.
parts() {
	files '*.eml' | xargs -0 -r awk -v start="$1" -v dir="$dir" '
	    FNR == 1 { on = 0 }
	    tolower($0) ~ start { on = 1; body = 0; n++; out = dir "/part-" n;
		next }
	    on && /^--/ { on = 0; next }
	    on && !body && /^\r?$/ { body = 1; next }
	    on && body { print > out }'
}

case $target in
mail|header|encoding)
	files '*.eml' | take
	;;
dsn)
	parts 'content-type: *message/(global-)?delivery-status'
	seed 'Reporting-MTA: dns; mx.example\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 unknown\n'
	;;
html)
	files '*.html' | take
	files '*.eml' | xargs -0 -r grep -lZi '<html' | take
	;;
rfc2047)
	fields | grep '=?' | sed 's/^[^:]*: *//' | lines
	;;
rfc2231)
	fields | grep -iE '^content-(type|disposition):' |
	    sed -n 's/^[^;]*;//p' | lines
	seed "; name*0*=utf-8''caf%C3%A9; name*1=\"-reply.ics\"" \
	    "; filename*=iso-8859-1'nl'caf%E9.ics; method=REPLY"
	;;
charset)
	seed 'utf-8\ncaf\xc3\xa9' 'iso-8859-1\ncaf\xe9' \
	    'windows-1252\n\x80 \x93ja\x94' 'ks_c_5601-1987\n\xc7\xd1\xb1\xb9' \
	    'shift_jis\n\x82\xa0\x82' 'utf-7\n+AKM-1' 'utf-16le\na\0b\0' \
	    'x-nonesuch*en\ncaf\xe9' 'iso-2022-jp\n\x1b$B$"\x1b(B'
	fields | grep -io 'charset="\?[a-z0-9_:.-]*' |
	    sed 's/^charset="\{0,1\}//' | sort -u | while read -r cs; do
		printf '%s\ncaf\351 \342\202\254 \201\202\203' "$cs" \
		    >"$dir/cs-$cs"
	done
	;;
quote)
	files '*.txt' | take
	files '*.html' | take
	;;
understand)
	grep -v '^#' tests/fixtures/understand/replies.tsv |
	    cut -f3 | sed 's/\\n/\n/g; s/^/Re: Uitnodiging\n/' |
	    awk -v dir="$dir" 'BEGIN { RS = "Re: Uitnodiging\n" }
		NF { n++; printf "Re: Uitnodiging\n%s", $0 > dir "/reply-" n }'
	for set in tests/fixtures/blind/set1 tests/fixtures/blind/set2; do
		[ -f "$set/MANIFEST.tsv" ] || continue
		grep -v '^#' "$set/MANIFEST.tsv" | cut -f8 |
		    sed 's/\\n/\n/g; s/^/Re: Uitnodiging\n/' |
		    awk -v dir="$dir" -v s="${set##*/}" \
		    'BEGIN { RS = "Re: Uitnodiging\n" }
			NF { n++; printf "Re: Uitnodiging\n%s", $0 > dir "/" s "-" n }'
	done
	;;
return_date)
	files '*.eml' | xargs -0 -r grep -lZiE 'out of office|afwezig|vacation' |
	    take
	seed 'Ik ben terug op maandag 7 december.' \
	    'Out from Monday 30 November to Friday 4 December.' \
	    'Tot en met 4 januari afwezig, vanaf 5-1-2027 weer bereikbaar.'
	;;
authres)
	seed 'mx.example 1; dkim=pass (2048-bit) header.d=zorg.nl header.i=@zorg.nl; dmarc=pass header.from=zorg.nl' \
	    'mx.example; none' '(c) mx.example; dkim/1 = fail reason="a; b" header.b="x=="'
	fields | grep -i '^authentication-results:' | sed 's/^[^:]*: *//' |
	    lines
	;;
calendar)
	files '*.ics' | take
	files '*.eml' | xargs -0 -r awk -v dir="$dir" '
	    /^BEGIN:VCALENDAR/ { on = 1; n++; out = dir "/vcal-" n }
	    on { print > out }
	    /^END:VCALENDAR/ { on = 0 }'
	;;
csv)
	cp tests/sample/leernetwerk.csv "$dir/"
	seed 'email,name,organisation,role,lang\na@b.nl,"Jansen, J.",X,,nl\n' \
	    '\xef\xbb\xbfe-mail;naam\r\na@b.nl;"Piet ""P"" Pieters"\r\n'
	;;
config)
	cp mailbot.conf.example "$dir/"
	seed '[mailbot]\naddress = bot@example.nl\ncoordinator = c@example.nl\ndatabase = /tmp/x.db\n[imap]\nurl = imaps://127.0.0.1:993/INBOX\nuser = bot\npassword_file = /nonexistent\n[smtp]\nurl = smtp://127.0.0.1:587\nuser = bot\npassword_file = /nonexistent\n[schedule]\nreminders = 14d 2d\ndigest = ma 08:00\n'
	;;
address)
	fields | grep -iE '^(from|to|cc|reply-to):' | sed 's/^[^:]*: *//' |
	    lines
	;;
*)
	echo "seeds.sh: no such target: $target" >&2
	exit 2
	;;
esac
# an empty input is always a seed
: >"$dir/empty"
exit 0
