/*
 * fold.c: text folded for reading by rules: lower-case ASCII, accents
 * dropped, curly quotes and dashes made plain. Pure.
 */
#include <stddef.h>
#include <stdint.h>

#include "fold.h"
#include "util.h"

size_t
fold_char(const unsigned char *p, struct buf *out)
{
	static const char latin[] =	/* U+00C0 .. U+00FF, lower-cased */
	    "aaaaaaaceeeeiiiidnooooo ouuuuyts"
	    "aaaaaaaceeeeiiiidnooooo ouuuuyty";
	size_t	 n = utf8_len(p, SIZE_MAX);
	char	 c = ' ';

	if (n == 0)
		n = 1;
	else if (n == 1)
		c = (*p >= 'A' && *p <= 'Z') ? (char)(*p + 32) : (char)*p;
	else if (n == 2 && p[0] == 0xc3)
		c = latin[p[1] & 0x3f];
	else if (n == 3 && p[0] == 0xe2 && p[1] == 0x80 &&
	    (p[2] == 0x98 || p[2] == 0x99 || p[2] == 0xb2))
		c = '\'';
	else if (n == 3 && p[0] == 0xe2 && p[1] == 0x80 &&
	    (p[2] == 0x93 || p[2] == 0x94))
		c = ',';
	(void)buf_add(out, &c, 1);
	return n;
}
