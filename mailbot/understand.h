/*
 * understand.h: what the visible text of a reply to an invitation says
 * (quotes and signatures already removed by quote.c): an answer, a
 * question, a join or leave request, notes. Dutch and English. Pure.
 */
#ifndef MAILBOT_UNDERSTAND_H
#define MAILBOT_UNDERSTAND_H

#include <stdbool.h>

enum understand_answer {
	UNDERSTAND_NONE,
	UNDERSTAND_ACCEPTED,
	UNDERSTAND_DECLINED,
	UNDERSTAND_TENTATIVE,
	UNDERSTAND_DELEGATED
};

/* What the reply mainly is; derived from the fields below. */
enum understand_intent {
	UNDERSTAND_RSVP,	/* an answer, nothing else to act on */
	UNDERSTAND_QUESTION,	/* a question, maybe with an answer */
	UNDERSTAND_JOIN,	/* asks to join the network */
	UNDERSTAND_LEAVE,	/* asks to leave the network */
	UNDERSTAND_NOISE,	/* thanks, greetings, empty */
	UNDERSTAND_UNCLEAR	/* conflicting or nothing clear: ask */
};

struct understanding {
	enum understand_answer	 answer;
	enum understand_intent	 intent;
	bool			 question;
	bool			 join;
	bool			 leave;
	bool			 late;		/* arrives late */
	bool			 early;		/* leaves early */
	/* The sentences carrying a note (late, early, diet, guest,
	   substitute, speaker), as written; NULL when none. Owned. */
	char			*note;
	/* An address named for a substitute, lower-cased; NULL if none. */
	char			*substitute;
	int			 confidence;	/* 0..100 */
	bool			 unclear;	/* conflict or no answer */
};

/*
 * understand_text: reads visible, the sender's own text of a reply (UTF-8,
 * NUL-terminated, any line ends), and subject (may be NULL), and fills
 * *out, which the caller later frees with understanding_clear(). A subject
 * as Outlook writes it ("Accepted: …", "Geweigerd: …", "Voorlopig: …")
 * counts as evidence; so does "Re: Uitnodiging …". When answers conflict
 * or nothing is clear, out->unclear is set and confidence is low: the
 * caller then asks the member and must not guess. Returns 0; -1 only when
 * visible is NULL (out is then cleared and unclear).
 */
int	understand_text(const char *visible, const char *subject,
	    struct understanding *out);

/*
 * understand_confirmation: whether visible, a reply to a question "was it
 * you?", is a plain yes (1: "ja", "klopt", "yes, that was me"), a plain no
 * (-1: "nee", "dat was ik niet", "not me"), or anything else (0: the
 * words say more and are read as an answer of their own). Pure.
 */
int	understand_confirmation(const char *visible);

/* understanding_clear: frees what u holds and zeroes it; accepts NULL. */
void	understanding_clear(struct understanding *u);

/* understand_answer_name: "none", "accepted", … (a lent constant). */
const char	*understand_answer_name(enum understand_answer);

#endif
