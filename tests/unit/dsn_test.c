/*
 * dsn_test.c: unit tests for delivery status notifications (dsn.c):
 * recipient blocks, which field wins, the per-message block, route and
 * angle-bracket addresses, appending from a second report.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "dsn.h"
#include "util.h"

static void
dsn_free(struct dsn_recipient *d, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		free(d[i].recipient);
		free(d[i].action);
		free(d[i].status);
		free(d[i].diagnostic);
	}
	free(d);
}

static void
test_report(void)
{
	struct dsn_recipient	*d = NULL;
	size_t			 n = 0;

	dsn_parse("Reporting-MTA: dns; mx.example.nl\n"
	    "Arrival-Date: Mon, 23 Nov 2026 10:00:00 +0100\n\n"
	    "Final-Recipient: rfc822; Piet@Example.org\n"
	    "Original-Recipient: rfc822;other@example.org\n"
	    "Action: Failed\nStatus: 5.1.1\n"
	    "Diagnostic-Code: smtp; 550 5.1.1 <piet@example.org>: User\n"
	    "    unknown\n\n\n"
	    "Original-Recipient: RFC822; <kees@example.net>\r\n"
	    "Action: delayed\r\nStatus: 4.2.2 (mailbox full)\r\n\r\n"
	    "Final-Recipient: rfc822; @relay.example:Jo@example.com\n"
	    "Status: 5.0.0\n\n"
	    "X-Note: a block with neither recipient nor action\n", &d, &n);
	CHECK(n == 3, "three recipient blocks (%zu)", n);
	if (n == 3) {
		CHECK_STR(d[0].recipient, "piet@example.org",
		    "Final-Recipient wins, lower-cased, type dropped");
		CHECK_STR(d[0].action, "failed", "action lower-cased");
		CHECK_STR(d[0].status, "5.1.1", "status");
		CHECK_STR(d[0].diagnostic,
		    "550 5.1.1 <piet@example.org>: User    unknown",
		    "diagnostic unfolded, type dropped");
		CHECK_STR(d[1].recipient, "kees@example.net",
		    "Original-Recipient when there is no Final, <> dropped");
		CHECK_STR(d[1].status, "4.2.2", "status comment dropped");
		CHECK(d[1].diagnostic == NULL, "no diagnostic: NULL");
		CHECK_STR(d[2].recipient, "jo@example.com",
		    "source route dropped");
		CHECK(d[2].action == NULL, "no action: NULL");
	}
	dsn_parse("Reporting-MTA: dns; other.example\n\n"
	    "Final-Recipient: rfc822; x@y\nAction: failed\n", &d, &n);
	CHECK(n == 4 && strcmp(d[3].recipient, "x@y") == 0,
	    "a second report is appended");
	dsn_free(d, n);
}

static void
test_odd(void)
{
	struct dsn_recipient	*d = NULL;
	size_t			 n = 0;

	dsn_parse("", &d, &n);
	CHECK(n == 0 && d == NULL, "empty text: nothing");
	dsn_parse("\n\n\n", &d, &n);
	CHECK(n == 0 && d == NULL, "blank lines: nothing");
	dsn_parse("no fields here\n\nAction: failed\n", &d, &n);
	CHECK(n == 1 && d[0].recipient == NULL,
	    "a line that is no field is skipped, the next block read");
	dsn_free(d, n);

	d = NULL;
	n = 0;
	dsn_parse("Reporting-MTA: dns; a\nFinal-Recipient: rfc822; a@b\n"
	    "Action: failed\n", &d, &n);
	CHECK(n == 0, "a Reporting-MTA block first is the per-message one");
	dsn_free(d, n);
}

static void
test_cap(void)
{
	struct dsn_recipient	*d = NULL;
	struct buf		 b;
	size_t			 n = 0;
	int			 i;

	buf_init(&b, SIZE_MAX);
	for (i = 0; i < 1100; i++)
		buf_printf(&b, "Final-Recipient: rfc822; u%d@x\n\n", i);
	dsn_parse(b.data, &d, &n);
	CHECK(n == 1000, "at most 1000 blocks kept (%zu)", n);
	dsn_parse(b.data, &d, &n);
	CHECK(n == 1000, "also over two reports");
	dsn_free(d, n);
	buf_free(&b);
}

int
main(void)
{
	test_report();
	test_odd();
	test_cap();
	return check_done();
}
