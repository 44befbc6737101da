/*
 * intake.c: new mail from the inbox into the state. See intake.h.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "config.h"
#include "ctx.h"
#include "inbox.h"
#include "incoming.h"
#include "intake.h"
#include "store.h"
#include "util.h"

#define FETCH_BATCH	1000		/* UIDs asked for at a time */
#define GROUP_BYTES	(512 * 1024)	/* bodies fetched in one command */
#define GROUP_MAX	128

static const volatile sig_atomic_t *stop_flag;

void
intake_set_stop(const volatile sig_atomic_t *flag)
{
	stop_flag = flag;
}

static bool
stopping(void)
{
	return stop_flag != NULL && *stop_flag;
}

/*
 * Marks uids on the server in one command, then records that it did, in
 * one transaction. Returns 0; 1 when the server failed; -1 (store).
 */
static int
mark_many(const struct config *cfg, struct store *st, struct inbox *ib,
    const uint32_t *uids, size_t n, char **cause)
{
	int64_t	 uidvalidity = inbox_uidvalidity(ib);
	size_t	 i;

	if (n == 0)
		return 0;
	if (inbox_mark_many(ib, uids, n, cfg->imap_move_to, cause) == -1)
		return 1;
	if (store_begin(st, cause) == -1)
		return -1;
	for (i = 0; i < n; i++)
		if (store_inbound_marked(st, uidvalidity, uids[i],
		    cause) == -1) {
			store_rollback(st);
			return -1;
		}
	return store_commit(st, cause);
}

/* Marks what a crash left handled but unmarked. */
static int
mark_left(const struct config *cfg, struct store *st, struct inbox *ib,
    int64_t uidvalidity, char **cause)
{
	int64_t		*left;
	uint32_t	*uids;
	size_t		 n, i;
	int		 rc;

	if (store_inbound_unmarked(st, uidvalidity, &left, &n, cause) == -1)
		return -1;
	uids = xreallocarray(NULL, n + 1, sizeof(*uids));
	for (i = 0; i < n; i++)
		uids[i] = (uint32_t)left[i];
	rc = mark_many(cfg, st, ib, uids, n, cause);
	free(uids);
	free(left);
	return rc;
}

/* How many of v[0, n) to fetch in one command (at least one). */
static size_t
group_end(const struct inbox_msg *v, size_t n)
{
	size_t	 k, bytes = 0;

	for (k = 0; k < n && k < GROUP_MAX; k++) {
		if (v[k].size <= INCOMING_MAX_SIZE)
			bytes += v[k].size;
		if (k > 0 && bytes > GROUP_BYTES)
			break;
	}
	return k;
}

/*
 * One group: fetched in one command, each message handled in its own
 * transaction, then those handled marked in one command. Record, act,
 * acknowledge: a crash in between leaves them for mark_left.
 */
static int
take_group(const struct ctx *ctx, struct inbox *ib, struct inbox_msg *v,
    size_t n, int *count, char **cause)
{
	struct incoming_msg	 m;
	uint32_t		*done;
	char			*why = NULL;
	size_t			 i, ndone = 0;
	int			 rc = 0, mrc;

	if (inbox_fetch_many(ib, v, n, INCOMING_MAX_SIZE, cause) == -1)
		return 1;
	done = xreallocarray(NULL, n, sizeof(*done));
	m.uidvalidity = inbox_uidvalidity(ib);
	for (i = 0; i < n; i++) {
		m.uid = v[i].uid;
		m.raw = v[i].raw;
		m.len = v[i].raw != NULL ? v[i].len : v[i].size;
		if (rc == 0)
			rc = incoming_handle(ctx->cfg, ctx->st, ctx->now, &m,
			    cause);
		if (rc == 0)
			done[ndone++] = v[i].uid;
		free(v[i].raw);
		v[i].raw = NULL;
	}
	/* What was handled is marked even when a later message failed;
	   if that fails too, the next intake marks it (mark_left). */
	mrc = mark_many(ctx->cfg, ctx->st, ib, done, ndone, rc == 0 ? cause :
	    &why);
	free(why);
	*count += (int)ndone;
	free(done);
	return rc != 0 ? rc : mrc;
}

/* One batch: at most FETCH_BATCH messages; *n_out how many there were. */
static int
take_batch(const struct ctx *ctx, struct inbox *ib, int *count, size_t *n_out,
    char **cause)
{
	struct inbox_msg	*v;
	uint32_t		*uids = NULL;
	size_t			 n = 0, i, k;
	int64_t			 last;
	int			 rc = 0;

	*n_out = 0;
	if (store_inbound_last_uid(ctx->st, inbox_uidvalidity(ib), &last,
	    cause) == -1)
		return -1;
	if (inbox_new_uids(ib, (uint32_t)last, FETCH_BATCH, &uids, &n,
	    cause) == -1)
		return 1;
	v = xreallocarray(NULL, n + 1, sizeof(*v));
	if (inbox_sizes(ib, uids, n, v, cause) == -1)
		rc = 1;
	for (i = 0; rc == 0 && i < n && !stopping(); i += k) {
		k = group_end(v + i, n - i);
		rc = take_group(ctx, ib, v + i, k, count, cause);
	}
	free(v);
	free(uids);
	*n_out = n;
	return rc;
}

int
intake_take(const struct ctx *ctx, struct inbox *ib, int *count,
    char **cause)
{
	size_t	 n;
	int	 rc;

	*count = 0;
	rc = mark_left(ctx->cfg, ctx->st, ib, inbox_uidvalidity(ib), cause);
	while (rc == 0) {
		rc = take_batch(ctx, ib, count, &n, cause);
		if (n < FETCH_BATCH || stopping())
			break;
	}
	return rc;
}

int
intake_once(const struct ctx *ctx, int *count, char **cause)
{
	struct inbox	*ib;
	int		 rc;

	*count = 0;
	if ((ib = inbox_open(&ctx->cfg->imap, INTAKE_IMAP_TIMEOUT,
	    cause)) == NULL)
		return 1;
	rc = intake_take(ctx, ib, count, cause);
	inbox_close(ib);
	return rc;
}
