/*
 * understand.h: what the visible text of a reply says (quotes and
 * signatures already removed by quote.c): per meeting an answer, with the
 * sentence it was read from; a question; a join or leave request; notes.
 * Dutch and English; the words it knows are data (lexicon/nl.tsv, en.tsv). Pure.
 */
#ifndef MAILBOT_UNDERSTAND_H
#define MAILBOT_UNDERSTAND_H

#include <stdbool.h>
#include <stddef.h>

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

/*
 * A meeting the reply may be about: one of the writer's open meetings, as
 * plain data (the local date, and the words of its place and theme).
 */
struct understand_meeting {
	int		 year, month, day;	/* local date */
	int		 wday;			/* 0 Sunday … 6 Saturday */
	const char	*place;			/* NULL: none */
	const char	*theme;			/* NULL: none */
	long long	 group;			/* the network: "both" means the
						   meetings of one group */
	bool		 other;			/* not the writer's: a reply that
						   names it names no meeting of
						   theirs */
};

#define UNDERSTAND_NO_MEETING	((size_t)-1)
#define UNDERSTAND_MAX_ANSWERS	8

/*
 * What the reader knows besides the words: the subject, the writer's open
 * meetings (and, marked other, everyone else's, so that a reply naming
 * one of those is known to name none of the writer's), which of them the
 * mail answers (the parent: an invitation,
 * update or reminder of it; UNDERSTAND_NO_MEETING for a new mail), and the
 * names of the mailbox's owner (the member's name, the From display name:
 * "De heer Dijkstra komt" from Dijkstra's own mailbox is Dijkstra's
 * answer, written by a secretary). Any pointer may be NULL.
 */
struct understand_context {
	const char				*subject;
	const struct understand_meeting		*meetings;
	size_t					 nmeetings;
	size_t					 parent;
	const char				*owner;
};

/* One answer: for which meeting (an index into the context's meetings;
   0 when the context had none), and the sentence it was read from. */
struct understand_item {
	enum understand_answer	 answer;
	size_t			 meeting;
	char			*evidence;	/* as written; owned */
};

struct understanding {
	/* The answer for the parent (or, for a new mail, the first meeting
	   to come); UNDERSTAND_NONE when there is none. */
	enum understand_answer	 answer;
	enum understand_intent	 intent;
	struct understand_item	 items[UNDERSTAND_MAX_ANSWERS];
	size_t			 nitems;
	bool			 question;
	bool			 join;
	bool			 leave;
	bool			 late;		/* arrives late */
	bool			 early;		/* leaves early */
	bool			 defer;		/* says the answer comes later */
	bool			 other_date;	/* names a date no meeting has */
	bool			 thanks;	/* only thanks and greetings */
	bool			 asks_to_come;	/* "ik zou graag ook komen, kan
						   dat?" (a stranger's request) */
	bool			 own_question;	/* asks about their own answer */
	bool			 autoreply;	/* reads as an out-of-office text */
	/* The sentences carrying a note (late, early, diet, guest,
	   substitute, a condition), as written; NULL when none. Owned. */
	char			*note;
	/* The question sentences, as written, one line; NULL. Owned. */
	char			*question_text;
	/* An address named for a substitute, lower-cased; NULL if none. */
	char			*substitute;
	int			 confidence;	/* 0..100 */
	bool			 unclear;	/* conflict or no answer */
};

/*
 * understand_reply: reads visible, the sender's own text of a reply
 * (UTF-8, NUL-terminated, any line ends; only its first 64 KB), in the
 * context c, into *out, which the caller frees with understanding_clear().
 * Each clause is read for its frame (the meeting, the lunch, someone
 * else), its polarity (negations counted, "geen probleem" no negation),
 * its modality (a question, a condition, "misschien") and the meeting it
 * names (a date, a month, a weekday, the place); only the attending frame
 * of the writer (or of the boss a secretary writes for) gives answers.
 * When answers for one meeting conflict, or nothing is clear, out->unclear
 * is set: the caller asks and must not guess. Returns 0; -1 only when
 * visible is NULL (out is then cleared and unclear).
 */
int	understand_reply(const char *visible,
	    const struct understand_context *c, struct understanding *out);

/*
 * understand_text: understand_reply without meetings or owner: one
 * implicit meeting, the subject as given (may be NULL).
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

/*
 * understand_explain: how visible was read, clause by clause (its words,
 * stance and strength, the meetings it names, what the lexicons found),
 * as text for a person turning a misread into a fixture. The caller frees
 * it.
 */
char	*understand_explain(const char *visible,
	    const struct understand_context *c);

/* understanding_clear: frees what u holds and zeroes it; accepts NULL. */
void	understanding_clear(struct understanding *u);

/* understand_answer_name: "none", "accepted", … (a lent constant). */
const char	*understand_answer_name(enum understand_answer);

#endif
