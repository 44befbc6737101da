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
#include "authres.h"
#include "calendar.h"
#include "config.h"
#include "due.h"
#include "incoming.h"
#include "invite.h"
#include "log.h"
#include "mail.h"
#include "quote.h"
#include "register.h"
#include "return-date.h"
#include "store.h"
#include "template.h"
#include "token.h"
#include "understand.h"
#include "util.h"
#include "when.h"

#define AUTO_ANSWERS_PER_DAY	3	/* clarify, ack: for loops */
#define HUMAN_CHANGES_PER_DAY	10	/* confirmations of answers */
#define BOUNCE_HARD		1.0
#define BOUNCE_SOFT		0.5
#define QUESTION_MAX		300	/* bytes of a question kept */
#define WORDS_MAX		500	/* bytes of a sender's words kept */

/*
 * How the sender was tied to a person, strongest first. The token, a
 * Message-ID of ours and a whole calendar UID are secrets only the person
 * was sent; a From address is anyone's to write, so it counts only when
 * the receiving server verified it (DESIGN.md, "Who is allowed to
 * answer"). ATTENDEE and Reply-To never identify anyone.
 */
enum via {
	VIA_NONE,
	VIA_TOKEN,
	VIA_REFERENCE,
	VIA_UID,
	VIA_SENDER,		/* From, verified (Authentication-Results) */
	VIA_UNVERIFIED		/* From alone: the person is asked */
};

static const char *const via_names[] = { NULL, "token", "reference",
    "uid", "sender", "sender-unverified" };

/* What handling one message found out and did. */
struct handling {
	const struct config	*cfg;
	struct store		*st;
	time_t			 now;
	struct mail		*m;
	struct inbound		 rec;
	struct recipient	 who;
	bool			 found;
	enum via		 via;
	/* The answer this message confirms or denies (a reply to the mail
	   that asked the person about an unverified one); id 0: none. */
	struct pending_answer	 pending;
	/* The sentence an answer was read from, for its confirmation. */
	const char		*evidence;
	bool			 automatic;	/* never answer the sender */
	unsigned int		 outcome;	/* OUT_* */
	char			*parent_body;	/* scratch: a mail we sent */
	struct buf		 effect;
};

/* What became of a message (inbox --json "outcome"). */
#define OUT_ANSWER	0x1	/* an answer recorded */
#define OUT_ASKED	0x2	/* a question back to the sender */
#define OUT_COORD	0x4	/* an item for the coordinator */

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
		h->via = VIA_TOKEN;
	return rc;
}

/*
 * Calls fn for every <id> in In-Reply-To and References, newest first,
 * until it returns non-zero; returns that.
 */
static int
each_reference(struct handling *h, int (*fn)(struct handling *,
    const char *, char **), char **cause)
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
			rc = fn(h, id, cause);
			free(id);
		}
	}
	return rc;
}

static int
reference_row(struct handling *h, const char *id, char **cause)
{
	return store_recipient_by_message_id(h->st, id, &h->who, cause);
}

static int
reference_pending(struct handling *h, const char *id, char **cause)
{
	int	 rc;

	rc = store_pending_by_verify(h->st, id, &h->pending, cause);
	if (rc == 1 && (h->pending.attendance_id != h->who.attendance_id ||
	    strcmp(h->pending.state, "open") != 0)) {
		pending_answer_clear(&h->pending);
		return 0;	/* another person's, or settled: look on */
	}
	return rc;
}

/* A Message-ID of ours in In-Reply-To or References. */
static int
who_by_reference(struct handling *h, char **cause)
{
	int	 rc;

	rc = each_reference(h, reference_row, cause);
	if (rc == 1)
		h->via = VIA_REFERENCE;
	return rc;
}

/*
 * Our calendar UIDs are the meeting's random UID with "-aID" before the
 * "@" (invite_person_uid): the row is found by its id, and then the whole
 * UID must be the one we sent, so that knowing the (small, sequential) id
 * is not enough.
 */
static int
who_by_uid(struct handling *h, const char *uid, char **cause)
{
	struct meeting	 g;
	const char	*a, *at;
	long long	 id;
	char		*num, *want = NULL;
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
	if (rc == 1 && (rc = store_meeting_get(h->st, h->who.meeting_id, &g,
	    cause)) == 1) {
		want = invite_person_uid(&g, id);
		meeting_clear(&g);
		if (strcmp(want, uid) != 0)
			rc = 0;
	}
	free(want);
	if (rc != 1 && h->who.email != NULL)
		recipient_clear(&h->who);
	if (rc == 1)
		h->via = VIA_UID;
	return rc;
}

/* The receiving server passed DKIM or DMARC for the From domain. */
static bool
sender_verified(const struct handling *h)
{
	const char	*at;

	if (h->m->from_addr == NULL ||
	    (at = strrchr(h->m->from_addr, '@')) == NULL)
		return false;
	return authres_verified((const char *const *)h->m->auth_results,
	    h->m->nauth_results, h->cfg->authserv_id, at + 1);
}

/* The From address: a member's, or a guest's of a meeting to come. */
static int
who_by_sender(struct handling *h, char **cause)
{
	struct recipient	*v;
	size_t			 n, i;

	if (h->m->from_addr == NULL || *h->m->from_addr == '\0')
		return 0;
	if (store_recipients_open(h->st, h->m->from_addr, h->now, &v, &n,
	    cause) == -1)
		return -1;
	if (n > 0) {
		h->who = v[0];
		for (i = 1; i < n; i++)
			recipient_clear(&v[i]);
		h->via = sender_verified(h) ? VIA_SENDER : VIA_UNVERIFIED;
	}
	free(v);
	return n > 0 ? 1 : 0;
}

/*
 * Who speaks: the token first, then our Message-ID, the whole calendar
 * UID, then the From address (INTEROP.md b.5, rule 2, with DESIGN.md's
 * rule that only secrets and a verified From identify).
 */
static int
identify(struct handling *h, const struct calendar_reply *cal, char **cause)
{
	int	 rc;

	if ((rc = who_by_token(h, "", cause)) != 0 ||
	    (rc = who_by_reference(h, cause)) != 0 ||
	    (cal != NULL && (rc = who_by_uid(h, cal->uid, cause)) != 0) ||
	    (rc = who_by_sender(h, cause)) != 0)
		h->found = rc == 1;
	if (rc == 1 && each_reference(h, reference_pending, cause) == -1)
		return -1;
	if (rc == 1)
		h->rec.via = (char *)via_names[h->via];
	return rc == -1 ? -1 : 0;
}

/*
 * RFC 3834 and what clients really send: never answer these. A subject
 * alone says so only in the words auto-responders use ("Automatisch
 * antwoord", "Out of office"); "Afwezigheid 20 januari" from a person is
 * a person's mail, so the plain words count only beside a header that
 * Outlook's or Exchange's auto-replies carry.
 */
static bool
is_automatic(const struct mail *m)
{
	static const char *const strong[] = { "out of office",
	    "out of the office", "automatic reply", "auto reply", "autoreply",
	    "auto-reply", "auto:", "automatisch antwoord",
	    "automatische antwort", "abwesenheitsnotiz", "autosvar",
	    "risposta automatica", "respuesta automática",
	    "réponse automatique", "afwezigheidsassistent" };
	static const char *const weak[] = { "afwezig", "afwezigheid",
	    "abwesenheit", "vacation", "absence", "vakantie" };
	size_t	 i;

	if (m->auto_submitted != NULL && *m->auto_submitted != '\0' &&
	    strcasecmp(m->auto_submitted, "no") != 0)
		return true;
	if (m->precedence != NULL && (strcasecmp(m->precedence, "bulk") == 0 ||
	    strcasecmp(m->precedence, "junk") == 0 ||
	    strcasecmp(m->precedence, "list") == 0 ||
	    strcasecmp(m->precedence, "auto_reply") == 0))
		return true;
	if (m->has_list_headers || m->has_x_loop)
		return true;
	for (i = 0; m->subject != NULL && i < nitems(strong); i++)
		if (strcasestr(m->subject, strong[i]) != NULL)
			return true;
	for (i = 0; m->subject != NULL && i < nitems(weak) &&
	    m->x_auto_response_suppress != NULL; i++)
		if (strcasestr(m->subject, weak[i]) != NULL)
			return true;
	return false;
}

/* A calendar part of method REPLY (or COUNTER). */
static bool
has_calendar_reply(const struct mail *m)
{
	size_t	 i;

	for (i = 0; i < m->ncals; i++)
		if (m->cals[i].method != NULL &&
		    (strcmp(m->cals[i].method, "REPLY") == 0 ||
		    strcmp(m->cals[i].method, "COUNTER") == 0))
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
		h->outcome |= OUT_COORD;
		effect(h, "bounce for nobody we know");
		return 0;
	}
	h->outcome |= OUT_COORD;
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
	if (store_outbox_count_to(h->st, to, "clarify,ack",
	    h->now - 86400, &n, cause) == -1)
		return -1;
	if (n >= AUTO_ANSWERS_PER_DAY) {
		effect(h, "not answered: %s had enough automatic mail today",
		    to);
		return 0;
	}
	return 1;
}

static bool
same_text(const char *a, const char *b)
{
	return (a == NULL || *a == '\0') ? (b == NULL || *b == '\0') :
	    (b != NULL && strcmp(a, b) == 0);
}

/*
 * Records a person's answer together with the confirmation to their own
 * address: both or neither (the confirmation is queued first; if it
 * cannot be made, nothing changes and the coordinator sees why). A human
 * changing their answer is always confirmed; the same answer again is
 * confirmed once a day, which is what breaks a loop with a robot that
 * answers every mail. HUMAN_CHANGES_PER_DAY changes in a day is no human.
 */
static int
apply_answer(struct handling *h, const char *status, const char *note,
    const char *source, char **cause)
{
	struct invite_ctx	 c = { { h->cfg, h->st, h->now }, 0, false };
	struct meeting		 g;
	char			*why = NULL;
	bool			 same;
	int			 n = 0, rc;

	h->rec.kind = "rsvp";
	h->rec.status = (char *)status;
	free(h->rec.note);
	h->rec.note = note != NULL ? xstrdup(note) : NULL;
	same = strcmp(h->who.status, status) == 0 &&
	    same_text(h->who.note, note);
	if (store_outbox_count_to(h->st, h->who.email, "confirmation",
	    h->now - 86400, &n, cause) == -1)
		return -1;
	if (same && n > 0) {
		h->outcome |= OUT_ANSWER;
		effect(h, "answer unchanged (%s): not confirmed again today",
		    status);
		return store_pending_close_all(h->st, h->who.attendance_id,
		    "superseded", h->now, cause);
	}
	if (n >= HUMAN_CHANGES_PER_DAY) {
		h->outcome |= OUT_COORD;
		effect(h, "answer not recorded: %d confirmations to %s today "
		    "already (a mail loop?)", n, h->who.email);
		return 0;
	}
	if ((rc = store_meeting_get(h->st, h->who.meeting_id, &g,
	    cause)) != 1)
		return rc;
	rc = invite_confirm(&c, &g, &h->who, status, note, h->evidence,
	    h->m->message_id, &why);
	meeting_clear(&g);
	if (rc == -1) {
		h->outcome |= OUT_COORD;
		effect(h, "answer not recorded: no confirmation could be made "
		    "(%s)", why);
		free(why);
		return 0;
	}
	if (store_answer_set(h->st, h->who.attendance_id, status, note, source,
	    h->m->message_id, h->now, cause) == -1 ||
	    store_pending_close_all(h->st, h->who.attendance_id, "superseded",
	    h->now, cause) == -1)
		return -1;
	h->outcome |= OUT_ANSWER;
	effect(h, "answer recorded (%s); confirmation queued", status);
	return 0;
}

/*
 * An answer from a sender only the From address tied to the person, not
 * verified by the receiving server: nothing changes; the person is asked
 * at their own address, at most once a day (later such messages that day
 * change nothing), and the coordinator sees it. The message's words are
 * not repeated to the person: they may be a stranger's.
 */
static int
ask_to_verify(struct handling *h, const char *status, const char *note,
    char **cause)
{
	struct invite_ctx	 c = { { h->cfg, h->st, h->now }, 0, false };
	struct pending_answer	 p = { 0 };
	struct meeting		 g;
	char			*vid = NULL, *why = NULL;
	int64_t			 id;
	int			 n = 0, rc;

	h->rec.kind = "rsvp";
	h->rec.status = (char *)status;
	p.attendance_id = h->who.attendance_id;
	p.status = (char *)status;
	p.note = (char *)note;
	p.message_id = h->m->message_id;
	p.sender = h->m->from_addr;
	p.created = h->now;
	if (store_outbox_count_to(h->st, h->who.email, "verify",
	    h->now - 86400, &n, cause) == -1)
		return -1;
	if (n > 0) {
		/* What the person was asked about stays what a "ja" to
		   that mail confirms. */
		h->outcome |= OUT_ASKED | OUT_COORD;
		effect(h, "sender not verified: nothing changed (%s); %s was "
		    "asked about an earlier message today already", status,
		    h->who.email);
		return 0;
	}
	if (store_pending_add(h->st, &p, &id, cause) == -1)
		return -1;
	h->outcome |= OUT_ASKED | OUT_COORD;
	if ((rc = store_meeting_get(h->st, h->who.meeting_id, &g,
	    cause)) != 1)
		return rc;
	rc = invite_verify(&c, &g, &h->who, status, &vid, &why);
	meeting_clear(&g);
	if (rc == 0 && store_pending_set_verify(h->st, id, vid, cause) == -1)
		rc = -2;
	free(vid);
	if (rc == -2)
		return -1;
	if (rc == 0)
		effect(h, "sender not verified: the answer (%s) waits; %s "
		    "asked to confirm from their own mailbox", status,
		    h->who.email);
	else {
		effect(h, "sender not verified: the answer (%s) waits; could "
		    "not ask %s: %s", status, h->who.email, why);
		free(why);
	}
	return 0;
}

/* An answer read from the message: applied, or held for the person. */
static int
record_answer(struct handling *h, const char *status, const char *note,
    const char *source, char **cause)
{
	if (h->via == VIA_UNVERIFIED)
		return ask_to_verify(h, status, note, cause);
	return apply_answer(h, status, note, source, cause);
}

/*
 * A reply to the mail that asked about an unverified answer: a plain "ja"
 * confirms it (the person's own mailbox answered with their token), a
 * plain "nee" denies it; anything else is read as the person's own words.
 * Returns 1 when settled here, 0 when the words decide, -1 (store).
 */
static int
settle_pending(struct handling *h, const char *visible, char **cause)
{
	struct pending_answer	*p = &h->pending;
	int			 says = understand_confirmation(visible);

	if (p->id == 0 || says == 0)
		return 0;
	if (says < 0) {
		h->rec.kind = "rsvp";
		h->outcome |= OUT_COORD;
		effect(h, "%s says they did not send the waiting answer (%s, "
		    "from %s): nothing changed", h->who.email, p->status,
		    p->sender);
		return store_pending_close(h->st, p->id, "denied", h->now,
		    cause) == -1 ? -1 : 1;
	}
	if (store_pending_close(h->st, p->id, "confirmed", h->now,
	    cause) == -1)
		return -1;
	effect(h, "confirms the waiting answer");
	return apply_answer(h, p->status, p->note, "mail", cause) == -1 ?
	    -1 : 1;
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

/*
 * A question goes to the coordinator, with Reply-To the member: the whole
 * visible text in the mail, the question itself (one line) for the digest.
 */
static void
forward_question(struct handling *h, const char *question,
    const char *visible)
{
	struct invite_ctx	 c = { { h->cfg, h->st, h->now }, 0, false };
	struct meeting		 g;
	char			*why = NULL;
	int			 found;

	free(h->rec.question);
	h->rec.question = one_line(question, QUESTION_MAX);

	h->outcome |= OUT_COORD;
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

	h->outcome |= OUT_COORD;
	effect(h, "unclear: nothing changed");
	if (h->automatic) {
		effect(h, "automatic mail: not asked");
		return 0;
	}
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
	if (invite_clarify(&c, &g, &h->who, h->m->message_id, &why) == 0) {
		h->outcome |= OUT_ASKED;
		effect(h, "asked to answer ja/nee/misschien");
	} else {
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
	/* Never to a Reply-To a stranger names: that would mail a third
	   party on their word. */
	const char		*to = h->found ? h->who.email :
	    h->m->from_addr;
	char			*why = NULL;
	int			 rc;

	h->rec.kind = join ? "join_request" : "leave_request";
	h->outcome |= OUT_COORD;
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

/*
 * The person's open meetings, as the reader of replies sees them: the
 * local date, the place and theme words, the network. rows[0..n) are
 * their answer rows; *parent the one the message answers (the row found
 * by token, reference or UID), else UNDERSTAND_NO_MEETING.
 */
struct context {
	struct recipient		*rows;
	struct meeting			*meetings;	/* [0, nmeetings) */
	struct understand_meeting	*um;
	size_t				 n;		/* rows: the person's */
	size_t				 nmeetings;	/* theirs, then others */
	struct understand_context	 c;
	char				*owner;
};

static void
context_clear(struct context *x)
{
	size_t	 i;

	for (i = 0; i < x->nmeetings; i++)
		meeting_clear(&x->meetings[i]);
	recipient_array_free(x->rows, x->n);
	free(x->meetings);
	free(x->um);
	free(x->owner);
	memset(x, 0, sizeof(*x));
}

/* Adds h->who's own row when the open rows lack it (a meeting that is
   not to come any more still gets its answer). */
static void
context_add_who(struct handling *h, struct context *x)
{
	size_t	 i;

	for (i = 0; i < x->n; i++)
		if (x->rows[i].attendance_id == h->who.attendance_id)
			return;
	x->rows = xreallocarray(x->rows, x->n + 1, sizeof(*x->rows));
	memset(&x->rows[x->n], 0, sizeof(x->rows[0]));
	x->rows[x->n].attendance_id = h->who.attendance_id;
	x->rows[x->n].meeting_id = h->who.meeting_id;
	x->rows[x->n].member_id = h->who.member_id;
	x->rows[x->n].email = xstrdup(h->who.email);
	x->rows[x->n].name = xstrdup(h->who.name);
	x->rows[x->n].lang = xstrdup(h->who.lang);
	x->rows[x->n].status = xstrdup(h->who.status);
	x->rows[x->n].note = h->who.note != NULL ? xstrdup(h->who.note) :
	    NULL;
	x->rows[x->n].sent_seq = h->who.sent_seq;
	x->n++;
}

static void
context_meeting(struct context *x, size_t i, bool other)
{
	struct when_parts	 p;

	when_local_parts(x->meetings[i].start, x->meetings[i].tzid, &p);
	x->um[i] = (struct understand_meeting){ p.year, p.month, p.day,
	    p.wday, x->meetings[i].location, x->meetings[i].theme,
	    x->meetings[i].network_id, other };
}

/* Everyone else's meetings to come, after the person's own (x->n). */
static int
context_others(struct handling *h, struct context *x, char **cause)
{
	struct meeting	*all;
	size_t		 n, i, k, total = x->n;

	if (store_meeting_list(h->st, &all, &n, cause) == -1)
		return -1;
	x->meetings = xreallocarray(x->meetings, x->n + n + 1,
	    sizeof(*x->meetings));
	x->um = xreallocarray(x->um, x->n + n + 1, sizeof(*x->um));
	for (i = 0; i < n; i++) {
		bool mine = false;

		for (k = 0; k < x->n; k++)
			if (x->rows[k].meeting_id == all[i].id)
				mine = true;
		if (mine || strcmp(all[i].status, "confirmed") != 0 ||
		    all[i].end <= h->now || total >= 64) {
			meeting_clear(&all[i]);
			continue;
		}
		x->meetings[total] = all[i];
		context_meeting(x, total++, true);
	}
	free(all);
	x->nmeetings = total;
	return 0;
}

static int
context_make(struct handling *h, struct context *x, char **cause)
{
	size_t	 i;
	int	 rc;

	memset(x, 0, sizeof(*x));
	if (store_recipients_open(h->st, h->who.email, h->now, &x->rows,
	    &x->n, cause) == -1)
		return -1;
	context_add_who(h, x);
	x->meetings = xcalloc(x->n + 1, sizeof(*x->meetings));
	x->um = xcalloc(x->n + 1, sizeof(*x->um));
	x->c.parent = UNDERSTAND_NO_MEETING;
	for (i = 0; i < x->n; i++) {
		x->nmeetings = i;
		if ((rc = store_meeting_get(h->st, x->rows[i].meeting_id,
		    &x->meetings[i], cause)) != 1)
			return rc == 0 ? (xasprintf(cause, "meeting %lld is "
			    "gone", (long long)x->rows[i].meeting_id), -1) : -1;
		x->nmeetings = i + 1;
		context_meeting(x, i, false);
		if (h->via != VIA_SENDER && h->via != VIA_UNVERIFIED &&
		    x->rows[i].attendance_id == h->who.attendance_id)
			x->c.parent = i;
	}
	if (context_others(h, x, cause) == -1)
		return -1;
	xasprintf(&x->owner, "%s %s", h->who.name != NULL ? h->who.name : "",
	    h->m->from_name != NULL ? h->m->from_name : "");
	x->c.subject = h->m->subject;
	x->c.meetings = x->um;
	x->c.nmeetings = x->nmeetings;
	x->c.owner = x->owner;
	return 0;
}

/* h->who becomes (a copy of) row r: the answer is recorded there. */
static void
who_is(struct handling *h, const struct recipient *r)
{
	recipient_clear(&h->who);
	h->who = *r;
	h->who.email = xstrdup(r->email);
	h->who.name = xstrdup(r->name);
	h->who.lang = xstrdup(r->lang);
	h->who.status = xstrdup(r->status);
	h->who.note = r->note != NULL ? xstrdup(r->note) : NULL;
	h->rec.member_id = r->member_id;
	h->rec.meeting_id = r->meeting_id;
}

/* Every answer read, each for its meeting, each confirmed. */
static int
record_answers(struct handling *h, struct context *x,
    const struct understanding *u, char **cause)
{
	struct recipient	 first = { 0 };
	const char		*status;
	size_t			 i, k = u->nitems;
	int			 rc = 0;

	/* The parent's answer first: it is the one inbox shows. */
	for (i = 0; i < u->nitems && k == u->nitems; i++)
		if (x->c.parent != UNDERSTAND_NO_MEETING &&
		    u->items[i].meeting == x->c.parent)
			k = i;
	if (k == u->nitems)
		k = 0;
	for (i = 0; i < u->nitems && rc == 0; i++) {
		const struct understand_item *it = &u->items[(k + i) %
		    u->nitems];

		if (it->meeting >= x->n || (status =
		    status_of_answer(it->answer)) == NULL)
			continue;
		who_is(h, &x->rows[it->meeting]);
		if (i == 0)
			first = x->rows[it->meeting];
		h->evidence = it->evidence;
		rc = record_answer(h, status, u->note, "mail", cause);
	}
	h->evidence = NULL;
	if (first.attendance_id != 0) {
		h->rec.member_id = first.member_id;
		h->rec.meeting_id = first.meeting_id;
		h->rec.status = (char *)status_of_answer(
		    u->items[k].answer);
	}
	return rc;
}

/*
 * A stranger's mail: asking to take part ("ik zou graag ook komen, kan
 * dat?", "lid worden") is a join request for the coordinator; anything
 * else (a "yes" to a forwarded invitation too) changes nothing and the
 * coordinator sees it.
 */
static int
handle_stranger(struct handling *h, const struct understanding *u,
    char **cause)
{
	if ((u->join || u->asks_to_come) && !u->leave)
		return acknowledge(h, true, cause);
	h->rec.kind = "not_member";
	h->outcome |= OUT_COORD;
	effect(h, "from a stranger: nothing changed; for the coordinator");
	return 0;
}

/*
 * Only thanks: with the person's answer still open and the mail a reply
 * to one that asked for it, they are asked; otherwise it is noted for the
 * coordinator's digest, never dropped unseen.
 */
static int
handle_thanks(struct handling *h, const struct context *x, char **cause)
{
	if (x->c.parent != UNDERSTAND_NO_MEETING &&
	    strcmp(h->who.status, "needs-action") == 0) {
		h->rec.kind = "rsvp";
		return ask_again(h, cause);
	}
	h->rec.kind = "noise";
	h->outcome |= OUT_COORD;
	effect(h, "thanks only: nothing to answer; listed in the digest");
	return 0;
}

static int
reference_body(struct handling *h, const char *id, char **cause)
{
	size_t	 len;

	return store_outbox_body(h->st, id, 0, &h->parent_body, &len, cause);
}

/*
 * The text of the mail of ours the message answers (by In-Reply-To or
 * References, else the last one that asked this person for an answer),
 * plain; NULL when it is not known or no longer kept.
 */
static char *
parent_text(struct handling *h, char **cause)
{
	struct mail	*pm;
	char		*why = NULL, *text = NULL;
	size_t		 len;
	int		 rc;

	rc = each_reference(h, reference_body, cause);
	if (rc == 0)
		rc = store_outbox_body(h->st, NULL, h->who.attendance_id,
		    &h->parent_body, &len, cause);
	if (rc != 1)
		return NULL;
	pm = mail_parse(h->parent_body, strlen(h->parent_body),
	    INCOMING_MAX_SIZE, &why);
	if (pm != NULL && pm->text != NULL)
		text = xstrdup(pm->text);
	mail_free(pm);
	free(why);
	free(h->parent_body);
	h->parent_body = NULL;
	return text;
}

/*
 * When the words quote.c left say nothing (an answer typed inside an
 * unquoted copy of our mail, or under it), read what in the message is
 * not ours instead. Returns 1 when that gave something (u and *v are
 * replaced), 0 when not, -1 (store).
 */
static int
read_not_ours(struct handling *h, struct context *x, struct understanding *u,
    char **v, char **cause)
{
	struct understanding	 u2;
	char			*ours, *theirs, *text;

	if (u->nitems > 0 || u->question || u->join || u->leave)
		return 0;
	if ((ours = parent_text(h, cause)) == NULL)
		return *cause != NULL ? -1 : 0;
	text = h->m->text != NULL && *h->m->text != '\0' ? h->m->text :
	    NULL;
	theirs = text != NULL ? quote_not_ours(text, ours) : NULL;
	free(ours);
	if (theirs == NULL)
		return 0;
	understand_reply(theirs, &x->c, &u2);
	/* Only a clear answer: the words a client rewrapped may be ours
	   still, and a question in them would be our own. */
	if (u2.nitems == 0 || u2.unclear || u2.question) {
		understanding_clear(&u2);
		free(theirs);
		return 0;
	}
	effect(h, "read from the words outside the quoted mail");
	understanding_clear(u);
	*u = u2;
	free(*v);
	*v = theirs;
	return 1;
}

static int
reference_confirmed(struct handling *h, const char *id, char **cause)
{
	int64_t	 row;
	char	*status;
	int	 rc;

	rc = store_inbound_confirmed(h->st, id, &row, &status, cause);
	if (rc == 1 && h->rec.status != NULL &&
	    strcmp(status, h->rec.status) != 0) {
		h->rec.misread_of = row;
		h->rec.misread_status = status;
		effect(h, "corrects how an earlier message was read (%s, now "
		    "%s)", status, h->rec.status);
		return 1;
	}
	free(status);
	return rc == -1 ? -1 : 0;
}

/*
 * A reply to one of our confirmations that answers otherwise than what
 * was confirmed ("nee, ik bedoelde dat ik wél kom"): the earlier reading
 * was a misreading; it is linked to this correction, for inbox --misread
 * and the digest.
 */
static int
find_misread(struct handling *h, char **cause)
{
	return each_reference(h, reference_confirmed, cause) == -1 ? -1 : 0;
}

static void	return_date(struct handling *);

/* Free text: what it says, for whom, about which meeting. */
static int
handle_text(struct handling *h, char **cause)
{
	struct understanding	 u;
	struct context		 x = { 0 };
	char			*v = quote_mail_visible(h->m);
	int			 rc = 0;

	if (h->found && (rc = settle_pending(h, v, cause)) != 0) {
		free(v);
		return rc == 1 ? 0 : -1;
	}
	if (h->found && context_make(h, &x, cause) == -1) {
		context_clear(&x);
		free(v);
		return -1;
	}
	understand_reply(v, h->found ? &x.c : NULL, &u);
	if (h->found && read_not_ours(h, &x, &u, &v, cause) == -1) {
		understanding_clear(&u);
		context_clear(&x);
		free(v);
		return -1;
	}
	free(h->rec.words);
	h->rec.words = one_line(v, WORDS_MAX);
	if (u.autoreply) {
		/* Its headers did not say so; its words do. */
		h->rec.kind = "autoreply";
		h->outcome |= OUT_COORD;
		effect(h, "an out-of-office text: recorded, not answered");
		return_date(h);
	} else if (!h->found)
		rc = handle_stranger(h, &u, cause);
	else {
		if (u.nitems > 0 && !u.unclear)
			rc = record_answers(h, &x, &u, cause);
		if (rc == 0 && u.nitems > 0 && !u.unclear)
			rc = find_misread(h, cause);
		if (rc == 0 && u.leave)
			rc = acknowledge(h, false, cause);
		else if (rc == 0 && u.join && u.nitems == 0)
			rc = acknowledge(h, true, cause);
		else if (rc == 0 && u.nitems == 0 && u.question)
			h->rec.kind = "question";
		else if (rc == 0 && u.unclear) {
			h->rec.kind = "rsvp";
			if (u.other_date)
				effect(h, "names a date no meeting of theirs "
				    "has");
			rc = ask_again(h, cause);
		} else if (rc == 0 && u.nitems == 0)
			rc = handle_thanks(h, &x, cause);
		if (rc == 0 && u.question)
			forward_question(h, u.question_text != NULL ?
			    u.question_text : v, v);
	}
	if (h->rec.note == NULL && u.note != NULL)
		h->rec.note = xstrdup(u.note);
	understanding_clear(&u);
	context_clear(&x);
	free(v);
	return rc;
}

/* A calendar COMMENT as a note: trimmed; Exchange's empty one is none. */
static char *
comment_note(const char *comment)
{
	char	*s;

	if (comment == NULL)
		return NULL;
	s = str_trim(xstrdup(comment));
	if (*s == '\0') {
		free(s);
		return NULL;
	}
	return s;
}

/*
 * The note of a calendar reply: its comment (Exchange's empty one is
 * none), the delegate (DELEGATED-TO) and Google's guests (X-NUM-GUESTS),
 * which the coordinator must agree to (INTEROP.md b.5.7).
 */
static char *
calendar_note(struct handling *h, const struct calendar_reply *cal)
{
	char	*note = comment_note(cal->comment), *s;

	if (cal->delegated_to != NULL) {
		xasprintf(&s, "%s%sin de plaats: %s", note != NULL ? note : "",
		    note != NULL ? " — " : "", cal->delegated_to);
		free(note);
		note = s;
	}
	if (cal->guests > 0) {
		xasprintf(&s, "%s%s+%d gast%s", note != NULL ? note : "",
		    note != NULL ? " — " : "", cal->guests,
		    cal->guests > 1 ? "en" : "");
		free(note);
		note = s;
		h->outcome |= OUT_COORD;
		effect(h, "brings %d guest(s): for the coordinator",
		    cal->guests);
	}
	return note;
}

/*
 * A COUNTER never changes anything on its own (INTEROP.md b.5.6): the
 * time it proposes and its comment go to the coordinator, with Reply-To
 * the person, and into the digest.
 */
static int
handle_counter(struct handling *h, const struct calendar_reply *cal)
{
	struct invite_ctx	 c = { { h->cfg, h->st, h->now }, 0, false };
	struct meeting		 g;
	char			*when = NULL, *text, *why = NULL;
	int			 found;

	h->outcome |= OUT_COORD;
	h->rec.kind = "counter";
	found = store_meeting_get(h->st, h->who.meeting_id, &g, &why);
	if (found == 1 && cal->start != 0 && cal->end > cal->start)
		when = template_date_range(cal->start, cal->end, g.tzid,
		    h->cfg->language);
	xasprintf(&text, "%s%s%s%s", when != NULL ? (strcmp(
	    h->cfg->language, "en") == 0 ? "Proposes: " : "Stelt voor: ") :
	    "", when != NULL ? when : "", when != NULL && cal->comment != NULL ?
	    "\n\n" : "", cal->comment != NULL ? cal->comment : "");
	free(h->rec.note);
	h->rec.note = one_line(text, QUESTION_MAX);
	if (found == 1 && invite_forward(&c, &g, &h->who, h->m->subject, text,
	    h->m->message_id, &why) == 0)
		effect(h, "counter proposal forwarded to the coordinator");
	else
		effect(h, "counter proposal for the coordinator (not "
		    "forwarded: %s)", why != NULL ? why : "no meeting");
	if (found == 1)
		meeting_clear(&g);
	free(when);
	free(text);
	free(why);
	return 0;
}

/*
 * An iMIP REPLY or COUNTER (INTEROP.md b.5). A COUNTER goes to the
 * coordinator. A REPLY to an older SEQUENCE answers a version that no
 * longer holds: the person is asked to answer the new one. Otherwise the
 * PARTSTAT decides, unless the words beside it clearly say otherwise
 * ("Voorlopig" pressed, "ik kom wel, maar pas om 15:30" written: coming).
 */
static int
handle_calendar(struct handling *h, const struct calendar_reply *cal,
    char **cause)
{
	const char		*status = status_of_partstat(cal->partstat);
	struct understanding	 u;
	struct context		 x = { 0 };
	char			*v, *note;
	int64_t			 seq;
	time_t			 stamp;
	int			 rc = 0;

	if (cal->method != NULL && strcmp(cal->method, "COUNTER") == 0)
		return handle_counter(h, cal);
	if (status != NULL && cal->sequence < h->who.sent_seq) {
		h->rec.kind = "rsvp";
		effect(h, "answers an older version of the invitation "
		    "(SEQUENCE %lld, now %lld): not applied",
		    (long long)cal->sequence, (long long)h->who.sent_seq);
		return ask_again(h, cause);
	}
	/* RFC 5546 section 2.1.5: among replies to one SEQUENCE the newest
	   DTSTAMP wins, whatever order they arrive in. */
	if (store_reply_stamp(h->st, h->who.attendance_id, &seq, &stamp,
	    cause) == -1)
		return -1;
	if (status != NULL && cal->sequence == seq && cal->dtstamp != 0 &&
	    cal->dtstamp < stamp) {
		h->rec.kind = "rsvp";
		effect(h, "older than the calendar reply already applied "
		    "(DTSTAMP): not applied");
		return 0;
	}
	v = quote_mail_visible(h->m);
	if (context_make(h, &x, cause) == -1) {
		context_clear(&x);
		free(v);
		return -1;
	}
	x.c.subject = NULL;	/* "Voorlopig: …" is the button pressed */
	understand_reply(v, &x.c, &u);
	note = calendar_note(h, cal);
	if (u.nitems > 0 && !u.unclear && u.answer != UNDERSTAND_NONE &&
	    (status == NULL || strcmp(status_of_answer(u.answer), status) !=
	    0)) {
		effect(h, "the words beside the calendar answer (%s) decide",
		    status != NULL ? status : "none");
		rc = record_answers(h, &x, &u, cause);
	} else if (status == NULL) {
		h->rec.kind = "noise";
		h->outcome |= OUT_COORD;
		effect(h, "calendar reply without an answer; for the "
		    "coordinator");
	} else {
		rc = record_answer(h, status, note != NULL ? note : u.note,
		    "imip", cause);
		if (rc == 0 && h->via != VIA_UNVERIFIED)
			rc = store_reply_stamp_set(h->st,
			    h->who.attendance_id, cal->sequence, cal->dtstamp,
			    cause);
	}
	if (rc == 0 && u.question)
		forward_question(h, u.question_text != NULL ?
		    u.question_text : v, v);
	free(note);
	understanding_clear(&u);
	context_clear(&x);
	free(v);
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
		h->outcome |= OUT_ANSWER;	/* the duo's text, recorded */
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
	if (rc == 0 && h->found && h->via == VIA_TOKEN &&
	    h->m->from_addr != NULL &&
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
	struct ymd		 recv, back;
	struct when_parts	 p;
	time_t			 sent = h->now;
	char			*v, *text, day[32], *why = NULL;

	if (h->m->date > 0 && h->m->date < h->now + 86400)
		sent = h->m->date;
	when_local_parts(sent, h->cfg->timezone, &p);
	recv = (struct ymd){ p.year, p.month, p.day };
	v = quote_mail_visible(h->m);
	xasprintf(&text, "%s\n%s", h->m->subject != NULL ? h->m->subject :
	    "", v);
	if (return_date_read(text, &recv, &back)) {
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
	/* A calendar REPLY marked Auto-Submitted (Google's, a gateway's)
	   is still a person's answer: RFC 3834 forbids answering it, not
	   reading it. */
	if (is_automatic(h->m) && has_calendar_reply(h->m)) {
		h->automatic = true;
		return handle_reply(h, cause);
	}
	if (is_automatic(h->m)) {
		h->rec.kind = "autoreply";
		if (identify(h, NULL, cause) == -1)
			return -1;
		set_who(h);
		h->outcome |= OUT_COORD;
		effect(h, "automatic reply: recorded, not answered");
		return_date(h);
		return 0;
	}
	/* The coordinator's answer to the register mail (register.c). */
	if ((seen = register_reply(h->cfg, h->st, h->now, h->m, &reg,
	    cause)) != 0) {
		h->rec.kind = (char *)reg.kind;
		h->rec.meeting_id = reg.meeting_id;
		h->outcome |= OUT_COORD;	/* the coordinator's own */
		if (reg.effect != NULL)
			effect(h, "%s", reg.effect);
		free(reg.effect);
		return seen == 1 ? 0 : -1;
	}
	return handle_reply(h, cause);
}

/* "answer,asked,coordinator", or "none". */
static char *
outcome_text(unsigned int o)
{
	struct buf	 b;

	buf_init(&b, 64);
	if (o & OUT_ANSWER)
		buf_addstr(&b, "answer,");
	if (o & OUT_ASKED)
		buf_addstr(&b, "asked,");
	if (o & OUT_COORD)
		buf_addstr(&b, "coordinator,");
	if (b.len == 0)
		buf_addstr(&b, "none,");
	b.data[--b.len] = '\0';
	return buf_take(&b);
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
		h->outcome |= OUT_COORD;
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
	h.rec.outcome = outcome_text(h.outcome);
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
	free(h.rec.outcome);
	free(h.rec.words);
	free(h.rec.misread_status);
	buf_free(&h.effect);
	if (h.found)
		recipient_clear(&h.who);
	pending_answer_clear(&h.pending);
	mail_free(h.m);
	return rc;
}
