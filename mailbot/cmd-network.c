/*
 * cmd-network.c: the network commands: network add NAME (prints the new
 * id) and network list [--json]. Does I/O: the store, and the streams a
 * command is given.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sysexits.h>

#include <jansson.h>

#include "address.h"
#include "cmd.h"
#include "cmd-network.h"
#include "cmd-util.h"
#include "ctx.h"
#include "store.h"

static int
network_add(const struct ctx *ctx, const struct cmd_args *args)
{
	char	*name, *cause = NULL;
	int64_t	 id;

	if ((name = line_normalize(args->argv[0], CMD_NAME_MAX,
	    &cause)) == NULL) {
		cmd_error(args, "network name: %s", cause);
		free(cause);
		return EX_DATAERR;
	}
	if (store_network_add(ctx->st, name, ctx->now, &id, &cause) == -1) {
		free(name);
		return cmd_fail(args, EX_DATAERR, cause);
	}
	fprintf(args->out, "%lld\n", (long long)id);
	free(name);
	return EX_OK;
}

static int
network_list(const struct ctx *ctx, const struct cmd_args *args)
{
	struct network	*v;
	size_t		 n, i;
	bool		 json = cmd_flag(args, "json");
	char		*cause = NULL;
	json_t		*arr;

	if (store_network_list(ctx->st, &v, &n, &cause) == -1)
		return cmd_fail(args, EX_IOERR, cause);
	arr = json_array();
	for (i = 0; i < n; i++) {
		if (json)
			json_array_append_new(arr, json_pack("{sI ss si si}",
			    "id", (json_int_t)v[i].id, "name", v[i].name,
			    "members", v[i].members, "meetings",
			    v[i].meetings));
		else
			fprintf(args->out, "%-4lld %-40s %3d members %3d "
			    "meetings\n", (long long)v[i].id, v[i].name,
			    v[i].members, v[i].meetings);
	}
	cmd_listing_end(args, arr, json);
	network_array_free(v, n);
	return EX_OK;
}

const struct cmd_entry cmd_network_add_entry = {
	.name = "network add",
	.args = "NAME",
	.help = "add a network, print its id",
	.flags = CMD_CHANGES,
	.min_args = 1,
	.max_args = 1,
	.exec = network_add,
};

const struct cmd_entry cmd_network_list_entry = {
	.name = "network list",
	.args = "[--json]",
	.help = "list the networks",
	.flags = CMD_READS,
	.options = { { "json", false } },
	.exec = network_list,
};
