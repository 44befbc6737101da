/*
 * html_test.c: unit tests for HTML to text (html.c): blocks and line
 * breaks, what is dropped, entities, and markup that is broken.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "html.h"
#include "mail.h"
#include "util.h"

static void
test_text(void)
{
	static const struct {
		const char	*in;
		const char	*want;
	} t[] = {
		{ "", "" },
		{ "plain", "plain" },
		{ "<p>Ik kom</p><p>Groet,<br>Jan</p>",
		    "Ik kom\n\nGroet,\nJan" },	/* </p><p>: a blank line */
		{ "<div>a</div>\n\n\n<div></div><div></div><p>b</p>",
		    "a\n\nb" },			/* at most one blank line */
		{ "a<br>b<br/>c", "a\nb\nc" },
		{ "<p>a</p><p>&nbsp;</p><p>b</p>", "a\n\nb" },
		{ "<table><tr><td>a</td><td>b</td></tr></table>", "a  b" },
		{ "<B>vet</B> en <i>schuin</i>", "vet en schuin" },
		{ "a  \t\n  b", "a b" },
		{ "<head><title>t</title><style>p{}</style></head>body",
		    "body" },
		{ "a<script>x<y</script>b", "ab" },
		{ "a<SCRIPT>x</Script >b", "ab" },
		{ "a<style>never closed", "a" },
		{ "a<!-- <p>hidden</p> -->b", "ab" },
		{ "a<!-- unclosed", "a" },
		{ "a<!DOCTYPE html>b", "ab" },
		{ "Jan &amp; Piet &lt;3 &quot;x&quot; &euro;",
		    "Jan & Piet <3 \"x\" \xe2\x82\xac" },
		{ "&#8364; &#x41; &#X42;", "\xe2\x82\xac A B" },
		{ "&#0; &#xD800; &#99999999;",
		    "\xef\xbf\xbd \xef\xbf\xbd \xef\xbf\xbd" },
		{ "&#160;x", "x" },			/* nbsp, then trimmed */
		{ "&bogus; &amp &; &", "&bogus; &amp &; &" },
		{ "a <b c", "a <b c" },			/* no ">" after it */
		{ "a < b > c", "a < b > c" },
		{ "x<verylongtagnamethatgoesonandon>y", "xy" },
		{ "caf\xc3\xa9", "caf\xc3\xa9" },
	};
	char	*out;
	size_t	 i;

	for (i = 0; i < nitems(t); i++) {
		out = html_to_text(t[i].in);
		CHECK_STR(out, t[i].want, "html \"%s\"", t[i].in);
		free(out);
	}
	out = mail_html_to_text("<p>a</p>b");
	CHECK_STR(out, "a\nb", "mail_html_to_text is html_to_text");
	free(out);
}

int
main(void)
{
	test_text();
	return check_done();
}
