#!/usr/bin/env bash
# incoming_corpus.sh: every real auto-reply, bounce and look-alike from the
# corpus (../shared/corpus) handled as if it came from a member invited to
# a meeting: none may change an answer, and none may crash or be lost.
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
MAILBOT=$(realpath "${MAILBOT:-build/mailbot}")
TOOLS=$(realpath "${TOOLS_DIR:-build/tools}")
corpus=../shared/corpus
if [ ! -d "$corpus" ]; then
	if [ "${CI:-}" = true ]; then
		not_ok "corpus present" "$corpus is missing in CI"
	else
		echo "# $corpus not found: corpus checks not run"
		ok "corpus not present outside CI"
	fi
	finish
fi

dir=$(mktemp -d /tmp/mbc.XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$dir"' EXIT
offline_conf "$dir"
mb() { "$MAILBOT" -c "$dir/mailbot.conf" --now '2026-11-23 10:00' "$@"; }
mb init >/dev/null
mb network add Corpus >/dev/null

files=()
for f in "$corpus"/autoreply/* "$corpus"/bounce/* "$corpus"/other/*; do
	[ -f "$f" ] || continue
	files+=("$f")
	# The sender becomes a member, so a misreading would show.
	from=$("$TOOLS/mail_dump" "$f" 2>/dev/null | sed -n 's/^from_addr: //p' | head -n 1)
	[ -n "$from" ] && mb member add Corpus "$from" 'Corpus Sender' >/dev/null 2>&1
done
mb meeting add Corpus --start '2027-01-14 14:00' --end '2027-01-14 17:00' \
    --location Zwolle >/dev/null
members=$(mb member list --json | jq length)
"$TOOLS/handle_file" "$dir/mailbot.conf" '2026-11-23 10:00' "${files[@]}" \
    >"$dir/out" 2>"$dir/err"
rc=$?
check_eq "every corpus message is handled (store never fails)" 0 "$rc"
check_eq "each of ${#files[@]} files gets a line" "${#files[@]}" \
    "$(grep -c ': ok$' "$dir/out")"
check_eq "each is recorded (none lost)" "${#files[@]}" \
    "$(sqlite3 "$dir/state.db" 'SELECT count(*) FROM inbound')"
changed=$(sqlite3 "$dir/state.db" "SELECT count(*) FROM attendance WHERE status <> 'needs-action'")
check_eq "no auto-reply, bounce or look-alike changes an answer ($members senders were members)" \
    0 "$changed"
check_eq "none of them is answered" 0 \
    "$(sqlite3 "$dir/state.db" "SELECT count(*) FROM outbox WHERE kind = 'confirmation'")"
hard=$(awk -F"\t" '$2 == "bounce" && $3 ~ /^hard/ { print $1 }' "$corpus/MANIFEST.tsv")
n=0
b=0
for f in $hard; do
	n=$((n + 1))
	# A file whose Message-ID an earlier file had is the same message:
	# handled once, as that one was.
	uid=$(printf '%s\n' "${files[@]}" | grep -n -F "/$f" | cut -d: -f1)
	k=$(sqlite3 "$dir/state.db" "SELECT kind FROM inbound WHERE uid = $uid
	    OR message_id = (SELECT message_id FROM inbound WHERE uid = $uid)
	    ORDER BY uid LIMIT 1")
	[ "$k" = bounce ] && b=$((b + 1))
done
check "every hard bounce is a bounce ($b of $n)" test "$b" -eq "$n"
# Out-of-office return dates, where the corpus auto-replies give one (read
# by hand from each file; the year of "returning 5th Jan" and "May 5th"
# comes from the message's own Date).
ret_of() {
	local uid
	uid=$(printf '%s\n' "${files[@]}" | grep -n -F "/$1" | cut -d: -f1)
	"$MAILBOT" -c "$dir/mailbot.conf" inbox --json |
	    jq -r --argjson n "$uid" '.[$n - 1].return'
}
check_eq "AOL: 'away until 05/07/2010'" 2010-07-05 "$(ret_of autoreply/aol-vacation.eml)"
check_eq "Lotus Notes: 'until 05/01/2010', 'returning 5th Jan'" 2010-01-05 \
    "$(ret_of autoreply/lotus-notes-out-of-office.eml)"
check_eq "vacation: 'returning to the office on May 5th'" 2005-05-05 \
    "$(ret_of autoreply/vacation-generic-01.eml)"
check_eq "Exchange: 'out of the office Friday' gives no date" null \
    "$(ret_of autoreply/exchange-automatic-reply-01.eml)"
check_eq "no bounce gets a return date" 0 \
    "$(sqlite3 "$dir/state.db" "SELECT count(*) FROM inbound WHERE kind <> 'autoreply' AND return_at IS NOT NULL")"
finish
