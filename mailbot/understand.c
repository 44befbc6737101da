/*
 * understand.c: reads the visible text of a reply to an invitation. The
 * text is split into sentences, each folded to lower-case ASCII (accents
 * dropped) and cut into words and clauses; small Dutch and English
 * lexicons then find answers, negations, notes and requests. Pure: no I/O.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fold.h"
#include "understand.h"
#include "util.h"

/* Words kept per sentence; what comes after is small talk. */
#define MAXTOK		160
#define SEP		","	/* the clause separator token */

static const char *const meeting_noun[];

/* Cue strengths: a later, weaker cue never overrides an earlier one. */
enum {
	CUE_WEAK = 1,		/* "helaas", "graag", "sorry" */
	CUE_WORD = 2,		/* "ja", "nee", "yes", "no" */
	CUE_VERB = 3		/* "ik kom", "kan niet", "verhinderd" */
};

struct sent {
	const char	*src;		/* the sentence as written */
	size_t		 srclen;
	bool		 is_q;		/* ends in '?' */
	bool		 bang;		/* ends in '!' */
	char		*fold;		/* folded copy; tokens point into it */
	char		*tok[MAXTOK];
	bool		 used[MAXTOK];	/* eaten by an idiom */
	size_t		 ntok;
};

/* What one sentence says. */
struct reading {
	int	 acc, dec, ten;		/* strongest cue of each kind */
	bool	 question, join, leave, deleg;
	bool	 late, early, diet, guest, speaker, noise;
	bool	 retract;		/* takes back what came before */
};

/*
 * Lexicons of folded words and phrases. A trailing '*' matches a prefix,
 * "_" any word, "#" a word starting with a digit (a time: 15.00, 9u),
 * "..." skips zero to three words within a clause.
 */
static const char *const negations[] = {
	"niet", "geen", "not", "cannot", "never", "nooit", "cant", "couldnt",
	"wouldnt", "dont", "doesnt", "wont", "isnt", "unable", "onmogelijk",
	"nimmer", "nie", "neit", "nit", NULL
};
/* Words that make "niet"/"not" no answer at all. */
static const char *const neutral[] = {
	"geen probleem", "geen bezwaar", "geen punt", "geen enkel probleem",
	"geen enkel bezwaar", "niet erg", "no problem", "not a problem",
	"no problems", "no worries", "no objection", "no objections",
	"niet alleen", "not only", "not just", NULL
};
/* Negated phrases that mean yes. */
static const char *const eager[] = {
	"kan niet wachten", "kan haast niet wachten", "can't wait",
	"cant wait", "cannot wait", "can not wait", "wouldn't miss",
	"would not miss", "wouldnt miss", "niet ... missen",
	"not ... miss", "don't want to miss", "no way i'd miss",
	"nergens anders", "niet weg te slaan", NULL
};
/* Words that, with or without negation, say whether one comes. */
static const char *const attend[] = {
	"kom", "komen", "kome", "kommen", "aanwezig", "aanwezigheid", "erbij",
	"present", "presence", "attend*", "aanschuif*", "schuif", "lukt",
	"lukken", "gelukt", "halen", "redden", "make", "come", "coming",
	"participate*", "deelnemen", "deel", "kan", "kun", "kunnen", "can",
	"attendance", "join", "joining", "deelname", "can't", "cant",
	"cannot", "kan't", NULL
};
static const char *const attend_seq[] = {
	"ben er", "er zijn", "er bij", "ben ik er", "zal er", "er ook",
	"ben ik bij", "daar ben ik", "be there", "count me in", "i'm in",
	"im in", "see you", "zie je", "zie jullie", "zie u", "zien elkaar",
	"ill be", "be present", "van de partij", "be able", "able to", NULL
};
static const char *const yes_word[] = {
	"ja", "jazeker", "jawel", "jaja", "yes", "yep", "yup", "yeah", "jep",
	"jup", "jahoor", "natuurlijk", "uiteraard", "absoluut", "absolutely",
	"certainly", "definitely", "sure", "zeker", "akkoord", "prima", "ok",
	"oke", "okay", "okido", "top", "confirmed", "bevestigd", "agreed",
	"accepted", "geaccepteerd", "indeed", "gaarne", "tuurlijk",
	"afgesproken", "deal", "doen", NULL
};
static const char *const no_word[] = {
	"nee", "neen", "no", "nope", "nah", "helaas", "unfortunately", NULL
};
static const char *const yes_strong[] = {
	"meld ... aan", "aangemeld", "aanmeld*", "ingeschreven",
	"schrijf ... in",
	"sign me up", "signed up", "rsvp yes", "register me", "registreer*",
	"doe mee", "doe ... mee", "doen mee", NULL
};
static const char *const yes_weak[] = {
	"looking forward", "verheug*", "zin in", "tot dan", "tot straks",
	"tot de*", "see you then", "happy to", "glad to", "bevestig*",
	"confirm*", "accept*", "tot ziens op", "love to", "in mijn agenda",
	"in my calendar", "in my diary", NULL
};
/* Only in a short clause ("Graag!"), not in "Graag ontvang ik …".
   "Genoteerd"/"noted" are not here: they acknowledge receipt, as
   "ontvangen" does, and promise nothing ("Noted, thanks."). */
static const char *const yes_short[] = {
	"graag", "leuk", "gezellig", "great", "fijn", "delighted",
	"pleasure", "plezier", "top", "super", "excellent", "perfect",
	"staat", "prima", "gaaf", "mooi", "genoegen",
	NULL
};
static const char *const no_weak[] = {
	"helaas", "unfortunately", "sorry", "jammer", "regret*", "spijt",
	"vakantie", "holiday", "vacation", "ziek", "sick", "elders",
	"conflict*", "verplichting*", "commitment*", "dubbel*", "double*",
	"geen tijd", "no time", "pindakaas", "alas", "sadly", "excuse*",
	"excuus", "overlap*", "clash*", "buitenland", "abroad", "bezet",
	"volgeboekt", "vol", "engagement", "iets anders", "something else",
	"other plans", "andere plannen", "elsewhere", "away", NULL
};
static const char *const no_strong[] = {
	"verhinderd", "afwezig", "absent", "declin*", "meld ... af", "afmeld*",
	"afgemeld", "afzeggen", "zeg ... af", "moet ... passen", "pass",
	"cancel", "skip", "miss it", "missen", "apologies", "afwezigheid",
	"bericht van verhindering", "to miss", "overslaan", "afhaken",
	"verstek",
	"haak ... af", "out of office", "afwezig", "niet in de gelegenheid",
	"not available", "niet beschikbaar", "unavailable", NULL
};
static const char *const maybe_strong[] = {
	"misschien", "maybe", "perhaps", "possibly", "wellicht", "eventueel",
	"voorbehoud", "tentative*", "voorlopig", "onzeker", "unsure",
	"uncertain", "niet zeker", "not sure", "weet ... niet", "weet ... nog",
	"don't know", "dont know", "do not know", "zou kunnen", "might",
	"depends", "hangt", "if possible", "if i can", "als ik kan",
	"als het lukt", "als het kan", "laat het ... weten",
	"laat ... nog ... weten", "laat ... later weten", "laat ... nader",
	"i'll let you know", "will let you know", "let you know by",
	"let you know later", "let you know soon", "let you know asap",
	"let you know as soon", "geen idee", "no idea",
	"get back", "kom ... terug", "nog niet zeggen", "can't say",
	"cannot say", "can not say", "in principe", "vermoedelijk", "mits",
	"provided", "not yet", "nog niet bevestigen", "agenda ... checken",
	"check my", "kijken of", "see if", "zo mogelijk", "indien mogelijk",
	"nog onduidelijk", "fifty*", "50/50", "twijfel*", "doubt*",
	"beloven", "promise", "garanderen", "guarantee", "kijk of",
	"will confirm", "confirm later", "zal ... bevestigen",
	"later bevestigen", "nog bevestigen", "denk het wel", "denk van wel",
	"think so", "verwacht van wel", "verwacht het wel", "tenzij",
	"unless",
	"kijk ... of", "check if", "zie ... of", NULL
};
static const char *const hedge_no[] = {
	"denk het niet", "denk van niet", "don't think so", "dont think so",
	"do not think so", "waarschijnlijk niet", "probably not",
	"verwacht van niet", "verwacht het niet", NULL
};
static const char *const maybe_weak[] = {
	"hoop", "hope", "hopelijk", "hopefully", "probe*", "try*", "trying",
	"mijn best", "my best",
	"waarschijnlijk", "probably", "likely", "doe mijn best",
	"do my best", "vermoed*", "may", NULL
};
static const char *const not_late[] = {
	"later weten", "laat ... weten", "later terug", "let you know",
	"will confirm",
	"get back", "later meer", "more later", "later deze", "later this",
	"confirm later", "bevestig* later", "later bevestig*",
	NULL
};
static const char *const late_cue[] = {
	"later", "te laat", "pas om", "pas rond", "pas vanaf", "pas na",
	"vanaf %", "vanaf # uur", "late", "delayed", "vertraagd", "na de lunch",
	"after lunch", "na de pauze", "after the break", "verlaat",
	"pas ... aan", "arrive at", "aansluiten om", "join at",
	"from # onwards", "na %", "after %", "pas #", "rond %", "rond # uur",
	"tweede deel", "second half", "second part", "pas in", "pas tegen",
	NULL
};
static const char *const early_cue[] = {
	"eerder weg", "eerder vertrekken", "om ... weg", "moet ... weg",
	"weg om", "vertrek*", "leave early", "om # naar",
	"leave at", "have to leave", "need to leave", "must leave",
	"leave before", "tot %", "tot # uur", "tot # u", "tot half #",
	"until %", "until # pm", "until # am", "only until", "till %",
	"vandoor",
	"tot de lunch", "tot het einde niet", "tot de pauze",
	"voor de lunch weg", "until lunch", "eerste deel",
	"eerste helft", "first half", "first part", "alleen de ochtend",
	"alleen 's ochtends", "only the morning", "morning only",
	"ochtendprogramma", "before the end", "voor het einde", "leave by",
	"head out", "eerder op", "off early", "niet blijven", "not stay",
	"borrel", "diner", "dinner", "drinks", NULL
};
/* "tot 14 uur" with an appointment: busy until then, so late. */
static const char *const until_cue[] = {
	"tot %", "tot # uur", "until %", "till %", NULL
};
static const char *const busy_cue[] = {
	"afspraak", "bezet", "busy", "appointment", "vergadering", "meeting",
	"tied up", "verplichting", "andere", "another", "other", NULL
};
static const char *const early_cue_strict[] = {
	"eerder weg", "om ... weg", "moet ... weg", "weg om", "vertrek*",
	"leave", "vandoor", NULL
};
static const char *const diet_cue[] = {
	"vegetari*", "vegan*", "veganist*", "dieet*", "diet*", "allergi*",
	"gluten*", "lactose*", "halal", "koosjer", "kosher", "pescotari*",
	"pescatari*", "geen vlees", "no meat", "geen vis", "no fish",
	"varkensvlees", "pork", "noten", "nuts", "intoleran*", "coeliakie",
	"suikervrij", "zoutarm", "*allergie", "*allergisch", "*allergy",
	"*vrij", NULL
};
static const char *const not_diet[] = {
	"geen dieet*", "geen allergie*", "geen bijzondere", "geen wensen",
	"geen speciale", "no dietary", "no allergies", "no special",
	"no diet*", "geen dieetwens*", NULL
};
static const char *const guest_cue[] = {
	"gast", "gasten", "guest", "guests", "introduce", "neem ... mee",
	"breng ... mee", "meenemen", "meebrengen", "bring ... along",
	"bring a*", "bring my", "bring someone", "plus one", "+1",
	"iemand mee", "komt mee", "komt ook", "gaat mee", "comes along",
	"come along", "joins me", NULL
};
/* Naming a substitute for certain, even with a guest cue about. */
static const char *const deleg_core[] = {
	"plaatsvervang*", "vervang*", "in mijn plaats", "namens",
	"deputy", "substitute", "instead", "on my behalf", "in my place",
	"represent*", "vertegenwoordig*", "replace*", NULL
};
static const char *const speaker_cue[] = {
	"spreker", "gastspreker", "speaker", "inleider", "presentatie",
	"presentation", "keynote", NULL
};
static const char *const deleg_cue[] = {
	"plaatsvervang*", "vervanger", "vervangster", "vervangen", "vervangt",
	"waarnemer", "waarneemt", "in mijn plaats", "namens mij",
	"in plaats van mij", "neemt mijn plaats", "deputy", "substitute",
	"replacement", "stand-in", "stand in", "in my place", "on my behalf",
	"instead of me", "in my stead", "replace me", "represent*",
	"vertegenwoordig*", "in my absence", "send my", "sending my",
	"stuur ik", "stuur mijn", "stuurt", "sends", "neemt waar",
	"in mijn afwezigheid", "go in my", "attend instead", "komt in plaats",
	"gaat in mijn", "komt namens", "instead", "in de plaats",
	"collega ... komt", "collega ... gaat", "vervanging", "neemt ... over",
	"take over", "takes over", "collega ... neemt", "colleague ... will",
	"colleague ... attend*", "collega ... zal", "send a colleague",
	"stuur een", "namens ons", "on behalf", NULL
};
static const char *const network[] = {
	"netwerk", "leernetwerk", "network", "networks", "leernetwerken",
	"mailinglijst", "maillijst", "lijst", "list", "mailing*", "groep",
	"group", "lidmaatschap", "membership", "verzendlijst",
	"distributielijst", "community", "kring", "leergroep", "member",
	"lid", "leden", "members", "netwerken", "learning", NULL
};
static const char *const join_cue[] = {
	"deelnemen", "deel ... nemen", "aansluiten", "sluit ... aan",
	"toetreden", "aanmeld*", "meld ... aan", "join*", "lid worden",
	"word ... lid", "become a member", "lid van", "deelname", "sign up",
	"sign me up", "interesse", "interested", "participate*", "worden",
	"inschrijven", "schrijf ... in", "deel te nemen", "aan te sluiten",
	NULL
};
static const char *const leave_cue[] = {
	"afmeld*", "meld ... af", "uitschrijv*", "schrijf ... uit", "opzeg*",
	"zeg ... op", "remove*", "unsubscrib*", "stop*", "verlaten", "leave",
	"leaving", "uittreden", "uitstappen", "halen", "afhalen",
	"verwijder*", "delete", "opt*", "beeindig*", "end my",
	"cancel my", "geen lid meer", "no longer", "niet langer",
	"niet meer", "uit de", "off the", "take me off", "haal me",
	"haal mij", "quit", "terugtrekken", "withdraw*", NULL
};
static const char *const leave_strong[] = {
	"unsubscrib*", "uitschrijv*", "schrijf ... uit", "opzeg*",
	"zeg ... op", "geen lid meer", "no longer a member", NULL
};
static const char *const noise_cue[] = {
	"bedankt", "dank", "dankjewel", "dankuwel", "danku", "thanks",
	"thank", "thx", "tnx", "ontvangen", "received", "groet*", "regards",
	"mvg", "gr", "vriendelijke", "hartelijke", "cheers", "tot ziens",
	"fijne dag", "fijn weekend", "goedemorgen", "goedemiddag", "hallo",
	"hoi", "hi", "hello", "beste", "dear", "best", "kind", "warm",
	"noted", "genoteerd", "hey", "ha", "geachte", "groeten", NULL
};
static const char *const qstart[] = {
	"waar", "wanneer", "wie", "welke", "waarom", "hoelaat", "where",
	"when", "who", "which", "why", "hoe laat", "hoe kom", "hoe moet",
	"hoe lang", "hoeveel", "wat is", "wat zijn", "wat moet", "wat kost",
	"what time", "what is", "what's", "how do", "how can", "how long",
	"how much", "how many", "is er", "zijn er", "is het", "is dat",
	"kan ik", "kan je", "kan men", "kunnen we", "kunnen wij", "kun je",
	"kunt u", "kunnen jullie", "kun jij", "zouden jullie", "zou u",
	"zou je", "wilt u", "willen jullie", "wil je", "mag ik", "mogen we",
	"moet ik", "moeten we", "zal ik",
	"heb ik", "hebben jullie", "is there", "are there", "is it",
	"can i", "can we", "can you", "could you", "could i", "do i",
	"do we", "do you", "does", "should i", "will there", "may i",
	"would it", "komt er", NULL
};
static const char *const qphrase[] = {
	"vroeg me af", "vraag me af", "wondering", "graag weten",
	"let me know", "laat me weten", "laat mij weten", "vraagje",
	"vraag", "question", "benieuwd", "wil ... weten", "would like to know",
	"hoor graag", NULL
};
static const char *const smalltalk[] = {
	"volgende keer", "next time", "another time", "een andere keer",
	"next meeting", "volgende bijeenkomst", "volgende sessie",
	"goede bijeenkomst", "good meeting", "fijne bijeenkomst",
	"succes", "good luck", "veel plezier", "have fun", "enjoy",
	"vorige keer", "vorige bijeenkomst", "last time", "last meeting",
	"last one", "previous", "vorige", "afgelopen", NULL
};
static const char *const separators[] = {
	"omdat", "because", "dus", "therefore", NULL
};
/* Separators kept as the next clause's first word: that clause wins. */
static const char *const contrast[] = {
	"maar", "but", "however", "echter", "though", "although", "hoewel",
	NULL
};

/*
 * Modal verbs: "ik kan niet" alone means cannot come, but in "ik kan hem
 * niet vinden" the modal serves another verb and says nothing about
 * coming.
 */
static const char *const modal[] = {
	"kan", "kun", "kunnen", "can", "can't", "cant", "cannot", "kan't",
	NULL
};
/* English verbs that take a modal or a negation away from attending. */
static const char *const other_verb_en[] = {
	"find", "see", "open", "read", "remember", "say", "tell", "hear",
	"reach", "access", "download", "locate", "print", "understand",
	"figure", "recall", "get", "load", "view", NULL
};
/* Words ending in -en that are no infinitive. */
static const char *const not_infinitive[] = {
	"alleen", "misschien", "even", "tegen", "boven", "binnen", "buiten",
	"zeven", "negen", "heden", "morgen", "wegen", "volgen", "open",
	"tussen", "ergens", NULL
};
/* Words before a noun: "andere afspraken" is no verb "afspraken". */
static const char *const determiner[] = {
	"de", "het", "een", "mijn", "jouw", "uw", "onze", "zijn", "haar",
	"hun", "die", "deze", "dat", "dit", "veel", "twee", "drie", "vier",
	"alle", "geen", "welke", "zulke", "*e", NULL
};
/* Verbs of knowing, and words that put knowing off: together a maybe. */
static const char *const know_verb[] = {
	"weten", "weet", "know", "bevestigen", "bevestig", "confirm",
	"zeggen", "zeg", "say", NULL
};
static const char *const defer[] = {
	"pas later", "later", "volgende week", "next week", "nog niet",
	"not yet", "binnenkort", "soon", "morgen", "tomorrow", "pas", NULL
};
/* A bare "wel", "ja" after a hedge: "waarschijnlijk wel" is a maybe. */
static const char *const affirm[] = {
	"wel", "ja", "yes", "so", NULL
};
/* A closing ("Best regards,"): what follows is the signature. */
static const char *const closing[] = {
	"regards", "groet", "groeten", "groetjes", "mvg", "cheers",
	"sincerely", "wishes", "hartelijke groet", "vriendelijke groet", NULL
};
/* Particles of Dutch separable verbs, which go to the clause's end. */
static const char *const particle[] = {
	"af", "aan", "over", "mee", "op", "uit", "in", "terug", "door", "weg",
	NULL
};
/* Taking back what was said just before: "Ik kom niet... grapje!" */
static const char *const retract[] = {
	"grapje", "geintje", "kidding", "jk", "grapjes", "joking", NULL
};

/* A time of day: 15.00, 9:30, 16u, 16h, 4pm, 10am. */
static bool
is_time(const char *t)
{
	size_t	 n = strspn(t, "0123456789");

	if (n == 0 || n > 2)
		return false;
	if ((t[n] == '.' || t[n] == ':') && strlen(t + n + 1) == 2 &&
	    strspn(t + n + 1, "0123456789") == 2)
		return true;
	return strcmp(t + n, "u") == 0 || strcmp(t + n, "h") == 0 ||
	    strcmp(t + n, "uur") == 0 || strcmp(t + n, "pm") == 0 ||
	    strcmp(t + n, "am") == 0;
}

static bool
word_is(const char *t, const char *pat)
{
	size_t	 n = strlen(pat);

	if (n > 1 && pat[0] == '*') {
		size_t tn = strlen(t);
		return tn >= n - 1 && strcmp(t + tn - (n - 1), pat + 1) == 0;
	}
	if (n > 1 && pat[n - 1] == '*')
		return strncmp(t, pat, n - 1) == 0 && strcmp(t, SEP) != 0;
	if (strcmp(pat, "#") == 0)
		return t[0] >= '0' && t[0] <= '9';
	if (strcmp(pat, "%") == 0)
		return is_time(t);
	if (strcmp(pat, "_") == 0)
		return strcmp(t, SEP) != 0;
	return strcmp(t, pat) == 0;
}

static bool
word_in(const char *t, const char *const *list)
{
	size_t	 i;

	for (i = 0; list[i] != NULL; i++)
		if (word_is(t, list[i]))
			return true;
	return false;
}

/*
 * Matches the words of pat at s->tok[i], never past e; on success sets
 * *end to one past the last word. "..." skips zero to three words.
 */
static bool
match_at(const struct sent *s, size_t i, size_t e, const char *pat,
    size_t *end)
{
	char	 w[64];
	size_t	 n, k;

	while (*pat == ' ')
		pat++;
	if (*pat == '\0') {
		*end = i;
		return true;
	}
	/* A literal word (or prefix*) starts with its own letter: most
	   positions are rejected here, before the word is copied. */
	if (strchr("*#%_.", *pat) == NULL && (i >= e || s->tok[i][0] != *pat))
		return false;
	n = strcspn(pat, " ");
	if (n >= sizeof(w))
		return false;
	memcpy(w, pat, n);
	w[n] = '\0';
	if (strcmp(w, "...") == 0) {
		for (k = 0; k <= 3 && i + k <= e; k++) {
			if (k > 0 && strcmp(s->tok[i + k - 1], SEP) == 0)
				break;
			if (match_at(s, i + k, e, pat + n, end))
				return true;
		}
		return false;
	}
	if (i >= e || s->used[i] || !word_is(s->tok[i], w))
		return false;
	return match_at(s, i + 1, e, pat + n, end);
}

/* Finds the first phrase of list in tok[b, e); its start, or -1. */
static long
find_any(const struct sent *s, size_t b, size_t e,
    const char *const *list, size_t *end)
{
	size_t	 i, j, dummy;

	if (end == NULL)
		end = &dummy;
	for (i = b; i < e; i++)
		for (j = 0; list[j] != NULL; j++)
			if (match_at(s, i, e, list[j], end))
				return (long)i;
	return -1;
}

static bool
has_any(const struct sent *s, size_t b, size_t e, const char *const *list)
{
	return find_any(s, b, e, list, NULL) != -1;
}

/* Marks every phrase of list in tok[b, e) as used; true if one was. */
static bool
eat_any(struct sent *s, size_t b, size_t e, const char *const *list)
{
	long	 at;
	size_t	 end, k;
	bool	 ate = false;

	while ((at = find_any(s, b, e, list, &end)) != -1) {
		for (k = (size_t)at; k < end; k++)
			s->used[k] = true;
		ate = true;
	}
	return ate;
}

static bool
tok_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	    c == '\'' || c == '@' || c == '.' || c == '_' || c == '+' ||
	    c == '-' || c == '/';
}

static void
sent_push(struct sent *s, char *t)
{
	size_t	 n = strlen(t);

	while (n > 0 && strchr(".-'/", t[n - 1]) != NULL)
		t[--n] = '\0';
	while (*t != '\0' && strchr(".-'/", *t) != NULL)
		t++;
	if (*t == '\0' || s->ntok >= MAXTOK)
		return;
	if (strcmp(t, SEP) == 0 && (s->ntok == 0 ||
	    strcmp(s->tok[s->ntok - 1], SEP) == 0))
		return;
	s->tok[s->ntok] = t;
	s->used[s->ntok] = false;
	s->ntok++;
}

/* Folds s->src and cuts it into words, with SEP between clauses. */
static void
sent_tokenise(struct sent *s)
{
	struct buf	 b;
	size_t		 i, j;
	char		*p;

	buf_init(&b, SIZE_MAX);
	for (i = 0; i < s->srclen; )
		i += fold_char((const unsigned char *)s->src + i, &b);
	/* A separator becomes three bytes: NUL, SEP, NUL. */
	s->fold = xcalloc(3 * b.len + 2, 1);
	for (i = 0, j = 0; i < b.len; i++) {
		char c = b.data[i];
		if (tok_char(c))
			s->fold[j++] = c;
		else if (c == ',' || c == ':' || c == ';' || c == '(' ||
		    c == ')' || c == '"') {
			s->fold[j++] = '\0';
			s->fold[j++] = ',';
			s->fold[j++] = '\0';
		} else
			s->fold[j++] = '\0';
	}
	buf_free(&b);
	for (p = s->fold; p < s->fold + j; p += strlen(p) + 1) {
		size_t k;
		sent_push(s, p);
		for (k = 0; separators[k] != NULL && s->ntok > 0; k++)
			if (strcmp(s->tok[s->ntok - 1], separators[k]) == 0)
				s->tok[s->ntok - 1] = (char *)SEP;
		for (k = 0; contrast[k] != NULL && s->ntok > 0; k++)
			if (strcmp(s->tok[s->ntok - 1], contrast[k]) == 0 &&
			    s->ntok < MAXTOK) {
				s->tok[s->ntok] = s->tok[s->ntok - 1];
				s->used[s->ntok] = false;
				s->tok[s->ntok - 1] = (char *)SEP;
				s->ntok++;
			}
		if (s->ntok > 1 && strcmp(s->tok[s->ntok - 1], SEP) == 0 &&
		    strcmp(s->tok[s->ntok - 2], SEP) == 0)
			s->ntok--;
	}
}

/* Ends a sentence at i? A '.' ends one only before space or the end. */
static bool
sent_ends(const char *t, size_t i, size_t len)
{
	if (t[i] == '!' || t[i] == '?' || t[i] == ';')
		return true;
	if (t[i] == '.')
		return i + 1 == len || t[i + 1] == ' ' || t[i + 1] == '\n' ||
		    t[i + 1] == '\r' || t[i + 1] == '\t' || t[i + 1] == '.';
	if (t[i] == '\n' || t[i] == '\r') {
		size_t k = i;
		/* A long line going on in lower case is a wrapped sentence. */
		while (k > 0 && t[k - 1] != '\n' && t[k - 1] != '\r')
			k--;
		return !(i - k >= 40 && i + 1 < len &&
		    t[i + 1] >= 'a' && t[i + 1] <= 'z');
	}
	return false;
}

/* Cuts text into sentences; returns them and their count in *n. */
static struct sent *
split_sentences(const char *t, size_t *n)
{
	struct sent	*v = NULL;
	size_t		 len = strlen(t), i, start = 0, cap = 0;

	*n = 0;
	for (i = 0; i <= len; i++) {
		size_t stop = i;
		if (i < len && !sent_ends(t, i, len))
			continue;
		while (i < len && strchr("!?.;", t[i]) != NULL &&
		    sent_ends(t, i, len))
			i++;
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			v = xreallocarray(v, cap, sizeof(*v));
		}
		memset(&v[*n], 0, sizeof(v[*n]));
		v[*n].src = t + start;
		v[*n].srclen = i - start;
		v[*n].is_q = memchr(t + stop, '?', i - stop) != NULL;
		v[*n].bang = memchr(t + stop, '!', i - stop) != NULL;
		sent_tokenise(&v[*n]);
		if (v[*n].ntok > 0)
			(*n)++;
		else
			free(v[*n].fold);
		if (i < len && strchr("!?.;", t[i]) == NULL)
			i++;
		start = i;
		i = i > 0 ? i - 1 : 0;
		if (start >= len)
			break;
	}
	return v;
}

static bool
is_negation(const char *t)
{
	size_t	 n = strlen(t), i;

	if (n > 3 && strcmp(t + n - 3, "n't") == 0)
		return true;
	for (i = 0; negations[i] != NULL; i++)
		if (strcmp(t, negations[i]) == 0)
			return true;
	return false;
}

/*
 * Is tok[i] of the clause tok[b, e) a main verb other than attending? In
 * Dutch the infinitive stands last in the clause ("… niet vinden"), not
 * after a determiner or adjective ("andere verplichtingen"); English has
 * a short list of verbs.
 */
static bool
other_verb_at(const struct sent *s, size_t b, size_t i, size_t e)
{
	const char	*t = s->tok[i];
	size_t		 n = strlen(t);

	if (s->used[i] || word_in(t, attend))
		return false;
	if (word_in(t, other_verb_en))
		return true;
	return i + 1 == e && i > b && n >= 5 && strcmp(t + n - 2, "en") == 0 &&
	    !word_in(t, not_infinitive) && !word_in(s->tok[i - 1], determiner);
}

static bool
clause_other_verb(const struct sent *s, size_t b, size_t e)
{
	size_t	 i;

	for (i = b; i < e; i++)
		if (other_verb_at(s, b, i, e))
			return true;
	return false;
}

/* Is a word of the clause tok[b, e) an attendance verb? */
static bool
clause_attends(const struct sent *s, size_t b, size_t e)
{
	size_t	 i, j;
	bool	 aux = clause_other_verb(s, b, e);

	if (has_any(s, b, e, attend_seq))
		return true;
	for (i = b; i < e; i++) {
		if (s->used[i] || (aux && word_in(s->tok[i], modal)))
			continue;
		for (j = 0; attend[j] != NULL; j++)
			if (word_is(s->tok[i], attend[j]))
				return true;
	}
	return false;
}

/*
 * A negation counts unless it belongs to another verb: "ik kan hem niet
 * vinden" denies finding, not coming.
 */
static bool
clause_negated(const struct sent *s, size_t b, size_t e)
{
	size_t	 i;

	for (i = b; i < e; i++) {
		if (s->used[i] || !is_negation(s->tok[i]))
			continue;
		if (i + 1 < e && other_verb_at(s, b, i + 1, e))
			continue;
		return true;
	}
	return false;
}

/*
 * Is the absence word found at tok[at, end) itself denied ("ik ga niet
 * afzeggen", "I wouldn't want to miss it")? A negation up to three words
 * before it, none of them about attending, and none inside the phrase
 * ("niet in de gelegenheid" is no double negative).
 */
static bool
absence_denied(const struct sent *s, size_t b, size_t at, size_t end)
{
	size_t	 i, from = at > b + 3 ? at - 3 : b;

	for (i = at; i < end; i++)
		if (is_negation(s->tok[i]))
			return false;
	for (i = at; i > from; i--) {
		if (s->used[i - 1])
			continue;
		if (is_negation(s->tok[i - 1]))
			return true;
		if (word_in(s->tok[i - 1], attend))
			return false;
	}
	return false;
}

/*
 * The Dutch infinitive of a verb stem, as a separable verb needs it:
 * "sla" → "slaan", "doe" → "doen", "haak" → "haken", "zeg" → "zeggen",
 * "schuif" → "schuiven", "meld" → "melden". Writes into out (size len).
 */
static void
stem_infinitive(const char *stem, char *out, size_t len)
{
	static const char vowels[] = "aeiou";
	size_t	 n = strlen(stem);
	char	 last = n > 0 ? stem[n - 1] : '\0';
	bool	 v1 = n >= 2 && strchr(vowels, stem[n - 2]) != NULL;
	bool	 v2 = n >= 3 && strchr(vowels, stem[n - 3]) != NULL;

	if (n < 2 || n + 4 >= len) {
		out[0] = '\0';
		return;
	}
	if (last == 'a')					/* sla */
		snprintf(out, len, "%san", stem);
	else if (last == 'e')
		snprintf(out, len, "%sn", stem);
	else if (v1 && v2 && stem[n - 2] == stem[n - 3])	/* haak */
		snprintf(out, len, "%.*s%cen", (int)n - 2, stem,
		    last == 'f' ? 'v' : last == 's' ? 'z' : last);
	else if (v1 && !v2)					/* zeg */
		snprintf(out, len, "%s%cen", stem, last);
	else if (v1 && (last == 'f' || last == 's'))		/* schuif */
		snprintf(out, len, "%.*s%cen", (int)n - 1, stem,
		    last == 'f' ? 'v' : 'z');
	else
		snprintf(out, len, "%sen", stem);
}

/*
 * A Dutch separable verb split over the clause ("dit keer sla ik over",
 * "ik sluit later aan"): the particle ends the clause, the verb came
 * earlier. True when particle + infinitive is a word of list.
 */
static bool
clause_separable(const struct sent *s, size_t b, size_t e,
    const char *const *list)
{
	char	 inf[64], joined[80];
	size_t	 i;

	if (e - b < 2 || s->used[e - 1] || !word_in(s->tok[e - 1], particle))
		return false;
	for (i = b; i + 1 < e; i++) {
		if (s->used[i])
			continue;
		stem_infinitive(s->tok[i], inf, sizeof(inf));
		if (inf[0] == '\0')
			continue;
		snprintf(joined, sizeof(joined), "%s%s", s->tok[e - 1], inf);
		if (word_in(joined, list))
			return true;
	}
	return false;
}

/*
 * Knowing put off ("zeker weten doe ik het pas later", "I'll know next
 * week"): not decided yet, whatever "zeker" or "yes" says around it.
 */
static bool
clause_defers(const struct sent *s, size_t b, size_t e)
{
	return has_any(s, b, e, know_verb) && has_any(s, b, e, defer);
}

static void
cue(int *slot, int strength)
{
	if (strength > *slot)
		*slot = strength;
}

/* Reads the answer cues of one clause tok[b, e). */
static void
clause_answer(struct sent *s, size_t b, size_t e, struct reading *r)
{
	bool	 att, neg, note;
	int	 ten = 0;

	long	 at;
	size_t	 end;

	if (has_any(s, b, e, smalltalk))
		return;
	if (has_any(s, b, e, hedge_no)) {
		cue(&r->dec, CUE_VERB);		/* before "think so" */
		return;
	}
	if (clause_defers(s, b, e)) {
		cue(&r->ten, CUE_VERB);
		return;
	}
	if (eat_any(s, b, e, eager))
		cue(&r->acc, CUE_VERB);
	if (has_any(s, b, e, maybe_strong))
		ten = CUE_VERB;
	att = clause_attends(s, b, e) || has_any(s, b, e, yes_strong) ||
	    clause_separable(s, b, e, attend) ||
	    clause_separable(s, b, e, yes_strong);
	neg = clause_negated(s, b, e);
	/* A hedge on coming, or on a bare "wel"/"yes": a maybe. */
	if (ten == 0 && (att || has_any(s, b, e, affirm)) &&
	    has_any(s, b, e, maybe_weak))
		ten = CUE_VERB;
	/* Denying an absence is coming: "Ik ga niet afzeggen." */
	if ((at = find_any(s, b, e, no_strong, &end)) != -1 &&
	    absence_denied(s, b, (size_t)at, end)) {
		for (; (size_t)at < end; at++)
			s->used[at] = true;
		cue(&r->acc, CUE_VERB);
		att = false;
		neg = false;
	}
	note = (has_any(s, b, e, late_cue) && !has_any(s, b, e, not_late)) ||
	    has_any(s, b, e, early_cue);
	if (ten > 0 && !(note && !att)) {
		cue(&r->ten, ten);
		return;
	}
	if ((has_any(s, b, e, no_strong) ||
	    clause_separable(s, b, e, no_strong)) && !has_any(s, b, e, eager))
		cue(&r->dec, CUE_VERB);
	else if (att && neg)
		cue(&r->dec, CUE_VERB);
	else if (att)
		cue(&r->acc, CUE_VERB);
	if (word_in(s->tok[b], yes_word))
		cue(&r->acc, CUE_WORD);
	else if (word_in(s->tok[b], no_word))
		cue(&r->dec, CUE_WORD);
	if (has_any(s, b, e, yes_weak) ||
	    (e - b <= 4 && has_any(s, b, e, yes_short)))
		cue(&r->acc, CUE_WEAK);
	/* A bare negation ("it should not be …") is no answer by itself:
	   only with a word about the meeting does it weakly mean no. */
	if (has_any(s, b, e, no_weak) || (neg && !note &&
	    has_any(s, b, e, meeting_noun)))
		cue(&r->dec, CUE_WEAK);
}

static const char *const meeting_noun[] = {
	"bijeenkomst*", "meeting*", "vergadering*", "sessie*", "session*",
	"overleg", "event", "you", NULL
};
static const char *const meeting[] = {
	"bijeenkomst*", "meeting*", "vergadering*", "sessie*", "session*",
	"overleg", "event", "datum", "date", "you", "januari",
	"februari", "maart", "april", "mei", "juni", "juli", "augustus",
	"september", "oktober", "november", "december", "january",
	"february", "march", "may", "june", "july", "august", "october",
	"maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "monday",
	"tuesday", "wednesday", "thursday", "friday", "#", "keer", "time",
	"dag", "day", "middag", "afternoon", NULL
};
static const char *const join_alone[] = {
	"like to join", "want to join", "wil graag deelnemen",
	"zou graag deelnemen", "wil ... aansluiten", "zou ... aansluiten",
	"wil graag meedoen", "zou graag meedoen", "like to participate",
	"wil ... deelnemen", "zou ... deelnemen", "wil graag lid", NULL
};
static const char *const leave_neg[] = {
	"niet meer", "no longer", "not ... anymore", "niet langer", NULL
};

/* Join or leave the network rather than answer one meeting? */
static void
sentence_request(const struct sent *s, struct reading *r)
{
	size_t	 n = s->ntok;
	bool	 net = has_any(s, 0, n, network);
	bool	 meet = has_any(s, 0, n, meeting_noun);

	if (has_any(s, 0, n, leave_strong) ||
	    (net && !meet && has_any(s, 0, n, leave_cue)) ||
	    (net && has_any(s, 0, n, join_cue) &&
	    has_any(s, 0, n, leave_neg)))
		r->leave = true;
	else if ((net && !meet && has_any(s, 0, n, join_cue)) ||
	    (!has_any(s, 0, n, meeting) && has_any(s, 0, n, join_alone)))
		r->join = true;
}

/* Where the first clause that asks a question starts, or ntok. */
static size_t
question_start(const struct sent *s, bool *asks)
{
	size_t	 b, end;
	size_t	 j;

	*asks = s->is_q;
	for (b = 0; b < s->ntok; b++) {
		size_t w = b;
		if (b > 0 && strcmp(s->tok[b - 1], SEP) != 0)
			continue;
		if (word_in(s->tok[b], contrast) && b + 1 < s->ntok)
			w = b + 1;	/* "maar is er …?" */
		for (j = 0; qstart[j] != NULL; j++) {
			if (!match_at(s, w, s->ntok, qstart[j], &end))
				continue;
			if (s->is_q || (b == 0 && !s->bang)) {
				*asks = true;
				return b;
			}
		}
	}
	if (has_any(s, 0, s->ntok, qphrase))
		*asks = true;
	return s->is_q ? 0 : s->ntok;
}

/*
 * Reads a clause's answer into *r. After "maar"/"but" a clear answer
 * replaces what came before: "Ik wil graag komen, maar kan niet."
 */
static void
clause_read(struct sent *s, size_t b, size_t e, struct reading *r)
{
	struct reading	 c;

	if (!word_in(s->tok[b], contrast)) {
		clause_answer(s, b, e, r);
		return;
	}
	memset(&c, 0, sizeof(c));
	clause_answer(s, b + 1 < e ? b + 1 : b, e, &c);
	if (c.acc >= CUE_WORD || c.dec >= CUE_WORD || c.ten >= CUE_WORD) {
		r->acc = c.acc;
		r->dec = c.dec;
		r->ten = c.ten;
	} else {
		cue(&r->acc, c.acc);
		cue(&r->dec, c.dec);
		cue(&r->ten, c.ten);
	}
}

/* Arrives late or leaves early, by the clause tok[b, e)? */
static void
clause_times(const struct sent *s, size_t b, size_t e, struct reading *r)
{
	if (r->leave || r->join)
		return;
	if (has_any(s, b, e, late_cue) && !has_any(s, b, e, not_late))
		r->late = true;
	if (has_any(s, b, e, until_cue) && has_any(s, b, e, busy_cue) &&
	    !has_any(s, b, e, early_cue_strict))
		r->late = true;
	else if (has_any(s, b, e, early_cue))
		r->early = true;
}

/* Reads one sentence into *r. */
static void
sentence_read(struct sent *s, struct reading *r)
{
	size_t	 n = s->ntok, qat, b, e;
	bool	 note, subst = false;

	memset(r, 0, sizeof(*r));
	eat_any(s, 0, n, neutral);
	qat = question_start(s, &r->question);
	sentence_request(s, r);
	r->noise = has_any(s, 0, n, noise_cue) || n == 1;
	if (qat < n || r->question)
		n = qat;
	r->deleg = has_any(s, 0, n, deleg_cue);
	if (r->deleg && has_any(s, 0, n, guest_cue) &&
	    !has_any(s, 0, n, deleg_core))
		r->deleg = false;	/* "Mijn collega komt mee." */
	r->diet = has_any(s, 0, n, diet_cue);
	r->guest = has_any(s, 0, n, guest_cue);
	r->speaker = has_any(s, 0, n, speaker_cue);
	note = r->diet || r->guest || r->speaker;
	r->diet = r->diet && !has_any(s, 0, n, not_diet);
	for (b = 0; b < n; b = e + 1) {
		for (e = b; e < n && strcmp(s->tok[e], SEP) != 0; e++)
			;
		if (e == b)
			continue;
		if (has_any(s, b, e, retract)) {
			r->acc = r->dec = r->ten = 0;
			r->retract = true;
		}
		clause_times(s, b, e, r);
		/* What follows a substitute's name is about them. */
		if (r->deleg && has_any(s, b, e, deleg_cue))
			subst = true;
		if (!subst && !r->join && !r->leave)
			clause_read(s, b, e, r);
	}
	note = note || r->late || r->early;
	if (note && r->dec < CUE_VERB)
		r->dec = 0;	/* "Nee, ik neem niemand mee." */
}

/* The sentence's answer and its strength; *conflict when it says both. */
static enum understand_answer
reading_answer(const struct reading *r, int *strength, bool *conflict)
{
	int	 m = r->acc > r->dec ? r->acc : r->dec;

	*conflict = false;
	if (r->ten > 0 && r->ten >= m) {
		*strength = r->ten;
		return UNDERSTAND_TENTATIVE;
	}
	*strength = m;
	if (m == 0)
		return UNDERSTAND_NONE;
	if (r->acc == r->dec) {
		*conflict = true;
		return UNDERSTAND_NONE;
	}
	return r->acc > r->dec ? UNDERSTAND_ACCEPTED : UNDERSTAND_DECLINED;
}

/* Tallies over all sentences. */
struct tally {
	enum understand_answer	 ans;		/* first clear answer */
	int			 strength;
	enum understand_answer	 weak;		/* first weak answer */
	bool			 conflict;
	bool			 deleg, question, join, leave, noise_only;
	bool			 late, early;
	struct buf		 note;
	char			*substitute;
};

/* Two clear answers: do they agree, or combine into one? */
static void
tally_answer(struct tally *t, enum understand_answer a, int strength)
{
	if (strength < CUE_WORD) {
		if (t->weak == UNDERSTAND_NONE)
			t->weak = a;
		return;
	}
	if (t->ans == UNDERSTAND_NONE) {
		t->ans = a;
		t->strength = strength;
	} else if (t->ans == a) {
		if (strength > t->strength)
			t->strength = strength;
	} else if ((t->ans == UNDERSTAND_ACCEPTED &&
	    a == UNDERSTAND_TENTATIVE) || (t->ans == UNDERSTAND_TENTATIVE &&
	    a == UNDERSTAND_ACCEPTED))
		/* "Ik kom. Wel onder voorbehoud." */
		t->ans = UNDERSTAND_TENTATIVE;
	else
		t->conflict = true;
}

/* The first address in the sentence, without brackets. */
static char *
sentence_address(const struct sent *s)
{
	size_t	 i;
	char	*at, *dot;

	for (i = 0; i < s->ntok; i++) {
		at = strchr(s->tok[i], '@');
		if (at == NULL || at == s->tok[i])
			continue;
		dot = strchr(at, '.');
		if (dot != NULL && dot[1] != '\0')
			return xstrdup(s->tok[i]);
	}
	return NULL;
}

static void
tally_note(struct tally *t, const struct sent *s)
{
	char	*c = xstrndup(s->src, s->srclen);
	size_t	 i;

	for (i = 0; c[i] != '\0'; i++)
		if (c[i] == '\n' || c[i] == '\r' || c[i] == '\t')
			c[i] = ' ';
	str_trim(c);
	if (t->note.len > 0)
		(void)buf_addstr(&t->note, " ");
	(void)buf_addstr(&t->note, c);
	free(c);
}

static void
tally_sentence(struct tally *t, struct sent *s)
{
	struct reading		 r;
	enum understand_answer	 a;
	int			 strength;
	bool			 conflict;

	sentence_read(s, &r);
	if (r.retract) {		/* "… grapje, natuurlijk kom ik!" */
		t->ans = t->weak = UNDERSTAND_NONE;
		t->strength = 0;
		t->conflict = false;
	}
	t->question |= r.question;
	t->join |= r.join;
	t->leave |= r.leave;
	if (!r.noise)
		t->noise_only = false;
	t->late |= r.late;
	t->early |= r.early;
	if (r.deleg) {
		t->deleg = true;
		if (t->substitute == NULL)
			t->substitute = sentence_address(s);
	}
	if (r.late || r.early || r.diet || r.guest || r.speaker || r.deleg)
		tally_note(t, s);
	a = reading_answer(&r, &strength, &conflict);
	/* "Ik kom graag. Ik kan niet blijven voor de borrel." */
	if ((r.late || r.early) && t->ans != UNDERSTAND_NONE &&
	    (conflict || a != t->ans))
		return;
	if (conflict && strength >= CUE_WORD)
		t->conflict = true;
	else if (a != UNDERSTAND_NONE)
		tally_answer(t, a, strength);
}

/* What an Outlook-style subject says, and whether it is a reply. */
static enum understand_answer
subject_answer(const char *subject, bool *is_reply)
{
	static const struct {
		const char		*prefix;
		enum understand_answer	 answer;
	} prefixes[] = {
		{ "tentatively accepted:", UNDERSTAND_TENTATIVE },
		{ "voorlopig geaccepteerd:", UNDERSTAND_TENTATIVE },
		{ "accepted:", UNDERSTAND_ACCEPTED },
		{ "geaccepteerd:", UNDERSTAND_ACCEPTED },
		{ "aanvaard:", UNDERSTAND_ACCEPTED },
		{ "declined:", UNDERSTAND_DECLINED },
		{ "geweigerd:", UNDERSTAND_DECLINED },
		{ "afgewezen:", UNDERSTAND_DECLINED },
		{ "tentative:", UNDERSTAND_TENTATIVE },
		{ "voorlopig:", UNDERSTAND_TENTATIVE },
	};
	char	*s, *p;
	size_t	 i;
	enum understand_answer a = UNDERSTAND_NONE;

	*is_reply = false;
	if (subject == NULL)
		return a;
	s = str_lower(xstrdup(subject));
	p = str_trim(s);
	while (strncmp(p, "re:", 3) == 0 || strncmp(p, "aw:", 3) == 0 ||
	    strncmp(p, "antw:", 5) == 0) {
		p += p[0] == 'a' && p[1] == 'n' ? 5 : 3;
		p = str_trim(p);
		*is_reply = true;
	}
	for (i = 0; i < nitems(prefixes); i++)
		if (strncmp(p, prefixes[i].prefix,
		    strlen(prefixes[i].prefix)) == 0)
			a = prefixes[i].answer;
	if (strstr(p, "uitnodiging") == NULL && strstr(p, "invitation") ==
	    NULL && strstr(p, "invite") == NULL)
		*is_reply = false;
	free(s);
	return a;
}

/* The body's answer after delegation and subject are weighed. */
static enum understand_answer
tally_final(struct tally *t, enum understand_answer subj, int *conf)
{
	enum understand_answer	 a = t->ans;
	static const int	 base[] = { 0, 60, 80, 90 };

	*conf = base[t->strength];
	if (a == UNDERSTAND_NONE && t->weak != UNDERSTAND_NONE) {
		a = t->weak;
		*conf = base[CUE_WEAK];
	}
	if (t->deleg) {
		if (a == UNDERSTAND_ACCEPTED && t->strength >= CUE_VERB)
			t->conflict = true;
		a = UNDERSTAND_DELEGATED;
		*conf = 85;
	}
	if (subj != UNDERSTAND_NONE) {
		if (a == UNDERSTAND_NONE) {
			a = subj;
			*conf = 75;
		} else if (a == subj)
			*conf += 8;
		else if (!(a == UNDERSTAND_DELEGATED &&
		    subj != UNDERSTAND_ACCEPTED))
			t->conflict = true;
	}
	return a;
}

static void
understanding_fill(struct understanding *u, struct tally *t,
    enum understand_answer subj, bool is_reply)
{
	enum understand_answer	 a = tally_final(t, subj, &u->confidence);

	u->question = t->question;
	u->join = t->join;
	u->leave = t->leave;
	u->late = t->late;
	u->early = t->early;
	u->note = t->note.len > 0 ? buf_take(&t->note) : NULL;
	u->substitute = t->substitute;
	t->substitute = NULL;
	if (t->conflict) {
		u->answer = UNDERSTAND_NONE;
		u->unclear = true;
		u->confidence = 20;
		u->intent = UNDERSTAND_UNCLEAR;
		return;
	}
	u->answer = a;
	if (a == UNDERSTAND_DECLINED)
		u->late = u->early = false;	/* busy till then: not coming */
	if (is_reply && a != UNDERSTAND_NONE)
		u->confidence += 3;
	if (u->confidence > 99)
		u->confidence = 99;
	if (t->leave)
		u->intent = UNDERSTAND_LEAVE;
	else if (t->join)
		u->intent = UNDERSTAND_JOIN;
	else if (t->question)
		u->intent = UNDERSTAND_QUESTION;
	else if (a != UNDERSTAND_NONE)
		u->intent = UNDERSTAND_RSVP;
	else if (t->noise_only)
		u->intent = UNDERSTAND_NOISE;
	else {
		u->intent = UNDERSTAND_UNCLEAR;
		u->unclear = true;
	}
	if (a == UNDERSTAND_NONE)
		u->confidence = u->unclear ? 10 : 80;
}

int
understand_text(const char *visible, const char *subject,
    struct understanding *out)
{
	struct tally		 t;
	struct sent		*v;
	size_t			 n, i;
	bool			 is_reply, signed_off = false;
	enum understand_answer	 subj;

	memset(out, 0, sizeof(*out));
	if (visible == NULL) {
		out->unclear = true;
		out->intent = UNDERSTAND_UNCLEAR;
		return -1;
	}
	memset(&t, 0, sizeof(t));
	t.noise_only = true;
	buf_init(&t.note, 64 * 1024);
	subj = subject_answer(subject, &is_reply);
	v = split_sentences(visible, &n);
	for (i = 0; i < n; i++) {
		if (!signed_off)
			tally_sentence(&t, &v[i]);
		/* A short sentence that closes the letter: a name follows. */
		if (v[i].ntok <= 4 && has_any(&v[i], 0, v[i].ntok, closing))
			signed_off = true;
		free(v[i].fold);
	}
	free(v);
	understanding_fill(out, &t, subj, is_reply);
	buf_free(&t.note);
	free(t.substitute);
	return 0;
}

/*
 * The first sentence's words, as one folded string ("ja dat was ik"), or
 * NULL when the text has none. The caller frees it.
 */
static char *
first_sentence_words(const char *text)
{
	struct sent	*v;
	struct buf	 b;
	size_t		 n, i, k;
	char		*out = NULL;

	v = split_sentences(text, &n);
	for (i = 0; i < n; i++) {
		if (out == NULL && v[i].ntok > 0) {
			buf_init(&b, 4096);
			for (k = 0; k < v[i].ntok; k++) {
				if (strcmp(v[i].tok[k], SEP) == 0)
					continue;
				if (b.len > 0)
					buf_addstr(&b, " ");
				buf_addstr(&b, v[i].tok[k]);
			}
			out = buf_take(&b);
			buf_free(&b);
		}
		free(v[i].fold);
	}
	free(v);
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
	    "confirmed", "i confirm", "yep", "jep", "ok", "oke", "okay", NULL };
	static const char *const no[] = { "nee", "no", "dat was ik niet",
	    "nee dat was ik niet", "niet van mij", "nee niet van mij",
	    "ik was het niet", "that was not me", "that wasnt me",
	    "it was not me", "it wasnt me", "not me", "no it was not me",
	    "no that was not me", "no that wasnt me", NULL };
	char	*w;
	int	 says = 0;
	size_t	 i;

	if (visible == NULL || strlen(visible) > 400 ||
	    (w = first_sentence_words(visible)) == NULL)
		return 0;
	for (i = 0; yes[i] != NULL && says == 0; i++)
		if (strcmp(w, yes[i]) == 0)
			says = 1;
	for (i = 0; no[i] != NULL && says == 0; i++)
		if (strcmp(w, no[i]) == 0)
			says = -1;
	free(w);
	return says;
}

void
understanding_clear(struct understanding *u)
{
	if (u == NULL)
		return;
	free(u->note);
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
