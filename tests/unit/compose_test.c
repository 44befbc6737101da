/*
 * compose_test.c: whole messages, checked on their bytes (CRLF, line
 * lengths, header order, injection) and parsed back with libetpan (the
 * MIME tree, RFC 2047 words, decoded bodies equal to what went in).
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libetpan/libetpan.h>

#include "check.h"
#include "compose.h"
#include "util.h"

#define CAL_HEAD							\
	"BEGIN:VCALENDAR\r\n"						\
	"PRODID:-//Leernetwerk Mailbot//NL\r\n"				\
	"VERSION:2.0\r\n"

#define CAL_EVENT							\
	"BEGIN:VEVENT\r\n"						\
	"UID:m42-p17-s0@netwerk.example\r\n"				\
	"SEQUENCE:0\r\n"						\
	"DTSTAMP:20260201T090000Z\r\n"					\
	"DTSTART:20260312T130000Z\r\n"					\
	"DTEND:20260312T160000Z\r\n"					\
	"SUMMARY:Leernetwerk Zorg \xe2\x80\x93 bijeenkomst 3\r\n"	\
	"ORGANIZER;CN=\"Leernetwerk Zorg\":mailto:uitnodiging@netwerk.example\r\n" \
	"END:VEVENT\r\n"						\
	"END:VCALENDAR\r\n"

static const char CAL_REQUEST[] = CAL_HEAD "METHOD:REQUEST\r\n" CAL_EVENT;
static const char CAL_CANCEL[] = CAL_HEAD "METHOD:CANCEL\r\n" CAL_EVENT;

static const char SUBJECT[] = "Uitnodiging: caf\xc3\xa9 \xe2\x80\x93 12 maart";
static const char FROM_NAME[] =
    "Leernetwerk Zorg \xe2\x80\x93 namens J. Jansen";
static const char TEXT[] =
    "Beste A. de Vries,\n"
    "\n"
    "Je bent uitgenodigd voor bijeenkomst 3 (caf\xc3\xa9 De Zon).\n"
    "Antwoord met JA of NEE op deze mail. \n"
    "From now on: 100% = 1.\n"
    ".\n";
static const char TEXT_CRLF[] =
    "Beste A. de Vries,\r\n"
    "\r\n"
    "Je bent uitgenodigd voor bijeenkomst 3 (caf\xc3\xa9 De Zon).\r\n"
    "Antwoord met JA of NEE op deze mail. \r\n"
    "From now on: 100% = 1.\r\n"
    ".\r\n";
static const char HTML[] = "<p>Beste A. de Vries,</p>\n<p>Caf\xc3\xa9</p>\n";
static const char HTML_CRLF[] =
    "<p>Beste A. de Vries,</p>\r\n<p>Caf\xc3\xa9</p>\r\n";

/* An invitation with a calendar; tests change what they need. */
static struct compose_msg
invitation(void)
{
	struct compose_msg	 m = {
		.kind = "invitation",
		.from_name = FROM_NAME,
		.from_addr = "uitnodiging@netwerk.example",
		.to_name = "A. de Vries",
		.to_addr = "a.devries@zorgorg.nl",
		.reply_to = "uitnodiging+tok123@netwerk.example",
		.subject = SUBJECT,
		.message_id = "m42-p17-s0.abc@netwerk.example",
		.in_reply_to = NULL,
		.date = 1773320400,	/* Thu, 12 Mar 2026 13:00:00 UTC */
		.is_auto = false,
		.text = TEXT,
		.html = HTML,
		.calendar = CAL_REQUEST,
		.method = "REQUEST",
		.ics_name = "uitnodiging.ics",
	};

	return m;
}

/* A built message, or NULL with the cause printed. */
static char *
build(const struct compose_msg *m, size_t *len)
{
	char	*cause = NULL, *s;

	*len = 0;
	s = compose_build(m, len, &cause);
	if (s == NULL) {
		printf("# compose_build: %s\n", cause);
		free(cause);
	}
	return s;
}

/* Whether compose_build refuses m with a cause. */
static bool
refused(const struct compose_msg *m)
{
	char	*cause = NULL, *s;
	size_t	 len;

	s = compose_build(m, &len, &cause);
	free(s);
	if (s != NULL || cause == NULL)
		return false;
	free(cause);
	return true;
}

static bool
crlf_only(const char *s, size_t len)
{
	size_t	 i;

	for (i = 0; i < len; i++) {
		if (s[i] == '\r' && (i + 1 == len || s[i + 1] != '\n'))
			return false;
		if (s[i] == '\n' && (i == 0 || s[i - 1] != '\r'))
			return false;
	}
	return true;
}

/* The longest line, CRLF not counted. */
static size_t
longest_line(const char *s, size_t len)
{
	size_t	 i, start = 0, max = 0;

	for (i = 0; i < len; i++) {
		if (s[i] != '\n')
			continue;
		if (i - start - 1 > max)
			max = i - start - 1;
		start = i + 1;
	}
	return max;
}

/* The length of the top-level header, up to its last CRLF. */
static size_t
header_len(const char *s, size_t len)
{
	const char	*p = memmem(s, len, "\r\n\r\n", 4);

	return p != NULL ? (size_t)(p - s) + 2 : len;
}

/* Where the field called name starts in the header, or -1. */
static long
header_pos(const char *s, size_t len, const char *name)
{
	size_t	 hl = header_len(s, len), nlen = strlen(name), i;

	for (i = 0; i < hl; i++)
		if ((i == 0 || s[i - 1] == '\n') && hl - i > nlen &&
		    strncasecmp(s + i, name, nlen) == 0 && s[i + nlen] == ':')
			return (long)i;
	return -1;
}

/* The unfolded value of a top-level field (new string), or NULL. */
static char *
header_get(const char *s, size_t len, const char *name)
{
	struct buf	 b;
	long		 pos = header_pos(s, len, name);
	size_t		 i, hl = header_len(s, len);

	if (pos < 0)
		return NULL;
	buf_init(&b, (size_t)-1);
	i = (size_t)pos + strlen(name) + 1;
	while (i < hl && (s[i] == ' ' || s[i] == '\t'))
		i++;
	for (; i < hl; i++) {
		if (s[i] == '\r' && s[i + 1] == '\n') {
			if (i + 2 >= hl || (s[i + 2] != ' ' && s[i + 2] != '\t'))
				break;
			i++;
			continue;
		}
		buf_add(&b, s + i, 1);
	}
	return buf_take(&b);
}

/* The number of lines that start with prefix. */
static int
lines_starting(const char *s, size_t len, const char *prefix)
{
	size_t	 i, plen = strlen(prefix);
	int	 n = 0;

	for (i = 0; i < len; i++)
		if ((i == 0 || s[i - 1] == '\n') && len - i >= plen &&
		    strncasecmp(s + i, prefix, plen) == 0)
			n++;
	return n;
}

/* Occurrences of needle in s. */
static int
count(const char *s, size_t len, const char *needle)
{
	const char	*p = s, *end = s + len;
	int		 n = 0;

	while ((p = memmem(p, (size_t)(end - p), needle,
	    strlen(needle))) != NULL) {
		n++;
		p++;
	}
	return n;
}

/* RFC 2047 words decoded by libetpan (new string; NULL on error). */
static char *
decode_words(const char *raw)
{
	size_t	 idx = 0;
	char	*out = NULL, *copy;

	if (raw == NULL || mailmime_encoded_phrase_parse("utf-8", raw,
	    strlen(raw), &idx, "utf-8", &out) != MAILIMF_NO_ERROR)
		return NULL;
	copy = xstrdup(out);
	free(out);
	return copy;
}

/* The longest encoded-word in raw header text. */
static size_t
longest_word(const char *raw)
{
	const char	*p = raw, *end;
	size_t		 max = 0;

	while ((p = strstr(p, "=?")) != NULL) {
		/* "?Q?" holds a '?' too: the end is the "?=" after it. */
		end = strstr(p + 2, "?Q?");
		if (end == NULL || (end = strstr(end + 3, "?=")) == NULL)
			break;
		if ((size_t)(end + 2 - p) > max)
			max = (size_t)(end + 2 - p);
		p = end + 2;
	}
	return max;
}

static struct mailmime *
parse(const char *s, size_t len)
{
	struct mailmime	*mime = NULL;
	size_t		 idx = 0;

	if (mailmime_parse(s, len, &idx, &mime) != MAILIMF_NO_ERROR)
		return NULL;
	return mime;
}

/* "type/subtype" of a part, lower case, in buf. */
static const char *
type_of(const struct mailmime *m, char *buf, size_t size)
{
	const struct mailmime_content	*ct;
	const char			*t = "other";

	if (m == NULL || (ct = m->mm_content_type) == NULL)
		return "(none)";
	if (ct->ct_type->tp_type == MAILMIME_TYPE_DISCRETE_TYPE) {
		switch (ct->ct_type->tp_data.tp_discrete_type->dt_type) {
		case MAILMIME_DISCRETE_TYPE_TEXT:
			t = "text";
			break;
		case MAILMIME_DISCRETE_TYPE_APPLICATION:
			t = "application";
			break;
		}
	} else if (ct->ct_type->tp_data.tp_composite_type->ct_type ==
	    MAILMIME_COMPOSITE_TYPE_MULTIPART)
		t = "multipart";
	snprintf(buf, size, "%s/%s", t, ct->ct_subtype);
	return str_lower(buf);
}

static struct mailmime *
child(const struct mailmime *m, int n)
{
	clistiter	*it;

	if (m == NULL || m->mm_type != MAILMIME_MULTIPLE)
		return NULL;
	for (it = clist_begin(m->mm_data.mm_multipart.mm_mp_list);
	    it != NULL && n > 0; it = clist_next(it))
		n--;
	return it != NULL ? clist_content(it) : NULL;
}

static int
nchildren(const struct mailmime *m)
{
	if (m == NULL || m->mm_type != MAILMIME_MULTIPLE)
		return -1;
	return clist_count(m->mm_data.mm_multipart.mm_mp_list);
}

/* A part's body after its transfer encoding is undone (new string). */
static char *
decoded(struct mailmime *m, size_t *len_out)
{
	struct mailmime_single_fields	 sf;
	struct mailmime_data		*d;
	char				*res, *copy;
	size_t				 idx = 0, rlen;
	int				 enc;

	*len_out = 0;
	if (m == NULL || m->mm_type != MAILMIME_SINGLE)
		return NULL;
	mailmime_single_fields_init(&sf, m->mm_mime_fields,
	    m->mm_content_type);
	enc = sf.fld_encoding != NULL ? sf.fld_encoding->enc_type :
	    MAILMIME_MECHANISM_8BIT;
	d = m->mm_data.mm_single;
	if (mailmime_part_parse(d->dt_data.dt_text.dt_data,
	    d->dt_data.dt_text.dt_length, &idx, enc, &res, &rlen) !=
	    MAILIMF_NO_ERROR)
		return NULL;
	copy = xstrndup(res, rlen);
	mailmime_decoded_part_free(res);
	*len_out = rlen;
	return copy;
}

static bool
decodes_to(struct mailmime *m, const char *want)
{
	char	*got;
	size_t	 len;
	bool	 same;

	got = decoded(m, &len);
	same = got != NULL && len == strlen(want) && memcmp(got, want,
	    len) == 0;
	if (!same)
		printf("#   decoded [%s]\n", got != NULL ? got : "(null)");
	free(got);
	return same;
}

static const char *
param(const struct mailmime *m, const char *name)
{
	if (m == NULL || m->mm_content_type == NULL)
		return NULL;
	return mailmime_content_param_get(m->mm_content_type, (char *)name);
}

static void
test_bytes(void)
{
	static const char	*order[] = { "Date", "From", "To", "Reply-To",
	    "Subject", "Message-ID", "MIME-Version", "Content-Class",
	    "X-Auto-Response-Suppress", "X-Mailbot-Kind", "Content-Type" };
	struct compose_msg	 m = invitation();
	char			*s, *v, *d;
	size_t			 len, i;
	long			 pos, last = -1;
	bool			 in_order = true;

	s = build(&m, &len);
	CHECK(s != NULL, "invitation: built");
	if (s == NULL)
		return;
	CHECK(crlf_only(s, len), "invitation: CRLF only, no bare CR or LF");
	CHECK(longest_line(s, len) <= 78, "invitation: no line over 78 "
	    "(longest %zu)", longest_line(s, len));
	CHECK(len >= 2 && memcmp(s + len - 2, "\r\n", 2) == 0,
	    "invitation: ends in CRLF");
	for (i = 0; i < nitems(order); i++) {
		pos = header_pos(s, len, order[i]);
		CHECK(pos >= 0, "invitation: has %s", order[i]);
		if (pos <= last)
			in_order = false;
		last = pos;
	}
	CHECK(in_order, "invitation: headers in the agreed order");
	CHECK(header_pos(s, len, "Auto-Submitted") < 0,
	    "invitation: no Auto-Submitted");
	CHECK(header_pos(s, len, "In-Reply-To") < 0 &&
	    header_pos(s, len, "References") < 0,
	    "invitation: no In-Reply-To or References");

	v = header_get(s, len, "Date");
	CHECK_STR(v, "Thu, 12 Mar 2026 13:00:00 +0000", "Date in UTC");
	free(v);
	v = header_get(s, len, "X-Auto-Response-Suppress");
	CHECK_STR(v, "OOF", "invitation: X-Auto-Response-Suppress: OOF");
	free(v);
	v = header_get(s, len, "Content-Class");
	CHECK_STR(v, "urn:content-classes:calendarmessage", "Content-Class");
	free(v);
	v = header_get(s, len, "X-Mailbot-Kind");
	CHECK_STR(v, "invitation", "X-Mailbot-Kind");
	free(v);
	v = header_get(s, len, "Message-ID");
	CHECK_STR(v, "<m42-p17-s0.abc@netwerk.example>", "Message-ID");
	free(v);
	v = header_get(s, len, "Reply-To");
	CHECK_STR(v, "<uitnodiging+tok123@netwerk.example>", "Reply-To");
	free(v);
	v = header_get(s, len, "To");
	CHECK_STR(v, "\"A. de Vries\" <a.devries@zorgorg.nl>",
	    "To: a quoted name with specials");
	free(v);
	v = header_get(s, len, "MIME-Version");
	CHECK_STR(v, "1.0", "MIME-Version");
	free(v);

	v = header_get(s, len, "Subject");
	CHECK(v != NULL && strncmp(v, "=?UTF-8?Q?", 10) == 0 &&
	    strchr(v, 0xc3) == NULL && longest_word(v) <= 75,
	    "Subject: 7-bit encoded-words of at most 75 characters");
	d = decode_words(v);
	CHECK_STR(d, SUBJECT, "Subject decodes back to the UTF-8 text");
	free(d);
	free(v);

	v = header_get(s, len, "From");
	CHECK(v != NULL && strstr(v, " <uitnodiging@netwerk.example>") !=
	    NULL && strstr(v, "=?UTF-8?") == v,
	    "From: an encoded name and the address");
	if (v != NULL && strstr(v, " <") != NULL)
		*strstr(v, " <") = '\0';
	d = decode_words(v);
	CHECK_STR(d, FROM_NAME, "From name decodes back to the UTF-8 text");
	free(d);
	free(v);

	CHECK(count(s, len, "Content-Type: text/calendar; charset=UTF-8; "
	    "method=REQUEST\r\n") == 1,
	    "the calendar part has method=REQUEST, unquoted");
	CHECK(count(s, len, "Content-Disposition: attachment; "
	    "filename=\"uitnodiging.ics\"\r\n") == 1 &&
	    count(s, len, "Content-Type: application/ics; "
	    "name=\"uitnodiging.ics\"\r\n") == 1,
	    "the attachment has name and filename");
	free(s);
}

/* Both boundaries occur exactly where the structure needs them. */
static void
test_boundaries(void)
{
	struct compose_msg	 m = invitation();
	struct mailmime		*root, *mixed, *alt;
	const char		*b1, *b2;
	char			 delim[128];
	char			*s;
	size_t			 len;

	s = build(&m, &len);
	root = s != NULL ? parse(s, len) : NULL;
	mixed = root != NULL ? root->mm_data.mm_message.mm_msg_mime : NULL;
	alt = child(mixed, 0);
	b1 = param(mixed, "boundary");
	b2 = param(alt, "boundary");
	CHECK(b1 != NULL && b2 != NULL && strcmp(b1, b2) != 0 &&
	    strlen(b1) >= 20, "two different, long boundaries");
	if (b1 != NULL && b2 != NULL) {
		CHECK(count(s, len, b1) == 4, "outer boundary: in the "
		    "header, twice as a delimiter and once as the close");
		snprintf(delim, sizeof(delim), "--%s--\r\n", b1);
		CHECK(len > strlen(delim) && strcmp(s + len - strlen(delim),
		    delim) == 0, "the message ends with the outer close");
		CHECK(count(s, len, b2) == 5, "inner boundary: in the "
		    "header, three delimiters and the close");
	}
	if (root != NULL)
		mailmime_free(root);
	free(s);
}

static void
test_tree(void)
{
	struct compose_msg	 m = invitation();
	struct mailmime		*root, *mixed, *alt, *cal, *ics;
	struct mailmime_single_fields sf;
	char			 t[64], *s;
	size_t			 len;

	s = build(&m, &len);
	root = s != NULL ? parse(s, len) : NULL;
	CHECK(root != NULL && root->mm_type == MAILMIME_MESSAGE,
	    "libetpan parses the whole message");
	if (root == NULL) {
		free(s);
		return;
	}
	mixed = root->mm_data.mm_message.mm_msg_mime;
	CHECK_STR(type_of(mixed, t, sizeof(t)), "multipart/mixed",
	    "top: multipart/mixed");
	CHECK(nchildren(mixed) == 2, "mixed: two parts");
	alt = child(mixed, 0);
	CHECK_STR(type_of(alt, t, sizeof(t)), "multipart/alternative",
	    "mixed 1: multipart/alternative");
	CHECK(nchildren(alt) == 3, "alternative: three parts");
	CHECK_STR(type_of(child(alt, 0), t, sizeof(t)), "text/plain",
	    "alternative 1: text/plain");
	CHECK_STR(param(child(alt, 0), "charset"), "UTF-8",
	    "text/plain: charset UTF-8");
	CHECK(decodes_to(child(alt, 0), TEXT_CRLF),
	    "text/plain: quoted-printable decodes to the text with CRLF, "
	    "trailing space, 'From ' and '.' lines intact");
	CHECK_STR(type_of(child(alt, 1), t, sizeof(t)), "text/html",
	    "alternative 2: text/html");
	CHECK(decodes_to(child(alt, 1), HTML_CRLF),
	    "text/html: decodes to the HTML with CRLF");
	cal = child(alt, 2);
	CHECK_STR(type_of(cal, t, sizeof(t)), "text/calendar",
	    "alternative 3: text/calendar");
	CHECK_STR(param(cal, "method"), "REQUEST", "text/calendar: method");
	CHECK(decodes_to(cal, CAL_REQUEST),
	    "text/calendar: base64 decodes to the exact calendar bytes");
	ics = child(mixed, 1);
	CHECK_STR(type_of(ics, t, sizeof(t)), "application/ics",
	    "mixed 2: application/ics");
	mailmime_single_fields_init(&sf, ics != NULL ? ics->mm_mime_fields :
	    NULL, ics != NULL ? ics->mm_content_type : NULL);
	CHECK_STR(sf.fld_disposition_filename, "uitnodiging.ics",
	    "application/ics: filename");
	CHECK_STR(sf.fld_content_name, "uitnodiging.ics",
	    "application/ics: name");
	CHECK(sf.fld_disposition != NULL &&
	    sf.fld_disposition->dsp_type->dsp_type ==
	    MAILMIME_DISPOSITION_TYPE_ATTACHMENT,
	    "application/ics: an attachment");
	CHECK(decodes_to(ics, CAL_REQUEST),
	    "application/ics: the same calendar bytes");
	mailmime_free(root);
	free(s);
}

static void
test_cancel(void)
{
	struct compose_msg	 m = invitation();
	struct mailmime		*root, *cal;
	char			*s;
	size_t			 len;

	m.calendar = CAL_CANCEL;
	m.method = "CANCEL";
	m.kind = "cancellation";
	s = build(&m, &len);
	CHECK(s != NULL && count(s, len, "; method=CANCEL\r\n") == 1 &&
	    count(s, len, "REQUEST") == 0, "CANCEL: method=CANCEL");
	root = s != NULL ? parse(s, len) : NULL;
	cal = root != NULL ? child(child(root->mm_data.mm_message.mm_msg_mime,
	    0), 2) : NULL;
	CHECK_STR(param(cal, "method"), "CANCEL", "CANCEL: parsed method");
	CHECK(decodes_to(cal, CAL_CANCEL), "CANCEL: calendar bytes");
	if (root != NULL)
		mailmime_free(root);
	free(s);

	m.method = "REQUEST";
	CHECK(refused(&m), "method differing from the calendar's: refused");
	m.method = "request\r\nX: y";
	CHECK(refused(&m), "method that is not a token: refused");
	m.method = NULL;
	CHECK(refused(&m), "calendar without method: refused");
	m = invitation();
	m.ics_name = "a\"b.ics";
	CHECK(refused(&m), "attachment name with a quote: refused");
}

static void
test_shapes(void)
{
	struct compose_msg	 m = invitation();
	struct mailmime		*root, *top;
	char			 t[64], *s;
	size_t			 len;

	m.html = NULL;
	m.calendar = NULL;
	m.method = NULL;
	s = build(&m, &len);
	root = s != NULL ? parse(s, len) : NULL;
	top = root != NULL ? root->mm_data.mm_message.mm_msg_mime : NULL;
	CHECK_STR(type_of(top, t, sizeof(t)), "text/plain",
	    "text only: a single text/plain");
	CHECK(decodes_to(top, TEXT_CRLF), "text only: the text");
	CHECK(s != NULL && header_pos(s, len, "Content-Class") < 0 &&
	    count(s, len, "multipart") == 0,
	    "text only: no Content-Class, no multipart");
	CHECK(s != NULL && crlf_only(s, len) && longest_line(s, len) <= 78,
	    "text only: CRLF, short lines");
	if (root != NULL)
		mailmime_free(root);
	free(s);

	m.html = HTML;
	s = build(&m, &len);
	root = s != NULL ? parse(s, len) : NULL;
	top = root != NULL ? root->mm_data.mm_message.mm_msg_mime : NULL;
	CHECK(strcmp(type_of(top, t, sizeof(t)), "multipart/alternative") ==
	    0 && nchildren(top) == 2 && strcmp(type_of(child(top, 1), t,
	    sizeof(t)), "text/html") == 0,
	    "text + html: multipart/alternative { plain, html }");
	CHECK(s != NULL && header_pos(s, len, "Content-Class") < 0,
	    "text + html: no Content-Class");
	if (root != NULL)
		mailmime_free(root);
	free(s);

	m.html = NULL;
	m.calendar = CAL_REQUEST;
	m.method = "REQUEST";
	s = build(&m, &len);
	root = s != NULL ? parse(s, len) : NULL;
	top = root != NULL ? root->mm_data.mm_message.mm_msg_mime : NULL;
	CHECK(strcmp(type_of(top, t, sizeof(t)), "multipart/mixed") == 0 &&
	    nchildren(child(top, 0)) == 2 &&
	    strcmp(type_of(child(child(top, 0), 1), t, sizeof(t)),
	    "text/calendar") == 0 &&
	    strcmp(type_of(child(top, 1), t, sizeof(t)),
	    "application/ics") == 0,
	    "text + calendar: mixed { alternative { plain, calendar }, ics }");
	if (root != NULL)
		mailmime_free(root);
	free(s);
}

static void
test_auto(void)
{
	struct compose_msg	 m = invitation();
	char			*s, *v;
	size_t			 len;

	m.is_auto = true;
	m.kind = "reminder";
	m.calendar = NULL;
	m.in_reply_to = "orig.1@zorgorg.nl";
	s = build(&m, &len);
	v = s != NULL ? header_get(s, len, "Auto-Submitted") : NULL;
	CHECK_STR(v, "auto-generated", "automatic: Auto-Submitted");
	free(v);
	v = s != NULL ? header_get(s, len, "X-Auto-Response-Suppress") : NULL;
	CHECK_STR(v, "OOF, AutoReply", "automatic: OOF, AutoReply");
	free(v);
	CHECK(s != NULL && header_pos(s, len, "MIME-Version") <
	    header_pos(s, len, "X-Auto-Response-Suppress") &&
	    header_pos(s, len, "X-Auto-Response-Suppress") <
	    header_pos(s, len, "Auto-Submitted") &&
	    header_pos(s, len, "Auto-Submitted") <
	    header_pos(s, len, "X-Mailbot-Kind"),
	    "automatic: header order");
	v = s != NULL ? header_get(s, len, "In-Reply-To") : NULL;
	CHECK_STR(v, "<orig.1@zorgorg.nl>", "In-Reply-To");
	free(v);
	v = s != NULL ? header_get(s, len, "References") : NULL;
	CHECK_STR(v, "<orig.1@zorgorg.nl>", "References");
	free(v);
	CHECK(s != NULL && header_pos(s, len, "Subject") <
	    header_pos(s, len, "Message-ID") &&
	    header_pos(s, len, "Message-ID") <
	    header_pos(s, len, "In-Reply-To") &&
	    header_pos(s, len, "In-Reply-To") <
	    header_pos(s, len, "References") &&
	    header_pos(s, len, "References") <
	    header_pos(s, len, "MIME-Version"),
	    "In-Reply-To and References after Message-ID");
	free(s);
}

static void
test_injection(void)
{
	struct compose_msg	 m = invitation();
	char			*s, *v;
	size_t			 len;

	m.to_name = "Piet\r\nBcc: victim@example.org";
	m.subject = "Hallo\r\nBcc: x@example.org\nX-Evil: 1";
	m.kind = "invitation\r\nBcc: y@example.org";
	s = build(&m, &len);
	CHECK(s != NULL && lines_starting(s, len, "Bcc:") == 0 &&
	    lines_starting(s, len, "X-Evil:") == 0,
	    "CR/LF in name, subject, kind: no Bcc or X-Evil line");
	v = s != NULL ? header_get(s, len, "To") : NULL;
	CHECK_STR(v, "\"Piet Bcc: victim@example.org\" <a.devries@zorgorg.nl>",
	    "the To name stays one quoted phrase");
	free(v);
	v = s != NULL ? header_get(s, len, "Subject") : NULL;
	CHECK_STR(v, "Hallo Bcc: x@example.org X-Evil: 1",
	    "a subject with newlines stays one header");
	free(v);
	v = s != NULL ? header_get(s, len, "X-Mailbot-Kind") : NULL;
	CHECK_STR(v, "invitation Bcc: y@example.org", "kind stays one line");
	free(v);
	CHECK(s != NULL && lines_starting(s, len, "To:") == 1 &&
	    lines_starting(s, len, "Subject:") == 1, "one To, one Subject");
	free(s);

	m = invitation();
	m.from_name = "Jan \"JJ\" \\ Jansen";
	s = build(&m, &len);
	v = s != NULL ? header_get(s, len, "From") : NULL;
	CHECK_STR(v, "\"Jan \\\"JJ\\\" \\\\ Jansen\" "
	    "<uitnodiging@netwerk.example>",
	    "quotes and backslashes in a name are escaped");
	free(v);
	free(s);

	m = invitation();
	m.to_addr = "a.devries@zorgorg.nl\r\nBcc: victim@example.org";
	CHECK(refused(&m), "address with CRLF: refused");
	m.to_addr = "a devries@zorgorg.nl";
	CHECK(refused(&m), "address with a space: refused");
	m.to_addr = "<a.devries@zorgorg.nl>";
	CHECK(refused(&m), "address with angle brackets: refused");
	m = invitation();
	m.reply_to = "x@y.nl, z@w.nl";
	CHECK(refused(&m), "two addresses as Reply-To: refused");
	m = invitation();
	m.from_addr = "plain";
	CHECK(refused(&m), "From without '@': refused");
	m = invitation();
	m.message_id = "a>b@c.nl";
	CHECK(refused(&m), "message id with '>': refused");
	m = invitation();
	m.in_reply_to = "a@b.nl\r\nBcc: v@x.nl";
	CHECK(refused(&m), "In-Reply-To with CRLF: refused");
}

/* Every encoded-word of v but the last ends in an encoded space. */
static bool
words_end_at_spaces(const char *v)
{
	const char	*p = v, *e;
	size_t		 n = 0, bad = 0;

	while ((p = strstr(p, "=?UTF-8?Q?")) != NULL) {
		if ((e = strstr(p + 10, "?=")) == NULL)
			return false;
		if (strstr(e + 2, "=?UTF-8?Q?") != NULL && e[-1] != '_')
			bad++;
		n++;
		p = e + 2;
	}
	return n >= 2 && bad == 0;
}

static void
test_long(void)
{
	struct compose_msg	 m = invitation();
	struct buf		 subj, text;
	struct mailmime		*root, *top;
	char			*s, *v, *d;
	size_t			 len, hl, i;

	buf_init(&subj, (size_t)-1);
	while (subj.len < 300)
		buf_addstr(&subj, "Caf\xc3\xa9 \xe2\x80\x93 ");
	buf_addstr(&subj, "einde");
	m.subject = subj.data;
	s = build(&m, &len);
	hl = s != NULL ? header_len(s, len) : 0;
	v = s != NULL ? header_get(s, len, "Subject") : NULL;
	CHECK(s != NULL && longest_line(s, hl) <= 78 &&
	    lines_starting(s, hl, " =?UTF-8?Q?") >= 3,
	    "300-character subject: folded, no header line over 78");
	CHECK(v != NULL && longest_word(v) <= 75,
	    "300-character subject: encoded-words of at most 75");
	d = decode_words(v);
	CHECK_STR(d, subj.data, "300-character subject decodes back");
	free(d);
	free(v);
	free(s);

	m = invitation();
	buf_init(&text, (size_t)-1);
	buf_addstr(&text, "start ");
	for (i = 0; i < 2000; i++)
		buf_add(&text, i % 7 == 6 ? "\xc3\xa9" : "x", i % 7 == 6 ? 2 : 1);
	buf_addstr(&text, "\nnext line\n");
	m.text = text.data;
	m.html = NULL;
	m.calendar = NULL;
	s = build(&m, &len);
	CHECK(s != NULL && longest_line(s, len) <= 76 &&
	    lines_starting(s, len, "xx") > 20,
	    "a 2000-character body line is soft-broken at 76");
	root = s != NULL ? parse(s, len) : NULL;
	top = root != NULL ? root->mm_data.mm_message.mm_msg_mime : NULL;
	i = strcspn(text.data, "\n");
	xasprintf(&d, "%.*s\r\nnext line\r\n", (int)i, text.data);
	CHECK(decodes_to(top, d), "the long line decodes back whole");
	free(d);
	if (root != NULL)
		mailmime_free(root);
	free(s);

	m = invitation();
	m.subject = "Bijeenkomst 3 over samenwerking tussen huisartsen, "
	    "wijkverpleging en apotheek in de regio, met lunch";
	s = build(&m, &len);
	v = s != NULL ? header_get(s, len, "Subject") : NULL;
	CHECK(s != NULL && longest_line(s, header_len(s, len)) <= 78 &&
	    v != NULL && strcmp(v, m.subject) == 0 &&
	    lines_starting(s, len, " ") >= 1,
	    "a long ASCII subject folds between words, unencoded");
	free(v);
	free(s);
	/* A long name: each encoded-word ends after a space, never inside
	   a word ("Overij" "ssel" shows as "Overij ssel" in Python). */
	m = invitation();
	m.from_name = "Leernetwerk Zorgbestuur Provincie Overijssel \xe2\x80\x93 "
	    "namens Ir. Jan-Willem de Vries-\xc3\x98rsted en Mari\xc3\xabtte";
	s = build(&m, &len);
	v = s != NULL ? header_get(s, len, "From") : NULL;
	CHECK(v != NULL && words_end_at_spaces(v),
	    "a long display name: encoded-words end after a space");
	d = v != NULL ? decode_words(v) : NULL;
	CHECK(d != NULL && strstr(d, m.from_name) != NULL,
	    "a long display name decodes back whole");
	free(d);
	free(v);
	free(s);
	buf_free(&subj);
	buf_free(&text);
}

static void
test_required(void)
{
	struct compose_msg	 m = invitation();
	char			*s, *v;
	size_t			 len;

	m.message_id = NULL;
	CHECK(refused(&m), "no message id: refused");
	m = invitation();
	m.to_addr = NULL;
	CHECK(refused(&m), "no To address: refused");

	m = invitation();
	m.subject = "";
	m.from_name = NULL;
	m.to_name = " \r\n ";
	s = build(&m, &len);
	v = s != NULL ? header_get(s, len, "From") : NULL;
	CHECK_STR(v, "<uitnodiging@netwerk.example>",
	    "no name: a bare angle address");
	free(v);
	v = s != NULL ? header_get(s, len, "To") : NULL;
	CHECK_STR(v, "<a.devries@zorgorg.nl>", "a blank name counts as none");
	free(v);
	CHECK(s != NULL && lines_starting(s, len, "Subject:") == 1 &&
	    crlf_only(s, len), "an empty subject: one empty Subject field");
	free(s);
}

int
main(void)
{
	test_bytes();
	test_boundaries();
	test_tree();
	test_cancel();
	test_shapes();
	test_auto();
	test_injection();
	test_long();
	test_required();
	return check_done();
}
