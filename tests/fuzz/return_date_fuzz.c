/*
 * return_date_fuzz.c: the day an out-of-office text says its writer is
 * back, from any text.
 */
#include "fuzz.h"
#include "return-date.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct ymd	 received = { 2026, 11, 23 };
	struct ymd		 back;
	char			*s = fuzz_str(data, size);

	(void)return_date_read(s, &received, &back);
	free(s);
	return 0;
}
