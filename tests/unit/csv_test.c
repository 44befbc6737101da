/* csv_test.c: RFC 4180 as spreadsheets write it, and broken files. */
#include <stdlib.h>

#include "check.h"
#include "csv.h"

static struct csv *
parse(const char *s, char **cause)
{
	*cause = NULL;
	return csv_parse(s, strlen(s), cause);
}

static void
check_fields(const char *name, const char *in, size_t rec, const char *want)
{
	struct csv	*c;
	char		*cause, joined[512] = "";
	size_t		 i;

	c = parse(in, &cause);
	if (c == NULL || rec >= c->nrecords) {
		CHECK(0, "%s: parsed (%s)", name, cause ? cause : "no record");
		free(cause);
		csv_free(c);
		return;
	}
	for (i = 0; i < c->records[rec].nfields; i++) {
		if (i > 0)
			strncat(joined, "|", sizeof(joined) - strlen(joined) - 1);
		strncat(joined, c->records[rec].fields[i],
		    sizeof(joined) - strlen(joined) - 1);
	}
	CHECK_STR(joined, want, "%s", name);
	csv_free(c);
}

static void
check_error(const char *name, const char *in, const char *want)
{
	struct csv	*c;
	char		*cause;

	c = parse(in, &cause);
	CHECK(c == NULL && cause != NULL && strstr(cause, want) != NULL,
	    "%s: [%s]", name, cause ? cause : "(accepted)");
	csv_free(c);
	free(cause);
}

int
main(void)
{
	struct csv	*c;
	char		*cause;

	check_fields("plain fields", "a,b,c\n", 0, "a|b|c");
	check_fields("empty fields", "a,,c,\n", 0, "a||c|");
	check_fields("quoted comma", "\"a,b\",c\n", 0, "a,b|c");
	check_fields("doubled quote", "\"O\"\"Brien\",x\n", 0, "O\"Brien|x");
	check_fields("quoted newline", "\"line1\nline2\",x\n", 0,
	    "line1\nline2|x");
	check_fields("CRLF", "a,b\r\nc,d\r\n", 1, "c|d");
	check_fields("no final newline", "a,b\nc,d", 1, "c|d");
	check_fields("BOM dropped", "\xef\xbb\xbf" "email,name\n", 0,
	    "email|name");
	check_fields("semicolons detected", "email;name\nx@y.z;\"A; B\"\n", 1,
	    "x@y.z|A; B");
	check_fields("comma wins over semicolon", "a;b,c\n", 0, "a;b|c");
	check_fields("blank lines skipped", "a\n\n\r\nb\n", 1, "b");
	check_fields("UTF-8 kept", "Zo\xc3\xab,\xc3\x87\n", 0,
	    "Zo\xc3\xab|\xc3\x87");

	c = parse("h1,h2\n\n\"x\ny\",z\nlast,row\n", &cause);
	CHECK(c != NULL && c->nrecords == 3, "three records");
	CHECK(c != NULL && c->records[1].line == 3,
	    "a record's line is where it starts");
	CHECK(c != NULL && c->records[2].line == 5,
	    "lines inside quotes are counted");
	csv_free(c);

	check_error("unclosed quote", "a,b\n\"open,x\n", "line 2: quoted "
	    "field is not closed");
	check_error("text after quote", "\"a\"b,c\n", "line 1: text after a "
	    "closing quote");
	check_error("bare quote", "a,b\"c\n", "line 1: a quote inside");
	{
		const char	 nul[] = "a,b\0c\n";

		cause = NULL;
		c = csv_parse(nul, sizeof(nul) - 1, &cause);
		CHECK(c == NULL && cause != NULL, "a NUL byte is refused");
		free(cause);
	}
	c = parse("", &cause);
	CHECK(c != NULL && c->nrecords == 0, "an empty file has no records");
	csv_free(c);
	return check_done();
}
