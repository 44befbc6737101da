/*
 * store.h: the state in SQLite, and the only module that speaks SQL.
 * Records come back as plain structs that the caller owns (free them with
 * the matching *_free); every function that can fail returns -1 and puts
 * a one-line description in *cause.
 */
#ifndef MAILBOT_STORE_H
#define MAILBOT_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct store;

struct network {
	int64_t	 id;
	char	*name;
	int	 members;	/* active members */
	int	 meetings;	/* meetings not cancelled */
};

struct member {
	int64_t	 id;
	int64_t	 network_id;
	char	*network;	/* name, filled by lookups and lists */
	char	*email;
	char	*name;
	char	*organisation;	/* NULL when unknown, as are the next four */
	char	*role;
	int64_t	 org_size;	/* -1 when unknown */
	int64_t	 experience;	/* -1 when unknown */
	char	*region;
	char	*lang;		/* "nl" or "en" */
	bool	 active;
};

struct meeting {
	int64_t	 id;
	int64_t	 network_id;
	char	*network;
	time_t	 start;
	time_t	 end;
	char	*tzid;
	char	*location;
	char	*theme;		/* NULL when none */
	char	*status;	/* "confirmed" or "cancelled" */
	char	*uid;
	int64_t	 sequence;
	int	 nhosts;
	char	*hosts[2];	/* addresses of the duo */
	char	*host_names[2];
};

/* One person's answer for one meeting: a member or a guest. */
struct attendee {
	char	*email;
	char	*name;
	bool	 is_guest;
	char	*status;	/* needs-action, accepted, … */
	char	*note;		/* NULL when none */
	time_t	 updated;
	int	 present;	/* -1 not recorded, 0 absent, 1 present */
};

/*
 * store_open: opens the database at path, in WAL mode with foreign keys
 * on, and applies pending migrations (each in a transaction). When create
 * is false a missing file is an error ("run mailbot init"). A database
 * made by a newer mailbot is refused. now stamps the installation secret.
 */
struct store	*store_open(const char *path, bool create, time_t now,
		    char **cause);
void		 store_close(struct store *);
/* The schema version of the open database and of this binary. */
int		 store_version(struct store *);
int		 store_version_known(void);

int	store_begin(struct store *, char **cause);
int	store_commit(struct store *, char **cause);
void	store_rollback(struct store *);

/* Networks. store_network_find takes a name or a numeric id. */
int	store_network_add(struct store *, const char *name, time_t now,
	    int64_t *id_out, char **cause);
int	store_network_find(struct store *, const char *name_or_id,
	    struct network *out, char **cause);
int	store_network_list(struct store *, struct network **out,
	    size_t *n_out, char **cause);
void	network_clear(struct network *);
void	network_array_free(struct network *, size_t);

/*
 * Members. store_member_find looks one up by network and address and
 * returns 1 when found (filling *out), 0 when not, -1 on error. It finds
 * members who left too (active false). store_member_add inserts a new
 * member, or brings back one who left, and gives them answer rows for the
 * network's meetings still to come.
 */
int	store_member_find(struct store *, int64_t network_id,
	    const char *email, struct member *out, char **cause);
int	store_member_add(struct store *, const struct member *, time_t now,
	    int64_t *id_out, char **cause);
int	store_member_list(struct store *, int64_t network_id,
	    struct member **out, size_t *n_out, char **cause);
/* All active memberships of an address, in any network. */
int	store_member_by_email(struct store *, const char *email,
	    struct member **out, size_t *n_out, char **cause);
int	store_member_remove(struct store *, int64_t member_id, time_t now,
	    char **cause);
void	member_clear(struct member *);
void	member_array_free(struct member *, size_t);

/*
 * Meetings. store_meeting_add takes m->network_id, times, tzid, location,
 * theme and uid, and host member ids; it gives every active member of the
 * network an answer row. store_meeting_get returns 1/0/-1 as find does.
 */
int	store_meeting_add(struct store *, const struct meeting *,
	    const int64_t *host_ids, int nhosts, time_t now, int64_t *id_out,
	    char **cause);
int	store_meeting_get(struct store *, int64_t id, struct meeting *out,
	    char **cause);
/* store_meeting_set_hosts: the meeting's duo becomes host_ids. */
int	store_meeting_set_hosts(struct store *, int64_t meeting_id,
	    const int64_t *host_ids, int nhosts, char **cause);
int	store_meeting_list(struct store *, struct meeting **out,
	    size_t *n_out, char **cause);
void	meeting_clear(struct meeting *);
void	meeting_array_free(struct meeting *, size_t);

/* The answers for a meeting: members (active) first, then guests. */
int	store_attendees(struct store *, int64_t meeting_id,
	    struct attendee **out, size_t *n_out, char **cause);
void	attendee_array_free(struct attendee *, size_t);

/* Guests: store_guest_add gives the guest an answer row too. */
int	store_guest_add(struct store *, int64_t meeting_id, const char *email,
	    const char *name, const char *lang, time_t now, char **cause);
int	store_guest_exists(struct store *, int64_t meeting_id,
	    const char *email, char **cause);

/*
 * The register: records that the person with this address (member or
 * guest of the meeting) was there or not. Returns 0, or -1 with *cause
 * (also when the address has no answer row for the meeting).
 */
int	store_register_set(struct store *, int64_t meeting_id,
	    const char *email, bool present, char **cause);

/*
 * The installation's secret for reply tokens (32 bytes into out).
 */
#define STORE_SECRET_LEN	32
int	store_secret(struct store *, unsigned char out[STORE_SECRET_LEN],
	    char **cause);

/* One person's answer row, as the sender of invitations needs it. */
struct recipient {
	int64_t	 attendance_id;
	int64_t	 meeting_id;
	int64_t	 member_id;	/* 0 for a guest */
	char	*email;
	char	*name;
	char	*lang;
	char	*status;
	int64_t	 sent_seq;	/* SEQUENCE last sent; -1: never invited */
	bool	 withdrawn;	/* sent a CANCEL (removed from the network) */
	char	*note;		/* the answer's note; NULL when none */
};

/* Everyone a meeting concerns: active members and guests. */
int	store_recipients(struct store *, int64_t meeting_id,
	    struct recipient **out, size_t *n_out, char **cause);
/* A member's rows for confirmed meetings that start after now. */
int	store_member_upcoming(struct store *, int64_t member_id, time_t now,
	    struct recipient **out, size_t *n_out, char **cause);
void	recipient_array_free(struct recipient *, size_t);

/* Records that seq was sent (withdrawn: it was a CANCEL) and the token. */
int	store_attendance_sent(struct store *, int64_t attendance_id,
	    int64_t seq, bool withdrawn, const char *token, char **cause);
/* True (1) when anyone was sent an invitation for the meeting. */
int	store_meeting_invited(struct store *, int64_t meeting_id,
	    char **cause);
/* Stores g's start, end, location, theme, status and sequence. */
int	store_meeting_update(struct store *, const struct meeting *g,
	    char **cause);
/*
 * After a change of time: every answer but needs-action goes back to
 * needs-action; the history keeps the old answer, marked stale.
 */
int	store_answers_reset(struct store *, int64_t meeting_id, time_t now,
	    char **cause);

/* The outbox. */
struct outbox_row {
	int64_t	 id;
	char	*message_id;	/* without <> */
	char	*kind;
	char	*env_from;
	char	*rcpt;
	char	*body;		/* NULL in listings */
	size_t	 len;
	int64_t	 meeting_id;	/* 0: none */
	int64_t	 member_id;	/* 0: none */
	int64_t	 attendance_id;	/* 0: none */
	char	*state;		/* queued, sending, sent, failed */
	int	 attempts;
	time_t	 queued;
	time_t	 next_try;
	time_t	 done;		/* 0 until sent or failed */
	char	*last_error;
};

int	store_outbox_add(struct store *, const struct outbox_row *, time_t now,
	    char **cause);
/* The oldest row due at now (queued or left sending by a crash): 1/0/-1. */
int	store_outbox_next(struct store *, time_t now, int64_t after_id,
	    struct outbox_row *out, char **cause);
/* Sets a row's state, attempts, next try, done time and error. */
int	store_outbox_mark(struct store *, const struct outbox_row *,
	    char **cause);
/* Every row, newest first, without bodies. */
int	store_outbox_list(struct store *, struct outbox_row **out,
	    size_t *n_out, char **cause);
void	outbox_row_clear(struct outbox_row *);
/*
 * store_outbox_body: the bytes of a mail we sent: the one with message_id
 * (without <>), or, when message_id is NULL, the last one to answer row
 * attendance_id that asked for an answer. 1 found (*body_out, caller
 * frees), 0 not (or its body is gone), -1 with *cause.
 */
int	store_outbox_body(struct store *, const char *message_id,
	    int64_t attendance_id, char **body_out, size_t *len_out,
	    char **cause);
/* Automatic answers (kinds in a comma list) sent or queued to rcpt since. */
int	store_outbox_count_to(struct store *, const char *rcpt,
	    const char *kinds, time_t since, int *n_out, char **cause);

/* Answer rows found from a reply: 1 found, 0 not, -1 error. */
int	store_recipient_by_token(struct store *, const char *token,
	    struct recipient *out, char **cause);
int	store_recipient_by_id(struct store *, int64_t attendance_id,
	    struct recipient *out, char **cause);
/* The answer row a message we sent concerns, by its Message-ID. */
int	store_recipient_by_message_id(struct store *, const char *message_id,
	    struct recipient *out, char **cause);
/* The active member's row for their next confirmed meeting after now. */
int	store_recipient_next(struct store *, const char *email, time_t now,
	    struct recipient *out, char **cause);
void	recipient_clear(struct recipient *);
/*
 * Every open answer row of an address: as an active member (of any
 * network) or as a guest, for confirmed meetings that end after now,
 * soonest first.
 */
int	store_recipients_open(struct store *, const char *email, time_t now,
	    struct recipient **out, size_t *n_out, char **cause);

/*
 * The SEQUENCE and DTSTAMP of the last calendar REPLY applied to an answer
 * row (-1 and 0 when none): store_reply_stamp reads them, _set records.
 */
int	store_reply_stamp(struct store *, int64_t attendance_id,
	    int64_t *seq_out, time_t *dtstamp_out, char **cause);
int	store_reply_stamp_set(struct store *, int64_t attendance_id,
	    int64_t seq, time_t dtstamp, char **cause);

/*
 * An answer that waits until the person confirms it from their own mailbox
 * (its sender was not verified). store_pending_add supersedes the answer
 * row's open one; store_pending_by_verify finds one by the Message-ID of
 * the mail that asked (1/0/-1); store_pending_close ends one open row as
 * state ("confirmed", "denied", "superseded"); store_pending_close_all
 * every open row of an answer row.
 */
struct pending_answer {
	int64_t	 id;
	int64_t	 attendance_id;
	char	*status;
	char	*note;
	char	*message_id;
	char	*sender;
	time_t	 created;
	char	*state;
};
int	store_pending_add(struct store *, const struct pending_answer *,
	    int64_t *id_out, char **cause);
int	store_pending_set_verify(struct store *, int64_t id,
	    const char *verify_id, char **cause);
int	store_pending_by_verify(struct store *, const char *verify_id,
	    struct pending_answer *out, char **cause);
int	store_pending_close(struct store *, int64_t id, const char *state,
	    time_t now, char **cause);
int	store_pending_close_all(struct store *, int64_t attendance_id,
	    const char *state, time_t now, char **cause);
void	pending_answer_clear(struct pending_answer *);

/* A new answer: the row and its history (latest wins). */
int	store_answer_set(struct store *, int64_t attendance_id,
	    const char *status, const char *note, const char *source,
	    const char *message_id, time_t now, char **cause);

/* Messages taken from the inbox. */
struct inbound {
	int64_t	 uidvalidity;
	int64_t	 uid;
	char	*message_id;
	time_t	 received;
	char	*sender;
	char	*kind;
	char	*member;	/* address, NULL when nobody */
	int64_t	 member_id;	/* 0: none */
	int64_t	 meeting_id;	/* 0: none */
	char	*status;
	char	*note;
	char	*effect;	/* what was done, "; "-separated */
	time_t	 return_at;	/* out of office until (local midnight); 0 */
	char	*question;	/* the question forwarded, one line; NULL */
	char	*via;		/* how the sender was identified; NULL */
	char	*outcome;	/* "answer,asked,coordinator,none" as they
				   apply, comma-separated */
	char	*words;		/* the sender's words, one line; NULL */
	int64_t	 id;		/* the row (lists only) */
	int64_t	 misread_of;	/* the row this corrected; 0: none */
	char	*misread_status; /* what that one was read as; NULL */
};
/* 1 when (uidvalidity, uid), or message_id (when not NULL), is recorded. */
int	store_inbound_seen(struct store *, int64_t uidvalidity, int64_t uid,
	    const char *message_id, char **cause);
int	store_inbound_add(struct store *, const struct inbound *, char **cause);
/* The highest UID recorded for uidvalidity (0 when none). */
int	store_inbound_last_uid(struct store *, int64_t uidvalidity,
	    int64_t *uid_out, char **cause);
/* UIDs of uidvalidity handled but not yet marked on the server. */
int	store_inbound_unmarked(struct store *, int64_t uidvalidity,
	    int64_t **uids_out, size_t *n_out, char **cause);
int	store_inbound_marked(struct store *, int64_t uidvalidity, int64_t uid,
	    char **cause);
int	store_inbound_list(struct store *, struct inbound **out, size_t *n_out,
	    char **cause);
/*
 * store_inbound_confirmed: the message whose answer the confirmation with
 * Message-ID confirmation_id (without <>) confirmed, the one recorded in
 * the same transaction for the same answer row: 1 with its row in *id_out
 * and what it was read as in *status_out (the caller frees it), 0 when
 * there is none, -1 with *cause.
 */
int	store_inbound_confirmed(struct store *, const char *confirmation_id,
	    int64_t *id_out, char **status_out, char **cause);
void	inbound_array_free(struct inbound *, size_t);
void	outbox_row_array_free(struct outbox_row *, size_t);

/*
 * The schedule. store_job_claim records a job key: 1 when it is new (so
 * the caller does the job in this transaction), 0 when it was done before.
 * store_job_done: 1 done, 0 not. The duo's texts: store_programme_set
 * stores the programme (insights: what they shared after the meeting);
 * store_programme_get hands both to the caller (NULL when none).
 */
int	store_job_claim(struct store *, const char *key, time_t now,
	    char **cause);
int	store_job_done(struct store *, const char *key, char **cause);
int	store_programme_set(struct store *, int64_t meeting_id, bool insights,
	    const char *text, char **cause);
int	store_programme_get(struct store *, int64_t meeting_id,
	    char **programme_out, char **insights_out, char **cause);
/* When a meeting or network was created (0 when there is no such row). */
int	store_meeting_created(struct store *, int64_t meeting_id, time_t *out,
	    char **cause);
int	store_network_created(struct store *, int64_t network_id, time_t *out,
	    char **cause);
/* Who hosted which confirmed meeting of a network (but one), by start. */
struct host_turn {
	int64_t	 meeting_id;
	int64_t	 member_id;
	time_t	 start;
};
int	store_host_history(struct store *, int64_t network_id,
	    int64_t except_meeting, struct host_turn **out, size_t *n_out,
	    char **cause);

/*
 * The daemon's outbox figures: *count_out messages waiting (queued or
 * sending) and *next_out the earliest next_try among them (0 when none).
 * Returns 0, or -1 with *cause.
 */
int	store_outbox_waiting(struct store *, int *count_out, time_t *next_out,
	    char **cause);

/*
 * The coordinator's digest (digest.c). A digest item is one thing to tell
 * or to act on; which fields are used depends on kind:
 *   change       name, email; text old status, more new status, at
 *   question, join_request, leave_request, counter, not_member,
 *   unreadable, autoreply, bounce, unclear
 *                name (NULL: not a member), email (the sender), text the
 *                note, more what was done, at received, until the return
 *                date of an out-of-office reply (0: none)
 *   bouncing     name, email: a member whose address is marked bouncing
 *   failed       email the recipient, text the error, more the mail's kind
 *   commitment   name, email; n[0] attended, n[1] excused (declined
 *                before the meeting), n[2] absent without notice
 * meeting_id is 0 when the item concerns no meeting.
 */
struct digest_item {
	char	*kind;
	char	*name;
	char	*email;
	char	*text;
	char	*more;
	time_t	 at;
	time_t	 until;
	int64_t	 meeting_id;
	int	 n[3];
};

/*
 * When the last digest was queued before now (digests of all networks go
 * out together): *at_out 0 when never.
 */
int	store_digest_last(struct store *, time_t now, time_t *at_out,
	    char **cause);
/*
 * The network's items of one group since (exclusive), oldest first:
 * STORE_DIGEST_CHANGES (answers that changed), STORE_DIGEST_HUMAN (mail
 * for a human: inbound needing action, addresses marked bouncing, mail
 * given up on; strangers' mail appears in every network), or
 * STORE_DIGEST_COMMITMENT (per active member, over meetings held in the
 * year before since, which is then now). Free with digest_item_array_free.
 */
enum store_digest_group {
	STORE_DIGEST_CHANGES,
	STORE_DIGEST_HUMAN,
	STORE_DIGEST_COMMITMENT
};
int	store_digest_items(struct store *, int64_t network_id,
	    enum store_digest_group, time_t since, struct digest_item **out,
	    size_t *n_out, char **cause);
void	digest_item_array_free(struct digest_item *, size_t);
/* 1 when the meeting's host duo sent its programme, 0 when not, -1. */
int	store_meeting_has_programme(struct store *, int64_t meeting_id,
	    char **cause);

/*
 * Bounces, scored at most once a day. store_member_bounce_day: adds delta
 * to the member's bounce score (at 3 or more: bouncing) unless a bounce
 * was already counted on day (Unix seconds of local midnight). Returns 1
 * when counted, 0 when that day already counted, -1 with *cause.
 */
int	store_member_bounce_day(struct store *, int64_t member_id, double delta,
	    time_t day, char **cause);

#endif
