/*
 * header.c: a header section (RFC 5322 section 2.2) read once, at the
 * edge: line ends made CRLF and NUL bytes spaces, fields unfolded and
 * trimmed, lines that are no field dropped; and the values mail reads
 * from it: addresses (bare, lower-cased), display names and dates.
 * Pure: no I/O.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <libetpan/libetpan.h>

#include "charset.h"
#include "header.h"
#include "rfc2047.h"
#include "util.h"

/* Bounds that keep hostile input cheap. */
#define MAX_FIELDS	1000		/* header fields kept */
#define HEADER_MAX	(64 * 1024)	/* a longer field is cut */

/* CRLF line ends (from LF, CRLF or lone CR) and no NUL bytes. */
void
header_normalize(struct buf *b, const char *raw, size_t len)
{
	size_t	 i, start;

	start = 0;
	for (i = 0; i < len; i++) {
		if (raw[i] != '\r' && raw[i] != '\n' && raw[i] != '\0')
			continue;
		buf_add(b, raw + start, i - start);
		start = i + 1;
		if (raw[i] == '\0') {
			buf_add(b, " ", 1);
			continue;
		}
		buf_add(b, "\r\n", 2);
		if (raw[i] == '\r' && i + 1 < len && raw[i + 1] == '\n') {
			i++;
			start = i + 1;
		}
	}
	buf_add(b, raw + start, len - start);
}

static bool
is_field_line(const char *line, size_t len, size_t *colon_out)
{
	size_t	 i;

	for (i = 0; i < len; i++) {
		if (line[i] == ':')
			break;
		if ((unsigned char)line[i] <= 32 ||
		    (unsigned char)line[i] >= 127)
			break;
	}
	/* "Subject :" (white space before the colon) is read too */
	while (i < len && (line[i] == ' ' || line[i] == '\t'))
		i++;
	if (i == 0 || i >= len || line[i] != ':')
		return false;
	*colon_out = i;
	return true;
}

static void
field_add(struct header *h, const char *line, size_t len, size_t colon)
{
	struct header_field	*f;
	size_t		 nl = colon;

	if (h->nfields >= MAX_FIELDS)
		return;
	while (nl > 0 && (line[nl - 1] == ' ' || line[nl - 1] == '\t'))
		nl--;
	h->fields = xreallocarray(h->fields, h->nfields + 1,
	    sizeof(*h->fields));
	f = &h->fields[h->nfields++];
	f->name = xstrndup(line, nl);
	f->len = len - colon - 1;
	if (f->len > HEADER_MAX)
		f->len = HEADER_MAX;
	f->size = f->len + 1;
	f->value = xstrndup(line + colon + 1, f->len);
}

static void
field_continue(struct header *h, const char *line, size_t len)
{
	struct header_field	*f;

	if (h->nfields == 0)
		return;
	f = &h->fields[h->nfields - 1];
	if (f->len + len > HEADER_MAX)
		return;
	if (f->len + len + 1 > f->size) {
		f->size = (f->len + len + 1) * 2;
		f->value = xreallocarray(f->value, f->size, 1);
	}
	memcpy(f->value + f->len, line, len);
	f->len += len;
	f->value[f->len] = '\0';
}

/*
 * Reads the top header block of the normalised text at s (CRLF lines).
 * Returns the offset of the body; lines that are neither a field nor a
 * continuation are dropped (a leniency). A leading mbox "From " line
 * is skipped.
 */
size_t
header_parse(struct header *h, const char *s, size_t len)
{
	size_t	 pos = 0, eol, colon, i, n;

	if (len >= 5 && memcmp(s, "From ", 5) == 0) {
		while (pos + 1 < len && memcmp(s + pos, "\r\n", 2) != 0)
			pos++;
		pos = pos + 2 <= len ? pos + 2 : len;
	}
	while (pos < len) {
		eol = pos;
		while (eol + 1 < len && memcmp(s + eol, "\r\n", 2) != 0)
			eol++;
		if (eol + 1 >= len)
			eol = len;
		n = eol - pos;
		if (n == 0) {
			pos = eol + 2 <= len ? eol + 2 : len;
			break;
		}
		if (s[pos] == ' ' || s[pos] == '\t')
			field_continue(h, s + pos, n);
		else if (is_field_line(s + pos, n, &colon))
			field_add(h, s + pos, n, colon);
		else if (h->nfields == 0)
			break;
		pos = eol + 2 <= len ? eol + 2 : len;
	}
	for (i = 0; i < h->nfields; i++)
		str_trim(h->fields[i].value);
	return pos;
}

void
header_clear(struct header *h)
{
	size_t	 i;

	if (h == NULL)
		return;
	for (i = 0; i < h->nfields; i++) {
		free(h->fields[i].name);
		free(h->fields[i].value);
	}
	free(h->fields);
	h->fields = NULL;
	h->nfields = 0;
}

const char *
header_get(const struct header *h, const char *name)
{
	size_t	 i;

	for (i = 0; i < h->nfields; i++)
		if (strcasecmp(h->fields[i].name, name) == 0)
			return h->fields[i].value;
	return NULL;
}

/* Copies an address or name without quotes and comments, trimmed. */
static char *
strip_quotes(const char *s, size_t len, bool drop_comments)
{
	struct buf	 b;
	size_t		 i;
	int		 paren = 0;

	buf_init(&b, SIZE_MAX);
	for (i = 0; i < len; i++) {
		if (s[i] == '(' && drop_comments)
			paren++;
		else if (s[i] == ')' && paren > 0)
			paren--;
		else if (paren > 0 || s[i] == '"')
			continue;
		else if (s[i] == '\\' && i + 1 < len)
			buf_add(&b, s + ++i, 1);
		else
			buf_add(&b, s + i, 1);
	}
	return str_trim(buf_take(&b));
}

/*
 * One mailbox: "Name <addr>", "addr (Name)" or "addr". The address is
 * lower-cased and bare; the name (when name_out) decoded.
 */
char *
header_mailbox(const char *s, size_t len, char **name_out, char **problem)
{
	const char	*lt, *gt, *p;
	char		*addr, *name, *raw;

	lt = memchr(s, '<', len);
	gt = lt != NULL ? memchr(lt, '>', len - (lt - s)) : NULL;
	if (lt != NULL) {
		if (gt == NULL)
			gt = s + len;
		addr = strip_quotes(lt + 1, gt - lt - 1, true);
		name = strip_quotes(s, lt - s, false);
	} else {
		addr = strip_quotes(s, len, true);
		p = memchr(s, '(', len);
		gt = p != NULL ? memchr(p, ')', len - (p - s)) : NULL;
		name = p != NULL && gt != NULL ?
		    strip_quotes(p + 1, gt - p - 1, false) : xstrdup("");
	}
	if (name_out != NULL) {
		*name_out = *name != '\0' ?
		    rfc2047_decode(name, problem) : NULL;
	}
	free(name);
	raw = charset_raw_to_utf8(addr, strlen(addr));
	free(addr);
	return str_lower(raw);
}

/*
 * Splits an address list on commas outside quotes, angle brackets and
 * comments; group names ("team: a@b, c@d;") are dropped. Returns the
 * bare addresses joined by ", ", or the first one only when first.
 */
char *
header_addresses(const char *s, bool first, char **problem)
{
	struct buf	 b;
	size_t		 i, start = 0;
	int		 quote = 0, angle = 0, paren = 0;
	char		*a;

	buf_init(&b, SIZE_MAX);
	for (i = 0;; i++) {
		if (s[i] == '"' && (i == 0 || s[i - 1] != '\\'))
			quote = !quote;
		else if (!quote && s[i] == '<')
			angle = 1;
		else if (!quote && s[i] == '>')
			angle = 0;
		else if (!quote && s[i] == '(')
			paren++;
		else if (!quote && s[i] == ')' && paren > 0)
			paren--;
		else if (!quote && !angle && !paren && s[i] == ':')
			start = i + 1;	/* a group name */
		if (s[i] != '\0' && (quote || angle || paren ||
		    (s[i] != ',' && s[i] != ';')))
			continue;
		a = header_mailbox(s + start, i - start, NULL, problem);
		if (*a != '\0') {
			if (b.len > 0)
				buf_addstr(&b, ", ");
			buf_addstr(&b, a);
		}
		free(a);
		if (s[i] == '\0' || (first && b.len > 0))
			break;
		start = i + 1;
	}
	return buf_take(&b);
}

/* RFC 5322 date to time_t; 0 when it does not parse. */
time_t
header_date(const char *s)
{
	struct mailimf_date_time	*dt = NULL;
	struct tm			 tm;
	size_t				 indx = 0;
	time_t				 t;
	int				 off;

	if (mailimf_date_time_parse(s, strlen(s), &indx, &dt) !=
	    MAILIMF_NO_ERROR)
		return 0;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = dt->dt_year < 100 ? dt->dt_year + (dt->dt_year < 50 ?
	    100 : 0) : dt->dt_year - 1900;
	tm.tm_mon = dt->dt_month - 1;
	tm.tm_mday = dt->dt_day;
	tm.tm_hour = dt->dt_hour;
	tm.tm_min = dt->dt_min;
	tm.tm_sec = dt->dt_sec;
	off = (dt->dt_zone / 100) * 60 + dt->dt_zone % 100;
	mailimf_date_time_free(dt);
	if (tm.tm_mon < 0 || tm.tm_mon > 11 || tm.tm_mday < 1 ||
	    tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 ||
	    tm.tm_sec > 60)
		return 0;
	if ((t = timegm(&tm)) == (time_t)-1)
		return 0;
	return t - (time_t)off * 60;
}
