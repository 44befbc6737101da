/*
 * html.h: HTML mail as plain text. Pure.
 */
#ifndef MAILBOT_HTML_H
#define MAILBOT_HTML_H

/*
 * html_to_text: a plain rendering of html (UTF-8, NUL-terminated): tags
 * dropped, and with them comments and what head, script, style and title
 * hold; the named entities mail uses and every numeric one decoded (a
 * non-breaking space is a space, a code point that is no character
 * U+FFFD); block elements (p, div, br, li, tr, h1, ...) line breaks, td
 * and th spaces; white space collapsed, each line trimmed, at most one
 * blank line in a row. A "<" that starts no tag, or an "&" no entity,
 * stays as written. Returns a string the caller frees; never NULL.
 */
char	*html_to_text(const char *html);

#endif
