/*
 * return-date.c: the day the writer of an out-of-office reply is back,
 * read from its text. Pure.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "fold.h"
#include "return-date.h"
#include "util.h"

/*
 * Out-of-office return dates. The text is folded as for answers, then
 * every date in it is found (day month [year], month day [year], d-m[-y],
 * d/m[/y], d.m[.y], ISO y-m-d) and kept only when a cue comes before it in
 * the same sentence: "terug", "back", "return*", "aanwezig", "tot",
 * "until" name the return day itself; "tot en met", "t/m", "through",
 * "to" (in "from … to …") the last day away, so the day after; "vanaf",
 * "from", "per", "as of" only when the sentence also says back or again
 * ("weer", "terug", "back", "again", "aanwezig", "bereikbaar").
 */

#define CUE_WINDOW	48	/* bytes before a date searched for a cue */

/* RET_TO: as RET_AFTER, but only right before the date ("… to 4 May"). */
enum ret_kind { RET_NONE, RET_ON, RET_AFTER, RET_TO, RET_IF_BACK };

struct ret_cue {
	const char	*word;
	enum ret_kind	 kind;
};

static const struct ret_cue ret_cues[] = {
	{ "terug", RET_ON }, { "back", RET_ON }, { "return", RET_ON },
	{ "returning", RET_ON }, { "returns", RET_ON }, { "aanwezig", RET_ON },
	{ "bereikbaar", RET_ON }, { "beschikbaar", RET_ON },
	{ "available", RET_ON }, { "in the office", RET_ON },
	{ "op kantoor", RET_ON }, { "tot", RET_ON }, { "until", RET_ON },
	{ "till", RET_ON }, { "untill", RET_ON }, { "weer", RET_ON },
	{ "again", RET_ON }, { "resume", RET_ON },
	{ "tot en met", RET_AFTER }, { "t/m", RET_AFTER }, { "tm", RET_AFTER },
	{ "through", RET_AFTER }, { "thru", RET_AFTER }, { "to", RET_TO },
	{ "including", RET_AFTER }, { "inclusive", RET_AFTER },
	{ "vanaf", RET_IF_BACK }, { "from", RET_IF_BACK },
	{ "per", RET_IF_BACK }, { "as of", RET_IF_BACK },
	{ "starting", RET_IF_BACK }
};

static const char *const ret_weekdays[] = {
	"maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag",
	"zondag", "monday", "tuesday", "wednesday", "thursday", "friday",
	"saturday", "sunday", "ma", "di", "wo", "do", "vr", "za", "zo", "mon",
	"tue", "wed", "thu", "fri", "sat", "sun", NULL
};

static const char *const ret_back_words[] = {
	"weer", "terug", "back", "again", "aanwezig", "bereikbaar",
	"beschikbaar", "available", "return", "returning", NULL
};

static const char *const ret_months[][4] = {
	{ "januari", "january", "jan", NULL },
	{ "februari", "february", "feb", "febr" },
	{ "maart", "march", "mrt", "mar" },
	{ "april", "apr", NULL, NULL },
	{ "mei", "may", NULL, NULL },
	{ "juni", "june", "jun", NULL },
	{ "juli", "july", "jul", NULL },
	{ "augustus", "august", "aug", NULL },
	{ "september", "sept", "sep", NULL },
	{ "oktober", "october", "okt", "oct" },
	{ "november", "nov", NULL, NULL },
	{ "december", "dec", NULL, NULL }
};

/* Folds text to lower-case ASCII, accents dropped (as for answers). */
static char *
ret_fold(const char *text)
{
	struct buf	 b;
	const unsigned char *p;

	buf_init(&b, strlen(text) + 1);
	for (p = (const unsigned char *)text; *p != '\0';)
		p += fold_char(p, &b);
	return buf_take(&b);
}

static bool
ret_alpha(char c)
{
	return c >= 'a' && c <= 'z';
}

static bool
ret_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Reads 1 to max digits at *p; returns -1 when there are none. */
static int
ret_number(const char **p, int max)
{
	int	 v = 0, n = 0;

	while (ret_digit(**p) && n < max + 1) {
		v = v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	if (n == 0 || n > max || ret_digit(**p))
		return -1;
	return v;
}

/* A month name at *p (a whole word, "dec." too): 1..12, else 0. */
static int
ret_month(const char **p)
{
	size_t	 m, k, len;

	for (len = 0; ret_alpha((*p)[len]); len++)
		;
	for (m = 0; m < nitems(ret_months); m++)
		for (k = 0; k < 4 && ret_months[m][k] != NULL; k++)
			if (strlen(ret_months[m][k]) == len &&
			    strncmp(*p, ret_months[m][k], len) == 0) {
				*p += len;
				if (**p == '.')
					(*p)++;
				return (int)m + 1;
			}
	return 0;
}

static void
ret_space(const char **p)
{
	while (**p == ' ' || **p == ',' || **p == '\t' || **p == '\n' ||
	    **p == '\r')
		(*p)++;
}

/* "5th", "1st", "2nd", "3rd", "5e", "5de", "1ste", then " of "/" van ". */
static void
ret_ordinal(const char **p)
{
	static const char *const suf[] = { "ste", "th", "st", "nd", "rd",
	    "de", "e" };
	size_t	 i, n;

	for (i = 0; i < nitems(suf); i++) {
		n = strlen(suf[i]);
		if (strncmp(*p, suf[i], n) == 0 && !ret_alpha((*p)[n])) {
			*p += n;
			break;
		}
	}
	ret_space(p);
	if (strncmp(*p, "of ", 3) == 0)
		*p += 3;
	else if (strncmp(*p, "van ", 4) == 0)
		*p += 4;
}

/* An optional four-digit year after a date ("7 december 2026"). */
static int
ret_year(const char **p)
{
	const char	*q = *p;
	int		 y;

	ret_space(&q);
	if ((y = ret_number(&q, 4)) >= 1970 && y <= 2200 && q - *p <= 6) {
		*p = q;
		return y;
	}
	return 0;
}

/* Digits first: ISO y-m-d, or d-m[-y] with - / or . between. */
static bool
ret_numeric(const char **p, struct ymd *d)
{
	const char	*q = *p;
	char		 sep;
	int		 a, b, c = 0;

	if ((a = ret_number(&q, 4)) < 0 || (*q != '-' && *q != '/' &&
	    *q != '.'))
		return false;
	sep = *q++;
	if ((b = ret_number(&q, 2)) < 0)
		return false;
	if (*q == sep && ret_digit(q[1])) {
		q++;
		if ((c = ret_number(&q, 4)) < 0)
			return false;
	}
	if (a >= 1970) {		/* ISO 8601 */
		*d = (struct ymd){ a, b, c };
	} else {
		if (c > 0 && c < 100)
			c += 2000;
		*d = (struct ymd){ c, b, a };
	}
	*p = q;
	return true;
}

/* A date starting at *p (a word start); advances *p past it. */
static bool
ret_date(const char **p, struct ymd *d)
{
	const char	*q = *p;
	int		 day, month;

	if (ret_digit(*q)) {
		if (ret_numeric(&q, d))
			goto found;
		q = *p;
		if ((day = ret_number(&q, 2)) < 1)
			return false;
		ret_ordinal(&q);
		if ((month = ret_month(&q)) == 0)
			return false;
		*d = (struct ymd){ ret_year(&q), month, day };
		goto found;
	}
	if ((month = ret_month(&q)) == 0)
		return false;
	ret_space(&q);
	if ((day = ret_number(&q, 2)) < 1)
		return false;
	ret_ordinal(&q);
	*d = (struct ymd){ ret_year(&q), month, day };
found:
	if (d->month < 1 || d->month > 12 || d->day < 1 || d->day > 31)
		return false;
	*p = q;
	return true;
}

/* Whether [p, date) holds nothing but space and at most a weekday. */
static bool
ret_adjacent(const char *p, const char *date)
{
	const char	*w;
	size_t		 i;

	while (p < date && (*p == ' ' || *p == ','))
		p++;
	for (w = p; p < date && ret_alpha(*p); p++)
		;
	for (i = 0; w < p && ret_weekdays[i] != NULL; i++)
		if (strlen(ret_weekdays[i]) == (size_t)(p - w) &&
		    strncmp(w, ret_weekdays[i], (size_t)(p - w)) == 0)
			break;
	if (w < p && ret_weekdays[i] == NULL)
		return false;
	while (p < date && (*p == ' ' || *p == ',' || *p == '.'))
		p++;
	return p == date;
}

/* The nearest cue in [from, to): the one ending last, longer on a tie. */
static enum ret_kind
ret_cue_before(const char *from, const char *to)
{
	const char	*hit, *end, *best_end = NULL;
	enum ret_kind	 kind = RET_NONE;
	size_t		 i, n, best_n = 0;

	for (i = 0; i < nitems(ret_cues); i++) {
		n = strlen(ret_cues[i].word);
		for (hit = from; (hit = memmem(hit, (size_t)(to - hit),
		    ret_cues[i].word, n)) != NULL; hit++) {
			end = hit + n;
			if ((hit > from && ret_alpha(hit[-1])) ||
			    (end < to && ret_alpha(*end)) ||
			    (ret_cues[i].kind == RET_TO &&
			    !ret_adjacent(end, to)))
				continue;
			if (best_end == NULL || end > best_end ||
			    (end == best_end && n > best_n)) {
				best_end = end;
				best_n = n;
				kind = ret_cues[i].kind;
			}
		}
	}
	return kind == RET_TO ? RET_AFTER : kind;
}

/* Whether [from, to) says back or again somewhere. */
static bool
ret_says_back(const char *from, const char *to)
{
	const char	*hit;
	size_t		 i, n;

	for (i = 0; ret_back_words[i] != NULL; i++) {
		n = strlen(ret_back_words[i]);
		for (hit = from; (hit = memmem(hit, (size_t)(to - hit),
		    ret_back_words[i], n)) != NULL; hit++)
			if ((hit == from || !ret_alpha(hit[-1])) &&
			    (hit + n == to || !ret_alpha(hit[n])))
				return true;
	}
	return false;
}

static bool
ret_sentence_end(const char *p)
{
	return *p == '!' || *p == '?' || *p == '\n' || *p == ';' ||
	    (*p == '.' && (p[1] == ' ' || p[1] == '\n' || p[1] == '\0'));
}

static int
ret_days_in(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

/* Days since 1970-01-01 (proleptic Gregorian), for comparing dates. */
static long
ret_serial(const struct ymd *d)
{
	int	 y = d->year - (d->month <= 2);
	int	 era = (y >= 0 ? y : y - 399) / 400;
	int	 yoe = y - era * 400;
	int	 doy = (153 * (d->month + (d->month > 2 ? -3 : 9)) + 2) / 5 +
	    d->day - 1;
	int	 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return (long)era * 146097 + doe - 719468;
}

/* Fills in a missing year, checks the day exists, applies "the day after". */
static bool
ret_settle(struct ymd *d, const struct ymd *recv,
    bool after)
{
	if (d->year == 0) {
		d->year = recv->year;
		if (d->day <= ret_days_in(d->year, d->month) &&
		    ret_serial(d) < ret_serial(recv) - 30)
			d->year++;
	}
	if (d->day > ret_days_in(d->year, d->month))
		return false;
	if (after && ++d->day > ret_days_in(d->year, d->month)) {
		d->day = 1;
		if (++d->month > 12) {
			d->month = 1;
			d->year++;
		}
	}
	return true;
}

bool
return_date_read(const char *text, const struct ymd *received,
    struct ymd *out)
{
	struct ymd	 d;
	enum ret_kind		 kind;
	const char		*p, *start, *sent = NULL, *end;
	char			*f;
	bool			 found = false;

	if (text == NULL)
		return false;
	f = ret_fold(text);
	for (p = sent = f; *p != '\0';) {
		if (ret_sentence_end(p)) {
			sent = ++p;
			continue;
		}
		start = p;
		/* A date starts a word: "12/01", not the "2/01" in it. */
		if ((p > f && (ret_alpha(p[-1]) || ret_digit(p[-1]))) ||
		    !ret_date(&p, &d)) {
			p = start + 1;
			continue;
		}
		kind = ret_cue_before(start - sent > CUE_WINDOW ?
		    start - CUE_WINDOW : sent, start);
		for (end = p; *end != '\0' && !ret_sentence_end(end); end++)
			;
		if (kind == RET_IF_BACK && ret_says_back(sent, end))
			kind = RET_ON;
		if ((kind == RET_ON || kind == RET_AFTER) &&
		    ret_settle(&d, received, kind == RET_AFTER) &&
		    (!found || ret_serial(&d) > ret_serial(out))) {
			*out = d;
			found = true;
		}
	}
	free(f);
	return found;
}
