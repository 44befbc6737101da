#!/usr/bin/env bash
# usage.sh: the command list of `mailbot --help` is made from the command
# table; it must name the same commands, with the same arguments, in the
# same order, as mailbot(8) documents (its ".It Ic" items), and be the
# command section of README.md.
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
MAILBOT=${MAILBOT:-build/mailbot}

help=$("$MAILBOT" --help)
check_eq "--help exits 0" 0 $?

# The commands of --help, one line each: an entry starts two spaces in;
# its usage goes on over lines indented less than the help column (40);
# its help follows two spaces after the usage, or on a line of its own.
help_commands() {
	printf '%s\n' "$help" | awk '
	/^  [a-z]/ {
		if (cur != "") print cur
		cur = substr($0, 3); sub(/  .*/, "", cur); next
	}
	/^ +[^ ]/ {
		match($0, /^ +/)
		if (RLENGTH < 40) {
			l = substr($0, RLENGTH + 1); sub(/  .*/, "", l)
			cur = cur " " l
		}
	}
	END { if (cur != "") print cur }'
}

# The commands mailbot(8) documents: its ".It Ic" lines, the mdoc macros
# turned into the text they show (Fl adds a dash, Op and Oo/Oc bracket).
man_commands() {
	sed -n 's/^\.It Ic //p' man/mailbot.8 | awk '{
		out = ""; shut = 0; mode = ""
		for (i = 1; i <= NF; i++) {
			w = $i
			if (w == "Ic" || w == "Ar" || w == "Cm") { mode = "lit"; continue }
			if (w == "Fl") { mode = "fl"; continue }
			if (w == "Op") { out = out " ["; shut++; mode = "lit"; continue }
			if (w == "Oo") { out = out " ["; mode = "lit"; continue }
			if (w == "Oc") { out = out "]"; continue }
			out = out " " (mode == "fl" && w != "|" ? "-" w : w)
		}
		while (shut-- > 0) out = out "]"
		print substr(out, 2)
	}'
}

# The same shape for both: lower case, a quoted 'A B' as one word without
# quotes, "a | b" as "a|b", and an option's value as V (the page names
# values in its text: time, text).
normalise() {
	perl -pe "s{'([^']*)'}{\$1 =~ tr/ /_/r}ge" |
	    sed -E "s/ \| /|/g; s/\[ /[/g; s/ \]/]/g" |
	    tr 'A-Z' 'a-z' |
	    sed -E 's/(--[a-z]+) [^] [|-][^] []*/\1 V/g'
}

from_help=$(help_commands | normalise)
from_man=$(man_commands | normalise)
n=$(printf '%s\n' "$from_help" | grep -c .)
check "--help lists the commands (more than 20)" test "$n" -gt 20
if [ "$from_help" = "$from_man" ]; then
	ok "mailbot(8) documents the commands of --help, with their arguments"
else
	not_ok "mailbot(8) documents the commands of --help, with their arguments" \
	    "$(diff <(printf '%s\n' "$from_help") <(printf '%s\n' "$from_man") |
	    sed -n 's/^[<>].*/&/p' | tr '\n' ';')"
fi

# README.md's command section is --help without "usage: ".
readme=$(awk '/^## The commands/ { on = 1; next }
    on && /^```$/ { if (inside) exit; inside = 1; next }
    inside' README.md)
check_eq "README.md's command section is mailbot --help" \
    "$(printf '%s\n' "$help" | sed '1s/^usage: //')" "$readme"
finish
