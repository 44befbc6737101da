/*
 * encoding.h: the content transfer encodings of RFC 2045 section 6,
 * decoded: base64 and quoted-printable (also the "Q" form of RFC 2047).
 * Pure: no I/O.
 */
#ifndef MAILBOT_ENCODING_H
#define MAILBOT_ENCODING_H

#include <stdbool.h>
#include <stddef.h>

struct buf;

/* encoding_hexval: the value of one hex digit (either case), or -1. */
int	encoding_hexval(int c);

/*
 * encoding_base64_decode: appends the bytes that the len bytes of base64
 * at in stand for to out. Lenient: characters outside the alphabet (line
 * ends, junk) are skipped, the URL-safe "-" and "_" are read as "+" and
 * "/", and "=" ends a group, so broken or concatenated base64 yields what
 * it can. Never fails.
 */
void	encoding_base64_decode(struct buf *out, const char *in, size_t len);

/*
 * encoding_qp_decode: appends the quoted-printable text of len bytes at in,
 * decoded, to out: "=XX" (either case) is a byte, "=" at the end of a line
 * (white space may follow it) a soft line break, and a stray "=" stays as
 * it is. With underscore, "_" is a space (RFC 2047 section 4.2). Never
 * fails.
 */
void	encoding_qp_decode(struct buf *out, const char *in, size_t len,
	    bool underscore);

#endif
