#!/usr/bin/env bash
# tests/cli/calendar_parsers.sh: calendar_build()'s sample invitations read
# by two parsers, libical (build/tools/ics_fields) and python3-icalendar
# (tests/tools/ics_fields.py). Both must print the same fields, and the UTC
# instants we meant, computed from the VTIMEZONE in the file itself.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh

TOOL=build/tools/ics_fields
PY=/usr/bin/python3		# the PATH python3 may lack icalendar
PYTOOL=tests/tools/ics_fields.py
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ ! -x "$TOOL" ]; then
	not_ok "ics_fields built" "$TOOL is missing: run make units"
	finish
fi
if ! "$PY" -c 'import icalendar' 2>/dev/null; then
	not_ok "python3-icalendar" "$PY cannot import icalendar"
	finish
fi

# both NAME FILE: runs both parsers on FILE; they must agree. Leaves the
# libical output in $out.
both() {
	local name=$1 file=$2 py
	out=$("$TOOL" "$file" 2>&1)
	py=$("$PY" "$PYTOOL" "$file" 2>&1)
	if [ "$out" = "$py" ]; then
		ok "$name: libical and python3-icalendar agree"
	else
		not_ok "$name: libical and python3-icalendar agree" \
		    "$(diff <(echo "$out") <(echo "$py") | tr '\n' '|')"
	fi
}

field() {
	printf '%s\n' "$out" | sed -n "s/^$1=//p"
}

# Every line ends in CRLF and holds at most 75 octets before it.
lines_ok() {
	LC_ALL=C awk '!/\r$/ || length($0) > 76 { bad = 1 } END { exit bad }' \
	    "$1" && [ "$(tail -c 2 "$1" | od -An -c | tr -d ' ')" = '\r\n' ]
}

# name  DTSTART_UTC  DTEND_UTC  TZID  METHOD  STATUS  ALARM_LAST  RSVP
# (a cancellation asks no answer: RSVP is left out, '-' here)
while read -r name start end tzid method status alarm rsvp; do
	[ "$rsvp" = - ] && rsvp=
	if ! "$TOOL" --build "$name" >"$tmp/$name.ics"; then
		not_ok "$name: built" "ics_fields --build $name failed"
		continue
	fi
	check "$name: CRLF lines of at most 75 octets" lines_ok "$tmp/$name.ics"
	both "$name" "$tmp/$name.ics"
	check_eq "$name: DTSTART_UTC" "$start" "$(field DTSTART_UTC)"
	check_eq "$name: DTEND_UTC" "$end" "$(field DTEND_UTC)"
	check_eq "$name: TZID" "$tzid" "$(field TZID)"
	check_eq "$name: METHOD" "$method" "$(field METHOD)"
	check_eq "$name: STATUS" "$status" "$(field STATUS)"
	check_eq "$name: PARTSTAT" "NEEDS-ACTION" "$(field PARTSTAT)"
	check_eq "$name: RSVP" "$rsvp" "$(field RSVP)"
	check_eq "$name: ALARM_LAST" "$alarm" "$(field ALARM_LAST)"
done <<'EOF'
winter 20270311T130000Z 20270311T160000Z Europe/Amsterdam REQUEST CONFIRMED yes TRUE
summer 20270610T120000Z 20270610T150000Z Europe/Amsterdam REQUEST CONFIRMED yes TRUE
cancel 20270311T130000Z 20270311T160000Z Europe/Amsterdam CANCEL CANCELLED no -
tokyo 20270311T050000Z 20270311T070000Z Asia/Tokyo REQUEST CONFIRMED yes TRUE
sydney 20270311T030000Z 20270311T050000Z Australia/Sydney REQUEST CONFIRMED yes TRUE
utc 20270311T130000Z 20270311T140000Z UTC REQUEST CONFIRMED no TRUE
tricky 20270610T120000Z 20270610T150000Z Europe/Amsterdam REQUEST CONFIRMED yes TRUE
EOF

out=$("$TOOL" "$tmp/winter.ics")
check_eq "winter: SEQUENCE" "0" "$(field SEQUENCE)"
check_eq "winter: ORGANIZER" "mailto:uitnodiging+t1@netwerk.example" \
    "$(field ORGANIZER)"
check_eq "winter: ATTENDEE" "mailto:a.devries@zorgorg.nl" "$(field ATTENDEE)"
check_eq "winter: LOCATION unescaped" "Zaal 2, Domplein 4; Utrecht" \
    "$(field LOCATION)"
out=$("$TOOL" "$tmp/cancel.ics")
check_eq "cancel: SEQUENCE above the request's" "2" "$(field SEQUENCE)"
check_eq "cancel: no VALARM" "0" "$(field ALARMS)"
out=$("$TOOL" "$tmp/tricky.ics")
check_eq "tricky: SUMMARY round trip" 'a, b; c\\d\nnext – één' \
    "$(field SUMMARY)"
check_eq "tricky: CN without DQUOTE or line break" "F. 'Frits' Fokker" \
    "$(field ATTENDEE_CN)"
check_eq "tricky: SEQUENCE" "7" "$(field SEQUENCE)"
check "tokyo: one STANDARD, no DAYLIGHT" \
    sh -c "grep -q '^BEGIN:STANDARD' $tmp/tokyo.ics &&
    ! grep -q DAYLIGHT $tmp/tokyo.ics"
check "utc: no VTIMEZONE" sh -c "! grep -q VTIMEZONE $tmp/utc.ics"

# Standard input.
out=$("$TOOL" - <"$tmp/summer.ics")
check_eq "stdin: libical" "20270610T120000Z" "$(field DTSTART_UTC)"
out=$("$PY" "$PYTOOL" - <"$tmp/summer.ics")
check_eq "stdin: python3-icalendar" "20270610T120000Z" "$(field DTSTART_UTC)"

# The instants come from the file's VTIMEZONE, not the system's zones: a
# name no database knows still works, a changed offset moves the time,
# and without the VTIMEZONE both refuse.
sed 's#Europe/Amsterdam#Mailbot/Testzone#g' "$tmp/winter.ics" \
    >"$tmp/renamed.ics"
both "renamed zone" "$tmp/renamed.ics"
check_eq "renamed zone: DTSTART_UTC" "20270311T130000Z" "$(field DTSTART_UTC)"
sed 's/^TZOFFSETTO:+0100/TZOFFSETTO:+0300/' "$tmp/winter.ics" \
    >"$tmp/tampered.ics"
both "tampered zone" "$tmp/tampered.ics"
check_eq "tampered zone: DTSTART_UTC follows the file" "20270311T110000Z" \
    "$(field DTSTART_UTC)"
sed '/^BEGIN:VTIMEZONE/,/^END:VTIMEZONE/d' "$tmp/winter.ics" \
    >"$tmp/nozone.ics"
check "no VTIMEZONE: libical tool fails" \
    sh -c "! $TOOL $tmp/nozone.ics"
check "no VTIMEZONE: python tool fails" \
    sh -c "! $PY $PYTOOL $tmp/nozone.ics"
check "unknown sample fails" sh -c "! $TOOL --build nosuch"

finish
