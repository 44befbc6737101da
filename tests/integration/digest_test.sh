#!/usr/bin/env bash
# digest_test.sh: the coordinator's digest of a known state, through the
# real mail stack: members answer by mail, `mailbot digest` queues it,
# `mailbot once` sends it, and the tables of the delivered HTML part hold
# exactly the counts and names of the state. A quiet week is one line.
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
export MAILSTACK_PORT_BASE=${MAILSTACK_PORT_BASE:-26000}
MAILBOT=$(realpath "${MAILBOT:-build/mailbot}")
MS=tests/mailstack/mailstack
TOOLS=$(realpath "${TOOLS_DIR:-build/tools}")

stack_start
mailbot_conf "$dir/stack" >"$dir/mailbot.conf"
NOW='2025-05-01 10:00'
mb() { "$MAILBOT" -c "$dir/mailbot.conf" --now "$NOW" "$@"; }
header() {
	sed -n "s/^$2: //Ip" "$1" | head -n 1 | tr -d '\r'
}
# mail FROM ID TEXT...: a plain mail to the bot over the members' port.
mail() {
	local from=$1 id=$2
	shift 2
	printf '%s\r\n' "From: $from" "To: bot@mailbot.test" \
	    "Subject: Re: Uitnodiging" "Message-ID: <$id@mailbot.test>" \
	    "Content-Type: text/plain; charset=UTF-8" "$@" >"$dir/$id"
	"$MS" send-signed "$dir/stack" "$(printf '%s' "$from" | sed 's/.*<\(.*\)>/\1/')" \
	    bot@mailbot.test "$dir/$id" >/dev/null
}
# tables FILE: the delivered HTML part's tables as JSON [[[cell, …], …], …]
# (the header row first), read with python3's html.parser.
tables() {
	"$TOOLS/mime_part" "$1" text/html | python3 -c '
import html.parser, json, sys
class P(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(); self.tables = []; self.cell = None
    def handle_starttag(self, tag, attrs):
        if tag == "table": self.tables.append([])
        elif tag == "tr": self.tables[-1].append([])
        elif tag in ("td", "th"): self.cell = ""
    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.tables[-1][-1].append(self.cell); self.cell = None
    def handle_data(self, data):
        if self.cell is not None: self.cell += data
p = P(); p.feed(sys.stdin.read()); print(json.dumps(p.tables))'
}

mb init >/dev/null
mb network add 'Leernetwerk Oost' >/dev/null
mb member add 1 alice@mailbot.test 'Alice de Vries' >/dev/null
mb member add 1 bob@mailbot.test 'Bob Smith' --lang en >/dev/null
mb member add 1 carol@mailbot.test 'Carol Jansen' >/dev/null
mb member add 1 dave@mailbot.test 'Dave Peters' >/dev/null
mb member add 1 erik@mailbot.test 'Erik Bakker' >/dev/null
# Meeting 1, more than a year before the digest: Dave missed it; it does
# not count. Meeting 2, in June: the year the commitment table covers.
mb meeting add 1 --start '2025-09-01 14:00' --end '2025-09-01 17:00' \
    --location Zwolle >/dev/null
mb meeting add 1 --start '2026-06-10 14:00' --end '2026-06-10 17:00' \
    --location Zwolle >/dev/null
mb meeting add 1 --start '2027-01-14 14:00' --end '2027-01-14 17:00' \
    --location Deventer --theme Governance \
    --hosts carol@mailbot.test,dave@mailbot.test >/dev/null
june=$(date -d '2026-06-01 12:00' +%s)
sqlite3 "$dir/state.db" "
UPDATE attendance SET status = 'accepted' WHERE meeting_id = 1;
UPDATE attendance SET status = 'accepted', updated = $june
    WHERE meeting_id = 2 AND member_id IN (1, 2, 5);
UPDATE attendance SET status = 'declined', updated = $june
    WHERE meeting_id = 2 AND member_id = 3;"
NOW='2026-11-10 10:00'
mb attendance 1 dave@mailbot.test absent >/dev/null
mb attendance 2 bob@mailbot.test present >/dev/null
mb attendance 2 erik@mailbot.test absent >/dev/null
# Frank joins after June: no meeting in his year yet, so nothing counts
# against him (the upcoming meeting in January is not held yet).
mb member add 1 frank@mailbot.test 'Frank de Wit' >/dev/null

# The week before the digest: invitations, answers, mail for a human.
NOW='2026-11-16 09:00'
mb meeting invite 3 >/dev/null
mb once >/dev/null 2>&1
NOW='2026-11-18 10:00'
mail 'Alice de Vries <alice@mailbot.test>' a1 "" \
    "Ja, ik kom graag. Ik ben er wel pas om 15.00 uur."
mail bob@mailbot.test b1 "" "Helaas verhinderd."
mail erik@mailbot.test e1 "" "Misschien, dat weet ik nog niet."
mail carol@mailbot.test c1 "" "Is er parkeergelegenheid bij de locatie?"
mail dave@mailbot.test d1 "Auto-Submitted: auto-replied" "" \
    "Ik ben afwezig tot 1 december."
mail stranger@mailbot.test s1 "" "Ja, ik kom!"
mail nieuw@mailbot.test n1 "" "Ik wil graag deelnemen aan het leernetwerk."
"$MS" wait "$dir/stack" bot 7 10 >/dev/null
mb once >/dev/null 2>&1
sqlite3 "$dir/state.db" \
    "UPDATE member SET bouncing = 1 WHERE email = 'erik@mailbot.test'"

NOW='2026-11-23 08:00'
digests() {
	sqlite3 "$dir/state.db" "SELECT count(*) FROM outbox WHERE kind = 'digest'"
}
before=$(digests)
mb digest --print >"$dir/print.txt"
check_match "digest --print shows it" "^Subject: Overzicht Leernetwerk Oost" \
    "$(head -n 1 "$dir/print.txt")"
check_match "... the answers as a text table" \
    "donderdag 14 januari 2027 +ja +1 +Alice de Vries" "$(cat "$dir/print.txt")"
check_eq "--print queues nothing" "$before" "$(digests)"
check_match "digest queues it" "queued for coordinator@mailbot.test" \
    "$(mb digest 2>&1)"
mb once >/dev/null 2>&1
"$MS" wait "$dir/stack" coordinator 2 10 >/dev/null
n=$("$MS" count "$dir/stack" coordinator)
for uid in $(seq 1 "$n"); do
	"$MS" fetch "$dir/stack" coordinator "$uid" >"$dir/c$uid.eml"
	[ "$(header "$dir/c$uid.eml" X-Mailbot-Kind)" = digest ] &&
	    cp "$dir/c$uid.eml" "$dir/digest.eml"
done
check "the coordinator receives the digest" test -s "$dir/digest.eml"
check_match "... with a subject naming the network and day" \
    "Overzicht Leernetwerk Oost, maandag 23 november 2026" \
    "$(header "$dir/digest.eml" Subject)"
tables "$dir/digest.eml" >"$dir/tables.json"
check_eq "the HTML part holds five tables" 5 "$(jq length "$dir/tables.json")"
# The tables in order: human, meetings, notes, changes, commitment.
t() { jq -r "$1" "$dir/tables.json"; }
check_eq "meetings: one row per answer, counts and names" \
    "donderdag 14 januari 2027|ja|1|Alice de Vries
|misschien|1|Erik Bakker
|nee|1|Bob Smith
|nog geen antwoord|3|Carol Jansen, Dave Peters, Frank de Wit" \
    "$(t '.[1][1:][] | join("|")')"
check_match "notes: Alice arrives late (her note, as understood)" \
    "^Alice de Vries\\|ja\\|[^|]*15\\.00[^|]*$" \
    "$(t '.[2][1:][] | .[1:] | join("|")')"
check_eq "changes since the last digest: the three answers" \
    "Alice de Vries nog geen antwoord ja
Bob Smith nog geen antwoord nee
Erik Bakker nog geen antwoord misschien" \
    "$(t '.[3][1:][] | "\(.[1]) \(.[3]) \(.[4])"' | sort)"
check_eq "what needs a human: one actionable row each" \
    "Vraag|Carol Jansen <carol@mailbot.test>
Afwezigheidsmelding|Dave Peters <dave@mailbot.test>
Mail van onbekende|stranger@mailbot.test
Wil deelnemen|nieuw@mailbot.test
Adres onbereikbaar|Erik Bakker <erik@mailbot.test>" \
    "$(t '.[0][1:][] | "\(.[0])|\(.[1])"')"
check_eq "a question shows what was asked" \
    "Is er parkeergelegenheid bij de locatie?" \
    "$(t '.[0][1:][] | select(.[0] == "Vraag") | .[3]')"
check_eq "... each says what to do" 0 \
    "$(t '[.[0][1:][] | select(.[4] == "")] | length')"
check_eq "commitment over twelve months: attended, excused, absent" \
    "Lid|Aanwezig|Afgemeld|Afwezig zonder bericht
Alice de Vries|1|0|0
Bob Smith|1|0|0
Carol Jansen|0|1|0
Dave Peters|0|0|1
Erik Bakker|0|0|1
Frank de Wit|0|0|0" \
    "$(t '.[4][] | join("|")')"
text=$("$TOOLS/mime_part" "$dir/digest.eml" text/plain)
check_match "the duo's status" \
    "Carol Jansen en Dave Peters; nog geen programma ontvangen" "$text"
check_match "the text part has the same tables" \
    "Erik Bakker +0 +0 +1" "$text"

# A quiet week: one line, not silence.
sqlite3 "$dir/state.db" "UPDATE member SET bouncing = 0"
NOW='2026-11-30 08:00'
out=$(mb digest --print 'Leernetwerk Oost')
check_eq "a quiet week is one line" 3 "$(printf '%s\n' "$out" | wc -l)"
check_match "... saying nothing happened since the last digest" \
    "Sinds maandag 23 november 2026 is er niets gebeurd" "$out"
# A week before the meeting without the duo's programme: a row that asks
# the coordinator to chase it; eight days before, not yet.
out=$(NOW='2027-01-06 08:00' mb digest --print 'Leernetwerk Oost')
check_eq "eight days before: no row for the programme" "" \
    "$(printf '%s\n' "$out" | grep 'Programma ontbreekt')"
out=$(NOW='2027-01-11 08:00' mb digest --print 'Leernetwerk Oost')
check_match "three days before: the missing programme needs a human" \
    "Programma ontbreekt +Carol Jansen en Dave Peters +donderdag 14 januari 2027 +de bijeenkomst is over 3 dagen +het duo vragen" \
    "$out"
# In English, and the register mail too (register_mail is a test tool
# that finds the templates from the config).
sed "/^\[mailbot\]/a language = en\ntemplates = $PWD/templates" \
    "$dir/mailbot.conf" >"$dir/en.conf"
out=$("$MAILBOT" -c "$dir/en.conf" --now '2026-11-23 07:00' digest --print)
check_match "in English: the same digest" \
    "Thursday 14 January 2027 +yes +1 +Alice de Vries" "$out"
check_match "... and its commitment table" \
    "Member +Attended +Excused +Absent without notice" "$out"
"$TOOLS/register_mail" "$dir/en.conf" '2026-06-11 09:00' 2 2>/dev/null
sqlite3 "$dir/state.db" \
    "SELECT body FROM outbox WHERE kind = 'register'" >"$dir/reg.eml"
check_match "the register mail in English lists the expected" \
    "Expected \\(said yes\\):.*Alice de Vries +alice@mailbot.test" \
    "$("$TOOLS/mime_part" "$dir/reg.eml" text/plain | tr '\n' ' ')"
check_eq "an unknown network is a clear error" \
    "mailbot: digest: no network 'Nergens' (see 'mailbot network list') rc=65" \
    "$(echo $(mb digest Nergens 2>&1; echo "rc=$?"))"
finish
