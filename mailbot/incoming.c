/*
 * incoming.c: the "a message arrives" cause. Parse (mail), cut quotes
 * (quote), read the meaning (understand, calendar), find who speaks (token,
 * Message-ID, calendar UID, address), then in one transaction record the
 * message, apply the answer and queue the confirmation. I/O only through
 * the store.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "address.h"
#include "calendar.h"
#include "config.h"
#include "due.h"
#include "incoming.h"
#include "invite.h"
#include "log.h"
#include "mail.h"
#include "quote.h"
#include "register.h"
#include "store.h"
#include "token.h"
#include "understand.h"
#include "util.h"
#include "when.h"

#define AUTO_ANSWERS_PER_DAY	3
#define BOUNCE_HARD		1.0
#define BOUNCE_SOFT		0.5
#define QUESTION_MAX		300	/* bytes of a question kept */

/* What handling one message found out and did. */
struct handling {
	const struct config	*cfg;
	struct store		*st;
	time_t			 now;
	struct mail		*m;
	struct inbound		 rec;
	struct recipient	 who;
	bool			 found;
	const char		*via;
	struct buf		 effect;
};

static void	effect(struct handling *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

/* Adds one thing that was done to the message's record. */
static void
effect(struct handling *h, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		fatalx("out of memory formatting a string");
	va_end(ap);
	if (h->effect.len > 0)
		buf_addstr(&h->effect, "; ");
	buf_addstr(&h->effect, s);
	free(s);
}

static int
who_by_token(struct handling *h, const char *prefix, char **cause)
{
	char	*t = token_in_address(h->cfg->address, h->m->to,
	    prefix);
	int	 rc = 0;

	if (t != NULL)
		rc = store_recipient_by_token(h->st, t, &h->who, cause);
	free(t);
	if (rc == 1)
		h->via = "token";
	return rc;
}

/* Every <id> in In-Reply-To and References, newest first. */
static int
who_by_reference(struct handling *h, char **cause)
{
	const char	*lists[] = { h->m->in_reply_to, h->m->references };
	const char	*p, *e;
	char		*id;
	size_t		 i;
	int		 rc = 0;

	for (i = 0; i < nitems(lists) && rc == 0; i++) {
		for (p = lists[i]; p != NULL && rc == 0 &&
		    (p = strchr(p, '<')) != NULL; p = e) {
			if ((e = strchr(p, '>')) == NULL)
				break;
			id = xstrndup(p + 1, (size_t)(e - p - 1));
			rc = store_recipient_by_message_id(h->st, id, &h->who,
			    cause);
			free(id);
		}
	}
	if (rc == 1)
		h->via = "reference";
	return rc;
}

/* Our calendar UIDs end in "-aID@domain": the answer row's id. */
static int
who_by_uid(struct handling *h, const char *uid, char **cause)
{
	const char	*a, *at;
	long long	 id;
	char		*num;
	int		 rc = 0;

	if (uid == NULL || (at = strrchr(uid, '@')) == NULL)
		return 0;
	for (a = at; a > uid && isdigit((unsigned char)a[-1]); a--)
		;
	if (a - uid < 2 || a[-1] != 'a' || a[-2] != '-')
		return 0;
	num = xstrndup(a, (size_t)(at - a));
	if (str_to_int(num, 1, INT64_MAX, &id) == 0)
		rc = store_recipient_by_id(h->st, id, &h->who, cause);
	free(num);
	if (rc == 1)
		h->via = "calendar UID";
	return rc;
}

static int
who_by_address(struct handling *h, const char *addr, char **cause)
{
	int	 rc = 0;

	if (addr != NULL && *addr != '\0')
		rc = store_recipient_next(h->st, addr, h->now, &h->who, cause);
	if (rc == 1)
		h->via = "sender address";
	return rc;
}

/*
 * Who speaks: the token first, then our Message-ID, the calendar UID, the
 * ATTENDEE, Reply-To and From (INTEROP.md b.5, rule 2).
 */
static int
identify(struct handling *h, const struct calendar_reply *cal, char **cause)
{
	int	 rc;

	if ((rc = who_by_token(h, "", cause)) != 0 ||
	    (rc = who_by_reference(h, cause)) != 0 ||
	    (cal != NULL && (rc = who_by_uid(h, cal->uid, cause)) != 0) ||
	    (cal != NULL && (rc = who_by_address(h, cal->attendee,
	    cause)) != 0) ||
	    (rc = who_by_address(h, h->m->reply_to, cause)) != 0 ||
	    (rc = who_by_address(h, h->m->from_addr, cause)) != 0)
		h->found = rc == 1;
	return rc == -1 ? -1 : 0;
}

/* RFC 3834 and what clients really send: never answer these. */
static bool
is_automatic(const struct mail *m)
{
	static const char *const oof[] = { "out of office",
	    "out of the office", "automatic reply", "auto reply", "autoreply",
	    "auto-reply", "auto:", "automatisch antwoord", "afwezig",
	    "afwezigheid", "abwesenheit", "automatische antwort", "vacation",
	    "absence", "autosvar", "risposta automatica",
	    "respuesta automática", "réponse automatique" };
	size_t	 i;

	if (m->auto_submitted != NULL && *m->auto_submitted != '\0' &&
	    strcasecmp(m->auto_submitted, "no") != 0)
		return true;
	if (m->precedence != NULL && (strcasecmp(m->precedence, "bulk") == 0 ||
	    strcasecmp(m->precedence, "junk") == 0 ||
	    strcasecmp(m->precedence, "list") == 0))
		return true;
	if (m->has_list_headers || m->has_x_loop)
		return true;
	for (i = 0; m->subject != NULL && i < nitems(oof); i++)
		if (strcasestr(m->subject, oof[i]) != NULL)
			return true;
	return false;
}

static bool
is_daemon(const char *a)
{
	return a != NULL && (strncasecmp(a, "mailer-daemon@", 14) == 0 ||
	    strncasecmp(a, "postmaster@", 11) == 0);
}

/*
 * A delivery report, or a non-standard bounce: from a mail daemon, or with
 * an empty Return-Path and a subject that says delivery failed.
 */
static bool
is_bounce(const struct mail *m)
{
	static const char *const failed[] = { "undeliver", "undelivered",
	    "could not be delivered", "delivery status notification",
	    "delivery failure", "delivery failed", "returned mail",
	    "failure notice", "mail delivery", "not delivered",
	    "onbestelbaar", "niet bezorgd", "niet afgeleverd",
	    "unzustellbar", "non remis", "delivery has failed",
	    "non-delivery", "nondelivery" };
	bool	 empty_path;
	size_t	 i;

	if (m->has_dsn_part || (m->report_type != NULL &&
	    strcmp(m->report_type, "delivery-status") == 0))
		return true;
	if (is_daemon(m->from_addr) || is_daemon(m->return_path))
		return true;
	empty_path = m->return_path != NULL && *m->return_path == '\0';
	for (i = 0; m->subject != NULL && i < nitems(failed); i++)
		if (strcasestr(m->subject, failed[i]) != NULL)
			return empty_path || is_automatic(m);
	return false;
}

static void
set_who(struct handling *h)
{
	if (!h->found)
		return;
	h->rec.member_id = h->who.member_id;
	h->rec.meeting_id = h->who.meeting_id;
}

/* Unix seconds of the local midnight that starts t's day in tzid. */
static time_t
local_midnight(time_t t, const char *tzid)
{
	struct when_parts	 p;
	time_t			 day;
	char			 text[32], *why = NULL;

	when_local_parts(t, tzid, &p);
	snprintf(text, sizeof(text), "%04d-%02d-%02d 00:00", p.year, p.month,
	    p.day);
	if (when_parse_local(text, tzid, &day, &why) == 0)
		return day;
	/* Midnight skipped by a clock change: the day started later. */
	free(why);
	return t - p.hour * 3600 - p.minute * 60;
}

/*
 * Bounces: scored per member, hard +1, soft +0.5, at most once a local
 * day (a mail server retrying, or one mailing sent twice, is one problem,
 * not two); never answered.
 */
static int
handle_bounce(struct handling *h, char **cause)
{
	double	 delta = 0;
	size_t	 i;
	int	 rc;

	h->rec.kind = "bounce";
	if ((rc = who_by_token(h, "bounce-", cause)) == -1)
		return -1;
	h->found = rc == 1;
	set_who(h);
	for (i = 0; i < h->m->ndsn; i++) {
		const char *s = h->m->dsn[i].status;

		if (s != NULL && s[0] == '5')
			delta = BOUNCE_HARD;
		else if (delta == 0)
			delta = BOUNCE_SOFT;
	}
	if (h->m->ndsn == 0)
		delta = BOUNCE_HARD;
	if (!h->found || h->who.member_id == 0) {
		effect(h, "bounce for nobody we know");
		return 0;
	}
	rc = store_member_bounce_day(h->st, h->who.member_id, delta,
	    local_midnight(h->now, h->cfg->timezone), cause);
	if (rc == 1)
		effect(h, "bounce scored %s", delta >= BOUNCE_HARD ? "hard" :
		    "soft");
	else if (rc == 0)
		effect(h, "bounce not scored: one already counted today");
	return rc == -1 ? -1 : 0;
}

static const char *
status_of_partstat(const char *p)
{
	if (p == NULL)
		return NULL;
	if (strcmp(p, "ACCEPTED") == 0)
		return "accepted";
	if (strcmp(p, "DECLINED") == 0)
		return "declined";
	if (strcmp(p, "TENTATIVE") == 0)
		return "tentative";
	if (strcmp(p, "DELEGATED") == 0)
		return "delegated";
	return NULL;
}

/*
 * RFC 3834 and plain caution: never more than a few automatic answers to
 * one address a day, and none to addresses that cannot read them.
 */
static int
may_answer(struct handling *h, const char *to, char **cause)
{
	int	 n = 0;

	if (to == NULL || *to == '\0' || is_daemon(to) ||
	    strncasecmp(to, "noreply", 7) == 0 ||
	    strncasecmp(to, "no-reply", 8) == 0)
		return 0;
	if (store_outbox_count_to(h->st, to, "confirmation,clarify,ack",
	    h->now - 86400, &n, cause) == -1)
		return -1;
	if (n >= AUTO_ANSWERS_PER_DAY) {
		effect(h, "not answered: %s had enough automatic mail today",
		    to);
		return 0;
	}
	return 1;
}

/* Records the answer and confirms it, at most a few times a day. */
static int
apply_answer(struct handling *h, const char *status, const char *note,
    const char *source, char **cause)
{
	struct invite_ctx	 c = { { h->cfg, h->st, h->now }, 0, false };
	struct meeting		 g;
	char			*why = NULL;
	int			 found;

	h->rec.kind = "rsvp";
	h->rec.status = (char *)status;
	free(h->rec.note);
	h->rec.note = note != NULL ? xstrdup(note) : NULL;
	if (store_answer_set(h->st, h->who.attendance_id, status, note, source,
	    h->m->message_id, h->now, cause) == -1)
		return -1;
	effect(h, "answer recorded (%s)", status);
	if ((found = may_answer(h, h->who.email, cause)) != 1)
		return found;
	if ((found = store_meeting_get(h->st, h->who.meeting_id, &g,
	    cause)) != 1)
		return found;
	/* A confirmation that cannot be made (a strange Message-ID, a
	   template problem) must not keep the answer from being recorded. */
	found = invite_confirm(&c, &g, &h->who, status, note,
	    h->m->message_id, &why);
	meeting_clear(&g);
	if (found == 0)
		effect(h, "confirmation queued");
	else {
		effect(h, "no confirmation: %s", why);
		free(why);
	}
	return 0;
}

/* An iMIP REPLY or COUNTER: PARTSTAT decides (INTEROP.md b.5). */
static int
handle_calendar(struct handling *h, const struct calendar_reply *cal,
    char **cause)
{
	const char	*status = status_of_partstat(cal->partstat);

	if (cal->method != NULL && strcmp(cal->method, "COUNTER") == 0) {
		h->rec.kind = "counter";
		effect(h, "counter proposal for the coordinator");
		return 0;
	}
	if (status == NULL) {
		h->rec.kind = "noise";
		effect(h, "calendar reply without an answer");
		return 0;
	}
	if (cal->sequence < h->who.sent_seq) {
		h->rec.kind = "rsvp";
		effect(h, "answers an older version of the invitation: not "
		    "applied");
		return 0;
	}
	return apply_answer(h, status, cal->comment, "imip", cause);
}

static const char *
status_of_answer(enum understand_answer a)
{
	switch (a) {
	case UNDERSTAND_ACCEPTED:
		return "accepted";
	case UNDERSTAND_DECLINED:
		return "declined";
	case UNDERSTAND_TENTATIVE:
		return "tentative";
	case UNDERSTAND_DELEGATED:
		return "delegated";
	default:
		return NULL;
	}
}

/*
 * text as one line (line_normalize) of at most max bytes, cut at a
 * character boundary with "…" when cut; "" when nothing is left.
 */
static char *
one_line(const char *text, size_t max)
{
	char	*s, *why = NULL;
	size_t	 k;

	if ((s = line_normalize(text, SIZE_MAX, &why)) == NULL) {
		free(why);
		return xstrdup("");
	}
	if ((k = strlen(s)) <= max)
		return s;
	k = max;
	while (k > 0 && ((unsigned char)s[k] & 0xc0) == 0x80)
		k--;	/* not inside a UTF-8 sequence */
	s[k] = '\0';
	s = xreallocarray(s, k + sizeof("…"), 1);
	memcpy(s + k, "…", sizeof("…"));
	return s;
}

/* A question goes to the coordinator, with Reply-To the member. */
static void
forward_question(struct handling *h, const char *visible)
{
	struct invite_ctx	 c = { { h->cfg, h->st, h->now }, 0, false };
	struct meeting		 g;
	char			*why = NULL;
	int			 found;

	free(h->rec.question);
	h->rec.question = one_line(visible, QUESTION_MAX);

	found = store_meeting_get(h->st, h->who.meeting_id, &g, &why);
	if (found == 1 && invite_forward(&c, &g, &h->who, h->m->subject,
	    visible, h->m->message_id, &why) == 0)
		effect(h, "question forwarded to the coordinator");
	else
		effect(h, "question not forwarded to the coordinator: %s",
		    why != NULL ? why : "no meeting");
	if (found == 1)
		meeting_clear(&g);
	free(why);
}

/* An unclear reply: ask the member once (a week) to answer plainly. */
static int
ask_again(struct handling *h, char **cause)
{
	struct invite_ctx	 c = { { h->cfg, h->st, h->now }, 0, false };
	struct meeting		 g;
	char			*why = NULL;
	int			 n = 0, rc;

	effect(h, "unclear: nothing changed");
	if (store_outbox_count_to(h->st, h->who.email, "clarify",
	    h->now - 7 * 86400, &n, cause) == -1)
		return -1;
	if (n > 0 || (rc = may_answer(h, h->who.email, cause)) == 0)
		return 0;
	if (rc == -1)
		return -1;
	if ((rc = store_meeting_get(h->st, h->who.meeting_id, &g,
	    cause)) != 1)
		return rc;
	if (invite_clarify(&c, &g, &h->who, h->m->message_id, &why) == 0)
		effect(h, "asked to answer ja/nee/misschien");
	else {
		effect(h, "could not ask again: %s", why);
		free(why);
	}
	meeting_clear(&g);
	return 0;
}

/* A join or leave request: for the coordinator; the sender hears so. */
static int
acknowledge(struct handling *h, bool join, char **cause)
{
	struct invite_ctx	 c = { { h->cfg, h->st, h->now }, 0, false };
	const char		*to = h->found ? h->who.email :
	    (h->m->reply_to != NULL ? h->m->reply_to : h->m->from_addr);
	char			*why = NULL;
	int			 rc;

	h->rec.kind = join ? "join_request" : "leave_request";
	effect(h, "%s request for the coordinator", join ? "join" : "leave");
	if ((rc = may_answer(h, to, cause)) != 1)
		return rc;
	if (invite_ack(&c, to, join, h->m->message_id, &why) == 0)
		effect(h, "acknowledged");
	else {
		effect(h, "not acknowledged: %s", why);
		free(why);
	}
	return 0;
}

/* Free text: what it says, for whom. */
static int
handle_text(struct handling *h, char **cause)
{
	struct understanding	 u;
	char			*v = quote_mail_visible(h->m);
	const char		*status;
	int			 rc = 0;

	understand_text(v, h->m->subject, &u);
	status = status_of_answer(u.answer);
	if (!h->found && u.join)
		rc = acknowledge(h, true, cause);
	else if (!h->found) {
		h->rec.kind = "not_member";
		effect(h, "from a stranger: nothing changed");
	} else if (u.leave)
		rc = acknowledge(h, false, cause);
	else if (status != NULL && !u.unclear)
		rc = apply_answer(h, status, u.note, "mail", cause);
	else if (u.question)
		h->rec.kind = "question";
	else if (u.unclear) {
		h->rec.kind = "rsvp";
		rc = ask_again(h, cause);
	} else
		h->rec.kind = "noise";
	if (rc == 0 && u.question && h->found)
		forward_question(h, v);
	free(v);
	if (h->rec.note == NULL && u.note != NULL)
		h->rec.note = xstrdup(u.note);
	understanding_clear(&u);
	return rc;
}

/* A reply (not automatic, not a bounce): calendar first, else text. */
static int
handle_reply(struct handling *h, char **cause)
{
	struct calendar_reply	 cal;
	char			*why = NULL;
	bool			 have_cal = false;
	size_t			 i;
	int			 rc;

	/* The host duo's programme, sent back to their preparation mail. */
	if ((rc = due_host_reply(h->cfg, h->st, h->now, h->m, &h->rec, &why,
	    cause)) != 0) {
		if (why != NULL)
			effect(h, "%s", why);
		free(why);
		return rc == 1 ? 0 : -1;
	}
	for (i = 0; i < h->m->ncals && !have_cal; i++) {
		if (calendar_read(h->m->cals[i].text, &cal, &why) == 0)
			have_cal = true;
		free(why);
		why = NULL;
	}
	rc = identify(h, have_cal ? &cal : NULL, cause);
	set_who(h);
	if (rc == 0 && h->found && h->via != NULL &&
	    strcmp(h->via, "token") == 0 && h->m->from_addr != NULL &&
	    strcmp(h->m->from_addr, h->who.email) != 0)
		effect(h, "answered from another address (%s)",
		    h->m->from_addr);
	if (rc == 0 && have_cal && h->found && cal.method != NULL &&
	    (strcmp(cal.method, "REPLY") == 0 ||
	    strcmp(cal.method, "COUNTER") == 0))
		rc = handle_calendar(h, &cal, cause);
	else if (rc == 0)
		rc = handle_text(h, cause);
	if (have_cal)
		calendar_reply_clear(&cal);
	return rc;
}

/*
 * An out-of-office reply's return date, from its subject and own text, as
 * local midnight in h->rec.return_at. A date without a year is placed
 * near the message's Date (else now): a stored auto-reply from years ago
 * still reads right.
 */
static void
return_date(struct handling *h)
{
	struct understand_date	 recv, back;
	struct when_parts	 p;
	time_t			 sent = h->now;
	char			*v, *text, day[32], *why = NULL;

	if (h->m->date > 0 && h->m->date < h->now + 86400)
		sent = h->m->date;
	when_local_parts(sent, h->cfg->timezone, &p);
	recv = (struct understand_date){ p.year, p.month, p.day };
	v = quote_mail_visible(h->m);
	xasprintf(&text, "%s\n%s", h->m->subject != NULL ? h->m->subject :
	    "", v);
	if (understand_return(text, &recv, &back)) {
		snprintf(day, sizeof(day), "%04d-%02d-%02d 00:00", back.year,
		    back.month, back.day);
		if (when_parse_local(day, h->cfg->timezone, &h->rec.return_at,
		    &why) == 0)
			effect(h, "out of office, back on %.10s", day);
		free(why);
	}
	free(text);
	free(v);
}

/* Sorts the parsed message and applies it; fills h->rec. */
static int
handle_mail(struct handling *h, char **cause)
{
	struct register_result	 reg;
	int			 seen;

	seen = store_inbound_seen(h->st, -1, -1, h->m->message_id, cause);
	if (seen == -1)
		return -1;
	if (seen == 1) {
		h->rec.kind = "noise";
		effect(h, "already handled (same Message-ID)");
		return 0;
	}
	if (h->m->is_ours) {
		h->rec.kind = "noise";
		effect(h, "our own mail: dropped");
		return 0;
	}
	if (is_bounce(h->m))
		return handle_bounce(h, cause);
	if (is_automatic(h->m)) {
		h->rec.kind = "autoreply";
		if (identify(h, NULL, cause) == -1)
			return -1;
		set_who(h);
		effect(h, "automatic reply: recorded, not answered");
		return_date(h);
		return 0;
	}
	/* The coordinator's answer to the register mail (register.c). */
	if ((seen = register_reply(h->cfg, h->st, h->now, h->m, &reg,
	    cause)) != 0) {
		h->rec.kind = (char *)reg.kind;
		h->rec.meeting_id = reg.meeting_id;
		if (reg.effect != NULL)
			effect(h, "%s", reg.effect);
		free(reg.effect);
		return seen == 1 ? 0 : -1;
	}
	return handle_reply(h, cause);
}

/* Parses and handles inside the caller's transaction. */
static int
incoming_apply(struct handling *h, const struct incoming_msg *in,
    char **cause)
{
	char	*why = NULL;

	if (in->raw == NULL)
		xasprintf(&why, "message of %zu bytes is larger than the cap "
		    "of %d", in->len, INCOMING_MAX_SIZE);
	else
		h->m = mail_parse(in->raw, in->len, INCOMING_MAX_SIZE, &why);
	if (h->m == NULL) {
		h->rec.kind = "unreadable";
		effect(h, "could not read: %s", why);
		free(why);
		return 0;
	}
	h->rec.message_id = h->m->message_id;
	h->rec.sender = h->m->from_addr;
	if (h->m->problem != NULL)
		effect(h, "partly unreadable: %s", h->m->problem);
	return handle_mail(h, cause);
}

int
incoming_handle(const struct config *cfg, struct store *st, time_t now,
    const struct incoming_msg *in, char **cause)
{
	struct handling	 h = { 0 };
	int		 rc;

	h.cfg = cfg;
	h.st = st;
	h.now = now;
	if (store_begin(st, cause) == -1)
		return -1;
	if ((rc = store_inbound_seen(st, in->uidvalidity, in->uid, NULL,
	    cause)) != 0) {
		store_rollback(st);
		return rc == 1 ? 0 : -1;
	}
	buf_init(&h.effect, 4096);
	h.rec.uidvalidity = in->uidvalidity;
	h.rec.uid = in->uid;
	h.rec.received = now;
	rc = incoming_apply(&h, in, cause);
	h.rec.effect = h.effect.data;
	if (rc == 0 && (store_inbound_add(st, &h.rec, cause) == -1 ||
	    store_commit(st, cause) == -1))
		rc = -1;
	if (rc == -1)
		store_rollback(st);
	else
		log_info("handled uid=%lld kind=%s effect=%s",
		    (long long)in->uid, h.rec.kind, h.rec.effect);
	free(h.rec.note);
	free(h.rec.question);
	buf_free(&h.effect);
	if (h.found)
		recipient_clear(&h.who);
	mail_free(h.m);
	return rc;
}
