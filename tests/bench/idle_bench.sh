#!/usr/bin/env bash
# idle_bench.sh (`make bench`): how soon a reply counts while `mailbot run`
# idles. N replies (default 40), one at a time, each from another member,
# over the plain SMTP port; for each, the time from Postfix's "250" after
# DATA (curl --trace-time) to the moment the reply is recorded in SQLite
# (polled every few ms). The next reply goes only once the daemon has sent
# the confirmation for the last and is idle again. Prints p50, p95 and max.
# Dovecot holds IDLE notifications for 500 ms, which is the floor.
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh
N=${N:-40}
export MAILSTACK_PORT_BASE=${MAILSTACK_PORT_BASE:-28000}
MAILBOT=$(realpath build/mailbot)
MS=tests/mailstack/mailstack

dir=$(mktemp -d /tmp/mbb.XXXXXX)
chmod 755 "$dir"
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	"$MS" stop "$dir/stack" >/dev/null 2>&1
	rm -rf "$dir"
}
trap cleanup EXIT
"$MS" start "$dir/stack" >/dev/null
. "$dir/stack/env"
mailbot_conf "$dir/stack" >"$dir/mailbot.conf"
mb() { "$MAILBOT" -c "$dir/mailbot.conf" "$@"; }
db() { sqlite3 "$dir/state.db" "$1"; }
now_us() { local t=${EPOCHREALTIME/[.,]/}; printf '%s' "$t"; }
# wait_count SQL N: until the query's count reaches N (at most 30 s).
wait_count() {
	local deadline=$((SECONDS + 30))
	until [ "$(db "$1")" -ge "$2" ]; do
		[ "$SECONDS" -lt "$deadline" ] || { echo "timed out: $1" >&2; exit 1; }
		sleep 0.002
	done
}

mb init >/dev/null
mb network add Bench >/dev/null
{
	echo email,name
	for i in $(seq -w 1 "$N"); do echo "lid$i@mailbot.test,Lid $i"; done
} >"$dir/members.csv"
mb member import Bench "$dir/members.csv" >/dev/null
mb meeting add Bench --start '2027-03-11 14:00' --end '2027-03-11 17:00' \
    --location Zwolle >/dev/null

"$MAILBOT" -c "$dir/mailbot.conf" run 2>"$dir/run.log" &
pid=$!
until grep -q 'imap connected' "$dir/run.log"; do sleep 0.01; done
midnight_us=$(($(date -d 'today 00:00' +%s) * 1000000))

for i in $(seq -w 1 "$N"); do
	printf '%s\r\n' "From: lid$i@mailbot.test" "To: bot@mailbot.test" \
	    "Subject: Re: Uitnodiging" "Message-ID: <idle$i@mailbot.test>" "" \
	    "Ja, ik kom." >"$dir/m"
	curl -sS --trace-ascii "$dir/trace" --trace-time \
	    --url "smtp://$MS_HOST:$MS_SMTP_PORT/client.$MS_DOMAIN" \
	    --mail-from "lid$i@mailbot.test" --mail-rcpt bot@mailbot.test \
	    --upload-file "$dir/m"
	wait_count "SELECT count(*) FROM inbound
	    WHERE message_id = '<idle$i@mailbot.test>'" 1
	seen=$(now_us)
	# The last "250" the server sent is the answer to the end of DATA.
	t250=$(grep -A1 '<= Recv header' "$dir/trace" | grep -B1 '^0000: 250 ' |
	    tail -n 2 | head -n 1 | cut -d' ' -f1)
	h=${t250%%:*} rest=${t250#*:} m=${rest%%:*} s=${rest#*:}
	us=$(awk -v h="$h" -v m="$m" -v s="$s" \
	    'BEGIN { printf "%.0f", ((h * 60 + m) * 60 + s) * 1000000 }')
	echo $(((seen - midnight_us - us) / 1000)) >>"$dir/ms"
	wait_count "SELECT count(*) FROM outbox WHERE state = 'sent'" "$((10#$i))"
done

sort -n "$dir/ms" >"$dir/sorted"
pick() {	# pick P: the P-th percentile (nearest rank)
	local k=$(((N * $1 + 99) / 100))
	sed -n "${k}p" "$dir/sorted"
}
printf 'idle: %d replies, one at a time, SMTP 250 -> recorded in SQLite\n' "$N"
printf '  p50 %4d ms   p95 %4d ms   max %4d ms   (target: p95 under 1000 ms; floor 500 ms)\n' \
    "$(pick 50)" "$(pick 95)" "$(tail -n 1 "$dir/sorted")"
