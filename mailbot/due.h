/*
 * due.h: the scheduled mail (reminders, the duo's preparation mail,
 * summaries, the weekly digest, the register mail) queued once and only
 * once, by job key. What is due is decided by schedule.c (pure); this
 * module queues it, one transaction per job, and says what it will send
 * (the plan) and who should prepare a meeting next.
 */
#ifndef MAILBOT_DUE_H
#define MAILBOT_DUE_H

#include <stdbool.h>
#include <stddef.h>
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

/* One mail the schedule will send. */
struct due_plan_item {
	time_t		 at;		/* when: now, for one due already */
	bool		 late;		/* it fell due before now */
	char		*tzid;		/* the zone to show at in */
	const char	*kind;		/* X-Mailbot-Kind, or "register" */
	char		 about[32];	/* "meeting 3", "network 1" */
	char		*to;
};

struct due_plan {
	struct due_plan_item	*items;		/* in the order they go */
	size_t			 n;
};

/*
 * due_plan: the scheduled mail that is due at now or falls due before
 * until and has not been sent, each person's mail an item, into p (the
 * caller clears it with due_plan_clear). Returns 0, or -1 with *cause.
 */
int	due_plan(const struct ctx *, time_t until, struct due_plan *p,
	    char **cause);
void	due_plan_clear(struct due_plan *);

/* One member of a proposed host duo, and their turns so far. */
struct due_host {
	char		*email;
	char		*name;
	char		*role;		/* NULL: none */
	int		 count;		/* meetings prepared */
	time_t		 last;		/* the start of the last; 0: never */
};

/*
 * due_hosts_suggest: the fair duo (see schedule_duo) for a new meeting of
 * the network, or for meeting_id (not 0), leaving out who declined it:
 * 0-2 members into picks, how many into *n_out; the caller clears each
 * with due_host_clear. Returns 0, or -1 with *cause.
 */
int	due_hosts_suggest(struct store *, int64_t network_id,
	    int64_t meeting_id, struct due_host picks[2], int *n_out,
	    char **cause);
void	due_host_clear(struct due_host *);

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
