#!/usr/bin/env bash
# tests/integration/mailstack_test.sh: checks the throwaway mail stack that
# the other integration tests stand on (tests/mailstack/mailstack): real
# delivery over SMTP, submission and submissions, retrieval over IMAPS and
# IMAP STARTTLS with verified TLS, the special recipients, and a clean stop.
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh

MS=tests/mailstack/mailstack
T0=$EPOCHREALTIME

# elapsed SINCE: seconds since the EPOCHREALTIME value SINCE, e.g. "0.512".
elapsed() {
	local a=${1/[.,]/} b=${EPOCHREALTIME/[.,]/} ms
	ms=$(((b - a) / 1000))
	printf '%d.%03d' $((ms / 1000)) $((ms % 1000))
}

dir=$(mktemp -d /tmp/ms.XXXXXX) || exit 2
work=$(mktemp -d /tmp/ms-test.XXXXXX) || exit 2
cleanup() {
	"$MS" stop "$dir" >/dev/null 2>&1
	rm -rf "$dir" "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP	# so that cleanup runs on a signal too

t=$EPOCHREALTIME
if ! "$MS" start "$dir" >"$work/start.out" 2>&1; then
	not_ok "mailstack starts" "$(head -n 1 "$work/start.out")"
	tail -n +2 "$work/start.out" | sed 's/^/# /'	# the log tail, if any
	finish
fi
ok "mailstack starts"
printf '# start took %s s\n' "$(elapsed "$t")"
. "$dir/env"

# message FILE SUBJECT: an RFC 5322 message with CRLF line ends, an 8bit
# UTF-8 body, a line starting with "." (SMTP dot-stuffing), one starting
# with "From " (mbox quoting), trailing blanks and ~40 KB of text.
message() {
	local i
	{
		printf 'From: Alice Example <alice@%s>\r\n' "$MS_DOMAIN"
		printf 'To: <%s>\r\n' "$MS_BOT"
		printf 'Subject: %s\r\n' "$2"
		printf 'Date: Mon, 02 Jun 2025 10:00:00 +0200\r\n'
		printf 'Message-ID: <%s.%s@%s>\r\n' "$2" "$RANDOM" "$MS_DOMAIN"
		printf 'MIME-Version: 1.0\r\n'
		printf 'Content-Type: text/plain; charset=utf-8\r\n'
		printf 'Content-Transfer-Encoding: 8bit\r\n'
		printf '\r\n'
		printf 'Hallo allemaal, ik kom graag. Grüße, café, naïve, 日本語, ✓ 🎉\r\n'
		printf '.a line that starts with a dot\r\n'
		printf '..and one with two\r\n'
		printf 'From the start of a line\r\n'
		printf 'trailing blanks   \r\n'
		printf '\r\n'
		for i in $(seq 1 400); do
			printf 'Regel %03d: zo lang mogelijk, met één accent en een euro €. ' "$i"
			printf 'xxxxxxxxxxxxxxxxxxxxxxxx\r\n'
		done
		printf 'Tot ziens!\r\n'
	} >"$1"
}

# body FILE: the blank line after the header block and everything after it,
# byte for byte.
body() {
	LC_ALL=C sed -n '/^\r$/,$p' "$1"
}

# same_body NAME SENT FETCHED: ok when FETCHED carries SENT's body exactly.
same_body() {
	body "$2" >"$work/b1"
	body "$3" >"$work/b2"
	if [ ! -s "$3" ]; then
		not_ok "$1" "nothing fetched"
	elif cmp -s "$work/b1" "$work/b2"; then
		ok "$1"
	else
		not_ok "$1" "body differs: $(cmp "$work/b1" "$work/b2" 2>&1 | head -n 1)"
	fi
}

# curl_imap USER URL ARGS...: IMAP with TLS verified against MS_CA.
curl_imap() {
	local user=$1
	shift
	curl -sS --connect-timeout 5 --max-time 20 --cacert "$MS_CA" \
		--user "$user:$MS_PASSWORD" "$@"
}

# submit URL USER FROM TO FILE [CURLARGS...]: send FILE with AUTH.
submit() {
	local url=$1 user=$2 from=$3 to=$4 file=$5
	shift 5
	curl -sS --connect-timeout 5 --max-time 20 --url "$url/client.$MS_DOMAIN" \
		--cacert "$MS_CA" --user "$user:$MS_PASSWORD" \
		--mail-from "$from" --mail-rcpt "$to" --upload-file "$file" "$@"
}

SUB_URL=smtp://$MS_HOST:$MS_SUBMISSION_PORT
SUBS_URL=smtps://$MS_HOST:$MS_SUBMISSIONS_PORT

# 1. plain SMTP in, IMAPS out, body bytes identical.
message "$work/m1.eml" plain-smtp
if "$MS" send "$dir" "alice@$MS_DOMAIN" "alice@$MS_DOMAIN" "$work/m1.eml" &&
	"$MS" wait "$dir" alice 1; then
	"$MS" fetch "$dir" alice 1 >"$work/f1.eml"
	same_body "SMTP to alice, fetched over IMAPS: body bytes identical" \
		"$work/m1.eml" "$work/f1.eml"
else
	not_ok "SMTP to alice, fetched over IMAPS: body bytes identical" \
		"not delivered"
fi

# 2. the same message over IMAP with STARTTLS (required).
curl_imap alice --ssl-reqd "imap://$MS_HOST:$MS_IMAP_PORT/INBOX/;UID=1" \
	>"$work/f2.eml"
same_body "fetched over IMAP STARTTLS: body bytes identical" \
	"$work/m1.eml" "$work/f2.eml"
# The certificate names localhost as well as 127.0.0.1.
check "IMAPS certificate valid for localhost" \
	curl_imap alice "imaps://localhost:$MS_IMAPS_PORT/INBOX" \
	-X 'STATUS INBOX (MESSAGES)'

# IDLE is there for mailbot's inbox loop.
check_match "IMAP offers IDLE" ' IDLE( |$)' \
	"$(curl_imap alice "imaps://$MS_HOST:$MS_IMAPS_PORT/" -X CAPABILITY)"

# 3. submission (STARTTLS + AUTH) and submissions (implicit TLS + AUTH).
message "$work/m3.eml" submission
if submit "$SUB_URL" "$MS_BOT" "$MS_BOT" "carol@$MS_DOMAIN" "$work/m3.eml" \
	--ssl-reqd && "$MS" wait "$dir" carol 1; then
	ok "submission with STARTTLS and AUTH delivers to carol"
else
	not_ok "submission with STARTTLS and AUTH delivers to carol" "not delivered"
fi
if submit "$SUBS_URL" "$MS_BOT" "$MS_BOT" "carol@$MS_DOMAIN" "$work/m3.eml" &&
	"$MS" wait "$dir" carol 2; then
	"$MS" fetch "$dir" carol 2 >"$work/f3.eml"
	same_body "submissions with implicit TLS and AUTH delivers to carol" \
		"$work/m3.eml" "$work/f3.eml"
else
	not_ok "submissions with implicit TLS and AUTH delivers to carol" \
		"not delivered"
fi

# 4. TLS is verified: a client trusting only the other CA refuses every
# server (curl exit 60: peer certificate cannot be authenticated).
for pair in "IMAPS imaps://$MS_HOST:$MS_IMAPS_PORT/INBOX" \
	"IMAP-STARTTLS imap://$MS_HOST:$MS_IMAP_PORT/INBOX" \
	"submissions $SUBS_URL" "submission-STARTTLS $SUB_URL"; do
	curl -s --connect-timeout 5 --max-time 20 --ssl-reqd \
		--cacert "$MS_OTHER_CA" --user "$MS_BOT:$MS_PASSWORD" \
		"${pair#* }" -X NOOP >/dev/null 2>&1
	check_eq "${pair%% *}: a client trusting only the other CA refuses (curl exit 60)" \
		60 "$?"
done

# ehlo_answer PORT: the server's answer to EHLO, without TLS.
ehlo_answer() {
	local line
	exec 3<>"/dev/tcp/$MS_HOST/$1" || return 1
	IFS= read -r -t 5 line <&3	# greeting
	printf 'EHLO client.%s\r\n' "$MS_DOMAIN" >&3
	while IFS= read -r -t 5 line <&3; do
		printf '%s\n' "${line%$'\r'}"
		case $line in
		250\ *) break ;;
		esac
	done
	printf 'QUIT\r\n' >&3
	exec 3<&-
}

# 5. submission offers STARTTLS but no AUTH before it, and refuses mail
# without STARTTLS, or after STARTTLS without AUTH.
ehlo=$(ehlo_answer "$MS_SUBMISSION_PORT")
check_match "submission offers STARTTLS before TLS" '250.STARTTLS' "$ehlo"
if printf '%s\n' "$ehlo" | grep -q 'AUTH'; then
	not_ok "submission offers no AUTH before STARTTLS" "$ehlo"
else
	ok "submission offers no AUTH before STARTTLS"
fi
if submit "$SUB_URL" "$MS_BOT" "$MS_BOT" "carol@$MS_DOMAIN" "$work/m3.eml" \
	2>"$work/err5"; then
	not_ok "submission refuses mail with AUTH but without STARTTLS" "accepted"
else
	# No AUTH was offered, so curl goes on without it: 530 at MAIL.
	check_match "submission refuses mail with AUTH but without STARTTLS" \
		'MAIL failed: 530' "$(cat "$work/err5")"
fi
if curl -sS --connect-timeout 5 --max-time 20 --ssl-reqd --cacert "$MS_CA" \
	--url "$SUB_URL/client.$MS_DOMAIN" --mail-from "$MS_BOT" \
	--mail-rcpt "carol@$MS_DOMAIN" --upload-file "$work/m3.eml" \
	2>"$work/err5b"; then
	not_ok "submission refuses mail after STARTTLS without AUTH" "accepted"
else
	check_match "submission refuses mail after STARTTLS without AUTH" \
		'RCPT failed: 554' "$(cat "$work/err5b")"
fi

# 6. bot+token@ lands in bot's INBOX.
message "$work/m6.eml" plus-token
if "$MS" send "$dir" "alice@$MS_DOMAIN" "bot+sometoken@$MS_DOMAIN" \
	"$work/m6.eml" && "$MS" wait "$dir" bot 1; then
	check_match "bot+sometoken@ is delivered into bot's INBOX" \
		'Subject: plus-token' "$("$MS" fetch "$dir" bot 1)"
else
	not_ok "bot+sometoken@ is delivered into bot's INBOX" "not delivered"
fi

# 7. reject550@ and reject451@ are refused at RCPT, over SMTP and submission.
for code in 550 451; do
	"$MS" send "$dir" "alice@$MS_DOMAIN" "reject$code@$MS_DOMAIN" \
		"$work/m1.eml" 2>"$work/err7"
	rc=$?
	check_match "SMTP: reject$code@ refused with $code at RCPT (curl exit $rc)" \
		"RCPT failed: $code" "$(cat "$work/err7")"
	submit "$SUB_URL" "$MS_BOT" "$MS_BOT" "reject$code@$MS_DOMAIN" \
		"$work/m3.eml" --ssl-reqd 2>"$work/err7"
	rc=$?
	check_match "submission: reject$code@ refused with $code at RCPT (curl exit $rc)" \
		"RCPT failed: $code" "$(cat "$work/err7")"
done

# 8. bounce@ is accepted, then bounced: a DSN comes back to bot@.
n=$("$MS" count "$dir" bot)
message "$work/m8.eml" to-bounce
if submit "$SUB_URL" "$MS_BOT" "$MS_BOT" "bounce@$MS_DOMAIN" "$work/m8.eml" \
	--ssl-reqd && "$MS" wait "$dir" bot $((n + 1)); then
	"$MS" fetch "$dir" bot $((n + 1)) >"$work/f8.eml"
	dsn=$(tr -d '\r' <"$work/f8.eml")
	check_match "bounce@ yields a DSN in bot's INBOX" \
		'multipart/report;[[:space:]]+report-type=delivery-status' "$dsn"
	check_match "the DSN names bounce@$MS_DOMAIN as failed" \
		"Final-Recipient: rfc822; ?bounce@$MS_DOMAIN" "$dsn"
else
	not_ok "bounce@ yields a DSN in bot's INBOX" "no DSN arrived"
fi

# 9. stop ends every process the harness started and frees the ports.
# Masters come from DIR/pids ("NAME PID STARTTIME EXE"), the rest is their
# process tree now; a process counts as gone when /proc says it is a zombie,
# it does not exist, or its PID now belongs to a newer process.
starttime() {
	local s
	read -r s 2>/dev/null <"/proc/$1/stat" || return 1
	s=${s##*) }
	set -- $s
	printf '%s' "${20}"
}
alive() {	# PID STARTTIME
	local st
	st=$(sed -n 's/^State:[[:space:]]*\(.\).*/\1/p' "/proc/$1/status" 2>/dev/null)
	[ -n "$st" ] && [ "$st" != Z ] && [ "$(starttime "$1")" = "$2" ]
}
tree() {	# PID...: PID and every descendant, as "PID STARTTIME"
	local p c
	for p in "$@"; do
		printf '%s %s\n' "$p" "$(starttime "$p")"
		for c in $(cat /proc/"$p"/task/*/children 2>/dev/null); do
			tree "$c"
		done
	done
}
masters=$(awk '{print $2}' "$dir/pids")
check_eq "two masters recorded" 2 "$(printf '%s\n' "$masters" | grep -c .)"
procs=$(tree $masters)
check "status says running before stop" "$MS" status "$dir"
t=$EPOCHREALTIME
"$MS" stop "$dir"
stop_rc=$?
stop_s=$(elapsed "$t")
check_eq "stop exits 0" 0 "$stop_rc"
printf '# stop took %s s\n' "$stop_s"
left=
while read -r p s; do
	alive "$p" "$s" && left="$left $p"
done <<<"$procs"
check_eq "no process of the stack is left ($(printf '%s\n' "$procs" | grep -c .) checked)" \
	"" "$left"
busy=
for port in "$MS_SMTP_PORT" "$MS_SUBMISSION_PORT" "$MS_SUBMISSIONS_PORT" \
	"$MS_IMAP_PORT" "$MS_IMAPS_PORT"; do
	(exec 3<>"/dev/tcp/$MS_HOST/$port") 2>/dev/null && busy="$busy $port"
done
check_eq "all five ports are free after stop" "" "$busy"
if "$MS" status "$dir" 2>/dev/null; then
	not_ok "status fails after stop" "status exited 0"
else
	ok "status fails after stop"
fi
check "a second stop is a no-op" "$MS" stop "$dir"

printf '# total %s s\n' "$(elapsed "$T0")"
finish
