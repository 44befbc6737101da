/*
 * main.c: the command line. Reads the global options and the config, finds
 * "now" (the clock, or --now / MAILBOT_NOW), looks the command up in its
 * table of commands (cmd.h), opens the state and runs it. Nothing else
 * happens here.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include "cmd.h"
#include "cmd-answer.h"
#include "cmd-digest.h"
#include "cmd-guest.h"
#include "cmd-meeting.h"
#include "cmd-member.h"
#include "cmd-network.h"
#include "cmd-plan.h"
#include "cmd-service.h"
#include "cmd-show.h"
#include "config.h"
#include "ctx.h"
#include "log.h"
#include "store.h"
#include "util.h"
#include "when.h"

#define MAILBOT_VERSION	"0.1"
#define DEFAULT_CONFIG	"/etc/mailbot/mailbot.conf"

/* The commands, in the order --help lists them. */
static const struct cmd_entry *const commands[] = {
	&cmd_init_entry,
	&cmd_network_add_entry,
	&cmd_network_list_entry,
	&cmd_member_add_entry,
	&cmd_member_import_entry,
	&cmd_member_list_entry,
	&cmd_member_remove_entry,
	&cmd_meeting_add_entry,
	&cmd_meeting_list_entry,
	&cmd_meeting_show_entry,
	&cmd_meeting_invite_entry,
	&cmd_meeting_update_entry,
	&cmd_meeting_cancel_entry,
	&cmd_guest_add_entry,
	&cmd_attendance_entry,
	&cmd_inbox_entry,
	&cmd_outbox_entry,
	&cmd_once_entry,
	&cmd_run_entry,
	&cmd_plan_entry,
	&cmd_hosts_suggest_entry,
	&cmd_digest_entry,
};

/* The usage: the global options, then each command of the table. */
static void
usage(FILE *f)
{
	fputs("usage: mailbot [-c FILE] [--now 'YYYY-MM-DD HH:MM'] [-v] "
	    "COMMAND [ARGS]\n", f);
	cmd_help(commands, nitems(commands), f);
}

struct globals {
	const char	*config;
	const char	*now;
	bool		 verbose;
};

/* Reads the options before the command; returns the command's index. */
static int
globals_parse(int argc, char **argv, struct globals *g)
{
	int	 i;

	g->config = getenv("MAILBOT_CONF");
	if (g->config == NULL)
		g->config = DEFAULT_CONFIG;
	g->now = getenv("MAILBOT_NOW");
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "-v") == 0)
			g->verbose = true;
		else if (strcmp(argv[i], "-h") == 0 ||
		    strcmp(argv[i], "--help") == 0) {
			usage(stdout);
			exit(EX_OK);
		} else if (strcmp(argv[i], "--version") == 0) {
			printf("mailbot %s\n", MAILBOT_VERSION);
			exit(EX_OK);
		} else if (strcmp(argv[i], "-c") == 0 && i + 1 < argc)
			g->config = argv[++i];
		else if (strcmp(argv[i], "--now") == 0 && i + 1 < argc)
			g->now = argv[++i];
		else
			return -1;
	}
	return i < argc ? i : -1;
}

/* "now": the real clock, unless --now or MAILBOT_NOW moves it. */
static int
clock_now(const char *text, const char *tzid, time_t *out)
{
	char	*cause = NULL;

	if (text == NULL || *text == '\0') {
		*out = time(NULL);
		return 0;
	}
	if (when_parse_local(text, tzid, out, &cause) == -1) {
		log_warnx("--now / MAILBOT_NOW: %s", cause);
		free(cause);
		return -1;
	}
	return 0;
}

/*
 * Looks the command up, opens the store (init creates it) and runs the
 * command; a usage error is found after the store opened, as always.
 */
static int
dispatch(const struct config *cfg, time_t now, int argc, char **argv)
{
	struct ctx		 ctx = { cfg, NULL, now };
	struct cmd_args		 args = { .out = stdout, .err = NULL };
	const struct cmd_entry	*e;
	char			*cause = NULL;
	int			 words = 0, rc;
	bool			 create;

	e = cmd_find(commands, nitems(commands), argc, argv, &words);
	if (e == NULL && !cmd_known(commands, nitems(commands), argv[0])) {
		log_warnx("unknown command '%s' (see 'mailbot --help')",
		    argv[0]);
		return EX_USAGE;
	}
	create = e != NULL && (e->flags & CMD_CREATE) != 0;
	if ((ctx.st = store_open(cfg->database, create, now, &cause)) ==
	    NULL) {
		log_warnx("%s", cause);
		free(cause);
		return create ? EX_CANTCREAT : EX_NOINPUT;
	}
	if (e == NULL)
		rc = cmd_family_usage(commands, nitems(commands), argv[0],
		    NULL);
	else
		rc = cmd_run(e, &ctx, argc - words, argv + words, &args);
	store_close(ctx.st);
	return rc;
}

int
main(int argc, char **argv)
{
	struct globals	 g = { 0 };
	struct config	*cfg;
	char		*cause = NULL;
	time_t		 now;
	int		 first, rc;

	/* A file size limit (ulimit -f, LimitFSIZE=) makes a write fail with
	   EFBIG, which the store reports, instead of killing the process. */
	signal(SIGXFSZ, SIG_IGN);
	log_init(false, false);
	if ((first = globals_parse(argc, argv, &g)) == -1) {
		usage(stderr);
		return EX_USAGE;
	}
	log_init(g.verbose, false);
	if ((cfg = config_load(g.config, &cause)) == NULL) {
		fprintf(stderr, "%s", cause);
		if (cause[0] != '\0' && cause[strlen(cause) - 1] != '\n')
			fputc('\n', stderr);
		free(cause);
		return EX_CONFIG;
	}
	if (clock_now(g.now, cfg->timezone, &now) == -1)
		rc = EX_USAGE;
	else
		rc = dispatch(cfg, now, argc - first, argv + first);
	config_free(cfg);
	when_cleanup();
	return rc;
}
