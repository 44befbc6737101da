/*
 * rfc2231_test.c: unit tests for MIME parameter values (rfc2231.c):
 * extended values with charset and language, continuations, plain
 * values with RFC 2047 words, and what wins when several are there.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "rfc2231.h"
#include "util.h"

#define P(n, v)	{ (n), (v) }

static char *
get(const struct rfc2231_param *p, size_t n, const char *name)
{
	return rfc2231_param_get(p, n, name, NULL);
}

static void
test_plain(void)
{
	const struct rfc2231_param p[] = {
		P("charset", "UTF-8"), P("NAME", "=?utf-8?q?caf=C3=A9?=.ics"),
		P("empty", ""), P(NULL, "x"), P("method", NULL),
		P("method", "REPLY"), P("method", "REQUEST"),
	};
	char	*v;

	v = get(p, nitems(p), "charset");
	CHECK_STR(v, "UTF-8", "plain value");
	free(v);
	v = get(p, nitems(p), "name");
	CHECK_STR(v, "caf\xc3\xa9.ics", "any case; RFC 2047 words decoded");
	free(v);
	v = get(p, nitems(p), "empty");
	CHECK_STR(v, "", "an empty value is \"\"");
	free(v);
	v = get(p, nitems(p), "method");
	CHECK_STR(v, "REPLY", "NULL entries skipped, the first one counts");
	free(v);
	v = get(p, nitems(p), "filename");
	CHECK(v == NULL, "a missing parameter is NULL");
	free(v);
	v = get(p, 0, "charset");
	CHECK(v == NULL, "no parameters: NULL");
	free(v);
}

static void
test_extended(void)
{
	static const struct {
		struct rfc2231_param	 p[3];
		size_t			 n;
		const char		*want;
		const char		*what;
	} t[] = {
		{ { P("filename*", "utf-8''%E2%82%AC%20antwoord.ics") }, 1,
		    "\xe2\x82\xac antwoord.ics", "extended, UTF-8" },
		{ { P("filename*", "iso-8859-1'nl'caf%E9") }, 1,
		    "caf\xc3\xa9", "extended, latin-1 with a language" },
		{ { P("filename*", "''a%20b") }, 1, "a b",
		    "extended, no charset" },
		{ { P("filename*", "a%20b") }, 1, "a b",
		    "extended without quotes" },
		{ { P("filename*", "utf-8''100%") }, 1, "100%",
		    "a stray percent kept" },
		{ { P("filename*", "utf-8''%G1%4") }, 1, "%G1%4",
		    "a bad escape kept" },
		{ { P("filename", "plain.ics"), P("filename*", "utf-8''x") },
		    2, "x", "the extended value wins over the plain one" },
		{ { P("name*0*", "utf-8''caf%C3%A9"), P("name*1", "-reply"),
		    P("name*2*", "%2Eics") }, 3, "caf\xc3\xa9-reply.ics",
		    "continuations joined" },
		{ { P("name*1", "b"), P("NAME*0", "a") }, 2, "ab",
		    "continuations in any order and case" },
		{ { P("name*0", "a"), P("name*2", "c") }, 2, "a",
		    "continuations stop at a gap" },
		{ { P("name*1", "b"), P("name", "plain") }, 2, "plain",
		    "no *0: the plain value" },
		{ { P("name*0", "it's"), P("name*1", "'s") }, 2, "it's's",
		    "a plain continuation names no charset" },
	};
	char	*v;
	size_t	 i;

	for (i = 0; i < nitems(t); i++) {
		v = get(t[i].p, t[i].n,
		    strncmp(t[i].p[0].name, "file", 4) == 0 ?
		    "filename" : "name");
		CHECK_STR(v, t[i].want, "%s", t[i].what);
		free(v);
	}
}

static void
test_unknown(void)
{
	const struct rfc2231_param p[] = {
		P("filename*", "x-nonesuch''caf%E9"),
	};
	char	*v, *problem = NULL;

	v = rfc2231_param_get(p, nitems(p), "filename", &problem);
	CHECK_STR(v, "caf\xc3\xa9", "unknown charset read as latin-1");
	CHECK_STR(problem, "unknown charset x-nonesuch read as ISO-8859-1",
	    "unknown charset noted");
	free(v);
	free(problem);
}

/*
 * Found by tests/fuzz/rfc2231_fuzz.c: an extended value that names a
 * charset but holds nothing, beside a plain value, leaked the charset
 * (the sanitizer pass of make check reports the leak).
 */
static void
test_leak_charset_without_value(void)
{
	const struct rfc2231_param p[] = {
		P("name*", "utf-8''"), P("name", "plain.ics"),
	};
	const struct rfc2231_param q[] = {
		P("name*0*", "iso-8859-1'nl'"), P("name", "plain.ics"),
	};
	char	*v;

	v = get(p, nitems(p), "name");
	CHECK_STR(v, "plain.ics", "an empty extended value: the plain one");
	free(v);
	v = get(q, nitems(q), "name");
	CHECK_STR(v, "plain.ics",
	    "an empty first continuation: the plain one");
	free(v);
}

int
main(void)
{
	test_plain();
	test_extended();
	test_unknown();
	test_leak_charset_without_value();
	return check_done();
}
