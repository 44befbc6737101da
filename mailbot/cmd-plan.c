/*
 * cmd-plan.c: what will happen: plan [--days N] (the scheduled mail due
 * now or in the next N days, one line each, as due.c plans it) and hosts
 * suggest NETWORK [--meeting ID] (the fair host duo, and why). Reads
 * only. Does I/O: the store, and the streams a command is given.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sysexits.h>

#include "cmd.h"
#include "cmd-plan.h"
#include "config.h"
#include "ctx.h"
#include "due.h"
#include "store.h"
#include "util.h"
#include "when.h"

#define PLAN_DAYS	30	/* plan without --days */
#define PLAN_DAYS_MAX	3660

/* plan [--days N]: one line per mail: when (late: due since), what,
   about, to whom. */
static int
plan(const struct ctx *ctx, const struct cmd_args *args)
{
	const char		*v = cmd_value(args, "days");
	struct due_plan		 p;
	struct due_plan_item	*it;
	char			*cause = NULL, *end, *when;
	long			 days = PLAN_DAYS;
	size_t			 i;

	if (v != NULL) {
		days = strtol(v, &end, 10);
		if (*v == '\0' || *end != '\0' || days < 1 ||
		    days > PLAN_DAYS_MAX)
			return cmd_usage(args, xstrdup("--days: give a number "
			    "from 1 to 3660"));
	}
	if (due_plan(ctx, ctx->now + days * 86400, &p, &cause) == -1) {
		cmd_error(args, "plan: %s", cause);
		free(cause);
		return EX_IOERR;
	}
	for (i = 0; i < p.n; i++) {
		it = &p.items[i];
		when = when_format_local(it->at, it->tzid);
		fprintf(args->out, "%s  %-12s %-12s %s%s\n", when, it->kind,
		    it->about, it->to, it->late ? "  (late)" : "");
		free(when);
	}
	due_plan_clear(&p);
	return EX_OK;
}

static void
suggest_print(FILE *f, const struct due_host *picks, int n, const char *tzid)
{
	const struct due_host	*h;
	char			*when;
	int			 i;

	for (i = 0; i < n; i++) {
		h = &picks[i];
		fprintf(f, "%s  %s", h->email, h->name);
		if (h->role != NULL)
			fprintf(f, " (%s)", h->role);
		if (h->last == 0)
			fprintf(f, ": never prepared a meeting\n");
		else {
			when = when_format_local(h->last, tzid);
			fprintf(f, ": prepared %d time%s, last on %.10s\n",
			    h->count, h->count == 1 ? "" : "s", when);
			free(when);
		}
	}
	if (n == 2)
		fprintf(f, "why: fewest turns and least recently prepared "
		    "first; a pair that prepared together before and members "
		    "of the same role are avoided where the numbers allow\n");
}

/* hosts suggest NETWORK [--meeting ID] */
static int
hosts_suggest(const struct ctx *ctx, const struct cmd_args *args)
{
	const char	*v = cmd_value(args, "meeting");
	struct network	 net;
	struct due_host	 picks[2];
	char		*cause = NULL, *end = NULL;
	long long	 mid = 0;
	int		 n = 0, i, rc = EX_OK;

	if (v != NULL) {
		mid = strtoll(v, &end, 10);
		if (end == v || *end != '\0' || mid < 1)
			return cmd_usage(args, NULL);
	}
	if (store_network_find(ctx->st, args->argv[0], &net, &cause) != 0) {
		cmd_error(args, "hosts: %s", cause != NULL ? cause :
		    "no such network");
		free(cause);
		return EX_DATAERR;
	}
	if (due_hosts_suggest(ctx->st, net.id, mid, picks, &n,
	    &cause) == -1) {
		cmd_error(args, "hosts: %s", cause);
		free(cause);
		rc = EX_IOERR;
	} else if (n < 2) {
		cmd_error(args, "hosts: %s has too few members for a duo",
		    net.name);
		rc = EX_DATAERR;
	} else
		suggest_print(args->out, picks, n, ctx->cfg->timezone);
	for (i = 0; i < n; i++)
		due_host_clear(&picks[i]);
	network_clear(&net);
	return rc;
}

const struct cmd_entry cmd_plan_entry = {
	.name = "plan",
	.args = "[--days N]",
	.help = "what will be sent when, to whom",
	.flags = CMD_READS,
	.options = { { "days", true } },
	.exec = plan,
};

const struct cmd_entry cmd_hosts_suggest_entry = {
	.name = "hosts suggest",
	.args = "NETWORK [--meeting ID]",
	.help = "a fair host duo for the next meeting",
	.flags = CMD_READS,
	.min_args = 1,
	.max_args = 1,
	.options = { { "meeting", true } },
	.exec = hosts_suggest,
};
