/*
 * cmd-answer.c: the coordinator's word on who came: attendance MEETING
 * EMAIL present|absent, the register, recorded once the meeting has
 * begun. Does I/O: the store, and the streams a command is given.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "address.h"
#include "cmd.h"
#include "cmd-answer.h"
#include "cmd-util.h"
#include "ctx.h"
#include "store.h"

static int
attendance(const struct ctx *ctx, const struct cmd_args *args)
{
	const char	*mark = args->argv[2];
	struct meeting	 g;
	char		*email, *cause = NULL;
	bool		 present;
	int		 rc = EX_DATAERR;

	if (strcmp(mark, "present") != 0 && strcmp(mark, "absent") != 0)
		return cmd_usage(args, NULL);
	present = strcmp(mark, "present") == 0;
	if ((email = address_normalize(args->argv[1], &cause)) == NULL)
		return cmd_fail(args, EX_DATAERR, cause);
	if (cmd_meeting_lookup(ctx, args, args->argv[0], &g) == -1) {
		free(email);
		return EX_DATAERR;
	}
	if (g.start > ctx->now)
		cmd_error(args, "meeting %lld has not taken place yet",
		    (long long)g.id);
	else if (strcmp(g.status, "cancelled") == 0)
		cmd_error(args, "meeting %lld was cancelled", (long long)g.id);
	else if (store_begin(ctx->st, &cause) == -1)
		rc = cmd_fail(args, EX_TEMPFAIL, cause);
	else if (store_register_set(ctx->st, g.id, email, present, &cause) ==
	    -1) {
		store_rollback(ctx->st);
		rc = cmd_fail(args, EX_DATAERR, cause);
	} else if (store_commit(ctx->st, &cause) == -1)
		rc = cmd_fail_store(ctx, args, cause);
	else {
		fprintf(args->out, "%s: %s at meeting %lld\n", email, mark,
		    (long long)g.id);
		rc = EX_OK;
	}
	meeting_clear(&g);
	free(email);
	return rc;
}

const struct cmd_entry cmd_attendance_entry = {
	.name = "attendance",
	.args = "MEETING EMAIL present|absent",
	.help = "the register: who was really there",
	.flags = CMD_CHANGES,
	.min_args = 3,
	.max_args = 3,
	.exec = attendance,
};
