/*
 * quote_fuzz.c: the text of a reply: quote_visible on it as plain text,
 * and quote_html_strip on it as HTML.
 */
#include "fuzz.h"
#include "quote.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*s;

	s = fuzz_str(data, size);
	free(quote_visible(s));
	free(quote_html_strip(s));
	free(s);
	return 0;
}
