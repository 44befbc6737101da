/*
 * intake.c: new mail from the inbox into the state. See intake.h.
 */
#include <stdint.h>
#include <stdlib.h>

#include "config.h"
#include "inbox.h"
#include "incoming.h"
#include "intake.h"
#include "store.h"

#define FETCH_BATCH	1000

/* Marks (and moves) uid on the server, then records that it did. */
static int
mark_one(const struct config *cfg, struct store *st, struct inbox *ib,
    int64_t uidvalidity, uint32_t uid, char **cause)
{
	if (inbox_mark(ib, uid, cfg->imap_move_to, cause) == -1)
		return 1;
	return store_inbound_marked(st, uidvalidity, uid, cause);
}

/* Marks what a crash left handled but unmarked. */
static int
mark_left(const struct config *cfg, struct store *st, struct inbox *ib,
    int64_t uidvalidity, char **cause)
{
	int64_t	*uids;
	size_t	 n, i;
	int	 rc = 0;

	if (store_inbound_unmarked(st, uidvalidity, &uids, &n, cause) == -1)
		return -1;
	for (i = 0; i < n && rc == 0; i++)
		rc = mark_one(cfg, st, ib, uidvalidity, (uint32_t)uids[i],
		    cause);
	free(uids);
	return rc;
}

/* One batch: at most FETCH_BATCH messages; *n_out how many there were. */
static int
take_batch(const struct config *cfg, struct store *st, time_t now,
    struct inbox *ib, int *count, size_t *n_out, char **cause)
{
	struct incoming_msg	 m;
	uint32_t		*uids = NULL;
	size_t			 n = 0, i;
	int64_t			 last;
	char			*raw;
	int			 rc = 0;

	*n_out = 0;
	m.uidvalidity = inbox_uidvalidity(ib);
	if (store_inbound_last_uid(st, m.uidvalidity, &last, cause) == -1)
		return -1;
	if (inbox_new_uids(ib, (uint32_t)last, FETCH_BATCH, &uids, &n,
	    cause) == -1)
		return 1;
	for (i = 0; rc == 0 && i < n; i++) {
		m.uid = uids[i];
		raw = NULL;
		if (inbox_fetch(ib, uids[i], INCOMING_MAX_SIZE, &raw, &m.len,
		    cause) == -1) {
			rc = 1;
			break;
		}
		m.raw = raw;
		rc = incoming_handle(cfg, st, now, &m, cause);
		free(raw);
		if (rc == 0)
			rc = mark_one(cfg, st, ib, m.uidvalidity, uids[i],
			    cause);
		if (rc == 0)
			(*count)++;
	}
	free(uids);
	*n_out = n;
	return rc;
}

int
intake_take(const struct config *cfg, struct store *st, time_t now,
    struct inbox *ib, int *count, char **cause)
{
	size_t	 n;
	int	 rc;

	*count = 0;
	rc = mark_left(cfg, st, ib, inbox_uidvalidity(ib), cause);
	while (rc == 0) {
		rc = take_batch(cfg, st, now, ib, count, &n, cause);
		if (n < FETCH_BATCH)
			break;
	}
	return rc;
}

int
intake_once(const struct config *cfg, struct store *st, time_t now,
    int *count, char **cause)
{
	struct inbox	*ib;
	int		 rc;

	*count = 0;
	if ((ib = inbox_open(&cfg->imap, INTAKE_IMAP_TIMEOUT, cause)) == NULL)
		return 1;
	rc = intake_take(cfg, st, now, ib, count, cause);
	inbox_close(ib);
	return rc;
}
