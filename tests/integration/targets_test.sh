#!/usr/bin/env bash
# targets_test.sh: a reply that names a date, a month, a weekday or a
# place goes to that meeting, across networks, through the real stack. A
# member invited to two meetings of one network, a member of two
# networks, and a reply naming a meeting that is not the writer's.
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
export MAILSTACK_PORT_BASE=${MAILSTACK_PORT_BASE:-26000}
MAILBOT=$(realpath "${MAILBOT:-build/mailbot}")
MS=tests/mailstack/mailstack

stack_start
mailbot_conf "$dir/stack" >"$dir/mailbot.conf"
NOW='2026-11-23 10:00'
mb() { "$MAILBOT" -c "$dir/mailbot.conf" --now "$NOW" "$@"; }
# status_of MEETING EMAIL
status_of() {
	mb meeting show "$1" --json |
	    jq -r --arg e "$2" '.attendees[] | select(.email==$e) | .status'
}
header() {
	sed -n "s/^$2: //Ip" "$1" | head -n 1 | tr -d '\r'
}
handled=0
take() {
	handled=$((handled + $1))
	"$MS" wait "$dir/stack" bot "$handled" 15 >/dev/null
	mb once >"$dir/once.out" 2>&1
}
# reply ID FROM TO IN-REPLY-TO TEXT: a plain reply, on the signed port.
reply() {
	printf '%s\r\n' "From: $2" "To: $3" "Subject: Re: Uitnodiging" \
	    "Message-ID: <$1@elders.example>" ${4:+"In-Reply-To: $4"} \
	    "Content-Type: text/plain; charset=UTF-8" "" "$5" >"$dir/$1"
	"$MS" send-signed "$dir/stack" "${2##*<}" "$3" "$dir/$1" >/dev/null
}

mb init >/dev/null
mb network add Oost >/dev/null
mb network add West >/dev/null
for p in anna bert; do mb member add Oost "$p@mailbot.test" "${p^} Lid" >/dev/null; done
for p in bert carla; do mb member add West "$p@mailbot.test" "${p^} Lid" >/dev/null; done
mb meeting add Oost --start '2027-02-11 14:00' --end '2027-02-11 17:00' \
    --location 'De Colckhof, Zwolle' >/dev/null		# 1
mb meeting add Oost --start '2027-04-13 14:00' --end '2027-04-13 17:00' \
    --location 'De Colckhof, Zwolle' >/dev/null		# 2
mb meeting add West --start '2027-04-20 14:00' --end '2027-04-20 17:00' \
    --location 'Hotel Figi, Zeist' >/dev/null		# 3
for m in 1 2 3; do mb meeting invite "$m" >/dev/null; done
mb once >/dev/null 2>&1
"$MS" wait "$dir/stack" anna 2 10 >/dev/null
"$MS" wait "$dir/stack" carla 1 10 >/dev/null
"$MS" fetch "$dir/stack" anna 1 >"$dir/anna.feb"
"$MS" fetch "$dir/stack" carla 1 >"$dir/carla.apr"
anna_to=$(header "$dir/anna.feb" Reply-To | tr -d '<>')
anna_feb=$(header "$dir/anna.feb" Message-ID)
carla_to=$(header "$dir/carla.apr" Reply-To | tr -d '<>')

# 1. Anna, invited to February and April in Oost, answers the February
#    invitation about both.
reply t1 'Anna Lid <anna@mailbot.test>' "$anna_to" "$anna_feb" \
    "I can't make it in February, but count me in for 13 April."
# 2. Bert, a member of Oost and West, writes a new mail naming West's date.
reply t2 'Bert Lid <bert@mailbot.test>' bot@mailbot.test '' \
    'Ja, ik kom op 20 april.'
# 3. Carla, of West only, answers West's invitation naming Oost's place.
reply t3 'Carla Lid <carla@mailbot.test>' "$carla_to" '' \
    'In Zwolle ben ik er niet bij.'
take 3
check_eq "Anna: February declined (the month she names)" declined \
    "$(status_of 1 anna@mailbot.test)"
check_eq "Anna: April accepted (the date she names)" accepted \
    "$(status_of 2 anna@mailbot.test)"
check_eq "Bert: West's 20 April accepted" accepted \
    "$(status_of 3 bert@mailbot.test)"
check_eq "Bert: Oost's meetings untouched" "needs-action needs-action" \
    "$(status_of 1 bert@mailbot.test) $(status_of 2 bert@mailbot.test)"
check_eq "Carla: a place that is not her meeting's changes nothing" \
    needs-action "$(status_of 3 carla@mailbot.test)"
check "... and Carla is asked" "$MS" wait "$dir/stack" carla 2 10
check "Anna gets a confirmation for each meeting" \
    "$MS" wait "$dir/stack" anna 4 10
finish
