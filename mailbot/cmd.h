/*
 * cmd.h: what a command is. Each command is one entry of a table, as in
 * tmux: its name, the usage of its arguments, a line of help, what
 * running it changes, its options and the function that runs it. One
 * parser reads the arguments of every command, and one function reports
 * every failure, so that a caller may take a command's words (its output
 * and its failures) into streams of its own, as a command run from a
 * coordinator's mail will. A command checks all its input before it
 * touches the state and changes the state in one transaction, so bad
 * input never half-changes anything.
 */
#ifndef MAILBOT_CMD_H
#define MAILBOT_CMD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct ctx;
struct cmd_args;

/* What running a command changes (struct cmd_entry's flags). */
#define CMD_READS	0x01	/* reads the state only */
#define CMD_CHANGES	0x02	/* changes the state */
#define CMD_MAILS	0x04	/* queues mail to people */
#define CMD_CLI		0x08	/* the command line only (the service) */
#define CMD_CREATE	0x10	/* creates the store when there is none */

#define CMD_OPTIONS_MAX	8	/* options of one command */
#define CMD_ARGS_MAX	4	/* positional arguments of one command */

/* One option: --name, or --name VALUE. */
struct cmd_option {
	const char	*name;		/* without the dashes; NULL ends */
	bool		 has_value;
};

struct cmd_entry {
	const char		*name;		/* "init"; a family's two
						   words: "member add" */
	const char		*args;		/* usage of the arguments:
						   "NETWORK EMAIL 'NAME' …" */
	const char		*help;		/* one line, for --help */
	int			 flags;		/* CMD_* */
	int			 min_args;	/* positional arguments */
	int			 max_args;	/* at most CMD_ARGS_MAX */
	struct cmd_option	 options[CMD_OPTIONS_MAX];
	/* Runs the command; returns a sysexits.h code. */
	int			(*exec)(const struct ctx *,
				    const struct cmd_args *);
};

/*
 * One run of a command: what the parser found in its arguments, and
 * where its words go. Strings point into the caller's argv.
 */
struct cmd_args {
	const struct cmd_entry	*entry;
	int			 argc;		/* positional arguments */
	const char		*argv[CMD_ARGS_MAX];
	const char		*value[CMD_OPTIONS_MAX];	/* per option of
						   entry: NULL when not
						   given; a flag's own word */
	FILE			*out;		/* the command's output */
	FILE			*err;		/* its failures, a line each;
						   NULL: the log (stderr) */
};

/*
 * cmd_find: the entry of table (n rows) that argv names: its first word,
 * or a family's first two. *words_out: how many words the name took.
 * NULL when no entry matches.
 */
const struct cmd_entry *cmd_find(const struct cmd_entry *const *table,
	    size_t n, int argc, char **argv, int *words_out);

/* cmd_known: whether word is the first word of some entry's name. */
bool	cmd_known(const struct cmd_entry *const *table, size_t n,
	    const char *word);

/*
 * cmd_family_usage: reports, to err as cmd_error does, the usage of the
 * family named word (argv gave no, or no known, second word). Returns
 * EX_USAGE.
 */
int	cmd_family_usage(const struct cmd_entry *const *table, size_t n,
	    const char *word, FILE *err);

/*
 * cmd_parse: reads argv (the words after the command's name) into a as
 * entry e takes them: "--name" and "--name VALUE" options, "--" ending
 * them, the rest positional. Returns 0, or -1 with *why saying what is
 * wrong (NULL: too few arguments); the caller frees *why.
 */
int	cmd_parse(const struct cmd_entry *e, int argc, char **argv,
	    struct cmd_args *a, char **why);

/*
 * cmd_run: parses argv (the words after the command's name) for e into a
 * and runs e with ctx. The caller sets a->out and a->err, where the
 * command's output and failures go (err NULL: the log); the parser fills
 * the rest. Returns a sysexits.h code: EX_USAGE after a usage line when
 * the arguments do not fit.
 */
int	cmd_run(const struct cmd_entry *e, const struct ctx *, int argc,
	    char **argv, struct cmd_args *a);

/*
 * cmd_help: the list of commands of table, one entry each: its usage,
 * wrapped at 80 columns, and its help.
 */
void	cmd_help(const struct cmd_entry *const *table, size_t n, FILE *f);

/* cmd_value: the value of option name (NULL: not given); the flag's word
   for a flag. The entry must have the option. */
const char *cmd_value(const struct cmd_args *, const char *name);
/* cmd_flag: whether option name was given. */
bool	cmd_flag(const struct cmd_args *, const char *name);

/*
 * cmd_error: reports one line of a command's failure: to a->err when it
 * is set, else to the log. Every failure of a command goes through here.
 */
void	cmd_error(const struct cmd_args *a, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* cmd_fail: cmd_error of cause, which it frees; returns code. */
int	cmd_fail(const struct cmd_args *, int code, char *cause);
/*
 * cmd_usage: reports "WHY; usage: mailbot NAME ARGS" (or the usage alone
 * when why is NULL), frees why and returns EX_USAGE.
 */
int	cmd_usage(const struct cmd_args *, char *why);

#endif
