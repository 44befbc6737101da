#!/bin/sh
# lex2c.sh: compile the lexicons (lexicon/*.tsv) into C, one table of
# { meaning, pattern } rows in file order. A meaning the reader does not
# know, or a line without a pattern, stops the build with file:line.
set -eu
meanings="attend absent neg neutral yes no maybe cond defer yesword noword
sorry busy then meal meeting third title behalf subst late early diet bring
online thanks greet qstart request retract own all join leave network modal past
agenda oof
alias"
echo '/* generated from the lexicon TSV files by lexicon/lex2c.sh: do not edit */'
echo '#include <stddef.h>'
echo '#include "lexicon.h"'
echo 'const struct lex_entry lexicon[] = {'
for f in "$@"; do
	awk -F'\t' -v file="$f" -v known="$meanings" '
	BEGIN { n = split(known, k, /[ \n]+/); for (i = 1; i <= n; i++) ok[k[i]] = 1 }
	/^#/ || /^[ \t]*$/ { next }
	{
		if (!($1 in ok)) {
			printf "lex2c: %s:%d: unknown meaning \"%s\"\n", file, NR, $1 > "/dev/stderr"
			exit 1
		}
		if ($2 == "" || $2 ~ /["\\]/) {
			printf "lex2c: %s:%d: no pattern, or a quote or backslash in it\n", file, NR > "/dev/stderr"
			exit 1
		}
		if ($1 == "alias" && $2 !~ /^[^= ]+=[^= ]+$/) {
			printf "lex2c: %s:%d: an alias is FROM=TO\n", file, NR > "/dev/stderr"
			exit 1
		}
		m = toupper($1)
		printf "\t{ LEX_%s, \"%s\" },\n", m, $2
	}' "$f"
done
echo '};'
echo 'const size_t nlexicon = sizeof(lexicon) / sizeof(lexicon[0]);'
