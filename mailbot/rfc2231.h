/*
 * rfc2231.h: MIME parameter values (RFC 2045 section 5.1) as UTF-8, with
 * RFC 2231 charsets, percent-encoding and continuations. Pure.
 */
#ifndef MAILBOT_RFC2231_H
#define MAILBOT_RFC2231_H

#include <stddef.h>

/*
 * One parameter of a Content-Type or Content-Disposition field as it was
 * written: name may carry RFC 2231's "*", "*0", "*1*"; value is without
 * its quotes. Either may be NULL (then it is skipped). Lent, not owned.
 */
struct rfc2231_param {
	const char	*name;
	const char	*value;
};

/*
 * rfc2231_param_get: the value of parameter name among the n params, as
 * UTF-8, or NULL when there is none. Names are matched in any case; the
 * first match counts. Read, in this order: "name*" (an extended value,
 * charset'language'percent-encoded, RFC 2231 section 4), else the
 * continuations "name*0", "name*1*", ... up to 100 (section 3; only the
 * first may name a charset), else "name", whose RFC 2047 words are
 * decoded (not allowed, but common). An unknown charset is read as
 * ISO-8859-1 and noted in *problem (see charset_note; problem may be
 * NULL). Returns a string the caller frees.
 */
char	*rfc2231_param_get(const struct rfc2231_param *params, size_t n,
	    const char *name, char **problem);

#endif
