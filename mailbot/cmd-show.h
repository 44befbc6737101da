/*
 * cmd-show.h: the listings of mail in and out: inbox and outbox.
 */
#ifndef MAILBOT_CMD_SHOW_H
#define MAILBOT_CMD_SHOW_H

#include "cmd.h"

extern const struct cmd_entry	cmd_outbox_entry;
extern const struct cmd_entry	cmd_inbox_entry;

#endif
