/*
 * header.h: a header section (RFC 5322) as a list of unfolded fields, and
 * the values read from them: addresses, display names, dates. Pure.
 */
#ifndef MAILBOT_HEADER_H
#define MAILBOT_HEADER_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

struct buf;

/* One field, unfolded (line ends removed), its value trimmed. */
struct header_field {
	char	*name;		/* as written, without the colon */
	char	*value;		/* bytes as written: not decoded */
	/* header_parse's own, while it joins continuation lines */
	size_t	 len;
	size_t	 size;
};

/* A header section: its fields in order. Zero it before header_parse. */
struct header {
	struct header_field	*fields;
	size_t			 nfields;
};

/*
 * header_normalize: appends the len bytes at raw (need not be
 * NUL-terminated) to b with CRLF line ends (from LF, CRLF or a lone CR)
 * and each NUL byte a space: the text header_parse reads.
 */
void	header_normalize(struct buf *b, const char *raw, size_t len);

/*
 * header_parse: reads the header section at the start of s (len bytes,
 * normalised by header_normalize) into h, zeroed or cleared before.
 * Continuation lines are joined to their field (the CRLF dropped, the
 * white space kept); a name may have white space before its colon; a
 * leading mbox "From " line is skipped; a line that is neither a field
 * nor a continuation is dropped (a leniency), unless no field came yet,
 * where it ends the section. At most 1000 fields are kept, a value is cut
 * at 64 KiB. Returns the offset of what follows the section: just past
 * the blank line that ends it, len when there is none, or the start of
 * the line that is not a field. Never fails; h->nfields is 0 when there
 * was no field. Free what h holds with header_clear.
 */
size_t	header_parse(struct header *h, const char *s, size_t len);

/* header_clear: frees what h holds and zeroes it; accepts NULL. */
void	header_clear(struct header *h);

/*
 * header_get: the value of the first field named name (in any case), or
 * NULL. Lent: it lives as long as h.
 */
const char	*header_get(const struct header *h, const char *name);

/*
 * header_mailbox: one mailbox of the len bytes at s: "Name <addr>",
 * "addr (Name)" or "addr". Returns the address, bare (no quotes,
 * comments or angle brackets), lower-cased and UTF-8 ("" when there is
 * none), which the caller frees. When name_out is not NULL, *name_out is
 * the display name with its RFC 2047 words decoded, or NULL when it has
 * none. An unknown charset is noted in *problem (see charset_note;
 * problem may be NULL).
 */
char	*header_mailbox(const char *s, size_t len, char **name_out,
	    char **problem);

/*
 * header_addresses: the addresses of the list s, split on commas (and the
 * semicolon that ends a group) outside quotes, angle brackets and
 * comments, each bare and lower-cased as header_mailbox makes it; group
 * names ("team: a@b, c@d;") and empty entries are dropped. Returns them
 * joined by ", ", or only the first one when first; "" when none. The
 * caller frees it.
 */
char	*header_addresses(const char *s, bool first, char **problem);

/*
 * header_date: an RFC 5322 date ("Mon, 23 Nov 2026 10:00:00 +0100") as a
 * time_t; a two-digit year is 1950..2049. 0 when it does not parse or a
 * field is out of range.
 */
time_t	header_date(const char *s);

#endif
