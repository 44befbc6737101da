#!/usr/bin/env bash
# identity_test.sh: who may change an answer, through the real mail stack.
# Only a secret the person was sent (the reply token, a Message-ID of ours,
# the whole calendar UID) or a From address that the receiving server
# verified (its own Authentication-Results: the stack's Postfix removes
# forged ones and stamps a DKIM/DMARC pass on its "signed" port) ties a
# message to a person. ATTENDEE and Reply-To never do. An unverified From
# changes nothing: the person is asked at their own address and the
# coordinator sees it. Each way a stranger could change a member's answer
# is one message here, and each changes nothing.
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
	mb meeting show "${2:-1}" --json |
	    jq -r --arg e "$1" '.attendees[] | select(.email==$e) | .status'
}
header() {
	sed -n "s/^$2: //Ip" "$1" | head -n 1 | tr -d '\r'
}
# plain FROM TO FILE: a server that verifies nothing (or mail that fails);
# signed: the receiving server verified the From domain.
plain() { "$MS" send "$dir/stack" "$1" "$2" "$3" >/dev/null; }
signed() { "$MS" send-signed "$dir/stack" "$1" "$2" "$3" >/dev/null; }
handled=0
# take N: wait for N more messages at the bot, then `mailbot once`.
take() {
	handled=$((handled + $1))
	"$MS" wait "$dir/stack" bot "$handled" 15 >/dev/null
	mb once >"$dir/once.out" 2>&1
}
last_effect() { mb inbox --json | jq -r '.[-1].actions | join("; ")'; }
last_kind() { mb inbox --json | jq -r '.[-1].kind'; }
count() { "$MS" count "$dir/stack" "$1"; }
# text MID FROM TO BODY [HEADER...]: a plain text message.
text() {
	local mid=$1 from=$2 to=$3 body=$4
	shift 4
	printf '%s\r\n' "From: $from" "To: $to" "Subject: Re: Uitnodiging" \
	    "Message-ID: <$mid@elders.example>" "$@" \
	    "Content-Type: text/plain; charset=UTF-8" "" "$body"
}
# reply MID FROM TO UID ATTENDEE PARTSTAT [COMMENT]: an iMIP REPLY.
reply() {
	printf '%s\r\n' "From: $2" "To: $3" "Subject: Geweigerd: Leernetwerk" \
	    "Message-ID: <$1@elders.example>" "MIME-Version: 1.0" \
	    "Content-Type: text/calendar; charset=UTF-8; method=REPLY" "" \
	    "BEGIN:VCALENDAR" "METHOD:REPLY" "VERSION:2.0" "PRODID:-//x//y" \
	    "BEGIN:VEVENT" "UID:$4" "SEQUENCE:0" "DTSTAMP:20261123T090000Z" \
	    "ATTENDEE;PARTSTAT=$6:mailto:$5" ${7:+"COMMENT:$7"} \
	    "END:VEVENT" "END:VCALENDAR"
}

mb init >/dev/null
mb network add 'Leernetwerk Oost' >/dev/null
for p in ineke:Ineke mohamed:Mohamed sanne:Sanne wim:Wim lotte:Lotte; do
	mb member add 1 "${p%%:*}@mailbot.test" "${p#*:} Lid" >/dev/null
done
mb meeting add 1 --start '2027-01-14 14:00' --end '2027-01-14 17:00' \
    --location Zwolle >/dev/null
mb guest add 1 gast@mailbot.test 'Gast Inspectie' >/dev/null
mb meeting invite 1 >/dev/null
mb once >/dev/null 2>&1
for u in ineke mohamed sanne wim lotte gast; do
	"$MS" wait "$dir/stack" "$u" 1 10 >/dev/null
done
"$MS" fetch "$dir/stack" ineke 1 >"$dir/ineke.inv"
"$TOOLS/mime_part" "$dir/ineke.inv" text/calendar >"$dir/ineke.ics"
ineke_uid=$(sed -n 's/^UID://p' "$dir/ineke.ics" | tr -d '\r')
ineke_to=$(header "$dir/ineke.inv" Reply-To | tr -d '<>')
"$MS" fetch "$dir/stack" mohamed 1 >"$dir/mohamed.inv"
mohamed_to=$(header "$dir/mohamed.inv" Reply-To | tr -d '<>')
mohamed_inv=$(header "$dir/mohamed.inv" Message-ID)
suffix=${ineke_uid##*-}		# aN@mailbot.test

# 1. A REPLY with only the -aN@ suffix of Ineke's UID, another stem and
#    domain, from a stranger: the whole UID is compared.
reply s1 evil@elders.example bot@mailbot.test "whatever-${suffix%@*}@evil.example" \
    ineke@mailbot.test DECLINED >"$dir/s1"
plain evil@elders.example bot@mailbot.test "$dir/s1"
# 2. The right suffix and domain, a guessed stem.
reply s2 evil@elders.example bot@mailbot.test "mailbot-0000-$suffix" \
    ineke@mailbot.test DECLINED >"$dir/s2"
plain evil@elders.example bot@mailbot.test "$dir/s2"
# 3. A REPLY whose ATTENDEE names Ineke, sender and UID unrelated, with a
#    phishing line as COMMENT.
reply s3 evil@elders.example bot@mailbot.test unrelated@evil.example \
    ineke@mailbot.test DECLINED 'Log in op http://evil.example om te bevestigen' \
    >"$dir/s3"
plain evil@elders.example bot@mailbot.test "$dir/s3"
# 4. A stranger's plain "no" with Reply-To Ineke.
text s4 evil@elders.example bot@mailbot.test 'Nee, ik kom niet.' \
    'Reply-To: ineke@mailbot.test' >"$dir/s4"
plain evil@elders.example bot@mailbot.test "$dir/s4"
take 4
check_eq "a UID with Ineke's suffix only changes nothing" needs-action \
    "$(status_of ineke@mailbot.test)"
check_eq "four messages, four strangers" \
    "not_member not_member not_member not_member" \
    "$(mb inbox --json | jq -r '[.[].kind] | join(" ")')"
check_eq "Ineke got no mail from any of them" 1 "$(count ineke)"
check_eq "nobody was mailed about them (no ack, no confirmation)" 0 \
    "$(mb outbox --json | jq '[.[] | select(.kind != "invitation")] | length')"

# 5. Ineke's address forged in From, on a server that verifies nothing
#    (and a forged verdict of our server, which Postfix removes).
text s5 ineke@mailbot.test bot@mailbot.test 'Nee, ik kom niet. Zie http://evil.example' \
    'Authentication-Results: mx.mailbot.test; dmarc=pass header.from=mailbot.test' \
    >"$dir/s5"
plain ineke@mailbot.test bot@mailbot.test "$dir/s5"
take 1
check_eq "a forged From changes nothing" needs-action "$(status_of ineke@mailbot.test)"
check_match "... it waits for Ineke" "sender not verified: the answer \(declined\) waits; ineke@mailbot.test asked" \
    "$(last_effect)"
check "Ineke is asked at her own address" "$MS" wait "$dir/stack" ineke 2 10
"$MS" fetch "$dir/stack" ineke 2 >"$dir/ineke.verify"
check_eq "... a verify mail" verify "$(header "$dir/ineke.verify" X-Mailbot-Kind)"
check_match "... saying what the message claimed" "dat je niet komt" \
    "$(tr -d '\r' <"$dir/ineke.verify" | "$TOOLS/mime_part" /dev/stdin text/plain)"
check "... without repeating the message's words" \
    sh -c '! grep -q "evil.example" "$1"' - "$dir/ineke.verify"
check_eq "... with her own token to reply to" "<$ineke_to>" \
    "$(header "$dir/ineke.verify" Reply-To)"
mb digest --print 1 >"$dir/digest.txt" 2>&1
check_match "the coordinator sees it in the digest" "ineke@mailbot.test" \
    "$(grep -i -A2 'niet geverifieerd\|not verified' "$dir/digest.txt")"

# 6. A second forged message the same day: no second verify mail.
text s6 ineke@mailbot.test bot@mailbot.test 'Ik kom toch niet.' >"$dir/s6"
plain ineke@mailbot.test bot@mailbot.test "$dir/s6"
take 1
check_match "a second unverified answer changes nothing" "asked about an earlier message today already" "$(last_effect)"
check_eq "... and Ineke is not asked twice" 2 "$(count ineke)"

# 7. Ineke answers the verify mail "Nee, dat was ik niet": nothing changes.
verify_id=$(header "$dir/ineke.verify" Message-ID)
text s7 'Ineke Lid <ineke@mailbot.test>' "$ineke_to" 'Nee, dat was ik niet.' \
    "In-Reply-To: $verify_id" >"$dir/s7"
plain ineke@mailbot.test "$ineke_to" "$dir/s7"
take 1
check_eq "a denied answer changes nothing" needs-action "$(status_of ineke@mailbot.test)"
check_match "... and says so" "says they did not send" "$(last_effect)"

# 8. Mohamed's address forged, then Mohamed confirms with a bare "Ja".
text s8 mohamed@mailbot.test bot@mailbot.test 'Helaas verhinderd.' >"$dir/s8"
plain mohamed@mailbot.test bot@mailbot.test "$dir/s8"
take 1
check "Mohamed is asked" "$MS" wait "$dir/stack" mohamed 2 10
"$MS" fetch "$dir/stack" mohamed 2 >"$dir/mohamed.verify"
text s9 'Mohamed Lid <mohamed@mailbot.test>' "$mohamed_to" 'Ja' \
    "In-Reply-To: $(header "$dir/mohamed.verify" Message-ID)" >"$dir/s9"
plain mohamed@mailbot.test "$mohamed_to" "$dir/s9"
take 1
check_eq "a confirmed answer is recorded" declined "$(status_of mohamed@mailbot.test)"
check "... and confirmed to Mohamed" "$MS" wait "$dir/stack" mohamed 3 10
"$MS" fetch "$dir/stack" mohamed 3 >"$dir/mohamed.conf"
check_eq "... a confirmation" confirmation "$(header "$dir/mohamed.conf" X-Mailbot-Kind)"

# 9. The same From, verified by the receiving server: it counts.
text s10 sanne@mailbot.test bot@mailbot.test 'Ja, ik kom graag.' >"$dir/s10"
signed sanne@mailbot.test bot@mailbot.test "$dir/s10"
take 1
check_eq "a verified From counts" accepted "$(status_of sanne@mailbot.test)"
# ... but a verdict for another domain does not: From evil, stamp mailbot.test.
text s11 'Wim <wim@elders.example>' bot@mailbot.test 'Ja, ik kom.' \
    'Reply-To: wim@mailbot.test' >"$dir/s11"
signed wim@elders.example bot@mailbot.test "$dir/s11"
take 1
check_eq "a verdict for another domain is no member's" not_member "$(last_kind)"

# 10. A guest answers from her own address, a new mail (no token).
text s12 'Gast Inspectie <gast@mailbot.test>' bot@mailbot.test 'Ik kom graag.' >"$dir/s12"
signed gast@mailbot.test bot@mailbot.test "$dir/s12"
take 1
check_eq "a guest is known by her address" accepted "$(status_of gast@mailbot.test)"

# 11. Wim corrects himself four times in a day (each with the token): every
#     change is confirmed; the cap on automatic answers is for robots.
n=0
for a in 'Ja, ik kom.' 'Toch niet, sorry.' 'Ik kom toch wel!' 'Nee, echt niet.'; do
	n=$((n + 1))
	text "w$n" 'Wim Lid <wim@mailbot.test>' bot@mailbot.test "$a" >"$dir/w$n"
	signed wim@mailbot.test bot@mailbot.test "$dir/w$n"
done
take 4
check_eq "Wim's fourth message of the day wins" declined "$(status_of wim@mailbot.test)"
check "... and each change is confirmed (four confirmations)" \
    "$MS" wait "$dir/stack" wim 5 10
# ... while the same answer again is not confirmed a second time.
text w5 'Wim Lid <wim@mailbot.test>' bot@mailbot.test 'Nee, echt niet.' >"$dir/w5"
signed wim@mailbot.test bot@mailbot.test "$dir/w5"
take 1
check_match "the same answer again is not confirmed again" "answer unchanged" \
    "$(last_effect)"

# 12. A Message-ID with a space: the answer and its confirmation go together.
printf '%s\r\n' "From: Lotte Lid <lotte@mailbot.test>" "To: bot@mailbot.test" \
    "Subject: Re: Uitnodiging" "Message-ID: <odd id@elders.example>" \
    "" "Ik kom graag." >"$dir/s13"
signed lotte@mailbot.test bot@mailbot.test "$dir/s13"
take 1
check_eq "an answer in a mail with an odd Message-ID is recorded" accepted \
    "$(status_of lotte@mailbot.test)"
check "... and confirmed" "$MS" wait "$dir/stack" lotte 2 10
check_eq "... to Lotte" confirmation \
    "$(header <("$MS" fetch "$dir/stack" lotte 2) X-Mailbot-Kind)"
finish
