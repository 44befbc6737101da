/*
 * understand_fuzz.c: what a reply says: the first line of the input is
 * the subject and the rest the visible text, read for a writer with four
 * open meetings in two networks (one another's), a parent and an owner,
 * as incoming.c gives it; and read again with no context at all.
 */
#include <string.h>

#include "fuzz.h"
#include "understand.h"

static const struct understand_meeting meetings[] = {
	{ 2027, 1, 14, 4, "Trainingscentrum De Colckhof, Zwolle",
	    "Governance en toezicht", 1, false },
	{ 2027, 3, 18, 4, "Trainingscentrum De Colckhof, Zwolle",
	    "Arbeidsmarkt: anders organiseren", 1, false },
	{ 2027, 1, 20, 3, "Hotel Figi, Zeist", "Samenwerken in de regio", 2,
	    false },
	{ 2027, 4, 20, 2, "Hotel Figi, Zeist", "Wonen en zorg", 2, true },
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct understand_context	 c = { NULL, meetings, 4, 1,
	    "Ineke Bakker" };
	struct understanding		 u;
	char				*s, *text, *nl, *why;

	s = fuzz_str(data, size);
	text = s;
	if ((nl = strchr(s, '\n')) != NULL) {
		*nl = '\0';
		text = nl + 1;
		c.subject = s;
	}
	understand_reply(text, &c, &u);
	understanding_clear(&u);
	understand_text(text, c.subject, &u);
	understanding_clear(&u);
	why = understand_explain(text, &c);
	free(why);
	(void)understand_confirmation(text);
	free(s);
	return 0;
}
