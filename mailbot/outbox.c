/*
 * outbox.c: the only place mail leaves mailbot. Record, then act, then
 * acknowledge: a row is marked sending before the SMTP transaction and
 * sent (or failed, or queued again) after it, each step committed.
 */
#include <sys/file.h>

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "log.h"
#include "outbox.h"
#include "smtp.h"
#include "store.h"
#include "util.h"

#define BACKOFF_FIRST	60
#define BACKOFF_MAX	3600
#define GIVE_UP_AFTER	(3 * 24 * 3600)

static time_t
backoff(int attempts)
{
	time_t	 d = BACKOFF_FIRST;

	while (--attempts > 0 && d < BACKOFF_MAX)
		d *= 2;
	return d < BACKOFF_MAX ? d : BACKOFF_MAX;
}

/* Records the result of one attempt on r. */
static void
outbox_result(struct outbox_row *r, enum smtp_result res, char *reply,
    time_t now)
{
	free(r->state);
	free(r->last_error);
	r->last_error = reply;
	if (res == SMTP_OK) {
		r->state = xstrdup("sent");
		r->done = now;
	} else if (res == SMTP_PERMFAIL) {
		r->state = xstrdup("failed");
		r->done = now;
	} else if (now - r->queued >= GIVE_UP_AFTER) {
		r->state = xstrdup("failed");
		r->done = now;
		xasprintf(&r->last_error, "gave up after %d days: %s",
		    GIVE_UP_AFTER / 86400, reply);
		free(reply);
	} else if (res == SMTP_UNREACHABLE) {
		/* The server failed, not this message: it stays due, and
		   the caller (the daemon, or cron for once) decides when to
		   try the server again. */
		r->state = xstrdup("queued");
		r->next_try = now;
	} else {
		r->state = xstrdup("queued");
		r->next_try = now + backoff(r->attempts);
	}
}

/*
 * Results the server gave that the store could not record (the disk was
 * full after the server's answer). They are recorded before anything else
 * is sent (a flush that cannot record them sends nothing), so while this
 * process lives their rows, still "sending" in the database, are not sent
 * again: only a crash (or the end of `once`) on top of a failing disk can
 * repeat a message.
 */
#define UNRECORDED_MAX	64

static struct outbox_row	 unrecorded[UNRECORDED_MAX];
static size_t			 nunrecorded;

static void
unrecorded_keep(const struct outbox_row *r)
{
	struct outbox_row	*u;

	if (nunrecorded == UNRECORDED_MAX)
		return;		/* then a later flush may send it again */
	u = &unrecorded[nunrecorded++];
	memset(u, 0, sizeof(*u));
	u->id = r->id;
	u->state = xstrdup(r->state);
	u->attempts = r->attempts;
	u->next_try = r->next_try;
	u->done = r->done;
	u->last_error = r->last_error != NULL ? xstrdup(r->last_error) : NULL;
}

/* Records what was kept; -1 (and the rest kept) when the store fails. */
static int
unrecorded_flush(struct store *st, char **cause)
{
	while (nunrecorded > 0) {
		if (store_outbox_mark(st, &unrecorded[nunrecorded - 1],
		    cause) == -1)
			return -1;
		outbox_row_clear(&unrecorded[--nunrecorded]);
	}
	return 0;
}

/* Sends one row; returns its result, -1 when the store failed. */
static int
outbox_one(struct store *st, struct smtp *s, struct outbox_row *r,
    time_t now, char **cause)
{
	enum smtp_result	 res;
	char			*reply = NULL;

	free(r->state);
	r->state = xstrdup("sending");
	r->attempts++;
	if (store_outbox_mark(st, r, cause) == -1)
		return -1;
	res = smtp_send(s, r->env_from, r->rcpt, r->body, r->len, &reply);
	outbox_result(r, res, reply, now);
	if (store_outbox_mark(st, r, cause) == -1) {
		unrecorded_keep(r);
		return -1;
	}
	if (res == SMTP_OK)
		log_info("sent kind=%s to=%s id=%lld", r->kind, r->rcpt,
		    (long long)r->id);
	else
		log_warnx("not sent kind=%s to=%s id=%lld state=%s: %s",
		    r->kind, r->rcpt, (long long)r->id, r->state,
		    r->last_error);
	return (int)res;
}

/*
 * One sender at a time: a second `once` (or `once` beside the daemon) would
 * otherwise send the same queued rows again. The lock is a file beside the
 * database, held with flock(2), so a crashed sender never leaves it taken.
 * Returns the descriptor, -2 when another sender holds it, -1 on error.
 */
static int
outbox_lock(const struct config *cfg, char **cause)
{
	char	*path;
	int	 fd;

	xasprintf(&path, "%s-outbox.lock", cfg->database);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd == -1)
		xasprintf(cause, "%s: %s", path, strerror(errno));
	else if (flock(fd, LOCK_EX | LOCK_NB) == -1) {
		if (errno != EWOULDBLOCK)
			xasprintf(cause, "%s: %s", path, strerror(errno));
		close(fd);
		fd = errno == EWOULDBLOCK ? -2 : -1;
	}
	free(path);
	return fd;
}

int
outbox_flush(struct store *st, const struct config *cfg, time_t now,
    struct outbox_report *rep, char **cause)
{
	struct outbox_row	 r;
	struct smtp		*s = NULL;
	int64_t			 after = 0;
	int			 found = 0, res = 0, lock;

	memset(rep, 0, sizeof(*rep));
	if ((lock = outbox_lock(cfg, cause)) == -1)
		return -1;
	if (lock == -2) {
		log_info("outbox busy: another mailbot is sending");
		return 0;
	}
	if (unrecorded_flush(st, cause) == -1) {
		close(lock);
		return -1;
	}
	while ((found = store_outbox_next(st, now, after, &r, cause)) == 1) {
		after = r.id;
		if (s == NULL)
			s = smtp_new(&cfg->smtp);
		res = outbox_one(st, s, &r, now, cause);
		if (res == SMTP_OK)
			rep->sent++;
		else if (res == SMTP_PERMFAIL)
			rep->failed++;
		else if (res == SMTP_TEMPFAIL || res == SMTP_UNREACHABLE)
			rep->deferred++;
		if (res == SMTP_UNREACHABLE && rep->problem == NULL)
			rep->problem = xstrdup(r.last_error);
		outbox_row_clear(&r);
		if (res == -1 || res == SMTP_UNREACHABLE)
			break;
	}
	smtp_free(s);
	close(lock);
	return found == -1 || res == -1 ? -1 : 0;
}
