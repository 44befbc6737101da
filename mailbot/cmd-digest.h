/*
 * cmd-digest.h: the digest command.
 */
#ifndef MAILBOT_CMD_DIGEST_H
#define MAILBOT_CMD_DIGEST_H

#include "cmd.h"

extern const struct cmd_entry	cmd_digest_entry;

#endif
