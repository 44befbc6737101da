/*
 * admin.c: the coordinator's commands. Each checks all its input before it
 * touches the state, changes the state in one transaction (so bad input
 * never half-changes anything), and prints text or --json (jansson). Does
 * I/O: the store, the CSV file, stdout and stderr.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <jansson.h>

#include "address.h"
#include "admin.h"
#include "config.h"
#include "ctx.h"
#include "due.h"
#include "csv.h"
#include "invite.h"
#include "log.h"
#include "store.h"
#include "util.h"
#include "when.h"

#define NAME_MAX_BYTES		200
#define TEXT_MAX_BYTES		1000
#define CSV_MAX_BYTES		(4 * 1024 * 1024)

/* Command-line options of one subcommand: --name or --name VALUE. */
struct opt {
	const char	*name;
	char		**value;	/* NULL for a flag */
	bool		*flag;
};

/*
 * Splits argv (after the subcommand word) into options and positional
 * arguments, which are put in pos (at most maxpos). Returns the number of
 * positional arguments, or -1 with *why saying what is wrong.
 */
static int
opts_parse(int argc, char **argv, const struct opt *opts, char **pos,
    int maxpos, char **why)
{
	const struct opt	*o;
	int			 i, n = 0;
	bool			 only_pos = false;

	for (i = 0; i < argc; i++) {
		if (only_pos || strncmp(argv[i], "--", 2) != 0) {
			if (n == maxpos) {
				xasprintf(why, "unexpected argument '%s'",
				    argv[i]);
				return -1;
			}
			pos[n++] = argv[i];
			continue;
		}
		if (argv[i][2] == '\0') {
			only_pos = true;
			continue;
		}
		for (o = opts; o->name != NULL; o++)
			if (strcmp(argv[i] + 2, o->name) == 0)
				break;
		if (o->name == NULL) {
			xasprintf(why, "unknown option '%s'", argv[i]);
			return -1;
		}
		if (o->flag != NULL)
			*o->flag = true;
		else if (i + 1 == argc) {
			xasprintf(why, "option '%s' needs a value", argv[i]);
			return -1;
		} else
			*o->value = argv[++i];
	}
	return n;
}

static const struct opt	no_opts[] = { { NULL, NULL, NULL } };

/* Logs and frees cause; returns code. */
static int
fail(int code, char *cause)
{
	log_warnx("%s", cause);
	free(cause);
	return code;
}

/* One line: what is wrong with the command line (if known), and usage. */
static int
usage(char *why, const char *line)
{
	if (why != NULL)
		log_warnx("%s; usage: mailbot %s", why, line);
	else
		log_warnx("usage: mailbot %s", line);
	free(why);
	return EX_USAGE;
}

/* A store failure that input checks should have prevented. */
static int
fail_store(const struct ctx *a, char *cause)
{
	store_rollback(a->st);
	return fail(EX_IOERR, cause);
}

static json_t *
json_str(const char *s)
{
	json_t	*j;

	if (s == NULL)
		return json_null();
	j = json_string(s);
	return j != NULL ? j : json_string("(not UTF-8)");
}

static void
json_print(json_t *j)
{
	json_dumpf(j, stdout, JSON_COMPACT);
	putchar('\n');
	json_decref(j);
}

/* Prints s left-aligned in width columns, counting characters, not bytes. */
static void
print_col(const char *s, int width)
{
	const unsigned char	*p;
	int			 chars = 0;

	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if ((*p & 0xc0) != 0x80)
			chars++;
	printf("%s%*s ", s, chars < width ? width - chars : 0, "");
}

/* A listing's arguments: "[--json]" and nothing else; -1 after usage. */
static int
json_only(int argc, char **argv, bool *json, const char *line)
{
	char	*why = NULL;

	if (opts_parse(argc, argv, (struct opt[]){ { "json", NULL, json },
	    { NULL, NULL, NULL } }, NULL, 0, &why) != 0) {
		usage(why, line);
		return -1;
	}
	return 0;
}

/* Ends a listing: prints the JSON array when asked, else drops it. */
static void
listing_end(json_t *arr, bool json)
{
	if (json)
		json_print(arr);
	else
		json_decref(arr);
}

static const char *
or_dash(const char *s)
{
	return s != NULL && *s != '\0' ? s : "-";
}

/* A subcommand: "network add", "member list", … */
struct subcommand {
	const char	*name;
	int		(*run)(const struct ctx *, int, char **);
};

/* Runs the subcommand argv[1] from table (argv[0] is the command). */
static int
subcommand_run(const struct subcommand *table, size_t n, const struct ctx *a,
    int argc, char **argv, const char *usage_line)
{
	size_t	 i;

	for (i = 0; argc >= 2 && i < n; i++)
		if (strcmp(argv[1], table[i].name) == 0)
			return table[i].run(a, argc - 2, argv + 2);
	return usage(NULL, usage_line);
}

/* Finds a network by name or id, logging why not. */
static int
network_lookup(const struct ctx *a, const char *key, struct network *out)
{
	char	*cause = NULL;

	if (store_network_find(a->st, key, out, &cause) == -1) {
		log_warnx("%s", cause);
		free(cause);
		return -1;
	}
	return 0;
}

/* network add NAME | network list [--json] */

static int
network_add(const struct ctx *a, int argc, char **argv)
{
	char		*why = NULL;
	char	*pos[1], *name, *cause = NULL;
	int64_t	 id;

	if (opts_parse(argc, argv, no_opts, pos, 1, &why) != 1)
		return usage(why, "network add NAME");
	if ((name = line_normalize(pos[0], NAME_MAX_BYTES, &cause)) == NULL) {
		log_warnx("network name: %s", cause);
		free(cause);
		return EX_DATAERR;
	}
	if (store_network_add(a->st, name, a->now, &id, &cause) == -1) {
		free(name);
		return fail(EX_DATAERR, cause);
	}
	printf("%lld\n", (long long)id);
	free(name);
	return EX_OK;
}

static int
network_list(const struct ctx *a, int argc, char **argv)
{
	struct network	*v;
	size_t		 n, i;
	bool		 json = false;
	char		*cause = NULL;
	json_t		*arr;

	if (json_only(argc, argv, &json, "network list [--json]") == -1)
		return EX_USAGE;
	if (store_network_list(a->st, &v, &n, &cause) == -1)
		return fail(EX_IOERR, cause);
	arr = json_array();
	for (i = 0; i < n; i++) {
		if (json)
			json_array_append_new(arr, json_pack("{sI ss si si}",
			    "id", (json_int_t)v[i].id, "name", v[i].name,
			    "members", v[i].members, "meetings",
			    v[i].meetings));
		else
			printf("%-4lld %-40s %3d members %3d meetings\n",
			    (long long)v[i].id, v[i].name, v[i].members,
			    v[i].meetings);
	}
	listing_end(arr, json);
	network_array_free(v, n);
	return EX_OK;
}

int
admin_network(const struct ctx *a, int argc, char **argv)
{
	static const struct subcommand	 sub[] = {
		{ "add", network_add },
		{ "list", network_list },
	};

	return subcommand_run(sub, nitems(sub), a, argc, argv,
	    "network add NAME | network list [--json]");
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
	if ((v = line_normalize(s, NAME_MAX_BYTES, &why)) == NULL) {
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
	if ((m->name = line_normalize(t->name, NAME_MAX_BYTES, &why)) ==
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
member_check_new(const struct ctx *a, const struct member *m, char **cause)
{
	struct member	 old;
	int		 found;

	found = store_member_find(a->st, m->network_id, m->email, &old, cause);
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
member_mail_upcoming(const struct ctx *a, int64_t member_id, bool leaving,
    int *count, char **cause)
{
	struct invite_ctx	 c = { *a, 0, false };
	struct recipient	*v;
	struct meeting		 g;
	size_t			 n, i;
	int			 rc = 0, found;
	bool			 invited;

	*count = 0;
	if (store_member_upcoming(a->st, member_id, a->now, &v, &n,
	    cause) == -1)
		return -1;
	for (i = 0; i < n && rc == 0; i++) {
		invited = v[i].sent_seq >= 0 && !v[i].withdrawn;
		if (leaving != invited)
			continue;
		if (!leaving && store_meeting_invited(a->st, v[i].meeting_id,
		    cause) != 1) {
			rc = *cause != NULL ? -1 : 0;
			continue;
		}
		found = store_meeting_get(a->st, v[i].meeting_id, &g, cause);
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
member_add(const struct ctx *a, int argc, char **argv)
{
	char		*why = NULL;
	struct member_text	 t = { 0 };
	struct network		 net;
	struct member		 m;
	char			*pos[3], *cause = NULL;
	int64_t			 id;
	int			 rc = EX_DATAERR, invited = 0;
	const struct opt	 opts[] = { { "org", (char **)&t.organisation,
	    NULL }, { "role", (char **)&t.role, NULL }, { "lang",
	    (char **)&t.lang, NULL }, { "size", (char **)&t.size, NULL },
	    { "experience", (char **)&t.experience, NULL }, { "region",
	    (char **)&t.region, NULL }, { NULL, NULL, NULL } };

	if (opts_parse(argc, argv, opts, pos, 3, &why) != 3)
		return usage(why, "member add NETWORK EMAIL 'NAME' [--org ORG] "
		    "[--role ROLE] [--lang nl|en] [--size N] [--experience N] "
		    "[--region REGION]");
	t.email = pos[1];
	t.name = pos[2];
	if (network_lookup(a, pos[0], &net) == -1)
		return EX_DATAERR;
	if (member_fill(a->cfg, &t, &m, &cause) == -1)
		goto out;
	m.network_id = net.id;
	if (store_begin(a->st, &cause) == -1) {
		rc = EX_TEMPFAIL;
		goto out;
	}
	if (member_check_new(a, &m, &cause) == -1)
		goto out;
	if (store_member_add(a->st, &m, a->now, &id, &cause) == -1 ||
	    member_mail_upcoming(a, id, false, &invited, &cause) == -1 ||
	    store_commit(a->st, &cause) == -1) {
		rc = EX_IOERR;
		goto out;
	}
	rc = EX_OK;
	printf("%lld\n", (long long)id);
	if (invited > 0)
		log_info("%s: %d invitations queued", m.email, invited);
out:
	if (rc != EX_OK) {
		store_rollback(a->st);
		log_warnx("%s", cause);
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
import_header(const char *file, const struct csv_record *h, int *col)
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
			log_warnx("%s:%zu: unknown column '%s' (known: email, "
			    "name, organisation, role, size, experience, "
			    "region, lang)", file, h->line, h->fields[i]);
			errors++;
		} else if (col[j] != -1) {
			log_warnx("%s:%zu: column '%s' appears twice", file,
			    h->line, name);
			errors++;
		} else
			col[j] = (int)i;
		free(name);
	}
	for (j = 0; j < 2; j++) {
		if (col[j] == -1) {
			log_warnx("%s:%zu: the header has no '%s' column",
			    file, h->line, import_columns[j]);
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
import_row(const struct ctx *a, const struct csv_record *r, const int *col,
    size_t ncols, struct member *m, char **cause)
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
	return member_fill(a->cfg, &t, m, cause);
}

/* Checks every row (all errors are reported), then adds them all. */
static int
import_rows(const struct ctx *a, const char *file, const struct csv *c,
    int64_t network_id)
{
	struct member	*v;
	size_t		 i, j, n = c->nrecords - 1;
	int		 col[nitems(import_columns)], errors = 0, invited;
	int64_t		 id;
	char		*cause = NULL;

	if (import_header(file, &c->records[0], col) == -1)
		return EX_DATAERR;
	v = xcalloc(n, sizeof(*v));
	for (i = 0; i < n; i++) {
		const struct csv_record	*r = &c->records[i + 1];

		if (import_row(a, r, col, c->records[0].nfields, &v[i],
		    &cause) == 0) {
			v[i].network_id = network_id;
			for (j = 0; j < i && cause == NULL; j++)
				if (v[j].email != NULL &&
				    strcmp(v[j].email, v[i].email) == 0)
					xasprintf(&cause, "%s appears twice "
					    "(also line %zu)", v[i].email,
					    c->records[j + 1].line);
			if (cause == NULL)
				member_check_new(a, &v[i], &cause);
		}
		if (cause != NULL) {
			log_warnx("%s:%zu: %s", file, r->line, cause);
			free(cause);
			cause = NULL;
			errors++;
		}
	}
	for (i = 0; errors == 0 && i < n; i++) {
		if (store_member_add(a->st, &v[i], a->now, &id, &cause) == -1 ||
		    member_mail_upcoming(a, id, false, &invited, &cause) == -1) {
			log_warnx("%s:%zu: %s", file, c->records[i + 1].line,
			    cause);
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
member_import(const struct ctx *a, int argc, char **argv)
{
	char		*why = NULL;
	struct network	 net;
	struct csv	*c = NULL;
	char		*pos[2], *data, *cause = NULL;
	size_t		 len;
	int		 rc;

	if (opts_parse(argc, argv, no_opts, pos, 2, &why) != 2)
		return usage(why, "member import NETWORK FILE.csv");
	if ((data = read_file(pos[1], CSV_MAX_BYTES, &len, &cause)) == NULL)
		return fail(EX_NOINPUT, cause);
	if ((c = csv_parse(data, len, &cause)) == NULL) {
		free(data);
		log_warnx("%s: %s", pos[1], cause);
		free(cause);
		return EX_DATAERR;
	}
	free(data);
	if (c->nrecords == 0) {
		csv_free(c);
		log_warnx("%s: empty: a header row (email,name,…) is needed",
		    pos[1]);
		return EX_DATAERR;
	}
	if (network_lookup(a, pos[0], &net) == -1) {
		csv_free(c);
		return EX_DATAERR;
	}
	if (store_begin(a->st, &cause) == -1)
		rc = fail(EX_TEMPFAIL, cause);
	else if ((rc = import_rows(a, pos[1], c, net.id)) != EX_OK)
		store_rollback(a->st);
	else if (store_commit(a->st, &cause) == -1)
		rc = fail_store(a, cause);
	else
		printf("%zu members imported into '%s'\n", c->nrecords - 1,
		    net.name);
	if (rc != EX_OK && rc != EX_TEMPFAIL)
		log_warnx("%s: nothing imported", pos[1]);
	network_clear(&net);
	csv_free(c);
	return rc;
}

/* member list [NETWORK] [--json] | member remove EMAIL [--network N] */

static json_t *
member_json(const struct member *m)
{
	json_t	*j;

	j = json_pack("{so so so so so so}", "email", json_str(m->email),
	    "name", json_str(m->name), "network", json_str(m->network),
	    "organisation", json_str(m->organisation), "role",
	    json_str(m->role), "lang", json_str(m->lang));
	json_object_set_new(j, "size", m->org_size < 0 ? json_null() :
	    json_integer(m->org_size));
	json_object_set_new(j, "experience", m->experience < 0 ?
	    json_null() : json_integer(m->experience));
	json_object_set_new(j, "region", json_str(m->region));
	json_object_set_new(j, "active", json_boolean(m->active));
	return j;
}

static int
member_list(const struct ctx *a, int argc, char **argv)
{
	char		*why = NULL;
	struct network	 net = { 0 };
	struct member	*v;
	size_t		 n, i;
	bool		 json = false;
	char		*pos[1], *cause = NULL;
	json_t		*arr;
	int		 npos;

	npos = opts_parse(argc, argv, (struct opt[]){ { "json", NULL, &json },
	    { NULL, NULL, NULL } }, pos, 1, &why);
	if (npos == -1)
		return usage(why, "member list [NETWORK] [--json]");
	if (npos == 1 && network_lookup(a, pos[0], &net) == -1)
		return EX_DATAERR;
	if (store_member_list(a->st, net.id, &v, &n, &cause) == -1) {
		network_clear(&net);
		return fail(EX_IOERR, cause);
	}
	arr = json_array();
	for (i = 0; i < n; i++) {
		if (json)
			json_array_append_new(arr, member_json(&v[i]));
		else {
			print_col(v[i].email, 36);
			print_col(v[i].name, 24);
			print_col(or_dash(v[i].organisation), 32);
			print_col(or_dash(v[i].role), 12);
			printf("%s  %s\n", v[i].lang, v[i].network);
		}
	}
	if (json)
		json_print(arr);
	else
		json_decref(arr);
	member_array_free(v, n);
	network_clear(&net);
	return EX_OK;
}

/* The one active membership of email (in network, when given). */
static int
member_pick(const struct ctx *a, const char *email, const char *network,
    struct member *out)
{
	struct member	*v;
	size_t		 n, i, hit = 0, hits = 0;
	char		*cause = NULL;

	if (store_member_by_email(a->st, email, &v, &n, &cause) == -1)
		return fail(EX_IOERR, cause);
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
		log_warnx("%s is not a member%s%s", email,
		    network != NULL ? " of " : "", network != NULL ? network :
		    "");
	else
		log_warnx("%s is a member of several networks; say which with "
		    "--network", email);
	member_array_free(v, n);
	return hits == 1 ? EX_OK : EX_DATAERR;
}

static int
member_remove(const struct ctx *a, int argc, char **argv)
{
	char		*why = NULL;
	struct member	 m;
	char		*pos[1], *email, *network = NULL, *cause = NULL;
	int		 rc, withdrawn = 0;

	if (opts_parse(argc, argv, (struct opt[]){ { "network", &network,
	    NULL }, { NULL, NULL, NULL } }, pos, 1, &why) != 1)
		return usage(why, "member remove EMAIL [--network NETWORK]");
	if ((email = address_normalize(pos[0], &cause)) == NULL)
		return fail(EX_DATAERR, cause);
	if (store_begin(a->st, &cause) == -1) {
		free(email);
		return fail(EX_TEMPFAIL, cause);
	}
	if ((rc = member_pick(a, email, network, &m)) != EX_OK)
		store_rollback(a->st);
	else if (member_mail_upcoming(a, m.id, true, &withdrawn,
	    &cause) == -1 ||
	    store_member_remove(a->st, m.id, a->now, &cause) == -1 ||
	    store_commit(a->st, &cause) == -1)
		rc = fail_store(a, cause);
	else
		printf("%s has left '%s'\n", m.email, m.network);
	if (rc == EX_OK)
		member_clear(&m);
	free(email);
	return rc;
}

int
admin_member(const struct ctx *a, int argc, char **argv)
{
	static const struct subcommand	 sub[] = {
		{ "add", member_add },
		{ "import", member_import },
		{ "list", member_list },
		{ "remove", member_remove },
	};

	return subcommand_run(sub, nitems(sub), a, argc, argv,
	    "member add|import|list|remove …");
}

/* meeting add | list | show */

struct meeting_args {
	char	*start;
	char	*end;
	char	*location;
	char	*theme;
	char	*hosts;
	char	*tz;
};

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
meeting_hosts(const struct ctx *a, int64_t network_id, const char *list,
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
		found = store_member_find(a->st, network_id, email, &m, cause);
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
meeting_check(const struct ctx *a, const struct meeting_args *m,
    struct meeting *g, char **cause)
{
	char	*why = NULL;

	g->tzid = xstrdup(m->tz != NULL ? m->tz : a->cfg->timezone);
	if (when_parse_local(m->start, g->tzid, &g->start, cause) == -1 ||
	    when_parse_local(m->end, g->tzid, &g->end, cause) == -1)
		return -1;
	if (g->end <= g->start) {
		xasprintf(cause, "the end (%s) is not after the start (%s)",
		    m->end, m->start);
		return -1;
	}
	if (g->start <= a->now) {
		xasprintf(cause, "the start (%s) is in the past", m->start);
		return -1;
	}
	if ((g->location = line_normalize(m->location, TEXT_MAX_BYTES,
	    &why)) == NULL) {
		xasprintf(cause, "--location: %s", why);
		free(why);
		return -1;
	}
	if (m->theme != NULL && (g->theme = line_normalize(m->theme,
	    TEXT_MAX_BYTES, &why)) == NULL) {
		xasprintf(cause, "--theme: %s", why);
		free(why);
		return -1;
	}
	return 0;
}

static int
meeting_add(const struct ctx *a, int argc, char **argv)
{
	char		*why = NULL;
	struct meeting_args	 m = { 0 };
	struct meeting		 g = { 0 };
	struct network		 net = { 0 };
	char			*pos[1], *cause = NULL;
	int64_t			 hosts[2], id;
	int			 nhosts = 0, rc = EX_DATAERR;
	const struct opt	 opts[] = { { "start", &m.start, NULL },
	    { "end", &m.end, NULL }, { "location", &m.location, NULL },
	    { "theme", &m.theme, NULL }, { "hosts", &m.hosts, NULL },
	    { "tz", &m.tz, NULL }, { NULL, NULL, NULL } };

	if (opts_parse(argc, argv, opts, pos, 1, &why) != 1 ||
	    m.start == NULL || m.end == NULL || m.location == NULL)
		return usage(why, "meeting add NETWORK --start 'YYYY-MM-DD HH:MM' "
		    "--end 'YYYY-MM-DD HH:MM' --location TEXT [--theme TEXT] "
		    "[--hosts EMAIL,EMAIL] [--tz ZONE]");
	if (network_lookup(a, pos[0], &net) == -1)
		return EX_DATAERR;
	g.network_id = net.id;
	if (meeting_check(a, &m, &g, &cause) == -1)
		goto out;
	if (store_begin(a->st, &cause) == -1) {
		rc = EX_TEMPFAIL;
		goto out;
	}
	if (m.hosts != NULL && meeting_hosts(a, net.id, m.hosts, hosts,
	    &nhosts, &cause) == -1)
		goto out;
	/* Without --hosts: the fair duo (see mailbot hosts suggest). */
	if (m.hosts == NULL && due_hosts_propose(a->st, net.id, hosts,
	    &nhosts, &cause) == -1)
		goto out;
	g.uid = meeting_uid(a->cfg);
	if (store_meeting_add(a->st, &g, hosts, nhosts, a->now, &id,
	    &cause) == -1 || store_commit(a->st, &cause) == -1) {
		rc = EX_IOERR;
		goto out;
	}
	printf("%lld\n", (long long)id);
	rc = EX_OK;
out:
	if (rc != EX_OK) {
		store_rollback(a->st);
		log_warnx("%s", cause);
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
		json_array_append_new(hosts, json_str(g->hosts[i]));
	j = json_pack("{sI so ss ss ss so so sI ss so}", "id",
	    (json_int_t)g->id, "network", json_str(g->network), "start", start,
	    "end", end, "timezone", g->tzid, "location", json_str(g->location),
	    "theme", json_str(g->theme), "sequence", (json_int_t)g->sequence,
	    "status", g->status, "hosts", hosts);
	free(start);
	free(end);
	return j;
}

static json_t *
attendee_json(const struct attendee *p, const char *tzid)
{
	char	*updated = when_format_iso(p->updated, tzid);
	json_t	*j;

	j = json_pack("{so so sb ss so ss so}", "email", json_str(p->email),
	    "name", json_str(p->name), "guest", p->is_guest, "status",
	    p->status, "note", json_str(p->note), "updated", updated,
	    "present", p->present < 0 ? json_null() :
	    json_boolean(p->present));
	free(updated);
	return j;
}

static int
meeting_tally(const struct ctx *a, const struct meeting *g, struct tally *t)
{
	struct attendee	*v;
	size_t		 n, i;
	char		*cause = NULL;

	memset(t, 0, sizeof(*t));
	if (store_attendees(a->st, g->id, &v, &n, &cause) == -1)
		return fail(-1, cause);
	for (i = 0; i < n; i++)
		tally_add(t, v[i].status);
	attendee_array_free(v, n);
	return 0;
}

static void
meeting_print_line(const struct meeting *g, const struct tally *t)
{
	char	*start = when_format_local(g->start, g->tzid);
	char	*end = when_format_local(g->end, g->tzid);

	printf("%-4lld %s-%s %-20s %-24s %2d yes %2d no %2d maybe %2d open%s\n",
	    (long long)g->id, start, end + 11, g->network, g->location,
	    t->accepted, t->declined, t->tentative, t->open,
	    strcmp(g->status, "cancelled") == 0 ? "  (cancelled)" : "");
	free(start);
	free(end);
}

static int
meeting_list(const struct ctx *a, int argc, char **argv)
{
	struct meeting	*v;
	struct tally	 t;
	size_t		 n, i;
	bool		 json = false;
	char		*cause = NULL;
	json_t		*arr, *j;

	if (json_only(argc, argv, &json, "meeting list [--json]") == -1)
		return EX_USAGE;
	if (store_meeting_list(a->st, &v, &n, &cause) == -1)
		return fail(EX_IOERR, cause);
	arr = json_array();
	for (i = 0; i < n; i++) {
		if (meeting_tally(a, &v[i], &t) == -1)
			break;
		if (!json) {
			meeting_print_line(&v[i], &t);
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
		json_print(arr);
	else
		json_decref(arr);
	meeting_array_free(v, n);
	return i == n ? EX_OK : EX_IOERR;
}

/* Looks up a meeting by its numeric id, logging why not. */
static int
meeting_lookup(const struct ctx *a, const char *key, struct meeting *g)
{
	long long	 id;
	char		*cause = NULL;
	int		 found;

	if (str_to_int(key, 1, INT64_MAX, &id) == -1) {
		log_warnx("'%s' is not a meeting id (see 'mailbot meeting "
		    "list')", key);
		return -1;
	}
	found = store_meeting_get(a->st, id, g, &cause);
	if (found == -1)
		return fail(-1, cause);
	if (found == 0) {
		log_warnx("no meeting %lld (see 'mailbot meeting list')", id);
		return -1;
	}
	return 0;
}

static void
meeting_print(const struct meeting *g, const struct attendee *v, size_t n)
{
	char		*start = when_format_local(g->start, g->tzid);
	char		*end = when_format_local(g->end, g->tzid);
	size_t		 i;

	printf("meeting %lld of %s (%s, sequence %lld)\n", (long long)g->id,
	    g->network, g->status, (long long)g->sequence);
	printf("when:     %s-%s %s\n", start, end + 11, g->tzid);
	printf("where:    %s\n", g->location);
	printf("theme:    %s\n", or_dash(g->theme));
	printf("hosts:    %s%s%s\n", g->nhosts > 0 ? g->hosts[0] : "-",
	    g->nhosts > 1 ? ", " : "", g->nhosts > 1 ? g->hosts[1] : "");
	for (i = 0; i < n; i++)
		printf("  %-12s %-36s %s%s%s%s%s\n", v[i].status, v[i].email,
		    v[i].name, v[i].is_guest ? " (guest)" : "",
		    v[i].note != NULL ? " - " : "", v[i].note != NULL ?
		    v[i].note : "", v[i].present >= 0 ?
		    (v[i].present ? " [present]" : " [absent]") : "");
	free(start);
	free(end);
}

static int
meeting_show(const struct ctx *a, int argc, char **argv)
{
	char		*why = NULL;
	struct meeting	 g;
	struct attendee	*v;
	size_t		 n, i;
	bool		 json = false;
	char		*pos[1], *cause = NULL;
	json_t		*j, *arr;

	if (opts_parse(argc, argv, (struct opt[]){ { "json", NULL, &json },
	    { NULL, NULL, NULL } }, pos, 1, &why) != 1)
		return usage(why, "meeting show ID [--json]");
	if (meeting_lookup(a, pos[0], &g) == -1)
		return EX_DATAERR;
	if (store_attendees(a->st, g.id, &v, &n, &cause) == -1) {
		meeting_clear(&g);
		return fail(EX_IOERR, cause);
	}
	if (json) {
		j = meeting_json(&g);
		arr = json_array();
		for (i = 0; i < n; i++)
			json_array_append_new(arr, attendee_json(&v[i],
			    g.tzid));
		json_object_set_new(j, "attendees", arr);
		json_print(j);
	} else
		meeting_print(&g, v, n);
	attendee_array_free(v, n);
	meeting_clear(&g);
	return EX_OK;
}

/* meeting invite | update | cancel: calendar mail, queued in the outbox. */

/* Queues kind for everyone r selects, in the caller's transaction. */
static int
meeting_mail_all(const struct ctx *a, const struct meeting *g,
    const struct invite_ctx *c, enum invite_kind kind, int *count,
    char **cause)
{
	struct recipient	*v;
	size_t			 n, i;
	bool			 take;

	*count = 0;
	if (store_recipients(a->st, g->id, &v, &n, cause) == -1)
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
meeting_mailable(const struct ctx *a, const struct meeting *g, char **cause)
{
	if (strcmp(g->status, "cancelled") == 0) {
		xasprintf(cause, "meeting %lld is cancelled", (long long)g->id);
		return -1;
	}
	if (g->start <= a->now) {
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
	if ((v = line_normalize(opt, TEXT_MAX_BYTES, &why)) == NULL) {
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
meeting_rehost(const struct ctx *a, struct meeting *g, const char *list,
    bool *changed, char **cause)
{
	struct meeting	 n;
	int64_t		 ids[2];
	int		 nhosts, found;

	*changed = false;
	if (list == NULL)
		return 0;
	if (meeting_hosts(a, g->network_id, list, ids, &nhosts, cause) == -1 ||
	    store_meeting_set_hosts(a->st, g->id, ids, nhosts, cause) == -1)
		return -1;
	if ((found = store_meeting_get(a->st, g->id, &n, cause)) != 1) {
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
meeting_apply(const struct ctx *a, struct meeting *g,
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
	if (start <= a->now) {
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

/* Runs fn on meeting ID inside one transaction; prints its message. */
static int
meeting_change(const struct ctx *a, const char *id, enum invite_kind kind,
    const struct meeting_args *m)
{
	struct meeting		 g;
	struct invite_ctx	 c = { *a, 0, false };
	char			*cause = NULL, *duo;
	int			 count = 0, rc = EX_DATAERR;
	bool			 rehosted = false;

	if (meeting_lookup(a, id, &g) == -1)
		return EX_DATAERR;
	if (store_begin(a->st, &cause) == -1) {
		meeting_clear(&g);
		return fail(EX_TEMPFAIL, cause);
	}
	if (meeting_mailable(a, &g, &cause) == -1)
		goto out;
	if (kind == INVITE_UPDATE && (meeting_rehost(a, &g, m->hosts,
	    &rehosted, &cause) == -1 || meeting_apply(a, &g, m, rehosted,
	    &c.changes, &cause) == -1))
		goto out;
	if (kind == INVITE_UPDATE && c.changes == 0) {
		/* Only the duo: the calendar is unchanged; nobody is mailed
		   now, the duo's preparation mail goes out as scheduled. */
		if (store_commit(a->st, &cause) == -1) {
			rc = EX_IOERR;
			goto out;
		}
		xasprintf(&duo, "%s%s%s", g.hosts[0], g.nhosts > 1 ?
		    " and " : "", g.nhosts > 1 ? g.hosts[1] : "");
		printf("meeting %lld: host duo now %s; no mail sent\n",
		    (long long)g.id, duo);
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
	    store_meeting_update(a->st, &g, &cause) == -1) ||
	    (c.reconfirm && store_answers_reset(a->st, g.id, a->now,
	    &cause) == -1) ||
	    meeting_mail_all(a, &g, &c, kind, &count, &cause) == -1 ||
	    store_commit(a->st, &cause) == -1) {
		rc = EX_IOERR;
		goto out;
	}
	rc = EX_OK;
	printf("meeting %lld: %d %s queued\n", (long long)g.id, count,
	    kind == INVITE_INVITATION ? "invitations" : kind == INVITE_UPDATE ?
	    "updates" : "cancellations");
out:
	if (rc != EX_OK) {
		store_rollback(a->st);
		log_warnx("%s", cause);
	}
	free(cause);
	meeting_clear(&g);
	return rc;
}


static int
meeting_mail(const struct ctx *a, int argc, char **argv, enum invite_kind kind)
{
	struct meeting_args	 m = { 0 };
	char			*pos[1], *why = NULL;
	const struct opt	 opts[] = { { "start", &m.start, NULL },
	    { "end", &m.end, NULL }, { "location", &m.location, NULL },
	    { "theme", &m.theme, NULL }, { "hosts", &m.hosts, NULL },
	    { NULL, NULL, NULL } };

	if (opts_parse(argc, argv, kind == INVITE_UPDATE ? opts : no_opts,
	    pos, 1, &why) != 1)
		return usage(why, kind == INVITE_UPDATE ? "meeting update ID "
		    "[--start TIME] [--end TIME] [--location TEXT] "
		    "[--theme TEXT] [--hosts EMAIL,EMAIL]" : kind == INVITE_CANCEL ?
		    "meeting cancel ID" : "meeting invite ID");
	return meeting_change(a, pos[0], kind, &m);
}

static int
meeting_invite(const struct ctx *a, int argc, char **argv)
{
	return meeting_mail(a, argc, argv, INVITE_INVITATION);
}

static int
meeting_update(const struct ctx *a, int argc, char **argv)
{
	return meeting_mail(a, argc, argv, INVITE_UPDATE);
}

static int
meeting_cancel(const struct ctx *a, int argc, char **argv)
{
	return meeting_mail(a, argc, argv, INVITE_CANCEL);
}

int
admin_meeting(const struct ctx *a, int argc, char **argv)
{
	static const struct subcommand	 sub[] = {
		{ "add", meeting_add },
		{ "list", meeting_list },
		{ "show", meeting_show },
		{ "invite", meeting_invite },
		{ "update", meeting_update },
		{ "cancel", meeting_cancel },
	};

	return subcommand_run(sub, nitems(sub), a, argc, argv,
	    "meeting add|list|show|invite|update|cancel …");
}

/* guest add MEETING EMAIL 'NAME' [--lang nl|en] */

static int
guest_check(const struct ctx *a, const struct meeting *g, const char *email,
    char **cause)
{
	struct member	 m;
	int		 found;

	if (strcmp(g->status, "cancelled") == 0) {
		xasprintf(cause, "meeting %lld is cancelled", (long long)g->id);
		return -1;
	}
	if (g->end <= a->now) {
		xasprintf(cause, "meeting %lld is over", (long long)g->id);
		return -1;
	}
	found = store_member_find(a->st, g->network_id, email, &m, cause);
	if (found == 1) {
		if (m.active)
			xasprintf(cause, "%s is a member of '%s': members are "
			    "invited already", email, g->network);
		found = m.active ? -1 : 0;
		member_clear(&m);
	}
	if (found == -1)
		return -1;
	found = store_guest_exists(a->st, g->id, email, cause);
	if (found == 1)
		xasprintf(cause, "%s is a guest of meeting %lld already", email,
		    (long long)g->id);
	return found == 0 ? 0 : -1;
}

static int
guest_add(const struct ctx *a, int argc, char **argv)
{
	struct meeting	 g;
	char		*pos[3], *lang = NULL, *email = NULL, *name = NULL;
	char		*cause = NULL, *why = NULL;
	int		 rc = EX_DATAERR;

	if (opts_parse(argc, argv, (struct opt[]){ { "lang", &lang, NULL },
	    { NULL, NULL, NULL } }, pos, 3, &why) != 3)
		return usage(why, "guest add MEETING EMAIL 'NAME' "
		    "[--lang nl|en]");
	if (lang == NULL)
		lang = a->cfg->language;
	if (strcmp(lang, "nl") != 0 && strcmp(lang, "en") != 0)
		return fail(EX_DATAERR, xstrdup("--lang: give nl or en"));
	if ((email = address_normalize(pos[1], &cause)) == NULL)
		return fail(EX_DATAERR, cause);
	if ((name = line_normalize(pos[2], NAME_MAX_BYTES, &why)) == NULL) {
		free(email);
		xasprintf(&cause, "name: %s", why);
		free(why);
		return fail(EX_DATAERR, cause);
	}
	if (meeting_lookup(a, pos[0], &g) == -1)
		goto done;
	if (store_begin(a->st, &cause) == -1)
		rc = fail(EX_TEMPFAIL, cause);
	else if (guest_check(a, &g, email, &cause) == -1) {
		store_rollback(a->st);
		rc = fail(EX_DATAERR, cause);
	} else if (store_guest_add(a->st, g.id, email, name, lang, a->now,
	    &cause) == -1 || store_commit(a->st, &cause) == -1)
		rc = fail_store(a, cause);
	else {
		printf("%s is a guest of meeting %lld\n", email,
		    (long long)g.id);
		rc = EX_OK;
	}
	meeting_clear(&g);
done:
	free(email);
	free(name);
	return rc;
}

int
admin_guest(const struct ctx *a, int argc, char **argv)
{
	static const struct subcommand	 sub[] = {
		{ "add", guest_add },
	};

	return subcommand_run(sub, nitems(sub), a, argc, argv,
	    "guest add MEETING EMAIL 'NAME' [--lang nl|en]");
}

/* attendance MEETING EMAIL present|absent: the register. */

int
admin_attendance(const struct ctx *a, int argc, char **argv)
{
	char		*why = NULL;
	struct meeting	 g;
	char		*pos[3], *email, *cause = NULL;
	bool		 present;
	int		 rc = EX_DATAERR;

	if (opts_parse(argc - 1, argv + 1, no_opts, pos, 3, &why) != 3 ||
	    (strcmp(pos[2], "present") != 0 && strcmp(pos[2], "absent") != 0))
		return usage(why, "attendance MEETING EMAIL present|absent");
	present = strcmp(pos[2], "present") == 0;
	if ((email = address_normalize(pos[1], &cause)) == NULL)
		return fail(EX_DATAERR, cause);
	if (meeting_lookup(a, pos[0], &g) == -1) {
		free(email);
		return EX_DATAERR;
	}
	if (g.start > a->now)
		log_warnx("meeting %lld has not taken place yet", (long long)g.id);
	else if (strcmp(g.status, "cancelled") == 0)
		log_warnx("meeting %lld was cancelled", (long long)g.id);
	else if (store_begin(a->st, &cause) == -1)
		rc = fail(EX_TEMPFAIL, cause);
	else if (store_register_set(a->st, g.id, email, present, &cause) ==
	    -1) {
		store_rollback(a->st);
		rc = fail(EX_DATAERR, cause);
	} else if (store_commit(a->st, &cause) == -1)
		rc = fail_store(a, cause);
	else {
		printf("%s: %s at meeting %lld\n", email, pos[2],
		    (long long)g.id);
		rc = EX_OK;
	}
	meeting_clear(&g);
	free(email);
	return rc;
}
/* outbox [--json]: what was queued, sent and refused, newest first. */

static json_t *
json_time(time_t t, const char *tzid)
{
	char	*s = when_format_iso(t, tzid);
	json_t	*j = json_str(s);

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
	json_object_set_new(j, "error", json_str(r->last_error));
	json_object_set_new(j, "meeting", r->meeting_id != 0 ?
	    json_integer(r->meeting_id) : json_null());
	return j;
}

int
admin_outbox(const struct ctx *a, int argc, char **argv)
{
	struct outbox_row	*v;
	size_t			 n, i;
	bool			 json = false;
	char			*cause = NULL, *when;
	json_t			*arr;

	if (json_only(argc - 1, argv + 1, &json, "outbox [--json]") == -1)
		return EX_USAGE;
	if (store_outbox_list(a->st, &v, &n, &cause) == -1)
		return fail(EX_IOERR, cause);
	arr = json_array();
	for (i = 0; i < n; i++) {
		if (json) {
			json_array_append_new(arr, outbox_json(&v[i],
			    a->cfg->timezone));
			continue;
		}
		when = when_format_local(v[i].done != 0 ? v[i].done :
		    v[i].queued, a->cfg->timezone);
		printf("%-6lld %-8s %s %-12s %s%s%s\n", (long long)v[i].id,
		    v[i].state, when, v[i].kind, v[i].rcpt,
		    v[i].last_error != NULL ? ": " : "",
		    v[i].last_error != NULL ? v[i].last_error : "");
		free(when);
	}
	listing_end(arr, json);
	outbox_row_array_free(v, n);
	return EX_OK;
}

/* inbox [--json]: the messages taken from the inbox and what they did. */

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
			json_array_append_new(acts, json_str(item));
	}
	question = strcmp(m->kind, "question") == 0 || (m->effect != NULL &&
	    strstr(m->effect, "question") != NULL);
	j = json_pack("{so so so ss so so so sb so so}", "message_id",
	    json_str(m->message_id), "received", json_time(m->received, tzid),
	    "from", json_str(m->sender), "kind", m->kind, "member",
	    json_str(m->member), "meeting", m->meeting_id != 0 ?
	    json_integer(m->meeting_id) : json_null(), "status",
	    json_str(m->status), "question", question, "note",
	    json_str(m->note), "actions", acts);
	free(copy);
	/* An out-of-office reply's return day, "2027-01-05", else null. */
	if (m->return_at != 0) {
		copy = when_format_local(m->return_at, tzid);
		copy[strcspn(copy, " ")] = '\0';
		json_object_set_new(j, "return", json_str(copy));
		free(copy);
	} else
		json_object_set_new(j, "return", json_null());
	json_object_set_new(j, "question_text", json_str(m->question));
	return j;
}

int
admin_inbox(const struct ctx *a, int argc, char **argv)
{
	struct inbound	*v;
	size_t		 n, i;
	bool		 json = false;
	char		*cause = NULL, *when;
	json_t		*arr;

	if (json_only(argc - 1, argv + 1, &json, "inbox [--json]") == -1)
		return EX_USAGE;
	if (store_inbound_list(a->st, &v, &n, &cause) == -1)
		return fail(EX_IOERR, cause);
	arr = json_array();
	for (i = 0; i < n; i++) {
		if (json) {
			json_array_append_new(arr, inbound_json(&v[i],
			    a->cfg->timezone));
			continue;
		}
		when = when_format_local(v[i].received, a->cfg->timezone);
		printf("%s %-13s %-32s %-10s %s\n", when, v[i].kind,
		    or_dash(v[i].member != NULL ? v[i].member : v[i].sender),
		    or_dash(v[i].status), or_dash(v[i].effect));
		free(when);
	}
	listing_end(arr, json);
	inbound_array_free(v, n);
	return EX_OK;
}
