/*
 * rfc2047.h: encoded words ("=?utf-8?q?caf=C3=A9?=") in header values and,
 * though RFC 2047 does not allow them there, in MIME parameters. Pure.
 */
#ifndef MAILBOT_RFC2047_H
#define MAILBOT_RFC2047_H

/*
 * rfc2047_decode: the header value s (NUL-terminated, unfolded) with its
 * encoded words decoded, as UTF-8. B and Q words in any charset iconv
 * knows (others are read as ISO-8859-1 and noted in *problem, see
 * charset_note; problem may be NULL); white space between adjacent words
 * is dropped, and adjacent words in one charset are converted together,
 * so a character split over two words survives. A word may be up to 1000
 * bytes long (RFC 2047 says 75); what does not parse as a word stays as
 * written. 8-bit bytes outside words are kept when UTF-8, else read as
 * ISO-8859-1. Returns a string the caller frees; never NULL.
 */
char	*rfc2047_decode(const char *s, char **problem);

#endif
