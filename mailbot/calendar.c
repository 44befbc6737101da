/*
 * calendar.c: the iCalendar text (RFC 5545, methods from RFC 5546) of one
 * meeting for one attendee, shaped as INTEROP.md b.3 describes. Pure: no
 * clock and no files of its own; libical reads the system's tzdata only to
 * tell the zone's UTC offsets.
 *
 * The text is written here, not by icalcomponent_as_ical_string(): the
 * bytes are what Outlook, Gmail and Apple judge, and libical 3.0.16 gets
 * two of them wrong for us. Its built-in VTIMEZONE is the whole history
 * of the zone (184 lines for Europe/Amsterdam, offsets with seconds such
 * as +001932, a TZID of "/freeassociation.sourceforge.net/…"), and it
 * writes a DQUOTE in a CN as RFC 6868's ^' which Outlook shows verbatim.
 * Writing eight kinds of line ourselves is simpler than repairing that.
 */
#include <assert.h>
#include <ctype.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libical/ical.h>

#include "calendar.h"
#include "util.h"

#define CAL_MAX		(1024 * 1024)	/* bytes of calendar text at most */
#define FOLD_AT		75		/* octets a line, RFC 5545 3.1 */
#define DAY		86400
#define SCAN_YEARS	6		/* years each rule is checked over */
#define MAX_TRANS	64
#define TIME_LIMIT	((time_t)221845392000)	/* 9000-01-01T00:00:00Z */

/*
 * The VTIMEZONE we write. Outlook emits, and clients best understand, a
 * compact zone: one STANDARD and one DAYLIGHT observance, each starting in
 * 1970 and repeating by a yearly RRULE (INTEROP.md b.3). We derive it from
 * the zone's real transitions in the meeting's year and the five after it,
 * found by probing libical's offsets once a day (about a millisecond), and
 * keep it only when a rule "the last / Nth weekday of the month"
 * (BYDAY=-1SU, BYDAY=2SU) or "the first weekday on or after day K" (Israel,
 * Chile: BYDAY=FR;BYMONTHDAY=23,…,29) reproduces every one of them. The
 * larger offset is DAYLIGHT (so Dublin's summer is, as Outlook has it). A
 * zone with no transitions in those years (Asia/Tokyo) gets one STANDARD.
 *
 * "UTC", and a zone whose rules do not fit (Morocco's Ramadan changes,
 * Egypt's change at 24:00, a zone changing its rules in those years), get
 * UTC times with Z and no VTIMEZONE: b.3 names that as the alternative
 * every client reads right, whereas a list of one-off observances is
 * reported to be misread by Outlook, which keeps one rule pair per zone.
 * A wall-clock time that happens twice (the hour repeated when summer time
 * ends) is also written in UTC: RFC 5545 3.3.5 means the first, but
 * libical 3.0.16 reads the second.
 */
enum zone_kind {
	ZONE_UTC,
	ZONE_FIXED,
	ZONE_RULES
};

struct observance {
	bool	 is_daylight;
	int	 from;		/* offsets, seconds east of UTC */
	int	 to;
	int	 month;		/* 1..12, RULES only */
	int	 wday;		/* 0 = Sunday … 6 */
	int	 nth;		/* 1..4, -1 for the last; 0: see first_day */
	int	 first_day;	/* the first wday on or after this day */
	int	 hour;		/* wall clock of the change, in 'from' */
	int	 minute;
	int	 second;
	char	 name[32];	/* TZNAME */
};

struct zone {
	enum zone_kind		 kind;
	const char		*tzid;
	icaltimezone		*ical;
	time_t			 first;	/* local times are checked in here */
	time_t			 last;
	int			 nobs;
	struct observance	 obs[2];
};

/* One change of offset: the wall clock just before it, in 'from'. */
struct transition {
	int			 from;
	int			 to;
	struct icaltimetype	 wall;
};

/* The text being written: finished, folded lines, and the current one. */
struct ics {
	struct buf	 out;
	struct buf	 line;
	bool		 too_long;
};

const char *
calendar_method_name(enum calendar_method m)
{
	return m == CALENDAR_CANCEL ? "CANCEL" : "REQUEST";
}

/* 0 = Sunday; any day number, also past the month's end (Sakamoto). */
static int
weekday(int y, int m, int d)
{
	static const int	 t[] = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4 };

	if (m < 3)
		y--;
	return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
}

static time_t
year_start(int year)
{
	struct icaltimetype	 t = icaltime_null_time();

	t.year = year;
	t.month = 1;
	t.day = 1;
	return icaltime_as_timet_with_zone(t,
	    icaltimezone_get_utc_timezone());
}

/* The UTC offset of zone z at instant t, in seconds. */
static int
offset_at(icaltimezone *z, time_t t)
{
	struct icaltimetype	 u;
	int			 is_daylight;

	u = icaltime_from_timet_with_zone(t, 0,
	    icaltimezone_get_utc_timezone());
	return icaltimezone_get_utc_offset_of_utc_time(z, &u, &is_daylight);
}

/* The wall clock at t where the offset is 'offset'. */
static struct icaltimetype
wall_clock(time_t t, int offset)
{
	return icaltime_from_timet_with_zone(t + offset, 0,
	    icaltimezone_get_utc_timezone());
}

/* The first instant after lo, up to hi, whose offset is no longer 'off'. */
static time_t
change_between(icaltimezone *z, time_t lo, time_t hi, int off)
{
	time_t	 mid;

	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (offset_at(z, mid) == off)
			lo = mid;
		else
			hi = mid;
	}
	return hi;
}

/*
 * The zone's transitions whose wall clock falls in [year, year +
 * SCAN_YEARS), probing once a day. Returns their number, or -1 when there
 * are more than max.
 */
static int
zone_scan(icaltimezone *z, int year, struct transition *tr, int max)
{
	time_t	 t, at, end;
	int	 n = 0, prev, off;

	t = year_start(year) - 2 * DAY;
	end = year_start(year + SCAN_YEARS) + 2 * DAY;
	prev = offset_at(z, t);
	for (; t < end; t += DAY) {
		off = offset_at(z, t + DAY);
		if (off == prev)
			continue;
		at = change_between(z, t, t + DAY, prev);
		if (n == max)
			return -1;
		tr[n].from = prev;
		tr[n].to = off;
		tr[n].wall = wall_clock(at, prev);
		if (tr[n].wall.year >= year &&
		    tr[n].wall.year < year + SCAN_YEARS)
			n++;
		prev = off;
	}
	return n;
}

static int
days_in_month(int month, int year)
{
	return icaltime_days_in_month(month, year);
}

/* The day of the month on which rule o falls in year (may be past the
   month's end when the rule does not exist that year). */
static int
rule_day(const struct observance *o, int year)
{
	int	 d;

	if (o->nth == -1) {
		d = days_in_month(o->month, year);
		while (weekday(year, o->month, d) != o->wday)
			d--;
		return d;
	}
	d = o->nth > 0 ? (o->nth - 1) * 7 + 1 : o->first_day;
	while (weekday(year, o->month, d) != o->wday)
		d++;
	return d;
}

/* True when rule o gives exactly the n transitions tr[0], tr[step], …. */
static bool
rule_fits(const struct observance *o, const struct transition *tr, int n,
    int step)
{
	const struct icaltimetype	*w;
	int				 i;

	for (i = 0; i < n; i += step) {
		w = &tr[i].wall;
		if (w->month != o->month || w->hour != o->hour ||
		    w->minute != o->minute || w->second != o->second ||
		    rule_day(o, w->year) != w->day)
			return false;
	}
	return true;
}

/*
 * Finds the yearly rule behind the transitions tr[0], tr[2], … (one a
 * year, all from the same offset to the same offset): the last or the
 * Nth weekday of the month, else the first weekday on or after a day.
 */
static bool
rule_find(struct observance *o, const struct transition *tr, int n)
{
	static const int	 nths[] = { -1, 1, 2, 3, 4 };
	const struct icaltimetype *w = &tr[0].wall;
	size_t			 i;
	int			 k;

	memset(o, 0, sizeof(*o));
	o->from = tr[0].from;
	o->to = tr[0].to;
	o->month = w->month;
	o->wday = weekday(w->year, w->month, w->day);
	o->hour = w->hour;
	o->minute = w->minute;
	o->second = w->second;
	for (i = 0; i < nitems(nths); i++) {
		o->nth = nths[i];
		if (rule_fits(o, tr, n, 2))
			return true;
	}
	o->nth = 0;
	o->first_day = 31;
	for (k = 0; k < n; k += 2)
		if (tr[k].wall.day < o->first_day)
			o->first_day = tr[k].wall.day;
	/* BYMONTHDAY=K,…,K+6 must name days that exist. */
	return o->first_day + 6 <= 31 && rule_fits(o, tr, n, 2);
}

/* The transitions alternate between two offsets, two a year, in order. */
static bool
pairs_alternate(const struct transition *tr, int n, int year)
{
	int	 i;

	if (n != 2 * SCAN_YEARS)
		return false;
	for (i = 0; i < n; i++) {
		if (tr[i].from != tr[i % 2].from || tr[i].to != tr[i % 2].to ||
		    tr[i].wall.year != year + i / 2)
			return false;
	}
	return tr[0].to == tr[1].from && tr[1].to == tr[0].from;
}

static void
offset_format(char *out, size_t size, int off)
{
	int	 a = off < 0 ? -off : off;

	if (a % 60 != 0)
		snprintf(out, size, "%c%02d%02d%02d", off < 0 ? '-' : '+',
		    a / 3600, a % 3600 / 60, a % 60);
	else
		snprintf(out, size, "%c%02d%02d", off < 0 ? '-' : '+',
		    a / 3600, a % 3600 / 60);
}

/*
 * The abbreviation tzdata gives offset 'off' (CET, CEST, JST): the TZNAME
 * of the newest observance with that offset in libical's own component
 * for the zone; "+0530" when there is none.
 */
static void
zone_name(icaltimezone *z, int off, char *out, size_t size)
{
	icalcomponent		*c = icaltimezone_get_component(z), *sub;
	icalproperty		*p, *name;
	struct icaltimetype	 when, best = icaltime_null_time();
	const char		*found = NULL;

	offset_format(out, size, off);
	if (c == NULL)
		return;
	for (sub = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT);
	    sub != NULL;
	    sub = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT)) {
		p = icalcomponent_get_first_property(sub,
		    ICAL_TZOFFSETTO_PROPERTY);
		name = icalcomponent_get_first_property(sub,
		    ICAL_TZNAME_PROPERTY);
		if (p == NULL || name == NULL ||
		    icalproperty_get_tzoffsetto(p) != off)
			continue;
		when = icalcomponent_get_dtstart(sub);
		if (found == NULL || icaltime_compare(when, best) > 0) {
			best = when;
			found = icalproperty_get_tzname(name);
		}
	}
	if (found != NULL && *found != '\0' && strlen(found) < size)
		snprintf(out, size, "%s", found);
}

static icaltimezone *
zone_lookup(const char *tzid)
{
	if (tzid == NULL || *tzid == '\0' || strstr(tzid, "..") != NULL ||
	    strcspn(tzid, "\";:,\\") != strlen(tzid))
		return NULL;
	return icaltimezone_get_builtin_timezone(tzid);
}

/* Fills z with the compact definition of tzid (see "The VTIMEZONE"). */
static int
zone_define(const char *tzid, time_t start, struct zone *z, char **cause)
{
	struct transition	 tr[MAX_TRANS];
	struct icaltimetype	 u;
	int			 n, i;

	memset(z, 0, sizeof(*z));
	z->tzid = tzid;
	if (tzid != NULL && strcmp(tzid, "UTC") == 0) {
		z->kind = ZONE_UTC;
		return 0;
	}
	if (str_is_blank(tzid)) {
		xasprintf(cause, "no time zone");
		return -1;
	}
	if ((z->ical = zone_lookup(tzid)) == NULL) {
		xasprintf(cause, "unknown time zone '%s'", tzid);
		return -1;
	}
	u = icaltime_from_timet_with_zone(start, 0,
	    icaltimezone_get_utc_timezone());
	z->first = year_start(u.year);
	z->last = year_start(u.year + SCAN_YEARS) - 1;
	n = zone_scan(z->ical, u.year, tr, MAX_TRANS);
	if (n == 0) {
		z->kind = ZONE_FIXED;
		z->nobs = 1;
		z->obs[0].from = z->obs[0].to = offset_at(z->ical, start);
	} else if (pairs_alternate(tr, n, u.year) &&
	    rule_find(&z->obs[0], tr, n) &&
	    rule_find(&z->obs[1], tr + 1, n - 1)) {
		z->kind = ZONE_RULES;
		z->nobs = 2;
		i = z->obs[0].to > z->obs[1].to ? 0 : 1;
		z->obs[i].is_daylight = true;
	} else
		z->kind = ZONE_UTC;
	for (i = 0; i < z->nobs; i++)
		zone_name(z->ical, z->obs[i].to, z->obs[i].name,
		    sizeof(z->obs[i].name));
	return 0;
}

/*
 * The wall clock of t in zone z, as the VTIMEZONE we write reads it back.
 * Fails when t is outside the years the rules were checked for, or when
 * that wall clock happens twice (the hour repeated when summer time ends):
 * such a time is written in UTC rather than trusting every client to pick
 * the right one of the two.
 */
static int
zone_wall_clock(const struct zone *z, time_t t, struct icaltimetype *out)
{
	int	 off, i, other;
	time_t	 local;

	if (z->kind == ZONE_UTC || t < z->first || t > z->last)
		return -1;
	off = offset_at(z->ical, t);
	local = t + off;
	for (i = 0; i < z->nobs; i++) {
		other = z->obs[i].to;
		if (other != off && offset_at(z->ical, local - other) == other)
			return -1;
	}
	*out = wall_clock(t, off);
	return 0;
}

static void
ics_add(struct ics *c, const void *p, size_t n)
{
	if (buf_add(&c->line, p, n) == -1)
		c->too_long = true;
}

static void
ics_str(struct ics *c, const char *s)
{
	ics_add(c, s, strlen(s));
}

static void
ics_printf(struct ics *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
ics_printf(struct ics *c, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;
	int	 n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0) {
		c->too_long = true;
		return;
	}
	ics_add(c, s, (size_t)n);
	free(s);
}

static void
ics_out(struct ics *c, const void *p, size_t n)
{
	if (buf_add(&c->out, p, n) == -1)
		c->too_long = true;
}

/*
 * Ends the current content line: writes it folded (RFC 5545 3.1) so that
 * no line passes 75 octets before its CRLF, continuation lines starting
 * with one space, and never between the bytes of one UTF-8 character.
 */
static void
ics_end(struct ics *c)
{
	const char	*p = c->line.data;
	size_t		 left = c->line.len, room = FOLD_AT, n;

	while (left > room) {
		n = room;
		while (n > 0 && ((unsigned char)p[n] & 0xc0) == 0x80)
			n--;
		if (n == 0)		/* not UTF-8: split anyway */
			n = room;
		ics_out(c, p, n);
		ics_out(c, "\r\n ", 3);
		p += n;
		left -= n;
		room = FOLD_AT - 1;
	}
	ics_out(c, p, left);
	ics_out(c, "\r\n", 2);
	c->line.len = 0;
	c->line.data[0] = '\0';
}

static void
ics_line(struct ics *c, const char *s)
{
	ics_str(c, s);
	ics_end(c);
}

/* A TEXT value (RFC 5545 3.3.11): \ ; , escaped, any line break as \n,
   other control characters (not allowed in a content line) left out. */
static void
ics_text(struct ics *c, const char *s)
{
	unsigned char	 ch;

	for (; *s != '\0'; s++) {
		ch = (unsigned char)*s;
		if (ch == '\\' || ch == ';' || ch == ',') {
			ics_add(c, "\\", 1);
			ics_add(c, s, 1);
		} else if (ch == '\r' || ch == '\n') {
			ics_add(c, "\\n", 2);
			if (ch == '\r' && s[1] == '\n')
				s++;
		} else if ((ch >= 0x20 && ch != 0x7f) || ch == '\t')
			ics_add(c, s, 1);
	}
}

/*
 * ;NAME="value" for a display name. A parameter value cannot hold a DQUOTE
 * (RFC 5545 3.1; RFC 6868's ^' is not read by Outlook), so a DQUOTE
 * becomes an apostrophe, a line break or tab a space, and other control
 * characters go. Nothing is written when no name is left.
 */
static void
ics_param_name(struct ics *c, const char *param, const char *value)
{
	char	*v, *p;

	if (value == NULL)
		return;
	v = xstrdup(value);
	for (p = v; *p != '\0'; p++) {
		if (*p == '"')
			*p = '\'';
		else if (*p == '\r' || *p == '\n' || *p == '\t')
			*p = ' ';
	}
	for (p = v; *p != '\0'; ) {
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			memmove(p, p + 1, strlen(p + 1) + 1);
		else
			p++;
	}
	str_trim(v);
	if (*v != '\0')
		ics_printf(c, ";%s=\"%s\"", param, v);
	free(v);
}

static void
ics_utc(struct ics *c, time_t t)
{
	struct icaltimetype	 u;

	u = icaltime_from_timet_with_zone(t, 0,
	    icaltimezone_get_utc_timezone());
	ics_printf(c, "%04d%02d%02dT%02d%02d%02dZ", u.year, u.month, u.day,
	    u.hour, u.minute, u.second);
}

/* NAME;TZID=zone:local, or NAME:utcZ (see zone_wall_clock). */
static void
ics_when(struct ics *c, const char *name, time_t t, const struct zone *z)
{
	struct icaltimetype	 w;

	ics_str(c, name);
	if (zone_wall_clock(z, t, &w) == 0)
		ics_printf(c, ";TZID=%s:%04d%02d%02dT%02d%02d%02d", z->tzid,
		    w.year, w.month, w.day, w.hour, w.minute, w.second);
	else {
		ics_str(c, ":");
		ics_utc(c, t);
	}
	ics_end(c);
}

/* RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU, or BYDAY=FR;BYMONTHDAY=23,…,29. */
static void
ics_rrule(struct ics *c, const struct observance *o)
{
	static const char *const days[] = { "SU", "MO", "TU", "WE", "TH",
	    "FR", "SA" };
	int			 d;

	ics_printf(c, "RRULE:FREQ=YEARLY;BYMONTH=%d;BYDAY=", o->month);
	if (o->nth != 0)
		ics_printf(c, "%d%s", o->nth, days[o->wday]);
	else {
		ics_printf(c, "%s;BYMONTHDAY=%d", days[o->wday], o->first_day);
		for (d = o->first_day + 1; d < o->first_day + 7; d++)
			ics_printf(c, ",%d", d);
	}
	ics_end(c);
}

/* DTSTART of an observance: the rule's first day from 1970 on. */
static void
ics_onset(struct ics *c, const struct observance *o)
{
	int	 y;

	if (o->month == 0) {
		ics_line(c, "DTSTART:19700101T000000");
		return;
	}
	for (y = 1970; rule_day(o, y) > days_in_month(o->month, y); y++)
		continue;
	ics_printf(c, "DTSTART:%04d%02d%02dT%02d%02d%02d", y, o->month,
	    rule_day(o, y), o->hour, o->minute, o->second);
	ics_end(c);
	ics_rrule(c, o);
}

static void
ics_observance(struct ics *c, const struct observance *o)
{
	const char	*kind = o->is_daylight ? "DAYLIGHT" : "STANDARD";
	char		 off[16];

	ics_printf(c, "BEGIN:%s", kind);
	ics_end(c);
	offset_format(off, sizeof(off), o->from);
	ics_printf(c, "TZOFFSETFROM:%s", off);
	ics_end(c);
	offset_format(off, sizeof(off), o->to);
	ics_printf(c, "TZOFFSETTO:%s", off);
	ics_end(c);
	ics_str(c, "TZNAME:");
	ics_text(c, o->name);
	ics_end(c);
	ics_onset(c, o);
	ics_printf(c, "END:%s", kind);
	ics_end(c);
}

/* The VTIMEZONE, DAYLIGHT first as in b.3; nothing for UTC times. */
static void
ics_vtimezone(struct ics *c, const struct zone *z)
{
	int	 i;

	if (z->kind == ZONE_UTC)
		return;
	ics_line(c, "BEGIN:VTIMEZONE");
	ics_str(c, "TZID:");
	ics_text(c, z->tzid);
	ics_end(c);
	for (i = 0; i < z->nobs; i++)
		if (z->obs[i].is_daylight)
			ics_observance(c, &z->obs[i]);
	for (i = 0; i < z->nobs; i++)
		if (!z->obs[i].is_daylight)
			ics_observance(c, &z->obs[i]);
	ics_line(c, "END:VTIMEZONE");
}

/* -P1D, -PT2H, -PT90M. */
static void
ics_valarm(struct ics *c, const struct calendar_event *ev)
{
	int	 m = ev->alarm_minutes;

	ics_line(c, "BEGIN:VALARM");
	ics_line(c, "ACTION:DISPLAY");
	ics_str(c, "DESCRIPTION:");
	ics_text(c, ev->summary != NULL && *ev->summary != '\0' ?
	    ev->summary : "Herinnering");
	ics_end(c);
	if (m % 1440 == 0)
		ics_printf(c, "TRIGGER:-P%dD", m / 1440);
	else if (m % 60 == 0)
		ics_printf(c, "TRIGGER:-PT%dH", m / 60);
	else
		ics_printf(c, "TRIGGER:-PT%dM", m);
	ics_end(c);
	ics_line(c, "END:VALARM");
}

/* NAME:TEXT, left out when text is NULL. */
static void
ics_text_line(struct ics *c, const char *name, const char *text)
{
	if (text == NULL)
		return;
	ics_printf(c, "%s:", name);
	ics_text(c, text);
	ics_end(c);
}

static void
ics_people(struct ics *c, const struct calendar_event *ev)
{
	ics_str(c, "ORGANIZER");
	ics_param_name(c, "CN", ev->organizer_cn);
	ics_printf(c, ":mailto:%s", ev->organizer);
	ics_end(c);
	/* A cancellation asks for no answer (RFC 5546 3.2.5): no RSVP. */
	ics_str(c, "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;"
	    "PARTSTAT=NEEDS-ACTION");
	if (ev->method != CALENDAR_CANCEL)
		ics_str(c, ";RSVP=TRUE");
	ics_param_name(c, "CN", ev->attendee_cn);
	ics_printf(c, ":mailto:%s", ev->attendee);
	ics_end(c);
}

/* The VEVENT in b.3's order; the VALARM must come last (ics-py#416). */
static void
ics_vevent(struct ics *c, const struct calendar_event *ev,
    const struct zone *z)
{
	bool	 cancel = ev->method == CALENDAR_CANCEL;

	ics_line(c, "BEGIN:VEVENT");
	ics_text_line(c, "UID", ev->uid);
	ics_printf(c, "SEQUENCE:%" PRId64, ev->sequence);
	ics_end(c);
	ics_str(c, "DTSTAMP:");
	ics_utc(c, ev->dtstamp);
	ics_end(c);
	ics_when(c, "DTSTART", ev->start, z);
	ics_when(c, "DTEND", ev->end, z);
	ics_text_line(c, "SUMMARY", ev->summary);
	ics_text_line(c, "LOCATION", ev->location);
	ics_text_line(c, "DESCRIPTION", ev->description);
	ics_line(c, cancel ? "STATUS:CANCELLED" : "STATUS:CONFIRMED");
	ics_line(c, "TRANSP:OPAQUE");
	ics_people(c, ev);
	if (!cancel && ev->alarm_minutes > 0)
		ics_valarm(c, ev);
	ics_line(c, "END:VEVENT");
}

/* A mail address fit for "mailto:" as it is: no space or control. */
static int
address_check(const char *what, const char *addr, char **cause)
{
	const char	*p;

	if (str_is_blank(addr)) {
		xasprintf(cause, "no %s address", what);
		return -1;
	}
	for (p = addr; *p != '\0'; p++) {
		if ((unsigned char)*p <= ' ' || *p == 0x7f || *p == '"') {
			xasprintf(cause, "%s address '%s' holds a space, "
			    "quote or control character", what, addr);
			return -1;
		}
	}
	if (strchr(addr, '@') == NULL) {
		xasprintf(cause, "%s address '%s' has no @", what, addr);
		return -1;
	}
	return 0;
}

static bool
time_ok(time_t t)
{
	return t >= 0 && t < TIME_LIMIT;
}

static int
event_check(const struct calendar_event *ev, char **cause)
{
	if (str_is_blank(ev->uid)) {
		xasprintf(cause, "no UID");
		return -1;
	}
	if (address_check("organizer", ev->organizer, cause) == -1 ||
	    address_check("attendee", ev->attendee, cause) == -1)
		return -1;
	if (ev->method != CALENDAR_REQUEST && ev->method != CALENDAR_CANCEL) {
		xasprintf(cause, "unknown method %d", (int)ev->method);
		return -1;
	}
	if (ev->sequence < 0) {
		xasprintf(cause, "negative SEQUENCE %" PRId64, ev->sequence);
		return -1;
	}
	if (!time_ok(ev->start) || !time_ok(ev->end) ||
	    !time_ok(ev->dtstamp)) {
		xasprintf(cause, "a time before 1970 or after 8999");
		return -1;
	}
	if (ev->end <= ev->start) {
		xasprintf(cause, "the end (%lld) is not after the start (%lld)",
		    (long long)ev->end, (long long)ev->start);
		return -1;
	}
	return 0;
}

char *
calendar_build(const struct calendar_event *ev, char **cause)
{
	struct zone	 z;
	struct ics	 c;

	assert(ev != NULL);
	if (event_check(ev, cause) == -1 ||
	    zone_define(ev->tzid, ev->start, &z, cause) == -1)
		return NULL;
	buf_init(&c.out, CAL_MAX);
	buf_init(&c.line, CAL_MAX);
	c.too_long = false;
	ics_line(&c, "BEGIN:VCALENDAR");
	ics_line(&c, "PRODID:-//mailbot//Leernetwerk//NL");
	ics_line(&c, "VERSION:2.0");
	ics_line(&c, "CALSCALE:GREGORIAN");
	ics_printf(&c, "METHOD:%s", calendar_method_name(ev->method));
	ics_end(&c);
	ics_vtimezone(&c, &z);
	ics_vevent(&c, ev, &z);
	ics_line(&c, "END:VCALENDAR");
	buf_free(&c.line);
	if (c.too_long) {
		buf_free(&c.out);
		xasprintf(cause, "calendar text longer than %d bytes", CAL_MAX);
		return NULL;
	}
	return buf_take(&c.out);
}

/* Reading what comes back. */

static char *
upper_dup(const char *s)
{
	char	*d, *p;

	if (s == NULL)
		return NULL;
	d = xstrdup(s);
	for (p = d; *p != '\0'; p++)
		*p = (char)toupper((unsigned char)*p);
	return d;
}

/* "mailto:A@B" (any case) → "a@b". */
static char *
mailto_address(const char *v)
{
	if (v == NULL)
		return NULL;
	if (strncasecmp(v, "mailto:", 7) == 0)
		v += 7;
	return str_lower(xstrdup(v));
}

static void
reply_attendee(icalcomponent *ev, struct calendar_reply *out)
{
	icalproperty	*p;
	icalparameter	*ps;

	p = icalcomponent_get_first_property(ev, ICAL_ATTENDEE_PROPERTY);
	if (p == NULL)
		return;
	out->attendee = mailto_address(icalproperty_get_attendee(p));
	ps = icalproperty_get_first_parameter(p, ICAL_PARTSTAT_PARAMETER);
	if (ps != NULL)
		out->partstat = upper_dup(icalparameter_enum_to_string(
		    icalparameter_get_partstat(ps)));
	ps = icalproperty_get_first_parameter(p, ICAL_DELEGATEDTO_PARAMETER);
	if (ps != NULL && icalparameter_get_delegatedto(ps) != NULL)
		out->delegated_to = mailto_address(
		    icalparameter_get_delegatedto(ps));
	/* Google puts these on the ATTENDEE as parameters. */
	for (ps = icalproperty_get_first_parameter(p, ICAL_X_PARAMETER);
	    ps != NULL; ps = icalproperty_get_next_parameter(p,
	    ICAL_X_PARAMETER)) {
		const char *name = icalparameter_get_xname(ps);
		const char *value = icalparameter_get_xvalue(ps);

		if (name == NULL || value == NULL)
			continue;
		if (strcasecmp(name, "X-RESPONSE-COMMENT") == 0 &&
		    out->comment == NULL)
			out->comment = xstrdup(value);
		else if (strcasecmp(name, "X-NUM-GUESTS") == 0)
			out->guests = atoi(value) > 0 && atoi(value) < 100 ?
			    atoi(value) : 0;
	}
}

static void
reply_comment(icalcomponent *ev, struct calendar_reply *out)
{
	icalproperty	*p;
	const char	*name;

	p = icalcomponent_get_first_property(ev, ICAL_COMMENT_PROPERTY);
	if (p != NULL && icalproperty_get_comment(p) != NULL) {
		free(out->comment);
		out->comment = xstrdup(icalproperty_get_comment(p));
		return;
	}
	if (out->comment != NULL)
		return;		/* the ATTENDEE's parameter */
	for (p = icalcomponent_get_first_property(ev, ICAL_X_PROPERTY);
	    p != NULL; p = icalcomponent_get_next_property(ev,
	    ICAL_X_PROPERTY)) {
		name = icalproperty_get_x_name(p);
		if (name != NULL && strcasecmp(name,
		    "X-RESPONSE-COMMENT") == 0) {
			out->comment = xstrdup(icalproperty_get_x(p));
			return;
		}
	}
}

/* A time of the event as a UTC instant; 0 when absent or unreadable. */
static time_t
utc_of(struct icaltimetype t)
{
	if (icaltime_is_null_time(t) || !icaltime_is_valid_time(t))
		return 0;
	return icaltime_as_timet_with_zone(t, t.zone != NULL ? t.zone :
	    (t.is_date ? NULL : icaltimezone_get_utc_timezone()));
}

/* DTSTART or DTEND, in its TZID when libical did not resolve it. */
static time_t
event_time(icalcomponent *ev, icalproperty_kind kind)
{
	icalproperty		*p = icalcomponent_get_first_property(ev, kind);
	icalparameter		*tz;
	struct icaltimetype	 t;

	if (p == NULL)
		return 0;
	t = kind == ICAL_DTSTART_PROPERTY ? icalproperty_get_dtstart(p) :
	    icalproperty_get_dtend(p);
	tz = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER);
	if (tz != NULL && icalparameter_get_tzid(tz) != NULL) {
		const char *tzid = icalparameter_get_tzid(tz);
		icalcomponent *root = icalcomponent_get_parent(ev);

		/* The VTIMEZONE the calendar carries ("W. Europe Standard
		   Time" from Exchange), else the zone of that name. */
		if (root != NULL)
			t.zone = icalcomponent_get_timezone(root, tzid);
		if (t.zone == NULL)
			t.zone = icaltimezone_get_builtin_timezone(tzid);
	}
	return utc_of(t);
}

/* DTSTAMP (which of two replies is newer) and a COUNTER's times. */
static void
reply_times(icalcomponent *ev, struct calendar_reply *out)
{
	icalproperty	*p;

	p = icalcomponent_get_first_property(ev, ICAL_DTSTAMP_PROPERTY);
	if (p != NULL)
		out->dtstamp = utc_of(icalproperty_get_dtstamp(p));
	if (out->method != NULL && strcmp(out->method, "COUNTER") == 0) {
		out->start = event_time(ev, ICAL_DTSTART_PROPERTY);
		out->end = event_time(ev, ICAL_DTEND_PROPERTY);
	}
}

int
calendar_read(const char *text, struct calendar_reply *out, char **cause)
{
	icalcomponent	*cal, *ev;
	icalproperty	*m;

	memset(out, 0, sizeof(*out));
	cal = icalparser_parse_string(text);
	if (cal == NULL || icalcomponent_isa(cal) != ICAL_VCALENDAR_COMPONENT) {
		xasprintf(cause, "not an iCalendar object");
		if (cal != NULL)
			icalcomponent_free(cal);
		return -1;
	}
	m = icalcomponent_get_first_property(cal, ICAL_METHOD_PROPERTY);
	if (m != NULL)
		out->method = upper_dup(icalproperty_get_value_as_string(m));
	ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	if (ev != NULL) {
		if (icalcomponent_get_uid(ev) != NULL)
			out->uid = xstrdup(icalcomponent_get_uid(ev));
		out->sequence = icalcomponent_get_sequence(ev);
		reply_attendee(ev, out);
		reply_comment(ev, out);
		reply_times(ev, out);
	}
	icalcomponent_free(cal);
	return 0;
}

void
calendar_reply_clear(struct calendar_reply *r)
{
	free(r->method);
	free(r->uid);
	free(r->attendee);
	free(r->partstat);
	free(r->comment);
	free(r->delegated_to);
	memset(r, 0, sizeof(*r));
}
