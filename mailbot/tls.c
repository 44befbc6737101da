/*
 * tls.c: verified TLS for the IMAP inbox. A TCP connection with a timeout,
 * a gnutls client session that must verify against the system store, the
 * configured CA file and the host as configured, and a libetpan
 * mailstream_low driver over it, for IMAPS and for STARTTLS. Does network
 * I/O; keeps no state outside the streams it returns.
 */
#include <sys/types.h>
#include <sys/socket.h>

#include <arpa/inet.h>
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "log.h"
#include "tls.h"
#include "util.h"

#define TLS_STREAM_BUFFER	8192	/* libetpan's own socket streams */
#define TLS_BYE_MS		1000	/* at most this long for close_notify */
#define TLS_MAX_NAMES		8	/* names quoted from a certificate */

/* TLS 1.2 and 1.3 only, on top of the system's default priorities. */
#define TLS_PRIORITY_APPEND	"-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2"

/* One TLS connection: the data of our mailstream_low. */
struct tls_conn {
	int				 fd;
	gnutls_session_t		 session;
	gnutls_certificate_credentials_t cred;
	char				*host;	/* gnutls keeps a pointer */
	char				*error;	/* last read/write failure */
};

static ssize_t	 tls_low_read(mailstream_low *, void *, size_t);
static ssize_t	 tls_low_write(mailstream_low *, const void *, size_t);
static int	 tls_low_close(mailstream_low *);
static int	 tls_low_get_fd(mailstream_low *);
static void	 tls_low_free(mailstream_low *);
static struct mailstream_cancel *tls_low_get_cancel(mailstream_low *);

/*
 * No cancel object and no idle hooks: mailbot is single-threaded and waits
 * for IDLE with poll() on the descriptor (plus tls_pending()). libetpan
 * checks these NULLs, except get_cancel and get_fd, which must exist.
 */
static mailstream_low_driver tls_driver = {
	.mailstream_read = tls_low_read,
	.mailstream_write = tls_low_write,
	.mailstream_close = tls_low_close,
	.mailstream_get_fd = tls_low_get_fd,
	.mailstream_free = tls_low_free,
	.mailstream_cancel = NULL,
	.mailstream_get_cancel = tls_low_get_cancel,
	.mailstream_get_certificate_chain = NULL,
	.mailstream_setup_idle = NULL,
	.mailstream_unsetup_idle = NULL,
	.mailstream_interrupt_idle = NULL,
};

static long long
now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Waits until fd is ready for events or deadline (now_ms() time) passes.
 * Returns 1 when ready (or in error, which the next call reports), 0 on
 * timeout, -1 with errno set when poll fails.
 */
static int
wait_fd(int fd, short events, long long deadline)
{
	struct pollfd	 pfd;
	long long	 left;
	int		 r;

	for (;;) {
		left = deadline - now_ms();
		if (left <= 0)
			return 0;
		pfd.fd = fd;
		pfd.events = events;
		pfd.revents = 0;
		r = poll(&pfd, 1, left > INT_MAX ? INT_MAX : (int)left);
		if (r == -1 && errno == EINTR)
			continue;
		return r > 0 ? 1 : r;
	}
}

/* Waits the way gnutls asks after GNUTLS_E_AGAIN: to read or to write. */
static int
wait_session(int fd, gnutls_session_t session, long long deadline)
{
	short	 events;

	events = gnutls_record_get_direction(session) == 1 ? POLLOUT : POLLIN;
	return wait_fd(fd, events, deadline);
}

/* A message for a person: strerror() or gnutls_strerror() begins with a
   capital and may end with a full stop; a clause in our line does not. */
static char *
reason(const char *s)
{
	char	*r;
	size_t	 len;

	r = xstrdup(s);
	if (r[0] >= 'A' && r[0] <= 'Z' && !(r[1] >= 'A' && r[1] <= 'Z'))
		r[0] = (char)(r[0] - 'A' + 'a');
	len = strlen(r);
	if (len > 0 && r[len - 1] == '.')
		r[len - 1] = '\0';
	return r;
}

static void
set_errno_cause(char **cause, const char *what, int err)
{
	char	*r;

	r = reason(strerror(err));
	if (what != NULL)
		xasprintf(cause, "%s: %s", what, r);
	else
		xasprintf(cause, "%s", r);
	free(r);
}

static void
set_gnutls_cause(char **cause, const char *what, int err)
{
	char	*r;

	r = reason(gnutls_strerror(err));
	xasprintf(cause, "%s: %s", what, r);
	free(r);
}

static bool
is_ip_address(const char *host)
{
	unsigned char	 addr[sizeof(struct in6_addr)];

	return inet_pton(AF_INET, host, addr) == 1 ||
	    inet_pton(AF_INET6, host, addr) == 1;
}

/*
 * One connect() attempt on ai, non-blocking, until deadline. Returns the
 * connected descriptor (still non-blocking), or -1 with *err set (errno
 * value, or ETIMEDOUT when the deadline passed).
 */
static int
tcp_try(const struct addrinfo *ai, long long deadline, int *err)
{
	socklen_t	 len;
	int		 fd, r, soerr;

	fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK |
	    SOCK_CLOEXEC, ai->ai_protocol);
	if (fd == -1) {
		*err = errno;
		return -1;
	}
	if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
		return fd;
	if (errno != EINPROGRESS) {
		*err = errno;
		goto fail;
	}
	r = wait_fd(fd, POLLOUT, deadline);
	if (r <= 0) {
		*err = r == 0 ? ETIMEDOUT : errno;
		goto fail;
	}
	len = sizeof(soerr);
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &len) == -1)
		soerr = errno;
	if (soerr == 0)
		return fd;
	*err = soerr;
fail:
	close(fd);
	return -1;
}

/*
 * TCP to host:port, trying each address in turn within timeout_s in all.
 * Returns a non-blocking descriptor, or -1 with *cause set.
 */
static int
tcp_connect(const char *host, int port, int timeout_s, char **cause)
{
	struct addrinfo	 hints, *res, *ai;
	char		 service[16];
	long long	 deadline;
	int		 fd = -1, r, err = 0;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICSERV;	/* no AI_ADDRCONFIG: it hides
						   127.0.0.1 on a host with
						   only loopback */
	snprintf(service, sizeof(service), "%d", port);
	r = getaddrinfo(host, service, &hints, &res);
	if (r != 0) {
		if (r == EAI_SYSTEM)
			set_errno_cause(cause, "cannot resolve host", errno);
		else
			xasprintf(cause, "cannot resolve host: %s",
			    gai_strerror(r));
		return -1;
	}
	deadline = now_ms() + (long long)timeout_s * 1000;
	for (ai = res; ai != NULL && fd == -1 && err != ETIMEDOUT;
	    ai = ai->ai_next)
		fd = tcp_try(ai, deadline, &err);
	freeaddrinfo(res);
	if (fd != -1)
		return fd;
	if (err == ETIMEDOUT)
		xasprintf(cause, "timed out connecting (%d s)", timeout_s);
	else
		set_errno_cause(cause, NULL, err);
	return -1;
}

static int
set_blocking(int fd, bool blocking)
{
	int	 flags;

	flags = fcntl(fd, F_GETFL);
	if (flags == -1)
		return -1;
	if (blocking)
		flags &= ~O_NONBLOCK;
	else
		flags |= O_NONBLOCK;
	return fcntl(fd, F_SETFL, flags);
}

/* gnutls transport over c->fd; MSG_NOSIGNAL so that a server that went
   away makes EPIPE, not SIGPIPE. gnutls reads errno after these. */
static ssize_t
tls_push(gnutls_transport_ptr_t p, const void *data, size_t len)
{
	const struct tls_conn	*c = p;

	return send(c->fd, data, len, MSG_NOSIGNAL);
}

static ssize_t
tls_pull(gnutls_transport_ptr_t p, void *data, size_t len)
{
	const struct tls_conn	*c = p;

	return recv(c->fd, data, len, 0);
}

/* Frees c; closes its descriptor unless it is -1. */
static void
tls_conn_free(struct tls_conn *c)
{
	if (c == NULL)
		return;
	if (c->session != NULL)
		gnutls_deinit(c->session);
	if (c->cred != NULL)
		gnutls_certificate_free_credentials(c->cred);
	if (c->fd != -1)
		close(c->fd);
	free(c->host);
	free(c->error);
	free(c);
}

/*
 * The trust anchors: the system store and ca_file. Either may be missing,
 * not both: a CA file that cannot be read is an error of its own.
 */
static int
load_trust(gnutls_certificate_credentials_t cred, const char *ca_file,
    char **cause)
{
	int	 nsys, nfile = 0;

	nsys = gnutls_certificate_set_x509_system_trust(cred);
	if (ca_file != NULL) {
		if (access(ca_file, R_OK) == -1) {
			set_errno_cause(cause, ca_file, errno);
			return -1;
		}
		nfile = gnutls_certificate_set_x509_trust_file(cred, ca_file,
		    GNUTLS_X509_FMT_PEM);
		if (nfile < 0) {
			set_gnutls_cause(cause, ca_file, nfile);
			return -1;
		}
		if (nfile == 0) {
			xasprintf(cause, "%s: no certificate in it", ca_file);
			return -1;
		}
	}
	if (nsys <= 0 && nfile == 0) {
		if (nsys < 0)
			set_gnutls_cause(cause, "no trusted CA: system store",
			    nsys);
		else
			xasprintf(cause, "no trusted CA: the system store is "
			    "empty and no CA file is configured");
		return -1;
	}
	return 0;
}

/* A gnutls client session on fd for host, with certificate checks armed. */
static struct tls_conn *
tls_conn_new(int fd, const char *host, const char *ca_file, char **cause)
{
	struct tls_conn	*c;
	int		 r;

	c = xcalloc(1, sizeof(*c));
	c->fd = fd;
	c->host = xstrdup(host);
	r = gnutls_certificate_allocate_credentials(&c->cred);
	if (r < 0) {
		c->cred = NULL;
		goto gnutls_fail;
	}
	if (load_trust(c->cred, ca_file, cause) == -1)
		goto fail;
	r = gnutls_init(&c->session, GNUTLS_CLIENT);
	if (r < 0) {
		c->session = NULL;
		goto gnutls_fail;
	}
	r = gnutls_set_default_priority_append(c->session,
	    TLS_PRIORITY_APPEND, NULL, 0);
	if (r >= 0)
		r = gnutls_credentials_set(c->session,
		    GNUTLS_CRD_CERTIFICATE, c->cred);
	/* RFC 6066 3: SNI carries host names only, never addresses. */
	if (r >= 0 && !is_ip_address(host))
		r = gnutls_server_name_set(c->session, GNUTLS_NAME_DNS,
		    host, strlen(host));
	if (r < 0)
		goto gnutls_fail;
	/* The chain and the name (an address against the IP SANs), checked
	   inside the handshake, which fails when they do not verify. gnutls
	   keeps the pointer, hence our copy. */
	gnutls_session_set_verify_cert(c->session, c->host, 0);
	gnutls_transport_set_ptr(c->session, c);
	gnutls_transport_set_push_function(c->session, tls_push);
	gnutls_transport_set_pull_function(c->session, tls_pull);
	return c;
gnutls_fail:
	set_gnutls_cause(cause, "TLS setup", r);
fail:
	c->fd = -1;	/* the caller's */
	tls_conn_free(c);
	return NULL;
}

/* Adds name to list (", "-separated), with anything unprintable as '?':
   the certificate is the peer's, not ours. */
static void
add_name(struct buf *list, const char *name, size_t len)
{
	size_t	 i;
	char	 ch;

	if (list->len > 0)
		buf_addstr(list, ", ");
	for (i = 0; i < len && name[i] != '\0'; i++) {
		ch = name[i];
		if (ch < 0x20 || ch > 0x7e)
			ch = '?';
		buf_add(list, &ch, 1);
	}
}

/* The DNS and IP names of crt (its CN when it has none), into list. */
static void
cert_names(gnutls_x509_crt_t crt, struct buf *list)
{
	char		 name[256], ip[INET6_ADDRSTRLEN];
	size_t		 size;
	unsigned int	 seq, critical, n = 0;
	int		 r;

	for (seq = 0; n < TLS_MAX_NAMES; seq++) {
		size = sizeof(name);
		r = gnutls_x509_crt_get_subject_alt_name(crt, seq, name,
		    &size, &critical);
		if (r == GNUTLS_E_SHORT_MEMORY_BUFFER)
			continue;
		if (r < 0)
			break;
		if (r == GNUTLS_SAN_DNSNAME) {
			add_name(list, name, size);
			n++;
		} else if (r == GNUTLS_SAN_IPADDRESS && (size == 4 ||
		    size == 16) && inet_ntop(size == 4 ? AF_INET : AF_INET6,
		    name, ip, sizeof(ip)) != NULL) {
			add_name(list, ip, strlen(ip));
			n++;
		}
	}
	if (n == TLS_MAX_NAMES)
		buf_addstr(list, ", …");
	size = sizeof(name);
	if (n == 0 && gnutls_x509_crt_get_dn_by_oid(crt,
	    GNUTLS_OID_X520_COMMON_NAME, 0, 0, name, &size) >= 0)
		add_name(list, name, size);
}

/* "localhost, 127.0.0.1": the names on the server's certificate. */
static char *
peer_names(gnutls_session_t session)
{
	const gnutls_datum_t	*certs;
	gnutls_x509_crt_t	 crt;
	unsigned int		 n = 0;
	struct buf		 list;

	buf_init(&list, 4096);
	certs = gnutls_certificate_get_peers(session, &n);
	if (certs != NULL && n > 0 && gnutls_x509_crt_init(&crt) >= 0) {
		if (gnutls_x509_crt_import(crt, &certs[0],
		    GNUTLS_X509_FMT_DER) >= 0)
			cert_names(crt, &list);
		gnutls_x509_crt_deinit(crt);
	}
	if (list.len == 0)
		buf_addstr(&list, "no name");
	return buf_take(&list);
}

/* Why the server's certificate was refused, in words. */
static void
verify_cause(gnutls_session_t session, const char *host, char **cause)
{
	static const struct {
		unsigned int	 flag;
		const char	*text;
	} why[] = {
		{ GNUTLS_CERT_SIGNER_NOT_FOUND,
		    "certificate not trusted (signer not found)" },
		{ GNUTLS_CERT_SIGNER_NOT_CA,
		    "certificate not trusted (signer is not a CA)" },
		{ GNUTLS_CERT_EXPIRED, "certificate expired" },
		{ GNUTLS_CERT_NOT_ACTIVATED, "certificate not yet valid" },
		{ GNUTLS_CERT_REVOKED, "certificate revoked" },
		{ GNUTLS_CERT_INSECURE_ALGORITHM,
		    "certificate signed with an insecure algorithm" },
		{ GNUTLS_CERT_SIGNATURE_FAILURE,
		    "certificate signature does not verify" },
	};
	struct buf	 b;
	gnutls_datum_t	 out;
	unsigned int	 status, known = GNUTLS_CERT_INVALID;
	char		*names;
	size_t		 i;

	status = gnutls_session_get_verify_cert_status(session);
	buf_init(&b, 4096);
	for (i = 0; i < nitems(why); i++) {
		known |= why[i].flag;
		if (status & why[i].flag)
			buf_printf(&b, "%s%s", b.len > 0 ? "; " : "",
			    why[i].text);
	}
	known |= GNUTLS_CERT_UNEXPECTED_OWNER;
	if (status & GNUTLS_CERT_UNEXPECTED_OWNER) {
		names = peer_names(session);
		buf_printf(&b, "%scertificate is for %s, not %s",
		    b.len > 0 ? "; " : "", names, host);
		free(names);
	}
	status &= ~known;
	if (status != 0 && gnutls_certificate_verification_status_print(
	    status, GNUTLS_CRT_X509, &out, 0) >= 0) {
		buf_printf(&b, "%scertificate refused: %s",
		    b.len > 0 ? "; " : "", (const char *)out.data);
		gnutls_free(out.data);
	}
	if (b.len == 0)
		buf_addstr(&b, "certificate refused");
	*cause = buf_take(&b);
}

/* The cause of a failed handshake (r, a fatal gnutls error). */
static void
handshake_cause(gnutls_session_t session, const char *host, int r,
    char **cause)
{
	char	*text;

	switch (r) {
	case GNUTLS_E_CERTIFICATE_VERIFICATION_ERROR:
		verify_cause(session, host, cause);
		break;
	case GNUTLS_E_FATAL_ALERT_RECEIVED:
		if (gnutls_alert_get(session) == GNUTLS_A_PROTOCOL_VERSION)
			xasprintf(cause, "TLS handshake failed: the server "
			    "offers no TLS version we accept (1.2 or later)");
		else
			xasprintf(cause, "TLS handshake failed: the server "
			    "sent alert \"%s\"", gnutls_alert_get_name(
			    gnutls_alert_get(session)));
		break;
	case GNUTLS_E_PREMATURE_TERMINATION:
		xasprintf(cause, "the server closed the connection during "
		    "the TLS handshake");
		break;
	case GNUTLS_E_PUSH_ERROR:
	case GNUTLS_E_PULL_ERROR:
		set_errno_cause(cause, "TLS handshake failed", errno);
		break;
	case GNUTLS_E_UNEXPECTED_PACKET_LENGTH:
	case GNUTLS_E_UNEXPECTED_PACKET:
	case GNUTLS_E_UNSUPPORTED_VERSION_PACKET:
		/* What a plain-text greeting looks like to gnutls. */
		text = reason(gnutls_strerror(r));
		xasprintf(cause, "TLS handshake failed: %s (a port for plain "
		    "text or STARTTLS?)", text);
		free(text);
		break;
	default:
		set_gnutls_cause(cause, "TLS handshake failed", r);
		break;
	}
}

/* Runs the handshake on c (non-blocking descriptor) within timeout_s. */
static int
tls_handshake(struct tls_conn *c, const char *host, int timeout_s,
    char **cause)
{
	long long	 deadline;
	int		 r, w;

	deadline = now_ms() + (long long)timeout_s * 1000;
	for (;;) {
		r = gnutls_handshake(c->session);
		if (r == GNUTLS_E_SUCCESS)
			return 0;
		if (r == GNUTLS_E_AGAIN || r == GNUTLS_E_INTERRUPTED) {
			w = wait_session(c->fd, c->session, deadline);
			if (w == 1)
				continue;
			if (w == 0)
				xasprintf(cause, "timed out in the TLS "
				    "handshake (%d s)", timeout_s);
			else
				set_errno_cause(cause, "poll", errno);
			return -1;
		}
		if (!gnutls_error_is_fatal(r))
			continue;	/* e.g. a warning alert */
		handshake_cause(c->session, host, r, cause);
		return -1;
	}
}

/*
 * TLS on fd (connected, any blocking mode) for host. Returns our
 * mailstream_low; on failure NULL with *cause set, and fd left open for
 * the caller.
 */
static mailstream_low *
tls_low_open(int fd, const char *host, const char *ca_file, int timeout_s,
    char **cause)
{
	struct tls_conn	*c;
	mailstream_low	*low;
	char		*desc;

	if (set_blocking(fd, false) == -1) {
		set_errno_cause(cause, "fcntl", errno);
		return NULL;
	}
	c = tls_conn_new(fd, host, ca_file, cause);
	if (c == NULL)
		return NULL;
	if (tls_handshake(c, host, timeout_s, cause) == -1) {
		c->fd = -1;
		tls_conn_free(c);
		return NULL;
	}
	desc = gnutls_session_get_desc(c->session);
	log_debug("tls handshake done host=%s session=%s", host,
	    desc != NULL ? desc : "?");
	gnutls_free(desc);
	low = mailstream_low_new(c, &tls_driver);
	if (low == NULL)
		fatalx("tls: out of memory in libetpan");
	mailstream_low_set_timeout(low, (time_t)timeout_s);
	return low;
}

mailstream *
tls_connect(const char *host, int port, const char *ca_file, int timeout_s,
    char **cause)
{
	mailstream_low	*low;
	mailstream	*s;
	int		 fd;

	fd = tcp_connect(host, port, timeout_s, cause);
	if (fd == -1)
		return NULL;
	low = tls_low_open(fd, host, ca_file, timeout_s, cause);
	if (low == NULL) {
		close(fd);
		return NULL;
	}
	s = mailstream_new(low, TLS_STREAM_BUFFER);
	if (s == NULL)
		fatalx("tls: out of memory in libetpan");
	return s;
}

mailstream *
tls_connect_plain(const char *host, int port, int timeout_s, char **cause)
{
	mailstream	*s;
	int		 fd;

	fd = tcp_connect(host, port, timeout_s, cause);
	if (fd == -1)
		return NULL;
	/* libetpan's socket driver wants a blocking descriptor; it bounds
	   each read and write with select() itself. */
	if (set_blocking(fd, true) == -1) {
		set_errno_cause(cause, "fcntl", errno);
		close(fd);
		return NULL;
	}
	s = mailstream_socket_open_timeout(fd, (time_t)timeout_s);
	if (s == NULL)
		fatalx("tls: out of memory in libetpan");
	return s;
}

/* What a mailimap_starttls() failure means. */
static void
starttls_cause(int r, char **cause)
{
	switch (r) {
	case MAILIMAP_ERROR_STARTTLS:
		xasprintf(cause, "the server refused STARTTLS");
		break;
	case MAILIMAP_ERROR_STREAM:
		xasprintf(cause, "no answer to STARTTLS (connection lost or "
		    "timed out)");
		break;
	default:
		xasprintf(cause, "STARTTLS failed (libetpan error %d)", r);
		break;
	}
}

/*
 * Hands the new low-level stream the settings libetpan may have put on the
 * old one (the session's logger, its privacy flag, an identifier).
 */
static void
low_copy_settings(mailstream_low *from, mailstream_low *to)
{
	const char	*id;

	to->privacy = from->privacy;
	to->logger = from->logger;
	to->logger_context = from->logger_context;
	id = mailstream_low_get_identifier(from);
	if (id != NULL)
		mailstream_low_set_identifier(to, xstrdup(id));
}

/*
 * RFC 3501 6.2.1: capabilities learnt before STARTTLS must be discarded
 * (a man in the middle could have changed them); mailimap_has_*() then
 * says no until the caller asks for CAPABILITY again, over TLS.
 */
static void
forget_capabilities(mailimap *imap)
{
	struct mailimap_connection_info	*info = imap->imap_connection_info;

	if (info != NULL && info->imap_capability != NULL) {
		mailimap_capability_data_free(info->imap_capability);
		info->imap_capability = NULL;
	}
}

int
tls_starttls(mailimap *imap, const char *host, const char *ca_file,
    int timeout_s, char **cause)
{
	mailstream_low	*old, *low;
	int		 r;

	assert(imap->imap_stream != NULL);
	r = mailimap_starttls(imap);
	if (r != MAILIMAP_NO_ERROR) {
		starttls_cause(r, cause);
		goto fail;
	}
	/*
	 * Anything after the tagged OK arrived before TLS and could have been
	 * injected by a man in the middle (CVE-2020-15953, RFC 3207 4.2): it
	 * must not be read as if it came over TLS. A server that sends any
	 * is broken, so refuse.
	 */
	if (imap->imap_stream->read_buffer_len != 0) {
		xasprintf(cause, "the server sent data after its STARTTLS "
		    "answer, before TLS");
		goto fail;
	}
	old = mailstream_get_low(imap->imap_stream);
	low = tls_low_open(mailstream_low_get_fd(old), host, ca_file,
	    timeout_s, cause);
	if (low == NULL)
		goto fail;
	low_copy_settings(old, low);
	/* The socket driver's free leaves the descriptor open: it is ours
	   now (libetpan's own mailimap_socket_starttls does the same). */
	mailstream_low_free(old);
	mailstream_set_low(imap->imap_stream, low);
	forget_capabilities(imap);
	return 0;
fail:
	/* Close it here, so that mailimap_free() cannot send LOGOUT (or
	   anything) in clear over a connection that was to be encrypted. */
	mailstream_close(imap->imap_stream);
	imap->imap_stream = NULL;
	imap->imap_state = MAILIMAP_STATE_DISCONNECTED;
	return -1;
}

/* Records why a read or write failed; the stream keeps the last one. */
static void
conn_fail(struct tls_conn *c, const char *what, int r)
{
	free(c->error);
	c->error = NULL;
	if (r == GNUTLS_E_PUSH_ERROR || r == GNUTLS_E_PULL_ERROR)
		set_errno_cause(&c->error, what, errno);
	else if (r == GNUTLS_E_PREMATURE_TERMINATION)
		xasprintf(&c->error, "%s: connection closed by the server",
		    what);
	else
		set_gnutls_cause(&c->error, what, r);
}

static void
conn_timeout(struct tls_conn *c, const char *what, unsigned long timeout_s)
{
	free(c->error);
	xasprintf(&c->error, "%s: timed out (%lu s)", what, timeout_s);
}

/* The stream's timeout in seconds, as libetpan's socket driver reads it. */
static unsigned long
low_timeout(mailstream_low *s)
{
	if (s->timeout != 0)
		return s->timeout;
	return (unsigned long)mailstream_network_delay.tv_sec;
}

/*
 * One record read (rbuf) or written (wbuf), waiting for the socket within
 * the stream's timeout. After GNUTLS_E_AGAIN gnutls wants the same buffer
 * again, which the loop gives it.
 */
static ssize_t
tls_low_io(mailstream_low *s, void *rbuf, const void *wbuf, size_t count)
{
	struct tls_conn	*c = s->data;
	const char	*what = rbuf != NULL ? "read" : "write";
	long long	 deadline;
	ssize_t		 r;
	int		 w;

	if (c->session == NULL || c->fd == -1)
		return -1;
	deadline = now_ms() + (long long)low_timeout(s) * 1000;
	for (;;) {
		r = rbuf != NULL ? gnutls_record_recv(c->session, rbuf, count) :
		    gnutls_record_send(c->session, wbuf, count);
		if (r >= 0)
			return r;	/* read 0: the server's close_notify */
		if (r == GNUTLS_E_AGAIN || r == GNUTLS_E_INTERRUPTED) {
			w = wait_session(c->fd, c->session, deadline);
			if (w == 1)
				continue;
			if (w == 0)
				conn_timeout(c, what, low_timeout(s));
			else
				conn_fail(c, what, rbuf != NULL ?
				    GNUTLS_E_PULL_ERROR : GNUTLS_E_PUSH_ERROR);
			return -1;
		}
		if (rbuf != NULL && !gnutls_error_is_fatal((int)r))
			continue;	/* a warning alert, a renegotiation
					   request we ignore */
		conn_fail(c, what, (int)r);
		return -1;
	}
}

static ssize_t
tls_low_read(mailstream_low *s, void *buf, size_t count)
{
	return tls_low_io(s, buf, NULL, count);
}

static ssize_t
tls_low_write(mailstream_low *s, const void *buf, size_t count)
{
	return tls_low_io(s, NULL, buf, count);
}

/* Sends our close_notify (not waiting for the server's), then closes. */
static int
tls_low_close(mailstream_low *s)
{
	struct tls_conn	*c = s->data;
	long long	 deadline;
	int		 r;

	if (c->fd == -1)
		return 0;
	deadline = now_ms() + TLS_BYE_MS;
	do {
		r = gnutls_bye(c->session, GNUTLS_SHUT_WR);
	} while ((r == GNUTLS_E_AGAIN || r == GNUTLS_E_INTERRUPTED) &&
	    wait_session(c->fd, c->session, deadline) == 1);
	close(c->fd);
	c->fd = -1;
	return 0;
}

static int
tls_low_get_fd(mailstream_low *s)
{
	struct tls_conn	*c = s->data;

	return c->fd;
}

/* Like libetpan's drivers, frees the mailstream_low itself too. */
static void
tls_low_free(mailstream_low *s)
{
	tls_conn_free(s->data);
	s->data = NULL;
	free(s);
}

static struct mailstream_cancel *
tls_low_get_cancel(mailstream_low *s)
{
	return NULL;
}

bool
tls_pending(mailstream *s)
{
	mailstream_low	*low;
	struct tls_conn	*c;

	if (s == NULL)
		return false;
	if (s->read_buffer_len > 0)
		return true;
	low = mailstream_get_low(s);
	if (low == NULL || low->driver != &tls_driver)
		return false;
	c = low->data;
	return c->session != NULL &&
	    gnutls_record_check_pending(c->session) > 0;
}

const char *
tls_error(mailstream *s)
{
	mailstream_low	*low;
	struct tls_conn	*c;

	if (s == NULL)
		return NULL;
	low = mailstream_get_low(s);
	if (low == NULL || low->driver != &tls_driver)
		return NULL;
	c = low->data;
	return c->error;
}
