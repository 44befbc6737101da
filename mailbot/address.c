/*
 * address.c: mail addresses and display names as the coordinator types
 * them. Pure: no I/O. The leniencies are listed in mailbot/LENIENCIES.md.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "address.h"
#include "util.h"

#define LOCAL_MAX	64
#define DOMAIN_MAX	253
#define LABEL_MAX	63

/* RFC 5322 atext, without the characters that cause trouble in shells. */
static bool
is_atext(int c)
{
	return isalnum(c) || (c != '\0' && strchr("!#$%&'*+-/=?^_`{|}~",
	    c) != NULL);
}

static int
local_check(const char *s, size_t len, char **cause)
{
	size_t	 i;

	if (len == 0 || len > LOCAL_MAX) {
		xasprintf(cause, "the part before '@' must have 1 to %d "
		    "characters", LOCAL_MAX);
		return -1;
	}
	if (s[0] == '.' || s[len - 1] == '.') {
		xasprintf(cause, "the part before '@' may not start or end "
		    "with a dot");
		return -1;
	}
	for (i = 0; i < len; i++) {
		if (s[i] == '.' && s[i + 1] == '.') {
			xasprintf(cause, "two dots in a row");
			return -1;
		}
		if (s[i] != '.' && !is_atext((unsigned char)s[i])) {
			xasprintf(cause, "character '%c' is not allowed",
			    isprint((unsigned char)s[i]) ? s[i] : '?');
			return -1;
		}
	}
	return 0;
}

static int
label_check(const char *s, size_t len, char **cause)
{
	size_t	 i;

	if (len == 0 || len > LABEL_MAX) {
		xasprintf(cause, "domain has an empty or overlong part");
		return -1;
	}
	if (s[0] == '-' || s[len - 1] == '-') {
		xasprintf(cause, "a domain part may not start or end with '-'");
		return -1;
	}
	for (i = 0; i < len; i++) {
		if (!isalnum((unsigned char)s[i]) && s[i] != '-') {
			xasprintf(cause, "domain character '%c' is not allowed",
			    isprint((unsigned char)s[i]) ? s[i] : '?');
			return -1;
		}
	}
	return 0;
}

static int
domain_check(const char *s, char **cause)
{
	const char	*dot;
	size_t		 len = strlen(s);
	int		 labels = 0;

	if (len == 0 || len > DOMAIN_MAX) {
		xasprintf(cause, "the domain must have 1 to %d characters",
		    DOMAIN_MAX);
		return -1;
	}
	for (;;) {
		dot = strchr(s, '.');
		if (label_check(s, dot != NULL ? (size_t)(dot - s) :
		    strlen(s), cause) == -1)
			return -1;
		labels++;
		if (dot == NULL)
			break;
		s = dot + 1;
	}
	if (labels < 2) {
		xasprintf(cause, "the domain needs a dot (like example.org)");
		return -1;
	}
	return 0;
}

char *
address_normalize(const char *s, char **cause)
{
	char	*a, *at, *why = NULL;

	a = str_trim(xstrdup(s));
	at = strrchr(a, '@');
	if (at == NULL || strchr(a, '@') != at) {
		xasprintf(&why, "needs exactly one '@'");
		goto bad;
	}
	if (local_check(a, (size_t)(at - a), &why) == -1 ||
	    domain_check(at + 1, &why) == -1)
		goto bad;
	return str_lower(a);
bad:
	xasprintf(cause, "'%s' is not a valid address: %s", s, why);
	free(why);
	free(a);
	return NULL;
}

char *
line_normalize(const char *s, size_t max, char **cause)
{
	const unsigned char	*p = (const unsigned char *)s;
	struct buf		 b;
	size_t			 n;
	bool			 space = false;

	buf_init(&b, max);
	while (*p != '\0') {
		if (*p < 0x20 || *p == 0x7f || *p == ' ') {
			space = b.len > 0;
			p++;
			continue;
		}
		if ((n = utf8_len(p, SIZE_MAX)) == 0) {
			xasprintf(cause, "not valid UTF-8");
			goto bad;
		}
		if ((space && buf_add(&b, " ", 1) == -1) ||
		    buf_add(&b, p, n) == -1) {
			xasprintf(cause, "longer than %zu bytes", max);
			goto bad;
		}
		space = false;
		p += n;
	}
	if (b.len == 0) {
		xasprintf(cause, "empty");
		goto bad;
	}
	return buf_take(&b);
bad:
	buf_free(&b);
	return NULL;
}
