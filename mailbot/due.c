/*
 * due.c: the "time passes" cause. Asks schedule.c what is due at now and
 * queues it, one transaction per job, each person's mail under its own job
 * key so it goes once and only once. Also: what will be sent (the plan),
 * the fair duo for a meeting, and the duo's reply (their programme). I/O
 * only through the store.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ctx.h"
#include "config.h"
#include "digest.h"
#include "due.h"
#include "invite.h"
#include "log.h"
#include "mail.h"
#include "quote.h"
#include "schedule.h"
#include "store.h"
#include "template.h"
#include "token.h"
#include "util.h"
#include "when.h"

#define DUE_HORIZON	(400L * 86400)	/* how far ahead next_out looks */
#define PROGRAMME_MAX	(16 * 1024)	/* bytes of a duo's reply kept */

/* Everything schedule.c is asked about, read from the store once. */
struct due_state {
	const struct ctx	*ctx;
	struct meeting		*meetings;
	size_t			 nmeetings;
	struct network		*networks;
	size_t			 nnetworks;
	struct schedule_job	*jobs;
	size_t			 njobs;
};

static void
due_state_free(struct due_state *d)
{
	meeting_array_free(d->meetings, d->nmeetings);
	network_array_free(d->networks, d->nnetworks);
	free(d->jobs);
	d->meetings = NULL;
	d->networks = NULL;
	d->jobs = NULL;
}

static void
due_rules(const struct config *cfg, struct schedule_rules *r)
{
	r->reminders = cfg->reminders;
	r->nreminders = cfg->nreminders;
	r->host_prep = cfg->host_prep;
	r->summary = cfg->summary;
	r->digest_wday = cfg->digest_wday;
	r->digest_minute = cfg->digest_minute;
	r->local_minute = cfg->reminder_minute;
	r->tzid = cfg->timezone;
}

/* Reads the state and asks schedule.c for the jobs up to horizon. */
static int
due_load(struct due_state *d, time_t horizon, char **cause)
{
	struct schedule_meeting	*sm;
	struct schedule_network	*sn;
	struct schedule_rules	 r;
	size_t			 i;
	int			 rc = -1;

	if (store_meeting_list(d->ctx->st, &d->meetings, &d->nmeetings,
	    cause) == -1)
		return -1;
	if (store_network_list(d->ctx->st, &d->networks, &d->nnetworks,
	    cause) == -1)
		return -1;
	sm = xcalloc(d->nmeetings + 1, sizeof(*sm));
	sn = xcalloc(d->nnetworks + 1, sizeof(*sn));
	for (i = 0; i < d->nmeetings; i++) {
		sm[i].id = d->meetings[i].id;
		sm[i].network_id = d->meetings[i].network_id;
		sm[i].start = d->meetings[i].start;
		sm[i].end = d->meetings[i].end;
		sm[i].tzid = d->meetings[i].tzid;
		sm[i].cancelled = strcmp(d->meetings[i].status,
		    "confirmed") != 0;
		if (store_meeting_created(d->ctx->st, sm[i].id, &sm[i].created,
		    cause) == -1)
			goto out;
	}
	for (i = 0; i < d->nnetworks; i++) {
		sn[i].id = d->networks[i].id;
		if (store_network_created(d->ctx->st, sn[i].id, &sn[i].created,
		    cause) == -1)
			goto out;
	}
	due_rules(d->ctx->cfg, &r);
	d->njobs = schedule_jobs(&r, sm, d->nmeetings, sn, d->nnetworks,
	    d->ctx->now, horizon, &d->jobs);
	rc = 0;
out:
	free(sm);
	free(sn);
	return rc;
}

static const struct meeting *
due_meeting(const struct due_state *d, int64_t id)
{
	size_t	 i;

	for (i = 0; i < d->nmeetings; i++)
		if (d->meetings[i].id == id)
			return &d->meetings[i];
	return NULL;
}

/* The network's next confirmed meeting after g, or NULL. */
static const struct meeting *
due_next_meeting(const struct due_state *d, const struct meeting *g)
{
	size_t	 i;

	for (i = 0; i < d->nmeetings; i++) {
		const struct meeting *n = &d->meetings[i];

		if (n->network_id == g->network_id && n->start > g->start &&
		    strcmp(n->status, "confirmed") == 0)
			return n;
	}
	return NULL;
}

static bool
is_host(const struct meeting *g, const char *email)
{
	int	 i;

	for (i = 0; i < g->nhosts; i++)
		if (strcmp(g->hosts[i], email) == 0)
			return true;
	return false;
}

/* What a person gets from a job: a kind, or NULL for nothing. */
static const char *
mail_kind(const struct schedule_job *j, const struct meeting *g,
    const struct recipient *r)
{
	if (r->withdrawn)
		return NULL;	/* removed from the network: no mail */
	if (j->kind == SCHEDULE_HOST_PREP)
		return is_host(g, r->email) ? "host-prep" : NULL;
	if (r->sent_seq < 0)
		return NULL;	/* never invited: nothing to remind of */
	switch (j->kind) {
	case SCHEDULE_REMINDER:
		if (strcmp(r->status, "declined") == 0)
			return NULL;
		return strcmp(r->status, "needs-action") == 0 ? "nudge" :
		    "reminder";
	case SCHEDULE_SUMMARY:
		return "summary";
	default:
		return NULL;
	}
}

/* The job key of one person's mail: the job's key and the answer row. */
static void
person_key(const struct schedule_job *j, const struct recipient *r,
    char *key, size_t size)
{
	snprintf(key, size, "%s:a%lld", j->key, (long long)r->attendance_id);
}

/* "Anna, Bert en Carla" of the people who took part in meeting g. */
static int
took_part(struct store *st, const struct meeting *g, const char *lang,
    char **out, char **cause)
{
	struct attendee	*a;
	struct buf	 b;
	size_t		 n, i, k = 0, total = 0;
	bool		 registered = false;

	*out = NULL;
	if (store_attendees(st, g->id, &a, &n, cause) == -1)
		return -1;
	for (i = 0; i < n; i++)
		if (a[i].present != -1)
			registered = true;
	/* The register when it was kept, else who said they would come. */
	for (i = 0; i < n; i++)
		if (registered ? a[i].present == 1 :
		    strcmp(a[i].status, "accepted") == 0)
			total++;
	buf_init(&b, 64 * 1024);
	for (i = 0; i < n; i++) {
		if (!(registered ? a[i].present == 1 :
		    strcmp(a[i].status, "accepted") == 0))
			continue;
		if (k > 0)
			buf_addstr(&b, k + 1 == total ?
			    (strcmp(lang, "en") == 0 ? " and " : " en ") :
			    ", ");
		buf_addstr(&b, a[i].name);
		k++;
	}
	if (k > 0)
		*out = buf_take(&b);
	else
		buf_free(&b);
	attendee_array_free(a, n);
	return 0;
}

/* The bot's address with +tag: where the duo's programme comes back. */
static char *
prep_address(const struct config *cfg, struct store *st, int64_t aid,
    char **cause)
{
	unsigned char	 secret[STORE_SECRET_LEN];
	char		 token[TOKEN_LEN + 1], *s;
	const char	*at = strchr(cfg->address, '@');

	if (store_secret(st, secret, cause) == -1)
		return NULL;
	token_make(secret, sizeof(secret), aid, token);
	explicit_bzero(secret, sizeof(secret));
	xasprintf(&s, "%.*s+prep-%s%s", (int)(at - cfg->address),
	    cfg->address, token, at);
	return s;
}

/* The other host's name, for the preparation mail. */
static const char *
partner_of(const struct meeting *g, const char *email)
{
	if (g->nhosts < 2)
		return NULL;
	return strcmp(g->hosts[0], email) == 0 ? g->host_names[1] :
	    g->host_names[0];
}

/* Texts about the meeting that every scheduled mail may use. */
struct texts {
	char	*date;
	char	*hosts;
	char	*programme;
	char	*insights;
	char	*present;
	char	*next_date;
	char	*next_hosts;
};

static void
texts_free(struct texts *t)
{
	free(t->date);
	free(t->hosts);
	free(t->programme);
	free(t->insights);
	free(t->present);
	free(t->next_date);
	free(t->next_hosts);
	memset(t, 0, sizeof(*t));
}

static int
texts_fill(const struct due_state *d, const struct meeting *g,
    const char *kind, const char *lang, struct texts *t, char **cause)
{
	const struct meeting	*next = due_next_meeting(d, g);

	t->date = template_date_range(g->start, g->end, g->tzid, lang);
	t->hosts = invite_hosts_text(g, lang);
	if (store_programme_get(d->ctx->st, g->id, &t->programme, &t->insights,
	    cause) == -1)
		return -1;
	if (strcmp(kind, "summary") != 0)
		return 0;
	if (next != NULL) {
		t->next_date = template_date_range(next->start, next->end,
		    next->tzid, lang);
		t->next_hosts = invite_hosts_text(next, lang);
	}
	return took_part(d->ctx->st, g, lang, &t->present, cause);
}

/* Queues one person's mail of kind about meeting g. */
static int
person_mail(const struct due_state *d, const struct meeting *g,
    const struct recipient *r, const char *kind, char **cause)
{
	const struct meeting	*next = due_next_meeting(d, g);
	struct invite_ctx	 c = { *d->ctx, 0, false };
	struct texts		 t = { 0 };
	char			*prep = NULL;
	bool			 is_prep = strcmp(kind, "host-prep") == 0;
	int			 rc = -1;

	if (texts_fill(d, g, kind, r->lang, &t, cause) == -1)
		goto out;
	if (is_prep && (prep = prep_address(d->ctx->cfg, d->ctx->st,
	    r->attendance_id, cause)) == NULL)
		goto out;
	{
		const struct template_var vars[] = {
			{ "name", r->name },
			{ "network", g->network },
			{ "date", t.date },
			{ "location", g->location },
			{ "theme", g->theme },
			{ "hosts", t.hosts },
			{ "partner", partner_of(g, r->email) },
			{ "programme", t.programme },
			{ "insights", t.insights },
			{ "present", t.present },
			{ "next_date", t.next_date },
			{ "next_location", next != NULL ? next->location :
			    NULL },
			{ "next_hosts", t.next_hosts },
			{ "coordinator", d->ctx->cfg->coordinator },
			{ "route", d->ctx->cfg->route },
		};
		const struct invite_notice n = { kind, kind, r->lang, vars,
		    nitems(vars), g->network, r->email, r->name, prep, NULL,
		    !is_prep, g->id, r->member_id, r->attendance_id };

		rc = invite_notice_queue(&c, &n, cause);
	}
out:
	free(prep);
	texts_free(&t);
	return rc;
}

/* A job about a meeting: each person's mail under its own key. */
static int
meeting_job(const struct due_state *d, const struct schedule_job *j,
    int *queued, char **cause)
{
	const struct meeting	*g = due_meeting(d, j->meeting_id);
	struct recipient	*r;
	const char		*kind;
	char			 key[96];
	size_t			 n, i;
	int			 rc = 0, fresh;

	if (g == NULL)
		return 0;
	if (j->kind == SCHEDULE_REGISTER) {
		if ((fresh = store_job_claim(d->ctx->st, j->key, d->ctx->now,
		    cause)) != 1)
			return fresh;
		return register_queue(d->ctx, g->id, j->key, cause);
	}
	if (store_recipients(d->ctx->st, g->id, &r, &n, cause) == -1)
		return -1;
	for (i = 0; i < n && rc == 0; i++) {
		/* Left out without a key: the duo's other members, and who
		   was not invited (yet) or was removed. */
		if (j->kind == SCHEDULE_HOST_PREP ? !is_host(g, r[i].email) ||
		    r[i].withdrawn : r[i].withdrawn || r[i].sent_seq < 0)
			continue;
		person_key(j, &r[i], key, sizeof(key));
		if ((fresh = store_job_claim(d->ctx->st, key, d->ctx->now,
		    cause)) != 1) {
			rc = fresh;
			continue;
		}
		if ((kind = mail_kind(j, g, &r[i])) == NULL)
			continue;	/* declined: decided, nothing sent */
		if ((rc = person_mail(d, g, &r[i], kind, cause)) == 0) {
			(*queued)++;
			log_info("scheduled mail queued kind=%s meeting=%lld "
			    "to=%s", kind, (long long)g->id, r[i].email);
		}
	}
	recipient_array_free(r, n);
	return rc;
}

/* One job in its own transaction. */
static int
due_job(const struct due_state *d, const struct schedule_job *j,
    int *queued, char **cause)
{
	int	 rc, fresh;

	if (store_begin(d->ctx->st, cause) == -1)
		return -1;
	if (j->kind == SCHEDULE_DIGEST) {
		fresh = store_job_claim(d->ctx->st, j->key, d->ctx->now, cause);
		rc = fresh == 1 ? digest_queue(d->ctx, j->network_id, j->key,
		    cause) : fresh;
	} else
		rc = meeting_job(d, j, queued, cause);
	if (rc == 0 && store_commit(d->ctx->st, cause) == 0)
		return 0;
	store_rollback(d->ctx->st);
	return -1;
}

int
due_run(const struct ctx *ctx, time_t *next_out, char **cause)
{
	struct due_state	 d = { ctx, NULL, 0, NULL, 0, NULL, 0 };
	char			*why = NULL;
	size_t			 i;
	int			 queued = 0, rc = -1;

	*next_out = 0;
	if (due_load(&d, ctx->now + DUE_HORIZON, cause) == -1)
		goto out;
	for (i = 0; i < d.njobs; i++) {
		if (!d.jobs[i].due) {
			if (*next_out == 0 || d.jobs[i].at < *next_out)
				*next_out = d.jobs[i].at;
			continue;
		}
		/* A job that fails stays undone and is tried next time; the
		   others still go. */
		if (due_job(&d, &d.jobs[i], &queued, &why) == -1) {
			log_warnx("scheduled job failed key=%s: %s",
			    d.jobs[i].key, why);
			free(why);
			why = NULL;
		}
	}
	if (queued > 0)
		log_info("scheduled mail queued count=%d", queued);
	rc = 0;
out:
	due_state_free(&d);
	return rc;
}

/* What will be sent: the plan. */

/* Adds one line to the plan: a mail of kind about about, to to. */
static void
plan_add(struct due_plan *p, const struct due_state *d,
    const struct schedule_job *j, const char *tzid, const char *kind,
    const char *about, const char *to)
{
	struct due_plan_item	*it;

	p->items = xreallocarray(p->items, p->n + 1, sizeof(*p->items));
	it = &p->items[p->n++];
	it->at = j->due ? d->ctx->now : j->at;
	it->late = j->due && j->at < d->ctx->now;
	it->tzid = xstrdup(tzid);
	it->kind = kind;
	snprintf(it->about, sizeof(it->about), "%s", about);
	it->to = xstrdup(to);
}

static int
plan_meeting_job(struct due_plan *p, const struct due_state *d,
    const struct schedule_job *j, char **cause)
{
	const struct meeting	*g = due_meeting(d, j->meeting_id);
	struct recipient	*r;
	const char		*kind;
	char			 key[96], about[32];
	size_t			 n, i;
	int			 done = 0;

	if (g == NULL)
		return 0;
	snprintf(about, sizeof(about), "meeting %lld", (long long)g->id);
	if (j->kind == SCHEDULE_REGISTER) {
		if ((done = store_job_done(d->ctx->st, j->key, cause)) == 0)
			plan_add(p, d, j, g->tzid, "register", about,
			    d->ctx->cfg->coordinator);
		return done == -1 ? -1 : 0;
	}
	if (store_recipients(d->ctx->st, g->id, &r, &n, cause) == -1)
		return -1;
	for (i = 0; i < n && done != -1; i++) {
		if ((kind = mail_kind(j, g, &r[i])) == NULL)
			continue;
		person_key(j, &r[i], key, sizeof(key));
		if ((done = store_job_done(d->ctx->st, key, cause)) == 0)
			plan_add(p, d, j, g->tzid, kind, about, r[i].email);
	}
	recipient_array_free(r, n);
	return done == -1 ? -1 : 0;
}

static int
plan_job(struct due_plan *p, const struct due_state *d,
    const struct schedule_job *j, char **cause)
{
	char	 about[32];
	int	 done;

	if (j->kind != SCHEDULE_DIGEST)
		return plan_meeting_job(p, d, j, cause);
	if ((done = store_job_done(d->ctx->st, j->key, cause)) == -1)
		return -1;
	snprintf(about, sizeof(about), "network %lld",
	    (long long)j->network_id);
	if (done == 0)
		plan_add(p, d, j, d->ctx->cfg->timezone, "digest", about,
		    d->ctx->cfg->coordinator);
	return 0;
}

int
due_plan(const struct ctx *ctx, time_t until, struct due_plan *p,
    char **cause)
{
	struct due_state	 d = { ctx, NULL, 0, NULL, 0, NULL, 0 };
	size_t			 i;
	int			 rc = -1;

	memset(p, 0, sizeof(*p));
	if (due_load(&d, until, cause) == -1)
		goto out;
	for (i = 0; i < d.njobs; i++)
		if (plan_job(p, &d, &d.jobs[i], cause) == -1)
			goto out;
	rc = 0;
out:
	if (rc == -1)
		due_plan_clear(p);
	due_state_free(&d);
	return rc;
}

void
due_plan_clear(struct due_plan *p)
{
	size_t	 i;

	for (i = 0; i < p->n; i++) {
		free(p->items[i].tzid);
		free(p->items[i].to);
	}
	free(p->items);
	p->items = NULL;
	p->n = 0;
}

/* The host duo. */

struct duo {
	struct member			*members;	/* active only */
	size_t				 n;
	struct schedule_candidate	*c;
	struct schedule_pair		*pairs;
	size_t				 npairs;
	int				 npick;
	size_t				 pick[2];
};

static void
duo_free(struct duo *u)
{
	member_array_free(u->members, u->n);
	free(u->c);
	free(u->pairs);
	memset(u, 0, sizeof(*u));
}

/* Fills the candidates' history from who hosted which meeting. */
static void
duo_history(struct duo *u, const struct host_turn *t, size_t nt)
{
	size_t	 i, k;

	for (i = 0; i < nt; i++) {
		for (k = 0; k < u->n; k++) {
			if (u->c[k].id != t[i].member_id)
				continue;
			u->c[k].count++;
			if (t[i].start > u->c[k].last)
				u->c[k].last = t[i].start;
		}
		if (i > 0 && t[i - 1].meeting_id == t[i].meeting_id) {
			u->pairs = xreallocarray(u->pairs, u->npairs + 1,
			    sizeof(*u->pairs));
			u->pairs[u->npairs].a = t[i - 1].member_id;
			u->pairs[u->npairs].b = t[i].member_id;
			u->npairs++;
		}
	}
}

/* Marks who declined meeting_id (0: a new meeting, nobody). */
static int
duo_declined(struct store *st, struct duo *u, int64_t meeting_id,
    char **cause)
{
	struct recipient	*r;
	size_t			 n, i, k;

	if (meeting_id == 0)
		return 0;
	if (store_recipients(st, meeting_id, &r, &n, cause) == -1)
		return -1;
	for (i = 0; i < n; i++)
		for (k = 0; k < u->n; k++)
			if (u->c[k].id == r[i].member_id &&
			    strcmp(r[i].status, "declined") == 0)
				u->c[k].declined = true;
	recipient_array_free(r, n);
	return 0;
}

static int
duo_build(struct store *st, int64_t network_id, int64_t meeting_id,
    struct duo *u, char **cause)
{
	struct member		*all;
	struct host_turn	*t;
	size_t			 nall, nt, i;

	memset(u, 0, sizeof(*u));
	if (store_member_list(st, network_id, &all, &nall, cause) == -1)
		return -1;
	u->members = xcalloc(nall + 1, sizeof(*u->members));
	u->c = xcalloc(nall + 1, sizeof(*u->c));
	for (i = 0; i < nall; i++) {
		if (!all[i].active) {
			member_clear(&all[i]);
			continue;
		}
		u->members[u->n] = all[i];
		u->c[u->n].id = all[i].id;
		u->c[u->n].role = all[i].role;
		u->n++;
	}
	free(all);
	if (store_host_history(st, network_id, meeting_id, &t, &nt,
	    cause) == -1)
		return -1;
	duo_history(u, t, nt);
	free(t);
	if (duo_declined(st, u, meeting_id, cause) == -1)
		return -1;
	u->npick = schedule_duo(u->c, u->n, u->pairs, u->npairs, u->pick);
	return 0;
}

int
due_hosts_propose(struct store *st, int64_t network_id, int64_t ids[2],
    int *n_out, char **cause)
{
	struct duo	 u;
	int		 i;

	*n_out = 0;
	if (duo_build(st, network_id, 0, &u, cause) == -1) {
		duo_free(&u);
		return -1;
	}
	for (i = 0; i < u.npick; i++)
		ids[i] = u.c[u.pick[i]].id;
	*n_out = u.npick;
	duo_free(&u);
	return 0;
}

int
due_hosts_suggest(struct store *st, int64_t network_id, int64_t meeting_id,
    struct due_host picks[2], int *n_out, char **cause)
{
	const struct schedule_candidate	*c;
	const struct member		*m;
	struct duo			 u;
	int				 i;

	*n_out = 0;
	if (duo_build(st, network_id, meeting_id, &u, cause) == -1) {
		duo_free(&u);
		return -1;
	}
	for (i = 0; i < u.npick; i++) {
		c = &u.c[u.pick[i]];
		m = &u.members[u.pick[i]];
		picks[i].email = xstrdup(m->email);
		picks[i].name = xstrdup(m->name);
		picks[i].role = m->role != NULL ? xstrdup(m->role) : NULL;
		picks[i].count = c->count;
		picks[i].last = c->last;
	}
	*n_out = u.npick;
	duo_free(&u);
	return 0;
}

void
due_host_clear(struct due_host *h)
{
	free(h->email);
	free(h->name);
	free(h->role);
	memset(h, 0, sizeof(*h));
}

/* The duo's reply: their programme (or, after the meeting, insights). */

/* What the host wrote, without quotes and signature; NULL when nothing. */
static char *
host_words(const struct mail *m)
{
	char	*html, *text, *v;
	size_t	 len;

	if (m->text != NULL && *m->text != '\0')
		v = quote_visible(m->text);
	else if (m->html != NULL) {
		html = quote_html_strip(m->html);
		text = mail_html_to_text(html);
		v = quote_visible(text);
		free(html);
		free(text);
	} else
		return NULL;
	len = strlen(v);
	while (len > 0 && strchr(" \t\r\n", v[len - 1]) != NULL)
		v[--len] = '\0';
	if (len > PROGRAMME_MAX) {
		/* Cut at a character boundary, never inside UTF-8. */
		len = PROGRAMME_MAX;
		while (len > 0 && ((unsigned char)v[len] & 0xc0) == 0x80)
			len--;
		v[len] = '\0';
	}
	if (*v == '\0') {
		free(v);
		return NULL;
	}
	return v;
}

static int
store_words(struct store *st, time_t now, const struct meeting *g,
    const struct mail *m, char **effect_out, char **cause)
{
	char	*words = host_words(m);
	bool	 after = now >= g->start;
	int	 rc = 0;

	if (words == NULL)
		xasprintf(effect_out, "empty reply from the host duo: nothing "
		    "stored");
	else if ((rc = store_programme_set(st, g->id, after, words,
	    cause)) == 0)
		xasprintf(effect_out, "%s of meeting %lld stored",
		    after ? "insights" : "programme", (long long)g->id);
	free(words);
	return rc;
}

int
due_host_reply(const struct config *cfg, struct store *st, time_t now,
    const struct mail *m, struct inbound *rec, char **effect_out,
    char **cause)
{
	struct recipient	 who;
	struct meeting		 g;
	char			*token = token_in_address(cfg->address,
	    m->to, "prep-");
	int			 found, rc;

	*effect_out = NULL;
	if (token == NULL)
		return 0;
	found = store_recipient_by_token(st, token, &who, cause);
	free(token);
	if (found != 1)
		return found;
	if ((found = store_meeting_get(st, who.meeting_id, &g, cause)) != 1) {
		recipient_clear(&who);
		return found;
	}
	rec->kind = "noise";
	rec->member_id = who.member_id;
	rec->meeting_id = who.meeting_id;
	if (!is_host(&g, who.email))
		xasprintf(effect_out, "reply to a preparation mail from "
		    "someone no longer in the duo: nothing stored");
	rc = *effect_out != NULL ? 0 :
	    store_words(st, now, &g, m, effect_out, cause);
	meeting_clear(&g);
	recipient_clear(&who);
	return rc == 0 ? 1 : -1;
}
