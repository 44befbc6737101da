/*
 * digest.c: the coordinator's digest and register mail. STUB until the
 * time-driven mail work lands.
 */
#include <sysexits.h>

#include "admin.h"
#include "digest.h"
#include "log.h"
#include "util.h"

int
digest_queue(const struct config *cfg, struct store *st, int64_t network_id,
    time_t now, const char *key, char **cause)
{
	*cause = xstrdup("digest: not built yet");
	return -1;
}

int
register_queue(const struct config *cfg, struct store *st,
    int64_t meeting_id, time_t now, const char *key, char **cause)
{
	*cause = xstrdup("register: not built yet");
	return -1;
}

int
digest_cmd(struct admin *a, int argc, char **argv)
{
	log_warnx("digest: not built yet");
	return EX_UNAVAILABLE;
}
