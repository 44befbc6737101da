/*
 * address.h: checking and normalising the mail addresses and display names
 * that people type into commands, CSV files and the config. Pure.
 */
#ifndef MAILBOT_ADDRESS_H
#define MAILBOT_ADDRESS_H

/*
 * address_normalize: returns a new lower-case copy of a bare address
 * ("local@domain.tld") after trimming white space, or NULL with *cause
 * saying what is wrong. Quoted local parts, IP-literal domains and
 * non-ASCII (not punycoded) domains are refused on purpose.
 */
char	*address_normalize(const char *s, char **cause);

/*
 * line_normalize: returns a new copy of one line of text typed by a person
 * (a display name, a theme, a place) with every run of white space and
 * control characters, newlines included, turned into one space and the
 * ends trimmed; or NULL with *cause ("empty", "not valid UTF-8", "longer
 * than max bytes"). Names go into mail headers, so this is where header
 * injection is stopped first.
 */
char	*line_normalize(const char *s, size_t max, char **cause);

#endif
