/*
 * return_date_test.c: return_date_read() on the sentences out-of-office
 * replies use, Dutch and English, and on every prefix of them.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "return-date.h"
#include "util.h"

/* Out-of-office return dates, received on 2026-11-23. */
static void
check_return(void)
{
	static const struct {
		const char	*text;
		const char	*want;	/* "YYYY-MM-DD", or NULL: none */
	} rc[] = {
		{ "Ik ben terug op maandag 7 december.", "2026-12-07" },
		{ "Tot en met 4 januari afwezig.", "2027-01-05" },
		{ "I am out of the office, back on 12/01.", "2027-01-12" },
		{ "Returning January 5th; for urgent matters call Jan.",
		    "2027-01-05" },
		{ "Weer aanwezig vanaf 5-1-2027.", "2027-01-05" },
		{ "Out of office until 2027-01-05", "2027-01-05" },
		{ "Ik ben afwezig tot 1 december en lees mijn mail niet.",
		    "2026-12-01" },
		{ "Ik ben van 20 december t/m 3 januari met vakantie.",
		    "2027-01-04" },
		{ "I'm away from 20 December to 4 January.", "2027-01-05" },
		{ "Vanaf 20 december ben ik afwezig.", NULL },
		{ "Vanaf maandag 30 november ben ik weer op kantoor.",
		    "2026-11-30" },
		{ "I will be back in the office on the 5th of January 2027.",
		    "2027-01-05" },
		{ "Afwezig t/m vrijdag 27 november. Ik lees mijn mail "
		    "daarna.", "2026-11-28" },
		{ "Ik ben tot en met 31 december afwezig.", "2027-01-01" },
		{ "Back on Monday, December 7, 2026.", "2026-12-07" },
		{ "Ik ben er tot 14.00 uur niet.", NULL },
		{ "Bel me op 06-12345678.", NULL },
		{ "Ik ben er niet.", NULL },
		{ "I am away returning to the office on May 5th.",
		    "2027-05-05" },
		{ "Out from Monday 30 November to Friday 4 December.",
		    "2026-12-05" },
		{ "Sent on 23 November 2026.", NULL },
		{ "Terug op 31 februari.", NULL },
		{ "Ik ben per 1 maart weer bereikbaar.", "2027-03-01" },
		{ "Ich bin ab dem 4.1. wieder da", NULL },
		{ "", NULL }
	};
	struct ymd	 recv = { 2026, 11, 23 }, d;
	char			 got[16];
	size_t			 i;
	bool			 found;

	for (i = 0; i < nitems(rc); i++) {
		found = return_date_read(rc[i].text, &recv, &d);
		snprintf(got, sizeof(got), "%04d-%02d-%02d", d.year, d.month,
		    d.day);
		CHECK_STR(found ? got : NULL, rc[i].want, "return date of "
		    "\"%s\"", rc[i].text);
	}
	CHECK(!return_date_read(NULL, &recv, &d), "NULL has no date");
	/* Every prefix: a date or a cue cut in half must not crash. */
	for (i = 0, found = false; i < nitems(rc); i++) {
		size_t	 k, n = strlen(rc[i].text);
		char	*p;

		for (k = 0; k <= n; k++) {
			p = xstrndup(rc[i].text, k);
			found |= return_date_read(p, &recv, &d);
			free(p);
		}
	}
	CHECK(found, "every prefix of the return dates read without harm");
}

int
main(void)
{
	check_return();
	return check_done();
}
