#!/usr/bin/env bash
# invite_test.sh: invitations, updates and cancellations through the real
# mail stack. Every check reads what a member's IMAP INBOX really holds:
# the MIME structure, the calendar as libical and python3-icalendar read
# it, the token in ORGANIZER and Reply-To; and the outbox's behaviour when
# the server is away or refuses a recipient.
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
export MAILSTACK_PORT_BASE=${MAILSTACK_PORT_BASE:-26000}
MAILBOT=$(realpath "${MAILBOT:-build/mailbot}")
MS=tests/mailstack/mailstack
TOOLS=$(realpath "${TOOLS_DIR:-build/tools}")
PY=/usr/bin/python3

stack_start

mailbot_conf "$dir/stack" >"$dir/mailbot.conf"
NOW='2026-11-23 10:00'
mb() { "$MAILBOT" -c "$dir/mailbot.conf" --now "$NOW" "$@"; }

# fetch USER N: the Nth message of USER's INBOX into $dir/USER.N
fetch() {
	"$MS" fetch "$dir/stack" "$1" "$2" >"$dir/$1.$2"
}
header() {	# header FILE NAME: the unfolded header value
	awk -v h="$2" 'BEGIN { IGNORECASE = 1 }
	    /^\r?$/ { exit } /^[ \t]/ { if (on) v = v $0; next }
	    { if (on) exit; on = (tolower(substr($0, 1, length(h) + 1)) == tolower(h) ":");
	      if (on) v = substr($0, length(h) + 2) }
	    END { gsub(/\r/, "", v); sub(/^[ \t]+/, "", v); print v }' "$1"
}
# fields FILE: the calendar of the message as libical reads it; pyfields
# the same as python3-icalendar reads it.
calendar_of() {
	"$TOOLS/mime_part" "$1" text/calendar >"$1.ics"
}
fields() { "$TOOLS/ics_fields" "$1.ics"; }
pyfields() { "$PY" tests/tools/ics_fields.py "$1.ics"; }
field() { fields "$1" | sed -n "s/^$2=//p"; }

mb init >/dev/null
mb network add 'Leernetwerk Oost' >/dev/null
mb member add 1 alice@mailbot.test 'Alice de Vries' >/dev/null
mb member add 1 bob@mailbot.test 'Bob Smith' --lang en >/dev/null
mb member add 1 zoe@mailbot.test "Zoë \"Z\" O'Brien
Bcc: victim@mailbot.test" >/dev/null
mb meeting add 1 --start '2027-01-14 14:00' --end '2027-01-14 17:00' \
    --location 'De Colckhof, Zwolle' --theme 'Governance; toezicht, en meer' \
    --hosts alice@mailbot.test,bob@mailbot.test >/dev/null
mb meeting add 1 --start '2027-06-10 14:00' --end '2027-06-10 17:00' \
    --location 'Zwolle' >/dev/null

check_eq "invite queues one per member" "meeting 1: 3 invitations queued" \
    "$(mb meeting invite 1)"
check_eq "inviting again queues nothing" "meeting 1: 0 invitations queued" \
    "$(mb meeting invite 1)"
mb once >/dev/null 2>"$dir/once.err"
check_eq "once exits 0 when all is sent" 0 "$?"
for u in alice bob zoe; do
	check "$u receives the invitation" "$MS" wait "$dir/stack" "$u" 1 10
done
check_eq "each INBOX holds exactly one invitation" "1 1 1" \
    "$("$MS" count "$dir/stack" alice) $("$MS" count "$dir/stack" bob) $("$MS" count "$dir/stack" zoe)"
check_eq "nobody else got mail (victim)" 0 "$("$MS" count "$dir/stack" victim)"
check_eq "a second once sends nothing again" \
    "inbox: 0 handled
outbox: 0 sent, 0 refused, 0 waiting" "$(mb once 2>&1)"

fetch alice 1
m=$dir/alice.1
check_eq "MIME structure" "multipart/mixed
  multipart/alternative
    text/plain; charset=UTF-8
    text/html; charset=UTF-8
    text/calendar; charset=UTF-8; method=REQUEST
  application/ics; name=uitnodiging.ics" \
    "$("$TOOLS/mime_part" "$m" --tree)"
check_eq "X-Mailbot-Kind" invitation "$(header "$m" X-Mailbot-Kind)"
check_match "From is the bot with the network's name" \
    '^"?Leernetwerk Oost"? <bot@mailbot.test>$' "$(header "$m" From)"
reply_to=$(header "$m" Reply-To)
token=$(printf '%s' "$reply_to" | sed -n 's/.*bot+\([a-z2-7]\{16\}\)@mailbot.test.*/\1/p')
check_match "Reply-To carries a token" '^[a-z2-7]{16}$' "$token"
check_eq "the envelope sender names the member's token (bounces)" \
    "<bot+bounce-$token@mailbot.test>" "$(header "$m" Return-Path)"
calendar_of "$m"
check_eq "libical and python3-icalendar agree" "$(fields "$m")" "$(pyfields "$m")"
check_eq "METHOD inside" REQUEST "$(field "$m" METHOD)"
check_eq "winter start as UTC" 20270114T130000Z "$(field "$m" DTSTART_UTC)"
check_eq "ATTENDEE is the member" "mailto:alice@mailbot.test" \
    "$(field "$m" ATTENDEE)"
check_eq "ORGANIZER carries the same token" \
    "mailto:bot+$token@mailbot.test" "$(field "$m" ORGANIZER)"
check_eq "SEQUENCE 0" 0 "$(field "$m" SEQUENCE)"
check_eq "RSVP and NEEDS-ACTION" "TRUE NEEDS-ACTION" \
    "$(field "$m" RSVP) $(field "$m" PARTSTAT)"
check_eq "VALARM last" yes "$(field "$m" ALARM_LAST)"
check_match "TZID in the calendar" "Europe/Amsterdam" "$(field "$m" TZID)"
check "the calendar has a full VTIMEZONE" grep -q "BEGIN:DAYLIGHT" "$m.ics"
check_match "the Dutch text says how to answer" "ja.*nee|nee.*ja" \
    "$("$TOOLS/mime_part" "$m" text/plain)"
check "the same calendar as attachment" cmp "$m.ics" \
    <("$TOOLS/mime_part" "$m" application/ics)
uid=$(field "$m" UID)
fetch bob 1
calendar_of "$dir/bob.1"
check_match "Bob's mail is in English" "[Yy]es" \
    "$("$TOOLS/mime_part" "$dir/bob.1" text/plain)"
check "Bob's UID differs from Alice's" test "$(field "$dir/bob.1" UID)" != "$uid"
check "every line of the mail is at most 998 octets" \
    awk 'length($0) > 999 { exit 1 }' "$m"

fetch zoe 1
z=$dir/zoe.1
check_eq "no header injected from a name" "" "$(grep -i '^Bcc:' "$z")"
check_match "the name arrives (encoded) in To" '=\?UTF-8\?' "$(header "$z" To)"
calendar_of "$z"
check_eq "python agrees for an awkward name too" "$(fields "$z")" "$(pyfields "$z")"

# An update: same UID, SEQUENCE+1, the answers asked again.
sqlite3 "$dir/state.db" "UPDATE attendance SET status = 'accepted' WHERE id = 1"
check_eq "update queues one per invited" "meeting 1: 3 updates queued" \
    "$(mb meeting update 1 --start '2027-01-14 15:00' --end '2027-01-14 18:00')"
mb once >/dev/null 2>&1
check "alice receives the update" "$MS" wait "$dir/stack" alice 2 10
fetch alice 2
calendar_of "$dir/alice.2"
check_eq "update: kind" update "$(header "$dir/alice.2" X-Mailbot-Kind)"
check_eq "update: same UID" "$uid" "$(field "$dir/alice.2" UID)"
check_eq "update: SEQUENCE 1" 1 "$(field "$dir/alice.2" SEQUENCE)"
check_eq "update: the new time" 20270114T140000Z \
    "$(field "$dir/alice.2" DTSTART_UTC)"
check_eq "update: python agrees" "$(fields "$dir/alice.2")" \
    "$(pyfields "$dir/alice.2")"
check_eq "a changed time asks the answer again" needs-action \
    "$(mb meeting show 1 --json | jq -r '.attendees[] | select(.email=="alice@mailbot.test").status')"
check_eq "the old answer is kept as stale" "accepted|1" \
    "$(sqlite3 "$dir/state.db" "SELECT old_status, stale FROM attendance_history WHERE attendance_id = 1")"

# Summer time, then a cancellation.
mb meeting invite 2 >/dev/null
mb once >/dev/null 2>&1
check "alice receives the summer invitation" "$MS" wait "$dir/stack" alice 3 10
fetch alice 3
calendar_of "$dir/alice.3"
check_eq "summer start as UTC" 20270610T120000Z "$(field "$dir/alice.3" DTSTART_UTC)"
check_eq "cancel queues one per invited" "meeting 2: 3 cancellations queued" \
    "$(mb meeting cancel 2)"
mb once >/dev/null 2>&1
check "alice receives the cancellation" "$MS" wait "$dir/stack" alice 4 10
fetch alice 4
calendar_of "$dir/alice.4"
check_eq "cancel: text/calendar method" "    text/calendar; charset=UTF-8; method=CANCEL" \
    "$("$TOOLS/mime_part" "$dir/alice.4" --tree | grep text/calendar)"
check_eq "cancel: METHOD, STATUS, SEQUENCE" "CANCEL CANCELLED 1" \
    "$(field "$dir/alice.4" METHOD) $(field "$dir/alice.4" STATUS) $(field "$dir/alice.4" SEQUENCE)"
check_eq "cancel: same UID as the invitation" "$(field "$dir/alice.3" UID)" \
    "$(field "$dir/alice.4" UID)"
check_eq "cancel: python agrees" "$(fields "$dir/alice.4")" "$(pyfields "$dir/alice.4")"

# A newcomer is invited alone; a member who leaves gets a CANCEL.
mb member add 1 carol@mailbot.test 'Carol Jansen' >/dev/null
mb once >/dev/null 2>&1
check "the newcomer receives the invitation" "$MS" wait "$dir/stack" carol 1 10
check_eq "... and nobody else got more mail" 4 \
    "$("$MS" count "$dir/stack" alice)"
mb member remove bob@mailbot.test >/dev/null
mb once >/dev/null 2>&1
# Bob has: invitation, update (meeting 1), invitation, cancel (meeting 2).
check "bob, leaving, receives a CANCEL" "$MS" wait "$dir/stack" bob 5 10
fetch bob 5
calendar_of "$dir/bob.5"
check_eq "bob's CANCEL: method and a SEQUENCE above the update's" "CANCEL 2" \
    "$(field "$dir/bob.5" METHOD) $(field "$dir/bob.5" SEQUENCE)"
fetch bob 2
calendar_of "$dir/bob.2"
check_eq "... for the same event as his update" "$(field "$dir/bob.2" UID)" \
    "$(field "$dir/bob.5" UID)"
check_eq "bob's withdrawal says so" cancel \
    "$(header "$dir/bob.5" X-Mailbot-Kind)"

# The server away: mail stays queued; back: each message exactly once.
check "Postfix stops" "$MS" postfix stop "$dir/stack"
mb meeting update 1 --location 'Nieuwe locatie, Zwolle' >/dev/null
mb once >/dev/null 2>"$dir/once.err"
check_eq "once with the server away exits 75" 75 "$?"
check_match "... and says why" "cannot connect|connect" "$(cat "$dir/once.err")"
check_eq "the mail stays queued" "queued" \
    "$(mb outbox --json | jq -r '[.[] | select(.kind=="update" and .state=="queued")] | length | if . == 3 then "queued" else tostring end')"
check "Postfix starts again" "$MS" postfix start "$dir/stack"
NOW='2026-11-23 10:30'
mb once >/dev/null 2>&1
check_eq "back: once exits 0" 0 "$?"
for u in alice carol zoe; do
	"$MS" wait "$dir/stack" "$u" 1 10 >/dev/null
done
check "alice receives the delayed update" "$MS" wait "$dir/stack" alice 5 10
mb once >/dev/null 2>&1
check_eq "each delayed message arrived exactly once" "5 2 5" \
    "$("$MS" count "$dir/stack" alice) $("$MS" count "$dir/stack" carol) $("$MS" count "$dir/stack" zoe)"

# A recipient the server refuses for good.
mb member add 1 reject550@mailbot.test 'Nobody' >/dev/null
mb once >/dev/null 2>&1
out=$(mb outbox --json | jq -r '.[] | select(.to=="reject550@mailbot.test") | "\(.state) \(.error)"')
check_match "a 5xx ends as failed with the server's reason" '^failed 550 ' "$out"
check_match "outbox lists sent mail" "sent" "$(mb outbox)"

# A crash in the middle of a batch loses nothing and repeats at most one
# message: kill -9 `once` while it sends 150 invitations, then run it again.
mb network add Crash >/dev/null
{
	echo email,name
	for i in $(seq -w 1 150); do echo "crash$i@mailbot.test,Lid $i"; done
} >"$dir/crash.csv"
mb member import Crash "$dir/crash.csv" >/dev/null
id=$(mb meeting add Crash --start '2027-02-11 14:00' --end '2027-02-11 17:00' \
    --location Zwolle)
mb meeting invite "$id" >/dev/null
"$MAILBOT" -c "$dir/mailbot.conf" --now "$NOW" once >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 200); do	# until some, not all, are sent
	n=$(sqlite3 "$dir/state.db" "SELECT count(*) FROM outbox WHERE state = 'sent' AND meeting_id = $id")
	[ "$n" -ge 20 ] && break
	sleep 0.01
done
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
sent_before=$(sqlite3 "$dir/state.db" "SELECT count(*) FROM outbox WHERE state = 'sent' AND meeting_id = $id")
check "the crash came in the middle of the batch" test "$sent_before" -lt 150
mb once >/dev/null 2>&1
check_eq "after the restart all 150 are sent" 150 \
    "$(sqlite3 "$dir/state.db" "SELECT count(*) FROM outbox WHERE state = 'sent' AND meeting_id = $id")"
total=0
missing=0
for i in $(seq -w 1 150); do
	"$MS" wait "$dir/stack" "crash$i" 1 10 >/dev/null 2>&1 || missing=$((missing + 1))
done
for i in $(seq -w 1 150); do
	total=$((total + $("$MS" count "$dir/stack" "crash$i")))
done
check_eq "no invitation lost" 0 "$missing"
check "at most one message repeated ($total delivered for 150)" \
    test "$total" -le 151

# Two senders at once (a cron `once` beside another) send nothing twice.
id2=$(mb meeting add Crash --start '2027-03-18 14:00' --end '2027-03-18 17:00' \
    --location Zwolle)
mb meeting invite "$id2" >/dev/null
"$MAILBOT" -c "$dir/mailbot.conf" --now "$NOW" once >/dev/null 2>&1 &
p1=$!
"$MAILBOT" -c "$dir/mailbot.conf" --now "$NOW" once >/dev/null 2>&1 &
p2=$!
wait "$p1" "$p2"
mb once >/dev/null 2>&1
for i in $(seq -w 1 150); do
	"$MS" wait "$dir/stack" "crash$i" 2 10 >/dev/null 2>&1
done
total2=0
for i in $(seq -w 1 150); do
	total2=$((total2 + $("$MS" count "$dir/stack" "crash$i")))
done
check_eq "two senders at once: each invitation exactly once" 150 \
    "$((total2 - total))"
finish
