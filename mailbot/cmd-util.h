/*
 * cmd-util.h: what the command files share: the limits of what a person
 * types, JSON output, finding a network or a meeting by what the
 * coordinator typed, and the answer to a store failure.
 */
#ifndef MAILBOT_CMD_UTIL_H
#define MAILBOT_CMD_UTIL_H

#include <stdbool.h>

#include <jansson.h>

struct cmd_args;
struct ctx;
struct meeting;
struct network;

#define CMD_NAME_MAX	200	/* bytes of a name */
#define CMD_TEXT_MAX	1000	/* bytes of a place or a theme */

/* cmd_json_str: s as JSON: null for NULL, "(not UTF-8)" when it is not. */
json_t	*cmd_json_str(const char *s);

/* cmd_json_print: j on one line of the command's output; drops j. */
void	 cmd_json_print(const struct cmd_args *, json_t *j);

/* cmd_listing_end: prints the array arr when json is asked; drops it. */
void	 cmd_listing_end(const struct cmd_args *, json_t *arr, bool json);

/* cmd_or_dash: s, or "-" when s is NULL or empty. */
const char *cmd_or_dash(const char *s);

/*
 * cmd_network_lookup: the network key names (its name or id) into out,
 * which the caller clears. Returns 0, or -1 after reporting why not.
 */
int	 cmd_network_lookup(const struct ctx *, const struct cmd_args *,
	    const char *key, struct network *out);

/*
 * cmd_meeting_lookup: the meeting numbered key into g, which the caller
 * clears. Returns 0, or -1 after reporting why not.
 */
int	 cmd_meeting_lookup(const struct ctx *, const struct cmd_args *,
	    const char *key, struct meeting *g);

/*
 * cmd_fail_store: after a store failure the input checks should have
 * prevented: rolls back, reports cause (and frees it), returns EX_IOERR.
 */
int	 cmd_fail_store(const struct ctx *, const struct cmd_args *,
	    char *cause);

#endif
