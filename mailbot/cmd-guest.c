/*
 * cmd-guest.c: guest add MEETING EMAIL 'NAME' [--lang nl|en]: someone who
 * is not a member, invited to one meeting. Does I/O: the store, and the
 * streams a command is given.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "address.h"
#include "cmd.h"
#include "cmd-guest.h"
#include "cmd-util.h"
#include "config.h"
#include "ctx.h"
#include "store.h"
#include "util.h"

static int
guest_check(const struct ctx *ctx, const struct meeting *g, const char *email,
    char **cause)
{
	struct member	 m;
	int		 found;

	if (strcmp(g->status, "cancelled") == 0) {
		xasprintf(cause, "meeting %lld is cancelled", (long long)g->id);
		return -1;
	}
	if (g->end <= ctx->now) {
		xasprintf(cause, "meeting %lld is over", (long long)g->id);
		return -1;
	}
	found = store_member_find(ctx->st, g->network_id, email, &m, cause);
	if (found == 1) {
		if (m.active)
			xasprintf(cause, "%s is a member of '%s': members are "
			    "invited already", email, g->network);
		found = m.active ? -1 : 0;
		member_clear(&m);
	}
	if (found == -1)
		return -1;
	found = store_guest_exists(ctx->st, g->id, email, cause);
	if (found == 1)
		xasprintf(cause, "%s is a guest of meeting %lld already", email,
		    (long long)g->id);
	return found == 0 ? 0 : -1;
}

static int
guest_add(const struct ctx *ctx, const struct cmd_args *args)
{
	struct meeting	 g;
	const char	*lang = cmd_value(args, "lang");
	char		*email = NULL, *name = NULL;
	char		*cause = NULL, *why = NULL;
	int		 rc = EX_DATAERR;

	if (lang == NULL)
		lang = ctx->cfg->language;
	if (strcmp(lang, "nl") != 0 && strcmp(lang, "en") != 0)
		return cmd_fail(args, EX_DATAERR,
		    xstrdup("--lang: give nl or en"));
	if ((email = address_normalize(args->argv[1], &cause)) == NULL)
		return cmd_fail(args, EX_DATAERR, cause);
	if ((name = line_normalize(args->argv[2], CMD_NAME_MAX,
	    &why)) == NULL) {
		free(email);
		xasprintf(&cause, "name: %s", why);
		free(why);
		return cmd_fail(args, EX_DATAERR, cause);
	}
	if (cmd_meeting_lookup(ctx, args, args->argv[0], &g) == -1)
		goto done;
	if (store_begin(ctx->st, &cause) == -1)
		rc = cmd_fail(args, EX_TEMPFAIL, cause);
	else if (guest_check(ctx, &g, email, &cause) == -1) {
		store_rollback(ctx->st);
		rc = cmd_fail(args, EX_DATAERR, cause);
	} else if (store_guest_add(ctx->st, g.id, email, name, lang, ctx->now,
	    &cause) == -1 || store_commit(ctx->st, &cause) == -1)
		rc = cmd_fail_store(ctx, args, cause);
	else {
		fprintf(args->out, "%s is a guest of meeting %lld\n", email,
		    (long long)g.id);
		rc = EX_OK;
	}
	meeting_clear(&g);
done:
	free(email);
	free(name);
	return rc;
}

const struct cmd_entry cmd_guest_add_entry = {
	.name = "guest add",
	.args = "MEETING EMAIL 'NAME' [--lang nl|en]",
	.help = "invite someone who is not a member",
	.flags = CMD_CHANGES,
	.min_args = 3,
	.max_args = 3,
	.options = { { "lang", true } },
	.exec = guest_add,
};
