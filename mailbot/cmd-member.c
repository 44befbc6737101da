/*
 * cmd-member.c: the member commands: member add, member import (a CSV
 * file, all rows or none), member list and member remove. A member who
 * joins after the invitations went out is invited; one who leaves gets a
 * cancellation. Does I/O: the store, the CSV file, and the streams a
 * command is given.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include <jansson.h>

#include "address.h"
#include "cmd.h"
#include "cmd-member.h"
#include "cmd-util.h"
#include "config.h"
#include "csv.h"
#include "ctx.h"
#include "invite.h"
#include "log.h"
#include "store.h"
#include "util.h"

#define CSV_MAX_BYTES		(4 * 1024 * 1024)

/* Prints s left-aligned in width columns, counting characters, not bytes. */
static void
print_col(FILE *f, const char *s, int width)
{
	const unsigned char	*p;
	int			 chars = 0;

	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if ((*p & 0xc0) != 0x80)
			chars++;
	fprintf(f, "%s%*s ", s, chars < width ? width - chars : 0, "");
}

/*
 * Members. A member's fields come from the command line or a CSV row as
 * text; member_fill checks them all and says what is wrong with the first
 * bad one.
 */
struct member_text {
	const char	*email;
	const char	*name;
	const char	*organisation;
	const char	*role;
	const char	*size;
	const char	*experience;
	const char	*region;
	const char	*lang;
};

static char *
optional_line(const char *s, const char *what, char **cause)
{
	char	*v, *why = NULL;

	if (str_is_blank(s))
		return NULL;
	if ((v = line_normalize(s, CMD_NAME_MAX, &why)) == NULL) {
		xasprintf(cause, "%s: %s", what, why);
		free(why);
	}
	return v;
}

static int
optional_count(const char *s, const char *what, int64_t *out, char **cause)
{
	long long	 v;
	char		*t;

	*out = -1;
	if (str_is_blank(s))
		return 0;
	t = str_trim(xstrdup(s));
	if (str_to_int(t, 0, 10000000, &v) == -1) {
		xasprintf(cause, "%s: '%s' is not a whole number", what, s);
		free(t);
		return -1;
	}
	free(t);
	*out = v;
	return 0;
}

static int
member_fill(const struct config *cfg, const struct member_text *t,
    struct member *m, char **cause)
{
	char	*why = NULL;

	memset(m, 0, sizeof(*m));
	if ((m->email = address_normalize(t->email, cause)) == NULL)
		return -1;
	if ((m->name = line_normalize(t->name, CMD_NAME_MAX, &why)) ==
	    NULL) {
		xasprintf(cause, "name: %s", why);
		free(why);
		return -1;
	}
	if ((m->organisation = optional_line(t->organisation, "organisation",
	    cause)) == NULL && *cause != NULL)
		return -1;
	if ((m->role = optional_line(t->role, "role", cause)) == NULL &&
	    *cause != NULL)
		return -1;
	if ((m->region = optional_line(t->region, "region", cause)) == NULL &&
	    *cause != NULL)
		return -1;
	if (optional_count(t->size, "size", &m->org_size, cause) == -1 ||
	    optional_count(t->experience, "experience", &m->experience,
	    cause) == -1)
		return -1;
	m->lang = xstrdup(str_is_blank(t->lang) ? cfg->language : t->lang);
	str_lower(str_trim(m->lang));
	if (strcmp(m->lang, "nl") != 0 && strcmp(m->lang, "en") != 0) {
		xasprintf(cause, "lang: '%s' is not nl or en", t->lang);
		return -1;
	}
	return 0;
}

/* Fails when the address is an active member of the network already. */
static int
member_check_new(const struct ctx *ctx, const struct member *m, char **cause)
{
	struct member	 old;
	int		 found;

	found = store_member_find(ctx->st, m->network_id, m->email, &old,
	    cause);
	if (found == -1)
		return -1;
	if (found == 1) {
		if (old.active)
			xasprintf(cause, "%s is a member of '%s' already",
			    m->email, old.network);
		found = old.active ? -1 : 0;
		member_clear(&old);
	}
	return found;
}

/*
 * A member who joins after invitations went out is invited too; one who
 * leaves gets a CANCEL for each meeting they were invited to. Both in the
 * caller's transaction. The SEQUENCE sent to one person never goes down.
 */
static int
member_mail_upcoming(const struct ctx *ctx, int64_t member_id, bool leaving,
    int *count, char **cause)
{
	struct invite_ctx	 c = { *ctx, 0, false };
	struct recipient	*v;
	struct meeting		 g;
	size_t			 n, i;
	int			 rc = 0, found;
	bool			 invited;

	*count = 0;
	if (store_member_upcoming(ctx->st, member_id, ctx->now, &v, &n,
	    cause) == -1)
		return -1;
	for (i = 0; i < n && rc == 0; i++) {
		invited = v[i].sent_seq >= 0 && !v[i].withdrawn;
		if (leaving != invited)
			continue;
		if (!leaving && store_meeting_invited(ctx->st, v[i].meeting_id,
		    cause) != 1) {
			rc = *cause != NULL ? -1 : 0;
			continue;
		}
		found = store_meeting_get(ctx->st, v[i].meeting_id, &g, cause);
		if (found != 1) {
			rc = found;
			continue;
		}
		rc = invite_queue(&c, &g, &v[i], leaving ? INVITE_WITHDRAW :
		    INVITE_INVITATION, leaving ? v[i].sent_seq + 1 :
		    (g.sequence > v[i].sent_seq ? g.sequence :
		    v[i].sent_seq + 1), cause);
		if (rc == 0)
			(*count)++;
		meeting_clear(&g);
	}
	recipient_array_free(v, n);
	return rc;
}


static int
member_add(const struct ctx *ctx, const struct cmd_args *args)
{
	struct member_text	 t = { 0 };
	struct network		 net;
	struct member		 m;
	char			*cause = NULL;
	int64_t			 id;
	int			 rc = EX_DATAERR, invited = 0;

	t.email = args->argv[1];
	t.name = args->argv[2];
	t.organisation = cmd_value(args, "org");
	t.role = cmd_value(args, "role");
	t.lang = cmd_value(args, "lang");
	t.size = cmd_value(args, "size");
	t.experience = cmd_value(args, "experience");
	t.region = cmd_value(args, "region");
	if (cmd_network_lookup(ctx, args, args->argv[0], &net) == -1)
		return EX_DATAERR;
	if (member_fill(ctx->cfg, &t, &m, &cause) == -1)
		goto out;
	m.network_id = net.id;
	if (store_begin(ctx->st, &cause) == -1) {
		rc = EX_TEMPFAIL;
		goto out;
	}
	if (member_check_new(ctx, &m, &cause) == -1)
		goto out;
	if (store_member_add(ctx->st, &m, ctx->now, &id, &cause) == -1 ||
	    member_mail_upcoming(ctx, id, false, &invited, &cause) == -1 ||
	    store_commit(ctx->st, &cause) == -1) {
		rc = EX_IOERR;
		goto out;
	}
	rc = EX_OK;
	fprintf(args->out, "%lld\n", (long long)id);
	if (invited > 0)
		log_info("%s: %d invitations queued", m.email, invited);
out:
	if (rc != EX_OK) {
		store_rollback(ctx->st);
		cmd_error(args, "%s", cause);
	}
	free(cause);
	member_clear(&m);
	network_clear(&net);
	return rc;
}

/* member import NETWORK FILE.csv: all rows or none. */

static const char *const import_columns[] = {
	"email", "name", "organisation", "role", "size", "experience",
	"region", "lang"
};

/* col[i]: the CSV column of import_columns[i], or -1. */
static int
import_header(const struct cmd_args *args, const char *file,
    const struct csv_record *h, int *col)
{
	size_t	 i, j;
	int	 errors = 0;
	char	*name;

	for (j = 0; j < nitems(import_columns); j++)
		col[j] = -1;
	for (i = 0; i < h->nfields; i++) {
		name = str_lower(str_trim(xstrdup(h->fields[i])));
		if (strcmp(name, "organization") == 0) {
			free(name);
			name = xstrdup("organisation");
		}
		for (j = 0; j < nitems(import_columns); j++)
			if (strcmp(name, import_columns[j]) == 0)
				break;
		if (j == nitems(import_columns)) {
			cmd_error(args, "%s:%zu: unknown column '%s' (known: "
			    "email, name, organisation, role, size, "
			    "experience, region, lang)", file, h->line,
			    h->fields[i]);
			errors++;
		} else if (col[j] != -1) {
			cmd_error(args, "%s:%zu: column '%s' appears twice",
			    file, h->line, name);
			errors++;
		} else
			col[j] = (int)i;
		free(name);
	}
	for (j = 0; j < 2; j++) {
		if (col[j] == -1) {
			cmd_error(args, "%s:%zu: the header has no '%s' "
			    "column", file, h->line, import_columns[j]);
			errors++;
		}
	}
	return errors == 0 ? 0 : -1;
}

static const char *
import_field(const struct csv_record *r, const int *col, size_t which)
{
	return col[which] == -1 ? NULL : r->fields[col[which]];
}

/* Checks one row; on success m is filled (network_id too). */
static int
import_row(const struct ctx *ctx, const struct csv_record *r,
    const int *col, size_t ncols, struct member *m, char **cause)
{
	struct member_text	 t;

	memset(m, 0, sizeof(*m));
	if (r->nfields != ncols) {
		xasprintf(cause, "%zu fields where the header has %zu",
		    r->nfields, ncols);
		return -1;
	}
	t.email = import_field(r, col, 0);
	t.name = import_field(r, col, 1);
	t.organisation = import_field(r, col, 2);
	t.role = import_field(r, col, 3);
	t.size = import_field(r, col, 4);
	t.experience = import_field(r, col, 5);
	t.region = import_field(r, col, 6);
	t.lang = import_field(r, col, 7);
	return member_fill(ctx->cfg, &t, m, cause);
}

/* Checks every row (all errors are reported), then adds them all. */
static int
import_rows(const struct ctx *ctx, const struct cmd_args *args,
    const char *file, const struct csv *c, int64_t network_id)
{
	struct member	*v;
	size_t		 i, j, n = c->nrecords - 1;
	int		 col[nitems(import_columns)], errors = 0, invited;
	int64_t		 id;
	char		*cause = NULL;

	if (import_header(args, file, &c->records[0], col) == -1)
		return EX_DATAERR;
	v = xcalloc(n, sizeof(*v));
	for (i = 0; i < n; i++) {
		const struct csv_record	*r = &c->records[i + 1];

		if (import_row(ctx, r, col, c->records[0].nfields, &v[i],
		    &cause) == 0) {
			v[i].network_id = network_id;
			for (j = 0; j < i && cause == NULL; j++)
				if (v[j].email != NULL &&
				    strcmp(v[j].email, v[i].email) == 0)
					xasprintf(&cause, "%s appears twice "
					    "(also line %zu)", v[i].email,
					    c->records[j + 1].line);
			if (cause == NULL)
				member_check_new(ctx, &v[i], &cause);
		}
		if (cause != NULL) {
			cmd_error(args, "%s:%zu: %s", file, r->line, cause);
			free(cause);
			cause = NULL;
			errors++;
		}
	}
	for (i = 0; errors == 0 && i < n; i++) {
		if (store_member_add(ctx->st, &v[i], ctx->now, &id,
		    &cause) == -1 || member_mail_upcoming(ctx, id, false,
		    &invited, &cause) == -1) {
			cmd_error(args, "%s:%zu: %s", file,
			    c->records[i + 1].line, cause);
			free(cause);
			errors = -1;
		}
	}
	member_array_free(v, n);
	if (errors != 0)
		return errors < 0 ? EX_IOERR : EX_DATAERR;
	return EX_OK;
}

static char *
read_file(const char *path, size_t max, size_t *len_out, char **cause)
{
	FILE		*f;
	struct buf	 b;
	char		 chunk[8192];
	size_t		 got;

	if ((f = fopen(path, "r")) == NULL) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return NULL;
	}
	buf_init(&b, max);
	while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (buf_add(&b, chunk, got) == -1) {
			xasprintf(cause, "%s: larger than %zu bytes", path, max);
			goto bad;
		}
	}
	if (ferror(f)) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		goto bad;
	}
	fclose(f);
	*len_out = b.len;
	return buf_take(&b);
bad:
	fclose(f);
	buf_free(&b);
	return NULL;
}

static int
member_import(const struct ctx *ctx, const struct cmd_args *args)
{
	const char	*file = args->argv[1];
	struct network	 net;
	struct csv	*c = NULL;
	char		*data, *cause = NULL;
	size_t		 len;
	int		 rc;

	if ((data = read_file(file, CSV_MAX_BYTES, &len, &cause)) == NULL)
		return cmd_fail(args, EX_NOINPUT, cause);
	if ((c = csv_parse(data, len, &cause)) == NULL) {
		free(data);
		cmd_error(args, "%s: %s", file, cause);
		free(cause);
		return EX_DATAERR;
	}
	free(data);
	if (c->nrecords == 0) {
		csv_free(c);
		cmd_error(args, "%s: empty: a header row (email,name,…) is "
		    "needed", file);
		return EX_DATAERR;
	}
	if (cmd_network_lookup(ctx, args, args->argv[0], &net) == -1) {
		csv_free(c);
		return EX_DATAERR;
	}
	if (store_begin(ctx->st, &cause) == -1)
		rc = cmd_fail(args, EX_TEMPFAIL, cause);
	else if ((rc = import_rows(ctx, args, file, c, net.id)) != EX_OK)
		store_rollback(ctx->st);
	else if (store_commit(ctx->st, &cause) == -1)
		rc = cmd_fail_store(ctx, args, cause);
	else
		fprintf(args->out, "%zu members imported into '%s'\n",
		    c->nrecords - 1, net.name);
	if (rc != EX_OK && rc != EX_TEMPFAIL)
		cmd_error(args, "%s: nothing imported", file);
	network_clear(&net);
	csv_free(c);
	return rc;
}

/* member list [NETWORK] [--json] | member remove EMAIL [--network N] */

static json_t *
member_json(const struct member *m)
{
	json_t	*j;

	j = json_pack("{so so so so so so}", "email", cmd_json_str(m->email),
	    "name", cmd_json_str(m->name), "network", cmd_json_str(m->network),
	    "organisation", cmd_json_str(m->organisation), "role",
	    cmd_json_str(m->role), "lang", cmd_json_str(m->lang));
	json_object_set_new(j, "size", m->org_size < 0 ? json_null() :
	    json_integer(m->org_size));
	json_object_set_new(j, "experience", m->experience < 0 ?
	    json_null() : json_integer(m->experience));
	json_object_set_new(j, "region", cmd_json_str(m->region));
	json_object_set_new(j, "active", json_boolean(m->active));
	return j;
}

static int
member_list(const struct ctx *ctx, const struct cmd_args *args)
{
	struct network	 net = { 0 };
	struct member	*v;
	size_t		 n, i;
	bool		 json = cmd_flag(args, "json");
	char		*cause = NULL;
	json_t		*arr;

	if (args->argc == 1 && cmd_network_lookup(ctx, args, args->argv[0],
	    &net) == -1)
		return EX_DATAERR;
	if (store_member_list(ctx->st, net.id, &v, &n, &cause) == -1) {
		network_clear(&net);
		return cmd_fail(args, EX_IOERR, cause);
	}
	arr = json_array();
	for (i = 0; i < n; i++) {
		if (json)
			json_array_append_new(arr, member_json(&v[i]));
		else {
			print_col(args->out, v[i].email, 36);
			print_col(args->out, v[i].name, 24);
			print_col(args->out, cmd_or_dash(v[i].organisation),
			    32);
			print_col(args->out, cmd_or_dash(v[i].role), 12);
			fprintf(args->out, "%s  %s\n", v[i].lang,
			    v[i].network);
		}
	}
	if (json)
		cmd_json_print(args, arr);
	else
		json_decref(arr);
	member_array_free(v, n);
	network_clear(&net);
	return EX_OK;
}

/* The one active membership of email (in network, when given). */
static int
member_pick(const struct ctx *ctx, const struct cmd_args *args,
    const char *email, const char *network, struct member *out)
{
	struct member	*v;
	size_t		 n, i, hit = 0, hits = 0;
	char		*cause = NULL;

	if (store_member_by_email(ctx->st, email, &v, &n, &cause) == -1)
		return cmd_fail(args, EX_IOERR, cause);
	for (i = 0; i < n; i++) {
		if (network == NULL || strcmp(v[i].network, network) == 0 ||
		    str_to_int(network, v[i].network_id, v[i].network_id,
		    &(long long){ 0 }) == 0) {
			hit = i;
			hits++;
		}
	}
	if (hits == 1) {
		*out = v[hit];
		memset(&v[hit], 0, sizeof(v[hit]));
	} else if (hits == 0)
		cmd_error(args, "%s is not a member%s%s", email,
		    network != NULL ? " of " : "", network != NULL ? network :
		    "");
	else
		cmd_error(args, "%s is a member of several networks; say which "
		    "with --network", email);
	member_array_free(v, n);
	return hits == 1 ? EX_OK : EX_DATAERR;
}

static int
member_remove(const struct ctx *ctx, const struct cmd_args *args)
{
	const char	*network = cmd_value(args, "network");
	struct member	 m;
	char		*email, *cause = NULL;
	int		 rc, withdrawn = 0;

	if ((email = address_normalize(args->argv[0], &cause)) == NULL)
		return cmd_fail(args, EX_DATAERR, cause);
	if (store_begin(ctx->st, &cause) == -1) {
		free(email);
		return cmd_fail(args, EX_TEMPFAIL, cause);
	}
	if ((rc = member_pick(ctx, args, email, network, &m)) != EX_OK)
		store_rollback(ctx->st);
	else if (member_mail_upcoming(ctx, m.id, true, &withdrawn,
	    &cause) == -1 ||
	    store_member_remove(ctx->st, m.id, ctx->now, &cause) == -1 ||
	    store_commit(ctx->st, &cause) == -1)
		rc = cmd_fail_store(ctx, args, cause);
	else
		fprintf(args->out, "%s has left '%s'\n", m.email,
		    m.network);
	if (rc == EX_OK)
		member_clear(&m);
	free(email);
	return rc;
}

const struct cmd_entry cmd_member_add_entry = {
	.name = "member add",
	.args = "NETWORK EMAIL 'NAME' [--org ORG] [--role ROLE] [--lang nl|en] "
	    "[--size N] [--experience N] [--region REGION]",
	.help = "add a member, print their id",
	.flags = CMD_CHANGES | CMD_MAILS,
	.min_args = 3,
	.max_args = 3,
	.options = { { "org", true }, { "role", true }, { "lang", true },
	    { "size", true }, { "experience", true }, { "region", true } },
	.exec = member_add,
};

const struct cmd_entry cmd_member_import_entry = {
	.name = "member import",
	.args = "NETWORK FILE.csv",
	.help = "add the members of a CSV file",
	.flags = CMD_CHANGES | CMD_MAILS,
	.min_args = 2,
	.max_args = 2,
	.exec = member_import,
};

const struct cmd_entry cmd_member_list_entry = {
	.name = "member list",
	.args = "[NETWORK] [--json]",
	.help = "list the members",
	.flags = CMD_READS,
	.max_args = 1,
	.options = { { "json", false } },
	.exec = member_list,
};

const struct cmd_entry cmd_member_remove_entry = {
	.name = "member remove",
	.args = "EMAIL [--network NETWORK]",
	.help = "mark a member as having left",
	.flags = CMD_CHANGES | CMD_MAILS,
	.min_args = 1,
	.max_args = 1,
	.options = { { "network", true } },
	.exec = member_remove,
};
