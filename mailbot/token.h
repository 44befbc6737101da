/*
 * token.h: reply tokens. A token is 16 lower-case base32 characters, the
 * first 80 bits of HMAC-SHA256(secret, "a" + attendance id): unguessable,
 * safe in the local part of an address, and the same every time. Pure.
 */
#ifndef MAILBOT_TOKEN_H
#define MAILBOT_TOKEN_H

#include <stddef.h>
#include <stdint.h>

#define TOKEN_LEN	16

/* token_make: writes the token of attendance id into out (TOKEN_LEN + 1). */
void	token_make(const unsigned char *secret, size_t secret_len,
	    int64_t attendance_id, char out[TOKEN_LEN + 1]);

/*
 * token_in_address: the token of the first address in the comma-separated
 * list addrs that is the bot's own address plus "+" prefix TOKEN (bot+
 * TOKEN@domain, bot+bounce-TOKEN@domain, …), in lower case; NULL when
 * none is. The local part and prefix are compared without case, as
 * clients and servers sometimes change it.
 */
char	*token_in_address(const char *bot, const char *addrs,
	    const char *prefix);

#endif
