#!/usr/bin/env bash
# demo_test.sh: `make demo` is one of the README's two commands, so it is
# tested like the rest: run tests/demo.sh on the test ports, check that it
# shows what a newcomer is promised (the invitation, six answers
# understood, the confirmation, the attendance, the digest), that a reply
# sent with tests/demo-reply.sh reaches the running daemon, and that the
# daemon and the stack it leaves running stop cleanly.
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
export MAILSTACK_PORT_BASE=${MAILSTACK_PORT_BASE:-26000}
export MAILBOT=$(realpath "${MAILBOT:-build/mailbot}")
MS=tests/mailstack/mailstack
tmp=$(mktemp -d /tmp/mbdemo-test.XXXXXX) || exit 2
export MAILBOT_DEMO_LAST=$tmp/last
cleanup() {
	local d
	d=$(cat "$tmp/last" 2>/dev/null) || d=
	if [ -n "$d" ] && [ -d "$d" ]; then
		[ -f "$d/daemon.pid" ] && kill "$(cat "$d/daemon.pid")" 2>/dev/null
		$MS stop "$d/stack" >/dev/null 2>&1
		rm -rf "$d"
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

tests/demo.sh >"$tmp/out" 2>&1
rc=$?
check_eq "make demo's script exits 0" 0 "$rc"
[ "$rc" -eq 0 ] || sed 's/^/#   /' "$tmp/out" | tail -20
out=$(cat "$tmp/out")
d=$(cat "$tmp/last")
check_match "the invitation arrives with its calendar parts" \
    "text/calendar; charset=UTF-8; method=REQUEST" "$out"
inbox=$(sed -n '/^== what mailbot understood/,/^$/p' "$tmp/out")
check_eq "six answers understood" 6 "$(printf '%s\n' "$inbox" |
    grep -c '@mailbot.test')"
check_match "... the Outlook Accept among them" \
    "rsvp +mohamed.elamrani@mailbot.test +accepted" "$inbox"
check_match "... the question forwarded" \
    "annelies.devries@mailbot.test .*question forwarded" "$inbox"
check_match "... the decline" "sanne.jansen@mailbot.test +declined" "$inbox"
check_match "... the out-of-office with its return date" \
    "autoreply .*back on [0-9]{4}-[0-9]{2}-[0-9]{2}" "$inbox"
check_match "the confirmation Ineke received names her note" \
    "We hebben genoteerd dat je komt.*15\\.00 uur" "$(tr '\n' ' ' <"$tmp/out")"
check_match "the attendance shows her note" \
    "accepted +ineke.bakker@mailbot.test +Ineke Bakker - .*15\\.00" "$out"
check_match "the digest counts four yes, one no" \
    "ja +4 +Annelies de Vries, Ineke Bakker, Johan O'Connor, Mohamed El Amrani" \
    "$out"
check_match "... and lists the question for the coordinator" \
    "Vraag +Annelies de Vries" "$out"

# The daemon is still running: a reply from demo-reply.sh is handled.
check "demo-reply.sh sends a reply" tests/demo-reply.sh \
    wim.dekker@mailbot.test 'Ja, ik kom!'
mb() { "$MAILBOT" -c "$d/mailbot.conf" "$@"; }
for _ in $(seq 200); do
	[ "$(mb inbox --json 2>/dev/null | jq length)" = 7 ] && break
	sleep 0.1
done
check_eq "... and the running daemon records Wim's yes" "accepted" \
    "$(mb inbox --json | jq -r '.[] | select(.member ==
        "wim.dekker@mailbot.test") | .status')"

pid=$(cat "$d/daemon.pid")
kill "$pid"
for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
check "the daemon stops on SIGTERM" sh -c "! kill -0 $pid 2>/dev/null"
check_match "... saying so in its log" "stopp" "$(tail -n 3 "$d/daemon.log")"
finish
