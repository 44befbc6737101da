/*
 * cmd-service.c: the service's own commands, for the command line only:
 * init (the store is created or migrated as it is opened), once (one turn
 * of what the daemon does) and run (the daemon). Does I/O: the mail
 * servers, through intake, the outbox and the daemon.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sysexits.h>
#include <time.h>

#include "cmd-service.h"
#include "config.h"
#include "ctx.h"
#include "daemon.h"
#include "due.h"
#include "intake.h"
#include "outbox.h"
#include "store.h"

/* init: the caller opened the store with CMD_CREATE, so it is there. */
static int
service_init(const struct ctx *ctx, const struct cmd_args *args)
{
	fprintf(args->out, "%s: schema version %d\n", ctx->cfg->database,
	    store_version(ctx->st));
	return EX_OK;
}

/*
 * once: everything the daemon does in one turn, then exit: take new mail,
 * queue what is due, then send the outbox. Exit 75 (EX_TEMPFAIL) when the
 * server could not be used, so cron and scripts see that mail is waiting.
 */
static int
service_once(const struct ctx *ctx, const struct cmd_args *args)
{
	struct outbox_report	 rep;
	char			*cause = NULL;
	int			 rc = EX_OK;
	int			 taken, got;
	time_t			 next;

	if ((got = intake_once(ctx, &taken, &cause)) == -1)
		return cmd_fail(args, EX_IOERR, cause);
	if (got == 1) {
		cmd_error(args, "imap: %s", cause);
		free(cause);
		cause = NULL;
		rc = EX_TEMPFAIL;
	}
	fprintf(args->out, "inbox: %d handled\n", taken);
	if (due_run(ctx, &next, &cause) == -1)
		return cmd_fail(args, EX_IOERR, cause);
	if (outbox_flush(ctx->st, ctx->cfg, ctx->now, &rep, &cause) == -1)
		return cmd_fail(args, EX_IOERR, cause);
	fprintf(args->out, "outbox: %d sent, %d refused, %d waiting\n",
	    rep.sent, rep.failed, rep.deferred);
	if (rep.problem != NULL) {
		cmd_error(args, "mail server unavailable, mail kept for later: "
		    "%s", rep.problem);
		free(rep.problem);
		rc = EX_TEMPFAIL;
	}
	return rc;
}

static int
service_run(const struct ctx *ctx, const struct cmd_args *args)
{
	return daemon_run(ctx);
}

const struct cmd_entry cmd_init_entry = {
	.name = "init",
	.args = "",
	.help = "create or migrate the database",
	.flags = CMD_CHANGES | CMD_CLI | CMD_CREATE,
	.exec = service_init,
};

const struct cmd_entry cmd_once_entry = {
	.name = "once",
	.args = "",
	.help = "take new mail, send what is due, exit",
	.flags = CMD_CHANGES | CMD_MAILS | CMD_CLI,
	.exec = service_once,
};

const struct cmd_entry cmd_run_entry = {
	.name = "run",
	.args = "",
	.help = "the daemon, until it is stopped",
	.flags = CMD_CHANGES | CMD_MAILS | CMD_CLI,
	.exec = service_run,
};
