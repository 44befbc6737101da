/*
 * daemon.c: mailbot run. STUB until the daemon work lands.
 */
#include <sysexits.h>

#include "admin.h"
#include "daemon.h"
#include "log.h"

int
daemon_cmd_run(struct admin *a, int argc, char **argv)
{
	log_warnx("run: not built yet");
	return EX_UNAVAILABLE;
}
