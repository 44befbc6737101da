/*
 * rfc2047_fuzz.c: a header value with encoded words: rfc2047_decode.
 */
#include "fuzz.h"
#include "rfc2047.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*s, *problem = NULL;

	s = fuzz_str(data, size);
	free(rfc2047_decode(s, &problem));
	free(problem);
	free(s);
	return 0;
}
