#!/usr/bin/env bash
# reply_test.sh: members answer the way people do, through the real mail
# stack; `mailbot once` takes the mail over IMAP and the state, the
# confirmations and `mailbot inbox` show what was understood.
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
header() {
	sed -n "s/^$2: //Ip" "$1" | head -n 1 | tr -d '\r'
}
# send FROM TO FILE: over the plain SMTP port, as a member's server would.
send() {
	"$MS" send-signed "$dir/stack" "$1" "$2" "$3" >/dev/null
}

mb init >/dev/null
mb network add 'Leernetwerk Oost' >/dev/null
mb member add 1 alice@mailbot.test 'Alice de Vries' >/dev/null
mb member add 1 bob@mailbot.test 'Bob Smith' --lang en >/dev/null
mb member add 1 carol@mailbot.test 'Carol Jansen' >/dev/null
mb member add 1 dave@mailbot.test 'Dave Peters' >/dev/null
mb member add 1 bounce@mailbot.test 'Bounces Always' >/dev/null
mb meeting add 1 --start '2027-01-14 14:00' --end '2027-01-14 17:00' \
    --location Zwolle --theme Governance >/dev/null
mb meeting invite 1 >/dev/null
mb once >/dev/null 2>&1
for u in alice bob carol dave; do
	"$MS" wait "$dir/stack" "$u" 1 10 >/dev/null
done
"$MS" fetch "$dir/stack" alice 1 >"$dir/alice.inv"
"$MS" fetch "$dir/stack" bob 1 >"$dir/bob.inv"
reply_to=$(header "$dir/alice.inv" Reply-To | tr -d '<>')
inv_id=$(header "$dir/alice.inv" Message-ID)
"$TOOLS/mime_part" "$dir/bob.inv" text/calendar >"$dir/bob.ics"
bob_uid=$(sed -n 's/^UID://p' "$dir/bob.ics" | tr -d '\r')

# 1. Alice answers in Dutch above the quoted invitation, with a note.
printf '%s\r\n' "From: Alice de Vries <alice@mailbot.test>" "To: $reply_to" \
    "Subject: Re: Uitnodiging" "Message-ID: <r1@mailbot.test>" \
    "In-Reply-To: $inv_id" "Date: Mon, 23 Nov 2026 10:05:00 +0100" \
    "Content-Type: text/plain; charset=UTF-8" "" \
    "Ja, ik kom graag! Ik ben er wel pas rond 15.00 uur." "" \
    "Met vriendelijke groet," "Alice" "" \
    "Op ma 23 nov 2026 om 10:00 schreef Leernetwerk Oost <bot@mailbot.test>:" \
    "> Kom je? Antwoord met ja, nee of misschien." >"$dir/r1"
send alice@mailbot.test "$reply_to" "$dir/r1"
# 2. Bob declines in Outlook: an iMIP REPLY to the plain address.
printf '%s\r\n' "From: Bob Smith <bob@mailbot.test>" "To: bot@mailbot.test" \
    "Subject: Declined: Leernetwerk Oost" "Message-ID: <r2@mailbot.test>" \
    "MIME-Version: 1.0" "Content-Class: urn:content-classes:calendarmessage" \
    "Content-Type: text/calendar; charset=UTF-8; method=REPLY" "" \
    "BEGIN:VCALENDAR" "METHOD:REPLY" "PRODID:Microsoft Exchange Server 2010" \
    "VERSION:2.0" "BEGIN:VEVENT" "UID:$bob_uid" "SEQUENCE:0" \
    "DTSTAMP:20261123T090000Z" \
    "ATTENDEE;PARTSTAT=DECLINED;CN=Bob Smith:mailto:bob@mailbot.test" \
    "END:VEVENT" "END:VCALENDAR" >"$dir/r2"
send bob@mailbot.test bot@mailbot.test "$dir/r2"
# 3. Carol writes to the plain address, no reference at all.
printf '%s\r\n' "From: carol@mailbot.test" "To: bot@mailbot.test" \
    "Subject: bijeenkomst" "Message-ID: <r3@mailbot.test>" "" \
    "Helaas verhinderd, ik zit dan in het buitenland." >"$dir/r3"
send carol@mailbot.test bot@mailbot.test "$dir/r3"
# 4. A stranger says yes.
printf '%s\r\n' "From: stranger@mailbot.test" "To: bot@mailbot.test" \
    "Subject: Re: Uitnodiging" "Message-ID: <r4@mailbot.test>" "" \
    "Ja, ik kom!" >"$dir/r4"
"$MS" send "$dir/stack" stranger@mailbot.test bot@mailbot.test "$dir/r4" >/dev/null
# 5. Dave's out-of-office answers the invitation.
printf '%s\r\n' "From: dave@mailbot.test" "To: $reply_to" \
    "Subject: Automatisch antwoord: afwezig" "Message-ID: <r5@mailbot.test>" \
    "Auto-Submitted: auto-replied" "" \
    "Ik ben afwezig tot 1 december en lees mijn mail niet. Ja, echt." >"$dir/r5"
send dave@mailbot.test bot@mailbot.test "$dir/r5"
# 6. Someone asks to join.
printf '%s\r\n' "From: nieuw@mailbot.test" "To: bot@mailbot.test" \
    "Subject: Deelname" "Message-ID: <r6@mailbot.test>" "" \
    "Goedemiddag, ik wil graag deelnemen aan het leernetwerk." >"$dir/r6"
send nieuw@mailbot.test bot@mailbot.test "$dir/r6"
# 7. Our own mail coming back (a loop) is dropped.
send bot@mailbot.test bot@mailbot.test "$dir/alice.inv"
# 8. The invitation to bounce@ came back as a real DSN.
"$MS" wait "$dir/stack" bot 8 15 >/dev/null
check_eq "all eight messages reached the bot" 8 "$("$MS" count "$dir/stack" bot)"

out=$(mb once 2>"$dir/once.err"); cat "$dir/once.err" | sed "s/^/# /"
check_match "once handles them" "inbox: 8 handled" "$out"
check_eq "Alice: accepted (Dutch free text, quote cut)" accepted "$(status_of alice@mailbot.test)"
check_match "... with her note" "15.00" \
    "$(mb meeting show 1 --json | jq -r '.attendees[] | select(.email=="alice@mailbot.test").note')"
check_eq "Bob: declined (iMIP REPLY, found by calendar UID)" declined \
    "$(status_of bob@mailbot.test)"
check_eq "Carol: declined (found by her address)" declined \
    "$(status_of carol@mailbot.test)"
check_eq "Dave: unchanged by his auto-reply" needs-action \
    "$(status_of dave@mailbot.test)"
kinds=$(mb inbox --json | jq -r '[.[] | .kind] | sort | join(",")')
check_eq "the kinds understood" \
    "autoreply,bounce,join_request,noise,not_member,rsvp,rsvp,rsvp" "$kinds"
check_eq "Dave's auto-reply gives his return date" 2026-12-01 \
    "$(mb inbox --json | jq -r '.[] | select(.kind=="autoreply") | .return')"
check_eq "... and a reply has none" null \
    "$(mb inbox --json | jq -r '.[] | select(.message_id=="<r1@mailbot.test>") | .return')"
check_eq "the stranger changed nothing" "not_member null" \
    "$(mb inbox --json | jq -r '.[] | select(.from=="stranger@mailbot.test") | "\(.kind) \(.member)"')"
check_eq "the bounce names its member" "bounce bounce@mailbot.test" \
    "$(mb inbox --json | jq -r '.[] | select(.kind=="bounce") | "\(.kind) \(.member)"')"
check_eq "... and is scored" 1.0 \
    "$(sqlite3 "$dir/state.db" "SELECT bounce_score FROM member WHERE email = 'bounce@mailbot.test'")"
check_match "our own mail is dropped" "our own mail" \
    "$(mb inbox --json | jq -r '.[] | select(.kind=="noise") | .actions[]')"

# Confirmations: to the members who answered, never to automatic mail.
"$MS" wait "$dir/stack" alice 2 10 >/dev/null
"$MS" fetch "$dir/stack" alice 2 >"$dir/alice.conf.eml"
check_eq "Alice gets a confirmation" confirmation \
    "$(header "$dir/alice.conf.eml" X-Mailbot-Kind)"
check_match "... saying what was understood" "genoteerd dat je komt" \
    "$("$TOOLS/mime_part" "$dir/alice.conf.eml" text/plain)"
check_eq "... as a reply to her message" "<r1@mailbot.test>" \
    "$(header "$dir/alice.conf.eml" In-Reply-To)"
check_eq "... marked automatic" auto-generated \
    "$(header "$dir/alice.conf.eml" Auto-Submitted)"
"$MS" wait "$dir/stack" bob 2 10 >/dev/null
check_match "Bob's confirmation is in English" "will not come" \
    "$("$MS" fetch "$dir/stack" bob 2 | tr -d '\r' | tr '\n' ' ')"
check_eq "no answer to Dave's auto-reply" 1 "$("$MS" count "$dir/stack" dave)"
check_eq "no answer to the stranger" 0 "$("$MS" count "$dir/stack" stranger)"

out=$(mb once 2>/dev/null)
check_match "a second once handles nothing again" "inbox: 0 handled" "$out"
check_eq "eight records, no more" 8 "$(mb inbox --json | jq length)"
flagged=$(curl -s --cacert "$MS_CA" --user "$MS_BOT:$MS_PASSWORD" \
    "imaps://$MS_HOST:$MS_IMAPS_PORT/INBOX" -X 'SEARCH KEYWORD $MailbotHandled SEEN' |
    tr -d '\r' | sed 's/^\* SEARCH *//' | wc -w)
check_eq "handled mail is marked Seen and \$MailbotHandled" 8 "$flagged"

# A question (with an answer): forwarded to the coordinator, Reply-To the
# member, and the answer applied too.
printf '%s\r\n' "From: Carol Jansen <carol@mailbot.test>" "To: bot@mailbot.test" \
    "Subject: Parkeren" "Message-ID: <r10@mailbot.test>" "" \
    "Ik kom toch wel! Is er parkeergelegenheid bij de locatie?" >"$dir/r10"
send carol@mailbot.test bot@mailbot.test "$dir/r10"
"$MS" wait "$dir/stack" bot 9 10 >/dev/null
mb once >/dev/null 2>&1
check_eq "the question's answer is applied" accepted "$(status_of carol@mailbot.test)"
check "the coordinator receives the question" "$MS" wait "$dir/stack" coordinator 1 10
"$MS" fetch "$dir/stack" coordinator 1 >"$dir/fwd.eml"
check_eq "... as a forward" forward "$(header "$dir/fwd.eml" X-Mailbot-Kind)"
check_match "... with Reply-To the member" "carol@mailbot.test" \
    "$(header "$dir/fwd.eml" Reply-To)"
check_match "... and her words" "parkeergelegenheid" \
    "$("$TOOLS/mime_part" "$dir/fwd.eml" text/plain)"
check_eq "inbox --json says it is a question" "true" \
    "$(mb inbox --json | jq -r '.[] | select(.message_id=="<r10@mailbot.test>") | .question')"
check_eq "... the question itself, for the digest" \
    "Is er parkeergelegenheid bij de locatie?" \
    "$(mb inbox --json | jq -r '.[] | select(.message_id=="<r10@mailbot.test>") | .question_text')"
check_eq "... and no question text for other mail" "null" \
    "$(mb inbox --json | jq -c '[.[] | select(.message_id!="<r10@mailbot.test>") | .question_text] | unique | .[]')"

# The join request was acknowledged to its sender.
check "the newcomer hears the request arrived" "$MS" wait "$dir/stack" nieuw 1 10
"$MS" fetch "$dir/stack" nieuw 1 >"$dir/ack.eml"
check_eq "... an ack" ack "$(header "$dir/ack.eml" X-Mailbot-Kind)"
check_match "... naming the coordinator" "coordinator@mailbot.test" \
    "$("$TOOLS/mime_part" "$dir/ack.eml" text/plain)"

# An unclear reply changes nothing and asks the member once.
printf '%s\r\n' "From: dave@mailbot.test" "To: bot@mailbot.test" \
    "Subject: Re: Uitnodiging" "Message-ID: <r11@mailbot.test>" "" \
    "Ja. Helaas kan ik niet." >"$dir/r11"
send dave@mailbot.test bot@mailbot.test "$dir/r11"
"$MS" wait "$dir/stack" bot 10 10 >/dev/null
mb once >/dev/null 2>&1
check_eq "an unclear reply changes nothing" needs-action "$(status_of dave@mailbot.test)"
check "Dave is asked to answer plainly" "$MS" wait "$dir/stack" dave 2 10
"$MS" fetch "$dir/stack" dave 2 >"$dir/clarify.eml"
check_eq "... a clarify mail" clarify "$(header "$dir/clarify.eml" X-Mailbot-Kind)"
check_match "... asking ja, nee of misschien" "ja.*nee.*misschien" \
    "$("$TOOLS/mime_part" "$dir/clarify.eml" text/plain)"
sed 's/<r11@/<r12@/' "$dir/r11" >"$dir/r12"
send dave@mailbot.test bot@mailbot.test "$dir/r12"
"$MS" wait "$dir/stack" bot 11 10 >/dev/null
mb once >/dev/null 2>&1
check_eq "... but only once" 2 "$("$MS" count "$dir/stack" dave)"

# A correction: the latest answer wins, and history keeps both.
printf '%s\r\n' "From: Alice de Vries <alice@mailbot.test>" "To: $reply_to" \
    "Subject: Re: Genoteerd" "Message-ID: <r9@mailbot.test>" "" \
    "Toch niet, het lukt me helaas niet." >"$dir/r9"
send alice@mailbot.test "$reply_to" "$dir/r9"
"$MS" wait "$dir/stack" bot 12 10 >/dev/null
mb once >/dev/null 2>&1
check_eq "the latest answer wins" declined "$(status_of alice@mailbot.test)"
check_eq "history keeps the change" "needs-action>accepted,accepted>declined" \
    "$(sqlite3 "$dir/state.db" "SELECT group_concat(old_status || '>' || new_status) FROM (SELECT * FROM attendance_history WHERE attendance_id = 1 ORDER BY id)")"
# Bounces count once a day: two more real DSNs for bounce@ today leave the
# score at 1, one on the next day makes it 2.
tok=$(sqlite3 "$dir/state.db" "SELECT a.token FROM attendance a JOIN member m ON m.id = a.member_id WHERE m.email = 'bounce@mailbot.test'")
printf '%s\r\n' "From: bot@mailbot.test" "To: bounce@mailbot.test" \
    "Subject: Herinnering" "Message-ID: <b2@mailbot.test>" "" "Tot dan." >"$dir/b2"
send "bot+bounce-$tok@mailbot.test" bounce@mailbot.test "$dir/b2"
sed 's/<b2@/<b3@/' "$dir/b2" >"$dir/b3"
send "bot+bounce-$tok@mailbot.test" bounce@mailbot.test "$dir/b3"
check "two more DSNs arrive" "$MS" wait "$dir/stack" bot 14 15
mb once >/dev/null 2>&1
check_eq "two bounces the same day count once" 1.0 \
    "$(sqlite3 "$dir/state.db" "SELECT bounce_score FROM member WHERE email = 'bounce@mailbot.test'")"
check_eq "inbox says so" 2 \
    "$(mb inbox --json | jq '[.[] | select(.kind=="bounce") | .actions[] | select(test("already counted today"))] | length')"
sed 's/<b2@/<b4@/' "$dir/b2" >"$dir/b4"
send "bot+bounce-$tok@mailbot.test" bounce@mailbot.test "$dir/b4"
check "a DSN arrives the next day" "$MS" wait "$dir/stack" bot 15 15
NOW='2026-11-24 09:00' mb once >/dev/null 2>&1
check_eq "a bounce the next day counts again" 2.0 \
    "$(sqlite3 "$dir/state.db" "SELECT bounce_score FROM member WHERE email = 'bounce@mailbot.test'")"
check_eq "... and inbox shows it scored" "bounce scored hard" \
    "$(mb inbox --json | jq -r '[.[] | select(.kind=="bounce")] | last | .actions[0]')"

# A long question is kept as one line of at most 300 bytes, cut between
# characters, with "…": byte 300 is the second byte of an é, so the cut
# comes before it.
long="Een vraag van mijn kant: $(for _ in $(seq 12); do
	printf 'Komt er een café-overleg\nna afloop? '; done)"
printf '%s\r\n' "From: Carol Jansen <carol@mailbot.test>" "To: bot@mailbot.test" \
    "Subject: Vraag" "Message-ID: <r13@mailbot.test>" "MIME-Version: 1.0" \
    "Content-Type: text/plain; charset=UTF-8" "" "$long" >"$dir/r13"
send carol@mailbot.test bot@mailbot.test "$dir/r13"
check "the long question arrives" "$MS" wait "$dir/stack" bot 16 15
mb once >/dev/null 2>&1
q=$(mb inbox --json | jq -r '.[] | select(.message_id=="<r13@mailbot.test>") | .question_text')
check_match "a long question: one line, cut before the é with …" \
    '^Een vraag van mijn kant: Komt er een café-overleg na afloop\? Komt .* caf…$' "$q"
check "... of at most 300 bytes before the …" \
    test "$(printf '%s' "${q%…}" | wc -c)" -le 300 -a \
    "$(printf '%s' "${q%…}" | wc -c)" -ge 290
check "... and valid UTF-8" sh -c 'printf "%s" "$1" | iconv -f UTF-8 -t UTF-8 >/dev/null' - "$q"
# 14. Misread: Dave's "Helaas kan ik niet zonder jullie, dus dat wordt
#     lastig" (he means he cannot miss them) is read as a no; he answers
#     the confirmation that he meant yes. The first reading is recorded as
#     misread, linked to the correction.
n=$("$MS" count "$dir/stack" dave)
printf '%s\r\n' "From: dave@mailbot.test" "To: bot@mailbot.test" \
    "Subject: Re: Uitnodiging" "Message-ID: <r14@mailbot.test>" "" \
    "Helaas kan ik niet zonder jullie, dus dat wordt lastig." >"$dir/r14"
send dave@mailbot.test bot@mailbot.test "$dir/r14"
check "the misread reply arrives" "$MS" wait "$dir/stack" bot 17 15
mb once >/dev/null 2>&1
check_eq "... and is read as a no" declined "$(status_of dave@mailbot.test)"
check "Dave gets its confirmation" "$MS" wait "$dir/stack" dave $((n + 1)) 10
"$MS" fetch "$dir/stack" dave $((n + 1)) >"$dir/dave.conf"
check_match "... which quotes the sentence it was read from" \
    'Je schreef: .Helaas kan ik niet zonder jullie' \
    "$(tr -d '\r' <"$dir/dave.conf" | "$TOOLS/mime_part" /dev/stdin text/plain)"
printf '%s\r\n' "From: dave@mailbot.test" \
    "To: $(header "$dir/dave.conf" Reply-To | tr -d '<>')" \
    "Subject: Re: Genoteerd" "Message-ID: <r15@mailbot.test>" \
    "In-Reply-To: $(header "$dir/dave.conf" Message-ID)" "" \
    "Nee, ik bedoelde dat ik wel kom!" >"$dir/r15"
send dave@mailbot.test bot@mailbot.test "$dir/r15"
check "the correction arrives" "$MS" wait "$dir/stack" bot 18 15
mb once >/dev/null 2>&1
check_eq "the correction is recorded" accepted "$(status_of dave@mailbot.test)"
check_eq "inbox --misread lists the first reading" \
    "<r14@mailbot.test> declined accepted <r15@mailbot.test>" \
    "$(mb inbox --misread --json | jq -r '.[] | "\(.message_id) \(.read_as) \(.meant) \(.correction)"')"
check_match "... with its words" "niet zonder jullie" \
    "$(mb inbox --misread --json | jq -r '.[0].words')"
check_match "... and as text" "read as declined, meant accepted" \
    "$(mb inbox --misread)"
mb digest --print 1 >"$dir/digest.txt" 2>&1
check_match "the digest shows the misreading" "verkeerd gelezen" \
    "$(tr 'A-Z' 'a-z' <"$dir/digest.txt")"
finish
