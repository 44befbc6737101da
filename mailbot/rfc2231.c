/*
 * rfc2231.c: the value of one MIME parameter (RFC 2045 section 5.1) as
 * UTF-8: RFC 2231 extended values (charset'lang'%XX) and continuations
 * (name*0, name*1*), else the plain value, in which RFC 2047 words are
 * decoded. Pure: no I/O.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "charset.h"
#include "encoding.h"
#include "rfc2047.h"
#include "rfc2231.h"
#include "util.h"

static const char *
kv_get(const struct rfc2231_param *kv, size_t n, const char *name)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (kv[i].name != NULL && kv[i].value != NULL &&
		    strcasecmp(kv[i].name, name) == 0)
			return kv[i].value;
	return NULL;
}

/* Percent-decodes an RFC 2231 value; the first may carry charset'lang'. */
static void
ext_value(const char *v, bool first, struct buf *b, char **cs)
{
	const char	*q1, *q2;
	int		 hi, lo;
	unsigned char	 c;

	if (first && (q1 = strchr(v, '\'')) != NULL &&
	    (q2 = strchr(q1 + 1, '\'')) != NULL) {
		free(*cs);
		*cs = xstrndup(v, q1 - v);
		v = q2 + 1;
	}
	for (; *v != '\0'; v++) {
		c = *v;
		if (c == '%' && (hi = encoding_hexval(v[1])) >= 0 &&
		    (lo = encoding_hexval(v[2])) >= 0) {
			c = hi * 16 + lo;
			v += 2;
		}
		buf_add(b, &c, 1);
	}
}

/*
 * The value of parameter name as UTF-8, or NULL: name* (RFC 2231 section
 * 4), else continuations name*0, name*1* ... (section 3), else name,
 * which may hold RFC 2047 words (not allowed, but common).
 */
char *
rfc2231_param_get(const struct rfc2231_param *kv, size_t n, const char *name,
    char **problem)
{
	struct buf	 b;
	const char	*v;
	char		 key[80], *cs = NULL, *out;
	int		 i;
	bool		 ext;

	buf_init(&b, SIZE_MAX);
	snprintf(key, sizeof(key), "%s*", name);
	if ((v = kv_get(kv, n, key)) != NULL)
		ext_value(v, true, &b, &cs);
	for (i = 0; v == NULL && i < 100; i++) {
		snprintf(key, sizeof(key), "%s*%d*", name, i);
		ext = (v = kv_get(kv, n, key)) != NULL;
		if (!ext) {
			snprintf(key, sizeof(key), "%s*%d", name, i);
			v = kv_get(kv, n, key);
		}
		if (v == NULL)
			break;
		if (ext)
			ext_value(v, i == 0, &b, &cs);
		else
			buf_addstr(&b, v);
		v = NULL;
	}
	if (b.len == 0 && (v = kv_get(kv, n, name)) != NULL) {
		/* an extended value with a charset but nothing else */
		free(cs);
		buf_free(&b);
		return rfc2047_decode(v, problem);
	}
	if (b.len == 0 && cs == NULL) {
		buf_free(&b);
		return NULL;
	}
	out = charset_to_utf8(cs, b.data, b.len, problem);
	buf_free(&b);
	free(cs);
	return out;
}
