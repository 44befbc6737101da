/*
 * cmd-answer.h: the attendance command (the register).
 */
#ifndef MAILBOT_CMD_ANSWER_H
#define MAILBOT_CMD_ANSWER_H

#include "cmd.h"

extern const struct cmd_entry	cmd_attendance_entry;

#endif
