#!/usr/bin/env bash
# season_test.sh: a network lives through a year of five meetings with
# --now: invitations, answers arriving at various times, the daemon down
# for a week in June. `mailbot once` runs at chosen moments (also a minute
# before each job falls due); at the end every member's real mailbox must
# hold exactly the preparation mails, reminders, nudges and summaries
# expected, each once, at the right local hour on both sides of the
# summer-time switches (2027-03-28, 2027-10-31), and nothing that stopped
# making sense.
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
export MAILSTACK_PORT_BASE=${MAILSTACK_PORT_BASE:-26000}
MAILBOT=$(realpath "${MAILBOT:-build/mailbot}")
MS=$(realpath tests/mailstack/mailstack)
TOOLS=$(realpath "${TOOLS_DIR:-build/tools}")

stack_start
# The test works inside $dir: stop the stack by its absolute path.
trap '"$MS" stop "$dir/stack" >/dev/null 2>&1; rm -rf "$dir"' EXIT
{
	mailbot_conf "$dir/stack"
	printf '[schedule]\nroute = Trein tot Zwolle, dan 10 minuten lopen\n'
} >"$dir/mailbot.conf"
cd "$dir" || exit 2
NOW='2027-01-04 10:00'
BOTMAIL=0
PEOPLE='alice bob carol dave erin frank gina'
mb() { "$MAILBOT" -c "$dir/mailbot.conf" --now "$NOW" "$@"; }
once() {
	NOW=$1
	mb once >>"$dir/once.log" 2>&1 ||
	    not_ok "once at $1" "$(tail -n 2 "$dir/once.log")"
}
header() {
	sed -n "s/^$2: //Ip" "$1" | head -n 1 | tr -d '\r'
}
# answer FROM TO TEXT WHEN: FROM writes TEXT to TO; once runs at WHEN.
answer() {
	BOTMAIL=$((BOTMAIL + 1))
	printf '%s\r\n' "From: $1@mailbot.test" "To: $2" "Subject: Re: bijeenkomst" \
	    "Message-ID: <season$BOTMAIL@mailbot.test>" \
	    "Content-Type: text/plain; charset=UTF-8" "" "$3" >"$dir/a$BOTMAIL"
	"$MS" send-signed "$dir/stack" "$1@mailbot.test" "$2" "$dir/a$BOTMAIL" >/dev/null
	"$MS" wait "$dir/stack" bot "$BOTMAIL" 10 >/dev/null
	once "$4"
}
# expect USER KIND 'YYYY-MM-DD HH:MM' (local time of the Date: header)
expect() {
	printf '%s %s %s\n' "$1" "$2" "$3" >>"$dir/expected"
}
# expect_each 'YYYY-MM-DD HH:MM' 'alice:reminder bob:nudge …'
expect_each() {
	local p
	for p in $2; do
		[ "${p#*:}" = - ] || expect "${p%%:*}" "${p#*:}" "$1"
	done
}
hosts_of() {
	mb meeting show "$1" --json | jq -r '.hosts[]' | sed 's/@.*//'
}
# runs once a minute before and at each moment (nothing may go early)
tick() {
	local t
	for t in "$@"; do
		once "$(date -d "$t 1 minute ago" '+%F %H:%M')"
		once "$t"
	done
}

: >"$dir/expected"
mb init >/dev/null
mb network add 'Leernetwerk Oost' >/dev/null
mb member add 1 alice@mailbot.test 'Alice de Vries' --role bestuurder >/dev/null
mb member add 1 bob@mailbot.test 'Bob Smith' --role zorgkantoor --lang en >/dev/null
mb member add 1 carol@mailbot.test 'Carol Jansen' --role bestuurder >/dev/null
mb member add 1 dave@mailbot.test 'Dave Peters' --role ministerie >/dev/null
mb member add 1 erin@mailbot.test 'Erin Bakker' --role zorgkantoor >/dev/null
mb member add 1 frank@mailbot.test 'Frank Visser' --role bestuurder >/dev/null
for d in 2027-02-11 2027-04-08 2027-06-17 2027-11-04 2027-12-09; do
	mb meeting add 1 --start "$d 14:00" --end "$d 17:00" \
	    --location 'Zwolle, Stadshuis' >/dev/null
done
mb guest add 2 gina@mailbot.test 'Gina Gast' >/dev/null
for m in 1 2 3 4 5; do hosts_of $m >"$dir/hosts$m"; done

# The duo: everyone prepares once before anyone prepares twice.
check_eq "meetings 1-3: six different hosts" 6 \
    "$(cat "$dir/hosts1" "$dir/hosts2" "$dir/hosts3" | sort -u | wc -l)"
check_eq "meetings 4-5: four prepare again, no one a third time" "1 1 2 2 2 2" \
    "$(cat "$dir"/hosts? | sort | uniq -c | awk '{print $1}' | sort | xargs)"
check_eq "no duo twice" 5 \
    "$(for m in 1 2 3 4 5; do sort "$dir/hosts$m" | xargs; done | sort -u | wc -l)"
check_eq "meeting 1 mixes roles" "alice bob" "$(xargs <"$dir/hosts1")"

mb meeting invite 1 >/dev/null
mb meeting invite 2 >/dev/null
once '2027-01-04 10:00'
answer alice bot@mailbot.test 'Ja, ik kom graag.' '2027-01-05 10:00'
answer bob bot@mailbot.test 'Helaas verhinderd.' '2027-01-05 11:00'
answer frank bot@mailbot.test 'Ja, ik kom.' '2027-01-05 12:00'

# Meeting 1, 2027-02-11, winter time.
read -r h1 h2 <<<"$(xargs <"$dir/hosts1")"
tick '2027-01-14 09:00'
expect_each '2027-01-14 09:00' "$h1:host-prep $h2:host-prep"
# The preparation mail, once it is delivered (the newest in the box).
for ((i = 0; i < 50; i++)); do
	"$MS" fetch "$dir/stack" "$h1" "$("$MS" count "$dir/stack" "$h1")" >"$dir/prep1"
	[ "$(header "$dir/prep1" X-Mailbot-Kind)" = host-prep ] && break
	sleep 0.2
done
check_eq "the host got the preparation mail" host-prep \
    "$(header "$dir/prep1" X-Mailbot-Kind)"
prep_to=$(header "$dir/prep1" Reply-To | tr -d '<>')
answer "$h1" "$prep_to" "$(printf '14.00 Welkom\r\n15.00 Casus: de fusie')" \
    '2027-01-20 10:00'
answer erin bot@mailbot.test 'Misschien.' '2027-01-20 11:00'
tick '2027-01-28 09:00'
expect_each '2027-01-28 09:00' 'alice:reminder bob:- carol:nudge dave:nudge erin:reminder frank:reminder'
answer carol bot@mailbot.test 'Ja, ik kom.' '2027-02-01 10:00'
tick '2027-02-09 09:00'
expect_each '2027-02-09 09:00' 'alice:reminder bob:- carol:reminder dave:nudge erin:reminder frank:reminder'
answer "$h1" "$prep_to" 'Inzicht: samen optrekken werkt.' '2027-02-11 18:00'
tick '2027-02-12 09:00'
expect_each '2027-02-12 09:00' 'alice:summary bob:summary carol:summary dave:summary erin:summary frank:summary'

# Meeting 2, 2027-04-08 (summer time); the 14-day reminder in winter time.
read -r h1 h2 <<<"$(xargs <"$dir/hosts2")"
answer alice bot@mailbot.test 'Ja.' '2027-02-15 10:00'
answer erin bot@mailbot.test 'Ja, graag.' '2027-02-15 11:00'
"$MS" fetch "$dir/stack" gina 1 >"$dir/gina.inv"
answer gina "$(header "$dir/gina.inv" Reply-To | tr -d '<>')" 'Ja, ik kom graag.' \
    '2027-02-20 10:00'
answer dave bot@mailbot.test 'Nee, helaas.' '2027-03-01 10:00'
tick '2027-03-11 09:00'
expect_each '2027-03-11 09:00' "$h1:host-prep $h2:host-prep"
tick '2027-03-25 09:00'
expect_each '2027-03-25 09:00' 'alice:reminder bob:nudge carol:nudge dave:- erin:reminder frank:nudge gina:reminder'
answer bob bot@mailbot.test 'Yes, I will come.' '2027-03-26 10:00'
tick '2027-04-06 09:00'
expect_each '2027-04-06 09:00' 'alice:reminder bob:reminder carol:nudge dave:- erin:reminder frank:nudge gina:reminder'
tick '2027-04-09 09:00'
expect_each '2027-04-09 09:00' 'alice:summary bob:summary carol:summary dave:summary erin:summary frank:summary gina:summary'

# Meeting 3, 2027-06-17; the daemon is down from 13 to 21 June.
read -r h1 h2 <<<"$(xargs <"$dir/hosts3")"
NOW='2027-04-20 10:00'
mb meeting invite 3 >/dev/null
once '2027-04-20 10:00'
for p in alice bob erin frank; do
	answer $p bot@mailbot.test 'Ja, ik kom.' '2027-04-21 10:00'
done
answer carol bot@mailbot.test 'Nee, ik kan niet.' '2027-04-21 11:00'
tick '2027-05-20 09:00'
expect_each '2027-05-20 09:00' "$h1:host-prep $h2:host-prep"
tick '2027-06-03 09:00' '2027-06-07 08:00'
expect_each '2027-06-03 09:00' 'alice:reminder bob:reminder carol:- dave:nudge erin:reminder frank:reminder'
once '2027-06-13 12:00'
# ... down: the 2-day reminder (15 June) and the meeting pass ...
once '2027-06-21 10:00'
expect_each '2027-06-21 10:00' 'alice:summary bob:summary carol:summary dave:summary erin:summary frank:summary'
once '2027-06-21 11:00'

# Meeting 4, 2027-11-04 (winter time); preparation and 14 days in summer time.
read -r h1 h2 <<<"$(xargs <"$dir/hosts4")"
NOW='2027-09-01 10:00'
mb meeting invite 4 >/dev/null
once '2027-09-01 10:00'
for p in alice bob carol dave frank; do
	answer $p bot@mailbot.test 'Ja, ik kom.' '2027-09-02 10:00'
done
answer erin bot@mailbot.test 'Helaas verhinderd.' '2027-09-02 11:00'
tick '2027-10-07 09:00'
expect_each '2027-10-07 09:00' "$h1:host-prep $h2:host-prep"
NOW='2027-10-15 10:00'
mb meeting invite 5 >/dev/null
once '2027-10-15 10:00'
tick '2027-10-21 09:00' '2027-11-02 09:00'
for t in '2027-10-21 09:00' '2027-11-02 09:00'; do
	expect_each "$t" 'alice:reminder bob:reminder carol:reminder dave:reminder erin:- frank:reminder'
done
tick '2027-11-05 09:00'
expect_each '2027-11-05 09:00' 'alice:summary bob:summary carol:summary dave:summary erin:summary frank:summary'

# Meeting 5, 2027-12-09: nobody answers.
read -r h1 h2 <<<"$(xargs <"$dir/hosts5")"
tick '2027-11-11 09:00'
expect_each '2027-11-11 09:00' "$h1:host-prep $h2:host-prep"
for t in '2027-11-25 09:00' '2027-12-07 09:00'; do
	tick "$t"
	expect_each "$t" 'alice:nudge bob:nudge carol:nudge dave:nudge erin:nudge frank:nudge'
done
tick '2027-12-10 09:00'
expect_each '2027-12-10 09:00' 'alice:summary bob:summary carol:summary dave:summary erin:summary frank:summary'
once '2027-12-31 23:00'

# What arrived: every scheduled mail in every box, by kind and local time,
# once delivery has settled (the boxes stop growing).
total() { for p in $PEOPLE; do "$MS" count "$dir/stack" $p; done | xargs; }
n=$(total)
while sleep 0.5; m=$(total); [ "$m" != "$n" ]; do n=$m; done
: >"$dir/got"
for p in $PEOPLE; do
	n=$("$MS" count "$dir/stack" $p)
	for ((u = 1; u <= n; u++)); do
		"$MS" fetch "$dir/stack" $p $u >"$dir/$p.$u"
		kind=$(header "$dir/$p.$u" X-Mailbot-Kind)
		case $kind in reminder|nudge|host-prep|summary) ;; *) continue ;; esac
		when=$(TZ=Europe/Amsterdam date -d "$(header "$dir/$p.$u" Date)" '+%F %H:%M')
		printf '%s %s %s\n' $p "$kind" "$when" >>"$dir/got"
		printf '%s %s\n' "$kind $when" "$dir/$p.$u" >>"$dir/$p.files"
	done
done
sort "$dir/expected" >"$dir/expected.s"
sort "$dir/got" >"$dir/got.s"
check_eq "scheduled mail: $(wc -l <"$dir/expected.s") expected, each once" \
    "$(wc -l <"$dir/expected.s")" "$(sort -u "$dir/got.s" | wc -l)"
if diff "$dir/expected.s" "$dir/got.s" >"$dir/diff"; then
	ok "every preparation mail, reminder, nudge and summary arrived exactly once, to the right people, at the right local hour"
else
	not_ok "scheduled mail as expected" "$(grep '^[<>]' "$dir/diff" | head -n 8 | tr '\n' ';')"
fi
check_eq "the 2-day reminder of meeting 3 (daemon down) was never sent" 0 \
    "$(grep -cE '(reminder|nudge) 2027-06-(1[5-9]|2[0-9])' "$dir/got")"
check_eq "no outbox row is left waiting" 0 \
    "$(sqlite3 state.db "SELECT count(*) FROM outbox WHERE state <> 'sent'")"

# What the mails say.
body() {
	"$TOOLS/mime_part" "$(awk -v k="$2 $3" 'index($0, k) == 1 {print $NF}' \
	    "$dir/$1.files")" text/plain | tr -d '\r'
}
read -r h1 h2 <<<"$(xargs <"$dir/hosts1")"
check_match "the reminder carries the duo's programme" \
    "Casus: de fusie" "$(body frank reminder '2027-02-09 09:00')"
check_match "... and the place" "Zwolle, Stadshuis" "$(body frank reminder '2027-02-09 09:00')"
check_match "... and the route from the config" \
    "Route: Trein tot Zwolle, dan 10 minuten lopen" \
    "$(body frank reminder '2027-02-09 09:00')"
check_match "the nudge makes answering easy" "\*ja\*, \*nee\* of \*misschien\*" \
    "$(body dave nudge '2027-02-09 09:00')"
check_match "Bob's reminder is in English" "We look forward" \
    "$(body bob reminder '2027-04-06 09:00')"
s1=$(body dave summary '2027-02-12 09:00')
check_match "the summary names who took part" \
    "Aanwezig: Alice de Vries, Carol Jansen en Frank Visser\." "$s1"
check_match "... the insights of the duo" "samen optrekken werkt" "$s1"
check_match "... and the next meeting with its date and duo" \
    "volgende bijeenkomst is op donderdag 8 april 2027, 14.00.+17.00 uur in Zwolle, Stadshuis, voorbereid door" "$s1"
check_match "the guest gets the summary of her meeting" "Gina Gast" \
    "$(body gina summary '2027-04-09 09:00')"
check_match "the last summary has no next meeting" "nog geen volgende bijeenkomst" \
    "$(body alice summary '2027-12-10 09:00')"
check_eq "the duo's programme is stored" "14.00 Welkom
15.00 Casus: de fusie" "$(sqlite3 state.db 'SELECT programme FROM meeting WHERE id = 1')"

# Digest and register: their jobs (the mails are composed in digest.c).
q() { sqlite3 state.db "$1"; }
check_eq "the digest of the Monday the daemon was down is not made up" 0 \
    "$(q "SELECT count(*) FROM job WHERE key = 'digest:1:2027-06-14'")"
check_eq "the missed digest is done once, late" \
    "$(TZ=Europe/Amsterdam date -d '2027-06-21 10:00' +%s)" \
    "$(q "SELECT done_at FROM job WHERE key = 'digest:1:2027-06-21'")"
check_eq "a Monday's digest at 08:00" \
    "$(TZ=Europe/Amsterdam date -d '2027-06-07 08:00' +%s)" \
    "$(q "SELECT done_at FROM job WHERE key = 'digest:1:2027-06-07'")"
check_eq "a register job the day after each meeting" \
    "register:1 register:2 register:3 register:4 register:5" \
    "$(q "SELECT key FROM job WHERE key LIKE 'register:%' ORDER BY key" | xargs)"
check_eq "the register of meeting 3 came late, with its summary" \
    "$(TZ=Europe/Amsterdam date -d '2027-06-21 10:00' +%s)" \
    "$(q "SELECT done_at FROM job WHERE key = 'register:3'")"
# ... and the mails themselves, in the coordinator's box: one per job, each
# sent at the moment its job was done.
n=$("$MS" count "$dir/stack" coordinator)
: >"$dir/coord"
for ((u = 1; u <= n; u++)); do
	"$MS" fetch "$dir/stack" coordinator $u >"$dir/coord.$u"
	kind=$(header "$dir/coord.$u" X-Mailbot-Kind)
	case $kind in digest|register) ;; *) continue ;; esac
	printf '%s %s\n' "$kind" \
	    "$(TZ=Europe/Amsterdam date -d "$(header "$dir/coord.$u" Date)" '+%F %H:%M')" >>"$dir/coord"
done
jobs_at() {
	q "SELECT done_at FROM job WHERE key LIKE '$1:%'" | while read -r t; do
		printf '%s %s\n' "$1" "$(TZ=Europe/Amsterdam date -d "@$t" '+%F %H:%M')"
	done
}
check_eq "every digest job delivered one digest to the coordinator, at its time" \
    "$(jobs_at digest | sort)" "$(grep '^digest ' "$dir/coord" | sort)"
check_eq "... every register job one register mail" \
    "$(jobs_at register | sort)" "$(grep '^register ' "$dir/coord" | sort)"
# Each digest belongs to a Monday (its key): sent at or after 08:00 that
# day, and before the next Monday's digest was due (never a week late).
check_eq "each digest went out in its own week, not before Monday 08:00" "" \
    "$(q "SELECT key, done_at FROM job WHERE key LIKE 'digest:%'" |
    while IFS='|' read -r key t; do
	mon=$(TZ=Europe/Amsterdam date -d "${key##*:} 08:00" +%s)
	[ "$t" -ge "$mon" ] && [ "$t" -lt $((mon + 7 * 86400)) ] || echo "$key"
    done | xargs)"
check_eq "... one digest per week the daemon ran" \
    "$(q "SELECT count(DISTINCT key) FROM job WHERE key LIKE 'digest:%'")" \
    "$(grep -c '^digest ' "$dir/coord")"
check_eq "the plan is empty at the end of the season" "" \
    "$(NOW='2027-12-31 23:00' mb plan --days 2 | grep -v digest)"
finish
