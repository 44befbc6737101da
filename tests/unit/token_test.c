/*
 * token_test.c: reply tokens are stable, distinct and address-safe, and
 * found again in the addresses a reply went to.
 */
#include <ctype.h>
#include <stdlib.h>

#include "check.h"
#include "token.h"

/* token_in_address(bot, addrs, prefix), "-" for NULL. */
static void
found(const char *addrs, const char *prefix, const char *want)
{
	char	*t = token_in_address("bot@netwerk.example", addrs, prefix);

	CHECK_STR(t != NULL ? t : "-", want, "token in [%s] with prefix '%s'",
	    addrs, prefix);
	free(t);
}

int
main(void)
{
	unsigned char	 secret[32], other[32];
	char		 a[TOKEN_LEN + 1], b[TOKEN_LEN + 1], c[TOKEN_LEN + 1];
	size_t		 i;
	int		 safe = 1;

	for (i = 0; i < sizeof(secret); i++) {
		secret[i] = (unsigned char)i;
		other[i] = (unsigned char)(i + 1);
	}
	token_make(secret, sizeof(secret), 17, a);
	token_make(secret, sizeof(secret), 17, b);
	CHECK_STR(a, b, "the same row gives the same token");
	CHECK(strlen(a) == TOKEN_LEN, "a token has %d characters", TOKEN_LEN);
	for (i = 0; i < TOKEN_LEN; i++)
		if (!islower((unsigned char)a[i]) && !(a[i] >= '2' &&
		    a[i] <= '7'))
			safe = 0;
	CHECK(safe, "lower-case base32 only: safe in an address");
	token_make(secret, sizeof(secret), 18, c);
	CHECK(strcmp(a, c) != 0, "another row gives another token");
	token_make(other, sizeof(other), 17, c);
	CHECK(strcmp(a, c) != 0, "another secret gives another token");
	/* Base32 of the first 80 bits of HMAC-SHA256(00 01 … 1f, "a17"),
	   computed with Python's hmac: pinned, because a change of the
	   scheme would orphan every token already sent. */
	CHECK_STR(a, "lnkvui74aucusicl", "the token scheme is unchanged");

	found("bot+abc234@netwerk.example", "", "abc234");
	found("x@y.nl, Bot+ABC234@Netwerk.Example", "", "abc234");
	found("bot+bounce-abc234@netwerk.example", "bounce-", "abc234");
	found("bot+prep-abc234@netwerk.example", "prep-", "abc234");
	found("BOT+Prep-abc234@netwerk.example", "prep-", "abc234");
	found("bot+abc234@netwerk.example", "prep-", "-");
	found("bot+abc234@elders.example", "", "-");
	found("robot+abc234@netwerk.example", "", "-");
	found("bot@netwerk.example", "", "-");
	found("bot+abc234", "", "-");
	found("", "", "-");
	return check_done();
}
