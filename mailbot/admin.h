/*
 * admin.h: the coordinator's commands (network, member, meeting, guest,
 * attendance, inbox, outbox) as entries of the command table: each checks
 * its input, changes the state in one transaction and prints the result
 * as text or JSON.
 */
#ifndef MAILBOT_ADMIN_H
#define MAILBOT_ADMIN_H

#include "cmd.h"

extern const struct cmd_entry	cmd_outbox_entry;
extern const struct cmd_entry	cmd_inbox_entry;

#endif
