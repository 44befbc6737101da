/*
 * store.c: all of mailbot's state in one SQLite database. The only module
 * that speaks SQL; every statement is a constant with bound parameters.
 * Opening applies the migrations compiled in from state/NNN-*.sql.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <sqlite3.h>

#include "log.h"
#include "migrations.h"
#include "store.h"
#include "util.h"

/*
 * Prepared statements are kept and reused: preparing was most of the CPU
 * time of taking a full inbox (perf: SQLite's parser and code generator,
 * not its VM). The SQL texts are static strings, so the pointer finds the
 * statement. One in use (a query whose rows are being read while another
 * call wants the same SQL) is not shared: that call prepares its own.
 */
#define STORE_CACHE	160

struct store_cached {
	const char	*sql;
	sqlite3_stmt	*q;
	bool		 busy;
};

struct store {
	sqlite3			*db;
	char			*path;
	struct store_cached	 cache[STORE_CACHE];
	size_t			 ncache;
};

#define BUSY_TIMEOUT_MS	5000
#define SECRET_LEN	32

static const char SQL_SECRET_GET[] =
    "SELECT count(*) FROM installation";
static const char SQL_SECRET_ADD[] =
    "INSERT INTO installation (id, secret, created) VALUES (1, ?1, ?2)";

static const char SQL_NETWORK_ADD[] =
    "INSERT INTO network (name, created) VALUES (?1, ?2)";
static const char SQL_NETWORK_LIST[] =
    "SELECT n.id, n.name,"
    " (SELECT count(*) FROM member m WHERE m.network_id = n.id"
    "  AND m.active = 1),"
    " (SELECT count(*) FROM meeting g WHERE g.network_id = n.id"
    "  AND g.status = 'confirmed')"
    " FROM network n WHERE ?1 IS NULL OR n.name = ?1 OR n.id = ?2"
    " ORDER BY n.name IS NOT ?1, n.id";

#define MEMBER_COLUMNS \
    "m.id, m.network_id, n.name, m.email, m.name, m.organisation, m.role," \
    " m.org_size, m.experience, m.region, m.lang, m.active"
static const char SQL_MEMBER_FIND[] =
    "SELECT " MEMBER_COLUMNS " FROM member m JOIN network n"
    " ON n.id = m.network_id WHERE m.network_id = ?1 AND m.email = ?2";
static const char SQL_MEMBER_LIST[] =
    "SELECT " MEMBER_COLUMNS " FROM member m JOIN network n"
    " ON n.id = m.network_id WHERE m.active = 1"
    " AND (?1 = 0 OR m.network_id = ?1) ORDER BY n.id, m.name, m.email";
static const char SQL_MEMBER_BY_EMAIL[] =
    "SELECT " MEMBER_COLUMNS " FROM member m JOIN network n"
    " ON n.id = m.network_id WHERE m.active = 1 AND m.email = ?1"
    " ORDER BY n.id";
static const char SQL_MEMBER_ADD[] =
    "INSERT INTO member (network_id, email, name, organisation, role,"
    " org_size, experience, region, lang, active, joined)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1, ?10)"
    " ON CONFLICT (network_id, email) DO UPDATE SET name = ?3,"
    " organisation = ?4, role = ?5, org_size = ?6, experience = ?7,"
    " region = ?8, lang = ?9, active = 1, joined = ?10, left_at = NULL"
    " WHERE active = 0"
    " RETURNING id";
/* A member who joins gets an answer row for each meeting still ahead. */
static const char SQL_MEMBER_ROWS[] =
    "INSERT OR IGNORE INTO attendance (meeting_id, member_id, updated)"
    " SELECT g.id, ?1, ?3 FROM meeting g WHERE g.network_id = ?2"
    " AND g.status = 'confirmed' AND g.start_at > ?3";
static const char SQL_MEMBER_REMOVE[] =
    "UPDATE member SET active = 0, left_at = ?2 WHERE id = ?1"
    " AND active = 1";

#define MEETING_COLUMNS \
    "g.id, g.network_id, n.name, g.start_at, g.end_at, g.tzid, g.location," \
    " g.theme, g.status, g.uid, g.sequence"
static const char SQL_MEETING_ADD[] =
    "INSERT INTO meeting (network_id, start_at, end_at, tzid, location,"
    " theme, uid, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
static const char SQL_MEETING_ROWS[] =
    "INSERT INTO attendance (meeting_id, member_id, updated)"
    " SELECT ?1, m.id, ?3 FROM member m WHERE m.network_id = ?2"
    " AND m.active = 1";
static const char SQL_HOST_ADD[] =
    "INSERT INTO host (meeting_id, member_id) VALUES (?1, ?2)";
static const char SQL_HOSTS_CLEAR[] =
    "DELETE FROM host WHERE meeting_id = ?1";
static const char SQL_MEETING_GET[] =
    "SELECT " MEETING_COLUMNS " FROM meeting g JOIN network n"
    " ON n.id = g.network_id WHERE ?1 = 0 OR g.id = ?1"
    " ORDER BY g.start_at, g.id";
static const char SQL_HOSTS[] =
    "SELECT m.email, m.name FROM host h JOIN member m ON m.id = h.member_id"
    " WHERE h.meeting_id = ?1 ORDER BY m.name, m.email";

static const char SQL_ATTENDEES[] =
    "SELECT m.email, m.name, 0, a.status, a.note, a.updated, a.present"
    " FROM attendance a JOIN member m ON m.id = a.member_id"
    " WHERE a.meeting_id = ?1 AND m.active = 1"
    " UNION ALL "
    "SELECT g.email, g.name, 1, a.status, a.note, a.updated, a.present"
    " FROM attendance a JOIN guest g ON g.id = a.guest_id"
    " WHERE a.meeting_id = ?1"
    " ORDER BY 3, 2, 1";

static const char SQL_GUEST_ADD[] =
    "INSERT INTO guest (meeting_id, email, name, lang, created)"
    " VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_GUEST_ROW[] =
    "INSERT INTO attendance (meeting_id, guest_id, updated)"
    " VALUES (?1, ?2, ?3)";
static const char SQL_GUEST_EXISTS[] =
    "SELECT count(*) FROM guest WHERE meeting_id = ?1 AND email = ?2";

static const char SQL_REGISTER_SET[] =
    "UPDATE attendance SET present = ?3 WHERE meeting_id = ?1 AND"
    " (member_id IN (SELECT id FROM member WHERE email = ?2 AND active = 1)"
    "  OR guest_id IN (SELECT id FROM guest WHERE email = ?2))";

/* Helpers. */

/*
 * SQLite's words for the last error, with the system's when there is one:
 * "disk I/O error (File too large)", "database or disk is full (No space
 * left on device)".
 */
static char *
store_errmsg(struct store *st, const char *msg)
{
	char	*s;
	int	 e = sqlite3_system_errno(st->db);

	switch (sqlite3_errcode(st->db)) {
	case SQLITE_IOERR:
	case SQLITE_FULL:
	case SQLITE_CANTOPEN:
	case SQLITE_READONLY:
		if (e != 0) {
			xasprintf(&s, "%s (%s)", msg, strerror(e));
			return s;
		}
		break;
	default:
		break;
	}
	/* A failed write(2) leaves no errno behind in SQLite (it is
	   overwritten before sqlite3_system_errno can see it). */
	if (sqlite3_extended_errcode(st->db) == SQLITE_IOERR_WRITE) {
		xasprintf(&s, "%s (a write failed: is the disk full?)", msg);
		return s;
	}
	return xstrdup(msg);
}

static int
store_fail(struct store *st, const char *what, char **cause)
{
	char	*msg = store_errmsg(st, sqlite3_errmsg(st->db));

	xasprintf(cause, "%s: %s: %s", st->path, what, msg);
	free(msg);
	return -1;
}

static sqlite3_stmt *
store_prepare(struct store *st, const char *sql, char **cause)
{
	struct store_cached	*c = NULL;
	sqlite3_stmt		*q = NULL;
	size_t			 i;

	for (i = 0; i < st->ncache; i++)
		if (st->cache[i].sql == sql) {
			c = &st->cache[i];
			break;
		}
	if (c != NULL && !c->busy) {
		c->busy = true;
		return c->q;
	}
	if (sqlite3_prepare_v3(st->db, sql, -1, c == NULL &&
	    st->ncache < STORE_CACHE ? SQLITE_PREPARE_PERSISTENT : 0, &q,
	    NULL) != SQLITE_OK) {
		store_fail(st, "prepare", cause);
		return NULL;
	}
	if (c == NULL && st->ncache < STORE_CACHE) {
		c = &st->cache[st->ncache++];
		c->sql = sql;
		c->q = q;
		c->busy = true;
	}
	return q;
}

/* Every statement from store_prepare ends here: kept (reset) or freed. */
static void
store_done(struct store *st, sqlite3_stmt *q)
{
	size_t	 i;

	for (i = 0; i < st->ncache; i++)
		if (st->cache[i].q == q) {
			sqlite3_reset(q);
			sqlite3_clear_bindings(q);
			st->cache[i].busy = false;
			return;
		}
	sqlite3_finalize(q);	/* one prepared beside a busy one */
}

static void
bind_text(sqlite3_stmt *q, int i, const char *s)
{
	if (s == NULL)
		sqlite3_bind_null(q, i);
	else
		sqlite3_bind_text(q, i, s, -1, SQLITE_STATIC);
}

static void
bind_int_or_null(sqlite3_stmt *q, int i, int64_t v)
{
	if (v < 0)
		sqlite3_bind_null(q, i);
	else
		sqlite3_bind_int64(q, i, v);
}

static char *
column_text(sqlite3_stmt *q, int i)
{
	const unsigned char	*s = sqlite3_column_text(q, i);

	return s == NULL ? NULL : xstrdup((const char *)s);
}

static int64_t
column_int_or(sqlite3_stmt *q, int i, int64_t dflt)
{
	if (sqlite3_column_type(q, i) == SQLITE_NULL)
		return dflt;
	return sqlite3_column_int64(q, i);
}

/* Runs a statement that returns no rows. */
static int
store_exec(struct store *st, const char *sql, char **cause)
{
	char	*err = NULL;

	char	*msg;

	if (sqlite3_exec(st->db, sql, NULL, NULL, &err) != SQLITE_OK) {
		msg = store_errmsg(st, err != NULL ? err :
		    sqlite3_errmsg(st->db));
		xasprintf(cause, "%s: %s", st->path, msg);
		free(msg);
		sqlite3_free(err);
		return -1;
	}
	return 0;
}

/* Opening and migrations. */

static int
store_user_version(struct store *st)
{
	sqlite3_stmt	*q;
	int		 v = -1;

	if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &q,
	    NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(q) == SQLITE_ROW)
		v = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	return v;
}

/*
 * Applies each migration newer than the database, one transaction each,
 * setting user_version inside the same transaction so a crash leaves the
 * database at the old or the new version, never between.
 */
static int
store_migrate(struct store *st, char **cause)
{
	int	 have;
	size_t	 i;
	char	*sql;

	if (store_exec(st, "BEGIN IMMEDIATE", cause) == -1)
		return -1;
	have = store_user_version(st);
	if (have > (int)nmigrations) {
		store_rollback(st);
		xasprintf(cause, "%s: made by a newer mailbot (schema %d, this "
		    "binary knows %zu); refusing to open it", st->path, have,
		    nmigrations);
		return -1;
	}
	for (i = (size_t)have; i < nmigrations; i++) {
		if (store_exec(st, migrations[i].sql, cause) == -1)
			goto fail;
		xasprintf(&sql, "PRAGMA user_version = %d",
		    migrations[i].version);
		if (store_exec(st, sql, cause) == -1) {
			free(sql);
			goto fail;
		}
		free(sql);
		log_debug("migrated db=%s to=%s", st->path, migrations[i].name);
	}
	return store_commit(st, cause);
fail:
	store_rollback(st);
	return -1;
}

/* The reply-token secret, made once per installation. */
static int
store_secret_ensure(struct store *st, time_t now, char **cause)
{
	sqlite3_stmt	*q;
	unsigned char	 secret[SECRET_LEN];
	int		 n = 0, rc = -1;

	if ((q = store_prepare(st, SQL_SECRET_GET, cause)) == NULL)
		return -1;
	if (sqlite3_step(q) == SQLITE_ROW)
		n = sqlite3_column_int(q, 0);
	store_done(st, q);
	if (n > 0)
		return 0;
	if (gnutls_rnd(GNUTLS_RND_KEY, secret, sizeof(secret)) != 0) {
		xasprintf(cause, "%s: no random bytes for the secret", st->path);
		return -1;
	}
	if ((q = store_prepare(st, SQL_SECRET_ADD, cause)) == NULL)
		return -1;
	sqlite3_bind_blob(q, 1, secret, sizeof(secret), SQLITE_TRANSIENT);
	sqlite3_bind_int64(q, 2, (int64_t)now);
	if (sqlite3_step(q) == SQLITE_DONE)
		rc = 0;
	else
		store_fail(st, "create secret", cause);
	store_done(st, q);
	explicit_bzero(secret, sizeof(secret));
	return rc;
}

static int
store_configure(struct store *st, char **cause)
{
	sqlite3_busy_timeout(st->db, BUSY_TIMEOUT_MS);
	if (store_exec(st, "PRAGMA journal_mode = WAL", cause) == -1 ||
	    store_exec(st, "PRAGMA foreign_keys = ON", cause) == -1 ||
	    store_exec(st, "PRAGMA synchronous = NORMAL", cause) == -1)
		return -1;
	return 0;
}

struct store *
store_open(const char *path, bool create, time_t now, char **cause)
{
	struct store	*st;
	struct stat	 sb;
	int		 flags = SQLITE_OPEN_READWRITE;

	if (stat(path, &sb) == -1) {
		if (errno != ENOENT || !create) {
			xasprintf(cause, "%s: %s%s", path, strerror(errno),
			    errno == ENOENT ? " (run 'mailbot init')" : "");
			return NULL;
		}
		flags |= SQLITE_OPEN_CREATE;
	}
	st = xcalloc(1, sizeof(*st));
	st->path = xstrdup(path);
	if (sqlite3_open_v2(path, &st->db, flags, NULL) != SQLITE_OK) {
		xasprintf(cause, "%s: %s", path, st->db != NULL ?
		    sqlite3_errmsg(st->db) : "cannot open");
		goto fail;
	}
	if (store_configure(st, cause) == -1 ||
	    store_migrate(st, cause) == -1 ||
	    store_secret_ensure(st, now, cause) == -1)
		goto fail;
	return st;
fail:
	store_close(st);
	return NULL;
}

void
store_close(struct store *st)
{
	size_t	 i;

	if (st == NULL)
		return;
	for (i = 0; i < st->ncache; i++)
		sqlite3_finalize(st->cache[i].q);
	sqlite3_close(st->db);
	free(st->path);
	free(st);
}

int
store_version(struct store *st)
{
	return store_user_version(st);
}

int
store_version_known(void)
{
	return (int)nmigrations;
}

int
store_begin(struct store *st, char **cause)
{
	return store_exec(st, "BEGIN IMMEDIATE", cause);
}

int
store_commit(struct store *st, char **cause)
{
	return store_exec(st, "COMMIT", cause);
}

void
store_rollback(struct store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Runs a prepared statement that returns no rows, then finalizes it. */
static int
store_step_done(struct store *st, sqlite3_stmt *q, const char *what,
    char **cause)
{
	int	 rc = 0;

	if (sqlite3_step(q) != SQLITE_DONE)
		rc = store_fail(st, what, cause);
	store_done(st, q);
	return rc;
}

/* Networks. */

int
store_network_add(struct store *st, const char *name, time_t now,
    int64_t *id_out, char **cause)
{
	sqlite3_stmt	*q;

	if ((q = store_prepare(st, SQL_NETWORK_ADD, cause)) == NULL)
		return -1;
	bind_text(q, 1, name);
	sqlite3_bind_int64(q, 2, (int64_t)now);
	if (sqlite3_step(q) != SQLITE_DONE) {
		if (sqlite3_extended_errcode(st->db) ==
		    SQLITE_CONSTRAINT_UNIQUE)
			xasprintf(cause, "network '%s' exists already", name);
		else
			store_fail(st, "add network", cause);
		store_done(st, q);
		return -1;
	}
	store_done(st, q);
	*id_out = sqlite3_last_insert_rowid(st->db);
	return 0;
}

static void
network_read(sqlite3_stmt *q, struct network *n)
{
	n->id = sqlite3_column_int64(q, 0);
	n->name = column_text(q, 1);
	n->members = sqlite3_column_int(q, 2);
	n->meetings = sqlite3_column_int(q, 3);
}

/* Lists networks; with key non-NULL only the one named (or numbered) so. */
static int
store_network_query(struct store *st, const char *key, struct network **out,
    size_t *n_out, char **cause)
{
	sqlite3_stmt	*q;
	struct network	*v = NULL;
	size_t		 n = 0;
	long long	 id = 0;
	int		 rc;

	if ((q = store_prepare(st, SQL_NETWORK_LIST, cause)) == NULL)
		return -1;
	bind_text(q, 1, key);
	if (key != NULL && str_to_int(key, 1, INT64_MAX, &id) == -1)
		id = 0;
	sqlite3_bind_int64(q, 2, id);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		v = xreallocarray(v, n + 1, sizeof(*v));
		network_read(q, &v[n++]);
	}
	store_done(st, q);
	if (rc != SQLITE_DONE) {
		network_array_free(v, n);
		return store_fail(st, "list networks", cause);
	}
	*out = v;
	*n_out = n;
	return 0;
}

int
store_network_find(struct store *st, const char *name_or_id,
    struct network *out, char **cause)
{
	struct network	*v;
	size_t		 n;

	if (store_network_query(st, name_or_id, &v, &n, cause) == -1)
		return -1;
	if (n == 0) {
		xasprintf(cause, "no network '%s' (see 'mailbot network list')",
		    name_or_id);
		return -1;
	}
	/* A name that looks like another network's id: the name wins. */
	*out = v[0];
	while (n > 1)
		network_clear(&v[--n]);
	free(v);
	return 0;
}

int
store_network_list(struct store *st, struct network **out, size_t *n_out,
    char **cause)
{
	return store_network_query(st, NULL, out, n_out, cause);
}

void
network_clear(struct network *n)
{
	free(n->name);
	n->name = NULL;
}

void
network_array_free(struct network *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		network_clear(&v[i]);
	free(v);
}

/* Members. */

static void
member_read(sqlite3_stmt *q, struct member *m)
{
	m->id = sqlite3_column_int64(q, 0);
	m->network_id = sqlite3_column_int64(q, 1);
	m->network = column_text(q, 2);
	m->email = column_text(q, 3);
	m->name = column_text(q, 4);
	m->organisation = column_text(q, 5);
	m->role = column_text(q, 6);
	m->org_size = column_int_or(q, 7, -1);
	m->experience = column_int_or(q, 8, -1);
	m->region = column_text(q, 9);
	m->lang = column_text(q, 10);
	m->active = sqlite3_column_int(q, 11) != 0;
}

/* Steps q to the end, collecting member rows. */
static int
member_collect(struct store *st, sqlite3_stmt *q, struct member **out,
    size_t *n_out, char **cause)
{
	struct member	*v = NULL;
	size_t		 n = 0;
	int		 rc;

	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		v = xreallocarray(v, n + 1, sizeof(*v));
		member_read(q, &v[n++]);
	}
	store_done(st, q);
	if (rc != SQLITE_DONE) {
		member_array_free(v, n);
		return store_fail(st, "list members", cause);
	}
	*out = v;
	*n_out = n;
	return 0;
}

int
store_member_find(struct store *st, int64_t network_id, const char *email,
    struct member *out, char **cause)
{
	sqlite3_stmt	*q;
	int		 rc;

	if ((q = store_prepare(st, SQL_MEMBER_FIND, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, network_id);
	bind_text(q, 2, email);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		member_read(q, out);
	store_done(st, q);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return store_fail(st, "find member", cause);
}

int
store_member_add(struct store *st, const struct member *m, time_t now,
    int64_t *id_out, char **cause)
{
	sqlite3_stmt	*q;
	int		 rc;

	if ((q = store_prepare(st, SQL_MEMBER_ADD, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, m->network_id);
	bind_text(q, 2, m->email);
	bind_text(q, 3, m->name);
	bind_text(q, 4, m->organisation);
	bind_text(q, 5, m->role);
	bind_int_or_null(q, 6, m->org_size);
	bind_int_or_null(q, 7, m->experience);
	bind_text(q, 8, m->region);
	bind_text(q, 9, m->lang != NULL ? m->lang : "nl");
	sqlite3_bind_int64(q, 10, (int64_t)now);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		*id_out = sqlite3_column_int64(q, 0);
	store_done(st, q);
	if (rc == SQLITE_DONE) {
		xasprintf(cause, "%s is a member already", m->email);
		return -1;
	}
	if (rc != SQLITE_ROW)
		return store_fail(st, "add member", cause);

	if ((q = store_prepare(st, SQL_MEMBER_ROWS, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, *id_out);
	sqlite3_bind_int64(q, 2, m->network_id);
	sqlite3_bind_int64(q, 3, (int64_t)now);
	return store_step_done(st, q, "add member's answers", cause);
}

int
store_member_list(struct store *st, int64_t network_id, struct member **out,
    size_t *n_out, char **cause)
{
	sqlite3_stmt	*q;

	if ((q = store_prepare(st, SQL_MEMBER_LIST, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, network_id);
	return member_collect(st, q, out, n_out, cause);
}

int
store_member_by_email(struct store *st, const char *email,
    struct member **out, size_t *n_out, char **cause)
{
	sqlite3_stmt	*q;

	if ((q = store_prepare(st, SQL_MEMBER_BY_EMAIL, cause)) == NULL)
		return -1;
	bind_text(q, 1, email);
	return member_collect(st, q, out, n_out, cause);
}

int
store_member_remove(struct store *st, int64_t member_id, time_t now,
    char **cause)
{
	sqlite3_stmt	*q;

	if ((q = store_prepare(st, SQL_MEMBER_REMOVE, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, member_id);
	sqlite3_bind_int64(q, 2, (int64_t)now);
	return store_step_done(st, q, "remove member", cause);
}

void
member_clear(struct member *m)
{
	free(m->network);
	free(m->email);
	free(m->name);
	free(m->organisation);
	free(m->role);
	free(m->region);
	free(m->lang);
	memset(m, 0, sizeof(*m));
}

void
member_array_free(struct member *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		member_clear(&v[i]);
	free(v);
}

/* Meetings. */

static int
store_hosts_add(struct store *st, int64_t meeting_id,
    const int64_t *host_ids, int nhosts, char **cause)
{
	sqlite3_stmt	*q;
	int		 i;

	for (i = 0; i < nhosts; i++) {
		if ((q = store_prepare(st, SQL_HOST_ADD, cause)) == NULL)
			return -1;
		sqlite3_bind_int64(q, 1, meeting_id);
		sqlite3_bind_int64(q, 2, host_ids[i]);
		if (store_step_done(st, q, "add host", cause) == -1)
			return -1;
	}
	return 0;
}

int
store_meeting_add(struct store *st, const struct meeting *g,
    const int64_t *host_ids, int nhosts, time_t now, int64_t *id_out,
    char **cause)
{
	sqlite3_stmt	*q;

	if ((q = store_prepare(st, SQL_MEETING_ADD, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, g->network_id);
	sqlite3_bind_int64(q, 2, (int64_t)g->start);
	sqlite3_bind_int64(q, 3, (int64_t)g->end);
	bind_text(q, 4, g->tzid);
	bind_text(q, 5, g->location);
	bind_text(q, 6, g->theme);
	bind_text(q, 7, g->uid);
	sqlite3_bind_int64(q, 8, (int64_t)now);
	if (store_step_done(st, q, "add meeting", cause) == -1)
		return -1;
	*id_out = sqlite3_last_insert_rowid(st->db);

	if (store_hosts_add(st, *id_out, host_ids, nhosts, cause) == -1)
		return -1;
	if ((q = store_prepare(st, SQL_MEETING_ROWS, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, *id_out);
	sqlite3_bind_int64(q, 2, g->network_id);
	sqlite3_bind_int64(q, 3, (int64_t)now);
	return store_step_done(st, q, "add answers", cause);
}

int
store_meeting_set_hosts(struct store *st, int64_t meeting_id,
    const int64_t *host_ids, int nhosts, char **cause)
{
	sqlite3_stmt	*q;

	if ((q = store_prepare(st, SQL_HOSTS_CLEAR, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, meeting_id);
	if (store_step_done(st, q, "clear hosts", cause) == -1)
		return -1;
	return store_hosts_add(st, meeting_id, host_ids, nhosts, cause);
}

static void
meeting_read(sqlite3_stmt *q, struct meeting *g)
{
	memset(g, 0, sizeof(*g));
	g->id = sqlite3_column_int64(q, 0);
	g->network_id = sqlite3_column_int64(q, 1);
	g->network = column_text(q, 2);
	g->start = (time_t)sqlite3_column_int64(q, 3);
	g->end = (time_t)sqlite3_column_int64(q, 4);
	g->tzid = column_text(q, 5);
	g->location = column_text(q, 6);
	g->theme = column_text(q, 7);
	g->status = column_text(q, 8);
	g->uid = column_text(q, 9);
	g->sequence = sqlite3_column_int64(q, 10);
}

static int
meeting_read_hosts(struct store *st, struct meeting *g, char **cause)
{
	sqlite3_stmt	*q;
	int		 rc;

	if ((q = store_prepare(st, SQL_HOSTS, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, g->id);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW &&
	    g->nhosts < (int)nitems(g->hosts)) {
		g->hosts[g->nhosts] = column_text(q, 0);
		g->host_names[g->nhosts++] = column_text(q, 1);
	}
	store_done(st, q);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_fail(st, "read hosts", cause);
	return 0;
}

/* Meetings with id (0: all), with their hosts. */
static int
store_meeting_query(struct store *st, int64_t id, struct meeting **out,
    size_t *n_out, char **cause)
{
	sqlite3_stmt	*q;
	struct meeting	*v = NULL;
	size_t		 n = 0, i;
	int		 rc;

	if ((q = store_prepare(st, SQL_MEETING_GET, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, id);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		v = xreallocarray(v, n + 1, sizeof(*v));
		meeting_read(q, &v[n++]);
	}
	store_done(st, q);
	if (rc != SQLITE_DONE) {
		meeting_array_free(v, n);
		return store_fail(st, "list meetings", cause);
	}
	for (i = 0; i < n; i++) {
		if (meeting_read_hosts(st, &v[i], cause) == -1) {
			meeting_array_free(v, n);
			return -1;
		}
	}
	*out = v;
	*n_out = n;
	return 0;
}

int
store_meeting_get(struct store *st, int64_t id, struct meeting *out,
    char **cause)
{
	struct meeting	*v;
	size_t		 n;

	if (id <= 0)
		return 0;
	if (store_meeting_query(st, id, &v, &n, cause) == -1)
		return -1;
	if (n == 1)
		*out = v[0];
	free(v);
	return n == 1 ? 1 : 0;
}

int
store_meeting_list(struct store *st, struct meeting **out, size_t *n_out,
    char **cause)
{
	return store_meeting_query(st, 0, out, n_out, cause);
}

void
meeting_clear(struct meeting *g)
{
	int	 i;

	free(g->network);
	free(g->tzid);
	free(g->location);
	free(g->theme);
	free(g->status);
	free(g->uid);
	for (i = 0; i < g->nhosts; i++) {
		free(g->hosts[i]);
		free(g->host_names[i]);
	}
	memset(g, 0, sizeof(*g));
}

void
meeting_array_free(struct meeting *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		meeting_clear(&v[i]);
	free(v);
}

/* Answers. */

int
store_attendees(struct store *st, int64_t meeting_id, struct attendee **out,
    size_t *n_out, char **cause)
{
	sqlite3_stmt	*q;
	struct attendee	*v = NULL, *a;
	size_t		 n = 0;
	int		 rc;

	if ((q = store_prepare(st, SQL_ATTENDEES, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, meeting_id);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		v = xreallocarray(v, n + 1, sizeof(*v));
		a = &v[n++];
		a->email = column_text(q, 0);
		a->name = column_text(q, 1);
		a->is_guest = sqlite3_column_int(q, 2) != 0;
		a->status = column_text(q, 3);
		a->note = column_text(q, 4);
		a->updated = (time_t)sqlite3_column_int64(q, 5);
		a->present = (int)column_int_or(q, 6, -1);
	}
	store_done(st, q);
	if (rc != SQLITE_DONE) {
		attendee_array_free(v, n);
		return store_fail(st, "list answers", cause);
	}
	*out = v;
	*n_out = n;
	return 0;
}

void
attendee_array_free(struct attendee *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		free(v[i].email);
		free(v[i].name);
		free(v[i].status);
		free(v[i].note);
	}
	free(v);
}

/* Guests. */

int
store_guest_add(struct store *st, int64_t meeting_id, const char *email,
    const char *name, const char *lang, time_t now, char **cause)
{
	sqlite3_stmt	*q;
	int64_t		 id;

	if ((q = store_prepare(st, SQL_GUEST_ADD, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, meeting_id);
	bind_text(q, 2, email);
	bind_text(q, 3, name);
	bind_text(q, 4, lang);
	sqlite3_bind_int64(q, 5, (int64_t)now);
	if (store_step_done(st, q, "add guest", cause) == -1)
		return -1;
	id = sqlite3_last_insert_rowid(st->db);

	if ((q = store_prepare(st, SQL_GUEST_ROW, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, meeting_id);
	sqlite3_bind_int64(q, 2, id);
	sqlite3_bind_int64(q, 3, (int64_t)now);
	return store_step_done(st, q, "add guest's answer", cause);
}

int
store_guest_exists(struct store *st, int64_t meeting_id, const char *email,
    char **cause)
{
	sqlite3_stmt	*q;
	int		 rc, n = 0;

	if ((q = store_prepare(st, SQL_GUEST_EXISTS, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, meeting_id);
	bind_text(q, 2, email);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		n = sqlite3_column_int(q, 0);
	store_done(st, q);
	if (rc != SQLITE_ROW)
		return store_fail(st, "find guest", cause);
	return n > 0 ? 1 : 0;
}

/* The register. */

int
store_register_set(struct store *st, int64_t meeting_id, const char *email,
    bool present, char **cause)
{
	sqlite3_stmt	*q;
	int		 rc;

	if ((q = store_prepare(st, SQL_REGISTER_SET, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, meeting_id);
	bind_text(q, 2, email);
	sqlite3_bind_int(q, 3, present ? 1 : 0);
	rc = sqlite3_step(q);
	store_done(st, q);
	if (rc != SQLITE_DONE)
		return store_fail(st, "record attendance", cause);
	if (sqlite3_changes(st->db) == 0) {
		xasprintf(cause, "%s is not invited to meeting %lld", email,
		    (long long)meeting_id);
		return -1;
	}
	return 0;
}

/* The secret. */

static const char SQL_SECRET[] =
    "SELECT secret FROM installation WHERE id = 1";

int
store_secret(struct store *st, unsigned char out[STORE_SECRET_LEN],
    char **cause)
{
	sqlite3_stmt	*q;
	int		 rc = -1;

	if ((q = store_prepare(st, SQL_SECRET, cause)) == NULL)
		return -1;
	if (sqlite3_step(q) == SQLITE_ROW &&
	    sqlite3_column_bytes(q, 0) >= STORE_SECRET_LEN) {
		memcpy(out, sqlite3_column_blob(q, 0), STORE_SECRET_LEN);
		rc = 0;
	} else
		store_fail(st, "read the secret", cause);
	store_done(st, q);
	return rc;
}

/* Recipients. */

#define RECIPIENT_SELECT \
    "SELECT a.id, a.meeting_id, coalesce(a.member_id, 0)," \
    " coalesce(m.email, g.email), coalesce(m.name, g.name)," \
    " coalesce(m.lang, g.lang), a.status, coalesce(a.invited_seq, -1)," \
    " a.withdrawn, a.note FROM attendance a" \
    " LEFT JOIN member m ON m.id = a.member_id" \
    " LEFT JOIN guest g ON g.id = a.guest_id"
static const char SQL_RECIPIENTS[] = RECIPIENT_SELECT
    " WHERE a.meeting_id = ?1 AND (m.active = 1 OR g.id IS NOT NULL)"
    " ORDER BY a.id";
static const char SQL_MEMBER_UPCOMING[] = RECIPIENT_SELECT
    " JOIN meeting x ON x.id = a.meeting_id WHERE a.member_id = ?1"
    " AND x.status = 'confirmed' AND x.start_at > ?2 ORDER BY x.start_at";
static const char SQL_ATTENDANCE_SENT[] =
    "UPDATE attendance SET invited_seq = ?2, withdrawn = ?3,"
    " token = coalesce(token, ?4) WHERE id = ?1";
static const char SQL_MEETING_INVITED[] =
    "SELECT count(*) FROM attendance WHERE meeting_id = ?1"
    " AND invited_seq IS NOT NULL";
static const char SQL_MEETING_UPDATE[] =
    "UPDATE meeting SET start_at = ?2, end_at = ?3, location = ?4,"
    " theme = ?5, status = ?6, sequence = ?7 WHERE id = ?1";
static const char SQL_ANSWERS_HISTORY[] =
    "INSERT INTO attendance_history (attendance_id, old_status, new_status,"
    " note, source, stale, at) SELECT id, status, 'needs-action', note,"
    " 'meeting changed', 1, ?2 FROM attendance WHERE meeting_id = ?1"
    " AND status <> 'needs-action'";
static const char SQL_ANSWERS_RESET[] =
    "UPDATE attendance SET status = 'needs-action', note = NULL,"
    " source = 'meeting changed', updated = ?2 WHERE meeting_id = ?1"
    " AND status <> 'needs-action'";

static int
recipient_collect(struct store *st, sqlite3_stmt *q, struct recipient **out,
    size_t *n_out, char **cause)
{
	struct recipient	*v = NULL, *r;
	size_t			 n = 0;
	int			 rc;

	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		v = xreallocarray(v, n + 1, sizeof(*v));
		r = &v[n++];
		r->attendance_id = sqlite3_column_int64(q, 0);
		r->meeting_id = sqlite3_column_int64(q, 1);
		r->member_id = sqlite3_column_int64(q, 2);
		r->email = column_text(q, 3);
		r->name = column_text(q, 4);
		r->lang = column_text(q, 5);
		r->status = column_text(q, 6);
		r->sent_seq = sqlite3_column_int64(q, 7);
		r->withdrawn = sqlite3_column_int(q, 8) != 0;
		r->note = column_text(q, 9);
	}
	store_done(st, q);
	if (rc != SQLITE_DONE) {
		recipient_array_free(v, n);
		return store_fail(st, "list recipients", cause);
	}
	*out = v;
	*n_out = n;
	return 0;
}

int
store_recipients(struct store *st, int64_t meeting_id, struct recipient **out,
    size_t *n_out, char **cause)
{
	sqlite3_stmt	*q;

	if ((q = store_prepare(st, SQL_RECIPIENTS, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, meeting_id);
	return recipient_collect(st, q, out, n_out, cause);
}

int
store_member_upcoming(struct store *st, int64_t member_id, time_t now,
    struct recipient **out, size_t *n_out, char **cause)
{
	sqlite3_stmt	*q;

	if ((q = store_prepare(st, SQL_MEMBER_UPCOMING, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, member_id);
	sqlite3_bind_int64(q, 2, (int64_t)now);
	return recipient_collect(st, q, out, n_out, cause);
}

void
recipient_array_free(struct recipient *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		recipient_clear(&v[i]);
	free(v);
}

int
store_attendance_sent(struct store *st, int64_t attendance_id, int64_t seq,
    bool withdrawn, const char *token, char **cause)
{
	sqlite3_stmt	*q;

	if ((q = store_prepare(st, SQL_ATTENDANCE_SENT, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, attendance_id);
	sqlite3_bind_int64(q, 2, seq);
	sqlite3_bind_int(q, 3, withdrawn ? 1 : 0);
	bind_text(q, 4, token);
	return store_step_done(st, q, "record invitation", cause);
}

int
store_meeting_invited(struct store *st, int64_t meeting_id, char **cause)
{
	sqlite3_stmt	*q;
	int		 rc, n = 0;

	if ((q = store_prepare(st, SQL_MEETING_INVITED, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, meeting_id);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		n = sqlite3_column_int(q, 0);
	store_done(st, q);
	if (rc != SQLITE_ROW)
		return store_fail(st, "count invitations", cause);
	return n > 0 ? 1 : 0;
}

int
store_meeting_update(struct store *st, const struct meeting *g, char **cause)
{
	sqlite3_stmt	*q;

	if ((q = store_prepare(st, SQL_MEETING_UPDATE, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, g->id);
	sqlite3_bind_int64(q, 2, (int64_t)g->start);
	sqlite3_bind_int64(q, 3, (int64_t)g->end);
	bind_text(q, 4, g->location);
	bind_text(q, 5, g->theme);
	bind_text(q, 6, g->status);
	sqlite3_bind_int64(q, 7, g->sequence);
	return store_step_done(st, q, "update meeting", cause);
}

int
store_answers_reset(struct store *st, int64_t meeting_id, time_t now,
    char **cause)
{
	sqlite3_stmt	*q;

	if ((q = store_prepare(st, SQL_ANSWERS_HISTORY, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, meeting_id);
	sqlite3_bind_int64(q, 2, (int64_t)now);
	if (store_step_done(st, q, "keep old answers", cause) == -1)
		return -1;
	if ((q = store_prepare(st, SQL_ANSWERS_RESET, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, meeting_id);
	sqlite3_bind_int64(q, 2, (int64_t)now);
	return store_step_done(st, q, "reset answers", cause);
}

/* The outbox. */

static const char SQL_OUTBOX_ADD[] =
    "INSERT INTO outbox (message_id, kind, env_from, rcpt, body, meeting_id,"
    " member_id, attendance_id, queued, next_try)"
    " VALUES (?1, ?2, ?3, ?4, ?5, nullif(?6, 0), nullif(?7, 0),"
    " nullif(?8, 0), ?9, ?9)";
#define OUTBOX_COLUMNS \
    "id, message_id, kind, env_from, rcpt, coalesce(meeting_id, 0)," \
    " coalesce(member_id, 0), coalesce(attendance_id, 0), state, attempts," \
    " queued, next_try, coalesce(done, 0), last_error"
static const char SQL_OUTBOX_NEXT[] =
    "SELECT " OUTBOX_COLUMNS ", body FROM outbox"
    " WHERE state IN ('queued', 'sending') AND next_try <= ?1 AND id > ?2"
    " ORDER BY id LIMIT 1";
static const char SQL_OUTBOX_MARK[] =
    "UPDATE outbox SET state = ?2, attempts = ?3, next_try = ?4,"
    " done = nullif(?5, 0), last_error = ?6 WHERE id = ?1";
static const char SQL_OUTBOX_LIST[] =
    "SELECT " OUTBOX_COLUMNS " FROM outbox ORDER BY id DESC";

int
store_outbox_add(struct store *st, const struct outbox_row *r, time_t now,
    char **cause)
{
	sqlite3_stmt	*q;

	if ((q = store_prepare(st, SQL_OUTBOX_ADD, cause)) == NULL)
		return -1;
	bind_text(q, 1, r->message_id);
	bind_text(q, 2, r->kind);
	bind_text(q, 3, r->env_from);
	bind_text(q, 4, r->rcpt);
	sqlite3_bind_blob(q, 5, r->body, (int)r->len, SQLITE_STATIC);
	sqlite3_bind_int64(q, 6, r->meeting_id);
	sqlite3_bind_int64(q, 7, r->member_id);
	sqlite3_bind_int64(q, 8, r->attendance_id);
	sqlite3_bind_int64(q, 9, (int64_t)now);
	return store_step_done(st, q, "queue mail", cause);
}

static void
outbox_read(sqlite3_stmt *q, struct outbox_row *r, bool with_body)
{
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(q, 0);
	r->message_id = column_text(q, 1);
	r->kind = column_text(q, 2);
	r->env_from = column_text(q, 3);
	r->rcpt = column_text(q, 4);
	r->meeting_id = sqlite3_column_int64(q, 5);
	r->member_id = sqlite3_column_int64(q, 6);
	r->attendance_id = sqlite3_column_int64(q, 7);
	r->state = column_text(q, 8);
	r->attempts = sqlite3_column_int(q, 9);
	r->queued = (time_t)sqlite3_column_int64(q, 10);
	r->next_try = (time_t)sqlite3_column_int64(q, 11);
	r->done = (time_t)sqlite3_column_int64(q, 12);
	r->last_error = column_text(q, 13);
	if (with_body) {
		r->len = (size_t)sqlite3_column_bytes(q, 14);
		r->body = xmalloc(r->len + 1);
		if (r->len > 0)
			memcpy(r->body, sqlite3_column_blob(q, 14), r->len);
		r->body[r->len] = '\0';
	}
}

int
store_outbox_next(struct store *st, time_t now, int64_t after_id,
    struct outbox_row *out, char **cause)
{
	sqlite3_stmt	*q;
	int		 rc;

	if ((q = store_prepare(st, SQL_OUTBOX_NEXT, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, (int64_t)now);
	sqlite3_bind_int64(q, 2, after_id);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		outbox_read(q, out, true);
	store_done(st, q);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return store_fail(st, "read the outbox", cause);
}

int
store_outbox_mark(struct store *st, const struct outbox_row *r, char **cause)
{
	sqlite3_stmt	*q;

	if ((q = store_prepare(st, SQL_OUTBOX_MARK, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, r->id);
	bind_text(q, 2, r->state);
	sqlite3_bind_int(q, 3, r->attempts);
	sqlite3_bind_int64(q, 4, (int64_t)r->next_try);
	sqlite3_bind_int64(q, 5, (int64_t)r->done);
	bind_text(q, 6, r->last_error);
	return store_step_done(st, q, "update the outbox", cause);
}

int
store_outbox_list(struct store *st, struct outbox_row **out, size_t *n_out,
    char **cause)
{
	sqlite3_stmt		*q;
	struct outbox_row	*v = NULL;
	size_t			 n = 0;
	int			 rc;

	if ((q = store_prepare(st, SQL_OUTBOX_LIST, cause)) == NULL)
		return -1;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		v = xreallocarray(v, n + 1, sizeof(*v));
		outbox_read(q, &v[n++], false);
	}
	store_done(st, q);
	if (rc != SQLITE_DONE) {
		outbox_row_array_free(v, n);
		return store_fail(st, "list the outbox", cause);
	}
	*out = v;
	*n_out = n;
	return 0;
}

void
outbox_row_clear(struct outbox_row *r)
{
	free(r->message_id);
	free(r->kind);
	free(r->env_from);
	free(r->rcpt);
	free(r->body);
	free(r->state);
	free(r->last_error);
	memset(r, 0, sizeof(*r));
}

void
outbox_row_array_free(struct outbox_row *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		outbox_row_clear(&v[i]);
	free(v);
}

/* Replies: finding the answer row, recording the answer. */

static const char SQL_OUTBOX_COUNT_TO[] =
    "SELECT count(*) FROM outbox WHERE rcpt = ?1 AND queued >= ?3"
    " AND instr(',' || ?2 || ',', ',' || kind || ',') > 0";
static const char SQL_RECIPIENT_BY_TOKEN[] = RECIPIENT_SELECT
    " WHERE a.token = ?1";
static const char SQL_RECIPIENT_BY_ID[] = RECIPIENT_SELECT
    " WHERE a.id = ?1";
static const char SQL_RECIPIENT_BY_MSGID[] = RECIPIENT_SELECT
    " WHERE a.id = (SELECT attendance_id FROM outbox WHERE message_id = ?1)";
static const char SQL_RECIPIENT_NEXT[] = RECIPIENT_SELECT
    " JOIN meeting x ON x.id = a.meeting_id WHERE m.email = ?1"
    " AND m.active = 1 AND x.status = 'confirmed' AND x.end_at > ?2"
    " ORDER BY x.start_at LIMIT 1";
static const char SQL_ANSWER_HISTORY[] =
    "INSERT INTO attendance_history (attendance_id, old_status, new_status,"
    " note, source, message_id, at) SELECT id, status, ?2, ?3, ?4, ?5, ?6"
    " FROM attendance WHERE id = ?1";
static const char SQL_ANSWER_SET[] =
    "UPDATE attendance SET status = ?2, note = ?3, source = ?4, updated = ?6"
    " WHERE id = ?1";
static const char SQL_INBOUND_SEEN[] =
    "SELECT count(*) FROM inbound WHERE (uidvalidity = ?1 AND uid = ?2)"
    " OR (?3 IS NOT NULL AND message_id = ?3)";
static const char SQL_INBOUND_ADD[] =
    "INSERT INTO inbound (uidvalidity, uid, message_id, received, sender,"
    " kind, member_id, meeting_id, status, note, effect, return_at,"
    " question, via, outcome, words, misread_of, misread_status)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, nullif(?7, 0), nullif(?8, 0), ?9,"
    " ?10, ?11, nullif(?12, 0), ?13, ?14, ?15, ?16, nullif(?17, 0), ?18)";
static const char SQL_INBOUND_LAST[] =
    "SELECT coalesce(max(uid), 0) FROM inbound WHERE uidvalidity = ?1";
static const char SQL_INBOUND_LIST[] =
    "SELECT i.uidvalidity, i.uid, i.message_id, i.received, i.sender,"
    " i.kind, m.email, coalesce(i.member_id, 0), coalesce(i.meeting_id, 0),"
    " i.status, i.note, i.effect, coalesce(i.return_at, 0), i.question,"
    " i.via, i.outcome, i.words, i.id, coalesce(i.misread_of, 0),"
    " i.misread_status"
    " FROM inbound i"
    " LEFT JOIN member m ON m.id = i.member_id ORDER BY i.id";
static const char SQL_INBOUND_CONFIRMED[] =
    "SELECT i.id, i.status FROM outbox o JOIN attendance a"
    " ON a.id = o.attendance_id JOIN inbound i ON i.received = o.queued"
    " AND i.meeting_id = a.meeting_id"
    " AND i.member_id IS coalesce(a.member_id, i.member_id)"
    " WHERE o.message_id = ?1 AND o.kind = 'confirmation'"
    " AND i.status IS NOT NULL ORDER BY i.id DESC LIMIT 1";

int
store_outbox_count_to(struct store *st, const char *rcpt, const char *kinds,
    time_t since, int *n_out, char **cause)
{
	sqlite3_stmt	*q;
	int		 rc;

	if ((q = store_prepare(st, SQL_OUTBOX_COUNT_TO, cause)) == NULL)
		return -1;
	bind_text(q, 1, rcpt);
	bind_text(q, 2, kinds);
	sqlite3_bind_int64(q, 3, (int64_t)since);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		*n_out = sqlite3_column_int(q, 0);
	store_done(st, q);
	return rc == SQLITE_ROW ? 0 : store_fail(st, "count answers", cause);
}

/* Runs a recipient query bound to one text or one integer: 1/0/-1. */
static int
recipient_one(struct store *st, const char *sql, const char *text,
    int64_t num, time_t now, struct recipient *out, char **cause)
{
	sqlite3_stmt	*q;
	struct recipient *v;
	size_t		 n;

	if ((q = store_prepare(st, sql, cause)) == NULL)
		return -1;
	if (text != NULL)
		bind_text(q, 1, text);
	else
		sqlite3_bind_int64(q, 1, num);
	sqlite3_bind_int64(q, 2, (int64_t)now);
	if (recipient_collect(st, q, &v, &n, cause) == -1)
		return -1;
	if (n > 0) {
		*out = v[0];
		while (n > 1)
			recipient_clear(&v[--n]);
	}
	free(v);
	return n > 0 ? 1 : 0;
}

int
store_recipient_by_token(struct store *st, const char *token,
    struct recipient *out, char **cause)
{
	return recipient_one(st, SQL_RECIPIENT_BY_TOKEN, token, 0, 0, out,
	    cause);
}

int
store_recipient_by_id(struct store *st, int64_t id, struct recipient *out,
    char **cause)
{
	return recipient_one(st, SQL_RECIPIENT_BY_ID, NULL, id, 0, out, cause);
}

int
store_recipient_by_message_id(struct store *st, const char *message_id,
    struct recipient *out, char **cause)
{
	return recipient_one(st, SQL_RECIPIENT_BY_MSGID, message_id, 0, 0, out,
	    cause);
}

int
store_recipient_next(struct store *st, const char *email, time_t now,
    struct recipient *out, char **cause)
{
	return recipient_one(st, SQL_RECIPIENT_NEXT, email, 0, now, out, cause);
}

void
recipient_clear(struct recipient *r)
{
	free(r->email);
	free(r->name);
	free(r->lang);
	free(r->status);
	free(r->note);
	memset(r, 0, sizeof(*r));
}

static const char SQL_RECIPIENTS_OPEN[] = RECIPIENT_SELECT
    " JOIN meeting x ON x.id = a.meeting_id"
    " WHERE coalesce(m.email, g.email) = ?1"
    " AND (m.active = 1 OR g.id IS NOT NULL)"
    " AND x.status = 'confirmed' AND x.end_at > ?2"
    " ORDER BY x.start_at, a.id";

int
store_recipients_open(struct store *st, const char *email, time_t now,
    struct recipient **out, size_t *n_out, char **cause)
{
	sqlite3_stmt	*q;

	if ((q = store_prepare(st, SQL_RECIPIENTS_OPEN, cause)) == NULL)
		return -1;
	bind_text(q, 1, email);
	sqlite3_bind_int64(q, 2, (int64_t)now);
	return recipient_collect(st, q, out, n_out, cause);
}

/* The mail we sent that a reply answers: by its Message-ID, or the last
   one to the answer row that asked for an answer. */
static const char SQL_OUTBOX_BODY_BY_ID[] =
    "SELECT body FROM outbox WHERE message_id = ?1";
static const char SQL_OUTBOX_BODY_LAST[] =
    "SELECT body FROM outbox WHERE attendance_id = ?1 AND kind IN"
    " ('invitation', 'update', 'nudge', 'reminder', 'clarify',"
    " 'confirmation', 'verify') ORDER BY id DESC LIMIT 1";

int
store_outbox_body(struct store *st, const char *message_id,
    int64_t attendance_id, char **body_out, size_t *len_out, char **cause)
{
	sqlite3_stmt	*q;
	int		 rc;

	*body_out = NULL;
	*len_out = 0;
	if ((q = store_prepare(st, message_id != NULL ?
	    SQL_OUTBOX_BODY_BY_ID : SQL_OUTBOX_BODY_LAST, cause)) == NULL)
		return -1;
	if (message_id != NULL)
		bind_text(q, 1, message_id);
	else
		sqlite3_bind_int64(q, 1, attendance_id);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW && sqlite3_column_bytes(q, 0) > 0) {
		*len_out = (size_t)sqlite3_column_bytes(q, 0);
		*body_out = xmalloc(*len_out + 1);
		memcpy(*body_out, sqlite3_column_blob(q, 0), *len_out);
		(*body_out)[*len_out] = '\0';
	}
	store_done(st, q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, "read a sent mail", cause);
	return *body_out != NULL ? 1 : 0;
}

/* The last calendar REPLY applied to an answer row. */
static const char SQL_REPLY_STAMP_GET[] =
    "SELECT coalesce(reply_seq, -1), coalesce(reply_dtstamp, 0)"
    " FROM attendance WHERE id = ?1";
static const char SQL_REPLY_STAMP_SET[] =
    "UPDATE attendance SET reply_seq = ?2, reply_dtstamp = ?3 WHERE id = ?1";

int
store_reply_stamp(struct store *st, int64_t attendance_id, int64_t *seq_out,
    time_t *dtstamp_out, char **cause)
{
	sqlite3_stmt	*q;
	int		 rc;

	*seq_out = -1;
	*dtstamp_out = 0;
	if ((q = store_prepare(st, SQL_REPLY_STAMP_GET, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, attendance_id);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		*seq_out = sqlite3_column_int64(q, 0);
		*dtstamp_out = (time_t)sqlite3_column_int64(q, 1);
	}
	store_done(st, q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, "read a reply's stamp", cause);
	return 0;
}

int
store_reply_stamp_set(struct store *st, int64_t attendance_id, int64_t seq,
    time_t dtstamp, char **cause)
{
	sqlite3_stmt	*q;

	if ((q = store_prepare(st, SQL_REPLY_STAMP_SET, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, attendance_id);
	sqlite3_bind_int64(q, 2, seq);
	sqlite3_bind_int64(q, 3, (int64_t)dtstamp);
	return store_step_done(st, q, "record a reply's stamp", cause);
}

/* Answers waiting for the person to confirm them. */

static const char SQL_PENDING_CLOSE_ALL[] =
    "UPDATE pending_answer SET state = ?2, closed = ?3"
    " WHERE attendance_id = ?1 AND state = 'open'";
static const char SQL_PENDING_ADD[] =
    "INSERT INTO pending_answer (attendance_id, status, note, message_id,"
    " sender, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char SQL_PENDING_VERIFY[] =
    "UPDATE pending_answer SET verify_id = ?2 WHERE id = ?1";
static const char SQL_PENDING_BY_VERIFY[] =
    "SELECT id, attendance_id, status, note, message_id, sender, created,"
    " state FROM pending_answer WHERE verify_id = ?1";
static const char SQL_PENDING_CLOSE[] =
    "UPDATE pending_answer SET state = ?2, closed = ?3 WHERE id = ?1"
    " AND state = 'open'";

int
store_pending_add(struct store *st, const struct pending_answer *p,
    int64_t *id_out, char **cause)
{
	sqlite3_stmt	*q;

	if (store_pending_close_all(st, p->attendance_id, "superseded",
	    p->created, cause) == -1)
		return -1;
	if ((q = store_prepare(st, SQL_PENDING_ADD, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, p->attendance_id);
	bind_text(q, 2, p->status);
	bind_text(q, 3, p->note);
	bind_text(q, 4, p->message_id);
	bind_text(q, 5, p->sender);
	sqlite3_bind_int64(q, 6, (int64_t)p->created);
	if (store_step_done(st, q, "record a pending answer", cause) == -1)
		return -1;
	*id_out = sqlite3_last_insert_rowid(st->db);
	return 0;
}

int
store_pending_set_verify(struct store *st, int64_t id, const char *verify_id,
    char **cause)
{
	sqlite3_stmt	*q;

	if ((q = store_prepare(st, SQL_PENDING_VERIFY, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, id);
	bind_text(q, 2, verify_id);
	return store_step_done(st, q, "record a pending answer", cause);
}

int
store_pending_by_verify(struct store *st, const char *verify_id,
    struct pending_answer *out, char **cause)
{
	sqlite3_stmt	*q;
	int		 rc;

	memset(out, 0, sizeof(*out));
	if ((q = store_prepare(st, SQL_PENDING_BY_VERIFY, cause)) == NULL)
		return -1;
	bind_text(q, 1, verify_id);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		out->id = sqlite3_column_int64(q, 0);
		out->attendance_id = sqlite3_column_int64(q, 1);
		out->status = column_text(q, 2);
		out->note = column_text(q, 3);
		out->message_id = column_text(q, 4);
		out->sender = column_text(q, 5);
		out->created = (time_t)sqlite3_column_int64(q, 6);
		out->state = column_text(q, 7);
	}
	store_done(st, q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, "look up a pending answer", cause);
	return rc == SQLITE_ROW ? 1 : 0;
}

int
store_pending_close(struct store *st, int64_t id, const char *state,
    time_t now, char **cause)
{
	sqlite3_stmt	*q;

	if ((q = store_prepare(st, SQL_PENDING_CLOSE, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, id);
	bind_text(q, 2, state);
	sqlite3_bind_int64(q, 3, (int64_t)now);
	return store_step_done(st, q, "close a pending answer", cause);
}

int
store_pending_close_all(struct store *st, int64_t attendance_id,
    const char *state, time_t now, char **cause)
{
	sqlite3_stmt	*q;

	if ((q = store_prepare(st, SQL_PENDING_CLOSE_ALL, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, attendance_id);
	bind_text(q, 2, state);
	sqlite3_bind_int64(q, 3, (int64_t)now);
	return store_step_done(st, q, "close pending answers", cause);
}

void
pending_answer_clear(struct pending_answer *p)
{
	free(p->status);
	free(p->note);
	free(p->message_id);
	free(p->sender);
	free(p->state);
	memset(p, 0, sizeof(*p));
}

int
store_answer_set(struct store *st, int64_t attendance_id, const char *status,
    const char *note, const char *source, const char *message_id, time_t now,
    char **cause)
{
	const char	*sql[] = { SQL_ANSWER_HISTORY, SQL_ANSWER_SET };
	sqlite3_stmt	*q;
	size_t		 i;

	for (i = 0; i < nitems(sql); i++) {
		if ((q = store_prepare(st, sql[i], cause)) == NULL)
			return -1;
		sqlite3_bind_int64(q, 1, attendance_id);
		bind_text(q, 2, status);
		bind_text(q, 3, note);
		bind_text(q, 4, source);
		bind_text(q, 5, message_id);
		sqlite3_bind_int64(q, 6, (int64_t)now);
		if (store_step_done(st, q, "record the answer", cause) == -1)
			return -1;
	}
	return 0;
}

int
store_inbound_seen(struct store *st, int64_t uidvalidity, int64_t uid,
    const char *message_id, char **cause)
{
	sqlite3_stmt	*q;
	int		 rc, n = 0;

	if ((q = store_prepare(st, SQL_INBOUND_SEEN, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, uidvalidity);
	sqlite3_bind_int64(q, 2, uid);
	bind_text(q, 3, message_id);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		n = sqlite3_column_int(q, 0);
	store_done(st, q);
	if (rc != SQLITE_ROW)
		return store_fail(st, "look up a message", cause);
	return n > 0 ? 1 : 0;
}

int
store_inbound_add(struct store *st, const struct inbound *m, char **cause)
{
	sqlite3_stmt	*q;

	if ((q = store_prepare(st, SQL_INBOUND_ADD, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, m->uidvalidity);
	sqlite3_bind_int64(q, 2, m->uid);
	bind_text(q, 3, m->message_id);
	sqlite3_bind_int64(q, 4, (int64_t)m->received);
	bind_text(q, 5, m->sender);
	bind_text(q, 6, m->kind);
	sqlite3_bind_int64(q, 7, m->member_id);
	sqlite3_bind_int64(q, 8, m->meeting_id);
	bind_text(q, 9, m->status);
	bind_text(q, 10, m->note);
	bind_text(q, 11, m->effect);
	sqlite3_bind_int64(q, 12, (int64_t)m->return_at);
	bind_text(q, 13, m->question);
	bind_text(q, 14, m->via);
	bind_text(q, 15, m->outcome);
	bind_text(q, 16, m->words);
	sqlite3_bind_int64(q, 17, m->misread_of);
	bind_text(q, 18, m->misread_status);
	return store_step_done(st, q, "record a message", cause);
}

int
store_inbound_last_uid(struct store *st, int64_t uidvalidity,
    int64_t *uid_out, char **cause)
{
	sqlite3_stmt	*q;
	int		 rc;

	if ((q = store_prepare(st, SQL_INBOUND_LAST, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, uidvalidity);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		*uid_out = sqlite3_column_int64(q, 0);
	store_done(st, q);
	return rc == SQLITE_ROW ? 0 : store_fail(st, "last UID", cause);
}

int
store_inbound_list(struct store *st, struct inbound **out, size_t *n_out,
    char **cause)
{
	sqlite3_stmt	*q;
	struct inbound	*v = NULL, *m;
	size_t		 n = 0;
	int		 rc;

	if ((q = store_prepare(st, SQL_INBOUND_LIST, cause)) == NULL)
		return -1;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		v = xreallocarray(v, n + 1, sizeof(*v));
		m = &v[n++];
		m->uidvalidity = sqlite3_column_int64(q, 0);
		m->uid = sqlite3_column_int64(q, 1);
		m->message_id = column_text(q, 2);
		m->received = (time_t)sqlite3_column_int64(q, 3);
		m->sender = column_text(q, 4);
		m->kind = column_text(q, 5);
		m->member = column_text(q, 6);
		m->member_id = sqlite3_column_int64(q, 7);
		m->meeting_id = sqlite3_column_int64(q, 8);
		m->status = column_text(q, 9);
		m->note = column_text(q, 10);
		m->effect = column_text(q, 11);
		m->return_at = (time_t)sqlite3_column_int64(q, 12);
		m->question = column_text(q, 13);
		m->via = column_text(q, 14);
		m->outcome = column_text(q, 15);
		m->words = column_text(q, 16);
		m->id = sqlite3_column_int64(q, 17);
		m->misread_of = sqlite3_column_int64(q, 18);
		m->misread_status = column_text(q, 19);
	}
	store_done(st, q);
	if (rc != SQLITE_DONE) {
		inbound_array_free(v, n);
		return store_fail(st, "list messages", cause);
	}
	*out = v;
	*n_out = n;
	return 0;
}

void
inbound_array_free(struct inbound *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		free(v[i].message_id);
		free(v[i].sender);
		free(v[i].kind);
		free(v[i].member);
		free(v[i].status);
		free(v[i].note);
		free(v[i].effect);
		free(v[i].question);
		free(v[i].via);
		free(v[i].outcome);
		free(v[i].words);
		free(v[i].misread_status);
	}
	free(v);
}

int
store_inbound_confirmed(struct store *st, const char *confirmation_id,
    int64_t *id_out, char **status_out, char **cause)
{
	sqlite3_stmt	*q;
	int		 rc;

	*id_out = 0;
	*status_out = NULL;
	if ((q = store_prepare(st, SQL_INBOUND_CONFIRMED, cause)) == NULL)
		return -1;
	bind_text(q, 1, confirmation_id);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		*id_out = sqlite3_column_int64(q, 0);
		*status_out = column_text(q, 1);
	}
	store_done(st, q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, "look up a confirmed message", cause);
	return rc == SQLITE_ROW ? 1 : 0;
}

static const char SQL_INBOUND_UNMARKED[] =
    "SELECT uid FROM inbound WHERE uidvalidity = ?1 AND marked = 0"
    " ORDER BY uid";
static const char SQL_INBOUND_MARKED[] =
    "UPDATE inbound SET marked = 1 WHERE uidvalidity = ?1 AND uid = ?2";

int
store_inbound_unmarked(struct store *st, int64_t uidvalidity,
    int64_t **uids_out, size_t *n_out, char **cause)
{
	sqlite3_stmt	*q;
	int64_t		*v = NULL;
	size_t		 n = 0;
	int		 rc;

	if ((q = store_prepare(st, SQL_INBOUND_UNMARKED, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, uidvalidity);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		v = xreallocarray(v, n + 1, sizeof(*v));
		v[n++] = sqlite3_column_int64(q, 0);
	}
	store_done(st, q);
	if (rc != SQLITE_DONE) {
		free(v);
		return store_fail(st, "unmarked messages", cause);
	}
	*uids_out = v;
	*n_out = n;
	return 0;
}

int
store_inbound_marked(struct store *st, int64_t uidvalidity, int64_t uid,
    char **cause)
{
	sqlite3_stmt	*q;

	if ((q = store_prepare(st, SQL_INBOUND_MARKED, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, uidvalidity);
	sqlite3_bind_int64(q, 2, uid);
	return store_step_done(st, q, "record the mark", cause);
}

/* The schedule: jobs, the duo's texts, and what the duo proposal needs. */

static const char SQL_JOB_CLAIM[] =
    "INSERT OR IGNORE INTO job (key, done_at) VALUES (?1, ?2)";
static const char SQL_JOB_DONE[] =
    "SELECT 1 FROM job WHERE key = ?1";
static const char SQL_PROGRAMME_SET[] =
    "UPDATE meeting SET programme = ?2 WHERE id = ?1";
static const char SQL_INSIGHTS_SET[] =
    "UPDATE meeting SET insights = ?2 WHERE id = ?1";
static const char SQL_PROGRAMME_GET[] =
    "SELECT programme, insights FROM meeting WHERE id = ?1";
static const char SQL_MEETING_CREATED[] =
    "SELECT created FROM meeting WHERE id = ?1";
static const char SQL_NETWORK_CREATED[] =
    "SELECT created FROM network WHERE id = ?1";
static const char SQL_HOST_HISTORY[] =
    "SELECT h.meeting_id, h.member_id, g.start_at FROM host h"
    " JOIN meeting g ON g.id = h.meeting_id"
    " WHERE g.network_id = ?1 AND g.status = 'confirmed' AND g.id <> ?2"
    " ORDER BY g.start_at, g.id, h.member_id";

int
store_job_claim(struct store *st, const char *key, time_t now, char **cause)
{
	sqlite3_stmt	*q;

	if ((q = store_prepare(st, SQL_JOB_CLAIM, cause)) == NULL)
		return -1;
	bind_text(q, 1, key);
	sqlite3_bind_int64(q, 2, (int64_t)now);
	if (store_step_done(st, q, "claim a job", cause) == -1)
		return -1;
	return sqlite3_changes(st->db) == 1 ? 1 : 0;
}

int
store_job_done(struct store *st, const char *key, char **cause)
{
	sqlite3_stmt	*q;
	int		 rc;

	if ((q = store_prepare(st, SQL_JOB_DONE, cause)) == NULL)
		return -1;
	bind_text(q, 1, key);
	rc = sqlite3_step(q);
	store_done(st, q);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : store_fail(st, "read a job", cause);
}

int
store_programme_set(struct store *st, int64_t meeting_id, bool insights,
    const char *text, char **cause)
{
	sqlite3_stmt	*q;

	q = store_prepare(st, insights ? SQL_INSIGHTS_SET : SQL_PROGRAMME_SET,
	    cause);
	if (q == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, meeting_id);
	bind_text(q, 2, text);
	return store_step_done(st, q, "store the programme", cause);
}

int
store_programme_get(struct store *st, int64_t meeting_id,
    char **programme_out, char **insights_out, char **cause)
{
	sqlite3_stmt	*q;
	int		 rc;

	*programme_out = NULL;
	*insights_out = NULL;
	if ((q = store_prepare(st, SQL_PROGRAMME_GET, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, meeting_id);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		*programme_out = column_text(q, 0);
		*insights_out = column_text(q, 1);
	}
	store_done(st, q);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return 0;
	return store_fail(st, "read the programme", cause);
}

/* The created time of a row by id (sql: one column, one row). */
static int
store_created(struct store *st, const char *sql, int64_t id, time_t *out,
    char **cause)
{
	sqlite3_stmt	*q;
	int		 rc;

	*out = 0;
	if ((q = store_prepare(st, sql, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, id);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		*out = (time_t)sqlite3_column_int64(q, 0);
	store_done(st, q);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return 0;
	return store_fail(st, "read a creation time", cause);
}

int
store_meeting_created(struct store *st, int64_t meeting_id, time_t *out,
    char **cause)
{
	return store_created(st, SQL_MEETING_CREATED, meeting_id, out, cause);
}

int
store_network_created(struct store *st, int64_t network_id, time_t *out,
    char **cause)
{
	return store_created(st, SQL_NETWORK_CREATED, network_id, out, cause);
}

int
store_host_history(struct store *st, int64_t network_id,
    int64_t except_meeting, struct host_turn **out, size_t *n_out,
    char **cause)
{
	sqlite3_stmt	*q;
	struct host_turn *v = NULL;
	size_t		 n = 0;
	int		 rc;

	if ((q = store_prepare(st, SQL_HOST_HISTORY, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, network_id);
	sqlite3_bind_int64(q, 2, except_meeting);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		v = xreallocarray(v, n + 1, sizeof(*v));
		v[n].meeting_id = sqlite3_column_int64(q, 0);
		v[n].member_id = sqlite3_column_int64(q, 1);
		v[n].start = (time_t)sqlite3_column_int64(q, 2);
		n++;
	}
	store_done(st, q);
	if (rc != SQLITE_DONE) {
		free(v);
		return store_fail(st, "read the host history", cause);
	}
	*out = v;
	*n_out = n;
	return 0;
}

/* For the daemon: how much mail waits in the outbox and when it is due. */
static const char SQL_OUTBOX_WAITING[] =
    "SELECT count(*), coalesce(min(next_try), 0) FROM outbox"
    " WHERE state IN ('queued', 'sending')";

int
store_outbox_waiting(struct store *st, int *count_out, time_t *next_out,
    char **cause)
{
	sqlite3_stmt	*q;
	int		 rc;

	*count_out = 0;
	*next_out = 0;
	if ((q = store_prepare(st, SQL_OUTBOX_WAITING, cause)) == NULL)
		return -1;
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		*count_out = sqlite3_column_int(q, 0);
		*next_out = (time_t)sqlite3_column_int64(q, 1);
	}
	store_done(st, q);
	if (rc == SQLITE_ROW)
		return 0;
	return store_fail(st, "read the outbox", cause);
}

/* The coordinator's digest. */

/*
 * The last digest queued before now. Digests of all networks go out
 * together (one run, one now), so the newest one stands for them all.
 */
static const char SQL_DIGEST_LAST[] =
    "SELECT coalesce(max(queued), 0) FROM outbox"
    " WHERE kind = 'digest' AND queued < ?1";

/* Every digest query returns the columns of struct digest_item. */
static const char SQL_DIGEST_CHANGES[] =
    "SELECT 'change', coalesce(m.name, g.name), coalesce(m.email, g.email),"
    " h.old_status, h.new_status, h.at, 0, a.meeting_id, 0, 0, 0"
    " FROM attendance_history h JOIN attendance a ON a.id = h.attendance_id"
    " JOIN meeting mt ON mt.id = a.meeting_id"
    " LEFT JOIN member m ON m.id = a.member_id"
    " LEFT JOIN guest g ON g.id = a.guest_id"
    " WHERE mt.network_id = ?1 AND h.at > ?2 AND h.stale = 0"
    " AND h.old_status IS NOT h.new_status"
    " ORDER BY h.at, h.id";

/*
 * Mail a human should see: a question answered along with an RSVP is
 * still a question; an RSVP without an answer that asked again is
 * "unclear". Then addresses marked bouncing, then mail given up on.
 */
static const char SQL_DIGEST_HUMAN[] =
    "SELECT * FROM ("
    " SELECT CASE WHEN i.misread_of IS NOT NULL THEN 'misread'"
    "  WHEN i.kind = 'question' OR i.effect LIKE"
    "  '%question forwarded%' THEN 'question'"
    "  WHEN i.effect LIKE '%sender not verified%' OR i.effect LIKE"
    "  '%did not send the waiting%' THEN 'unverified'"
    "  WHEN i.effect LIKE '%answer not recorded%' THEN 'unrecorded'"
    "  WHEN i.kind = 'noise' AND i.outcome LIKE '%coordinator%'"
    "  THEN 'thanks'"
    "  WHEN i.kind = 'rsvp' AND (i.effect LIKE 'unclear%' OR"
    "  (i.outcome LIKE '%coordinator%' AND i.outcome NOT LIKE '%answer%'))"
    "  THEN 'unclear' ELSE i.kind END AS k,"
    " m.name, coalesce(m.email, i.sender), CASE WHEN i.misread_of IS NOT"
    " NULL THEN i.misread_status || ' > ' || i.status ELSE"
    " coalesce(i.question, i.note) END,"
    " i.effect AS effect,"
    " i.received,"
    " coalesce(i.return_at, 0), coalesce(i.meeting_id, 0), 0, 0, 0"
    " FROM inbound i LEFT JOIN member m ON m.id = i.member_id"
    " WHERE (m.network_id = ?1 OR i.member_id IS NULL) AND i.received > ?2"
    " ORDER BY i.received, i.id)"
    " WHERE k IN ('question', 'join_request', 'leave_request', 'counter',"
    "  'not_member', 'unreadable', 'autoreply', 'bounce', 'unverified',"
    "  'unrecorded', 'unclear', 'thanks', 'misread')"
    " UNION ALL "
    "SELECT 'bouncing', name, email, NULL, NULL, 0, 0, 0, 0, 0, 0"
    " FROM member WHERE network_id = ?1 AND active = 1 AND bouncing = 1"
    " UNION ALL "
    "SELECT 'failed', NULL, o.rcpt, o.last_error, o.kind,"
    " coalesce(o.done, o.queued), 0, coalesce(o.meeting_id, 0), 0, 0, 0"
    " FROM outbox o LEFT JOIN meeting mt ON mt.id = o.meeting_id"
    " LEFT JOIN member m ON m.id = o.member_id"
    " WHERE o.state = 'failed' AND coalesce(o.done, o.queued) > ?2"
    " AND coalesce(mt.network_id, m.network_id, ?1) = ?1";

/*
 * Per active member, the meetings held in the year before now: present
 * (or, until the register says otherwise, accepted) is attended; declined
 * before the start is excused; anything else is absent without notice.
 * A member with no such meeting (new, or only future meetings) joins to
 * one row of NULLs, which counts as nothing.
 */
static const char SQL_DIGEST_COMMITMENT[] =
    "SELECT 'commitment', m.name, m.email, NULL, NULL, 0, 0, 0,"
    " coalesce(sum(CASE WHEN a.present = 1 OR (a.present IS NULL AND"
    "  a.status = 'accepted') THEN 1 ELSE 0 END), 0),"
    " coalesce(sum(CASE WHEN a.present IS NOT 1 AND a.status = 'declined'"
    "  AND a.updated < mt.start_at THEN 1 ELSE 0 END), 0),"
    " coalesce(sum(CASE WHEN mt.id IS NULL OR a.present = 1 OR"
    "  (a.present IS NULL AND a.status = 'accepted') OR"
    "  (a.status = 'declined' AND a.updated < mt.start_at)"
    "  THEN 0 ELSE 1 END), 0)"
    " FROM member m LEFT JOIN (attendance a JOIN meeting mt"
    "  ON mt.id = a.meeting_id AND mt.status = 'confirmed'"
    "  AND mt.start_at <= ?2 AND mt.start_at > ?2 - 365 * 86400)"
    " ON a.member_id = m.id"
    " WHERE m.network_id = ?1 AND m.active = 1"
    " GROUP BY m.id ORDER BY m.name, m.email";

int
store_digest_last(struct store *st, time_t now, time_t *at_out,
    char **cause)
{
	sqlite3_stmt	*q;
	int		 rc;

	*at_out = 0;
	if ((q = store_prepare(st, SQL_DIGEST_LAST, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, (int64_t)now);
	if ((rc = sqlite3_step(q)) == SQLITE_ROW)
		*at_out = (time_t)sqlite3_column_int64(q, 0);
	store_done(st, q);
	if (rc != SQLITE_ROW)
		return store_fail(st, "last digest", cause);
	return 0;
}

int
store_digest_items(struct store *st, int64_t network_id,
    enum store_digest_group group, time_t since, struct digest_item **out,
    size_t *n_out, char **cause)
{
	static const char *const sql[] = { SQL_DIGEST_CHANGES,
	    SQL_DIGEST_HUMAN, SQL_DIGEST_COMMITMENT };
	sqlite3_stmt		*q;
	struct digest_item	*v = NULL, *d;
	size_t			 n = 0;
	int			 rc, i;

	if ((q = store_prepare(st, sql[group], cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, network_id);
	sqlite3_bind_int64(q, 2, (int64_t)since);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		v = xreallocarray(v, n + 1, sizeof(*v));
		d = &v[n++];
		d->kind = column_text(q, 0);
		d->name = column_text(q, 1);
		d->email = column_text(q, 2);
		d->text = column_text(q, 3);
		d->more = column_text(q, 4);
		d->at = (time_t)sqlite3_column_int64(q, 5);
		d->until = (time_t)sqlite3_column_int64(q, 6);
		d->meeting_id = sqlite3_column_int64(q, 7);
		for (i = 0; i < 3; i++)
			d->n[i] = sqlite3_column_int(q, 8 + i);
	}
	store_done(st, q);
	if (rc != SQLITE_DONE) {
		digest_item_array_free(v, n);
		return store_fail(st, "digest", cause);
	}
	*out = v;
	*n_out = n;
	return 0;
}

void
digest_item_array_free(struct digest_item *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		free(v[i].kind);
		free(v[i].name);
		free(v[i].email);
		free(v[i].text);
		free(v[i].more);
	}
	free(v);
}

static const char SQL_MEETING_PROGRAMME[] =
    "SELECT programme IS NOT NULL AND length(programme) > 0 FROM meeting"
    " WHERE id = ?1";

int
store_meeting_has_programme(struct store *st, int64_t meeting_id,
    char **cause)
{
	sqlite3_stmt	*q;
	int		 rc, has = 0;

	if ((q = store_prepare(st, SQL_MEETING_PROGRAMME, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, meeting_id);
	if ((rc = sqlite3_step(q)) == SQLITE_ROW)
		has = sqlite3_column_int(q, 0);
	store_done(st, q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, "meeting programme", cause);
	return has != 0 ? 1 : 0;
}

/* Bounces: one count per member per local day (member.bounce_day). */
static const char SQL_MEMBER_BOUNCE_DAY[] =
    "UPDATE member SET bounce_score = bounce_score + ?2,"
    " bouncing = (bounce_score + ?2 >= 3), bounce_day = ?3"
    " WHERE id = ?1 AND (bounce_day IS NULL OR bounce_day <> ?3)";

int
store_member_bounce_day(struct store *st, int64_t member_id, double delta,
    time_t day, char **cause)
{
	sqlite3_stmt	*q;

	if ((q = store_prepare(st, SQL_MEMBER_BOUNCE_DAY, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, member_id);
	sqlite3_bind_double(q, 2, delta);
	sqlite3_bind_int64(q, 3, (int64_t)day);
	if (store_step_done(st, q, "score a bounce", cause) == -1)
		return -1;
	return sqlite3_changes(st->db) > 0 ? 1 : 0;
}
