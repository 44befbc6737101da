/*
 * due.h: the scheduled mail (reminders, the duo's preparation mail,
 * summaries, the weekly digest, the register mail) queued once and only
 * once, by job key. What is due is decided by schedule.c (pure); this
 * module queues it, one transaction per job, and answers the plan and
 * hosts commands.
 */
#ifndef MAILBOT_DUE_H
#define MAILBOT_DUE_H

#include <stdint.h>
#include <time.h>

struct ctx;
struct config;
struct inbound;
struct mail;
struct store;

/*
 * due_run: queues in the outbox every scheduled mail due at now that was
 * not queued before, each with its job recorded in the same transaction.
 * *next_out: when the next job falls due (0: nothing scheduled), so the
 * daemon knows how long it may sleep. Returns 0, or -1 with *cause.
 */
int	due_run(const struct ctx *, time_t *next_out, char **cause);

/* mailbot plan [--days N]: what will be sent when, to whom. */
int	due_cmd_plan(const struct ctx *, int argc, char **argv);
/*
 * mailbot hosts suggest NETWORK [--meeting ID]: the fair duo for a new
 * meeting (or for meeting ID, leaving out who declined it), and why.
 */
int	due_cmd_hosts(const struct ctx *, int argc, char **argv);

/*
 * due_hosts_propose: the fair duo for a new meeting of the network (see
 * schedule_duo): member ids into ids, how many (0-2) into *n_out.
 * Returns 0, or -1 with *cause.
 */
int	due_hosts_propose(struct store *, int64_t network_id, int64_t ids[2],
	    int *n_out, char **cause);

/*
 * due_host_reply: when m answers a host duo's preparation mail (it was
 * sent to the bot+prep-TOKEN address of that mail's Reply-To), stores
 * what the host wrote as the meeting's programme (or, once the meeting
 * has begun, as its insights), fills rec's kind, member and meeting, puts
 * what was done in *effect_out (caller frees) and returns 1. Returns 0
 * when m is no such reply, -1 with *cause when the store failed. Call
 * inside the message's transaction.
 */
int	due_host_reply(const struct config *, struct store *, time_t now,
	    const struct mail *m, struct inbound *rec, char **effect_out,
	    char **cause);

#endif
