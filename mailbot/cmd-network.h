/*
 * cmd-network.h: the network commands: network add and network list.
 */
#ifndef MAILBOT_CMD_NETWORK_H
#define MAILBOT_CMD_NETWORK_H

#include "cmd.h"

extern const struct cmd_entry	cmd_network_add_entry;
extern const struct cmd_entry	cmd_network_list_entry;

#endif
