#!/bin/sh
# sql2c.sh: compile the numbered migrations into C, in the order given.
# Each file becomes one string; the number before the first '-' is its
# version and must be 1, 2, 3 … without gaps (checked here, at build time).
set -eu
echo '/* generated from the state/ migrations by state/sql2c.sh: do not edit */'
echo '#include <stddef.h>'
echo '#include "migrations.h"'
echo 'const struct migration migrations[] = {'
want=1
for f in "$@"; do
	base=$(basename "$f")
	num=${base%%-*}
	num=$(echo "$num" | sed 's/^0*//')
	if [ "$num" != "$want" ]; then
		echo "sql2c: $f: expected migration $want" >&2
		exit 1
	fi
	printf '\t{ %d, "%s",\n' "$num" "$base"
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/\t"/' -e 's/$/\\n"/' "$f"
	printf '\t},\n'
	want=$((want + 1))
done
echo '};'
echo "const size_t nmigrations = $((want - 1));"
