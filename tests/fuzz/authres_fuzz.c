/*
 * authres_fuzz.c: an Authentication-Results field of any shape, parsed,
 * and judged for a From domain.
 */
#include "authres.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct authres	 a;
	char		*s = fuzz_str(data, size);
	const char	*f[] = { s };

	if (authres_parse(s, &a) == 0)
		authres_clear(&a);
	(void)authres_verified(f, 1, "mx.netwerk.example", "zorgorg.nl");
	free(s);
	return 0;
}
