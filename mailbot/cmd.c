/*
 * cmd.c: finding a command in a table, the one parser of every command's
 * arguments, the usage and help text made from the table, and the one
 * place a command's failures are reported. Knows no command itself: the
 * table is its caller's. No I/O but the streams it is given (and the log).
 */
#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cmd.h"
#include "log.h"
#include "util.h"

#define HELP_COLUMN	43	/* where the help starts: 2 + 39 + 2 */
#define HELP_WIDTH	80	/* usage is wrapped to this */

/* Whether e's name is word, or begins with word and a space. */
static bool
name_begins(const struct cmd_entry *e, const char *word)
{
	size_t	 len = strlen(word);

	if (len == 0 || strchr(word, ' ') != NULL)
		return false;
	return strncmp(e->name, word, len) == 0 &&
	    (e->name[len] == '\0' || e->name[len] == ' ');
}

const struct cmd_entry *
cmd_find(const struct cmd_entry *const *table, size_t n, int argc,
    char **argv, int *words_out)
{
	const char	*second;
	size_t		 i;

	*words_out = 0;
	if (argc < 1)
		return NULL;
	for (i = 0; i < n; i++) {
		if (!name_begins(table[i], argv[0]))
			continue;
		second = table[i]->name + strlen(argv[0]);
		if (*second == '\0') {
			*words_out = 1;
			return table[i];
		}
		if (argc >= 2 && strcmp(second + 1, argv[1]) == 0) {
			*words_out = 2;
			return table[i];
		}
	}
	return NULL;
}

bool
cmd_known(const struct cmd_entry *const *table, size_t n, const char *word)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (name_begins(table[i], word))
			return true;
	return false;
}

/* "NAME ARGS", or "NAME" alone; the caller frees it. */
static char *
usage_of(const struct cmd_entry *e)
{
	char	*s;

	xasprintf(&s, "%s%s%s", e->name, *e->args != '\0' ? " " : "",
	    e->args);
	return s;
}

/*
 * A family of one or two commands shows their usages ("network add NAME |
 * network list [--json]"); a larger one its words ("member
 * add|import|list|remove …").
 */
int
cmd_family_usage(const struct cmd_entry *const *table, size_t n,
    const char *word, FILE *err)
{
	struct cmd_args	 a = { .err = err };
	struct buf	 b;
	size_t		 i, count = 0;
	char		*u, *text;

	for (i = 0; i < n; i++)
		if (name_begins(table[i], word))
			count++;
	buf_init(&b, 4096);
	for (i = 0; i < n; i++) {
		if (!name_begins(table[i], word))
			continue;
		if (count > 2) {
			assert(table[i]->name[strlen(word)] == ' ');
			buf_printf(&b, "%s%s", b.len > 0 ? "|" : "",
			    table[i]->name + strlen(word) + 1);
			continue;
		}
		u = usage_of(table[i]);
		buf_printf(&b, "%s%s", b.len > 0 ? " | " : "", u);
		free(u);
	}
	text = buf_take(&b);
	if (count > 2)
		cmd_error(&a, "usage: mailbot %s %s …", word, text);
	else
		cmd_error(&a, "usage: mailbot %s", text);
	free(text);
	return EX_USAGE;
}

/* The index of option name in e, or -1. */
static int
option_index(const struct cmd_entry *e, const char *name)
{
	int	 i;

	for (i = 0; i < CMD_OPTIONS_MAX && e->options[i].name != NULL; i++)
		if (strcmp(e->options[i].name, name) == 0)
			return i;
	return -1;
}

int
cmd_parse(const struct cmd_entry *e, int argc, char **argv,
    struct cmd_args *a, char **why)
{
	int	 i, o;
	bool	 only_pos = false;

	assert(e->max_args <= CMD_ARGS_MAX);
	*why = NULL;
	a->entry = e;
	a->argc = 0;
	memset(a->value, 0, sizeof(a->value));
	for (i = 0; i < argc; i++) {
		if (only_pos || strncmp(argv[i], "--", 2) != 0) {
			if (a->argc == e->max_args) {
				xasprintf(why, "unexpected argument '%s'",
				    argv[i]);
				return -1;
			}
			a->argv[a->argc++] = argv[i];
			continue;
		}
		if (argv[i][2] == '\0') {
			only_pos = true;
			continue;
		}
		if ((o = option_index(e, argv[i] + 2)) == -1) {
			xasprintf(why, "unknown option '%s'", argv[i]);
			return -1;
		}
		if (!e->options[o].has_value)
			a->value[o] = argv[i];
		else if (i + 1 == argc) {
			xasprintf(why, "option '%s' needs a value", argv[i]);
			return -1;
		} else
			a->value[o] = argv[++i];
	}
	return a->argc < e->min_args ? -1 : 0;
}

int
cmd_run(const struct cmd_entry *e, const struct ctx *ctx, int argc,
    char **argv, struct cmd_args *a)
{
	char	*why = NULL;

	if (cmd_parse(e, argc, argv, a, &why) == -1)
		return cmd_usage(a, why);
	return e->exec(ctx, a);
}

/*
 * The words of a usage that stay on one line: "[…]" and '…' whole, and
 * an option with its value ("--start 'YYYY-MM-DD HH:MM'"). Returns the
 * length of the unit at s.
 */
static size_t
help_unit(const char *s)
{
	size_t	 i = 0;
	int	 depth = 0;
	bool	 quoted = false, option = strncmp(s, "--", 2) == 0;

	for (; s[i] != '\0'; i++) {
		if (s[i] == '\'')
			quoted = !quoted;
		else if (s[i] == '[')
			depth++;
		else if (s[i] == ']')
			depth--;
		else if (s[i] == ' ' && depth == 0 && !quoted) {
			if (!option || s[i + 1] == '-' || s[i + 1] == '[')
				break;
			option = false;		/* its value follows */
		}
	}
	return i;
}

/* A usage too long to share its line with the help: wrapped under it. */
static void
help_wrapped(const struct cmd_entry *e, FILE *f)
{
	const char	*p = e->args;
	int		 indent = 2 + (int)strlen(e->name) + 1, col;
	size_t		 len;

	fprintf(f, "  %s", e->name);
	col = indent - 1;
	while (*p != '\0') {
		len = help_unit(p);
		if (col > indent - 1 && col + 1 + (int)len > HELP_WIDTH) {
			fprintf(f, "\n%*s", indent, "");
			col = indent;
		} else {
			fputc(' ', f);
			col++;
		}
		fprintf(f, "%.*s", (int)len, p);
		col += (int)len;
		p += len;
		while (*p == ' ')
			p++;
	}
	fprintf(f, "\n%*s%s\n", HELP_COLUMN, "", e->help);
}

void
cmd_help(const struct cmd_entry *const *table, size_t n, FILE *f)
{
	size_t	 i;
	char	*u;

	for (i = 0; i < n; i++) {
		u = usage_of(table[i]);
		if (2 + strlen(u) + 2 <= HELP_COLUMN)
			fprintf(f, "  %-*s%s\n", HELP_COLUMN - 2, u,
			    table[i]->help);
		else
			help_wrapped(table[i], f);
		free(u);
	}
}

const char *
cmd_value(const struct cmd_args *a, const char *name)
{
	int	 o = option_index(a->entry, name);

	assert(o != -1);
	return a->value[o];
}

bool
cmd_flag(const struct cmd_args *a, const char *name)
{
	return cmd_value(a, name) != NULL;
}

void
cmd_error(const struct cmd_args *a, const char *fmt, ...)
{
	char	 line[4096];
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (a->err != NULL)
		fprintf(a->err, "%s\n", line);
	else
		log_warnx("%s", line);
}

int
cmd_fail(const struct cmd_args *a, int code, char *cause)
{
	cmd_error(a, "%s", cause);
	free(cause);
	return code;
}

int
cmd_usage(const struct cmd_args *a, char *why)
{
	char	*u = usage_of(a->entry);

	if (why != NULL)
		cmd_error(a, "%s; usage: mailbot %s", why, u);
	else
		cmd_error(a, "usage: mailbot %s", u);
	free(u);
	free(why);
	return EX_USAGE;
}
