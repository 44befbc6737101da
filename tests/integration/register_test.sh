#!/usr/bin/env bash
# register_test.sh: the day after a meeting the coordinator gets the
# register mail; their reply, through the real mail stack, fills the
# register. A reply without the token, with a forged one or with the token
# of another meeting changes nothing.
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
export MAILSTACK_PORT_BASE=${MAILSTACK_PORT_BASE:-26000}
MAILBOT=$(realpath "${MAILBOT:-build/mailbot}")
MS=tests/mailstack/mailstack
TOOLS=$(realpath "${TOOLS_DIR:-build/tools}")

stack_start
mailbot_conf "$dir/stack" >"$dir/mailbot.conf"
NOW='2026-11-01 10:00'
mb() { "$MAILBOT" -c "$dir/mailbot.conf" --now "$NOW" "$@"; }
header() {
	sed -n "s/^$2: //Ip" "$1" | head -n 1 | tr -d '\r'
}
# kind_uids USER KIND: the UIDs of USER's mail with that X-Mailbot-Kind
# (the daemon's scheduled digest goes to the coordinator too).
kind_uids() {
	local n uid
	n=$("$MS" count "$dir/stack" "$1")
	for uid in $(seq 1 "$n"); do
		"$MS" fetch "$dir/stack" "$1" "$uid" >"$dir/k.eml"
		[ "$(header "$dir/k.eml" X-Mailbot-Kind)" = "$2" ] && echo "$uid"
	done
}
present_of() {
	mb meeting show 1 --json |
	    jq -r --arg e "$1" '.attendees[] | select(.email==$e) | .present'
}
# reply FROM TO ID TEXT...: a plain reply over the members' SMTP port.
reply() {
	local from=$1 to=$2 id=$3
	shift 3
	printf '%s\r\n' "From: $from" "To: $to" "Subject: Re: Presentie" \
	    "Message-ID: <$id@mailbot.test>" "In-Reply-To: $reg_id" \
	    "Content-Type: text/plain; charset=UTF-8" "" "$@" >"$dir/$id"
	"$MS" send-signed "$dir/stack" "$(printf '%s' "$from" | sed 's/.*<\(.*\)>/\1/')" \
	    "$to" "$dir/$id" >/dev/null
}

mb init >/dev/null
mb network add 'Leernetwerk Oost' >/dev/null
mb member add 1 alice@mailbot.test 'Alice de Vries' >/dev/null
mb member add 1 bob@mailbot.test 'Bob Smith' >/dev/null
mb member add 1 carol@mailbot.test 'Carol Jansen' >/dev/null
mb member add 1 dave@mailbot.test 'Dave Peters' >/dev/null
mb meeting add 1 --start '2026-11-19 14:00' --end '2026-11-19 17:00' \
    --location Zwolle --theme Governance >/dev/null
mb meeting add 1 --start '2027-01-14 14:00' --end '2027-01-14 17:00' \
    --location Deventer >/dev/null
# The answers before the meeting: three said yes, Dave no.
for who in alice bob carol; do
	mb attendance 1 $who@mailbot.test present >/dev/null 2>&1
done
sqlite3 "$dir/state.db" "UPDATE attendance SET present = NULL,
    status = CASE member_id WHEN 4 THEN 'declined' ELSE 'accepted' END
    WHERE meeting_id = 1"

# The day after the meeting, at the reminder hour, the schedule queues it.
NOW='2026-11-20 08:59'
mb once >/dev/null 2>&1
check_eq "the register mail waits for its hour" "" \
    "$(sqlite3 "$dir/state.db" "SELECT id FROM outbox WHERE kind = 'register'")"
NOW='2026-11-20 09:00'
mb once >/dev/null 2>&1
"$MS" wait "$dir/stack" coordinator 2 10 >/dev/null
reg=$(kind_uids coordinator register)
check_eq "the coordinator gets it, once" 1 "$(echo "$reg" | grep -c .)"
"$MS" fetch "$dir/stack" coordinator "$(echo "$reg" | head -n 1)" >"$dir/reg.eml"
text=$("$TOOLS/mime_part" "$dir/reg.eml" text/plain)
check_match "it lists who was expected" \
    "Alice de Vries +alice@mailbot.test" "$text"
check_match "... all three" "Carol Jansen +carol@mailbot.test" "$text"
check_eq "... not who said no" "" "$(printf '%s' "$text" | grep dave)"
check_match "... and says how to answer" "afwezig: Jansen, De Vries" "$text"
html=$("$TOOLS/mime_part" "$dir/reg.eml" text/html)
check_eq "the HTML part has a table of three" "1 3" \
    "$(printf '%s' "$html" | grep -c '<table') $(printf '%s' "$html" | grep -c '^<tr><td')"
reg_to=$(header "$dir/reg.eml" Reply-To | tr -d '<>')
reg_id=$(header "$dir/reg.eml" Message-ID)
check_match "its Reply-To carries the register token" \
    '^bot\+reg-1-[a-z2-7]{16}@mailbot\.test$' "$reg_to"

# Who may not fill it: a member with a forged token, the coordinator
# without one, and the token of another meeting.
forged=$(printf '%s' "$reg_to" | sed 's/-[a-z2-7]\{16\}@/-aaaaaaaaaaaaaaaa@/')
reply carol@mailbot.test "$forged" f1 "iedereen was er"
reply coordinator@mailbot.test bot@mailbot.test f2 "afwezig: Smith"
other=$(printf '%s' "$reg_to" | sed 's/+reg-1-/+reg-2-/')
reply coordinator@mailbot.test "$other" f3 "afwezig: De Vries"
"$MS" wait "$dir/stack" bot 3 10 >/dev/null
mb once >/dev/null 2>&1
check_eq "a forged token changes nothing" "null null null null" \
    "$(for u in alice bob carol dave; do present_of $u@mailbot.test; done | xargs)"
check_eq "... each is shown as a stranger's mail" \
    "not_member not_member not_member" \
    "$(mb inbox --json | jq -r '[.[] | .kind] | join(" ")')"
check_match "... saying why" "wrong token" \
    "$(mb inbox --json | jq -r '.[0].actions[]')"
check_eq "... and gets no confirmation" "" \
    "$(kind_uids coordinator confirmation)"

# The coordinator answers above the quoted mail, with a name we do not
# know; quoted text is not read.
reply 'Coordinator <coordinator@mailbot.test>' "$reg_to" r1 \
    "Afwezig: Jansen en Onbekend" "" "Groet," "Petra" "" \
    "Op 20 nov 2026 schreef Leernetwerk Oost <bot@mailbot.test>:" \
    "> afwezig: De Vries, Smith"
"$MS" wait "$dir/stack" bot 4 10 >/dev/null
out=$(mb once 2>&1)
check_match "once handles the reply" "inbox: 1 handled" "$out"
check_eq "Carol Jansen: absent (by surname)" false \
    "$(present_of carol@mailbot.test)"
check_eq "Alice and Bob: present (expected, not named)" "true true" \
    "$(echo $(present_of alice@mailbot.test) $(present_of bob@mailbot.test))"
check_eq "Dave (said no): not recorded" null "$(present_of dave@mailbot.test)"
check_eq "meeting 2 is untouched" "null" \
    "$(mb meeting show 2 --json | jq -r '[.attendees[].present] | unique | join(",")' | sed 's/^$/null/')"
for _ in $(seq 50); do
	done_uid=$(kind_uids coordinator confirmation)
	[ -n "$done_uid" ] && break
	sleep 0.2
done
check_eq "the coordinator gets one confirmation" 1 "$(echo "$done_uid" | grep -c .)"
"$MS" fetch "$dir/stack" coordinator "$(echo "$done_uid" | head -n 1)" >"$dir/done.eml"
text=$("$TOOLS/mime_part" "$dir/done.eml" text/plain | tr '\n' ' ')
check_match "... with what was recorded" "2 aanwezig.*Afwezig: Carol Jansen" \
    "$text"
check_match "... and the name not recognised" "Niet herkend.*Onbekend" "$text"
check_eq "... as a reply to theirs" "<r1@mailbot.test>" \
    "$(header "$dir/done.eml" In-Reply-To)"

# "iedereen was er" later: everyone expected is present.
reply coordinator@mailbot.test "$reg_to" r2 "Correctie: iedereen was er."
"$MS" wait "$dir/stack" bot 5 10 >/dev/null
mb once >/dev/null 2>&1
check_eq "'iedereen was er' marks every expected person present" \
    "true true true null" \
    "$(for u in alice bob carol dave; do present_of $u@mailbot.test; done | xargs)"

# In English: the coordinator's words and the confirmation.
sed "/^\[mailbot\]/a language = en\ntemplates = $PWD/templates" \
    "$dir/mailbot.conf" >"$dir/en.conf"
mb() { "$MAILBOT" -c "$dir/en.conf" --now "$NOW" "$@"; }
NOW='2026-11-21 10:00'
before=$(kind_uids coordinator confirmation | grep -c .)
reply coordinator@mailbot.test "$reg_to" r3 "Absent: Smith. Sorry for the delay."
"$MS" wait "$dir/stack" bot 6 10 >/dev/null
mb once >/dev/null 2>&1
check_eq "English 'absent: Smith' records Bob absent" \
    "true false true null" \
    "$(for u in alice bob carol dave; do present_of $u@mailbot.test; done | xargs)"
for _ in $(seq 50); do
	done_uid=$(kind_uids coordinator confirmation | tail -n 1)
	[ "$(kind_uids coordinator confirmation | grep -c .)" -gt "$before" ] && break
	sleep 0.2
done
"$MS" fetch "$dir/stack" coordinator "$done_uid" >"$dir/done-en.eml"
check_match "the English confirmation says what was recorded" \
    "Recorded for .*2 present\. +Absent: Bob Smith\." \
    "$("$TOOLS/mime_part" "$dir/done-en.eml" text/plain | tr -d "\r" | tr "\n" " ")"
check_match "... under an English subject" "^Attendance Leernetwerk Oost, .* recorded" \
    "$(header "$dir/done-en.eml" Subject)"
finish
