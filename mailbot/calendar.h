/*
 * calendar.h: iCalendar (RFC 5545/5546) objects for iMIP mail, built with
 * libical. Pure: no I/O except libical reading the system's tzdata.
 */
#ifndef MAILBOT_CALENDAR_H
#define MAILBOT_CALENDAR_H

#include <stdint.h>
#include <time.h>

enum calendar_method {
	CALENDAR_REQUEST,
	CALENDAR_CANCEL
};

/* One meeting as sent to one attendee. Strings are UTF-8, any may hold
   commas, semicolons, backslashes or newlines (they are escaped). */
struct calendar_event {
	enum calendar_method	 method;
	const char		*uid;		/* stable per meeting and attendee */
	int64_t			 sequence;
	time_t			 dtstamp;	/* when this version is sent */
	time_t			 start;		/* UTC instants */
	time_t			 end;
	const char		*tzid;		/* e.g. "Europe/Amsterdam" */
	const char		*summary;
	const char		*location;
	const char		*description;	/* NULL: none */
	const char		*organizer;	/* bare address, e.g. bot+tok@x */
	const char		*organizer_cn;	/* display name, NULL: none */
	const char		*attendee;	/* bare address, exactly as mailed */
	const char		*attendee_cn;	/* NULL: none */
	int			 alarm_minutes;	/* VALARM before start; 0: none */
};

/*
 * calendar_build: the whole VCALENDAR text for ev: METHOD, a full VTIMEZONE
 * for ev->tzid (STANDARD and DAYLIGHT rules), one VEVENT with DTSTART and
 * DTEND in that zone, ORGANIZER, one ATTENDEE (RSVP=TRUE,
 * PARTSTAT=NEEDS-ACTION, ROLE=REQ-PARTICIPANT), STATUS (CONFIRMED, or
 * CANCELLED for a CANCEL), VALARM last. Lines end in CRLF and are folded
 * at 75 octets without splitting a UTF-8 character. Returns a string the
 * caller frees, or NULL with *cause (unknown zone, end not after start).
 */
char	*calendar_build(const struct calendar_event *ev, char **cause);

/* What an incoming calendar (an attendee's REPLY, a COUNTER) says. */
struct calendar_reply {
	char	*method;	/* "REPLY", "COUNTER", … upper case */
	char	*uid;		/* of the first VEVENT; NULL when none */
	int64_t	 sequence;	/* 0 when absent */
	time_t	 dtstamp;	/* 0 when absent */
	char	*attendee;	/* first ATTENDEE, bare lower-case address */
	char	*partstat;	/* its PARTSTAT, upper case; NULL when none */
	/* COMMENT, or Google's X-RESPONSE-COMMENT (a property, or a
	   parameter of the ATTENDEE); NULL when none */
	char	*comment;
	int	 guests;	/* X-NUM-GUESTS (Google); 0 when absent */
	char	*delegated_to;	/* DELEGATED-TO, bare address; NULL */
	time_t	 start, end;	/* a COUNTER's proposed DTSTART, DTEND; 0 */
};

/*
 * calendar_read: parses text (a VCALENDAR) with libical into *out (clear
 * it with calendar_reply_clear). Returns 0, or -1 with *cause when it is
 * not a calendar.
 */
int	calendar_read(const char *text, struct calendar_reply *out,
	    char **cause);
void	calendar_reply_clear(struct calendar_reply *);

/* calendar_method_name: "REQUEST" or "CANCEL". */
const char *calendar_method_name(enum calendar_method);

#endif
