/*
 * inbox.c: the bot's IMAP mailbox through libetpan over tls.c: listing
 * new UIDs, fetching raw messages with BODY.PEEK, flagging and moving
 * handled ones, and waiting for new mail with IDLE. Does network I/O.
 */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libetpan/libetpan.h>

#include "config.h"
#include "inbox.h"
#include "log.h"
#include "tls.h"
#include "util.h"

struct inbox {
	mailimap	*imap;
	char		*name;		/* "imap HOST:PORT", for causes */
	uint32_t	 uidvalidity;
	bool		 broken;	/* the connection is gone */
	bool		 has_idle;
	bool		 has_move;
	bool		 has_uidplus;
	char		*created;	/* the last folder made or found */
	int		 wake_fd;	/* ends a wait when readable; -1 */
};

/*
 * sel_exists holds this until the server sends EXISTS: any EXISTS after
 * the last UID SEARCH (even one answering a STORE or MOVE, or one whose
 * number equals an old count after EXPUNGEs) means new mail to look for.
 */
#define EXISTS_UNSEEN	UINT32_MAX

/*
 * inbox_fail: sets *cause for libetpan result r of what. A stream error
 * means the connection is gone: the inbox is marked broken so every
 * later call fails at once, and the caller reconnects.
 */
static int
inbox_fail(struct inbox *ib, const char *what, int r, char **cause)
{
	mailimap	*imap = ib->imap;
	const char	*why;

	if (r == MAILIMAP_ERROR_STREAM || imap->imap_stream == NULL) {
		why = imap->imap_stream != NULL ?
		    tls_error(imap->imap_stream) : NULL;
		xasprintf(cause, "%s: %s: connection lost (%s)", ib->name,
		    what, why != NULL ? why : "closed or timed out");
		ib->broken = true;
	} else if (r == MAILIMAP_ERROR_PARSE) {
		/* E.g. "* BYE" then EOF when Dovecot shuts down: the
		   session is out of step, so it cannot go on. */
		xasprintf(cause, "%s: %s: connection lost (unreadable answer "
		    "or BYE)", ib->name, what);
		ib->broken = true;
	} else if (imap->imap_response != NULL) {
		xasprintf(cause, "%s: %s refused: %s", ib->name, what,
		    imap->imap_response);
	} else
		xasprintf(cause, "%s: %s failed (libetpan error %d)", ib->name,
		    what, r);
	return -1;
}

static int
inbox_usable(struct inbox *ib, char **cause)
{
	if (!ib->broken && ib->imap->imap_stream != NULL)
		return 0;
	ib->broken = true;
	xasprintf(cause, "%s: connection lost", ib->name);
	return -1;
}

/* Connects and says hello, STARTTLS included; 0 or -1 with *cause. */
static int
inbox_connect(struct inbox *ib, const struct config_server *srv,
    int timeout_s, char **cause)
{
	mailstream	*s;
	char		*why = NULL;
	int		 r;

	if (srv->tls == CONFIG_TLS_IMPLICIT)
		s = tls_connect(srv->host, srv->port, srv->ca_file, timeout_s,
		    &why);
	else
		s = tls_connect_plain(srv->host, srv->port, timeout_s, &why);
	if (s == NULL)
		goto fail;
	r = mailimap_connect(ib->imap, s);
	if (r != MAILIMAP_NO_ERROR_NON_AUTHENTICATED &&
	    r != MAILIMAP_NO_ERROR_AUTHENTICATED) {
		if (tls_error(s) != NULL)
			xasprintf(&why, "greeting: %s", tls_error(s));
		else
			xasprintf(&why, "no usable greeting (libetpan error "
			    "%d)", r);
		/* The session keeps s even now: close it ourselves. */
		mailstream_close(s);
		ib->imap->imap_stream = NULL;
		goto fail;
	}
	if (srv->tls == CONFIG_TLS_STARTTLS && tls_starttls(ib->imap,
	    srv->host, srv->ca_file, timeout_s, &why) == -1)
		goto fail;
	return 0;
fail:
	xasprintf(cause, "%s: %s", ib->name, why);
	free(why);
	ib->broken = true;
	return -1;
}

/* Logs in, learns the capabilities and selects the mailbox. */
static int
inbox_login(struct inbox *ib, const struct config_server *srv, char **cause)
{
	struct mailimap_capability_data	*caps = NULL;
	int				 r;

	r = mailimap_login(ib->imap, srv->user, srv->password);
	if (r != MAILIMAP_NO_ERROR)
		return inbox_fail(ib, "login", r, cause);
	/* After STARTTLS (and LOGIN) the old list no longer holds. */
	r = mailimap_capability(ib->imap, &caps);
	if (r != MAILIMAP_NO_ERROR)
		return inbox_fail(ib, "CAPABILITY", r, cause);
	mailimap_capability_data_free(caps);
	ib->has_idle = mailimap_has_idle(ib->imap);
	ib->has_move = mailimap_has_extension(ib->imap, "MOVE");
	ib->has_uidplus = mailimap_has_uidplus(ib->imap);
	r = mailimap_select(ib->imap, srv->mailbox);
	if (r != MAILIMAP_NO_ERROR)
		return inbox_fail(ib, "SELECT", r, cause);
	if (ib->imap->imap_selection_info == NULL) {
		xasprintf(cause, "%s: SELECT %s: no selection", ib->name,
		    srv->mailbox);
		return -1;
	}
	ib->uidvalidity = ib->imap->imap_selection_info->sel_uidvalidity;
	/* What SELECT counted is found by the first search. */
	ib->imap->imap_selection_info->sel_exists = EXISTS_UNSEEN;
	return 0;
}

struct inbox *
inbox_open(const struct config_server *srv, int timeout_s, char **cause)
{
	struct inbox	*ib;

	ib = xcalloc(1, sizeof(*ib));
	ib->wake_fd = -1;
	xasprintf(&ib->name, "imap %s:%d", srv->host, srv->port);
	ib->imap = mailimap_new(0, NULL);
	if (ib->imap == NULL)
		fatalx("out of memory");
	if (inbox_connect(ib, srv, timeout_s, cause) == -1 ||
	    inbox_login(ib, srv, cause) == -1) {
		inbox_close(ib);
		return NULL;
	}
	return ib;
}

void
inbox_close(struct inbox *ib)
{
	if (ib == NULL)
		return;
	if (!ib->broken && ib->imap->imap_stream != NULL)
		mailimap_logout(ib->imap);
	/* Without this, mailimap_free() would try a LOGOUT of its own. */
	if (ib->imap->imap_stream != NULL) {
		mailstream_close(ib->imap->imap_stream);
		ib->imap->imap_stream = NULL;
	}
	mailimap_free(ib->imap);
	free(ib->name);
	free(ib->created);
	free(ib);
}

uint32_t
inbox_uidvalidity(const struct inbox *ib)
{
	return ib->uidvalidity;
}

static int
uid_cmp(const void *a, const void *b)
{
	uint32_t	x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

int
inbox_new_uids(struct inbox *ib, uint32_t after, size_t max,
    uint32_t **uids_out, size_t *n_out, char **cause)
{
	struct mailimap_search_key	*key;
	clist				*result = NULL;
	clistiter			*it;
	uint32_t			*uids, uid;
	size_t				 n = 0;
	int				 r;

	*uids_out = NULL;
	*n_out = 0;
	if (inbox_usable(ib, cause) == -1)
		return -1;
	if (after == UINT32_MAX)
		return 0;
	/* UID after+1:* (0 is libetpan's "*") */
	key = mailimap_search_key_new_uid(mailimap_set_new_interval(after + 1,
	    0));
	if (ib->imap->imap_selection_info != NULL)
		ib->imap->imap_selection_info->sel_exists = EXISTS_UNSEEN;
	r = mailimap_uid_search(ib->imap, NULL, key, &result);
	mailimap_search_key_free(key);
	if (r != MAILIMAP_NO_ERROR)
		return inbox_fail(ib, "UID SEARCH", r, cause);
	uids = xreallocarray(NULL, clist_count(result) + 1, sizeof(*uids));
	for (it = clist_begin(result); it != NULL; it = clist_next(it)) {
		uid = *(uint32_t *)clist_content(it);
		/* "N:*" always matches the highest UID, even when it is not
		   above N (RFC 3501 6.4.8): keep only what is new. */
		if (uid > after)
			uids[n++] = uid;
	}
	mailimap_search_result_free(result);
	qsort(uids, n, sizeof(*uids), uid_cmp);
	if (n > max)
		n = max;
	if (n == 0) {
		free(uids);
		uids = NULL;
	}
	*uids_out = uids;
	*n_out = n;
	return 0;
}

/* The fetched attributes of message uid in result, or NULL. */
static struct mailimap_msg_att *
fetch_find(clist *result, uint32_t uid)
{
	clistiter			*m, *a;
	struct mailimap_msg_att		*msg;
	struct mailimap_msg_att_item	*item;

	for (m = clist_begin(result); m != NULL; m = clist_next(m)) {
		msg = clist_content(m);
		for (a = clist_begin(msg->att_list); a != NULL;
		    a = clist_next(a)) {
			item = clist_content(a);
			if (item->att_type == MAILIMAP_MSG_ATT_ITEM_STATIC &&
			    item->att_data.att_static->att_type ==
			    MAILIMAP_MSG_ATT_UID &&
			    item->att_data.att_static->att_data.att_uid == uid)
				return msg;
		}
	}
	return NULL;
}

/* The static attribute of kind type in msg, or NULL. */
static struct mailimap_msg_att_static *
fetch_static(struct mailimap_msg_att *msg, int type)
{
	clistiter			*a;
	struct mailimap_msg_att_item	*item;

	for (a = clist_begin(msg->att_list); a != NULL; a = clist_next(a)) {
		item = clist_content(a);
		if (item->att_type == MAILIMAP_MSG_ATT_ITEM_STATIC &&
		    item->att_data.att_static->att_type == type)
			return item->att_data.att_static;
	}
	return NULL;
}

/*
 * fetch_one: UID FETCH uid (UID att); the static attribute of kind type
 * in *st_out (NULL when the message is gone). The caller frees *result.
 */
static int
fetch_one(struct inbox *ib, uint32_t uid, struct mailimap_fetch_att *att,
    int type, clist **result, struct mailimap_msg_att_static **st_out,
    char **cause)
{
	struct mailimap_fetch_type	*ft;
	struct mailimap_set		*set;
	struct mailimap_msg_att		*msg;
	int				 r;

	*result = NULL;
	*st_out = NULL;
	ft = mailimap_fetch_type_new_fetch_att_list_empty();
	mailimap_fetch_type_new_fetch_att_list_add(ft,
	    mailimap_fetch_att_new_uid());
	mailimap_fetch_type_new_fetch_att_list_add(ft, att);
	set = mailimap_set_new_single(uid);
	r = mailimap_uid_fetch(ib->imap, set, ft, result);
	mailimap_set_free(set);
	mailimap_fetch_type_free(ft);
	if (r != MAILIMAP_NO_ERROR) {
		*result = NULL;
		return inbox_fail(ib, "UID FETCH", r, cause);
	}
	msg = fetch_find(*result, uid);
	if (msg != NULL)
		*st_out = fetch_static(msg, type);
	return 0;
}

int
inbox_fetch(struct inbox *ib, uint32_t uid, size_t max, char **raw_out,
    size_t *len_out, char **cause)
{
	struct mailimap_msg_att_static		*st;
	struct mailimap_msg_att_body_section	*body;
	clist					*result;
	int					 rc = -1;

	*raw_out = NULL;
	*len_out = 0;
	if (inbox_usable(ib, cause) == -1)
		return -1;
	/* The size first, so a huge message is never downloaded. */
	if (fetch_one(ib, uid, mailimap_fetch_att_new_rfc822_size(),
	    MAILIMAP_MSG_ATT_RFC822_SIZE, &result, &st, cause) == -1)
		return -1;
	if (st == NULL) {
		xasprintf(cause, "%s: message UID %u is gone", ib->name, uid);
		goto out;
	}
	*len_out = st->att_data.att_rfc822_size;
	if (*len_out > max) {
		rc = 0;
		goto out;
	}
	mailimap_fetch_list_free(result);
	if (fetch_one(ib, uid, mailimap_fetch_att_new_body_peek_section(
	    mailimap_section_new(NULL)), MAILIMAP_MSG_ATT_BODY_SECTION,
	    &result, &st, cause) == -1)
		return -1;
	body = st != NULL ? st->att_data.att_body_section : NULL;
	if (body == NULL || body->sec_body_part == NULL) {
		xasprintf(cause, "%s: message UID %u is gone", ib->name, uid);
		goto out;
	}
	if (body->sec_length > max) {
		*len_out = body->sec_length;
		rc = 0;
		goto out;
	}
	*raw_out = xmalloc(body->sec_length + 1);
	memcpy(*raw_out, body->sec_body_part, body->sec_length);
	(*raw_out)[body->sec_length] = '\0';
	*len_out = body->sec_length;
	rc = 0;
out:
	if (result != NULL)
		mailimap_fetch_list_free(result);
	return rc;
}

/* UID STORE set +FLAGS.SILENT (\Seen $MailbotHandled) or (\Deleted). */
static int
store_many(struct inbox *ib, struct mailimap_set *set, bool deleted,
    char **cause)
{
	struct mailimap_flag_list	*fl;
	struct mailimap_store_att_flags	*sf;
	int				 r;

	fl = mailimap_flag_list_new_empty();
	if (deleted)
		mailimap_flag_list_add(fl, mailimap_flag_new_deleted());
	else {
		mailimap_flag_list_add(fl, mailimap_flag_new_seen());
		mailimap_flag_list_add(fl,
		    mailimap_flag_new_flag_keyword(xstrdup(INBOX_KEYWORD)));
	}
	sf = mailimap_store_att_flags_new_add_flags_silent(fl);
	r = mailimap_uid_store(ib->imap, set, sf);
	mailimap_store_att_flags_free(sf);
	if (r != MAILIMAP_NO_ERROR)
		return inbox_fail(ib, "UID STORE", r, cause);
	return 0;
}

/* The same for one uid. */
static int
inbox_store(struct inbox *ib, uint32_t uid, bool deleted, char **cause)
{
	struct mailimap_set	*set = mailimap_set_new_single(uid);
	int			 rc;

	rc = store_many(ib, set, deleted, cause);
	mailimap_set_free(set);
	return rc;
}

/*
 * inbox_create: creates folder unless this session made or found it
 * already. A NO ("already exists") is fine: if the folder is really
 * missing, the MOVE or COPY after says so.
 */
static int
inbox_create(struct inbox *ib, const char *folder, char **cause)
{
	int	r;

	if (ib->created != NULL && strcmp(ib->created, folder) == 0)
		return 0;
	r = mailimap_create(ib->imap, folder);
	if (r == MAILIMAP_ERROR_STREAM)
		return inbox_fail(ib, "CREATE", r, cause);
	free(ib->created);
	ib->created = xstrdup(folder);
	return 0;
}

/* Moves uid to folder: MOVE, else COPY + \Deleted + UID EXPUNGE. */
static int
inbox_move(struct inbox *ib, uint32_t uid, const char *folder,
    char **cause)
{
	struct mailimap_set	*set;
	int			 r;

	if (inbox_create(ib, folder, cause) == -1)
		return -1;
	set = mailimap_set_new_single(uid);
	if (ib->has_move) {
		r = mailimap_uid_move(ib->imap, set, folder);
		mailimap_set_free(set);
		if (r != MAILIMAP_NO_ERROR)
			return inbox_fail(ib, "UID MOVE", r, cause);
		return 0;
	}
	r = mailimap_uid_copy(ib->imap, set, folder);
	if (r != MAILIMAP_NO_ERROR) {
		mailimap_set_free(set);
		return inbox_fail(ib, "UID COPY", r, cause);
	}
	if (inbox_store(ib, uid, true, cause) == -1) {
		mailimap_set_free(set);
		return -1;
	}
	/* Without UIDPLUS the copy stays marked \Deleted: a plain EXPUNGE
	   would also remove what others deleted but kept. */
	r = ib->has_uidplus ? mailimap_uid_expunge(ib->imap, set) :
	    MAILIMAP_NO_ERROR;
	mailimap_set_free(set);
	if (r != MAILIMAP_NO_ERROR)
		return inbox_fail(ib, "UID EXPUNGE", r, cause);
	return 0;
}

int
inbox_mark(struct inbox *ib, uint32_t uid, const char *folder, char **cause)
{
	if (inbox_usable(ib, cause) == -1)
		return -1;
	if (inbox_store(ib, uid, false, cause) == -1)
		return -1;
	if (folder != NULL)
		return inbox_move(ib, uid, folder, cause);
	return 0;
}

static long long
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * idle_poll: waits up to ms for the server to say something during IDLE.
 * Returns 1 when it did, 0 on timeout, -1 on a poll failure.
 */
static int
idle_poll(struct inbox *ib, long long ms)
{
	struct pollfd	pfd[2];
	int		r;

	if (tls_pending(ib->imap->imap_stream))
		return 1;
	pfd[0].fd = mailimap_idle_get_fd(ib->imap);
	pfd[0].events = POLLIN;
	pfd[0].revents = 0;
	pfd[1].fd = ib->wake_fd;	/* poll() skips a negative fd */
	pfd[1].events = POLLIN;
	pfd[1].revents = 0;
	if (pfd[0].fd < 0)
		return -1;
	r = poll(pfd, 2, ms > INT_MAX ? INT_MAX : (int)ms);
	/* A signal (or the wake descriptor) ends the wait early, so the
	   daemon can see to it. */
	if (r == -1 && errno == EINTR)
		return 0;
	if (r == -1)
		return -1;
	if (pfd[1].revents != 0)
		return 0;
	return r > 0;
}

/* True (and reset) when an EXISTS came since the last search. */
static bool
inbox_exists_news(struct inbox *ib)
{
	if (ib->imap->imap_selection_info->sel_exists == EXISTS_UNSEEN)
		return false;
	ib->imap->imap_selection_info->sel_exists = EXISTS_UNSEEN;
	return true;
}

int
inbox_wait(struct inbox *ib, int timeout_s, char **cause)
{
	long long	deadline, left;
	int		r, heard, saved_errno;

	if (inbox_usable(ib, cause) == -1)
		return -1;
	if (!ib->has_idle || timeout_s <= 0)
		return 0;
	/* Mail announced while we were busy: no need to idle for it. */
	if (inbox_exists_news(ib))
		return 1;
	deadline = now_ms() + (long long)timeout_s * 1000;
	for (;;) {
		r = mailimap_idle(ib->imap);
		if (r != MAILIMAP_NO_ERROR)
			return inbox_fail(ib, "IDLE", r, cause);
		left = deadline - now_ms();
		heard = idle_poll(ib, left > 0 ? left : 0);
		saved_errno = errno;
		/* DONE reads every untagged response up to the tagged OK;
		   libetpan records EXISTS in the selection info. */
		r = mailimap_idle_done(ib->imap);
		if (r != MAILIMAP_NO_ERROR)
			return inbox_fail(ib, "IDLE DONE", r, cause);
		if (heard == -1) {
			xasprintf(cause, "%s: IDLE: poll: %s", ib->name,
			    strerror(saved_errno));
			return -1;
		}
		if (inbox_exists_news(ib))
			return 1;
		/* Something else (a keep-alive, a flag change): go on
		   idling while time is left. */
		if (heard == 0 || deadline - now_ms() <= 0)
			return 0;
	}
}

bool
inbox_has_idle(const struct inbox *ib)
{
	return ib->has_idle;
}

void
inbox_set_wake(struct inbox *ib, int fd)
{
	ib->wake_fd = fd;
}

/* Batches: one command for many UIDs. */

/* The UIDs as a set of ranges ("3:7,9"); uids ascending. */
static struct mailimap_set *
uid_set(const uint32_t *uids, size_t n)
{
	struct mailimap_set	*set = mailimap_set_new_empty();
	size_t			 i, j;

	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && uids[j] == uids[j - 1] + 1; j++)
			;
		mailimap_set_add_interval(set, uids[i], uids[j - 1]);
	}
	return set;
}

/* UID FETCH of att for v[0, n) with each UID; *result to free. */
static int
fetch_many(struct inbox *ib, const uint32_t *uids, size_t n,
    struct mailimap_fetch_att *att, clist **result, char **cause)
{
	struct mailimap_fetch_type	*ft;
	struct mailimap_set		*set;
	int				 r;

	*result = NULL;
	ft = mailimap_fetch_type_new_fetch_att_list_empty();
	mailimap_fetch_type_new_fetch_att_list_add(ft,
	    mailimap_fetch_att_new_uid());
	mailimap_fetch_type_new_fetch_att_list_add(ft, att);
	set = uid_set(uids, n);
	r = mailimap_uid_fetch(ib->imap, set, ft, result);
	mailimap_set_free(set);
	mailimap_fetch_type_free(ft);
	if (r != MAILIMAP_NO_ERROR) {
		*result = NULL;
		return inbox_fail(ib, "UID FETCH", r, cause);
	}
	return 0;
}

int
inbox_sizes(struct inbox *ib, const uint32_t *uids, size_t n,
    struct inbox_msg *v, char **cause)
{
	struct mailimap_msg_att		*msg;
	struct mailimap_msg_att_static	*st;
	clist				*result;
	size_t				 i;
	int				 rc = 0;

	if (n == 0)
		return 0;
	if (inbox_usable(ib, cause) == -1 || fetch_many(ib, uids, n,
	    mailimap_fetch_att_new_rfc822_size(), &result, cause) == -1)
		return -1;
	for (i = 0; i < n && rc == 0; i++) {
		v[i] = (struct inbox_msg){ uids[i], 0, NULL, 0 };
		msg = fetch_find(result, uids[i]);
		st = msg != NULL ? fetch_static(msg,
		    MAILIMAP_MSG_ATT_RFC822_SIZE) : NULL;
		if (st == NULL) {
			xasprintf(cause, "%s: message UID %u is gone",
			    ib->name, uids[i]);
			rc = -1;
		} else
			v[i].size = st->att_data.att_rfc822_size;
	}
	mailimap_fetch_list_free(result);
	return rc;
}

int
inbox_fetch_many(struct inbox *ib, struct inbox_msg *v, size_t n,
    size_t max, char **cause)
{
	struct mailimap_msg_att			*msg;
	struct mailimap_msg_att_static		*st;
	struct mailimap_msg_att_body_section	*body;
	clist					*result;
	uint32_t				*uids;
	size_t					 i, k = 0;
	int					 rc = 0;

	uids = xreallocarray(NULL, n + 1, sizeof(*uids));
	for (i = 0; i < n; i++)
		if (v[i].size <= max)
			uids[k++] = v[i].uid;
	if (k == 0 || inbox_usable(ib, cause) == -1 ||
	    fetch_many(ib, uids, k, mailimap_fetch_att_new_body_peek_section(
	    mailimap_section_new(NULL)), &result, cause) == -1) {
		free(uids);
		return k == 0 ? 0 : -1;
	}
	free(uids);
	for (i = 0; i < n && rc == 0; i++) {
		if (v[i].size > max)
			continue;
		msg = fetch_find(result, v[i].uid);
		st = msg != NULL ? fetch_static(msg,
		    MAILIMAP_MSG_ATT_BODY_SECTION) : NULL;
		body = st != NULL ? st->att_data.att_body_section : NULL;
		if (body == NULL || body->sec_body_part == NULL) {
			xasprintf(cause, "%s: message UID %u is gone",
			    ib->name, v[i].uid);
			rc = -1;
		} else if (body->sec_length > max)
			v[i].size = body->sec_length;
		else {
			v[i].raw = xmalloc(body->sec_length + 1);
			memcpy(v[i].raw, body->sec_body_part,
			    body->sec_length);
			v[i].raw[body->sec_length] = '\0';
			v[i].len = body->sec_length;
		}
	}
	mailimap_fetch_list_free(result);
	return rc;
}

/* Moves the set to folder: MOVE, else COPY + \Deleted + UID EXPUNGE. */
static int
move_many(struct inbox *ib, struct mailimap_set *set, const char *folder,
    char **cause)
{
	int	 r;

	if (inbox_create(ib, folder, cause) == -1)
		return -1;
	if (ib->has_move) {
		r = mailimap_uid_move(ib->imap, set, folder);
		return r == MAILIMAP_NO_ERROR ? 0 :
		    inbox_fail(ib, "UID MOVE", r, cause);
	}
	r = mailimap_uid_copy(ib->imap, set, folder);
	if (r != MAILIMAP_NO_ERROR)
		return inbox_fail(ib, "UID COPY", r, cause);
	if (store_many(ib, set, true, cause) == -1)
		return -1;
	/* As in inbox_move: without UIDPLUS the copies stay \Deleted. */
	r = ib->has_uidplus ? mailimap_uid_expunge(ib->imap, set) :
	    MAILIMAP_NO_ERROR;
	return r == MAILIMAP_NO_ERROR ? 0 :
	    inbox_fail(ib, "UID EXPUNGE", r, cause);
}

int
inbox_mark_many(struct inbox *ib, const uint32_t *uids, size_t n,
    const char *folder, char **cause)
{
	struct mailimap_set	*set;
	int			 rc;

	if (n == 0)
		return 0;
	if (inbox_usable(ib, cause) == -1)
		return -1;
	set = uid_set(uids, n);
	rc = store_many(ib, set, false, cause);
	if (rc == 0 && folder != NULL)
		rc = move_many(ib, set, folder, cause);
	mailimap_set_free(set);
	return rc;
}
