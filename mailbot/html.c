/*
 * html.c: HTML as plain text, for mail that has no text/plain part: tags
 * dropped (with what head, script, style and title hold), entities
 * decoded, block elements as line breaks. A tolerant scanner, not a
 * parser. Pure: no I/O.
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html.h"
#include "util.h"

static const struct {
	const char	*name;
	const char	*utf8;
} entities[] = {
	{ "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" },
	{ "apos", "'" }, { "nbsp", " " }, { "copy", "\xc2\xa9" },
	{ "reg", "\xc2\xae" }, { "euro", "\xe2\x82\xac" },
	{ "hellip", "\xe2\x80\xa6" }, { "ndash", "\xe2\x80\x93" },
	{ "mdash", "\xe2\x80\x94" }, { "lsquo", "\xe2\x80\x98" },
	{ "rsquo", "\xe2\x80\x99" }, { "ldquo", "\xe2\x80\x9c" },
	{ "rdquo", "\xe2\x80\x9d" }, { "eacute", "\xc3\xa9" },
	{ "euml", "\xc3\xab" }, { "iuml", "\xc3\xaf" }, { "ouml", "\xc3\xb6" },
	{ "uuml", "\xc3\xbc" }, { "auml", "\xc3\xa4" },
};

static const char *const blocks[] = { "address", "article", "blockquote",
    "br", "dd", "div", "dl", "dt", "footer", "h1", "h2", "h3", "h4", "h5",
    "h6", "header", "hr", "li", "ol", "p", "pre", "section", "table", "td",
    "th", "tr", "ul" };

static void
put_codepoint(struct buf *b, unsigned long cp)
{
	unsigned char	 u[4];

	if (cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		cp = 0xfffd;
	if (cp == 0xa0)
		cp = ' ';
	if (cp < 0x80) {
		u[0] = cp;
		buf_add(b, u, 1);
	} else if (cp < 0x800) {
		u[0] = 0xc0 | (cp >> 6);
		u[1] = 0x80 | (cp & 0x3f);
		buf_add(b, u, 2);
	} else if (cp < 0x10000) {
		u[0] = 0xe0 | (cp >> 12);
		u[1] = 0x80 | ((cp >> 6) & 0x3f);
		u[2] = 0x80 | (cp & 0x3f);
		buf_add(b, u, 3);
	} else {
		u[0] = 0xf0 | (cp >> 18);
		u[1] = 0x80 | ((cp >> 12) & 0x3f);
		u[2] = 0x80 | ((cp >> 6) & 0x3f);
		u[3] = 0x80 | (cp & 0x3f);
		buf_add(b, u, 4);
	}
}

/* Decodes the entity at s ("&..."); returns the bytes it used. */
static size_t
entity(struct buf *b, const char *s)
{
	char		 name[12];
	size_t		 n, i;
	unsigned long	 cp;
	char		*end;

	n = strspn(s + 1, "#0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKL"
	    "MNOPQRSTUVWXYZ");
	if (n == 0 || n >= sizeof(name) || s[1 + n] != ';') {
		buf_add(b, "&", 1);
		return 1;
	}
	memcpy(name, s + 1, n);
	name[n] = '\0';
	if (name[0] == '#') {
		errno = 0;
		if (name[1] == 'x' || name[1] == 'X')
			cp = strtoul(name + 2, &end, 16);
		else
			cp = strtoul(name + 1, &end, 10);
		put_codepoint(b, *end == '\0' && errno == 0 ? cp : 0xfffd);
		return n + 2;
	}
	for (i = 0; i < nitems(entities); i++)
		if (strcmp(name, entities[i].name) == 0) {
			buf_addstr(b, entities[i].utf8);
			return n + 2;
		}
	buf_add(b, "&", 1);
	return 1;
}

/* Skips the tag at s ("<..."), adding a line break for block elements. */
static size_t
tag(struct buf *b, const char *s, const char *last_gt)
{
	const char	*p = s + 1, *end;
	char		 name[16], close[20];
	size_t		 n, i;

	if (strncmp(s, "<!--", 4) == 0) {
		end = strstr(s + 4, "-->");
		return end != NULL ? (size_t)(end + 3 - s) : strlen(s);
	}
	if (*p == '/')
		p++;
	n = strspn(p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789:");
	if (n == 0 && *p != '!' && *p != '?') {
		buf_add(b, "<", 1);
		return 1;
	}
	if (last_gt == NULL || p > last_gt ||
	    (end = strchr(p, '>')) == NULL) {
		buf_add(b, "<", 1);	/* not a tag: "a <b" */
		return 1;
	}
	end++;
	if (n >= sizeof(name))
		return end - s;
	memcpy(name, p, n);
	name[n] = '\0';
	str_lower(name);
	if (s[1] != '/' && (strcmp(name, "script") == 0 ||
	    strcmp(name, "style") == 0 || strcmp(name, "head") == 0 ||
	    strcmp(name, "title") == 0)) {
		snprintf(close, sizeof(close), "</%s", name);
		p = strcasestr(end, close);
		if (p == NULL)
			return strlen(s);
		end = strchr(p, '>');
		return end != NULL ? (size_t)(end + 1 - s) : strlen(s);
	}
	for (i = 0; i < nitems(blocks); i++)
		if (strcmp(name, blocks[i]) == 0) {
			buf_add(b, strcmp(name, "td") == 0 ||
			    strcmp(name, "th") == 0 ? " " : "\n", 1);
			break;
		}
	return end - s;
}

/* Trims each line, keeps at most one blank line in a row. */
static char *
tidy_lines(const char *s)
{
	struct buf	 b;
	const char	*eol;
	char		*line;
	int		 blank = 1;

	buf_init(&b, SIZE_MAX);
	while (*s != '\0') {
		eol = s + strcspn(s, "\n");
		line = str_trim(xstrndup(s, eol - s));
		if (*line == '\0')
			blank++;
		else {
			if (b.len > 0)
				buf_addstr(&b, blank > 0 ? "\n\n" : "\n");
			buf_addstr(&b, line);
			blank = 0;
		}
		free(line);
		s = *eol == '\n' ? eol + 1 : eol;
	}
	return buf_take(&b);
}

char *
html_to_text(const char *html)
{
	struct buf	 b;
	const char	*s = html, *last_gt = strrchr(html, '>');
	char		*out;

	buf_init(&b, SIZE_MAX);
	while (*s != '\0') {
		if (*s == '<')
			s += tag(&b, s, last_gt);
		else if (*s == '&')
			s += entity(&b, s);
		else if (isspace((unsigned char)*s)) {
			if (b.len > 0 && b.data[b.len - 1] != ' ' &&
			    b.data[b.len - 1] != '\n')
				buf_add(&b, " ", 1);
			s++;
		} else
			buf_add(&b, s++, 1);
	}
	out = tidy_lines(b.data);
	buf_free(&b);
	return out;
}
