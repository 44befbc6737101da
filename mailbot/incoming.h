/*
 * incoming.h: one message from the inbox turned into its effects, all in
 * one transaction: recorded (UIDVALIDITY, UID, Message-ID), understood,
 * its sender identified, the answer applied with history, replies queued.
 */
#ifndef MAILBOT_INCOMING_H
#define MAILBOT_INCOMING_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct config;
struct store;

#define INCOMING_MAX_SIZE	(10 * 1024 * 1024)

struct incoming_msg {
	int64_t		 uidvalidity;
	int64_t		 uid;
	const char	*raw;		/* NULL when too large to fetch */
	size_t		 len;		/* the size, also when raw is NULL */
};

/*
 * incoming_handle: handles m once: a (UIDVALIDITY, UID) or Message-ID
 * recorded before changes nothing. Malformed or oversized mail is recorded
 * as unreadable, never dropped. Returns 0, or -1 with *cause when the
 * store failed (then nothing was recorded and it may be tried again).
 */
int	incoming_handle(const struct config *, struct store *, time_t now,
	    const struct incoming_msg *m, char **cause);

#endif
