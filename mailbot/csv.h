/*
 * csv.h: RFC 4180 CSV, as spreadsheets export it. Pure.
 */
#ifndef MAILBOT_CSV_H
#define MAILBOT_CSV_H

#include <stddef.h>

struct csv_record {
	size_t	  line;		/* line number where the record starts */
	size_t	  nfields;
	char	**fields;
};

struct csv {
	char			 sep;	/* ',' or ';' (detected) */
	size_t			 nrecords;
	struct csv_record	*records;
};

/*
 * csv_parse: splits data (len bytes) into records of fields. Quoted fields
 * may hold separators, doubled quotes and line breaks; CRLF and LF both end
 * a record; blank lines are skipped; a UTF-8 byte-order mark is dropped.
 * The separator is ',' unless the first line has no comma but a ';' (as
 * Dutch spreadsheets write). Returns NULL with *cause ("line N: …") on a
 * malformed quote or a NUL byte.
 */
struct csv	*csv_parse(const char *data, size_t len, char **cause);
void		 csv_free(struct csv *);

#endif
