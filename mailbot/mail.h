/*
 * mail.h: reads one delivered message into a struct mail: decoded header
 * fields, the best text body, calendar parts and delivery-status reports.
 * Pure: no I/O, no clock.
 */
#ifndef MAILBOT_MAIL_H
#define MAILBOT_MAIL_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "dsn.h"

/* Largest nesting of MIME parts that is walked; deeper parts are skipped. */
#define MAIL_MAX_DEPTH	20

/*
 * A calendar part: text/calendar, application/ics or an attachment named
 * *.ics. method is upper-cased, from the method= parameter or else the
 * METHOD: line (NULL when neither says); text is the part decoded to UTF-8;
 * filename is the decoded file name (RFC 2231 or 2047), or NULL.
 */
struct mail_part_cal {
	char	*method;
	char	*text;
	char	*filename;
};

/*
 * All strings are UTF-8 (RFC 2047 encoded words and RFC 2231 parameters
 * decoded) and NULL when the header is missing. from_addr, reply_to and
 * return_path are bare lower-cased addresses (return_path is "" for
 * "Return-Path: <>"); to is the bare lower-cased addresses of To joined
 * by ", ". message_id, in_reply_to and references are kept as written.
 * text has LF line ends.
 */
struct mail {
	char	*message_id;
	char	*in_reply_to;
	char	*references;
	char	*from_addr;
	char	*from_name;
	char	*reply_to;
	char	*to;
	char	*subject;
	char	*date_text;
	char	*return_path;
	char	*auto_submitted;
	char	*precedence;
	char	*x_auto_response_suppress;
	/*
	 * Every Authentication-Results field of the top header block
	 * (RFC 8601), topmost (the receiving server's own) first, each
	 * unfolded and trimmed but not decoded; nauth_results is 0 and
	 * auth_results NULL when there are none.
	 */
	char	**auth_results;
	size_t	  nauth_results;
	time_t	 date;		/* 0 when missing or unparseable */
	bool	 has_list_headers;	/* any List-* header */
	bool	 has_x_loop;
	bool	 is_ours;	/* X-Mailbot-Kind present */

	char	*text;		/* text/plain, else HTML as text */
	char	*html;		/* the first text/html, or NULL */

	struct mail_part_cal	*cals;
	size_t			 ncals;
	/* calendar parts seen inside attached messages (not in cals) */
	size_t			 nested_cals;

	bool			 is_report;	/* a multipart/report */
	char			*report_type;	/* lower-cased */
	bool			 has_dsn_part;	/* message/delivery-status */
	struct dsn_recipient	*dsn;		/* its recipient blocks */
	size_t			 ndsn;

	/* NULL, or why some part could not be read ("; "-separated) */
	char	*problem;
};

/*
 * mail_parse: parses the len bytes at raw (need not be NUL-terminated;
 * LF, CRLF or CR line ends; NUL bytes become spaces). Malformed parts
 * are read as far as they go and described in problem. Returns a struct
 * the caller frees with mail_free, or NULL with *cause set (caller frees)
 * when len exceeds max_size or the input has no header at all.
 */
struct mail	*mail_parse(const char *raw, size_t len, size_t max_size,
		    char **cause);
/* mail_free: frees m and everything in it; accepts NULL. */
void		 mail_free(struct mail *m);

/*
 * mail_html_to_text: html_to_text (html.h) under its older name, kept
 * for the callers that use it. Returns a string the caller frees.
 */
char		*mail_html_to_text(const char *html);

#endif
