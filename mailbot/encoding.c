/*
 * encoding.c: undoes the content transfer encodings of RFC 2045 section 6
 * (base64 and quoted-printable) for MIME bodies and RFC 2047 words,
 * leniently: what is broken is decoded as far as it goes. Pure: no I/O.
 */
#include <stdbool.h>
#include <stddef.h>

#include "encoding.h"
#include "util.h"

int
encoding_hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int
b64val(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+' || c == '-')
		return 62;
	if (c == '/' || c == '_')
		return 63;
	return -1;
}

/*
 * Base64 (RFC 2045 section 6.8), lenient: characters outside the alphabet
 * are skipped, and "=" ends a group, so broken or concatenated base64
 * yields what it can.
 */
void
encoding_base64_decode(struct buf *out, const char *in, size_t len)
{
	unsigned int	 acc = 0;
	int		 bits = 0, v;
	size_t		 i;
	unsigned char	 c;

	for (i = 0; i < len; i++) {
		if (in[i] == '=') {
			acc = 0;
			bits = 0;
			continue;
		}
		if ((v = b64val((unsigned char)in[i])) < 0)
			continue;
		acc = (acc << 6) | (unsigned int)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			c = (acc >> bits) & 0xff;
			buf_add(out, &c, 1);
		}
	}
}

/* Quoted-printable (RFC 2045 section 6.7); a stray "=" stays as it is. */
void
encoding_qp_decode(struct buf *out, const char *in, size_t len, bool underscore)
{
	size_t		 i, j;
	int		 hi, lo;
	unsigned char	 c;

	for (i = 0; i < len; i++) {
		c = in[i];
		if (c == '_' && underscore)
			c = ' ';
		else if (c == '=') {
			j = i + 1;
			while (j < len && (in[j] == ' ' || in[j] == '\t'))
				j++;
			if (j < len && in[j] == '\r')
				j++;
			if (j < len && in[j] == '\n') {
				i = j;	/* soft line break */
				continue;
			}
			if (i + 2 < len &&
			    (hi = encoding_hexval(in[i + 1])) >= 0 &&
			    (lo = encoding_hexval(in[i + 2])) >= 0) {
				c = hi * 16 + lo;
				i += 2;
			}
		}
		buf_add(out, &c, 1);
	}
}
