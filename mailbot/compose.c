/*
 * compose.c: one complete outgoing message. The RFC 5322 header is written
 * here (folding, RFC 2047 encoded-words); libetpan builds and writes the
 * MIME tree: part headers, base64, multipart framing. Pure: no I/O; the
 * only input from outside is gnutls_rnd for the multipart boundaries.
 */
#include <assert.h>
#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <gnutls/gnutls.h>
#include <gnutls/crypto.h>
#include <libetpan/libetpan.h>

#include "compose.h"
#include "log.h"
#include "util.h"

#define LINE_PREF	78	/* RFC 5322 2.1.1: lines SHOULD stay within */
#define EW_MAX		75	/* RFC 2047 2: longest encoded-word */
#define EW_MIN		24	/* room for the prefix, one 4-byte character
				   (12) and the suffix; less: fold first */
#define EW_PREFIX	"=?UTF-8?Q?"
#define WORD_MAX	60	/* a longer plain word is encoded, so that it
				   can be folded */
#define QP_TEXT_MAX	75	/* RFC 2045 6.7 (5): 76 with the soft '=' */
#define INPUT_MAX	(16 * 1024 * 1024)
#define ID_MAX		250	/* message ids and addresses */
#define FILE_MAX	64	/* attachment file name */
#define BOUNDARY_RND	12	/* random bytes, 24 hex digits */

/* A header field being written: the column decides where to fold. */
struct hdr {
	struct buf	*b;
	size_t		 col;
	size_t		 nwords;
};

/* The encoded bodies and boundaries; the MIME tree borrows them. */
struct parts {
	char	*text;
	size_t	 text_len;
	char	*html;
	size_t	 html_len;
	char	*cal;
	size_t	 cal_len;
	char	*cal_type;
	char	 b_alt[2 + 2 * BOUNDARY_RND + 1];
	char	 b_mixed[2 + 2 * BOUNDARY_RND + 1];
};

/* libetpan reports exhausted memory with NULL: as the x-allocators do. */
static void *
need(void *p)
{
	if (p == NULL)
		fatalx("compose: out of memory in libetpan");
	return p;
}

static void
need_ok(int r)
{
	if (r != MAILIMF_NO_ERROR)
		fatalx("compose: libetpan could not add a MIME part (%d)", r);
}

/* White space, a C0 or C1 control character or DEL: all become a space. */
static bool
is_blank_char(const unsigned char *p, size_t n)
{
	return (n == 1 && (*p <= ' ' || *p == 0x7f)) ||
	    (n == 2 && p[0] == 0xc2 && p[1] < 0xa0);
}

/*
 * One line of header text, a new string: invalid UTF-8 becomes '?'; every
 * run of white space and control characters (CR, LF, C1 included) becomes
 * one space; the ends are trimmed. This is what keeps a name, subject or
 * kind from ever starting a header line of its own.
 */
static char *
header_clean(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	struct buf		 b;
	size_t			 n;
	bool			 space = false;

	buf_init(&b, SIZE_MAX);
	for (; *p != '\0'; p += n) {
		n = utf8_len(p, SIZE_MAX);
		if (n != 0 && is_blank_char(p, n)) {
			space = true;
			continue;
		}
		if (space && b.len > 0)
			buf_add(&b, " ", 1);
		space = false;
		if (n == 0) {
			buf_add(&b, "?", 1);
			n = 1;
		} else
			buf_add(&b, p, n);
	}
	return buf_take(&b);
}

static bool
is_ascii(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s >= 0x80)
			return false;
	return true;
}

/*
 * Whether clean header text must go out as encoded-words: it is not ASCII,
 * it looks like an encoded-word already, or a word is too long to fold.
 */
static bool
needs_encoding(const char *s)
{
	size_t	 word;

	if (!is_ascii(s) || strstr(s, "=?") != NULL)
		return true;
	while (*s != '\0') {
		word = strcspn(s, " ");
		if (word > WORD_MAX)
			return true;
		s += word;
		s += strspn(s, " ");
	}
	return false;
}

static void
hdr_begin(struct hdr *h, struct buf *b, const char *name)
{
	h->b = b;
	buf_addstr(b, name);
	buf_add(b, ":", 1);
	h->col = strlen(name) + 1;
	h->nwords = 0;
}

/*
 * One unbreakable word, after a space; when it would pass column 78 the
 * line is folded before it (RFC 5322 2.2.3), except right after the name.
 */
static void
hdr_word(struct hdr *h, const char *w, size_t len)
{
	if (h->nwords > 0 && h->col + 1 + len > LINE_PREF) {
		buf_add(h->b, "\r\n", 2);
		h->col = 0;
	}
	buf_add(h->b, " ", 1);
	buf_add(h->b, w, len);
	h->col += 1 + len;
	h->nwords++;
}

static void
hdr_end(struct hdr *h)
{
	buf_add(h->b, "\r\n", 2);
}

/*
 * RFC 2047 5 (3): the characters that may stand for themselves in a "Q"
 * encoded-word even inside a phrase; everything else is =XX, space is '_'.
 */
static size_t
q_char(unsigned char c, char *out)
{
	static const char	 hex[] = "0123456789ABCDEF";

	if (isalnum(c) || (c != '\0' && strchr("!*+-/", c) != NULL)) {
		out[0] = (char)c;
		return 1;
	}
	if (c == ' ') {
		out[0] = '_';
		return 1;
	}
	out[0] = '=';
	out[1] = hex[c >> 4];
	out[2] = hex[c & 0xf];
	return 3;
}

/*
 * Clean UTF-8 text as "Q" encoded-words, each at most 75 characters and
 * fitted to its line, never splitting a character (RFC 2047 5). The white
 * space between encoded-words is not part of the text, so the spaces of s
 * are all inside the words, as '_'. A word ends after a space where it
 * can: Python's parser, and by reports Thunderbird and Apple Mail, show a
 * word split over two encoded-words ("Overij" "ssel") with a space in it.
 */
static void
hdr_encoded(struct hdr *h, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s, *cut;
	char			 word[EW_MAX + 1], enc[12];
	size_t			 room, len, n, elen, i, cut_len;

	while (*p != '\0') {
		room = h->col + 1 < LINE_PREF ? LINE_PREF - h->col - 1 : 0;
		if (room < EW_MIN && h->nwords > 0)
			room = LINE_PREF - 1;	/* hdr_word will fold */
		if (room > EW_MAX)
			room = EW_MAX;
		assert(room >= EW_MIN);
		memcpy(word, EW_PREFIX, strlen(EW_PREFIX));
		len = strlen(EW_PREFIX);
		cut = NULL;
		cut_len = 0;
		while (*p != '\0') {
			/* header_clean made it valid */
			n = utf8_len(p, SIZE_MAX);
			for (i = 0, elen = 0; i < n; i++)
				elen += q_char(p[i], enc + elen);
			if (len + elen + 2 > room) {
				if (cut != NULL) {	/* after the last space */
					p = cut;
					len = cut_len;
				}
				break;
			}
			memcpy(word + len, enc, elen);
			len += elen;
			p += n;
			if (p[-1] == ' ' && *p != '\0') {
				cut = p;
				cut_len = len;
			}
		}
		memcpy(word + len, "?=", 2);
		len += 2;
		hdr_word(h, word, len);
	}
}

/* Unstructured text (RFC 5322 3.2.5): words folded, or encoded-words. */
static void
hdr_unstructured(struct hdr *h, const char *clean)
{
	const char	*s = clean;
	size_t		 word;

	if (needs_encoding(clean)) {
		hdr_encoded(h, clean);
		return;
	}
	while (*s != '\0') {
		word = strcspn(s, " ");
		hdr_word(h, s, word);
		s += word;
		s += strspn(s, " ");
	}
}

/*
 * A display name: an ASCII name as a quoted-string (with '\' before '"'
 * and '\'), otherwise encoded-words, which are safe in a phrase.
 */
static void
hdr_phrase(struct hdr *h, const char *clean)
{
	struct buf	 q;
	const char	*s;

	if (needs_encoding(clean) || strlen(clean) > WORD_MAX) {
		hdr_encoded(h, clean);
		return;
	}
	buf_init(&q, SIZE_MAX);
	buf_add(&q, "\"", 1);
	for (s = clean; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			buf_add(&q, "\\", 1);
		buf_add(&q, s, 1);
	}
	buf_add(&q, "\"", 1);
	hdr_word(h, q.data, q.len);
	buf_free(&q);
}

/* "Name" <addr>, or <addr> alone when the name is NULL or blank. */
static void
hdr_mailbox(struct buf *b, const char *field, const char *name,
    const char *addr)
{
	struct hdr	 h;
	char		*clean, *angle;
	int		 len;

	hdr_begin(&h, b, field);
	if (name != NULL) {
		clean = header_clean(name);
		if (*clean != '\0')
			hdr_phrase(&h, clean);
		free(clean);
	}
	len = xasprintf(&angle, "<%s>", addr);
	hdr_word(&h, angle, (size_t)len);
	free(angle);
	hdr_end(&h);
}

static void
hdr_text(struct buf *b, const char *field, const char *value)
{
	struct hdr	 h;
	char		*clean;

	hdr_begin(&h, b, field);
	clean = header_clean(value);
	hdr_unstructured(&h, clean);
	free(clean);
	hdr_end(&h);
}

/* RFC 5322 3.3, in UTC; names in English whatever the locale. */
static int
hdr_date(struct buf *b, time_t t, char **cause)
{
	static const char	*days[] = { "Sun", "Mon", "Tue", "Wed", "Thu",
	    "Fri", "Sat" };
	static const char	*months[] = { "Jan", "Feb", "Mar", "Apr", "May",
	    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct tm		 tm;

	if (gmtime_r(&t, &tm) == NULL || tm.tm_year + 1900 < 1900 ||
	    tm.tm_year + 1900 > 9999) {
		xasprintf(cause, "compose: date %lld is out of range",
		    (long long)t);
		return -1;
	}
	buf_printf(b, "Date: %s, %d %s %04d %02d:%02d:%02d +0000\r\n",
	    days[tm.tm_wday], tm.tm_mday, months[tm.tm_mon],
	    tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
	return 0;
}

/* The whole top-level header, up to the Content-Type libetpan writes. */
static int
header_write(struct buf *b, const struct compose_msg *m, char **cause)
{
	if (hdr_date(b, m->date, cause) == -1)
		return -1;
	hdr_mailbox(b, "From", m->from_name, m->from_addr);
	hdr_mailbox(b, "To", m->to_name, m->to_addr);
	if (m->reply_to != NULL)
		hdr_mailbox(b, "Reply-To", NULL, m->reply_to);
	hdr_text(b, "Subject", m->subject);
	buf_printf(b, "Message-ID: <%s>\r\n", m->message_id);
	if (m->in_reply_to != NULL) {
		buf_printf(b, "In-Reply-To: <%s>\r\n", m->in_reply_to);
		buf_printf(b, "References: <%s>\r\n", m->in_reply_to);
	}
	buf_addstr(b, "MIME-Version: 1.0\r\n");
	if (m->calendar != NULL)
		buf_addstr(b, "Content-Class: "
		    "urn:content-classes:calendarmessage\r\n");
	/* MS-OXCMAIL 2.2.3.2.14; RFC 3834 5 for Auto-Submitted. */
	if (m->is_auto) {
		buf_addstr(b, "X-Auto-Response-Suppress: OOF, AutoReply\r\n");
		buf_addstr(b, "Auto-Submitted: auto-generated\r\n");
	} else
		buf_addstr(b, "X-Auto-Response-Suppress: OOF\r\n");
	hdr_text(b, "X-Mailbot-Kind", m->kind);
	return 0;
}

/*
 * An address or message id as "left@right" with only dot-atom characters
 * (RFC 5322 3.2.3) on the left and letters, digits, '-' and '.' on the
 * right: nothing that could end a header or an angle-addr.
 */
bool
compose_id_is_safe(const char *s)
{
	const char	*at;
	size_t		 i, len = strlen(s);

	at = strchr(s, '@');
	if (at == NULL || at == s || at[1] == '\0' ||
	    strchr(at + 1, '@') != NULL || len > ID_MAX)
		return false;
	for (i = 0; s + i < at; i++)
		if (!isalnum((unsigned char)s[i]) &&
		    strchr(".!#$%&'*+/=?^_`{|}~-", s[i]) == NULL)
			return false;
	for (i = (size_t)(at - s) + 1; i < len; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '-' &&
		    s[i] != '.')
			return false;
	return true;
}

/* An attachment name goes into two quoted parameters: keep it plain. */
static bool
file_is_safe(const char *s)
{
	size_t	 len = strlen(s);

	return len > 0 && len <= FILE_MAX && s[0] != '.' &&
	    strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789._-") == len;
}

/* The METHOD property of the VCALENDAR, which must equal the parameter
   (RFC 6047 2.4); true when it does or when there is none. */
static bool
method_matches(const char *cal, const char *method)
{
	const char	*p = cal;
	size_t		 len = strlen(method);

	while (p != NULL) {
		if (strncasecmp(p, "METHOD:", 7) == 0)
			return strncasecmp(p + 7, method, len) == 0 &&
			    (p[7 + len] == '\r' || p[7 + len] == '\n' ||
			    p[7 + len] == '\0');
		p = strchr(p, '\n');
		if (p != NULL)
			p++;
	}
	return true;
}

static int
check_calendar(const struct compose_msg *m, char **cause)
{
	const char	*method = m->method;

	if (method == NULL || *method == '\0' ||
	    strspn(method, "ABCDEFGHIJKLMNOPQRSTUVWXYZ-") != strlen(method)) {
		xasprintf(cause, "compose: a calendar needs a method such as "
		    "REQUEST or CANCEL");
		return -1;
	}
	if (!method_matches(m->calendar, method)) {
		xasprintf(cause, "compose: the calendar's METHOD is not %s",
		    method);
		return -1;
	}
	if (m->ics_name != NULL && !file_is_safe(m->ics_name)) {
		xasprintf(cause, "compose: the attachment name may only hold "
		    "letters, digits, '.', '_' and '-'");
		return -1;
	}
	return 0;
}

/* Everything compose_build refuses, before anything is built. */
static int
compose_check(const struct compose_msg *m, char **cause)
{
	size_t	 total;

	if (m->kind == NULL || m->subject == NULL || m->text == NULL ||
	    m->from_addr == NULL || m->to_addr == NULL ||
	    m->message_id == NULL) {
		xasprintf(cause, "compose: kind, subject, text, from, to and "
		    "message id are required");
		return -1;
	}
	if (!compose_id_is_safe(m->from_addr) ||
	    !compose_id_is_safe(m->to_addr) ||
	    (m->reply_to != NULL && !compose_id_is_safe(m->reply_to))) {
		xasprintf(cause, "compose: an address is not a plain "
		    "local@domain address");
		return -1;
	}
	if (!compose_id_is_safe(m->message_id) ||
	    (m->in_reply_to != NULL &&
	    !compose_id_is_safe(m->in_reply_to))) {
		xasprintf(cause, "compose: a message id is not a plain "
		    "left@right id");
		return -1;
	}
	total = strlen(m->text) + (m->html != NULL ? strlen(m->html) : 0) +
	    (m->calendar != NULL ? strlen(m->calendar) : 0) +
	    strlen(m->subject);
	if (total > INPUT_MAX) {
		xasprintf(cause, "compose: the message would be too large");
		return -1;
	}
	return m->calendar != NULL ? check_calendar(m, cause) : 0;
}

/* A copy of s with every line ending CRLF (a lone CR or LF included). */
static char *
crlf_normalize(const char *s, size_t *len_out)
{
	struct buf	 b;
	size_t		 n;

	buf_init(&b, SIZE_MAX);
	while (*s != '\0') {
		n = strcspn(s, "\r\n");
		buf_add(&b, s, n);
		s += n;
		if (*s == '\0')
			break;
		buf_add(&b, "\r\n", 2);
		s += (s[0] == '\r' && s[1] == '\n') ? 2 : 1;
	}
	*len_out = b.len;
	return buf_take(&b);
}

/*
 * Whether the byte at s[i] of a CRLF text may stay itself in
 * quoted-printable: printable ASCII but '='; space and tab except before
 * a line end (RFC 2045 6.7 (3)); not a '.' or the 'F' of "From " at the
 * start of a line, which SMTP and mbox software might alter.
 */
static bool
qp_plain(const char *s, size_t len, size_t i, size_t col)
{
	unsigned char	 c = (unsigned char)s[i];
	bool		 eol = i + 1 == len || s[i + 1] == '\r';

	if (c == ' ' || c == '\t')
		return !eol;
	if (c < 33 || c > 126 || c == '=')
		return false;
	if (col == 0 && (c == '.' ||
	    (len - i >= 5 && memcmp(s + i, "From ", 5) == 0)))
		return false;
	return true;
}

/*
 * Quoted-printable (RFC 2045 6.7) of a CRLF text, lines at most 76
 * characters. libetpan's own encoder (mailmime_quoted_printable_write)
 * doubles a space that ends a line ("a \n" comes out as "a =20", which
 * decodes to "a  "), so the text parts are encoded here and handed to
 * libetpan as already encoded.
 */
static char *
qp_encode(const char *s, size_t len, size_t *len_out)
{
	static const char	 hex[] = "0123456789ABCDEF";
	struct buf		 b;
	char			 tok[3];
	size_t			 i, n, col = 0;

	buf_init(&b, SIZE_MAX);
	for (i = 0; i < len; i++) {
		if (s[i] == '\r' && i + 1 < len && s[i + 1] == '\n') {
			buf_add(&b, "\r\n", 2);
			col = 0;
			i++;
			continue;
		}
		if (qp_plain(s, len, i, col)) {
			tok[0] = s[i];
			n = 1;
		} else {
			tok[0] = '=';
			tok[1] = hex[(unsigned char)s[i] >> 4];
			tok[2] = hex[(unsigned char)s[i] & 0xf];
			n = 3;
		}
		if (col + n > QP_TEXT_MAX) {
			buf_add(&b, "=\r\n", 3);
			col = 0;
		}
		buf_add(&b, tok, n);
		col += n;
	}
	*len_out = b.len;
	return buf_take(&b);
}

/*
 * A boundary of "=_" and 24 random hex digits. "=_" can occur neither in
 * quoted-printable (where '=' is followed by a hex digit or CRLF) nor in
 * base64, so the boundary cannot occur in any encoded part.
 */
static int
boundary_new(char *out, char **cause)
{
	static const char	 hex[] = "0123456789abcdef";
	unsigned char		 rnd[BOUNDARY_RND];
	size_t			 i;

	if (gnutls_rnd(GNUTLS_RND_NONCE, rnd, sizeof(rnd)) != 0) {
		xasprintf(cause, "compose: no random bytes for a boundary");
		return -1;
	}
	out[0] = '=';
	out[1] = '_';
	for (i = 0; i < sizeof(rnd); i++) {
		out[2 + 2 * i] = hex[rnd[i] >> 4];
		out[3 + 2 * i] = hex[rnd[i] & 0xf];
	}
	out[2 + 2 * sizeof(rnd)] = '\0';
	return 0;
}

static void
parts_free(struct parts *p)
{
	free(p->text);
	free(p->html);
	free(p->cal);
	free(p->cal_type);
}

/* Encodes the bodies and draws the boundaries. */
static int
parts_make(struct parts *p, const struct compose_msg *m, char **cause)
{
	char	*crlf;
	size_t	 len;

	memset(p, 0, sizeof(*p));
	crlf = crlf_normalize(m->text, &len);
	p->text = qp_encode(crlf, len, &p->text_len);
	free(crlf);
	if (m->html != NULL) {
		crlf = crlf_normalize(m->html, &len);
		p->html = qp_encode(crlf, len, &p->html_len);
		free(crlf);
	}
	if (m->calendar != NULL) {
		p->cal = crlf_normalize(m->calendar, &p->cal_len);
		xasprintf(&p->cal_type, "text/calendar; charset=UTF-8; "
		    "method=%s", m->method);
	}
	if (boundary_new(p->b_alt, cause) == -1 ||
	    boundary_new(p->b_mixed, cause) == -1)
		return -1;
	return 0;
}

/* A leaf part whose body libetpan borrows (it never frees the bytes). */
static struct mailmime *
leaf_new(const char *type, struct mailmime_fields *fields, int encoding,
    const char *data, size_t len)
{
	struct mailmime	*part;
	bool		 encoded = encoding == MAILMIME_MECHANISM_QUOTED_PRINTABLE;

	part = need(mailmime_new_empty(need(mailmime_content_new_with_str(
	    type)), fields));
	/* Already encoded (see qp_encode), or left to libetpan's base64. */
	part->mm_data.mm_single = need(mailmime_data_new_data(encoding,
	    encoded, data, len));
	return part;
}

static struct mailmime *
qp_leaf_new(const char *type, const char *data, size_t len)
{
	return leaf_new(type, need(mailmime_fields_new_encoding(
	    MAILMIME_MECHANISM_QUOTED_PRINTABLE)),
	    MAILMIME_MECHANISM_QUOTED_PRINTABLE, data, len);
}

/*
 * A multipart with our boundary. mailmime_multiple_new would add one of
 * libetpan's own, made from time() and an unseeded random().
 */
static struct mailmime *
multipart_new(const char *subtype, const char *boundary)
{
	struct mailmime_content	*ct;
	char			*type;

	xasprintf(&type, "multipart/%s; boundary=\"%s\"", subtype, boundary);
	ct = need(mailmime_content_new_with_str(type));
	free(type);
	return need(mailmime_new(MAILMIME_MULTIPLE, NULL, 0,
	    need(mailmime_fields_new_empty()), ct, NULL, NULL, NULL,
	    need(clist_new()), NULL, NULL));
}

static struct mailmime *
attachment_new(const char *name, const char *data, size_t len)
{
	char			*type;
	struct mailmime		*part;
	struct mailmime_fields	*fields;

	fields = need(mailmime_fields_new_filename(
	    MAILMIME_DISPOSITION_TYPE_ATTACHMENT, xstrdup(name),
	    MAILMIME_MECHANISM_BASE64));
	xasprintf(&type, "application/ics; name=\"%s\"", name);
	part = leaf_new(type, fields, MAILMIME_MECHANISM_BASE64, data, len);
	free(type);
	return part;
}

/* The body tree in one of the shapes compose.h lists. */
static struct mailmime *
tree_build(const struct compose_msg *m, const struct parts *p)
{
	struct mailmime	*text, *alt, *mixed, *cal;
	const char	*ics = m->ics_name != NULL ? m->ics_name : "invite.ics";

	text = qp_leaf_new("text/plain; charset=UTF-8", p->text, p->text_len);
	if (m->html == NULL && m->calendar == NULL)
		return text;
	alt = multipart_new("alternative", p->b_alt);
	need_ok(mailmime_smart_add_part(alt, text));
	if (m->html != NULL)
		need_ok(mailmime_smart_add_part(alt, qp_leaf_new(
		    "text/html; charset=UTF-8", p->html, p->html_len)));
	if (m->calendar == NULL)
		return alt;
	cal = leaf_new(p->cal_type, need(mailmime_fields_new_encoding(
	    MAILMIME_MECHANISM_BASE64)), MAILMIME_MECHANISM_BASE64, p->cal,
	    p->cal_len);
	need_ok(mailmime_smart_add_part(alt, cal));
	mixed = multipart_new("mixed", p->b_mixed);
	need_ok(mailmime_smart_add_part(mixed, alt));
	need_ok(mailmime_smart_add_part(mixed, attachment_new(ics, p->cal,
	    p->cal_len)));
	return mixed;
}

/*
 * Appends libetpan's output with charset and method unquoted. libetpan
 * writes every parameter value as a quoted-string (method="REQUEST");
 * RFC 2045 allows that, but Exchange and Google send method=REQUEST and
 * some receivers match that text (INTEROP.md b.2). The quoted forms hold
 * '="', which occurs in no encoded body (see boundary_new), only in the
 * part headers.
 */
static void
unquote_params(struct buf *b, const char *s, size_t len, const char *method)
{
	char	*quoted[2], *bare[2];
	size_t	 qlen[2], n = 0, i, k, start = 0;

	qlen[n] = (size_t)xasprintf(&quoted[n], "charset=\"UTF-8\"");
	xasprintf(&bare[n++], "charset=UTF-8");
	if (method != NULL) {
		qlen[n] = (size_t)xasprintf(&quoted[n], "method=\"%s\"",
		    method);
		xasprintf(&bare[n++], "method=%s", method);
	}
	for (i = 0; i < len; i++) {
		for (k = 0; k < n; k++) {
			if (len - i < qlen[k] ||
			    memcmp(s + i, quoted[k], qlen[k]) != 0)
				continue;
			buf_add(b, s + start, i - start);
			buf_addstr(b, bare[k]);
			start = i + qlen[k];
			i = start - 1;
			break;
		}
	}
	buf_add(b, s + start, len - start);
	for (k = 0; k < n; k++) {
		free(quoted[k]);
		free(bare[k]);
	}
}

/* The MIME part of the message: Content-Type onwards, from libetpan. */
static int
body_write(struct buf *b, const struct compose_msg *m, char **cause)
{
	struct parts	 p;
	struct mailmime	*root;
	MMAPString	*mem;
	int		 col = 0, r, rc = -1;

	if (parts_make(&p, m, cause) == -1)
		goto out;
	/* A message node without fields: only the tree's own headers. */
	root = need(mailmime_new(MAILMIME_MESSAGE, NULL, 0, NULL, NULL, NULL,
	    NULL, NULL, NULL, NULL, NULL));
	need_ok(mailmime_smart_add_part(root, tree_build(m, &p)));
	mem = need(mmap_string_new(""));
	r = mailmime_write_mem(mem, &col, root);
	if (r != MAILIMF_NO_ERROR)
		xasprintf(cause, "compose: libetpan could not write the "
		    "MIME parts (%d)", r);
	else {
		unquote_params(b, mem->str, mem->len, m->calendar != NULL ?
		    m->method : NULL);
		if (b->len < 2 || memcmp(b->data + b->len - 2, "\r\n", 2) != 0)
			buf_add(b, "\r\n", 2);
		rc = 0;
	}
	mmap_string_free(mem);
	mailmime_free(root);
out:
	parts_free(&p);
	return rc;
}

char *
compose_build(const struct compose_msg *m, size_t *len_out, char **cause)
{
	struct buf	 b;

	if (compose_check(m, cause) == -1)
		return NULL;
	/* Unbounded: the inputs are capped at INPUT_MAX. */
	buf_init(&b, SIZE_MAX);
	if (header_write(&b, m, cause) == -1 ||
	    body_write(&b, m, cause) == -1) {
		buf_free(&b);
		return NULL;
	}
	*len_out = b.len;
	return buf_take(&b);
}
