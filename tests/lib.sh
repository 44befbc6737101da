# tests/lib.sh: the shell side of the test harness, sourced by every test
# script. A test prints one line per check, "ok - NAME" or
# "not ok - NAME: why"; tests/run counts those lines. A script exits 0 only
# when none of its checks failed (finish does that).

T_FAILED=0

ok() {
	printf 'ok - %s\n' "$1"
}

not_ok() {
	printf 'not ok - %s: %s\n' "$1" "$2"
	T_FAILED=$((T_FAILED + 1))
}

# check NAME COMMAND...: passes when COMMAND exits 0.
check() {
	local name=$1
	shift
	if "$@" >/dev/null 2>&1; then
		ok "$name"
	else
		not_ok "$name" "command failed: $*"
	fi
}

# check_eq NAME EXPECTED ACTUAL
check_eq() {
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		not_ok "$1" "expected [$2], got [$3]"
	fi
}

# check_match NAME PATTERN TEXT: TEXT matches the extended regex PATTERN.
check_match() {
	if printf '%s' "$3" | grep -Eq -- "$2"; then
		ok "$1"
	else
		not_ok "$1" "[$(printf '%s' "$3" | head -c 300)] does not match /$2/"
	fi
}

# stack_start: a fresh directory in $dir with the mail stack running in
# $dir/stack and its env sourced; both are stopped and removed on exit. A
# stack that does not start is one failed check, and the test ends.
stack_start() {
	dir=$(mktemp -d /tmp/mbt.XXXXXX) || exit 2
	chmod 755 "$dir"	# the mail servers run as other users
	trap 'tests/mailstack/mailstack stop "$dir/stack" >/dev/null 2>&1; rm -rf "$dir"' EXIT
	trap 'exit 130' INT TERM HUP
	if ! tests/mailstack/mailstack start "$dir/stack" >"$dir/start.out" 2>&1; then
		not_ok "mail stack starts" "$(head -n 1 "$dir/start.out")"
		finish
	fi
	. "$dir/stack/env"
}

# mailbot_conf STACK_DIR [SMTP_PORT]: a mailbot.conf (on stdout) for the
# mail stack started in STACK_DIR: the bot's account over IMAPS, submission
# with STARTTLS (or SMTP_PORT), the harness's CA, database state.db.
mailbot_conf() {
	(
		. "$1/env"
		cat <<CONF
[mailbot]
address = $MS_BOT
coordinator = $MS_COORDINATOR
database = state.db

[imap]
url = imaps://$MS_HOST:$MS_IMAPS_PORT/INBOX
user = $MS_BOT
password_file = $MS_PASSWORD_FILE
ca_file = $MS_CA
authserv_id = mx.$MS_DOMAIN

[smtp]
url = smtp://$MS_HOST:${2:-$MS_SUBMISSION_PORT}
user = $MS_BOT
password_file = $MS_PASSWORD_FILE
ca_file = $MS_CA
CONF
	)
}

# until_true TIMEOUT_S COMMAND...: polls COMMAND until it succeeds (wait on
# an event, never for a fixed time); fails after TIMEOUT_S seconds.
until_true() {
	local deadline=$((SECONDS + $1))
	shift
	until "$@" >/dev/null 2>&1; do
		[ "$SECONDS" -lt "$deadline" ] || return 1
		sleep 0.05
	done
}

# yes_replies N TAG: a network "Crash" of N members lidNN@ with one meeting,
# and from each member a plain "Ja, ik kom graag." delivered to the bot
# (Message-ID <TAGNN@mailbot.test>). Needs mb and $dir/stack.
yes_replies() {
	local n=$1 tag=$2 i
	mb init >/dev/null
	mb network add Crash >/dev/null
	{
		echo email,name
		for i in $(seq -w 1 "$n"); do echo "lid$i@mailbot.test,Lid $i"; done
	} >"$dir/members.csv"
	mb member import Crash "$dir/members.csv" >/dev/null
	mb meeting add Crash --start '2027-01-14 14:00' \
	    --end '2027-01-14 17:00' --location Zwolle >/dev/null
	for i in $(seq -w 1 "$n"); do
		printf '%s\r\n' "From: lid$i@mailbot.test" "To: bot@mailbot.test" \
		    "Subject: Re: Uitnodiging" "Message-ID: <$tag$i@mailbot.test>" \
		    "" "Ja, ik kom graag." >"$dir/m$i"
		tests/mailstack/mailstack send-signed "$dir/stack" "lid$i@mailbot.test" \
		    bot@mailbot.test "$dir/m$i" >/dev/null
	done
}

# offline_conf DIR: DIR/mailbot.conf (database state.db) and its password
# file DIR/password, for tests that use no mail server: the servers named
# are never contacted.
offline_conf() {
	printf 'secret\n' >"$1/password"
	chmod 600 "$1/password"
	cat >"$1/mailbot.conf" <<CONF
[mailbot]
address = bot@mailbot.test
coordinator = coordinator@mailbot.test
database = state.db

[imap]
url = imaps://127.0.0.1:24993/INBOX
user = bot@mailbot.test
password_file = password

[smtp]
url = smtps://127.0.0.1:24465
user = bot@mailbot.test
password_file = password
CONF
}

finish() {
	[ "$T_FAILED" -eq 0 ]
	exit $?
}
