/*
 * tls.h: verified TLS connections for the IMAP inbox, as libetpan
 * streams. Debian's libetpan checks no server certificate, so we open TLS
 * with gnutls ourselves (system trust store plus an optional CA file; the
 * host name or IP address checked exactly as configured) and hand libetpan
 * a mailstream whose low-level driver is ours.
 *
 * Every *cause is one line with the reason only ("connection refused",
 * "timed out connecting", "certificate not trusted (signer not found)",
 * "certificate is for localhost, 127.0.0.1, not mail.example.org"); the
 * caller says which server ("imap 127.0.0.1:993: …"), logs it once and
 * frees it. timeout_s bounds the connect, the handshake, and later each
 * read or write on the stream.
 */
#ifndef MAILBOT_TLS_H
#define MAILBOT_TLS_H

#include <stdbool.h>

#include <libetpan/libetpan.h>

/*
 * tls_connect: TCP to host:port (every address getaddrinfo gives, IPv4 or
 * IPv6, within one timeout), then a TLS handshake (1.2 or later) whose
 * certificate must verify for host. ca_file (PEM, may be NULL) is trusted
 * in addition to the system store. Returns a stream for mailimap_connect(),
 * owned by the caller (mailstream_close(), or by the mailimap session once
 * connected), or NULL with *cause set.
 */
mailstream	*tls_connect(const char *host, int port, const char *ca_file,
		    int timeout_s, char **cause);

/*
 * tls_connect_plain: the same TCP connection without TLS, for a session
 * that will call tls_starttls() right after the greeting. Returns a
 * libetpan socket stream (reads and writes time out after timeout_s), or
 * NULL with *cause set.
 */
mailstream	*tls_connect_plain(const char *host, int port, int timeout_s,
		    char **cause);

/*
 * tls_starttls: sends STARTTLS on imap (connected, not yet logged in) and
 * switches its stream to verified TLS over the same socket, as
 * tls_connect() would for host and ca_file. Returns 0, or -1 with *cause
 * set: the connection is then closed (imap is disconnected, so no LOGOUT
 * nor anything else goes out in clear) and imap may only be freed. On
 * success the capabilities seen before TLS are forgotten (RFC 3501
 * 6.2.1): call mailimap_capability() before relying on any.
 */
int		 tls_starttls(mailimap *imap, const char *host,
		    const char *ca_file, int timeout_s, char **cause);

/*
 * tls_pending: true when bytes already read from the socket wait in the
 * stream's buffers (libetpan's or gnutls'), so poll() on the descriptor
 * (e.g. mailimap_idle_get_fd() during IDLE) would not report them.
 */
bool		 tls_pending(mailstream *s);

/*
 * tls_error: why the last read or write on a stream from tls_connect() or
 * tls_starttls() failed ("timed out", "connection closed by the server",
 * a gnutls message), or NULL when none failed or s is not ours. libetpan
 * reports such a failure only as MAILIMAP_ERROR_STREAM. The string is lent
 * and lives as long as the stream.
 */
const char	*tls_error(mailstream *s);

#endif
