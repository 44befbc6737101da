/*
 * header_fuzz.c: a header section (header.c): normalised, parsed, and
 * every field's value read as a mailbox, an address list and a date.
 */
#include <string.h>

#include "fuzz.h"
#include "header.h"
#include "util.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct header	 h;
	struct buf	 b;
	const char	*v;
	char		*a, *name, *problem = NULL;
	size_t		 i;

	buf_init(&b, SIZE_MAX);
	header_normalize(&b, (const char *)data, size);
	memset(&h, 0, sizeof(h));
	header_parse(&h, b.data != NULL ? b.data : "", b.len);
	(void)header_get(&h, "From");
	for (i = 0; i < h.nfields; i++) {
		v = h.fields[i].value;
		name = NULL;
		a = header_mailbox(v, strlen(v), &name, &problem);
		free(a);
		free(name);
		free(header_addresses(v, false, &problem));
		free(header_addresses(v, true, &problem));
		(void)header_date(v);
	}
	header_clear(&h);
	buf_free(&b);
	free(problem);
	return 0;
}
