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
#include "understand-int.h"
#include "util.h"

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
		    (i > b && und_conjunction(r->x.t[i].w));

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
			cl->contrast = und_contrast_word(r->x.t[b].w);
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
		if (!und_word_in(r->x.t[i].w, und_first_person) &&
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
		if ((!t->cap && !und_word_in(t->w, particles)) ||
		    und_lexicon_word(&r->lx, t->w))
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
		if (und_word_in(r->x.t[i].w, closing))
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

		n = und_find_hits(&r->x, cl->b, cl->e, &r->lx, hits);
		for (i = 0; i < n; i++)
			if (cl->nhit[hits[i].meaning] < 255)
				cl->nhit[hits[i].meaning]++;
		for (i = cl->b; i < cl->e; i++)
			cl->mean |= r->x.t[i].mean;
	}
	for (k = 0; k < r->ncl; k++)
		und_clause_person(&r->cl[k], &r->x);
	mark_questions(r);
	for (k = 0; k < r->ncl; k++) {
		struct clause *cl = &r->cl[k];

		und_clause_refs(&r->x, cl->b, cl->e, r->c, &cl->refs);
		und_clause_polarity(cl, &r->x);
		und_clause_hints(cl, &r->x);
		und_clause_frame(cl, &r->x);
		/* "Als die niet uitloopt, ben ik er om 14:00": the
		   und_condition in one clause, coming in the next. */
		if (k > 0 && r->cl[k - 1].sent == cl->sent &&
		    r->cl[k - 1].st == ST_NONE && HAS(&r->cl[k - 1], LEX_COND) &&
		    und_condition(&r->cl[k - 1], &r->x) && cl->st == ST_YES &&
		    !cl->contrast && !HAS(cl, LEX_RETRACT))
			cl->st = ST_MAYBE;
	}
}

/* The owner's name in words: is w one of them? */
static bool
owner_word(const struct understand_context *c, const char *w)
{
	return c != NULL && c->owner != NULL && strlen(w) >= 3 &&
	    und_place_word(c->owner, w);
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


/* The meetings clause k names itself; *named false when none. */
static uint64_t
clause_named(struct reader *r, size_t k, bool *named)
{
	struct clause	*cl = &r->cl[k];
	uint64_t	 set;
	bool		 have = r->c != NULL && r->c->nmeetings > 0;

	set = und_refs_meetings(&cl->refs, r->c, named);
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
		else if (last != 0 && und_anaphor(cl, &r->x))
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
	und_lex_free(&r->lx);
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
	und_lex_load(&r.lx);
	und_cut(&r.x, &r.lx);
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
	und_lex_load(&r.lx);
	und_cut(&r.x, &r.lx);
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
	und_lex_load(&r.lx);
	und_cut(&r.x, &r.lx);
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
	if (und_word_in(w, yes))
		says = 1;
	else if (und_word_in(w, no))
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
