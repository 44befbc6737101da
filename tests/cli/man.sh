#!/usr/bin/env bash
# man.sh: the man pages format without warnings, and name every command
# the binary knows and every key the example config shows.
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
MAILBOT=${MAILBOT:-build/mailbot}

for page in man/mailbot.8 man/mailbot.conf.5; do
	w=$(LC_ALL=C.UTF-8 man --warnings -E UTF-8 -l "$page" 2>&1 >/dev/null)
	check_eq "$page formats without warnings" "" "$w"
done
text=$(LC_ALL=C.UTF-8 MANWIDTH=200 man -l man/mailbot.8 2>/dev/null)
for cmd in $("$MAILBOT" --help | sed -n 's/^  \([a-z]\{2,\}\).*/\1/p' | sort -u); do
	check_match "mailbot(8) documents '$cmd'" "(^|[[:space:]])$cmd( |$)" "$text"
done
conf=$(LC_ALL=C.UTF-8 MANWIDTH=200 man -l man/mailbot.conf.5 2>/dev/null)
for key in $(sed -n 's/^#\{0,1\}\([a-z_]\{2,\}\) = .*/\1/p' mailbot.conf.example | sort -u); do
	check_match "mailbot.conf(5) documents '$key'" "$key" "$conf"
done
finish
