/*
 * mail.c: reads one delivered message into a struct mail. The raw bytes
 * are normalised once and the top header section read (header.c); the
 * MIME tree is parsed by libetpan and walked here, each part handed to
 * the parser of its kind: transfer encodings (encoding.c), charsets
 * (charset.c), parameters (rfc2231.c), header words (rfc2047.c), delivery
 * reports (dsn.c), HTML (html.c). Pure: no I/O.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libetpan/libetpan.h>

#include "charset.h"
#include "dsn.h"
#include "encoding.h"
#include "header.h"
#include "html.h"
#include "mail.h"
#include "rfc2047.h"
#include "rfc2231.h"
#include "util.h"

/* Bounds that keep hostile input cheap. */
#define MAIL_MAX_CALS	100		/* calendar parts kept */
#define MAX_BOUNDARIES	200		/* more: MIME tree not read */

/* What the MIME walk collects besides the struct mail itself. */
struct walk {
	struct mail	*m;
	char		*plain;
	bool		 too_deep;
};

static void	walk_part(struct walk *, const struct mailmime *, int, bool);

/* Turns CRLF (and a lone CR) into LF in place; returns s. */
static char *
to_lf(char *s)
{
	char	*r, *w;

	for (r = w = s; *r != '\0'; r++) {
		if (*r == '\r') {
			if (r[1] != '\n')
				*w++ = '\n';
			continue;
		}
		*w++ = *r;
	}
	*w = '\0';
	return s;
}

/* ---- the top header fields ---- */

static char *
hdr_text(struct mail *m, const struct header *h, const char *name)
{
	const char	*v;

	if ((v = header_get(h, name)) == NULL)
		return NULL;
	return rfc2047_decode(v, &m->problem);
}

static char *
hdr_raw(struct mail *m, const struct header *h, const char *name)
{
	const char	*v;

	if ((v = header_get(h, name)) == NULL)
		return NULL;
	return charset_raw_to_utf8(v, strlen(v));
}

/*
 * Keeps one Authentication-Results value as written (8-bit bytes made
 * UTF-8, no RFC 2047 decoding): the caller trusts only the one its own
 * server added, so their order, topmost first, matters (RFC 8601
 * section 5).
 */
static void
auth_results_add(struct mail *m, const char *v)
{
	m->auth_results = xreallocarray(m->auth_results,
	    m->nauth_results + 1, sizeof(*m->auth_results));
	m->auth_results[m->nauth_results++] = charset_raw_to_utf8(v,
	    strlen(v));
}

static void
hdrs_fill(struct mail *m, const struct header *h)
{
	const struct header_field	*f;
	const char			*v;
	size_t				 i;

	m->message_id = hdr_raw(m, h, "Message-ID");
	m->in_reply_to = hdr_raw(m, h, "In-Reply-To");
	m->references = hdr_raw(m, h, "References");
	if ((v = header_get(h, "From")) != NULL)
		m->from_addr = header_mailbox(v, strlen(v), &m->from_name,
		    &m->problem);
	if ((v = header_get(h, "Reply-To")) != NULL)
		m->reply_to = header_addresses(v, true, &m->problem);
	if ((v = header_get(h, "To")) != NULL)
		m->to = header_addresses(v, false, &m->problem);
	if ((v = header_get(h, "Return-Path")) != NULL)
		m->return_path = header_mailbox(v, strlen(v), NULL,
		    &m->problem);
	m->subject = hdr_text(m, h, "Subject");
	m->date_text = hdr_raw(m, h, "Date");
	if (m->date_text != NULL)
		m->date = header_date(m->date_text);
	m->auto_submitted = hdr_text(m, h, "Auto-Submitted");
	m->precedence = hdr_text(m, h, "Precedence");
	m->x_auto_response_suppress = hdr_text(m, h,
	    "X-Auto-Response-Suppress");
	m->has_x_loop = header_get(h, "X-Loop") != NULL;
	m->is_ours = header_get(h, "X-Mailbot-Kind") != NULL;
	for (i = 0; i < h->nfields; i++) {
		f = &h->fields[i];
		if (strncasecmp(f->name, "List-", 5) == 0)
			m->has_list_headers = true;
		if (strcasecmp(f->name, "Authentication-Results") == 0)
			auth_results_add(m, f->value);
	}
}

/* ---- parts, as libetpan left them ---- */

/* The parameters of Content-Type and Content-Disposition, lent by mm. */
static size_t
params_collect(const struct mailmime *mm, struct rfc2231_param *kv,
    size_t max)
{
	struct mailmime_parameter	*p;
	struct mailmime_disposition	*d;
	struct mailmime_disposition_parm *dp;
	struct mailmime_field		*f;
	clistiter			*it, *jt;
	size_t				 n = 0;

	if (mm->mm_content_type != NULL)
		for (it = clist_begin(mm->mm_content_type->ct_parameters);
		    it != NULL && n < max; it = clist_next(it)) {
			p = clist_content(it);
			kv[n].name = p->pa_name;
			kv[n++].value = p->pa_value;
		}
	if (mm->mm_mime_fields == NULL)
		return n;
	for (it = clist_begin(mm->mm_mime_fields->fld_list); it != NULL;
	    it = clist_next(it)) {
		f = clist_content(it);
		if (f->fld_type != MAILMIME_FIELD_DISPOSITION)
			continue;
		d = f->fld_data.fld_disposition;
		for (jt = clist_begin(d->dsp_parms); jt != NULL && n < max;
		    jt = clist_next(jt)) {
			dp = clist_content(jt);
			if (dp->pa_type == MAILMIME_DISPOSITION_PARM_FILENAME) {
				kv[n].name = "filename";
				kv[n++].value = dp->pa_data.pa_filename;
			} else if (dp->pa_type ==
			    MAILMIME_DISPOSITION_PARM_PARAMETER) {
				kv[n].name = dp->pa_data.pa_parameter->pa_name;
				kv[n++].value =
				    dp->pa_data.pa_parameter->pa_value;
			}
		}
	}
	return n;
}

static const char *
type_major(const struct mailmime_type *t)
{
	static const char *const discrete[] = { "?", "text", "image", "audio",
	    "video", "application", "x" };
	static const char *const composite[] = { "?", "message", "multipart",
	    "x" };
	int	 i;

	if (t == NULL)
		return "text";
	if (t->tp_type == MAILMIME_TYPE_DISCRETE_TYPE) {
		i = t->tp_data.tp_discrete_type->dt_type;
		if (i == MAILMIME_DISCRETE_TYPE_EXTENSION)
			return t->tp_data.tp_discrete_type->dt_extension;
		return i >= 0 && i < (int)nitems(discrete) ? discrete[i] : "?";
	}
	i = t->tp_data.tp_composite_type->ct_type;
	if (i == MAILMIME_COMPOSITE_TYPE_EXTENSION)
		return t->tp_data.tp_composite_type->ct_token;
	return i >= 0 && i < (int)nitems(composite) ? composite[i] : "?";
}

/* "type/subtype", lower-cased; the caller frees it. */
static char *
part_type(const struct mailmime *mm)
{
	char	*t;

	if (mm->mm_content_type == NULL)
		return xstrdup("text/plain");
	xasprintf(&t, "%s/%s", type_major(mm->mm_content_type->ct_type),
	    mm->mm_content_type->ct_subtype != NULL ?
	    mm->mm_content_type->ct_subtype : "");
	return str_lower(t);
}

static bool
is_attachment(const struct mailmime *mm)
{
	struct mailmime_field	*f;
	clistiter		*it;

	if (mm->mm_mime_fields == NULL)
		return false;
	for (it = clist_begin(mm->mm_mime_fields->fld_list); it != NULL;
	    it = clist_next(it)) {
		f = clist_content(it);
		if (f->fld_type == MAILMIME_FIELD_DISPOSITION &&
		    f->fld_data.fld_disposition->dsp_type != NULL &&
		    f->fld_data.fld_disposition->dsp_type->dsp_type ==
		    MAILMIME_DISPOSITION_TYPE_ATTACHMENT)
			return true;
	}
	return false;
}

/* The body of a single part, transfer encoding undone (not charset). */
static void
part_body(const struct mailmime *mm, struct buf *out)
{
	const struct mailmime_data	*d;
	int				 enc = MAILMIME_MECHANISM_8BIT;

	d = mm->mm_type == MAILMIME_SINGLE ? mm->mm_data.mm_single :
	    mm->mm_body;
	if (d == NULL || d->dt_type != MAILMIME_DATA_TEXT ||
	    d->dt_data.dt_text.dt_data == NULL)
		return;
	if (mm->mm_mime_fields != NULL)
		enc = mailmime_transfer_encoding_get(mm->mm_mime_fields);
	if (enc == MAILMIME_MECHANISM_BASE64)
		encoding_base64_decode(out, d->dt_data.dt_text.dt_data,
		    d->dt_data.dt_text.dt_length);
	else if (enc == MAILMIME_MECHANISM_QUOTED_PRINTABLE)
		encoding_qp_decode(out, d->dt_data.dt_text.dt_data,
		    d->dt_data.dt_text.dt_length, false);
	else
		buf_add(out, d->dt_data.dt_text.dt_data,
		    d->dt_data.dt_text.dt_length);
}

static bool
ends_with_ics(const char *s)
{
	size_t	 n;

	if (s == NULL)
		return false;
	n = strlen(s);
	return n >= 4 && strcasecmp(s + n - 4, ".ics") == 0;
}

/* The value of the first "METHOD:" line of an iCalendar text, or NULL. */
static char *
ics_method(const char *text)
{
	const char	*p = text;
	size_t		 n;

	while (p != NULL && *p != '\0') {
		if (strncasecmp(p, "METHOD:", 7) == 0) {
			n = strcspn(p + 7, "\r\n");
			return str_trim(xstrndup(p + 7, n));
		}
		if ((p = strchr(p, '\n')) != NULL)
			p++;
	}
	return NULL;
}

static char *
str_upper(char *s)
{
	char	*p;

	for (p = s; *p != '\0'; p++)
		*p = toupper((unsigned char)*p);
	return s;
}

/* What a single part holds, read once. */
struct part {
	char		*type;
	char		*charset;
	char		*filename;
	char		*method;
	bool		 attachment;
};

static void
cal_add(struct mail *m, const struct part *p, char *text)
{
	const char		*method = p->method;
	struct mail_part_cal	*c;

	if (m->ncals >= MAIL_MAX_CALS) {
		free(text);
		return;
	}
	m->cals = xreallocarray(m->cals, m->ncals + 1, sizeof(*m->cals));
	c = &m->cals[m->ncals++];
	c->text = text;
	c->filename = p->filename != NULL ? xstrdup(p->filename) : NULL;
	c->method = method != NULL && *method != '\0' ? xstrdup(method) :
	    ics_method(text);
	if (c->method != NULL)
		str_upper(str_trim(c->method));
}

static void
part_read(struct mail *m, const struct mailmime *mm, struct part *p)
{
	struct rfc2231_param	 kv[64];
	size_t			 n;

	n = params_collect(mm, kv, nitems(kv));
	p->type = part_type(mm);
	p->charset = rfc2231_param_get(kv, n, "charset", &m->problem);
	p->filename = rfc2231_param_get(kv, n, "filename", &m->problem);
	if (p->filename == NULL)
		p->filename = rfc2231_param_get(kv, n, "name", &m->problem);
	p->method = rfc2231_param_get(kv, n, "method", &m->problem);
	p->attachment = is_attachment(mm);
}

static void
part_free(struct part *p)
{
	free(p->type);
	free(p->charset);
	free(p->filename);
	free(p->method);
}

static bool
is_calendar(const struct part *p)
{
	return strcmp(p->type, "text/calendar") == 0 ||
	    strcmp(p->type, "application/ics") == 0 ||
	    strcmp(p->type, "text/x-vcalendar") == 0 ||
	    ends_with_ics(p->filename);
}

static void
walk_single(struct walk *w, const struct mailmime *mm, bool nested)
{
	struct mail	*m = w->m;
	struct part	 p;
	struct buf	 body;
	char		*text;

	memset(&p, 0, sizeof(p));
	part_read(m, mm, &p);
	buf_init(&body, SIZE_MAX);
	if (is_calendar(&p)) {
		if (nested)
			m->nested_cals++;
		else {
			part_body(mm, &body);
			cal_add(m, &p, charset_to_utf8(p.charset, body.data,
			    body.len, &m->problem));
		}
	} else if (strcmp(p.type, "message/delivery-status") == 0 ||
	    strcmp(p.type, "message/global-delivery-status") == 0) {
		if (!nested) {
			m->has_dsn_part = true;
			part_body(mm, &body);
			text = charset_to_utf8("UTF-8", body.data, body.len,
			    &m->problem);
			dsn_parse(text, &m->dsn, &m->ndsn);
			free(text);
		}
	} else if (!nested && !p.attachment &&
	    ((strcmp(p.type, "text/plain") == 0 && w->plain == NULL) ||
	    (strcmp(p.type, "text/html") == 0 && m->html == NULL))) {
		part_body(mm, &body);
		text = to_lf(charset_to_utf8(p.charset, body.data, body.len,
		    &m->problem));
		if (strcmp(p.type, "text/plain") == 0)
			w->plain = text;
		else
			m->html = text;
	}
	buf_free(&body);
	part_free(&p);
}

static void
walk_multi(struct walk *w, const struct mailmime *mm, int depth, bool nested)
{
	struct rfc2231_param	 kv[64];
	clistiter		*it;
	char			*type;
	size_t			 n;

	type = part_type(mm);
	if (strcmp(type, "multipart/report") == 0 && !nested) {
		w->m->is_report = true;
		n = params_collect(mm, kv, nitems(kv));
		if (w->m->report_type == NULL &&
		    (w->m->report_type = rfc2231_param_get(kv, n,
		    "report-type", &w->m->problem)) != NULL)
			str_lower(w->m->report_type);
	}
	free(type);
	for (it = clist_begin(mm->mm_data.mm_multipart.mm_mp_list);
	    it != NULL; it = clist_next(it))
		walk_part(w, clist_content(it), depth + 1, nested);
}

static void
walk_part(struct walk *w, const struct mailmime *mm, int depth, bool nested)
{
	if (mm == NULL)
		return;
	if (depth > MAIL_MAX_DEPTH) {
		if (!w->too_deep)
			charset_note(&w->m->problem,
			    "parts nested deeper than %d skipped",
			    MAIL_MAX_DEPTH);
		w->too_deep = true;
		return;
	}
	switch (mm->mm_type) {
	case MAILMIME_SINGLE:
		walk_single(w, mm, nested);
		break;
	case MAILMIME_MULTIPLE:
		walk_multi(w, mm, depth, nested);
		break;
	case MAILMIME_MESSAGE:
		walk_part(w, mm->mm_data.mm_message.mm_msg_mime, depth + 1,
		    nested || depth > 0);
		break;
	}
}

/* ---- the message ---- */

char *
mail_html_to_text(const char *html)
{
	return html_to_text(html);
}

void
mail_free(struct mail *m)
{
	size_t	 i;

	if (m == NULL)
		return;
	free(m->message_id);
	free(m->in_reply_to);
	free(m->references);
	free(m->from_addr);
	free(m->from_name);
	free(m->reply_to);
	free(m->to);
	free(m->subject);
	free(m->date_text);
	free(m->return_path);
	free(m->auto_submitted);
	free(m->precedence);
	free(m->x_auto_response_suppress);
	for (i = 0; i < m->nauth_results; i++)
		free(m->auth_results[i]);
	free(m->auth_results);
	free(m->text);
	free(m->html);
	for (i = 0; i < m->ncals; i++) {
		free(m->cals[i].method);
		free(m->cals[i].text);
		free(m->cals[i].filename);
	}
	free(m->cals);
	free(m->report_type);
	for (i = 0; i < m->ndsn; i++) {
		free(m->dsn[i].recipient);
		free(m->dsn[i].action);
		free(m->dsn[i].status);
		free(m->dsn[i].diagnostic);
	}
	free(m->dsn);
	free(m->problem);
	free(m);
}

/*
 * The normalised message handed to libetpan: the top fields as we read
 * them, one line each, then the body.
 */
static void
rebuild(struct buf *out, const struct header *h, const char *body, size_t len)
{
	size_t	 i;

	for (i = 0; i < h->nfields; i++)
		buf_printf(out, "%s: %s\r\n", h->fields[i].name,
		    h->fields[i].value);
	buf_add(out, "\r\n", 2);
	buf_add(out, body, len);
}

/*
 * Every level of nesting needs a boundary or a message/ type. libetpan
 * recurses once per level (a stack overflow at about 10^5 levels) and
 * takes quadratic time, so a message with many of them is not given to
 * it. msg holds no NUL (normalised).
 */
static bool
too_many_boundaries(const char *msg)
{
	static const char *const words[] = { "boundary", "message/" };
	const char	*p;
	size_t		 i;
	int		 n = 0;

	for (i = 0; i < nitems(words); i++)
		for (p = msg; (p = strcasestr(p, words[i])) != NULL; p++)
			if (++n > MAX_BOUNDARIES)
				return true;
	return false;
}

static void
mime_read(struct mail *m, const char *msg, size_t len, size_t body_off)
{
	struct mailmime	*mime = NULL;
	struct walk	 w;
	size_t		 indx = 0;

	memset(&w, 0, sizeof(w));
	w.m = m;
	if (too_many_boundaries(msg)) {
		/* libetpan takes quadratic time on deep nesting */
		charset_note(&m->problem, "more than %d nested part markers, "
		    "body read as text", MAX_BOUNDARIES);
		w.plain = to_lf(charset_raw_to_utf8(msg + body_off,
		    len - body_off));
	} else if (mailmime_parse(msg, len, &indx, &mime) !=
	    MAILIMF_NO_ERROR) {
		charset_note(&m->problem,
		    "MIME structure does not parse, body read as text");
		w.plain = to_lf(charset_raw_to_utf8(msg + body_off,
		    len - body_off));
	} else {
		walk_part(&w, mime, 0, false);
		mailmime_free(mime);
	}
	if (w.plain != NULL)
		m->text = w.plain;
	else if (m->html != NULL)
		m->text = html_to_text(m->html);
	if (m->nested_cals > 0)
		charset_note(&m->problem, "%zu calendar part(s) inside "
		    "attached messages not read", m->nested_cals);
}

struct mail *
mail_parse(const char *raw, size_t len, size_t max_size, char **cause)
{
	struct mail	*m = NULL;
	struct header	 h;
	struct buf	 norm, msg;
	size_t		 body;

	if (len > max_size) {
		xasprintf(cause, "message of %zu bytes is larger than the cap "
		    "%zu", len, max_size);
		return NULL;
	}
	memset(&h, 0, sizeof(h));
	buf_init(&norm, SIZE_MAX);
	buf_init(&msg, SIZE_MAX);
	header_normalize(&norm, raw, len);
	body = header_parse(&h, norm.data, norm.len);
	if (h.nfields == 0) {
		xasprintf(cause, "not a message: no header fields");
		goto out;
	}
	m = xcalloc(1, sizeof(*m));
	hdrs_fill(m, &h);
	rebuild(&msg, &h, norm.data + body, norm.len - body);
	mime_read(m, msg.data, msg.len, msg.len - (norm.len - body));
out:
	header_clear(&h);
	buf_free(&norm);
	buf_free(&msg);
	return m;
}
