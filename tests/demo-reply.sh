#!/usr/bin/env bash
# demo-reply.sh: answer as a member of the running demo, the way a member
# would: a plain mail from their address to the bot.
# Usage: tests/demo-reply.sh EMAIL 'TEXT' [SUBJECT]
# e.g.   tests/demo-reply.sh wim.dekker@mailbot.test 'Ja, ik kom!'
set -eu
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { echo "usage: $0 EMAIL 'TEXT' [SUBJECT]" >&2; exit 64; }
last=${MAILBOT_DEMO_LAST:-/tmp/mailbot-demo.last}
[ -f "$last" ] && [ -f "$(cat "$last")/stack/env" ] ||
    { echo "$0: no demo is running (run make demo first)" >&2; exit 69; }
dir=$(cat "$last")
# shellcheck disable=SC1091
. "$dir/stack/env"
msg=$(mktemp)
trap 'rm -f "$msg"' EXIT
printf '%s\r\n' "From: <$1>" "To: <$MS_BOT>" "Subject: ${3:-Re: Uitnodiging}" \
    "Message-ID: <demo.$(date +%s%N)@mailbot.test>" \
    "Date: $(LC_ALL=C date -R)" "MIME-Version: 1.0" \
    "Content-Type: text/plain; charset=UTF-8" "" "$2" >"$msg"
tests/mailstack/mailstack send-signed "$dir/stack" "$1" "$MS_BOT" "$msg" >/dev/null
echo "sent; watch the daemon: tail -f $dir/daemon.log"
echo "then: build/mailbot -c $dir/mailbot.conf inbox"
