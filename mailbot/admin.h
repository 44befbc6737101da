/*
 * admin.h: the coordinator's commands (network, member, meeting, guest,
 * attendance): check the input, change the state in one transaction,
 * print the result as text or JSON. Each returns a sysexits.h code and
 * prints one line on stderr when it fails.
 */
#ifndef MAILBOT_ADMIN_H
#define MAILBOT_ADMIN_H

struct ctx;

/* argv[0] is the command's own name ("network", "member", …). */
int	admin_network(const struct ctx *, int argc, char **argv);
int	admin_member(const struct ctx *, int argc, char **argv);
int	admin_meeting(const struct ctx *, int argc, char **argv);
int	admin_guest(const struct ctx *, int argc, char **argv);
int	admin_attendance(const struct ctx *, int argc, char **argv);
int	admin_outbox(const struct ctx *, int argc, char **argv);
int	admin_inbox(const struct ctx *, int argc, char **argv);

#endif
