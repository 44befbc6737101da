/*
 * token.c: reply tokens from the installation secret. Pure (gnutls only
 * computes the HMAC).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>

#include "log.h"
#include "token.h"
#include "util.h"

void
token_make(const unsigned char *secret, size_t secret_len,
    int64_t attendance_id, char out[TOKEN_LEN + 1])
{
	static const char	 alphabet[] = "abcdefghijklmnopqrstuvwxyz234567";
	unsigned char		 mac[32];
	char			 msg[32];
	int			 n, i, bit;

	n = snprintf(msg, sizeof(msg), "a%lld", (long long)attendance_id);
	if (gnutls_hmac_fast(GNUTLS_MAC_SHA256, secret, secret_len, msg,
	    (size_t)n, mac) != 0)
		fatalx("HMAC-SHA256 is not available");
	/* 16 groups of 5 bits: the first 80 bits of the MAC. */
	for (i = 0; i < TOKEN_LEN; i++) {
		bit = i * 5;
		out[i] = alphabet[((mac[bit / 8] << 8 | mac[bit / 8 + 1]) >>
		    (11 - bit % 8)) & 0x1f];
	}
	out[TOKEN_LEN] = '\0';
}

char *
token_in_address(const char *bot, const char *addrs, const char *prefix)
{
	const char	*at = strchr(bot, '@'), *p, *e;
	size_t		 local, plen = strlen(prefix);

	if (at == NULL)
		return NULL;
	local = (size_t)(at - bot);
	for (p = addrs; p != NULL && *p != '\0'; p = strchr(p, ',')) {
		while (*p == ',' || *p == ' ')
			p++;
		if (strncasecmp(p, bot, local) != 0 || p[local] != '+' ||
		    strncasecmp(p + local + 1, prefix, plen) != 0)
			continue;
		p += local + 1 + plen;
		if ((e = strchr(p, '@')) == NULL || strncasecmp(e, at,
		    strlen(at)) != 0)
			continue;
		return str_lower(xstrndup(p, (size_t)(e - p)));
	}
	return NULL;
}
