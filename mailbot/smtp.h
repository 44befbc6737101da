/*
 * smtp.h: mail submission over libcurl: TLS always (smtps://, or smtp://
 * with STARTTLS required), certificates verified against the system store
 * plus the configured CA file, AUTH with the configured user. One
 * connection is kept open and reused for a batch of messages.
 */
#ifndef MAILBOT_SMTP_H
#define MAILBOT_SMTP_H

#include <stddef.h>

struct config_server;
struct smtp;

enum smtp_result {
	SMTP_OK,
	SMTP_TEMPFAIL,		/* 4xx for this message: try it again later */
	SMTP_PERMFAIL,		/* 5xx: the server will never take it */
	SMTP_UNREACHABLE	/* no connection, TLS or login: the server
				   cannot be used now; try again later */
};

/* smtp_new: a session for server (nothing is connected yet). */
struct smtp	*smtp_new(const struct config_server *server);

/*
 * smtp_send: sends one message (len bytes, CRLF line ends) from the
 * envelope sender env_from to one recipient rcpt, over the session's
 * connection (opened, or re-opened, as needed). On a failure, *reply is
 * the reason in one line, with the server's own
 * answer when there was one ("550 5.1.1 <x@y>: Recipient address
 * rejected: …", or "cannot connect to 127.0.0.1:587: Connection refused");
 * the caller frees it.
 */
enum smtp_result smtp_send(struct smtp *, const char *env_from,
		    const char *rcpt, const char *data, size_t len,
		    char **reply);

/* smtp_free: closes the connection (QUIT) and frees the session. */
void		 smtp_free(struct smtp *);

#endif
