/*
 * config.h: mailbot.conf, read once into one struct config that the rest of
 * the program sees as const. See mailbot.conf(5) and mailbot.conf.example.
 */
#ifndef MAILBOT_CONFIG_H
#define MAILBOT_CONFIG_H

#include <stdbool.h>

enum config_tls {
	CONFIG_TLS_IMPLICIT,	/* imaps://, smtps:// */
	CONFIG_TLS_STARTTLS	/* imap://, smtp:// (STARTTLS is required) */
};

/* One mail server: [imap] or [smtp]. */
struct config_server {
	char		*url;		/* as written in the file */
	enum config_tls	 tls;
	char		*host;		/* exactly as written: name or address */
	int		 port;		/* default from the scheme when absent */
	char		*mailbox;	/* IMAP only: the path, default "INBOX" */
	char		*user;
	char		*password_file;
	char		*password;	/* first line of password_file */
	char		*ca_file;	/* NULL: the system trust store only */
};

#define CONFIG_MAX_REMINDERS	8

struct config {
	char		*path;		/* the file it was read from */

	/* [mailbot] */
	char		*address;	/* the bot's own address */
	char		*name;		/* display name; default "mailbot" */
	char		*coordinator;	/* the coordinator's address */
	char		*database;	/* SQLite file */
	char		*templates;	/* directory; NULL: beside the prefix */
	char		*language;	/* "nl" (default) or "en" */
	char		*timezone;	/* default "Europe/Amsterdam" */

	/* [imap] */
	struct config_server imap;
	bool		 idle;		/* default yes */
	int		 poll_seconds;	/* default 60 */
	char		*imap_move_to;	/* folder for handled mail; NULL: stay */
	/* The receiving server's name in Authentication-Results; NULL: no
	   sender address counts as verified on its own. */
	char		*authserv_id;

	/* [smtp] */
	struct config_server smtp;

	/* [schedule]: offsets in seconds before (or after) the meeting */
	long		 reminders[CONFIG_MAX_REMINDERS];	/* 14d 2d */
	int		 nreminders;
	long		 host_prep;	/* 28d before */
	long		 summary;	/* 1d after */
	int		 digest_wday;	/* 0 = Sunday … 6; default 1 (Monday) */
	int		 digest_minute;	/* minutes after local midnight: 480 */
	int		 reminder_minute; /* local time of day reminders go: 540 */
	char		*route;		/* how to get there, for reminders */
};

/*
 * config_load: reads and checks the file at path. On success returns a new
 * struct config (free with config_free). On failure returns NULL and puts
 * in *cause every error found, one per line, each "FILE:LINE: section.key:
 * what is wrong" (or "FILE: section.key: …" for a missing key); the caller
 * prints *cause and frees it. Passwords are read from their files; a
 * password file readable by group or others is refused. When
 * $CREDENTIALS_DIRECTORY is set (a systemd unit with LoadCredential=), a
 * password_file that is a bare name is read from that directory instead;
 * there a group read bit is allowed (systemd's ACL shows as one).
 */
struct config	*config_load(const char *path, char **cause);
void		 config_free(struct config *);

#endif
