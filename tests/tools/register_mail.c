/*
 * register_mail.c: a test tool that queues the register mail of a meeting
 * (what the schedule does the day after it), in one transaction, against
 * the database of a config, with "now" given.
 *   register_mail CONFIG 'YYYY-MM-DD HH:MM' MEETING
 * Exit 0 when queued; 1 with the cause on stderr otherwise.
 */
#include <stdio.h>
#include <stdlib.h>

#include "config.h"
#include "ctx.h"
#include "digest.h"
#include "store.h"
#include "util.h"
#include "when.h"

int
main(int argc, char **argv)
{
	struct config	*cfg;
	struct store	*st;
	char		*cause = NULL;
	long long	 id;
	time_t		 now;
	int		 rc = 0;

	if (argc != 4 || str_to_int(argv[3], 1, INT64_MAX, &id) == -1) {
		fprintf(stderr, "usage: register_mail CONFIG NOW MEETING\n");
		return 2;
	}
	if ((cfg = config_load(argv[1], &cause)) == NULL ||
	    when_parse_local(argv[2], cfg->timezone, &now, &cause) == -1 ||
	    (st = store_open(cfg->database, false, now, &cause)) == NULL) {
		fprintf(stderr, "register_mail: %s\n", cause);
		return 2;
	}
	if (store_begin(st, &cause) == -1 ||
	    register_queue(&(struct ctx){ cfg, st, now }, id, "test",
	    &cause) == -1 ||
	    store_commit(st, &cause) == -1) {
		store_rollback(st);
		fprintf(stderr, "register_mail: %s\n", cause);
		free(cause);
		rc = 1;
	}
	store_close(st);
	config_free(cfg);
	when_cleanup();
	return rc;
}
