#!/usr/bin/env bash
# tests/integration/tls_test.sh: mailbot's tls module (mailbot/tls.c),
# driven through build/tools/imap_probe against the real Dovecot of
# tests/mailstack: IMAPS and STARTTLS logins that verify, by address and
# by name; refusals, each in one clear line, of a foreign CA (and for
# STARTTLS, before any password goes out), of a certificate for another
# name (served by openssl s_server), of TLS 1.1, of a closed port;
# timeouts in the handshake and on a silent server; and the logins and
# refusals under ASan+UBSan (a build made here). IMAP_PROBE names another
# build of the tool.
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh

export MAILSTACK_PORT_BASE=${MAILSTACK_PORT_BASE:-26000}
MS=tests/mailstack/mailstack
PROBE=${IMAP_PROBE:-${TOOLS_DIR:-build/tools}/imap_probe}
CFLAGS_T="-std=c17 -Wall -Wextra -Werror -Wformat=2 -Wshadow
	-Wno-unused-parameter -Wmissing-prototypes -D_GNU_SOURCE -Imailbot -g"
SRCS_T="tests/tools/imap_probe.c mailbot/tls.c mailbot/util.c mailbot/log.c"

dir=$(mktemp -d /tmp/ms.XXXXXX) || exit 2
chmod 755 "$dir"
work=$(mktemp -d /tmp/tls-test.XXXXXX) || exit 2
# The one helper server (openssl s_server, a mute listener) running, if
# any: ended by its PID.
server=
stop_server() {
	if [ -n "$server" ]; then
		kill "$server" 2>/dev/null
		wait "$server" 2>/dev/null
		server=
	fi
}
cleanup() {
	stop_server
	"$MS" stop "$dir" >/dev/null 2>&1
	rm -rf "$dir" "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# The probe as built by make (or from source here, when that build is
# missing), and one with ASan+UBSan, built here.
if [ ! -x "$PROBE" ]; then
	printf '# no %s: building it from source\n' "$PROBE"
	PROBE=$work/imap_probe
	# shellcheck disable=SC2086
	if ! cc $CFLAGS_T -O2 $SRCS_T -letpan -lgnutls -o "$PROBE" \
		2>"$work/cc.log"; then
		not_ok "imap_probe builds" "$(head -n 3 "$work/cc.log")"
		finish
	fi
fi
SAN_T="-fsanitize=address,undefined -fno-omit-frame-pointer
	-fno-sanitize-recover=all"
# shellcheck disable=SC2086
cc $CFLAGS_T -O1 $SAN_T $SRCS_T -letpan -lgnutls -o "$work/imap_probe_san" \
	2>"$work/cc-san.log"

if ! "$MS" start "$dir" >"$work/start.out" 2>&1; then
	not_ok "mailstack starts" "$(head -n 1 "$work/start.out")"
	finish
fi
. "$dir/env"

# ms_elapsed SINCE: milliseconds since the EPOCHREALTIME value SINCE.
ms_elapsed() {
	local a=${1/[.,]/} b=${EPOCHREALTIME/[.,]/}
	printf '%d' $(((b - a) / 1000))
}

# probe MODE HOST PORT CA [PROBE]: the tool as the bot; leaves what it
# printed (stdout and stderr) in $out and its exit status in $rc.
probe() {
	"${5:-$PROBE}" "$1" "$2" "$3" "$4" "$MS_BOT" "$MS_PASSWORD_FILE" \
		>"$work/out" 2>&1
	rc=$?
	out=$(cat "$work/out")
}

# san MODE HOST PORT CA: probe with the ASan+UBSan build; a report makes
# its own exit status (99) and text, so the checks see it.
san() {
	if [ ! -x "$work/imap_probe_san" ]; then
		out="ASan build failed: $(head -n 1 "$work/cc-san.log")"
		rc=98
		return
	fi
	ASAN_OPTIONS=detect_leaks=1:exitcode=99 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		probe "$1" "$2" "$3" "$4" "$work/imap_probe_san"
}

# count_wait FROM N PATTERN: waits (up to 10 s) until Dovecot's log past
# line FROM holds N lines matching PATTERN; prints their count. Dovecot
# logs through its own log process, a moment after the event.
count_wait() {
	local _ n
	for _ in $(seq 1 200); do
		n=$(tail -n +"$(($1 + 1))" "$MS_DOVECOT_LOG" |
			grep -Ec -- "$3")
		[ "$n" -ge "$2" ] && break
		sleep 0.05
	done
	printf '%d' "$n"
}

# listening PORT: true once something listens on 127.0.0.1:PORT (read
# from /proc, so that the check itself makes no connection).
listening() {
	grep -q "^ *[0-9]*: 0100007F:$(printf '%04X' "$1") 00000000:0000 0A " \
		/proc/net/tcp
}

# free_port OFFSET: MAILSTACK_PORT_BASE+OFFSET, when nothing listens there.
free_port() {
	local p=$((MAILSTACK_PORT_BASE + $1))
	if listening "$p"; then
		return 1
	fi
	printf '%d' "$p"
}

# start_server PORT COMMAND...: runs COMMAND in the background with a
# standard input that never ends (a FIFO held open for reading and
# writing), and waits until it listens on PORT.
start_server() {
	local port=$1 _
	shift
	rm -f "$work/fifo"
	mkfifo "$work/fifo"
	exec 7<>"$work/fifo"
	"$@" <&7 >>"$work/server.log" 2>&1 &
	server=$!
	exec 7>&-
	for _ in $(seq 1 200); do
		listening "$port" && return 0
		kill -0 "$server" 2>/dev/null || break
		sleep 0.02
	done
	return 1
}

# dovecot_wait FROM PATTERN: waits (up to 10 s, polling) until Dovecot's
# log past line FROM holds a line matching PATTERN; prints that part.
dovecot_wait() {
	local _
	for _ in $(seq 1 200); do
		tail -n +"$(($1 + 1))" "$MS_DOVECOT_LOG" | grep -Eq -- "$2" &&
			break
		sleep 0.05
	done
	tail -n +"$(($1 + 1))" "$MS_DOVECOT_LOG"
}

# One message for the bot, so that there is something to read back.
subject="tls probe $RANDOM$RANDOM"
{
	printf 'From: <alice@%s>\r\n' "$MS_DOMAIN"
	printf 'To: <%s>\r\n' "$MS_BOT"
	printf 'Subject: %s\r\n' "$subject"
	printf 'Date: Mon, 02 Jun 2025 10:00:00 +0200\r\n'
	printf 'Message-ID: <tls.%s@%s>\r\n' "$RANDOM" "$MS_DOMAIN"
	printf '\r\nhello over TLS\r\n'
} >"$work/m.eml"
if ! "$MS" send "$dir" "alice@$MS_DOMAIN" "$MS_BOT" "$work/m.eml" \
	>/dev/null 2>&1 || ! "$MS" wait "$dir" bot 1 >/dev/null 2>&1; then
	not_ok "a message for the bot is delivered" "send or wait failed"
	finish
fi

expect_ok=$(printf 'ok EXISTS=1\nSubject: %s' "$subject")
untrusted="certificate not trusted (signer not found)"
untrusted_re='certificate not trusted \(signer not found\)'

from=$(wc -l <"$MS_DOVECOT_LOG")

# 1. IMAPS by address: the IP SAN verifies; the subject comes back.
probe imaps 127.0.0.1 "$MS_IMAPS_PORT" "$MS_CA"
check_eq "IMAPS to 127.0.0.1: logged in, EXISTS=1, the subject read back" \
	"$expect_ok" "$out"
check_eq "IMAPS to 127.0.0.1: exit 0" 0 "$rc"

# 2. IMAPS by name: the DNS SAN verifies.
probe imaps localhost "$MS_IMAPS_PORT" "$MS_CA"
check_eq "IMAPS to localhost: logged in" "$expect_ok" "$out"

# 3. STARTTLS on the IMAP port, by address and by name.
probe starttls 127.0.0.1 "$MS_IMAP_PORT" "$MS_CA"
check_eq "STARTTLS to 127.0.0.1: logged in" "$expect_ok" "$out"
probe starttls localhost "$MS_IMAP_PORT" "$MS_CA"
check_eq "STARTTLS to localhost: logged in" "$expect_ok" "$out"
check_eq "Dovecot saw these four logins, all of them over TLS" "4 4" \
	"$(count_wait "$from" 4 'imap-login: .*Login: user=') $(count_wait \
	"$from" 4 'imap-login: .*Login: user=<bot(@[^>]*)?>.*, TLS,')"

# 4. IMAPS with a foreign CA (the system store does not know the test CA
# either): refused in one line about trust.
from=$(wc -l <"$MS_DOVECOT_LOG")
probe imaps 127.0.0.1 "$MS_IMAPS_PORT" "$MS_OTHER_CA"
check_eq "IMAPS, other CA: refused with one line" \
	"error: imap 127.0.0.1:$MS_IMAPS_PORT: $untrusted" "$out"
check_eq "IMAPS, other CA: exit 1" 1 "$rc"
probe imaps 127.0.0.1 "$MS_IMAPS_PORT" ""
check_eq "IMAPS, system store only: refused" \
	"error: imap 127.0.0.1:$MS_IMAPS_PORT: $untrusted" "$out"

# 5. STARTTLS with a foreign CA: refused likewise, and the password never
# went out: Dovecot logs the connection as ended in the TLS handshake with
# no authentication attempt, and no new login. (Dovecot's lines for the
# two refusals above come first, so that they cannot be taken for it.)
count_wait "$from" 2 'no auth attempts' >/dev/null
from=$(wc -l <"$MS_DOVECOT_LOG")
probe starttls 127.0.0.1 "$MS_IMAP_PORT" "$MS_OTHER_CA"
check_eq "STARTTLS, other CA: refused with one line" \
	"error: imap 127.0.0.1:$MS_IMAP_PORT: $untrusted" "$out"
log=$(dovecot_wait "$from" 'no auth attempts')
check_match "STARTTLS, other CA: Dovecot saw no auth attempt" \
	'imap-login: .*no auth attempts in [0-9]+ secs.*TLS handshaking' "$log"
check_eq "STARTTLS, other CA: no login" 0 \
	"$(printf '%s\n' "$log" | grep -c 'Login: user=')"

# 6. A certificate from the right CA for another name only, served by
# openssl s_server: refused, naming both.
openssl req -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:P-256 \
	-keyout "$work/wrong-key.pem" -out "$work/wrong-req.pem" \
	-subj /CN=mail.example.org 2>>"$work/openssl.log" &&
	printf 'subjectAltName=DNS:mail.example.org\n' >"$work/wrong.ext" &&
	openssl x509 -req -in "$work/wrong-req.pem" -days 2 \
		-CA "$MS_CA" -CAkey "$dir/ca-key.pem" \
		-set_serial "0x$(openssl rand -hex 8)" \
		-extfile "$work/wrong.ext" -out "$work/wrong-cert.pem" \
		2>>"$work/openssl.log"
sport=$(free_port 11)
if [ ! -s "$work/wrong-cert.pem" ]; then
	not_ok "another name: test certificate" \
		"$(tail -n 1 "$work/openssl.log")"
elif [ -z "$sport" ]; then
	not_ok "another name: a free port" \
		"$((MAILSTACK_PORT_BASE + 11)) is in use"
elif ! start_server "$sport" openssl s_server -quiet \
	-accept "127.0.0.1:$sport" -cert "$work/wrong-cert.pem" \
	-key "$work/wrong-key.pem"; then
	not_ok "another name: s_server listens" \
		"$(tail -n 1 "$work/server.log")"
else
	wrong="certificate is for mail.example.org, not"
	probe imaps 127.0.0.1 "$sport" "$MS_CA"
	check_eq "another name, by address: refused naming the mismatch" \
		"error: imap 127.0.0.1:$sport: $wrong 127.0.0.1" "$out"
	probe imaps localhost "$sport" "$MS_CA"
	check_eq "another name, by name: refused naming the mismatch" \
		"error: imap localhost:$sport: $wrong localhost" "$out"
	san imaps 127.0.0.1 "$sport" "$MS_CA"
	check_eq "ASan: another name refused, clean" \
		"error: imap 127.0.0.1:$sport: $wrong 127.0.0.1 / 1" \
		"$out / $rc"
	stop_server

	# 6b. The right certificate, but the server never says a word after
	# the handshake: the read times out, and says so.
	if start_server "$sport" openssl s_server -quiet \
		-accept "127.0.0.1:$sport" -cert "$MS_CERT" -key "$MS_KEY"; then
		t=$EPOCHREALTIME
		IMAP_PROBE_TIMEOUT=1 probe imaps 127.0.0.1 "$sport" "$MS_CA"
		took=$(ms_elapsed "$t")
		silent="error: imap 127.0.0.1:$sport: greeting: read: timed out"
		check_eq "silent server after the handshake: read times out" \
			"$silent (1 s)" "$out"
		check "silent server: gives up after 1 s (took ${took} ms)" \
			test "$took" -ge 900 -a "$took" -lt 2500
		IMAP_PROBE_TIMEOUT=1 san imaps 127.0.0.1 "$sport" "$MS_CA"
		check_eq "ASan: read timeout, clean" "$silent (1 s) / 1" \
			"$out / $rc"
	else
		not_ok "silent server: s_server listens" \
			"$(tail -n 1 "$work/server.log")"
	fi
	stop_server

	# 6c. A server that speaks TLS 1.1 at most: refused, TLS 1.2 is
	# the least we accept.
	if start_server "$sport" openssl s_server -quiet -tls1_1 \
		-cipher 'DEFAULT@SECLEVEL=0' -accept "127.0.0.1:$sport" \
		-cert "$MS_CERT" -key "$MS_KEY"; then
		probe imaps 127.0.0.1 "$sport" "$MS_CA"
		old="TLS handshake failed: the server offers no TLS version"
		old="$old we accept (1.2 or later)"
		check_eq "TLS 1.1 server: refused" \
			"error: imap 127.0.0.1:$sport: $old" "$out"
	else
		not_ok "TLS 1.1 server: s_server listens" \
			"$(tail -n 1 "$work/server.log")"
	fi
	stop_server
fi

# 6d. A server that accepts TCP and never answers the ClientHello (a
# listening socket nobody accepts on): the handshake times out.
lport=$(free_port 12)
if [ -n "$lport" ] && start_server "$lport" perl -MIO::Socket::INET -e \
	'my $s = IO::Socket::INET->new(LocalAddr => "127.0.0.1:'"$lport"'",
	    Listen => 5, ReuseAddr => 1) or die "listen: $!"; sleep 60'; then
	t=$EPOCHREALTIME
	IMAP_PROBE_TIMEOUT=1 probe imaps 127.0.0.1 "$lport" "$MS_CA"
	took=$(ms_elapsed "$t")
	mute="timed out in the TLS handshake (1 s)"
	check_eq "mute server: the TLS handshake times out" \
		"error: imap 127.0.0.1:$lport: $mute" "$out"
	check "mute server: gives up after about 1 s (took ${took} ms)" \
		test "$took" -ge 900 -a "$took" -lt 2500
else
	not_ok "mute server listens" "port ${lport:-in use}"
fi
stop_server

# 7. Nobody listening: refused at once.
cport=$(free_port 13)
if [ -z "$cport" ]; then
	not_ok "closed port: a free port" \
		"$((MAILSTACK_PORT_BASE + 13)) is in use"
else
	t=$EPOCHREALTIME
	probe imaps 127.0.0.1 "$cport" "$MS_CA"
	took=$(ms_elapsed "$t")
	check_eq "closed port: connection refused" \
		"error: imap 127.0.0.1:$cport: connection refused" "$out"
	check "closed port: refused within 1 s (took ${took} ms)" \
		test "$took" -lt 1000
	probe starttls 127.0.0.1 "$cport" "$MS_CA"
	check_eq "closed port, STARTTLS: connection refused" \
		"error: imap 127.0.0.1:$cport: connection refused" "$out"
fi

# 8. The tool under ASan+UBSan: the logins and the refusals, with no
# report and no leak (gnutls credentials and session, our driver's data,
# libetpan's stream).
san imaps 127.0.0.1 "$MS_IMAPS_PORT" "$MS_CA"
check_eq "ASan: IMAPS login, clean" "$expect_ok / 0" "$out / $rc"
san starttls localhost "$MS_IMAP_PORT" "$MS_CA"
check_eq "ASan: STARTTLS login, clean" "$expect_ok / 0" "$out / $rc"
san imaps 127.0.0.1 "$MS_IMAPS_PORT" "$MS_OTHER_CA"
check_match "ASan: IMAPS refusal, clean" \
	"^error: imap [^ ]+: $untrusted_re / 1\$" "$out / $rc"
san starttls 127.0.0.1 "$MS_IMAP_PORT" "$MS_OTHER_CA"
check_match "ASan: STARTTLS refusal, clean" \
	"^error: imap [^ ]+: $untrusted_re / 1\$" "$out / $rc"
san imaps 127.0.0.1 "$MS_IMAP_PORT" "$MS_CA"
check_match "ASan: TLS to the plain port refused, clean" \
	'^error: imap [^ ]+: TLS handshake failed: .*plain text.* / 1$' \
	"$out / $rc"

finish
