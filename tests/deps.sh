#!/bin/sh
# deps.sh: install, from Debian's packages, exactly what building and
# testing mailbot need. Does nothing when everything is present, and runs
# `apt-get update` only when something is missing.
set -eu

PACKAGES="
build-essential pkg-config
libcurl4-gnutls-dev libetpan-dev libical-dev libsqlite3-dev libinih-dev
libjansson-dev libcmark-dev libgnutls28-dev libsystemd-dev
tzdata ca-certificates sqlite3 curl openssl jq python3 python3-icalendar
man-db groff-base
postfix dovecot-imapd dovecot-lmtpd
systemd isync time
clang libclang-rt-14-dev
"

missing=""
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
	    grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

echo "deps: installing$missing"
if [ "$(id -u)" -ne 0 ]; then
	SUDO=sudo
else
	SUDO=
fi
# Postfix must stay unconfigured: the tests run their own instance.
echo "postfix postfix/main_mailer_type select No configuration" |
    $SUDO debconf-set-selections
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
