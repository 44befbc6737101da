#!/usr/bin/env bash
# tests/integration/inbox_test.sh: mailbot's inbox module (mailbot/inbox.c),
# driven through inbox_probe against the real Dovecot of tests/mailstack:
# new UIDs (and the "N:*" pitfall), raw fetch without \Seen and the size
# cap, marking (idempotent) and moving to a folder, STARTTLS, and IDLE
# waking on new mail and timing out. TOOLS_DIR names another build of the
# tool (build/san/tools for ASan+UBSan).
set -u
# $MailbotHandled in single quotes is an IMAP keyword, not a variable.
# shellcheck disable=SC2016
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh

export MAILSTACK_PORT_BASE=${MAILSTACK_PORT_BASE:-26000}
MS=tests/mailstack/mailstack
PROBE=${TOOLS_DIR:-build/tools}/inbox_probe

dir=$(mktemp -d /tmp/ms.XXXXXX) || exit 2
chmod 755 "$dir"
work=$(mktemp -d /tmp/inbox-test.XXXXXX) || exit 2
cleanup() {
	"$MS" stop "$dir" >/dev/null 2>&1
	rm -rf "$dir" "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

if [ ! -x "$PROBE" ]; then
	not_ok "inbox_probe exists" "no $PROBE (make units)"
	finish
fi
if ! "$MS" start "$dir" >"$work/start.log" 2>&1; then
	not_ok "mailstack starts" "$(head -n 3 "$work/start.log")"
	finish
fi
. "$dir/env"

URL=imaps://$MS_HOST:$MS_IMAPS_PORT/INBOX
probe() {
	"$PROBE" "$URL" "$MS_BOT" "$MS_PASSWORD_FILE" "$MS_CA" "$@"
}
# imap_cmd MAILBOX COMMAND: the server's untagged answer, through curl.
imap_cmd() {
	curl -s --cacert "$MS_CA" -u "$MS_BOT:$MS_PASSWORD" \
		"imaps://$MS_HOST:$MS_IMAPS_PORT/$1" -X "$2" | tr -d '\r'
}
# message N: a small message with CRLF line ends.
message() {
	printf 'From: alice@mailbot.test\r\nTo: bot@mailbot.test\r\n'
	printf 'Subject: test %s\r\nDate: Mon, 23 Nov 2026 10:00:00 +0000\r\n' "$1"
	printf 'Message-ID: <inbox-test-%s@mailbot.test>\r\n' "$1"
	printf 'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n'
	printf '\r\nHello %s,\r\n\r\nline two with caf\303\251.\r\n' "$1"
}

# One at a time: Postfix delivers in parallel, and the checks below rely
# on message N having UID N.
for n in 1 2 3; do
	message "$n" >"$work/m$n.eml"
	"$MS" send "$dir" alice@mailbot.test "$MS_BOT" "$work/m$n.eml" \
		>/dev/null 2>&1 || not_ok "send $n" "mailstack send failed"
	"$MS" wait "$dir" bot "$n" >/dev/null 2>&1
done
check "three messages arrive" "$MS" wait "$dir" bot 3

out=$(probe list 0 2>&1)
check_match "list 0 gives a uidvalidity" '^uidvalidity [1-9][0-9]*' "$out"
check_eq "list 0 gives UIDs 1 2 3" "1 2 3" \
	"$(printf '%s\n' "$out" | sed 1d | tr '\n' ' ' | sed 's/ $//')"
out=$(probe list 2 2>&1)
check_eq "list 2 gives only UID 3" "3" "$(printf '%s\n' "$out" | sed 1d)"
out=$(probe list 3 2>&1)
check_eq "list 3 gives nothing (N:* pitfall)" "" \
	"$(printf '%s\n' "$out" | sed 1d)"
out=$(probe list 4000000000 2>&1)
check_eq "list above every UID gives nothing" "" \
	"$(printf '%s\n' "$out" | sed 1d)"

probe fetch 1 100000 >"$work/got1.eml" 2>"$work/fetch.err"
size=$(wc -c <"$work/m1.eml")
if tail -c "$size" "$work/got1.eml" | cmp -s - "$work/m1.eml"; then
	ok "fetch 1 returns the bytes sent"
else
	not_ok "fetch 1 returns the bytes sent" \
		"$(head -c 300 "$work/got1.eml") $(cat "$work/fetch.err")"
fi
check_eq "fetch 1 says nothing on stderr" "" "$(cat "$work/fetch.err")"
check_match "fetch 1 has the delivery headers" '^Return-Path: ' \
	"$(head -n 1 "$work/got1.eml")"
out=$(probe fetch 1 100 2>&1)
check_match "fetch over the cap says too large" '^too large [0-9]+$' "$out"
out=$(probe fetch 99 100000 2>&1)
check_match "fetch of a missing UID fails" '^error: imap .*UID 99 is gone' \
	"$out"
check_match "fetch leaves \\Seen unset" '^\* SEARCH 1 2 3$' \
	"$(imap_cmd INBOX 'UID SEARCH UNSEEN')"

check_eq "mark 1" ok "$(probe mark 1 2>&1)"
check_match "mark 1 sets \\Seen" '^\* SEARCH 2 3$' \
	"$(imap_cmd INBOX 'UID SEARCH UNSEEN')"
check_match "mark 1 sets \$MailbotHandled" '^\* SEARCH 1$' \
	"$(imap_cmd INBOX 'UID SEARCH KEYWORD $MailbotHandled')"
check_eq "mark 1 again" ok "$(probe mark 1 2>&1)"
check_match "mark 1 again changes nothing" '^\* SEARCH 1$' \
	"$(imap_cmd INBOX 'UID SEARCH KEYWORD $MailbotHandled')"

check_eq "mark 2 Handled" ok "$(probe mark 2 Handled 2>&1)"
check_eq "INBOX keeps 2 messages" 2 "$("$MS" count "$dir" bot 2>&1)"
check_match "INBOX holds UIDs 1 3" '^\* SEARCH 1 3$' \
	"$(imap_cmd INBOX 'UID SEARCH ALL')"
check_match "Handled holds 1 message, seen and handled" '^\* SEARCH 1$' \
	"$(imap_cmd Handled 'SEARCH SEEN KEYWORD $MailbotHandled')"
check_eq "mark 2 Handled again (gone: fine)" ok \
	"$(probe mark 2 Handled 2>&1)"
check_eq "mark 3 Handled (folder exists)" ok "$(probe mark 3 Handled 2>&1)"
check_match "Handled holds 2 messages" '^\* SEARCH 1 2$' \
	"$(imap_cmd Handled 'SEARCH ALL')"

out=$("$PROBE" "imap://$MS_HOST:$MS_IMAP_PORT/INBOX" "$MS_BOT" \
	"$MS_PASSWORD_FILE" "$MS_CA" list 0 2>&1)
check_eq "STARTTLS: list 0 gives UID 1" "1" "$(printf '%s\n' "$out" | sed 1d)"
out=$("$PROBE" "imap://$MS_HOST:$MS_IMAP_PORT/INBOX" "$MS_BOT" \
	"$MS_PASSWORD_FILE" "$MS_OTHER_CA" list 0 2>&1)
check_match "STARTTLS with a foreign CA is refused" \
	'^error: imap 127\.0\.0\.1:[0-9]+: .*(certificate|trust)' "$out"

# IDLE: wait in the background, then send a mail.
probe wait 5 >"$work/wait.out" 2>&1 &
waiter=$!
sleep 1
message 4 >"$work/m4.eml"
t0=$(date +%s%N)
"$MS" send "$dir" alice@mailbot.test "$MS_BOT" "$work/m4.eml" >/dev/null 2>&1
wait "$waiter"
t1=$(date +%s%N)
ms=$(((t1 - t0) / 1000000))
printf '# IDLE: "mail" %d ms after the send began\n' "$ms"
check_eq "wait 5 wakes on new mail" mail "$(cat "$work/wait.out")"
if [ "$ms" -lt 4000 ]; then
	ok "wait wakes within 4 s"
else
	not_ok "wait wakes within 4 s" "took $ms ms"
fi

t0=$(date +%s%N)
out=$(probe wait 1 2>&1)
t1=$(date +%s%N)
ms=$(((t1 - t0) / 1000000))
check_eq "wait 1 without mail times out" timeout "$out"
if [ "$ms" -lt 2500 ]; then
	ok "wait 1 returns on time ($ms ms)"
else
	not_ok "wait 1 returns on time" "took $ms ms"
fi

# A dropped connection: the server goes away in the middle of IDLE.
# Started first, as a wrong password below slows later logins down.
probe wait 10 >"$work/drop.out" 2>&1 &
waiter=$!
sleep 2	# logged in and idling by then, even under ASan
# Meanwhile (Dovecot delays logins from an address after a failed one, so
# this comes last):
out=$("$PROBE" "imaps://$MS_HOST:1/INBOX" "$MS_BOT" "$MS_PASSWORD_FILE" \
	"$MS_CA" list 0 2>&1)
check_match "a closed port fails in one line" \
	'^error: imap 127\.0\.0\.1:1: connection refused' "$out"
printf 'wrong\n' >"$work/badpw"
out=$("$PROBE" "$URL" "$MS_BOT" "$work/badpw" "$MS_CA" list 0 2>&1)
check_match "a wrong password is refused" '^error: imap .*login refused' \
	"$out"
t0=$(date +%s%N)
"$MS" stop "$dir" >/dev/null 2>&1
wait "$waiter"
t1=$(date +%s%N)
ms=$(((t1 - t0) / 1000000))
printf '# IDLE: server stop noticed after %d ms\n' "$ms"
check_match "a server gone during IDLE is a clear error" \
	'^error: imap 127\.0\.0\.1:[0-9]+: IDLE.*connection lost' \
	"$(cat "$work/drop.out")"
if [ "$ms" -lt 4000 ]; then
	ok "a server gone during IDLE is noticed at once"
else
	not_ok "a server gone during IDLE is noticed at once" "took $ms ms"
fi

finish
