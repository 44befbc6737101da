/*
 * intake.h: taking new mail from the inbox: record, then act, then
 * acknowledge. Each message is handled in its own transaction and only
 * marked on the server after that commits; what a crash left handled but
 * unmarked is marked first. Used by `once` and by the daemon.
 */
#ifndef MAILBOT_INTAKE_H
#define MAILBOT_INTAKE_H

#include <signal.h>

struct ctx;
struct inbox;

/*
 * intake_take: handles every message of the open inbox above the last one
 * handled, in batches, until none is left. *count is the number handled.
 * Returns 0; 1 when the server failed (*cause says why; what was handled
 * stays handled); -1 when the store failed.
 */
int	intake_take(const struct ctx *, struct inbox *, int *count,
	    char **cause);

/* intake_once: connects, intake_take, logs out. Same results. */
int	intake_once(const struct ctx *, int *count, char **cause);

/*
 * intake_set_stop: a flag (the daemon's SIGTERM) that, once set, ends an
 * intake after the group of messages in hand: each handled and marked, the
 * rest left for the next start. NULL: never.
 */
void	intake_set_stop(const volatile sig_atomic_t *);

#define INTAKE_IMAP_TIMEOUT	30

#endif
