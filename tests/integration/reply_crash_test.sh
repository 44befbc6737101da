#!/usr/bin/env bash
# reply_crash_test.sh: `mailbot once` killed with SIGKILL in the middle of
# a batch of replies, then run again: every reply is handled exactly once,
# no answer lost, no confirmation queued twice.
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
export MAILSTACK_PORT_BASE=${MAILSTACK_PORT_BASE:-26000}
MAILBOT=$(realpath "${MAILBOT:-build/mailbot}")
MS=tests/mailstack/mailstack
N=60

stack_start
mailbot_conf "$dir/stack" | sed 's/^\[smtp\]$/move_to = Afgehandeld\n&/' \
    >"$dir/mailbot.conf"
NOW='2026-11-23 10:00'
mb() { "$MAILBOT" -c "$dir/mailbot.conf" --now "$NOW" "$@"; }
db() { sqlite3 "$dir/state.db" "$1"; }

yes_replies "$N" crash
check "all $N replies reached the bot" "$MS" wait "$dir/stack" bot "$N" 30

"$MAILBOT" -c "$dir/mailbot.conf" --now "$NOW" once >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 500); do	# until some, not all, are handled
	n=$(db "SELECT count(*) FROM inbound")
	[ "$n" -ge 10 ] && break
	sleep 0.01
done
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
before=$(db "SELECT count(*) FROM inbound")
check "the kill came in the middle ($before of $N handled)" \
    test "$before" -lt "$N"
mb once >/dev/null 2>&1
check_eq "after the restart every reply is handled" "$N" \
    "$(db "SELECT count(*) FROM inbound")"
check_eq "... each exactly once" "$N" \
    "$(db "SELECT count(DISTINCT message_id) FROM inbound")"
check_eq "no answer lost" "$N" \
    "$(db "SELECT count(*) FROM attendance WHERE status = 'accepted'")"
check_eq "one confirmation per reply, none twice" "$N" \
    "$(db "SELECT count(*) FROM outbox WHERE kind = 'confirmation'")"
check_eq "one history row per answer" "$N" \
    "$(db "SELECT count(*) FROM attendance_history")"
mb once >/dev/null 2>&1
check_eq "a third run changes nothing" "$N" \
    "$(db "SELECT count(*) FROM inbound")"
check_eq "every handled reply was moved out of the INBOX (move_to)" 0 \
    "$("$MS" count "$dir/stack" bot)"
check_eq "... and each is recorded as marked" "$N" \
    "$(db "SELECT count(*) FROM inbound WHERE marked = 1")"
finish
