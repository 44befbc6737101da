/*
 * inbox.h: the bot's IMAP mailbox, over verified TLS (tls.c) with
 * libetpan: new messages by UID, raw bytes, marking what was handled, and
 * waiting for new mail (IDLE, or a poll when the server has none).
 */
#ifndef MAILBOT_INBOX_H
#define MAILBOT_INBOX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct config_server;
struct inbox;

/* The keyword set on every handled message (besides \Seen). */
#define INBOX_KEYWORD	"$MailbotHandled"

/*
 * inbox_open: connects (imaps:// or imap:// with STARTTLS, certificate
 * and host verified), logs in and selects the server's mailbox. Returns
 * NULL with *cause, one line naming the server ("imap 127.0.0.1:993:
 * certificate not trusted …", "… login refused: …").
 */
struct inbox	*inbox_open(const struct config_server *server, int timeout_s,
		    char **cause);
void		 inbox_close(struct inbox *);	/* LOGOUT; NULL is fine */

/* The UIDVALIDITY of the selected mailbox. */
uint32_t	 inbox_uidvalidity(const struct inbox *);

/*
 * inbox_new_uids: the UIDs above after, ascending (at most max). The
 * caller frees *uids_out.
 */
int	inbox_new_uids(struct inbox *, uint32_t after, size_t max,
	    uint32_t **uids_out, size_t *n_out, char **cause);

/*
 * inbox_fetch: the raw bytes of message uid without setting \Seen. When
 * the message is larger than max, *raw_out is NULL and *len_out its size.
 * Returns 0, or -1 with *cause (also when uid is gone).
 */
int	inbox_fetch(struct inbox *, uint32_t uid, size_t max, char **raw_out,
	    size_t *len_out, char **cause);

/*
 * inbox_mark: sets \Seen and INBOX_KEYWORD on uid and, when folder is not
 * NULL, moves it there (MOVE, else COPY + \Deleted + UID EXPUNGE; the
 * folder is created when missing). Idempotent.
 */
int	inbox_mark(struct inbox *, uint32_t uid, const char *folder,
	    char **cause);

/*
 * inbox_wait: waits up to timeout_s for new mail: IDLE when the server has
 * it (ended before returning), else returns 0 at once so the caller polls.
 * Returns 1 when the server announced mail (while waiting, or in any
 * answer since the last inbox_new_uids), 0 on timeout or when the wake
 * descriptor (inbox_set_wake) is readable, -1 on error.
 */
int	inbox_wait(struct inbox *, int timeout_s, char **cause);

/* inbox_has_idle: true when the server offers IDLE (RFC 2177). */
bool	inbox_has_idle(const struct inbox *);

/*
 * inbox_set_wake: inbox_wait also ends (returning 0) when fd becomes
 * readable, e.g. the daemon's signal pipe; fd stays the caller's, and it
 * drains it. -1: none (the default).
 */
void	inbox_set_wake(struct inbox *, int fd);

/*
 * Batches, so that a full inbox costs a few commands, not three per
 * message. A message of a batch: its UID, its size, and its bytes once
 * fetched (owned by the caller, who frees raw).
 */
struct inbox_msg {
	uint32_t	 uid;
	size_t		 size;		/* RFC822.SIZE */
	char		*raw;		/* NULL until fetched, or too large */
	size_t		 len;
};

/*
 * inbox_sizes: one UID FETCH (RFC822.SIZE) for uids[0, n), into v[i].uid
 * and v[i].size (raw NULL). Returns 0, or -1 with *cause (also when a
 * message is gone).
 */
int	inbox_sizes(struct inbox *, const uint32_t *uids, size_t n,
	    struct inbox_msg *v, char **cause);

/*
 * inbox_fetch_many: one UID FETCH (BODY.PEEK[]) for the messages of v[0,
 * n) not larger than max; fills their raw (NUL-terminated) and len. The
 * caller keeps n and the sizes small enough to hold at once. Returns 0,
 * or -1 with *cause (also when a message is gone).
 */
int	inbox_fetch_many(struct inbox *, struct inbox_msg *v, size_t n,
	    size_t max, char **cause);

/*
 * inbox_mark_many: inbox_mark for every UID of uids[0, n) in one UID STORE
 * (and one MOVE, or COPY + STORE + UID EXPUNGE, when folder is set).
 * Idempotent.
 */
int	inbox_mark_many(struct inbox *, const uint32_t *uids, size_t n,
	    const char *folder, char **cause);

#endif
