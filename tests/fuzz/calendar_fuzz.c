/*
 * calendar_fuzz.c: an incoming iCalendar object (an attendee's REPLY or
 * a COUNTER): calendar_read.
 */
#include "calendar.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct calendar_reply	 r;
	char			*s, *cause = NULL;

	s = fuzz_str(data, size);
	if (calendar_read(s, &r, &cause) == 0)
		calendar_reply_clear(&r);
	free(cause);
	free(s);
	return 0;
}
