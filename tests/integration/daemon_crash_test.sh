#!/usr/bin/env bash
# daemon_crash_test.sh: `mailbot run` killed with SIGKILL in the middle of
# a batch of 200 replies, then started again: every reply is handled
# exactly once, no answer lost, and each member receives exactly one
# confirmation (counted in the members' own mailboxes). In between, a
# SIGTERM in the middle of the backlog ends the daemon cleanly.
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
export MAILSTACK_PORT_BASE=${MAILSTACK_PORT_BASE:-26000}
MAILBOT=$(realpath "${MAILBOT:-build/mailbot}")
MS=tests/mailstack/mailstack
N=200

stack_start
mailbot_conf "$dir/stack" | sed 's/^\[smtp\]$/move_to = Afgehandeld\n&/' \
    >"$dir/mailbot.conf"
NOW='2026-11-23 10:00'
mb() { "$MAILBOT" -c "$dir/mailbot.conf" --now "$NOW" "$@"; }
db() { sqlite3 "$dir/state.db" "$1"; }

all_sent() {
	[ "$(db "SELECT count(*) FROM outbox WHERE state = 'sent'")" -ge "$N" ]
}

yes_replies "$N" dcrash
check "all $N replies reached the bot" "$MS" wait "$dir/stack" bot "$N" 60

"$MAILBOT" -c "$dir/mailbot.conf" --now "$NOW" run 2>"$dir/run1.log" &
pid=$!
for _ in $(seq 1 3000); do	# until some, not all, are handled
	n=$(db "SELECT count(*) FROM inbound" 2>/dev/null)
	[ "${n:-0}" -ge 20 ] && break
	sleep 0.01
done
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
before=$(db "SELECT count(*) FROM inbound")
check "the kill came in the middle of the batch ($before of $N handled)" \
    test "$before" -gt 0 -a "$before" -lt "$N"

# SIGTERM in the middle of the backlog: the daemon ends after the group of
# messages in hand, with every message it handled also marked on the
# server (nothing half-done), and exits 0.
"$MAILBOT" -c "$dir/mailbot.conf" --now "$NOW" run 2>"$dir/run-term.log" &
pid=$!
for _ in $(seq 1 3000); do
	n=$(db "SELECT count(*) FROM inbound" 2>/dev/null)
	[ "${n:-0}" -gt "$before" ] && break
	sleep 0.01
done
kill -TERM "$pid" 2>/dev/null
wait "$pid"
check_eq "SIGTERM during the backlog: exit 0" 0 "$?"
termed=$(db "SELECT count(*) FROM inbound")
echo "# SIGTERM came with $n handled; the daemon stopped at $termed of $N"
check_eq "... every message it handled is marked on the server" 0 \
    "$(db "SELECT count(*) FROM inbound WHERE marked = 0")"
check_match "... and it said it stopped" "stopped" "$(cat "$dir/run-term.log")"

"$MAILBOT" -c "$dir/mailbot.conf" --now "$NOW" run 2>"$dir/run2.log" &
pid=$!
check "after the restart every confirmation is sent" until_true 120 all_sent
kill -TERM "$pid"
wait "$pid"
check_eq "the second daemon exits 0 on SIGTERM" 0 "$?"

check_eq "every reply handled" "$N" "$(db "SELECT count(*) FROM inbound")"
check_eq "... each exactly once" "$N" \
    "$(db "SELECT count(DISTINCT message_id) FROM inbound")"
check_eq "no answer lost" "$N" \
    "$(db "SELECT count(*) FROM attendance WHERE status = 'accepted'")"
check_eq "one confirmation queued per reply" "$N" \
    "$(db "SELECT count(*) FROM outbox WHERE kind = 'confirmation'")"
check_eq "one history row per answer" "$N" \
    "$(db "SELECT count(*) FROM attendance_history")"
check_eq "every handled reply was moved out of the INBOX" 0 \
    "$("$MS" count "$dir/stack" bot)"
bad=
for i in $(seq -w 1 "$N"); do
	"$MS" wait "$dir/stack" "lid$i" 1 20 >/dev/null 2>&1
	c=$("$MS" count "$dir/stack" "lid$i")
	[ "$c" = 1 ] || bad="$bad lid$i=$c"
done
check_eq "each member's mailbox holds exactly one confirmation" "" "$bad"
finish
