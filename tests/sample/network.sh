#!/usr/bin/env bash
# network.sh: create the sample learning network in the database of the
# given config: twelve members from the CSV beside this file and three
# meetings in the coming year at a training centre in Zwolle, each with a
# host duo. Prints the members and the meetings.
# Usage: tests/sample/network.sh MAILBOT CONFIG
set -eu
mailbot=$1
conf=$2
here=$(dirname "$0")
mb() { "$mailbot" -c "$conf" "$@"; }

# The Thursday on or after DAYS days from now, as YYYY-MM-DD.
thursday() {
	local d
	d=$(date -d "+$1 days" +%Y-%m-%d)
	while [ "$(date -d "$d" +%u)" != 4 ]; do
		d=$(date -d "$d +1 day" +%Y-%m-%d)
	done
	echo "$d"
}

net="Leernetwerk Zorgbestuur Oost"
place="Trainingscentrum De Colckhof, Zwolle"
mb init >/dev/null
mb network add "$net" >/dev/null
mb member import "$net" "$here/leernetwerk.csv"
d1=$(thursday 45)
d2=$(thursday 150)
d3=$(thursday 255)
mb meeting add "$net" --start "$d1 14:00" --end "$d1 17:00" \
    --location "$place" --theme "Governance en toezicht" \
    --hosts ineke.bakker@mailbot.test,pieter.vandam@mailbot.test >/dev/null
mb meeting add "$net" --start "$d2 14:00" --end "$d2 17:00" \
    --location "$place" --theme "Arbeidsmarkt: anders organiseren" \
    --hosts mohamed.elamrani@mailbot.test,annelies.devries@mailbot.test \
    >/dev/null
mb meeting add "$net" --start "$d3 13:30" --end "$d3 17:00" \
    --location "$place" --theme "Samenwerken in de regio" \
    --hosts sanne.jansen@mailbot.test,koen.hendriks@mailbot.test >/dev/null
echo
mb member list "$net"
echo
mb meeting list
