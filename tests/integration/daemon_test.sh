#!/usr/bin/env bash
# daemon_test.sh: `mailbot run` against the real mail stack: replies change
# the state while it idles; Dovecot and Postfix restart under it and it
# reconnects without losing a reply or a confirmation; SIGHUP with a broken
# config keeps the old one; SIGTERM ends IDLE, logs out and exits 0.
# Waits are on events (log lines, state, delivered mail), with generous
# bounds; the timings themselves are measured in tests/bench/idle_bench.sh.
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
export MAILSTACK_PORT_BASE=${MAILSTACK_PORT_BASE:-26000}
MAILBOT=$(realpath "${MAILBOT:-build/mailbot}")
MS=tests/mailstack/mailstack

stack_start
mailbot_conf "$dir/stack" >"$dir/mailbot.conf"
cp "$dir/mailbot.conf" "$dir/good.conf"
NOW='2026-11-23 10:00'
mb() { "$MAILBOT" -c "$dir/mailbot.conf" --now "$NOW" "$@"; }
db() { sqlite3 "$dir/state.db" "$1"; }
LOG=$dir/run.log

log_has() {	# log_has N PATTERN: the daemon logged PATTERN N times
	[ "$(grep -cE -- "$2" "$LOG")" -ge "$1" ]
}
status_is() {	# status_is EMAIL STATUS
	[ "$(db "SELECT a.status FROM attendance a JOIN member m ON
	    m.id = a.member_id WHERE m.email = '$1'")" = "$2" ]
}
reply() {	# reply USER TEXT: USER answers the bot over SMTP
	printf '%s\r\n' "From: $1@mailbot.test" "To: bot@mailbot.test" \
	    "Subject: Re: Uitnodiging" "Message-ID: <d-$1-$RANDOM@mailbot.test>" \
	    "" "$2" >"$dir/reply-$1"
	"$MS" send-signed "$dir/stack" "$1@mailbot.test" bot@mailbot.test \
	    "$dir/reply-$1" >/dev/null
}
confirmations() {	# confirmations USER: confirmations in USER's INBOX
	local n uid c=0
	n=$("$MS" count "$dir/stack" "$1")
	for uid in $(seq 1 "$n"); do
		"$MS" fetch "$dir/stack" "$1" "$uid" |
		    grep -qi '^X-Mailbot-Kind: confirmation' && c=$((c + 1))
	done
	echo "$c"
}

mb init >/dev/null
mb network add Daemon >/dev/null
for u in alice bob carol dave erin frank; do
	mb member add 1 "$u@mailbot.test" "Lid $u" >/dev/null
done
mb meeting add 1 --start '2027-01-14 14:00' --end '2027-01-14 17:00' \
    --location Zwolle >/dev/null

"$MAILBOT" -c "$dir/mailbot.conf" run extra >/dev/null 2>"$dir/usage.err"
check_eq "run with an argument is a usage error" 64 "$?"

"$MAILBOT" -c "$dir/mailbot.conf" --now "$NOW" -v run 2>"$LOG" &
pid=$!
check "the daemon connects and idles" until_true 20 log_has 1 'imap state busy -> idle'
check_match "log lines carry journald priorities" '^<6>mailbot: started ' \
    "$(head -n 1 "$LOG")"

# 1. A reply while idling.
reply alice 'Ja, ik kom graag.'
check "alice's yes changes the state while idling" \
    until_true 10 status_is alice@mailbot.test accepted
check "alice gets her confirmation" "$MS" wait "$dir/stack" alice 1 20

# 2. Dovecot goes away and comes back.
check "Dovecot stops" "$MS" dovecot stop "$dir/stack"
check "the daemon notices and backs off" \
    until_true 20 log_has 1 'imap unavailable, retry in'
check "Dovecot starts again" "$MS" dovecot start "$dir/stack"
check "the daemon reconnects" until_true 60 log_has 2 'imap connected'
reply bob 'Helaas verhinderd.'
check "bob's no is seen after the reconnect" \
    until_true 20 status_is bob@mailbot.test declined
check "bob gets his confirmation" "$MS" wait "$dir/stack" bob 1 20
check_eq "the daemon is still running" 0 "$(kill -0 "$pid" 2>&1; echo $?)"

# 3. Postfix goes away: a reply that arrives meanwhile (put in the
#    mailbox over IMAP, with the verdict the receiving server would have
#    stamped on it) is handled, and its confirmation waits.
check "Postfix stops" "$MS" postfix stop "$dir/stack"
. "$dir/stack/env"
printf '%s\r\n' "Authentication-Results: mx.mailbot.test (signed $MS_SIGNED_MARK);" \
    " dkim=pass header.d=mailbot.test" \
    "From: carol@mailbot.test" "To: bot@mailbot.test" \
    "Subject: Re: Uitnodiging" "Message-ID: <d-carol@mailbot.test>" "" \
    "Misschien, ik weet het nog niet." >"$dir/reply-carol"
curl -sS --cacert "$MS_CA" --user "bot@mailbot.test:$MS_PASSWORD" \
    -T "$dir/reply-carol" "imaps://$MS_HOST:$MS_IMAPS_PORT/INBOX" >/dev/null
check "carol's maybe is handled with Postfix down" \
    until_true 20 status_is carol@mailbot.test tentative
check "the daemon sees the SMTP server gone" \
    until_true 20 log_has 1 'smtp unavailable, mail kept'
check_eq "carol's confirmation waits in the outbox" queued \
    "$(db "SELECT o.state FROM outbox o JOIN member m ON m.id = o.member_id
    WHERE m.email = 'carol@mailbot.test' AND o.kind = 'confirmation'")"
check "Postfix starts again" "$MS" postfix start "$dir/stack"
check "carol's confirmation goes out once Postfix is back" \
    "$MS" wait "$dir/stack" carol 1 60
check_eq "nothing lost, nothing twice: one confirmation each" "1 1 1" \
    "$(confirmations alice) $(confirmations bob) $(confirmations carol)"

# 4. SIGHUP with a broken config keeps the old one.
printf '[mailbot]\naddress = bot@mailbot.test\n[imap]\nurl = nonsense\n' \
    >"$dir/mailbot.conf"
kill -HUP "$pid"
check "a broken config is reported on SIGHUP" \
    until_true 10 log_has 1 'reload failed, keeping the configuration in use'
check_match "... naming file and line" \
    "reload: .*mailbot.conf:[0-9]+: imap.url" "$(cat "$LOG")"
reply dave 'Ja hoor.'
check "the old config still serves" \
    until_true 20 status_is dave@mailbot.test accepted
cp "$dir/good.conf" "$dir/mailbot.conf"
kill -HUP "$pid"
check "a good config is reloaded" until_true 10 log_has 1 'configuration reloaded'
reply erin 'Nee, helaas niet.'
check "after the reload the daemon serves again" \
    until_true 20 status_is erin@mailbot.test declined
check "erin gets her confirmation" "$MS" wait "$dir/stack" erin 1 20

# 5. SIGTERM: a clean exit.
until_true 20 log_has 1 'sent kind=confirmation to=erin@' >/dev/null
kill -TERM "$pid"
wait "$pid"
check_eq "SIGTERM: exit 0" 0 "$?"
check_match "... says it stopped" '<6>mailbot: stopped$' "$(tail -n 1 "$LOG")"
check_eq "nothing half-done in the outbox" 0 \
    "$(db "SELECT count(*) FROM outbox WHERE state IN ('queued', 'sending')")"
check_eq "every reply handled and marked" "5 5" \
    "$(db "SELECT count(*) || ' ' || sum(marked) FROM inbound")"
check_match "the session ended with LOGOUT, not a dropped line" \
    'Logged out' "$(grep 'imap(bot@mailbot.test)' "$MS_DOVECOT_LOG" | tail -n 1)"
check "no password in the log" test -z "$(grep -F "$MS_PASSWORD" "$LOG")"

# 6. Without IDLE the daemon polls.
sed 's/^\[smtp\]$/idle = no\npoll_seconds = 5\n&/' "$dir/good.conf" \
    >"$dir/mailbot.conf"
LOG=$dir/poll.log
"$MAILBOT" -c "$dir/mailbot.conf" --now "$NOW" -v run 2>"$LOG" &
pid=$!
check "idle = no: the daemon polls" until_true 20 log_has 1 'imap state busy -> poll'
reply frank 'Ja, ik ben erbij.'
check "... and sees a reply at the next poll" \
    until_true 20 status_is frank@mailbot.test accepted
kill -TERM "$pid"
wait "$pid"
check_eq "... and stops with exit 0 while waiting" 0 "$?"
finish
