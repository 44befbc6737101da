/*
 * daemon.h: `mailbot run`, the long-running service: one thread, one
 * loop. STUB until the daemon work lands.
 */
#ifndef MAILBOT_DAEMON_H
#define MAILBOT_DAEMON_H

struct admin;

/* mailbot run: serves until SIGTERM/SIGINT; returns the exit code. */
int	daemon_cmd_run(struct admin *, int argc, char **argv);

#endif
