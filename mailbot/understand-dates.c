/*
 * understand-dates.c: what a clause says of time and place: dates, months,
 * weekdays, periods ("vanaf", "until the 17th"), the meetings' places and
 * themes, and which of the writer's meetings they fit. Pure: no I/O.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fold.h"
#include "understand-int.h"
#include "util.h"

/* ---- the meetings a clause names ---- */

static const char *const months[12][5] = {
	{ "januari", "january", "jan", "jan.", NULL },
	{ "februari", "february", "feb", "febr", NULL },
	{ "maart", "march", "mrt", "mar", "maert" },
	{ "april", "apr", "avril", NULL, NULL },
	{ "mei", "may", NULL, NULL, NULL },
	{ "juni", "june", "jun", NULL, NULL },
	{ "juli", "july", "jul", NULL, NULL },
	{ "augustus", "august", "aug", NULL, NULL },
	{ "september", "sept", "sep", NULL, NULL },
	{ "oktober", "october", "okt", "oct", NULL },
	{ "november", "nov", NULL, NULL, NULL },
	{ "december", "dec", NULL, NULL, NULL }
};

static const char *const weekdays[7][6] = {
	{ "zondag", "sunday", "zo", "sun", NULL, NULL },
	{ "maandag", "monday", "ma", "mon", NULL, NULL },
	{ "dinsdag", "tuesday", "di", "tue", "tues", NULL },
	{ "woensdag", "wednesday", "wo", "wed", "woensdagmiddag", NULL },
	{ "donderdag", "thursday", "do", "thu", "thurs",
	    "donderdagmiddag" },
	{ "vrijdag", "friday", "vr", "fri", NULL, NULL },
	{ "zaterdag", "saturday", "za", "sat", NULL, NULL }
};

/* The month a word names (1..12), or 0. "may" only after a number or
   "in": "I may come" names nothing. */
int
und_month_of(const char *w)
{
	int	 m, k;

	for (m = 0; m < 12; m++)
		for (k = 0; k < 5 && months[m][k] != NULL; k++)
			if (strcmp(w, months[m][k]) == 0)
				return m + 1;
	return 0;
}

int
und_weekday_of(const char *w)
{
	int	 d, k;

	for (d = 0; d < 7; d++)
		for (k = 0; k < 6 && weekdays[d][k] != NULL; k++)
			if (strcmp(w, weekdays[d][k]) == 0)
				return d;
	return -1;
}

/* A day of the month: "14", "14e", "14de", "14ste", "14th", "1st". */
int
und_day_of(const char *w)
{
	char	*end;
	long	 d;

	if (!und_is_digit(w[0]))
		return 0;
	d = strtol(w, &end, 10);
	if (d < 1 || d > 31)
		return 0;
	if (*end == '\0' || strcmp(end, "e") == 0 || strcmp(end, "de") == 0 ||
	    strcmp(end, "ste") == 0 || strcmp(end, "th") == 0 ||
	    strcmp(end, "st") == 0 || strcmp(end, "nd") == 0 ||
	    strcmp(end, "rd") == 0)
		return (int)d;
	return 0;
}

/* A numeric date: 14-1, 14/01, 14-01-2027, 20/1/27. */
static bool
numeric_date(const char *w, int *day, int *month)
{
	char	*end;
	long	 d, m;

	d = strtol(w, &end, 10);
	if (*end != '-' && *end != '/')
		return false;
	m = strtol(end + 1, &end, 10);
	if (*end != '\0' && *end != '-' && *end != '/')
		return false;
	if (d < 1 || d > 31 || m < 1 || m > 12)
		return false;
	*day = (int)d;
	*month = (int)m;
	return true;
}


static void
ref_add(struct refs *r, int day, int month)
{
	if (r->n < REF_MAX) {
		r->day[r->n] = day;
		r->month[r->n] = month;
		r->n++;
	}
}

/* Folds a word of a place or theme for comparing with the text. */
bool
und_place_word(const char *place, const char *w)
{
	struct buf	 b;
	const unsigned char *p;
	char		*f, *s, *tok;
	bool		 found = false;

	if (place == NULL || strlen(w) < 4)
		return false;
	buf_init(&b, SIZE_MAX);
	for (p = (const unsigned char *)place; *p != '\0';)
		p += fold_char(p, &b);
	f = buf_take(&b);
	for (s = f; !found && (tok = strsep(&s, " ,.-/()")) != NULL;)
		found = strlen(tok) >= 4 && strcmp(tok, w) == 0;
	free(f);
	return found;
}

/* A date at token i: day and month (either 0 when not said); its end. */
static bool
date_at(const struct text *x, size_t i, size_t e, int *d, int *mo,
    size_t *end)
{
	*d = *mo = 0;
	*end = i;
	if (i < e && (strcmp(x->t[i].w, "the") == 0 ||
	    strcmp(x->t[i].w, "de") == 0))
		i++;
	if (i >= e)
		return false;
	if (numeric_date(x->t[i].w, d, mo)) {
		*end = i;
		return true;
	}
	if ((*d = und_day_of(x->t[i].w)) != 0) {
		if (i + 1 < e && (*mo = und_month_of(x->t[i + 1].w)) != 0)
			i++;
		*end = i;
		return true;
	}
	if ((*mo = und_month_of(x->t[i].w)) != 0) {
		if (i + 1 < e && (*d = und_day_of(x->t[i + 1].w)) != 0)
			i++;
		*end = i;
		return true;
	}
	return false;
}

/*
 * The words that open a period ("vanaf", "from", "sinds") or end one
 * ("tot", "until", "tot en met", "through"), with the date after them:
 * recorded in r, and *i moved past the date. False when w is none.
 */
static bool
period_marker(const struct text *x, size_t i, size_t e, struct refs *r,
    const char *w, size_t *i_out)
{
	static const char *const until[] = { "tot", "until", "till", "tm",
	    NULL };
	static const char *const through[] = { "through", "thru", "met",
	    "including", NULL };
	static const char *const from[] = { "vanaf", "from", "per",
	    "starting", NULL };
	static const char *const since[] = { "sinds", "since", NULL };
	size_t	 end;
	int	 d, mo;

	/* "from 30 November to 4 December": "to" ends a period begun. */
	if (!und_word_in(w, until) && !und_word_in(w, through) && !und_word_in(w, from) &&
	    !und_word_in(w, since) && !(r->from && strcmp(w, "to") == 0))
		return false;
	if (!date_at(x, i + 1, e, &d, &mo, &end))
		return false;
	if (und_word_in(w, since))
		r->ongoing = true;
	else if (und_word_in(w, from)) {
		r->from = true;
		r->from_d = d;
		r->from_m = mo;
	} else {
		r->until = true;
		r->until_incl = und_word_in(w, through);
		r->until_d = d;
		r->until_m = mo;
	}
	*i_out = end;
	return true;
}

void
und_clause_refs(const struct text *x, size_t b, size_t e,
    const struct understand_context *c, struct refs *r)
{
	size_t	 i, m;
	int	 d, mo, wd;

	memset(r, 0, sizeof(*r));
	r->wday = -1;
	for (i = b; i < e; i++) {
		const char *w = x->t[i].w;

		if (x->t[i].mean & (1ULL << LEX_ALL))
			r->all = true;
		/* "Tot de 14e!" sees you then: no period. */
		if (!(x->t[i].mean & (1ULL << LEX_ATTEND)) &&
		    period_marker(x, i, e, r, w, &i))
			continue;
		if (numeric_date(w, &d, &mo)) {
			ref_add(r, d, mo);
			continue;
		}
		if ((d = und_day_of(w)) != 0) {
			if (i + 1 < e && (mo = und_month_of(x->t[i + 1].w)) != 0) {
				ref_add(r, d, mo);
				i++;
			} else if (i > b && und_month_of(x->t[i - 1].w) != 0)
				;	/* "January 14": taken below */
			else if (!und_is_digit(w[strlen(w) - 1]) ||
			    (i > b && (strcmp(x->t[i - 1].w, "de") == 0 ||
			    strcmp(x->t[i - 1].w, "the") == 0)))
				r->ordinal_day = true, ref_add(r, d, 0);
			continue;
		}
		if ((mo = und_month_of(w)) != 0) {
			if (mo == 5 && strcmp(w, "may") == 0 && !(i > b &&
			    (strcmp(x->t[i - 1].w, "in") == 0 ||
			    und_day_of(x->t[i - 1].w) != 0)))
				continue;
			if (strcmp(w, "mar") == 0 || strcmp(w, "jun") == 0)
				if (!x->t[i].cap && !(i + 1 < e &&
				    und_day_of(x->t[i + 1].w) != 0))
					continue;
			if (i + 1 < e && (d = und_day_of(x->t[i + 1].w)) != 0) {
				ref_add(r, d, mo);
				i++;
			} else if (!(i > b && und_day_of(x->t[i - 1].w) != 0))
				ref_add(r, 0, mo);
			continue;
		}
		if ((wd = und_weekday_of(w)) >= 0 && (strlen(w) > 3 ||
		    x->t[i].cap)) {
			r->wday = wd;
			continue;
		}
		for (m = 0; c != NULL && m < c->nmeetings && m < MEET_MAX;
		    m++)
			if ((x->t[i].cap && und_place_word(c->meetings[m].place,
			    w)) || (strlen(w) >= 8 &&
			    und_place_word(c->meetings[m].theme, w))) {
				r->place |= 1ULL << m;
				r->placed = true;
			}
	}
}

/* The ordinal day alone ("de 14e") is a day of any month. */
static bool
date_fits(const struct understand_meeting *g, int day, int month)
{
	return (day == 0 || g->day == day) && (month == 0 ||
	    g->month == month);
}

/*
 * The meetings a clause names: every constraint it gives must fit (a
 * date or month, a weekday, a place). *named is false when it names
 * nothing; then the result is 0.
 */
/*
 * A day of the year as an ordinal that keeps the meetings' order across
 * New Year: months from two before the earliest meeting on count first.
 */
static int
day_ordinal(const struct understand_context *c, int day, int month)
{
	int	 m0 = 12;
	size_t	 m;

	for (m = 0; m < c->nmeetings && m < MEET_MAX; m++)
		if (c->meetings[m].month < m0 && c->meetings[m].year ==
		    c->meetings[0].year)
			m0 = c->meetings[m].month;
	if (m0 > 12)
		m0 = 1;
	return ((month - m0 + 14) % 12) * 32 + day;
}

/* Whether meeting g falls in the period r names. */
static bool
in_period(const struct refs *r, const struct understand_context *c,
    const struct understand_meeting *g)
{
	int	 at = day_ordinal(c, g->day, g->month);
	int	 from, until;

	if (r->from) {
		from = day_ordinal(c, r->from_d != 0 ? r->from_d : 1,
		    r->from_m != 0 ? r->from_m : g->month);
		if (at < from)
			return false;
	}
	if (r->until) {
		until = day_ordinal(c, r->until_d != 0 ? r->until_d : 1,
		    r->until_m != 0 ? r->until_m : (r->from_m != 0 ?
		    r->from_m : g->month));
		if (at > until || (at == until && !r->until_incl))
			return false;
	}
	return true;
}

/*
 * The meetings a clause names: every constraint it gives must fit (a
 * date or month, a period, a weekday, a place). *named is false when it
 * names nothing; then the result is 0.
 */
uint64_t
und_refs_meetings(const struct refs *r, const struct understand_context *c,
    bool *named)
{
	struct refs	 p = *r;
	uint64_t	 set = 0, fit;
	size_t		 m, k;

	/* "I fly out on the 11th and I'm back on the 17th": a day and an
	   end make a period. */
	if (p.until && !p.from && p.n > 0) {
		p.from = true;
		p.from_d = p.day[0];
		p.from_m = p.month[0];
		p.n = 0;
	}
	*named = p.n > 0 || p.wday >= 0 || p.placed || p.from || p.until;
	if (!*named || c == NULL)
		return 0;
	for (m = 0; m < c->nmeetings && m < MEET_MAX; m++) {
		const struct understand_meeting *g = &c->meetings[m];

		fit = 1;
		if (p.n > 0) {
			for (fit = 0, k = 0; k < p.n; k++)
				if (date_fits(g, p.day[k], p.month[k]))
					fit = 1;
		}
		if ((p.from || p.until) && !in_period(&p, c, g))
			fit = 0;
		if (p.wday >= 0 && g->wday != p.wday)
			fit = 0;
		if (p.placed && !(p.place & (1ULL << m)))
			fit = 0;
		if (fit)
			set |= 1ULL << m;
	}
	return set;
}
