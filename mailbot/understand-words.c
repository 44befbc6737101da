/*
 * understand-words.c: the reader's words: the lexicon (lexicon/nl.tsv and
 * en.tsv) compiled once, the reply folded and cut into sentences, clauses
 * and words (emoji that answer become words), and the patterns found in a
 * clause. Pure: no I/O.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fold.h"
#include "understand-int.h"
#include "util.h"

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
void
und_lex_load(struct lex *l)
{
	static struct lex	 compiled;
	static bool		 done;

	if (!done) {
		lex_compile(&compiled);
		done = true;
	}
	*l = compiled;
}

void
und_lex_free(struct lex *l)
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

bool
und_is_digit(char c)
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
	t->num = n > 0 && und_is_digit(t->w[0]);
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

	if (f[j] == '+' && j + 1 < n && und_is_digit(f[j + 1]))
		j++;
	while (j < n) {
		if (is_alnum(f[j]) || f[j] == '@' || f[j] == '_')
			j++;
		else if ((f[j] == '\'' || f[j] == '-') && j > i &&
		    j + 1 < n && is_alnum(f[j + 1]))
			j++;
		else if ((f[j] == '.' || f[j] == ':' || f[j] == '/') &&
		    j > i && j + 1 < n && und_is_digit(f[j - 1]) &&
		    und_is_digit(f[j + 1]))
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

void
und_cut(struct text *x, const struct lex *lx)
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
		    i + 1 < fd.n && und_is_digit(f[i + 1]))) {
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
	    und_month_of(x->t[i + 1].w) != 0)
		return false;
	idx[(*nidx)++] = i;
	if (pat_at(x, i + 1, e, p, k + 1, idx, nidx))
		return true;
	(*nidx)--;
	return false;
}

/* Every pattern in tokens [b, e), longest first; each word used once. */
size_t
und_find_hits(struct text *x, size_t b, size_t e, const struct lex *lx,
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

bool
und_word_in(const char *w, const char *const *list)
{
	size_t	 i;

	for (i = 0; list[i] != NULL; i++)
		if (strcmp(w, list[i]) == 0)
			return true;
	return false;
}

/* A word the lexicons know on its own ("Grapje!" is no name). */
bool
und_lexicon_word(const struct lex *lx, const char *w)
{
	size_t	 i;

	for (i = 0; i < lx->np; i++)
		if (lx->p[i].nt == 1 && lx->p[i].t[0].kind == PT_WORD &&
		    strcmp(lx->p[i].t[0].w, w) == 0)
			return true;
	return false;
}
