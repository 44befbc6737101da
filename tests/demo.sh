#!/usr/bin/env bash
# demo.sh (`make demo`): the whole flow against a local mail stack. Starts
# Dovecot + Postfix on loopback, creates the sample learning network, sends
# the first meeting's invitations, starts the daemon, lets six members
# answer the way people do, and shows what mailbot understood, the
# attendance and the coordinator's digest. Leaves the stack and the daemon
# running so you can answer yourself; the last lines say how, and how to
# stop everything.
set -eu
cd "$(dirname "$0")/.."
. tests/lib.sh
MAILBOT=$(realpath "${MAILBOT:-build/mailbot}")
MS=tests/mailstack/mailstack
export MAILSTACK_PORT_BASE=${MAILSTACK_PORT_BASE:-24000}

# One demo at a time: stop what an earlier run left running.
last=${MAILBOT_DEMO_LAST:-/tmp/mailbot-demo.last}
if [ -f "$last" ] && [ -d "$(cat "$last")" ]; then
	old=$(cat "$last")
	echo "== stopping the previous demo in $old"
	[ -f "$old/daemon.pid" ] && kill "$(cat "$old/daemon.pid")" 2>/dev/null || true
	[ -d "$old/stack" ] && { $MS stop "$old/stack" || true; }
	rm -rf "$old"
fi
dir=$(mktemp -d /tmp/mailbot-demo.XXXXXX)
echo "$dir" >"$last"
chmod 755 "$dir"	# the mail servers run as other users and must reach it
echo "== starting a local Dovecot + Postfix in $dir"
$MS start "$dir/stack"
# shellcheck disable=SC1091
. "$dir/stack/env"
conf=$dir/mailbot.conf
{
	echo "# Written by make demo: mailbot against the local test mail stack."
	mailbot_conf "$dir/stack" |
	    sed 's/^coordinator = .*/&\nname = Leernetwerk Zorgbestuur Oost/'
} >"$conf"
mb() { "$MAILBOT" -c "$conf" "$@"; }

echo "== creating the sample learning network"
tests/sample/network.sh "$MAILBOT" "$conf"
first=$(mb meeting list --json | jq '.[0].id')
echo
echo "== sending the invitations for meeting $first"
mb meeting invite "$first"
mb once
$MS wait "$dir/stack" mohamed.elamrani 1 20 >/dev/null
$MS fetch "$dir/stack" mohamed.elamrani 1 >"$dir/mohamed.eml"
make -s build/tools/mime_part >/dev/null
echo
echo "== the invitation as it arrived in Mohamed El Amrani's INBOX: MIME parts"
build/tools/mime_part "$dir/mohamed.eml" --tree
echo "-- its text:"
build/tools/mime_part "$dir/mohamed.eml" text/plain | sed -n '1,14p'

echo
echo "== starting the daemon: mailbot run (log: $dir/daemon.log)"
"$MAILBOT" -c "$conf" run >"$dir/daemon.log" 2>&1 &
echo $! >"$dir/daemon.pid"
for _ in $(seq 100); do
	grep -q 'idle\|waiting' "$dir/daemon.log" 2>/dev/null && break
	sleep 0.1
done

echo "== six members answer"
reply() {	# FROM FILE: send as FROM's mail server would
	$MS send-signed "$dir/stack" "$1" "$MS_BOT" "$2" >/dev/null
}
text_mail() {	# FROM SUBJECT TEXT [EXTRA-HEADER]
	local f=$dir/reply.$RANDOM
	{
		printf '%s\r\n' "From: <$1>" "To: <$MS_BOT>" "Subject: $2" \
		    "Message-ID: <demo.$RANDOM.$RANDOM@mailbot.test>" \
		    "Date: $(LC_ALL=C date -R)" "MIME-Version: 1.0" \
		    "Content-Type: text/plain; charset=UTF-8"
		[ $# -ge 4 ] && printf '%s\r\n' "$4"
		printf '\r\n%s\r\n' "$3"
	} >"$f"
	reply "$1" "$f"
}
uid=$(build/tools/mime_part "$dir/mohamed.eml" text/calendar |
    sed -n 's/^UID://p' | tr -d '\r')
printf '  %-34s %s\n' ineke.bakker 'Dutch free text, with a note'
text_mail ineke.bakker@mailbot.test 'Re: Uitnodiging' \
    "$(printf 'Ja, ik kom graag! Ik ben er wel pas rond 15.00 uur.\n\nGroet,\nIneke')"
printf '  %-34s %s\n' johan.oconnor 'English'
text_mail johan.oconnor@mailbot.test 'Re: Invitation' \
    "$(printf 'Count me in, looking forward to it.\n\nBest,\nJohan')"
printf '  %-34s %s\n' mohamed.elamrani 'Outlook Accept (iMIP REPLY)'
printf '%s\r\n' "From: Mohamed El Amrani <mohamed.elamrani@mailbot.test>" \
    "To: <$MS_BOT>" "Subject: Accepted: Governance en toezicht" \
    "Message-ID: <demo.accept@mailbot.test>" "MIME-Version: 1.0" \
    "Content-Type: text/calendar; charset=UTF-8; method=REPLY" "" \
    "BEGIN:VCALENDAR" "METHOD:REPLY" "PRODID:Microsoft Exchange Server 2010" \
    "VERSION:2.0" "BEGIN:VEVENT" "UID:$uid" "SEQUENCE:0" \
    "DTSTAMP:$(date -u +%Y%m%dT%H%M%SZ)" \
    "ATTENDEE;PARTSTAT=ACCEPTED;CN=Mohamed El Amrani:mailto:mohamed.elamrani@mailbot.test" \
    "END:VEVENT" "END:VCALENDAR" >"$dir/accept.eml"
reply mohamed.elamrani@mailbot.test "$dir/accept.eml"
printf '  %-34s %s\n' annelies.devries 'a question with her answer'
text_mail annelies.devries@mailbot.test 'Re: Uitnodiging' \
    'Ik kom. Is er parkeergelegenheid bij De Colckhof?'
printf '  %-34s %s\n' sanne.jansen 'declines'
text_mail sanne.jansen@mailbot.test 'Re: Uitnodiging' \
    'Helaas verhinderd, ik zit dan in het buitenland.'
printf '  %-34s %s\n' pieter.vandam 'an out-of-office reply'
text_mail pieter.vandam@mailbot.test 'Automatisch antwoord: Uitnodiging' \
    "$(printf 'Ik ben afwezig tot en met 4 januari en lees mijn mail niet.\nVoor dringende zaken: het secretariaat.')" \
    'Auto-Submitted: auto-replied'

# Wait (on the state, not a fixed time) until the daemon handled all six.
for _ in $(seq 300); do
	n=$(mb inbox --json 2>/dev/null | jq length)
	[ "${n:-0}" -ge 6 ] && break
	sleep 0.1
done
echo
echo "== what mailbot understood (mailbot inbox)"
mb inbox
echo
echo "== the confirmation in Ineke Bakker's INBOX (she can correct it by replying)"
$MS wait "$dir/stack" ineke.bakker 2 20 >/dev/null
$MS fetch "$dir/stack" ineke.bakker 2 >"$dir/ineke.eml"
build/tools/mime_part "$dir/ineke.eml" text/plain | sed -n '1,8p'
echo
echo "== the attendance (mailbot meeting show $first)"
mb meeting show "$first"
echo
echo "== the coordinator's digest (mailbot digest --print)"
mb digest --print
echo
echo "== the daemon's log"
sed -n '1,12p' "$dir/daemon.log"
cat <<TXT

The mail stack and the daemon are still running. Answer as a member and
watch the daemon react:
  tests/demo-reply.sh wim.dekker@mailbot.test 'Ja, ik kom!'
  tail -f $dir/daemon.log
  build/mailbot -c $conf inbox
Look around:
  build/mailbot -c $conf meeting show $first --json
  build/mailbot -c $conf outbox
  build/mailbot -c $conf plan --days 60
Stop everything (or just run make demo again):
  kill \$(cat $dir/daemon.pid); tests/mailstack/mailstack stop $dir/stack; rm -rf $dir
TXT
