/*
 * ctx.h: what each cause of change is given: the configuration, the open
 * store and "now". One struct for all three causes (a message arrives,
 * time passes, the coordinator acts), handed down as const struct ctx *.
 * No code: a header alone.
 */
#ifndef MAILBOT_CTX_H
#define MAILBOT_CTX_H

#include <time.h>

struct config;
struct store;

struct ctx {
	const struct config	*cfg;
	struct store		*st;	/* open; the caller closes it */
	time_t			 now;	/* the clock, or --now */
};

#endif
