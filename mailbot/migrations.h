/*
 * migrations.h: the schema migrations from state/NNN-*.sql, compiled into the
 * binary by state/sql2c.sh. migrations[i].version is i + 1.
 */
#ifndef MAILBOT_MIGRATIONS_H
#define MAILBOT_MIGRATIONS_H

#include <stddef.h>

struct migration {
	int		 version;
	const char	*name;
	const char	*sql;
};

extern const struct migration	migrations[];
extern const size_t		nmigrations;

#endif
