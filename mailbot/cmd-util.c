/*
 * cmd-util.c: what the command files share: JSON output, finding a network
 * or a meeting by what the coordinator typed, and the answer to a store
 * failure. Does I/O: the store, and the streams a command is given.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sysexits.h>

#include <jansson.h>

#include "cmd.h"
#include "cmd-util.h"
#include "ctx.h"
#include "store.h"
#include "util.h"

json_t *
cmd_json_str(const char *s)
{
	json_t	*j;

	if (s == NULL)
		return json_null();
	j = json_string(s);
	return j != NULL ? j : json_string("(not UTF-8)");
}

void
cmd_json_print(const struct cmd_args *args, json_t *j)
{
	json_dumpf(j, args->out, JSON_COMPACT);
	fputc('\n', args->out);
	json_decref(j);
}

/* Ends a listing: prints the JSON array when asked, else drops it. */
void
cmd_listing_end(const struct cmd_args *args, json_t *arr, bool json)
{
	if (json)
		cmd_json_print(args, arr);
	else
		json_decref(arr);
}

const char *
cmd_or_dash(const char *s)
{
	return s != NULL && *s != '\0' ? s : "-";
}

/* Finds a network by name or id, saying why not. */
int
cmd_network_lookup(const struct ctx *ctx, const struct cmd_args *args,
    const char *key, struct network *out)
{
	char	*cause = NULL;

	if (store_network_find(ctx->st, key, out, &cause) == -1) {
		cmd_fail(args, -1, cause);
		return -1;
	}
	return 0;
}

/* Looks up a meeting by its numeric id, saying why not. */
int
cmd_meeting_lookup(const struct ctx *ctx, const struct cmd_args *args,
    const char *key, struct meeting *g)
{
	long long	 id;
	char		*cause = NULL;
	int		 found;

	if (str_to_int(key, 1, INT64_MAX, &id) == -1) {
		cmd_error(args, "'%s' is not a meeting id (see 'mailbot "
		    "meeting list')", key);
		return -1;
	}
	found = store_meeting_get(ctx->st, id, g, &cause);
	if (found == -1)
		return cmd_fail(args, -1, cause);
	if (found == 0) {
		cmd_error(args, "no meeting %lld (see 'mailbot meeting list')",
		    id);
		return -1;
	}
	return 0;
}

/* A store failure that input checks should have prevented. */
int
cmd_fail_store(const struct ctx *ctx, const struct cmd_args *args,
    char *cause)
{
	store_rollback(ctx->st);
	return cmd_fail(args, EX_IOERR, cause);
}
