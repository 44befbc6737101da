/*
 * dsn_fuzz.c: the body of a message/delivery-status part: dsn_parse,
 * once on the whole input and once more appending to what it found.
 */
#include "dsn.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dsn_recipient	*d = NULL;
	char			*s;
	size_t			 n = 0, i;

	s = fuzz_str(data, size);
	dsn_parse(s, &d, &n);
	dsn_parse(s, &d, &n);
	for (i = 0; i < n; i++) {
		free(d[i].recipient);
		free(d[i].action);
		free(d[i].status);
		free(d[i].diagnostic);
	}
	free(d);
	free(s);
	return 0;
}
