/*
 * rfc2047.c: encoded words in header values (RFC 2047): "=?cs?B?...?="
 * and "=?cs?Q?...?=", decoded to UTF-8; adjacent words joined; 8-bit
 * bytes outside words read as UTF-8 or else ISO-8859-1. Pure: no I/O.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "charset.h"
#include "encoding.h"
#include "rfc2047.h"
#include "util.h"

#define WORD_MAX	1000		/* searched for the end of a word */

/* Appends the bytes pending in one charset, converted, to out. */
static void
flush_word(struct buf *out, struct buf *pend, char **cs, char **problem)
{
	char	*s;

	if (pend->len > 0) {
		s = charset_to_utf8(*cs, pend->data, pend->len, problem);
		buf_addstr(out, s);
		free(s);
	}
	buf_free(pend);
	buf_init(pend, SIZE_MAX);
	free(*cs);
	*cs = NULL;
}

/*
 * Reads one RFC 2047 encoded word at s: on success stores its charset
 * in *cs_out, appends the decoded bytes to pend and returns its length.
 */
static size_t
word_parse(const char *s, char **cs_out, struct buf *pend)
{
	const char	*q1, *q2, *end;

	if (s[0] != '=' || s[1] != '?')
		return 0;
	if ((q1 = strchr(s + 2, '?')) == NULL || q1 == s + 2 ||
	    q1[1] == '\0' || q1[2] != '?')
		return 0;
	q2 = q1 + 2;
	/* RFC 2047 words are at most 75 bytes; allow more, but not all */
	if ((end = memmem(q2 + 1, strnlen(q2 + 1, WORD_MAX), "?=", 2)) ==
	    NULL)
		return 0;
	if (memchr(s + 2, ' ', q1 - s - 2) != NULL)
		return 0;
	if (tolower((unsigned char)q1[1]) == 'b')
		encoding_base64_decode(pend, q2 + 1, end - q2 - 1);
	else if (tolower((unsigned char)q1[1]) == 'q')
		encoding_qp_decode(pend, q2 + 1, end - q2 - 1, true);
	else
		return 0;
	*cs_out = xstrndup(s + 2, q1 - s - 2);
	return end + 2 - s;
}

/*
 * Decodes RFC 2047 encoded words in a header value. Adjacent words are
 * joined (white space between them dropped) and words in one charset are
 * converted together, so a character split over two words survives.
 */
char *
rfc2047_decode(const char *s, char **problem)
{
	struct buf	 out, pend, word;
	char		*cs = NULL, *wcs, *t;
	size_t		 n, i, run;

	buf_init(&out, SIZE_MAX);
	buf_init(&pend, SIZE_MAX);
	i = 0;
	while (s[i] != '\0') {
		buf_init(&word, SIZE_MAX);
		wcs = NULL;
		if ((n = word_parse(s + i, &wcs, &word)) > 0) {
			if (cs != NULL && strcasecmp(cs, wcs) != 0)
				flush_word(&out, &pend, &cs, problem);
			if (cs == NULL)
				cs = wcs;
			else
				free(wcs);
			buf_add(&pend, word.data, word.len);
			buf_free(&word);
			i += n;
			/* white space up to the next word is dropped */
			run = strspn(s + i, " \t");
			if (s[i + run] == '=' && s[i + run + 1] == '?')
				i += run;
			continue;
		}
		buf_free(&word);
		flush_word(&out, &pend, &cs, problem);
		run = 1;
		while (s[i + run] != '\0' &&
		    !(s[i + run] == '=' && s[i + run + 1] == '?'))
			run++;
		t = charset_raw_to_utf8(s + i, run);
		buf_addstr(&out, t);
		free(t);
		i += run;
	}
	flush_word(&out, &pend, &cs, problem);
	buf_free(&pend);
	return buf_take(&out);
}
