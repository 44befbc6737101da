/*
 * cmd_test.c: the one parser of every command's arguments, finding a
 * command in a table, and the usage, help and failure lines, captured as
 * a command run from mail will capture them.
 */
#include <stdlib.h>
#include <sysexits.h>

#include "check.h"
#include "cmd.h"
#include "ctx.h"
#include "util.h"

static int
echo_exec(const struct ctx *ctx, const struct cmd_args *a)
{
	int	 i;

	for (i = 0; i < a->argc; i++)
		fprintf(a->out, "%s%s", i > 0 ? " " : "", a->argv[i]);
	fprintf(a->out, "|org=%s|json=%d\n", cmd_value(a, "org") != NULL ?
	    cmd_value(a, "org") : "-", cmd_flag(a, "json"));
	if (a->argc > 0 && strcmp(a->argv[0], "fail") == 0)
		return cmd_fail(a, EX_DATAERR, strdup("it failed"));
	return EX_OK;
}

static const struct cmd_entry add = {
	.name = "member add",
	.args = "NETWORK EMAIL 'NAME' [--org ORG] [--json]",
	.help = "add a member",
	.min_args = 3,
	.max_args = 3,
	.options = { { "org", true }, { "json", false } },
	.exec = echo_exec,
};
static const struct cmd_entry list = {
	.name = "member list",
	.args = "[NETWORK] [--org ORG] [--json]",
	.help = "list the members",
	.max_args = 1,
	.options = { { "org", true }, { "json", false } },
	.exec = echo_exec,
};
static const struct cmd_entry remove_ = {
	.name = "member remove",
	.args = "EMAIL [--org OR] [--json]",	/* 39 columns: fits */
	.help = "mark a member as having left",
	.min_args = 1,
	.max_args = 1,
	.options = { { "org", true }, { "json", false } },
	.exec = echo_exec,
};
static const struct cmd_entry once = {
	.name = "once",
	.args = "",
	.help = "one turn",
	.options = { { "org", true }, { "json", false } },
	.exec = echo_exec,
};
static const struct cmd_entry meeting = {
	.name = "meeting add",
	.args = "NETWORK --start 'YYYY-MM-DD HH:MM' --end 'YYYY-MM-DD HH:MM' "
	    "--location TEXT [--theme TEXT] [--hosts EMAIL,EMAIL] [--tz ZONE]",
	.help = "add a meeting",
	.min_args = 1,
	.max_args = 1,
	.exec = echo_exec,
};
static const struct cmd_entry *const table[] = {
	&add, &list, &remove_, &once, &meeting
};

/* Runs words (space-separated) as e; what went to out and err. */
static int
run(const struct cmd_entry *e, const char *words, char **out, char **err)
{
	char	*copy = strdup(words), *argv[16], *p = copy, *w;
	size_t	 olen, elen;
	FILE	*o = open_memstream(out, &olen);
	FILE	*r = open_memstream(err, &elen);
	int	 argc = 0, rc;

	while ((w = strsep(&p, " ")) != NULL)
		if (*w != '\0')
			argv[argc++] = w;
	rc = cmd_run(e, NULL, argc, argv, &(struct cmd_args){ .out = o,
	    .err = r });
	fclose(o);
	fclose(r);
	free(copy);
	return rc;
}

static void
check_run(const struct cmd_entry *e, const char *words, int want_rc,
    const char *want_out, const char *want_err)
{
	char	*out, *err;
	int	 rc = run(e, words, &out, &err);

	CHECK(rc == want_rc, "%s [%s]: exit %d", e->name, words, want_rc);
	CHECK_STR(out, want_out, "%s [%s]: output", e->name, words);
	CHECK_STR(err, want_err, "%s [%s]: failure", e->name, words);
	free(out);
	free(err);
}

static void
test_parse(void)
{
	check_run(&add, "Oost a@x.test Ann", EX_OK,
	    "Oost a@x.test Ann|org=-|json=0\n", "");
	check_run(&add, "--org Zorg Oost a@x.test Ann --json", EX_OK,
	    "Oost a@x.test Ann|org=Zorg|json=1\n", "");
	check_run(&add, "Oost a@x.test -- --json", EX_OK,
	    "Oost a@x.test --json|org=-|json=0\n", "");
	check_run(&add, "Oost a@x.test -x", EX_OK,
	    "Oost a@x.test -x|org=-|json=0\n", "");
	check_run(&add, "Oost a@x.test Ann fail", EX_USAGE, "",
	    "unexpected argument 'fail'; usage: mailbot member add NETWORK "
	    "EMAIL 'NAME' [--org ORG] [--json]\n");
	check_run(&add, "Oost a@x.test", EX_USAGE, "",
	    "usage: mailbot member add NETWORK EMAIL 'NAME' [--org ORG] "
	    "[--json]\n");
	check_run(&add, "Oost a@x.test Ann --jsn", EX_USAGE, "",
	    "unknown option '--jsn'; usage: mailbot member add NETWORK "
	    "EMAIL 'NAME' [--org ORG] [--json]\n");
	check_run(&add, "Oost a@x.test Ann --org", EX_USAGE, "",
	    "option '--org' needs a value; usage: mailbot member add NETWORK "
	    "EMAIL 'NAME' [--org ORG] [--json]\n");
	check_run(&list, "", EX_OK, "|org=-|json=0\n", "");
	check_run(&list, "fail", EX_DATAERR, "fail|org=-|json=0\n",
	    "it failed\n");
	check_run(&once, "extra", EX_USAGE, "",
	    "unexpected argument 'extra'; usage: mailbot once\n");
}

static void
test_find(void)
{
	char		*argv[3] = { "member", "list", "x" };
	const struct cmd_entry	*e;
	int		 words;

	e = cmd_find(table, nitems(table), 3, argv, &words);
	CHECK(e == &list && words == 2, "a family's two words name a command");
	argv[0] = "once";
	e = cmd_find(table, nitems(table), 3, argv, &words);
	CHECK(e == &once && words == 1, "one word names a command");
	argv[0] = "member";
	argv[1] = "lis";
	CHECK(cmd_find(table, nitems(table), 2, argv, &words) == NULL,
	    "no prefix matching");
	CHECK(cmd_find(table, nitems(table), 1, argv, &words) == NULL,
	    "a family's first word alone names none");
	argv[0] = "member list";
	CHECK(cmd_find(table, nitems(table), 1, argv, &words) == NULL,
	    "a family's two words in one argument name none");
	CHECK(cmd_known(table, nitems(table), "member"), "member is known");
	CHECK(!cmd_known(table, nitems(table), "mem"), "mem is not");
	CHECK(!cmd_known(table, nitems(table), ""), "nor is the empty word");
}

static void
check_family(const char *word, const char *want)
{
	char	*err;
	size_t	 len;
	FILE	*f = open_memstream(&err, &len);
	int	 rc = cmd_family_usage(table, nitems(table), word, f);

	fclose(f);
	CHECK(rc == EX_USAGE, "%s: family usage exits 64", word);
	CHECK_STR(err, want, "%s: family usage", word);
	free(err);
}

static void
test_usage(void)
{
	static const char want[] =
	    "  member add NETWORK EMAIL 'NAME' [--org ORG] [--json]\n"
	    "                                           add a member\n"
	    "  member list [NETWORK] [--org ORG] [--json]\n"
	    "                                           list the members\n"
	    "  member remove EMAIL [--org OR] [--json]  "
	    "mark a member as having left\n"
	    "  once                                     one turn\n"
	    "  meeting add NETWORK --start 'YYYY-MM-DD HH:MM' "
	    "--end 'YYYY-MM-DD HH:MM'\n"
	    "              --location TEXT [--theme TEXT] "
	    "[--hosts EMAIL,EMAIL] [--tz ZONE]\n"
	    "                                           add a meeting\n";
	char	*text;
	size_t	 len;
	FILE	*f = open_memstream(&text, &len);

	check_family("member", "usage: mailbot member add|list|remove …\n");
	check_family("meeting", "usage: mailbot meeting add NETWORK --start "
	    "'YYYY-MM-DD HH:MM' --end 'YYYY-MM-DD HH:MM' --location TEXT "
	    "[--theme TEXT] [--hosts EMAIL,EMAIL] [--tz ZONE]\n");
	cmd_help(table, nitems(table), f);
	fclose(f);
	CHECK_STR(text, want, "help: usage, wrapped at 80 columns, and help");
	free(text);
}

int
main(void)
{
	test_parse();
	test_find();
	test_usage();
	return check_done();
}
