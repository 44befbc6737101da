/*
 * cmd-member.h: the member commands: member add, import, list and remove.
 */
#ifndef MAILBOT_CMD_MEMBER_H
#define MAILBOT_CMD_MEMBER_H

#include "cmd.h"

extern const struct cmd_entry	cmd_member_add_entry;
extern const struct cmd_entry	cmd_member_import_entry;
extern const struct cmd_entry	cmd_member_list_entry;
extern const struct cmd_entry	cmd_member_remove_entry;

#endif
