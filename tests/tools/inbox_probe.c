/*
 * inbox_probe.c: a test tool for mailbot's inbox module.
 *   inbox_probe URL USER PASSWORD_FILE CA_FILE CMD [ARG...]
 * URL is imaps://HOST:PORT/MAILBOX or imap://HOST:PORT/MAILBOX (STARTTLS).
 * CMD is one of
 *   list AFTER		"uidvalidity N", then the UIDs above AFTER, one a line
 *   fetch UID MAX	the raw message on stdout, or "too large N"
 *   mark UID [FOLDER]	\Seen and $MailbotHandled, then the move if asked
 *   wait SECONDS	"mail" or "timeout"
 * On a failure it prints "error: <cause>" and exits 1; 2 on a usage error.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "inbox.h"
#include "log.h"
#include "util.h"

#define PROBE_TIMEOUT_S	10

static void
usage(void)
{
	fprintf(stderr, "usage: inbox_probe URL USER PASSWORD_FILE CA_FILE "
	    "list AFTER | fetch UID MAX | mark UID [FOLDER] | wait SECONDS\n");
	exit(2);
}

static long long
number(const char *s, long long max)
{
	long long	n;

	if (str_to_int(s, 0, max, &n) == -1)
		usage();
	return n;
}

/* The first line of the password file, without its line end. */
static char *
read_password(const char *path)
{
	FILE	*f;
	char	 line[1024];

	f = fopen(path, "r");
	if (f == NULL) {
		perror(path);
		exit(2);
	}
	if (fgets(line, sizeof(line), f) == NULL)
		line[0] = '\0';
	fclose(f);
	line[strcspn(line, "\r\n")] = '\0';
	return xstrdup(line);
}

/* Fills srv from a URL "imaps://HOST:PORT/MAILBOX" (or imap://). */
static void
parse_url(struct config_server *srv, const char *url)
{
	const char	*p, *colon, *slash;
	char		*port;

	if (strncmp(url, "imaps://", 8) == 0) {
		srv->tls = CONFIG_TLS_IMPLICIT;
		p = url + 8;
	} else if (strncmp(url, "imap://", 7) == 0) {
		srv->tls = CONFIG_TLS_STARTTLS;
		p = url + 7;
	} else
		usage();
	colon = strchr(p, ':');
	slash = strchr(p, '/');
	if (colon == NULL || slash == NULL || slash < colon)
		usage();
	srv->host = xstrndup(p, colon - p);
	port = xstrndup(colon + 1, slash - colon - 1);
	srv->port = (int)number(port, 65535);
	free(port);
	srv->mailbox = xstrdup(slash[1] != '\0' ? slash + 1 : "INBOX");
	srv->url = xstrdup(url);
}

static int
cmd_list(struct inbox *ib, int argc, char **argv, char **cause)
{
	uint32_t	*uids;
	size_t		 n, i;

	if (argc != 1)
		usage();
	if (inbox_new_uids(ib, (uint32_t)number(argv[0], UINT32_MAX), 100000,
	    &uids, &n, cause) == -1)
		return -1;
	printf("uidvalidity %u\n", inbox_uidvalidity(ib));
	for (i = 0; i < n; i++)
		printf("%u\n", uids[i]);
	free(uids);
	return 0;
}

static int
cmd_fetch(struct inbox *ib, int argc, char **argv, char **cause)
{
	char	*raw;
	size_t	 len;

	if (argc != 2)
		usage();
	if (inbox_fetch(ib, (uint32_t)number(argv[0], UINT32_MAX),
	    (size_t)number(argv[1], 1LL << 40), &raw, &len, cause) == -1)
		return -1;
	if (raw == NULL)
		printf("too large %zu\n", len);
	else
		fwrite(raw, 1, len, stdout);
	free(raw);
	return 0;
}

static int
cmd_mark(struct inbox *ib, int argc, char **argv, char **cause)
{
	if (argc != 1 && argc != 2)
		usage();
	if (inbox_mark(ib, (uint32_t)number(argv[0], UINT32_MAX),
	    argc == 2 ? argv[1] : NULL, cause) == -1)
		return -1;
	printf("ok\n");
	return 0;
}

static int
cmd_wait(struct inbox *ib, int argc, char **argv, char **cause)
{
	int	r;

	if (argc != 1)
		usage();
	r = inbox_wait(ib, (int)number(argv[0], 3600), cause);
	if (r == -1)
		return -1;
	printf("%s\n", r == 1 ? "mail" : "timeout");
	return 0;
}

static const struct {
	const char	*name;
	int		(*fn)(struct inbox *, int, char **, char **);
} cmds[] = {
	{ "list", cmd_list },
	{ "fetch", cmd_fetch },
	{ "mark", cmd_mark },
	{ "wait", cmd_wait },
};

int
main(int argc, char **argv)
{
	struct config_server	 srv;
	struct inbox		*ib;
	char			*cause = NULL;
	size_t			 i;
	int			 rc = 1;

	if (argc < 6)
		usage();
	for (i = 0; i < nitems(cmds); i++)
		if (strcmp(argv[5], cmds[i].name) == 0)
			break;
	if (i == nitems(cmds))
		usage();
	log_init(getenv("INBOX_PROBE_DEBUG") != NULL, false);
	signal(SIGPIPE, SIG_IGN);
	memset(&srv, 0, sizeof(srv));
	parse_url(&srv, argv[1]);
	srv.user = argv[2];
	srv.password = read_password(argv[3]);
	srv.ca_file = argv[4][0] != '\0' ? argv[4] : NULL;

	ib = inbox_open(&srv, PROBE_TIMEOUT_S, &cause);
	if (ib != NULL && cmds[i].fn(ib, argc - 6, argv + 6, &cause) == 0)
		rc = 0;
	if (cause != NULL) {
		printf("error: %s\n", cause);
		free(cause);
	}
	fflush(stdout);
	inbox_close(ib);
	free(srv.password);
	free(srv.host);
	free(srv.mailbox);
	free(srv.url);
	return rc;
}
