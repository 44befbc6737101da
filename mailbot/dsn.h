/*
 * dsn.h: delivery status notifications (RFC 3464), the machine-readable
 * part of a bounce: which recipient, and what happened. Pure.
 */
#ifndef MAILBOT_DSN_H
#define MAILBOT_DSN_H

#include <stddef.h>

/*
 * One per-recipient block of a message/delivery-status part (RFC 3464
 * section 2.3). recipient is the bare, lower-cased address of
 * Final-Recipient (else Original-Recipient); action is lower-cased;
 * status is like "5.1.1"; diagnostic is the Diagnostic-Code without its
 * type ("smtp;"). Any of them may be NULL when the block lacks it.
 */
struct dsn_recipient {
	char	*recipient;
	char	*action;
	char	*status;
	char	*diagnostic;
};

/*
 * dsn_parse: reads text, the body of a message/delivery-status part
 * (UTF-8, any line ends): blocks of fields separated by blank lines
 * (section 2.1). Every block naming a recipient or an action is appended
 * to the array *dsn of *ndsn entries (grown with realloc; the caller
 * frees each entry's strings and the array), except a block with a
 * Reporting-MTA field while the array is still empty (the per-message
 * block). At most 1000 entries in all. Never fails: what does not parse
 * adds nothing.
 */
void	dsn_parse(const char *text, struct dsn_recipient **dsn, size_t *ndsn);

#endif
