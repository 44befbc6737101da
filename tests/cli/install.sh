#!/usr/bin/env bash
# install.sh: `make install DESTDIR=...` gives a tree that runs, finds its
# own templates (not the source tree's), documents itself and carries
# units that pass `systemd-analyze verify`; `make uninstall` leaves no file.
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh

dir=$(mktemp -d /tmp/mb-install.XXXXXX)
trap 'rm -rf "$dir"' EXIT
root=$dir/root
P=$root/usr/local

if make -s install DESTDIR="$root" >"$dir/make.out" 2>&1; then
	ok "make install DESTDIR=... succeeds"
else
	not_ok "make install DESTDIR=... succeeds" "$(tail -n 3 "$dir/make.out")"
	finish
fi

for f in bin/mailbot share/man/man8/mailbot.8 share/man/man5/mailbot.conf.5 \
    share/doc/mailbot/mailbot.conf.example lib/sysusers.d/mailbot.conf \
    lib/systemd/system/mailbot.service lib/systemd/system/mailbot@.service; do
	check "installs $f" test -f "$P/$f"
done
for t in templates/*/*; do
	check "installs $t" cmp "$t" "$P/share/mailbot/$t"
done
check_eq "the binary is executable by all" 755 "$(stat -c %a "$P/bin/mailbot")"
check_eq "templates are readable by the mailbot user" 644 \
    "$(stat -c %a "$P/share/mailbot/templates/nl/invitation.md")"
check_eq "nothing outside the prefix (no /etc)" "usr" "$(ls "$root")"

out=$("$P/bin/mailbot" --help 2>&1)
check_eq "the installed binary runs: --help exits 0" 0 $?
check_match "the installed binary prints its usage" "^usage: mailbot" "$out"
check_match "the installed units run the installed binary" \
    "^ExecStart=/usr/local/bin/mailbot -c /etc/mailbot/mailbot.conf run$" \
    "$(cat "$P/lib/systemd/system/mailbot.service")"
check_match "man finds the installed page" "mailbot\.conf" \
    "$(MANPATH=$P/share/man MANWIDTH=80 man mailbot 2>/dev/null)"

# The installed units, pointed at the installed binary (DESTDIR is not
# where they will run), pass systemd-analyze verify, man pages included.
mkdir "$dir/units"
for u in mailbot.service mailbot@.service; do
	sed "s|^ExecStart=/usr/local/bin/|ExecStart=$P/bin/|" \
	    "$P/lib/systemd/system/$u" >"$dir/units/${u/@/@test}"
done
v=$(MANPATH=$P/share/man systemd-analyze verify "$dir/units/mailbot.service" \
    "$dir/units/mailbot@test.service" 2>&1)
check_eq "systemd-analyze verify passes on the installed units" "" "$v"

# The installed binary uses the installed templates: mark one, with no
# templates key in the config, and find the mark in the queued invitation.
printf '\nInstalledTemplateMark42\n' >>"$P/share/mailbot/templates/nl/invitation.md"
offline_conf "$dir"
mb() { "$P/bin/mailbot" -c "$dir/mailbot.conf" --now '2026-11-23 10:00' "$@"; }
mb init >/dev/null 2>&1
mb network add Oost >/dev/null 2>&1
mb member add Oost anna@zorg.example 'Anna de Vries' >/dev/null 2>&1
mb meeting add Oost --start '2027-01-12 14:00' --end '2027-01-12 17:00' \
    --location Utrecht >/dev/null 2>&1
check_match "the installed binary queues an invitation" \
    "1 invitations queued" "$(mb meeting invite 1 2>&1)"
check_eq "the queued invitation comes from the installed template" 1 \
    "$(sqlite3 "$dir/state.db" "SELECT count(*) FROM outbox WHERE
	kind = 'invitation' AND instr(body, 'InstalledTemplateMark42') > 0")"

# With the installed templates gone it fails rather than use the source
# tree's (unless a real install in /usr/local is there to be found).
mv "$P/share/mailbot/templates" "$dir/templates.away"
mb meeting add Oost --start '2027-02-12 14:00' --end '2027-02-12 17:00' \
    --location Utrecht >/dev/null 2>&1
err=$(mb meeting invite 2 2>&1)
rc=$?
mv "$dir/templates.away" "$P/share/mailbot/templates"
if [ -d /usr/local/share/mailbot/templates ]; then
	ok "source templates unreachable (not checked: /usr/local has an install)"
elif [ "$rc" -ne 0 ] && ! printf '%s' "$err" | grep -q "$PWD"; then
	ok "without installed templates it fails, not using the source tree"
else
	not_ok "without installed templates it fails, not using the source tree" \
	    "exit $rc: $err"
fi

if make -s uninstall DESTDIR="$root" >"$dir/make.out" 2>&1; then
	ok "make uninstall DESTDIR=... succeeds"
else
	not_ok "make uninstall DESTDIR=... succeeds" "$(tail -n 3 "$dir/make.out")"
fi
check_eq "make uninstall leaves no file" "" "$(find "$root" ! -type d)"
check_eq "make uninstall removes mailbot's own directories" "" \
    "$(find "$root" -path '*mailbot*')"
check "make uninstall twice is harmless" make -s uninstall DESTDIR="$root"

# Another prefix: everything moves with it, ExecStart= too.
make -s install DESTDIR="$root" PREFIX=/usr >/dev/null 2>&1
check "PREFIX=/usr: the binary in usr/bin" test -x "$root/usr/bin/mailbot"
check "PREFIX=/usr: the templates in usr/share/mailbot" \
    test -f "$root/usr/share/mailbot/templates/en/invitation.md"
check_match "PREFIX=/usr: ExecStart= follows" \
    "^ExecStart=/usr/bin/mailbot -c /etc/mailbot/%i.conf run$" \
    "$(cat "$root/usr/lib/systemd/system/mailbot@.service")"
make -s uninstall DESTDIR="$root" PREFIX=/usr >/dev/null 2>&1
check_eq "PREFIX=/usr: uninstall leaves no file" "" "$(find "$root" ! -type d)"
finish
