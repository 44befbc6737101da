/*
 * smtp_send.c: a test tool that sends files through mailbot's smtp module.
 *   smtp_send URL USER PASSWORD_FILE CA_FILE FROM RCPT FILE [FILE…]
 * URL is smtps://HOST:PORT or smtp://HOST:PORT (STARTTLS); CA_FILE may be
 * "" for the system store only. One session (one connection) for all
 * files; one line per file: "ok", "tempfail: REPLY",
 * "unreachable: REPLY" or "permfail: REPLY".
 * Exits 0 when every file was tried, 2 on a usage or local error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "log.h"
#include "smtp.h"
#include "util.h"

#define MAX_FILE	(64 * 1024 * 1024)

static void
usage(void)
{
	fprintf(stderr, "usage: smtp_send URL USER PASSWORD_FILE CA_FILE "
	    "FROM RCPT FILE [FILE...]\n");
	exit(2);
}

/* Reads a whole file into b; exits on failure. */
static void
read_file(const char *path, struct buf *b)
{
	FILE	*f;
	char	 chunk[8192];
	size_t	 n;

	f = fopen(path, "rb");
	if (f == NULL) {
		perror(path);
		exit(2);
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (buf_add(b, chunk, n) == -1) {
			fprintf(stderr, "%s: too large\n", path);
			exit(2);
		}
	}
	if (ferror(f)) {
		perror(path);
		exit(2);
	}
	fclose(f);
}

/* The first line of the password file, without its line end. */
static char *
read_password(const char *path)
{
	struct buf	 b;
	char		*p;

	buf_init(&b, 4096);
	read_file(path, &b);
	p = buf_take(&b);
	p[strcspn(p, "\r\n")] = '\0';
	buf_free(&b);
	return p;
}

/* Fills srv from "smtp[s]://host[:port]" or "smtp[s]://[v6]:port". */
static void
parse_url(const char *url, struct config_server *srv)
{
	const char	*rest, *end, *colon;
	long long	 port;

	if (strncmp(url, "smtps://", 8) == 0) {
		srv->tls = CONFIG_TLS_IMPLICIT;
		srv->port = 465;
		rest = url + 8;
	} else if (strncmp(url, "smtp://", 7) == 0) {
		srv->tls = CONFIG_TLS_STARTTLS;
		srv->port = 587;
		rest = url + 7;
	} else
		usage();
	end = rest + strcspn(rest, "/");
	if (*rest == '[') {
		colon = memchr(rest, ']', (size_t)(end - rest));
		if (colon == NULL)
			usage();
		srv->host = xstrndup(rest + 1, (size_t)(colon - rest - 1));
		colon = colon[1] == ':' ? colon + 1 : NULL;
	} else {
		colon = memchr(rest, ':', (size_t)(end - rest));
		srv->host = xstrndup(rest, (size_t)((colon != NULL ? colon :
		    end) - rest));
	}
	if (colon != NULL) {
		char	*p = xstrndup(colon + 1, (size_t)(end - colon - 1));

		if (str_to_int(p, 1, 65535, &port) == -1)
			usage();
		srv->port = (int)port;
		free(p);
	}
}

int
main(int argc, char **argv)
{
	struct config_server	 srv;
	struct smtp		*sp;
	struct buf		 msg;
	enum smtp_result	 res;
	char			*reply;
	int			 i;

	if (argc < 8)
		usage();
	log_init(getenv("SMTP_SEND_DEBUG") != NULL, false);
	memset(&srv, 0, sizeof(srv));
	srv.url = argv[1];
	parse_url(argv[1], &srv);
	srv.user = argv[2];
	srv.password_file = argv[3];
	srv.password = read_password(argv[3]);
	srv.ca_file = argv[4][0] != '\0' ? argv[4] : NULL;

	sp = smtp_new(&srv);
	for (i = 7; i < argc; i++) {
		buf_init(&msg, MAX_FILE);
		read_file(argv[i], &msg);
		res = smtp_send(sp, argv[5], argv[6], msg.data, msg.len,
		    &reply);
		buf_free(&msg);
		if (res == SMTP_OK)
			printf("ok\n");
		else
			printf("%s: %s\n", res == SMTP_PERMFAIL ? "permfail" :
			    res == SMTP_UNREACHABLE ? "unreachable" : "tempfail",
			    reply);
		fflush(stdout);
		free(reply);
	}
	smtp_free(sp);
	free(srv.host);
	free(srv.password);
	return 0;
}
