/*
 * charset_fuzz.c: text in a declared charset: the first line of the
 * input names the charset, the rest is converted by charset_to_utf8;
 * the whole input also goes through charset_raw_to_utf8.
 */
#include <string.h>

#include "charset.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t	*nl;
	char		*cs, *problem = NULL;
	size_t		 n;

	nl = memchr(data, '\n', size);
	n = nl != NULL ? (size_t)(nl - data) : 0;
	cs = fuzz_str(data, n);
	if (nl != NULL)
		n++;
	free(charset_to_utf8(cs, (const char *)data + n, size - n,
	    &problem));
	free(charset_raw_to_utf8((const char *)data, size));
	free(problem);
	free(cs);
	return 0;
}
