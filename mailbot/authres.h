/*
 * authres.h: reads Authentication-Results header fields (RFC 8601), the
 * receiving server's verdict on a message's DKIM signatures and DMARC
 * alignment, and says whether a From domain was verified. Pure.
 */
#ifndef MAILBOT_AUTHRES_H
#define MAILBOT_AUTHRES_H

#include <stdbool.h>
#include <stddef.h>

#define AUTHRES_MAX_RESULTS	16	/* results kept per field */

/* One "method=result" with the properties that matter here. */
struct authres_result {
	char	*method;	/* "dkim", "dmarc", "spf", … lower case */
	char	*result;	/* "pass", "fail", "none", … lower case */
	char	*header_from;	/* header.from, lower case; NULL */
	char	*header_d;	/* header.d (or the domain of header.i); NULL */
};

struct authres {
	char			*authserv_id;	/* lower case */
	struct authres_result	 r[AUTHRES_MAX_RESULTS];
	size_t			 n;
};

/*
 * authres_parse: reads one field's value (after "Authentication-Results:",
 * unfolded): the authserv-id, an optional version, then "; method=result
 * reason=… ptype.property=value …" clauses, with comments and quoted
 * strings as RFC 8601 section 2.2 allows. "none" gives no results. Returns
 * 0 and fills *out (free with authres_clear), or -1 when there is no
 * authserv-id; results it cannot read are skipped.
 */
int	authres_parse(const char *value, struct authres *out);
void	authres_clear(struct authres *);

/*
 * authres_verified: true when, among the fields (values as written) whose
 * authserv-id is authserv_id (compared without case), one says dmarc=pass
 * with header.from equal to from_domain, or dkim=pass with a signing
 * domain (header.d) that is from_domain or a parent domain of it (relaxed
 * alignment, RFC 7489 section 3.1.1), and none says dmarc=fail for
 * from_domain. Fields of any other server are ignored: anyone can write
 * them. False when authserv_id or from_domain is NULL or empty.
 */
bool	authres_verified(const char *const *fields, size_t n,
	    const char *authserv_id, const char *from_domain);

#endif
