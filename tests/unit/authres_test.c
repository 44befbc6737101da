/*
 * authres_test.c: Authentication-Results fields as receiving servers write
 * them (OpenDKIM, OpenDMARC, Gmail, Microsoft 365, rspamd), read into
 * results, and the verdict on a From domain: only the configured server
 * counts, DKIM must align, a DMARC fail wins.
 */
#include <stdlib.h>

#include "authres.h"
#include "check.h"

#define ID	"mx.netwerk.example"

static void
verdict(const char *field, const char *domain, bool want, const char *why)
{
	const char	*f[] = { field };

	CHECK(authres_verified(f, 1, ID, domain) == want, "%s: %s", why,
	    want ? "verified" : "not verified");
}

static void
parsed(void)
{
	struct authres	 a;

	CHECK(authres_parse("mx.Netwerk.example 1; dkim=pass (2048-bit key; "
	    "unprotected) header.d=ZorgOrg.nl header.i=@zorgorg.nl "
	    "header.b=\"Ab/cD+e=\"; spf=pass smtp.mailfrom=x@zorgorg.nl; "
	    "dmarc=pass (p=reject dis=none) header.from=zorgorg.nl", &a) == 0,
	    "an OpenDKIM/OpenDMARC field parses");
	CHECK_STR(a.authserv_id, "mx.netwerk.example", "authserv-id, lower case");
	CHECK(a.n == 3, "three results (got %zu)", a.n);
	CHECK_STR(a.r[0].method, "dkim", "first method");
	CHECK_STR(a.r[0].result, "pass", "first result");
	CHECK_STR(a.r[0].header_d, "zorgorg.nl", "header.d, lower case");
	CHECK_STR(a.r[2].method, "dmarc", "third method");
	CHECK_STR(a.r[2].header_from, "zorgorg.nl", "header.from");
	authres_clear(&a);

	CHECK(authres_parse("  (a comment (nested)) mx.example; dkim/1 = fail "
	    "reason=\"bad; sig\" header.i=jan@sub.Example.org", &a) == 0,
	    "a comment first, a version, spaces around =, a quoted ';'");
	CHECK_STR(a.authserv_id, "mx.example", "authserv-id after a comment");
	CHECK(a.n == 1, "one result through the quoted ';' (got %zu)", a.n);
	CHECK_STR(a.r[0].method, "dkim", "method without its version");
	CHECK_STR(a.r[0].result, "fail", "result");
	CHECK_STR(a.r[0].header_d, "sub.example.org", "header.i gives the domain");
	authres_clear(&a);

	CHECK(authres_parse("mx.example; none", &a) == 0 && a.n == 0,
	    "'none' gives no results");
	authres_clear(&a);
	CHECK(authres_parse("", &a) == -1, "an empty field has no authserv-id");
	CHECK(authres_parse("; dkim=pass", &a) == -1,
	    "a field that starts with ';' has no authserv-id");
	CHECK(authres_parse("mx.example; dkim=; =pass; dmarc", &a) == 0 &&
	    a.n == 0, "broken clauses are skipped");
	authres_clear(&a);
	CHECK(authres_parse("mx.example; dkim=pass header.d=\"unterminated",
	    &a) == 0 && a.n == 1, "an unterminated quote ends the field");
	authres_clear(&a);
	CHECK(authres_parse("mx.example (unterminated; dkim=pass", &a) == 0 &&
	    a.n == 0, "an unterminated comment swallows the rest");
	authres_clear(&a);
}

int
main(void)
{
	const char	*two[] = {
		"other.example; dmarc=pass header.from=zorgorg.nl",
		ID "; dkim=pass header.d=zorgorg.nl"
	};
	const char	*conflict[] = {
		ID "; dkim=pass header.d=zorgorg.nl",
		ID "; dmarc=fail header.from=zorgorg.nl"
	};

	parsed();
	verdict(ID "; dmarc=pass header.from=zorgorg.nl", "zorgorg.nl", true,
	    "DMARC pass for the From domain");
	verdict(ID "; dmarc=pass header.from=zorgorg.nl", "ZORGORG.NL", true,
	    "the From domain in other case");
	verdict(ID "; dmarc=pass header.from=evil.example", "zorgorg.nl",
	    false, "DMARC pass for another domain");
	verdict(ID "; dmarc=pass", "zorgorg.nl", false,
	    "DMARC pass that names no domain");
	verdict(ID "; dkim=pass header.d=zorgorg.nl", "zorgorg.nl", true,
	    "DKIM pass by the From domain");
	verdict(ID "; dkim=pass header.d=zorgorg.nl", "mail.zorgorg.nl", true,
	    "DKIM pass by a parent domain (relaxed alignment)");
	verdict(ID "; dkim=pass header.d=mail.zorgorg.nl", "zorgorg.nl", false,
	    "DKIM pass by a subdomain is not aligned the other way");
	verdict(ID "; dkim=pass header.d=org.nl", "zorgorg.nl", false,
	    "DKIM pass by a domain that merely ends alike");
	verdict(ID "; dkim=pass header.d=nl", "zorgorg.nl", false,
	    "DKIM pass by a top-level domain");
	verdict(ID "; dkim=pass header.d=sendgrid.net", "zorgorg.nl", false,
	    "DKIM pass by a mailing service, not aligned");
	verdict(ID "; dkim=fail header.d=zorgorg.nl", "zorgorg.nl", false,
	    "DKIM fail");
	verdict(ID "; spf=pass smtp.mailfrom=zorgorg.nl", "zorgorg.nl", false,
	    "SPF alone does not verify a From");
	verdict("mx.evil.example; dmarc=pass header.from=zorgorg.nl",
	    "zorgorg.nl", false, "another server's verdict");
	verdict("MX.NETWERK.EXAMPLE; dkim=pass header.d=zorgorg.nl",
	    "zorgorg.nl", true, "the authserv-id without case");
	verdict(ID "; dkim=pass header.d=zorgorg.nl", NULL, false,
	    "no From domain");
	CHECK(authres_verified(two, 2, ID, "zorgorg.nl"),
	    "our field verifies, beside another server's");
	CHECK(!authres_verified(two, 1, ID, "zorgorg.nl"),
	    "only another server's field: not verified");
	CHECK(!authres_verified(conflict, 2, ID, "zorgorg.nl"),
	    "a DMARC fail wins over a DKIM pass");
	CHECK(!authres_verified(two, 2, "", "zorgorg.nl"),
	    "no authserv-id configured: nothing verifies");
	return check_done();
}
