/*
 * log.h: one line per event on stderr, with a journald priority prefix
 * ("<3>" error, "<4>" warning, "<6>" info, "<7>" debug). log_warn and fatal
 * append strerror(errno); the -x variants do not.
 */
#ifndef MAILBOT_LOG_H
#define MAILBOT_LOG_H

#include <stdbool.h>

/* log_init: verbose enables debug lines; prefix adds the <N> priorities. */
void	log_init(bool verbose, bool prefix);
/* log_set_prefix: the daemon turns the <N> priorities on, keeping -v. */
void	log_set_prefix(bool prefix);
void	log_debug(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_info(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_warn(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_warnx(const char *, ...) __attribute__((format(printf, 1, 2)));
void	fatal(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));
void	fatalx(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));

#endif
