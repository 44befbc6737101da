/*
 * due.c: scheduled mail. STUB until the time-driven mail work lands.
 */
#include <sysexits.h>

#include "admin.h"
#include "due.h"
#include "log.h"

int
due_run(const struct config *cfg, struct store *st, time_t now,
    time_t *next_out, char **cause)
{
	*next_out = 0;
	return 0;
}

int
due_cmd_plan(struct admin *a, int argc, char **argv)
{
	log_warnx("plan: not built yet");
	return EX_UNAVAILABLE;
}

int
due_cmd_hosts(struct admin *a, int argc, char **argv)
{
	log_warnx("hosts: not built yet");
	return EX_UNAVAILABLE;
}
