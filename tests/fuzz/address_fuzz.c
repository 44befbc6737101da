/*
 * address_fuzz.c: addresses and names people type: address_normalize
 * and line_normalize.
 */
/* fuzz.h first: address.h uses size_t without including stddef.h */
#include "fuzz.h"
#include "address.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*s, *cause = NULL;

	s = fuzz_str(data, size);
	free(address_normalize(s, &cause));
	free(cause);
	cause = NULL;
	free(line_normalize(s, 200, &cause));
	free(cause);
	free(s);
	return 0;
}
