/*
 * understand_explain: prints how mailbot reads a reply's own words, clause
 * by clause, and what it understood: the first step of turning a misread
 * into a fixture. Usage: understand_explain 'TEXT' (or the text on
 * standard input); understand_explain --eml FILE reads a whole message as
 * mailbot does (MIME, quotes and signatures cut) and prints its own words
 * first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mail.h"
#include "quote.h"
#include "understand.h"
#include "util.h"

int
main(int argc, char **argv)
{
	struct understanding	 u;
	struct buf		 b;
	char			 chunk[4096], *text, *why;
	size_t			 n, i;

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
	why = understand_explain(text, NULL);
	fputs(why, stdout);
	understand_text(text, NULL, &u);
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
	return 0;
}
