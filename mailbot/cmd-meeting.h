/*
 * cmd-meeting.h: the meeting commands: meeting add, list, show, invite,
 * update and cancel.
 */
#ifndef MAILBOT_CMD_MEETING_H
#define MAILBOT_CMD_MEETING_H

#include "cmd.h"

extern const struct cmd_entry	cmd_meeting_add_entry;
extern const struct cmd_entry	cmd_meeting_list_entry;
extern const struct cmd_entry	cmd_meeting_show_entry;
extern const struct cmd_entry	cmd_meeting_invite_entry;
extern const struct cmd_entry	cmd_meeting_update_entry;
extern const struct cmd_entry	cmd_meeting_cancel_entry;

#endif
