/*
 * invite.h: composes and queues the calendar mail of a meeting for one
 * person: an invitation, an update, or a cancellation. Called inside the
 * transaction that decided the mail (the coordinator's command); it only
 * writes to the store (the outbox and the answer row), never to the net.
 */
#ifndef MAILBOT_INVITE_H
#define MAILBOT_INVITE_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "ctx.h"

struct config;
struct meeting;
struct recipient;
struct template_var;

enum invite_kind {
	INVITE_INVITATION,	/* first REQUEST */
	INVITE_UPDATE,		/* REQUEST with a higher SEQUENCE */
	INVITE_CANCEL,		/* the meeting is cancelled */
	INVITE_WITHDRAW		/* CANCEL to one person who left */
};

/* What an update changed (a bit mask). */
#define INVITE_CHANGED_TIME	0x1
#define INVITE_CHANGED_PLACE	0x2
#define INVITE_CHANGED_THEME	0x4

struct invite_ctx {
	struct ctx		 ctx;		/* config, store, now */
	unsigned int		 changes;	/* update: INVITE_CHANGED_* */
	bool			 reconfirm;	/* update: answers were reset */
};

/*
 * invite_queue: queues the mail of kind for person r about meeting g with
 * SEQUENCE seq, and records it on r's answer row. Returns 0, or -1 with
 * *cause (a template or calendar problem, or the store).
 */
int	invite_queue(const struct invite_ctx *, const struct meeting *g,
	    const struct recipient *r, enum invite_kind kind, int64_t seq,
	    char **cause);

/*
 * invite_confirm: queues, as an automatic reply to the message in_reply_to,
 * a short mail telling person r what was understood for meeting g: the
 * sentence it was read from (evidence, NULL: none), their answer (a status
 * word) and note. Returns 0, or -1 with *cause.
 */
int	invite_confirm(const struct invite_ctx *, const struct meeting *g,
	    const struct recipient *r, const char *status, const char *note,
	    const char *evidence, const char *in_reply_to, char **cause);

/*
 * invite_forward: queues for the coordinator a member's question (their
 * own words in text, and the subject), with Reply-To the member, so the
 * coordinator answers them directly. Returns 0, or -1 with *cause.
 */
int	invite_forward(const struct invite_ctx *, const struct meeting *g,
	    const struct recipient *r, const char *subject, const char *text,
	    const char *in_reply_to, char **cause);

/*
 * invite_verify: asks person r, at their own address, whether they sent
 * the message that answered status for meeting g (its sender could not be
 * verified); a reply to it carries r's token. The queued Message-ID goes
 * to *id_out (the caller frees it). Returns 0, or -1 with *cause.
 */
int	invite_verify(const struct invite_ctx *, const struct meeting *g,
	    const struct recipient *r, const char *status, char **id_out,
	    char **cause);

/*
 * invite_person_uid: the iCalendar UID of person attendance_id's copy of
 * meeting g: the meeting's UID with "-aID" before the "@". The caller
 * frees it.
 */
char	*invite_person_uid(const struct meeting *g, int64_t attendance_id);

/*
 * invite_clarify: asks person r, once, in their language, to answer for
 * meeting g with just ja/nee/misschien (yes/no/maybe).
 * invite_ack: tells to that their request to join (or leave) the network
 * reached the coordinator. Both return 0, or -1 with *cause.
 */
int	invite_clarify(const struct invite_ctx *, const struct meeting *g,
	    const struct recipient *r, const char *in_reply_to, char **cause);
int	invite_ack(const struct invite_ctx *, const char *to, bool join,
	    const char *in_reply_to, char **cause);

/*
 * A text (and HTML) mail from a template, not a calendar: who gets it,
 * from which template. tokened: the Reply-To and envelope sender carry the
 * token of answer row attendance_id.
 */
struct invite_notice {
	const char			*kind;		/* X-Mailbot-Kind */
	const char			*template;
	const char			*lang;
	const struct template_var	*vars;
	size_t				 nvars;
	const char			*from_name;
	const char			*to_addr;
	const char			*to_name;
	const char			*reply_to;	/* NULL: none */
	const char			*in_reply_to;	/* with or without <> */
	bool				 tokened;	/* Reply-To and envelope
							   sender carry the
							   person's token */
	int64_t				 meeting_id;
	int64_t				 member_id;
	int64_t				 attendance_id;
};

/*
 * invite_notice_queue: renders, composes and queues n in the caller's
 * transaction. Returns 0, or -1 with *cause.
 */
int	invite_notice_queue(const struct invite_ctx *,
	    const struct invite_notice *,
	    char **cause);
/* The same; the queued Message-ID goes to *id_out (the caller frees it). */
int	invite_notice_queue_id(const struct invite_ctx *,
	    const struct invite_notice *, char **id_out, char **cause);

/*
 * invite_hosts_text: the duo's names as a text says them ("Ineke Bakker en
 * Pieter van Dam"; "and" in English); NULL without a meeting or duo.
 */
char	*invite_hosts_text(const struct meeting *, const char *lang);

/* invite_templates_dir: the configured directory, or the default one. */
const char *invite_templates_dir(const struct config *);

#endif
