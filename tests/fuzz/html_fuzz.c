/*
 * html_fuzz.c: HTML mail turned into text: html_to_text.
 */
#include "fuzz.h"
#include "html.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*s;

	s = fuzz_str(data, size);
	free(html_to_text(s));
	free(s);
	return 0;
}
