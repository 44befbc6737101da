#!/usr/bin/env bash
# disk_full_test.sh: the disk fills up under the daemon. A file size limit
# just above the database's size (ulimit -f; writes past it fail with
# EFBIG as on a full disk) makes the store fail in the middle of a batch of
# replies. The daemon says so in one line naming the database, stays up,
# and leaves what it could not record on the server; once there is room
# again (prlimit raises the limit of the running daemon) every reply is
# handled exactly once and each member gets exactly one confirmation.
# `once` under the same limit exits 74 with one line naming the database.
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
export MAILSTACK_PORT_BASE=${MAILSTACK_PORT_BASE:-26000}
MAILBOT=$(realpath "${MAILBOT:-build/mailbot}")
MS=tests/mailstack/mailstack
N=40

stack_start
mailbot_conf "$dir/stack" >"$dir/mailbot.conf"
NOW='2026-11-23 10:00'
mb() { "$MAILBOT" -c "$dir/mailbot.conf" --now "$NOW" "$@"; }
db() { sqlite3 "$dir/state.db" "$1"; }
all_sent() {
	[ "$(db "SELECT count(*) FROM outbox WHERE state = 'sent'")" -ge "$N" ]
}
log_has() { grep -q -- "$1" "$dir/run.log"; }

yes_replies "$N" full
check "all $N replies reached the bot" "$MS" wait "$dir/stack" bot "$N" 60
# Room for a few transactions, not for N.
limit=$(($(stat -c %s "$dir/state.db") / 1024 + 8))

# once: one line, exit 74 (EX_IOERR), and nothing handled twice after.
(ulimit -S -f "$limit"; exec "$MAILBOT" -c "$dir/mailbot.conf" --now "$NOW" \
    once) >/dev/null 2>"$dir/once.err"
check_eq "once on a full disk exits 74" 74 "$?"
check_match "... saying so in a line that names the database" \
    "state\\.db: .*(disk (is )?full|File too large|No space left)" \
    "$(grep -v '^mailbot: sent\|^mailbot: handled' "$dir/once.err")"
check_eq "... one line" 1 "$(grep -vc '^mailbot: sent\|^mailbot: handled' "$dir/once.err")"
first=$(db "SELECT count(*) FROM inbound")
check "... after handling some, not all ($first of $N)" \
    test "$first" -lt "$N"

# The daemon under the same limit: it stays up and says why.
(ulimit -S -f "$limit"; exec "$MAILBOT" -c "$dir/mailbot.conf" --now "$NOW" \
    run) 2>"$dir/run.log" &
pid=$!
check "the daemon reports the full disk" until_true 30 log_has \
    'database failed, new mail waits on the server, retry in [0-9.]* s: .*state\.db: .*disk'
sleep 3
check "... and keeps running" kill -0 "$pid"
check "... connected: the server was never the problem" \
    test "$(grep -c 'imap connected' "$dir/run.log")" -eq 1
check "... backing off, not hammering (at most 4 lines in 3 s)" \
    test "$(grep -c 'database failed' "$dir/run.log")" -le 4
stuck=$(db "SELECT count(*) FROM inbound")
check "... with replies still waiting ($stuck of $N handled)" \
    test "$stuck" -lt "$N"

# Room again: everything is handled, once.
check "room again (prlimit raises the daemon's limit)" \
    prlimit --pid "$pid" --fsize=unlimited:
check "with room again every confirmation is sent" until_true 120 all_sent
check_eq "every reply handled" "$N" "$(db "SELECT count(*) FROM inbound")"
check_eq "... each once" "$N" \
    "$(db "SELECT count(DISTINCT message_id) FROM inbound")"
check_eq "no answer lost" "$N" \
    "$(db "SELECT count(*) FROM attendance WHERE status = 'accepted'")"
check_eq "one confirmation queued per reply" "$N" \
    "$(db "SELECT count(*) FROM outbox WHERE kind = 'confirmation'")"
check_eq "every handled reply is marked on the server" 0 \
    "$(db "SELECT count(*) FROM inbound WHERE marked = 0")"
kill -TERM "$pid"
wait "$pid"
check_eq "SIGTERM: exit 0" 0 "$?"
bad=
for i in $(seq -w 1 "$N"); do
	"$MS" wait "$dir/stack" "lid$i" 1 5 >/dev/null 2>&1
	c=$("$MS" count "$dir/stack" "lid$i")
	[ "$c" = 1 ] || bad="$bad lid$i=$c"
done
check_eq "each member's mailbox holds exactly one confirmation" "" "$bad"
finish
