#!/usr/bin/env bash
# blind_test.sh [SET...]: the reply sets written blind (tests/fixtures/blind/,
# see WORLD.md there), through the real stack. The world of WORLD.md is
# built with mailbot's own commands and clock (--now): two networks, four
# meetings, the invitations, the update of A2 and the nudge for A1, each
# delivered by Postfix to Dovecot. Every message of a set then answers the
# mail its sender really got (the placeholders filled in from what was
# sent), is delivered by SMTP, and one `mailbot once` takes them all. What
# mailbot made of each is read back from `meeting show --json` and
# `inbox --json` and compared with the set's labels.
#
# Each message has a sender of its own, so replies never meet. BLIND_OLD=1
# measures a build older than the authserv_id key (the baseline figures). Prints per
# set the figure and every miss; fails below the set's floor (FLOOR in the
# set's MANIFEST: "# floor: N"), and on any answer changed wrongly.
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
export MAILSTACK_PORT_BASE=${MAILSTACK_PORT_BASE:-26000}
MAILBOT=$(realpath "${MAILBOT:-build/mailbot}")
MS=tests/mailstack/mailstack
BLIND=tests/fixtures/blind
if [ $# -eq 0 ]; then
	set -- $(cd "$BLIND" && ls -d set* 2>/dev/null)
fi

# meetings: the world's meeting names, in the order they are created.
MEETINGS="A1 A2 B1 B2"

# csv_of SET NETWORK: the members of a network, as member import reads them.
csv_of() {
	echo "email,name,lang"
	awk -F'\t' -v net="$2" '
	    /^#/ || NF < 8 { next }
	    $2 == net || ($2 == "AB") {
		f = $1; sub(/\.eml$/, "", f)
		printf "s%s@mailbot.test,Lid %s,%s\n", f, f, $3
	    }' "$BLIND/$1/MANIFEST.tsv"
	if [ "$2" = A ]; then
		echo "ineke.bakker@mailbot.test,Ineke Bakker,nl"
		echo "pieter.vandam@mailbot.test,Pieter van Dam,nl"
		echo "mohamed.elamrani@mailbot.test,Mohamed El Amrani,nl"
		echo "annelies.devries@mailbot.test,Annelies de Vries,nl"
	fi
}

# world SET: the networks, members, guests and meetings, and the mail of
# WORLD.md sent at its own dates.
world() {
	local set=$1 f g lang
	mbat '2026-11-20 09:00' init >/dev/null
	mbat '2026-11-20 09:00' network add 'Leernetwerk Zorgbestuur Oost' >/dev/null
	mbat '2026-11-20 09:00' network add 'Leernetwerk Langdurige Zorg West' >/dev/null
	csv_of "$set" A >"$dir/a.csv"
	csv_of "$set" B >"$dir/b.csv"
	mbat '2026-11-20 09:00' member import 1 "$dir/a.csv" >/dev/null
	mbat '2026-11-20 09:00' member import 2 "$dir/b.csv" >/dev/null
	mbat '2026-11-20 09:00' meeting add 1 --start '2027-01-14 14:00' \
	    --end '2027-01-14 17:00' \
	    --location 'Trainingscentrum De Colckhof, Zwolle' \
	    --theme 'Governance en toezicht' \
	    --hosts ineke.bakker@mailbot.test,pieter.vandam@mailbot.test >/dev/null
	mbat '2026-11-20 09:00' meeting add 1 --start '2027-03-11 14:00' \
	    --end '2027-03-11 17:00' \
	    --location 'Trainingscentrum De Colckhof, Zwolle' \
	    --theme 'Arbeidsmarkt: anders organiseren' \
	    --hosts mohamed.elamrani@mailbot.test,annelies.devries@mailbot.test \
	    >/dev/null
	mbat '2026-11-20 09:00' meeting add 2 --start '2027-01-20 13:30' \
	    --end '2027-01-20 17:00' --location 'Hotel Figi, Zeist' \
	    --theme 'Samenwerken in de regio' >/dev/null
	mbat '2026-11-20 09:00' meeting add 2 --start '2027-04-20 14:00' \
	    --end '2027-04-20 17:00' --location 'Hotel Figi, Zeist' \
	    --theme 'Wonen en zorg' >/dev/null
	while IFS=$'\t' read -r f g lang _; do
		case $g in guest:*) ;; *) continue ;; esac
		f=${f%.eml}
		mbat '2026-11-20 09:00' guest add "$(meeting_id "${g#guest:}")" \
		    "s$f@mailbot.test" "Gast $f" --lang "$lang" >/dev/null
	done < <(grep -v '^#' "$BLIND/$set/MANIFEST.tsv")
	mbat '2026-11-23 10:00' meeting invite 1 >/dev/null
	mbat '2026-11-23 10:00' meeting invite 2 >/dev/null
	mbat '2026-11-23 10:00' once >/dev/null 2>&1
	mbat '2026-11-25 10:00' meeting invite 3 >/dev/null
	mbat '2026-11-25 10:00' meeting invite 4 >/dev/null
	mbat '2026-11-25 10:00' once >/dev/null 2>&1
	mbat '2026-12-15 10:00' meeting update 2 --start '2027-03-18 14:00' \
	    --end '2027-03-18 17:00' >/dev/null
	mbat '2026-12-15 10:00' once >/dev/null 2>&1
	mbat '2026-12-31 09:00' once >/dev/null 2>&1
}

meeting_id() {
	case $1 in A1) echo 1 ;; A2) echo 2 ;; B1) echo 3 ;; B2) echo 4 ;; esac
}

# parent_of EMAIL PARENT: "message_id token uid" of the mail PARENT
# (kind:meeting) that EMAIL got, read from the outbox mailbot keeps.
parent_of() {
	local kind=${2%%:*} m
	m=$(meeting_id "${2#*:}")
	[ "$kind" = invite ] && kind=invitation
	sqlite3 -separator ' ' "$dir/state.db" "
	    SELECT o.message_id, a.token,
	        substr(x.uid, 1, instr(x.uid, '@') - 1) || '-a' || a.id ||
	        substr(x.uid, instr(x.uid, '@'))
	    FROM outbox o JOIN attendance a ON a.id = o.attendance_id
	    JOIN meeting x ON x.id = a.meeting_id
	    WHERE o.rcpt = '$1' AND o.kind = '$kind' AND a.meeting_id = $m
	    ORDER BY o.id DESC LIMIT 1"
}

# fill SET FILE EMAIL PARENT OUT: the message with its placeholders filled.
fill() {
	local mid="" tok="" uid="" to="bot@mailbot.test" parent=""
	if [ "$4" != new ]; then
		read -r mid tok uid < <(parent_of "$3" "$4")
		[ -n "$mid" ] || return 1
		to="bot+$tok@mailbot.test"
		parent="<$mid>"
	fi
	sed -e "s|{{from}}|$3|g" -e "s|{{to}}|$to|g" \
	    -e "s|{{parent}}|$parent|g" -e "s|{{uid}}|$uid|g" \
	    -e "s|{{organizer}}|$to|g" "$BLIND/$1/$2" >"$5"
}

# letter STATUS: the label's letter for a status.
letter() {
	case $1 in
	accepted) echo A ;; declined) echo D ;; tentative) echo T ;;
	delegated) echo G ;; *) echo - ;;
	esac
}

# meetings_of MEMBER_OF: the meetings the sender was invited to.
meetings_of() {
	case $1 in
	A) echo A1 A2 ;; B) echo B1 B2 ;; AB) echo A1 A2 B1 B2 ;;
	guest:*) echo "${1#guest:}" ;; *) ;;
	esac
}

score_set() {
	local set=$1 f g lang parent expect rest n=0 right=0 wrong=0 floor
	local dropped=0
	local email got want m st mid kind q asked e flags ok
	floor=$(sed -n 's/^# floor: *\([0-9]*\).*/\1/p' "$BLIND/$set/MANIFEST.tsv")
	floor=${floor:-0}
	stack_start
	# BLIND_OLD=1 measures a build from before authserv_id existed.
	mailbot_conf "$dir/stack" |
	    if [ -n "${BLIND_OLD:-}" ]; then grep -v '^authserv_id'; else cat; fi \
	    >"$dir/mailbot.conf"
	world "$set"
	# Every message, as its sender's client sends it.
	while IFS=$'\t' read -r f g lang parent expect rest; do
		email="s${f%.eml}@mailbot.test"
		if ! fill "$set" "$f" "$email" "$parent" "$dir/m.eml"; then
			not_ok "$set/$f: its parent $parent was sent" "no such mail"
			continue
		fi
		"$MS" send-signed "$dir/stack" "$email" bot@mailbot.test \
		    "$dir/m.eml" >/dev/null || not_ok "$set/$f is delivered" "send failed"
		n=$((n + 1))
	done < <(grep -v '^#' "$BLIND/$set/MANIFEST.tsv")
	"$MS" wait "$dir/stack" bot "$n" 60 >/dev/null
	mbat '2027-01-04 10:00' once >"$dir/once.out" 2>&1
	check_eq "$set: every message is handled" 0 "$?"
	mbat '2027-01-04 10:00' inbox --json >"$dir/inbox.json"
	for m in $MEETINGS; do
		mbat '2027-01-04 10:00' meeting show "$(meeting_id "$m")" --json |
		    jq -r --arg m "$m" '.attendees[] | "\(.email) \($m) \(.status)"'
	done >"$dir/status.txt"
	# What became of each message, by Message-ID; each sender's answers.
	declare -A kinds=() questions=() asks=() states=() outcomes=()
	while IFS=$'\t' read -r mid kind q asked outcome; do
		kinds[$mid]=$kind
		questions[$mid]=$q
		asks[$mid]=$asked
		outcomes[$mid]=$outcome
	done < <(jq -r '.[] | [.message_id // "", .kind, (.question |
	    tostring), ((.actions // []) | map(select(test("asked|waits"))) |
	    length | tostring), ((.outcome // []) | join(","))] | @tsv' \
	    "$dir/inbox.json")
	while read -r e m st; do
		states["$e $m"]=$st
	done <"$dir/status.txt"
	n=0
	while IFS=$'\t' read -r f g lang parent expect rest; do
		n=$((n + 1))
		email="s${f%.eml}@mailbot.test"
		mid=$(grep -m 1 -i '^Message-ID:' "$BLIND/$set/$f" |
		    sed 's/^[^:]*: *//' | tr -d '\r')
		kind=${kinds[$mid]:-missing}
		# Nothing silently dropped: every message ended in an answer,
		# a question back, or an item for the coordinator.
		case ",${outcomes[$mid]:-}," in
		*,answer,* | *,asked,* | *,coordinator,*) ;;
		*) dropped=$((dropped + 1))
		   printf '# dropped: %s/%s: outcome [%s]\n' "$set" "$f" \
		       "${outcomes[$mid]:-}" ;;
		esac
		q=${questions[$mid]:-false}
		asked=${asks[$mid]:-0}
		got=""
		ok=1
		for m in $(meetings_of "$g"); do
			st=$(letter "${states["$email $m"]:-}")
			want=$(printf '%s\n' $expect | sed -n "s/^$m=//p")
			want=${want:--}
			[ "$st" != - ] && got="$got $m=$st"
			if [ "$st" != "$want" ]; then
				ok=0
				[ "$st" != - ] && wrong=$((wrong + 1))
			fi
		done
		flags=""
		[ "$q" = true ] && flags="$flags Q"
		case $kind in
		noise) flags="$flags N" ;; join_request) flags="$flags J" ;;
		leave_request) flags="$flags L" ;; autoreply) flags="$flags X" ;;
		not_member) flags="$flags S" ;;
		rsvp) [ "${asked:-0}" -gt 0 ] && [ -z "$got" ] && flags="$flags U" ;;
		esac
		for e in Q N J L X U; do
			case " $expect " in *" $e "*) want=1 ;; *) want=0 ;; esac
			case " $flags " in *" $e "*) have=1 ;; *) have=0 ;; esac
			[ "$want" = "$have" ] || ok=0
		done
		got="${got# }${flags}"
		if [ "$ok" = 1 ]; then
			right=$((right + 1))
		else
			printf '# miss: %s/%s: want [%s] got [%s]\n' "$set" "$f" \
			    "$expect" "${got# }"
		fi
	done < <(grep -v '^#' "$BLIND/$set/MANIFEST.tsv")
	printf '# %s: %d of %d right (%d%%), %d answers changed wrongly\n' \
	    "$set" "$right" "$n" $((right * 100 / n)) "$wrong"
	check "$set: $right of $n right (floor $floor%)" \
	    test $((right * 100)) -ge $((n * floor))
	check_eq "$set: no answer changed wrongly" 0 "$wrong"
	check_eq "$set: no message silently dropped (each an answer, a question back or an item)" \
	    0 "$dropped"
	tests/mailstack/mailstack stop "$dir/stack" >/dev/null 2>&1
	rm -rf "$dir"
	trap - EXIT
}

mbat() {
	local now=$1
	shift
	"$MAILBOT" -c "$dir/mailbot.conf" --now "$now" "$@"
}

for s in "$@"; do
	score_set "$s"
done
finish
