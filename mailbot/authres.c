/*
 * authres.c: Authentication-Results (RFC 8601): the field is cut into
 * words, "=" and ";" (comments dropped, quoted strings unquoted), then read
 * as an authserv-id followed by method=result clauses. Pure: no I/O.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "authres.h"
#include "util.h"

#define FIELD_MAX	8192	/* bytes of one field that are read */
#define TOKENS_MAX	256

enum tok_kind {
	TOK_WORD,
	TOK_EQ,
	TOK_SEMI
};

struct tok {
	enum tok_kind	 kind;
	char		*text;		/* TOK_WORD only; owned */
};

struct toks {
	struct tok	 v[TOKENS_MAX];
	size_t		 n;
};

static void
toks_push(struct toks *t, enum tok_kind kind, char *text)
{
	if (t->n == TOKENS_MAX) {
		free(text);
		return;
	}
	t->v[t->n].kind = kind;
	t->v[t->n].text = text;
	t->n++;
}

static void
toks_free(struct toks *t)
{
	size_t	 i;

	for (i = 0; i < t->n; i++)
		free(t->v[i].text);
	t->n = 0;
}

/* Skips a comment at p ("(" …, nested, with \-escapes); returns its end. */
static const char *
skip_comment(const char *p, const char *end)
{
	int	 depth = 0;

	for (; p < end; p++) {
		if (*p == '\\' && p + 1 < end)
			p++;
		else if (*p == '(')
			depth++;
		else if (*p == ')' && --depth == 0)
			return p + 1;
	}
	return end;
}

/* A quoted string at p, unquoted into *out; returns its end. */
static const char *
quoted(const char *p, const char *end, char **out)
{
	struct buf	 b;

	buf_init(&b, FIELD_MAX);
	for (p++; p < end && *p != '"'; p++) {
		if (*p == '\\' && p + 1 < end)
			p++;
		buf_add(&b, p, 1);
	}
	*out = buf_take(&b);
	return p < end ? p + 1 : end;
}

static bool
is_word_char(char c)
{
	return !isspace((unsigned char)c) && c != '(' && c != ')' &&
	    c != '"' && c != ';' && c != '=';
}

static void
tokenise(const char *value, struct toks *t)
{
	const char	*p = value, *end = value + strnlen(value, FIELD_MAX);
	const char	*s;
	char		*w;

	while (p < end) {
		if (isspace((unsigned char)*p))
			p++;
		else if (*p == '(')
			p = skip_comment(p, end);
		else if (*p == ')')
			p++;
		else if (*p == ';' || *p == '=') {
			toks_push(t, *p == ';' ? TOK_SEMI : TOK_EQ, NULL);
			p++;
		} else if (*p == '"') {
			p = quoted(p, end, &w);
			toks_push(t, TOK_WORD, w);
		} else {
			for (s = p; p < end && is_word_char(*p); p++)
				;
			toks_push(t, TOK_WORD, xstrndup(s, (size_t)(p - s)));
		}
	}
}

static char *
lower_dup(const char *s)
{
	char	*d = xstrdup(s), *q;

	for (q = d; *q != '\0'; q++)
		*q = (char)tolower((unsigned char)*q);
	return d;
}

/* "dkim/1" is method dkim, version 1. */
static char *
method_name(const char *w)
{
	size_t	 n = strcspn(w, "/");
	char	*s = xstrndup(w, n), *q;

	for (q = s; *q != '\0'; q++)
		*q = (char)tolower((unsigned char)*q);
	return s;
}

/* A property's value; for header.i, the domain after the "@". */
static void
result_property(struct authres_result *r, const char *name,
    const char *value)
{
	const char	*at;

	if (strcasecmp(name, "header.from") == 0 && r->header_from == NULL)
		r->header_from = lower_dup(value);
	else if (strcasecmp(name, "header.d") == 0) {
		free(r->header_d);
		r->header_d = lower_dup(value);
	} else if (strcasecmp(name, "header.i") == 0 && r->header_d == NULL &&
	    (at = strrchr(value, '@')) != NULL && at[1] != '\0')
		r->header_d = lower_dup(at + 1);
}

/*
 * One clause, tokens [b, e): method = result, then name = value pairs
 * (reason=, ptype.property=). Returns false when it is not a result.
 */
static bool
clause_read(const struct toks *t, size_t b, size_t e,
    struct authres_result *r)
{
	size_t	 i;

	if (e - b < 3 || t->v[b].kind != TOK_WORD ||
	    t->v[b + 1].kind != TOK_EQ || t->v[b + 2].kind != TOK_WORD)
		return false;
	r->method = method_name(t->v[b].text);
	r->result = lower_dup(t->v[b + 2].text);
	for (i = b + 3; i + 2 < e; ) {
		if (t->v[i].kind == TOK_WORD && t->v[i + 1].kind == TOK_EQ &&
		    t->v[i + 2].kind == TOK_WORD) {
			result_property(r, t->v[i].text, t->v[i + 2].text);
			i += 3;
		} else
			i++;
	}
	return true;
}

int
authres_parse(const char *value, struct authres *out)
{
	struct toks	 t = { .n = 0 };
	size_t		 i, b;

	memset(out, 0, sizeof(*out));
	tokenise(value, &t);
	if (t.n == 0 || t.v[0].kind != TOK_WORD) {
		toks_free(&t);
		return -1;
	}
	out->authserv_id = lower_dup(t.v[0].text);
	for (i = 1; i < t.n && t.v[i].kind != TOK_SEMI; i++)
		;	/* a version, or junk */
	while (i < t.n && out->n < AUTHRES_MAX_RESULTS) {
		b = ++i;	/* past the ";" */
		while (i < t.n && t.v[i].kind != TOK_SEMI)
			i++;
		memset(&out->r[out->n], 0, sizeof(out->r[0]));
		if (clause_read(&t, b, i, &out->r[out->n]))
			out->n++;
	}
	toks_free(&t);
	return 0;
}

void
authres_clear(struct authres *a)
{
	size_t	 i;

	if (a == NULL)
		return;
	for (i = 0; i < a->n; i++) {
		free(a->r[i].method);
		free(a->r[i].result);
		free(a->r[i].header_from);
		free(a->r[i].header_d);
	}
	free(a->authserv_id);
	memset(a, 0, sizeof(*a));
}

/* d is domain or a parent of it: "example.org" for "mail.example.org". */
static bool
aligned(const char *d, const char *domain)
{
	size_t	 dl, nl;

	if (d == NULL || strchr(d, '.') == NULL)
		return false;
	dl = strlen(d);
	nl = strlen(domain);
	if (dl == nl)
		return strcasecmp(d, domain) == 0;
	return dl < nl && domain[nl - dl - 1] == '.' &&
	    strcasecmp(domain + nl - dl, d) == 0;
}

bool
authres_verified(const char *const *fields, size_t n, const char *authserv_id,
    const char *from_domain)
{
	struct authres	 a;
	bool		 pass = false, fail = false;
	size_t		 i, k;

	if (authserv_id == NULL || *authserv_id == '\0' ||
	    from_domain == NULL || *from_domain == '\0')
		return false;
	for (i = 0; i < n; i++) {
		if (fields[i] == NULL || authres_parse(fields[i], &a) == -1)
			continue;
		for (k = 0; strcasecmp(a.authserv_id, authserv_id) == 0 &&
		    k < a.n; k++) {
			const struct authres_result *r = &a.r[k];
			bool	 ok = strcmp(r->result, "pass") == 0;

			if (strcmp(r->method, "dmarc") == 0 &&
			    r->header_from != NULL &&
			    strcasecmp(r->header_from, from_domain) == 0) {
				if (ok)
					pass = true;
				else if (strcmp(r->result, "fail") == 0)
					fail = true;
			} else if (strcmp(r->method, "dkim") == 0 && ok &&
			    aligned(r->header_d, from_domain))
				pass = true;
		}
		authres_clear(&a);
	}
	return pass && !fail;
}
