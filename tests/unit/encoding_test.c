/*
 * encoding_test.c: unit tests for base64 and quoted-printable decoding
 * (encoding.c): well-formed input, and the broken input mail carries
 * (junk, missing padding, concatenated groups, stray "=").
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "encoding.h"
#include "util.h"

static void
test_base64(void)
{
	static const struct {
		const char	*in;
		const char	*want;
	} t[] = {
		{ "", "" },
		{ "Q2Fm6Q==", "Caf\xe9" },
		{ "Q2Fm\r\n6Q==\r\n", "Caf\xe9" },
		{ "Q2!F m*6Q", "Caf\xe9" },		/* junk, no padding */
		{ "YQ==Yg==", "ab" },			/* concatenated */
		{ "-_8=", "\xfb\xff" },			/* URL-safe alphabet */
		{ "+/8=", "\xfb\xff" },
		{ "Y", "" },				/* too short for a byte */
		{ "====", "" },
	};
	struct buf	 b;
	size_t		 i;

	for (i = 0; i < nitems(t); i++) {
		buf_init(&b, SIZE_MAX);
		encoding_base64_decode(&b, t[i].in, strlen(t[i].in));
		CHECK(b.len == strlen(t[i].want) &&
		    memcmp(b.data, t[i].want, b.len) == 0,
		    "base64 \"%s\"", t[i].in);
		buf_free(&b);
	}
	buf_init(&b, SIZE_MAX);
	encoding_base64_decode(&b, "AAE=", 4);
	CHECK(b.len == 2 && b.data[0] == '\0' && b.data[1] == '\1',
	    "base64 NUL bytes kept, length counted");
	buf_free(&b);
}

static void
test_qp(void)
{
	static const struct {
		const char	*in;
		bool		 underscore;
		const char	*want;
	} t[] = {
		{ "", false, "" },
		{ "Caf=E9", false, "Caf\xe9" },
		{ "caf=e9", false, "caf\xe9" },		/* lower-case hex */
		{ "tien=\r\nuur", false, "tienuur" },	/* soft line break */
		{ "tien=\nuur", false, "tienuur" },
		{ "tien= \t\r\nuur", false, "tienuur" },	/* white space */
		{ "1=2", false, "1=2" },		/* stray "=" */
		{ "a=G1", false, "a=G1" },
		{ "end=", false, "end=" },
		{ "end=4", false, "end=4" },
		{ "=3D=3d", false, "==" },
		{ "a_b", false, "a_b" },
		{ "a_b=5F", true, "a b_" },		/* RFC 2047 Q */
	};
	struct buf	 b;
	size_t		 i;

	for (i = 0; i < nitems(t); i++) {
		buf_init(&b, SIZE_MAX);
		encoding_qp_decode(&b, t[i].in, strlen(t[i].in),
		    t[i].underscore);
		CHECK_STR(b.data != NULL ? b.data : "", t[i].want,
		    "quoted-printable \"%s\"%s", t[i].in,
		    t[i].underscore ? " with _" : "");
		buf_free(&b);
	}
	buf_init(&b, SIZE_MAX);
	encoding_qp_decode(&b, "a=E9b", 3, false);
	CHECK_STR(b.data != NULL ? b.data : "", "a=E",
	    "quoted-printable reads no further than len");
	buf_free(&b);
}

static void
test_hexval(void)
{
	CHECK(encoding_hexval('0') == 0 && encoding_hexval('9') == 9 &&
	    encoding_hexval('a') == 10 && encoding_hexval('F') == 15,
	    "hex digits");
	CHECK(encoding_hexval('g') == -1 && encoding_hexval('\0') == -1 &&
	    encoding_hexval(0xe9) == -1, "not hex digits");
}

int
main(void)
{
	test_base64();
	test_qp();
	test_hexval();
	return check_done();
}
