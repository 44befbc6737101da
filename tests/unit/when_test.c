/* when_test.c: local times in Europe/Amsterdam and elsewhere. */
#include <stdlib.h>

#include "check.h"
#include "when.h"

static time_t
utc(const char *local, const char *tz)
{
	time_t	 t = -1;
	char	*cause = NULL;

	if (when_parse_local(local, tz, &t, &cause) == -1)
		t = -1;
	free(cause);
	return t;
}

static void
check_iso(time_t t, const char *tz, const char *want)
{
	char	*got = when_format_iso(t, tz);

	CHECK_STR(got, want, "%lld in %s", (long long)t, tz);
	free(got);
}

int
main(void)
{
	char	*cause = NULL;
	time_t	 t;

	/* 2027-03-11 13:00 UTC = 1804770000 (date -u -d ... +%s) */
	CHECK(utc("2027-03-11 14:00", "Europe/Amsterdam") == 1804770000,
	    "winter: 14:00 CET is 13:00 UTC");
	/* 2027-06-10 12:00 UTC = 1812628800 */
	CHECK(utc("2027-06-10 14:00", "Europe/Amsterdam") == 1812628800,
	    "summer: 14:00 CEST is 12:00 UTC");
	CHECK(utc("2027-06-10 14:00", "UTC") == 1812636000, "UTC itself");
	CHECK(utc("2027-06-10 14:00", "America/New_York") == 1812650400,
	    "another zone");
	check_iso(1804770000, "Europe/Amsterdam", "2027-03-11T14:00:00+01:00");
	check_iso(1812628800, "Europe/Amsterdam", "2027-06-10T14:00:00+02:00");
	check_iso(1812650400, "America/New_York", "2027-06-10T14:00:00-04:00");
	check_iso(1812628800, "UTC", "2027-06-10T12:00:00+00:00");
	/* Just after the spring change (01:30Z on 28 March 2027): the offset
	   of the instant, not of a local time read as UTC. */
	check_iso(1806195600 + 1800, "Europe/Amsterdam",
	    "2027-03-28T03:30:00+02:00");
	check_iso(1824949800 - 3600, "Europe/Amsterdam",
	    "2027-10-31T02:30:00+01:00");

	/* The spring gap: 02:00-03:00 does not exist on 2027-03-28. */
	CHECK(when_parse_local("2027-03-28 02:30", "Europe/Amsterdam", &t,
	    &cause) == -1 && strstr(cause, "does not exist"),
	    "a time in the spring gap is refused");
	free(cause);
	cause = NULL;
	CHECK(utc("2027-03-28 03:00", "Europe/Amsterdam") == 1806195600,
	    "03:00 CEST right after the gap");
	/* The autumn overlap: 02:30 on 2027-10-31 happens twice. */
	CHECK(utc("2027-10-31 02:30", "Europe/Amsterdam") == 1824942600,
	    "a doubled hour means its first (summer-time) instance");
	CHECK(utc("2027-10-31 03:30", "Europe/Amsterdam") == 1824949800,
	    "after the overlap, winter time");

	CHECK(utc("2027-02-29 10:00", "Europe/Amsterdam") == -1,
	    "no 29 February in 2027");
	CHECK(utc("2028-02-29 10:00", "Europe/Amsterdam") != -1,
	    "29 February 2028 exists");
	CHECK(utc("2027-3-1 10:00", "Europe/Amsterdam") == -1,
	    "the shape is strict");
	CHECK(utc("2027-03-01 24:00", "Europe/Amsterdam") == -1, "hour 24");
	CHECK(utc("2027-03-01 10:00 ", "Europe/Amsterdam") == -1,
	    "trailing text");
	CHECK(when_parse_local("2027-03-01 10:00", "Mars/Olympus", &t,
	    &cause) == -1 && strstr(cause, "unknown time zone"),
	    "an unknown zone");
	free(cause);
	CHECK(!when_zone_exists("../../etc/passwd"), "no path tricks");
	CHECK(when_zone_exists("Europe/Amsterdam"), "Amsterdam exists");
	{
		struct when_parts	 p;

		when_local_parts(1804770000, "Europe/Amsterdam", &p);
		CHECK(p.year == 2027 && p.month == 3 && p.day == 11 &&
		    p.wday == 4 && p.hour == 14 && p.minute == 0 &&
		    p.utc_offset == 3600, "local parts: Thursday 14:00 CET");
		when_local_parts(1812628800, "Europe/Amsterdam", &p);
		CHECK(p.utc_offset == 7200 && p.hour == 14,
		    "local parts: summer offset");
	}
	when_cleanup();
	return check_done();
}
