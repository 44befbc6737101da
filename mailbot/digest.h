/*
 * digest.h: what the coordinator receives: the weekly digest of a network
 * and, the day after a meeting, the register mail (who was expected; the
 * coordinator's reply fills the register). STUB: filled in by the
 * time-driven mail work.
 */
#ifndef MAILBOT_DIGEST_H
#define MAILBOT_DIGEST_H

#include <stdint.h>

struct ctx;
struct network;
struct template_out;

/*
 * digest_queue: composes the network's digest as of now and queues it to
 * the coordinator (message id from key, so the same key never queues
 * twice). Call inside the caller's transaction. Returns 0 or -1.
 */
int	digest_queue(const struct ctx *, int64_t network_id, const char *key,
	    char **cause);

/*
 * register_queue: queues the register mail of a meeting (held before now)
 * to the coordinator. Same contract as digest_queue.
 */
int	register_queue(const struct ctx *, int64_t meeting_id, const char *key,
	    char **cause);

/*
 * digest_compose: composes the network's digest as of now: rendered into
 * out (the caller frees it with template_out_free), or, when out is NULL,
 * queued to the coordinator in the caller's transaction. Returns 0, or -1
 * with *cause.
 */
int	digest_compose(const struct ctx *, const struct network *,
	    struct template_out *out, char **cause);

#endif
