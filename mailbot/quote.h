/*
 * quote.h: the new, visible part of a reply. Drops quoted text, quote
 * headers, signatures and disclaimers from plain text, and quote blocks
 * from HTML before it becomes text. Pure: no I/O.
 */
#ifndef MAILBOT_QUOTE_H
#define MAILBOT_QUOTE_H

struct mail;

/*
 * quote_visible: what the sender wrote in a reply, given its decoded UTF-8
 * plain text (LF, CRLF or CR line ends). Removed:
 * - ">" quoted lines; an answer written between them stays, with one blank
 *   line where a quote was;
 * - from the first quote header on, everything: attributions ("On … wrote:",
 *   "Op … schreef …:", "Op … heeft … het volgende geschreven:", "Am …
 *   schrieb …:", also wrapped over up to three lines), header blocks of two
 *   or more "Key: value" lines (From/Sent/To/Subject, Van/Verzonden/Aan/
 *   Onderwerp, Von/Gesendet/An/Betreff, …), "-----Original Message-----",
 *   "-----Oorspronkelijk bericht-----", "Begin forwarded message:" and
 *   the like, and a "____" rule. A header that comes before anything the
 *   sender wrote and is followed by ">" lines opens an inline reply
 *   instead: the header goes, the answers between the quotes stay;
 * - from a signature on, everything: "-- ", "Sent from my iPhone",
 *   "Verzonden vanaf mijn …", a Dutch closing ("Met vriendelijke groet",
 *   "Hartelijke groet", "Groet, Jan"), legal disclaimers;
 * - after an English or German closing ("Kind regards", "Mit freundlichen
 *   Grüßen") with a name line under it, everything but those two (with no
 *   name under it, it is no closing: Dutch "Best." means "fine");
 * - Outlook Safe Links wrappers (a bare one becomes the original URL),
 *   "[cid:…]" image placeholders, non-breaking spaces (become spaces).
 * Returns a new string the caller frees: trimmed, never NULL, "" when
 * nothing remains (a reply that is only a quote).
 */
char	*quote_visible(const char *text);

/*
 * quote_not_ours: the lines of text (a reply, plain, any line ends) that
 * are not lines of ours (the text of the mail it answers), compared
 * without case, quote marks ("> "), emphasis ("*", "_") and spacing, and
 * without the header and attribution lines a client puts above a quote
 * ("Van: …", "Sent: …", "Op … schreef …:"). What a sender typed inside an
 * unquoted copy of our mail (Outlook answering inline), or under it, is
 * found so. Returns a new string, trimmed, never NULL.
 */
char	*quote_not_ours(const char *text, const char *ours);

/*
 * quote_mail_visible: the sender's own words in a parsed message: its
 * plain text when it has no HTML, else its HTML without quote blocks,
 * turned into text; then quote_visible. A new string, never NULL.
 */
char	*quote_mail_visible(const struct mail *);

/*
 * quote_html_strip: html with its quote blocks removed, to be turned into
 * text after: div.gmail_quote, every blockquote (Apple and Thunderbird
 * type="cite" included), Yahoo's yahoo_quoted, Thunderbird's
 * moz-cite-prefix; and from Outlook's #divRplyFwdMsg, #appendonsend or
 * border-top separator div (solid #E1E1E1 or #B5C4DF) on, everything.
 * A tolerant tag scanner, not a parser: broken or unclosed markup never
 * fails, an unclosed quote block runs to the end. Everything else is
 * copied byte for byte. Returns a new string the caller frees; never NULL.
 */
char	*quote_html_strip(const char *html);

#endif
