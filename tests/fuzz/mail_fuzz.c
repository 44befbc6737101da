/*
 * mail_fuzz.c: the whole message, as IMAP hands it over: mail_parse
 * (mail.c and every parser under it).
 */
#include "fuzz.h"
#include "mail.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mail	*m;
	char		*cause = NULL;

	m = mail_parse((const char *)data, size, 1024 * 1024, &cause);
	mail_free(m);
	free(cause);
	return 0;
}
