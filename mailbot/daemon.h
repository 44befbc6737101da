/*
 * daemon.h: `mailbot run`, the long-running service: one thread, one
 * loop (IMAP IDLE or polling, due jobs, outbox retries, signals,
 * sd_notify). See daemon.c and mailbot(8).
 */
#ifndef MAILBOT_DAEMON_H
#define MAILBOT_DAEMON_H

struct ctx;

/*
 * mailbot run: serves until SIGTERM or SIGINT, then ends IDLE, logs out
 * and returns EX_OK; SIGHUP reloads the configuration (a bad one is
 * reported and the old one kept). Servers that go away are retried, never
 * fatal. Returns EX_USAGE for extra arguments.
 */
int	daemon_cmd_run(const struct ctx *, int argc, char **argv);

#endif
