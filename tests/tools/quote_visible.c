/*
 * quote_visible.c: a test tool that prints the visible part of a reply.
 *   quote_visible FILE|-          FILE is decoded UTF-8 plain text
 *   quote_visible --html FILE|-   FILE is HTML: quote_html_strip(), then a
 *                                 crude tag strip, then quote_visible()
 * Exit 1 when FILE cannot be read, 2 on a usage error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quote.h"
#include "util.h"

#define INPUT_MAX	(64 * 1024 * 1024)

struct entity {
	const char	*name;
	const char	*text;
};

static const struct entity entities[] = {
	{ "&nbsp;", " " }, { "&lt;", "<" }, { "&gt;", ">" }, { "&amp;", "&" },
	{ "&quot;", "\"" }, { "&apos;", "'" }, { "&#39;", "'" },
};

/* Tags that end a line of text. */
static const char *const blocks[] = {
	"p", "div", "tr", "li", "hr", "h1", "h2", "h3", "h4", "h5",
	"h6", "blockquote", "table", "pre", "ul", "ol",
};

static int
read_all(const char *path, struct buf *b)
{
	char	 chunk[8192];
	size_t	 n;
	FILE	*f;
	int	 rc = 0;

	f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (f == NULL)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (buf_add(b, chunk, n) == -1)
			rc = -1;
	if (ferror(f))
		rc = -1;
	if (f != stdin)
		fclose(f);
	return rc;
}

/* Appends code point cp as UTF-8. */
static void
add_utf8(struct buf *b, unsigned long cp)
{
	char	 u[4];

	if (cp < 0x80) {
		u[0] = (char)cp;
		buf_add(b, u, 1);
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | cp >> 6);
		u[1] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, u, 2);
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | cp >> 12);
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, u, 3);
	} else if (cp < 0x110000) {
		u[0] = (char)(0xf0 | cp >> 18);
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[3] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, u, 4);
	}
}

/* Decodes the entity at p into b; returns its length, 0 if unknown. */
static size_t
entity(const char *p, struct buf *b)
{
	unsigned long	 cp;
	char		*end;
	size_t		 i;

	for (i = 0; i < nitems(entities); i++)
		if (strncmp(p, entities[i].name, strlen(entities[i].name)) ==
		    0) {
			buf_addstr(b, entities[i].text);
			return strlen(entities[i].name);
		}
	if (p[1] != '#')
		return 0;
	if (p[2] == 'x' || p[2] == 'X')
		cp = strtoul(p + 3, &end, 16);
	else
		cp = strtoul(p + 2, &end, 10);
	if (*end != ';' || end == p + 2)
		return 0;
	add_utf8(b, cp);
	return (size_t)(end + 1 - p);
}

/* The lower-case name of the tag at p ('<'), into name. */
static void
tag_name(const char *p, char *name, size_t size)
{
	size_t	 n = 0;

	p += p[1] == '/' ? 2 : 1;
	while (n + 1 < size && ((*p >= 'a' && *p <= 'z') ||
	    (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')))
		name[n++] = (char)(*p >= 'A' && *p <= 'Z' ? *p++ - 'A' + 'a' :
		    *p++);
	name[n] = '\0';
}

/* Skips the tag at p; returns what follows it (and raw style text). */
static const char *
tag_skip(const char *p, struct buf *b)
{
	char		 name[16];
	const char	*e;
	size_t		 i;

	if (strncmp(p, "<!--", 4) == 0) {
		e = strstr(p + 4, "-->");
		return e != NULL ? e + 3 : p + strlen(p);
	}
	tag_name(p, name, sizeof(name));
	e = strchr(p, '>');
	e = e != NULL ? e + 1 : p + strlen(p);
	/* <br> ends a line; block edges only end one that has text */
	if (strcmp(name, "br") == 0)
		buf_add(b, "\n", 1);
	for (i = 0; i < nitems(blocks); i++)
		if (strcmp(name, blocks[i]) == 0 && b->len > 0 &&
		    b->data[b->len - 1] != '\n')
			buf_add(b, "\n", 1);
	if (p[1] != '/' && (strcmp(name, "style") == 0 ||
	    strcmp(name, "script") == 0 || strcmp(name, "title") == 0)) {
		e = strcasestr(e, strcmp(name, "style") == 0 ? "</style" :
		    strcmp(name, "script") == 0 ? "</script" : "</title");
		if (e == NULL)
			e = p + strlen(p);
	}
	return e;
}

/* A crude HTML to text: tags go, blocks end lines, spaces collapse. */
static char *
html_text(const char *html)
{
	struct buf	 b;
	const char	*p = html;
	size_t		 n;

	buf_init(&b, strlen(html) * 4 + 1);
	while (*p != '\0') {
		if (*p == '<') {
			p = tag_skip(p, &b);
		} else if (*p == '&' && (n = entity(p, &b)) > 0) {
			p += n;
		} else if (*p == ' ' || *p == '\t' || *p == '\n' ||
		    *p == '\r') {
			if (b.len > 0 && b.data[b.len - 1] != ' ' &&
			    b.data[b.len - 1] != '\n')
				buf_add(&b, " ", 1);
			p++;
		} else
			buf_add(&b, p++, 1);
	}
	return buf_take(&b);
}

int
main(int argc, char **argv)
{
	struct buf	 in;
	char		*stripped, *text, *out;
	int		 html = 0;

	if (argc == 3 && strcmp(argv[1], "--html") == 0)
		html = 1;
	else if (argc != 2) {
		fprintf(stderr, "usage: quote_visible [--html] FILE|-\n");
		return 2;
	}
	buf_init(&in, INPUT_MAX);
	if (read_all(argv[argc - 1], &in) == -1) {
		fprintf(stderr, "quote_visible: cannot read %s\n",
		    argv[argc - 1]);
		buf_free(&in);
		return 1;
	}
	if (html) {
		stripped = quote_html_strip(in.data);
		text = html_text(stripped);
		free(stripped);
	} else
		text = xstrdup(in.data);
	out = quote_visible(text);
	printf("%s\n", out);
	free(out);
	free(text);
	buf_free(&in);
	return 0;
}
