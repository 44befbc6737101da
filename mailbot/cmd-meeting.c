/*
 * cmd-meeting.c: the meeting commands: meeting add (with the fair host
 * duo unless --hosts names one), list and show, and those that mail
 * everyone invited: invite, update (a new SEQUENCE) and cancel, each in
 * one transaction. Does I/O: the store, and the streams a command is
 * given.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <jansson.h>

#include "address.h"
#include "cmd.h"
#include "cmd-meeting.h"
#include "cmd-util.h"
#include "config.h"
#include "ctx.h"
#include "due.h"
#include "invite.h"
#include "log.h"
#include "store.h"
#include "util.h"
#include "when.h"

/* meeting add | list | show */

struct meeting_args {
	const char	*start;
	const char	*end;
	const char	*location;
	const char	*theme;
	const char	*hosts;
	const char	*tz;
};

/* The options of meeting add (with --tz) and meeting update into m. */
static void
meeting_args_read(const struct cmd_args *args, bool with_tz,
    struct meeting_args *m)
{
	m->start = cmd_value(args, "start");
	m->end = cmd_value(args, "end");
	m->location = cmd_value(args, "location");
	m->theme = cmd_value(args, "theme");
	m->hosts = cmd_value(args, "hosts");
	m->tz = with_tz ? cmd_value(args, "tz") : NULL;
}

/* A fresh iCalendar UID stem: random, in the bot's own domain. */
static char *
meeting_uid(const struct config *cfg)
{
	unsigned char	 r[12];
	char		 hex[sizeof(r) * 2 + 1];
	char		*uid;
	size_t		 i;

	if (gnutls_rnd(GNUTLS_RND_NONCE, r, sizeof(r)) != 0)
		fatalx("no random bytes for a meeting UID");
	for (i = 0; i < sizeof(r); i++)
		snprintf(hex + 2 * i, 3, "%02x", r[i]);
	xasprintf(&uid, "mailbot-%s@%s", hex, strchr(cfg->address, '@') + 1);
	return uid;
}

/* Resolves "a@x,b@y" to member ids of the network (one or two). */
static int
meeting_hosts(const struct ctx *ctx, int64_t network_id, const char *list,
    int64_t *ids, int *n_out, char **cause)
{
	char		*copy, *p, *item, *email;
	struct member	 m;
	int		 n = 0, rc = -1, found;

	copy = xstrdup(list);
	for (p = copy; (item = strsep(&p, ",")) != NULL;) {
		if (n == 2) {
			xasprintf(cause, "--hosts: a duo is one or two members");
			goto out;
		}
		if ((email = address_normalize(item, cause)) == NULL)
			goto out;
		found = store_member_find(ctx->st, network_id, email, &m,
		    cause);
		free(email);
		if (found == -1)
			goto out;
		if (found == 0 || !m.active) {
			xasprintf(cause, "--hosts: %s is not a member of this "
			    "network", item);
			if (found == 1)
				member_clear(&m);
			goto out;
		}
		ids[n++] = m.id;
		member_clear(&m);
		if (n == 2 && ids[0] == ids[1]) {
			xasprintf(cause, "--hosts: the same member twice");
			goto out;
		}
	}
	*n_out = n;
	rc = 0;
out:
	free(copy);
	return rc;
}

/* Checks the meeting's own fields into g (times, place, theme). */
static int
meeting_check(const struct ctx *ctx, const struct meeting_args *m,
    struct meeting *g, char **cause)
{
	char	*why = NULL;

	g->tzid = xstrdup(m->tz != NULL ? m->tz : ctx->cfg->timezone);
	if (when_parse_local(m->start, g->tzid, &g->start, cause) == -1 ||
	    when_parse_local(m->end, g->tzid, &g->end, cause) == -1)
		return -1;
	if (g->end <= g->start) {
		xasprintf(cause, "the end (%s) is not after the start (%s)",
		    m->end, m->start);
		return -1;
	}
	if (g->start <= ctx->now) {
		xasprintf(cause, "the start (%s) is in the past", m->start);
		return -1;
	}
	if ((g->location = line_normalize(m->location, CMD_TEXT_MAX,
	    &why)) == NULL) {
		xasprintf(cause, "--location: %s", why);
		free(why);
		return -1;
	}
	if (m->theme != NULL && (g->theme = line_normalize(m->theme,
	    CMD_TEXT_MAX, &why)) == NULL) {
		xasprintf(cause, "--theme: %s", why);
		free(why);
		return -1;
	}
	return 0;
}

static int
meeting_add(const struct ctx *ctx, const struct cmd_args *args)
{
	struct meeting_args	 m;
	struct meeting		 g = { 0 };
	struct network		 net = { 0 };
	char			*cause = NULL;
	int64_t			 hosts[2], id;
	int			 nhosts = 0, rc = EX_DATAERR;

	meeting_args_read(args, true, &m);
	if (m.start == NULL || m.end == NULL || m.location == NULL)
		return cmd_usage(args, NULL);
	if (cmd_network_lookup(ctx, args, args->argv[0], &net) == -1)
		return EX_DATAERR;
	g.network_id = net.id;
	if (meeting_check(ctx, &m, &g, &cause) == -1)
		goto out;
	if (store_begin(ctx->st, &cause) == -1) {
		rc = EX_TEMPFAIL;
		goto out;
	}
	if (m.hosts != NULL && meeting_hosts(ctx, net.id, m.hosts, hosts,
	    &nhosts, &cause) == -1)
		goto out;
	/* Without --hosts: the fair duo (see mailbot hosts suggest). */
	if (m.hosts == NULL && due_hosts_propose(ctx->st, net.id, hosts,
	    &nhosts, &cause) == -1)
		goto out;
	g.uid = meeting_uid(ctx->cfg);
	if (store_meeting_add(ctx->st, &g, hosts, nhosts, ctx->now, &id,
	    &cause) == -1 || store_commit(ctx->st, &cause) == -1) {
		rc = EX_IOERR;
		goto out;
	}
	fprintf(args->out, "%lld\n", (long long)id);
	rc = EX_OK;
out:
	if (rc != EX_OK) {
		store_rollback(ctx->st);
		cmd_error(args, "%s", cause);
	}
	free(cause);
	meeting_clear(&g);
	network_clear(&net);
	return rc;
}

/* Counts of each answer, for listings. */
struct tally {
	int	 accepted, declined, tentative, delegated, open;
};

static void
tally_add(struct tally *t, const char *status)
{
	if (strcmp(status, "accepted") == 0)
		t->accepted++;
	else if (strcmp(status, "declined") == 0)
		t->declined++;
	else if (strcmp(status, "tentative") == 0)
		t->tentative++;
	else if (strcmp(status, "delegated") == 0)
		t->delegated++;
	else
		t->open++;
}

static json_t *
meeting_json(const struct meeting *g)
{
	json_t	*j, *hosts;
	char	*start, *end;
	int	 i;

	start = when_format_iso(g->start, g->tzid);
	end = when_format_iso(g->end, g->tzid);
	hosts = json_array();
	for (i = 0; i < g->nhosts; i++)
		json_array_append_new(hosts, cmd_json_str(g->hosts[i]));
	j = json_pack("{sI so ss ss ss so so sI ss so}", "id",
	    (json_int_t)g->id, "network", cmd_json_str(g->network), "start",
	    start, "end", end, "timezone", g->tzid, "location",
	    cmd_json_str(g->location), "theme", cmd_json_str(g->theme),
	    "sequence", (json_int_t)g->sequence, "status", g->status, "hosts",
	    hosts);
	free(start);
	free(end);
	return j;
}

static json_t *
attendee_json(const struct attendee *p, const char *tzid)
{
	char	*updated = when_format_iso(p->updated, tzid);
	json_t	*j;

	j = json_pack("{so so sb ss so ss so}", "email", cmd_json_str(p->email),
	    "name", cmd_json_str(p->name), "guest", p->is_guest, "status",
	    p->status, "note", cmd_json_str(p->note), "updated", updated,
	    "present", p->present < 0 ? json_null() :
	    json_boolean(p->present));
	free(updated);
	return j;
}

static int
meeting_tally(const struct ctx *ctx, const struct cmd_args *args,
    const struct meeting *g, struct tally *t)
{
	struct attendee	*v;
	size_t		 n, i;
	char		*cause = NULL;

	memset(t, 0, sizeof(*t));
	if (store_attendees(ctx->st, g->id, &v, &n, &cause) == -1)
		return cmd_fail(args, -1, cause);
	for (i = 0; i < n; i++)
		tally_add(t, v[i].status);
	attendee_array_free(v, n);
	return 0;
}

static void
meeting_print_line(FILE *f, const struct meeting *g, const struct tally *t)
{
	char	*start = when_format_local(g->start, g->tzid);
	char	*end = when_format_local(g->end, g->tzid);

	fprintf(f, "%-4lld %s-%s %-20s %-24s %2d yes %2d no %2d maybe %2d "
	    "open%s\n", (long long)g->id, start, end + 11, g->network,
	    g->location, t->accepted, t->declined, t->tentative, t->open,
	    strcmp(g->status, "cancelled") == 0 ? "  (cancelled)" : "");
	free(start);
	free(end);
}

static int
meeting_list(const struct ctx *ctx, const struct cmd_args *args)
{
	struct meeting	*v;
	struct tally	 t;
	size_t		 n, i;
	bool		 json = cmd_flag(args, "json");
	char		*cause = NULL;
	json_t		*arr, *j;

	if (store_meeting_list(ctx->st, &v, &n, &cause) == -1)
		return cmd_fail(args, EX_IOERR, cause);
	arr = json_array();
	for (i = 0; i < n; i++) {
		if (meeting_tally(ctx, args, &v[i], &t) == -1)
			break;
		if (!json) {
			meeting_print_line(args->out, &v[i], &t);
			continue;
		}
		j = meeting_json(&v[i]);
		json_object_set_new(j, "answers", json_pack("{si si si si si}",
		    "accepted", t.accepted, "declined", t.declined,
		    "tentative", t.tentative, "delegated", t.delegated,
		    "needs-action", t.open));
		json_array_append_new(arr, j);
	}
	if (json && i == n)
		cmd_json_print(args, arr);
	else
		json_decref(arr);
	meeting_array_free(v, n);
	return i == n ? EX_OK : EX_IOERR;
}

static void
meeting_print(FILE *f, const struct meeting *g, const struct attendee *v,
    size_t n)
{
	char		*start = when_format_local(g->start, g->tzid);
	char		*end = when_format_local(g->end, g->tzid);
	size_t		 i;

	fprintf(f, "meeting %lld of %s (%s, sequence %lld)\n",
	    (long long)g->id, g->network, g->status, (long long)g->sequence);
	fprintf(f, "when:     %s-%s %s\n", start, end + 11, g->tzid);
	fprintf(f, "where:    %s\n", g->location);
	fprintf(f, "theme:    %s\n", cmd_or_dash(g->theme));
	fprintf(f, "hosts:    %s%s%s\n", g->nhosts > 0 ? g->hosts[0] : "-",
	    g->nhosts > 1 ? ", " : "", g->nhosts > 1 ? g->hosts[1] : "");
	for (i = 0; i < n; i++)
		fprintf(f, "  %-12s %-36s %s%s%s%s%s\n", v[i].status,
		    v[i].email, v[i].name, v[i].is_guest ? " (guest)" : "",
		    v[i].note != NULL ? " - " : "", v[i].note != NULL ?
		    v[i].note : "", v[i].present >= 0 ?
		    (v[i].present ? " [present]" : " [absent]") : "");
	free(start);
	free(end);
}

static int
meeting_show(const struct ctx *ctx, const struct cmd_args *args)
{
	struct meeting	 g;
	struct attendee	*v;
	size_t		 n, i;
	bool		 json = cmd_flag(args, "json");
	char		*cause = NULL;
	json_t		*j, *arr;

	if (cmd_meeting_lookup(ctx, args, args->argv[0], &g) == -1)
		return EX_DATAERR;
	if (store_attendees(ctx->st, g.id, &v, &n, &cause) == -1) {
		meeting_clear(&g);
		return cmd_fail(args, EX_IOERR, cause);
	}
	if (json) {
		j = meeting_json(&g);
		arr = json_array();
		for (i = 0; i < n; i++)
			json_array_append_new(arr, attendee_json(&v[i],
			    g.tzid));
		json_object_set_new(j, "attendees", arr);
		cmd_json_print(args, j);
	} else
		meeting_print(args->out, &g, v, n);
	attendee_array_free(v, n);
	meeting_clear(&g);
	return EX_OK;
}

/* meeting invite | update | cancel: calendar mail, queued in the outbox. */

/* Queues kind for everyone r selects, in the caller's transaction. */
static int
meeting_mail_all(const struct ctx *ctx, const struct meeting *g,
    const struct invite_ctx *c, enum invite_kind kind, int *count,
    char **cause)
{
	struct recipient	*v;
	size_t			 n, i;
	bool			 take;

	*count = 0;
	if (store_recipients(ctx->st, g->id, &v, &n, cause) == -1)
		return -1;
	for (i = 0; i < n; i++) {
		if (kind == INVITE_INVITATION)
			take = v[i].sent_seq < 0;
		else
			take = v[i].sent_seq >= 0 && !v[i].withdrawn;
		if (!take)
			continue;
		if (invite_queue(c, g, &v[i], kind, g->sequence, cause) == -1) {
			recipient_array_free(v, n);
			return -1;
		}
		(*count)++;
	}
	recipient_array_free(v, n);
	return 0;
}

/* The meeting must still be ahead and not cancelled. */
static int
meeting_mailable(const struct ctx *ctx, const struct meeting *g, char **cause)
{
	if (strcmp(g->status, "cancelled") == 0) {
		xasprintf(cause, "meeting %lld is cancelled", (long long)g->id);
		return -1;
	}
	if (g->start <= ctx->now) {
		xasprintf(cause, "meeting %lld has already begun",
		    (long long)g->id);
		return -1;
	}
	return 0;
}

/* A new text value for field from opt, if it differs; sets bit. */
static int
meeting_text(char **field, const char *opt, const char *what,
    unsigned int bit, unsigned int *changes, char **cause)
{
	char	*v, *why = NULL;

	if (opt == NULL)
		return 0;
	if ((v = line_normalize(opt, CMD_TEXT_MAX, &why)) == NULL) {
		xasprintf(cause, "--%s: %s", what, why);
		free(why);
		return -1;
	}
	if (*field != NULL && strcmp(*field, v) == 0) {
		free(v);
		return 0;
	}
	free(*field);
	*field = v;
	*changes |= bit;
	return 0;
}

/* Whether two meetings have the same duo (in any order). */
static bool
meeting_same_hosts(const struct meeting *x, const struct meeting *y)
{
	int	 i, j, found = 0;

	if (x->nhosts != y->nhosts)
		return false;
	for (i = 0; i < x->nhosts; i++)
		for (j = 0; j < y->nhosts; j++)
			if (strcmp(x->hosts[i], y->hosts[j]) == 0)
				found++;
	return found == x->nhosts;
}

/*
 * `meeting update --hosts`: stores the new duo, in the caller's
 * transaction, and reads g again so that mail queued after shows it.
 * *changed says whether it differs from the old one.
 */
static int
meeting_rehost(const struct ctx *ctx, struct meeting *g, const char *list,
    bool *changed, char **cause)
{
	struct meeting	 n;
	int64_t		 ids[2];
	int		 nhosts, found;

	*changed = false;
	if (list == NULL)
		return 0;
	if (meeting_hosts(ctx, g->network_id, list, ids, &nhosts,
	    cause) == -1 ||
	    store_meeting_set_hosts(ctx->st, g->id, ids, nhosts, cause) == -1)
		return -1;
	if ((found = store_meeting_get(ctx->st, g->id, &n, cause)) != 1) {
		if (found == 0)
			xasprintf(cause, "meeting %lld vanished",
			    (long long)g->id);
		return -1;
	}
	*changed = !meeting_same_hosts(g, &n);
	meeting_clear(g);
	*g = n;
	return 0;
}

/*
 * Applies the options of `meeting update` to g and raises its SEQUENCE.
 * A new duo alone (rehosted) changes nothing the calendar holds: *changes
 * stays 0 and the SEQUENCE as it was.
 */
static int
meeting_apply(const struct ctx *ctx, struct meeting *g,
    const struct meeting_args *m, bool rehosted, unsigned int *changes,
    char **cause)
{
	time_t	 start = g->start, end = g->end;

	*changes = 0;
	if ((m->start != NULL && when_parse_local(m->start, g->tzid, &start,
	    cause) == -1) || (m->end != NULL && when_parse_local(m->end,
	    g->tzid, &end, cause) == -1))
		return -1;
	if (end <= start) {
		xasprintf(cause, "the end is not after the start");
		return -1;
	}
	if (start <= ctx->now) {
		xasprintf(cause, "the new start is in the past");
		return -1;
	}
	if (start != g->start || end != g->end)
		*changes |= INVITE_CHANGED_TIME;
	if (meeting_text(&g->location, m->location, "location",
	    INVITE_CHANGED_PLACE, changes, cause) == -1 ||
	    meeting_text(&g->theme, m->theme, "theme", INVITE_CHANGED_THEME,
	    changes, cause) == -1)
		return -1;
	if (*changes == 0 && rehosted)
		return 0;
	if (*changes == 0) {
		xasprintf(cause, "nothing changes (give --start, --end, "
		    "--location, --theme or --hosts with a new value)");
		return -1;
	}
	g->start = start;
	g->end = end;
	g->sequence++;
	return 0;
}

/*
 * Mails kind about meeting ID (the first argument) inside one
 * transaction, after the changes m for an update; prints what it did.
 */
static int
meeting_change(const struct ctx *ctx, const struct cmd_args *args,
    enum invite_kind kind, const struct meeting_args *m)
{
	struct meeting		 g;
	struct invite_ctx	 c = { *ctx, 0, false };
	char			*cause = NULL, *duo;
	int			 count = 0, rc = EX_DATAERR;
	bool			 rehosted = false;

	if (cmd_meeting_lookup(ctx, args, args->argv[0], &g) == -1)
		return EX_DATAERR;
	if (store_begin(ctx->st, &cause) == -1) {
		meeting_clear(&g);
		return cmd_fail(args, EX_TEMPFAIL, cause);
	}
	if (meeting_mailable(ctx, &g, &cause) == -1)
		goto out;
	if (kind == INVITE_UPDATE && (meeting_rehost(ctx, &g, m->hosts,
	    &rehosted, &cause) == -1 || meeting_apply(ctx, &g, m, rehosted,
	    &c.changes, &cause) == -1))
		goto out;
	if (kind == INVITE_UPDATE && c.changes == 0) {
		/* Only the duo: the calendar is unchanged; nobody is mailed
		   now, the duo's preparation mail goes out as scheduled. */
		if (store_commit(ctx->st, &cause) == -1) {
			rc = EX_IOERR;
			goto out;
		}
		xasprintf(&duo, "%s%s%s", g.hosts[0], g.nhosts > 1 ?
		    " and " : "", g.nhosts > 1 ? g.hosts[1] : "");
		fprintf(args->out, "meeting %lld: host duo now %s; no mail "
		    "sent\n", (long long)g.id, duo);
		free(duo);
		rc = EX_OK;
		goto out;
	}
	c.reconfirm = (c.changes & INVITE_CHANGED_TIME) != 0;
	if (kind == INVITE_CANCEL) {
		free(g.status);
		g.status = xstrdup("cancelled");
		g.sequence++;
	}
	if ((kind != INVITE_INVITATION &&
	    store_meeting_update(ctx->st, &g, &cause) == -1) ||
	    (c.reconfirm && store_answers_reset(ctx->st, g.id, ctx->now,
	    &cause) == -1) ||
	    meeting_mail_all(ctx, &g, &c, kind, &count, &cause) == -1 ||
	    store_commit(ctx->st, &cause) == -1) {
		rc = EX_IOERR;
		goto out;
	}
	rc = EX_OK;
	fprintf(args->out, "meeting %lld: %d %s queued\n", (long long)g.id,
	    count, kind == INVITE_INVITATION ? "invitations" :
	    kind == INVITE_UPDATE ? "updates" : "cancellations");
out:
	if (rc != EX_OK) {
		store_rollback(ctx->st);
		cmd_error(args, "%s", cause);
	}
	free(cause);
	meeting_clear(&g);
	return rc;
}

static int
meeting_invite(const struct ctx *ctx, const struct cmd_args *args)
{
	return meeting_change(ctx, args, INVITE_INVITATION,
	    &(struct meeting_args){ 0 });
}

static int
meeting_update(const struct ctx *ctx, const struct cmd_args *args)
{
	struct meeting_args	 m;

	meeting_args_read(args, false, &m);
	return meeting_change(ctx, args, INVITE_UPDATE, &m);
}

static int
meeting_cancel(const struct ctx *ctx, const struct cmd_args *args)
{
	return meeting_change(ctx, args, INVITE_CANCEL,
	    &(struct meeting_args){ 0 });
}

const struct cmd_entry cmd_meeting_add_entry = {
	.name = "meeting add",
	.args = "NETWORK --start 'YYYY-MM-DD HH:MM' --end 'YYYY-MM-DD HH:MM' "
	    "--location TEXT [--theme TEXT] [--hosts EMAIL,EMAIL] [--tz ZONE]",
	.help = "add a meeting, print its id",
	.flags = CMD_CHANGES,
	.min_args = 1,
	.max_args = 1,
	.options = { { "start", true }, { "end", true }, { "location", true },
	    { "theme", true }, { "hosts", true }, { "tz", true } },
	.exec = meeting_add,
};

const struct cmd_entry cmd_meeting_list_entry = {
	.name = "meeting list",
	.args = "[--json]",
	.help = "list the meetings and their answers",
	.flags = CMD_READS,
	.options = { { "json", false } },
	.exec = meeting_list,
};

const struct cmd_entry cmd_meeting_show_entry = {
	.name = "meeting show",
	.args = "ID [--json]",
	.help = "a meeting and its attendees",
	.flags = CMD_READS,
	.min_args = 1,
	.max_args = 1,
	.options = { { "json", false } },
	.exec = meeting_show,
};

const struct cmd_entry cmd_meeting_invite_entry = {
	.name = "meeting invite",
	.args = "ID",
	.help = "invite who has not been invited",
	.flags = CMD_CHANGES | CMD_MAILS,
	.min_args = 1,
	.max_args = 1,
	.exec = meeting_invite,
};

const struct cmd_entry cmd_meeting_update_entry = {
	.name = "meeting update",
	.args = "ID [--start TIME] [--end TIME] [--location TEXT] "
	    "[--theme TEXT] [--hosts EMAIL,EMAIL]",
	.help = "change a meeting, mail the update",
	.flags = CMD_CHANGES | CMD_MAILS,
	.min_args = 1,
	.max_args = 1,
	.options = { { "start", true }, { "end", true }, { "location", true },
	    { "theme", true }, { "hosts", true } },
	.exec = meeting_update,
};

const struct cmd_entry cmd_meeting_cancel_entry = {
	.name = "meeting cancel",
	.args = "ID",
	.help = "cancel a meeting, mail a cancellation",
	.flags = CMD_CHANGES | CMD_MAILS,
	.min_args = 1,
	.max_args = 1,
	.exec = meeting_cancel,
};
