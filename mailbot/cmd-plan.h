/*
 * cmd-plan.h: what will happen: plan and hosts suggest.
 */
#ifndef MAILBOT_CMD_PLAN_H
#define MAILBOT_CMD_PLAN_H

#include "cmd.h"

extern const struct cmd_entry	cmd_plan_entry;
extern const struct cmd_entry	cmd_hosts_suggest_entry;

#endif
