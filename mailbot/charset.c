/*
 * charset.c: text in the charset a message declares (or none) to UTF-8,
 * with iconv and a few aliases glibc lacks; what cannot be read becomes
 * U+FFFD, an unknown charset is read as ISO-8859-1 and noted. Also the
 * notes list every reader of mail keeps. Pure: no I/O.
 */
#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "charset.h"
#include "util.h"

#define PROBLEM_MAX	1000		/* bytes of problem text kept */

/* Copies len bytes as UTF-8, each byte of a bad sequence as U+FFFD. */
static char *
utf8_clean(const char *in, size_t len)
{
	struct buf	 b;
	size_t		 i, n, run = 0;

	buf_init(&b, SIZE_MAX);
	/* Valid runs are copied whole: a byte at a time was a hot spot. */
	for (i = 0; i < len; i += n) {
		n = utf8_len((const unsigned char *)in + i, len - i);
		if (n == 0) {
			buf_add(&b, in + run, i - run);
			buf_add(&b, "\xef\xbf\xbd", 3);
			n = 1;
			run = i + 1;
		}
	}
	buf_add(&b, in + run, len - run);
	return buf_take(&b);
}

static bool
utf8_valid(const char *in, size_t len)
{
	size_t	 i, n;

	for (i = 0; i < len; i += n)
		if ((n = utf8_len((const unsigned char *)in + i,
		    len - i)) == 0)
			return false;
	return true;
}

static bool
is_utf8_name(const char *cs)
{
	return strcasecmp(cs, "utf-8") == 0 || strcasecmp(cs, "utf8") == 0 ||
	    strcasecmp(cs, "us-ascii") == 0 || strcasecmp(cs, "ascii") == 0;
}

/* Runs in through iconv; a byte it cannot read becomes U+FFFD. */
static char *
iconv_all(iconv_t cd, const char *in, size_t len)
{
	struct buf	 b;
	char		 chunk[4096], *ip = (char *)in, *op;
	size_t		 il = len, ol, r;

	buf_init(&b, SIZE_MAX);
	while (il > 0) {
		op = chunk;
		ol = sizeof(chunk);
		r = iconv(cd, &ip, &il, &op, &ol);
		buf_add(&b, chunk, op - chunk);
		if (r != (size_t)-1 || errno == E2BIG)
			continue;
		/* EILSEQ or EINVAL (truncated at the end): skip one byte */
		buf_add(&b, "\xef\xbf\xbd", 3);
		ip++;
		il--;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	op = chunk;
	ol = sizeof(chunk);
	iconv(cd, NULL, NULL, &op, &ol);
	buf_add(&b, chunk, op - chunk);
	r = b.len;
	op = buf_take(&b);
	ip = utf8_clean(op, r);
	free(op);
	return ip;
}

/* Names mail uses that glibc's iconv does not know. */
static const char *
charset_alias(const char *cs)
{
	static const struct {
		const char	*mail;
		const char	*iconv;
	} aliases[] = {
		{ "ks_c_5601-1987", "CP949" },
		{ "ks_c_5601", "CP949" },
		{ "x-sjis", "SHIFT_JIS" },
		{ "x-euc-jp", "EUC-JP" },
		{ "x-gbk", "GBK" },
		{ "unicode-1-1-utf-7", "UTF-7" },
	};
	size_t	 i;

	for (i = 0; i < nitems(aliases); i++)
		if (strcasecmp(cs, aliases[i].mail) == 0)
			return aliases[i].iconv;
	return cs;
}

void
charset_note(char **problem, const char *fmt, ...)
{
	char	*s, *t;
	va_list	 ap;

	if (problem == NULL)
		return;
	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) == -1)
		s = NULL;
	va_end(ap);
	if (s == NULL)
		return;
	if (*problem == NULL)
		*problem = s;
	else {
		if (strstr(*problem, s) == NULL &&
		    strlen(*problem) < PROBLEM_MAX) {
			xasprintf(&t, "%s; %s", *problem, s);
			free(*problem);
			*problem = t;
		}
		free(s);
	}
}

/*
 * Converts len bytes in charset cs (NULL: US-ASCII) to UTF-8. A charset
 * iconv does not know is read as ISO-8859-1 and noted (a leniency).
 */
char *
charset_to_utf8(const char *cs, const char *in, size_t len, char **problem)
{
	iconv_t	 cd;
	char	*name, *star, *out;

	if (cs == NULL || *cs == '\0' || is_utf8_name(cs))
		return utf8_clean(in, len);
	name = xstrdup(cs);
	if ((star = strchr(name, '*')) != NULL)	/* RFC 2231 language */
		*star = '\0';
	str_trim(name);
	if (is_utf8_name(name)) {
		free(name);
		return utf8_clean(in, len);
	}
	if ((cd = iconv_open("UTF-8", charset_alias(name))) == (iconv_t)-1) {
		charset_note(problem, "unknown charset %.40s read as "
		    "ISO-8859-1", name);
		cd = iconv_open("UTF-8", "ISO-8859-1");
		if (cd == (iconv_t)-1) {
			free(name);
			return utf8_clean(in, len);
		}
	}
	out = iconv_all(cd, in, len);
	iconv_close(cd);
	free(name);
	return out;
}

/* Bytes of no declared charset: UTF-8 when they are, else ISO-8859-1. */
char *
charset_raw_to_utf8(const char *in, size_t len)
{
	if (utf8_valid(in, len))
		return xstrndup(in, len);
	return charset_to_utf8("ISO-8859-1", in, len, NULL);
}
