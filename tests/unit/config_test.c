/*
 * config_test.c: config_load against files written to a temporary
 * directory: a minimal config and its defaults, one with every key set,
 * mailbot.conf.example, and one table row per error with its exact
 * message. Runs from the repository root.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "config.h"
#include "util.h"

static char	dir[PATH_MAX];		/* the temporary directory */
static char	conf[PATH_MAX + 16];	/* dir/t.conf, written by each test */

/* Lines 1-4, 5-8 and 9-12 of a minimal good config. */
#define MAILBOT								\
	"[mailbot]\n"							\
	"address = bot@example.org\n"					\
	"coordinator = coord@example.org\n"				\
	"database = mailbot.db\n"
#define IMAP_REST							\
	"user = bot\n"							\
	"password_file = imap.pw\n"
#define IMAP								\
	"[imap]\n"							\
	"url = imaps://imap.example.org\n"				\
	IMAP_REST
#define SMTP_REST							\
	"user = bot\n"							\
	"password_file = smtp.pw\n"
#define SMTP								\
	"[smtp]\n"							\
	"url = smtps://smtp.example.org\n"				\
	SMTP_REST
#define MINIMAL		MAILBOT IMAP SMTP

/* In the expected messages, FILE stands for conf and DIR for dir. */
static const struct {
	const char	*what;
	const char	*text;
	const char	*want;
} bad[] = {
	{ "unknown key", MINIMAL "colour = blue\n",
	    "FILE:13: smtp.colour: unknown key" },
	{ "unknown section", MINIMAL "[pop3]\nurl = pop3://x\n",
	    "FILE:13: [pop3]: unknown section" },
	{ "section names are not trimmed", MINIMAL "[ schedule ]\n",
	    "FILE:13: [ schedule ]: unknown section" },
	{ "key before any section", "debug = yes\n" MINIMAL,
	    "FILE:1: debug: not in a [section]" },
	{ "duplicate key", MINIMAL "url = smtps://other.example.org\n",
	    "FILE:13: smtp.url: given twice (first on line 10)" },
	{ "duplicate key in a repeated section",
	    MINIMAL "[mailbot]\naddress = x@example.org\n",
	    "FILE:14: mailbot.address: given twice (first on line 2)" },
	{ "imap url with http",
	    MAILBOT "[imap]\nurl = http://imap.example.org\n" IMAP_REST SMTP,
	    "FILE:6: imap.url: plain-text or unknown scheme; use imaps:// or "
	    "imap:// (STARTTLS)" },
	{ "imap url without a scheme",
	    MAILBOT "[imap]\nurl = imap.example.org\n" IMAP_REST SMTP,
	    "FILE:6: imap.url: not an imaps:// or imap:// URL" },
	{ "smtps url in [imap]",
	    MAILBOT "[imap]\nurl = smtps://imap.example.org\n" IMAP_REST SMTP,
	    "FILE:6: imap.url: plain-text or unknown scheme; use imaps:// or "
	    "imap:// (STARTTLS)" },
	{ "smtp url with http",
	    MAILBOT IMAP "[smtp]\nurl = http://smtp.example.org\n" SMTP_REST,
	    "FILE:10: smtp.url: plain-text or unknown scheme; use smtps:// or "
	    "smtp:// (STARTTLS)" },
	{ "port above 65535",
	    MAILBOT "[imap]\nurl = imaps://imap.example.org:99999\n"
	    IMAP_REST SMTP,
	    "FILE:6: imap.url: bad port \"99999\" (1..65535)" },
	{ "port 0",
	    MAILBOT IMAP "[smtp]\nurl = smtp://smtp.example.org:0\n" SMTP_REST,
	    "FILE:10: smtp.url: bad port \"0\" (1..65535)" },
	{ "empty port",
	    MAILBOT "[imap]\nurl = imaps://imap.example.org:/INBOX\n"
	    IMAP_REST SMTP,
	    "FILE:6: imap.url: bad port \"\" (1..65535)" },
	{ "empty host",
	    MAILBOT "[imap]\nurl = imaps:///INBOX\n" IMAP_REST SMTP,
	    "FILE:6: imap.url: no host" },
	{ "user name in the url",
	    MAILBOT "[imap]\nurl = imaps://bot@imap.example.org\n"
	    IMAP_REST SMTP,
	    "FILE:6: imap.url: \"bot@imap.example.org\": not a host name or "
	    "address" },
	{ "IPv6 address without ]",
	    MAILBOT "[imap]\nurl = imaps://[2001:db8::1/INBOX\n"
	    IMAP_REST SMTP,
	    "FILE:6: imap.url: no ] after the IPv6 address" },
	{ "bad IPv6 address",
	    MAILBOT "[imap]\nurl = imaps://[2001:db8::zz]\n" IMAP_REST SMTP,
	    "FILE:6: imap.url: \"2001:db8::zz\": not an IPv6 address" },
	{ "smtp url with a path",
	    MAILBOT IMAP "[smtp]\nurl = smtps://smtp.example.org/x\n"
	    SMTP_REST,
	    "FILE:10: smtp.url: an smtp URL has no path" },
	{ "empty value",
	    MAILBOT "[imap]\nurl =\n" IMAP_REST SMTP,
	    "FILE:6: imap.url: empty value" },
	{ "value that is only a comment",
	    MINIMAL "[mailbot]\nname = # no name\n",
	    "FILE:14: mailbot.name: empty value" },
	{ "missing required keys, all listed", "[mailbot]\nname = Bot\n",
	    "FILE: mailbot.address: required\n"
	    "FILE: mailbot.coordinator: required\n"
	    "FILE: mailbot.database: required\n"
	    "FILE: imap.url: required\n"
	    "FILE: imap.user: required\n"
	    "FILE: imap.password_file: required\n"
	    "FILE: smtp.url: required\n"
	    "FILE: smtp.user: required\n"
	    "FILE: smtp.password_file: required" },
	{ "bad duration unit", MINIMAL "[schedule]\nhost_prep = 4w\n",
	    "FILE:14: schedule.host_prep: \"4w\": not a duration "
	    "(e.g. 14d, 36h or 90m)" },
	{ "duration without a number", MINIMAL "[schedule]\nsummary = d\n",
	    "FILE:14: schedule.summary: \"d\": not a duration "
	    "(e.g. 14d, 36h or 90m)" },
	{ "duration over a year", MINIMAL "[schedule]\nhost_prep = 400d\n",
	    "FILE:14: schedule.host_prep: \"400d\": longer than 366 days" },
	{ "zero reminder", MINIMAL "[schedule]\nreminders = 14d 0d\n",
	    "FILE:14: schedule.reminders: \"0d\": not more than 0" },
	{ "duplicate reminder", MINIMAL "[schedule]\nreminders = 2d 48h\n",
	    "FILE:14: schedule.reminders: \"48h\": same as an earlier "
	    "reminder" },
	{ "nine reminders",
	    MINIMAL "[schedule]\nreminders = 9d 8d 7d 6d 5d 4d 3d 2d 1d\n",
	    "FILE:14: schedule.reminders: \"1d\": one reminder too many "
	    "(at most 8)" },
	{ "bad digest weekday", MINIMAL "[schedule]\ndigest = mo 08:00\n",
	    "FILE:14: schedule.digest: \"mo\": not a weekday "
	    "(mon..sun or ma..zo)" },
	{ "bad digest time", MINIMAL "[schedule]\ndigest = vr 25:00\n",
	    "FILE:14: schedule.digest: \"25:00\": not a time of day "
	    "(e.g. mon 08:00)" },
	{ "digest without a time", MINIMAL "[schedule]\ndigest = mon\n",
	    "FILE:14: schedule.digest: \"\": not a time of day "
	    "(e.g. mon 08:00)" },
	{ "bad reminder_time", MINIMAL "[schedule]\nreminder_time = 9\n",
	    "FILE:14: schedule.reminder_time: \"9\": not a time of day "
	    "(HH:MM)" },
	{ "unknown time zone",
	    MINIMAL "[mailbot]\ntimezone = Europe/Amstelveen\n",
	    "FILE:14: mailbot.timezone: \"Europe/Amstelveen\": unknown time "
	    "zone (not in /usr/share/zoneinfo)" },
	{ "time zone that is a directory",
	    MINIMAL "[mailbot]\ntimezone = Europe\n",
	    "FILE:14: mailbot.timezone: \"Europe\": unknown time "
	    "zone (not in /usr/share/zoneinfo)" },
	{ "time zone leaving zoneinfo",
	    MINIMAL "[mailbot]\ntimezone = ../../../etc/passwd\n",
	    "FILE:14: mailbot.timezone: \"../../../etc/passwd\": not a time "
	    "zone name (e.g. Europe/Amsterdam)" },
	{ "absolute time zone path",
	    MINIMAL "[mailbot]\ntimezone = /etc/localtime\n",
	    "FILE:14: mailbot.timezone: \"/etc/localtime\": not a time "
	    "zone name (e.g. Europe/Amsterdam)" },
	{ "bad language", MINIMAL "[mailbot]\nlanguage = de\n",
	    "FILE:14: mailbot.language: \"de\": not nl or en" },
	{ "address without @",
	    "[mailbot]\naddress = leernetwerk\n"
	    "coordinator = coord@example.org\ndatabase = x.db\n" IMAP SMTP,
	    "FILE:2: mailbot.address: 'leernetwerk' is not a valid address: "
	    "needs exactly one '@'" },
	{ "address with a display name",
	    "[mailbot]\naddress = bot@example.org\n"
	    "coordinator = Jan <jan@example.org>\ndatabase = x.db\n"
	    IMAP SMTP,
	    "FILE:3: mailbot.coordinator: 'Jan <jan@example.org>' is not a "
	    "valid address: character ' ' is not allowed" },
	{ "address without a dot in the domain",
	    "[mailbot]\naddress = bot@zorgnetwerk\n"
	    "coordinator = coord@example.org\ndatabase = x.db\n" IMAP SMTP,
	    "FILE:2: mailbot.address: 'bot@zorgnetwerk' is not a valid "
	    "address: the domain needs a dot (like example.org)" },
	{ "address with two @",
	    "[mailbot]\naddress = bot@a@example.org\n"
	    "coordinator = coord@example.org\ndatabase = x.db\n" IMAP SMTP,
	    "FILE:2: mailbot.address: 'bot@a@example.org' is not a valid "
	    "address: needs exactly one '@'" },
	{ "coordinator same as address",
	    "[mailbot]\naddress = bot@example.org\n"
	    "coordinator = BOT@Example.org\ndatabase = x.db\n" IMAP SMTP,
	    "FILE:3: mailbot.coordinator: same as mailbot.address "
	    "(the bot needs an address of its own)" },
	{ "bad bool", MINIMAL "[imap]\nidle = misschien\n",
	    "FILE:14: imap.idle: \"misschien\": not yes/no, true/false, "
	    "on/off or 1/0" },
	{ "poll_seconds too small", MINIMAL "[imap]\npoll_seconds = 2\n",
	    "FILE:14: imap.poll_seconds: \"2\": not a number from 5 to 3600" },
	{ "poll_seconds too large", MINIMAL "[imap]\npoll_seconds = 7200\n",
	    "FILE:14: imap.poll_seconds: \"7200\": not a number from 5 to "
	    "3600" },
	{ "poll_seconds not a number", MINIMAL "[imap]\npoll_seconds = 1m\n",
	    "FILE:14: imap.poll_seconds: \"1m\": not a number from 5 to "
	    "3600" },
	{ "syntax error", MINIMAL "this line has no equals sign\n",
	    "FILE:13: syntax error" },
	{ "indented line is no continuation", MINIMAL "    and more\n",
	    "FILE:13: syntax error" },
	{ "key missing before =", MINIMAL "= value\n",
	    "FILE:13: syntax error (no key before =)" },
	{ "section without ]", MINIMAL "[schedule\n",
	    "FILE:13: syntax error (no ] after [)" },
	{ "text after ]", MINIMAL "[schedule] reminders = 1d\n",
	    "FILE:13: syntax error (text after ])" },
	{ "password file mode 0644",
	    MAILBOT "[imap]\nurl = imaps://imap.example.org\nuser = bot\n"
	    "password_file = open.pw\n" SMTP,
	    "FILE:8: imap.password_file: DIR/open.pw is readable by group "
	    "or others (chmod 600 it)" },
	{ "password file mode 0620",
	    MAILBOT IMAP "[smtp]\nurl = smtps://smtp.example.org\n"
	    "user = bot\npassword_file = gw.pw\n",
	    "FILE:12: smtp.password_file: DIR/gw.pw is writable by group "
	    "or others (chmod 600 it)" },
	{ "missing password file",
	    MAILBOT "[imap]\nurl = imaps://imap.example.org\nuser = bot\n"
	    "password_file = missing.pw\n" SMTP,
	    "FILE:8: imap.password_file: DIR/missing.pw: No such file or "
	    "directory" },
	{ "empty password",
	    MAILBOT "[imap]\nurl = imaps://imap.example.org\nuser = bot\n"
	    "password_file = empty.pw\n" SMTP,
	    "FILE:8: imap.password_file: DIR/empty.pw: empty password" },
	{ "password file that is a directory",
	    MAILBOT "[imap]\nurl = imaps://imap.example.org\nuser = bot\n"
	    "password_file = tpl\n" SMTP,
	    "FILE:8: imap.password_file: DIR/tpl: not a regular file" },
	{ "missing ca_file", MINIMAL "ca_file = ca-missing.pem\n",
	    "FILE:13: smtp.ca_file: DIR/ca-missing.pem: No such file or "
	    "directory" },
	{ "templates that is a file",
	    MINIMAL "[mailbot]\ntemplates = imap.pw\n",
	    "FILE:14: mailbot.templates: DIR/imap.pw: not a directory" },
	{ "empty file", "",
	    "FILE: mailbot.address: required\n"
	    "FILE: mailbot.coordinator: required\n"
	    "FILE: mailbot.database: required\n"
	    "FILE: imap.url: required\n"
	    "FILE: imap.user: required\n"
	    "FILE: imap.password_file: required\n"
	    "FILE: smtp.url: required\n"
	    "FILE: smtp.user: required\n"
	    "FILE: smtp.password_file: required" },
	{ "many errors, all reported in line order",
	    "[mailbot]\n"
	    "address = bot@example.org\n"
	    "coordinator = coord\n"
	    "database = mailbot.db\n"
	    "[imap]\n"
	    "url = pop3://imap.example.org\n"
	    "user = bot\n"
	    "password_file = open.pw\n"
	    "idle = maybe\n"
	    "[smtp]\n"
	    "url = smtps://smtp.example.org:0\n"
	    "user = bot\n"
	    "bogus = 1\n"
	    "[schedule]\n"
	    "no equals sign here\n"
	    "digest = someday 08:00\n"
	    "[pop3]\n",
	    "FILE:3: mailbot.coordinator: 'coord' is not a valid address: "
	    "needs exactly one '@'\n"
	    "FILE:6: imap.url: plain-text or unknown scheme; use imaps:// or "
	    "imap:// (STARTTLS)\n"
	    "FILE:8: imap.password_file: DIR/open.pw is readable by group "
	    "or others (chmod 600 it)\n"
	    "FILE:9: imap.idle: \"maybe\": not yes/no, true/false, on/off or "
	    "1/0\n"
	    "FILE:11: smtp.url: bad port \"0\" (1..65535)\n"
	    "FILE:13: smtp.bogus: unknown key\n"
	    "FILE:15: syntax error\n"
	    "FILE:16: schedule.digest: \"someday\": not a weekday "
	    "(mon..sun or ma..zo)\n"
	    "FILE:17: [pop3]: unknown section\n"
	    "FILE: smtp.password_file: required" },
};

/* Writes len bytes to dir/name with exactly the given mode. */
static void
put_bytes(const char *name, mode_t mode, const char *data, size_t len)
{
	char	*path;
	int	 fd;

	xasprintf(&path, "%s/%s", dir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd == -1 || write(fd, data, len) != (ssize_t)len ||
	    fchmod(fd, mode) == -1) {
		perror(path);
		exit(2);
	}
	close(fd);
	free(path);
}

static void
put(const char *name, mode_t mode, const char *text)
{
	put_bytes(name, mode, text, strlen(text));
}

/* Writes text as dir/t.conf and loads it. */
static struct config *
load(const char *text, char **cause)
{
	*cause = NULL;
	put("t.conf", 0644, text);
	return config_load(conf, cause);
}

/* want with FILE and DIR replaced. */
static char *
expand(const char *want)
{
	struct buf	 b;
	const char	*s = want;

	buf_init(&b, 1 << 20);
	while (*s != '\0') {
		if (strncmp(s, "FILE", 4) == 0) {
			buf_addstr(&b, conf);
			s += 4;
		} else if (strncmp(s, "DIR", 3) == 0) {
			buf_addstr(&b, dir);
			s += 3;
		} else
			buf_add(&b, s++, 1);
	}
	return buf_take(&b);
}

static void
setup(void)
{
	char	 tmpl[] = "/tmp/config_test.XXXXXX", *sub;

	if (mkdtemp(tmpl) == NULL || realpath(tmpl, dir) == NULL) {
		perror("mkdtemp");
		exit(2);
	}
	snprintf(conf, sizeof conf, "%s/t.conf", dir);
	put("imap.pw", 0600, "imapsecret\n");
	put("smtp.pw", 0600, "smtp secret\r\nsecond line\n");
	put("open.pw", 0644, "imapsecret\n");
	put("gw.pw", 0620, "imapsecret\n");
	put("empty.pw", 0600, "\n");
	put("ca.pem", 0644, "-----BEGIN CERTIFICATE-----\n");
	xasprintf(&sub, "%s/tpl", dir);
	if (mkdir(sub, 0755) == -1) {
		perror(sub);
		exit(2);
	}
	free(sub);
}

static int
cleanup_one(const char *path, const struct stat *sb, int flag,
    struct FTW *ftw)
{
	return remove(path);
}

static void
test_minimal(void)
{
	struct config	*cf;
	char		*cause, *want;

	cf = load(MINIMAL, &cause);
	CHECK(cf != NULL, "minimal config loads");
	if (cf == NULL) {
		printf("# %s\n", cause);
		free(cause);
		return;
	}
	CHECK_STR(cf->path, conf, "path is the file as given");
	CHECK_STR(cf->address, "bot@example.org", "address");
	CHECK_STR(cf->name, "mailbot", "name defaults to mailbot");
	CHECK_STR(cf->language, "nl", "language defaults to nl");
	CHECK_STR(cf->timezone, "Europe/Amsterdam",
	    "timezone defaults to Europe/Amsterdam");
	CHECK(cf->templates == NULL, "templates defaults to NULL");
	want = expand("DIR/mailbot.db");
	CHECK_STR(cf->database, want,
	    "relative database resolved against the config dir");
	free(want);
	CHECK(cf->imap.tls == CONFIG_TLS_IMPLICIT && cf->imap.port == 993,
	    "imaps:// is implicit TLS on port 993");
	CHECK_STR(cf->imap.host, "imap.example.org", "imap host");
	CHECK_STR(cf->imap.mailbox, "INBOX", "mailbox defaults to INBOX");
	CHECK_STR(cf->imap.password, "imapsecret",
	    "imap password is the first line without newline");
	want = expand("DIR/imap.pw");
	CHECK_STR(cf->imap.password_file, want,
	    "relative password_file resolved against the config dir");
	free(want);
	CHECK(cf->imap.ca_file == NULL, "ca_file defaults to NULL");
	CHECK(cf->idle, "idle defaults to yes");
	CHECK(cf->poll_seconds == 60, "poll_seconds defaults to 60");
	CHECK(cf->smtp.tls == CONFIG_TLS_IMPLICIT && cf->smtp.port == 465,
	    "smtps:// is implicit TLS on port 465");
	CHECK(cf->smtp.mailbox == NULL, "smtp has no mailbox");
	CHECK_STR(cf->smtp.password, "smtp secret",
	    "password with trailing CRLF read correctly");
	CHECK(cf->nreminders == 2 && cf->reminders[0] == 14 * 86400 &&
	    cf->reminders[1] == 2 * 86400, "reminders default to 14d 2d");
	CHECK(cf->host_prep == 28 * 86400, "host_prep defaults to 28d");
	CHECK(cf->summary == 86400, "summary defaults to 1d");
	CHECK(cf->digest_wday == 1 && cf->digest_minute == 8 * 60,
	    "digest defaults to mon 08:00");
	CHECK(cf->reminder_minute == 9 * 60,
	    "reminder_time defaults to 09:00");
	config_free(cf);
}

/* Every key given, none at its default, in the lenient spellings. */
static const char full[] =
    "\xef\xbb\xbf; a byte order mark and a comment\n"
    "[mailbot]\n"
    "  address = Leernetwerk@ZorgNetwerk.Example   ; inline comment\n"
    "\tname = Leernetwerk Zorg   # inline comment\n"
    "coordinator = Coordinator@Zorgnetwerk.Example\n"
    "database = /var/lib/mailbot/mailbot.db\n"
    "templates = tpl\n"
    "language = en\n"
    "timezone = America/Curacao\n"
    "\n"
    "[imap]\n"
    "url = IMAP://[2001:db8::1]:1143/Archief/2024\n"
    "user = leernetwerk\n"
    "password_file = DIR/imap.pw\n"
    "ca_file = ca.pem\n"
    "idle = Off\n"
    "poll_seconds = 300\n"
    "[smtp]\n"
    "url = smtp://192.0.2.25\n"
    "user: leernetwerk\n"
    "password_file = smtp.pw\n"
    "[schedule]\n"
    "reminders = 2d 14d 90m 36h\n"
    "host_prep = 36h\n"
    "summary = 90m\n"
    "digest = VR 16:30\n"
    "reminder_time = 7:45\n";

static void
test_full(void)
{
	struct config	*cf;
	char		*cause, *text, *want;

	text = expand(full);
	cf = load(text, &cause);
	free(text);
	CHECK(cf != NULL, "config with every key set loads");
	if (cf == NULL) {
		printf("# %s\n", cause);
		free(cause);
		return;
	}
	CHECK_STR(cf->address, "leernetwerk@zorgnetwerk.example",
	    "address is lower-cased, indentation and ; comment dropped");
	CHECK_STR(cf->name, "Leernetwerk Zorg", "# comment after a value");
	CHECK_STR(cf->coordinator, "coordinator@zorgnetwerk.example",
	    "coordinator lower-cased");
	CHECK_STR(cf->database, "/var/lib/mailbot/mailbot.db",
	    "absolute database path kept");
	want = expand("DIR/tpl");
	CHECK_STR(cf->templates, want, "relative templates dir resolved");
	free(want);
	CHECK_STR(cf->language, "en", "language en");
	CHECK_STR(cf->timezone, "America/Curacao", "timezone set");
	CHECK_STR(cf->imap.host, "2001:db8::1",
	    "IPv6 host kept without brackets");
	CHECK(cf->imap.port == 1143, "port after an IPv6 host");
	CHECK(cf->imap.tls == CONFIG_TLS_STARTTLS,
	    "IMAP:// (any case) means STARTTLS");
	CHECK_STR(cf->imap.mailbox, "Archief/2024", "mailbox from the path");
	CHECK_STR(cf->imap.url, "IMAP://[2001:db8::1]:1143/Archief/2024",
	    "url kept as written");
	want = expand("DIR/ca.pem");
	CHECK_STR(cf->imap.ca_file, want, "relative ca_file resolved");
	free(want);
	CHECK(!cf->idle, "idle = Off");
	CHECK(cf->poll_seconds == 300, "poll_seconds = 300");
	CHECK(cf->smtp.tls == CONFIG_TLS_STARTTLS && cf->smtp.port == 587,
	    "plain smtp:// is STARTTLS on port 587");
	CHECK_STR(cf->smtp.host, "192.0.2.25", "IPv4 host");
	CHECK_STR(cf->smtp.user, "leernetwerk", "key: value works as =");
	CHECK(cf->nreminders == 4 && cf->reminders[0] == 14 * 86400 &&
	    cf->reminders[1] == 2 * 86400 && cf->reminders[2] == 36 * 3600 &&
	    cf->reminders[3] == 90 * 60, "reminders sorted longest first");
	CHECK(cf->host_prep == 36 * 3600, "host_prep in hours");
	CHECK(cf->summary == 90 * 60, "summary in minutes");
	CHECK(cf->digest_wday == 5 && cf->digest_minute == 16 * 60 + 30,
	    "digest with a Dutch weekday");
	CHECK(cf->reminder_minute == 7 * 60 + 45, "reminder_time H:MM");
	config_free(cf);
}

static void
test_example(void)
{
	struct config	*cf;
	struct buf	 b;
	char		 chunk[4096], *cause = NULL;
	size_t		 n;
	FILE		*f;

	f = fopen("mailbot.conf.example", "r");
	CHECK(f != NULL, "mailbot.conf.example found (run from the root)");
	if (f == NULL)
		return;
	buf_init(&b, 1 << 20);
	for (;;) {
		n = fread(chunk, 1, sizeof chunk, f);
		if (n == 0)
			break;
		buf_add(&b, chunk, n);
	}
	fclose(f);
	put("imap.password", 0600, "imapsecret\n");
	put("smtp.password", 0400, "smtpsecret\n");
	put("t.conf", 0644, b.data);
	buf_free(&b);
	cf = config_load(conf, &cause);
	CHECK(cf != NULL, "mailbot.conf.example loads");
	if (cf == NULL) {
		printf("# %s\n", cause);
		free(cause);
		return;
	}
	CHECK_STR(cf->address, "leernetwerk@zorgnetwerk.example",
	    "example address");
	CHECK(cf->imap.port == 993 && cf->smtp.port == 465 &&
	    cf->nreminders == 2 && cf->idle && cf->digest_minute == 480,
	    "example shows the defaults");
	config_free(cf);
}

static void
test_errors(void)
{
	struct config	*cf;
	char		*cause, *want;
	size_t		 i;

	for (i = 0; i < nitems(bad); i++) {
		cf = load(bad[i].text, &cause);
		want = expand(bad[i].want);
		CHECK(cf == NULL, "refused: %s", bad[i].what);
		CHECK_STR(cause, want, "message: %s", bad[i].what);
		config_free(cf);
		free(cause);
		free(want);
	}
}

/* A config whose line 14 is "name = " padded to len characters. */
static char *
long_line(const char *start, size_t len)
{
	struct buf	 b;

	buf_init(&b, 1 << 20);
	buf_addstr(&b, MINIMAL "[mailbot]\n");
	buf_addstr(&b, start);
	while (b.len < strlen(MINIMAL "[mailbot]\n") + len)
		buf_addstr(&b, "x");
	buf_addstr(&b, "\n");
	return buf_take(&b);
}

static void
test_long_lines(void)
{
	struct config	*cf;
	char		*cause, *text, *want;

	text = long_line("name = ", 199);
	cf = load(text, &cause);
	CHECK(cf != NULL && strlen(cf->name) == 199 - strlen("name = "),
	    "a line of 199 characters fits");
	config_free(cf);
	free(text);

	text = long_line("name = ", 300);
	cf = load(text, &cause);
	want = expand("FILE:14: line too long (more than 199 characters)");
	CHECK(cf == NULL, "a line of 300 characters is refused");
	CHECK_STR(cause, want, "overlong line reported, not split");
	free(cause);
	free(want);
	free(text);

	text = long_line("# ", 300);
	cf = load(text, &cause);
	CHECK(cf != NULL, "a long comment line is fine");
	config_free(cf);
	free(text);
}

static void
test_misc(void)
{
	static const char	 nul[] = MINIMAL "[mailbot]\nname = a\0b\n";
	struct config		*cf;
	char			*cause = NULL, *want, *path;

	put_bytes("t.conf", 0644, nul, sizeof nul - 1);
	cf = config_load(conf, &cause);
	want = expand("FILE:14: NUL byte in the line");
	CHECK(cf == NULL, "a NUL byte is refused");
	CHECK_STR(cause, want, "NUL byte reported with its line");
	free(cause);
	free(want);

	xasprintf(&path, "%s/nope.conf", dir);
	cause = NULL;
	cf = config_load(path, &cause);
	want = expand("DIR/nope.conf: No such file or directory");
	CHECK(cf == NULL, "a missing config file is refused");
	CHECK_STR(cause, want, "missing config file reported");
	free(cause);
	free(want);
	free(path);

	cf = load(MINIMAL "[schedule]\nreminders = none\n", &cause);
	CHECK(cf != NULL && cf->nreminders == 0, "reminders = none");
	config_free(cf);

	config_free(NULL);
	CHECK(1, "config_free(NULL) is fine");
}

/* Makes dir/name a directory (for the credentials directory). */
static char *
subdir(const char *name)
{
	char	*path;

	xasprintf(&path, "%s/%s", dir, name);
	if (mkdir(path, 0700) == -1) {
		perror(path);
		exit(2);
	}
	return path;
}

/* Loads text with $CREDENTIALS_DIRECTORY set to creds (NULL: unset). */
static struct config *
load_creds(const char *creds, const char *text, char **cause)
{
	struct config	*cf;

	if (creds != NULL)
		setenv("CREDENTIALS_DIRECTORY", creds, 1);
	cf = load(text, cause);
	unsetenv("CREDENTIALS_DIRECTORY");
	return cf;
}

static void
test_credentials(void)
{
	struct config	*cf;
	char		*creds, *cause = NULL, *want;

	creds = subdir("creds");
	/* Same names as beside the config, different content. */
	put("creds/imap.pw", 0400, "from-credential\n");
	put("creds/smtp.pw", 0440, "smtp-credential\n");
	put("creds/open.pw", 0444, "x\n");
	put("creds/gw.pw", 0460, "x\n");

	cf = load_creds(creds, MINIMAL, &cause);
	CHECK(cf != NULL, "credentials: a bare name loads from "
	    "$CREDENTIALS_DIRECTORY");
	if (cf != NULL) {
		CHECK_STR(cf->imap.password, "from-credential",
		    "credentials: the password is the credential's, "
		    "not the file beside the config");
		want = expand("DIR/creds/imap.pw");
		CHECK_STR(cf->imap.password_file, want,
		    "credentials: password_file names the credential");
		free(want);
		CHECK_STR(cf->smtp.password, "smtp-credential",
		    "credentials: 0440 (systemd's ACL mask) is accepted there");
	} else {
		printf("# %s\n", cause);
		free(cause);
	}
	config_free(cf);

	cf = load_creds(NULL, MINIMAL, &cause);
	CHECK(cf != NULL && strcmp(cf->imap.password, "imapsecret") == 0,
	    "credentials: without $CREDENTIALS_DIRECTORY the file beside "
	    "the config");
	config_free(cf);

	want = expand(MAILBOT "[imap]\nurl = imaps://h.example\n"
	    "user = bot\npassword_file = DIR/imap.pw\n" SMTP);
	cf = load_creds(creds, want, &cause);
	free(want);
	CHECK(cf != NULL && strcmp(cf->imap.password, "imapsecret") == 0,
	    "credentials: an absolute path is used as it is");
	config_free(cf);

	cf = load_creds(creds, MAILBOT "[imap]\nurl = imaps://h.example\n"
	    "user = bot\npassword_file = ./imap.pw\n" SMTP, &cause);
	CHECK(cf != NULL && strcmp(cf->imap.password, "imapsecret") == 0,
	    "credentials: a relative path with a / is beside the config");
	config_free(cf);

	cf = load_creds(creds, MAILBOT "[imap]\nurl = imaps://h.example\n"
	    "user = bot\npassword_file = missing.pw\n" SMTP, &cause);
	want = expand("FILE:8: imap.password_file: DIR/creds/missing.pw: "
	    "no such credential (LoadCredential=missing.pw:PATH in the "
	    "unit?)");
	CHECK(cf == NULL, "credentials: a missing credential is refused");
	CHECK_STR(cause, want, "credentials: missing credential message");
	free(cause);
	free(want);

	cf = load_creds(creds, MAILBOT "[imap]\nurl = imaps://h.example\n"
	    "user = bot\npassword_file = open.pw\n" SMTP, &cause);
	want = expand("FILE:8: imap.password_file: DIR/creds/open.pw is "
	    "readable by group or others (chmod 600 it)");
	CHECK(cf == NULL, "credentials: a world-readable one is refused");
	CHECK_STR(cause, want, "credentials: world-readable message");
	free(cause);
	free(want);

	cf = load_creds(creds, MAILBOT "[imap]\nurl = imaps://h.example\n"
	    "user = bot\npassword_file = gw.pw\n" SMTP, &cause);
	want = expand("FILE:8: imap.password_file: DIR/creds/gw.pw is "
	    "readable by group or others (chmod 600 it)");
	CHECK(cf == NULL, "credentials: a group-writable one is refused");
	CHECK_STR(cause, want, "credentials: group-writable message");
	free(cause);
	free(want);

	cf = load_creds("relative/creds", MINIMAL, &cause);
	CHECK(cf != NULL && strcmp(cf->imap.password, "imapsecret") == 0,
	    "credentials: a relative $CREDENTIALS_DIRECTORY is ignored");
	config_free(cf);
	free(creds);
}

int
main(void)
{
	/* The tests below set it where they mean to. */
	unsetenv("CREDENTIALS_DIRECTORY");
	setup();
	test_minimal();
	test_full();
	test_example();
	test_errors();
	test_long_lines();
	test_misc();
	test_credentials();
	if (nftw(dir, cleanup_one, 8, FTW_DEPTH | FTW_PHYS) == -1)
		perror(dir);
	return check_done();
}
