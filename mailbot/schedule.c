/*
 * schedule.c: what is due and when, and who should host next. Pure: the
 * state and now come in as arguments; local times come from when.c (the
 * system's zone data), never from the clock. No I/O.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "schedule.h"
#include "util.h"
#include "when.h"

#define DAY		86400L
#define AFTER_WINDOW	(7 * DAY)	/* summary, register: still useful */

static const char *const kind_names[] = {
	"host-prep", "reminder", "summary", "register", "digest"
};

const char *
schedule_kind_name(enum schedule_kind k)
{
	return kind_names[k];
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static long
days_from_civil(int y, int m, int d)
{
	long	 era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days(long z, int *y, int *m, int *d)
{
	long	 era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

time_t
schedule_local_day(time_t t, const char *tzid, int days, int minute)
{
	struct when_parts	 p;
	char			 text[32];
	char			*cause = NULL;
	time_t			 out;
	int			 y, m, d, tries;

	when_local_parts(t, tzid, &p);
	civil_from_days(days_from_civil(p.year, p.month, p.day) + days,
	    &y, &m, &d);
	for (tries = 0; tries < 3; tries++, minute += 60) {
		snprintf(text, sizeof(text), "%04d-%02d-%02d %02d:%02d", y, m,
		    d, minute / 60 % 24, minute % 60);
		if (when_parse_local(text, tzid, &out, &cause) == 0)
			return out;
		free(cause);
		cause = NULL;
	}
	/* No zone data at all: fall back on plain UTC days. */
	return t + (time_t)days * DAY;
}

/* The moment offset seconds before (negative: after) ref, on a local day. */
static time_t
moment(const struct schedule_rules *r, time_t ref, const char *tzid,
    long offset)
{
	if (offset % DAY != 0)
		return ref - offset;
	return schedule_local_day(ref, tzid, (int)(-offset / DAY),
	    r->local_minute);
}

struct joblist {
	struct schedule_job	*v;
	size_t			 n;
	time_t			 now;
	time_t			 horizon;
};

/* Adds a job when it is due now or falls due by the horizon. */
static void
job_add(struct joblist *l, const struct schedule_job *j)
{
	bool	 due = j->at <= l->now && l->now < j->until;

	if (!due && (j->at <= l->now || j->at > l->horizon))
		return;
	l->v = xreallocarray(l->v, l->n + 1, sizeof(*l->v));
	l->v[l->n] = *j;
	l->v[l->n].due = due;
	l->n++;
}

static void
meeting_jobs(const struct schedule_rules *r, const struct schedule_meeting *g,
    struct joblist *l)
{
	struct schedule_job	 j;
	time_t			 last_due = 0;
	int			 i;

	memset(&j, 0, sizeof(j));
	j.meeting_id = g->id;
	j.network_id = g->network_id;
	j.kind = SCHEDULE_HOST_PREP;
	j.at = moment(r, g->start, g->tzid, r->host_prep);
	if (j.at < g->created)
		j.at = g->created;
	j.until = g->start;
	snprintf(j.key, sizeof(j.key), "host-prep:%lld", (long long)g->id);
	job_add(l, &j);

	/* Only the last reminder already due is sent (one, not several). */
	for (i = 0; i < r->nreminders; i++) {
		time_t at = moment(r, g->start, g->tzid, r->reminders[i]);

		if (at <= l->now && at >= g->created && at < g->start &&
		    at > last_due)
			last_due = at;
	}
	for (i = 0; i < r->nreminders; i++) {
		j.kind = SCHEDULE_REMINDER;
		j.offset = r->reminders[i];
		j.at = moment(r, g->start, g->tzid, r->reminders[i]);
		j.until = g->start;
		if (j.at < g->created || j.at >= g->start ||
		    (j.at <= l->now && j.at != last_due))
			continue;
		snprintf(j.key, sizeof(j.key), "reminder:%lld:%ld",
		    (long long)g->id, r->reminders[i]);
		job_add(l, &j);
	}
	j.offset = 0;
	j.kind = SCHEDULE_SUMMARY;
	j.at = moment(r, g->end, g->tzid, -r->summary);
	if (j.at < g->end)
		j.at = g->end;
	j.until = j.at + AFTER_WINDOW;
	snprintf(j.key, sizeof(j.key), "summary:%lld", (long long)g->id);
	job_add(l, &j);
	j.kind = SCHEDULE_REGISTER;
	snprintf(j.key, sizeof(j.key), "register:%lld", (long long)g->id);
	job_add(l, &j);
}

/* The latest weekly digest moment at or before t. */
static time_t
digest_before(const struct schedule_rules *r, time_t t)
{
	struct when_parts	 p;
	time_t			 at;
	int			 back;

	when_local_parts(t, r->tzid, &p);
	back = (p.wday - r->digest_wday + 7) % 7;
	at = schedule_local_day(t, r->tzid, -back, r->digest_minute);
	if (at > t)
		at = schedule_local_day(t, r->tzid, -back - 7,
		    r->digest_minute);
	return at;
}

static void
network_jobs(const struct schedule_rules *r, const struct schedule_network *n,
    struct joblist *l)
{
	struct schedule_job	 j;
	struct when_parts	 p;
	time_t			 at, next;

	memset(&j, 0, sizeof(j));
	j.kind = SCHEDULE_DIGEST;
	j.network_id = n->id;
	/* The latest moment only: a missed digest comes once, late. */
	for (at = digest_before(r, l->now); at <= l->horizon; at = next) {
		next = schedule_local_day(at, r->tzid, 7, r->digest_minute);
		if (at >= n->created) {
			when_local_parts(at, r->tzid, &p);
			j.at = at;
			j.until = next;
			snprintf(j.key, sizeof(j.key),
			    "digest:%lld:%04d-%02d-%02d", (long long)n->id,
			    p.year, p.month, p.day);
			job_add(l, &j);
		}
	}
}

static int
job_cmp(const void *a, const void *b)
{
	const struct schedule_job	*x = a, *y = b;

	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	if (x->kind != y->kind)
		return (int)x->kind - (int)y->kind;
	return strcmp(x->key, y->key);
}

size_t
schedule_jobs(const struct schedule_rules *r,
    const struct schedule_meeting *g, size_t ng,
    const struct schedule_network *nw, size_t nn, time_t now, time_t horizon,
    struct schedule_job **out)
{
	struct joblist	 l = { NULL, 0, now, horizon };
	size_t		 i;

	for (i = 0; i < ng; i++)
		if (!g[i].cancelled)
			meeting_jobs(r, &g[i], &l);
	for (i = 0; i < nn; i++)
		network_jobs(r, &nw[i], &l);
	if (l.n > 1)
		qsort(l.v, l.n, sizeof(*l.v), job_cmp);
	*out = l.v;
	return l.n;
}

/* The duo. */

static bool
same_role(const struct schedule_candidate *a,
    const struct schedule_candidate *b)
{
	return a->role != NULL && b->role != NULL &&
	    strcasecmp(a->role, b->role) == 0;
}

static bool
paired_before(const struct schedule_pair *p, size_t np, int64_t a, int64_t b)
{
	size_t	 i;

	for (i = 0; i < np; i++)
		if ((p[i].a == a && p[i].b == b) || (p[i].a == b &&
		    p[i].b == a))
			return true;
	return false;
}

/*
 * Negative when x should host before y: fewest turns, then least recent
 * (so everyone prepares once before anyone prepares twice).
 */
static int
fairer(const struct schedule_candidate *x, const struct schedule_candidate *y)
{
	if (x->count != y->count)
		return x->count < y->count ? -1 : 1;
	if (x->last != y->last)
		return x->last < y->last ? -1 : 1;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return 0;
}

/* True when candidate i makes a better second host next to first than cur. */
static bool
better_second(const struct schedule_candidate *c, const struct schedule_pair *p,
    size_t np, size_t first, size_t i, size_t cur)
{
	bool	 rep_i = paired_before(p, np, c[first].id, c[i].id);
	bool	 rep_c = paired_before(p, np, c[first].id, c[cur].id);
	bool	 role_i = same_role(&c[first], &c[i]);
	bool	 role_c = same_role(&c[first], &c[cur]);

	if (c[i].count != c[cur].count)
		return c[i].count < c[cur].count;
	if (rep_i != rep_c)
		return !rep_i;
	if (c[i].last != c[cur].last)
		return c[i].last < c[cur].last;
	if (role_i != role_c)
		return !role_i;
	return fairer(&c[i], &c[cur]) < 0;
}

int
schedule_duo(const struct schedule_candidate *c, size_t n,
    const struct schedule_pair *p, size_t np, size_t pick[2])
{
	size_t	 i, first = n, second = n;

	for (i = 0; i < n; i++)
		if (!c[i].declined && (first == n ||
		    fairer(&c[i], &c[first]) < 0))
			first = i;
	if (first == n)
		return 0;
	pick[0] = first;
	/* Fewest turns, no pair that hosted before, least recent, another
	   role. */
	for (i = 0; i < n; i++) {
		if (i == first || c[i].declined)
			continue;
		if (second == n || better_second(c, p, np, first, i, second))
			second = i;
	}
	if (second == n)
		return 1;
	pick[1] = second;
	return 2;
}
