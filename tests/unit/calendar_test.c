/*
 * calendar_test.c: the bytes of calendar_build(): the b.3 shape, the
 * compact VTIMEZONE, escaping and folding, and the UTC instants libical
 * reads back from the VTIMEZONE we embed.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <libical/ical.h>

#include "calendar.h"
#include "check.h"
#include "util.h"
#include "when.h"

#define WINTER_START	1804770000	/* 2027-03-11 13:00Z, 14:00 CET */
#define SUMMER_START	1812628800	/* 2027-06-10 12:00Z, 14:00 CEST */
#define HOUR		3600

static struct calendar_event
sample(void)
{
	struct calendar_event	 ev = {
		.method = CALENDAR_REQUEST,
		.uid = "m42-p17-abc@netwerk.example",
		.sequence = 0,
		.dtstamp = 1801472400,		/* 2027-02-01 09:00Z */
		.start = WINTER_START,
		.end = WINTER_START + 3 * HOUR,
		.tzid = "Europe/Amsterdam",
		.summary = "Leernetwerk X – bijeenkomst 3",
		.location = "Domplein 4, Utrecht",
		.description = NULL,
		.organizer = "uitnodiging+tok@netwerk.example",
		.organizer_cn = "Leernetwerk X (J. Jansen)",
		.attendee = "A.deVries@ZorgOrg.nl",
		.attendee_cn = "A. de Vries",
		.alarm_minutes = 1440,
	};

	return ev;
}

static char *
build(const struct calendar_event *ev)
{
	char	*text, *cause = NULL;

	text = calendar_build(ev, &cause);
	if (text == NULL) {
		printf("# calendar_build: %s\n", cause);
		free(cause);
	}
	return text;
}

/* The text with its folds undone (RFC 5545 3.1). */
static char *
unfold(const char *text)
{
	struct buf	 b;
	const char	*p;

	buf_init(&b, strlen(text) + 1);
	for (p = text; *p != '\0'; p++) {
		if (p[0] == '\r' && p[1] == '\n' && p[2] == ' ')
			p += 2;
		else
			buf_add(&b, p, 1);
	}
	return buf_take(&b);
}

/* True when the unfolded text has this whole line. */
static bool
has_line(const char *text, const char *line)
{
	char	*u = unfold(text), *want;
	bool	 found;

	xasprintf(&want, "\r\n%s\r\n", line);
	found = strstr(u, want) != NULL ||
	    (strncmp(u, line, strlen(line)) == 0 &&
	    strncmp(u + strlen(line), "\r\n", 2) == 0);
	free(want);
	free(u);
	return found;
}

/* The unfolded line that starts with prefix, or NULL; caller frees. */
static char *
line_of(const char *text, const char *prefix)
{
	char	*u = unfold(text), *p, *end, *line = NULL;

	for (p = u; *p != '\0'; p = end + 2) {
		if ((end = strstr(p, "\r\n")) == NULL)
			break;
		if (strncmp(p, prefix, strlen(prefix)) == 0) {
			line = xstrndup(p, (size_t)(end - p));
			break;
		}
	}
	free(u);
	return line;
}

static bool
utf8_whole(const unsigned char *p, size_t n)
{
	size_t	 i = 0, k, len;

	while (i < n) {
		if (p[i] < 0x80)
			len = 1;
		else if ((p[i] & 0xe0) == 0xc0)
			len = 2;
		else if ((p[i] & 0xf0) == 0xe0)
			len = 3;
		else if ((p[i] & 0xf8) == 0xf0)
			len = 4;
		else
			return false;
		if (i + len > n)
			return false;
		for (k = 1; k < len; k++)
			if ((p[i + k] & 0xc0) != 0x80)
				return false;
		i += len;
	}
	return true;
}

/*
 * Every physical line ends in CRLF, has no other CR or LF, holds at most
 * 75 octets and whole UTF-8 characters. Prints the first bad line.
 */
static bool
lines_ok(const char *text)
{
	const char	*p = text, *end;
	size_t		 n;

	for (; *p != '\0'; p = end + 2) {
		end = strstr(p, "\r\n");
		if (end == NULL) {
			printf("# no CRLF after [%s]\n", p);
			return false;
		}
		n = (size_t)(end - p);
		if (n > 75 || memchr(p, '\n', n) != NULL ||
		    memchr(p, '\r', n) != NULL ||
		    !utf8_whole((const unsigned char *)p, n)) {
			printf("# bad line (%zu octets) [%.*s]\n", n, (int)n,
			    p);
			return false;
		}
	}
	return true;
}

/*
 * The UTC instant libical computes for DTSTART (or DTEND) from the
 * VTIMEZONE inside text, with no fallback to its own zones; -1 if none.
 */
static time_t
parsed_instant(const char *text, icalproperty_kind kind)
{
	icalcomponent		*cal, *ev;
	icalproperty		*p;
	icalparameter		*tzid;
	icaltimezone		*z;
	struct icaltimetype	 t;
	time_t			 r = -1;

	if ((cal = icalparser_parse_string(text)) == NULL)
		return -1;
	ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	p = ev == NULL ? NULL : icalcomponent_get_first_property(ev, kind);
	if (p != NULL) {
		t = icalvalue_get_datetime(icalproperty_get_value(p));
		tzid = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER);
		if (icaltime_is_utc(t))
			z = icaltimezone_get_utc_timezone();
		else if (tzid != NULL)
			z = icalcomponent_get_timezone(cal,
			    icalparameter_get_tzid(tzid));
		else
			z = NULL;
		if (z != NULL)
			r = icaltime_as_timet_with_zone(t, z);
	}
	icalcomponent_free(cal);
	return r;
}

/*
 * text with every tzid replaced by a name of the same length that no
 * zone database has ("Q/QQQQ…"), so only the embedded VTIMEZONE can give
 * its times a meaning. Caller frees.
 */
static char *
disguise_zone(const char *text, const char *tzid)
{
	char	*s = xstrdup(text), *fake = xstrdup(tzid), *p;
	size_t	 n = strlen(tzid);

	memset(fake, 'Q', n);
	if (n > 2)
		fake[1] = '/';
	for (p = strstr(s, tzid); p != NULL; p = strstr(p + n, tzid))
		memcpy(p, fake, n);
	free(fake);
	return s;
}

static void
test_request(void)
{
	struct calendar_event	 ev = sample();
	char			*t = build(&ev), *line;
	const char		*head = "BEGIN:VCALENDAR\r\n"
	    "PRODID:-//mailbot//Leernetwerk//NL\r\nVERSION:2.0\r\n"
	    "CALSCALE:GREGORIAN\r\nMETHOD:REQUEST\r\nBEGIN:VTIMEZONE\r\n";
	const char		*vtz =
	    "BEGIN:VTIMEZONE\r\nTZID:Europe/Amsterdam\r\n"
	    "BEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n"
	    "TZNAME:CEST\r\nDTSTART:19700329T020000\r\n"
	    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\n"
	    "BEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n"
	    "TZNAME:CET\r\nDTSTART:19701025T030000\r\n"
	    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\n"
	    "END:VTIMEZONE\r\n";

	CHECK(t != NULL, "request: built");
	if (t == NULL)
		return;
	CHECK(strncmp(t, head, strlen(head)) == 0,
	    "request: VCALENDAR head with METHOD:REQUEST");
	CHECK(strstr(t, vtz) != NULL,
	    "request: compact VTIMEZONE with DAYLIGHT and STANDARD rules");
	CHECK(has_line(t, "DTSTART;TZID=Europe/Amsterdam:20270311T140000"),
	    "request: DTSTART local in winter (14:00 CET)");
	CHECK(has_line(t, "DTEND;TZID=Europe/Amsterdam:20270311T170000"),
	    "request: DTEND local");
	CHECK(has_line(t, "DTSTAMP:20270201T090000Z"), "request: DTSTAMP UTC");
	CHECK(has_line(t, "UID:m42-p17-abc@netwerk.example"), "request: UID");
	CHECK(has_line(t, "SEQUENCE:0"), "request: SEQUENCE:0");
	CHECK(has_line(t, "STATUS:CONFIRMED"), "request: STATUS:CONFIRMED");
	CHECK(has_line(t, "TRANSP:OPAQUE"), "request: TRANSP:OPAQUE");
	CHECK(has_line(t, "SUMMARY:Leernetwerk X – bijeenkomst 3"),
	    "request: SUMMARY");
	CHECK(has_line(t, "LOCATION:Domplein 4\\, Utrecht"),
	    "request: LOCATION escaped");
	CHECK(strstr(t, "LOCATION:Domplein 4\\, Utrecht\r\nSTATUS:") != NULL,
	    "request: no DESCRIPTION when none is given");
	CHECK(has_line(t, "ORGANIZER;CN=\"Leernetwerk X (J. Jansen)\":"
	    "mailto:uitnodiging+tok@netwerk.example"), "request: ORGANIZER");
	CHECK(has_line(t, "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;"
	    "PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=\"A. de Vries\":"
	    "mailto:A.deVries@ZorgOrg.nl"),
	    "request: ATTENDEE with RSVP=TRUE, NEEDS-ACTION, address as given");
	CHECK(strstr(t, "BEGIN:VALARM\r\nACTION:DISPLAY\r\n"
	    "DESCRIPTION:Leernetwerk X – bijeenkomst 3\r\nTRIGGER:-P1D\r\n"
	    "END:VALARM\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n") != NULL,
	    "request: VALARM -P1D is the last thing in the VEVENT");
	CHECK(lines_ok(t), "request: CRLF lines of at most 75 octets");
	line = line_of(t, "ATTENDEE");
	CHECK(line != NULL && strstr(t, line) == NULL,
	    "request: the long ATTENDEE line is folded");
	free(line);
	free(t);
}

static void
test_instants(void)
{
	struct calendar_event	 ev = sample();
	char			*t, *renamed;

	t = build(&ev);
	CHECK(t != NULL && parsed_instant(t, ICAL_DTSTART_PROPERTY) ==
	    WINTER_START, "winter: libical reads DTSTART as 13:00Z");
	CHECK(t != NULL && parsed_instant(t, ICAL_DTEND_PROPERTY) ==
	    WINTER_START + 3 * HOUR, "winter: libical reads DTEND as 16:00Z");
	/* A name libical has no zone for: only our VTIMEZONE can answer. */
	renamed = t == NULL ? NULL : disguise_zone(t, ev.tzid);
	CHECK(renamed != NULL && parsed_instant(renamed,
	    ICAL_DTSTART_PROPERTY) == WINTER_START,
	    "winter: the embedded VTIMEZONE alone gives 13:00Z");
	free(renamed);
	free(t);

	ev.start = SUMMER_START;
	ev.end = SUMMER_START + 3 * HOUR;
	t = build(&ev);
	CHECK(t != NULL && has_line(t,
	    "DTSTART;TZID=Europe/Amsterdam:20270610T140000"),
	    "summer: DTSTART local (14:00 CEST)");
	renamed = t == NULL ? NULL : disguise_zone(t, ev.tzid);
	CHECK(renamed != NULL && parsed_instant(renamed,
	    ICAL_DTSTART_PROPERTY) == SUMMER_START,
	    "summer: the embedded VTIMEZONE alone gives 12:00Z");
	free(renamed);
	free(t);
}

static void
test_cancel(void)
{
	struct calendar_event	 ev = sample();
	char			*t;

	ev.method = CALENDAR_CANCEL;
	ev.sequence = 3;
	t = build(&ev);
	CHECK(t != NULL, "cancel: built");
	if (t == NULL)
		return;
	CHECK(has_line(t, "METHOD:CANCEL"), "cancel: METHOD:CANCEL");
	CHECK(has_line(t, "STATUS:CANCELLED"), "cancel: STATUS:CANCELLED");
	CHECK(!has_line(t, "STATUS:CONFIRMED"), "cancel: not CONFIRMED");
	CHECK(has_line(t, "SEQUENCE:3"), "cancel: SEQUENCE:3");
	CHECK(strstr(t, "VALARM") == NULL, "cancel: no VALARM");
	CHECK(has_line(t, "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;"
	    "PARTSTAT=NEEDS-ACTION;CN=\"A. de Vries\":"
	    "mailto:A.deVries@ZorgOrg.nl") && has_line(t, "ORGANIZER;"
	    "CN=\"Leernetwerk X (J. Jansen)\":"
	    "mailto:uitnodiging+tok@netwerk.example"),
	    "cancel: ORGANIZER and ATTENDEE present, ATTENDEE without RSVP");
	CHECK(strstr(t, "END:VEVENT\r\nEND:VCALENDAR\r\n") != NULL &&
	    has_line(t, "UID:m42-p17-abc@netwerk.example"),
	    "cancel: same UID, VEVENT closed");
	CHECK(lines_ok(t), "cancel: CRLF lines of at most 75 octets");
	free(t);
}

static void
test_text(void)
{
	struct calendar_event	 ev = sample();
	char			*t, *line;
	struct buf		 long_text;
	int			 i;

	buf_init(&long_text, 4096);
	for (i = 0; i < 60; i++)
		buf_addstr(&long_text, "één€");
	ev.summary = "a, b; c\\d\nnext";
	ev.location = "x\r\ny\tz\001!";
	ev.description = long_text.data;
	ev.attendee_cn = "Jan \"JJ\" Jansen\nZorg; B.V.";
	ev.organizer_cn = "\n\t\001 ";
	t = build(&ev);
	CHECK(t != NULL, "text: built");
	if (t == NULL) {
		buf_free(&long_text);
		return;
	}
	CHECK(has_line(t, "SUMMARY:a\\, b\\; c\\\\d\\nnext"),
	    "text: , ; \\ and newline escaped");
	CHECK(has_line(t, "LOCATION:x\\ny\tz!"),
	    "text: CRLF as \\n, tab kept, control character dropped");
	line = line_of(t, "DESCRIPTION:één");
	CHECK(line != NULL && strlen(line) == 12 + long_text.len,
	    "text: long DESCRIPTION unfolds to itself");
	free(line);
	CHECK(lines_ok(t),
	    "text: non-ASCII DESCRIPTION folded at UTF-8 boundaries");
	CHECK(has_line(t, "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;"
	    "PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=\"Jan 'JJ' Jansen Zorg; B.V.\":"
	    "mailto:A.deVries@ZorgOrg.nl"),
	    "text: CN without DQUOTE or newline, quoted");
	CHECK(has_line(t, "ORGANIZER:mailto:uitnodiging+tok@netwerk.example"),
	    "text: a CN left empty is left out");
	CHECK(has_line(t, "DESCRIPTION:a\\, b\\; c\\\\d\\nnext"),
	    "text: VALARM DESCRIPTION escaped too");
	free(t);
	buf_free(&long_text);
}

/* A line of exactly 75 octets stays whole; one more octet folds it. */
static void
test_fold_edge(void)
{
	struct calendar_event	 ev = sample();
	char			 s[80], *t;

	memset(s, 'x', sizeof(s));
	s[75 - 8] = '\0';			/* "SUMMARY:" + 67 */
	ev.summary = s;
	t = build(&ev);
	CHECK(t != NULL && strstr(t, "\r\nSUMMARY:xxx") != NULL &&
	    strstr(t, "xxxxx\r\nLOCATION:") != NULL,
	    "fold: 75 octets stay on one line");
	free(t);
	s[75 - 8] = 'x';
	s[76 - 8] = '\0';
	t = build(&ev);
	CHECK(t != NULL && strstr(t, "xxx\r\n x\r\nLOCATION:") != NULL,
	    "fold: the 76th octet goes to a continuation line");
	free(t);
	/* "SUMMARY:" + 66 x + "é": the 2-octet é must not be split. */
	s[74 - 8] = '\0';
	memcpy(s + 66, "\xc3\xa9", 3);
	t = build(&ev);
	CHECK(t != NULL && strstr(t, "xxx\r\n \xc3\xa9\r\nLOCATION:") !=
	    NULL, "fold: a character across octet 75 moves whole");
	free(t);
}

static void
test_alarms(void)
{
	static const struct {
		int		 minutes;
		const char	*trigger;
	} cases[] = {
		{ 15, "TRIGGER:-PT15M" },
		{ 90, "TRIGGER:-PT90M" },
		{ 120, "TRIGGER:-PT2H" },
		{ 1440, "TRIGGER:-P1D" },
		{ 2880, "TRIGGER:-P2D" },
	};
	struct calendar_event	 ev = sample();
	char			*t;
	size_t			 i;

	for (i = 0; i < nitems(cases); i++) {
		ev.alarm_minutes = cases[i].minutes;
		t = build(&ev);
		CHECK(t != NULL && has_line(t, cases[i].trigger),
		    "alarm: %d minutes is %s", cases[i].minutes,
		    cases[i].trigger);
		free(t);
	}
	ev.alarm_minutes = 0;
	t = build(&ev);
	CHECK(t != NULL && strstr(t, "VALARM") == NULL,
	    "alarm: none for 0 minutes");
	free(t);
}

/* Zones: the DTSTART line, a line of the VTIMEZONE, one it must lack. */
static void
test_zones(void)
{
	static const struct {
		const char	*tzid;
		time_t		 start;
		const char	*dtstart;
		const char	*has;
		const char	*lacks;
	} cases[] = {
		{ "Asia/Tokyo", 1804741200,
		    "DTSTART;TZID=Asia/Tokyo:20270311T140000",
		    "BEGIN:STANDARD\r\nTZOFFSETFROM:+0900\r\nTZOFFSETTO:+0900"
		    "\r\nTZNAME:JST\r\nDTSTART:19700101T000000\r\n"
		    "END:STANDARD\r\nEND:VTIMEZONE", "DAYLIGHT" },
		{ "UTC", WINTER_START, "DTSTART:20270311T130000Z",
		    "DTEND:20270311T160000Z", "VTIMEZONE" },
		{ "America/New_York", WINTER_START,
		    "DTSTART;TZID=America/New_York:20270311T080000",
		    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\n", "BYMONTHDAY" },
		{ "Australia/Sydney", WINTER_START,
		    "DTSTART;TZID=Australia/Sydney:20270312T000000",
		    "TZNAME:AEDT\r\nDTSTART:19701004T020000\r\n"
		    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=1SU\r\n", NULL },
		{ "Asia/Jerusalem", SUMMER_START,
		    "DTSTART;TZID=Asia/Jerusalem:20270610T150000",
		    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=FR;"
		    "BYMONTHDAY=23,24,25,26,27,28,29\r\n", "-1FR" },
		/* Ramadan changes fit no yearly rule: UTC, no VTIMEZONE. */
		{ "Africa/Casablanca", SUMMER_START, "DTSTART:20270610T120000Z",
		    "DTEND:20270610T150000Z", "VTIMEZONE" },
		/* 02:30 happens twice on 2027-10-31: written in UTC. */
		{ "Europe/Amsterdam", 1824942600, "DTSTART:20271031T003000Z",
		    "DTEND;TZID=Europe/Amsterdam:20271031T043000", NULL },
		{ "Europe/Amsterdam", 1824946200, "DTSTART:20271031T013000Z",
		    "DTEND;TZID=Europe/Amsterdam:20271031T053000", NULL },
	};
	struct calendar_event	 ev = sample();
	char			*t, *renamed;
	size_t			 i;

	for (i = 0; i < nitems(cases); i++) {
		ev.tzid = cases[i].tzid;
		ev.start = cases[i].start;
		ev.end = ev.start + 3 * HOUR;
		t = build(&ev);
		CHECK(t != NULL && has_line(t, cases[i].dtstart),
		    "zone %s: %s", cases[i].tzid, cases[i].dtstart);
		CHECK(t != NULL && strstr(t, cases[i].has) != NULL &&
		    (cases[i].lacks == NULL ||
		    strstr(t, cases[i].lacks) == NULL),
		    "zone %s: VTIMEZONE as expected", cases[i].tzid);
		renamed = t == NULL ? NULL : disguise_zone(t, cases[i].tzid);
		CHECK(renamed != NULL &&
		    parsed_instant(renamed, ICAL_DTSTART_PROPERTY) ==
		    ev.start &&
		    parsed_instant(renamed, ICAL_DTEND_PROPERTY) == ev.end,
		    "zone %s: libical reads the start and end back",
		    cases[i].tzid);
		CHECK(t != NULL && lines_ok(t), "zone %s: lines",
		    cases[i].tzid);
		free(renamed);
		free(t);
	}
}

static void
expect_error(const struct calendar_event *ev, const char *name)
{
	char	*t, *cause = NULL;

	t = calendar_build(ev, &cause);
	CHECK(t == NULL && cause != NULL && *cause != '\0', "error: %s (%s)",
	    name, cause != NULL ? cause : "no cause");
	free(t);
	free(cause);
}

static void
test_errors(void)
{
	struct calendar_event	 ev;

	ev = sample();
	ev.tzid = "Europe/Atlantis";
	expect_error(&ev, "unknown zone");
	ev = sample();
	ev.tzid = NULL;
	expect_error(&ev, "no zone");
	ev = sample();
	ev.end = ev.start - 60;
	expect_error(&ev, "end before start");
	ev = sample();
	ev.end = ev.start;
	expect_error(&ev, "end equal to start");
	ev = sample();
	ev.uid = NULL;
	expect_error(&ev, "no UID");
	ev = sample();
	ev.organizer = "";
	expect_error(&ev, "no organizer");
	ev = sample();
	ev.attendee = NULL;
	expect_error(&ev, "no attendee");
	ev = sample();
	ev.attendee = "a b@zorg.nl";
	expect_error(&ev, "attendee with a space");
	ev = sample();
	ev.attendee = "ab.zorg.nl";
	expect_error(&ev, "attendee without @");
	ev = sample();
	ev.sequence = -1;
	expect_error(&ev, "negative SEQUENCE");
}

/* A fixture of tests/fixtures/calendar/, whole. */
static char *
fixture(const char *name)
{
	char	 path[256], *text;
	FILE	*f;
	long	 n;

	snprintf(path, sizeof(path), "tests/fixtures/calendar/%s", name);
	if ((f = fopen(path, "r")) == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	text = xmalloc((size_t)n + 1);
	text[fread(text, 1, (size_t)n, f)] = '\0';
	fclose(f);
	return text;
}

/* Replies in the shapes the clients send (INTEROP.md b.5). */
static void
test_reply(void)
{
	struct calendar_reply	 r;
	char			*t, *why = NULL;

	t = fixture("exchange-accept-empty-comment.ics");
	CHECK(t != NULL && calendar_read(t, &r, &why) == 0,
	    "Exchange accept reads");
	CHECK_STR(r.method, "REPLY", "Exchange: method");
	CHECK_STR(r.partstat, "ACCEPTED", "Exchange: partstat");
	CHECK_STR(r.comment, "\n", "Exchange: its empty COMMENT is a newline "
	    "(the caller trims it to none)");
	CHECK(r.dtstamp == 1795515300, "Exchange: DTSTAMP (got %lld)",
	    (long long)r.dtstamp);
	calendar_reply_clear(&r);
	free(t);

	t = fixture("google-accept-comment-guest.ics");
	CHECK(t != NULL && calendar_read(t, &r, &why) == 0,
	    "Google accept reads");
	CHECK_STR(r.comment, "Ik neem mijn adjunct mee, als dat mag",
	    "Google: X-RESPONSE-COMMENT, an ATTENDEE parameter");
	CHECK(r.guests == 1, "Google: X-NUM-GUESTS, an ATTENDEE parameter");
	CHECK_STR(r.attendee, "mohamed@zorg.example", "Google: attendee");
	calendar_reply_clear(&r);
	free(t);

	t = fixture("apple-decline.ics");
	CHECK(t != NULL && calendar_read(t, &r, &why) == 0,
	    "Apple decline reads");
	CHECK_STR(r.partstat, "DECLINED", "Apple: partstat");
	CHECK(r.sequence == 1, "Apple: sequence");
	CHECK(r.comment == NULL && r.guests == 0, "Apple: no comment, guests");
	calendar_reply_clear(&r);
	free(t);

	t = fixture("thunderbird-delegated.ics");
	CHECK(t != NULL && calendar_read(t, &r, &why) == 0,
	    "Thunderbird delegation reads");
	CHECK_STR(r.partstat, "DELEGATED", "Thunderbird: partstat");
	CHECK_STR(r.delegated_to, "k.smit@zorg.example",
	    "Thunderbird: DELEGATED-TO");
	calendar_reply_clear(&r);
	free(t);

	t = fixture("exchange-counter.ics");
	CHECK(t != NULL && calendar_read(t, &r, &why) == 0,
	    "Exchange COUNTER reads");
	CHECK_STR(r.method, "COUNTER", "COUNTER: method");
	/* 15:00 in Amsterdam in winter is 14:00 UTC. */
	CHECK(r.start == 1799935200 && r.end == 1799946000,
	    "COUNTER: the proposed time, in its own VTIMEZONE (got %lld "
	    "%lld)", (long long)r.start, (long long)r.end);
	CHECK_STR(r.comment, "Kan het een uur later? Dan kan ik wel.",
	    "COUNTER: its comment");
	calendar_reply_clear(&r);
	free(t);
	free(why);
}

int
main(void)
{
	CHECK_STR(calendar_method_name(CALENDAR_REQUEST), "REQUEST",
	    "method name REQUEST");
	CHECK_STR(calendar_method_name(CALENDAR_CANCEL), "CANCEL",
	    "method name CANCEL");
	test_request();
	test_instants();
	test_cancel();
	test_text();
	test_fold_edge();
	test_alarms();
	test_zones();
	test_errors();
	test_reply();
	when_cleanup();
	return check_done();
}
