/*
 * cmd-show.c: what went in and out: inbox [--misread] [--json] (the
 * messages taken from the inbox and what they did, or the misreadings) and outbox [--json] (what was queued,
 * sent and refused). Reads only. Does I/O: the store, and the streams a
 * command is given.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include <jansson.h>

#include "cmd.h"
#include "cmd-show.h"
#include "cmd-util.h"
#include "config.h"
#include "ctx.h"
#include "store.h"
#include "util.h"
#include "when.h"

/* outbox [--json]: what was queued, sent and refused, newest first. */

static json_t *
json_time(time_t t, const char *tzid)
{
	char	*s = when_format_iso(t, tzid);
	json_t	*j = cmd_json_str(s);

	free(s);
	return j;
}

static json_t *
outbox_json(const struct outbox_row *r, const char *tzid)
{
	json_t	*j;
	char	*queued = when_format_iso(r->queued, tzid);

	j = json_pack("{sI ss ss ss ss si ss}", "id", (json_int_t)r->id,
	    "message_id", r->message_id, "kind", r->kind, "to", r->rcpt,
	    "state", r->state, "attempts", r->attempts, "queued", queued);
	free(queued);
	if (strcmp(r->state, "queued") == 0 || strcmp(r->state, "sending") == 0)
		json_object_set_new(j, "next_try", json_time(r->next_try, tzid));
	else
		json_object_set_new(j, "next_try", json_null());
	json_object_set_new(j, "done", r->done != 0 ?
	    json_time(r->done, tzid) : json_null());
	json_object_set_new(j, "error", cmd_json_str(r->last_error));
	json_object_set_new(j, "meeting", r->meeting_id != 0 ?
	    json_integer(r->meeting_id) : json_null());
	return j;
}

static int
outbox(const struct ctx *ctx, const struct cmd_args *args)
{
	struct outbox_row	*v;
	size_t			 n, i;
	bool			 json = cmd_flag(args, "json");
	char			*cause = NULL, *when;
	json_t			*arr;

	if (store_outbox_list(ctx->st, &v, &n, &cause) == -1)
		return cmd_fail(args, EX_IOERR, cause);
	arr = json_array();
	for (i = 0; i < n; i++) {
		if (json) {
			json_array_append_new(arr, outbox_json(&v[i],
			    ctx->cfg->timezone));
			continue;
		}
		when = when_format_local(v[i].done != 0 ? v[i].done :
		    v[i].queued, ctx->cfg->timezone);
		fprintf(args->out, "%-6lld %-8s %s %-12s %s%s%s\n",
		    (long long)v[i].id, v[i].state, when, v[i].kind, v[i].rcpt,
		    v[i].last_error != NULL ? ": " : "",
		    v[i].last_error != NULL ? v[i].last_error : "");
		free(when);
	}
	cmd_listing_end(args, arr, json);
	outbox_row_array_free(v, n);
	return EX_OK;
}

const struct cmd_entry cmd_outbox_entry = {
	.name = "outbox",
	.args = "[--json]",
	.help = "queued, sent and refused mail",
	.flags = CMD_READS,
	.options = { { "json", false } },
	.exec = outbox,
};

/* inbox [--json]: the messages taken from the inbox and what they did. */

static json_t	*outcome_json(const char *);

static json_t *
inbound_json(const struct inbound *m, const char *tzid)
{
	json_t		*j, *acts = json_array();
	char		*copy, *p, *item;
	bool		 question;

	copy = xstrdup(m->effect != NULL ? m->effect : "");
	for (p = copy; (item = strsep(&p, ";")) != NULL;) {
		while (*item == ' ')
			item++;
		if (*item != '\0')
			json_array_append_new(acts, cmd_json_str(item));
	}
	question = strcmp(m->kind, "question") == 0 || (m->effect != NULL &&
	    strstr(m->effect, "question") != NULL);
	j = json_pack("{so so so ss so so so sb so so}", "message_id",
	    cmd_json_str(m->message_id), "received", json_time(m->received,
	    tzid), "from", cmd_json_str(m->sender), "kind", m->kind, "member",
	    cmd_json_str(m->member), "meeting", m->meeting_id != 0 ?
	    json_integer(m->meeting_id) : json_null(), "status",
	    cmd_json_str(m->status), "question", question, "note",
	    cmd_json_str(m->note), "actions", acts);
	free(copy);
	/* An out-of-office reply's return day, "2027-01-05", else null. */
	if (m->return_at != 0) {
		copy = when_format_local(m->return_at, tzid);
		copy[strcspn(copy, " ")] = '\0';
		json_object_set_new(j, "return", cmd_json_str(copy));
		free(copy);
	} else
		json_object_set_new(j, "return", json_null());
	json_object_set_new(j, "question_text", cmd_json_str(m->question));
	json_object_set_new(j, "outcome", outcome_json(m->outcome));
	json_object_set_new(j, "via", cmd_json_str(m->via));
	json_object_set_new(j, "words", cmd_json_str(m->words));
	return j;
}

/* "answer,coordinator" as ["answer", "coordinator"]; [] for old rows. */
static json_t *
outcome_json(const char *outcome)
{
	json_t	*a = json_array();
	char	*copy, *p, *item;

	copy = xstrdup(outcome != NULL ? outcome : "");
	for (p = copy; (item = strsep(&p, ",")) != NULL;)
		if (*item != '\0')
			json_array_append_new(a, json_string(item));
	free(copy);
	return a;
}

/* The row with id in v, or NULL. */
static const struct inbound *
inbound_by_id(const struct inbound *v, size_t n, int64_t id)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (v[i].id == id)
			return &v[i];
	return NULL;
}

/*
 * inbox --misread: each message that was read otherwise than the person
 * meant, as their correction of its confirmation said: the words, what
 * was read, what was meant.
 */
static int
misread(const struct ctx *ctx, const struct cmd_args *args,
    const struct inbound *v, size_t n, bool json)
{
	const struct inbound	*o;
	json_t			*arr = json_array();
	char			*when;
	size_t			 i;

	for (i = 0; i < n; i++) {
		if (v[i].misread_of == 0 ||
		    (o = inbound_by_id(v, n, v[i].misread_of)) == NULL)
			continue;
		if (json) {
			json_array_append_new(arr, json_pack("{so so so so so"
			    " so so so so}", "message_id",
			    cmd_json_str(o->message_id), "received",
			    json_time(o->received, ctx->cfg->timezone),
			    "member", cmd_json_str(o->member), "meeting",
			    o->meeting_id != 0 ? json_integer(o->meeting_id) :
			    json_null(), "words", cmd_json_str(o->words),
			    "read_as", cmd_json_str(v[i].misread_status),
			    "meant", cmd_json_str(v[i].status), "correction",
			    cmd_json_str(v[i].message_id), "corrected",
			    json_time(v[i].received, ctx->cfg->timezone)));
			continue;
		}
		when = when_format_local(o->received, ctx->cfg->timezone);
		fprintf(args->out, "%s %s read as %s, meant %s: \"%s\"\n",
		    when, cmd_or_dash(o->member), cmd_or_dash(
		    v[i].misread_status), cmd_or_dash(v[i].status),
		    o->words != NULL ? o->words : "");
		free(when);
	}
	cmd_listing_end(args, arr, json);
	return EX_OK;
}

static int
inbox(const struct ctx *ctx, const struct cmd_args *args)
{
	struct inbound	*v;
	size_t		 n, i;
	bool		 json = cmd_flag(args, "json");
	char		*cause = NULL, *when;
	json_t		*arr;

	if (store_inbound_list(ctx->st, &v, &n, &cause) == -1)
		return cmd_fail(args, EX_IOERR, cause);
	if (cmd_flag(args, "misread")) {
		misread(ctx, args, v, n, json);
		inbound_array_free(v, n);
		return EX_OK;
	}
	arr = json_array();
	for (i = 0; i < n; i++) {
		if (json) {
			json_array_append_new(arr, inbound_json(&v[i],
			    ctx->cfg->timezone));
			continue;
		}
		when = when_format_local(v[i].received, ctx->cfg->timezone);
		fprintf(args->out, "%s %-13s %-32s %-10s %s\n", when,
		    v[i].kind, cmd_or_dash(v[i].member != NULL ? v[i].member :
		    v[i].sender), cmd_or_dash(v[i].status),
		    cmd_or_dash(v[i].effect));
		free(when);
	}
	cmd_listing_end(args, arr, json);
	inbound_array_free(v, n);
	return EX_OK;
}

const struct cmd_entry cmd_inbox_entry = {
	.name = "inbox",
	.args = "[--misread] [--json]",
	.help = "messages handled, what they did; or misread",
	.flags = CMD_READS,
	.options = { { "json", false }, { "misread", false } },
	.exec = inbox,
};
