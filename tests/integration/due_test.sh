#!/usr/bin/env bash
# due_test.sh: the scheduled mail's edges through the real mail stack:
# `plan` and `hosts suggest` as a coordinator reads them, bad input, the
# duo's replies (programme, empty, replaced), a meeting added late, a
# cancelled meeting, a removed member, a reminder sent late once, and two
# missed reminders that become one.
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
export MAILSTACK_PORT_BASE=${MAILSTACK_PORT_BASE:-26000}
MAILBOT=$(realpath "${MAILBOT:-build/mailbot}")
MS=$(realpath tests/mailstack/mailstack)
TOOLS=$(realpath "${TOOLS_DIR:-build/tools}")

stack_start
# The test works inside $dir: stop the stack by its absolute path.
trap '"$MS" stop "$dir/stack" >/dev/null 2>&1; rm -rf "$dir"' EXIT
mailbot_conf "$dir/stack" >"$dir/mailbot.conf"
cd "$dir" || exit 2
NOW='2027-03-01 10:00'
BOTMAIL=0
mb() { "$MAILBOT" -c "$dir/mailbot.conf" --now "$NOW" "$@"; }
once() {
	NOW=$1
	mb once >>"$dir/once.log" 2>&1 ||
	    not_ok "once at $1" "$(tail -n 2 "$dir/once.log")"
}
header() {
	sed -n "s/^$2: //Ip" "$1" | head -n 1 | tr -d '\r'
}
send() {	# FROM TO BODY-LINES...
	local from=$1 to=$2
	shift 2
	BOTMAIL=$((BOTMAIL + 1))
	printf '%s\r\n' "From: $from@mailbot.test" "To: $to" "Subject: Re: x" \
	    "Message-ID: <due$BOTMAIL@mailbot.test>" "" "$@" >"$dir/m$BOTMAIL"
	"$MS" send-signed "$dir/stack" "$from@mailbot.test" "$to" "$dir/m$BOTMAIL" >/dev/null
	"$MS" wait "$dir/stack" bot "$BOTMAIL" 10 >/dev/null
}
# kinds USER: "kind local-time" of each scheduled mail in USER's box
kinds() {
	local n u f m
	# Delivery takes a moment: wait until the box stops growing.
	n=$("$MS" count "$dir/stack" "$1")
	while sleep 0.3; m=$("$MS" count "$dir/stack" "$1"); [ "$m" != "$n" ]; do
		n=$m
	done
	for ((u = 1; u <= n; u++)); do
		f="$dir/$1.$u"
		[ -s "$f" ] || "$MS" fetch "$dir/stack" "$1" $u >"$f"
		case $(header "$f" X-Mailbot-Kind) in
		reminder|nudge|host-prep|summary)
			printf '%s %s\n' \
			    "$(TZ=Europe/Amsterdam date -d "$(header "$f" Date)" '+%F %H:%M')" \
			    "$(header "$f" X-Mailbot-Kind)" ;;
		esac
	done | sort | awk '{print $3, $1, $2}' | xargs
}
# newest USER KIND: the file of USER's newest mail of KIND (after kinds)
newest() {
	grep -l "^X-Mailbot-Kind: $2" "$dir/$1".* | sort -t. -k3 -n | tail -n 1
}

mb init >/dev/null
mb network add 'Leernetwerk West' >/dev/null
mb member add 1 alice@mailbot.test 'Alice de Vries' --role bestuurder >/dev/null
mb member add 1 bob@mailbot.test 'Bob Smith' --role bestuurder --lang en >/dev/null
mb member add 1 carol@mailbot.test 'Carol Jansen' --role zorgkantoor >/dev/null
mb member add 1 dave@mailbot.test 'Dave Peters' >/dev/null

# hosts suggest: the proposal and why; bad input is one clear line.
out=$(mb hosts suggest 'Leernetwerk West')
check_eq "hosts suggest: first member and one of another role" \
    "alice@mailbot.test  Alice de Vries (bestuurder): never prepared a meeting
carol@mailbot.test  Carol Jansen (zorgkantoor): never prepared a meeting" \
    "$(printf '%s\n' "$out" | head -n 2)"
check_match "... says why" "^why: fewest turns" "$(printf '%s\n' "$out" | tail -n 1)"
mb hosts suggest nosuch >/dev/null 2>"$dir/err"; rc=$?
check_eq "hosts suggest: unknown network exits 65" 65 "$rc"
check_eq "... with one line" 1 "$(wc -l <"$dir/err")"
mb hosts >/dev/null 2>&1; check_eq "hosts without suggest: usage" 64 "$?"
mb hosts suggest 1 --meeting x >/dev/null 2>&1
check_eq "hosts --meeting x: usage" 64 "$?"
mb plan --days 0 >/dev/null 2>"$dir/err"; rc=$?
check_eq "plan --days 0: usage" 64 "$rc"
check_match "... said in one line" "usage: mailbot plan" "$(cat "$dir/err")"
mb plan --weeks 2 >/dev/null 2>&1; check_eq "plan --weeks: usage" 64 "$?"

# Meeting 1 added ten days ahead, without --hosts: the fair duo; the
# preparation mail goes at once, the 14-day reminder never was.
mb meeting add 1 --start '2027-03-11 14:00' --end '2027-03-11 17:00' \
    --location Utrecht >/dev/null
check_eq "meeting add proposes the duo" "alice@mailbot.test carol@mailbot.test" \
    "$(mb meeting show 1 --json | jq -r '.hosts | join(" ")')"
mb meeting add 1 --start '2027-04-15 14:00' --end '2027-04-15 17:00' \
    --location Utrecht --hosts dave@mailbot.test,bob@mailbot.test >/dev/null
mb meeting add 1 --start '2027-05-20 14:00' --end '2027-05-20 17:00' \
    --location Utrecht >/dev/null
mb meeting add 1 --start '2027-06-24 14:00' --end '2027-06-24 17:00' \
    --location Utrecht >/dev/null
check_eq "meeting 3: least recent first, no duo twice, another role" \
    "alice@mailbot.test dave@mailbot.test" \
    "$(mb meeting show 3 --json | jq -r '.hosts | join(" ")')"
for m in 1 2 3 4; do mb meeting invite $m >/dev/null; done
plan=$(mb plan --days 12)
check_match "plan: the preparation mail, now" \
    "^2027-03-01 10:00  host-prep    meeting 1    alice@mailbot.test$" "$plan"
check_match "plan: nudges two days ahead at 09:00" \
    "2027-03-09 09:00  nudge        meeting 1    dave@mailbot.test" "$plan"
check_eq "plan: no 14-day reminder for a meeting added 10 days ahead" 0 \
    "$(printf '%s\n' "$plan" | grep -c '2027-02-25\|reminder')"
check_eq "plan: 2 preparation mails, 4 nudges, digest" "1 digest 2 host-prep 4 nudge 1 register 4 summary" \
    "$(printf '%s\n' "$plan" | awk '{print $3}' | sort | uniq -c | xargs)"
once '2027-03-01 10:00'
check_eq "the duo got the preparation mail at once" "host-prep 2027-03-01 10:00" "$(kinds carol)"
check_eq "plan drops what was sent" 0 "$(mb plan --days 12 | grep -c host-prep)"

# The duo's replies: an empty one stores nothing; the latest one counts.
prep=$(header "$(newest carol host-prep)" Reply-To | tr -d '<>')
check_match "the preparation mail's Reply-To is the prep address" '^bot\+prep-[a-z0-9]+@mailbot.test$' "$prep"
send carol "$prep" "> Wil je het programma sturen?"
once '2027-03-02 10:00'
check_match "an empty reply stores nothing" "empty reply from the host duo" \
    "$(mb inbox --json | jq -r '.[] | select(.message_id | contains("due1@")) | .actions[]')"
send carol "$prep" "Eerste versie"
send carol "$prep" "Programma: 14.00 casus Carol" "" "> oud"
once '2027-03-03 10:00'
check_eq "the latest reply is the programme" "Programma: 14.00 casus Carol" \
    "$(sqlite3 state.db 'SELECT programme FROM meeting WHERE id = 1')"
check_eq "... and changed no answer" needs-action \
    "$(mb meeting show 1 --json | jq -r '.attendees[] | select(.email=="carol@mailbot.test") | .status')"
send alice bot@mailbot.test "Ja, ik kom."
once '2027-03-03 11:00'
once '2027-03-09 09:00'
check_eq "Alice (accepted) gets the reminder" "reminder 2027-03-09 09:00" \
    "$(kinds alice | grep -o 'reminder 2027-03-09 09:00')"
check_match "... with the programme" "14.00 casus Carol" \
    "$("$TOOLS/mime_part" "$(newest alice reminder)" text/plain | tr -d '\r')"
check_eq "Dave (no answer) gets the nudge" "nudge 2027-03-09 09:00" \
    "$(kinds dave | grep -o 'nudge 2027-03-09 09:00')"

# Meeting 2 is cancelled: nothing more for it.
NOW='2027-03-20 10:00'
mb meeting cancel 2 >/dev/null
# Dave leaves; Carol declines meeting 3.
mb member remove dave@mailbot.test >/dev/null
send carol bot@mailbot.test "Helaas verhinderd."
once '2027-04-16 10:00'
check_eq "hosts suggest --meeting 3 leaves out who declined it" 0 \
    "$(mb hosts suggest 1 --meeting 3 | grep -c carol)"

# Down from before the 14-day reminder of meeting 3 (6 May) until 10 May:
# sent late, once; the 2-day one on time.
once '2027-05-01 10:00'
once '2027-05-10 10:00'
once '2027-05-10 11:00'
once '2027-05-18 09:00'
once '2027-05-21 09:00'
# Down from 1 June until the day before meeting 4: one reminder, not two.
once '2027-06-01 10:00'
once '2027-06-23 10:00'
once '2027-06-23 12:00'
once '2027-06-24 15:00'
check_eq "Alice: meeting 1 (no summary: once did not run that week); 3 (prep and 14-day late, 2-day on time); 4 (one of two)" \
    "host-prep 2027-03-01 10:00 reminder 2027-03-09 09:00 host-prep 2027-05-01 10:00 nudge 2027-05-10 10:00 nudge 2027-05-18 09:00 summary 2027-05-21 09:00 nudge 2027-06-23 10:00" \
    "$(kinds alice)"
check_eq "Carol (declined meeting 3) gets its summary, no reminder" \
    "host-prep 2027-03-01 10:00 nudge 2027-03-09 09:00 summary 2027-05-21 09:00 host-prep 2027-06-01 10:00 nudge 2027-06-23 10:00" \
    "$(kinds carol)"
check_eq "Dave (removed) gets nothing after he left" \
    "nudge 2027-03-09 09:00" "$(kinds dave)"
check_eq "the summary of meeting 1, a month late, was never sent" 0 \
    "$(sqlite3 state.db "SELECT count(*) FROM job WHERE key LIKE 'summary:1:%'")"
check_eq "nothing of the cancelled meeting" 0 \
    "$(sqlite3 state.db "SELECT count(*) FROM outbox WHERE meeting_id = 2 AND kind NOT IN ('invitation', 'cancel')")"
check_eq "no job twice, nothing waiting" "0 0" \
    "$(sqlite3 state.db "SELECT count(*) FROM outbox WHERE state <> 'sent'") $(sqlite3 state.db "SELECT count(*) - count(DISTINCT key) FROM job")"
finish
