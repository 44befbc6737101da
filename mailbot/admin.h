/*
 * admin.h: the coordinator's commands (network, member, meeting, guest,
 * attendance): check the input, change the state in one transaction,
 * print the result as text or JSON. Each returns a sysexits.h code and
 * prints one line on stderr when it fails.
 */
#ifndef MAILBOT_ADMIN_H
#define MAILBOT_ADMIN_H

#include <time.h>

struct config;
struct store;

struct admin {
	const struct config	*cfg;
	struct store		*st;
	time_t			 now;
};

/* argv[0] is the command's own name ("network", "member", …). */
int	admin_network(struct admin *, int argc, char **argv);
int	admin_member(struct admin *, int argc, char **argv);
int	admin_meeting(struct admin *, int argc, char **argv);
int	admin_guest(struct admin *, int argc, char **argv);
int	admin_attendance(struct admin *, int argc, char **argv);
int	admin_outbox(struct admin *, int argc, char **argv);
int	admin_inbox(struct admin *, int argc, char **argv);

#endif
