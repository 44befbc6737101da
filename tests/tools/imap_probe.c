/*
 * imap_probe.c: a test tool for mailbot's tls module.
 *   imap_probe imaps|starttls HOST PORT CA_FILE USER PASSWORD_FILE
 * Connects with tls_connect() (imaps) or tls_connect_plain() and
 * tls_starttls() (starttls), logs in with libetpan, selects INBOX and
 * prints "ok EXISTS=<n>", then the first line of the first message's
 * Subject header (fetched with BODY.PEEK, so \Seen stays as it was), and
 * logs out. CA_FILE may be "" for the system store only. On a failure it
 * prints "error: imap HOST:PORT: <cause>" and exits 1; 2 on a usage error.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libetpan/libetpan.h>

#include "log.h"
#include "tls.h"
#include "util.h"

#define PROBE_TIMEOUT_S	10	/* IMAP_PROBE_TIMEOUT=N sets another */

static void
usage(void)
{
	fprintf(stderr, "usage: imap_probe imaps|starttls HOST PORT CA_FILE "
	    "USER PASSWORD_FILE\n");
	exit(2);
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

/* The first line of the first message's Subject header field, or NULL. */
static char *
fetch_subject(mailimap *imap)
{
	struct mailimap_set		*set;
	struct mailimap_fetch_type	*type;
	struct mailimap_section		*section;
	clist				*fields, *result = NULL;
	clistiter			*m, *a;
	struct mailimap_msg_att		*msg;
	struct mailimap_msg_att_item	*item;
	struct mailimap_msg_att_body_section *body;
	char				*line = NULL;

	fields = clist_new();
	clist_append(fields, xstrdup("Subject"));
	section = mailimap_section_new_header_fields(
	    mailimap_header_list_new(fields));
	type = mailimap_fetch_type_new_fetch_att_list_empty();
	mailimap_fetch_type_new_fetch_att_list_add(type,
	    mailimap_fetch_att_new_body_peek_section(section));
	set = mailimap_set_new_single(1);
	if (mailimap_fetch(imap, set, type, &result) != MAILIMAP_NO_ERROR)
		result = NULL;
	for (m = result != NULL ? clist_begin(result) : NULL;
	    m != NULL && line == NULL; m = clist_next(m)) {
		msg = clist_content(m);
		for (a = clist_begin(msg->att_list); a != NULL && line == NULL;
		    a = clist_next(a)) {
			item = clist_content(a);
			if (item->att_type != MAILIMAP_MSG_ATT_ITEM_STATIC ||
			    item->att_data.att_static->att_type !=
			    MAILIMAP_MSG_ATT_BODY_SECTION)
				continue;
			body = item->att_data.att_static->att_data.
			    att_body_section;
			if (body->sec_body_part == NULL)
				continue;
			line = xstrndup(body->sec_body_part,
			    strcspn(body->sec_body_part, "\r\n"));
		}
	}
	if (result != NULL)
		mailimap_fetch_list_free(result);
	mailimap_fetch_type_free(type);
	mailimap_set_free(set);
	return line;
}

/* Connects imap to HOST:PORT as mode says; 0, or -1 with *cause set. */
static int
probe_connect(mailimap *imap, const char *mode, const char *host, int port,
    const char *ca_file, char **cause)
{
	mailstream	*s;
	bool		 implicit = strcmp(mode, "imaps") == 0;
	const char	*env;
	long long	 timeout = PROBE_TIMEOUT_S;
	int		 r;

	env = getenv("IMAP_PROBE_TIMEOUT");
	if (env != NULL && str_to_int(env, 1, 3600, &timeout) == -1)
		usage();
	if (implicit)
		s = tls_connect(host, port, ca_file, (int)timeout, cause);
	else
		s = tls_connect_plain(host, port, (int)timeout, cause);
	if (s == NULL)
		return -1;
	r = mailimap_connect(imap, s);
	if (r != MAILIMAP_NO_ERROR_NON_AUTHENTICATED) {
		if (tls_error(s) != NULL)
			xasprintf(cause, "greeting: %s", tls_error(s));
		else if (r == MAILIMAP_ERROR_STREAM)
			xasprintf(cause, "no greeting (timed out or closed)");
		else
			xasprintf(cause, "no usable greeting (libetpan error "
			    "%d)", r);
		/* The session keeps s even now; close it, or
		   mailimap_free() would try a LOGOUT on it. */
		mailstream_close(s);
		imap->imap_stream = NULL;
		return -1;
	}
	if (!implicit && tls_starttls(imap, host, ca_file, (int)timeout,
	    cause) == -1)
		return -1;
	return 0;
}

/* Logs in, selects INBOX and prints what it finds; 0 or -1 with *cause. */
static int
probe_inbox(mailimap *imap, const char *user, const char *password,
    char **cause)
{
	char	*subject;
	int	 r;

	r = mailimap_login(imap, user, password);
	if (r != MAILIMAP_NO_ERROR) {
		xasprintf(cause, "login failed (libetpan error %d)", r);
		return -1;
	}
	r = mailimap_select(imap, "INBOX");
	if (r != MAILIMAP_NO_ERROR) {
		xasprintf(cause, "SELECT INBOX failed (libetpan error %d)", r);
		return -1;
	}
	printf("ok EXISTS=%u\n", imap->imap_selection_info->sel_exists);
	if (imap->imap_selection_info->sel_exists > 0) {
		subject = fetch_subject(imap);
		if (subject == NULL) {
			xasprintf(cause, "FETCH 1 failed");
			return -1;
		}
		printf("%s\n", subject);
		free(subject);
	}
	return 0;
}

int
main(int argc, char **argv)
{
	mailimap	*imap;
	const char	*ca_file;
	char		*password, *cause = NULL;
	long long	 port;
	int		 rc = 1;

	if (argc != 7 || (strcmp(argv[1], "imaps") != 0 &&
	    strcmp(argv[1], "starttls") != 0) ||
	    str_to_int(argv[3], 1, 65535, &port) == -1)
		usage();
	log_init(getenv("IMAP_PROBE_DEBUG") != NULL, false);
	signal(SIGPIPE, SIG_IGN);
	ca_file = argv[4][0] != '\0' ? argv[4] : NULL;
	password = read_password(argv[6]);

	imap = mailimap_new(0, NULL);
	if (imap == NULL)
		fatalx("out of memory");
	if (probe_connect(imap, argv[1], argv[2], (int)port, ca_file,
	    &cause) == 0 && probe_inbox(imap, argv[5], password, &cause) == 0) {
		mailimap_logout(imap);
		rc = 0;
	}
	if (cause != NULL) {
		printf("error: imap %s:%lld: %s\n", argv[2], port, cause);
		free(cause);
	}
	fflush(stdout);
	mailimap_free(imap);
	free(password);
	return rc;
}
