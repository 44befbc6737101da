/*
 * schedule_test.c: what is due when (local hours across the summer-time
 * switches of Europe/Amsterdam, 2027-03-28 and 2027-10-31), missed jobs,
 * digests, and the fairness of the host duo.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "schedule.h"
#include "when.h"

#define AMS	"Europe/Amsterdam"
#define DAY	86400L

static time_t
at(const char *local)
{
	time_t	 t = -1;
	char	*cause = NULL;

	if (when_parse_local(local, AMS, &t, &cause) == -1)
		t = -1;
	free(cause);
	return t;
}

static const long reminders[] = { 14 * DAY, 2 * DAY };

static const struct schedule_rules rules = {
	reminders, 2, 28 * DAY, 1 * DAY, 1, 8 * 60, 9 * 60, AMS
};

/* The job with key in v, or NULL. */
static const struct schedule_job *
find(const struct schedule_job *v, size_t n, const char *key)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].key, key) == 0)
			return &v[i];
	return NULL;
}

/* The local time of the job with key, "" when there is none. */
static void
check_when(const struct schedule_job *v, size_t n, const char *key,
    const char *want, bool due)
{
	const struct schedule_job	*j = find(v, n, key);
	char				*got;

	if (j == NULL) {
		CHECK(want == NULL, "%s: no such job", key);
		return;
	}
	got = when_format_local(j->at, AMS);
	CHECK_STR(want != NULL ? got : NULL, want, "%s falls due at %s", key,
	    want);
	CHECK(j->due == due, "%s is %sdue now", key, due ? "" : "not ");
	free(got);
}

static void
test_local_day(void)
{
	/* 09:00 on the day 14 days before, summer time on either side. */
	time_t	 m = at("2027-04-08 14:00");
	char	*s;

	s = when_format_local(schedule_local_day(m, AMS, -14, 540), AMS);
	CHECK_STR(s, "2027-03-25 09:00", "14 days before, winter to summer");
	free(s);
	s = when_format_iso(schedule_local_day(at("2027-11-05 14:00"), AMS,
	    -14, 540), AMS);
	CHECK_STR(s, "2027-10-22T09:00:00+02:00", "back across the end of "
	    "summer time: still 09:00, in summer time");
	free(s);
	/* 02:30 does not exist on 2027-03-28: it moves on an hour. */
	s = when_format_local(schedule_local_day(at("2027-03-29 12:00"), AMS,
	    -1, 150), AMS);
	CHECK_STR(s, "2027-03-28 03:30", "a skipped local time moves on");
	free(s);
	s = when_format_local(schedule_local_day(at("2027-12-31 23:00"), AMS,
	    1, 540), AMS);
	CHECK_STR(s, "2028-01-01 09:00", "across the year");
	free(s);
}

static void
test_season(void)
{
	/* Meeting 1 on 2027-04-08 (summer time), reminders in winter time. */
	struct schedule_meeting	 g[] = {
		{ 1, 1, 0, 0, 0, AMS, false },
		{ 2, 1, 0, 0, 0, AMS, false },
		{ 3, 1, 0, 0, 0, AMS, true },
	};
	struct schedule_network	 nw[] = { { 1, 0 } };
	struct schedule_job	*v;
	size_t			 n;

	g[0].start = at("2027-04-08 14:00");
	g[0].end = at("2027-04-08 17:00");
	g[0].created = at("2027-01-04 10:00");
	g[1].start = at("2027-11-04 14:00");
	g[1].end = at("2027-11-04 17:00");
	g[1].created = at("2027-01-04 10:00");
	g[2].start = at("2027-06-03 14:00");
	g[2].end = at("2027-06-03 17:00");
	g[2].created = at("2027-01-04 10:00");
	nw[0].created = at("2027-01-04 10:00");

	n = schedule_jobs(&rules, g, 3, nw, 1, at("2027-01-04 10:00"),
	    at("2028-01-01 00:00"), &v);
	check_when(v, n, "host-prep:1", "2027-03-11 09:00", false);
	check_when(v, n, "reminder:1:1209600", "2027-03-25 09:00", false);
	check_when(v, n, "reminder:1:172800", "2027-04-06 09:00", false);
	check_when(v, n, "summary:1", "2027-04-09 09:00", false);
	check_when(v, n, "register:1", "2027-04-09 09:00", false);
	/* Meeting 2: the prep in summer time, reminders in winter time. */
	check_when(v, n, "host-prep:2", "2027-10-07 09:00", false);
	check_when(v, n, "reminder:2:1209600", "2027-10-21 09:00", false);
	check_when(v, n, "reminder:2:172800", "2027-11-02 09:00", false);
	check_when(v, n, "host-prep:3", NULL, false);
	check_when(v, n, "digest:1:2027-01-11", "2027-01-11 08:00", false);
	check_when(v, n, "digest:1:2027-03-29", "2027-03-29 08:00", false);
	check_when(v, n, "digest:1:2027-11-01", "2027-11-01 08:00", false);
	check_when(v, n, "digest:1:2027-01-04", NULL, false);
	CHECK(n > 1 && v[0].at <= v[n - 1].at, "sorted by time");
	free(v);

	/* Down from before the 14-day reminder until 3 days before: the
	   14-day reminder is sent late, once. */
	n = schedule_jobs(&rules, g, 3, nw, 1, at("2027-04-05 12:00"),
	    at("2027-04-05 12:00"), &v);
	check_when(v, n, "reminder:1:1209600", "2027-03-25 09:00", true);
	check_when(v, n, "host-prep:1", "2027-03-11 09:00", true);
	/* The digest of this Monday only, not the weeks missed before. */
	check_when(v, n, "digest:1:2027-04-05", "2027-04-05 08:00", true);
	check_when(v, n, "digest:1:2027-03-29", NULL, false);
	free(v);

	/* Down until 1 day before: only the last reminder goes. */
	n = schedule_jobs(&rules, g, 3, nw, 1, at("2027-04-07 18:00"),
	    at("2027-04-07 18:00"), &v);
	check_when(v, n, "reminder:1:172800", "2027-04-06 09:00", true);
	check_when(v, n, "reminder:1:1209600", NULL, false);
	free(v);

	/* After the start: no reminder, no preparation mail. */
	n = schedule_jobs(&rules, g, 3, nw, 1, at("2027-04-08 14:00"),
	    at("2027-04-08 14:00"), &v);
	check_when(v, n, "reminder:1:172800", NULL, false);
	check_when(v, n, "host-prep:1", NULL, false);
	free(v);

	/* The summary a week late still goes; later, never. */
	n = schedule_jobs(&rules, g, 3, nw, 1, at("2027-04-15 08:00"),
	    at("2027-04-15 08:00"), &v);
	check_when(v, n, "summary:1", "2027-04-09 09:00", true);
	free(v);
	n = schedule_jobs(&rules, g, 3, nw, 1, at("2027-04-16 10:00"),
	    at("2027-04-16 10:00"), &v);
	check_when(v, n, "summary:1", NULL, false);
	check_when(v, n, "register:1", NULL, false);
	free(v);
}

static void
test_created_late(void)
{
	/* A meeting added 10 days ahead: the prep now, no 14-day reminder. */
	struct schedule_meeting	 g = { 7, 1, 0, 0, 0, AMS, false };
	struct schedule_job	*v;
	size_t			 n;

	g.created = at("2027-05-01 11:00");
	g.start = at("2027-05-11 14:00");
	g.end = at("2027-05-11 16:00");
	n = schedule_jobs(&rules, &g, 1, NULL, 0, g.created,
	    g.created + 30 * DAY, &v);
	check_when(v, n, "host-prep:7", "2027-05-01 11:00", true);
	check_when(v, n, "reminder:7:1209600", NULL, false);
	check_when(v, n, "reminder:7:172800", "2027-05-09 09:00", false);
	free(v);
	/* A network created on a Tuesday: its first digest is Monday's. */
	{
		struct schedule_network	 nw = { 3, 0 };

		nw.created = at("2027-05-04 10:00");
		n = schedule_jobs(&rules, NULL, 0, &nw, 1, nw.created,
		    nw.created + 7 * DAY, &v);
		CHECK(n == 1 && !v[0].due, "no digest for the week before");
		check_when(v, n, "digest:3:2027-05-10", "2027-05-10 08:00",
		    false);
		free(v);
	}
}

/* Hosts count for members 0..n-1 after some meetings of the duo rule. */
static int
run_duos(struct schedule_candidate *c, size_t n, int meetings,
    const char **fail)
{
	struct schedule_pair	 p[64];
	size_t			 np = 0, pick[2];
	int			 m, k, fewest, most;
	size_t			 i;

	for (m = 1; m <= meetings; m++) {
		if (schedule_duo(c, n, p, np, pick) != 2) {
			*fail = "no duo";
			return -1;
		}
		if (c[pick[0]].role != NULL && c[pick[1]].role != NULL &&
		    strcmp(c[pick[0]].role, c[pick[1]].role) == 0 && m <= 2) {
			*fail = "same role while other roles were free";
			return -1;
		}
		for (k = 0; k < 2; k++) {
			c[pick[k]].count++;
			c[pick[k]].last = m * 1000;
		}
		p[np].a = c[pick[0]].id;
		p[np].b = c[pick[1]].id;
		np++;
		fewest = most = c[0].count;
		for (i = 0; i < n; i++) {
			if (c[i].count < fewest)
				fewest = c[i].count;
			if (c[i].count > most)
				most = c[i].count;
		}
		if (most - fewest > 1) {
			*fail = "someone prepared twice before all once";
			return -1;
		}
	}
	return 0;
}

static void
test_duo(void)
{
	const char	*roles[] = { "bestuurder", "bestuurder", "zorgkantoor",
	    "bestuurder", "ministerie", "zorgkantoor", "bestuurder" };
	struct schedule_candidate c[7];
	struct schedule_pair	 before = { 1, 3 };
	const char		*fail = "";
	size_t			 i, pick[2];

	memset(c, 0, sizeof(c));
	for (i = 0; i < 7; i++) {
		c[i].id = (int64_t)i + 1;
		c[i].role = roles[i];
	}
	CHECK(schedule_duo(c, 7, NULL, 0, pick) == 2 && pick[0] == 0 &&
	    pick[1] == 2, "first duo: the first member and another role");
	c[0].declined = true;
	CHECK(schedule_duo(c, 7, NULL, 0, pick) == 2 && pick[0] == 1 &&
	    pick[1] == 2, "who declined the meeting is not proposed");
	c[0].declined = false;
	/* 1 and 3 hosted together long ago; everyone else more recently. */
	for (i = 0; i < 7; i++)
		c[i].last = i == 0 || i == 2 ? 10 : 20;
	CHECK(schedule_duo(c, 7, &before, 1, pick) == 2 && pick[0] == 0 &&
	    pick[1] != 2, "not the same pair as before");
	for (i = 0; i < 7; i++)
		c[i].last = 0;
	CHECK(run_duos(c, 7, 14, &fail) == 0, "14 meetings, 7 members: "
	    "fair (%s)", fail);
	for (i = 0; i < 7; i++)
		CHECK(c[i].count == 4, "member %zu prepared 4 times", i + 1);
	memset(c, 0, sizeof(c));
	for (i = 0; i < 5; i++)
		c[i].id = (int64_t)i + 1;
	CHECK(run_duos(c, 5, 10, &fail) == 0, "10 meetings, 5 members, no "
	    "roles: fair (%s)", fail);
	CHECK(schedule_duo(c, 1, NULL, 0, pick) == 1, "one member: one host");
	CHECK(schedule_duo(c, 0, NULL, 0, pick) == 0, "nobody: no duo");
}

int
main(void)
{
	test_local_day();
	test_season();
	test_created_late();
	test_duo();
	when_cleanup();
	return check_done();
}
