/* address_test.c: addresses and one-line texts as people type them. */
#include <stdlib.h>

#include "address.h"
#include "check.h"

static const struct {
	const char	*in;
	const char	*want;	/* NULL: refused */
} addresses[] = {
	{ "a.devries@zorgorg.nl", "a.devries@zorgorg.nl" },
	{ "  A.DeVries@ZorgOrg.NL ", "a.devries@zorgorg.nl" },
	{ "bot+token-1@mailbot.test", "bot+token-1@mailbot.test" },
	{ "o'connor@example.org", "o'connor@example.org" },
	{ "x@sub.domain.example", "x@sub.domain.example" },
	{ "x@xn--bcher-kva.example", "x@xn--bcher-kva.example" },
	{ "", NULL },
	{ "plain", NULL },
	{ "@example.org", NULL },
	{ "a@", NULL },
	{ "a@@example.org", NULL },
	{ "a@b@example.org", NULL },
	{ "a b@example.org", NULL },
	{ ".a@example.org", NULL },
	{ "a.@example.org", NULL },
	{ "a..b@example.org", NULL },
	{ "a@localhost", NULL },
	{ "a@-x.example", NULL },
	{ "a@x-.example", NULL },
	{ "a@x..example", NULL },
	{ "a@exa mple.org", NULL },
	{ "a@b\xc3\xbc" "cher.example", NULL },
	{ "\"a b\"@example.org", NULL },
	{ "a@example.org\r\nBcc: x@y.z", NULL },
	{ "<a@example.org>", NULL },
	{ "a@[127.0.0.1]", NULL },
	{ "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcde"
	    "@x.example", NULL },
};

static const struct {
	const char	*in;
	const char	*want;
} lines[] = {
	{ "Ineke Bakker", "Ineke Bakker" },
	{ "  Ineke   Bakker  ", "Ineke Bakker" },
	{ "Piet\r\nBcc: x@y.z", "Piet Bcc: x@y.z" },
	{ "Tab\there", "Tab here" },
	{ "Zo\xc3\xab \"de\" Vries", "Zo\xc3\xab \"de\" Vries" },
	{ "\xf0\x9f\x98\x80 emoji", "\xf0\x9f\x98\x80 emoji" },
	{ "", NULL },
	{ " \r\n\t ", NULL },
	{ "bad \xff byte", NULL },
	{ "overlong \xc0\xaf", NULL },
	{ "surrogate \xed\xa0\x80", NULL },
	{ "cut \xc3", NULL },
};

/* The input with control characters shown as '?', for test names. */
static const char *
shown(const char *s)
{
	static char	 out[256];
	size_t		 i;

	for (i = 0; s[i] != '\0' && i < sizeof(out) - 1; i++)
		out[i] = (unsigned char)s[i] < 0x20 ? '?' : s[i];
	out[i] = '\0';
	return out;
}

int
main(void)
{
	size_t	 i;
	char	*got, *cause;

	for (i = 0; i < sizeof(addresses) / sizeof(addresses[0]); i++) {
		cause = NULL;
		got = address_normalize(addresses[i].in, &cause);
		CHECK_STR(got, addresses[i].want, "address [%s]",
		    shown(addresses[i].in));
		CHECK((got == NULL) == (cause != NULL),
		    "address [%s] has a cause exactly when refused",
		    shown(addresses[i].in));
		free(got);
		free(cause);
	}
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		cause = NULL;
		got = line_normalize(lines[i].in, 200, &cause);
		CHECK_STR(got, lines[i].want, "line [%s]", shown(lines[i].in));
		free(got);
		free(cause);
	}
	cause = NULL;
	got = line_normalize("abcdef", 5, &cause);
	CHECK(got == NULL && cause != NULL && strstr(cause, "longer than 5"),
	    "a line over the limit is refused");
	free(got);
	free(cause);
	return check_done();
}
