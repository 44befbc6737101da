/*
 * csv.c: a small RFC 4180 reader. Pure: it works on a buffer the caller
 * read. Fields are copied out as NUL-terminated strings.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "util.h"

#define CSV_FIELD_MAX	(64 * 1024)

struct csv_reader {
	const char	*p;
	const char	*end;
	size_t		 line;
	char		 sep;
};

static char
csv_detect(const char *p, const char *end)
{
	bool	 quoted = false, semi = false;

	for (; p < end && (quoted || (*p != '\n' && *p != '\r')); p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted && *p == ',')
			return ',';
		else if (!quoted && *p == ';')
			semi = true;
	}
	return semi ? ';' : ',';
}

/* Reads one quoted field, r->p just past the opening quote. */
static int
csv_quoted(struct csv_reader *r, struct buf *f, char **cause)
{
	size_t	 start = r->line;

	for (;;) {
		if (r->p >= r->end) {
			xasprintf(cause, "line %zu: quoted field is not closed",
			    start);
			return -1;
		}
		if (*r->p == '"') {
			if (r->p + 1 < r->end && r->p[1] == '"') {
				buf_add(f, "\"", 1);
				r->p += 2;
				continue;
			}
			r->p++;
			break;
		}
		if (*r->p == '\n')
			r->line++;
		if (buf_add(f, r->p, 1) == -1) {
			xasprintf(cause, "line %zu: field too long", start);
			return -1;
		}
		r->p++;
	}
	if (r->p < r->end && *r->p != r->sep && *r->p != '\n' &&
	    *r->p != '\r') {
		xasprintf(cause, "line %zu: text after a closing quote",
		    r->line);
		return -1;
	}
	return 0;
}

static int
csv_plain(struct csv_reader *r, struct buf *f, char **cause)
{
	while (r->p < r->end && *r->p != r->sep && *r->p != '\n' &&
	    *r->p != '\r') {
		if (*r->p == '"') {
			xasprintf(cause, "line %zu: a quote inside an unquoted "
			    "field (quote the whole field)", r->line);
			return -1;
		}
		if (buf_add(f, r->p, 1) == -1) {
			xasprintf(cause, "line %zu: field too long", r->line);
			return -1;
		}
		r->p++;
	}
	return 0;
}

/* Reads one record; the reader stands at the start of a non-blank line. */
static int
csv_record(struct csv_reader *r, struct csv_record *rec, char **cause)
{
	struct buf	 f;
	int		 rc;

	rec->line = r->line;
	for (;;) {
		buf_init(&f, CSV_FIELD_MAX);
		if (r->p < r->end && *r->p == '"') {
			r->p++;
			rc = csv_quoted(r, &f, cause);
		} else
			rc = csv_plain(r, &f, cause);
		if (rc == -1) {
			buf_free(&f);
			return -1;
		}
		rec->fields = xreallocarray(rec->fields, rec->nfields + 1,
		    sizeof(*rec->fields));
		rec->fields[rec->nfields++] = buf_take(&f);
		buf_free(&f);
		if (r->p < r->end && *r->p == r->sep) {
			r->p++;
			continue;
		}
		break;
	}
	if (r->p < r->end && *r->p == '\r')
		r->p++;
	if (r->p < r->end && *r->p == '\n')
		r->p++;
	r->line++;
	return 0;
}

struct csv *
csv_parse(const char *data, size_t len, char **cause)
{
	struct csv		*c;
	struct csv_reader	 r;
	struct csv_record	*rec;

	if (memchr(data, '\0', len) != NULL) {
		xasprintf(cause, "contains a NUL byte: not a text file");
		return NULL;
	}
	r.p = data;
	r.end = data + len;
	r.line = 1;
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		r.p += 3;
	c = xcalloc(1, sizeof(*c));
	c->sep = r.sep = csv_detect(r.p, r.end);
	while (r.p < r.end) {
		if (*r.p == '\r' || *r.p == '\n') {
			if (*r.p == '\n')
				r.line++;
			r.p++;
			continue;
		}
		c->records = xreallocarray(c->records, c->nrecords + 1,
		    sizeof(*c->records));
		rec = &c->records[c->nrecords++];
		memset(rec, 0, sizeof(*rec));
		if (csv_record(&r, rec, cause) == -1) {
			csv_free(c);
			return NULL;
		}
	}
	return c;
}

void
csv_free(struct csv *c)
{
	size_t	 i, j;

	if (c == NULL)
		return;
	for (i = 0; i < c->nrecords; i++) {
		for (j = 0; j < c->records[i].nfields; j++)
			free(c->records[i].fields[j]);
		free(c->records[i].fields);
	}
	free(c->records);
	free(c);
}
