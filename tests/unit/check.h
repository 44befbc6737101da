/*
 * check.h: the unit-test harness. CHECK prints "ok - …" or "not ok - …"
 * lines that tests/run counts; check_done() is the exit status.
 */
#ifndef MAILBOT_CHECK_H
#define MAILBOT_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_failed;

#define CHECK(cond, ...) do {						\
	if (cond) {							\
		printf("ok - ");					\
		printf(__VA_ARGS__);					\
		printf("\n");						\
	} else {							\
		printf("not ok - ");					\
		printf(__VA_ARGS__);					\
		printf(" (%s:%d: %s)\n", __FILE__, __LINE__, #cond);	\
		check_failed++;						\
	}								\
} while (0)

/* CHECK_STR: both strings equal (NULL equals only NULL). */
#define CHECK_STR(got, want, ...) do {					\
	const char *g_ = (got), *w_ = (want);				\
	int same_ = (g_ == NULL || w_ == NULL) ? g_ == w_ :		\
	    strcmp(g_, w_) == 0;					\
	CHECK(same_, __VA_ARGS__);					\
	if (!same_)							\
		printf("#   got  [%s]\n#   want [%s]\n",			\
		    g_ ? g_ : "(null)", w_ ? w_ : "(null)");		\
} while (0)

static inline int
check_done(void)
{
	fflush(stdout);
	return check_failed == 0 ? 0 : 1;
}

#endif
