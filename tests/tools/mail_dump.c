/*
 * mail_dump.c: a test tool that reads one message with mail_parse and
 * prints its fields one per line ("field: value", newlines in values as
 * "\n"), for people and for tests/cli/mail_corpus.sh.
 *   mail_dump FILE
 * Exit 1 when FILE cannot be read or is not a message, 2 on usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mail.h"
#include "util.h"

#define DUMP_MAX	(64 * 1024 * 1024)

static void
field(const char *name, const char *v)
{
	const char	*p;

	if (v == NULL)
		return;
	printf("%s: ", name);
	for (p = v; *p != '\0'; p++) {
		if (*p == '\n')
			fputs("\\n", stdout);
		else if (*p != '\r')
			putchar(*p);
	}
	putchar('\n');
}

static void
dump(const struct mail *m)
{
	size_t	 i;

	field("message_id", m->message_id);
	field("in_reply_to", m->in_reply_to);
	field("references", m->references);
	field("from_addr", m->from_addr);
	field("from_name", m->from_name);
	field("reply_to", m->reply_to);
	field("to", m->to);
	field("subject", m->subject);
	field("date_text", m->date_text);
	printf("date: %lld\n", (long long)m->date);
	field("return_path", m->return_path);
	field("auto_submitted", m->auto_submitted);
	field("precedence", m->precedence);
	field("x_auto_response_suppress", m->x_auto_response_suppress);
	printf("has_list_headers: %d\nhas_x_loop: %d\nis_ours: %d\n",
	    m->has_list_headers, m->has_x_loop, m->is_ours);
	printf("is_report: %d\n", m->is_report);
	field("report_type", m->report_type);
	printf("has_dsn_part: %d\nndsn: %zu\n", m->has_dsn_part, m->ndsn);
	for (i = 0; i < m->ndsn; i++)
		printf("dsn: %s %s %s %s\n",
		    m->dsn[i].recipient ? m->dsn[i].recipient : "-",
		    m->dsn[i].action ? m->dsn[i].action : "-",
		    m->dsn[i].status ? m->dsn[i].status : "-",
		    m->dsn[i].diagnostic ? m->dsn[i].diagnostic : "-");
	printf("ncals: %zu\nnested_cals: %zu\n", m->ncals, m->nested_cals);
	for (i = 0; i < m->ncals; i++)
		printf("cal: %s %zu bytes\n", m->cals[i].method ?
		    m->cals[i].method : "-", strlen(m->cals[i].text));
	field("problem", m->problem);
	field("html", m->html != NULL ? "(present)" : NULL);
	field("text", m->text);
}

int
main(int argc, char **argv)
{
	struct mail	*m;
	struct buf	 b;
	char		 chunk[8192], *cause = NULL;
	size_t		 n;
	FILE		*f;

	if (argc != 2) {
		fprintf(stderr, "usage: mail_dump FILE\n");
		return 2;
	}
	if ((f = fopen(argv[1], "rb")) == NULL) {
		perror(argv[1]);
		return 1;
	}
	buf_init(&b, DUMP_MAX + 1);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (buf_add(&b, chunk, n) == -1)
			break;
	fclose(f);
	m = mail_parse(b.data != NULL ? b.data : "", b.len, DUMP_MAX, &cause);
	buf_free(&b);
	if (m == NULL) {
		fprintf(stderr, "mail_dump: %s: %s\n", argv[1], cause);
		free(cause);
		return 1;
	}
	dump(m);
	mail_free(m);
	return 0;
}
