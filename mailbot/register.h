/*
 * register.h: the coordinator's answer to the register mail. The mail's
 * Reply-To is bot+reg-MEETING-TOKEN@domain, where TOKEN is token_make of
 * the negative meeting id (attendance tokens use positive ids, so the two
 * can never be the same); only a reply to that address, with the right
 * token, fills the register. Reading the reply is pure (register_parse);
 * applying it writes the register and queues a confirmation.
 */
#ifndef MAILBOT_REGISTER_H
#define MAILBOT_REGISTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct config;
struct mail;
struct store;

/* What a reply says: everyone was there, or lists of names. */
struct register_answer {
	bool	  understood;	/* a list or "everyone" was found */
	bool	  everyone;	/* "iedereen was er", "afwezig: niemand" */
	char	**absent;	/* names as written */
	size_t	  nabsent;
	char	**present;	/* "aanwezig: …": came without answering yes */
	size_t	  npresent;
};

/*
 * register_parse: reads the visible text of a reply ("afwezig: Jansen,
 * De Vries", "iedereen was er", "everyone was there", "absent: …",
 * "iedereen behalve Jansen"); names may be split by commas, "en", "and"
 * or new lines. Fills *out (free with register_answer_clear).
 */
void	register_parse(const char *text, struct register_answer *out);
void	register_answer_clear(struct register_answer *);

/* register_address: the tokened Reply-To for meeting_id; caller frees. */
char	*register_address(const struct config *, struct store *,
	    int64_t meeting_id, char **cause);

/* What register_reply did, for the inbound record. */
struct register_result {
	const char	*kind;		/* inbound kind */
	int64_t		 meeting_id;
	char		*effect;	/* caller frees */
};

/*
 * register_reply: when m is addressed to a register address, handles it
 * in the caller's transaction and returns 1: with the right token the
 * register is filled and the coordinator gets a confirmation (naming any
 * names not recognised); with a wrong one nothing changes. Returns 0 when
 * m is not such a reply, -1 with *cause on a store failure.
 */
int	register_reply(const struct config *, struct store *, time_t now,
	    const struct mail *m, struct register_result *out, char **cause);

#endif
