/*
 * understand.c: reads the visible text of a reply. The text is folded
 * (lower-case ASCII, accents dropped), cut into sentences, clauses and
 * words; the lexicons (lexicon/nl.tsv and en.tsv, as data) mark what each word or
 * idiom means; each clause is then read for its frame, its polarity, its
 * modality and the meeting it names, and the clauses are weighed per
 * meeting. Pure: no I/O.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fold.h"
#include "lexicon.h"
#include "understand.h"
#include "util.h"

#define TEXT_MAX	(64 * 1024)	/* bytes of a reply that are read */
#define TOK_MAX		8192		/* words of a reply */
#define WORD_MAX	32		/* bytes of one folded word */
#define PAT_MAX		8		/* words of one pattern */
#define HIT_MAX		64		/* pattern hits kept per clause */
#define MEET_MAX	64		/* meetings weighed */
#define REF_MAX		8		/* dates named in one clause */
#define NOTE_MAX	2000		/* bytes of the note */

/* Emoji that answer: folded into a word of their own. */
#define EMO_YES		"+emo"
#define EMO_NO		"-emo"
#define EMO_MAYBE	"?emo"
#define EMO_SHRUG	"~emo"

struct tok {
	char	 w[WORD_MAX];	/* folded */
	size_t	 off, len;	/* in the original text */
	bool	 cap;		/* written with a capital */
	bool	 num;		/* starts with a digit */
	bool	 sep;		/* a clause separator: , : ( ) or a dash */
	bool	 used;		/* taken by a pattern */
	uint64_t mean;		/* bit per lex_meaning matched here */
};

struct sent {
	size_t	 tb, te;	/* tokens [tb, te) */
	size_t	 off, len;	/* in the original text */
	bool	 q;		/* ends in '?' */
};

struct ptok {
	char	 w[WORD_MAX];
	enum { PT_WORD, PT_PREFIX, PT_SUFFIX, PT_NUM, PT_ANY, PT_GAP } kind;
};

struct pat {
	enum lex_meaning meaning;
	size_t		 order;		/* in the lexicon files */
	struct ptok	 t[PAT_MAX];
	size_t		 n;		/* words, gaps not counted */
	size_t		 nt;		/* entries in t */
};

struct alias {
	char	 from[WORD_MAX];
	char	 to[WORD_MAX];
};

/* The lexicon, compiled for one reading. */
struct lex {
	struct pat	*p;
	size_t		 np;
	struct alias	*a;
	size_t		 na;
};

/* One pattern found in a clause: tokens [b, e]. */
struct hit {
	enum lex_meaning meaning;
	size_t		 b, e;
};

/* The whole text, cut up. */
struct text {
	const char	*src;
	size_t		 srclen;
	struct tok	*t;
	size_t		 nt;
	struct sent	*s;
	size_t		 ns;
};

/* ---- the lexicon ---- */

static void
ptok_set(struct ptok *pt, const char *w, size_t n)
{
	if (n >= WORD_MAX)
		n = WORD_MAX - 1;
	pt->kind = PT_WORD;
	if (n == 3 && memcmp(w, "...", 3) == 0)
		pt->kind = PT_GAP;
	else if (n == 1 && *w == '#')
		pt->kind = PT_NUM;
	else if (n == 1 && *w == '_')
		pt->kind = PT_ANY;
	else if (n > 1 && w[n - 1] == '*') {
		pt->kind = PT_PREFIX;
		n--;
	} else if (n > 1 && w[0] == '*') {
		pt->kind = PT_SUFFIX;
		w++;
		n--;
	}
	memcpy(pt->w, w, n);
	pt->w[n] = '\0';
}

static int
pat_longer(const void *x, const void *y)
{
	const struct pat *a = x, *b = y;

	if (a->n != b->n)
		return a->n > b->n ? -1 : 1;
	return a->order < b->order ? -1 : (a->order > b->order);
}

static void
lex_compile(struct lex *l)
{
	size_t		 i, n;
	const char	*p, *e;

	l->p = xreallocarray(NULL, nlexicon, sizeof(*l->p));
	l->a = xreallocarray(NULL, nlexicon, sizeof(*l->a));
	l->np = l->na = 0;
	for (i = 0; i < nlexicon; i++) {
		p = lexicon[i].pattern;
		if (lexicon[i].meaning == LEX_ALIAS) {
			struct alias *a = &l->a[l->na++];

			e = strchr(p, '=');
			n = (size_t)(e - p) < WORD_MAX ? (size_t)(e - p) :
			    WORD_MAX - 1;
			memcpy(a->from, p, n);
			a->from[n] = '\0';
			snprintf(a->to, sizeof(a->to), "%s", e + 1);
			continue;
		}
		struct pat *pt = &l->p[l->np++];

		memset(pt, 0, sizeof(*pt));
		pt->meaning = lexicon[i].meaning;
		pt->order = i;
		while (*p != '\0' && pt->nt < PAT_MAX) {
			e = p + strcspn(p, " ");
			ptok_set(&pt->t[pt->nt], p, (size_t)(e - p));
			if (pt->t[pt->nt].kind != PT_GAP)
				pt->n++;
			pt->nt++;
			p = *e == ' ' ? e + 1 : e;
		}
	}
	/* Longer patterns first; among equals, file order. */
	qsort(l->p, l->np, sizeof(*l->p), pat_longer);
}

/*
 * The compiled lexicon: built once, on first use, from the constant
 * tables, and never changed after; every reading shares it.
 */
static void
lex_load(struct lex *l)
{
	static struct lex	 compiled;
	static bool		 done;

	if (!done) {
		lex_compile(&compiled);
		done = true;
	}
	*l = compiled;
}

static void
lex_free(struct lex *l)
{
	(void)l;	/* shared: see lex_load */
}

/* ---- cutting the text up ---- */

/* The code point of the UTF-8 sequence at p (n bytes), or 0. */
static uint32_t
codepoint(const unsigned char *p, size_t n)
{
	if (n == 2)
		return ((uint32_t)(p[0] & 0x1f) << 6) | (p[1] & 0x3f);
	if (n == 3)
		return ((uint32_t)(p[0] & 0x0f) << 12) |
		    ((uint32_t)(p[1] & 0x3f) << 6) | (p[2] & 0x3f);
	if (n == 4)
		return ((uint32_t)(p[0] & 0x07) << 18) |
		    ((uint32_t)(p[1] & 0x3f) << 12) |
		    ((uint32_t)(p[2] & 0x3f) << 6) | (p[3] & 0x3f);
	return 0;
}

/* An emoji that answers: its word, else NULL. */
static const char *
emoji_word(uint32_t cp)
{
	switch (cp) {
	case 0x1f44d:	/* thumbs up */
	case 0x2705:	/* check mark button */
	case 0x2714:	/* check mark */
	case 0x2611:	/* ballot box with check */
	case 0x1f44c:	/* OK hand */
	case 0x1f64b:	/* raising hand */
	case 0x1f197:	/* OK button */
		return EMO_YES;
	case 0x1f44e:	/* thumbs down */
	case 0x274c:	/* cross mark */
	case 0x2716:	/* heavy multiplication x */
	case 0x1f6ab:	/* prohibited */
		return EMO_NO;
	case 0x1f91e:	/* crossed fingers */
		return EMO_MAYBE;
	case 0x1f937:	/* shrug */
		return EMO_SHRUG;
	default:
		return NULL;
	}
}

static bool
is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * The folded copy of the text, one byte per character, and where each
 * folded byte came from; emoji that answer become a word of their own
 * (bracketed by spaces, so "\x01" never needs to be a character).
 */
struct folded {
	char	*f;
	size_t	*from;
	size_t	 n;
};

static void
fold_text(const char *src, size_t len, struct folded *out)
{
	struct buf	 b;
	const unsigned char *p = (const unsigned char *)src;
	size_t		 i = 0, n, k, cap = len * 6 + 16;
	const char	*emo;

	buf_init(&b, SIZE_MAX);
	out->from = xreallocarray(NULL, cap, sizeof(*out->from));
	while (i < len) {
		n = utf8_len(p + i, len - i);
		emo = n >= 2 ? emoji_word(codepoint(p + i, n)) : NULL;
		k = b.len;
		if (emo != NULL) {
			buf_printf(&b, " %s ", emo);
		} else if (n == 0) {
			buf_add(&b, " ", 1);
			n = 1;
		} else
			fold_char(p + i, &b);
		for (; k < b.len; k++)
			out->from[k] = i;
		i += n;
	}
	out->n = b.len;
	out->f = buf_take(&b);
	out->from[out->n] = len;
}

/* Words that end a sentence with their period: titles, initials. */
static bool
abbreviation(const char *w)
{
	static const char *const abbr[] = { "dhr", "mw", "mevr", "drs", "dr",
	    "ir", "prof", "mr", "mrs", "ms", "st", "bv", "nl", "ca", "vs",
	    "o", "a", "v", "e", "g", "i", "z", "etc", "jr", "sr", "ing",
	    "bijv", "resp", "incl", "excl", "evt", "mbt", "ivm", NULL };
	size_t	 i;

	if (w[0] != '\0' && w[1] == '\0')
		return true;	/* an initial: "J. Jansen" */
	for (i = 0; abbr[i] != NULL; i++)
		if (strcmp(w, abbr[i]) == 0)
			return true;
	return false;
}

struct cutter {
	struct text	*x;
	struct folded	*fd;
	const struct lex *lx;
	size_t		 sent_tb;	/* first token of the sentence */
	size_t		 sent_off;	/* its first byte, original */
};

static void
sent_end(struct cutter *c, size_t end_off, bool q)
{
	struct text	*x = c->x;
	struct sent	*s;

	if (x->nt > c->sent_tb) {
		x->s = xreallocarray(x->s, x->ns + 1, sizeof(*x->s));
		s = &x->s[x->ns++];
		s->tb = c->sent_tb;
		s->te = x->nt;
		s->off = c->sent_off;
		s->len = end_off > c->sent_off ? end_off - c->sent_off : 0;
		s->q = q;
	}
	c->sent_tb = x->nt;
	c->sent_off = end_off;
}

static struct tok *
tok_push(struct cutter *c, size_t fb, size_t fe)
{
	struct text	*x = c->x;
	struct tok	*t;
	size_t		 n = fe - fb, i, k;

	if (x->nt == TOK_MAX)
		return NULL;
	t = &x->t[x->nt++];
	memset(t, 0, sizeof(*t));
	for (i = fb, k = 0; i < fe && k < WORD_MAX - 1; i++)
		if (c->fd->f[i] != '\'')
			t->w[k++] = c->fd->f[i];
	t->w[k] = '\0';
	t->off = c->fd->from[fb];
	t->len = c->fd->from[fe] - t->off;
	t->cap = (unsigned char)c->x->src[t->off] >= 'A' &&
	    (unsigned char)c->x->src[t->off] <= 'Z';
	t->num = n > 0 && is_digit(t->w[0]);
	for (i = 0; i < c->lx->na; i++)
		if (strcmp(t->w, c->lx->a[i].from) == 0) {
			snprintf(t->w, sizeof(t->w), "%s", c->lx->a[i].to);
			break;
		}
	return t;
}

static void
sep_push(struct cutter *c, size_t fi)
{
	struct tok	*t;

	if (c->x->nt == c->sent_tb || c->x->t[c->x->nt - 1].sep)
		return;		/* nothing before it to separate */
	if ((t = tok_push(c, fi, fi + 1)) != NULL) {
		t->sep = true;
		t->w[0] = ',';
		t->w[1] = '\0';
	}
}

/* The word from i holds or will hold an '@' before a space: an address. */
static bool
address_ahead(const char *f, size_t i, size_t j, size_t n)
{
	if (memchr(f + i, '@', j - i) != NULL)
		return true;
	for (; j < n && (is_alnum(f[j]) || f[j] == '.' || f[j] == '-' ||
	    f[j] == '_' || f[j] == '+'); j++)
		;
	return j < n && f[j] == '@';
}

/* The word at f[i]: letters, digits, inner ' - and, between digits, . : / */
static size_t
word_end(const char *f, size_t i, size_t n)
{
	size_t	 j = i;

	if (f[j] == '+' && j + 1 < n && is_digit(f[j + 1]))
		j++;
	while (j < n) {
		if (is_alnum(f[j]) || f[j] == '@' || f[j] == '_')
			j++;
		else if ((f[j] == '\'' || f[j] == '-') && j > i &&
		    j + 1 < n && is_alnum(f[j + 1]))
			j++;
		else if ((f[j] == '.' || f[j] == ':' || f[j] == '/') &&
		    j > i && j + 1 < n && is_digit(f[j - 1]) &&
		    is_digit(f[j + 1]))
			j++;
		else if (f[j] == '.' && j > i && j + 1 < n &&
		    is_alnum(f[j + 1]) && address_ahead(f, i, j, n))
			j++;	/* an address: a.b@c.d */
		else
			break;
	}
	return j;
}

static bool
is_emo(const char *f, size_t left)
{
	return left >= 4 && (strncmp(f, EMO_YES, 4) == 0 ||
	    strncmp(f, EMO_NO, 4) == 0 || strncmp(f, EMO_MAYBE, 4) == 0 ||
	    strncmp(f, EMO_SHRUG, 4) == 0);
}

/*
 * A line break ends a sentence when a blank line follows, or the next line
 * starts with a capital or an emoji, or the line is short (a list, a
 * mobile reply): wrapped prose runs on.
 */
static bool
line_ends_sentence(const struct cutter *c, size_t i)
{
	const char	*f = c->fd->f;
	size_t		 n = c->fd->n, j = i + 1, b;

	while (j < n && (f[j] == ' ' || f[j] == '\t' || f[j] == '\r'))
		j++;
	if (j >= n || f[j] == '\n')
		return true;
	b = c->fd->from[j];
	if ((unsigned char)c->x->src[b] >= 'A' &&
	    (unsigned char)c->x->src[b] <= 'Z')
		return true;
	if ((unsigned char)c->x->src[b] >= 0xc0 && !is_alnum(f[j]))
		return true;
	/* A short line before: under 40 characters of folded text. */
	for (b = i; b > 0 && f[b - 1] != '\n'; b--)
		;
	return i - b < 40;
}

static void
cut(struct text *x, const struct lex *lx)
{
	struct folded	 fd;
	struct cutter	 c = { x, &fd, lx, 0, 0 };
	const char	*f;
	size_t		 i, e;
	struct tok	*t;

	fold_text(x->src, x->srclen, &fd);
	f = fd.f;
	x->t = xreallocarray(NULL, TOK_MAX, sizeof(*x->t));
	for (i = 0; i < fd.n && x->nt < TOK_MAX;) {
		if (is_emo(f + i, fd.n - i)) {
			tok_push(&c, i, i + 4);
			i += 4;
			continue;
		}
		if (is_alnum(f[i]) || f[i] == '@' || (f[i] == '+' &&
		    i + 1 < fd.n && is_digit(f[i + 1]))) {
			e = word_end(f, i, fd.n);
			if (e == i)
				e = i + 1;
			tok_push(&c, i, e);
			i = e;
			continue;
		}
		if (f[i] == '?' || f[i] == '!' || f[i] == ';') {
			sent_end(&c, fd.from[i + 1], f[i] == '?');
			i++;
		} else if (f[i] == '.') {
			t = x->nt > c.sent_tb ? &x->t[x->nt - 1] : NULL;
			if (t == NULL || t->sep || !abbreviation(t->w) ||
			    (i + 1 < fd.n && f[i + 1] == '\n'))
				sent_end(&c, fd.from[i + 1], false);
			i++;
		} else if (f[i] == '\n') {
			if (line_ends_sentence(&c, i))
				sent_end(&c, fd.from[i], false);
			i++;
		} else if (f[i] == ',' || f[i] == ':' || f[i] == '"' ||
		    (f[i] == '-' && i > 0 && f[i - 1] == ' ')) {
			sep_push(&c, i);
			i++;
		} else
			i++;
	}
	sent_end(&c, x->srclen, false);
	free(fd.f);
	free(fd.from);
}

static int	month_of(const char *);
static bool	word_in(const char *, const char *const *);

/* ---- finding the patterns ---- */

static bool
ptok_match(const struct ptok *p, const struct tok *t)
{
	size_t	 n, m;

	switch (p->kind) {
	case PT_WORD:
		return strcmp(p->w, t->w) == 0;
	case PT_PREFIX:
		return strncmp(t->w, p->w, strlen(p->w)) == 0;
	case PT_SUFFIX:
		n = strlen(t->w);
		m = strlen(p->w);
		return n >= m && strcmp(t->w + n - m, p->w) == 0;
	case PT_NUM:
		return t->num;
	case PT_ANY:
		return true;
	default:
		return false;
	}
}

/*
 * Meanings that take their words, so that no other pattern reads them
 * again ("geen probleem" leaves no negation behind). The others are tags:
 * "aangemeld" is coming and also one's own earlier answer.
 */
static bool
consumes(enum lex_meaning m)
{
	switch (m) {
	case LEX_ATTEND:
	case LEX_ABSENT:
	case LEX_NEG:
	case LEX_NEUTRAL:
	case LEX_YES:
	case LEX_NO:
	case LEX_MAYBE:
	case LEX_COND:
	case LEX_DEFER:
	case LEX_YESWORD:
	case LEX_NOWORD:
	case LEX_SUBST:
	case LEX_LATE:
	case LEX_EARLY:
	case LEX_MODAL:
	case LEX_JOIN:
	case LEX_LEAVE:
	case LEX_REQUEST:
	case LEX_THANKS:
	case LEX_GREET:
		return true;
	default:
		return false;
	}
}

/*
 * Matches p's entries from k on at token i, the clause ending before e;
 * the tokens of words (not of gaps) go to idx. True when it matched.
 */
static bool
pat_at(const struct text *x, size_t i, size_t e, const struct pat *p,
    size_t k, size_t *idx, size_t *nidx)
{
	size_t	 g;

	if (k == p->nt)
		return true;
	if (p->t[k].kind == PT_GAP) {
		for (g = 0; g <= 4 && i + g <= e; g++)
			if (pat_at(x, i + g, e, p, k + 1, idx, nidx))
				return true;
		return false;
	}
	if (i >= e || (x->t[i].used && consumes(p->meaning)) ||
	    (x->t[i].used && p->meaning != LEX_OWN && p->meaning != LEX_ALL) ||
	    !ptok_match(&p->t[k], &x->t[i]))
		return false;
	/* A number that is a date ("tot 12 maart") is no time of day. */
	if (p->t[k].kind == PT_NUM && i + 1 < x->nt &&
	    month_of(x->t[i + 1].w) != 0)
		return false;
	idx[(*nidx)++] = i;
	if (pat_at(x, i + 1, e, p, k + 1, idx, nidx))
		return true;
	(*nidx)--;
	return false;
}

/* Every pattern in tokens [b, e), longest first; each word used once. */
static size_t
find_hits(struct text *x, size_t b, size_t e, const struct lex *lx,
    struct hit *hits)
{
	size_t	 idx[PAT_MAX], nidx, i, k, p, nh = 0;
	bool	 first[256] = { false };

	/* A pattern whose first word starts with a letter no word of the
	   clause starts with cannot match: most are skipped so. */
	for (i = b; i < e; i++)
		first[(unsigned char)x->t[i].w[0]] = true;
	for (p = 0; p < lx->np; p++) {
		if ((lx->p[p].t[0].kind == PT_WORD ||
		    lx->p[p].t[0].kind == PT_PREFIX) &&
		    !first[(unsigned char)lx->p[p].t[0].w[0]])
			continue;
		for (i = b; i < e; i++) {
			nidx = 0;
			if (!pat_at(x, i, e, &lx->p[p], 0, idx, &nidx) ||
			    nidx == 0)
				continue;
			for (k = 0; k < nidx; k++) {
				if (consumes(lx->p[p].meaning))
					x->t[idx[k]].used = true;
				x->t[idx[k]].mean |= 1ULL << lx->p[p].meaning;
			}
			if (nh < HIT_MAX) {
				hits[nh].meaning = lx->p[p].meaning;
				hits[nh].b = idx[0];
				hits[nh].e = idx[nidx - 1];
				nh++;
			}
		}
	}
	return nh;
}

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
static int
month_of(const char *w)
{
	int	 m, k;

	for (m = 0; m < 12; m++)
		for (k = 0; k < 5 && months[m][k] != NULL; k++)
			if (strcmp(w, months[m][k]) == 0)
				return m + 1;
	return 0;
}

static int
weekday_of(const char *w)
{
	int	 d, k;

	for (d = 0; d < 7; d++)
		for (k = 0; k < 6 && weekdays[d][k] != NULL; k++)
			if (strcmp(w, weekdays[d][k]) == 0)
				return d;
	return -1;
}

/* A day of the month: "14", "14e", "14de", "14ste", "14th", "1st". */
static int
day_of(const char *w)
{
	char	*end;
	long	 d;

	if (!is_digit(w[0]))
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

/* What a clause names: dates, months, weekdays, places. */
struct refs {
	int	 day[REF_MAX], month[REF_MAX];	/* day 0: the whole month */
	size_t	 n;
	int	 wday;			/* -1: none */
	uint64_t place;			/* meetings whose place is named */
	bool	 placed;		/* a place of a meeting was named */
	bool	 all;			/* "beide", "both" */
	bool	 ordinal_day;		/* "de 14e" without a month */
	/* A period: "vanaf 5 januari", "until the 17th", "from the 11th to
	   the 17th" (month 0: not said); "sinds" starts one that goes on. */
	bool	 from, until, until_incl, ongoing;
	int	 from_d, from_m, until_d, until_m;
};

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
static bool
place_word(const char *place, const char *w)
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
	if ((*d = day_of(x->t[i].w)) != 0) {
		if (i + 1 < e && (*mo = month_of(x->t[i + 1].w)) != 0)
			i++;
		*end = i;
		return true;
	}
	if ((*mo = month_of(x->t[i].w)) != 0) {
		if (i + 1 < e && (*d = day_of(x->t[i + 1].w)) != 0)
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
	if (!word_in(w, until) && !word_in(w, through) && !word_in(w, from) &&
	    !word_in(w, since) && !(r->from && strcmp(w, "to") == 0))
		return false;
	if (!date_at(x, i + 1, e, &d, &mo, &end))
		return false;
	if (word_in(w, since))
		r->ongoing = true;
	else if (word_in(w, from)) {
		r->from = true;
		r->from_d = d;
		r->from_m = mo;
	} else {
		r->until = true;
		r->until_incl = word_in(w, through);
		r->until_d = d;
		r->until_m = mo;
	}
	*i_out = end;
	return true;
}

static void
clause_refs(const struct text *x, size_t b, size_t e,
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
		if ((d = day_of(w)) != 0) {
			if (i + 1 < e && (mo = month_of(x->t[i + 1].w)) != 0) {
				ref_add(r, d, mo);
				i++;
			} else if (i > b && month_of(x->t[i - 1].w) != 0)
				;	/* "January 14": taken below */
			else if (!is_digit(w[strlen(w) - 1]) ||
			    (i > b && (strcmp(x->t[i - 1].w, "de") == 0 ||
			    strcmp(x->t[i - 1].w, "the") == 0)))
				r->ordinal_day = true, ref_add(r, d, 0);
			continue;
		}
		if ((mo = month_of(w)) != 0) {
			if (mo == 5 && strcmp(w, "may") == 0 && !(i > b &&
			    (strcmp(x->t[i - 1].w, "in") == 0 ||
			    day_of(x->t[i - 1].w) != 0)))
				continue;
			if (strcmp(w, "mar") == 0 || strcmp(w, "jun") == 0)
				if (!x->t[i].cap && !(i + 1 < e &&
				    day_of(x->t[i + 1].w) != 0))
					continue;
			if (i + 1 < e && (d = day_of(x->t[i + 1].w)) != 0) {
				ref_add(r, d, mo);
				i++;
			} else if (!(i > b && day_of(x->t[i - 1].w) != 0))
				ref_add(r, 0, mo);
			continue;
		}
		if ((wd = weekday_of(w)) >= 0 && (strlen(w) > 3 ||
		    x->t[i].cap)) {
			r->wday = wd;
			continue;
		}
		for (m = 0; c != NULL && m < c->nmeetings && m < MEET_MAX;
		    m++)
			if ((x->t[i].cap && place_word(c->meetings[m].place,
			    w)) || (strlen(w) >= 8 &&
			    place_word(c->meetings[m].theme, w))) {
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
static uint64_t
refs_meetings(const struct refs *r, const struct understand_context *c,
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

/* ---- reading one clause ---- */

enum stance {
	ST_NONE,
	ST_YES,
	ST_NO,
	ST_MAYBE,
	ST_DELEG
};

/* Strengths: a later, weaker reading never overrides a stronger one. */
enum {
	STR_WEAK = 1,		/* "helaas", a clash without a time */
	STR_WORD = 2,		/* "ja", "nee", a clash, a subject */
	STR_VERB = 3		/* "ik kom", "verhinderd", an idiom */
};

struct clause {
	size_t		 b, e;		/* tokens */
	size_t		 sent;
	bool		 contrast;	/* opens with "maar", "but" */
	uint64_t	 mean;		/* meanings found */
	enum stance	 st;
	int		 strength;
	bool		 question;
	bool		 third;		/* someone else is the subject */
	bool		 titled;	/* "de heer X", "Mr X" */
	bool		 self;		/* "ik", "I", "we" */
	bool		 past;		/* reports an earlier answer */
	bool		 conflict;	/* yes and no in one breath */
	bool		 word_only;	/* its stance is a bare word */
	bool		 join, leave;
	bool		 sorry;		/* "Helaas." and nothing else */
	bool		 named;		/* names its meeting itself */
	struct refs	 refs;
	unsigned char	 nhit[LEX_NMEANINGS];	/* patterns found, per meaning */
};

#define HAS(c, m)	(((c)->mean & (1ULL << (m))) != 0)

/* Words that start a new clause inside a sentence (kept as its first). */
static bool
conjunction(const char *w)
{
	static const char *const conj[] = { "maar", "but", "omdat",
	    "because", "however", "echter", "although", "though", "hoewel",
	    "terwijl", "whereas", "behalve", "except", "anders",
	    "otherwise", NULL };
	size_t	 i;

	for (i = 0; conj[i] != NULL; i++)
		if (strcmp(w, conj[i]) == 0)
			return true;
	return false;
}

static bool
contrast_word(const char *w)
{
	return strcmp(w, "maar") == 0 || strcmp(w, "but") == 0 ||
	    strcmp(w, "however") == 0 || strcmp(w, "echter") == 0;
}

static bool
word_in(const char *w, const char *const *list)
{
	size_t	 i;

	for (i = 0; list[i] != NULL; i++)
		if (strcmp(w, list[i]) == 0)
			return true;
	return false;
}

static const char *const first_person[] = { "ik", "i", "im", "ill", "id",
    "ive", "we", "wij", "me", "mij", "myself", "ikke", "ons", "us", NULL };

/* Third-person verb forms: "Frank is …", "Jan kan …". */
static const char *const third_verb[] = { "is", "komt", "kan", "zal",
    "heeft", "gaat", "wil", "moet", "zit", "was", "had", "will", "can",
    "has", "cannot", "cant", "wont", "isnt", "doesnt", "would", "could",
    "laat", "zegt", "zei", "says", "said", "neemt", "stuurt", NULL };

/* Words a name is not: they begin sentences written by the writer. */
static const char *const not_names[] = { "ik", "i", "ja", "nee", "yes",
    "no", "we", "wij", "dat", "dit", "het", "de", "een", "this", "that",
    "it", "the", "a", "er", "daar", "there", "hier", "here", "zie", "see",
    "helaas", "sorry", "dan", "then", "wel", "toch", "ok", "oke", NULL };

/*
 * Someone else as the subject: "hij", "mijn collega", "de heer X", or a
 * name followed by a verb ("Frank is travelling").
 */
static void
clause_person(struct clause *cl, const struct text *x)
{
	size_t	 i;

	for (i = cl->b; i < cl->e; i++)
		if (word_in(x->t[i].w, first_person))
			cl->self = true;
	cl->titled = HAS(cl, LEX_TITLE);
	cl->third = HAS(cl, LEX_THIRD) || cl->titled;
	i = cl->b;
	if (i < cl->e && conjunction(x->t[i].w))
		i++;
	if (i + 1 < cl->e && x->t[i].cap && !x->t[i].used &&
	    !word_in(x->t[i].w, not_names) && month_of(x->t[i].w) == 0 &&
	    weekday_of(x->t[i].w) < 0 && word_in(x->t[i + 1].w, third_verb))
		cl->third = true;
}

/* An English modal or its negation: "can't open", "could send". */
static bool
english_modal(const char *w)
{
	static const char *const m[] = { "can", "could", "cant", "cannot",
	    "couldnt", "not", NULL };

	return word_in(w, m);
}

/* "kan" serves another verb: "ik kan de bijlage niet openen". */
static bool
modal_serves(const struct clause *cl, const struct text *x)
{
	static const char *const not_verbs[] = { "alleen", "misschien",
	    "even", "tegen", "boven", "binnen", "buiten", "zeven", "negen",
	    "morgen", "open", "tussen", "ergens", "zijn", "komen",
	    "helaas", "eigen", "wegen", NULL };
	size_t	 i, n;

	for (i = cl->b; i < cl->e; i++) {
		const struct tok *t = &x->t[i];

		if (t->used || t->num || t->cap)
			continue;
		n = strlen(t->w);
		/* A Dutch infinitive at the end, or an English verb after
		   the modal: "open", "find", "send". */
		if (n >= 5 && strcmp(t->w + n - 2, "en") == 0 &&
		    !word_in(t->w, not_verbs))
			return true;
		if (i > cl->b && english_modal(x->t[i - 1].w) && n >= 3 &&
		    !word_in(t->w, first_person) && strcmp(t->w, "it") != 0 &&
		    strcmp(t->w, "be") != 0 && strcmp(t->w, "er") != 0 &&
		    strcmp(t->w, "dan") != 0 && strcmp(t->w, "die") != 0 &&
		    strcmp(t->w, "helaas") != 0)
			return true;
	}
	return false;
}

static int
count_meaning(const struct clause *cl, const struct text *x,
    enum lex_meaning m)
{
	(void)x;
	return cl->nhit[m];
}

static size_t	unread_words(const struct clause *, const struct text *);

/* "Ik zie in mijn agenda dat …": looking at the calendar, no answer. */
static bool
sees(const struct clause *cl, const struct text *x)
{
	static const char *const look[] = { "zie", "zag", "see", "saw",
	    "noticed", "merk", "merkte", "lees", "las", "read", NULL };
	size_t	 i;

	for (i = cl->b; i < cl->e; i++)
		if (word_in(x->t[i].w, look))
			return true;
	return false;
}

/* "I'm in." as the whole clause (not "I'm in London"). */
static bool
im_in(const struct clause *cl, const struct text *x)
{
	size_t	 n = cl->e - cl->b;

	return (n == 2 && strcmp(x->t[cl->b].w, "im") == 0 &&
	    strcmp(x->t[cl->b + 1].w, "in") == 0) || (n == 3 &&
	    strcmp(x->t[cl->b].w, "i") == 0 &&
	    strcmp(x->t[cl->b + 1].w, "am") == 0 &&
	    strcmp(x->t[cl->b + 2].w, "in") == 0);
}

/* The polarity of coming: verbs and idioms, negations counted. */
static void
clause_polarity(struct clause *cl, const struct text *x)
{
	int	 att, abs, neg;

	att = count_meaning(cl, x, LEX_ATTEND);
	abs = count_meaning(cl, x, LEX_ABSENT);
	neg = count_meaning(cl, x, LEX_NEG);
	if (HAS(cl, LEX_YES) && !HAS(cl, LEX_NO))
		cl->st = ST_YES, cl->strength = STR_VERB;
	else if (im_in(cl, x))
		cl->st = ST_YES, cl->strength = STR_VERB;
	else if (HAS(cl, LEX_NO) && !HAS(cl, LEX_YES))
		cl->st = ST_NO, cl->strength = STR_VERB;
	else if (HAS(cl, LEX_YES))
		cl->conflict = true;
	else if (att > 0 || abs > 0 ||
	    (HAS(cl, LEX_MODAL) && !modal_serves(cl, x))) {
		/* A verb of coming decides with its negations; an apology
		   beside it ("apologies, I cannot attend") is no second
		   negation. */
		cl->st = (att == 0 && abs > 0) == (neg % 2 == 0) ? ST_NO :
		    ST_YES;
		cl->strength = STR_VERB;
	} else if (HAS(cl, LEX_YESWORD) && HAS(cl, LEX_NOWORD))
		cl->conflict = true;
	else if (HAS(cl, LEX_AGENDA) && neg == 0 && !sees(cl, x))
		cl->st = ST_YES, cl->strength = STR_WORD;
	else if (HAS(cl, LEX_AGENDA))
		;	/* "ik zie het niet in mijn agenda": the calendar */
	else if (HAS(cl, LEX_YESWORD) && neg > 0)
		;	/* "not great", "niet goed": no answer */
	else if (HAS(cl, LEX_YESWORD) && unread_words(cl, x) < 2)
		cl->st = ST_YES, cl->strength = STR_WORD, cl->word_only = true;
	else if (HAS(cl, LEX_NOWORD))
		cl->st = ST_NO, cl->strength = STR_WORD, cl->word_only = true;
}

/*
 * Being elsewhere: "ik zit dan in Singapore", "I'm in London that week",
 * "op 18 maart ben ik in Gent": "in" and a place's capital, in a clause
 * that also says when (or with a verb of being).
 */
static bool
away(const struct clause *cl, const struct text *x)
{
	static const char *const be[] = { "zit", "ben", "zitten", "zijn",
	    "im", "am", "be", "will", "ill", "sit", "verblijf", NULL };
	size_t	 i;
	bool	 verb = false, place = false;

	if (HAS(cl, LEX_MEETING) || cl->refs.placed)
		return false;	/* "the January meeting in Zwolle" */
	for (i = cl->b; i < cl->e; i++) {
		if (word_in(x->t[i].w, be))
			verb = true;
		if ((strcmp(x->t[i].w, "in") == 0 ||
		    strcmp(x->t[i].w, "naar") == 0) && i + 1 < cl->e &&
		    x->t[i + 1].cap && !x->t[i + 1].used &&
		    month_of(x->t[i + 1].w) == 0 &&
		    weekday_of(x->t[i + 1].w) < 0)
			place = true;
	}
	return verb && place;
}

/* Words of a clause no pattern took (names, small words aside). */
static size_t
unread_words(const struct clause *cl, const struct text *x)
{
	size_t	 i, n = 0;

	for (i = cl->b; i < cl->e; i++)
		if (!x->t[i].used && x->t[i].mean == 0 && !x->t[i].sep &&
		    !x->t[i].cap && !x->t[i].num && strlen(x->t[i].w) > 2 &&
		    month_of(x->t[i].w) == 0 && weekday_of(x->t[i].w) < 0)
			n++;
	return n;
}

/* "Toch niet.", "Helaas niet.", "Echt niet.": a negation on its own. */
static bool
bare_negation(const struct clause *cl, const struct text *x)
{
	static const char *const filler[] = { "toch", "echt", "helaas",
	    "dus", "ook", "zeker", "nog", "dan", "really", "definitely",
	    "unfortunately", "sadly", "absolutely", "certainly", "still",
	    "sorry", "jammer", "genoeg", "alas", NULL };
	size_t	 i;
	bool	 neg = false;

	for (i = cl->b; i < cl->e; i++) {
		if (x->t[i].mean & (1ULL << LEX_NEG))
			neg = true;
		else if (!word_in(x->t[i].w, filler))
			return false;
	}
	return neg;
}

static bool	anaphor(const struct clause *, const struct text *);

/* What else can decide: a clash, regret, bringing someone, a date alone. */
static void
clause_hints(struct clause *cl, const struct text *x)
{
	bool	 when = HAS(cl, LEX_THEN) || cl->refs.n > 0 ||
	    cl->refs.wday >= 0 || anaphor(cl, x);
	size_t	 i;

	if (cl->st != ST_NONE || cl->conflict)
		return;
	if (HAS(cl, LEX_LATE) || HAS(cl, LEX_EARLY))
		return;		/* busy till then: the reason, a note */
	if (away(cl, x))
		cl->mean |= 1ULL << LEX_BUSY;
	if (HAS(cl, LEX_BUSY) && (when || HAS(cl, LEX_SORRY)))
		cl->st = ST_NO, cl->strength = STR_WORD;
	else if (HAS(cl, LEX_BUSY))
		cl->st = ST_NO, cl->strength = STR_WEAK;
	else if (HAS(cl, LEX_SORRY) && unread_words(cl, x) == 0)
		cl->st = ST_NO, cl->strength = STR_WEAK, cl->sorry = true;
	else if (HAS(cl, LEX_SORRY))
		cl->st = ST_NO, cl->strength = STR_WEAK;
	else if (HAS(cl, LEX_BRING) && count_meaning(cl, x, LEX_NEG) == 0)
		cl->st = ST_YES, cl->strength = STR_WORD;
	else if (bare_negation(cl, x))
		cl->st = ST_NO, cl->strength = STR_WORD, cl->word_only = true;
	else if ((cl->refs.n > 0 || cl->refs.wday >= 0) && cl->e - cl->b <= 4) {
		/* "april niet", "maart wel": a date and a bare word. */
		for (i = cl->b; i < cl->e; i++) {
			if (x->t[i].mean & (1ULL << LEX_NEG))
				cl->st = ST_NO, cl->strength = STR_WORD;
			else if (strcmp(x->t[i].w, "wel") == 0 ||
			    strcmp(x->t[i].w, "too") == 0 ||
			    strcmp(x->t[i].w, "ook") == 0)
				cl->st = ST_YES, cl->strength = STR_WORD;
		}
	}
}

/* A verb of stopping: "ik stop met het netwerk". */
static bool
stops(const struct clause *cl, const struct text *x)
{
	static const char *const verbs[] = { "stop", "stoppen", "stopt",
	    "quit", "quitting", "uitstappen", "stap", "leaving", NULL };
	size_t	 i;

	for (i = cl->b; i < cl->e; i++)
		if (word_in(x->t[i].w, verbs))
			return true;
	return false;
}

/* A verb of joining a group in the clause: "deelnemen aan het netwerk". */
static bool
joins(const struct clause *cl, const struct text *x)
{
	static const char *const verbs[] = { "deelnemen", "deelname",
	    "aansluiten", "sluit", "meedoen", "join", "joining",
	    "participate", "participating", "toetreden", NULL };
	size_t	 i;

	for (i = cl->b; i < cl->e; i++)
		if (word_in(x->t[i].w, verbs))
			return true;
	return false;
}

/*
 * A condition, not "als" meaning "as": "ik kom als toehoorder" is coming;
 * "als het lukt kom ik", "ik kom als de trein rijdt" are not sure.
 */
static bool
condition(const struct clause *cl, const struct text *x)
{
	static const char *const subject[] = { "het", "ik", "er", "de", "je",
	    "jij", "u", "we", "wij", "mijn", "alles", "dat", "dit", "die",
	    "zij", "hij", "ze", "men", "onze", "ons", "mij", "alle", "er",
	    "niets", "niks", "geen", NULL };
	size_t	 i;

	for (i = cl->b; i < cl->e; i++) {
		if (!(x->t[i].mean & (1ULL << LEX_COND)))
			continue;
		if (strcmp(x->t[i].w, "als") != 0)
			return true;	/* if, mits, tenzij, … */
		if (i == cl->b || (i + 1 < cl->e &&
		    word_in(x->t[i + 1].w, subject)))
			return true;
	}
	return false;
}

/* Words that put what a clause says in the past. */
static bool
earlier(const struct clause *cl, const struct text *x)
{
	static const char *const words[] = { "before", "earlier", "eerder",
	    "already", "al", "reeds", "had", "previously", "vorige", "ago",
	    "toen", "destijds", NULL };
	size_t	 i;

	for (i = cl->b; i < cl->e; i++)
		if (word_in(x->t[i].w, words))
			return true;
	return false;
}

/* Modality and frame: what turns or cancels the polarity. */
static void
clause_frame(struct clause *cl, const struct text *x)
{
	bool	 note = HAS(cl, LEX_LATE) || HAS(cl, LEX_EARLY);

	/* "deelnemen aan het netwerk": joining; "niet meer …": leaving. */
	cl->leave = HAS(cl, LEX_LEAVE) || ((stops(cl, x) ||
	    count_meaning(cl, x, LEX_ABSENT) > 0) && HAS(cl, LEX_NETWORK) &&
	    !HAS(cl, LEX_MEETING) && cl->refs.n == 0);
	cl->join = HAS(cl, LEX_JOIN) || (joins(cl, x) &&
	    HAS(cl, LEX_NETWORK) && !HAS(cl, LEX_MEETING) && cl->refs.n == 0);
	if (cl->join && count_meaning(cl, x, LEX_NEG) > 0) {
		cl->join = false;
		cl->leave = true;
	}
	if (cl->join || cl->leave) {
		cl->st = ST_NONE;
		return;
	}
	if (HAS(cl, LEX_SUBST) && count_meaning(cl, x, LEX_NEG) == 0) {
		cl->st = ST_DELEG;
		cl->strength = STR_VERB;
		return;
	}
	if (HAS(cl, LEX_MEAL) && !HAS(cl, LEX_MEETING)) {
		cl->st = ST_NONE;	/* the lunch, not the meeting */
		return;
	}
	if (HAS(cl, LEX_DEFER)) {
		cl->st = ST_NONE;
		return;
	}
	if (HAS(cl, LEX_MAYBE)) {
		if (note && cl->st != ST_NO &&
		    count_meaning(cl, x, LEX_ATTEND) == 0)
			cl->st = ST_NONE;	/* "misschien iets later" */
		else if (HAS(cl, LEX_QSTART) && count_meaning(cl, x,
		    LEX_ATTEND) == 0 && count_meaning(cl, x, LEX_MODAL) == 0)
			cl->st = ST_NONE;	/* "weet niet welke de goede is" */
		else {
			cl->st = ST_MAYBE;
			if (cl->strength < STR_WORD)
				cl->strength = STR_WORD;
		}
	} else if (HAS(cl, LEX_COND) && cl->st == ST_YES && condition(cl, x))
		cl->st = ST_MAYBE;
	else if (HAS(cl, LEX_COND) && cl->st == ST_NO)
		cl->st = ST_NONE;	/* "als het niet lukt, …" */
	else if (x->t[cl->b].w[0] == '~')
		cl->conflict = true;	/* a shrug */
	/* "had ik me al aangemeld", "I said no before": an earlier
	   answer, reported. */
	if (HAS(cl, LEX_OWN) && (cl->question ||
	    count_meaning(cl, x, LEX_RETRACT) > 0 || earlier(cl, x)))
		cl->past = true;
}

/* ---- the whole reply ---- */

struct reader {
	struct text			 x;
	struct lex			 lx;
	const struct understand_context	*c;
	struct clause			*cl;
	size_t				 ncl;
	bool				 secretary;	/* writes for the owner */
	bool				 about_other;	/* a stance of another */
	bool				 asks_to_come;	/* "kan ik ook komen?" */
};

/* Cuts sentence s into clauses at separators and conjunctions. */
static void
clauses_of(struct reader *r, size_t si)
{
	const struct sent	*s = &r->x.s[si];
	struct clause		*cl;
	size_t			 i, b = s->tb;

	for (i = s->tb; i <= s->te; i++) {
		bool end = i == s->te || r->x.t[i].sep ||
		    (i > b && conjunction(r->x.t[i].w));

		if (!end)
			continue;
		if (i > b) {
			r->cl = xreallocarray(r->cl, r->ncl + 1,
			    sizeof(*r->cl));
			cl = &r->cl[r->ncl++];
			memset(cl, 0, sizeof(*cl));
			cl->b = b;
			cl->e = i;
			cl->sent = si;
			cl->contrast = contrast_word(r->x.t[b].w);
		}
		b = i < s->te && r->x.t[i].sep ? i + 1 : i;
	}
}

/* "Kom ik?": coming and a pronoun, nothing to ask anyone: unclear. */
static bool
bare_coming(const struct reader *r, const struct clause *cl)
{
	size_t	 i, n = 0;

	for (i = cl->b; i < cl->e; i++) {
		if (r->x.t[i].sep)
			continue;
		if (!word_in(r->x.t[i].w, first_person) &&
		    !(r->x.t[i].mean & (1ULL << LEX_ATTEND)))
			return false;
		n++;
	}
	return n > 0 && n <= 3 && HAS(cl, LEX_ATTEND);
}

/* Questions: a sentence ending in '?' asks in its last clause, or all
   of it when it opens with a question; a clause opening with a question
   word asks too, and a request always does. */
static void
mark_questions(struct reader *r)
{
	size_t	 k, j;

	for (k = 0; k < r->ncl; k++) {
		struct clause	*cl = &r->cl[k];
		const struct sent *s = &r->x.s[cl->sent];
		bool		 first = k == 0 || r->cl[k - 1].sent != cl->sent;
		bool		 last = k + 1 == r->ncl ||
		    r->cl[k + 1].sent != cl->sent;
		bool		 opens = r->x.t[cl->b].mean &
		    (1ULL << LEX_QSTART);

		/* "which I have to host" after a comma asks nothing; in a
		   sentence that ends in '?', a clause without "ik"/"I" asks
		   too ("Komen die nog, en zo ja wanneer?"). */
		if (HAS(cl, LEX_REQUEST) || (opens && first) ||
		    (s->q && (last || opens || !cl->self))) {
			cl->question = !bare_coming(r, cl);
			cl->conflict = !cl->question;
		}
		if (s->q && opens && first)
			for (j = k + 1; j < r->ncl &&
			    r->cl[j].sent == cl->sent; j++)
				r->cl[j].question = true;
	}
}

/* A word the lexicons know on its own ("Grapje!" is no name). */
static bool
lexicon_word(const struct lex *lx, const char *w)
{
	size_t	 i;

	for (i = 0; i < lx->np; i++)
		if (lx->p[i].nt == 1 && lx->p[i].t[0].kind == PT_WORD &&
		    strcmp(lx->p[i].t[0].w, w) == 0)
			return true;
	return false;
}

/* A sentence of names only: "Marjolein de Graaf", "Thuiszorg Vechtstreek". */
static bool
names_only(const struct reader *r, const struct sent *s)
{
	static const char *const particles[] = { "de", "van", "der", "den",
	    "ten", "ter", "het", "la", "le", "von", "du", "da", "di", "and",
	    "en", NULL };
	size_t	 i, n = 0;

	for (i = s->tb; i < s->te; i++) {
		const struct tok *t = &r->x.t[i];

		if (t->sep)
			continue;
		if ((!t->cap && !word_in(t->w, particles)) ||
		    lexicon_word(&r->lx, t->w))
			return false;
		n++;
	}
	return n > 0 && n <= 6;
}

/* A closing, or a disclaimer's opening: the writer's own words end. */
static bool
sign_off(const struct reader *r, const struct sent *s)
{
	static const char *const closing[] = { "groet", "groeten",
	    "groetjes", "mvg", "regards", "sincerely", "cheers", "salu",
	    "geadresseerde", "addressee", "disclaimer", "vertrouwelijk",
	    "confidential", "intended", "uitsluitend", NULL };
	size_t	 i;

	for (i = s->tb; i < s->te && i < s->tb + 12; i++)
		if (word_in(r->x.t[i].w, closing))
			return true;
	return false;
}

/*
 * The sentences the writer wrote: after the first sentence that said
 * something, a closing, a disclaimer or a line of names ends them (what
 * quote.c left of a signature).
 */
static size_t
own_sentences(const struct reader *r)
{
	size_t	 k, i;
	bool	 said = false;

	for (k = 0; k < r->x.ns; k++) {
		const struct sent *s = &r->x.s[k];

		if (said && (sign_off(r, s) || names_only(r, s)))
			return k;
		for (i = s->tb; i < s->te && !said; i++)
			said = !r->x.t[i].sep && !r->x.t[i].cap &&
			    strlen(r->x.t[i].w) > 2;
	}
	return r->x.ns;
}

static void
read_clauses(struct reader *r)
{
	struct hit	 hits[HIT_MAX];
	size_t		 k, i, n, ns = own_sentences(r);

	for (k = 0; k < ns; k++)
		clauses_of(r, k);
	for (k = 0; k < r->ncl; k++) {
		struct clause *cl = &r->cl[k];

		n = find_hits(&r->x, cl->b, cl->e, &r->lx, hits);
		for (i = 0; i < n; i++)
			if (cl->nhit[hits[i].meaning] < 255)
				cl->nhit[hits[i].meaning]++;
		for (i = cl->b; i < cl->e; i++)
			cl->mean |= r->x.t[i].mean;
	}
	for (k = 0; k < r->ncl; k++)
		clause_person(&r->cl[k], &r->x);
	mark_questions(r);
	for (k = 0; k < r->ncl; k++) {
		struct clause *cl = &r->cl[k];

		clause_refs(&r->x, cl->b, cl->e, r->c, &cl->refs);
		clause_polarity(cl, &r->x);
		clause_hints(cl, &r->x);
		clause_frame(cl, &r->x);
		/* "Als die niet uitloopt, ben ik er om 14:00": the
		   condition in one clause, coming in the next. */
		if (k > 0 && r->cl[k - 1].sent == cl->sent &&
		    r->cl[k - 1].st == ST_NONE && HAS(&r->cl[k - 1], LEX_COND) &&
		    condition(&r->cl[k - 1], &r->x) && cl->st == ST_YES &&
		    !cl->contrast && !HAS(cl, LEX_RETRACT))
			cl->st = ST_MAYBE;
	}
}

/* The owner's name in words: is w one of them? */
static bool
owner_word(const struct understand_context *c, const char *w)
{
	return c != NULL && c->owner != NULL && strlen(w) >= 3 &&
	    place_word(c->owner, w);
}

/*
 * A secretary writes for the mailbox's owner: "namens", "on behalf of",
 * a titled person ("de heer Dijkstra") not called a colleague, or the
 * owner's own name as the subject.
 */
static void
find_secretary(struct reader *r)
{
	size_t	 k, i;
	bool	 colleague = false, titled = false, named = false;

	for (k = 0; k < r->ncl; k++) {
		struct clause *cl = &r->cl[k];

		if (HAS(cl, LEX_BEHALF) && !HAS(cl, LEX_SUBST))
			r->secretary = true;
		for (i = cl->b; i < cl->e; i++) {
			const char *w = r->x.t[i].w;

			if (strncmp(w, "collega", 7) == 0 ||
			    strncmp(w, "colleague", 9) == 0)
				colleague = true;
			if (r->x.t[i].cap && owner_word(r->c, w))
				named = true;
		}
		if (cl->titled)
			titled = true;
	}
	if ((titled || named) && !colleague)
		r->secretary = true;
}

/* Sets the stance a clause gives for its writer (or the owner). */
static void
weigh_person(struct reader *r)
{
	size_t	 k;
	bool	 deleg = false;

	for (k = 0; k < r->ncl; k++)
		deleg |= r->cl[k].st == ST_DELEG;
	for (k = 0; k < r->ncl; k++) {
		struct clause *cl = &r->cl[k];

		if (cl->question && (cl->st == ST_YES || cl->st == ST_MAYBE))
			r->asks_to_come = true;
		if (cl->question)
			cl->st = ST_NONE;
		/* Once someone comes in one's place, "zij komt graag" is
		   about the substitute. */
		if (cl->third && !cl->self && (!r->secretary || deleg) &&
		    cl->st != ST_DELEG && cl->st != ST_NONE) {
			cl->st = ST_NONE;	/* about someone else */
			r->about_other = true;
		}
	}
}

/* ---- which meeting each clause is about ---- */

static size_t
popcount64(uint64_t v)
{
	size_t	 n = 0;

	for (; v != 0; v &= v - 1)
		n++;
	return n;
}

static size_t
nmeet(const struct reader *r)
{
	size_t	 n = r->c != NULL ? r->c->nmeetings : 0;

	if (n == 0)
		return 1;	/* the one implicit meeting */
	return n < MEET_MAX ? n : MEET_MAX;
}

/* The writer's own meetings, as a set. */
static uint64_t
mine_meetings(const struct reader *r)
{
	uint64_t	 set = 0;
	size_t		 m;

	if (r->c == NULL || r->c->nmeetings == 0)
		return 1;
	for (m = 0; m < r->c->nmeetings && m < MEET_MAX; m++)
		if (!r->c->meetings[m].other)
			set |= 1ULL << m;
	return set;
}

/* The meeting a clause that names none is about. */
static uint64_t
default_target(const struct reader *r)
{
	if (r->c != NULL && r->c->parent != UNDERSTAND_NO_MEETING &&
	    r->c->parent < nmeet(r))
		return 1ULL << r->c->parent;
	return 1;	/* the first to come */
}

/* Every meeting of the parent's network (or all): what "beide" means. */
static uint64_t
group_targets(const struct reader *r)
{
	uint64_t	 set = 0;
	size_t		 m, n = nmeet(r);
	long long	 g;

	if (r->c == NULL || r->c->nmeetings == 0)
		return 1;
	if (r->c->parent == UNDERSTAND_NO_MEETING || r->c->parent >= n)
		return mine_meetings(r);
	g = r->c->meetings[r->c->parent].group;
	for (m = 0; m < n; m++)
		if (r->c->meetings[m].group == g)
			set |= 1ULL << m;
	return set & mine_meetings(r);
}

struct targets {
	uint64_t	*set;		/* per clause; 0: none (stance lost) */
	bool		 other_date;	/* a stance about a date no meeting has */
	bool		 ambiguous;	/* a stance that fits several */
};

/* "die dag", "de nieuwe datum", "that day": the meeting named before. */
static bool
anaphor(const struct clause *cl, const struct text *x)
{
	size_t	 i;

	if (HAS(cl, LEX_THEN))
		return true;
	for (i = cl->b; i + 1 < cl->e; i++)
		if ((strcmp(x->t[i].w, "nieuwe") == 0 ||
		    strcmp(x->t[i].w, "new") == 0) &&
		    (strcmp(x->t[i + 1].w, "datum") == 0 ||
		    strcmp(x->t[i + 1].w, "date") == 0))
			return true;
	return false;
}

/* The meetings clause k names itself; *named false when none. */
static uint64_t
clause_named(struct reader *r, size_t k, bool *named)
{
	struct clause	*cl = &r->cl[k];
	uint64_t	 set;
	bool		 have = r->c != NULL && r->c->nmeetings > 0;

	set = refs_meetings(&cl->refs, r->c, named);
	if (*named && !have)
		set = 1;
	set &= mine_meetings(r);	/* another's meeting names none */
	if (HAS(cl, LEX_PAST)) {
		*named = true;	/* another meeting than this one */
		set = 0;
	}
	return set;
}

static void
assign_targets(struct reader *r, struct targets *tg)
{
	size_t		 k, j;
	uint64_t	 set, inherit = 0, last = 0, dflt = default_target(r);
	bool		 named, next_named, other_before = false;

	tg->set = xcalloc(r->ncl + 1, sizeof(*tg->set));
	for (k = 0; k < r->ncl; k++) {
		struct clause *cl = &r->cl[k];

		if (k == 0 || r->cl[k - 1].sent != cl->sent)
			inherit = 0, other_before = false;
		set = clause_named(r, k, &named);
		/* "Yes – 11 March is blocked": a bare word goes with the
		   date the rest of its sentence names. */
		for (j = k + 1; !named && cl->word_only && j < r->ncl &&
		    r->cl[j].sent == cl->sent; j++) {
			uint64_t s2 = clause_named(r, j, &next_named);

			if (next_named) {
				set = s2;
				named = true;
			}
		}
		cl->named = named;
		if (!named && other_before) {
			named = true;	/* "11 maart kan ik, staat erin" */
			set = 0;
		}
		if (named && set == 0) {
			if (cl->st != ST_NONE && !HAS(cl, LEX_PAST))
				tg->other_date = true;
			other_before = true;
			continue;	/* names something else */
		}
		if (named)
			inherit = last = set;	/* "Voor 20 januari: ik ben er" */
		else if (inherit != 0)
			set = inherit, named = true;
		else if (last != 0 && anaphor(cl, &r->x))
			set = inherit = last, named = true;	/* "op die dag" */
		if (!named)
			set = cl->refs.all ? group_targets(r) : dflt;
		else if (!cl->refs.all && popcount64(set) > 1) {
			if (set & dflt)
				set = dflt;
			else if (cl->refs.ordinal_day || (cl->refs.n > 0 &&
			    cl->refs.month[0] == 0))
				set &= -set;	/* "op de 20e": the first one */
			else {
				if (cl->st != ST_NONE)
					tg->ambiguous = true;
				set = 0;	/* "Yes for Zwolle!": which? */
			}
		}
		tg->set[k] = set;
	}
}

/* ---- weighing the clauses per meeting ---- */

struct verdict {
	enum stance	 st;
	int		 strength;
	size_t		 clause;
	bool		 conflict;
	bool		 word_only;	/* decided by a bare word so far */
	bool		 sorry;		/* only "helaas" so far */
	bool		 named;		/* by a clause that names it */
};

static bool
opposed(enum stance a, enum stance b)
{
	return (a == ST_YES && (b == ST_NO || b == ST_DELEG)) ||
	    (b == ST_YES && (a == ST_NO || a == ST_DELEG));
}

/* Whether stance b (later) replaces a at the same strength. */
static bool
tie_replaces(enum stance a, enum stance b, bool *conflict)
{
	if (a == b)
		return false;
	if (b == ST_DELEG || (b == ST_MAYBE && a != ST_DELEG))
		return true;
	if (a == ST_DELEG && b == ST_NO)
		return false;
	if (a == ST_MAYBE)
		return false;
	*conflict = true;
	return false;
}

/*
 * A bare "ja" or "nee" before a verb that says the opposite is a
 * conflict ("Ja. Ik kan niet."); after an answer it is small talk
 * ("Ik kan niet. Volgende keer graag!").
 */
static void
verdict_add(struct verdict *v, const struct clause *cl, size_t k,
    bool overrides)
{
	bool	 replace = v->st == ST_NONE || overrides;

	if (!replace && cl->strength == STR_WEAK)
		return;
	if (!replace && cl->word_only && !v->word_only)
		return;
	if (!replace && v->word_only && !cl->word_only) {
		if (opposed(v->st, cl->st))
			v->conflict = true;
		replace = true;
	}
	if (replace || cl->strength > v->strength) {
		bool conflict = v->conflict && !overrides;

		v->st = cl->st;
		v->strength = cl->strength;
		v->clause = k;
		v->conflict = conflict;
		v->word_only = cl->word_only;
		v->sorry = cl->sorry;
		v->named = cl->named;
		return;
	}
	if (cl->strength == v->strength && cl->contrast &&
	    opposed(v->st, cl->st)) {
		v->st = cl->st;		/* "graag, maar kan helaas niet" */
		v->clause = k;
		return;
	}
	if (cl->strength == v->strength &&
	    tie_replaces(v->st, cl->st, &v->conflict)) {
		v->st = cl->st;
		v->clause = k;
	}
}

/* Per meeting, the stance that decides; retractions override. */
static void
weigh(struct reader *r, const struct targets *tg, struct verdict *v)
{
	size_t	 k, m, n = nmeet(r);
	bool	 retract = false;

	for (k = 0; k < r->ncl; k++) {
		struct clause	*cl = &r->cl[k];
		bool		 over;

		if (HAS(cl, LEX_RETRACT) && !cl->past)
			retract = true;
		if (cl->st == ST_NONE || cl->past || cl->conflict ||
		    tg->set[k] == 0)
			continue;
		over = retract && cl->strength >= STR_WORD;
		for (m = 0; m < n; m++)
			if (tg->set[k] & (1ULL << m))
				verdict_add(&v[m], cl, k, over);
		retract = false;
	}
	for (k = 0; k < r->ncl; k++)
		if (r->cl[k].conflict && tg->set[k] != 0)
			for (m = 0; m < n; m++)
				if ((tg->set[k] & (1ULL << m)) &&
				    v[m].strength <= STR_WORD)
					v[m].conflict = true;
}

/* ---- what the reader tells ---- */

/* Two things only out-of-office texts say: an auto-reply. */
static bool
oof_text(const struct reader *r)
{
	size_t	 k, n = 0;

	for (k = 0; k < r->ncl; k++)
		n += r->cl[k].nhit[LEX_OOF];
	return n >= 2;
}

/* Sentence si as written, on one line, at most max bytes. */
static char *
sentence_text(const struct reader *r, size_t si, size_t max)
{
	const struct sent	*s = &r->x.s[si];
	struct buf		 b;
	const char		*p = r->x.src + s->off;
	size_t			 i, n = s->len;
	bool			 space = false;

	buf_init(&b, SIZE_MAX);
	while (n > 0 && (*p == ' ' || *p == '\n' || *p == '\r' ||
	    *p == '\t' || *p == ',' || *p == ':'))
		p++, n--;
	for (i = 0; i < n && b.len < max; i++) {
		if (p[i] == '\n' || p[i] == '\r' || p[i] == '\t' ||
		    p[i] == ' ') {
			space = b.len > 0;
			continue;
		}
		if ((unsigned char)p[i] < 0x20)
			continue;
		if (space)
			buf_add(&b, " ", 1);
		space = false;
		buf_add(&b, p + i, 1);
	}
	/* Never end inside a UTF-8 sequence. */
	while (b.len > 0 && ((unsigned char)b.data[b.len - 1] & 0xc0) == 0x80)
		b.len--;
	while (b.len > 0 && (unsigned char)b.data[b.len - 1] >= 0xc0)
		b.len--;
	b.data[b.len] = '\0';
	return buf_take(&b);
}

static void
append_sentence(const struct reader *r, size_t si, struct buf *b,
    size_t max)
{
	char	*s = sentence_text(r, si, max);

	if (*s != '\0' && b->len + strlen(s) + 1 <= max) {
		if (b->len > 0)
			buf_add(b, " ", 1);
		buf_addstr(b, s);
	}
	free(s);
}

/* An address in sentence si or the next: the substitute's. */
static char *
substitute_address(const struct reader *r, size_t si)
{
	size_t	 i, k;
	char	*at;

	for (k = si; k < r->x.ns && k <= si + 1; k++)
		for (i = r->x.s[k].tb; i < r->x.s[k].te; i++) {
			const char *w = r->x.t[i].w;

			at = strchr(w, '@');
			if (at != NULL && at != w && strchr(at, '.') != NULL &&
			    at[strlen(at) - 1] != '.')
				return xstrdup(w);
		}
	return NULL;
}

/* Words of a clause no pattern took: a reason ("hangt af van de RvT"). */
static size_t
reason_words(const struct reader *r, const struct clause *cl)
{
	size_t	 i, n = 0;

	for (i = cl->b; i < cl->e; i++)
		if (!r->x.t[i].used && !r->x.t[i].sep &&
		    strlen(r->x.t[i].w) > 2)
			n++;
	return n;
}

/* "tot 14 uur een andere afspraak": busy until then, so late. */
static bool
busy_until(const struct reader *r, const struct clause *cl)
{
	size_t	 i;

	for (i = cl->b; i < cl->e; i++)
		if (strcmp(r->x.t[i].w, "tot") == 0 ||
		    strcmp(r->x.t[i].w, "until") == 0 ||
		    strcmp(r->x.t[i].w, "till") == 0)
			return true;
	return false;
}

/* Notes, questions, the substitute, join and leave, lateness. */
static void
tell_extras(struct reader *r, struct understanding *u, bool tentative)
{
	struct buf	 note, q;
	size_t		 k, last_note = (size_t)-1, last_q = (size_t)-1;

	buf_init(&note, SIZE_MAX);
	buf_init(&q, SIZE_MAX);
	for (k = 0; k < r->ncl; k++) {
		struct clause	*cl = &r->cl[k];
		bool		 is_note;

		if (cl->join)
			u->join = true;
		if (cl->leave)
			u->leave = true;
		if (HAS(cl, LEX_DEFER))
			u->defer = true;
		if (!cl->question && !HAS(cl, LEX_DEFER)) {
			if (HAS(cl, LEX_LATE) || (HAS(cl, LEX_EARLY) &&
			    HAS(cl, LEX_BUSY) && busy_until(r, cl)))
				u->late = true;
			else if (HAS(cl, LEX_EARLY))
				u->early = true;
		}
		is_note = !cl->question && (HAS(cl, LEX_LATE) ||
		    HAS(cl, LEX_EARLY) || HAS(cl, LEX_DIET) ||
		    HAS(cl, LEX_BRING) || HAS(cl, LEX_ONLINE) ||
		    HAS(cl, LEX_MEAL) || HAS(cl, LEX_SUBST) ||
		    (tentative && (HAS(cl, LEX_COND) || HAS(cl, LEX_MAYBE)) &&
		    reason_words(r, cl) >= 3));
		if (is_note && cl->sent != last_note) {
			append_sentence(r, cl->sent, &note, NOTE_MAX);
			last_note = cl->sent;
		}
		if (HAS(cl, LEX_SUBST) && u->substitute == NULL)
			u->substitute = substitute_address(r, cl->sent);
		if (cl->question && HAS(cl, LEX_OWN) && u->nitems == 0)
			u->own_question = true;	/* "ik heb toch al gereageerd?" */
		else if (cl->question && !(HAS(cl, LEX_OWN) &&
		    u->nitems > 0) && !cl->leave && !cl->join) {
			u->question = true;
			if (cl->sent != last_q) {
				append_sentence(r, cl->sent, &q, NOTE_MAX);
				last_q = cl->sent;
			}
		}
	}
	u->note = note.len > 0 ? buf_take(&note) : NULL;
	u->question_text = q.len > 0 ? buf_take(&q) : NULL;
	buf_free(&note);
	buf_free(&q);
}

static enum understand_answer
answer_of(enum stance st)
{
	switch (st) {
	case ST_YES:
		return UNDERSTAND_ACCEPTED;
	case ST_NO:
		return UNDERSTAND_DECLINED;
	case ST_MAYBE:
		return UNDERSTAND_TENTATIVE;
	case ST_DELEG:
		return UNDERSTAND_DELEGATED;
	default:
		return UNDERSTAND_NONE;
	}
}

/* Only thanks, greetings and names: nothing else was said. */
static bool
only_thanks(const struct reader *r)
{
	size_t		 k;
	uint64_t	 quiet = (1ULL << LEX_THANKS) | (1ULL << LEX_GREET) |
	    (1ULL << LEX_MEETING) | (1ULL << LEX_NETWORK) |
	    (1ULL << LEX_PAST);

	bool		 said = false;

	for (k = 0; k < r->ncl; k++) {
		const struct clause *cl = &r->cl[k];

		if (cl->st != ST_NONE || cl->question || cl->conflict ||
		    (cl->mean & ~quiet) != 0)
			return false;
		if (cl->mean & quiet)
			said = true;
	}
	return said || r->x.nt == 0;
}

static void
tell_intent(const struct reader *r, struct understanding *u, bool unclear)
{
	if (unclear && u->nitems == 0 && !u->question && !u->join &&
	    !u->leave)
		u->unclear = true;
	if (u->leave)
		u->intent = UNDERSTAND_LEAVE;
	else if (u->join)
		u->intent = UNDERSTAND_JOIN;
	else if (u->question && u->nitems == 0)
		u->intent = UNDERSTAND_QUESTION;
	else if (u->nitems > 0)
		u->intent = UNDERSTAND_RSVP;
	else if (u->thanks)
		u->intent = UNDERSTAND_NOISE;
	else {
		u->intent = UNDERSTAND_UNCLEAR;
		u->unclear = true;
	}
	if (u->question && u->nitems == 0 && !u->join && !u->leave)
		u->unclear = false;	/* a question is no unclear answer */
	if (u->own_question && u->nitems == 0 && !u->question) {
		u->unclear = true;	/* asked about their answer: ask */
		u->intent = UNDERSTAND_UNCLEAR;
	}
}

/* An Outlook-style subject: "Accepted: …", "Geweigerd: …". */
static enum stance
subject_stance(const char *subject)
{
	static const struct {
		const char	*prefix;
		enum stance	 st;
	} prefixes[] = {
		{ "tentatively accepted:", ST_MAYBE },
		{ "voorlopig geaccepteerd:", ST_MAYBE },
		{ "accepted:", ST_YES },
		{ "geaccepteerd:", ST_YES },
		{ "aanvaard:", ST_YES },
		{ "declined:", ST_NO },
		{ "geweigerd:", ST_NO },
		{ "afgewezen:", ST_NO },
		{ "tentative:", ST_MAYBE },
		{ "voorlopig:", ST_MAYBE },
	};
	char		*s, *p;
	size_t		 i;
	enum stance	 st = ST_NONE;

	if (subject == NULL)
		return ST_NONE;
	s = str_lower(xstrdup(subject));
	p = str_trim(s);
	while (strncmp(p, "re:", 3) == 0 || strncmp(p, "aw:", 3) == 0 ||
	    strncmp(p, "antw:", 5) == 0)
		p = str_trim(p + (p[0] == 'a' && p[1] == 'n' ? 5 : 3));
	for (i = 0; i < nitems(prefixes); i++)
		if (strncmp(p, prefixes[i].prefix,
		    strlen(prefixes[i].prefix)) == 0)
			st = prefixes[i].st;
	free(s);
	return st;
}

/* In a request to leave, a "no" that names no meeting is the reason. */
static bool
leave_only(const struct reader *r, const struct verdict *v)
{
	size_t	 k;

	if (v->st != ST_NO || v->named || v->clause == (size_t)-1 ||
	    (r->c != NULL && r->c->parent != UNDERSTAND_NO_MEETING))
		return false;	/* a reply to one meeting answers it */
	for (k = 0; k < r->ncl; k++)
		if (r->cl[k].leave)
			return true;
	return false;
}

/* Fills u from the verdicts: an item per meeting with an answer. */
static bool
tell_answers(struct reader *r, const struct targets *tg,
    const struct verdict *v, struct understanding *u)
{
	size_t	 m, n = nmeet(r), dflt;
	bool	 unclear = tg->ambiguous;

	for (dflt = 0; dflt < n && !(default_target(r) & (1ULL << dflt));
	    dflt++)
		;
	for (m = 0; m < n; m++) {
		if (v[m].conflict) {
			unclear = true;
			continue;
		}
		if (leave_only(r, &v[m]))
			continue;	/* "het past niet meer": why they leave */
		if (v[m].st == ST_NONE || (v[m].strength < STR_WORD &&
		    !v[m].sorry) || u->nitems == UNDERSTAND_MAX_ANSWERS) {
			if (v[m].st != ST_NONE)
				unclear = true;
			continue;
		}
		u->items[u->nitems].answer = answer_of(v[m].st);
		u->items[u->nitems].meeting = m;
		u->items[u->nitems].evidence = v[m].clause == (size_t)-1 ?
		    xstrdup(r->c->subject) : sentence_text(r,
		    r->cl[v[m].clause].sent, 300);
		if (m == dflt)
			u->answer = u->items[u->nitems].answer;
		u->nitems++;
	}
	if (tg->other_date && u->nitems == 0)
		u->other_date = unclear = true;
	if (u->nitems == 0 && (r->about_other || u->defer))
		unclear = true;
	return unclear;
}

/*
 * Bare words that answer something else: "Dank, prima!" answers the
 * thanks, "Nee, geen vragen" the question whether there are any.
 */
static void
drop_other_words(struct reader *r)
{
	size_t		 k, j;
	uint64_t	 sent_mean, after;

	for (k = 0; k < r->ncl; k++) {
		struct clause *cl = &r->cl[k];

		if (!cl->word_only)
			continue;
		sent_mean = after = 0;
		for (j = 0; j < r->ncl; j++)
			if (r->cl[j].sent == cl->sent) {
				sent_mean |= r->cl[j].mean;
				if (j > k)
					after |= r->cl[j].mean;
			}
		if ((cl->st == ST_YES && (sent_mean & (1ULL << LEX_THANKS))) ||
		    (cl->st == ST_NO && (after & (1ULL << LEX_NEUTRAL))))
			cl->st = ST_NONE;
	}
}

/* The subject's answer counts as a verb for the default meeting. */
static void
weigh_subject(struct reader *r, struct verdict *v, size_t dflt)
{
	enum stance	 st = subject_stance(r->c != NULL ? r->c->subject :
	    NULL);
	struct verdict	*d = &v[dflt];

	if (st == ST_NONE)
		return;
	if (d->st == ST_NONE || d->strength < STR_VERB) {
		d->st = st;
		d->strength = STR_VERB;
		d->clause = (size_t)-1;
		d->conflict = false;
	} else if (d->st != st && !(d->st == ST_DELEG && st != ST_YES) &&
	    !(d->st == ST_MAYBE))
		d->conflict = true;
}

static void
reader_free(struct reader *r)
{
	free(r->x.t);
	free(r->x.s);
	free(r->cl);
	lex_free(&r->lx);
}

int
understand_reply(const char *visible, const struct understand_context *c,
    struct understanding *out)
{
	struct reader	 r;
	struct targets	 tg = { NULL, false, false };
	struct verdict	*v;
	size_t		 k, dflt;
	bool		 unclear;

	memset(out, 0, sizeof(*out));
	if (visible == NULL) {
		out->unclear = true;
		out->intent = UNDERSTAND_UNCLEAR;
		return -1;
	}
	memset(&r, 0, sizeof(r));
	r.c = c;
	r.x.src = visible;
	r.x.srclen = strnlen(visible, TEXT_MAX);
	lex_load(&r.lx);
	cut(&r.x, &r.lx);
	read_clauses(&r);
	find_secretary(&r);
	weigh_person(&r);
	drop_other_words(&r);
	assign_targets(&r, &tg);
	v = xcalloc(nmeet(&r), sizeof(*v));
	weigh(&r, &tg, v);
	for (dflt = 0; !(default_target(&r) & (1ULL << dflt)); dflt++)
		;
	weigh_subject(&r, v, dflt);
	for (k = 0; k < r.ncl; k++)
		if (HAS(&r.cl[k], LEX_DEFER))
			out->defer = true;
	unclear = tell_answers(&r, &tg, v, out);
	tell_extras(&r, out, out->answer == UNDERSTAND_TENTATIVE);
	out->thanks = only_thanks(&r);
	out->asks_to_come = r.asks_to_come;
	out->autoreply = oof_text(&r);
	tell_intent(&r, out, unclear);
	if (out->answer == UNDERSTAND_DECLINED)
		out->late = out->early = false;	/* busy till then: not coming */
	out->confidence = out->unclear ? 20 : out->nitems > 0 ? 90 : 80;
	free(v);
	free(tg.set);
	reader_free(&r);
	return 0;
}

static const char *const meaning_names[LEX_NMEANINGS] = {
	"attend", "absent", "neg", "neutral", "yes", "no", "maybe", "cond",
	"defer", "yesword", "noword", "sorry", "busy", "then", "meal",
	"meeting", "third", "title", "behalf", "subst", "late", "early",
	"diet", "bring", "online", "thanks", "greet", "qstart", "request",
	"retract", "own", "all", "join", "leave", "network", "modal", "past",
	"agenda", "oof", "alias"
};

char *
understand_explain(const char *visible, const struct understand_context *c)
{
	static const char *const st[] = { "-", "yes", "no", "maybe", "deleg" };
	struct reader	 r;
	struct targets	 tg = { NULL, false, false };
	struct buf	 b;
	size_t		 k, i, m;

	memset(&r, 0, sizeof(r));
	r.c = c;
	r.x.src = visible != NULL ? visible : "";
	r.x.srclen = strnlen(r.x.src, TEXT_MAX);
	lex_load(&r.lx);
	cut(&r.x, &r.lx);
	read_clauses(&r);
	find_secretary(&r);
	weigh_person(&r);
	drop_other_words(&r);
	assign_targets(&r, &tg);
	buf_init(&b, SIZE_MAX);
	buf_printf(&b, "secretary=%d about_other=%d other_date=%d "
	    "ambiguous=%d\n", r.secretary, r.about_other, tg.other_date,
	    tg.ambiguous);
	for (k = 0; k < r.ncl; k++) {
		struct clause *cl = &r.cl[k];

		buf_printf(&b, "s%zu [", cl->sent);
		for (i = cl->b; i < cl->e; i++)
			buf_printf(&b, "%s%s", i > cl->b ? " " : "",
			    r.x.t[i].w);
		buf_printf(&b, "] %s/%d%s%s%s%s targets=%llx:", st[cl->st],
		    cl->strength, cl->question ? " question" : "",
		    cl->third ? " third" : "", cl->conflict ? " conflict" : "",
		    cl->word_only ? " word" : "",
		    (unsigned long long)tg.set[k]);
		for (m = 0; m < LEX_NMEANINGS; m++)
			if (cl->nhit[m] > 0 || HAS(cl, m))
				buf_printf(&b, " %s", meaning_names[m]);
		buf_printf(&b, "\n");
	}
	free(tg.set);
	reader_free(&r);
	return buf_take(&b);
}

int
understand_text(const char *visible, const char *subject,
    struct understanding *out)
{
	struct understand_context c = { subject, NULL, 0,
	    UNDERSTAND_NO_MEETING, NULL };

	return understand_reply(visible, &c, out);
}

/* The first sentence's words, folded and joined by one space. */
static char *
first_words(const char *text)
{
	struct reader	 r;
	struct buf	 b;
	size_t		 i;
	char		*out = NULL;

	memset(&r, 0, sizeof(r));
	r.x.src = text;
	r.x.srclen = strnlen(text, TEXT_MAX);
	lex_load(&r.lx);
	cut(&r.x, &r.lx);
	if (r.x.ns > 0) {
		buf_init(&b, 4096);
		for (i = r.x.s[0].tb; i < r.x.s[0].te; i++) {
			if (r.x.t[i].sep)
				continue;
			if (b.len > 0)
				buf_addstr(&b, " ");
			buf_addstr(&b, r.x.t[i].w);
		}
		out = buf_take(&b);
	}
	reader_free(&r);
	return out;
}

int
understand_confirmation(const char *visible)
{
	static const char *const yes[] = { "ja", "yes", "klopt", "dat klopt",
	    "ja klopt", "ja dat klopt", "ja dat was ik", "dat was ik",
	    "ja dat ben ik", "ja hoor", "jazeker", "ja zeker", "zeker",
	    "correct", "bevestigd", "ik bevestig", "akkoord", "yes it was me",
	    "yes that was me", "it was me", "that was me", "yes correct",
	    "confirmed", "i confirm", "yep", "jep", "ok", "oke", "okay",
	    "+emo", NULL };
	static const char *const no[] = { "nee", "no", "dat was ik niet",
	    "nee dat was ik niet", "niet van mij", "nee niet van mij",
	    "ik was het niet", "that was not me", "that wasnt me",
	    "it was not me", "it wasnt me", "not me", "no it was not me",
	    "no that was not me", "no that wasnt me", "-emo", NULL };
	char	*w;
	int	 says = 0;

	if (visible == NULL || strlen(visible) > 400 ||
	    (w = first_words(visible)) == NULL)
		return 0;
	if (word_in(w, yes))
		says = 1;
	else if (word_in(w, no))
		says = -1;
	free(w);
	return says;
}

void
understanding_clear(struct understanding *u)
{
	size_t	 i;

	if (u == NULL)
		return;
	for (i = 0; i < u->nitems; i++)
		free(u->items[i].evidence);
	free(u->note);
	free(u->question_text);
	free(u->substitute);
	memset(u, 0, sizeof(*u));
}

const char *
understand_answer_name(enum understand_answer a)
{
	static const char *const names[] = {
		"none", "accepted", "declined", "tentative", "delegated"
	};

	if ((size_t)a >= nitems(names))
		return "none";
	return names[a];
}
