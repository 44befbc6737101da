/*
 * encoding_fuzz.c: body text in a content transfer encoding: the input
 * is decoded as base64, as quoted-printable, and as RFC 2047 Q.
 */
#include <stdbool.h>

#include "encoding.h"
#include "fuzz.h"
#include "util.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf	 b;

	buf_init(&b, SIZE_MAX);
	encoding_base64_decode(&b, (const char *)data, size);
	buf_free(&b);
	buf_init(&b, SIZE_MAX);
	encoding_qp_decode(&b, (const char *)data, size, false);
	buf_free(&b);
	buf_init(&b, SIZE_MAX);
	encoding_qp_decode(&b, (const char *)data, size, true);
	buf_free(&b);
	return 0;
}
