/*
 * return-date.h: the day the writer of an out-of-office reply is back.
 */
#ifndef MAILBOT_RETURN_DATE_H
#define MAILBOT_RETURN_DATE_H

#include <stdbool.h>

/* A calendar date. */
struct ymd {
	int	 year;
	int	 month;		/* 1..12 */
	int	 day;		/* 1..31 */
};

/*
 * return_date_read: the day the writer of an out-of-office reply is back,
 * read from text (UTF-8, subject and body joined by the caller): "ik ben
 * terug op maandag 7 december", "tot en met 4 januari afwezig" (back the
 * day after), "back on 12/01" (day first), "returning January 5th", "weer
 * aanwezig vanaf 5-1-2027", "2027-01-05". Only a date with a cue before it
 * in its sentence counts (so "afwezig vanaf 20 december" is no return
 * date); with several, the latest. A date without a year is the first one
 * on or after 30 days before received. Returns true and fills *out when
 * a date was found; false otherwise. Pure.
 */
bool	return_date_read(const char *text,
	    const struct ymd *received,
	    struct ymd *out);

#endif
