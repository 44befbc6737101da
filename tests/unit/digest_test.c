/*
 * digest_test.c: the coordinator's answer to the register mail is read as
 * people write it (register_parse), and the register's token lives in its
 * own id space.
 */
#include <stdlib.h>

#include "check.h"
#include "register.h"
#include "token.h"
#include "util.h"

/* The names of a list joined by "|", for comparing. */
static char *
joined(char **v, size_t n)
{
	struct buf	 b;
	size_t		 i;

	buf_init(&b, 4096);
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_addstr(&b, "|");
		buf_addstr(&b, v[i]);
	}
	return buf_take(&b);
}

static void
test_parse(void)
{
	static const struct {
		const char	*text;
		int		 understood, everyone;
		const char	*absent, *present;
	} t[] = {
		{ "afwezig: Jansen, De Vries", 1, 0, "Jansen|De Vries", "" },
		{ "Afwezig: Jansen en De Vries.\n\nGroet,\nPetra", 1, 0,
		    "Jansen|De Vries", "" },
		{ "iedereen was er", 1, 1, "", "" },
		{ "Everyone was there, thanks!", 1, 1, "", "" },
		{ "absent: Bob Smith and carol@x.nl", 1, 0,
		    "Bob Smith|carol@x.nl", "" },
		{ "Hoi,\n\nafwezig:\nJansen\nDe Vries\n\nMet vriendelijke "
		    "groet", 1, 0, "Jansen|De Vries", "" },
		{ "afwezig: niemand", 1, 1, "", "" },
		{ "Iedereen behalve Jansen (ziek).", 1, 1, "Jansen", "" },
		{ "afwezig: Jansen\naanwezig: Pietersen", 1, 0, "Jansen",
		    "Pietersen" },
		{ "Afwezig waren Jansen, Smit", 1, 0, "Jansen|Smit", "" },
		{ "Absent: Smith. Sorry for the delay.", 1, 0, "Smith", "" },
		{ "afwezig: Jansen. Aanwezig: dhr. De Boer", 1, 0,
		    "Jansen", "dhr. De Boer" },
		{ "Afwezig: J. de Vries en mevr. A. Smit. Verder alles goed.",
		    1, 0, "J. de Vries|mevr. A. Smit", "" },
		{ "Afwezig: Jansen! Jammer.", 1, 0, "Jansen", "" },
		{ "Dank voor het overzicht!", 0, 0, "", "" },
		{ "", 0, 0, "", "" },
	};
	struct register_answer	 a;
	char			*abs, *pre;
	size_t			 i;

	for (i = 0; i < nitems(t); i++) {
		register_parse(t[i].text, &a);
		abs = joined(a.absent, a.nabsent);
		pre = joined(a.present, a.npresent);
		CHECK(a.understood == (t[i].understood != 0) &&
		    a.everyone == (t[i].everyone != 0),
		    "'%s': understood %d, everyone %d", t[i].text,
		    t[i].understood, t[i].everyone);
		CHECK_STR(abs, t[i].absent, "'%s': absent", t[i].text);
		CHECK_STR(pre, t[i].present, "'%s': present", t[i].text);
		free(abs);
		free(pre);
		register_answer_clear(&a);
	}
}

int
main(void)
{
	unsigned char	 secret[32] = { 1 };
	char		 reg[TOKEN_LEN + 1], att[TOKEN_LEN + 1];

	test_parse();
	/* The register token of meeting 7 is made from -7, the answer row
	   token of row 7 from 7: never the same. */
	token_make(secret, sizeof(secret), -7, reg);
	token_make(secret, sizeof(secret), 7, att);
	CHECK(strcmp(reg, att) != 0, "register and answer tokens differ");
	return check_done();
}
