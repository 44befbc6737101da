/*
 * handle_file.c: a test tool that hands message files to incoming_handle,
 * as if each had arrived by IMAP (UIDVALIDITY 1, UIDs 1, 2, …), against
 * the database of a config, with "now" given.
 *   handle_file CONFIG 'YYYY-MM-DD HH:MM' FILE...
 * Prints "FILE: ok" per file, or the cause; exit 1 when the store failed.
 */
#include <stdio.h>
#include <stdlib.h>

#include "config.h"
#include "incoming.h"
#include "store.h"
#include "util.h"
#include "when.h"

static char *
slurp(const char *path, size_t *len)
{
	struct buf	 b;
	char		 chunk[65536];
	size_t		 n;
	FILE		*f;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	buf_init(&b, 64 * 1024 * 1024);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	*len = b.len;
	return buf_take(&b);
}

int
main(int argc, char **argv)
{
	struct config		*cfg;
	struct store		*st;
	struct incoming_msg	 m = { 1, 0, NULL, 0 };
	char			*cause = NULL, *raw;
	time_t			 now;
	int			 i, rc = 0;

	if (argc < 4) {
		fprintf(stderr, "usage: handle_file CONFIG NOW FILE...\n");
		return 2;
	}
	if ((cfg = config_load(argv[1], &cause)) == NULL ||
	    when_parse_local(argv[2], cfg->timezone, &now, &cause) == -1 ||
	    (st = store_open(cfg->database, false, now, &cause)) == NULL) {
		fprintf(stderr, "handle_file: %s\n", cause);
		return 2;
	}
	for (i = 3; i < argc && rc == 0; i++) {
		if ((raw = slurp(argv[i], &m.len)) == NULL) {
			printf("%s: cannot read\n", argv[i]);
			continue;
		}
		m.uid = i - 2;
		m.raw = raw;
		if (incoming_handle(cfg, st, now, &m, &cause) == -1) {
			printf("%s: %s\n", argv[i], cause);
			free(cause);
			cause = NULL;
			rc = 1;
		} else
			printf("%s: ok\n", argv[i]);
		free(raw);
	}
	store_close(st);
	config_free(cfg);
	when_cleanup();
	return rc;
}
