#!/usr/bin/env bash
# admin.sh: the coordinator's commands, driven through the real binary on a
# real SQLite database. Every bad input must give one line on stderr, a
# non-zero exit, and leave the database exactly as it was.
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
MAILBOT=${MAILBOT:-build/mailbot}
MAILBOT=$(realpath "$MAILBOT")

dir=$(mktemp -d /tmp/mb-admin.XXXXXX)
trap 'rm -rf "$dir"' EXIT
offline_conf "$dir"
db=$dir/state.db
NOW='2026-11-23 10:00'
mb() { "$MAILBOT" -c "$dir/mailbot.conf" --now "$NOW" "$@"; }
# The database's whole content (nothing when there is no file yet).
dump() { [ -e "$db" ] && sqlite3 "$db" .dump | sha256sum; }

# refused NAME EXPECTED_STATUS STDERR_REGEX COMMAND...: the command fails
# with that status and one line on stderr matching the regex, and the
# database is unchanged. LINES (default 1) is how many lines stderr has.
refused() {
	local name=$1 want=$2 re=$3 before after rc err lines=${LINES_WANTED:-1}
	shift 3
	before=$(dump)
	mb "$@" >/dev/null 2>"$dir/err"
	rc=$?
	after=$(dump)
	err=$(cat "$dir/err")
	if [ "$rc" -ne "$want" ]; then
		not_ok "$name" "exit $rc, expected $want ($err)"
	elif [ "$(wc -l <"$dir/err")" -ne "$lines" ]; then
		not_ok "$name" "expected $lines line(s) on stderr, got: $err"
	elif ! printf '%s' "$err" | grep -Eq -- "$re"; then
		not_ok "$name" "stderr [$err] does not match /$re/"
	elif [ "$before" != "$after" ]; then
		not_ok "$name" "the database changed"
	else
		ok "$name"
	fi
}

# Before init: a clear pointer to init.
rm -f "$db"
refused "a command before init says to run init" 66 "run 'mailbot init'" \
    network list
out=$(mb init)
nmig=$(ls state/[0-9]*.sql | wc -l)
check_match "init creates the database at the newest schema" \
    "schema version $nmig\$" "$out"
check_eq "user_version records it" "$nmig" \
    "$(sqlite3 "$db" 'PRAGMA user_version')"
check_eq "init twice is harmless" "$out" "$(mb init)"
check_eq "WAL mode" wal "$(sqlite3 "$db" 'PRAGMA journal_mode')"
check_eq "one installation secret of 32 bytes" 32 \
    "$(sqlite3 "$db" 'SELECT length(secret) FROM installation')"

# Networks.
check_eq "network add prints the id" 1 "$(mb network add 'Leernetwerk Oost')"
refused "a duplicate network" 65 "exists already" network add 'Leernetwerk Oost'
check_eq "network list --json" \
    '[{"id":1,"name":"Leernetwerk Oost","members":0,"meetings":0}]' \
    "$(mb network list --json)"
refused "an unknown option" 64 "unknown option '--jsn'" network list --jsn

# Members.
check_eq "member add prints the id" 1 "$(mb member add 'Leernetwerk Oost' \
    Ineke.Bakker@Mailbot.test 'Ineke Bakker' --org 'Zorggroep IJsselland' \
    --role bestuurder)"
m=$(mb member list --json | jq -c '.[0]')
check_eq "member list --json" '{"email":"ineke.bakker@mailbot.test","name":"Ineke Bakker","network":"Leernetwerk Oost","organisation":"Zorggroep IJsselland","role":"bestuurder","lang":"nl","size":null,"experience":null,"region":null,"active":true}' "$m"
refused "a duplicate member" 65 "is a member of 'Leernetwerk Oost' already" \
    member add 1 ineke.bakker@mailbot.test 'Ineke B.'
refused "an invalid address" 65 "not a valid address" \
    member add 1 'piet@@mailbot.test' 'Piet'
refused "an address without a domain dot" 65 "needs a dot" \
    member add 1 'piet@localhost' 'Piet'
refused "an unknown network" 65 "no network 'Leernetwerk West'" \
    member add 'Leernetwerk West' piet@mailbot.test 'Piet'
refused "a bad language" 65 "lang: 'de' is not nl or en" \
    member add 1 piet@mailbot.test 'Piet' --lang de
refused "an empty name" 65 "name: empty" member add 1 piet@mailbot.test ' '
refused "missing arguments" 64 "usage: mailbot member add" member add 1
mb member add 1 piet@mailbot.test "Piet
Bcc: victim@example.org \"de Boer\"" --lang en >/dev/null
check_eq "a name with a newline becomes one line" \
    'Piet Bcc: victim@example.org "de Boer"' \
    "$(mb member list --json | jq -r '.[] | select(.email=="piet@mailbot.test").name')"
mb member add 1 zoe@mailbot.test 'Zoë Çelik-Ørsted' >/dev/null
check_eq "non-ASCII names survive" 'Zoë Çelik-Ørsted' \
    "$(mb member list --json | jq -r '.[] | select(.email=="zoe@mailbot.test").name')"

# Import: all rows or none.
cat >"$dir/bad.csv" <<'CSV'
email,name,role,lang
anna@mailbot.test,Anna,bestuurder,nl
bram@@mailbot.test,Bram,bestuurder,nl
carla@mailbot.test,,LOC,nl
anna@mailbot.test,Anna again,LOC,en
ineke.bakker@mailbot.test,Ineke,LOC,nl
dirk@mailbot.test,Dirk,LOC,fr
CSV
before=$(dump)
mb member import 1 "$dir/bad.csv" >/dev/null 2>"$dir/err"
rc=$?
check_eq "a bad import exits 65" 65 "$rc"
check_eq "a bad import changes nothing" "$before" "$(dump)"
for want in "bad.csv:3: 'bram@@mailbot.test' is not a valid address" \
    "bad.csv:4: name: empty" \
    "bad.csv:5: anna@mailbot.test appears twice \(also line 2\)" \
    "bad.csv:6: ineke.bakker@mailbot.test is a member of 'Leernetwerk Oost' already" \
    "bad.csv:7: lang: 'fr' is not nl or en" \
    "bad.csv: nothing imported"; do
	check_match "import reports: $want" "$want" "$(cat "$dir/err")"
done
printf 'email,name,shoe size\nx@mailbot.test,X,42\n' >"$dir/col.csv"
LINES_WANTED=2 refused "an unknown column" 65 "col.csv:1: unknown column 'shoe size'" \
    member import 1 "$dir/col.csv"
printf 'name,role\nX,LOC\n' >"$dir/noemail.csv"
before=$(dump)
mb member import 1 "$dir/noemail.csv" 2>"$dir/err" >/dev/null
check_match "a header without email is refused" \
    "noemail.csv:1: the header has no 'email' column" "$(cat "$dir/err")"
check_eq "... and changes nothing" "$before" "$(dump)"
printf 'email,name\n"x@mailbot.test,X\n' >"$dir/quote.csv"
LINES_WANTED=1 refused "an unclosed quote" 65 "quote.csv: line 2: quoted field is not closed" \
    member import 1 "$dir/quote.csv"
refused "a missing file" 66 "nope.csv: No such file" \
    member import 1 "$dir/nope.csv"
printf '\xef\xbb\xbfE-mail;Naam\r\n' >"$dir/semi.csv"
LINES_WANTED=5 refused "a Dutch header is named" 65 "unknown column 'E-mail'" \
    member import 1 "$dir/semi.csv"
mb network add 'Leernetwerk Zorgbestuur' >/dev/null
out=$(mb member import 'Leernetwerk Zorgbestuur' tests/sample/leernetwerk.csv)
check_eq "the sample CSV imports" \
    "12 members imported into 'Leernetwerk Zorgbestuur'" "$out"
check_eq "12 members there" 12 "$(mb member list 2 --json | jq length)"
check_eq "3 members in the first network" 3 \
    "$(mb member list 1 --json | jq length)"
check_eq "quoted CSV fields" "Johan O'Connor en" \
    "$(mb member list --json | jq -r '.[] | select(.email=="johan.oconnor@mailbot.test") | "\(.name) \(.lang)"')"
check_eq "CSV size, experience, region" "2600 6 Overijssel" \
    "$(mb member list --json | jq -r '.[] | select(.email=="mohamed.elamrani@mailbot.test") | "\(.size) \(.experience) \(.region)"')"
printf 'naam;email;rol\r\n"Els; de Wit";els@mailbot.test;LOC\r\n' |
    sed 's/naam/name/; s/rol/role/' >"$dir/semi2.csv"
check_eq "semicolon CSV with CRLF (Dutch spreadsheets)" \
    "1 members imported into 'Leernetwerk Oost'" \
    "$(mb member import 1 "$dir/semi2.csv")"
check_eq "... with a quoted separator" "Els; de Wit" \
    "$(mb member list --json | jq -r '.[] | select(.email=="els@mailbot.test").name')"

# Meetings: times are local to Europe/Amsterdam and kept as UTC.
id=$(mb meeting add 1 --start '2027-03-11 14:00' --end '2027-03-11 17:00' \
    --location 'De Colckhof, Zwolle' --theme 'Governance' \
    --hosts ineke.bakker@mailbot.test,piet@mailbot.test)
check_eq "meeting add prints the id" 1 "$id"
show=$(mb meeting show 1 --json)
check_eq "winter time start" "2027-03-11T14:00:00+01:00" \
    "$(jq -r .start <<<"$show")"
check_eq "kept as UTC" "$(date -u -d '2027-03-11 13:00' +%s)" \
    "$(sqlite3 "$db" 'SELECT start_at FROM meeting WHERE id = 1')"
check_eq "meeting show --json fields" \
    '1 Leernetwerk Oost 2027-03-11T17:00:00+01:00 De Colckhof, Zwolle Governance 0 confirmed' \
    "$(jq -r '"\(.id) \(.network) \(.end) \(.location) \(.theme) \(.sequence) \(.status)"' <<<"$show")"
check_eq "the host duo" '["ineke.bakker@mailbot.test","piet@mailbot.test"]' \
    "$(jq -c .hosts <<<"$show")"
check_eq "every member needs to answer" "4 needs-action" \
    "$(jq -r '"\(.attendees | length) \(.attendees | map(.status) | unique | join(","))"' <<<"$show")"
mb meeting add 1 --start '2027-06-10 14:00' --end '2027-06-10 17:00' \
    --location 'Zwolle' >/dev/null
check_eq "summer time start" "2027-06-10T14:00:00+02:00" \
    "$(mb meeting show 2 --json | jq -r .start)"
check_eq "UTC in summer" "$(date -u -d '2027-06-10 12:00' +%s)" \
    "$(sqlite3 "$db" 'SELECT start_at FROM meeting WHERE id = 2')"
refused "an end before the start" 65 "end .* is not after the start" \
    meeting add 1 --start '2027-04-01 14:00' --end '2027-04-01 13:00' \
    --location Zwolle
refused "a meeting in the past" 65 "is in the past" \
    meeting add 1 --start '2026-11-01 14:00' --end '2026-11-01 17:00' \
    --location Zwolle
refused "a meeting for an unknown network" 65 "no network '9'" \
    meeting add 9 --start '2027-04-01 14:00' --end '2027-04-01 17:00' \
    --location Zwolle
refused "a host who is not a member" 65 "not a member of this network" \
    meeting add 1 --start '2027-04-01 14:00' --end '2027-04-01 17:00' \
    --location Zwolle --hosts ineke.bakker@mailbot.test,wim.dekker@mailbot.test
refused "the same host twice" 65 "the same member twice" \
    meeting add 1 --start '2027-04-01 14:00' --end '2027-04-01 17:00' \
    --location Zwolle --hosts piet@mailbot.test,PIET@mailbot.test
refused "an hour that does not exist" 65 "does not exist in Europe/Amsterdam" \
    meeting add 1 --start '2027-03-28 02:30' --end '2027-03-28 04:00' \
    --location Zwolle
refused "a malformed date" 65 "is not a date and time like" \
    meeting add 1 --start '2027-02-30 14:00' --end '2027-03-01 17:00' \
    --location Zwolle
refused "no location" 64 "usage: mailbot meeting add" \
    meeting add 1 --start '2027-04-01 14:00' --end '2027-04-01 17:00'
refused "an unknown meeting" 65 "no meeting 7" meeting show 7
check_eq "meeting list --json" "1 2" \
    "$(mb meeting list --json | jq -r 'map(.id) | join(" ")')"
check_eq "meeting list counts answers" 4 \
    "$(mb meeting list --json | jq '.[0].answers["needs-action"]')"

# A new host duo (the digest's advice when none was chosen): stored, no
# mail, no new SEQUENCE; the same duo again, or a stranger, is refused.
m2=$(mb meeting show 2 --json)
duo=$(mb member list --json | jq -r --argjson h "$(jq -c .hosts <<<"$m2")" \
    '[.[].email | select(. as $e | $h | index($e) | not)][:2] | join(",")')
outbox0=$(sqlite3 "$db" 'SELECT count(*) FROM outbox')
check_eq "meeting update --hosts alone: stored, nobody mailed" \
    "meeting 2: host duo now ${duo/,/ and }; no mail sent" \
    "$(mb meeting update 2 --hosts "$duo")"
check_eq "... the new duo is the meeting's" "$duo" \
    "$(mb meeting show 2 --json | jq -r '.hosts | sort | join(",")')"
check_eq "... the SEQUENCE is unchanged" "$(jq .sequence <<<"$m2")" \
    "$(mb meeting show 2 --json | jq .sequence)"
check_eq "... and nothing was queued" "$outbox0" \
    "$(sqlite3 "$db" 'SELECT count(*) FROM outbox')"
refused "the same duo again changes nothing" 65 "nothing changes" \
    meeting update 2 --hosts "$duo"
refused "a new duo with a stranger" 65 "not a member of this network" \
    meeting update 2 --hosts ineke.bakker@mailbot.test,wim.dekker@mailbot.test

# Guests.
check_match "guest add" "is a guest of meeting 1" \
    "$(mb guest add 1 spreker@mailbot.test 'Dr. Gast' --lang en)"
check_eq "the guest is listed" "true en" \
    "$(mb meeting show 1 --json | jq -r '.attendees[] | select(.email=="spreker@mailbot.test") | "\(.guest) \(.status)"' | sed 's/needs-action/en/')"
refused "a member is no guest" 65 "is a member of 'Leernetwerk Oost'" \
    guest add 1 piet@mailbot.test 'Piet'
refused "a guest twice" 65 "is a guest of meeting 1 already" \
    guest add 1 spreker@mailbot.test 'Dr. Gast'

# A member who joins later gets answer rows; one who leaves drops out.
mb member add 1 nieuw@mailbot.test 'Nieuw Lid' >/dev/null
check_eq "a new member is asked for both meetings" 2 \
    "$(sqlite3 "$db" "SELECT count(*) FROM attendance a JOIN member m ON m.id = a.member_id WHERE m.email = 'nieuw@mailbot.test'")"
check_match "member remove" "has left 'Leernetwerk Oost'" \
    "$(mb member remove nieuw@mailbot.test)"
check_eq "... and is no longer listed" "" \
    "$(mb member list --json | jq -r '.[] | select(.email=="nieuw@mailbot.test").email')"
refused "removing a non-member" 65 "is not a member" member remove nieuw@mailbot.test
mb member add 2 piet@mailbot.test 'Piet' >/dev/null
refused "an address in two networks needs --network" 65 "several networks" \
    member remove piet@mailbot.test
check_match "... and works with it" "has left 'Leernetwerk Zorgbestuur'" \
    "$(mb member remove piet@mailbot.test --network 'Leernetwerk Zorgbestuur')"

# The register: only once the meeting has begun.
refused "the register before the meeting" 65 "has not taken place yet" \
    attendance 1 ineke.bakker@mailbot.test present
NOW='2027-03-11 18:00'
check_match "the register after it" "present at meeting 1" \
    "$(mb attendance 1 ineke.bakker@mailbot.test present)"
mb attendance 1 spreker@mailbot.test absent >/dev/null
check_eq "present and absent recorded" "true false" \
    "$(mb meeting show 1 --json | jq -r '[.attendees[] | select(.email=="ineke.bakker@mailbot.test" or .email=="spreker@mailbot.test") | .present] | map(tostring) | join(" ")')"
refused "the register for a stranger" 65 "is not invited to meeting 1" \
    attendance 1 stranger@mailbot.test present
refused "the register needs present or absent" 64 "usage: mailbot attendance" \
    attendance 1 ineke.bakker@mailbot.test maybe
check_eq "MAILBOT_NOW moves the clock too" 65 \
    "$(MAILBOT_NOW='2027-12-01 10:00' "$MAILBOT" -c "$dir/mailbot.conf" \
    meeting add 1 --start '2027-06-10 14:00' --end '2027-06-10 17:00' \
    --location Zwolle 2>/dev/null; echo $?)"

# A database from a newer mailbot is refused, and left alone.
cp "$db" "$dir/newer.db"
sqlite3 "$dir/newer.db" 'PRAGMA user_version = 99'
sed "s|^database = .*|database = newer.db|" "$dir/mailbot.conf" >"$dir/newer.conf"
err=$("$MAILBOT" -c "$dir/newer.conf" network list 2>&1 >/dev/null)
check_match "a newer database is refused" \
    "newer.db: made by a newer mailbot \(schema 99" "$err"
check_eq "... and left at its version" 99 \
    "$(sqlite3 "$dir/newer.db" 'PRAGMA user_version')"

# A database of an older mailbot is migrated, its data kept.
sqlite3 "$dir/old.db" <state/001-initial.sql
sqlite3 "$dir/old.db" "PRAGMA user_version = 1;
    INSERT INTO network (name, created) VALUES ('Oud netwerk', 0);
    INSERT INTO installation VALUES (1, zeroblob(32), 0);"
sed "s|^database = .*|database = old.db|" "$dir/mailbot.conf" >"$dir/old.conf"
check_eq "an older database still opens" "Oud netwerk" \
    "$("$MAILBOT" -c "$dir/old.conf" network list --json | jq -r '.[0].name')"
check_eq "... and is migrated to the newest schema" "$nmig" \
    "$(sqlite3 "$dir/old.db" 'PRAGMA user_version')"
check_eq "... with the new columns" 1 \
    "$(sqlite3 "$dir/old.db" "SELECT count(*) FROM pragma_table_info('attendance') WHERE name = 'token'")"

# Configuration errors exit with EX_CONFIG and name file:line.
printf '[mailbot]\nadress = x@mailbot.test\n' >"$dir/bad.conf"
"$MAILBOT" -c "$dir/bad.conf" network list >/dev/null 2>"$dir/err"
check_eq "a bad config exits 78" 78 "$?"
check_match "... naming file:line and key" "bad.conf:2: mailbot.adress" \
    "$(cat "$dir/err")"
chmod 644 "$dir/password"
"$MAILBOT" -c "$dir/mailbot.conf" network list >/dev/null 2>"$dir/err"
check_eq "a readable password file is refused" 78 "$?"
check_match "... saying why" "readable by group or others" "$(cat "$dir/err")"
chmod 600 "$dir/password"
finish
