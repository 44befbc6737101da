/*
 * config.c: reads mailbot.conf into one struct config. inih splits the
 * lines; one table of keys (config_keys) drives parsing, defaults and the
 * check for required keys. Every error is collected, one per line, as
 * "FILE:LINE: section.key: what is wrong". Does I/O: it reads the config
 * file and the password files, and looks at the other files it names.
 */
#include <sys/stat.h>

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <ini.h>

#include "address.h"
#include "config.h"
#include "log.h"
#include "util.h"

#define CONFIG_MAX_SIZE		(1024 * 1024)	/* of mailbot.conf */
#define CONFIG_MAX_ERRORS	(256 * 1024)	/* bytes of error text */
#define CONFIG_MAX_PASSWORD	1024		/* bytes in a password */
#define CONFIG_MAX_DAYS		366		/* longest duration */
#define CONFIG_POLL_MIN		5
#define CONFIG_POLL_MAX		3600
#define CONFIG_ZONEINFO		"/usr/share/zoneinfo"

struct config_state;

/*
 * One row per key. parse gets the field at offset inside struct config and
 * the trimmed, non-empty value; it fills the field, or puts what is wrong
 * in *why and returns -1. A key that is absent gets dflt, parsed the same
 * way; a required key has no default.
 */
struct config_key {
	const char	*section;
	const char	*key;
	int		(*parse)(struct config_state *, void *, const char *,
			    char **);
	size_t		 offset;
	bool		 required;
	const char	*dflt;
};

static int	config_set_text(struct config_state *, void *, const char *,
		    char **);
static int	config_set_authserv(struct config_state *, void *,
		    const char *, char **);
static int	config_set_address(struct config_state *, void *,
		    const char *, char **);
static int	config_set_path(struct config_state *, void *, const char *,
		    char **);
static int	config_set_directory(struct config_state *, void *,
		    const char *, char **);
static int	config_set_language(struct config_state *, void *,
		    const char *, char **);
static int	config_set_timezone(struct config_state *, void *,
		    const char *, char **);
static int	config_set_imap_url(struct config_state *, void *,
		    const char *, char **);
static int	config_set_smtp_url(struct config_state *, void *,
		    const char *, char **);
static int	config_set_password(struct config_state *, void *,
		    const char *, char **);
static int	config_set_ca_file(struct config_state *, void *,
		    const char *, char **);
static int	config_set_bool(struct config_state *, void *, const char *,
		    char **);
static int	config_set_poll(struct config_state *, void *, const char *,
		    char **);
static int	config_set_duration(struct config_state *, void *,
		    const char *, char **);
static int	config_set_reminders(struct config_state *, void *,
		    const char *, char **);
static int	config_set_digest(struct config_state *, void *,
		    const char *, char **);
static int	config_set_time(struct config_state *, void *, const char *,
		    char **);

#define F(field)	offsetof(struct config, field)

static const struct config_key config_keys[] = {
	{ "mailbot", "address", config_set_address, F(address), true, NULL },
	{ "mailbot", "name", config_set_text, F(name), false, "mailbot" },
	{ "mailbot", "coordinator", config_set_address, F(coordinator), true,
	    NULL },
	{ "mailbot", "database", config_set_path, F(database), true, NULL },
	{ "mailbot", "templates", config_set_directory, F(templates), false,
	    NULL },
	{ "mailbot", "language", config_set_language, F(language), false,
	    "nl" },
	{ "mailbot", "timezone", config_set_timezone, F(timezone), false,
	    "Europe/Amsterdam" },

	{ "imap", "url", config_set_imap_url, F(imap), true, NULL },
	{ "imap", "user", config_set_text, F(imap.user), true, NULL },
	{ "imap", "password_file", config_set_password, F(imap), true, NULL },
	{ "imap", "ca_file", config_set_ca_file, F(imap.ca_file), false,
	    NULL },
	{ "imap", "idle", config_set_bool, F(idle), false, "yes" },
	{ "imap", "move_to", config_set_text, F(imap_move_to), false, NULL },
	{ "imap", "authserv_id", config_set_authserv, F(authserv_id), false,
	    NULL },
	{ "imap", "poll_seconds", config_set_poll, F(poll_seconds), false,
	    "60" },

	{ "smtp", "url", config_set_smtp_url, F(smtp), true, NULL },
	{ "smtp", "user", config_set_text, F(smtp.user), true, NULL },
	{ "smtp", "password_file", config_set_password, F(smtp), true, NULL },
	{ "smtp", "ca_file", config_set_ca_file, F(smtp.ca_file), false,
	    NULL },

	{ "schedule", "reminders", config_set_reminders, F(reminders), false,
	    "14d 2d" },
	{ "schedule", "host_prep", config_set_duration, F(host_prep), false,
	    "28d" },
	{ "schedule", "summary", config_set_duration, F(summary), false,
	    "1d" },
	{ "schedule", "digest", config_set_digest, F(digest_wday), false,
	    "mon 08:00" },
	{ "schedule", "reminder_time", config_set_time, F(reminder_minute),
	    false, "09:00" },
	{ "schedule", "route", config_set_text, F(route), false, NULL },
};

#undef F

/* What config_load knows while it reads one file. */
struct config_state {
	struct config	*cf;
	const char	*path;		/* as given, for messages */
	char		*dir;		/* absolute directory of the file */

	const char	*data;		/* the whole file */
	size_t		 len;
	size_t		 off;		/* where the next line starts */
	int		 line;		/* number of the line inih is on */
	bool		 pending;	/* that line is key = value ... */
	bool		 handled;	/* ... and inih passed it to us */

	int		 seen[nitems(config_keys)]; /* line of each; 0: absent */
	struct buf	 errors;
	int		 nerrors;
};

static void	config_error(struct config_state *, int, const char *, ...)
		    __attribute__((format(printf, 3, 4)));

/* Adds one line to the errors; line 0 leaves the line number out. */
static void
config_error(struct config_state *st, int line, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;
	int	 n;

	va_start(ap, fmt);
	n = vasprintf(&msg, fmt, ap);
	va_end(ap);
	if (n < 0)
		fatalx("out of memory formatting a string");
	if (st->nerrors++ > 0)
		buf_addstr(&st->errors, "\n");
	if (line > 0)
		buf_printf(&st->errors, "%s:%d: %s", st->path, line, msg);
	else
		buf_printf(&st->errors, "%s: %s", st->path, msg);
	free(msg);
}

static int
config_key_find(const char *section, const char *key)
{
	size_t	 i;

	for (i = 0; i < nitems(config_keys); i++) {
		if (strcmp(config_keys[i].section, section) == 0 &&
		    strcmp(config_keys[i].key, key) == 0)
			return (int)i;
	}
	return -1;
}

static bool
config_section_known(const char *section)
{
	size_t	 i;

	for (i = 0; i < nitems(config_keys); i++) {
		if (strcmp(config_keys[i].section, section) == 0)
			return true;
	}
	return false;
}

static bool
config_has_control(const char *s)
{
	for (; *s != '\0'; s++) {
		if (iscntrl((unsigned char)*s))
			return true;
	}
	return false;
}

/* A path from the file: relative ones are relative to the file's dir. */
static char *
config_resolve(struct config_state *st, const char *value)
{
	char	*path;

	if (value[0] == '/')
		return xstrdup(value);
	xasprintf(&path, "%s/%s", strcmp(st->dir, "/") == 0 ? "" : st->dir,
	    value);
	return path;
}

/* ---- value parsers: one per kind of value, named in config_keys ---- */

static int
config_set_text(struct config_state *st, void *field, const char *value,
    char **why)
{
	if (config_has_control(value)) {
		xasprintf(why, "contains a control character");
		return -1;
	}
	*(char **)field = xstrdup(value);
	return 0;
}

/* An authserv-id (RFC 8601 section 2.5): a host name, as the MTA writes it. */
static int
config_set_authserv(struct config_state *st, void *field, const char *value,
    char **why)
{
	const char	*p;

	if (*value == '\0' || strlen(value) > 253) {
		xasprintf(why, "not a host name");
		return -1;
	}
	for (p = value; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) && strchr(".-_", *p) == NULL) {
			xasprintf(why, "not a host name (only letters, digits, "
			    "'.', '-' and '_')");
			return -1;
		}
	*(char **)field = xstrdup(value);
	return 0;
}

static int
config_set_address(struct config_state *st, void *field, const char *value,
    char **why)
{
	char	*cause = NULL;

	/* The same rule as for members' addresses (address.c). */
	if ((*(char **)field = address_normalize(value, &cause)) == NULL) {
		xasprintf(why, "%s", cause);
		free(cause);
		return -1;
	}
	return 0;
}

static int
config_set_path(struct config_state *st, void *field, const char *value,
    char **why)
{
	if (config_has_control(value)) {
		xasprintf(why, "contains a control character");
		return -1;
	}
	*(char **)field = config_resolve(st, value);
	return 0;
}

static int
config_set_directory(struct config_state *st, void *field,
    const char *value, char **why)
{
	struct stat	 sb;
	char		*path;

	path = config_resolve(st, value);
	if (stat(path, &sb) == -1)
		xasprintf(why, "%s: %s", path, strerror(errno));
	else if (!S_ISDIR(sb.st_mode))
		xasprintf(why, "%s: not a directory", path);
	else {
		*(char **)field = path;
		return 0;
	}
	free(path);
	return -1;
}

static int
config_set_language(struct config_state *st, void *field, const char *value,
    char **why)
{
	if (strcmp(value, "nl") != 0 && strcmp(value, "en") != 0) {
		xasprintf(why, "\"%s\": not nl or en", value);
		return -1;
	}
	*(char **)field = xstrdup(value);
	return 0;
}

/*
 * A zone is good when its file under /usr/share/zoneinfo starts with the
 * TZif magic (RFC 8536 section 3.1). Names that could leave that directory
 * are refused before we look.
 */
static int
config_set_timezone(struct config_state *st, void *field, const char *value,
    char **why)
{
	char	*file, magic[4];
	ssize_t	 n = -1;
	int	 fd;

	if (value[0] == '/' || strstr(value, "..") != NULL ||
	    strchr(value, ' ') != NULL || config_has_control(value)) {
		xasprintf(why, "\"%s\": not a time zone name "
		    "(e.g. Europe/Amsterdam)", value);
		return -1;
	}
	xasprintf(&file, "%s/%s", CONFIG_ZONEINFO, value);
	fd = open(file, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd != -1) {
		n = read(fd, magic, sizeof magic);
		close(fd);
	}
	free(file);
	if (n != (ssize_t)sizeof magic || memcmp(magic, "TZif", 4) != 0) {
		xasprintf(why, "\"%s\": unknown time zone (not in %s)", value,
		    CONFIG_ZONEINFO);
		return -1;
	}
	*(char **)field = xstrdup(value);
	return 0;
}

/* ---- URLs ---- */

struct config_scheme {
	const char	*name;
	const char	*service;	/* the [section] it belongs in */
	enum config_tls	 tls;
	int		 port;
};

static const struct config_scheme config_schemes[] = {
	{ "imaps", "imap", CONFIG_TLS_IMPLICIT, 993 },
	{ "imap", "imap", CONFIG_TLS_STARTTLS, 143 },
	{ "smtps", "smtp", CONFIG_TLS_IMPLICIT, 465 },
	{ "smtp", "smtp", CONFIG_TLS_STARTTLS, 587 },
};

/* Schemes are case-insensitive (RFC 3986 section 3.1). */
static const struct config_scheme *
config_scheme_find(const char *s, size_t len, const char *service)
{
	const struct config_scheme	*sc;
	size_t				 i;

	for (i = 0; i < nitems(config_schemes); i++) {
		sc = &config_schemes[i];
		if (strcmp(sc->service, service) == 0 &&
		    strlen(sc->name) == len &&
		    strncasecmp(sc->name, s, len) == 0)
			return sc;
	}
	return NULL;
}

static bool
config_hostname_ok(const char *h)
{
	for (; *h != '\0'; h++) {
		if (!isalnum((unsigned char)*h) && strchr("-._", *h) == NULL)
			return false;
	}
	return true;
}

/* Parses an optional port ("" means absent: *port_out is left alone). */
static int
config_port(const char *s, int *port_out, char **why)
{
	long long	 v;

	if (s == NULL)
		return 0;
	if (!isdigit((unsigned char)s[0]) || str_to_int(s, 1, 65535, &v) == -1) {
		xasprintf(why, "bad port \"%s\" (1..65535)", s);
		return -1;
	}
	*port_out = (int)v;
	return 0;
}

/*
 * Splits "host[:port]" or "[v6]:port" (RFC 3986 section 3.2.2). The host is
 * kept as written, without the brackets.
 */
static int
config_authority(const char *s, size_t len, char **host_out, int *port_out,
    char **why)
{
	struct in6_addr	 in6;
	char		*a, *host, *port = NULL, *end;

	a = xstrndup(s, len);
	host = a;
	if (a[0] == '[') {
		host = a + 1;
		end = strchr(host, ']');
		if (end == NULL) {
			xasprintf(why, "no ] after the IPv6 address");
			goto fail;
		}
		*end = '\0';
		if (end[1] == ':')
			port = end + 2;
		else if (end[1] != '\0') {
			xasprintf(why, "text after the ] of the IPv6 address");
			goto fail;
		}
		if (inet_pton(AF_INET6, host, &in6) != 1) {
			xasprintf(why, "\"%s\": not an IPv6 address", host);
			goto fail;
		}
	} else if ((end = strchr(a, ':')) != NULL) {
		*end = '\0';
		port = end + 1;
	}
	if (*host == '\0') {
		xasprintf(why, "no host");
		goto fail;
	}
	if (a[0] != '[' && !config_hostname_ok(host)) {
		xasprintf(why, "\"%s\": not a host name or address", host);
		goto fail;
	}
	if (config_port(port, port_out, why) == -1)
		goto fail;
	*host_out = xstrdup(host);
	free(a);
	return 0;
fail:
	free(a);
	return -1;
}

/* Fills srv from "scheme://host[:port][/path]" for service imap or smtp. */
static int
config_set_url(struct config_server *srv, const char *value,
    const char *service, char **why)
{
	const struct config_scheme	*sc;
	const char			*rest, *path;
	char				*host = NULL;
	int				 port;

	rest = strstr(value, "://");
	if (rest == NULL) {
		xasprintf(why, "not an %ss:// or %s:// URL", service, service);
		return -1;
	}
	sc = config_scheme_find(value, (size_t)(rest - value), service);
	if (sc == NULL) {
		xasprintf(why, "plain-text or unknown scheme; use %ss:// or "
		    "%s:// (STARTTLS)", service, service);
		return -1;
	}
	rest += 3;
	path = rest + strcspn(rest, "/");
	port = sc->port;
	if (config_authority(rest, (size_t)(path - rest), &host, &port,
	    why) == -1)
		return -1;
	if (*path == '/')
		path++;
	if (strcmp(service, "smtp") == 0 && *path != '\0') {
		xasprintf(why, "an smtp URL has no path");
		free(host);
		return -1;
	}
	srv->url = xstrdup(value);
	srv->tls = sc->tls;
	srv->host = host;
	srv->port = port;
	if (strcmp(service, "imap") == 0)
		srv->mailbox = xstrdup(*path != '\0' ? path : "INBOX");
	return 0;
}

static int
config_set_imap_url(struct config_state *st, void *field, const char *value,
    char **why)
{
	if (config_has_control(value)) {
		xasprintf(why, "contains a control character");
		return -1;
	}
	return config_set_url(field, value, "imap", why);
}

static int
config_set_smtp_url(struct config_state *st, void *field, const char *value,
    char **why)
{
	if (config_has_control(value)) {
		xasprintf(why, "contains a control character");
		return -1;
	}
	return config_set_url(field, value, "smtp", why);
}

/* ---- files with secrets ---- */

static ssize_t
config_read_fd(int fd, char *p, size_t size)
{
	size_t	 got = 0;
	ssize_t	 n;

	while (got < size) {
		n = read(fd, p + got, size - got);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return -1;
		if (n == 0)
			break;
		got += (size_t)n;
	}
	return (ssize_t)got;
}

/*
 * Checks the open password file and copies its first line, without CR LF,
 * into srv->password. The password never appears in *why.
 */
static int
config_read_password(struct config_server *srv, int fd, const char *path,
    char **why)
{
	char		 pw[CONFIG_MAX_PASSWORD + 1];
	const char	*nl;
	ssize_t		 n;
	size_t		 len;
	int		 rc = -1;

	n = config_read_fd(fd, pw, sizeof pw);
	if (n == -1) {
		xasprintf(why, "%s: %s", path, strerror(errno));
		goto out;
	}
	nl = memchr(pw, '\n', (size_t)n);
	len = nl != NULL ? (size_t)(nl - pw) : (size_t)n;
	if (len > CONFIG_MAX_PASSWORD) {
		xasprintf(why, "%s: first line longer than %d bytes", path,
		    CONFIG_MAX_PASSWORD);
		goto out;
	}
	if (len > 0 && pw[len - 1] == '\r')
		len--;
	if (memchr(pw, '\0', len) != NULL)
		xasprintf(why, "%s: NUL byte in the password", path);
	else if (len == 0)
		xasprintf(why, "%s: empty password", path);
	else {
		srv->password = xstrndup(pw, len);
		rc = 0;
	}
out:
	explicit_bzero(pw, sizeof pw);
	return rc;
}

static const char *
config_mode_word(mode_t mode)
{
	if ((mode & 044) != 0)
		return "readable";
	if ((mode & 022) != 0)
		return "writable";
	return "accessible";
}

/*
 * Where a password file is. Under systemd ($CREDENTIALS_DIRECTORY set, see
 * systemd.exec(5) "Credentials"), a bare name (no "/") is a credential the
 * unit loaded with LoadCredential=NAME:PATH; otherwise the name is a path,
 * relative to the config file's directory. Sets *is_cred_out.
 */
static char *
config_password_path(struct config_state *st, const char *value,
    bool *is_cred_out)
{
	const char	*creds = getenv("CREDENTIALS_DIRECTORY");
	char		*path;

	*is_cred_out = false;
	if (creds == NULL || creds[0] != '/' || strchr(value, '/') != NULL ||
	    strcmp(value, ".") == 0 || strcmp(value, "..") == 0)
		return config_resolve(st, value);
	*is_cred_out = true;
	xasprintf(&path, "%s/%s", creds, value);
	return path;
}

/*
 * A password file must be ours alone. systemd writes a credential 0400 and
 * grants the service's user read access with an ACL, which shows in the
 * mode as a group read bit (the ACL mask): allowed there, nowhere else.
 */
static bool
config_password_mode_ok(mode_t mode, bool is_cred)
{
	return (mode & (is_cred ? 027 : 077)) == 0;
}

static int
config_set_password(struct config_state *st, void *field, const char *value,
    char **why)
{
	struct config_server	*srv = field;
	struct stat		 sb;
	char			*path;
	bool			 is_cred;
	int			 fd, rc = -1;

	path = config_password_path(st, value, &is_cred);
	/* O_NONBLOCK: a FIFO must not hang us; we refuse it below. */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd == -1 && is_cred && errno == ENOENT) {
		xasprintf(why, "%s: no such credential "
		    "(LoadCredential=%s:PATH in the unit?)", path, value);
		goto out;
	}
	if (fd == -1) {
		xasprintf(why, "%s: %s", path, strerror(errno));
		goto out;
	}
	if (fstat(fd, &sb) == -1)
		xasprintf(why, "%s: %s", path, strerror(errno));
	else if (!S_ISREG(sb.st_mode))
		xasprintf(why, "%s: not a regular file", path);
	else if (!config_password_mode_ok(sb.st_mode, is_cred))
		xasprintf(why, "%s is %s by group or others (chmod 600 it)",
		    path, config_mode_word(sb.st_mode));
	else if (config_read_password(srv, fd, path, why) == 0) {
		srv->password_file = path;
		path = NULL;
		rc = 0;
	}
out:
	if (fd != -1)
		close(fd);
	free(path);
	return rc;
}

static int
config_set_ca_file(struct config_state *st, void *field, const char *value,
    char **why)
{
	struct stat	 sb;
	char		*path;
	int		 fd, rc = -1;

	path = config_resolve(st, value);
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd == -1)
		xasprintf(why, "%s: %s", path, strerror(errno));
	else if (fstat(fd, &sb) == -1)
		xasprintf(why, "%s: %s", path, strerror(errno));
	else if (!S_ISREG(sb.st_mode))
		xasprintf(why, "%s: not a regular file", path);
	else {
		*(char **)field = path;
		path = NULL;
		rc = 0;
	}
	if (fd != -1)
		close(fd);
	free(path);
	return rc;
}

/* ---- numbers, durations and times ---- */

static int
config_set_bool(struct config_state *st, void *field, const char *value,
    char **why)
{
	static const struct {
		const char	*word;
		bool		 value;
	} words[] = {
		{ "yes", true }, { "true", true }, { "on", true }, { "1", true },
		{ "no", false }, { "false", false }, { "off", false },
		{ "0", false },
	};
	size_t	 i;

	for (i = 0; i < nitems(words); i++) {
		if (strcasecmp(value, words[i].word) == 0) {
			*(bool *)field = words[i].value;
			return 0;
		}
	}
	xasprintf(why, "\"%s\": not yes/no, true/false, on/off or 1/0", value);
	return -1;
}

static int
config_set_poll(struct config_state *st, void *field, const char *value,
    char **why)
{
	long long	 v;

	if (!isdigit((unsigned char)value[0]) ||
	    str_to_int(value, CONFIG_POLL_MIN, CONFIG_POLL_MAX, &v) == -1) {
		xasprintf(why, "\"%s\": not a number from %d to %d", value,
		    CONFIG_POLL_MIN, CONFIG_POLL_MAX);
		return -1;
	}
	*(int *)field = (int)v;
	return 0;
}

/*
 * Parses one duration, the len bytes at s: digits then d, h or m. Returns
 * why it is not one, or NULL with the seconds in *secs_out.
 */
static const char *
config_duration(const char *s, size_t len, long *secs_out)
{
	long long	 n = 0, unit;
	size_t		 i;

	if (len < 2 || len > 10)
		return "not a duration (e.g. 14d, 36h or 90m)";
	switch (s[len - 1]) {
	case 'd':
		unit = 86400;
		break;
	case 'h':
		unit = 3600;
		break;
	case 'm':
		unit = 60;
		break;
	default:
		return "not a duration (e.g. 14d, 36h or 90m)";
	}
	for (i = 0; i < len - 1; i++) {
		if (!isdigit((unsigned char)s[i]))
			return "not a duration (e.g. 14d, 36h or 90m)";
		n = n * 10 + (s[i] - '0');
	}
	if (n == 0)
		return "not more than 0";
	if (n * unit > CONFIG_MAX_DAYS * 86400LL)
		return "longer than 366 days";
	*secs_out = (long)(n * unit);
	return NULL;
}

static int
config_set_duration(struct config_state *st, void *field, const char *value,
    char **why)
{
	const char	*problem;

	problem = config_duration(value, strlen(value), field);
	if (problem != NULL) {
		xasprintf(why, "\"%s\": %s", value, problem);
		return -1;
	}
	return 0;
}

static int
config_cmp_desc(const void *a, const void *b)
{
	long	 x = *(const long *)a, y = *(const long *)b;

	return x < y ? 1 : x > y ? -1 : 0;
}

/* "14d 2d": up to CONFIG_MAX_REMINDERS, stored longest first; or "none". */
static int
config_set_reminders(struct config_state *st, void *field, const char *value,
    char **why)
{
	long		 r[CONFIG_MAX_REMINDERS], secs;
	const char	*s = value, *problem;
	size_t		 len;
	int		 n = 0, i;

	if (strcmp(value, "none") == 0) {
		st->cf->nreminders = 0;
		return 0;
	}
	for (; *s != '\0'; s += strspn(s, " \t")) {
		len = strcspn(s, " \t");
		problem = config_duration(s, len, &secs);
		for (i = 0; problem == NULL && i < n; i++) {
			if (r[i] == secs)
				problem = "same as an earlier reminder";
		}
		if (problem == NULL && n == CONFIG_MAX_REMINDERS)
			problem = "one reminder too many (at most 8)";
		if (problem != NULL) {
			xasprintf(why, "\"%.*s\": %s", (int)len, s, problem);
			return -1;
		}
		r[n++] = secs;
		s += len;
	}
	qsort(r, (size_t)n, sizeof r[0], config_cmp_desc);
	memcpy(field, r, (size_t)n * sizeof r[0]);
	st->cf->nreminders = n;
	return 0;
}

/* "H:MM" or "HH:MM" into minutes after midnight. */
static int
config_time_of_day(const char *s, int *minute_out)
{
	size_t	 n = strlen(s), i;
	int	 h = 0, m;

	if (n != 4 && n != 5)
		return -1;
	for (i = 0; i < n; i++) {
		if (i == n - 3 ? s[i] != ':' : !isdigit((unsigned char)s[i]))
			return -1;
	}
	for (i = 0; i < n - 3; i++)
		h = h * 10 + (s[i] - '0');
	m = (s[n - 2] - '0') * 10 + (s[n - 1] - '0');
	if (h > 23 || m > 59)
		return -1;
	*minute_out = h * 60 + m;
	return 0;
}

static int
config_set_time(struct config_state *st, void *field, const char *value,
    char **why)
{
	if (config_time_of_day(value, field) == -1) {
		xasprintf(why, "\"%s\": not a time of day (HH:MM)", value);
		return -1;
	}
	return 0;
}

/* Day numbers as struct tm's tm_wday: 0 is Sunday. */
static int
config_weekday(const char *s, size_t len)
{
	static const char	*names[7][2] = {
		{ "sun", "zo" }, { "mon", "ma" }, { "tue", "di" },
		{ "wed", "wo" }, { "thu", "do" }, { "fri", "vr" },
		{ "sat", "za" },
	};
	int			 d, lang;

	for (d = 0; d < 7; d++) {
		for (lang = 0; lang < 2; lang++) {
			if (strlen(names[d][lang]) == len &&
			    strncasecmp(names[d][lang], s, len) == 0)
				return d;
		}
	}
	return -1;
}

/* "mon 08:00": field is digest_wday; digest_minute goes beside it. */
static int
config_set_digest(struct config_state *st, void *field, const char *value,
    char **why)
{
	const char	*time;
	size_t		 len;
	int		 wday, minute;

	len = strcspn(value, " \t");
	time = value + len + strspn(value + len, " \t");
	wday = config_weekday(value, len);
	if (wday == -1) {
		xasprintf(why, "\"%.*s\": not a weekday (mon..sun or ma..zo)",
		    (int)len, value);
		return -1;
	}
	if (config_time_of_day(time, &minute) == -1) {
		xasprintf(why, "\"%s\": not a time of day (e.g. mon 08:00)",
		    time);
		return -1;
	}
	*(int *)field = wday;
	st->cf->digest_minute = minute;
	return 0;
}

/* ---- reading the file ---- */

/* Parses the value of key i, given on the current line. */
static void
config_set_key(struct config_state *st, int i, const char *value)
{
	const struct config_key	*k = &config_keys[i];
	char			*why = NULL;

	if (st->seen[i] != 0) {
		config_error(st, st->line, "%s.%s: given twice (first on line "
		    "%d)", k->section, k->key, st->seen[i]);
		return;
	}
	st->seen[i] = st->line;
	if (*value == '\0')
		xasprintf(&why, "empty value");
	else
		k->parse(st, (char *)st->cf + k->offset, value, &why);
	if (why != NULL) {
		config_error(st, st->line, "%s.%s: %s", k->section, k->key,
		    why);
		free(why);
	}
}

/*
 * Called by inih for every key = value line (see config_reader). Errors
 * are collected, never returned: 0 would make inih call it a syntax error.
 */
static int
config_handler(void *arg, const char *section, const char *key,
    const char *value)
{
	struct config_state	*st = arg;
	int			 i;

	st->handled = true;
	if (*key == '\0') {
		config_error(st, st->line, "syntax error (no key before =)");
		return 1;
	}
	if (*section == '\0') {
		config_error(st, st->line, "%s: not in a [section]", key);
		return 1;
	}
	if (!config_section_known(section))
		return 1;	/* reported once, at its [section] line */
	i = config_key_find(section, key);
	if (i == -1)
		config_error(st, st->line, "%s.%s: unknown key", section, key);
	else
		config_set_key(st, i, value);
	return 1;
}

/* A key = value line that inih did not pass to the handler was bad. */
static void
config_settle(struct config_state *st)
{
	if (st->pending && !st->handled)
		config_error(st, st->line, "syntax error");
	st->pending = false;
}

/* Checks a "[section]" line; inih itself remembers the section. */
static void
config_section_line(struct config_state *st, const char *s)
{
	const char	*end, *rest;
	char		*name;

	end = strchr(s, ']');
	if (end == NULL) {
		config_error(st, st->line, "syntax error (no ] after [)");
		return;
	}
	rest = end + 1 + strspn(end + 1, " \t");
	if (*rest != '\0' && *rest != ';') {
		config_error(st, st->line, "syntax error (text after ])");
		return;
	}
	name = xstrndup(s + 1, (size_t)(end - s - 1));
	if (!config_section_known(name))
		config_error(st, st->line, "[%s]: unknown section", name);
	free(name);
}

/* Cuts a "#" comment that follows white space, as inih does for ";". */
static void
config_line(struct config_state *st, char *s)
{
	size_t	 i;

	for (i = 1; s[i] != '\0'; i++) {
		if (s[i] == '#' && (s[i - 1] == ' ' || s[i - 1] == '\t')) {
			s[i] = '\0';
			break;
		}
	}
	str_trim(s);
	if (*s == '[')
		config_section_line(st, s);
	else {
		st->pending = true;
		st->handled = false;
	}
}

/* Takes the next line out of data, without the BOM and outer spaces. */
static const char *
config_next_line(struct config_state *st, size_t *len_out)
{
	const char	*s = st->data + st->off, *nl;
	size_t		 len;

	nl = memchr(s, '\n', st->len - st->off);
	len = nl != NULL ? (size_t)(nl - s) : st->len - st->off;
	st->off += len + (nl != NULL ? 1 : 0);
	st->line++;
	if (st->line == 1 && len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
		s += 3;
		len -= 3;
	}
	while (len > 0 && isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	*len_out = len;
	return s;
}

/*
 * The ini_reader: hands inih one line at a time from the file in memory,
 * so the handler knows the line number (Debian builds inih without
 * INI_HANDLER_LINENO, and one reader call is one inih line). Leading white
 * space goes, which keeps inih from joining indented lines to the key
 * before. A line that does not fit inih's buffer (num) is reported and
 * passed on empty, where inih would silently split it; comment lines may
 * be of any length.
 */
static char *
config_reader(char *str, int num, void *arg)
{
	struct config_state	*st = arg;
	const char		*s;
	size_t			 len;

	config_settle(st);
	if (st->off >= st->len)
		return NULL;
	s = config_next_line(st, &len);
	str[0] = '\0';
	if (len == 0 || *s == ';' || *s == '#')
		return str;
	if (memchr(s, '\0', len) != NULL)
		config_error(st, st->line, "NUL byte in the line");
	else if (len >= (size_t)num)
		config_error(st, st->line, "line too long (more than %d "
		    "characters)", num - 1);
	else {
		memcpy(str, s, len);
		str[len] = '\0';
		config_line(st, str);
	}
	return str;
}

static int
config_read_file(const char *path, struct buf *b, char **cause)
{
	char	 chunk[8192];
	ssize_t	 n;
	int	 fd, rc = -1;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd == -1) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return -1;
	}
	buf_init(b, CONFIG_MAX_SIZE);
	for (;;) {
		n = config_read_fd(fd, chunk, sizeof chunk);
		if (n <= 0)
			break;
		if (buf_add(b, chunk, (size_t)n) == -1) {
			xasprintf(cause, "%s: larger than %d bytes", path,
			    CONFIG_MAX_SIZE);
			goto out;
		}
	}
	if (n == -1)
		xasprintf(cause, "%s: %s", path, strerror(errno));
	else
		rc = 0;
out:
	close(fd);
	if (rc == -1)
		buf_free(b);
	return rc;
}

/* The absolute directory of path, for relative paths inside it. */
static char *
config_base_dir(const char *path, char **cause)
{
	const char	*slash = strrchr(path, '/');
	char		*dir, *abs;

	if (slash == NULL)
		dir = xstrdup(".");
	else if (slash == path)
		dir = xstrdup("/");
	else
		dir = xstrndup(path, (size_t)(slash - path));
	abs = realpath(dir, NULL);
	if (abs == NULL)
		xasprintf(cause, "%s: %s", dir, strerror(errno));
	free(dir);
	return abs;
}

static void
config_parse_lines(struct config_state *st)
{
	int	 rc;

	rc = ini_parse_stream(config_reader, st, config_handler, st);
	config_settle(st);
	/* inih returns its first bad line; we should have caught it. */
	if (rc > 0 && st->nerrors == 0)
		config_error(st, rc, "syntax error");
	else if (rc < 0)
		config_error(st, 0, "inih failed (%d)", rc);
}

/* Absent keys: required ones are errors, the others get their default. */
static void
config_finish(struct config_state *st)
{
	const struct config_key	*k;
	char			*why = NULL;
	size_t			 i;

	for (i = 0; i < nitems(config_keys); i++) {
		k = &config_keys[i];
		if (st->seen[i] != 0)
			continue;
		if (k->required)
			config_error(st, 0, "%s.%s: required", k->section,
			    k->key);
		else if (k->dflt != NULL &&
		    k->parse(st, (char *)st->cf + k->offset, k->dflt,
		    &why) == -1) {
			config_error(st, 0, "%s.%s: default %s", k->section,
			    k->key, why);
			free(why);
			why = NULL;
		}
	}
}

/* Checks between keys, once each key is known good (or absent). */
static void
config_check(struct config_state *st)
{
	const struct config	*cf = st->cf;

	if (cf->address != NULL && cf->coordinator != NULL &&
	    strcmp(cf->address, cf->coordinator) == 0)
		config_error(st, st->seen[config_key_find("mailbot",
		    "coordinator")], "mailbot.coordinator: same as "
		    "mailbot.address (the bot needs an address of its own)");
}

struct config *
config_load(const char *path, char **cause)
{
	struct config_state	 st;
	struct buf		 data;

	if (config_read_file(path, &data, cause) == -1)
		return NULL;
	memset(&st, 0, sizeof st);
	st.dir = config_base_dir(path, cause);
	if (st.dir == NULL) {
		buf_free(&data);
		return NULL;
	}
	st.path = path;
	st.data = data.data;
	st.len = data.len;
	st.cf = xcalloc(1, sizeof *st.cf);
	st.cf->path = xstrdup(path);
	buf_init(&st.errors, CONFIG_MAX_ERRORS);

	config_parse_lines(&st);
	config_finish(&st);
	config_check(&st);

	buf_free(&data);
	free(st.dir);
	if (st.nerrors > 0) {
		*cause = buf_take(&st.errors);
		config_free(st.cf);
		return NULL;
	}
	buf_free(&st.errors);
	return st.cf;
}

static void
config_server_free(struct config_server *srv)
{
	free(srv->url);
	free(srv->host);
	free(srv->mailbox);
	free(srv->user);
	free(srv->password_file);
	if (srv->password != NULL) {
		explicit_bzero(srv->password, strlen(srv->password));
		free(srv->password);
	}
	free(srv->ca_file);
	memset(srv, 0, sizeof *srv);
}

void
config_free(struct config *cf)
{
	if (cf == NULL)
		return;
	free(cf->path);
	free(cf->address);
	free(cf->name);
	free(cf->imap_move_to);
	free(cf->authserv_id);
	free(cf->route);
	free(cf->coordinator);
	free(cf->database);
	free(cf->templates);
	free(cf->language);
	free(cf->timezone);
	config_server_free(&cf->imap);
	config_server_free(&cf->smtp);
	free(cf);
}
