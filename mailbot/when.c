/*
 * when.c: converting between UTC instants and local times in a named zone,
 * with libical's time zones (which read the system's tzdata). Reads no
 * clock: "now" always comes from the caller.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libical/ical.h>

#include "util.h"
#include "when.h"

static icaltimezone *
zone_get(const char *tzid)
{
	if (tzid == NULL || *tzid == '\0' || strstr(tzid, "..") != NULL)
		return NULL;
	if (strcmp(tzid, "UTC") == 0)
		return icaltimezone_get_utc_timezone();
	return icaltimezone_get_builtin_timezone(tzid);
}

bool
when_zone_exists(const char *tzid)
{
	return zone_get(tzid) != NULL;
}

/* Strict 'YYYY-MM-DD HH:MM' with a real calendar date. */
static int
parse_fields(const char *s, struct icaltimetype *t)
{
	static const char	 shape[] = "dddd-dd-dd dd:dd";
	int			 y, mo, d, h, mi;
	size_t			 i;

	if (strlen(s) != sizeof(shape) - 1)
		return -1;
	for (i = 0; shape[i] != '\0'; i++) {
		if (shape[i] == 'd' ? !isdigit((unsigned char)s[i]) :
		    s[i] != shape[i])
			return -1;
	}
	if (sscanf(s, "%4d-%2d-%2d %2d:%2d", &y, &mo, &d, &h, &mi) != 5)
		return -1;
	if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 ||
	    d > icaltime_days_in_month(mo, y) || h > 23 || mi > 59)
		return -1;
	*t = icaltime_null_time();
	t->year = y;
	t->month = mo;
	t->day = d;
	t->hour = h;
	t->minute = mi;
	return 0;
}

/* The local wall-clock time of t in zone z. */
static struct icaltimetype
local_of(time_t t, icaltimezone *z)
{
	return icaltime_from_timet_with_zone(t, 0, z);
}

int
when_parse_local(const char *text, const char *tzid, time_t *out,
    char **cause)
{
	struct icaltimetype	 t, back;
	icaltimezone		*z;
	time_t			 utc, earlier;

	if ((z = zone_get(tzid)) == NULL) {
		xasprintf(cause, "unknown time zone '%s'", tzid);
		return -1;
	}
	if (parse_fields(text, &t) == -1) {
		xasprintf(cause, "'%s' is not a date and time like "
		    "'2027-03-12 14:00'", text);
		return -1;
	}
	utc = icaltime_as_timet_with_zone(t, z);
	back = local_of(utc, z);
	if (back.hour != t.hour || back.minute != t.minute ||
	    back.day != t.day) {
		xasprintf(cause, "'%s' does not exist in %s (the clocks "
		    "skip that hour)", text, tzid);
		return -1;
	}
	/* An hour that happens twice: take the first (summer-time) one. */
	earlier = utc - 3600;
	back = local_of(earlier, z);
	if (back.hour == t.hour && back.minute == t.minute &&
	    back.day == t.day)
		utc = earlier;
	*out = utc;
	return 0;
}

/* Offset of zone z from UTC at instant t, in seconds. */
static int
offset_at(time_t t, icaltimezone *z)
{
	struct icaltimetype	 u;
	int			 dst;

	/* _of_utc_time: icaltimezone_get_utc_offset would read u as a local
	   time and be an hour off around each change. */
	u = icaltime_from_timet_with_zone(t, 0,
	    icaltimezone_get_utc_timezone());
	return icaltimezone_get_utc_offset_of_utc_time(z, &u, &dst);
}

char *
when_format_iso(time_t t, const char *tzid)
{
	icaltimezone		*z = zone_get(tzid);
	struct icaltimetype	 l;
	char			*s;
	int			 off;

	if (z == NULL)
		z = icaltimezone_get_utc_timezone();
	l = local_of(t, z);
	off = offset_at(t, z);
	xasprintf(&s, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", l.year,
	    l.month, l.day, l.hour, l.minute, l.second, off < 0 ? '-' : '+',
	    abs(off) / 3600, abs(off) % 3600 / 60);
	return s;
}

char *
when_format_local(time_t t, const char *tzid)
{
	icaltimezone		*z = zone_get(tzid);
	struct icaltimetype	 l;
	char			*s;

	if (z == NULL)
		z = icaltimezone_get_utc_timezone();
	l = local_of(t, z);
	xasprintf(&s, "%04d-%02d-%02d %02d:%02d", l.year, l.month, l.day,
	    l.hour, l.minute);
	return s;
}

void
when_local_parts(time_t t, const char *tzid, struct when_parts *out)
{
	icaltimezone		*z = zone_get(tzid);
	struct icaltimetype	 l;

	if (z == NULL)
		z = icaltimezone_get_utc_timezone();
	l = local_of(t, z);
	out->year = l.year;
	out->month = l.month;
	out->day = l.day;
	out->wday = icaltime_day_of_week(l) - 1;
	out->hour = l.hour;
	out->minute = l.minute;
	out->utc_offset = offset_at(t, z);
}

void
when_cleanup(void)
{
	icaltimezone_free_builtin_timezones();
}
