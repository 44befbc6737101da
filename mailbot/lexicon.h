/*
 * lexicon.h: what the reader of replies knows of Dutch and English, as
 * data: lexicon/nl.tsv and lexicon/en.tsv, compiled in by lexicon/lex2c.sh.
 * lexicon/README.md says what each meaning is and how patterns match.
 */
#ifndef MAILBOT_LEXICON_H
#define MAILBOT_LEXICON_H

#include <stddef.h>

enum lex_meaning {
	LEX_ATTEND,	/* being there; a negation turns it */
	LEX_ABSENT,	/* not being there; a negation turns it */
	LEX_NEG,	/* a negation */
	LEX_NEUTRAL,	/* a negation that says nothing about coming */
	LEX_YES,	/* coming, whatever is inside */
	LEX_NO,		/* not coming, whatever is inside */
	LEX_MAYBE,	/* not sure */
	LEX_COND,	/* a condition */
	LEX_DEFER,	/* the answer comes later */
	LEX_YESWORD,	/* a bare yes */
	LEX_NOWORD,	/* a bare no */
	LEX_SORRY,	/* regret */
	LEX_BUSY,	/* something else at the time */
	LEX_THEN,	/* at that time */
	LEX_MEAL,	/* the lunch or dinner */
	LEX_MEETING,	/* the meeting itself */
	LEX_THIRD,	/* someone else is the subject */
	LEX_TITLE,	/* a title before a name */
	LEX_BEHALF,	/* writing for someone */
	LEX_SUBST,	/* someone comes in one's place */
	LEX_LATE,
	LEX_EARLY,
	LEX_DIET,
	LEX_BRING,
	LEX_ONLINE,
	LEX_THANKS,
	LEX_GREET,
	LEX_QSTART,	/* opens a question */
	LEX_REQUEST,	/* asks something of the coordinator */
	LEX_RETRACT,	/* takes back what came before */
	LEX_OWN,	/* one's own earlier answer */
	LEX_ALL,	/* every meeting named or meant */
	LEX_JOIN,
	LEX_LEAVE,
	LEX_NETWORK,
	LEX_MODAL,	/* can: coming when no other verb follows */
	LEX_PAST,	/* a meeting that was: "vorige keer" */
	LEX_AGENDA,	/* calendar talk: coming unless negated */
	LEX_OOF,	/* an out-of-office text: two make an auto-reply */
	LEX_ALIAS,	/* "from=to": a word written otherwise */
	LEX_NMEANINGS
};

struct lex_entry {
	enum lex_meaning	 meaning;
	const char		*pattern;
};

extern const struct lex_entry	lexicon[];
extern const size_t		nlexicon;

#endif
