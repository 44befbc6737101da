/*
 * cmd-digest.c: digest [--print] [NETWORK]: the coordinator's digest of a
 * network (or of every network) now, queued to the coordinator, or with
 * --print shown and not queued. digest.c composes it. Does I/O: the
 * store, and the streams a command is given.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sysexits.h>

#include "cmd.h"
#include "cmd-digest.h"
#include "config.h"
#include "ctx.h"
#include "digest.h"
#include "store.h"
#include "template.h"

static int
digest_one(const struct ctx *ctx, const struct cmd_args *args,
    const struct network *net, bool print)
{
	struct template_out	 t = { 0 };
	char			*cause = NULL;

	if (print) {
		if (digest_compose(ctx, net, &t, &cause) == -1) {
			cmd_error(args, "digest %s: %s", net->name, cause);
			free(cause);
			return EX_DATAERR;
		}
		fprintf(args->out, "Subject: %s\n\n%s", t.subject, t.text);
		template_out_free(&t);
		return EX_OK;
	}
	if (store_begin(ctx->st, &cause) == -1 ||
	    digest_compose(ctx, net, NULL, &cause) == -1 ||
	    store_commit(ctx->st, &cause) == -1) {
		store_rollback(ctx->st);
		cmd_error(args, "digest %s: %s", net->name, cause);
		free(cause);
		return EX_TEMPFAIL;
	}
	fprintf(args->out, "digest of %s queued for %s\n", net->name,
	    ctx->cfg->coordinator);
	return EX_OK;
}

static int
digest(const struct ctx *ctx, const struct cmd_args *args)
{
	struct network	*nets = NULL, one;
	size_t		 n = 0, i;
	char		*cause = NULL;
	bool		 print = cmd_flag(args, "print");
	int		 rc = EX_OK;

	if (args->argc == 1) {
		if (store_network_find(ctx->st, args->argv[0], &one,
		    &cause) == -1) {
			cmd_error(args, "digest: %s", cause);
			free(cause);
			return EX_DATAERR;
		}
		rc = digest_one(ctx, args, &one, print);
		network_clear(&one);
		return rc;
	}
	if (store_network_list(ctx->st, &nets, &n, &cause) == -1) {
		cmd_error(args, "digest: %s", cause);
		free(cause);
		return EX_IOERR;
	}
	if (n == 0)
		cmd_error(args, "digest: no networks yet (mailbot network add "
		    "NAME)");
	for (i = 0; i < n && rc == EX_OK; i++) {
		if (print && i > 0)
			fputc('\n', args->out);
		rc = digest_one(ctx, args, &nets[i], print);
	}
	network_array_free(nets, n);
	return n == 0 ? EX_DATAERR : rc;
}

const struct cmd_entry cmd_digest_entry = {
	.name = "digest",
	.args = "[--print] [NETWORK]",
	.help = "the digest now (--print: show it)",
	.flags = CMD_CHANGES | CMD_MAILS,
	.max_args = 1,
	.options = { { "print", false } },
	.exec = digest,
};
