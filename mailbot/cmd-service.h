/*
 * cmd-service.h: the service's own commands, for the command line only:
 * init, once and run.
 */
#ifndef MAILBOT_CMD_SERVICE_H
#define MAILBOT_CMD_SERVICE_H

#include "cmd.h"

extern const struct cmd_entry	cmd_init_entry;
extern const struct cmd_entry	cmd_once_entry;
extern const struct cmd_entry	cmd_run_entry;

#endif
