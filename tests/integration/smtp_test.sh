#!/usr/bin/env bash
# tests/integration/smtp_test.sh: mailbot's smtp module (mailbot/smtp.c),
# driven through build/tools/smtp_send against the real Postfix of
# tests/mailstack: STARTTLS and implicit TLS with AUTH, the delivered bytes
# (dot-stuffing done once), one connection per batch, 5xx/4xx answers quoted
# from the server, a dead port, a foreign CA, both certificate names, and a
# batch that goes on after a refusal. SMTP_SEND names another build of the
# tool (e.g. one with ASan).
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh

export MAILSTACK_PORT_BASE=${MAILSTACK_PORT_BASE:-26000}
MS=tests/mailstack/mailstack
SEND=${SMTP_SEND:-${TOOLS_DIR:-build/tools}/smtp_send}

if [ ! -x "$SEND" ]; then
	not_ok "smtp_send is built" "no $SEND (make units)"
	finish
fi

dir=$(mktemp -d /tmp/ms.XXXXXX) || exit 2
work=$(mktemp -d /tmp/smtp-test.XXXXXX) || exit 2
cleanup() {
	"$MS" stop "$dir" >/dev/null 2>&1
	rm -rf "$dir" "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

if ! "$MS" start "$dir" >"$work/start.out" 2>&1; then
	not_ok "mailstack starts" "$(head -n 1 "$work/start.out")"
	finish
fi
. "$dir/env"

SUB=smtp://$MS_HOST:$MS_SUBMISSION_PORT
SUBS=smtps://$MS_HOST:$MS_SUBMISSIONS_PORT
FROM=$MS_BOT

# ms_elapsed SINCE: milliseconds since the EPOCHREALTIME value SINCE.
ms_elapsed() {
	local a=${1/[.,]/} b=${EPOCHREALTIME/[.,]/}
	printf '%d' $(((b - a) / 1000))
}

# send URL CA RCPT FILE...: smtp_send as the bot; prints its lines. An
# exit status other than 0 (a crash, or a sanitizer's report) is noted in
# $work/status for the last check.
send() {
	local url=$1 ca=$2 rcpt=$3 rc
	shift 3
	"$SEND" "$url" "$MS_BOT" "$MS_PASSWORD_FILE" "$ca" "$FROM" "$rcpt" "$@" \
		2>>"$work/stderr"
	rc=$?
	[ "$rc" -eq 0 ] || printf 'exit %d: %s\n' "$rc" "$rcpt" >>"$work/status"
}

# message FILE SUBJECT: CRLF lines, 8bit UTF-8, lines starting with "."
# (libcurl must stuff them exactly once), and a last line without text.
message() {
	{
		printf 'From: mailbot <%s>\r\n' "$MS_BOT"
		printf 'To: <alice@%s>\r\n' "$MS_DOMAIN"
		printf 'Subject: %s\r\n' "$2"
		printf 'Date: Mon, 02 Jun 2025 10:00:00 +0200\r\n'
		printf 'Message-ID: <%s.%s@%s>\r\n' "$2" "$RANDOM" "$MS_DOMAIN"
		printf 'MIME-Version: 1.0\r\n'
		printf 'Content-Type: text/plain; charset=utf-8\r\n'
		printf 'Content-Transfer-Encoding: 8bit\r\n'
		printf '\r\n'
		printf 'Beste Alice, tot donderdag. Grüße, café, 日本語, ✓\r\n'
		printf '.a line that starts with a dot\r\n'
		printf '..and one with two\r\n'
		printf '.\r\n'
		printf 'the line above is a lone dot\r\n'
		printf '\r\n'
	} >"$1"
}

# body FILE: the blank line after the header block and everything after it.
body() {
	LC_ALL=C sed -n '/^\r$/,$p' "$1"
}

# same_body NAME SENT USER UID: ok when USER's message UID, fetched over
# IMAPS, carries SENT's body byte for byte.
same_body() {
	"$MS" fetch "$dir" "$3" "$4" >"$work/fetched" 2>/dev/null
	body "$2" >"$work/b1"
	body "$work/fetched" >"$work/b2"
	if [ ! -s "$work/fetched" ]; then
		not_ok "$1" "nothing fetched"
	elif cmp -s "$work/b1" "$work/b2"; then
		ok "$1"
	else
		not_ok "$1" "body differs: $(cmp "$work/b1" "$work/b2" 2>&1 | head -n 1)"
	fi
}

# log_wait FROM PATTERN: waits (up to 10 s, polling) until the Postfix log
# past line FROM holds a line matching PATTERN; prints that part of the log.
log_wait() {
	local i
	for i in $(seq 1 200); do
		if tail -n +"$(($1 + 1))" "$MS_POSTFIX_LOG" | grep -Eq -- "$2"; then
			break
		fi
		sleep 0.05
	done
	tail -n +"$(($1 + 1))" "$MS_POSTFIX_LOG"
}

log_lines() {
	wc -l <"$MS_POSTFIX_LOG"
}

message "$work/m1.eml" smtp-submission

# 1. submission: STARTTLS, AUTH, delivered bytes identical.
out=$(send "$SUB" "$MS_CA" "alice@$MS_DOMAIN" "$work/m1.eml")
check_eq "submission (STARTTLS, AUTH): smtp_send says ok" "ok" "$out"
if "$MS" wait "$dir" alice 1 >/dev/null 2>&1; then
	same_body "submission: alice gets the body byte for byte (dots, UTF-8, CRLF)" \
		"$work/m1.eml" alice 1
else
	not_ok "submission: alice gets the body byte for byte (dots, UTF-8, CRLF)" \
		"not delivered"
fi

# 2. submissions: implicit TLS.
message "$work/m2.eml" smtp-submissions
out=$(send "$SUBS" "$MS_CA" "bob@$MS_DOMAIN" "$work/m2.eml")
check_eq "submissions (implicit TLS): smtp_send says ok" "ok" "$out"
if "$MS" wait "$dir" bob 1 >/dev/null 2>&1; then
	same_body "submissions: bob gets the body byte for byte" \
		"$work/m2.eml" bob 1
else
	not_ok "submissions: bob gets the body byte for byte" "not delivered"
fi

# 3. five messages, one connection: Postfix logs one "connect from" for
# the session and, at its end, counters such as "mail=5 rcpt=5 data=5".
for i in 1 2 3 4 5; do
	message "$work/five$i.eml" "five-$i"
done
before=$(log_lines)
out=$(send "$SUB" "$MS_CA" "carol@$MS_DOMAIN" "$work"/five[1-5].eml)
check_eq "five messages in one session: five ok lines" \
	"$(printf 'ok\nok\nok\nok\nok')" "$out"
log=$(log_wait "$before" 'submission/smtpd\[[0-9]+\]: disconnect from')
check_eq "five messages in one session: one connection" 1 \
	"$(printf '%s\n' "$log" | grep -Ec 'submission/smtpd\[[0-9]+\]: connect from')"
check_match "five messages in one session: mail=5 rcpt=5 data=5 on it" \
	'disconnect from .* mail=5 rcpt=5 data=5 ' "$log"
check "five messages in one session: all five arrive" \
	"$MS" wait "$dir" carol 5

# 4. 550 at RCPT: permanent, with the server's own words; the second
# message of the batch gets the same answer over a fresh connection.
out=$(send "$SUB" "$MS_CA" "reject550@$MS_DOMAIN" "$work/m1.eml" "$work/m1.eml")
check_match "reject550: permfail quoting the server's 550 line" \
	'^permfail: 550 5\.1\.1 <reject550@mailbot\.test>: Recipient address rejected' \
	"$(printf '%s\n' "$out" | head -n 1)"
check_eq "reject550: the session still answers after the failure" \
	"$(printf '%s\n' "$out" | head -n 1)" "$(printf '%s\n' "$out" | tail -n 1)"

# 5. 451 at RCPT: temporary.
out=$(send "$SUBS" "$MS_CA" "reject451@$MS_DOMAIN" "$work/m1.eml")
check_match "reject451: tempfail quoting the server's 451 line" \
	'^tempfail: 451 4\.3\.0 .*Recipient address rejected' "$out"

# 6. nobody listening: unreachable at once, naming the failure.
port=$((MAILSTACK_PORT_BASE + 9))
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
	not_ok "dead port: unreachable" "port $port is in use"
else
	t=$EPOCHREALTIME
	out=$(send "smtp://127.0.0.1:$port" "$MS_CA" "alice@$MS_DOMAIN" \
		"$work/m1.eml")
	took=$(ms_elapsed "$t")
	check_match "dead port: unreachable, cannot connect" \
		"^unreachable: cannot connect to 127\.0\.0\.1:$port: Connection refused" \
		"$out"
	check "dead port: gives up within 3 s (took ${took} ms)" \
		test "$took" -lt 3000
fi

# 7. the other CA: the certificate is not trusted; nothing is delivered
# (the marker sent afterwards is the only message dave gets).
out=$(send "$SUB" "$MS_OTHER_CA" "dave@$MS_DOMAIN" "$work/m1.eml")
check_match "other CA: unreachable, certificate not trusted" \
	'^unreachable: certificate of 127\.0\.0\.1 not trusted' "$out"
out=$(send "$SUBS" "$MS_OTHER_CA" "dave@$MS_DOMAIN" "$work/m1.eml")
check_match "other CA, implicit TLS: unreachable, certificate not trusted" \
	'^unreachable: certificate of 127\.0\.0\.1 not trusted' "$out"
# The system store alone does not know the test CA either.
out=$(send "$SUB" "" "dave@$MS_DOMAIN" "$work/m1.eml")
check_match "system store only: unreachable, certificate not trusted" \
	'^unreachable: certificate of 127\.0\.0\.1 not trusted' "$out"
message "$work/marker.eml" marker
send "$SUB" "$MS_CA" "dave@$MS_DOMAIN" "$work/marker.eml" >/dev/null
"$MS" wait "$dir" dave 1 >/dev/null 2>&1
check_eq "other CA: nothing delivered" 1 "$("$MS" count "$dir" dave)"
check_match "other CA: dave's only message is the marker" \
	'^Subject: marker' "$("$MS" fetch "$dir" dave 1 | tr -d '\r')"
# ca_file adds to the system store; it does not replace it: libcurl gets
# one file in memory, the system bundle followed by ca_file, and parses
# each certificate once (its verbose lines, logged at debug level, count
# them), not the /etc/ssl/certs directory with every one three times.
SMTP_SEND_DEBUG=1 "$SEND" "$SUB" "$MS_BOT" "$MS_PASSWORD_FILE" "$MS_CA" \
	"$FROM" "dave@$MS_DOMAIN" "$work/marker.eml" >/dev/null 2>"$work/debug"
nsys=$(grep -c 'BEGIN CERTIFICATE' /etc/ssl/certs/ca-certificates.crt)
check_match "ca_file is trusted together with the system bundle, once each" \
	"found $((nsys + 1)) certificates in /proc/self/fd/[0-9]+" \
	"$(cat "$work/debug")"
check_eq "... and the certificate directory is not parsed" "" \
	"$(grep 'certificates in /etc/ssl/certs' "$work/debug")"
out=$(send "$SUB" "$work/no-such-ca.pem" "dave@$MS_DOMAIN" "$work/m1.eml")
check_match "a ca_file that cannot be read is named" \
	"no-such-ca.pem" "$out"
if grep -qF -- "$MS_PASSWORD" "$work/debug"; then
	not_ok "the debug log never shows the password" "it does"
else
	ok "the debug log never shows the password"
fi
"$MS" wait "$dir" dave 2 >/dev/null 2>&1

# 8. the certificate names both localhost and 127.0.0.1.
out=$(send "smtps://localhost:$MS_SUBMISSIONS_PORT" "$MS_CA" \
	"erin@$MS_DOMAIN" "$work/m1.eml")
check_eq "host name localhost verifies" "ok" "$out"
out=$(send "smtp://127.0.0.1:$MS_SUBMISSION_PORT" "$MS_CA" \
	"erin@$MS_DOMAIN" "$work/m1.eml")
check_eq "address 127.0.0.1 verifies" "ok" "$out"
check "localhost and 127.0.0.1: both arrive" "$MS" wait "$dir" erin 2

# 9. a permanent failure in the middle of a batch: the oversized message
# (Postfix's message_size_limit is 10240000; libcurl announces SIZE= at
# MAIL FROM) is refused with 552, and the next one still goes out.
message "$work/small.eml" after-refusal
head -c 11000000 /dev/zero | tr '\0' 'x' | fold -w 998 | sed 's/$/\r/' \
	>"$work/big.body"
cat "$work/small.eml" "$work/big.body" >"$work/big.eml"
out=$(send "$SUB" "$MS_CA" "frank@$MS_DOMAIN" "$work/big.eml" \
	"$work/small.eml")
check_match "batch: the oversized message is a permfail (552)" \
	'^permfail: 552 ' "$(printf '%s\n' "$out" | head -n 1)"
check_eq "batch: the next message after the permfail is ok" \
	ok "$(printf '%s\n' "$out" | sed -n 2p)"
if "$MS" wait "$dir" frank 1 >/dev/null 2>&1; then
	same_body "batch: frank gets the message after the refusal" \
		"$work/small.eml" frank 1
else
	not_ok "batch: frank gets the message after the refusal" "not delivered"
fi

# 10. a server without STARTTLS is refused on smtp:// (smtp-sink offers
# none); the password never goes out in clear.
sinkport=$((MAILSTACK_PORT_BASE + 8))
/usr/sbin/smtp-sink -u nobody "127.0.0.1:$sinkport" 5 \
	</dev/null >/dev/null 2>&1 &
sink=$!
for i in $(seq 1 100); do
	(exec 3<>"/dev/tcp/127.0.0.1/$sinkport") 2>/dev/null && break
	sleep 0.05
done
out=$(send "smtp://127.0.0.1:$sinkport" "$MS_CA" "alice@$MS_DOMAIN" \
	"$work/m1.eml")
check_match "no STARTTLS offered: unreachable, nothing sent in clear" \
	'^unreachable: 127\.0\.0\.1:[0-9]+ offers no STARTTLS' "$out"
kill "$sink" 2>/dev/null
wait "$sink" 2>/dev/null

# Throughput over one connection, a hint for the benchmarks.
printf 'Subject: small\r\n\r\nhello\r\n' >"$work/tiny.eml"
files=()
for i in $(seq 1 200); do
	files+=("$work/tiny.eml")
done
t=$EPOCHREALTIME
n=$(send "$SUB" "$MS_CA" "grace@$MS_DOMAIN" "${files[@]}" | grep -c '^ok$')
took=$(ms_elapsed "$t")
check_eq "200 small messages over one connection: all ok" 200 "$n"
printf '# 200 messages in %d ms over one connection: %d messages/s\n' \
	"$took" $((200 * 1000 / (took > 0 ? took : 1)))

check_eq "smtp_send always exits 0" "" "$(cat "$work/status" 2>/dev/null)"
if [ -s "$work/stderr" ]; then
	printf '# smtp_send stderr:\n'
	sed 's/^/#   /' "$work/stderr" | head -20
fi
finish
