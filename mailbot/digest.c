/*
 * digest.c: what the coordinator receives. The weekly digest of a network
 * (upcoming meetings and their answers, what changed, what needs a human,
 * the duo's status, each member's commitment over a year), and the day
 * after a meeting the register mail, whose tokened Reply-To lets the
 * coordinator's answer fill the register (register.c). Reads the store;
 * writes only the outbox and the digest's date, in the caller's
 * transaction.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "config.h"
#include "digest.h"
#include "invite.h"
#include "log.h"
#include "register.h"
#include "store.h"
#include "template.h"
#include "util.h"
#include "when.h"

/* The programme should be in a week before the meeting. */
#define PROGRAMME_DUE	(7L * 86400)

#define DIGEST_MAX	(512 * 1024)	/* bytes in one table value */
#define FIRST_WEEK	(7 * 86400)	/* a first digest looks back a week */

/* W(d, "Dutch", "English"): the coordinator's language. */
#define W(d, nl, en)	((d)->is_en ? (en) : (nl))

/* One digest being composed. */
struct digest {
	const struct ctx	*ctx;
	time_t			 since;
	bool			 is_en;
	const struct network	*net;
	struct meeting		*meetings;	/* the whole list */
	size_t			 nmeetings;
	bool			 happened;	/* anything since the last one */
};

/* A table cell: tabs and line breaks would break the table apart. */
static void
cell(struct buf *b, const char *s, bool last)
{
	for (; s != NULL && *s != '\0'; s++)
		buf_add(b, strchr("\t\r\n", *s) != NULL ? " " : s, 1);
	buf_add(b, last ? "\n" : "\t", 1);
}

static void
cell_int(struct buf *b, int n, bool last)
{
	char	 s[16];

	snprintf(s, sizeof(s), "%d", n);
	cell(b, s, last);
}

static char *
day(const struct digest *d, time_t t)
{
	return template_date(t, d->ctx->cfg->timezone, d->is_en ? "en" : "nl");
}

static bool
is_upcoming(const struct digest *d, const struct meeting *g)
{
	return g->network_id == d->net->id && g->start > d->ctx->now &&
	    strcmp(g->status, "confirmed") == 0;
}

/* The network's next meeting, or NULL. */
static const struct meeting *
next_meeting(const struct digest *d)
{
	const struct meeting	*g = NULL;
	size_t			 i;

	for (i = 0; i < d->nmeetings; i++)
		if (is_upcoming(d, &d->meetings[i]) && (g == NULL ||
		    d->meetings[i].start < g->start))
			g = &d->meetings[i];
	return g;
}

static const struct meeting *
meeting_of(const struct digest *d, int64_t id)
{
	size_t	 i;

	for (i = 0; i < d->nmeetings; i++)
		if (d->meetings[i].id == id)
			return &d->meetings[i];
	return NULL;
}

static const char *
answer_word(const struct digest *d, const char *status)
{
	static const char *const words[][3] = {
		{ "accepted", "ja", "yes" },
		{ "tentative", "misschien", "maybe" },
		{ "declined", "nee", "no" },
		{ "delegated", "stuurt iemand", "sends someone" },
		{ "needs-action", "nog geen antwoord", "no answer yet" },
	};
	size_t	 i;

	for (i = 0; status != NULL && i < nitems(words); i++)
		if (strcmp(status, words[i][0]) == 0)
			return words[i][d->is_en ? 2 : 1];
	return status != NULL ? status : "";
}

/* The rows of one meeting: per answer, how many and who. */
static int
meeting_rows(struct digest *d, const struct meeting *g, struct buf *b,
    struct buf *notes, char **cause)
{
	static const char *const order[] = { "accepted", "tentative",
	    "declined", "delegated", "needs-action" };
	struct attendee	*v;
	struct buf	 names;
	size_t		 n, i, k;
	int		 count;
	char		*date = day(d, g->start);

	if (store_attendees(d->ctx->st, g->id, &v, &n, cause) == -1) {
		free(date);
		return -1;
	}
	for (k = 0; k < nitems(order); k++) {
		buf_init(&names, DIGEST_MAX);
		for (i = 0, count = 0; i < n; i++) {
			if (strcmp(v[i].status, order[k]) != 0)
				continue;
			if (count++ > 0)
				buf_addstr(&names, ", ");
			buf_addstr(&names, v[i].name);
		}
		/* "delegated" is rare: a row only when someone is. */
		if (count > 0 || strcmp(order[k], "delegated") != 0) {
			cell(b, k == 0 ? date : "", false);
			cell(b, answer_word(d, order[k]), false);
			cell_int(b, count, false);
			cell(b, names.data, true);
		}
		buf_free(&names);
	}
	for (i = 0; i < n; i++) {
		if (v[i].note == NULL || *v[i].note == '\0')
			continue;
		cell(notes, date, false);
		cell(notes, v[i].name, false);
		cell(notes, answer_word(d, v[i].status), false);
		cell(notes, v[i].note, true);
	}
	attendee_array_free(v, n);
	free(date);
	return 0;
}

/* Upcoming meetings (a table) and the notes people added (another). */
static int
meetings_table(struct digest *d, char **table_out, char **notes_out,
    char **cause)
{
	struct buf	 b, notes;
	size_t		 i;
	int		 rows = 0, rc = 0;

	buf_init(&b, DIGEST_MAX);
	buf_init(&notes, DIGEST_MAX);
	cell(&b, W(d, "Bijeenkomst", "Meeting"), false);
	cell(&b, W(d, "Antwoord", "Answer"), false);
	cell(&b, W(d, "Aantal", "Count"), false);
	cell(&b, W(d, "Wie", "Who"), true);
	cell(&notes, W(d, "Bijeenkomst", "Meeting"), false);
	cell(&notes, W(d, "Wie", "Who"), false);
	cell(&notes, W(d, "Antwoord", "Answer"), false);
	cell(&notes, W(d, "Opmerking", "Note"), true);
	for (i = 0; i < d->nmeetings && rc == 0; i++) {
		if (!is_upcoming(d, &d->meetings[i]))
			continue;
		rc = meeting_rows(d, &d->meetings[i], &b, &notes, cause);
		rows++;
	}
	*table_out = rows > 0 && rc == 0 ? buf_take(&b) : NULL;
	*notes_out = strchr(notes.data, '\n') != NULL &&
	    strchr(notes.data, '\n')[1] != '\0' && rc == 0 ?
	    buf_take(&notes) : NULL;
	buf_free(&b);
	buf_free(&notes);
	return rc;
}

/* Answers that changed since the last digest. */
static int
changes_table(struct digest *d, char **out, char **cause)
{
	struct digest_item	*v;
	const struct meeting	*g;
	struct buf		 b;
	size_t			 n, i;
	char			*s;

	*out = NULL;
	if (store_digest_items(d->ctx->st, d->net->id, STORE_DIGEST_CHANGES,
	    d->since, &v, &n, cause) == -1)
		return -1;
	buf_init(&b, DIGEST_MAX);
	cell(&b, W(d, "Wanneer", "When"), false);
	cell(&b, W(d, "Wie", "Who"), false);
	cell(&b, W(d, "Bijeenkomst", "Meeting"), false);
	cell(&b, W(d, "Was", "Was"), false);
	cell(&b, W(d, "Nu", "Now"), true);
	for (i = 0; i < n; i++) {
		s = day(d, v[i].at);
		cell(&b, s, false);
		free(s);
		cell(&b, v[i].name, false);
		g = meeting_of(d, v[i].meeting_id);
		s = g != NULL ? day(d, g->start) : NULL;
		cell(&b, s, false);
		free(s);
		cell(&b, answer_word(d, v[i].text), false);
		cell(&b, answer_word(d, v[i].more), true);
	}
	if (n > 0) {
		*out = buf_take(&b);
		d->happened = true;
	}
	buf_free(&b);
	digest_item_array_free(v, n);
	return 0;
}

/* What an item is, and what the coordinator can do about it. */
static void
human_what(const struct digest *d, const struct digest_item *it,
    const char **what, const char **action)
{
	static const char *const words[][5] = {
		{ "question", "Vraag", "beantwoorden (doorgestuurd)",
		    "Question", "answer it (forwarded to you)" },
		{ "join_request", "Wil deelnemen", "mailbot member add",
		    "Wants to join", "mailbot member add" },
		{ "leave_request", "Wil stoppen", "mailbot member remove",
		    "Wants to leave", "mailbot member remove" },
		{ "counter", "Stelt andere tijd voor",
		    "overleggen; mailbot meeting update",
		    "Proposes another time", "discuss; mailbot meeting update" },
		{ "unclear", "Onduidelijk antwoord",
		    "navragen; mailbot attendance of antwoord laten sturen",
		    "Unclear reply", "ask; or have them answer again" },
		{ "not_member", "Mail van onbekende", "lezen; lid maken?",
		    "Mail from a stranger", "read it; a member?" },
		{ "misread", "Eerder verkeerd gelezen",
		    "geen; gecorrigeerd (mailbot inbox --misread)",
		    "Misread before", "none; corrected (mailbot inbox --misread)" },
		{ "thanks", "Alleen een bedankje", "geen; ter informatie",
		    "Only thanks", "none; for your information" },
		{ "unverified", "Afzender niet geverifieerd",
		    "geen; het lid is gevraagd het zelf te bevestigen",
		    "Sender not verified",
		    "none; the member was asked to confirm it" },
		{ "unrecorded", "Antwoord niet genoteerd",
		    "navragen; zie mailbot inbox",
		    "Answer not recorded", "ask them; see mailbot inbox" },
		{ "unreadable", "Onleesbare mail", "in de inbox bekijken",
		    "Unreadable mail", "look at it in the inbox" },
		{ "autoreply", "Afwezigheidsmelding", "geen; ter informatie",
		    "Out of office", "none; for your information" },
		{ "bounce", "Onbestelbaar", "adres controleren",
		    "Bounce", "check the address" },
		{ "bouncing", "Adres onbereikbaar",
		    "nieuw adres vragen; mailbot member add",
		    "Address bouncing", "ask for a new address" },
		{ "failed", "Mail geweigerd", "adres controleren",
		    "Mail refused", "check the address" },
	};
	size_t	 i;

	*what = it->kind;
	*action = "";
	for (i = 0; i < nitems(words); i++) {
		if (strcmp(it->kind, words[i][0]) == 0) {
			*what = words[i][d->is_en ? 3 : 1];
			*action = words[i][d->is_en ? 4 : 2];
		}
	}
}

/* The detail of an item: a note, a return date, an error. */
static char *
human_detail(const struct digest *d, const struct digest_item *it)
{
	static const char *const nl[][2] = {
		{ "question forwarded", "doorgestuurd naar jou" },
		{ "question not forwarded", "niet doorgestuurd: zie mailbot "
		    "inbox" },
		{ "acknowledged", "ontvangst bevestigd" },
		{ "request for the coordinator", "voor jou" },
		{ "asked to answer", "gevraagd ja/nee/misschien te antwoorden" },
		{ "unclear", "onduidelijk; niets veranderd" },
		{ "from a stranger", "niets veranderd" },
		{ "sender not verified", "niets veranderd tot het lid het "
		    "bevestigt" },
		{ "did not send the waiting", "het lid zegt het niet te hebben "
		    "gestuurd; niets veranderd" },
		{ "answer not recorded", "niet genoteerd" },
		{ "thanks only", "niets te doen" },
		{ "wrong token", "antwoord op de presentielijst met een "
		    "verkeerde sleutel; niets veranderd" },
		{ "counter proposal", "zie de mail in de inbox" },
		{ "could not read", "zie de mail in de inbox" },
		{ "bounce", "onbestelbaar" },
		{ "automatic reply", "automatisch antwoord" },
	};
	char	*s, *date;
	size_t	 i;

	if (it->until != 0) {
		date = day(d, it->until);
		xasprintf(&s, W(d, "terug op %s", "back on %s"), date);
		free(date);
		return s;
	}
	if (strcmp(it->kind, "failed") == 0) {
		xasprintf(&s, "%s: %s", it->more != NULL ? it->more : "",
		    it->text != NULL ? it->text : "");
		return s;
	}
	if (it->text != NULL && *it->text != '\0')
		return xstrdup(it->text);
	/* What was done is recorded in English (mailbot inbox). */
	if (!d->is_en && it->more != NULL) {
		for (i = 0; i < nitems(nl); i++)
			if (strstr(it->more, nl[i][0]) != NULL)
				return xstrdup(nl[i][1]);
	}
	return xstrdup(it->more != NULL ? it->more : "");
}

/*
 * A row when the next meeting is a week away or less and its duo has not
 * sent a programme: 1 when added, 0 when not, -1 (store).
 */
static int
programme_missing(struct digest *d, struct buf *b, char **cause)
{
	const struct meeting	*g = next_meeting(d);
	struct when_parts	 ps, pn;
	char			*who, *date, *left;
	int			 has;
	long			 days;

	if (g == NULL || g->nhosts == 0 ||
	    g->start - d->ctx->now > PROGRAMME_DUE)
		return 0;
	if ((has = store_meeting_has_programme(d->ctx->st, g->id, cause)) != 0)
		return has == -1 ? -1 : 0;
	who = invite_hosts_text(g, d->is_en ? "en" : "nl");
	date = day(d, g->start);
	/* Calendar days in the meeting's zone: Monday to Thursday is 3. */
	when_local_parts(g->start, g->tzid, &ps);
	when_local_parts(d->ctx->now, g->tzid, &pn);
	days = (long)(((int64_t)g->start + ps.utc_offset) / 86400 -
	    ((int64_t)d->ctx->now + pn.utc_offset) / 86400);
	if (days == 0)
		left = xstrdup(W(d, "de bijeenkomst is vandaag",
		    "the meeting is today"));
	else
		xasprintf(&left, W(d, "de bijeenkomst is over %ld %s",
		    "the meeting is in %ld %s"), days, days == 1 ?
		    W(d, "dag", "day") : W(d, "dagen", "days"));
	cell(b, W(d, "Programma ontbreekt", "No programme yet"), false);
	cell(b, who, false);
	cell(b, date, false);
	cell(b, left, false);
	cell(b, W(d, "het duo vragen (antwoord op hun voorbereidingsmail)",
	    "ask the duo (a reply to their preparation mail)"), true);
	free(who);
	free(date);
	free(left);
	d->happened = true;
	return 1;
}

/* What needs a human: one row per item, each with what to do. */
static int
human_table(struct digest *d, char **out, char **cause)
{
	struct digest_item	*v;
	struct buf		 b;
	const char		*what, *action;
	size_t			 n, i;
	char			*who, *s;
	int			 rc;

	*out = NULL;
	if (store_digest_items(d->ctx->st, d->net->id, STORE_DIGEST_HUMAN,
	    d->since, &v, &n, cause) == -1)
		return -1;
	buf_init(&b, DIGEST_MAX);
	cell(&b, W(d, "Wat", "What"), false);
	cell(&b, W(d, "Wie", "Who"), false);
	cell(&b, W(d, "Wanneer", "When"), false);
	cell(&b, W(d, "Details", "Details"), false);
	cell(&b, W(d, "Te doen", "To do"), true);
	for (i = 0; i < n; i++) {
		human_what(d, &v[i], &what, &action);
		cell(&b, what, false);
		if (v[i].name != NULL)
			xasprintf(&who, "%s <%s>", v[i].name,
			    v[i].email != NULL ? v[i].email : "");
		else
			who = xstrdup(v[i].email != NULL ? v[i].email : "?");
		cell(&b, who, false);
		free(who);
		s = v[i].at != 0 ? day(d, v[i].at) : NULL;
		cell(&b, s, false);
		free(s);
		s = human_detail(d, &v[i]);
		cell(&b, s, false);
		free(s);
		cell(&b, action, true);
		d->happened = true;
	}
	if ((rc = programme_missing(d, &b, cause)) == -1) {
		buf_free(&b);
		digest_item_array_free(v, n);
		return -1;
	}
	if (n > 0 || rc == 1)
		*out = buf_take(&b);
	buf_free(&b);
	digest_item_array_free(v, n);
	return 0;
}

/* The duo of the next meeting: who they are, and their programme. */
static int
duo_text(struct digest *d, char **out, char **cause)
{
	const struct meeting	*g = next_meeting(d);
	char			*date;
	int			 has;

	*out = NULL;
	if (g == NULL)
		return 0;
	if ((has = store_meeting_has_programme(d->ctx->st, g->id, cause)) == -1)
		return -1;
	date = day(d, g->start);
	if (g->nhosts == 0)
		xasprintf(out, W(d, "%s: nog geen duo gekozen "
		    "(mailbot meeting update %lld --hosts).", "%s: no host "
		    "duo chosen yet (mailbot meeting update %lld --hosts)."),
		    date, (long long)g->id);
	else
		xasprintf(out, W(d, "%s: %s%s%s; %s.", "%s: %s%s%s; %s."),
		    date, g->host_names[0], g->nhosts > 1 ?
		    W(d, " en ", " and ") : "", g->nhosts > 1 ?
		    g->host_names[1] : "", has == 1 ?
		    W(d, "programma ontvangen", "programme received") :
		    W(d, "nog geen programma ontvangen",
		    "no programme received yet"));
	free(date);
	return 0;
}

/* Per member over the last year: attended, excused, absent. */
static int
commitment_table(struct digest *d, char **out, char **cause)
{
	struct digest_item	*v;
	struct buf		 b;
	size_t			 n, i;

	*out = NULL;
	if (store_digest_items(d->ctx->st, d->net->id, STORE_DIGEST_COMMITMENT,
	    d->ctx->now, &v, &n, cause) == -1)
		return -1;
	buf_init(&b, DIGEST_MAX);
	cell(&b, W(d, "Lid", "Member"), false);
	cell(&b, W(d, "Aanwezig", "Attended"), false);
	cell(&b, W(d, "Afgemeld", "Excused"), false);
	cell(&b, W(d, "Afwezig zonder bericht", "Absent without notice"),
	    true);
	for (i = 0; i < n; i++) {
		cell(&b, v[i].name, false);
		cell_int(&b, v[i].n[0], false);
		cell_int(&b, v[i].n[1], false);
		cell_int(&b, v[i].n[2], true);
	}
	if (n > 0)
		*out = buf_take(&b);
	buf_free(&b);
	digest_item_array_free(v, n);
	return 0;
}

/* The parts of the digest, named as the template names them. */
enum part { P_MEETINGS, P_NOTES, P_CHANGES, P_HUMAN, P_DUO, P_COMMITMENT,
	P_DATE, P_SINCE, P_QUIET, P_COUNT };

static int
digest_parts(struct digest *d, char *p[P_COUNT], char **cause)
{
	if (store_meeting_list(d->ctx->st, &d->meetings, &d->nmeetings,
	    cause) == -1)
		return -1;
	if (meetings_table(d, &p[P_MEETINGS], &p[P_NOTES], cause) == -1 ||
	    changes_table(d, &p[P_CHANGES], cause) == -1 ||
	    human_table(d, &p[P_HUMAN], cause) == -1 ||
	    duo_text(d, &p[P_DUO], cause) == -1 ||
	    commitment_table(d, &p[P_COMMITMENT], cause) == -1)
		return -1;
	p[P_DATE] = day(d, d->ctx->now);
	p[P_SINCE] = day(d, d->since);
	if (!d->happened)
		xasprintf(&p[P_QUIET], W(d, "Sinds %s is er niets gebeurd in "
		    "%s: geen nieuwe antwoorden, vragen of verzoeken.",
		    "Nothing happened in %s since %s: no new answers, "
		    "questions or requests."), d->is_en ? d->net->name :
		    p[P_SINCE], d->is_en ? p[P_SINCE] : d->net->name);
	return 0;
}

int
digest_compose(const struct ctx *ctx, const struct network *net,
    struct template_out *out, char **cause)
{
	const struct config	*cfg = ctx->cfg;
	struct digest		 d = { 0 };
	struct invite_ctx	 c = { *ctx, 0, false };
	char			*p[P_COUNT] = { 0 };
	int			 rc = -1;
	size_t			 i;

	d.ctx = ctx;
	d.net = net;
	d.is_en = strcmp(cfg->language, "en") == 0;
	if (store_digest_last(ctx->st, ctx->now, &d.since, cause) == -1)
		return -1;
	if (d.since == 0 || d.since > ctx->now)
		d.since = ctx->now - FIRST_WEEK;
	if (digest_parts(&d, p, cause) == 0) {
		const struct template_var vars[] = {
			{ "network", net->name },
			{ "date", p[P_DATE] },
			{ "since", p[P_SINCE] },
			{ "quiet", p[P_QUIET] },
			{ "meetings", p[P_MEETINGS] },
			{ "notes", p[P_NOTES] },
			{ "changes", p[P_CHANGES] },
			{ "human", p[P_HUMAN] },
			{ "duo", p[P_DUO] },
			{ "commitment", p[P_COMMITMENT] },
		};
		const struct invite_notice n = { "digest", "digest",
		    cfg->language, vars, nitems(vars), net->name,
		    cfg->coordinator, NULL, NULL, NULL, false, 0, 0, 0 };

		if (out != NULL)
			rc = template_render(invite_templates_dir(cfg),
			    cfg->language, "digest", vars, nitems(vars), out,
			    cause);
		else
			rc = invite_notice_queue(&c, &n, cause);
	}
	for (i = 0; i < P_COUNT; i++)
		free(p[i]);
	meeting_array_free(d.meetings, d.nmeetings);
	return rc;
}

int
digest_queue(const struct ctx *ctx, int64_t network_id, const char *key,
    char **cause)
{
	struct network	 net;
	char		 id[32];
	int		 rc;

	snprintf(id, sizeof(id), "%lld", (long long)network_id);
	if (store_network_find(ctx->st, id, &net, cause) == -1)
		return -1;
	rc = digest_compose(ctx, &net, NULL, cause);
	if (rc == 0)
		log_info("digest queued network=%s key=%s", net.name,
		    key != NULL ? key : "-");
	network_clear(&net);
	return rc;
}

/* The expected (accepted, or recorded present) and the others. */
static void
register_lists(const struct attendee *v, size_t n, struct buf *expected,
    struct buf *others, bool is_en)
{
	size_t	 i;

	cell(expected, is_en ? "Name" : "Naam", false);
	cell(expected, is_en ? "Address" : "Adres", true);
	for (i = 0; i < n; i++) {
		if (strcmp(v[i].status, "accepted") == 0 || v[i].present == 1) {
			cell(expected, v[i].name, false);
			cell(expected, v[i].email, true);
		} else if (strcmp(v[i].status, "declined") != 0) {
			if (others->len > 0)
				buf_addstr(others, ", ");
			buf_addstr(others, v[i].name);
		}
	}
}

int
register_queue(const struct ctx *ctx, int64_t meeting_id, const char *key,
    char **cause)
{
	const struct config	*cfg = ctx->cfg;
	struct store		*st = ctx->st;
	struct invite_ctx	 c = { *ctx, 0, false };
	struct meeting		 g;
	struct attendee		*v = NULL;
	struct buf		 expected, others;
	size_t			 n = 0;
	char			*date = NULL, *reply_to = NULL;
	int			 rc = -1, found;
	bool			 is_en = strcmp(cfg->language, "en") == 0;

	if ((found = store_meeting_get(st, meeting_id, &g, cause)) != 1) {
		if (found == 0)
			xasprintf(cause, "no meeting %lld",
			    (long long)meeting_id);
		return -1;
	}
	buf_init(&expected, DIGEST_MAX);
	buf_init(&others, DIGEST_MAX);
	if (store_attendees(st, meeting_id, &v, &n, cause) == -1 ||
	    (reply_to = register_address(cfg, st, meeting_id, cause)) == NULL)
		goto out;
	register_lists(v, n, &expected, &others, is_en);
	date = template_date(g.start, g.tzid, cfg->language);
	{
		const struct template_var vars[] = {
			{ "network", g.network },
			{ "date", date },
			{ "theme", g.theme },
			{ "location", g.location },
			{ "expected", strchr(expected.data, '\n')[1] != '\0' ?
			    expected.data : NULL },
			{ "others", others.len > 0 ? others.data : NULL },
		};
		const struct invite_notice nt = { "register", "register",
		    cfg->language, vars, nitems(vars), g.network,
		    cfg->coordinator, NULL, reply_to, NULL, false, g.id, 0,
		    0 };

		rc = invite_notice_queue(&c, &nt, cause);
	}
	if (rc == 0)
		log_info("register queued meeting=%lld key=%s",
		    (long long)meeting_id, key != NULL ? key : "-");
out:
	free(date);
	free(reply_to);
	buf_free(&expected);
	buf_free(&others);
	attendee_array_free(v, n);
	meeting_clear(&g);
	return rc;
}
