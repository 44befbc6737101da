/*
 * understand-clause.c: one clause of a reply read on its own: who speaks
 * (the writer, someone else), its polarity (verbs and idioms, negations
 * counted), what else decides (a clash, regret, a bare negation) and its
 * frame and modality (the lunch, a condition, "misschien", an answer
 * promised for later). Pure: no I/O.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "understand-int.h"
#include "util.h"

/* ---- reading one clause ---- */


/* Words that start a new clause inside a sentence (kept as its first). */
bool
und_conjunction(const char *w)
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

bool
und_contrast_word(const char *w)
{
	return strcmp(w, "maar") == 0 || strcmp(w, "but") == 0 ||
	    strcmp(w, "however") == 0 || strcmp(w, "echter") == 0;
}


const char *const und_first_person[] = { "ik", "i", "im", "ill", "id",
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
void
und_clause_person(struct clause *cl, const struct text *x)
{
	size_t	 i;

	for (i = cl->b; i < cl->e; i++)
		if (und_word_in(x->t[i].w, und_first_person))
			cl->self = true;
	cl->titled = HAS(cl, LEX_TITLE);
	cl->third = HAS(cl, LEX_THIRD) || cl->titled;
	i = cl->b;
	if (i < cl->e && und_conjunction(x->t[i].w))
		i++;
	if (i + 1 < cl->e && x->t[i].cap && !x->t[i].used &&
	    !und_word_in(x->t[i].w, not_names) && und_month_of(x->t[i].w) == 0 &&
	    und_weekday_of(x->t[i].w) < 0 && und_word_in(x->t[i + 1].w, third_verb))
		cl->third = true;
}

/* An English modal or its negation: "can't open", "could send". */
static bool
english_modal(const char *w)
{
	static const char *const m[] = { "can", "could", "cant", "cannot",
	    "couldnt", "not", NULL };

	return und_word_in(w, m);
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
		    !und_word_in(t->w, not_verbs))
			return true;
		if (i > cl->b && english_modal(x->t[i - 1].w) && n >= 3 &&
		    !und_word_in(t->w, und_first_person) && strcmp(t->w, "it") != 0 &&
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
		if (und_word_in(x->t[i].w, look))
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
void
und_clause_polarity(struct clause *cl, const struct text *x)
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
		if (und_word_in(x->t[i].w, be))
			verb = true;
		if ((strcmp(x->t[i].w, "in") == 0 ||
		    strcmp(x->t[i].w, "naar") == 0) && i + 1 < cl->e &&
		    x->t[i + 1].cap && !x->t[i + 1].used &&
		    und_month_of(x->t[i + 1].w) == 0 &&
		    und_weekday_of(x->t[i + 1].w) < 0)
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
		    und_month_of(x->t[i].w) == 0 && und_weekday_of(x->t[i].w) < 0)
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
		else if (!und_word_in(x->t[i].w, filler))
			return false;
	}
	return neg;
}


/* What else can decide: a clash, regret, bringing someone, a date alone. */
void
und_clause_hints(struct clause *cl, const struct text *x)
{
	bool	 when = HAS(cl, LEX_THEN) || cl->refs.n > 0 ||
	    cl->refs.wday >= 0 || und_anaphor(cl, x);
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
		if (und_word_in(x->t[i].w, verbs))
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
		if (und_word_in(x->t[i].w, verbs))
			return true;
	return false;
}

/*
 * A und_condition, not "als" meaning "as": "ik kom als toehoorder" is coming;
 * "als het lukt kom ik", "ik kom als de trein rijdt" are not sure.
 */
bool
und_condition(const struct clause *cl, const struct text *x)
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
		    und_word_in(x->t[i + 1].w, subject)))
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
		if (und_word_in(x->t[i].w, words))
			return true;
	return false;
}

/* Modality and frame: what turns or cancels the polarity. */
void
und_clause_frame(struct clause *cl, const struct text *x)
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
	} else if (HAS(cl, LEX_COND) && cl->st == ST_YES && und_condition(cl, x))
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


/* "die dag", "de nieuwe datum", "that day": the meeting named before. */
bool
und_anaphor(const struct clause *cl, const struct text *x)
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
