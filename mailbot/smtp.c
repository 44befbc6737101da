/*
 * smtp.c: sends mail through the configured submission server with
 * libcurl. One easy handle per session, so libcurl keeps the connection
 * open between messages. Does network I/O; the only files it reads are
 * the CA files, copied into one in memory for libcurl (smtp_set_trust).
 */
#include <sys/mman.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <curl/curl.h>

#include "config.h"
#include "log.h"
#include "smtp.h"
#include "util.h"

/*
 * Limits, in seconds, so that a dead or stuck server never hangs the
 * daemon: to connect, to wait for one answer, for one whole message, and
 * how long the transfer may stay below 1 byte/s.
 */
#define SMTP_CONNECT_TIMEOUT	15L
#define SMTP_RESPONSE_TIMEOUT	60L
#define SMTP_TIMEOUT		120L
#define SMTP_LOW_SPEED_TIME	60L
#define SMTP_REPLY_MAX		512	/* bytes of a server line kept */

/*
 * Where the system's trusted CAs live on Debian. Only used when the
 * libcurl at hand has no default CA directory of its own.
 */
#define SMTP_SYSTEM_CAPATH	"/etc/ssl/certs"
#define SMTP_SYSTEM_CAFILE	"/etc/ssl/certs/ca-certificates.crt"

struct smtp {
	CURL		*curl;
	char		*host;		/* as configured */
	char		*where;		/* "host:port", "[v6]:port" */
	char		*user;
	char		*ca_file;	/* NULL: the system store only */
	int		 ca_fd;		/* memfd with all of it, or -1 */
	char		 errbuf[CURL_ERROR_SIZE];

	/* The message being sent: reset by every smtp_send. */
	const char	*data;
	size_t		 len;
	size_t		 off;
	char		 line[SMTP_REPLY_MAX];	/* server's error */
	bool		 line_done;	/* line holds a whole answer */
	bool		 in_mail;	/* MAIL FROM has been sent */
};

static bool	smtp_curl_ready;	/* curl_global_init done */

/* libcurl's read callback: hands out the message, then 0 at the end. */
static size_t
smtp_read(char *out, size_t size, size_t nmemb, void *arg)
{
	struct smtp	*sp = arg;
	size_t		 n;

	n = sp->len - sp->off;
	if (n > size * nmemb)	/* libcurl's buffer: no overflow */
		n = size * nmemb;
	memcpy(out, sp->data + sp->off, n);
	sp->off += n;
	return n;
}

/*
 * Keeps the server's first error answer (4xx or 5xx) of the transfer in
 * sp->line, as printable text. libcurl passes one response line at a time,
 * CRLF included; of a multi-line answer ("550-…", "550 …") the last line
 * stays. Later lines are ignored: after a failure libcurl closes the
 * connection within the same transfer, and "221 Bye" must not replace the
 * reason.
 */
static void
smtp_keep_line(struct smtp *sp, const char *data, size_t size)
{
	size_t	 i, n;

	if (sp->line_done || size < 3 || (data[0] != '4' && data[0] != '5'))
		return;
	while (size > 0 && (data[size - 1] == '\n' || data[size - 1] == '\r'))
		size--;
	n = 0;
	for (i = 0; i < size && n < sizeof(sp->line) - 1; i++) {
		if (isprint((unsigned char)data[i]) ||
		    (unsigned char)data[i] >= 0x80)
			sp->line[n++] = data[i];
		else
			sp->line[n++] = ' ';
	}
	sp->line[n] = '\0';
	sp->line_done = n <= 3 || sp->line[3] != '-';
}

/*
 * libcurl's debug callback, our only view of the dialogue. It keeps the
 * server's error answer line (curl's own error text says no more than "RCPT
 * failed: 550"), and notes when MAIL FROM goes out: a 5xx before that
 * (EHLO, STARTTLS, AUTH) is about the server or our account, not about
 * this message. Lines we send are never stored or logged: one carries the
 * AUTH credentials. Message data is ignored too.
 */
static int
smtp_debug(CURL *curl, curl_infotype type, char *data, size_t size,
    void *arg)
{
	struct smtp	*sp = arg;

	switch (type) {
	case CURLINFO_HEADER_IN:
		smtp_keep_line(sp, data, size);
		break;
	case CURLINFO_HEADER_OUT:
		if (size >= 10 && strncasecmp(data, "MAIL FROM:", 10) == 0)
			sp->in_mail = true;
		break;
	case CURLINFO_TEXT:
		while (size > 0 && data[size - 1] == '\n')
			size--;
		log_debug("smtp curl server=%s: %.*s", sp->where, (int)size,
		    data);
		break;
	default:
		break;
	}
	return 0;
}

/*
 * CA trust: the system store plus ca_file. With the GnuTLS libcurl of
 * Debian 12 (7.88) CURLOPT_CAINFO_BLOB is not built in (setopt answers
 * CURLE_NOT_BUILT_IN), and there is no default CA bundle file, only the
 * default CA directory /etc/ssl/certs. Loading that directory parses every
 * certificate three times (its .pem file, its hash link, and the bundle
 * ca-certificates.crt that lives there too): 7 MB of heap per connection,
 * the largest part of `once`'s memory (measured with heaptrack).
 *
 * So the trust is one file: the system bundle (the file GnuTLS's own
 * system trust reads on Debian) followed by ca_file, copied into a memfd
 * that libcurl reads as CURLOPT_CAINFO through /proc/self/fd, with no
 * CAPATH. Nothing is written to disk. Without the bundle, or when ca_file
 * cannot be read, it falls back to CAINFO = ca_file and CAPATH = the
 * directory, which libcurl loads one after the other into the same
 * credentials (and then reports an unreadable ca_file itself).
 */
static int
smtp_write_all(int fd, const char *p, size_t len)
{
	ssize_t	 n;

	while (len > 0) {
		if ((n = write(fd, p, len)) == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static int
smtp_append_file(int fd, const char *path)
{
	char	 buf[8192];
	ssize_t	 n;
	int	 in, rc = 0;

	if ((in = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	while (rc == 0 && (n = read(in, buf, sizeof(buf))) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 || smtp_write_all(fd, buf, (size_t)n) == -1)
			rc = -1;
	}
	if (rc == 0 && smtp_write_all(fd, "\n", 1) == -1)
		rc = -1;
	close(in);
	return rc;
}

static void
smtp_set_trust(struct smtp *sp)
{
	char	 path[64];
	char	*capath = NULL;
	int	 fd;

	fd = memfd_create("mailbot-ca", MFD_CLOEXEC);
	if (fd != -1 && smtp_append_file(fd, SMTP_SYSTEM_CAFILE) == 0 &&
	    (sp->ca_file == NULL || smtp_append_file(fd, sp->ca_file) == 0)) {
		sp->ca_fd = fd;
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		curl_easy_setopt(sp->curl, CURLOPT_CAINFO, path);
		curl_easy_setopt(sp->curl, CURLOPT_CAPATH, NULL);
		return;
	}
	if (fd != -1)
		close(fd);
	if (sp->ca_file == NULL)
		return;		/* libcurl's defaults are the system store */
	curl_easy_getinfo(sp->curl, CURLINFO_CAPATH, &capath);
	if (capath == NULL)
		capath = SMTP_SYSTEM_CAPATH;
	curl_easy_setopt(sp->curl, CURLOPT_CAINFO, sp->ca_file);
	curl_easy_setopt(sp->curl, CURLOPT_CAPATH, capath);
}

/* The options that hold for every message of the session. */
static void
smtp_set_options(struct smtp *sp, const struct config_server *srv)
{
	CURL	*c = sp->curl;
	char	*url;

	xasprintf(&url, "%s://%s", srv->tls == CONFIG_TLS_IMPLICIT ?
	    "smtps" : "smtp", sp->where);
	curl_easy_setopt(c, CURLOPT_URL, url);
	free(url);		/* libcurl keeps its own copy */
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	/* smtp://: STARTTLS or nothing; a server without it is refused. */
	if (srv->tls == CONFIG_TLS_STARTTLS)
		curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	smtp_set_trust(sp);
	if (srv->user != NULL)
		curl_easy_setopt(c, CURLOPT_USERNAME, srv->user);
	if (srv->password != NULL)
		curl_easy_setopt(c, CURLOPT_PASSWORD, srv->password);

	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, SMTP_CONNECT_TIMEOUT);
	curl_easy_setopt(c, CURLOPT_SERVER_RESPONSE_TIMEOUT,
	    SMTP_RESPONSE_TIMEOUT);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, SMTP_TIMEOUT);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, SMTP_LOW_SPEED_TIME);
	curl_easy_setopt(c, CURLOPT_TCP_KEEPALIVE, 1L);

	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, sp->errbuf);
	/* The debug callback runs only when verbose is on. */
	curl_easy_setopt(c, CURLOPT_VERBOSE, 1L);
	curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, smtp_debug);
	curl_easy_setopt(c, CURLOPT_DEBUGDATA, sp);

	/*
	 * The message goes up as is: libcurl does the dot-stuffing itself
	 * (RFC 5321 section 4.5.2) and adds the final ".", so the buffer must
	 * not be stuffed before. CURLOPT_CRLF stays off: lines are CRLF.
	 */
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, smtp_read);
	curl_easy_setopt(c, CURLOPT_READDATA, sp);
}

struct smtp *
smtp_new(const struct config_server *srv)
{
	struct smtp	*sp;

	if (!smtp_curl_ready) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
			fatalx("curl_global_init failed");
		smtp_curl_ready = true;
	}
	sp = xcalloc(1, sizeof(*sp));
	sp->ca_fd = -1;
	sp->curl = curl_easy_init();
	if (sp->curl == NULL)
		fatalx("curl_easy_init failed");
	sp->host = xstrdup(srv->host);
	if (strchr(srv->host, ':') != NULL)
		xasprintf(&sp->where, "[%s]:%d", srv->host, srv->port);
	else
		xasprintf(&sp->where, "%s:%d", srv->host, srv->port);
	sp->user = xstrdup(srv->user != NULL ? srv->user : "");
	if (srv->ca_file != NULL)
		sp->ca_file = xstrdup(srv->ca_file);
	smtp_set_options(sp, srv);
	return sp;
}

/* An address goes into one SMTP command line: no CR, LF or brackets. */
static bool
smtp_address_ok(const char *s)
{
	return strcspn(s, "\r\n<>") == strlen(s);
}

/* *reply for a failure the server did not explain with an answer line. */
static char *
smtp_local_reason(struct smtp *sp, CURLcode rc)
{
	const char	*e;
	char		*r;
	long		 oserr = 0;

	e = sp->errbuf[0] != '\0' ? sp->errbuf : curl_easy_strerror(rc);
	switch (rc) {
	case CURLE_COULDNT_CONNECT:
		curl_easy_getinfo(sp->curl, CURLINFO_OS_ERRNO, &oserr);
		if (oserr != 0)
			e = strerror((int)oserr);
		xasprintf(&r, "cannot connect to %s: %s", sp->where, e);
		break;
	case CURLE_COULDNT_RESOLVE_HOST:
		xasprintf(&r, "cannot resolve %s: %s", sp->host, e);
		break;
	case CURLE_OPERATION_TIMEDOUT:
		xasprintf(&r, "timeout talking to %s: %s", sp->where, e);
		break;
	case CURLE_PEER_FAILED_VERIFICATION:
		/* A configuration problem, but the mail is kept (TEMPFAIL). */
		xasprintf(&r, "certificate of %s not trusted (trusted: the "
		    "system store%s%s): %s", sp->host,
		    sp->ca_file != NULL ? " and " : "",
		    sp->ca_file != NULL ? sp->ca_file : "", e);
		break;
	case CURLE_SSL_CACERT_BADFILE:
		xasprintf(&r, "cannot load the CA file %s: %s",
		    sp->ca_file != NULL ? sp->ca_file : "(system)", e);
		break;
	case CURLE_USE_SSL_FAILED:
		xasprintf(&r, "%s offers no STARTTLS, refusing to send in "
		    "clear: %s", sp->where, e);
		break;
	case CURLE_SSL_CONNECT_ERROR:
		xasprintf(&r, "TLS with %s failed: %s", sp->where, e);
		break;
	default:
		xasprintf(&r, "%s: %s", sp->where, e);
		break;
	}
	return r;
}

/*
 * Sorts a failed transfer. A 5xx answer to MAIL, RCPT or the message is
 * final for this message, a 4xx temporary; any trouble before MAIL FROM
 * (including a 5xx to AUTH: our account, not this message) and any local
 * or network failure means the server cannot be used now (unreachable),
 * so the caller keeps the message and tries no more for a while. The server's own
 * line is quoted when we have it; CURLINFO_RESPONSE_CODE with curl's text
 * ("RCPT failed: 550") is the fallback.
 */
static enum smtp_result
smtp_failure(struct smtp *sp, CURLcode rc, char **reply)
{
	const char	*text = sp->line;
	long		 code = 0;

	if (sp->line[0] != '\0')
		code = strtol(sp->line, NULL, 10);
	else {
		curl_easy_getinfo(sp->curl, CURLINFO_RESPONSE_CODE, &code);
		text = sp->errbuf[0] != '\0' ? sp->errbuf :
		    curl_easy_strerror(rc);
	}
	if (code < 400 || code > 599) {
		*reply = smtp_local_reason(sp, rc);
		return SMTP_UNREACHABLE;
	}
	if (sp->in_mail) {
		if (sp->line[0] != '\0')
			*reply = xstrdup(text);
		else
			xasprintf(reply, "%s: %s", sp->where, text);
		return code >= 500 ? SMTP_PERMFAIL : SMTP_TEMPFAIL;
	}
	if (rc == CURLE_LOGIN_DENIED)
		xasprintf(reply, "login as %s at %s refused: %s", sp->user,
		    sp->where, text);
	else
		xasprintf(reply, "%s: %s", sp->where, text);
	return SMTP_UNREACHABLE;
}

enum smtp_result
smtp_send(struct smtp *sp, const char *env_from, const char *rcpt,
    const char *data, size_t len, char **reply)
{
	struct curl_slist	*rcpts = NULL;
	enum smtp_result	 res;
	CURLcode		 rc;
	char			*s;

	*reply = NULL;
	if (!smtp_address_ok(env_from) || !smtp_address_ok(rcpt)) {
		*reply = xstrdup("envelope address with CR, LF, < or >");
		return SMTP_PERMFAIL;
	}
	sp->data = data;
	sp->len = len;
	sp->off = 0;
	sp->line[0] = '\0';
	sp->line_done = false;
	sp->errbuf[0] = '\0';
	sp->in_mail = false;

	xasprintf(&s, "<%s>", env_from);
	curl_easy_setopt(sp->curl, CURLOPT_MAIL_FROM, s);	/* copied */
	free(s);
	xasprintf(&s, "<%s>", rcpt);
	rcpts = curl_slist_append(NULL, s);	/* copies s */
	free(s);
	if (rcpts == NULL)
		fatalx("curl_slist_append: out of memory");
	curl_easy_setopt(sp->curl, CURLOPT_MAIL_RCPT, rcpts);
	curl_easy_setopt(sp->curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);

	rc = curl_easy_perform(sp->curl);

	/* libcurl keeps the list pointer: clear it before the list goes. */
	curl_easy_setopt(sp->curl, CURLOPT_MAIL_RCPT, NULL);
	curl_slist_free_all(rcpts);
	sp->data = NULL;

	if (rc == CURLE_OK) {
		log_debug("smtp sent server=%s rcpt=%s bytes=%zu", sp->where,
		    rcpt, len);
		return SMTP_OK;
	}
	/* After a failure libcurl closes the connection; the next reopens. */
	res = smtp_failure(sp, rc, reply);
	log_debug("smtp failed server=%s rcpt=%s curl=%d: %s", sp->where,
	    rcpt, (int)rc, *reply);
	return res;
}

void
smtp_free(struct smtp *sp)
{
	if (sp == NULL)
		return;
	curl_easy_cleanup(sp->curl);	/* sends QUIT if still connected */
	free(sp->host);
	free(sp->where);
	free(sp->user);
	free(sp->ca_file);
	if (sp->ca_fd != -1)
		close(sp->ca_fd);
	free(sp);
}
