/*
 * csv_fuzz.c: a member list exported by a spreadsheet: csv_parse.
 */
#include "csv.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*cause = NULL;

	csv_free(csv_parse((const char *)data, size, &cause));
	free(cause);
	return 0;
}
