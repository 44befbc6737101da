#!/usr/bin/env bash
# understand_corpus.sh: the held-out replies in tests/fixtures/heldout,
# whole messages as clients send them (quoted invitations, signatures and
# disclaimers with "niet" and "geen", HTML only, base64, ISO-8859-1), each
# handled by the real pipeline (handle_file: parse, quote, understand,
# incoming) as if it came from a member. What `mailbot inbox --json` then
# shows (kind, status, question) is compared with the label in MANIFEST.tsv;
# at least 97% must be right. Misses are listed as "# miss" lines.
# 001-097 were written before the rules were looked at and the rules were
# then improved on them; 098-127 were written afterwards and never tuned on.
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
MAILBOT=$(realpath "${MAILBOT:-build/mailbot}")
TOOLS=$(realpath "${TOOLS_DIR:-build/tools}")
[ -x "$TOOLS/handle_file" ] || TOOLS=$(realpath build/tools)
HELD=tests/fixtures/heldout
NEEDED=97

dir=$(mktemp -d /tmp/mbu.XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$dir"' EXIT
offline_conf "$dir"
mb() { "$MAILBOT" -c "$dir/mailbot.conf" --now '2026-11-23 12:00' "$@"; }
mb init >/dev/null
mb network add 'Leernetwerk Oost' >/dev/null

files=()
labels=()
while IFS=$'\t' read -r f label _; do
	case $f in '#'*|'') continue ;; esac
	files+=("$HELD/$f")
	labels+=("$label")
	# Everyone but the would-be newcomers is a member.
	[ "$label" = J ] && continue
	from=$(sed -n 's/^From: .*<\(.*\)>\r$/\1/p' "$HELD/$f" | head -n 1)
	mb member add 1 "$from" 'Held Out' >/dev/null
done <"$HELD/MANIFEST.tsv"
mb meeting add 1 --start '2027-01-14 14:00' --end '2027-01-14 17:00' \
    --location Zwolle >/dev/null
"$TOOLS/handle_file" "$dir/mailbot.conf" '2026-11-23 12:00' "${files[@]}" \
    >"$dir/out" 2>"$dir/err"
check_eq "every held-out message is handled" 0 "$?"
mb inbox --json >"$dir/inbox.json"

# seen N: what the Nth message became, in the labels' terms.
seen() {
	jq -r --argjson n "$1" '.[$n] |
	    (if .kind == "rsvp" and .status == null then "U"
	    elif .kind == "rsvp" then
		{accepted: "A", declined: "D", tentative: "T",
		 delegated: "G"}[.status]
	    elif .kind == "question" then "Q"
	    elif .kind == "join_request" then "J"
	    elif .kind == "leave_request" then "L"
	    elif .kind == "noise" then "N"
	    else .kind end) +
	    (if .question and .kind == "rsvp" and .status != null then "?"
	    else "" end)' "$dir/inbox.json"
}
right=0
total=${#files[@]}
for i in "${!files[@]}"; do
	got=$(seen "$i")
	if [ "$got" = "${labels[$i]}" ]; then
		right=$((right + 1))
	else
		printf '# miss: %s: want %s got %s: %s\n' "${files[$i]##*/}" \
		    "${labels[$i]}" "$got" \
		    "$(grep -F "${files[$i]##*/}" "$HELD/MANIFEST.tsv" | cut -f3)"
	fi
done
check "held-out replies: $right of $total right (>= $NEEDED%)" \
    test $((right * 100)) -ge $((total * NEEDED))
finish
