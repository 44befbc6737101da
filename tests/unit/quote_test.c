/*
 * quote_test.c: quote_visible() and quote_html_strip() on replies as Dutch,
 * English and German mail clients write them, one table row a case, and
 * both on every prefix of their inputs (broken text must never crash).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "quote.h"
#include "util.h"

struct visible_case {
	const char	*name;
	const char	*in;
	const char	*want;
};

/* A question from the invitation, quoted the way clients quote it. */
#define QUOTE_NL	"> Beste leden,\n>\n> Komt u op 12 maart?\n"
#define QUOTE_EN	"> Dear members,\n>\n> Will you attend on 12 March?\n"
#define ADDR		"secretariaat@leernetwerk.example"
#define VAN_BLOCK	"Van: Secretariaat <" ADDR ">\n" \
			"Verzonden: dinsdag 20 februari 2024 09:14\n" \
			"Aan: Jan Jansen <j.jansen@example.nl>\n" \
			"Onderwerp: Uitnodiging 12 maart\n\n" \
			"Komt u op 12 maart? Wie niet kan, meldt zich af.\n"

static const struct visible_case visible_cases[] = {
	/* plain answers */
	{ "plain answer", "Ja, ik kom.", "Ja, ik kom." },
	{ "empty input", "", "" },
	{ "only white space", " \n\t\n  \n", "" },
	{ "answer trimmed", "\n\n  Ja  \n\n", "Ja" },
	{ "CRLF input", "Ja, ik kom.\r\nTot dan!\r\n", "Ja, ik kom.\nTot dan!" },
	{ "CR-only input", "Ja\rTot dan\r", "Ja\nTot dan" },
	{ "paragraphs kept", "Ja.\n\n\nIk neem iemand mee.",
	    "Ja.\n\n\nIk neem iemand mee." },
	{ "non-breaking space", "Ja,\xc2\xa0ik kom", "Ja, ik kom" },

	/* quoted lines */
	{ "only a quote", QUOTE_NL, "" },
	{ "top-posting above a quote", "Ja\n\n" QUOTE_NL, "Ja" },
	{ "bottom-posting under a quote", QUOTE_NL "\nJa, ik kom.",
	    "Ja, ik kom." },
	{ "answer between quotes", "> Komt u op 12 maart?\nja\n"
	    "> Neemt u iemand mee?\nnee\n", "ja\n\nnee" },
	{ "answer between quotes with blank lines",
	    "> Komt u op 12 maart?\n\nja\n\n> Dieetwensen?\n\ngeen\n",
	    "ja\n\ngeen" },
	{ "indented quote marker", "  > Komt u?\nJa", "Ja" },
	{ "nested quote", ">> oud\n> nieuw\nJa", "Ja" },

	/* Dutch Gmail */
	{ "nl Gmail attribution",
	    "Ja, ik kom.\n\nOp di 20 feb 2024 om 09:14 schreef Secretariaat <"
	    ADDR ">:\n\n" QUOTE_NL, "Ja, ik kom." },
	{ "nl Gmail attribution wrapped in the address",
	    "Ik kan niet.\n\nOp di 20 feb 2024 om 09:14 schreef Secretariaat <\n"
	    ADDR ">:\n\n" QUOTE_NL, "Ik kan niet." },
	{ "nl Gmail attribution wrapped after the verb",
	    "Ik kan niet.\nOp di 20 feb 2024 om 09:14 schreef\n"
	    "Secretariaat Leernetwerk <" ADDR ">:\n" QUOTE_NL, "Ik kan niet." },
	{ "nl Gmail attribution without quote after it",
	    "Ja\n\nOp di 20 feb 2024 om 09:14 schreef Secretariaat <" ADDR
	    ">:\n\nKomt u?\n", "Ja" },
	{ "nl Gmail mobile 'schreef … het volgende'",
	    "Ik kom.\n\nOp 18 juli 2013 10:23 schreef Sander Datema het "
	    "volgende:\n\nKomt u?", "Ik kom." },

	/* Dutch Apple */
	{ "nl Apple attribution", "Ik kom.\n\nVerstuurd vanaf mijn iPad\n\n"
	    "> Op 20 feb. 2024 om 09:14 heeft Secretariaat <" ADDR "> het "
	    "volgende geschreven:\n>\n" QUOTE_NL, "Ik kom." },
	{ "nl Apple attribution not quoted", "Ik kom.\n\n"
	    "Op 20 feb. 2024 om 09:14 heeft Secretariaat <" ADDR "> het "
	    "volgende geschreven:\n\nKomt u?", "Ik kom." },
	{ "nl Apple short form wrapped", "Prima\n"
	    "Op 16 aug. 2014 05:13 schreef \"Secretariaat\" <" ADDR "> het\n"
	    "volgende geschreven:\n\n" QUOTE_NL, "Prima" },

	/* Dutch Outlook */
	{ "nl Outlook block", "Helaas verhinderd.\n\n" VAN_BLOCK,
	    "Helaas verhinderd." },
	{ "nl Outlook block after a rule", "Helaas verhinderd.\n"
	    "________________________________\n" VAN_BLOCK,
	    "Helaas verhinderd." },
	{ "nl Outlook bold block", "Akkoord.\n\n*Van:* Secretariaat <" ADDR
	    ">\n*Verzonden:* dinsdag 20 februari 2024 09:14\n*Aan:* Jan\n"
	    "*Onderwerp:* Uitnodiging\n\nKomt u?", "Akkoord." },
	{ "nl new Outlook uses Datum", "Ik kom.\n\nVan: Secretariaat <" ADDR
	    ">\nDatum: dinsdag, 20 februari 2024 om 09:14\nAan: Jan\n"
	    "Onderwerp: Uitnodiging\n\nKomt u?", "Ik kom." },
	{ "nl Outlook block with CC", "Ja\n\nVan: Secretariaat <" ADDR ">\n"
	    "Verzonden: dinsdag 20 februari 2024 09:14\nAan: Jan\n"
	    "CC: Piet\nOnderwerp: Uitnodiging\n", "Ja" },
	{ "nl two header lines with an address", "Ja\n\nVan: Secretariaat <"
	    ADDR ">\nOnderwerp: Uitnodiging\n\nKomt u?", "Ja" },
	{ "nl Outlook only a quote", "\n\n" VAN_BLOCK, "" },
	{ "nl Oorspronkelijk bericht", "Ja, ik kom.\n\n"
	    "-----Oorspronkelijk bericht-----\n" VAN_BLOCK, "Ja, ik kom." },
	{ "nl Begin doorgestuurd bericht", "Zie hieronder: ik kom niet.\n\n"
	    "Begin doorgestuurd bericht:\n\n" VAN_BLOCK,
	    "Zie hieronder: ik kom niet." },
	{ "nl Gmail doorgestuurd bericht", "Ter info, ik kom.\n\n"
	    "---------- Doorgestuurd bericht ---------\nVan: Secretariaat <"
	    ADDR ">\nDate: di 20 feb 2024 om 09:14\nSubject: Uitnodiging\n"
	    "To: <jan@example.nl>\n\nKomt u?", "Ter info, ik kom." },

	/* not quote headers: an answer must not be cut */
	{ "'Van:' in an answer is not a header",
	    "Van: mijn kant is het goed.\nIk kom.",
	    "Van: mijn kant is het goed.\nIk kom." },
	{ "'Van:' and 'Aan:' without an address",
	    "Van: mijn kant is het goed.\nAan: tafel schuif ik graag.",
	    "Van: mijn kant is het goed.\nAan: tafel schuif ik graag." },
	{ "'Op dinsdag' is not an attribution",
	    "Op dinsdag kan ik niet.\nOp woensdag wel.",
	    "Op dinsdag kan ik niet.\nOp woensdag wel." },
	{ "'Op …:' without a verb is not an attribution",
	    "Op 12 maart 2024 om 16:00 kan ik:\n- wel komen\n- niet eten",
	    "Op 12 maart 2024 om 16:00 kan ik:\n- wel komen\n- niet eten" },
	{ "'schreef' without date or address is not an attribution",
	    "Op 12 maart schreef ik al dat ik niet kan:\nhelaas.",
	    "Op 12 maart schreef ik al dat ik niet kan:\nhelaas." },
	{ "English 'On your host' is not an attribution",
	    "On your remote host you can run:\n\n    ls -l\n",
	    "On your remote host you can run:\n\n    ls -l" },
	{ "attribution after a line that opens with 'Op'",
	    "Op dinsdag kan ik niet.\nOp 20 feb. 2024 om 09:14 schreef "
	    "Secretariaat <" ADDR ">:\n" QUOTE_NL,
	    "Op dinsdag kan ik niet." },
	{ "answer line above a name-only attribution",
	    "2 personen\nJan <jan@example.nl> schreef:\n" QUOTE_NL,
	    "2 personen" },
	{ "answer with 'Op' above a name-only attribution",
	    "Op dinsdag kan ik, met 2 personen\nJan <jan@example.nl> "
	    "schreef:\n" QUOTE_NL, "Op dinsdag kan ik, met 2 personen" },
	{ "Dutch 'Best.' is an answer, not a closing",
	    "Best.\nIk neem mijn vrouw mee.",
	    "Best.\nIk neem mijn vrouw mee." },
	{ "dashes in an answer are not a separator",
	    "Ja ---------- ik kom", "Ja ---------- ik kom" },

	/* English */
	{ "en Gmail attribution", "Yes, I'll attend.\n\nOn Tue, Feb 20, 2024 "
	    "at 9:14 AM Network Secretariat <sec@network.example> wrote:\n\n"
	    QUOTE_EN, "Yes, I'll attend." },
	{ "en Gmail attribution wrapped", "Sorry, I can't.\n\nOn Tue, Feb 20, "
	    "2024 at 9:14 AM Network Secretariat <\nsec@network.example> "
	    "wrote:\n\n" QUOTE_EN, "Sorry, I can't." },
	{ "en attribution over three lines", "Fine.\nOn Tue, Feb 20, 2024 at "
	    "9:14 AM,\nNetwork Secretariat\n<sec@network.example> wrote:\n"
	    QUOTE_EN, "Fine." },
	{ "en Apple attribution", "Count me in.\n\n> On 20 Feb 2024, at 09:14, "
	    "Network Secretariat <sec@network.example> wrote:\n>\n" QUOTE_EN,
	    "Count me in." },
	{ "en name-only attribution", "Yes.\n\nNetwork Secretariat "
	    "<sec@network.example> wrote:\n\nWill you attend?", "Yes." },
	{ "en Outlook block", "I will attend.\n\nFrom: Network Secretariat "
	    "<sec@network.example>\nSent: Tuesday, February 20, 2024 9:14 AM\n"
	    "To: John Smith\nSubject: Invitation\n\nWill you attend?",
	    "I will attend." },
	{ "en Outlook block with mailto", "No.\n\nFrom: Secretariat "
	    "[mailto:sec@network.example]\nSent: Tuesday\nTo: John\n"
	    "Subject: Invitation\n", "No." },
	{ "en Original Message", "Yes\n\n-----Original Message-----\n"
	    "From: sec@network.example\nWill you attend?", "Yes" },
	{ "en bold Original Message", "Bar\n\n*-------- Original Message "
	    "--------*\n\nTHE END.", "Bar" },
	{ "en Begin forwarded message", "FYI, I'm in.\n\n"
	    "Begin forwarded message:\n\nFrom: Secretariat\n", "FYI, I'm in." },
	{ "en inline answers under an attribution", "On Tue, Feb 20, 2024 "
	    "at 9:14 AM Secretariat <sec@network.example> wrote:\n"
	    "> Will you attend?\n\nyes\n\n> Dietary wishes?\n\nnone\n",
	    "yes\n\nnone" },
	{ "en attribution in dashes", "OK\n\n---- On Tue, 22 Dec 2015 "
	    "14:17:36 +0530 Sam &lt;sam@example.com&gt; wrote ----\n\nHi",
	    "OK" },

	/* German */
	{ "de Gmail attribution", "Ich komme gern.\n\nAm Di., 20. Feb. 2024 "
	    "um 09:14 Uhr schrieb Sekretariat <sek@netzwerk.example>:\n\n"
	    "> Kommen Sie?", "Ich komme gern." },
	{ "de Ursprüngliche Nachricht", "Leider nicht.\n\n"
	    "-----Ursprüngliche Nachricht-----\nVon: Sekretariat\n"
	    "Gesendet: Dienstag, 20. Februar 2024 09:14\nAn: Hans\n"
	    "Betreff: Einladung\n", "Leider nicht." },
	{ "de Outlook block", "Ja.\n\nVon: Sekretariat <sek@netzwerk."
	    "example>\nGesendet: Dienstag\nAn: Hans\nBetreff: Einladung\n",
	    "Ja." },
	{ "de closing and name kept, title dropped", "Ich komme.\n\n"
	    "Mit freundlichen Grüßen\nHans Müller\nGeschäftsführer\n"
	    "Nicht erreichbar am Freitag", "Ich komme.\n\n"
	    "Mit freundlichen Grüßen\nHans Müller" },

	/* signatures */
	{ "sig dash dash space", "Ja\n\n-- \nJan Jansen\nNiet op vrijdag",
	    "Ja" },
	{ "sig dash dash", "Ja\n--\nJan", "Ja" },
	{ "sig Met vriendelijke groet with niet", "Ik kom.\n\n"
	    "Met vriendelijke groet,\n\nJan Jansen\nBestuurder\n"
	    "Ik werk niet op woensdag", "Ik kom." },
	{ "sig Met vriendelijke groeten", "Ik kom.\nMet vriendelijke groeten,"
	    "\nJan", "Ik kom." },
	{ "sig Hartelijke groet with geen", "Ja hoor.\n\nHartelijke groet,\n"
	    "Anne\nGeen mail op vrijdag", "Ja hoor." },
	{ "sig Groet, Jan on one line", "Ik ben erbij.\nGroet, Jan",
	    "Ik ben erbij." },
	{ "sig Mvg", "Ik kom\n\nMvg,\nPiet", "Ik kom" },
	{ "sig bilingual closing", "Ik kom.\n\nMet vriendelijke groet / "
	    "Kind regards,\nJan", "Ik kom." },
	{ "'Groeten uit Parijs' is an answer", "Groeten uit Parijs, ik kom "
	    "niet.", "Groeten uit Parijs, ik kom niet." },
	{ "'Hartelijke groet en tot dan' is an answer",
	    "Hartelijke groet en tot 12 maart!",
	    "Hartelijke groet en tot 12 maart!" },
	{ "sig Verzonden vanaf mijn iPhone", "Ja\n\nVerzonden vanaf mijn "
	    "iPhone", "Ja" },
	{ "sig Verstuurd vanaf mijn Samsung", "Ja\n\nVerstuurd vanaf mijn "
	    "Samsung Galaxy-smartphone.", "Ja" },
	{ "sig Sent from my iPhone", "Yes\n\nSent from my iPhone\n\n"
	    QUOTE_EN, "Yes" },
	{ "sig Outlook for iOS", "Ja\n\nOutlook voor iOS downloaden<https://"
	    "aka.ms/o0ukef>", "Ja" },
	{ "'Sent from my desk, …' is an answer",
	    "Sent from my desk, much easier than my mobile phone.",
	    "Sent from my desk, much easier than my mobile phone." },
	{ "en closing and name kept", "I'll be there.\n\nKind regards,\n\n"
	    "John Smith\nChief Executive\nNot in on Fridays",
	    "I'll be there.\n\nKind regards,\n\nJohn Smith" },
	{ "en closing without a name", "Yes\n\nBest regards\n\n" QUOTE_EN,
	    "Yes\n\nBest regards" },
	{ "sign-off '-Name' at the end", "Thanks, I'm in.\n\n-Abhishek Kona",
	    "Thanks, I'm in." },
	{ "list item is not a sign-off", "Agenda:\n- Opening",
	    "Agenda:\n- Opening" },

	/* disclaimers, noise */
	{ "nl disclaimer", "Ja\n\nDit e-mailbericht is uitsluitend bestemd "
	    "voor de geadresseerde. Niet doorsturen.", "Ja" },
	{ "nl disclaimer De informatie verzonden", "Ja\n\nDe informatie "
	    "verzonden met dit e-mailbericht is vertrouwelijk.", "Ja" },
	{ "en disclaimer", "Yes\n\nThis e-mail and any attachments are "
	    "confidential. If you are not the intended recipient, do not…",
	    "Yes" },
	{ "en disclaimer spelt email", "Yes\n\nThis email and any "
	    "attachments are confidential.", "Yes" },
	{ "cid image placeholder dropped",
	    "Ja\n[cid:image001.png@01DA6B2C.4F3E1A20]\nIk kom",
	    "Ja\nIk kom" },
	{ "Safe Links in brackets removed", "Zie de agenda<https://eur01."
	    "safelinks.protection.outlook.com/?url=https%3A%2F%2Fa.example"
	    "&data=05%7C02&reserved=0>. Ik kom.",
	    "Zie de agenda. Ik kom." },
	{ "bare Safe Link becomes its target", "Route: https://eur03."
	    "safelinks.protection.outlook.com/?url=https%3A%2F%2Fa.example%2F"
	    "r&data=05 ok", "Route: https://a.example/r ok" },
	{ "tracking dot and rules trimmed", "Ja\n\n\xe1\x90\xa7\n--\n****",
	    "Ja" },
};

struct html_case {
	const char	*name;
	const char	*in;
	const char	*want;
};

static const struct html_case html_cases[] = {
	{ "no quote", "<p>Ja, ik kom.</p>", "<p>Ja, ik kom.</p>" },
	{ "empty", "", "" },
	{ "gmail_quote", "<div>Ja</div><div class=\"gmail_quote\"><div "
	    "class=\"gmail_attr\">Op di schreef X:</div><blockquote "
	    "class=\"gmail_quote\">Komt u?</blockquote></div><br>",
	    "<div>Ja</div><br>" },
	{ "gmail_quote among other classes", "Ja<div class=\"gmail_quote "
	    "gmail_quote_container\">Op … schreef:<div>x</div></div>!",
	    "Ja!" },
	{ "gmail_default is not a quote", "<div class=\"gmail_default\">Ja"
	    "</div>", "<div class=\"gmail_default\">Ja</div>" },
	{ "blockquote type=cite", "Ja<blockquote type=\"cite\"><div>On … "
	    "wrote:</div>Komt u?</blockquote>", "Ja" },
	{ "nested blockquotes", "Ja<blockquote>a<blockquote>b</blockquote>"
	    "c</blockquote>d", "Jad" },
	{ "uppercase tags", "Ja<BLOCKQUOTE TYPE=CITE>Komt u?</BLOCKQUOTE>!",
	    "Ja!" },
	{ "uppercase Outlook id", "Ja<DIV ID=divRplyFwdMsg>Van: X</DIV>Komt "
	    "u?", "Ja" },
	{ "divRplyFwdMsg and after", "<p>Nee</p><div id=\"appendonsend\">"
	    "</div><hr><div id=\"divRplyFwdMsg\" dir=\"ltr\"><b>Van:</b> X"
	    "</div><div>Komt u?</div>", "<p>Nee</p>" },
	{ "divRplyFwdMsg alone", "<p>Nee</p><hr tabindex=\"-1\"><div id="
	    "\"divRplyFwdMsg\"><b>Van:</b> X</div><p>Komt u?</p>",
	    "<p>Nee</p><hr tabindex=\"-1\">" },
	{ "Outlook border-top E1E1E1", "<p>Ja</p><div style=\"border:none;"
	    "border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm\"><p>"
	    "<b>Van:</b> X</p></div><p>Komt u?</p>", "<p>Ja</p>" },
	{ "Outlook border-top B5C4DF", "<p>Ja</p><div style='border:none;"
	    "border-top:solid #B5C4DF 1.0pt'><b>From:</b> X</div>Will you?",
	    "<p>Ja</p>" },
	{ "other border-top kept", "<div style=\"border-top:1px dotted red\">"
	    "Ja</div>", "<div style=\"border-top:1px dotted red\">Ja</div>" },
	{ "yahoo_quoted", "Ja<div id=\"yahoo_quoted_123\" class=\"yahoo_"
	    "quoted\"><div>Komt u?</div></div>", "Ja" },
	{ "moz-cite-prefix", "Ja<br><div class=\"moz-cite-prefix\">Op 20-02-"
	    "2024 schreef X:<br></div><blockquote type=\"cite\">Komt u?"
	    "</blockquote>", "Ja<br>" },
	{ "unclosed blockquote runs to the end", "Ja<blockquote>Komt u?<div>",
	    "Ja" },
	{ "unclosed tag is text", "Ja <div class=\"gmail_quote\"",
	    "Ja <div class=\"gmail_quote\"" },
	{ "stray close tags kept", "Ja</div></blockquote>",
	    "Ja</div></blockquote>" },
	{ "comment hides a blockquote", "Ja<!-- <blockquote> -->!",
	    "Ja<!-- <blockquote> -->!" },
	{ "unclosed comment", "Ja<!-- <blockquote>", "Ja<!-- <blockquote>" },
	{ "'>' inside an attribute", "<a title=\"a>b\">Ja</a><blockquote>x"
	    "</blockquote>", "<a title=\"a>b\">Ja</a>" },
	{ "unbalanced attribute quote", "<p class=\"x>Ja</p><blockquote>q"
	    "</blockquote>", "<p class=\"x>Ja</p>" },
	{ "lone '<' in text", "3 < 4 en ja<blockquote>q</blockquote>",
	    "3 < 4 en ja" },
	{ "style text is not markup", "<style>p{}</style>Ja<blockquote>q"
	    "</blockquote>", "<style>p{}</style>Ja" },
	{ "self-closed quote div", "Ja<div class=\"gmail_quote\"/>!",
	    "Ja!" },
	{ "hotmail stopSpelling", "Ja<div><hr id=\"stopSpelling\">Date: x"
	    "</div>", "Ja<div>" },
};

/* quote_visible and quote_html_strip on every prefix of s: no crash,
   never NULL, no leak (run under ASan). */
static int
prefixes(const char *s)
{
	char	*cut, *v, *h;
	size_t	 n, len = strlen(s);
	int	 bad = 0;

	for (n = 0; n <= len; n++) {
		cut = xstrndup(s, n);
		v = quote_visible(cut);
		h = quote_html_strip(cut);
		bad += v == NULL || h == NULL;
		free(v);
		free(h);
		free(cut);
	}
	return bad;
}

/* Deterministic noise made of the bytes that matter to both scanners. */
static int
noise(void)
{
	static const char	 alphabet[] = "<>/=\"' \n\r-_*:@>>>abdq!"
	    "blockquote div class gmail_quote On Op schreef wrote 2024 12:00 "
	    "Van: Aan: Onderwerp: -- \xc2\xa0\xe1\x90\xa7";
	unsigned long		 seed = 12345;
	char			 s[512], *v, *h;
	size_t			 i, round;
	int			 bad = 0;

	for (round = 0; round < 2000; round++) {
		for (i = 0; i < sizeof(s) - 1; i++) {
			seed = seed * 1103515245 + 12345;
			s[i] = alphabet[(seed >> 16) % (sizeof(alphabet) - 1)];
		}
		s[(seed >> 8) % sizeof(s)] = '\0';
		s[sizeof(s) - 1] = '\0';
		v = quote_visible(s);
		h = quote_html_strip(s);
		bad += v == NULL || h == NULL;
		free(v);
		free(h);
	}
	return bad;
}

/* What is not ours: an answer typed inside an unquoted copy of our mail. */
static void
not_ours(void)
{
	static const char ours[] =
	    "Beste Marjolein,\n\nWe hebben nog geen antwoord van je voor de "
	    "bijeenkomst van Leernetwerk Oost:\n\n- Wanneer: donderdag 14 "
	    "januari 2027\n\nAntwoord gewoon op deze mail met *ja*, *nee* of "
	    "*misschien*.\n\nHartelijke groet,\nLeernetwerk Oost\n";
	static const char reply[] =
	    "Marjolein de Graaf\r\n\r\nVan: Leernetwerk Oost "
	    "<bot@mailbot.test>\r\nVerzonden: donderdag 31 december 2026 "
	    "08:30\r\nOnderwerp: Kom je?\r\n\r\nBeste  Marjolein,\r\n\r\n"
	    "We hebben nog geen antwoord van je voor de bijeenkomst van "
	    "Leernetwerk Oost:\r\n- Wanneer: donderdag 14 januari 2027\r\n"
	    "Antwoord gewoon op deze mail met ja, nee of misschien.\r\n"
	    "Ja.\r\n> Hartelijke groet,\r\nLeernetwerk Oost\r\n";
	char	*got;

	got = quote_not_ours(reply, ours);
	CHECK_STR(got, "Marjolein de Graaf\nJa.", "not ours: the inline "
	    "answer and the name stay; our lines (emphasis, spacing, '>' "
	    "aside) and the client's header block go");
	free(got);
	got = quote_not_ours("Ja, ik kom.\n", "");
	CHECK_STR(got, "Ja, ik kom.", "not ours: with nothing of ours, all");
	free(got);
	got = quote_not_ours("", ours);
	CHECK_STR(got, "", "not ours: an empty reply");
	free(got);
}

int
main(void)
{
	char	*got;
	size_t	 i;
	int	 bad = 0;

	not_ours();

	for (i = 0; i < nitems(visible_cases); i++) {
		got = quote_visible(visible_cases[i].in);
		CHECK_STR(got, visible_cases[i].want, "visible: %s",
		    visible_cases[i].name);
		free(got);
		bad += prefixes(visible_cases[i].in);
	}
	for (i = 0; i < nitems(html_cases); i++) {
		got = quote_html_strip(html_cases[i].in);
		CHECK_STR(got, html_cases[i].want, "html strip: %s",
		    html_cases[i].name);
		free(got);
		bad += prefixes(html_cases[i].in);
	}
	CHECK(bad == 0, "every prefix of every input is handled");
	CHECK(noise() == 0, "2000 strings of noise are handled");
	return check_done();
}
