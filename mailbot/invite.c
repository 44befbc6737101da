/*
 * invite.c: the calendar mail of a meeting, one person at a time: template
 * text, iCalendar object and MIME message, queued in the outbox inside the
 * caller's transaction. Addresses carry the person's reply token: the
 * Reply-To and ORGANIZER plus-address, and the envelope sender (bounces).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>

#include "calendar.h"
#include "compose.h"
#include "config.h"
#include "invite.h"
#include "log.h"
#include "store.h"
#include "template.h"
#include "token.h"
#include "util.h"

#define ALARM_MINUTES	(24 * 60)

static const char *const kind_names[] = {
	"invitation", "update", "cancel", "cancel"
};
static const char *const template_names[] = {
	"invitation", "update", "cancel", "cancel-member"
};

/*
 * The templates: as configured; else found from where the binary is, so
 * an installed tree can be moved (PREFIX/bin/mailbot finds
 * PREFIX/share/mailbot/templates) and a build tree works (build/mailbot
 * and build/san/mailbot find templates/); else under the compiled-in
 * prefix. Found once; the answer does not change while mailbot runs.
 */
const char *
invite_templates_dir(const struct config *cfg)
{
	static const char *const rel[] = { "../share/mailbot/templates",
	    "../templates", "../../templates" };
	static char	 dir[PATH_MAX + 64];
	char		 exe[PATH_MAX], *slash;
	ssize_t		 n;
	size_t		 i;

	if (cfg->templates != NULL)
		return cfg->templates;
	if (dir[0] != '\0')
		return dir;
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL)
			*slash = '\0';
		for (i = 0; i < nitems(rel); i++) {
			snprintf(dir, sizeof(dir), "%s/%s", exe, rel[i]);
			if (access(dir, R_OK | X_OK) == 0)
				return dir;
		}
	}
	snprintf(dir, sizeof(dir), "%s/share/mailbot/templates",
	    MAILBOT_PREFIX);
	return dir;
}

/* The bot's address with +tag before the @: bot+tag@domain. */
static char *
plus_address(const struct config *cfg, const char *tag)
{
	const char	*at = strchr(cfg->address, '@');
	char		*s;

	xasprintf(&s, "%.*s+%s%s", (int)(at - cfg->address), cfg->address,
	    tag, at);
	return s;
}

char *
invite_person_uid(const struct meeting *g, int64_t attendance_id)
{
	const char	*at = strchr(g->uid, '@');
	char		*s;

	if (at == NULL)
		at = g->uid + strlen(g->uid);
	xasprintf(&s, "%.*s-a%lld%s", (int)(at - g->uid), g->uid,
	    (long long)attendance_id, at);
	return s;
}

/* A fresh Message-ID: names the kind, answer row and SEQUENCE, no token. */
static char *
message_id(const struct config *cfg, const char *kind, int64_t aid,
    int64_t seq)
{
	unsigned char	 r[6];
	char		*s;

	if (gnutls_rnd(GNUTLS_RND_NONCE, r, sizeof(r)) != 0)
		fatalx("no random bytes for a Message-ID");
	xasprintf(&s, "mailbot.%s.a%lld.s%lld.%02x%02x%02x%02x%02x%02x%s",
	    kind, (long long)aid, (long long)seq, r[0], r[1], r[2], r[3], r[4],
	    r[5], strchr(cfg->address, '@'));
	return s;
}

char *
invite_hosts_text(const struct meeting *g, const char *lang)
{
	char	*s;

	if (g == NULL || g->nhosts == 0)
		return NULL;
	if (g->nhosts == 1)
		return xstrdup(g->host_names[0]);
	xasprintf(&s, "%s %s %s", g->host_names[0],
	    strcmp(lang, "en") == 0 ? "and" : "en", g->host_names[1]);
	return s;
}

/* One sentence per change, in the person's language. */
static char *
changes_text(unsigned int changes, const char *lang)
{
	static const char *const nl[] = { "De tijd is gewijzigd.",
	    "De plaats is gewijzigd.", "Het thema is gewijzigd." };
	static const char *const en[] = { "The time has changed.",
	    "The place has changed.", "The theme has changed." };
	const char *const	*words = strcmp(lang, "en") == 0 ? en : nl;
	struct buf		 b;
	int			 i;

	if (changes == 0)
		return NULL;
	buf_init(&b, 1024);
	for (i = 0; i < 3; i++) {
		if ((changes & (1u << i)) == 0)
			continue;
		if (b.len > 0)
			buf_addstr(&b, " ");
		buf_addstr(&b, words[i]);
	}
	return buf_take(&b);
}

/* The text parts, from the template in the person's language. */
static int
invite_text(const struct invite_ctx *c, const struct meeting *g,
    const struct recipient *r, enum invite_kind kind,
    struct template_out *out, char **cause)
{
	char	*date, *hosts, *changed;
	int	 rc;

	date = template_date_range(g->start, g->end, g->tzid, r->lang);
	hosts = invite_hosts_text(g, r->lang);
	changed = changes_text(c->changes, r->lang);
	{
		const struct template_var vars[] = {
			{ "name", r->name },
			{ "network", g->network },
			{ "theme", g->theme },
			{ "date", date },
			{ "location", g->location },
			{ "hosts", hosts },
			{ "coordinator", c->ctx.cfg->coordinator },
			{ "changed", changed },
			{ "reconfirm", c->reconfirm ? "yes" : NULL },
			{ "programme", NULL },
			{ "reason", NULL },
		};

		rc = template_render(invite_templates_dir(c->ctx.cfg), r->lang,
		    template_names[kind], vars, nitems(vars), out, cause);
	}
	free(date);
	free(hosts);
	free(changed);
	return rc;
}

/* The VCALENDAR for the person's copy of the meeting. */
static char *
invite_calendar(const struct invite_ctx *c, const struct meeting *g,
    const struct recipient *r, enum invite_kind kind, int64_t seq,
    const char *organizer, const char *description, char **cause)
{
	struct calendar_event	 ev = { 0 };
	char			*uid, *summary, *text;

	uid = invite_person_uid(g, r->attendance_id);
	if (g->theme != NULL)
		xasprintf(&summary, "%s: %s", g->network, g->theme);
	else
		summary = xstrdup(g->network);
	ev.method = kind == INVITE_INVITATION || kind == INVITE_UPDATE ?
	    CALENDAR_REQUEST : CALENDAR_CANCEL;
	ev.uid = uid;
	ev.sequence = seq;
	ev.dtstamp = c->ctx.now;
	ev.start = g->start;
	ev.end = g->end;
	ev.tzid = g->tzid;
	ev.summary = summary;
	ev.location = g->location;
	ev.description = description;
	ev.organizer = organizer;
	ev.organizer_cn = g->network;
	ev.attendee = r->email;
	ev.attendee_cn = r->name;
	ev.alarm_minutes = ev.method == CALENDAR_REQUEST ? ALARM_MINUTES : 0;
	text = calendar_build(&ev, cause);
	free(uid);
	free(summary);
	return text;
}

/* Queues the composed message and records what was sent. */
static int
invite_store(const struct invite_ctx *c, const struct meeting *g,
    const struct recipient *r, struct compose_msg *m, const char *token,
    enum invite_kind kind, int64_t seq, char **cause)
{
	struct outbox_row	 row = { 0 };
	char			*bounce_tag;
	int			 rc = -1;

	xasprintf(&bounce_tag, "bounce-%s", token);
	row.body = compose_build(m, &row.len, cause);
	if (row.body == NULL)
		goto out;
	row.message_id = (char *)m->message_id;
	row.kind = (char *)m->kind;
	row.env_from = plus_address(c->ctx.cfg, bounce_tag);
	row.rcpt = r->email;
	row.meeting_id = g->id;
	row.member_id = r->member_id;
	row.attendance_id = r->attendance_id;
	if (store_outbox_add(c->ctx.st, &row, c->ctx.now, cause) == 0 &&
	    store_attendance_sent(c->ctx.st, r->attendance_id, seq,
	    kind == INVITE_WITHDRAW, token, cause) == 0)
		rc = 0;
	free(row.env_from);
out:
	free(row.body);
	free(bounce_tag);
	return rc;
}

int
invite_queue(const struct invite_ctx *c, const struct meeting *g,
    const struct recipient *r, enum invite_kind kind, int64_t seq,
    char **cause)
{
	unsigned char		 secret[STORE_SECRET_LEN];
	char			 token[TOKEN_LEN + 1];
	struct template_out	 t = { 0 };
	struct compose_msg	 m = { 0 };
	char			*reply_to = NULL, *cal = NULL, *mid = NULL;
	int			 rc = -1;

	if (store_secret(c->ctx.st, secret, cause) == -1)
		return -1;
	token_make(secret, sizeof(secret), r->attendance_id, token);
	explicit_bzero(secret, sizeof(secret));
	if (invite_text(c, g, r, kind, &t, cause) == -1)
		goto out;
	reply_to = plus_address(c->ctx.cfg, token);
	cal = invite_calendar(c, g, r, kind, seq, reply_to, t.text, cause);
	if (cal == NULL)
		goto out;
	mid = message_id(c->ctx.cfg, kind_names[kind], r->attendance_id, seq);
	m.kind = kind_names[kind];
	m.from_name = g->network;
	m.from_addr = c->ctx.cfg->address;
	m.to_name = r->name;
	m.to_addr = r->email;
	m.reply_to = reply_to;
	m.subject = t.subject;
	m.message_id = mid;
	m.date = c->ctx.now;
	m.text = t.text;
	m.html = t.html;
	m.calendar = cal;
	m.method = kind == INVITE_INVITATION || kind == INVITE_UPDATE ?
	    "REQUEST" : "CANCEL";
	m.ics_name = strcmp(r->lang, "en") == 0 ? "invitation.ics" :
	    "uitnodiging.ics";
	rc = invite_store(c, g, r, &m, token, kind, seq, cause);
out:
	template_out_free(&t);
	free(reply_to);
	free(cal);
	free(mid);
	return rc;
}

/* The answer as a phrase after "je …" / "you …". */
static const char *
answer_phrase(const char *status, const char *lang)
{
	static const char *const words[][3] = {
		{ "accepted", "komt", "will come" },
		{ "declined", "niet komt", "will not come" },
		{ "tentative", "misschien komt", "may come" },
		{ "delegated", "iemand in je plaats stuurt",
		    "will send someone in your place" },
	};
	size_t	 i;
	int	 en = strcmp(lang, "en") == 0;

	for (i = 0; i < nitems(words); i++)
		if (strcmp(status, words[i][0]) == 0)
			return words[i][1 + en];
	return status;
}

/* The answer as a phrase after "dat je … naar" / "that you … to". */
static const char *
answer_phrase_to(const char *status, const char *lang)
{
	static const char *const words[][3] = {
		{ "accepted", "komt", "will come" },
		{ "declined", "niet komt", "will not come" },
		{ "tentative", "misschien komt", "may come" },
		{ "delegated", "iemand in je plaats stuurt",
		    "will send someone in your place" },
	};
	size_t	 i;
	int	 en = strcmp(lang, "en") == 0;

	for (i = 0; i < nitems(words); i++)
		if (strcmp(status, words[i][0]) == 0)
			return words[i][1 + en];
	return status;
}

int
invite_notice_queue(const struct invite_ctx *c, const struct invite_notice *n,
    char **cause)
{
	return invite_notice_queue_id(c, n, NULL, cause);
}

int
invite_notice_queue_id(const struct invite_ctx *c,
    const struct invite_notice *n, char **id_out, char **cause)
{
	struct template_out	 t = { 0 };
	struct compose_msg	 m = { 0 };
	struct outbox_row	 row = { 0 };
	unsigned char		 secret[STORE_SECRET_LEN];
	char			 token[TOKEN_LEN + 1], *tag = NULL;
	char			*irt = NULL, *reply_to = NULL;
	int			 rc = -1;

	if (n->tokened) {
		if (store_secret(c->ctx.st, secret, cause) == -1)
			return -1;
		token_make(secret, sizeof(secret), n->attendance_id, token);
		explicit_bzero(secret, sizeof(secret));
		reply_to = plus_address(c->ctx.cfg, token);
		xasprintf(&tag, "bounce-%s", token);
	}
	if (template_render(invite_templates_dir(c->ctx.cfg), n->lang,
	    n->template, n->vars, n->nvars, &t, cause) == -1)
		goto out;
	if (n->in_reply_to != NULL && n->in_reply_to[0] == '<') {
		irt = xstrdup(n->in_reply_to + 1);
		irt[strcspn(irt, ">")] = '\0';
	}
	row.message_id = message_id(c->ctx.cfg, n->kind, n->attendance_id, 0);
	/* A reply's Message-ID we could not repeat safely only loses the
	   threading; the mail itself must still go. */
	if (irt != NULL && !compose_id_is_safe(irt)) {
		free(irt);
		irt = NULL;
	}
	m.kind = n->kind;
	m.from_name = n->from_name;
	m.from_addr = c->ctx.cfg->address;
	m.to_name = n->to_name;
	m.to_addr = n->to_addr;
	m.reply_to = reply_to != NULL ? reply_to : n->reply_to;
	m.subject = t.subject;
	m.message_id = row.message_id;
	m.in_reply_to = irt;
	m.date = c->ctx.now;
	m.is_auto = true;
	m.text = t.text;
	m.html = t.html;
	row.env_from = tag != NULL ? plus_address(c->ctx.cfg, tag) :
	    xstrdup(c->ctx.cfg->address);
	row.body = compose_build(&m, &row.len, cause);
	if (row.body != NULL) {
		row.kind = (char *)n->kind;
		row.rcpt = (char *)n->to_addr;
		row.meeting_id = n->meeting_id;
		row.member_id = n->member_id;
		row.attendance_id = n->attendance_id;
		rc = store_outbox_add(c->ctx.st, &row, c->ctx.now, cause);
	}
	if (rc == 0 && id_out != NULL)
		*id_out = xstrdup(row.message_id);
	free(row.body);
	free(row.env_from);
	free(row.message_id);
	free(irt);
out:
	free(reply_to);
	free(tag);
	template_out_free(&t);
	return rc;
}

int
invite_confirm(const struct invite_ctx *c, const struct meeting *g,
    const struct recipient *r, const char *status, const char *note,
    const char *evidence, const char *in_reply_to, char **cause)
{
	char	*date = template_date(g->start, g->tzid, r->lang);
	int	 rc;
	const struct template_var vars[] = {
		{ "name", r->name },
		{ "network", g->network },
		{ "date", date },
		{ "answer", answer_phrase(status, r->lang) },
		{ "note", note },
		{ "evidence", evidence },
	};
	const struct invite_notice n = { "confirmation", "confirmation", r->lang,
	    vars, nitems(vars), g->network, r->email, r->name, NULL,
	    in_reply_to, true, g->id, r->member_id, r->attendance_id };

	rc = invite_notice_queue(c, &n, cause);
	free(date);
	return rc;
}

int
invite_verify(const struct invite_ctx *c, const struct meeting *g,
    const struct recipient *r, const char *status, char **id_out,
    char **cause)
{
	char	*date = template_date(g->start, g->tzid, r->lang);
	int	 rc;
	const struct template_var vars[] = {
		{ "name", r->name },
		{ "network", g->network },
		{ "date", date },
		{ "answer", answer_phrase_to(status, r->lang) },
	};
	const struct invite_notice n = { "verify", "verify", r->lang, vars,
	    nitems(vars), g->network, r->email, r->name, NULL, NULL, true,
	    g->id, r->member_id, r->attendance_id };

	rc = invite_notice_queue_id(c, &n, id_out, cause);
	free(date);
	return rc;
}

int
invite_forward(const struct invite_ctx *c, const struct meeting *g,
    const struct recipient *r, const char *subject, const char *text,
    const char *in_reply_to, char **cause)
{
	const char	*lang = c->ctx.cfg->language;
	char		*date = template_date(g->start, g->tzid, lang);
	int		 rc;
	const struct template_var vars[] = {
		{ "name", r->name },
		{ "email", r->email },
		{ "network", g->network },
		{ "date", date },
		{ "subject", subject },
		{ "text", text },
	};
	const struct invite_notice n = { "forward", "forward", lang, vars,
	    nitems(vars), g->network, c->ctx.cfg->coordinator, NULL, r->email,
	    in_reply_to, false, g->id, r->member_id, r->attendance_id };

	rc = invite_notice_queue(c, &n, cause);
	free(date);
	return rc;
}

int
invite_clarify(const struct invite_ctx *c, const struct meeting *g,
    const struct recipient *r, const char *in_reply_to, char **cause)
{
	char	*date = template_date(g->start, g->tzid, r->lang);
	int	 rc;
	const struct template_var vars[] = {
		{ "name", r->name },
		{ "network", g->network },
		{ "date", date },
	};
	const struct invite_notice n = { "clarify", "clarify", r->lang, vars,
	    nitems(vars), g->network, r->email, r->name, NULL, in_reply_to,
	    true, g->id, r->member_id, r->attendance_id };

	rc = invite_notice_queue(c, &n, cause);
	free(date);
	return rc;
}

int
invite_ack(const struct invite_ctx *c, const char *to, bool join,
    const char *in_reply_to, char **cause)
{
	const char	*lang = c->ctx.cfg->language;
	bool		 en = strcmp(lang, "en") == 0;
	const char	*request = join ?
	    (en ? "a request to join the network" :
	    "een verzoek om deel te nemen aan het netwerk") :
	    (en ? "a request to leave the network" :
	    "een verzoek om het netwerk te verlaten");
	const struct template_var vars[] = {
		{ "request", request },
		{ "coordinator", c->ctx.cfg->coordinator },
		{ "name", c->ctx.cfg->name },
	};
	const struct invite_notice n = { "ack", "ack", lang, vars, nitems(vars),
	    c->ctx.cfg->name, to, NULL, NULL, in_reply_to, false, 0, 0, 0 };

	return invite_notice_queue(c, &n, cause);
}
