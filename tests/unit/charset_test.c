/*
 * charset_test.c: unit tests for charset.c: declared charsets to UTF-8
 * (iconv, aliases, RFC 2231 languages), bad bytes as U+FFFD, an unknown
 * charset read as ISO-8859-1 and noted, undeclared bytes, and the notes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "check.h"
#include "util.h"

#define FFFD	"\xef\xbf\xbd"

static void
test_convert(void)
{
	static const struct {
		const char	*cs;
		const char	*in;
		const char	*want;
	} t[] = {
		{ NULL, "caf\xc3\xa9", "caf\xc3\xa9" },
		{ "", "caf\xc3\xa9", "caf\xc3\xa9" },
		{ "us-ascii", "plain", "plain" },
		{ "UTF-8", "ok \xff\xc3 end", "ok " FFFD FFFD " end" },
		{ "utf8", "\xed\xa0\x80", FFFD FFFD FFFD },	/* surrogate */
		{ "utf-8*nl", "caf\xc3\xa9", "caf\xc3\xa9" },	/* RFC 2231 */
		{ " UTF-8 ", "x\xc3\xa9", "x\xc3\xa9" },
		{ "iso-8859-1", "caf\xe9", "caf\xc3\xa9" },
		{ "ISO-8859-15", "\xa4", "\xe2\x82\xac" },
		{ "windows-1252", "\x80 \x93ok\x94",
		    "\xe2\x82\xac \xe2\x80\x9cok\xe2\x80\x9d" },
		{ "ks_c_5601-1987", "\xc7\xd1\xb1\xb9",
		    "\xed\x95\x9c\xea\xb5\xad" },		/* alias */
		{ "x-sjis", "\x82\xa0", "\xe3\x81\x82" },
		{ "shift_jis", "a\x82", "a" FFFD },	/* cut in a character */
		{ "utf-16le", "a\0b\0", "ab" },
	};
	char	*out, *problem;
	size_t	 i, len;

	for (i = 0; i < nitems(t); i++) {
		problem = NULL;
		len = strlen(t[i].in);
		if (t[i].cs != NULL && strcmp(t[i].cs, "utf-16le") == 0)
			len = 4;
		out = charset_to_utf8(t[i].cs, t[i].in, len, &problem);
		CHECK_STR(out, t[i].want, "%s to UTF-8",
		    t[i].cs != NULL ? t[i].cs : "NULL");
		CHECK(problem == NULL, "%s: no problem noted",
		    t[i].cs != NULL ? t[i].cs : "NULL");
		free(out);
		free(problem);
	}
}

static void
test_unknown(void)
{
	char	*out, *problem = NULL;

	out = charset_to_utf8("x-nonesuch", "caf\xe9", 4, &problem);
	CHECK_STR(out, "caf\xc3\xa9", "unknown charset read as ISO-8859-1");
	CHECK_STR(problem, "unknown charset x-nonesuch read as ISO-8859-1",
	    "unknown charset noted");
	free(out);
	out = charset_to_utf8("x-nonesuch", "x", 1, &problem);
	CHECK_STR(problem, "unknown charset x-nonesuch read as ISO-8859-1",
	    "the same note is not added twice");
	free(out);
	out = charset_to_utf8("x-other*en", "x", 1, &problem);
	CHECK_STR(problem, "unknown charset x-nonesuch read as ISO-8859-1; "
	    "unknown charset x-other read as ISO-8859-1",
	    "a second note is added after \"; \", without the language");
	free(out);
	free(problem);
	out = charset_to_utf8("x-nonesuch", "caf\xe9", 4, NULL);
	CHECK_STR(out, "caf\xc3\xa9", "problem may be NULL");
	free(out);
}

static void
test_raw(void)
{
	char	*out;

	out = charset_raw_to_utf8("caf\xc3\xa9", 5);
	CHECK_STR(out, "caf\xc3\xa9", "raw UTF-8 kept");
	free(out);
	out = charset_raw_to_utf8("caf\xe9 \xc3", 6);
	CHECK_STR(out, "caf\xc3\xa9 \xc3\x83", "raw 8-bit read as latin-1");
	free(out);
	out = charset_raw_to_utf8("abc", 2);
	CHECK_STR(out, "ab", "raw reads no further than len");
	free(out);
	out = charset_raw_to_utf8("", 0);
	CHECK_STR(out, "", "raw empty");
	free(out);
}

static void
test_note(void)
{
	char	*problem = NULL;
	int	 i;

	charset_note(&problem, "part %d skipped", 1);
	CHECK_STR(problem, "part 1 skipped", "first note");
	charset_note(&problem, "part %d skipped", 1);
	charset_note(&problem, "part %d skipped", 2);
	CHECK_STR(problem, "part 1 skipped; part 2 skipped",
	    "notes joined by \"; \", each once");
	for (i = 3; i < 1000; i++)
		charset_note(&problem, "part %d skipped", i);
	CHECK(problem != NULL && strlen(problem) < 1100,
	    "notes stop growing near 1000 bytes (%zu)",
	    problem != NULL ? strlen(problem) : 0);
	free(problem);
	charset_note(NULL, "nowhere");
	CHECK(1, "a note to NULL is dropped");
}

int
main(void)
{
	test_convert();
	test_unknown();
	test_raw();
	test_note();
	return check_done();
}
