/*
 * understand_test.c: understand_text() on replies as members write them:
 * a table checking answer, question, late/early, substitute, note and
 * unclear; then every line of tests/fixtures/understand/replies.tsv,
 * reported as one score line with a "#" line per miss.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "understand.h"
#include "util.h"

#define TSV_PATH	"tests/fixtures/understand/replies.tsv"
#define TSV_NEEDED	97	/* percent right */

enum {
	F_Q = 1 << 0, F_LATE = 1 << 1, F_EARLY = 1 << 2, F_NOTE = 1 << 3,
	F_SUB = 1 << 4, F_JOIN = 1 << 5, F_LEAVE = 1 << 6, F_NOISE = 1 << 7,
	F_UNCLEAR = 1 << 8
};

struct case_ {
	const char		*text;
	const char		*subject;
	enum understand_answer	 answer;
	int			 flags;
	const char		*substitute;	/* exact, when set */
};

#define A	UNDERSTAND_ACCEPTED
#define D	UNDERSTAND_DECLINED
#define T	UNDERSTAND_TENTATIVE
#define G	UNDERSTAND_DELEGATED
#define N	UNDERSTAND_NONE

static const struct case_ cases[] = {
	/* accepting, Dutch and English */
	{ "Ja, ik kom.", NULL, A, 0, NULL },
	{ "Ja hoor", NULL, A, 0, NULL },
	{ "Daar ben ik bij", NULL, A, 0, NULL },
	{ "Ik ben erbij", NULL, A, 0, NULL },
	{ "Ik kom graag", NULL, A, 0, NULL },
	{ "Count me in", NULL, A, 0, NULL },
	{ "I\xe2\x80\x99ll be there", NULL, A, 0, NULL },
	{ "Yes, I will attend", NULL, A, 0, NULL },
	{ "J\xc3\xa1, ik ben aanwezig", NULL, A, 0, NULL },
	/* declining */
	{ "Helaas verhinderd", NULL, D, 0, NULL },
	{ "Helaas pindakaas", NULL, D, 0, NULL },
	{ "Lukt me niet", NULL, D, 0, NULL },
	{ "Ik kan niet", NULL, D, 0, NULL },
	{ "Ik ben er niet bij", NULL, D, 0, NULL },
	{ "Nee, helaas", NULL, D, 0, NULL },
	{ "Can't make it", NULL, D, 0, NULL },
	{ "Unfortunately I cannot attend", NULL, D, 0, NULL },
	{ "I\xe2\x80\x99m afraid I won\xe2\x80\x99t be able to", NULL, D, 0,
	    NULL },
	{ "Ik kom niet", NULL, D, 0, NULL },
	{ "Ik meld me af voor 12 maart", NULL, D, 0, NULL },
	/* tentative */
	{ "Misschien", NULL, T, 0, NULL },
	{ "Onder voorbehoud", NULL, T, 0, NULL },
	{ "Ik weet het nog niet", NULL, T, 0, NULL },
	{ "Maybe", NULL, T, 0, NULL },
	{ "Not sure yet", NULL, T, 0, NULL },
	{ "tentatively yes", NULL, T, 0, NULL },
	/* negations that do not flip */
	{ "Ik kan niet wachten!", NULL, A, 0, NULL },
	{ "Nee hoor, geen probleem, ik ben er", NULL, A, 0, NULL },
	{ "Geen bezwaar, ik kom", NULL, A, 0, NULL },
	{ "I wouldn't miss it", NULL, A, 0, NULL },
	{ "No problem, I'll be there", NULL, A, 0, NULL },
	/* delegation */
	{ "Mijn plaatsvervanger Jan de Boer (j.deboer@zorg.nl) komt in mijn "
	    "plaats", NULL, G, F_SUB | F_NOTE, "j.deboer@zorg.nl" },
	{ "I'll send my deputy", NULL, G, F_NOTE, NULL },
	{ "Helaas verhinderd.\nMijn vervanger: <K.Smit@Zorg.NL>", NULL, G,
	    F_SUB | F_NOTE, "k.smit@zorg.nl" },
	/* notes */
	{ "Ja, ik kom wat later, rond 15.00 uur", NULL, A, F_LATE | F_NOTE,
	    NULL },
	{ "Ik kom, maar ik moet om 16.00 weg", NULL, A, F_EARLY | F_NOTE,
	    NULL },
	{ "Ik kom. Vegetarisch graag.", NULL, A, F_NOTE, NULL },
	{ "Ja, ik neem een gast mee", NULL, A, F_NOTE, NULL },
	/* an answer promised for later is no answer yet: ask */
	{ "Ik laat het later weten", NULL, N, F_UNCLEAR, NULL },
	{ "Tot dan!", NULL, A, 0, NULL },
	/* questions */
	{ "Is er parkeergelegenheid?", NULL, N, F_Q, NULL },
	{ "Is er parkeergelegenheid", NULL, N, F_Q, NULL },
	{ "Where do I park?", NULL, N, F_Q, NULL },
	{ "Ja, ik kom. Is er parkeergelegenheid?", NULL, A, F_Q, NULL },
	{ "Ik kom graag, maar is er parkeergelegenheid?", NULL, A, F_Q,
	    NULL },
	{ "Kan ik niet komen?", NULL, N, F_Q, NULL },
	/* join and leave */
	{ "Ik wil graag deelnemen aan het leernetwerk", NULL, N, F_JOIN,
	    NULL },
	{ "I would like to join the network", NULL, N, F_JOIN, NULL },
	{ "Ik wil me afmelden voor het netwerk", NULL, N, F_LEAVE, NULL },
	{ "Please remove me from the network", NULL, N, F_LEAVE, NULL },
	{ "I would like to join you on the 12th", NULL, A, 0, NULL },
	/* noise */
	{ "Bedankt!", NULL, N, F_NOISE, NULL },
	{ "Thanks", NULL, N, F_NOISE, NULL },
	{ "", NULL, N, F_NOISE, NULL },
	{ " \n\n ", NULL, N, F_NOISE, NULL },
	/* conflicts and nothing clear: ask, never guess */
	{ "Ja. Ik kan niet.", NULL, N, F_UNCLEAR, NULL },
	{ "Ik kom. Ik kom niet.", NULL, N, F_UNCLEAR, NULL },
	{ "Zie bijlage", NULL, N, F_UNCLEAR, NULL },
	/* first clear answer wins over later small talk */
	{ "Ik kom niet. Misschien volgende keer!", NULL, D, 0, NULL },
	{ "Ja, ik kom. Nee, geen dieetwensen.", NULL, A, 0, NULL },
	/* the subject */
	{ "", "Accepted: Leernetwerk 12 maart", A, 0, NULL },
	{ "", "Geaccepteerd: Leernetwerk", A, 0, NULL },
	{ "", "Geweigerd: Leernetwerk", D, 0, NULL },
	{ "", "Declined: Network meeting", D, 0, NULL },
	{ "", "Tentative: Network meeting", T, 0, NULL },
	{ "", "Voorlopig: Leernetwerk", T, 0, NULL },
	{ "Ik kom", "Geweigerd: Leernetwerk", N, F_UNCLEAR, NULL },
	{ "Ja", "Re: Uitnodiging leernetwerk 12 maart", A, 0, NULL },
	{ "Tot dan", "Accepted: Leernetwerk", A, 0, NULL },
	/* the language rules, on sentences of neither fixture set */
	/* Dutch separable verbs rejoined: "sla … over" is "overslaan" */
	{ "Die bijeenkomst sla ik deze keer over.", NULL, D, 0, NULL },
	{ "Ik haak helaas af.", NULL, D, 0, NULL },
	/* a denied absence is coming */
	{ "Ik ga zeker niet afzeggen.", NULL, A, 0, NULL },
	{ "I won't skip this one.", NULL, A, 0, NULL },
	{ "Ik zou het voor geen goud willen missen", NULL, A, 0, NULL },
	/* a modal serving another verb says nothing about coming */
	{ "Ik kan de bijlage niet openen.", NULL, N, F_UNCLEAR, NULL },
	{ "I can't open the attachment.", NULL, N, F_UNCLEAR, NULL },
	{ "Ik kan helaas niet vanwege andere verplichtingen.", NULL, D, 0,
	    NULL },
	/* taking back */
	{ "Ik kom niet. Grapje! Ik ben er gewoon bij.", NULL, A, 0, NULL },
	{ "Can't come... just kidding, see you there!", NULL, A, 0, NULL },
	/* knowing put off, hedged yes */
	{ "Ik weet het pas volgende week.", NULL, T, 0, NULL },
	{ "I'll know for sure tomorrow.", NULL, T, 0, NULL },
	{ "Hopelijk wel.", NULL, T, 0, NULL },
	{ "Probably yes.", NULL, T, 0, NULL },
	/* receipt is no answer; the signature after a closing is not read */
	{ "Noted.", NULL, N, F_NOISE, NULL },
	{ "Ontvangen, dank.\n\nKind regards,\nKees Verhoef", NULL, N,
	    F_NOISE, NULL },
	/* broken input must not crash */
	{ "\xff\xfe Ja \xc3", NULL, A, 0, NULL },
	{ "?!?.;,,()", NULL, N, F_NOISE, NULL },
};

static int
flags_of(const struct understanding *u)
{
	int	 f = 0;

	f |= u->question ? F_Q : 0;
	f |= u->late ? F_LATE : 0;
	f |= u->early ? F_EARLY : 0;
	f |= u->note != NULL ? F_NOTE : 0;
	f |= u->substitute != NULL ? F_SUB : 0;
	f |= u->join ? F_JOIN : 0;
	f |= u->leave ? F_LEAVE : 0;
	f |= u->intent == UNDERSTAND_NOISE ? F_NOISE : 0;
	f |= u->unclear ? F_UNCLEAR : 0;
	return f;
}

/* The text on one line, for a test description. */
static const char *
shown(const char *text)
{
	static char	 b[256];
	size_t		 i, j;

	for (i = 0, j = 0; text[i] != '\0' && j + 3 < sizeof(b); i++) {
		if (text[i] == '\n') {
			b[j++] = '\\';
			b[j++] = 'n';
		} else
			b[j++] = text[i];
	}
	b[j] = '\0';
	return b;
}

static void
check_cases(void)
{
	struct understanding	 u;
	size_t			 i;

	for (i = 0; i < nitems(cases); i++) {
		const struct case_ *c = &cases[i];
		understand_text(c->text, c->subject, &u);
		CHECK(u.answer == c->answer && flags_of(&u) == c->flags,
		    "understand \"%s\": %s flags %#x", shown(c->text),
		    understand_answer_name(u.answer), flags_of(&u));
		if (c->substitute != NULL)
			CHECK_STR(u.substitute, c->substitute,
			    "substitute of \"%s\"", shown(c->text));
		CHECK(u.confidence >= 0 && u.confidence <= 100 &&
		    (u.unclear ? u.confidence < 50 : u.confidence >= 50),
		    "confidence %d fits \"%s\"", u.confidence, shown(c->text));
		understanding_clear(&u);
	}
	CHECK(understand_text(NULL, NULL, &u) == -1 && u.unclear,
	    "NULL text is unclear");
	understanding_clear(&u);
	understanding_clear(NULL);
}

static void
check_note(void)
{
	struct understanding	 u;

	/* A long line going on in lower case was wrapped by the client. */
	understand_text("Ja, ik kom.\nIk moet helaas al om 16.00 uur weg in "
	    "verband met een\nandere afspraak.\nGroet", NULL, &u);
	CHECK_STR(u.note, "Ik moet helaas al om 16.00 uur weg in verband met "
	    "een andere afspraak.", "note is the sentence as written");
	CHECK(u.early && !u.late, "leaves early");
	understanding_clear(&u);
}

/* Undoes the \n, \t and \\ escapes of a TSV field in place. */
static void
unescape(char *s)
{
	char	*w = s;

	for (; *s != '\0'; s++) {
		if (*s == '\\' && (s[1] == 'n' || s[1] == 't' ||
		    s[1] == '\\')) {
			s++;
			*w++ = *s == 'n' ? '\n' : *s == 't' ? '\t' : '\\';
		} else
			*w++ = *s;
	}
	*w = '\0';
}

static int
parse_answer(const char *s)
{
	int	 a;

	for (a = UNDERSTAND_NONE; a <= UNDERSTAND_DELEGATED; a++)
		if (strcmp(s, understand_answer_name(a)) == 0)
			return a;
	return -1;
}

static int
parse_flags(char *s)
{
	static const char *const names[] = { "q", "late", "early", "note",
	    "sub", "join", "leave", "noise", "unclear" };
	char	*f;
	size_t	 i;
	int	 flags = 0;

	while ((f = strsep(&s, ",")) != NULL)
		for (i = 0; i < nitems(names); i++)
			if (strcmp(f, names[i]) == 0)
				flags |= 1 << i;
	return flags;
}

/* One TSV line: right or not; a miss is described in *why. */
static bool
tsv_line(char *line, char **why)
{
	struct understanding	 u;
	char			*ans, *fl, *text;
	int			 want, flags, got;
	bool			 right;

	ans = strsep(&line, "\t");
	fl = strsep(&line, "\t");
	text = line != NULL ? line : "";
	if (fl == NULL || (want = parse_answer(ans)) == -1) {
		xasprintf(why, "bad line: %s", ans);
		return false;
	}
	unescape(text);
	flags = parse_flags(fl);
	understand_text(text, NULL, &u);
	if (flags & (F_LATE | F_EARLY) || want == UNDERSTAND_DELEGATED)
		flags |= F_NOTE;
	got = flags_of(&u);
	right = u.answer == (enum understand_answer)want && got == flags;
	if (!right)
		xasprintf(why, "want %s %#x got %s %#x: %s",
		    understand_answer_name(want), flags,
		    understand_answer_name(u.answer), got, text);
	understanding_clear(&u);
	return right;
}

static void
check_tsv(void)
{
	FILE	*f;
	char	*line = NULL, *why;
	size_t	 cap = 0, total = 0, right = 0;
	ssize_t	 n;
	struct buf misses;

	if ((f = fopen(TSV_PATH, "r")) == NULL) {
		CHECK(0, "%s: cannot open", TSV_PATH);
		return;
	}
	buf_init(&misses, 1 << 20);
	while ((n = getline(&line, &cap, f)) != -1) {
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (line[0] == '#' || n == 0)
			continue;
		total++;
		why = NULL;
		if (tsv_line(line, &why))
			right++;
		else
			(void)buf_printf(&misses, "# miss: %s\n", why);
		free(why);
	}
	free(line);
	fclose(f);
	CHECK(total > 0 && right * 100 >= total * TSV_NEEDED,
	    "replies.tsv: %zu of %zu right (>= %d%%)", right, total,
	    TSV_NEEDED);
	fputs(misses.data != NULL ? misses.data : "", stdout);
	buf_free(&misses);
}

/* Every prefix of every case: cut UTF-8 and half words must not crash. */
static void
check_prefixes(void)
{
	struct understanding	 u;
	size_t			 i, k, n, runs = 0;
	char			*p;

	for (i = 0; i < nitems(cases); i++) {
		n = strlen(cases[i].text);
		for (k = 0; k <= n; k++) {
			p = xstrndup(cases[i].text, k);
			understand_text(p, cases[i].subject, &u);
			if (u.confidence >= 0 && u.confidence <= 100)
				runs++;
			understanding_clear(&u);
			free(p);
		}
	}
	CHECK(runs > 0, "%zu prefixes read without harm", runs);
}

int
main(void)
{
	check_cases();
	check_note();
	check_prefixes();
	check_tsv();
	return check_done();
}
