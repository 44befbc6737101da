/*
 * store_test.c: the statement cache of store.c, from the inside (this file
 * includes store.c, and the Makefile links it without store.o). A
 * statement is reused once done with; a second user of the same SQL while
 * the first still reads rows gets a statement of its own, which is freed,
 * not cached; a statement handed back is reset, so it holds no read
 * transaction and no bindings.
 */
#include <stdlib.h>
#include <unistd.h>

#include "check.h"
#include "store.c"

static const char SQL_T_COUNT[] =
    "SELECT count(*) FROM network WHERE ?1 IS NULL OR name = ?1";

int
main(void)
{
	char		 path[] = "/tmp/mailbot-store-test.XXXXXX";
	struct store	*st;
	sqlite3_stmt	*a, *b, *c;
	char		*cause = NULL;
	size_t		 n0;
	int64_t		 id;
	int		 fd, i, rows;

	if ((fd = mkstemp(path)) == -1)
		return 2;
	close(fd);
	unlink(path);
	st = store_open(path, true, 1000, &cause);
	CHECK(st != NULL, "a new database opens (%s)", cause != NULL ? cause :
	    "ok");
	if (st == NULL)
		return check_done();
	for (i = 0; i < 3; i++) {
		char name[16];

		snprintf(name, sizeof(name), "net%d", i);
		if (store_network_add(st, name, 1000, &id, &cause) == -1)
			CHECK(0, "add network: %s", cause);
	}

	n0 = st->ncache;
	a = store_prepare(st, SQL_T_COUNT, &cause);
	CHECK(a != NULL && st->ncache == n0 + 1, "a new SQL text is cached");
	sqlite3_bind_text(a, 1, "net1", -1, SQLITE_STATIC);
	CHECK(sqlite3_step(a) == SQLITE_ROW && sqlite3_column_int(a, 0) == 1,
	    "it runs with its binding");
	/* a has a row in hand: busy. The same SQL again is a new one. */
	b = store_prepare(st, SQL_T_COUNT, &cause);
	CHECK(b != NULL && b != a, "while it is busy, the same SQL gets its "
	    "own statement");
	CHECK(st->ncache == n0 + 1, "... which is not cached");
	CHECK(sqlite3_step(b) == SQLITE_ROW && sqlite3_column_int(b, 0) == 3,
	    "... and runs on its own (no binding: all three networks)");
	store_done(st, b);	/* finalized: ASan would see a double free */
	store_done(st, a);
	CHECK(!st->cache[n0].busy, "handed back, the cached one is free");
	CHECK(sqlite3_stmt_busy(a) == 0, "... and reset (no read "
	    "transaction held)");
	c = store_prepare(st, SQL_T_COUNT, &cause);
	CHECK(c == a, "the next use gets the cached statement");
	rows = sqlite3_step(c) == SQLITE_ROW ? sqlite3_column_int(c, 0) : -1;
	CHECK(rows == 3, "... with its old binding cleared (got %d)", rows);
	store_done(st, c);

	/* Many users of one SQL, nested: none is lost or freed twice. */
	{
		sqlite3_stmt	*v[8];

		for (i = 0; i < 8; i++) {
			v[i] = store_prepare(st, SQL_T_COUNT, &cause);
			sqlite3_step(v[i]);
		}
		for (i = 7; i >= 0; i--)
			store_done(st, v[i]);
		CHECK(st->ncache == n0 + 1 && !st->cache[n0].busy,
		    "eight nested users: one cached, free again");
	}
	store_close(st);
	unlink(path);
	{
		char	 wal[64];

		snprintf(wal, sizeof(wal), "%s-wal", path);
		unlink(wal);
		snprintf(wal, sizeof(wal), "%s-shm", path);
		unlink(wal);
	}
	free(cause);
	return check_done();
}
