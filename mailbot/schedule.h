/*
 * schedule.h: what is due, and when. Given the meetings and networks, the
 * [schedule] rules and now, it lists the jobs (preparation mail, reminders,
 * summary, register, digest) with the moment each falls due and the moment
 * it stops making sense; and it proposes a fair host duo. Pure: no I/O, no
 * clock; every time comes in as an argument.
 */
#ifndef MAILBOT_SCHEDULE_H
#define MAILBOT_SCHEDULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

enum schedule_kind {
	SCHEDULE_HOST_PREP,	/* to the duo: send us the programme */
	SCHEDULE_REMINDER,	/* to everyone invited: reminder or nudge */
	SCHEDULE_SUMMARY,	/* to the network, after the meeting */
	SCHEDULE_REGISTER,	/* to the coordinator, with the summary */
	SCHEDULE_DIGEST		/* to the coordinator, weekly */
};

/* The rules: [schedule] of the config, in seconds and local minutes. */
struct schedule_rules {
	const long	*reminders;	/* seconds before the start */
	int		 nreminders;
	long		 host_prep;	/* seconds before the start */
	long		 summary;	/* seconds after the end */
	int		 digest_wday;	/* 0 = Sunday */
	int		 digest_minute;	/* local minutes after midnight */
	int		 local_minute;	/* the hour reminders etc. go */
	const char	*tzid;		/* the digest's zone */
};

struct schedule_meeting {
	int64_t		 id;
	int64_t		 network_id;
	time_t		 start;
	time_t		 end;
	time_t		 created;
	const char	*tzid;		/* the meeting's own zone */
	bool		 cancelled;
};

struct schedule_network {
	int64_t		 id;
	time_t		 created;
};

struct schedule_job {
	enum schedule_kind kind;
	int64_t		 meeting_id;	/* 0 for a digest */
	int64_t		 network_id;
	long		 offset;	/* reminders: seconds before */
	time_t		 at;		/* falls due */
	time_t		 until;		/* makes sense before this */
	bool		 due;		/* at <= now < until */
	char		 key[64];	/* unique; due.c adds the person */
};

/*
 * schedule_jobs: every job due at now (at <= now < until; of several
 * reminders of one meeting that are all due only the last one, so a daemon
 * that was down sends one reminder, not two) and every later job up to
 * horizon, sorted by time. Reminders, the preparation mail and the summary
 * fall on a local day at rules->local_minute in the meeting's zone, so
 * summer time does not move them; a reminder whose moment came before the
 * meeting was created is left out, a preparation mail then falls due at
 * the creation. A missed digest comes once (only the latest weekly moment
 * counts). *out is the caller's to free; returns the number of jobs.
 */
size_t	schedule_jobs(const struct schedule_rules *,
	    const struct schedule_meeting *, size_t nmeetings,
	    const struct schedule_network *, size_t nnetworks, time_t now,
	    time_t horizon, struct schedule_job **out);

/*
 * schedule_local_day: the instant of local time minute (after midnight) on
 * the day days after (or before, when negative) the local day of t in
 * tzid. A local time that does not exist (skipped by summer time) moves
 * on an hour.
 */
time_t	schedule_local_day(time_t t, const char *tzid, int days, int minute);

/* A member who could host: what the duo proposal weighs. */
struct schedule_candidate {
	int64_t		 id;
	const char	*role;		/* NULL when unknown */
	time_t		 last;		/* start of the last meeting hosted;
					   0: never */
	int		 count;		/* meetings hosted */
	bool		 declined;	/* declined the meeting in question */
};

/* A duo that hosted before. */
struct schedule_pair {
	int64_t		 a;
	int64_t		 b;
};

/*
 * schedule_duo: a fair duo from the n candidates: who hosted fewest times
 * (so everyone once before anyone twice), then least recently; never
 * someone who declined; among the equally fair, the second not making a
 * pair that hosted before, then least recent, then of another role than
 * the first. Puts the
 * indexes chosen in pick[] and returns how many (0, 1 or 2).
 */
int	schedule_duo(const struct schedule_candidate *, size_t n,
	    const struct schedule_pair *, size_t npairs, size_t pick[2]);

/* The word for a kind: "host-prep", "reminder", … */
const char *schedule_kind_name(enum schedule_kind);

#endif
