/*
 * template.c: fills the Markdown templates under templates/LANG/ with
 * values and renders the text, HTML (cmark) and subject of a mail; formats
 * meeting dates the way Dutch and English readers write them. Its only
 * I/O is reading the template file.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmark.h>

#include "template.h"
#include "util.h"
#include "when.h"

#define TEMPLATE_MAX	(64 * 1024)	/* bytes in a template file */
#define BODY_MAX	(1024 * 1024)	/* bytes in a rendered body */
#define SUBJECT_MAX	4096		/* bytes in a rendered subject */
#define KIND_MAX	64		/* bytes in a kind name */
#define NAME_MAX_LEN	64		/* bytes in a placeholder name */
#define DEPTH_MAX	4		/* sections inside sections */
#define TABLES_MAX	16		/* tables in one template */

/*
 * HARDBREAKS: a template writes one paragraph per line, so a line break in
 * the source (and in a value) is a line break in the HTML too, as in the
 * text part. Raw HTML is omitted: cmark 0.30 is safe by default.
 */
#define CMARK_OPTIONS	(CMARK_OPT_DEFAULT | CMARK_OPT_HARDBREAKS | \
			 CMARK_OPT_VALIDATE_UTF8)

enum tok_type {
	TOK_TEXT,
	TOK_VAR,		/* {{name}} */
	TOK_IF,			/* {{#name}} */
	TOK_UNLESS,		/* {{^name}} */
	TOK_END,		/* {{/name}} */
	TOK_TABLE		/* {{{name}}}: a table, on a line of its own */
};

struct tok {
	enum tok_type	 type;
	const char	*p;		/* the text, or the name */
	size_t		 len;
	int		 line;
	size_t		 var;		/* index in vars (tags) */
	size_t		 end;		/* TOK_IF, TOK_UNLESS: its TOK_END */
};

/* The tokens of the subject or of the body, pointing into the file. */
struct part {
	struct tok	*toks;
	size_t		 n;
	size_t		 cap;
};

struct parse {
	const char			*path;
	const struct template_var	*vars;
	size_t				 nvars;
};

enum escape {
	ESCAPE_NONE,		/* text part and subject: values as they are */
	ESCAPE_MARKDOWN		/* HTML part: values are literal text */
};

static bool
utf8_valid(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 left = strlen(s), n;

	while (left > 0) {
		if ((n = utf8_len(p, left)) == 0)
			return false;
		p += n;
		left -= n;
	}
	return true;
}

/*
 * Cleans a template in place, once: drops a UTF-8 byte order mark and the
 * CR of CRLF line ends, and refuses NUL, other control characters and
 * invalid UTF-8, naming the line.
 */
static int
text_clean(const char *path, char *data, size_t *len, char **cause)
{
	const unsigned char	*s = (const unsigned char *)data;
	size_t			 i = 0, o = 0, n;
	int			 line = 1;

	if (*len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < *len) {
		if (s[i] == '\r' && i + 1 < *len && s[i + 1] == '\n') {
			i++;
			continue;
		}
		if (s[i] == '\0') {
			xasprintf(cause, "%s:%d: NUL byte", path, line);
			return -1;
		}
		if ((s[i] < 0x20 && s[i] != '\t' && s[i] != '\n') ||
		    s[i] == 0x7f) {
			xasprintf(cause, "%s:%d: control character 0x%02x",
			    path, line, s[i]);
			return -1;
		}
		if ((n = utf8_len(s + i, *len - i)) == 0) {
			xasprintf(cause, "%s:%d: not valid UTF-8", path, line);
			return -1;
		}
		if (s[i] == '\n')
			line++;
		memmove(data + o, data + i, n);
		o += n;
		i += n;
	}
	data[o] = '\0';
	*len = o;
	return 0;
}

/* Reads a whole regular file of at most TEMPLATE_MAX bytes. */
static int
file_read(const char *path, char **data_out, size_t *len_out, char **cause)
{
	struct stat	 sb;
	char		*data = NULL;
	size_t		 len = 0;
	ssize_t		 n;
	int		 fd, rc = -1;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &sb) == -1) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		goto out;
	}
	if (!S_ISREG(sb.st_mode)) {
		xasprintf(cause, "%s: not a regular file", path);
		goto out;
	}
	data = xmalloc(TEMPLATE_MAX + 2);
	while ((n = read(fd, data + len, TEMPLATE_MAX + 1 - len)) > 0) {
		len += (size_t)n;
		if (len > TEMPLATE_MAX)
			break;
	}
	if (n == -1)
		xasprintf(cause, "%s: %s", path, strerror(errno));
	else if (len > TEMPLATE_MAX)
		xasprintf(cause, "%s: larger than %d KiB", path,
		    TEMPLATE_MAX / 1024);
	else
		rc = 0;
out:
	close(fd);
	if (rc == -1) {
		free(data);
		return -1;
	}
	data[len] = '\0';
	*data_out = data;
	*len_out = len;
	return 0;
}

static bool
is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	    c == '_' || c == '-';
}

/* kind names a file: lower-case letters and dashes only. */
static bool
kind_ok(const char *kind)
{
	size_t	 i;

	for (i = 0; kind[i] != '\0'; i++)
		if ((kind[i] < 'a' || kind[i] > 'z') && kind[i] != '-')
			return false;
	return i > 0 && i <= KIND_MAX;
}

static size_t
var_find(const struct parse *ps, const char *name, size_t len)
{
	size_t	 i;

	for (i = 0; i < ps->nvars; i++) {
		if (strlen(ps->vars[i].name) == len &&
		    memcmp(ps->vars[i].name, name, len) == 0)
			return i;
	}
	return ps->nvars;
}

static struct tok *
tok_add(struct part *pt, enum tok_type type, const char *p, size_t len,
    int line)
{
	struct tok	*t;

	if (pt->n == pt->cap) {
		pt->cap = pt->cap == 0 ? 32 : pt->cap * 2;
		pt->toks = xreallocarray(pt->toks, pt->cap, sizeof *pt->toks);
	}
	t = &pt->toks[pt->n++];
	memset(t, 0, sizeof *t);
	t->type = type;
	t->p = p;
	t->len = len;
	t->line = line;
	return t;
}

static int
count_lines(const char *p, size_t len)
{
	int	 n = 0;

	while (len-- > 0)
		if (*p++ == '\n')
			n++;
	return n;
}

/*
 * A section tag alone on its line (blanks aside) takes the whole line
 * with it, so it leaves no empty line behind. Sets *from to the line's
 * start and *to past its newline.
 */
static bool
is_standalone(const char *src, size_t len, size_t start, size_t end,
    size_t *from, size_t *to)
{
	size_t	 a = start, b = end;

	while (a > 0 && (src[a - 1] == ' ' || src[a - 1] == '\t'))
		a--;
	if (a > 0 && src[a - 1] != '\n')
		return false;
	while (b < len && (src[b] == ' ' || src[b] == '\t'))
		b++;
	if (b < len && src[b] != '\n')
		return false;
	*from = a;
	*to = b < len ? b + 1 : b;
	return true;
}

/*
 * Reads the tag between "{{" and "}}" (inner, len bytes) into a token:
 * its kind from the sigil, its name, which must be one of the vars.
 */
static int
tag_read(const struct parse *ps, const char *inner, size_t len, int line,
    struct tok *t, char **cause)
{
	const char	*name = inner;
	size_t		 n = len, i;

	t->type = TOK_VAR;
	if (n > 0 && strchr("#^/", name[0]) != NULL) {
		t->type = name[0] == '#' ? TOK_IF : name[0] == '^' ?
		    TOK_UNLESS : TOK_END;
		name++;
		n--;
	}
	while (n > 0 && name[0] == ' ') {
		name++;
		n--;
	}
	while (n > 0 && name[n - 1] == ' ')
		n--;
	for (i = 0; i < n && is_name_char(name[i]); i++)
		;
	if (n == 0 || i < n || n > NAME_MAX_LEN) {
		xasprintf(cause, "%s:%d: bad placeholder '{{%.*s}}'", ps->path,
		    line, len > 40 ? 40 : (int)len, inner);
		return -1;
	}
	t->p = name;
	t->len = n;
	t->var = var_find(ps, name, n);
	if (t->var == ps->nvars) {
		xasprintf(cause, "%s:%d: unknown placeholder '%.*s'", ps->path,
		    line, (int)n, name);
		return -1;
	}
	return 0;
}

/* Keeps the section stack: opens, and matches each end to its opening. */
static int
section_track(const struct parse *ps, struct part *pt, size_t *stack,
    size_t *depth, char **cause)
{
	size_t		 i = pt->n - 1;
	struct tok	*t = &pt->toks[i], *o;

	if (t->type == TOK_IF || t->type == TOK_UNLESS) {
		if (*depth == DEPTH_MAX) {
			xasprintf(cause, "%s:%d: sections nested deeper "
			    "than %d", ps->path, t->line, DEPTH_MAX);
			return -1;
		}
		stack[(*depth)++] = i;
		return 0;
	}
	if (t->type != TOK_END)
		return 0;
	if (*depth == 0) {
		xasprintf(cause, "%s:%d: '{{/%.*s}}' closes no section",
		    ps->path, t->line, (int)t->len, t->p);
		return -1;
	}
	o = &pt->toks[stack[--(*depth)]];
	if (o->var != t->var) {
		xasprintf(cause, "%s:%d: '{{/%.*s}}' where '{{/%.*s}}' "
		    "(line %d) was due", ps->path, t->line, (int)t->len, t->p,
		    (int)o->len, o->p, o->line);
		return -1;
	}
	o->end = i;
	return 0;
}

/*
 * The tag that starts at src[at] ("{{" or "{{{"), ending before eol: read
 * into *t; *next_out is just past its closing braces.
 */
static int
tag_find(const struct parse *ps, const char *src, size_t len, size_t at,
    size_t eol, int line, struct tok *t, size_t *next_out, char **cause)
{
	const char	*open = src + at, *close;
	size_t		 braces = at + 2 < len && open[2] == '{' ? 3 : 2;

	close = memmem(open + braces, eol - at - braces, "}}}", braces);
	if (close == NULL) {
		xasprintf(cause, "%s:%d: '%.*s' without '%.*s'", ps->path,
		    line, (int)braces, "{{{", (int)braces, "}}}");
		return -1;
	}
	if (tag_read(ps, open + braces, (size_t)(close - open) - braces,
	    line, t, cause) == -1)
		return -1;
	if (braces == 3) {
		if (t->type != TOK_VAR) {
			xasprintf(cause, "%s:%d: a table takes a plain name",
			    ps->path, line);
			return -1;
		}
		t->type = TOK_TABLE;
	}
	*next_out = (size_t)(close - src) + braces;
	return 0;
}

/*
 * Splits src (len bytes, starting on line) into text and tags, checking
 * every name and the nesting of sections.
 */
static int
part_parse(const struct parse *ps, const char *src, size_t len, int line,
    struct part *pt, char **cause)
{
	const char	*open, *eol;
	size_t		 pos = 0, stack[DEPTH_MAX], depth = 0;
	size_t		 at, next, text_end;
	struct tok	 tag;

	while ((open = memmem(src + pos, len - pos, "{{", 2)) != NULL) {
		at = (size_t)(open - src);
		line += count_lines(src + pos, at - pos);
		eol = memchr(open, '\n', len - at);
		if (eol == NULL)
			eol = src + len;
		if (tag_find(ps, src, len, at, (size_t)(eol - src), line,
		    &tag, &next, cause) == -1)
			return -1;
		text_end = at;
		if (tag.type != TOK_VAR && !is_standalone(src, len, at, next,
		    &text_end, &next) && tag.type == TOK_TABLE) {
			xasprintf(cause, "%s:%d: a table '{{{%.*s}}}' must be "
			    "alone on its line", ps->path, line, (int)tag.len,
			    tag.p);
			return -1;
		}
		if (text_end > pos)
			tok_add(pt, TOK_TEXT, src + pos, text_end - pos, line);
		tok_add(pt, tag.type, tag.p, tag.len, line)->var = tag.var;
		if (section_track(ps, pt, stack, &depth, cause) == -1)
			return -1;
		line += count_lines(src + at, next - at);
		pos = next;
	}
	if (pos < len)
		tok_add(pt, TOK_TEXT, src + pos, len - pos, line);
	if (depth > 0) {
		struct tok	*o = &pt->toks[stack[depth - 1]];

		xasprintf(cause, "%s:%d: section '{{%c%.*s}}' is not closed",
		    ps->path, o->line, o->type == TOK_IF ? '#' : '^',
		    (int)o->len, o->p);
		return -1;
	}
	return 0;
}

static bool
is_ascii_punct(unsigned char c)
{
	return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') ||
	    (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}

/*
 * A value as literal Markdown text: ASCII punctuation backslash-escaped
 * (CommonMark 2.4), so it can start no markup, link or raw HTML; each
 * line break a hard break, so a blank line in it cannot end the paragraph
 * and the next line cannot start a block; other controls become spaces.
 * Blanks around it are dropped: a trailing hard break would print "\".
 */
static int
escape_markdown(struct buf *b, const char *v)
{
	const unsigned char	*s = (const unsigned char *)v;
	size_t			 i = 0, n = strlen(v);
	int			 rc = 0;

	while (i < n && strchr(" \t\r\n", s[i]) != NULL)
		i++;
	while (n > i && strchr(" \t\r\n", s[n - 1]) != NULL)
		n--;
	for (; i < n && rc == 0; i++) {
		if (s[i] == '\r' && s[i + 1] == '\n')
			continue;
		if (s[i] == '\r' || s[i] == '\n')
			rc = buf_add(b, "\\\n", 2);
		else if (is_ascii_punct(s[i]))
			rc = buf_printf(b, "\\%c", s[i]);
		else if ((s[i] < 0x20 && s[i] != '\t') || s[i] == 0x7f)
			rc = buf_add(b, " ", 1);
		else
			rc = buf_add(b, s + i, 1);
	}
	return rc;
}

static bool
is_set(const struct template_var *v)
{
	return v->value != NULL && v->value[0] != '\0';
}

/* The number of characters (code points) in s[0..len). */
static size_t
width_of(const char *s, size_t len)
{
	size_t	 i, w = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			w++;
	return w;
}

/* One cell of a table value, and where it is. */
struct cell {
	size_t		 row;
	size_t		 col;
	const char	*p;
	size_t		 len;
};

/*
 * Walks a table value: rows end in "\n", cells in "\t". Puts the next
 * cell's text in c and returns 1, or 2 when it ends its row, 0 at the end.
 */
static size_t
table_next(const char **sp, struct cell *c)
{
	const char	*s = *sp, *e;

	if (*s == '\0')
		return 0;
	e = s + strcspn(s, "\t\n");
	c->p = s;
	c->len = (size_t)(e - s);
	if (*e == '\t') {
		*sp = e + 1;
		return 1;
	}
	*sp = *e == '\n' ? e + 1 : e;
	return 2;	/* the last cell of its row */
}

/*
 * A table as plain text: columns padded to their widest cell, two spaces
 * apart, the header row underlined with dashes.
 */
static int
table_text(struct buf *b, const char *v)
{
	struct cell	 c = { 0, 0, NULL, 0 };
	size_t		 width[32] = { 0 }, ncols = 0, w, i, k, total = 0;
	const char	*s = v;
	int		 rc = 0;

	while ((k = table_next(&s, &c)) != 0) {
		if (c.col < nitems(width) && (w = width_of(c.p, c.len)) >
		    width[c.col])
			width[c.col] = w;
		if (c.col + 1 > ncols)
			ncols = c.col + 1;
		c.col = k == 2 ? 0 : c.col + 1;
	}
	for (s = v, c.row = 0, c.col = 0; rc == 0 &&
	    (k = table_next(&s, &c)) != 0; ) {
		rc = buf_add(b, c.p, c.len);
		w = width_of(c.p, c.len);
		if (k == 1 && c.col < nitems(width))
			for (i = w; i < width[c.col] + 2 && rc == 0; i++)
				rc = buf_add(b, " ", 1);
		c.col++;
		if (k != 2)
			continue;
		while (b->len > 0 && b->data[b->len - 1] == ' ')
			b->len--;
		rc = buf_add(b, "\n", 1);
		if (c.row++ == 0) {
			for (i = 0, total = 0; i < ncols && i < nitems(width);
			    i++)
				total += width[i] + (i + 1 < ncols ? 2 : 0);
			for (i = 0; i < total && rc == 0; i++)
				rc = buf_add(b, "-", 1);
			if (rc == 0)
				rc = buf_add(b, "\n", 1);
		}
		c.col = 0;
	}
	return rc;
}

/* Fills the tokens of a part into b; -1 when b would outgrow its cap. */
static int
part_render(const struct part *pt, const struct template_var *vars,
    enum escape esc, struct buf *b)
{
	const struct tok	*t;
	const char		*v;
	size_t			 i;
	int			 rc = 0;

	for (i = 0; i < pt->n && rc == 0; i++) {
		t = &pt->toks[i];
		switch (t->type) {
		case TOK_TEXT:
			rc = buf_add(b, t->p, t->len);
			break;
		case TOK_VAR:
			v = vars[t->var].value != NULL ? vars[t->var].value : "";
			if (esc == ESCAPE_MARKDOWN)
				rc = escape_markdown(b, v);
			else
				rc = buf_addstr(b, v);
			break;
		case TOK_IF:
		case TOK_UNLESS:
			if (is_set(&vars[t->var]) != (t->type == TOK_IF))
				i = t->end;
			break;
		case TOK_END:
			break;
		case TOK_TABLE:
			v = vars[t->var].value != NULL ? vars[t->var].value : "";
			if (*v == '\0')
				break;
			if (esc == ESCAPE_MARKDOWN)
				rc = buf_printf(b, "\n`mailbot-table-%zu`\n\n",
				    t->var);
			else
				rc = table_text(b, v);
			break;
		}
	}
	return rc;
}

/* A subject is one line: controls become spaces, runs of them one. */
static char *
subject_collapse(const char *s)
{
	char	*out = xmalloc(strlen(s) + 1), *o = out;
	bool	 space = true;

	for (; *s != '\0'; s++) {
		if ((unsigned char)*s <= 0x20 || *s == 0x7f) {
			if (!space)
				*o++ = ' ';
			space = true;
			continue;
		}
		*o++ = *s;
		space = false;
	}
	if (o > out && o[-1] == ' ')
		o--;
	*o = '\0';
	return out;
}

static void
escape_html(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '&':
			buf_addstr(b, "&amp;");
			break;
		case '<':
			buf_addstr(b, "&lt;");
			break;
		case '>':
			buf_addstr(b, "&gt;");
			break;
		case '"':
			buf_addstr(b, "&quot;");
			break;
		default:
			buf_add(b, s, 1);
			break;
		}
	}
}

/* A table as HTML: the first row is the header; every cell escaped. */
static void
table_html(struct buf *b, const char *v)
{
	static const char td[] = "border: 1px solid #ccc; padding: 2px 6px;";
	struct cell	 c = { 0, 0, NULL, 0 };
	const char	*s = v, *tag;
	size_t		 k, i;
	bool		 number;
	char		*text;

	buf_addstr(b, "<table style=\"border-collapse: collapse;\">\n");
	while ((k = table_next(&s, &c)) != 0) {
		if (c.col == 0)
			buf_addstr(b, c.row == 0 ? "<thead>\n<tr>" : "<tr>");
		for (i = 0, number = c.len > 0; i < c.len; i++)
			if (c.p[i] < '0' || c.p[i] > '9')
				number = false;
		tag = c.row == 0 ? "th" : "td";
		buf_printf(b, "<%s style=\"%s%s\">", tag, td, number ?
		    " text-align: right;" : c.row == 0 ? " text-align: left;" :
		    "");
		text = xstrndup(c.p, c.len);
		escape_html(b, text);
		free(text);
		buf_printf(b, "</%s>", tag);
		c.col++;
		if (k != 2)
			continue;
		buf_addstr(b, c.row == 0 ? "</tr>\n</thead>\n<tbody>\n" :
		    "</tr>\n");
		c.row++;
		c.col = 0;
	}
	buf_addstr(b, c.row > 0 ? "</tbody>\n</table>\n" : "</table>\n");
}

/*
 * cmark's HTML with each table marker ("`mailbot-table-N`" alone in a
 * paragraph, written by part_render) replaced by the table of vars[N].
 * A value cannot forge a marker: its backticks are escaped, so it never
 * becomes a <code> element.
 */
static void
tables_insert(struct buf *b, const char *html, const struct template_var *vars,
    size_t nvars)
{
	static const char	 mark[] = "<p><code>mailbot-table-";
	static const char	 tail[] = "</code></p>\n";
	const char		*p = html, *m, *e;
	long long		 n;
	char			*num;

	while ((m = strstr(p, mark)) != NULL) {
		buf_add(b, p, (size_t)(m - p));
		e = m + strlen(mark);
		num = xstrndup(e, strspn(e, "0123456789"));
		e += strlen(num);
		if (strncmp(e, tail, strlen(tail)) == 0 &&
		    str_to_int(num, 0, (long long)nvars - 1, &n) == 0) {
			table_html(b, vars[n].value);
			p = e + strlen(tail);
		} else {
			buf_add(b, m, strlen(mark));
			p = m + strlen(mark);
		}
		free(num);
	}
	buf_addstr(b, p);
}

/* The HTML part: the Markdown rendered by cmark in a small document. */
static char *
html_document(const char *lang, const char *subject, const char *md,
    size_t len, const struct parse *ps, char **cause)
{
	struct buf	 b;
	char		*body;

	if ((body = cmark_markdown_to_html(md, len, CMARK_OPTIONS)) == NULL) {
		xasprintf(cause, "cmark could not render the HTML part");
		return NULL;
	}
	buf_init(&b, (size_t)-1);
	buf_printf(&b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\">\n<title>", lang);
	escape_html(&b, subject);
	buf_addstr(&b, "</title>\n</head>\n<body style=\"font-family: "
	    "sans-serif; font-size: 15px; line-height: 1.5; color: #222; "
	    "max-width: 40em; margin: 0 auto; padding: 1em;\">\n");
	tables_insert(&b, body, ps->vars, ps->nvars);
	buf_addstr(&b, "</body>\n</html>\n");
	free(body);
	return buf_take(&b);
}

/*
 * Splits a cleaned template into its subject (after "Subject:") and body
 * (after the blank line) and parses both.
 */
static int
template_parse(const struct parse *ps, const char *data, struct part *subj,
    struct part *body, char **cause)
{
	const char	*s, *eol;

	if (strncmp(data, "Subject:", 8) != 0) {
		xasprintf(cause, "%s:1: the first line must be 'Subject: …'",
		    ps->path);
		return -1;
	}
	s = data + 8;
	while (*s == ' ' || *s == '\t')
		s++;
	if ((eol = strchr(s, '\n')) == NULL || eol[1] != '\n') {
		xasprintf(cause, "%s:2: an empty line must follow the subject",
		    ps->path);
		return -1;
	}
	if (part_parse(ps, s, (size_t)(eol - s), 1, subj, cause) == -1)
		return -1;
	return part_parse(ps, eol + 2, strlen(eol + 2), 3, body, cause);
}

/* Renders the parsed parts into out. */
static int
template_fill(const struct parse *ps, const char *lang,
    const struct part *subj, const struct part *body,
    struct template_out *out, char **cause)
{
	struct buf	 b;
	char		*line;

	buf_init(&b, SUBJECT_MAX);
	if (part_render(subj, ps->vars, ESCAPE_NONE, &b) == -1) {
		buf_free(&b);
		xasprintf(cause, "%s: subject longer than %d bytes", ps->path,
		    SUBJECT_MAX);
		return -1;
	}
	line = buf_take(&b);
	out->subject = subject_collapse(line);
	free(line);
	buf_init(&b, BODY_MAX);
	if (part_render(body, ps->vars, ESCAPE_NONE, &b) == -1)
		goto toolong;
	out->text = buf_take(&b);
	if (part_render(body, ps->vars, ESCAPE_MARKDOWN, &b) == -1)
		goto toolong;
	out->html = html_document(lang, out->subject, b.data, b.len, ps,
	    cause);
	buf_free(&b);
	return out->html == NULL ? -1 : 0;
toolong:
	buf_free(&b);
	xasprintf(cause, "%s: text longer than %d bytes", ps->path, BODY_MAX);
	return -1;
}

/* Values are UTF-8 text; anything else would reach a member garbled. */
static int
vars_check(const char *path, const struct template_var *vars, size_t nvars,
    char **cause)
{
	size_t	 i;

	for (i = 0; i < nvars; i++) {
		if (vars[i].value != NULL && !utf8_valid(vars[i].value)) {
			xasprintf(cause, "%s: the value of %s is not valid "
			    "UTF-8", path, vars[i].name);
			return -1;
		}
	}
	return 0;
}

int
template_render(const char *dir, const char *lang, const char *kind,
    const struct template_var *vars, size_t nvars,
    struct template_out *out, char **cause)
{
	struct parse	 ps;
	struct part	 subj = { NULL, 0, 0 }, body = { NULL, 0, 0 };
	char		*path = NULL, *data = NULL;
	size_t		 len;
	int		 rc = -1;

	memset(out, 0, sizeof *out);
	if (strcmp(lang, "nl") != 0 && strcmp(lang, "en") != 0) {
		xasprintf(cause, "template language '%s': not nl or en", lang);
		return -1;
	}
	if (!kind_ok(kind)) {
		xasprintf(cause, "template kind '%s': not [a-z-]+", kind);
		return -1;
	}
	xasprintf(&path, "%s/%s/%s.md", dir, lang, kind);
	ps.path = path;
	ps.vars = vars;
	ps.nvars = nvars;
	if (vars_check(path, vars, nvars, cause) == -1 ||
	    file_read(path, &data, &len, cause) == -1 ||
	    text_clean(path, data, &len, cause) == -1 ||
	    template_parse(&ps, data, &subj, &body, cause) == -1)
		goto out;
	rc = template_fill(&ps, lang, &subj, &body, out, cause);
out:
	if (rc == -1)
		template_out_free(out);
	free(subj.toks);
	free(body.toks);
	free(data);
	free(path);
	return rc;
}

void
template_out_free(struct template_out *out)
{
	if (out == NULL)
		return;
	free(out->subject);
	out->subject = NULL;
	free(out->text);
	out->text = NULL;
	free(out->html);
	out->html = NULL;
}

static const char *const days_nl[7] = {
	"zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag",
	"zaterdag"
};
static const char *const days_en[7] = {
	"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
	"Saturday"
};
static const char *const months_nl[12] = {
	"januari", "februari", "maart", "april", "mei", "juni", "juli",
	"augustus", "september", "oktober", "november", "december"
};
static const char *const months_en[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

/* "donderdag 12 maart 2026" / "Thursday 12 March 2026" */
static void
date_add(struct buf *b, const struct when_parts *p, bool is_en)
{
	buf_printf(b, "%s %d %s %d",
	    (is_en ? days_en : days_nl)[p->wday % 7], p->day,
	    (is_en ? months_en : months_nl)[(p->month + 11) % 12], p->year);
}

/* "14.00" / "14:00": Dutch writes the time with a dot. */
static void
time_add(struct buf *b, const struct when_parts *p, bool is_en)
{
	buf_printf(b, "%d%c%02d", p->hour, is_en ? ':' : '.', p->minute);
}

char *
template_date(time_t t, const char *tzid, const char *lang)
{
	struct when_parts	 p;
	struct buf		 b;

	when_local_parts(t, tzid, &p);
	buf_init(&b, 256);
	date_add(&b, &p, lang != NULL && strcmp(lang, "en") == 0);
	return buf_take(&b);
}

char *
template_date_range(time_t start, time_t end, const char *tzid,
    const char *lang)
{
	struct when_parts	 s, e;
	struct buf		 b;
	bool			 is_en = lang != NULL && strcmp(lang, "en") == 0;
	const char		*uur = is_en ? "" : " uur";

	when_local_parts(start, tzid, &s);
	when_local_parts(end, tzid, &e);
	buf_init(&b, 256);
	date_add(&b, &s, is_en);
	if (end <= start) {
		buf_addstr(&b, ", ");
		time_add(&b, &s, is_en);
		buf_addstr(&b, uur);
	} else if (s.year == e.year && s.month == e.month && s.day == e.day) {
		buf_addstr(&b, ", ");
		time_add(&b, &s, is_en);
		buf_addstr(&b, "\xe2\x80\x93");		/* U+2013 en dash */
		time_add(&b, &e, is_en);
		buf_addstr(&b, uur);
	} else {
		buf_addstr(&b, " ");
		time_add(&b, &s, is_en);
		buf_printf(&b, "%s \xe2\x80\x93 ", uur);
		date_add(&b, &e, is_en);
		buf_addstr(&b, " ");
		time_add(&b, &e, is_en);
		buf_addstr(&b, uur);
	}
	return buf_take(&b);
}
