/*
 * when.h: wall-clock times in named time zones (IANA, via libical and the
 * system's tzdata). Meetings are kept as UTC seconds plus their zone.
 */
#ifndef MAILBOT_WHEN_H
#define MAILBOT_WHEN_H

#include <stdbool.h>
#include <time.h>

/*
 * when_parse_local: reads 'YYYY-MM-DD HH:MM' as a local time in tzid and
 * puts the UTC instant in *out. A time that does not exist there (the hour
 * skipped when summer time starts) is refused; a time that exists twice
 * (when it ends) means the first, summer-time, one. Returns 0, or -1 with
 * *cause.
 */
int	 when_parse_local(const char *text, const char *tzid, time_t *out,
	    char **cause);

/* when_format_iso: "2027-03-12T14:00:00+01:00" for t in tzid; caller frees. */
char	*when_format_iso(time_t t, const char *tzid);

/* when_format_local: "2027-03-12 14:00" for t in tzid; caller frees. */
char	*when_format_local(time_t t, const char *tzid);

/* The local calendar fields of an instant in a zone. */
struct when_parts {
	int	 year;
	int	 month;		/* 1..12 */
	int	 day;		/* 1..31 */
	int	 wday;		/* 0 = Sunday … 6 */
	int	 hour;
	int	 minute;
	int	 utc_offset;	/* seconds east of UTC */
};

/* when_local_parts: t in tzid (UTC when tzid is unknown). */
void	 when_local_parts(time_t t, const char *tzid, struct when_parts *out);

/* when_zone_exists: true when tzid names a zone the system knows. */
bool	 when_zone_exists(const char *tzid);

/* when_cleanup: frees libical's zone cache (at exit, for leak checkers). */
void	 when_cleanup(void);

#endif
