/*
 * outbox.h: sends what is queued, over one SMTP connection per flush, and
 * records each result in the store. Mail is marked "sending" (committed)
 * before it goes out, so a crash repeats at most that one message. When
 * the store cannot record a result (a full disk after the server's 250),
 * the result is kept in memory and recorded first at the next flush: the
 * message is not sent again while the process lives.
 */
#ifndef MAILBOT_OUTBOX_H
#define MAILBOT_OUTBOX_H

#include <time.h>

struct config;
struct store;

struct outbox_report {
	int	 sent;
	int	 failed;	/* refused for good (5xx) */
	int	 deferred;	/* kept for a later try */
	char	*problem;	/* why the server could not be used, or NULL */
};

/*
 * outbox_flush: sends every queued message due at now, oldest first. A
 * 4xx answer keeps the message with a growing back-off (1, 2, 4 …
 * minutes, at most an hour; given up after three days); a server that
 * cannot be used leaves it due at once (the caller backs off); a 5xx
 * answer marks it failed with the server's reason. When the server cannot
 * be reached the flush stops early. Only one process flushes at a time:
 * when another holds the outbox, this returns at once having sent nothing.
 * Returns 0, or -1 with *cause when the store failed. Free
 * report->problem.
 */
int	outbox_flush(struct store *, const struct config *, time_t now,
	    struct outbox_report *report, char **cause);

#endif
