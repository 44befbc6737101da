/*
 * register.c: the coordinator fills the register by replying to the
 * register mail (digest.c sends it). Reading the reply is pure; applying
 * it writes the register and queues a confirmation, in the transaction of
 * the incoming message. I/O only through the store.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config.h"
#include "invite.h"
#include "log.h"
#include "mail.h"
#include "quote.h"
#include "register.h"
#include "store.h"
#include "template.h"
#include "token.h"
#include "util.h"

#define NAMES_MAX	200	/* names read from one reply */

enum list_mode { MODE_NONE, MODE_ABSENT, MODE_PRESENT };

/* Line starts, lower-case; the longer of two overlapping ones first. */
static const char *const absent_words[] = { "niet aanwezig", "afwezig",
    "not present", "not there", "absent", "missing", "ontbraken",
    "ontbrak" };
static const char *const present_words[] = { "ook aanwezig",
    "wel aanwezig", "also present", "aanwezig", "present", "attended" };
static const char *const everyone_words[] = { "iedereen", "everyone",
    "everybody", "allemaal", "voltallig", "all present", "niemand afwezig",
    "nobody absent", "no one absent", "none absent" };
static const char *const except_words[] = { "behalve", "except", "but",
    "minus" };
static const char *const nobody_words[] = { "niemand", "geen", "none",
    "nobody", "no one", "-" };
static const char *const closing_words[] = { "groet", "met vriendelijke",
    "vriendelijke groet", "hartelijke groet", "regards", "kind regards",
    "best,", "thanks", "thank you", "bedankt", "dank", "cheers", "mvg" };

static bool
starts_word(const char *s, const char *w, const char **rest)
{
	size_t	 n = strlen(w);

	if (strncasecmp(s, w, n) != 0)
		return false;
	if (s[n] != '\0' && s[n] != ' ' && s[n] != ':' && s[n] != '\t' &&
	    s[n] != ',')
		return false;
	*rest = s + n;
	return true;
}

static bool
starts_any(const char *s, const char *const *words, size_t n,
    const char **rest)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (starts_word(s, words[i], rest))
			return true;
	return false;
}

/* w appears in s as a whole word (case-insensitive); *after past it. */
static bool
has_word(const char *s, const char *w, const char **after)
{
	const char	*p = s;
	size_t		 n = strlen(w);

	while ((p = strcasestr(p, w)) != NULL) {
		if ((p == s || p[-1] == ' ' || p[-1] == ',') &&
		    (p[n] == '\0' || strchr(" ,.:;!", p[n]) != NULL)) {
			*after = p + n;
			return true;
		}
		p += n;
	}
	return false;
}

static void
names_add(char ***v, size_t *n, const char *s, size_t len)
{
	char	*name = xstrndup(s, len), *p;

	if ((p = strchr(name, '(')) != NULL)
		*p = '\0';
	str_trim(name);
	while (*name != '\0' && strchr("-*•:", *name) != NULL)
		memmove(name, name + 1, strlen(name));
	str_trim(name);
	p = name + strlen(name);
	while (p > name && strchr(".!?", p[-1]) != NULL)
		*--p = '\0';
	str_trim(name);
	if (strncasecmp(name, "en ", 3) == 0)
		memmove(name, name + 3, strlen(name + 3) + 1);
	else if (strncasecmp(name, "and ", 4) == 0)
		memmove(name, name + 4, strlen(name + 4) + 1);
	str_trim(name);
	if (*name == '\0' || *n >= NAMES_MAX) {
		free(name);
		return;
	}
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[(*n)++] = name;
}

/* Splits a list of names at , ; / & and the words "en" and "and". */
static void
names_split(char ***v, size_t *n, const char *s)
{
	const char	*p = s, *cut, *w;
	size_t		 skip;

	while (*p != '\0') {
		cut = p + strcspn(p, ",;/&+");
		skip = *cut != '\0' ? 1 : 0;
		if ((w = strcasestr(p, " en ")) != NULL && w < cut) {
			cut = w;
			skip = 4;
		}
		if ((w = strcasestr(p, " and ")) != NULL && w < cut) {
			cut = w;
			skip = 5;
		}
		names_add(v, n, p, (size_t)(cut - p));
		p = cut + skip;
	}
}

/* A list after a keyword: "afwezig: Jansen", "afwezig waren Jansen". */
static void
list_read(struct register_answer *out, enum list_mode mode,
    const char *rest)
{
	const char	*r;
	size_t		 i;

	while (*rest == ' ' || *rest == ':' || *rest == '\t')
		rest++;
	if (starts_word(rest, "waren", &r) || starts_word(rest, "was", &r) ||
	    starts_word(rest, "were", &r) || starts_word(rest, "zijn", &r))
		rest = r + strspn(r, " :\t");
	if (mode == MODE_ABSENT) {
		for (i = 0; i < nitems(nobody_words); i++)
			if (strcasecmp(rest, nobody_words[i]) == 0) {
				out->everyone = true;
				return;
			}
		names_split(&out->absent, &out->nabsent, rest);
	} else
		names_split(&out->present, &out->npresent, rest);
}

/* One line: a keyword starts a list, "everyone" ends the matter. */
static enum list_mode
line_read(struct register_answer *out, enum list_mode mode, char *line)
{
	const char	*rest;
	size_t		 i;

	str_trim(line);
	if (*line == '\0' || starts_any(line, closing_words,
	    nitems(closing_words), &rest))
		return MODE_NONE;
	if (starts_any(line, absent_words, nitems(absent_words), &rest)) {
		out->understood = true;
		list_read(out, MODE_ABSENT, rest);
		return MODE_ABSENT;
	}
	if (starts_any(line, present_words, nitems(present_words), &rest)) {
		out->understood = true;
		list_read(out, MODE_PRESENT, rest);
		return MODE_PRESENT;
	}
	for (i = 0; i < nitems(everyone_words); i++) {
		if (!has_word(line, everyone_words[i], &rest))
			continue;
		out->understood = true;
		out->everyone = true;
		for (i = 0; i < nitems(except_words); i++)
			if (has_word(rest, except_words[i], &rest)) {
				list_read(out, MODE_ABSENT, rest);
				return MODE_ABSENT;
			}
		return MODE_NONE;
	}
	if (mode != MODE_NONE)
		list_read(out, mode, line);
	return mode;
}

/*
 * Where the first sentence of s ends: just after a ".", "!" or "?" that
 * is followed by a space, or NULL when s is one sentence. A full stop
 * after an initial ("J. de Vries") or a title ("dhr.", "dr.") ends none.
 */
static char *
sentence_end(char *s)
{
	static const char *const titles[] = { "dhr", "mevr", "mw", "dr",
	    "drs", "ir", "ing", "mr", "prof", "mrs", "ms", "st" };
	char	*p, *w;
	size_t	 len, i;
	bool	 title;

	for (p = s; *p != '\0'; p++) {
		if (strchr(".!?", *p) == NULL || p[1] != ' ')
			continue;
		if (*p != '.')
			return p + 1;
		for (w = p; w > s && w[-1] != ' '; w--)
			;
		len = (size_t)(p - w);
		title = len <= 1;
		for (i = 0; !title && i < nitems(titles); i++)
			title = strlen(titles[i]) == len &&
			    strncasecmp(w, titles[i], len) == 0;
		if (!title)
			return p + 1;
	}
	return NULL;
}

/*
 * Line by line, and within a line sentence by sentence: a list named on
 * one line goes on over the next lines ("Afwezig:" above a column of
 * names), but never into the next sentence ("Absent: Smith. Sorry for
 * the delay.").
 */
void
register_parse(const char *text, struct register_answer *out)
{
	enum list_mode	 mode = MODE_NONE;
	char		*copy = xstrdup(text != NULL ? text : ""), *line, *nl;
	char		*sent, *next;

	memset(out, 0, sizeof(*out));
	for (line = copy; line != NULL; line = nl) {
		if ((nl = strchr(line, '\n')) != NULL)
			*nl++ = '\0';
		for (sent = line; sent != NULL; sent = next) {
			if ((next = sentence_end(sent)) != NULL)
				*next++ = '\0';
			mode = line_read(out, sent == line ? mode : MODE_NONE,
			    sent);
		}
	}
	free(copy);
}

void
register_answer_clear(struct register_answer *a)
{
	size_t	 i;

	for (i = 0; i < a->nabsent; i++)
		free(a->absent[i]);
	for (i = 0; i < a->npresent; i++)
		free(a->present[i]);
	free(a->absent);
	free(a->present);
	memset(a, 0, sizeof(*a));
}

/* The token of a meeting's register: in its own id space (< 0). */
static int
register_token(struct store *st, int64_t meeting_id,
    char token[TOKEN_LEN + 1], char **cause)
{
	unsigned char	 secret[STORE_SECRET_LEN];

	if (store_secret(st, secret, cause) == -1)
		return -1;
	token_make(secret, sizeof(secret), -meeting_id, token);
	explicit_bzero(secret, sizeof(secret));
	return 0;
}

char *
register_address(const struct config *cfg, struct store *st,
    int64_t meeting_id, char **cause)
{
	const char	*at = strchr(cfg->address, '@');
	char		 token[TOKEN_LEN + 1], *s;

	if (register_token(st, meeting_id, token, cause) == -1)
		return NULL;
	xasprintf(&s, "%.*s+reg-%lld-%s%s", (int)(at - cfg->address),
	    cfg->address, (long long)meeting_id, token, at);
	return s;
}

/*
 * The register address among m's recipients: 1 with *meeting_out and the
 * token (TOKEN_LEN + 1), 0 when there is none.
 */
static int
register_find(const struct config *cfg, const char *to,
    int64_t *meeting_out, char token[TOKEN_LEN + 1])
{
	const char	*at = strchr(cfg->address, '@'), *p, *e;
	size_t		 local = (size_t)(at - cfg->address);
	long long	 id;
	char		*num;
	int		 ok;

	for (p = to; p != NULL && (p = strstr(p, "+reg-")) != NULL; p += 5) {
		if ((size_t)(p - to) < local || strncasecmp(p - local,
		    cfg->address, local) != 0)
			continue;
		e = p + 5 + strspn(p + 5, "0123456789");
		if (e == p + 5 || *e != '-' || strlen(e + 1) < TOKEN_LEN ||
		    strncasecmp(e + 1 + TOKEN_LEN, at, strlen(at)) != 0)
			continue;
		num = xstrndup(p + 5, (size_t)(e - p - 5));
		ok = str_to_int(num, 1, INT64_MAX, &id);
		free(num);
		if (ok == -1)
			continue;
		*meeting_out = id;
		memcpy(token, e + 1, TOKEN_LEN);
		token[TOKEN_LEN] = '\0';
		return 1;
	}
	return 0;
}

/* Compares without stopping at the first difference. */
static bool
token_equal(const char *a, const char *b)
{
	unsigned char	 d = 0;
	size_t		 i;

	for (i = 0; i < TOKEN_LEN; i++)
		d |= (unsigned char)(a[i] ^ b[i]);
	return d == 0;
}

/* The part of a name after its first word: "de Vries", "Jansen". */
static const char *
surname(const char *name)
{
	const char	*s = strchr(name, ' ');

	return s != NULL ? s + 1 : NULL;
}

static bool
name_is(const struct attendee *a, const char *name, int level)
{
	const char	*s, *last;
	size_t		 first;

	switch (level) {
	case 0:
		return strcasecmp(a->email, name) == 0;
	case 1:
		return strcasecmp(a->name, name) == 0;
	case 2:
		return (s = surname(a->name)) != NULL &&
		    strcasecmp(s, name) == 0;
	case 3:
		last = strrchr(a->name, ' ');
		return last != NULL && strcasecmp(last + 1, name) == 0;
	default:
		first = strcspn(a->name, " ");
		return strlen(name) == first &&
		    strncasecmp(a->name, name, first) == 0;
	}
}

/*
 * The person a name means: the address, the full name, the surname, the
 * last word of the name, the first name, in that order; the first way
 * that fits exactly one person decides. Returns the index, or n.
 */
static size_t
name_find(const struct attendee *v, size_t n, const char *name)
{
	size_t	 i, found, hits;
	int	 level;

	for (level = 0; level < 5; level++) {
		for (i = 0, hits = 0, found = n; i < n; i++)
			if (name_is(&v[i], name, level)) {
				hits++;
				found = i;
			}
		if (hits == 1)
			return found;
		if (hits > 1)
			return n;	/* ambiguous: say so, record nothing */
	}
	return n;
}

static void
list_add(struct buf *b, const char *s)
{
	if (b->len > 0)
		buf_addstr(b, ", ");
	buf_addstr(b, s);
}

/* What the answer means for each person: -1 unchanged, 0 absent, 1 there. */
static void
register_marks(const struct register_answer *ans, const struct attendee *v,
    size_t n, int *mark, struct buf *unknown)
{
	size_t	 i, k;

	for (i = 0; i < n; i++)
		mark[i] = -1;
	for (i = 0; i < ans->nabsent; i++) {
		if ((k = name_find(v, n, ans->absent[i])) < n)
			mark[k] = 0;
		else
			list_add(unknown, ans->absent[i]);
	}
	for (i = 0; i < ans->npresent; i++) {
		if ((k = name_find(v, n, ans->present[i])) < n)
			mark[k] = 1;
		else
			list_add(unknown, ans->present[i]);
	}
	if (!ans->everyone && ans->nabsent == 0)
		return;
	/* Everyone expected who is not named absent was there. */
	for (i = 0; i < n; i++)
		if (mark[i] == -1 && (strcmp(v[i].status, "accepted") == 0 ||
		    v[i].present == 1))
			mark[i] = 1;
}

/* The confirmation to the coordinator: what was recorded, what not. */
static int
register_confirm(const struct config *cfg, struct store *st, time_t now,
    const struct meeting *g, const struct mail *m, const char *counts[4],
    char **cause)
{
	struct invite_ctx	 c = { { cfg, st, now }, 0, false };
	char			*date = template_date(g->start, g->tzid,
				    cfg->language);
	int			 rc;
	const struct template_var vars[] = {
		{ "network", g->network },
		{ "date", date },
		{ "present", counts[0] },
		{ "absent", counts[1] },
		{ "unknown", counts[2] },
		{ "unclear", counts[3] },
	};
	const struct invite_notice n = { "confirmation", "register-done",
	    cfg->language, vars, nitems(vars), g->network, cfg->coordinator,
	    NULL, NULL, m->message_id, false, g->id, 0, 0 };

	rc = invite_notice_queue(&c, &n, cause);
	free(date);
	return rc;
}

/* Records the marks; counts[0] present, counts[1] the absent names. */
static int
register_apply(struct store *st, const struct meeting *g,
    const struct attendee *v, size_t n, const int *mark, struct buf *absent,
    int *present_out, char **cause)
{
	size_t	 i;

	*present_out = 0;
	for (i = 0; i < n; i++) {
		if (mark[i] == -1)
			continue;
		if (store_register_set(st, g->id, v[i].email, mark[i] == 1,
		    cause) == -1)
			return -1;
		if (mark[i] == 1)
			(*present_out)++;
		else
			list_add(absent, v[i].name);
	}
	return 0;
}

static int
register_fill(const struct config *cfg, struct store *st, time_t now,
    const struct mail *m, const struct meeting *g,
    struct register_result *out, char **cause)
{
	struct register_answer	 ans;
	struct attendee		*v = NULL;
	struct buf		 unknown, absent;
	size_t			 n = 0;
	int			*mark = NULL, present = 0, rc = -1;
	char			*text = quote_mail_visible(m), num[16];
	const char		*counts[4] = { NULL };

	register_parse(text, &ans);
	buf_init(&unknown, 64 * 1024);
	buf_init(&absent, 64 * 1024);
	if (store_attendees(st, g->id, &v, &n, cause) == -1)
		goto out;
	mark = xcalloc(n + 1, sizeof(*mark));
	register_marks(&ans, v, n, mark, &unknown);
	if (register_apply(st, g, v, n, mark, &absent, &present, cause) == -1)
		goto out;
	snprintf(num, sizeof(num), "%d", present);
	counts[0] = num;
	counts[1] = absent.len > 0 ? absent.data : NULL;
	counts[2] = unknown.len > 0 ? unknown.data : NULL;
	counts[3] = ans.understood ? NULL : "yes";
	xasprintf(&out->effect, "register of meeting %lld: %d present, "
	    "absent: %s; not recognised: %s%s", (long long)g->id, present,
	    absent.len > 0 ? absent.data : "none", unknown.len > 0 ?
	    unknown.data : "none", ans.understood ? "" : "; not understood");
	rc = register_confirm(cfg, st, now, g, m, counts, cause);
out:
	free(mark);
	free(text);
	buf_free(&unknown);
	buf_free(&absent);
	attendee_array_free(v, n);
	register_answer_clear(&ans);
	return rc;
}

int
register_reply(const struct config *cfg, struct store *st, time_t now,
    const struct mail *m, struct register_result *out, char **cause)
{
	struct meeting	 g;
	char		 got[TOKEN_LEN + 1], want[TOKEN_LEN + 1];
	int64_t		 id;
	int		 found, rc;

	memset(out, 0, sizeof(*out));
	if (register_find(cfg, m->to, &id, got) == 0)
		return 0;
	out->kind = "not_member";
	str_lower(got);
	if (register_token(st, id, want, cause) == -1)
		return -1;
	if (!token_equal(got, want) ||
	    (found = store_meeting_get(st, id, &g, cause)) == 0) {
		out->effect = xstrdup("register reply with a wrong token: "
		    "nothing changed");
		return 1;
	}
	if (found == -1)
		return -1;
	out->kind = "rsvp";
	out->meeting_id = id;
	rc = register_fill(cfg, st, now, m, &g, out, cause);
	meeting_clear(&g);
	return rc == -1 ? -1 : 1;
}
