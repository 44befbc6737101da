/*
 * digest.c: the coordinator's digest and register mail. STUB until the
 * time-driven mail work lands.
 */
#include <sysexits.h>

#include "admin.h"
#include "digest.h"
#include "log.h"

int
digest_queue(const struct config *cfg, struct store *st, int64_t network_id,
    time_t now, const char *key, char **cause)
{
	return 0;	/* stub: queues nothing yet */
}

int
register_queue(const struct config *cfg, struct store *st,
    int64_t meeting_id, time_t now, const char *key, char **cause)
{
	return 0;	/* stub: queues nothing yet */
}

int
digest_cmd(struct admin *a, int argc, char **argv)
{
	log_warnx("digest: not built yet");
	return EX_UNAVAILABLE;
}
