/*
 * understand_explain: prints how mailbot reads a reply's own words, clause
 * by clause, and what it understood: the first step of turning a misread
 * into a fixture. Usage: understand_explain 'TEXT' (or the text on
 * standard input); understand_explain --eml FILE reads a whole message as
 * mailbot does (MIME, quotes and signatures cut) and prints its own words
 * first. Before those: -m 'YYYY-MM-DD|place|theme|group|other' (again
 * for each meeting, "other" or "mine" last), -p N (the parent, an index),
 * -o 'OWNER NAMES', -s 'SUBJECT' give the reader its context.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mail.h"
#include "quote.h"
#include "understand.h"
#include "util.h"

static struct understand_meeting	 meets[16];
static char				*meet_text[16];

/* "2027-01-14|Zwolle|Governance en toezicht|1|mine" */
static void
meeting_arg(struct understand_context *c, const char *arg)
{
	struct understand_meeting	*g = &meets[c->nmeetings];
	char				*s, *f[5] = { 0 };
	size_t				 i;
	struct tm			 tm = { 0 };

	if (c->nmeetings == 16)
		return;
	s = meet_text[c->nmeetings] = xstrdup(arg);
	for (i = 0; i < 5; i++)
		f[i] = strsep(&s, "|");
	sscanf(f[0], "%d-%d-%d", &g->year, &g->month, &g->day);
	tm.tm_year = g->year - 1900;
	tm.tm_mon = g->month - 1;
	tm.tm_mday = g->day;
	tm.tm_hour = 12;
	mktime(&tm);
	g->wday = tm.tm_wday;
	g->place = f[1];
	g->theme = f[2];
	g->group = f[3] != NULL ? atoll(f[3]) : 0;
	g->other = f[4] != NULL && strcmp(f[4], "other") == 0;
	c->meetings = meets;
	c->nmeetings++;
}

int
main(int argc, char **argv)
{
	struct understand_context c = { NULL, NULL, 0, UNDERSTAND_NO_MEETING,
	    NULL };
	int	 a = 1;
	struct understanding	 u;
	struct buf		 b;
	char			 chunk[4096], *text, *why;
	size_t			 n, i;

	for (; a + 1 < argc && argv[a][0] == '-' && argv[a][2] == '\0'; a += 2) {
		if (argv[a][1] == 'm')
			meeting_arg(&c, argv[a + 1]);
		else if (argv[a][1] == 'p')
			c.parent = (size_t)atoi(argv[a + 1]);
		else if (argv[a][1] == 'o')
			c.owner = argv[a + 1];
		else if (argv[a][1] == 's')
			c.subject = argv[a + 1];
	}
	argc -= a - 1;
	argv += a - 1;
	buf_init(&b, 16 << 20);
	if (argc > 2 && strcmp(argv[1], "--eml") == 0) {
		FILE		*f = fopen(argv[2], "r");
		struct mail	*m;

		if (f == NULL) {
			perror(argv[2]);
			return 1;
		}
		while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
			buf_add(&b, chunk, n);
		fclose(f);
		m = mail_parse(b.data, b.len, 16 << 20, &why);
		if (m == NULL) {
			fprintf(stderr, "%s: %s\n", argv[2], why);
			return 1;
		}
		text = quote_mail_visible(m);
		printf("subject: %s\nvisible: [%s]\n", m->subject ?
		    m->subject : "-", text);
		mail_free(m);
		buf_free(&b);
	} else {
		if (argc > 1)
			buf_addstr(&b, argv[1]);
		else
			while ((n = fread(chunk, 1, sizeof(chunk),
			    stdin)) > 0)
				buf_add(&b, chunk, n);
		text = buf_take(&b);
	}
	why = understand_explain(text, &c);
	fputs(why, stdout);
	understand_reply(text, &c, &u);
	printf("answer=%s intent=%d question=%d unclear=%d join=%d leave=%d "
	    "thanks=%d defer=%d late=%d early=%d\n",
	    understand_answer_name(u.answer), u.intent, u.question, u.unclear,
	    u.join, u.leave, u.thanks, u.defer, u.late, u.early);
	for (i = 0; i < u.nitems; i++)
		printf("item %zu: %s for meeting %zu: \"%s\"\n", i,
		    understand_answer_name(u.items[i].answer),
		    u.items[i].meeting, u.items[i].evidence);
	printf("note: %s\nquestion: %s\n", u.note ? u.note : "-",
	    u.question_text ? u.question_text : "-");
	understanding_clear(&u);
	free(why);
	free(text);
	for (i = 0; i < c.nmeetings; i++)
		free(meet_text[i]);
	return 0;
}
