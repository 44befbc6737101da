/*
 * understand_fuzz.c: what a reply says: the first line of the input is
 * the subject and the rest the visible text for understand_text; the
 * whole input is an out-of-office text for understand_return.
 */
#include <string.h>

#include "fuzz.h"
#include "understand.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct understand_date	 received = { 2026, 11, 23 };
	struct understand_date		 back;
	struct understanding		 u;
	char				*s, *text, *nl;

	s = fuzz_str(data, size);
	text = s;
	if ((nl = strchr(s, '\n')) != NULL) {
		*nl = '\0';
		text = nl + 1;
	}
	memset(&u, 0, sizeof(u));
	understand_text(text, nl != NULL ? s : NULL, &u);
	understanding_clear(&u);
	if (nl != NULL)
		*nl = '\n';
	(void)understand_return(s, &received, &back);
	free(s);
	return 0;
}
