/*
 * dsn.c: the per-recipient blocks of a delivery status notification
 * (message/delivery-status, RFC 3464): who, what happened (action,
 * status) and the remote server's words. Pure: no I/O.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dsn.h"
#include "header.h"
#include "util.h"

#define DSN_MAX		1000		/* recipient blocks kept */

/* The text after "type;" in a DSN field ("rfc822; a@b" gives "a@b"). */
static char *
dsn_value(const char *v, bool address)
{
	const char	*semi;
	char		*s;

	if ((semi = strchr(v, ';')) != NULL)
		v = semi + 1;
	s = str_trim(xstrdup(v));
	if (address && *s == '@' && strchr(s, ':') != NULL)	/* route */
		memmove(s, strchr(s, ':') + 1, strlen(strchr(s, ':')));
	if (address && *s == '<') {
		s[strcspn(s, ">")] = '\0';
		memmove(s, s + 1, strlen(s));
	}
	return address ? str_lower(str_trim(s)) : s;
}

static void
dsn_field(struct dsn_recipient *d, const char *name, const char *value)
{
	if (strcasecmp(name, "Final-Recipient") == 0) {
		free(d->recipient);
		d->recipient = dsn_value(value, true);
	} else if (strcasecmp(name, "Original-Recipient") == 0 &&
	    d->recipient == NULL)
		d->recipient = dsn_value(value, true);
	else if (strcasecmp(name, "Action") == 0 && d->action == NULL)
		d->action = str_lower(str_trim(xstrdup(value)));
	else if (strcasecmp(name, "Status") == 0 && d->status == NULL) {
		d->status = str_trim(xstrdup(value));
		d->status[strcspn(d->status, " \t(")] = '\0';
	} else if (strcasecmp(name, "Diagnostic-Code") == 0 &&
	    d->diagnostic == NULL)
		d->diagnostic = dsn_value(value, false);
}

static void
dsn_block(const struct header *h, struct dsn_recipient **dsn, size_t *ndsn)
{
	struct dsn_recipient	 d;
	size_t		 i;

	memset(&d, 0, sizeof(d));
	for (i = 0; i < h->nfields; i++)
		dsn_field(&d, h->fields[i].name, h->fields[i].value);
	if ((d.recipient == NULL && d.action == NULL) ||
	    *ndsn >= DSN_MAX) {
		free(d.recipient);
		free(d.action);
		free(d.status);
		free(d.diagnostic);
		return;
	}
	*dsn = xreallocarray(*dsn, *ndsn + 1, sizeof(**dsn));
	(*dsn)[(*ndsn)++] = d;
}

/*
 * A message/delivery-status body (RFC 3464 section 2.1): blocks of
 * fields separated by blank lines; the first is per message, the others
 * per recipient. Any block naming a recipient or an action is kept.
 */
void
dsn_parse(const char *text, struct dsn_recipient **dsn, size_t *ndsn)
{
	struct buf	 b;
	struct header	 h;
	size_t		 len, pos = 0, used;

	buf_init(&b, SIZE_MAX);
	header_normalize(&b, text, strlen(text));
	len = b.len;
	while (pos < len) {
		while (pos + 1 < len && memcmp(b.data + pos, "\r\n", 2) == 0)
			pos += 2;
		if (pos + 1 >= len)
			break;
		memset(&h, 0, sizeof(h));
		used = header_parse(&h, b.data + pos, len - pos);
		if (h.nfields > 0 && *ndsn < DSN_MAX &&
		    !(*ndsn == 0 && header_get(&h, "Reporting-MTA") != NULL))
			dsn_block(&h, dsn, ndsn);
		header_clear(&h);
		if (used == 0)
			used = strcspn(b.data + pos, "\n") + 1;
		pos += used;
	}
	buf_free(&b);
}
