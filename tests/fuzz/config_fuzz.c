/*
 * config_fuzz.c: mailbot.conf. config_load reads only from a path, so
 * each input is written to one temporary file first (made once per
 * process, removed at exit).
 */
#include <stdio.h>
#include <unistd.h>

#include "config.h"
#include "fuzz.h"

static char	 path[] = "/tmp/mailbot-config-fuzz.XXXXXX";
static int	 fd = -1;

static void
remove_file(void)
{
	unlink(path);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*cause = NULL;

	if (fd == -1) {
		if ((fd = mkstemp(path)) == -1)
			abort();
		atexit(remove_file);
	}
	if (ftruncate(fd, 0) == -1 ||
	    pwrite(fd, data, size, 0) != (ssize_t)size)
		abort();
	config_free(config_load(path, &cause));
	free(cause);
	return 0;
}
