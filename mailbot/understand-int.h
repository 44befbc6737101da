/*
 * understand-int.h: what the three files of the reader of replies share
 * (understand.c, understand-words.c, understand-dates.c): the words of a
 * text, the compiled lexicon, the meetings a clause names. Only they
 * include it.
 */
#ifndef MAILBOT_UNDERSTAND_INT_H
#define MAILBOT_UNDERSTAND_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lexicon.h"
#include "understand.h"

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

/* understand-words.c: the lexicon, compiled once and shared; the text cut
   into sentences and words; the patterns found in a clause. */
void	und_lex_load(struct lex *);
void	und_lex_free(struct lex *);
void	und_cut(struct text *, const struct lex *);
size_t	und_find_hits(struct text *, size_t b, size_t e, const struct lex *,
	    struct hit *);
bool	und_word_in(const char *, const char *const *);
bool	und_lexicon_word(const struct lex *, const char *);
bool	und_is_digit(char);

/* understand-dates.c: the dates, periods, weekdays and places a clause
   names, and the meetings they fit. */
int	und_month_of(const char *);
int	und_weekday_of(const char *);
int	und_day_of(const char *);
bool	und_place_word(const char *place, const char *w);
void	und_clause_refs(const struct text *, size_t b, size_t e,
	    const struct understand_context *, struct refs *);
uint64_t und_refs_meetings(const struct refs *,
	    const struct understand_context *, bool *named);

/* A clause's answer, and how strongly it is said. */
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

/* understand-clause.c: one clause read on its own. */
extern const char *const und_first_person[];
bool	und_conjunction(const char *);
bool	und_contrast_word(const char *);
bool	und_condition(const struct clause *, const struct text *);
bool	und_anaphor(const struct clause *, const struct text *);
void	und_clause_person(struct clause *, const struct text *);
void	und_clause_polarity(struct clause *, const struct text *);
void	und_clause_hints(struct clause *, const struct text *);
void	und_clause_frame(struct clause *, const struct text *);

#endif
