#!/usr/bin/env bash
# invite_bench.sh (`make bench`): how fast the outbox hands invitations to
# a real Postfix, next to what that Postfix accepts at most.
#   1. ceiling: smtp-source sends the same invitation bytes N times over one
#      connection to Postfix's plain SMTP port;
#   2. smtp-sink: the same into a discard-only server (the network's limit);
#   3. mailbot: `meeting invite` queues N invitations, `once` sends them over
#      one submission connection (STARTTLS + AUTH) and records each result.
# Prints messages per second for each, and mailbot's share of the ceiling.
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh
N=${N:-1000}
export MAILSTACK_PORT_BASE=${MAILSTACK_PORT_BASE:-28000}
MAILBOT=$(realpath build/mailbot)
MS=tests/mailstack/mailstack

dir=$(mktemp -d /tmp/mbb.XXXXXX)
chmod 755 "$dir"
sink_pid=
cleanup() {
	[ -n "$sink_pid" ] && kill "$sink_pid" 2>/dev/null
	"$MS" stop "$dir/stack" >/dev/null 2>&1
	rm -rf "$dir"
}
trap cleanup EXIT
"$MS" start "$dir/stack" >/dev/null
. "$dir/stack/env"
mailbot_conf "$dir/stack" >"$dir/mailbot.conf"
mb() { "$MAILBOT" -c "$dir/mailbot.conf" --now '2026-11-23 10:00' "$@"; }

now() { date +%s.%N; }
rate() { awk -v n="$1" -v a="$2" -v b="$3" 'BEGIN { printf "%.0f", n / (b - a) }'; }

mb init >/dev/null
mb network add Bench >/dev/null
{
	echo email,name,organisation,role
	for i in $(seq -w 1 "$N"); do
		echo "lid$i@mailbot.test,Lid $i van het Netwerk,Zorggroep $i,bestuurder"
	done
} >"$dir/members.csv"
mb member import Bench "$dir/members.csv" >/dev/null
mb meeting add Bench --start '2027-03-11 14:00' --end '2027-03-11 17:00' \
    --location 'Trainingscentrum De Colckhof, Zwolle' \
    --theme 'Governance en toezicht' >/dev/null
mb meeting invite 1 >/dev/null
sqlite3 "$dir/state.db" "SELECT writefile('$dir/one.eml', body) FROM outbox LIMIT 1" >/dev/null
size=$(stat -c %s "$dir/one.eml")

# 1. The server's ceiling for these bytes over one connection.
t0=$(now)
/usr/sbin/smtp-source -d -m "$N" -F "$dir/one.eml" -f "$MS_BOT" \
    -t ceiling@mailbot.test "$MS_HOST:$MS_SMTP_PORT"
t1=$(now)
ceiling=$(rate "$N" "$t0" "$t1")
"$MS" wait "$dir/stack" ceiling "$N" 120 >/dev/null

# 2. A discard-only server: what loopback and smtp-source allow.
/usr/sbin/smtp-sink -u nobody "$MS_HOST:$((MAILSTACK_PORT_BASE + 2525))" 64 &
sink_pid=$!
sleep 0.2
t0=$(now)
/usr/sbin/smtp-source -d -m "$N" -F "$dir/one.eml" -f "$MS_BOT" \
    -t sink@mailbot.test "$MS_HOST:$((MAILSTACK_PORT_BASE + 2525))"
t1=$(now)
sink=$(rate "$N" "$t0" "$t1")

# 3. mailbot's outbox, one submission connection, each result recorded.
t0=$(now)
mb once >/dev/null 2>&1
t1=$(now)
mailbot=$(rate "$N" "$t0" "$t1")
sent=$(sqlite3 "$dir/state.db" "SELECT count(*) FROM outbox WHERE state = 'sent'")

printf 'invitations: %d of %d bytes each (%d sent by mailbot)\n' "$N" "$size" "$sent"
printf '  smtp-sink (discard, plain SMTP):    %6d msg/s\n' "$sink"
printf '  Postfix ceiling (smtp-source):      %6d msg/s\n' "$ceiling"
printf '  mailbot once (STARTTLS+AUTH):       %6d msg/s  (%d%% of the ceiling; target 50%%)\n' \
    "$mailbot" $((100 * mailbot / ceiling))
