/*
 * cmd-guest.h: the guest command: guest add.
 */
#ifndef MAILBOT_CMD_GUEST_H
#define MAILBOT_CMD_GUEST_H

#include "cmd.h"

extern const struct cmd_entry	cmd_guest_add_entry;

#endif
