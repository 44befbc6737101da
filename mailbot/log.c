/*
 * log.c: logging to stderr for the journal. The only state is set once by
 * log_init at start-up (verbosity, whether to prefix priorities).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "log.h"

static bool	log_verbose;
static bool	log_prefix;

void
log_init(bool verbose, bool prefix)
{
	log_verbose = verbose;
	log_prefix = prefix;
}

void
log_set_prefix(bool prefix)
{
	log_prefix = prefix;
}

static void
log_vwrite(int prio, const char *fmt, va_list ap, const char *err)
{
	char	 line[4096];

	vsnprintf(line, sizeof(line), fmt, ap);
	if (log_prefix)
		fprintf(stderr, "<%d>", prio);
	if (err != NULL)
		fprintf(stderr, "mailbot: %s: %s\n", line, err);
	else
		fprintf(stderr, "mailbot: %s\n", line);
}

void
log_debug(const char *fmt, ...)
{
	va_list	 ap;

	if (!log_verbose)
		return;
	va_start(ap, fmt);
	log_vwrite(7, fmt, ap, NULL);
	va_end(ap);
}

void
log_info(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	log_vwrite(6, fmt, ap, NULL);
	va_end(ap);
}

void
log_warn(const char *fmt, ...)
{
	va_list	 ap;
	int	 saved = errno;

	va_start(ap, fmt);
	log_vwrite(4, fmt, ap, strerror(saved));
	va_end(ap);
}

void
log_warnx(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	log_vwrite(4, fmt, ap, NULL);
	va_end(ap);
}

void
fatal(const char *fmt, ...)
{
	va_list	 ap;
	int	 saved = errno;

	va_start(ap, fmt);
	log_vwrite(3, fmt, ap, strerror(saved));
	va_end(ap);
	exit(EX_SOFTWARE);
}

void
fatalx(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	log_vwrite(3, fmt, ap, NULL);
	va_end(ap);
	exit(EX_SOFTWARE);
}
