/*
 * token.c: reply tokens from the installation secret. Pure (gnutls only
 * computes the HMAC).
 */
#include <stdio.h>
#include <string.h>

#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>

#include "log.h"
#include "token.h"

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
