/*
 * due.h: the scheduled mail (reminders, the duo's preparation mail,
 * summaries, the weekly digest, the register mail) queued once and only
 * once, by job key. What is due is decided by schedule.c (pure); this
 * module queues it. STUB: filled in by the time-driven mail work.
 */
#ifndef MAILBOT_DUE_H
#define MAILBOT_DUE_H

#include <time.h>

struct admin;
struct config;
struct store;

/*
 * due_run: queues in the outbox every scheduled mail due at now that was
 * not queued before, each with its job recorded in the same transaction.
 * *next_out: when the next job falls due (0: nothing scheduled), so the
 * daemon knows how long it may sleep. Returns 0, or -1 with *cause.
 */
int	due_run(const struct config *, struct store *, time_t now,
	    time_t *next_out, char **cause);

/* mailbot plan [--days N]: what will be sent when, to whom. */
int	due_cmd_plan(struct admin *, int argc, char **argv);
/* mailbot hosts suggest NETWORK: the fair duo for the next meeting. */
int	due_cmd_hosts(struct admin *, int argc, char **argv);

#endif
