/*
 * daemon.h: `mailbot run`, the long-running service: one thread, one
 * loop (IMAP IDLE or polling, due jobs, outbox retries, signals,
 * sd_notify). See daemon.c and mailbot(8).
 */
#ifndef MAILBOT_DAEMON_H
#define MAILBOT_DAEMON_H

struct ctx;

/*
 * daemon_run: serves until SIGTERM or SIGINT, then ends IDLE, logs out
 * and returns EX_OK; SIGHUP reloads the configuration (a bad one is
 * reported and the old one kept). Servers that go away are retried, never
 * fatal. The ctx's config and store are used until a reload; its now
 * starts the daemon's clock.
 */
int	daemon_run(const struct ctx *);

#endif
