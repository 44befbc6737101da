#!/usr/bin/env bash
# systemd.sh: the units in systemd/ are sandboxed to an exposure of 1.5 or
# lower by `systemd-analyze security --offline=yes`, pass `systemd-analyze
# verify`, say what the README promises (notify, watchdog, restart limit,
# state directory, credentials); the sysusers.d line makes the user; and a
# password handed over as a systemd credential really logs in to the mail
# servers (the real Dovecot and Postfix of tests/mailstack).
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
export MAILSTACK_PORT_BASE=${MAILSTACK_PORT_BASE:-26000}
MAILBOT=$(realpath "${MAILBOT:-build/mailbot}")
MS=tests/mailstack/mailstack
MAX_EXPOSURE=1.5

stack_start

# The template is analysed as an instance, as systemd would run it.
mkdir "$dir/units"
cp systemd/mailbot.service "$dir/units/mailbot.service"
cp systemd/mailbot@.service "$dir/units/mailbot@test.service"

for u in mailbot.service mailbot@test.service; do
	out=$(systemd-analyze security --offline=yes --no-pager \
	    "$dir/units/$u" 2>&1)
	level=$(printf '%s\n' "$out" |
	    sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
	if [ -z "$level" ]; then
		not_ok "$u: exposure level found" "$(printf '%s' "$out" | tail -n 2)"
	elif awk -v l="$level" -v m="$MAX_EXPOSURE" 'BEGIN { exit !(l <= m) }'; then
		ok "$u: exposure $level <= $MAX_EXPOSURE"
	else
		not_ok "$u: exposure $level <= $MAX_EXPOSURE" \
		    "$(printf '%s\n' "$out" | grep '✗' | head -n 10)"
	fi
done

# verify needs ExecStart= to exist and the man pages to be found: point it
# at the built binary and the pages in man/.
mkdir -p "$dir/man/man5" "$dir/man/man8" "$dir/verify"
cp man/mailbot.8 "$dir/man/man8/"
cp man/mailbot.conf.5 "$dir/man/man5/"
for u in mailbot.service mailbot@test.service; do
	sed "s|^ExecStart=/usr/local/bin/mailbot |ExecStart=$MAILBOT |" \
	    "$dir/units/$u" >"$dir/verify/$u"
	v=$(MANPATH=$dir/man systemd-analyze verify "$dir/verify/$u" 2>&1)
	check_eq "$u: systemd-analyze verify is silent" "" "$v"
done

# What the units promise, line by line.
unit_has() {
	if grep -qxF -- "$2" "systemd/$1"; then
		ok "$1 has $2"
	else
		not_ok "$1 has $2" "no such line"
	fi
}
for u in mailbot.service mailbot@.service; do
	for line in Type=notify WatchdogSec=5min Restart=on-failure \
	    StartLimitBurst=5 StartLimitIntervalSec=10min User=mailbot \
	    'RestartPreventExitStatus=64 65 78'; do
		unit_has "$u" "$line"
	done
done
unit_has mailbot.service \
    'ExecStart=/usr/local/bin/mailbot -c /etc/mailbot/mailbot.conf run'
unit_has mailbot.service StateDirectory=mailbot
unit_has mailbot.service \
    LoadCredential=imap.password:/etc/mailbot/imap.password
unit_has mailbot.service \
    LoadCredential=smtp.password:/etc/mailbot/smtp.password
unit_has mailbot@.service \
    'ExecStart=/usr/local/bin/mailbot -c /etc/mailbot/%i.conf run'
unit_has mailbot@.service StateDirectory=mailbot/%i
unit_has mailbot@.service \
    LoadCredential=%i.imap.password:/etc/mailbot/%i.imap.password
unit_has mailbot@.service \
    LoadCredential=%i.smtp.password:/etc/mailbot/%i.smtp.password

# The sysusers.d line creates the system user, into a scratch root.
mkdir -p "$dir/sysroot/etc"
systemd-sysusers --root="$dir/sysroot" "$PWD/systemd/sysusers.conf" \
    >/dev/null 2>&1
check_match "sysusers.d creates the mailbot user with /var/lib/mailbot" \
    '^mailbot:x:[0-9]+:[0-9]+:[^:]*:/var/lib/mailbot:/usr/sbin/nologin$' \
    "$(cat "$dir/sysroot/etc/passwd" 2>/dev/null)"

# Credentials as systemd hands them over: a directory in
# $CREDENTIALS_DIRECTORY with one 0400 file per LoadCredential=. The file
# beside the config of the same name holds a wrong password, so a login
# proves which one was read.
mailbot_conf "$dir/stack" |
    sed "s|^password_file = .*|password_file = bot.password|" \
    >"$dir/mailbot.conf"
mkdir -m 0700 "$dir/creds"
cp "$MS_PASSWORD_FILE" "$dir/creds/bot.password"
chmod 0400 "$dir/creds/bot.password"
printf 'not-the-password\n' >"$dir/bot.password"
chmod 600 "$dir/bot.password"
mb() {
	CREDENTIALS_DIRECTORY=$dir/creds "$MAILBOT" -c "$dir/mailbot.conf" \
	    --now '2026-11-23 10:00' "$@"
}
mb init >/dev/null
mb network add 'Leernetwerk Oost' >/dev/null
mb member add 1 alice@mailbot.test 'Alice de Vries' >/dev/null
mb meeting add 1 --start '2027-01-14 14:00' --end '2027-01-14 17:00' \
    --location Zwolle >/dev/null
mb meeting invite 1 >/dev/null
mb once >"$dir/once.out" 2>&1
check_eq "once with the credential exits 0" 0 $?
check_eq "the invitation is sent with the credential's password" sent \
    "$(mb outbox --json | jq -r '.[] | select(.id == 1) | .state')"
"$MS" wait "$dir/stack" alice 1 10 >/dev/null
"$MS" fetch "$dir/stack" alice 1 >"$dir/alice.inv" 2>/dev/null
check_match "alice gets the invitation" '^X-Mailbot-Kind: invitation' \
    "$(tr -d '\r' <"$dir/alice.inv")"

# Outside systemd the same config reads the file beside it: wrong password.
mb meeting add 1 --start '2027-02-14 14:00' --end '2027-02-14 17:00' \
    --location Zwolle >/dev/null
mb meeting invite 2 >/dev/null
"$MAILBOT" -c "$dir/mailbot.conf" --now '2026-11-23 10:00' once \
    >"$dir/once2.out" 2>&1
check_match "without \$CREDENTIALS_DIRECTORY the file beside the config" \
    "login refused" "$(cat "$dir/once2.out")"
check_eq "... so that invitation stays queued" queued \
    "$(mb outbox --json | jq -r '.[] | select(.id == 2) | .state')"

# A credential the unit did not load: a clear error per key, EX_CONFIG.
rm "$dir/creds/bot.password"
err=$(mb once 2>&1)
rc=$?
check_eq "a missing credential exits EX_CONFIG (78)" 78 "$rc"
check_match "a missing credential names the LoadCredential= it needs" \
    "imap.password_file: $dir/creds/bot.password: no such credential \(LoadCredential=bot.password:PATH in the unit\?\)" \
    "$err"
finish
