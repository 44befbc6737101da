/*
 * mail_test.c: unit tests for the mail module on small messages written
 * here: RFC 2047 and 2231, transfer encodings and charsets, HTML-only
 * mail, calendar parts, DSNs, and broken input (LF only, NUL, truncated,
 * no closing boundary, deep nesting, over the size cap).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "mail.h"
#include "util.h"

#define CAP	(1024 * 1024)

static struct mail *
parse(const char *s)
{
	struct mail	*m;
	char		*cause = NULL;

	m = mail_parse(s, strlen(s), CAP, &cause);
	if (m == NULL) {
		printf("# parse failed: %s\n", cause);
		free(cause);
	}
	return m;
}

static const char *
nz(const char *s)
{
	return s != NULL ? s : "";
}

static void
test_headers(void)
{
	struct mail	*m;

	m = parse("from: =?iso-8859-1?q?Jos=E9?= <Jose@Example.COM>\n"
	    "TO: \"Pieters, Jan\" <Jan@Example.nl>, team: a@b.nl,"
	    " c@d.nl (Cees);\n"
	    "Reply-To: <Attendee@Example.org>\n"
	    "Subject: =?ISO-8859-1?Q?Caf=E9_op?=\n"
	    "  =?ISO-8859-1?Q?_maandag?=\n"
	    "Date: Mon, 23 Nov 2026 10:00:00 +0100\n"
	    "Message-ID: <abc@example.com>\n"
	    "In-Reply-To: <inv-1@mailbot.example>\n"
	    "Return-Path: <>\n"
	    "Auto-Submitted: auto-replied (vacation)\n"
	    "Precedence: bulk\n"
	    "List-Id: <x.example.com>\n"
	    "X-Loop: yes\n"
	    "X-Mailbot-Kind: confirm\n"
	    "\n"
	    "Hallo\n");
	CHECK(m != NULL, "headers: parses");
	if (m == NULL)
		return;
	CHECK_STR(m->from_addr, "jose@example.com", "from address bare, lower");
	CHECK_STR(m->from_name, "Jos\xc3\xa9", "from name Q-decoded latin-1");
	CHECK_STR(m->to, "jan@example.nl, a@b.nl, c@d.nl",
	    "to: quoted comma, group, comment");
	CHECK_STR(m->reply_to, "attendee@example.org", "reply-to bare");
	CHECK_STR(m->subject, "Caf\xc3\xa9 op maandag",
	    "folded subject, adjacent Q words joined");
	CHECK(m->date == 1795424400, "date with zone to time_t");
	CHECK_STR(m->message_id, "<abc@example.com>", "message-id kept");
	CHECK_STR(m->in_reply_to, "<inv-1@mailbot.example>", "in-reply-to");
	CHECK_STR(m->return_path, "", "empty return-path is \"\"");
	CHECK_STR(m->auto_submitted, "auto-replied (vacation)",
	    "auto-submitted");
	CHECK_STR(m->precedence, "bulk", "precedence");
	CHECK(m->has_list_headers && m->has_x_loop && m->is_ours,
	    "list, x-loop and our own marker seen");
	CHECK_STR(m->text, "Hallo\n", "plain body, line ends as LF");
	CHECK(m->problem == NULL, "no problem noted");
	mail_free(m);
}

/* RFC 8601: every Authentication-Results field, topmost first, unfolded. */
static void
test_auth_results(void)
{
	struct mail	*m;

	m = parse("Authentication-Results: mx.example.nl;\r\n"
	    "\tdkim=pass header.d=example.org;\r\n"
	    "  dmarc=pass (p=none) header.from=example.org\r\n"
	    "Received: from a by b\r\n"
	    "authentication-results:   relay.example.net; spf=fail\r\n"
	    "\t =?utf-8?q?not_decoded?=  \r\n"
	    "From: a@example.org\r\n"
	    "Subject: x\r\n"
	    "\r\n"
	    "Authentication-Results: body.example; dkim=pass\r\n");
	CHECK(m != NULL && m->nauth_results == 2,
	    "two Authentication-Results fields, none from the body");
	if (m != NULL && m->nauth_results == 2) {
		CHECK_STR(m->auth_results[0], "mx.example.nl;"
		    "\tdkim=pass header.d=example.org;"
		    "  dmarc=pass (p=none) header.from=example.org",
		    "topmost first, unfolded");
		CHECK_STR(m->auth_results[1], "relay.example.net; spf=fail"
		    "\t =?utf-8?q?not_decoded?=",
		    "second one trimmed, any case, not decoded");
	}
	mail_free(m);

	m = parse("From: a@example.org\nSubject: x\n\nbody\n");
	CHECK(m != NULL && m->nauth_results == 0 && m->auth_results == NULL,
	    "no Authentication-Results: none");
	mail_free(m);
}

static void
test_encoded_words(void)
{
	static const struct {
		const char	*in;
		const char	*want;
	} t[] = {
		{ "=?UTF-8?B?R2VhY2NlcHRlZXJkOiDi?= =?UTF-8?B?gqw=?=",
		    "Geaccepteerd: \xe2\x82\xac" },
		{ "Re: =?utf-8?q?Vergadering_=E2=82=AC?= morgen",
		    "Re: Vergadering \xe2\x82\xac morgen" },
		{ "=?windows-1252?Q?=93ja=94?=", "\xe2\x80\x9cja\xe2\x80\x9d" },
		{ "=?iso-8859-1?b?Q2Fm6Q==?=", "Caf\xc3\xa9" },
		{ "a =?bogus?q?x?", "a =?bogus?q?x?" },
		{ "raw caf\xe9", "raw caf\xc3\xa9" },
		{ "=?ks_c_5601-1987?B?x9GxuQ==?=", "\xed\x95\x9c\xea\xb5\xad" },
		{ "raw utf-8 caf\xc3\xa9", "raw utf-8 caf\xc3\xa9" },
	};
	struct mail	*m;
	char		*msg;
	size_t		 i;

	for (i = 0; i < nitems(t); i++) {
		xasprintf(&msg, "From: a@b\r\nSubject: %s\r\n\r\nx\r\n",
		    t[i].in);
		m = parse(msg);
		CHECK_STR(m != NULL ? m->subject : NULL, t[i].want,
		    "subject %s", t[i].in);
		mail_free(m);
		free(msg);
	}
	m = parse("From: a@b\nSubject: =?x-nonesuch?q?caf=E9?=\n\nx\n");
	CHECK_STR(m->subject, "caf\xc3\xa9", "unknown charset read as latin-1");
	CHECK(m->problem != NULL && strstr(m->problem, "x-nonesuch") != NULL,
	    "unknown charset noted as a problem");
	mail_free(m);
}

/* "\x80 5 \x93ok\x94 caf\xe9" in windows-1252, as UTF-8 */
#define CP1252_UTF8 \
    "\xe2\x82\xac 5 \xe2\x80\x9cok\xe2\x80\x9d caf\xc3\xa9"

static void
test_bodies(void)
{
	struct mail	*m;

	m = parse("From: a@b\nContent-Type: text/plain; charset=ISO-8859-1\n"
	    "Content-Transfer-Encoding: quoted-printable\n\n"
	    "Caf=E9 om tien=\n uur=3D goed\n");
	CHECK_STR(m->text, "Caf\xc3\xa9 om tien uur= goed\n",
	    "QP latin-1 body, soft break");
	mail_free(m);
	m = parse("From: a@b\nContent-Type: text/plain; charset=windows-1252\n"
	    "Content-Transfer-Encoding: base64\n\ngCA1IJNva5QgY2Fm6Q==\n");
	CHECK_STR(m->text, CP1252_UTF8,
	    "base64 windows-1252 body");
	mail_free(m);
	m = parse("From: a@b\nContent-Type: text/plain; charset=windows-1252\n"
	    "Content-Transfer-Encoding: base64\n\ngCA1I!!J*Nva5\nQgY2Fm6Q\n");
	CHECK_STR(m->text, CP1252_UTF8,
	    "broken base64 (junk, no padding) decodes what it can");
	mail_free(m);
	m = parse("From: a@b\nContent-Type: text/plain; charset=utf-8\n\n"
	    "ok \xff\xc3 end\n");
	CHECK_STR(m->text, "ok \xef\xbf\xbd\xef\xbf\xbd end\n",
	    "invalid UTF-8 becomes U+FFFD");
	mail_free(m);
}

static void
test_html(void)
{
	struct mail	*m;
	char		*t;

	m = parse("From: a@b\nMIME-Version: 1.0\n"
	    "Content-Type: text/html; charset=\"us-ascii\"\n"
	    "Content-Transfer-Encoding: quoted-printable\n\n"
	    "<html xmlns:o=3D\"urn:schemas-microsoft-com:office:office\">"
	    "<head><style>p.MsoNormal {margin:0}</style></head>\n"
	    "<body lang=3DNL><div class=3DWordSection1>"
	    "<p class=3DMsoNormal>Ik kom&nbsp;graag<o:p></o:p></p>\n"
	    "<p class=3DMsoNormal><o:p>&nbsp;</o:p></p>"
	    "<p>Groet,<br>Jan &amp; Piet &#8364; &#x41;</p></div>"
	    "<!-- <p>hidden</p> --></body></html>\n");
	CHECK(m->html != NULL, "html body kept");
	CHECK_STR(m->text, "Ik kom graag\n\nGroet,\nJan & Piet \xe2\x82\xac A",
	    "Outlook-style HTML turned into text");
	mail_free(m);
	t = mail_html_to_text("a<script>x<y</script>b &bogus; <c &lt;");
	CHECK_STR(t, "ab &bogus; <c <", "script dropped, odd markup kept");
	free(t);
}

#define ICS	"BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\n" \
		"ATTENDEE;PARTSTAT=DECLINED:mailto:a@b.nl\r\n" \
		"END:VEVENT\r\nEND:VCALENDAR\r\n"
#define ICS64	"QkVHSU46VkNBTEVOREFSDQpNRVRIT0Q6UkVQTFkNCkJFR0lOOlZFVkV" \
		"OVA0KQVRURU5ERUU7UEFSVFNUQVQ9REVDTElORUQ6bWFpbHRvOmFAYi5" \
		"ubA0KRU5EOlZFVkVOVA0KRU5EOlZDQUxFTkRBUg0K"

static void
test_calendar(void)
{
	struct mail	*m;

	m = parse("From: a@b.nl\nSubject: Declined: overleg\n"
	    "Content-Type: multipart/alternative; boundary=\"b1\"\n\n"
	    "--b1\nContent-Type: text/plain; charset=utf-8\n\nNee\n"
	    "--b1\nContent-Type: text/calendar; charset=utf-8; method=reply\n"
	    "\n" ICS "--b1--\n");
	CHECK(m->ncals == 1, "inline calendar part found");
	CHECK_STR(m->ncals > 0 ? m->cals[0].method : NULL, "REPLY",
	    "method from the parameter, upper-cased");
	CHECK(m->ncals > 0 && strstr(m->cals[0].text, "PARTSTAT=DECLINED"),
	    "calendar text kept");
	CHECK_STR(m->text, "Nee", "text/plain next to it is the text");
	mail_free(m);

	m = parse("From: a@b.nl\n"
	    "Content-Type: multipart/mixed; boundary=b2\n\n"
	    "--b2\nContent-Type: text/plain\n\nzie bijlage\n"
	    "--b2\nContent-Type: application/octet-stream\n"
	    "Content-Disposition: attachment;\n"
	    " filename*=utf-8''%E2%82%AC%20antwoord.ics\n"
	    "Content-Transfer-Encoding: base64\n\n" ICS64 "\n--b2--\n");
	CHECK(m->ncals == 1, ".ics attachment found by its RFC 2231 name");
	CHECK_STR(m->ncals > 0 ? m->cals[0].filename : NULL,
	    "\xe2\x82\xac antwoord.ics", "RFC 2231 filename decoded");
	CHECK_STR(m->ncals > 0 ? m->cals[0].method : NULL, "REPLY",
	    "method from the METHOD line");
	CHECK(m->ncals > 0 && strcmp(m->cals[0].text, ICS) == 0,
	    "base64 calendar decoded");
	mail_free(m);

	m = parse("From: a@b.nl\n"
	    "Content-Type: multipart/mixed; boundary=b3\n\n"
	    "--b3\nContent-Type: application/ics; name*0*=utf-8''caf%C3%A9;"
	    " name*1=\"-reply.ics\"\n\n" ICS "--b3--\n");
	CHECK(m->ncals == 1, "application/ics found");
	CHECK_STR(m->ncals > 0 ? m->cals[0].filename : NULL,
	    "caf\xc3\xa9-reply.ics", "RFC 2231 continuations joined");
	CHECK_STR(m->ncals > 0 ? m->cals[0].method : NULL, "REPLY",
	    "application/ics method from the text");
	mail_free(m);
}

static void
test_dsn(void)
{
	struct mail	*m;

	m = parse("From: MAILER-DAEMON@mx.example.nl\n"
	    "Subject: Undelivered Mail Returned to Sender\n"
	    "Content-Type: multipart/report; report-type=delivery-status;\n"
	    "\tboundary=\"R\"\n\n"
	    "--R\nContent-Type: text/plain\n\nCould not deliver.\n"
	    "--R\nContent-Type: message/delivery-status\n\n"
	    "Reporting-MTA: dns; mx.example.nl\n\n"
	    "Final-Recipient: rfc822; Piet@Example.org\n"
	    "Original-Recipient: rfc822;piet@example.org\n"
	    "Action: failed\nStatus: 5.1.1\n"
	    "Diagnostic-Code: smtp; 550 5.1.1 <piet@example.org>: User\n"
	    "    unknown\n\n"
	    "Final-Recipient: RFC822; <kees@example.net>\n"
	    "Action: delayed\nStatus: 4.2.2 (mailbox full)\n\n"
	    "--R\nContent-Type: message/rfc822\n\n"
	    "From: bot@example.nl\nSubject: uitnodiging\n"
	    "Content-Type: text/calendar; method=REQUEST\n\n" ICS
	    "--R--\n");
	CHECK(m->is_report && m->has_dsn_part, "multipart/report with a DSN");
	CHECK_STR(m->report_type, "delivery-status", "report-type");
	CHECK(m->ndsn == 2, "two recipient blocks");
	if (m->ndsn == 2) {
		CHECK_STR(m->dsn[0].recipient, "piet@example.org",
		    "first recipient, lower-cased");
		CHECK_STR(m->dsn[0].action, "failed", "first action");
		CHECK_STR(m->dsn[0].status, "5.1.1", "first status");
		CHECK_STR(m->dsn[0].diagnostic,
		    "550 5.1.1 <piet@example.org>: User    unknown",
		    "diagnostic unfolded, type dropped");
		CHECK_STR(m->dsn[1].recipient, "kees@example.net",
		    "second recipient in angle brackets");
		CHECK_STR(m->dsn[1].status, "4.2.2", "status comment dropped");
	}
	CHECK(m->ncals == 0 && m->nested_cals == 1,
	    "calendar in the returned message counted, not read");
	CHECK_STR(m->text, "Could not deliver.", "report text");
	mail_free(m);
}

static void
test_broken(void)
{
	static const char nul[] = "From: a@b\r\nSubject: x\0y\r\n\r\nb\0c\r\n";
	struct mail	*m;
	struct buf	 b;
	char		*cause = NULL, *crlf;
	int		 i;

	m = mail_parse(nul, sizeof(nul) - 1, CAP, &cause);
	CHECK(m != NULL, "NUL bytes: parses");
	CHECK_STR(m != NULL ? m->subject : NULL, "x y", "NUL in a header");
	CHECK_STR(m != NULL ? m->text : NULL, "b c\n", "NUL in the body");
	mail_free(m);

	crlf = "From: a@b\r\nContent-Type: multipart/mixed; boundary=q\r\n\r\n"
	    "--q\r\nContent-Type: text/plain\r\n\r\nhalf a mes";
	m = parse(crlf);
	CHECK(m != NULL, "truncated message parses");
	CHECK(m != NULL && m->text != NULL &&
	    strstr(m->text, "half a mes") != NULL, "truncated text kept");
	mail_free(m);

	m = parse("From: a@b\nContent-Type: multipart/mixed; boundary=q\n\n"
	    "--q\nContent-Type: text/plain\n\none\n"
	    "--q\nContent-Type: text/calendar\n\n" ICS);
	CHECK(m != NULL && m->ncals == 1 && m->text != NULL,
	    "missing closing boundary: both parts read");
	mail_free(m);

	m = parse("From a@b Mon Nov 23 10:00:00 2026\nFrom: a@b\n"
	    "Broken header line\nSubject: still read\n\nbody\n");
	CHECK_STR(m != NULL ? m->subject : NULL, "still read",
	    "mbox line and a bad header line skipped");
	mail_free(m);

	buf_init(&b, SIZE_MAX);
	buf_addstr(&b, "From: a@b\n");
	for (i = 0; i < 40; i++)
		buf_printf(&b, "Content-Type: multipart/mixed; boundary=d%d\n"
		    "\n--d%d\n", i, i);
	buf_addstr(&b, "Content-Type: text/plain\n\ndeep\n");
	for (i = 39; i >= 0; i--)
		buf_printf(&b, "--d%d--\n", i);
	m = parse(b.data);
	CHECK(m != NULL && m->problem != NULL &&
	    strstr(m->problem, "nested deeper") != NULL,
	    "deep nesting stops at the depth limit");
	mail_free(m);
	buf_free(&b);

	buf_init(&b, SIZE_MAX);
	buf_addstr(&b, "From: a@b\n");
	for (i = 0; i < 1000; i++)
		buf_addstr(&b, "Content-Type: message/rfc822\n\n");
	buf_addstr(&b, "Subject: inner\n\nbody\n");
	m = parse(b.data);
	CHECK(m != NULL && m->problem != NULL &&
	    strstr(m->problem, "nested part markers") != NULL,
	    "1000 nested messages: not given to libetpan");
	mail_free(m);
	buf_free(&b);

	m = mail_parse("From: a@b\n\nx\n", 13, 12, &cause);
	CHECK(m == NULL, "over the size cap: NULL");
	CHECK_STR(cause, "message of 13 bytes is larger than the cap 12",
	    "size cap cause");
	free(cause);
	cause = NULL;
	m = mail_parse("just some text\nno header\n", 25, CAP, &cause);
	CHECK(m == NULL && cause != NULL, "not a message: NULL with a cause");
	free(cause);
	m = mail_parse("", 0, CAP, &cause);
	CHECK(m == NULL, "empty input: NULL");
	free(cause);
	mail_free(NULL);
	CHECK(1, "mail_free(NULL) is harmless");
	(void)nz;
}

int
main(void)
{
	test_headers();
	test_auth_results();
	test_encoded_words();
	test_bodies();
	test_html();
	test_calendar();
	test_dsn();
	test_broken();
	return check_done();
}
