/*
 * header_test.c: unit tests for header.c: normalising line ends and NUL,
 * reading a header section (folding, white space before the colon, an
 * mbox line, lines that are no field, the caps), and the values read from
 * fields: mailboxes, address lists, dates.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "header.h"
#include "util.h"

static void
test_normalize(void)
{
	static const char	 raw[] = "a\nb\r\nc\rd\0e\r\r\nf";
	struct buf		 b;

	buf_init(&b, SIZE_MAX);
	header_normalize(&b, raw, sizeof(raw) - 1);
	CHECK_STR(b.data, "a\r\nb\r\nc\r\nd e\r\n\r\nf",
	    "LF, CRLF, lone CR become CRLF; NUL a space");
	buf_free(&b);
}

/* Normalises s and reads its header section into h; returns the offset. */
static size_t
parse(struct header *h, const char *s, struct buf *b)
{
	buf_init(b, SIZE_MAX);
	header_normalize(b, s, strlen(s));
	memset(h, 0, sizeof(*h));
	return header_parse(h, b->data, b->len);
}

static void
test_parse(void)
{
	struct header	 h;
	struct buf	 b;
	size_t		 off;

	off = parse(&h, "From a@b Mon Nov 23 10:00:00 2026\n"
	    "Subject: =?utf-8?q?kept?=\n"
	    "  as written \n"
	    "X-Odd :value\n"
	    "Broken header line\n"
	    "to:\tA <a@b>,\n"
	    "\tC <c@d>\n"
	    "\n"
	    "Body: not a field\n", &b);
	CHECK(h.nfields == 3, "three fields, the mbox and broken lines "
	    "dropped (%zu)", h.nfields);
	if (h.nfields == 3) {
		CHECK_STR(h.fields[0].name, "Subject", "name as written");
		CHECK_STR(h.fields[0].value,
		    "=?utf-8?q?kept?=  as written", "unfolded, trimmed, "
		    "not decoded");
		CHECK_STR(h.fields[1].name, "X-Odd",
		    "white space before the colon");
		CHECK_STR(h.fields[1].value, "value", "value after it");
		CHECK_STR(h.fields[2].value, "A <a@b>,\tC <c@d>",
		    "folded with a tab");
	}
	CHECK_STR(b.data + off, "Body: not a field\r\n",
	    "the offset is that of the body");
	CHECK_STR(header_get(&h, "TO"), "A <a@b>,\tC <c@d>",
	    "header_get in any case");
	CHECK(header_get(&h, "Cc") == NULL, "header_get: missing is NULL");
	header_clear(&h);
	CHECK(h.fields == NULL && h.nfields == 0, "header_clear zeroes");
	header_clear(NULL);
	buf_free(&b);

	off = parse(&h, "just some text\nno header\n", &b);
	CHECK(h.nfields == 0 && off == 0,
	    "a first line that is no field ends the section");
	header_clear(&h);
	buf_free(&b);

	off = parse(&h, " continuation first\nA: 1\nA: 2", &b);
	CHECK(h.nfields == 2 && off == b.len,
	    "a continuation before any field is dropped; no blank line");
	CHECK_STR(header_get(&h, "a"), "1", "header_get: the first one");
	header_clear(&h);
	buf_free(&b);

	off = parse(&h, "", &b);
	CHECK(h.nfields == 0 && off == 0, "empty input");
	header_clear(&h);
	buf_free(&b);
}

static void
test_caps(void)
{
	struct header	 h;
	struct buf	 in, b;
	int		 i;

	buf_init(&in, SIZE_MAX);
	for (i = 0; i < 1200; i++)
		buf_printf(&in, "X-%d: %d\n", i, i);
	parse(&h, in.data, &b);
	CHECK(h.nfields == 1000, "at most 1000 fields kept (%zu)",
	    h.nfields);
	header_clear(&h);
	buf_free(&b);
	buf_free(&in);

	buf_init(&in, SIZE_MAX);
	buf_addstr(&in, "Subject: ");
	for (i = 0; i < 70 * 1024; i++)
		buf_addstr(&in, "a");
	buf_addstr(&in, "\n");
	for (i = 0; i < 100; i++)
		buf_addstr(&in, " more\n");
	buf_addstr(&in, "X: y\n\nbody");
	parse(&h, in.data, &b);
	/* 64 KiB from the colon on, so the space after it counts */
	CHECK(h.nfields == 2 && strlen(h.fields[0].value) == 64 * 1024 - 1,
	    "a field longer than 64 KiB is cut, its continuations dropped, "
	    "the next one read");
	header_clear(&h);
	buf_free(&b);
	buf_free(&in);
}

static void
test_mailbox(void)
{
	static const struct {
		const char	*in;
		const char	*addr;
		const char	*name;
	} t[] = {
		{ "Jan <Jan@Example.NL>", "jan@example.nl", "Jan" },
		{ "\"Pieters, Jan\" <a@b>", "a@b", "Pieters, Jan" },
		{ "\"Jan \\\"JJ\\\" P\" <a@b>", "a@b", "Jan \"JJ\" P" },
		{ "a@b (Cees)", "a@b", "Cees" },
		{ "a@b", "a@b", NULL },
		{ "<>", "", NULL },
		{ "", "", NULL },
		{ "<a@b", "a@b", NULL },		/* unclosed */
		{ "Jan <a (work) @b>", "a  @b", "Jan" },	/* comment */
		{ "=?iso-8859-1?q?Jos=E9?= <j@x>", "j@x", "Jos\xc3\xa9" },
		{ "Caf\xe9 <caf\xe9@x>", "caf\xc3\xa9@x", "Caf\xc3\xa9" },
	};
	char	*addr, *name;
	size_t	 i;

	for (i = 0; i < nitems(t); i++) {
		name = NULL;
		addr = header_mailbox(t[i].in, strlen(t[i].in), &name, NULL);
		CHECK_STR(addr, t[i].addr, "mailbox address of \"%s\"",
		    t[i].in);
		CHECK_STR(name, t[i].name, "mailbox name of \"%s\"", t[i].in);
		free(addr);
		free(name);
	}
	addr = header_mailbox("A <a@b>, B <c@d>", 7, NULL, NULL);
	CHECK_STR(addr, "a@b", "mailbox reads len bytes; name_out NULL");
	free(addr);
}

static void
test_addresses(void)
{
	static const struct {
		const char	*in;
		const char	*all;
		const char	*first;
	} t[] = {
		{ "\"Pieters, Jan\" <Jan@Example.nl>, team: a@b.nl,"
		    " c@d.nl (Cees);", "jan@example.nl, a@b.nl, c@d.nl",
		    "jan@example.nl" },
		{ "undisclosed-recipients:;", "", "" },
		{ "a@b,, ,c@d", "a@b, c@d", "a@b" },
		{ "\"a, b\" <x@y>", "x@y", "x@y" },
		{ "a@b (x, y), c@d", "a@b, c@d", "a@b" },
		{ "", "", "" },
	};
	char	*v;
	size_t	 i;

	for (i = 0; i < nitems(t); i++) {
		v = header_addresses(t[i].in, false, NULL);
		CHECK_STR(v, t[i].all, "addresses of \"%s\"", t[i].in);
		free(v);
		v = header_addresses(t[i].in, true, NULL);
		CHECK_STR(v, t[i].first, "first address of \"%s\"", t[i].in);
		free(v);
	}
}

static void
test_date(void)
{
	static const struct {
		const char	*in;
		time_t		 want;
	} t[] = {
		{ "Mon, 23 Nov 2026 10:00:00 +0100", 1795424400 },
		{ "23 Nov 2026 09:00:00 +0000", 1795424400 },
		{ "Mon, 23 Nov 2026 04:00:00 -0500", 1795424400 },
		{ "Mon, 23 Nov 26 10:00:00 +0100", 1795424400 },
		{ "Fri, 31 Dec 99 23:59:59 +0000", 946684799 },
		{ "gisteren", 0 },
		{ "", 0 },
		{ "Mon, 23 Foo 2026 10:00:00 +0100", 0 },
		{ "Mon, 23 Nov 2026 25:00:00 +0100", 0 },
	};
	size_t	 i;

	for (i = 0; i < nitems(t); i++)
		CHECK(header_date(t[i].in) == t[i].want,
		    "date \"%s\" (%lld)", t[i].in,
		    (long long)header_date(t[i].in));
}

int
main(void)
{
	test_normalize();
	test_parse();
	test_caps();
	test_mailbox();
	test_addresses();
	test_date();
	return check_done();
}
