/*
 * template_test.c: meeting dates in Dutch and English; placeholders,
 * sections, errors and escaping on small templates written to a
 * temporary directory; and every real template under templates/, in both
 * languages, with all values and with the optional ones unset. Runs from
 * the repository root.
 */
#include <sys/stat.h>

#include <ftw.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "template.h"
#include "util.h"
#include "when.h"

#define AMS		"Europe/Amsterdam"
#define WINTER		1804770000	/* 2027-03-11 14:00 CET, a Thursday */
#define WINTER_END	1804780800	/* 17:00 CET */
#define SUMMER		1812628800	/* 2027-06-10 14:00 CEST */
#define HOUR		3600

static char	dir[PATH_MAX];		/* the temporary templates directory */

static void
test_dates(void)
{
	static const struct {
		time_t		 start, end;
		const char	*tz, *lang, *want;
	} t[] = {
		{ WINTER, WINTER_END, AMS, "nl",
		    "donderdag 11 maart 2027, 14.00\xe2\x80\x93" "17.00 uur" },
		{ WINTER, WINTER_END, AMS, "en",
		    "Thursday 11 March 2027, 14:00\xe2\x80\x93" "17:00" },
		{ SUMMER, SUMMER + 3 * HOUR, AMS, "nl",
		    "donderdag 10 juni 2027, 14.00\xe2\x80\x93" "17.00 uur" },
		{ SUMMER, SUMMER + 3 * HOUR, AMS, "en",
		    "Thursday 10 June 2027, 14:00\xe2\x80\x93" "17:00" },
		/* Until noon the next day. */
		{ WINTER, WINTER + 22 * HOUR, AMS, "nl",
		    "donderdag 11 maart 2027 14.00 uur \xe2\x80\x93 "
		    "vrijdag 12 maart 2027 12.00 uur" },
		{ WINTER, WINTER + 22 * HOUR, AMS, "en",
		    "Thursday 11 March 2027 14:00 \xe2\x80\x93 "
		    "Friday 12 March 2027 12:00" },
		/* Morning hours without a leading zero; minutes kept. */
		{ WINTER - 5 * HOUR + 1800, WINTER, AMS, "nl",
		    "donderdag 11 maart 2027, 9.30\xe2\x80\x93" "14.00 uur" },
		/* 22:30 to 23:30 UTC is one local day (the next one). */
		{ SUMMER + 10 * HOUR + 1800, SUMMER + 11 * HOUR + 1800, AMS, "nl",
		    "vrijdag 11 juni 2027, 0.30\xe2\x80\x93" "1.30 uur" },
		{ SUMMER, SUMMER + 3 * HOUR, "America/New_York", "en",
		    "Thursday 10 June 2027, 8:00\xe2\x80\x93" "11:00" },
		{ SUMMER, SUMMER + 3 * HOUR, AMS, "de",
		    "donderdag 10 juni 2027, 14.00\xe2\x80\x93" "17.00 uur" },
		{ SUMMER, SUMMER + 3 * HOUR, AMS, NULL,
		    "donderdag 10 juni 2027, 14.00\xe2\x80\x93" "17.00 uur" },
		/* No end (or a wrong one): the start alone. */
		{ WINTER, WINTER, AMS, "nl", "donderdag 11 maart 2027, 14.00 uur" },
		{ WINTER, WINTER - HOUR, AMS, "en", "Thursday 11 March 2027, 14:00" },
	};
	size_t	 i;
	char	*got;

	for (i = 0; i < nitems(t); i++) {
		got = template_date_range(t[i].start, t[i].end, t[i].tz,
		    t[i].lang);
		CHECK_STR(got, t[i].want, "date range %zu: %s", i, t[i].want);
		free(got);
	}
	got = template_date(WINTER, AMS, "nl");
	CHECK_STR(got, "donderdag 11 maart 2027", "date alone, nl");
	free(got);
	got = template_date(WINTER, AMS, "en");
	CHECK_STR(got, "Thursday 11 March 2027", "date alone, en");
	free(got);
	got = template_date(SUMMER + 10 * HOUR + 1800, AMS, "nl");
	CHECK_STR(got, "vrijdag 11 juni 2027", "the local day, not UTC's");
	free(got);
	got = template_date(1830000000, AMS, "en");	/* 2027-12-28 */
	CHECK_STR(got, "Tuesday 28 December 2027", "December, Tuesday");
	free(got);
}

/* Writes dir/lang/kind.md with len bytes of data. */
static void
put_bytes(const char *lang, const char *kind, const char *data, size_t len)
{
	char	*path;
	FILE	*f;

	xasprintf(&path, "%s/%s/%s.md", dir, lang, kind);
	if ((f = fopen(path, "w")) == NULL || fwrite(data, 1, len, f) != len ||
	    fclose(f) != 0) {
		perror(path);
		exit(1);
	}
	free(path);
}

static void
put(const char *lang, const char *kind, const char *text)
{
	put_bytes(lang, kind, text, strlen(text));
}

static const struct template_var vars[] = {
	{ "name", "Ineke Bakker" },
	{ "theme", "Samen leren" },
	{ "empty", "" },
	{ "unset", NULL },
	{ "hosts", "Ineke Bakker en Pieter van Dam" },
	{ "evil", "<script>alert(1)</script> *bold* [x](javascript:y) & co" },
	{ "multi", "regel een\n\nregel twee\n" },
	{ "crlf", "Piet\r\nBcc: x@y.z" },
};

/* Renders dir/lang/kind.md with vars; returns 0 or -1 (cause freed). */
static int
render(const char *lang, const char *kind, struct template_out *out,
    char **cause_out)
{
	char	*cause = NULL;
	int	 rc;

	rc = template_render(dir, lang, kind, vars, nitems(vars), out, &cause);
	if (cause_out != NULL)
		*cause_out = cause;
	else
		free(cause);
	return rc;
}

/* The text part of template source src, or NULL with the error printed. */
static char *
text_of(const char *src)
{
	struct template_out	 out;
	char			*cause, *text;

	put("nl", "t", src);
	if (render("nl", "t", &out, &cause) == -1) {
		printf("# %s\n", cause);
		free(cause);
		return NULL;
	}
	text = out.text;
	out.text = NULL;
	template_out_free(&out);
	return text;
}

static void
test_placeholders(void)
{
	static const struct {
		const char	*src, *want, *what;
	} t[] = {
		{ "Subject: x\n\nBeste {{name}},\n", "Beste Ineke Bakker,\n",
		    "a value" },
		{ "Subject: x\n\n{{ name }}!\n", "Ineke Bakker!\n",
		    "blanks inside the braces" },
		{ "Subject: x\n\n[{{unset}}|{{empty}}]\n", "[|]\n",
		    "unset and empty are empty" },
		{ "Subject: x\n\na{{#theme}} over {{theme}}{{/theme}}.\n",
		    "a over Samen leren.\n", "an inline section, set" },
		{ "Subject: x\n\na{{#unset}} over {{theme}}{{/unset}}.\n",
		    "a.\n", "an inline section, unset" },
		{ "Subject: x\n\na\n{{#theme}}\nb {{theme}}\n{{/theme}}\nc\n",
		    "a\nb Samen leren\nc\n", "section lines leave no line" },
		{ "Subject: x\n\na\n{{#empty}}\nb\n\n{{/empty}}\nc\n",
		    "a\nc\n", "an empty value is unset" },
		{ "Subject: x\n\na\n  {{^unset}}  \nb\n\t{{/unset}}\nc\n",
		    "a\nb\nc\n", "an inverted section; blanks around tags" },
		{ "Subject: x\n\n{{^theme}}\nb\n{{/theme}}\nc\n", "c\n",
		    "an inverted section, set" },
		{ "Subject: x\n\n{{#theme}}\n1\n{{#hosts}}\n2 {{hosts}}\n"
		    "{{/hosts}}\n{{^unset}}3{{/unset}}\n{{/theme}}\n",
		    "1\n2 Ineke Bakker en Pieter van Dam\n3\n",
		    "nested sections" },
		{ "Subject: x\n\n{{#theme}}\n{{#unset}}\n2\n{{/unset}}\n"
		    "{{/theme}}\nend", "end", "a nested section, unset" },
		{ "Subject: x\n\n{{#theme}}a\nb{{/theme}}\n", "a\nb\n",
		    "a section spanning lines, tags not alone" },
		{ "Subject: x\r\n\r\nline\r\n{{name}}\r\n",
		    "line\nIneke Bakker\n", "CRLF template" },
		{ "\xef\xbb\xbfSubject: x\n\nbom\n", "bom\n",
		    "a byte order mark is dropped" },
		{ "Subject: x\n\n{{evil}}\n",
		    "<script>alert(1)</script> *bold* [x](javascript:y) & co\n",
		    "the text part keeps values literally" },
		{ "Subject: x\n\n}} {x} {{name}}}\n", "}} {x} Ineke Bakker}\n",
		    "lone braces are text" },
	};
	size_t	 i;
	char	*got;

	for (i = 0; i < nitems(t); i++) {
		got = text_of(t[i].src);
		CHECK_STR(got, t[i].want, "%s", t[i].what);
		free(got);
	}
}

static void
test_subject(void)
{
	struct template_out	 out;

	put("en", "s", "Subject:   Invitation: {{theme}}{{#unset}} – "
	    "{{name}}{{/unset}}  {{crlf}}  \n\nbody\n");
	CHECK(render("en", "s", &out, NULL) == 0, "subject renders");
	CHECK_STR(out.subject, "Invitation: Samen leren Piet Bcc: x@y.z",
	    "subject is one line, blanks collapsed");
	CHECK(strstr(out.html, "<html lang=\"en\">") != NULL, "html lang en");
	template_out_free(&out);
	CHECK(out.subject == NULL && out.html == NULL, "out freed");

	put("nl", "s", "Subject: {{evil}}\n\nbody\n");
	CHECK(render("nl", "s", &out, NULL) == 0, "evil subject renders");
	CHECK(strstr(out.html, "<title>&lt;script&gt;alert(1)&lt;/script&gt; "
	    "*bold* [x](javascript:y) &amp; co</title>") != NULL,
	    "the title is escaped HTML");
	CHECK(strstr(out.html, "<html lang=\"nl\">") != NULL &&
	    strncmp(out.html, "<!DOCTYPE html>", 15) == 0,
	    "a whole document in nl");
	template_out_free(&out);
}

static void
test_html(void)
{
	struct template_out	 out;

	put("nl", "h", "Subject: x\n\n# Kop\n\nBeste **{{name}}**,\n\n"
	    "{{evil}}\n\n- {{multi}}\n\n<script>raw()</script>\n");
	CHECK(render("nl", "h", &out, NULL) == 0, "html template renders");
	CHECK(strstr(out.html, "<h1>Kop</h1>") != NULL,
	    "template Markdown is rendered");
	CHECK(strstr(out.html, "<strong>Ineke Bakker</strong>") != NULL,
	    "a value inside template markup");
	CHECK(strstr(out.html, "<script") == NULL, "no script tag survives");
	CHECK(strstr(out.html, "&lt;script&gt;alert(1)&lt;/script&gt; *bold* "
	    "[x](javascript:y) &amp; co") != NULL,
	    "a value's markup is literal text");
	CHECK(strstr(out.html, "<em>") == NULL &&
	    strstr(out.html, "<a ") == NULL, "no emphasis, no link from data");
	CHECK(strstr(out.html, "<li>regel een<br />\n<br />\nregel twee</li>")
	    != NULL, "a value's line breaks stay in its paragraph");
	CHECK(strstr(out.html, "\\") == NULL, "no stray backslash");
	CHECK(strstr(out.text, "<script>raw()</script>") != NULL,
	    "raw HTML in the template stays in the text part");
	template_out_free(&out);

	put("en", "h", "Subject: x\n\nHartelijke groet,\n{{name}}\n");
	CHECK(render("en", "h", &out, NULL) == 0, "line break renders");
	CHECK(strstr(out.html, "<p>Hartelijke groet,<br />\nIneke Bakker</p>")
	    != NULL, "a line break in the template is one in HTML");
	template_out_free(&out);
}

/* {{{name}}}: a value of rows and tab-separated cells is a table. */
static void
test_tables(void)
{
	static const struct template_var tv[] = {
		{ "t", "Lid\tAanwezig\nAnna <b>\t3\nBé\t12\n" },
		{ "none", NULL },
		{ "fake", "`mailbot-table-0`" },
	};
	struct template_out	 out;
	char			*cause = NULL;

	put("nl", "tab", "Subject: x\n\nVoor\n\n{{{t}}}\n{{{none}}}\n"
	    "{{fake}}\n\nNa\n");
	CHECK(template_render(dir, "nl", "tab", tv, nitems(tv), &out,
	    &cause) == 0, "a table renders");
	free(cause);
	if (out.text == NULL)
		return;
	CHECK_STR(out.text, "Voor\n\nLid       Aanwezig\n------------------\n"
	    "Anna <b>  3\nBé        12\n`mailbot-table-0`\n\nNa\n",
	    "text: columns padded by characters, header underlined");
	CHECK(strstr(out.html, "<table") != NULL && strstr(out.html,
	    ">Lid</th>") != NULL && strstr(out.html, ">Anna &lt;b&gt;</td>")
	    != NULL && strstr(out.html, "text-align: right;\">12</td>") !=
	    NULL, "HTML: a table, cells escaped, numbers to the right");
	CHECK(strstr(out.html, "<code>") == NULL && strstr(out.html,
	    "<b>") == NULL, "HTML: the marker leaves nothing behind");
	CHECK(strstr(out.html, "<p>`mailbot-table-0`</p>") != NULL,
	    "a value that looks like a marker stays text");
	template_out_free(&out);
}

static void
check_error(const char *lang, const char *kind, const char *want,
    const char *what)
{
	struct template_out	 out;
	char			*cause = NULL, *full;
	int			 rc;

	rc = render(lang, kind, &out, &cause);
	if (want[0] == ':') {
		xasprintf(&full, "%s/%s/%s.md%s", dir, lang, kind, want);
		want = full;
	} else
		full = NULL;
	CHECK(rc == -1 && out.subject == NULL && out.text == NULL &&
	    out.html == NULL, "%s: refused", what);
	CHECK_STR(cause, want, "%s: cause", what);
	free(cause);
	free(full);
}

static void
test_errors(void)
{
	static const struct {
		const char	*src, *want, *what;
	} t[] = {
		{ "Subject: x\n\nBeste\n\n{{nmae}},\n",
		    ":5: unknown placeholder 'nmae'", "a typo" },
		{ "Subject: x\n\n{{#unset}}\n{{typo}}\n{{/unset}}\n",
		    ":4: unknown placeholder 'typo'",
		    "a typo in a section not shown" },
		{ "Subject: {{subjtypo}}\n\nx\n",
		    ":1: unknown placeholder 'subjtypo'", "a typo in the subject" },
		{ "Subject: x\n\n{{#unknown}}x{{/unknown}}\n",
		    ":3: unknown placeholder 'unknown'", "an unknown section" },
		{ "Subject: x\n\na\n{{#theme}}\nb\n",
		    ":4: section '{{#theme}}' is not closed", "unclosed section" },
		{ "Subject: x\n\n{{^theme}}\n{{#name}}\n{{/name}}\n",
		    ":3: section '{{^theme}}' is not closed",
		    "unclosed outer section" },
		{ "Subject: x{{#theme}}\n\nb{{/theme}}\n",
		    ":1: section '{{#theme}}' is not closed",
		    "a section does not cross from subject to body" },
		{ "Subject: x\n\n{{#theme}}\n{{/name}}\n",
		    ":4: '{{/name}}' where '{{/theme}}' (line 3) was due",
		    "crossed sections" },
		{ "Subject: x\n\nb\n{{/theme}}\n",
		    ":4: '{{/theme}}' closes no section", "a stray end" },
		{ "Subject: x\n\nb {{name\n}}\n", ":3: '{{' without '}}'",
		    "a tag across lines" },
		{ "Subject: x\n\n{{Name}}\n", ":3: bad placeholder '{{Name}}'",
		    "upper case" },
		{ "Subject: x\n\n{{}}\n", ":3: bad placeholder '{{}}'",
		    "an empty tag" },
		{ "Subject: x\n\nzie {{{name}}}\n",
		    ":3: a table '{{{name}}}' must be alone on its line",
		    "a table inside a line" },
		{ "Subject: x\n\n{{{#name}}}\n",
		    ":3: a table takes a plain name", "a table as a section" },
		{ "Subject: x\n\n{{{name}}\n", ":3: '{{{' without '}}}'",
		    "a table not closed" },
		{ "Subject: x\n\n{{#a}}{{#b}}{{#c}}{{#d}}{{#e}}\n",
		    ":3: unknown placeholder 'a'", "names are checked first" },
		{ "Subject: x\n\n{{#name}}{{#name}}{{#name}}{{#name}}{{#name}}\n",
		    ":3: sections nested deeper than 4", "too deep" },
		{ "Subjekt: x\n\nb\n", ":1: the first line must be 'Subject: …'",
		    "no subject" },
		{ "Subject: x\nb\n", ":2: an empty line must follow the subject",
		    "no empty line" },
		{ "Subject: x", ":2: an empty line must follow the subject",
		    "only a subject" },
		{ "Subject: x\n\n\xc3\n", ":3: not valid UTF-8", "bad UTF-8" },
		{ "Subject: x\n\n\xed\xa0\x80\n", ":3: not valid UTF-8",
		    "a UTF-16 surrogate" },
		{ "Subject: x\n\n\xc0\xaf\n", ":3: not valid UTF-8",
		    "an overlong form" },
		{ "Subject: x\n\na\x1b[1m\n", ":3: control character 0x1b",
		    "an escape character" },
	};
	struct template_out	 out;
	size_t			 i;
	char			*big, *cause = NULL;

	for (i = 0; i < nitems(t); i++) {
		put("nl", "e", t[i].src);
		check_error("nl", "e", t[i].want, t[i].what);
	}
	put_bytes("nl", "e", "Subject: x\n\na\n\0b\n", 16);
	check_error("nl", "e", ":4: NUL byte", "a NUL byte");

	big = xmalloc(64 * 1024 + 1);
	memset(big, 'a', 64 * 1024 + 1);
	memcpy(big, "Subject: x\n\n", 12);
	put_bytes("nl", "e", big, 64 * 1024 + 1);
	check_error("nl", "e", ": larger than 64 KiB", "a file too large");
	put_bytes("nl", "e", big, 64 * 1024);
	CHECK(render("nl", "e", &out, NULL) == 0, "64 KiB is still fine");
	template_out_free(&out);
	free(big);

	check_error("nl", "missing", ": No such file or directory",
	    "a missing file");
	check_error("en", "e", ": No such file or directory",
	    "no fallback to another language");
	check_error("../etc", "passwd",
	    "template language '../etc': not nl or en", "a path as language");
	check_error("de", "e", "template language 'de': not nl or en",
	    "an unknown language");
	check_error("nl", "../en/e", "template kind '../en/e': not [a-z-]+",
	    "a path as kind");
	check_error("nl", "Invitation", "template kind 'Invitation': "
	    "not [a-z-]+", "upper case kind");
	check_error("nl", "", "template kind '': not [a-z-]+", "empty kind");

	put("nl", "u", "Subject: x\n\n{{name}}\n");
	{
		struct template_var	 bad[] = { { "name", "a\xff" } };

		CHECK(template_render(dir, "nl", "u", bad, 1, &out, &cause) ==
		    -1 && strstr(cause, "the value of name is not valid UTF-8")
		    != NULL, "a value that is not UTF-8 is refused");
		free(cause);
	}
}

/* The variables of the real templates; optional ones may be unset. */
struct var_spec {
	const char	*name;
	bool		 optional;
	bool		 shown;		/* its value appears in the text */
};

static const struct var_spec invitation_vars[] = {
	{ "name", false, true }, { "network", false, true },
	{ "theme", true, true }, { "date", false, true },
	{ "location", false, true }, { "hosts", true, true },
	{ "coordinator", false, true }, { "programme", true, true },
	{ NULL, false, false }
};
static const struct var_spec update_vars[] = {
	{ "name", false, true }, { "network", false, true },
	{ "theme", true, true }, { "date", false, true },
	{ "location", false, true }, { "hosts", true, true },
	{ "coordinator", false, true }, { "programme", true, true },
	{ "changed", true, true }, { "reconfirm", true, false },
	{ NULL, false, false }
};
static const struct var_spec cancel_vars[] = {
	{ "name", false, true }, { "network", false, true },
	{ "theme", true, true }, { "date", false, true },
	{ "location", false, true }, { "reason", true, true },
	{ NULL, false, false }
};
static const struct var_spec cancel_member_vars[] = {
	{ "name", false, true }, { "network", false, true },
	{ "theme", true, true }, { "date", false, true },
	{ "location", false, true }, { "coordinator", true, true },
	{ NULL, false, false }
};

static const struct var_spec confirmation_vars[] = {
	{ "name", false, true }, { "network", false, true },
	{ "date", false, true }, { "answer", false, true },
	{ "note", true, true }, { "evidence", true, true },
	{ NULL, false, false }
};
static const struct var_spec verify_vars[] = {
	{ "name", false, true }, { "network", false, true },
	{ "date", false, true }, { "answer", false, true },
	{ NULL, false, false }
};
static const struct var_spec forward_vars[] = {
	{ "name", false, true }, { "email", false, true },
	{ "network", false, true }, { "date", false, true },
	{ "subject", true, false }, { "text", false, true },
	{ NULL, false, false }
};
static const struct var_spec clarify_vars[] = {
	{ "name", false, true }, { "network", false, true },
	{ "date", false, true },
	{ NULL, false, false }
};
static const struct var_spec ack_vars[] = {
	{ "request", false, true }, { "coordinator", false, true },
	{ "name", false, true },
	{ NULL, false, false }
};

static const char *
sample(const char *name)
{
	static const struct template_var values[] = {
		{ "name", "Anna de Vries <script>alert(1)</script>" },
		{ "network", "Lerend netwerk Zorgbestuur Noord" },
		{ "theme", "Samen *bold* leren" },
		{ "location", "Isala, Zwolle" },
		{ "hosts", "Ineke Bakker en Pieter van Dam" },
		{ "coordinator", "Marieke Jansen" },
		{ "programme", "14.00 Ontvangst\n14.30 Casus\n16.30 Borrel" },
		{ "changed", "De tijd is gewijzigd." },
		{ "reason", "Te weinig aanmeldingen." },
		{ "reconfirm", "yes" },
		{ "answer", "komt" },
		{ "note", "Ik kom *bold* wat later" },
		{ "email", "anna@zorg.example" },
		{ "subject", "Parkeren" },
		{ "text", "Is er *bold* parkeergelegenheid?" },
		{ "request", "een verzoek om deel te nemen" },
	};
	size_t	 i;

	for (i = 0; i < nitems(values); i++)
		if (strcmp(values[i].name, name) == 0)
			return values[i].value;
	return "?";
}

/* True when some variable shown in the text has a sample with *bold*. */
static bool
has_bold(const struct var_spec *spec)
{
	size_t	 n;

	for (n = 0; spec[n].name != NULL; n++)
		if (spec[n].shown && strstr(sample(spec[n].name), "*bold*"))
			return true;
	return false;
}

static void
check_real(const char *kind, const struct var_spec *spec, const char *lang,
    bool all)
{
	struct template_var	 v[16];
	struct template_out	 out;
	char			*cause = NULL, *date;
	const char		*what = all ? "all set" : "optional unset";
	size_t			 n;
	int			 rc;
	bool			 shown = true;

	date = template_date_range(WINTER, WINTER_END, AMS, lang);
	for (n = 0; spec[n].name != NULL; n++) {
		v[n].name = spec[n].name;
		v[n].value = strcmp(spec[n].name, "date") == 0 ? date :
		    sample(spec[n].name);
		if (spec[n].optional && !all)
			v[n].value = NULL;
	}
	rc = template_render("templates", lang, kind, v, n, &out, &cause);
	CHECK(rc == 0, "%s/%s, %s: renders%s%s", lang, kind, what,
	    cause ? ": " : "", cause ? cause : "");
	free(cause);
	if (rc == -1) {
		free(date);
		return;
	}
	CHECK(strstr(out.subject, "{{") == NULL && strstr(out.text, "{{") ==
	    NULL && strstr(out.html, "{{") == NULL,
	    "%s/%s, %s: no placeholder left", lang, kind, what);
	/* Mail about a meeting names its date in the subject. */
	CHECK(out.subject[0] != '\0' && strchr(out.subject, '\n') == NULL &&
	    (strcmp(kind, "forward") == 0 || strcmp(kind, "ack") == 0 ||
	    strstr(out.subject, date) != NULL),
	    "%s/%s, %s: subject '%s'", lang, kind, what, out.subject);
	CHECK(strstr(out.html, "<script") == NULL &&
	    strstr(out.html, "&lt;script&gt;") != NULL,
	    "%s/%s, %s: no script in HTML", lang, kind, what);
	CHECK(strstr(out.html, "<em>bold") == NULL &&
	    (!all || !has_bold(spec) || strstr(out.html, "*bold*") != NULL),
	    "%s/%s, %s: Markdown in a value stays literal", lang, kind, what);
	for (n = 0; spec[n].name != NULL; n++)
		if (v[n].value != NULL && spec[n].shown &&
		    strstr(out.text, v[n].value) == NULL)
			shown = false;
	CHECK(shown, "%s/%s, %s: every value is shown", lang, kind, what);
	CHECK(strstr(out.text, "\n\n\n") == NULL && out.text[0] != '\n' &&
	    strstr(out.text, " \n") == NULL,
	    "%s/%s, %s: no stray blank lines or blanks", lang, kind, what);
	if (strcmp(kind, "invitation") == 0)
		CHECK(strstr(out.text, strcmp(lang, "nl") == 0 ?
		    "*ja*, *nee* of *misschien*" : "*yes*, *no* or *maybe*") !=
		    NULL, "%s/%s, %s: says how to answer", lang, kind, what);
	template_out_free(&out);
	free(date);
}

static void
test_real(void)
{
	static const struct {
		const char		*kind;
		const struct var_spec	*spec;
	} t[] = {
		{ "invitation", invitation_vars },
		{ "update", update_vars },
		{ "cancel", cancel_vars },
		{ "cancel-member", cancel_member_vars },
		{ "confirmation", confirmation_vars },
		{ "verify", verify_vars },
		{ "forward", forward_vars },
		{ "clarify", clarify_vars },
		{ "ack", ack_vars },
	};
	size_t	 i;

	for (i = 0; i < nitems(t); i++) {
		check_real(t[i].kind, t[i].spec, "nl", true);
		check_real(t[i].kind, t[i].spec, "nl", false);
		check_real(t[i].kind, t[i].spec, "en", true);
		check_real(t[i].kind, t[i].spec, "en", false);
	}
}

static int
cleanup_one(const char *path, const struct stat *sb, int flag,
    struct FTW *ftw)
{
	return remove(path);
}

int
main(void)
{
	char	 tmpl[] = "/tmp/template_test.XXXXXX", *sub;

	if (mkdtemp(tmpl) == NULL || realpath(tmpl, dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	xasprintf(&sub, "%s/nl", dir);
	mkdir(sub, 0700);
	free(sub);
	xasprintf(&sub, "%s/en", dir);
	mkdir(sub, 0700);
	free(sub);

	test_dates();
	test_placeholders();
	test_subject();
	test_html();
	test_errors();
	test_tables();
	test_real();

	if (nftw(dir, cleanup_one, 8, FTW_DEPTH | FTW_PHYS) == -1)
		perror("cleanup");
	when_cleanup();
	return check_done();
}
