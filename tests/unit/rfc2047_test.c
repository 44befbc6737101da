/*
 * rfc2047_test.c: unit tests for encoded words in header values
 * (rfc2047.c): B and Q words, adjacent words joined, a character split
 * over two words, words that are no words, 8-bit bytes outside words.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "rfc2047.h"
#include "util.h"

static void
test_decode(void)
{
	static const struct {
		const char	*in;
		const char	*want;
	} t[] = {
		{ "", "" },
		{ "plain text", "plain text" },
		{ "=?UTF-8?B?R2VhY2NlcHRlZXJkOiDi?= =?UTF-8?B?gqw=?=",
		    "Geaccepteerd: \xe2\x82\xac" },	/* split character */
		{ "Re: =?utf-8?q?Vergadering_=E2=82=AC?= morgen",
		    "Re: Vergadering \xe2\x82\xac morgen" },
		{ "=?windows-1252?Q?=93ja=94?=", "\xe2\x80\x9cja\xe2\x80\x9d" },
		{ "=?iso-8859-1?b?Q2Fm6Q==?=", "Caf\xc3\xa9" },
		{ "=?ISO-8859-1?Q?Caf=E9_op?=  \t =?ISO-8859-1?Q?_maandag?=",
		    "Caf\xc3\xa9 op maandag" },	/* space between dropped */
		{ "=?iso-8859-1?q?=E9?= =?utf-8?q?=C3=A9?=",
		    "\xc3\xa9\xc3\xa9" },		/* two charsets */
		{ "=?utf-8?q?a?= b =?utf-8?q?c?=", "a b c" },
		{ "=?utf-8*nl?q?caf=C3=A9?=", "caf\xc3\xa9" },	/* language */
		{ "a =?bogus?q?x?", "a =?bogus?q?x?" },	/* not ended */
		{ "=?utf-8?x?abc?=", "=?utf-8?x?abc?=" },	/* no such encoding */
		{ "=??q?abc?=", "=??q?abc?=" },		/* no charset */
		{ "=?utf 8?q?abc?=", "=?utf 8?q?abc?=" },	/* space in charset */
		{ "=?", "=?" },
		{ "=?utf-8?q?", "=?utf-8?q?" },
		{ "x =?utf-8?q?\?=", "x " },		/* empty word */
		{ "raw caf\xe9", "raw caf\xc3\xa9" },
		{ "raw utf-8 caf\xc3\xa9", "raw utf-8 caf\xc3\xa9" },
		{ "=?ks_c_5601-1987?B?x9GxuQ==?=", "\xed\x95\x9c\xea\xb5\xad" },
		{ "=?utf-8?q?bad_=FF?=", "bad \xef\xbf\xbd" },
	};
	char	*out, *problem;
	size_t	 i;

	for (i = 0; i < nitems(t); i++) {
		problem = NULL;
		out = rfc2047_decode(t[i].in, &problem);
		CHECK_STR(out, t[i].want, "decode \"%s\"", t[i].in);
		CHECK(problem == NULL, "\"%s\": no problem noted", t[i].in);
		free(out);
		free(problem);
	}
}

static void
test_long_and_unknown(void)
{
	struct buf	 b;
	char		*out, *problem = NULL;
	int		 i;

	out = rfc2047_decode("=?x-nonesuch?q?caf=E9?=", &problem);
	CHECK_STR(out, "caf\xc3\xa9", "unknown charset read as latin-1");
	CHECK_STR(problem, "unknown charset x-nonesuch read as ISO-8859-1",
	    "unknown charset noted");
	free(out);
	free(problem);

	buf_init(&b, SIZE_MAX);
	buf_addstr(&b, "=?utf-8?q?");
	for (i = 0; i < 900; i++)
		buf_addstr(&b, "a");
	buf_addstr(&b, "?=");
	out = rfc2047_decode(b.data, NULL);
	CHECK(strlen(out) == 900, "a 900-byte word is read");
	free(out);
	buf_free(&b);

	buf_init(&b, SIZE_MAX);
	buf_addstr(&b, "=?utf-8?q?");
	for (i = 0; i < 1100; i++)
		buf_addstr(&b, "a");
	buf_addstr(&b, "?=");
	out = rfc2047_decode(b.data, NULL);
	CHECK_STR(out, b.data, "a 1100-byte word stays as written");
	free(out);
	buf_free(&b);
}

int
main(void)
{
	test_decode();
	test_long_and_unknown();
	return check_done();
}
