/*
 * charset.h: text in a declared charset (or none) to UTF-8, and the notes
 * (the "problem" of a struct mail) in which the readers of mail say what
 * they could not read as written. Pure: no I/O.
 */
#ifndef MAILBOT_CHARSET_H
#define MAILBOT_CHARSET_H

#include <stddef.h>

/*
 * charset_to_utf8: the len bytes at in (need not be NUL-terminated), in
 * charset cs, as UTF-8. cs NULL or "" means US-ASCII; an RFC 2231
 * language ("utf-8*en") is ignored; a few names glibc lacks are mapped
 * ("ks_c_5601-1987" is CP949). A charset iconv does not know is read as
 * ISO-8859-1 and noted in *problem (see charset_note; problem may be
 * NULL). Bytes that do not convert, and bad UTF-8 in a UTF-8 text,
 * become U+FFFD. Returns a string the caller frees; never NULL.
 */
char	*charset_to_utf8(const char *cs, const char *in, size_t len,
	    char **problem);

/*
 * charset_raw_to_utf8: len bytes of no declared charset (8-bit header
 * bytes): copied when they are UTF-8, else read as ISO-8859-1. Returns a
 * string the caller frees; never NULL.
 */
char	*charset_raw_to_utf8(const char *in, size_t len);

/*
 * charset_note: adds one note, formatted, to *problem: NULL or notes
 * separated by "; ", which the caller owns and frees. A note already in
 * it is not added again, and none once *problem is 1000 bytes long, so
 * hostile input cannot make it grow without end. Does nothing when
 * problem is NULL.
 */
void	 charset_note(char **problem, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

#endif
