/*
 * ics_fields.c: a test tool that reads an iCalendar file with libical and
 * prints its invitation fields as normalised KEY=value lines, the same
 * lines tests/tools/ics_fields.py prints with python3-icalendar:
 *   ics_fields FILE|-          read FILE (or standard input)
 *   ics_fields --build NAME    print calendar_build() of a sample event:
 *                              winter summer cancel tokyo sydney utc tricky
 * DTSTART_UTC and DTEND_UTC come from the file's own VTIMEZONE, never from
 * the system's zone database: a TZID without a VTIMEZONE is an error.
 * Exit 1 when the text does not parse or lacks a VEVENT.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libical/ical.h>

#include "calendar.h"
#include "util.h"
#include "when.h"

#define INPUT_MAX	(4 * 1024 * 1024)

struct sample {
	const char		*name;
	struct calendar_event	 ev;
};

/* 2027-03-11 14:00–17:00 in Amsterdam (CET) is 13:00Z, 1804770000. */
static const struct sample samples[] = {
	{ "winter", { CALENDAR_REQUEST, "m1-p1-winter@netwerk.example", 0,
	    1801472400, 1804770000, 1804780800, "Europe/Amsterdam",
	    "Leernetwerk X – bijeenkomst 3", "Zaal 2, Domplein 4; Utrecht",
	    "Agenda: casus, intervisie", "uitnodiging+t1@netwerk.example",
	    "Leernetwerk X (J. Jansen)", "a.devries@zorgorg.nl",
	    "A. de Vries", 1440 } },
	{ "summer", { CALENDAR_REQUEST, "m2-p1-summer@netwerk.example", 1,
	    1801472400, 1812628800, 1812639600, "Europe/Amsterdam",
	    "Leernetwerk X – bijeenkomst 4", "Online", NULL,
	    "uitnodiging+t2@netwerk.example", "Leernetwerk X",
	    "b.bakker@zorgorg.nl", "B. Bakker", 30 } },
	{ "cancel", { CALENDAR_CANCEL, "m1-p1-winter@netwerk.example", 2,
	    1801558800, 1804770000, 1804780800, "Europe/Amsterdam",
	    "Leernetwerk X – bijeenkomst 3", "Zaal 2, Domplein 4; Utrecht",
	    NULL, "uitnodiging+t1@netwerk.example", "Leernetwerk X",
	    "a.devries@zorgorg.nl", "A. de Vries", 1440 } },
	{ "tokyo", { CALENDAR_REQUEST, "m3-p1-tokyo@netwerk.example", 0,
	    1801472400, 1804741200, 1804748400, "Asia/Tokyo",
	    "Study visit", "Tokyo", NULL, "uitnodiging+t3@netwerk.example",
	    NULL, "c.claes@zorgorg.nl", NULL, 60 } },
	{ "sydney", { CALENDAR_REQUEST, "m4-p1-sydney@netwerk.example", 0,
	    1801472400, 1804734000, 1804741200, "Australia/Sydney",
	    "Call", "Sydney", NULL, "uitnodiging+t4@netwerk.example",
	    NULL, "d.dekker@zorgorg.nl", NULL, 10 } },
	{ "utc", { CALENDAR_REQUEST, "m5-p1-utc@netwerk.example", 0,
	    1801472400, 1804770000, 1804773600, "UTC", "UTC meeting",
	    "Online", NULL, "uitnodiging+t5@netwerk.example", NULL,
	    "e.evers@zorgorg.nl", NULL, 0 } },
	{ "tricky", { CALENDAR_REQUEST, "m6-p1-tricky@netwerk.example", 7,
	    1801472400, 1812628800, 1812639600, "Europe/Amsterdam",
	    "a, b; c\\d\nnext – één", "Café “De Zon”, Oudegracht 1",
	    "Ëën lange beschrijving met veel niet-ASCII: "
	    "éééééééééééééééééééééééééééééééééééé"
	    "éééééééééééééééééééé, en nog € €€€€€€€€€€€€",
	    "uitnodiging+t6@netwerk.example", "Netwerk \"Zorg\"\nOost",
	    "f.fokker@zorgorg.nl", "F. \"Frits\" Fokker\r\n", 90 } },
};

static int
build(const char *name)
{
	size_t	 i;
	char	*text, *cause = NULL;

	for (i = 0; i < nitems(samples); i++)
		if (strcmp(samples[i].name, name) == 0)
			break;
	if (i == nitems(samples)) {
		fprintf(stderr, "ics_fields: no sample '%s'\n", name);
		return 1;
	}
	if ((text = calendar_build(&samples[i].ev, &cause)) == NULL) {
		fprintf(stderr, "ics_fields: %s\n", cause);
		free(cause);
		return 1;
	}
	fputs(text, stdout);
	free(text);
	return 0;
}

static char *
read_all(const char *path)
{
	FILE		*f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	struct buf	 b;
	char		 chunk[8192];
	size_t		 n;

	if (f == NULL)
		return NULL;
	buf_init(&b, INPUT_MAX);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (buf_add(&b, chunk, n) == -1)
			break;
	if (f != stdin)
		fclose(f);
	return buf_take(&b);
}

/* A value on one line: backslash as \\, a line break as \n. */
static void
print_field(const char *key, const char *value)
{
	const char	*p;

	printf("%s=", key);
	for (p = value != NULL ? value : ""; *p != '\0'; p++) {
		if (*p == '\\')
			fputs("\\\\", stdout);
		else if (*p == '\n')
			fputs("\\n", stdout);
		else if (*p != '\r')
			putchar(*p);
	}
	putchar('\n');
}

/* The value of a parameter as written, e.g. "NEEDS-ACTION". */
static void
print_param(const char *key, icalproperty *p, icalparameter_kind kind)
{
	icalparameter	*param = NULL;
	char		*s = NULL;
	const char	*v = NULL;

	if (p != NULL)
		param = icalproperty_get_first_parameter(p, kind);
	if (param != NULL && kind == ICAL_CN_PARAMETER)
		v = icalparameter_get_cn(param);
	else if (param != NULL) {
		s = icalparameter_as_ical_string_r(param);
		v = strchr(s, '=') != NULL ? strchr(s, '=') + 1 : s;
	}
	print_field(key, v);
	free(s);
}

/*
 * The UTC instant of a DTSTART or DTEND, from the VTIMEZONE in cal that
 * its TZID names. Returns 0, or -1 (floating time, no such VTIMEZONE).
 */
static int
instant(icalcomponent *cal, icalproperty *p, time_t *out,
    const char **tzid)
{
	icalparameter		*param;
	icaltimezone		*zone;
	struct icaltimetype	 t;

	*tzid = NULL;
	if (p == NULL)
		return -1;
	t = icalvalue_get_datetime(icalproperty_get_value(p));
	if (icaltime_is_utc(t)) {
		*tzid = "UTC";
		*out = icaltime_as_timet_with_zone(t,
		    icaltimezone_get_utc_timezone());
		return 0;
	}
	param = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER);
	if (param == NULL)
		return -1;
	*tzid = icalparameter_get_tzid(param);
	/* Only the calendar's own VTIMEZONEs: no built-in fallback. */
	if ((zone = icalcomponent_get_timezone(cal, *tzid)) == NULL)
		return -1;
	*out = icaltime_as_timet_with_zone(t, zone);
	return 0;
}

static void
print_instant(const char *key, time_t t)
{
	struct icaltimetype	 u;

	u = icaltime_from_timet_with_zone(t, 0,
	    icaltimezone_get_utc_timezone());
	printf("%s=%04d%02d%02dT%02d%02d%02dZ\n", key, u.year, u.month, u.day,
	    u.hour, u.minute, u.second);
}

/*
 * yes when the first VEVENT ends with a VALARM: nothing but the alarm's
 * END comes right before END:VEVENT. libical keeps properties and
 * sub-components apart, so this reads the unfolded text itself.
 */
static const char *
alarm_last(const char *text)
{
	const char	*p = text, *eol;
	bool		 in_event = false, after_alarm = false;
	struct buf	 line;

	buf_init(&line, INPUT_MAX);
	while (*p != '\0') {
		line.len = 0;
		for (;;) {	/* one unfolded line (RFC 5545 3.1) */
			eol = p + strcspn(p, "\r\n");
			buf_add(&line, p, (size_t)(eol - p));
			p = eol + (*eol == '\r' && eol[1] == '\n' ? 2 :
			    *eol != '\0');
			if (*p != ' ' && *p != '\t')
				break;
			p++;
		}
		line.data[line.len] = '\0';
		if (strcasecmp(line.data, "BEGIN:VEVENT") == 0)
			in_event = true;
		else if (in_event && strcasecmp(line.data, "END:VEVENT") == 0)
			break;
		else if (in_event)
			after_alarm = strcasecmp(line.data, "END:VALARM") == 0;
	}
	buf_free(&line);
	return in_event && after_alarm ? "yes" : "no";
}

static int
print_event(icalcomponent *cal, icalcomponent *ev, const char *text)
{
	icalproperty	*p, *att;
	const char	*tz1 = NULL, *tz2 = NULL;
	int		 n = 0;
	icalcomponent	*a;
	char		 num[32];
	time_t		 start, end;

	if (instant(cal, icalcomponent_get_first_property(ev,
	    ICAL_DTSTART_PROPERTY), &start, &tz1) == -1 ||
	    instant(cal, icalcomponent_get_first_property(ev,
	    ICAL_DTEND_PROPERTY), &end, &tz2) == -1) {
		fprintf(stderr, "ics_fields: floating time or no VTIMEZONE "
		    "for TZID %s\n", tz1 != NULL ? tz1 : tz2 != NULL ? tz2 :
		    "(none)");
		return -1;
	}
	p = icalcomponent_get_first_property(cal, ICAL_METHOD_PROPERTY);
	print_field("METHOD", p == NULL ? NULL :
	    icalproperty_method_to_string(icalproperty_get_method(p)));
	p = icalcomponent_get_first_property(ev, ICAL_UID_PROPERTY);
	print_field("UID", p == NULL ? NULL : icalproperty_get_uid(p));
	p = icalcomponent_get_first_property(ev, ICAL_SEQUENCE_PROPERTY);
	snprintf(num, sizeof(num), "%d", p == NULL ? 0 :
	    icalproperty_get_sequence(p));
	print_field("SEQUENCE", num);
	p = icalcomponent_get_first_property(ev, ICAL_STATUS_PROPERTY);
	print_field("STATUS", p == NULL ? NULL :
	    icalproperty_status_to_string(icalproperty_get_status(p)));
	print_instant("DTSTART_UTC", start);
	print_instant("DTEND_UTC", end);
	print_field("TZID", tz1);
	p = icalcomponent_get_first_property(ev, ICAL_ORGANIZER_PROPERTY);
	print_field("ORGANIZER", p == NULL ? NULL :
	    icalproperty_get_organizer(p));
	print_param("ORGANIZER_CN", p, ICAL_CN_PARAMETER);
	att = icalcomponent_get_first_property(ev, ICAL_ATTENDEE_PROPERTY);
	print_field("ATTENDEE", att == NULL ? NULL :
	    icalproperty_get_attendee(att));
	print_param("ATTENDEE_CN", att, ICAL_CN_PARAMETER);
	print_param("PARTSTAT", att, ICAL_PARTSTAT_PARAMETER);
	print_param("RSVP", att, ICAL_RSVP_PARAMETER);
	p = icalcomponent_get_first_property(ev, ICAL_SUMMARY_PROPERTY);
	print_field("SUMMARY", p == NULL ? NULL : icalproperty_get_summary(p));
	p = icalcomponent_get_first_property(ev, ICAL_LOCATION_PROPERTY);
	print_field("LOCATION", p == NULL ? NULL :
	    icalproperty_get_location(p));
	for (a = icalcomponent_get_first_component(ev, ICAL_VALARM_COMPONENT);
	    a != NULL;
	    a = icalcomponent_get_next_component(ev, ICAL_VALARM_COMPONENT))
		n++;
	printf("ALARMS=%d\n", n);
	print_field("ALARM_LAST", alarm_last(text));
	return 0;
}

static int
fields(const char *path)
{
	icalcomponent	*root, *cal, *ev;
	char		*text;
	int		 rc = 1;

	if ((text = read_all(path)) == NULL) {
		perror(path);
		return 1;
	}
	root = icalparser_parse_string(text);
	cal = root;
	if (cal != NULL && icalcomponent_isa(cal) != ICAL_VCALENDAR_COMPONENT)
		cal = icalcomponent_get_first_component(root,
		    ICAL_VCALENDAR_COMPONENT);
	ev = cal == NULL ? NULL :
	    icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	if (ev == NULL)
		fprintf(stderr, "ics_fields: %s: no VCALENDAR with a VEVENT\n",
		    path);
	else if (print_event(cal, ev, text) == 0)
		rc = 0;
	if (root != NULL)
		icalcomponent_free(root);
	free(text);
	return rc;
}

int
main(int argc, char **argv)
{
	int	 rc;

	if (argc == 3 && strcmp(argv[1], "--build") == 0)
		rc = build(argv[2]);
	else if (argc == 2)
		rc = fields(argv[1]);
	else {
		fprintf(stderr, "usage: ics_fields FILE|-\n"
		    "       ics_fields --build NAME\n");
		rc = 2;
	}
	fflush(stdout);
	when_cleanup();
	return rc;
}
