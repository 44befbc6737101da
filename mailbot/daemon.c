/*
 * daemon.c: `mailbot run`, the service. One thread, one loop: wait for new
 * mail (IMAP IDLE, or the poll interval), the next due job, an outbox retry
 * or a signal; then take the mail, run what is due and flush the outbox.
 * A server that goes away is retried with a jittered back-off, never
 * fatal. Does I/O: the clock, signals, sd_notify, the network (through
 * inbox and outbox).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include <systemd/sd-daemon.h>

#include "ctx.h"
#include "config.h"
#include "daemon.h"
#include "due.h"
#include "inbox.h"
#include "intake.h"
#include "log.h"
#include "outbox.h"
#include "store.h"
#include "util.h"
#include "when.h"

#define BACKOFF_FIRST_MS	1000LL
#define BACKOFF_MAX_MS		(5 * 60 * 1000LL)
/* RFC 2177: re-issue IDLE at least every 29 minutes; we do it sooner. */
#define IDLE_MAX_MS		(25 * 60 * 1000LL)
/* A job or retry already due is looked at again after this, not at once,
   so a flush that could not take it (another sender holds the outbox)
   does not make the loop spin. */
#define DUE_AGAIN_MS		1000LL
#define DUE_FAILED_S		60	/* after due_run failed */
#define STATUS_MAX		200	/* one STATUS= line, kept short */

enum imap_state {
	IMAP_DOWN,	/* no connection: reconnect when the back-off allows */
	IMAP_BUSY,	/* connected: taking mail, running jobs, sending */
	IMAP_IDLE,	/* in IDLE, waiting for the server or a signal */
	IMAP_POLL	/* waiting for the next poll (no IDLE) */
};

static const char *const imap_state_names[] = {
	"down", "busy", "idle", "poll"
};

struct backoff {
	int		 failures;
	long long	 until_ms;	/* monotonic; 0: not waiting */
};

struct daemon {
	struct ctx		 ctx;		/* the config in use, the store;
						   now: this turn's */
	struct config		*owned;		/* cfg after a reload, or NULL */
	struct inbox		*ib;		/* NULL while IMAP_DOWN */
	enum imap_state		 state;
	time_t			 offset;	/* --now: added to time(NULL) */
	struct backoff		 imap;
	struct backoff		 smtp;
	struct backoff		 store;		/* the database failed */
	time_t			 next_job;	/* from due_run; 0: none */
	int			 queued;	/* outbox rows waiting */
	time_t			 next_try;	/* their earliest retry; 0 */
	long long		 watchdog_ms;	/* 0: no watchdog */
	bool			 ready;		/* READY=1 was sent */
	char			 status[STATUS_MAX];
};

/*
 * What the signal handlers tell the loop: two flags and a self-pipe whose
 * read end wakes poll() and IDLE at once. Global because a handler can
 * reach nothing else; nothing but the handlers writes them.
 */
static volatile sig_atomic_t	 sig_stop;
static volatile sig_atomic_t	 sig_reload;
static int			 sig_pipe[2] = { -1, -1 };

static void
signal_caught(int sig)
{
	int	 saved = errno;
	char	 c = (char)sig;

	if (sig == SIGHUP)
		sig_reload = 1;
	else
		sig_stop = 1;
	if (write(sig_pipe[1], &c, 1) == -1) {
		/* The pipe is full: a wake-up is pending anyway. */
	}
	errno = saved;
}

static void
signals_setup(void)
{
	struct sigaction	 sa;

	if (pipe2(sig_pipe, O_NONBLOCK | O_CLOEXEC) == -1)
		fatal("run: pipe");
	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = signal_caught;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	/* A server closing on us must be an error return, not death. */
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
}

static void
signals_drain(void)
{
	char	 buf[64];

	while (read(sig_pipe[0], buf, sizeof(buf)) > 0)
		continue;
}

static void
signals_close(void)
{
	signal(SIGTERM, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	close(sig_pipe[0]);
	close(sig_pipe[1]);
	sig_pipe[0] = sig_pipe[1] = -1;
}

static long long
mono_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The daemon's "now": the real clock, moved by --now if it was given. */
static time_t
daemon_now(const struct daemon *d)
{
	return time(NULL) + d->offset;
}

/*
 * backoff_fail: one more failure; the next try waits 1, 2, 4 … seconds,
 * at most five minutes, each drawn at random from [d/2, d] so that bots
 * sharing a server do not come back in step.
 */
static void
backoff_fail(struct backoff *b)
{
	long long	 d = BACKOFF_FIRST_MS;
	int		 i;

	for (i = 0; i < b->failures && d < BACKOFF_MAX_MS; i++)
		d *= 2;
	if (d > BACKOFF_MAX_MS)
		d = BACKOFF_MAX_MS;
	b->failures++;
	d = d / 2 + arc4random_uniform((uint32_t)(d / 2) + 1);
	b->until_ms = mono_ms() + d;
}

static void
backoff_reset(struct backoff *b)
{
	b->failures = 0;
	b->until_ms = 0;
}

static bool
backoff_waiting(const struct backoff *b)
{
	return b->until_ms > mono_ms();
}

static double
backoff_left_s(const struct backoff *b)
{
	long long	 left = b->until_ms - mono_ms();

	return left > 0 ? left / 1000.0 : 0.0;
}

/* Every change of the IMAP connection's state, at debug level. */
static void
imap_enter(struct daemon *d, enum imap_state s)
{
	if (d->state != s)
		log_debug("imap state %s -> %s", imap_state_names[d->state],
		    imap_state_names[s]);
	d->state = s;
}

/* Drops the connection (cause says why, and is freed) and backs off. */
static void
daemon_imap_failed(struct daemon *d, char *cause)
{
	inbox_close(d->ib);
	d->ib = NULL;
	imap_enter(d, IMAP_DOWN);
	backoff_fail(&d->imap);
	log_warnx("imap unavailable, retry in %.1f s: %s",
	    backoff_left_s(&d->imap), cause);
	free(cause);
}

static void
daemon_connect(struct daemon *d)
{
	const struct config_server	*srv = &d->ctx.cfg->imap;
	char				*cause = NULL;

	if (d->ib != NULL || backoff_waiting(&d->imap))
		return;
	d->ib = inbox_open(srv, INTAKE_IMAP_TIMEOUT, &cause);
	if (d->ib == NULL) {
		daemon_imap_failed(d, cause);
		return;
	}
	inbox_set_wake(d->ib, sig_pipe[0]);
	backoff_reset(&d->imap);
	imap_enter(d, IMAP_BUSY);
	log_info("imap connected server=%s:%d mailbox=%s idle=%s", srv->host,
	    srv->port, srv->mailbox, inbox_has_idle(d->ib) ? "yes" : "no");
	if (!d->ready) {
		sd_notify(0, "READY=1");
		d->ready = true;
	}
}

/* New mail: each message in its own transaction (intake.c). */
static void
daemon_take_mail(struct daemon *d)
{
	char	*cause = NULL;
	int	 count = 0, rc;

	if (d->ib == NULL || backoff_waiting(&d->store))
		return;
	d->ctx.now = daemon_now(d);
	rc = intake_take(&d->ctx, d->ib, &count, &cause);
	if (count > 0)
		log_info("inbox handled=%d", count);
	if (rc == 0) {
		backoff_reset(&d->store);
		return;
	}
	/* The database failed (the disk is full, say): what was not
	   recorded stays unhandled on the server, the connection stays up,
	   and the next try backs off like a server's. */
	if (rc == -1) {
		backoff_fail(&d->store);
		log_warnx("database failed, new mail waits on the server, "
		    "retry in %.1f s: %s", backoff_left_s(&d->store), cause);
		free(cause);
		return;
	}
	daemon_imap_failed(d, cause);
}

static void
daemon_run_due(struct daemon *d)
{
	time_t	 now = daemon_now(d), next = 0;
	char	*cause = NULL;

	d->ctx.now = now;
	if (due_run(&d->ctx, &next, &cause) == -1) {
		log_warnx("scheduled mail: %s", cause);
		free(cause);
		next = now + DUE_FAILED_S;
	}
	d->next_job = next;
}

static void
daemon_flush(struct daemon *d)
{
	struct outbox_report	 rep;
	char			*cause = NULL;

	if (backoff_waiting(&d->smtp))
		return;
	if (outbox_flush(d->ctx.st, d->ctx.cfg, daemon_now(d), &rep,
	    &cause) == -1) {
		backoff_fail(&d->smtp);
		log_warnx("outbox: retry in %.1f s: %s",
		    backoff_left_s(&d->smtp), cause);
		free(cause);
		free(rep.problem);
		return;
	}
	if (rep.problem != NULL) {
		backoff_fail(&d->smtp);
		log_warnx("smtp unavailable, mail kept, retry in %.1f s: %s",
		    backoff_left_s(&d->smtp), rep.problem);
		free(rep.problem);
	} else if (rep.sent + rep.failed + rep.deferred > 0)
		backoff_reset(&d->smtp);
}

static void
daemon_outbox_figures(struct daemon *d)
{
	char	*cause = NULL;

	if (store_outbox_waiting(d->ctx.st, &d->queued, &d->next_try,
	    &cause) == -1) {
		log_warnx("outbox: %s", cause);
		free(cause);
	}
}

static long long
min_ms(long long a, long long b)
{
	return a < b ? a : b;
}

/* When the outbox next wants the loop: its retry, or the server's. */
static long long
daemon_retry_ms(const struct daemon *d, time_t now)
{
	long long	 t;

	t = ((long long)d->next_try - now) * 1000;
	if (backoff_waiting(&d->smtp) &&
	    d->smtp.until_ms - mono_ms() > t)
		t = d->smtp.until_ms - mono_ms();
	return t < DUE_AGAIN_MS ? DUE_AGAIN_MS : t;
}

/* How long the loop may wait, in ms: until the first thing to do. */
static long long
daemon_wait_ms(const struct daemon *d)
{
	time_t		 now = daemon_now(d);
	long long	 w = IDLE_MAX_MS, t;

	if (d->ib == NULL)
		w = min_ms(w, d->imap.until_ms - mono_ms());
	else if (backoff_waiting(&d->store))
		w = min_ms(w, d->store.until_ms - mono_ms());
	else if (!d->ctx.cfg->idle || !inbox_has_idle(d->ib))
		w = min_ms(w, d->ctx.cfg->poll_seconds * 1000LL);
	if (d->next_job != 0) {
		t = ((long long)d->next_job - now) * 1000;
		w = min_ms(w, t < DUE_AGAIN_MS ? DUE_AGAIN_MS : t);
	}
	if (d->queued > 0 && d->next_try != 0)
		w = min_ms(w, daemon_retry_ms(d, now));
	if (d->watchdog_ms > 0)
		w = min_ms(w, d->watchdog_ms / 2);
	return w > 0 ? w : 0;
}

/* Waits on the signal pipe alone: polling mode, or no server. */
static void
daemon_sleep(long long ms)
{
	struct pollfd	 pfd;

	pfd.fd = sig_pipe[0];
	pfd.events = POLLIN;
	pfd.revents = 0;
	if (poll(&pfd, 1, ms > INT32_MAX ? INT32_MAX : (int)ms) == -1 &&
	    errno != EINTR)
		log_warn("run: poll");
}

static void
daemon_wait(struct daemon *d)
{
	long long	 ms = daemon_wait_ms(d);
	char		*cause = NULL;
	int		 r;

	if (d->ib == NULL || !d->ctx.cfg->idle || !inbox_has_idle(d->ib)) {
		if (d->ib != NULL)
			imap_enter(d, IMAP_POLL);
		daemon_sleep(ms);
		if (d->ib != NULL)
			imap_enter(d, IMAP_BUSY);
		return;
	}
	imap_enter(d, IMAP_IDLE);
	r = inbox_wait(d->ib, (int)((ms + 999) / 1000), &cause);
	if (r == -1) {
		daemon_imap_failed(d, cause);
		return;
	}
	imap_enter(d, IMAP_BUSY);
	if (r == 1)
		log_debug("imap new mail");
}

/* "scheduled mail at 2026-11-23 09:00", or "outbox retry at …". */
static void
daemon_next_text(const struct daemon *d, char *buf, size_t size)
{
	const char	*what = "scheduled mail";
	time_t		 t = d->next_job;
	char		*when;

	if (d->queued > 0 && d->next_try > daemon_now(d) &&
	    (t == 0 || d->next_try < t)) {
		what = "outbox retry";
		t = d->next_try;
	}
	if (t == 0) {
		snprintf(buf, size, "nothing scheduled");
		return;
	}
	when = when_format_local(t, d->ctx.cfg->timezone);
	snprintf(buf, size, "%s at %s", what, when);
	free(when);
}

/* STATUS= for systemctl status ("idle; 3 queued; next: …"), WATCHDOG=1. */
static void
daemon_notify(struct daemon *d)
{
	char		 next[96], status[STATUS_MAX];
	const char	*doing;

	if (d->ib == NULL)
		doing = "waiting for the IMAP server";
	else if (d->ctx.cfg->idle && inbox_has_idle(d->ib))
		doing = "idle";
	else
		doing = "polling";
	daemon_next_text(d, next, sizeof(next));
	snprintf(status, sizeof(status), "%s; %d queued%s; next: %s", doing,
	    d->queued, backoff_waiting(&d->smtp) ? " (SMTP server away)" : "",
	    next);
	if (strcmp(status, d->status) != 0) {
		log_debug("status %s", status);
		memcpy(d->status, status, sizeof(status));
		sd_notifyf(0, "STATUS=%s", status);
	}
	sd_notify(0, "WATCHDOG=1");
}

/* Logs each line of a config_load() failure. */
static void
log_config_errors(const char *cause)
{
	const char	*p = cause, *nl;

	while (*p != '\0') {
		nl = strchr(p, '\n');
		if (nl == NULL)
			nl = p + strlen(p);
		if (nl > p)
			log_warnx("reload: %.*s", (int)(nl - p), p);
		p = *nl == '\n' ? nl + 1 : nl;
	}
}

/*
 * SIGHUP: reads the configuration again. A bad one is reported and the
 * old one kept. Templates are read from their directory at each use, so
 * they are fresh already. The IMAP session is opened again, as the new
 * file may name another server or password.
 */
static void
daemon_reload(struct daemon *d)
{
	struct config	*fresh;
	char		*cause = NULL;

	if ((fresh = config_load(d->ctx.cfg->path, &cause)) == NULL) {
		log_config_errors(cause);
		log_warnx("reload failed, keeping the configuration in use");
		free(cause);
		return;
	}
	if (strcmp(fresh->database, d->ctx.cfg->database) != 0) {
		log_warnx("reload refused: the database cannot change while "
		    "running (restart to use %s)", fresh->database);
		config_free(fresh);
		return;
	}
	inbox_close(d->ib);
	d->ib = NULL;
	imap_enter(d, IMAP_DOWN);
	backoff_reset(&d->imap);
	backoff_reset(&d->smtp);
	backoff_reset(&d->store);
	config_free(d->owned);
	d->owned = fresh;
	d->ctx.cfg = fresh;
	log_info("configuration reloaded path=%s", fresh->path);
}

/* One turn of the loop; see STYLE.md, "The loop". */
static void
daemon_turn(struct daemon *d)
{
	signals_drain();
	if (sig_reload) {
		sig_reload = 0;
		daemon_reload(d);
	}
	daemon_connect(d);
	daemon_take_mail(d);
	if (sig_stop)
		return;
	daemon_run_due(d);
	daemon_flush(d);
	daemon_outbox_figures(d);
	daemon_notify(d);
	if (sig_stop)
		return;
	daemon_wait(d);
}

static void
daemon_init(struct daemon *d, const struct ctx *ctx)
{
	uint64_t	 usec = 0;

	memset(d, 0, sizeof(*d));
	d->ctx = *ctx;
	d->state = IMAP_DOWN;
	/* --now starts the daemon's clock there; it then runs at real
	   speed. A --now within two seconds of the clock is the clock. */
	d->offset = ctx->now - time(NULL);
	if (d->offset >= -2 && d->offset <= 2)
		d->offset = 0;
	if (sd_watchdog_enabled(0, &usec) > 0)
		d->watchdog_ms = (long long)(usec / 1000);
}

int
daemon_run(const struct ctx *ctx)
{
	struct daemon	 d;

	log_set_prefix(true);
	daemon_init(&d, ctx);
	signals_setup();
	intake_set_stop(&sig_stop);	/* SIGTERM ends a long backlog early */
	log_info("started config=%s database=%s%s", d.ctx.cfg->path,
	    d.ctx.cfg->database, d.offset != 0 ? " clock=moved" : "");
	while (!sig_stop)
		daemon_turn(&d);
	sd_notify(0, "STOPPING=1");
	inbox_close(d.ib);	/* ends nothing half-done: IDLE is over */
	config_free(d.owned);
	signals_close();
	log_info("stopped");
	return EX_OK;
}
