/*
 * template.h: the text of every mail mailbot writes, from files under
 * templates/LANG/KIND.md. A template's first line is "Subject: …", then a
 * blank line, then the body in Markdown. The plain-text part is the
 * Markdown with values filled in; the HTML part is rendered from the same
 * source with cmark. Pure except for reading the template file.
 *
 * Placeholders (a small Mustache subset):
 *   {{name}}              the value of name ("" when unset)
 *   {{#name}} … {{/name}} the inside only when name is set and not empty
 *   {{^name}} … {{/name}} the inside only when name is unset or empty
 *   {{{name}}}            a table, alone on its line: the value is rows
 *                         ending in "\n" with cells split by "\t", the
 *                         first row the header; the text part gets padded
 *                         columns, the HTML part a <table> (cells escaped)
 * An unknown placeholder name in a template is an error (caught by tests),
 * so a typo never reaches a member.
 */
#ifndef MAILBOT_TEMPLATE_H
#define MAILBOT_TEMPLATE_H

#include <stddef.h>
#include <time.h>

struct template_var {
	const char	*name;
	const char	*value;		/* UTF-8; NULL counts as unset */
};

struct template_out {
	char	*subject;	/* one line, values filled in */
	char	*text;		/* text/plain body, LF line ends */
	char	*html;		/* text/html body: a whole small document */
};

/*
 * template_render: fills templates/LANG/KIND.md (dir is the templates
 * directory) with vars and puts the result in *out (free it with
 * template_out_free). Values are inserted literally in the text part and
 * escaped for Markdown and HTML in the HTML part, so data can never add
 * markup. Returns 0, or -1 with *cause naming the file and what is wrong.
 */
int	template_render(const char *dir, const char *lang, const char *kind,
	    const struct template_var *vars, size_t nvars,
	    struct template_out *out, char **cause);
void	template_out_free(struct template_out *);

/*
 * template_date_range: a meeting's time as people write it, in lang ("nl"
 * or "en") and the zone tzid, e.g. "donderdag 12 maart 2026, 14.00–17.00
 * uur" or "Thursday 12 March 2026, 14:00–17:00"; an end on another day
 * gets its own date. template_date: the day alone ("donderdag 12 maart
 * 2026"). Caller frees.
 */
char	*template_date_range(time_t start, time_t end, const char *tzid,
	    const char *lang);
char	*template_date(time_t t, const char *tzid, const char *lang);

#endif
