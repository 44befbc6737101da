/*
 * compose.h: a complete RFC 5322 message, MIME built with libetpan, from
 * the parts other modules made: header values, the text and HTML bodies,
 * and optionally an iCalendar object. Pure.
 */
#ifndef MAILBOT_COMPOSE_H
#define MAILBOT_COMPOSE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

struct compose_msg {
	const char	*kind;		/* X-Mailbot-Kind: invitation, … */
	const char	*from_name;	/* display name, UTF-8, may be NULL */
	const char	*from_addr;
	const char	*to_name;	/* may be NULL */
	const char	*to_addr;
	const char	*reply_to;	/* bare address; NULL: no Reply-To */
	const char	*subject;	/* UTF-8 */
	const char	*message_id;	/* without <>, e.g. "a.b@domain" */
	const char	*in_reply_to;	/* without <>; NULL: none */
	time_t		 date;
	bool		 is_auto;	/* automatic mail (reminder, digest…) */
	const char	*text;		/* text/plain body, UTF-8, LF ends */
	const char	*html;		/* text/html body; NULL: text only */
	const char	*calendar;	/* VCALENDAR text (CRLF); NULL: none */
	const char	*method;	/* "REQUEST" or "CANCEL" with calendar */
	const char	*ics_name;	/* attachment file name, e.g. "uitnodiging.ics" */
};

/*
 * compose_build: the whole message with CRLF line ends, none longer than
 * 998 octets. Headers: Date, From, To, Reply-To, Subject (RFC 2047 when not
 * ASCII), Message-ID, In-Reply-To/References, MIME-Version, X-Mailbot-Kind;
 * with a calendar also Content-Class: urn:content-classes:calendarmessage.
 * X-Auto-Response-Suppress: OOF on invitations; with is_auto also
 * "OOF, AutoReply" and Auto-Submitted: auto-generated. Structure:
 *   text only:      text/plain (quoted-printable)
 *   text + html:    multipart/alternative
 *   with calendar:  multipart/mixed { multipart/alternative { text/plain,
 *                   text/html, text/calendar; method=M (base64) },
 *                   application/ics attachment (base64) }
 * Nothing in a value can start a new header line. Returns the message
 * (caller frees, *len_out its length) or NULL with *cause.
 */
/*
 * compose_id_is_safe: s is a plain local@domain address or left@right
 * message id (no angle brackets), safe to put in a header as it is.
 */
bool	compose_id_is_safe(const char *s);

char	*compose_build(const struct compose_msg *, size_t *len_out,
	    char **cause);

#endif
