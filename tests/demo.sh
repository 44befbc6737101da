#!/usr/bin/env bash
# demo.sh (`make demo`): start the local mail stack, configure mailbot
# against it, create the sample learning network, send the invitations for
# its first meeting and show one as it arrived. What the demo does grows
# with mailbot; reading replies and the daemon come next.
set -eu
cd "$(dirname "$0")/.."
. tests/lib.sh
MAILBOT=$(realpath build/mailbot)

# One demo at a time: stop the stack an earlier run left running.
last=/tmp/mailbot-demo.last
if [ -f "$last" ] && [ -d "$(cat "$last")/stack" ]; then
	echo "== stopping the previous demo in $(cat "$last")"
	tests/mailstack/mailstack stop "$(cat "$last")/stack" || true
	rm -rf "$(cat "$last")"
fi
dir=$(mktemp -d /tmp/mailbot-demo.XXXXXX)
echo "$dir" >"$last"
chmod 755 "$dir"	# the mail servers run as other users and must reach it
echo "== starting a local Dovecot + Postfix in $dir"
tests/mailstack/mailstack start "$dir/stack"
# shellcheck disable=SC1091
. "$dir/stack/env"

{
	echo "# Written by make demo: mailbot against the local test mail stack."
	mailbot_conf "$dir/stack" |
	    sed 's/^coordinator = .*/&\nname = Leernetwerk Zorgbestuur Oost/'
} >"$dir/mailbot.conf"

echo "== creating the sample learning network"
tests/sample/network.sh "$MAILBOT" "$dir/mailbot.conf"
first=$("$MAILBOT" -c "$dir/mailbot.conf" meeting list --json | jq '.[0].id')
echo
echo "== the first meeting"
"$MAILBOT" -c "$dir/mailbot.conf" meeting show "$first"
echo
echo "== sending the invitations for meeting $first"
"$MAILBOT" -c "$dir/mailbot.conf" meeting invite "$first"
"$MAILBOT" -c "$dir/mailbot.conf" once
tests/mailstack/mailstack wait "$dir/stack" ineke.bakker 1 20
tests/mailstack/mailstack fetch "$dir/stack" ineke.bakker 1 >"$dir/ineke.eml"
echo
echo "== what arrived in Ineke Bakker's INBOX (IMAP), its MIME parts:"
make -s build/tools/mime_part >/dev/null
build/tools/mime_part "$dir/ineke.eml" --tree
echo
echo "== its text:"
build/tools/mime_part "$dir/ineke.eml" text/plain
echo
"$MAILBOT" -c "$dir/mailbot.conf" outbox | head -5
cat <<TXT

The mail stack is still running, so you can look around:
  build/mailbot -c $dir/mailbot.conf member list --json
  build/mailbot -c $dir/mailbot.conf meeting show $first --json
  build/mailbot -c $dir/mailbot.conf outbox --json
  tests/mailstack/mailstack fetch $dir/stack ineke.bakker 1
Stop it and clean up with (or just run make demo again):
  tests/mailstack/mailstack stop $dir/stack && rm -rf $dir
TXT
