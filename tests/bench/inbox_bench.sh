#!/usr/bin/env bash
# inbox_bench.sh (`make bench`): how fast `mailbot once` handles a full
# inbox, next to the peers a user knows, on the same mailbox in one run.
#   1. load: N varied messages (~4 KB; replies of every kind from a network
#      of 30 members, bounces, auto-replies, strangers, some with a PDF)
#      are written straight into the bot's Maildir, as LMTP would leave them;
#   2. UID FETCH: one plain batched `UID FETCH 1:* BODY.PEEK[]` over IMAPS
#      (openssl s_client): the server's limit;
#   3. mbsync: downloads the mailbox with its default, durable settings;
#   4. mailbot once: fetches, handles (one transaction each), marks, sends
#      what that queued (confirmations, forwards).
# Wall time and peak memory (GNU time's maximum RSS) of each, as a table.
# Target: mailbot no slower than mbsync and no larger.
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh
N=${N:-10000}
export MAILSTACK_PORT_BASE=${BENCH_PORT_BASE:-28500}
MAILBOT=$(realpath build/mailbot)
MS=tests/mailstack/mailstack
TIME=/usr/bin/time

dir=$(mktemp -d /tmp/mbi.XXXXXX)
chmod 755 "$dir"
cleanup() {
	[ -n "${KEEP:-}" ] && { echo "kept: $dir (stack running)"; return; }
	"$MS" stop "$dir/stack" >/dev/null 2>&1
	rm -rf "$dir"
}
trap cleanup EXIT
"$MS" start "$dir/stack" >/dev/null
. "$dir/stack/env"
mailbot_conf "$dir/stack" >"$dir/mailbot.conf"
mb() { "$MAILBOT" -c "$dir/mailbot.conf" --now '2026-11-23 10:00' "$@"; }

# The network: 30 members, one meeting, invited (and sent) before the
# mailbox fills, so that `once` below has only the inbox to do.
mb init >/dev/null
mb network add 'Leernetwerk Bench' >/dev/null
for i in $(seq -w 1 30); do
	mb member add 1 "lid$i@mailbot.test" "Lid $i" >/dev/null
done
mb meeting add 1 --start '2027-01-14 14:00' --end '2027-01-14 17:00' \
    --location Zwolle --theme Governance >/dev/null
mb meeting invite 1 >/dev/null
mb once >/dev/null 2>&1
"$MS" wait "$dir/stack" lid30 1 20 >/dev/null

# 1. Load: N messages as Maildir files in bot's INBOX (Dovecot gives them
# UIDs on its next look). Kinds cycle so every thousand holds all of them.
md=$dir/stack/mail/bot/Maildir
mkdir -p "$md/new" "$md/cur" "$md/tmp"
t0=$(date +%s.%N)
awk -v n="$N" -v md="$md" 'BEGIN {
	srand(7)
	split("Ja, ik kom graag!|Helaas, ik ben dan verhinderd.|Misschien, ik weet het nog niet.|Ik kom, maar pas rond 15.00 uur.|Yes, count me in.|Sorry, I cannot make it.|Is er parkeergelegenheid bij de locatie?|Ik kom. Ik ben vegetarier.|Nee hoor, geen probleem, ik ben er.|Ik kan niet wachten!|Bedankt voor de uitnodiging.|Lukt me niet, helaas.", reply, "|")
	pad = ""
	for (k = 0; k < 60; k++)
		pad = pad "> Je bent van harte uitgenodigd voor de bijeenkomst van het leernetwerk.\n"
	pdf = ""
	for (k = 0; k < 30; k++)
		pdf = pdf "JVBERi0xLjQKJcfsj6IKNSAwIG9iago8PC9MZW5ndGggNiAwIFIvRmlsdGVyIC9GbGF0ZURlY29k\n"
	for (i = 1; i <= n; i++) {
		f = sprintf("%s/new/%d.M%dP1.bench", md, 1700000000 + i, i)
		m = sprintf("%02d", (i % 30) + 1)
		kind = i % 20
		id = sprintf("<bench-%d@mail.example.nl>", i)
		if (kind == 0) {		# a delivery report
			printf "From: Mail Delivery System <MAILER-DAEMON@mx.example.nl>\nTo: bot+bounce-x%d@mailbot.test\nSubject: Undelivered Mail Returned to Sender\nMessage-ID: %s\nDate: Mon, 23 Nov 2026 09:00:00 +0100\nAuto-Submitted: auto-replied\nMIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"b%d\"\n\n--b%d\nContent-Type: text/plain\n\nThis is the mail system. Your message could not be delivered.\n\n--b%d\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.nl\n\nFinal-Recipient: rfc822; lid%s@mailbot.test\nAction: failed\nStatus: 5.1.1\n\n--b%d\nContent-Type: text/rfc822-headers\n\nFrom: bot@mailbot.test\nSubject: Uitnodiging\n\n--b%d--\n", i, id, i, i, i, m, i, i > f
		} else if (kind == 1) {		# out of office
			printf "From: Lid %s <lid%s@mailbot.test>\nTo: bot@mailbot.test\nSubject: Automatisch antwoord: Uitnodiging\nMessage-ID: %s\nDate: Mon, 23 Nov 2026 09:00:00 +0100\nAuto-Submitted: auto-replied\n\nIk ben afwezig tot en met 4 januari en lees mijn mail niet.\n%s", m, m, id, pad > f
		} else if (kind == 2) {		# a stranger
			printf "From: stranger%d@example.org\nTo: bot@mailbot.test\nSubject: Re: Uitnodiging\nMessage-ID: %s\nDate: Mon, 23 Nov 2026 09:00:00 +0100\n\nJa, ik kom!\n\n%s", i, id, pad > f
		} else if (kind == 3) {		# with an attachment
			printf "From: Lid %s <lid%s@mailbot.test>\nTo: bot@mailbot.test\nSubject: Re: Uitnodiging\nMessage-ID: %s\nDate: Mon, 23 Nov 2026 09:00:00 +0100\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"m%d\"\n\n--m%d\nContent-Type: text/plain; charset=UTF-8\n\nJa, ik kom. Mijn presentatie zit in de bijlage.\n\n--m%d\nContent-Type: application/pdf; name=\"sheets.pdf\"\nContent-Disposition: attachment; filename=\"sheets.pdf\"\nContent-Transfer-Encoding: base64\n\n%s\n--m%d--\n", m, m, id, i, i, i, pdf, i > f
		} else {			# a reply in words
			r = reply[(i % 12) + 1]
			printf "From: Lid %s <lid%s@mailbot.test>\nTo: bot@mailbot.test\nSubject: Re: Uitnodiging\nMessage-ID: %s\nDate: Mon, 23 Nov 2026 09:00:00 +0100\nContent-Type: text/plain; charset=UTF-8\n\n%s\n\nMet vriendelijke groet,\nLid %s\n\nOp ma 23 nov 2026 om 08:00 schreef Leernetwerk Bench <bot@mailbot.test>:\n%s", m, m, id, r, m, pad > f
		}
		close(f)
	}
}'
chown -R mail:mail "$md"
t1=$(date +%s.%N)
bytes=$(du -sb "$md/new" | cut -f1)
have=$("$MS" count "$dir/stack" bot)
load=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')

# run NAME CMD...: wall seconds and peak RSS (MB, GNU time) of CMD into
# $wall and $rss; $anon the peak of its own memory (RssAnon: heap and
# stacks, without the shared libraries' pages), sampled every 20 ms.
run() {
	local name=$1 tpid cpid a
	shift
	"$TIME" -f '%e %M' -o "$dir/$name.time" "$@" >"$dir/$name.out" \
	    2>"$dir/$name.err" &
	tpid=$!
	anon=0
	while kill -0 "$tpid" 2>/dev/null; do
		cpid=${cpid:-$(pgrep -P "$tpid" | head -n 1)}
		a=$(sed -n 's/^RssAnon:[[:space:]]*\([0-9]*\).*/\1/p' "/proc/${cpid:-0}/status" 2>/dev/null || true)
		[ -n "$a" ] && [ "$a" -gt "$anon" ] && anon=$a
		sleep 0.02
	done
	wait "$tpid" || { echo "$name failed:"; tail -5 "$dir/$name.err"; exit 1; }
	read -r wall kb <"$dir/$name.time"
	rss=$((kb / 1024))
	anon=$(awk -v k="$anon" 'BEGIN { printf "%.1f", k / 1024 }')
}

# 2. The server's limit: one batched UID FETCH of everything.
printf 'a LOGIN %s %s\r\nb SELECT INBOX\r\nc UID FETCH 1:* (BODY.PEEK[])\r\nd LOGOUT\r\n' \
    "$MS_BOT" "$MS_PASSWORD" >"$dir/fetch.in"
run fetch sh -c 'exec openssl s_client -quiet -ign_eof -verify_return_error \
    -CAfile "$1" -connect "$2" <"$3"' sh "$MS_CA" \
    "$MS_HOST:$MS_IMAPS_PORT" "$dir/fetch.in"
fetch_wall=$wall fetch_rss=$rss fetch_anon=$anon
fetched=$(grep -c '^\* [0-9]* FETCH' "$dir/fetch.out" || true)

# 3. mbsync, defaults (FSync yes, a Maildir of its own).
mkdir -p "$dir/mbsync/mail"
cat >"$dir/mbsync/rc" <<RC
IMAPAccount bench
Host localhost
Port $MS_IMAPS_PORT
User $MS_BOT
Pass $MS_PASSWORD
SSLType IMAPS
CertificateFile $MS_CA

IMAPStore far
Account bench

MaildirStore near
Path $dir/mbsync/mail/
Inbox $dir/mbsync/mail/INBOX

Channel bench
Far :far:INBOX
Near :near:INBOX
Create Near
SyncState *
RC
run mbsync mbsync -c "$dir/mbsync/rc" bench
mbsync_wall=$wall mbsync_rss=$rss mbsync_anon=$anon
synced=$(find "$dir/mbsync/mail/INBOX" -type f -path '*/cur/*' -o -type f -path '*/new/*' | wc -l)

# 4. mailbot once: everything, handled and marked.
run once "$MAILBOT" -c "$dir/mailbot.conf" --now '2026-11-23 10:00' once
once_wall=$wall once_rss=$rss once_anon=$anon
handled=$(sqlite3 "$dir/state.db" 'SELECT count(*) FROM inbound')
marked=$(sqlite3 "$dir/state.db" 'SELECT count(*) FROM inbound WHERE marked = 1')
sent=$(sqlite3 "$dir/state.db" "SELECT count(*) FROM outbox WHERE state = 'sent'")

printf 'inbox: %d messages, %d MB, in the mailbox %d (loaded in %s s)\n' \
    "$N" $((bytes / 1048576)) "$have" "$load"
printf '  %-32s %7s %8s %8s  %s\n' '' seconds 'peak MB' 'own MB' done
printf '  %-32s %7s %8d %8s  %s\n' 'UID FETCH 1:* (the limit)' \
    "$fetch_wall" "$fetch_rss" "$fetch_anon" "$fetched fetched"
printf '  %-32s %7s %8d %8s  %s\n' 'mbsync (defaults, durable)' \
    "$mbsync_wall" "$mbsync_rss" "$mbsync_anon" "$synced stored"
printf '  %-32s %7s %8d %8s  %s\n' 'mailbot once' "$once_wall" "$once_rss" \
    "$once_anon" "$handled handled, $marked marked, $sent mails sent"
awk -v a="$once_wall" -v b="$mbsync_wall" -v r="$once_rss" -v s="$mbsync_rss" \
    'BEGIN { printf "  mailbot/mbsync: time %.2fx, peak RSS %.2fx (target <= 1)\n", a / b, r / s }'
echo "  (peak MB: GNU time's maximum RSS, shared libraries included;"
echo "   own MB: the peak of RssAnon, the process's own heap and stacks)"
[ "$handled" -eq "$N" ] && [ "$marked" -eq "$N" ] ||
    { echo "inbox_bench: not every message was handled and marked"; exit 1; }
