#!/usr/bin/env bash
# calendar_reply_test.sh: calendar replies as the clients send them, to the
# letter of RFC 5546 and INTEROP.md b.5, through the real stack: Exchange's
# empty COMMENT, Google's comment and guests as ATTENDEE parameters, the
# newest DTSTAMP winning whatever the order, a reply to an older SEQUENCE,
# an Auto-Submitted REPLY, a COUNTER for the coordinator, a delegation.
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
export MAILSTACK_PORT_BASE=${MAILSTACK_PORT_BASE:-26000}
MAILBOT=$(realpath "${MAILBOT:-build/mailbot}")
MS=tests/mailstack/mailstack
TOOLS=$(realpath "${TOOLS_DIR:-build/tools}")

stack_start
mailbot_conf "$dir/stack" >"$dir/mailbot.conf"
NOW='2026-11-23 10:00'
mb() { "$MAILBOT" -c "$dir/mailbot.conf" --now "$NOW" "$@"; }
status_of() {
	mb meeting show 1 --json |
	    jq -r --arg e "$1" '.attendees[] | select(.email==$e) | .status'
}
note_of() {
	mb meeting show 1 --json |
	    jq -r --arg e "$1" '.attendees[] | select(.email==$e) | .note'
}
header() {
	sed -n "s/^$2: //Ip" "$1" | head -n 1 | tr -d '\r'
}
send() { "$MS" send "$dir/stack" "$1" "$2" "$3" >/dev/null; }
handled=0
take() {
	handled=$((handled + $1))
	"$MS" wait "$dir/stack" bot "$handled" 15 >/dev/null
	mb once >"$dir/once.out" 2>&1
}
effect_of() {
	mb inbox --json | jq -r --arg id "<$1@elders.example>" \
	    '.[] | select(.message_id == $id) | .actions | join("; ")'
}
# reply ID FROM TO UID SEQ DTSTAMP ATTENDEE-LINE [EXTRA-LINE...]: an iMIP
# REPLY of one event, its lines as given.
reply() {
	local id=$1 from=$2 to=$3 uid=$4 seq=$5 stamp=$6 att=$7 method=REPLY
	shift 7
	[ "${METHOD:-}" ] && method=$METHOD
	printf '%s\r\n' "From: $from" "To: $to" "Subject: Antwoord" \
	    "Message-ID: <$id@elders.example>" "MIME-Version: 1.0" \
	    ${AUTO:+"Auto-Submitted: auto-generated"} \
	    "Content-Type: text/calendar; charset=UTF-8; method=$method" "" \
	    "BEGIN:VCALENDAR" "METHOD:$method" "VERSION:2.0" "PRODID:-//t//t" \
	    "BEGIN:VEVENT" "UID:$uid" "SEQUENCE:$seq" "DTSTAMP:$stamp" \
	    "$att" "$@" "END:VEVENT" "END:VCALENDAR"
}

mb init >/dev/null
mb network add 'Leernetwerk Oost' >/dev/null
for p in ineke mohamed sanne wim lotte; do
	mb member add 1 "$p@mailbot.test" "${p^} Lid" >/dev/null
done
mb meeting add 1 --start '2027-01-14 14:00' --end '2027-01-14 17:00' \
    --location Zwolle >/dev/null
mb meeting invite 1 >/dev/null
mb once >/dev/null 2>&1
declare -A uid to
for p in ineke mohamed sanne wim lotte; do
	"$MS" wait "$dir/stack" "$p" 1 10 >/dev/null
	"$MS" fetch "$dir/stack" "$p" 1 >"$dir/$p.inv"
	"$TOOLS/mime_part" "$dir/$p.inv" text/calendar >"$dir/$p.ics"
	uid[$p]=$(sed -n 's/^UID://p' "$dir/$p.ics" | tr -d '\r')
	to[$p]=$(header "$dir/$p.inv" Reply-To | tr -d '<>')
done

# 1. Outlook accepts; Exchange sends an empty COMMENT (a newline).
reply c1 'Ineke Lid <ineke@mailbot.test>' "${to[ineke]}" "${uid[ineke]}" 0 \
    20261123T100000Z 'ATTENDEE;PARTSTAT=ACCEPTED:mailto:ineke@mailbot.test' \
    'COMMENT;LANGUAGE=nl-NL:\n' >"$dir/c1"
send ineke@mailbot.test "${to[ineke]}" "$dir/c1"
# 2. Google: the reply comes from Google's notifier to the ORGANIZER, the
#    comment and a guest as parameters of the ATTENDEE.
printf '%s\r\n' "From: Google Calendar <calendar-notification@google.com>" \
    "Reply-To: mohamed@mailbot.test" "To: ${to[mohamed]}" \
    "Subject: Geaccepteerd: Leernetwerk Oost" \
    "Message-ID: <c2@elders.example>" "MIME-Version: 1.0" \
    "Content-Type: text/calendar; charset=UTF-8; method=REPLY" "" \
    "BEGIN:VCALENDAR" "METHOD:REPLY" "VERSION:2.0" \
    "PRODID:-//Google Inc//Google Calendar 70.9054//EN" "BEGIN:VEVENT" \
    "UID:${uid[mohamed]}" "SEQUENCE:0" "DTSTAMP:20261123T100000Z" \
    "ATTENDEE;PARTSTAT=ACCEPTED;X-NUM-GUESTS=1;X-RESPONSE-COMMENT=\"Ik neem " \
    " mijn adjunct mee\":mailto:mohamed@mailbot.test" \
    "END:VEVENT" "END:VCALENDAR" >"$dir/c2"
send calendar-notification@google.com "${to[mohamed]}" "$dir/c2"
take 2
check_eq "an Outlook accept is recorded" accepted "$(status_of ineke@mailbot.test)"
check_eq "... and Exchange's empty COMMENT is no note" null \
    "$(note_of ineke@mailbot.test)"
check "... its confirmation arrives" "$MS" wait "$dir/stack" ineke 2 10
"$MS" fetch "$dir/stack" ineke 2 >"$dir/ineke.conf"
check "... without an empty 'Je opmerking'" \
    sh -c '! grep -q "opmerking" "$1"' - "$dir/ineke.conf"
check_eq "Google's accept is recorded" accepted "$(status_of mohamed@mailbot.test)"
check_match "... with its comment, a parameter of the ATTENDEE" \
    "Ik neem mijn adjunct mee" "$(note_of mohamed@mailbot.test)"
check_match "... and its guest, for the coordinator" "brings 1 guest" \
    "$(effect_of c2)"

# 3. Two replies to SEQUENCE 0: the newer (declined, 11:00) arrives first,
#    the older (accepted, 10:30) after it; the newer stays.
reply c3 'Sanne Lid <sanne@mailbot.test>' "${to[sanne]}" "${uid[sanne]}" 0 \
    20261123T110000Z 'ATTENDEE;PARTSTAT=DECLINED:mailto:sanne@mailbot.test' \
    >"$dir/c3"
send sanne@mailbot.test "${to[sanne]}" "$dir/c3"
take 1
reply c4 'Sanne Lid <sanne@mailbot.test>' "${to[sanne]}" "${uid[sanne]}" 0 \
    20261123T103000Z 'ATTENDEE;PARTSTAT=ACCEPTED:mailto:sanne@mailbot.test' \
    >"$dir/c4"
send sanne@mailbot.test "${to[sanne]}" "$dir/c4"
take 1
check_eq "the newest DTSTAMP wins, whatever the order" declined \
    "$(status_of sanne@mailbot.test)"
check_match "... and the older one says why" "older than the calendar reply" \
    "$(effect_of c4)"

# 4. A delegation names its delegate.
reply c5 'Wim Lid <wim@mailbot.test>' "${to[wim]}" "${uid[wim]}" 0 \
    20261123T100000Z \
    'ATTENDEE;PARTSTAT=DELEGATED;DELEGATED-TO="mailto:k.smit@elders.example":mailto:wim@mailbot.test' \
    >"$dir/c5"
send wim@mailbot.test "${to[wim]}" "$dir/c5"
# 5. A COUNTER proposes another time: nothing changes, the coordinator
#    gets the proposal.
METHOD=COUNTER reply c6 'Lotte Lid <lotte@mailbot.test>' "${to[lotte]}" \
    "${uid[lotte]}" 0 20261123T100000Z \
    'ATTENDEE;PARTSTAT=TENTATIVE:mailto:lotte@mailbot.test' \
    'DTSTART;TZID=Europe/Amsterdam:20270114T150000' \
    'DTEND;TZID=Europe/Amsterdam:20270114T180000' \
    'COMMENT:Kan het een uur later?' >"$dir/c6"
send lotte@mailbot.test "${to[lotte]}" "$dir/c6"
take 2
check_eq "a delegation is recorded" delegated "$(status_of wim@mailbot.test)"
check_match "... naming the delegate" "k.smit@elders.example" \
    "$(note_of wim@mailbot.test)"
check_eq "a COUNTER changes nothing" needs-action "$(status_of lotte@mailbot.test)"
check "... and reaches the coordinator" "$MS" wait "$dir/stack" coordinator 1 10
"$MS" fetch "$dir/stack" coordinator 1 >"$dir/counter.eml"
body=$(tr -d '\r' <"$dir/counter.eml" | "$TOOLS/mime_part" /dev/stdin text/plain)
check_match "... with the time it proposes" "15[.:]00.{1,3}18[.:]00" "$body"
check_match "... and its comment" "Kan het een uur later" "$body"
check_eq "... as a forward, Reply-To Lotte" "<lotte@mailbot.test>" \
    "$(header "$dir/counter.eml" Reply-To)"

# 6. The meeting moves (SEQUENCE 1); a REPLY to SEQUENCE 0 arrives after.
mb meeting update 1 --start '2027-01-21 14:00' --end '2027-01-21 17:00' >/dev/null
mb once >/dev/null 2>&1
"$MS" wait "$dir/stack" ineke 3 10 >/dev/null
reply c7 'Ineke Lid <ineke@mailbot.test>' "${to[ineke]}" "${uid[ineke]}" 0 \
    20261123T120000Z 'ATTENDEE;PARTSTAT=ACCEPTED:mailto:ineke@mailbot.test' \
    >"$dir/c7"
send ineke@mailbot.test "${to[ineke]}" "$dir/c7"
take 1
check_eq "a reply to the old version is not applied" needs-action \
    "$(status_of ineke@mailbot.test)"
check "... and Ineke is asked to answer the new one" \
    "$MS" wait "$dir/stack" ineke 4 10
"$MS" fetch "$dir/stack" ineke 4 >"$dir/ineke.ask"
check_eq "... by a clarify mail" clarify "$(header "$dir/ineke.ask" X-Mailbot-Kind)"

# 7. A REPLY that carries Auto-Submitted is still an answer.
AUTO=1 reply c8 'Ineke Lid <ineke@mailbot.test>' "${to[ineke]}" \
    "${uid[ineke]}" 1 20261123T130000Z \
    'ATTENDEE;PARTSTAT=ACCEPTED:mailto:ineke@mailbot.test' >"$dir/c8"
send ineke@mailbot.test "${to[ineke]}" "$dir/c8"
take 1
check_eq "an Auto-Submitted calendar REPLY is applied" accepted \
    "$(status_of ineke@mailbot.test)"
finish
