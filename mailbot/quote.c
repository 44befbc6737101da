/*
 * quote.c: finds what the sender of a reply wrote. Plain text is read line
 * by line from the top: the first quote header or signature ends the new
 * text, ">" lines are dropped. HTML loses its quote blocks in a tag scan
 * before it becomes text. Pure: no I/O.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mail.h"
#include "quote.h"
#include "util.h"

#define SAFELINKS	"safelinks.protection.outlook.com"
#define GROUP_MAX	3	/* lines an attribution may wrap over */
#define GROUP_LEN	400	/* longer "lines" are prose, not a header */
#define HEADER_SPAN	16	/* lines a header block may take */

/* What happens to a line before the cut. */
enum mark {
	MARK_KEEP,
	MARK_GAP,	/* a quote or inline header: one blank line stays */
	MARK_DROP	/* noise: gone without a trace */
};

enum closing {
	CLOSING_NONE,
	CLOSING_DROP,	/* Dutch: the closing and all after it go */
	CLOSING_KEEP	/* English, German: the closing and a name stay */
};

/* The normalised copy of the text, cut into NUL-terminated lines. */
struct text {
	char	 *buf;
	size_t	  len;		/* of buf, before it was cut into lines */
	char	**line;
	size_t	  n;
};

struct header_key {
	const char	*word;
	bool		 is_from;
};

/* Header words of Outlook-style blocks, lower-case (Cyrillic as sent). */
static const struct header_key header_keys[] = {
	{ "from", true }, { "van", true }, { "von", true }, { "de", true },
	{ "da", true }, { "fra", true }, { "från", true }, { "От", true },
	{ "sent", false }, { "verzonden", false }, { "gesendet", false },
	{ "envoyé", false }, { "enviado", false }, { "inviato", false },
	{ "skickat", false }, { "sendt", false }, { "Отправлено", false },
	{ "date", false }, { "datum", false }, { "data", false },
	{ "fecha", false }, { "dato", false }, { "Дата", false },
	{ "to", false }, { "aan", false }, { "an", false }, { "à", false },
	{ "À", false }, { "a", false }, { "para", false }, { "till", false },
	{ "til", false }, { "Кому", false },
	{ "cc", false }, { "bcc", false }, { "kopie", false },
	{ "kopia", false }, { "Копия", false },
	{ "subject", false }, { "onderwerp", false }, { "betreff", false },
	{ "objet", false }, { "oggetto", false }, { "asunto", false },
	{ "assunto", false }, { "ämne", false }, { "emne", false },
	{ "Тема", false },
	{ "reply-to", false }, { "antwoord aan", false },
	{ "antwort an", false }, { "risposta", false },
	{ "importance", false }, { "urgentie", false }, { "priority", false },
};

/* First words of a dated attribution: "On …", "Op …", "Am …", "Le …". */
static const char *const intro_words[] = {
	"on", "op", "am", "le", "el", "em", "il", "den", "dnia", "w", "der",
};

/* The verb of an attribution, in the languages our corpus holds. */
static const char *const wrote_words[] = {
	"wrote", "writes", "schreef", "geschreven", "schrieb",
	"geschrieben", "écrit", "escribió", "escreveu", "scritto", "skrev",
	"napisał", "написал", "написала", "пише", "пишет",
};

/* "-----Original Message-----": the words between the dashes. */
static const char *const separators[] = {
	"original message", "oorspronkelijk bericht",
	"ursprüngliche nachricht", "forwarded message",
	"doorgestuurd bericht", "weitergeleitete nachricht",
	"message d'origine", "message transféré", "mensaje original",
	"messaggio originale", "mensagem original", "opprinnelig melding",
	"ursprungligt meddelande", "oprindelig meddelelse",
};

/* Forward headers that end in a colon and need no dashes. */
static const char *const forward_lines[] = {
	"begin forwarded message:", "begin doorgestuurd bericht:",
	"anfang der weitergeleiteten nachricht:",
	"début du message réexpédié :", "inicio del mensaje reenviado:",
};

/* Mobile and webmail signatures: a prefix, then a device or app name. */
static const char *const sent_from[] = {
	"sent from", "sent with", "sent via", "sent using", "get outlook for",
	"verzonden vanaf", "verzonden vanuit", "verzonden met",
	"verzonden van", "verstuurd vanaf", "verstuurd vanuit",
	"verstuurd met", "verstuurd van", "outlook voor", "download outlook",
	"von meinem", "gesendet von", "gesendet mit", "envoyé de",
	"envoyé depuis", "enviado desde", "enviado do", "sendt fra",
	"skickat från", "inviato da", "diese nachricht wurde von",
};

static const char *const devices[] = {
	"iphone", "ipad", "android", "blackberry", "samsung", "galaxy",
	"mobil", "phone", "telefoon", "outlook", "mail", "huawei", "pixel",
	"tablet", "device", "apparaat", "sparrow", "spark", "ios",
};

/* Disclaimers start so; '-' in a pattern may be missing ("email"). */
static const char *const disclaimers[] = {
	"dit e-mailbericht is uitsluitend bestemd",
	"dit e-mailbericht is alleen bestemd",
	"dit bericht is uitsluitend bestemd",
	"dit e-mailbericht en eventuele bijlagen",
	"dit e-mailbericht en de eventuele bijlagen",
	"de informatie verzonden met dit e-mailbericht",
	"de informatie in dit e-mailbericht",
	"aan dit e-mailbericht kunnen geen rechten",
	"this e-mail and any attachments",
	"this e-mail message and any attachments",
	"this message and any attachments",
	"this e-mail is intended only", "this e-mail is confidential",
	"the information contained in this e-mail",
	"the information in this e-mail",
	"confidentiality notice", "disclaimer:",
	"diese e-mail enthält vertrauliche",
	"diese nachricht enthält vertrauliche",
};

/* Lines that are dropped alone, wherever they are. */
static const char *const noise[] = {
	"[cid:", "[image:", "please consider the environment",
	"denk aan het milieu", "think before you print",
};

static const char *const closings_nl[] = {
	"met vriendelijke groet", "met vriendelijke groeten",
	"met een vriendelijke groet", "vriendelijke groet",
	"vriendelijke groeten", "met hartelijke groet",
	"met hartelijke groeten", "hartelijke groet", "hartelijke groeten",
	"hartelijke groetjes", "met collegiale groet",
	"met collegiale groeten", "groet", "groeten", "groetjes", "mvg",
	"m.v.g.", "vr.gr.", "vr. gr.", "gr.",
};

static const char *const closings_keep[] = {
	"kind regards", "best regards", "warm regards", "warmest regards",
	"with kind regards", "with best regards", "regards", "best wishes",
	"sincerely", "yours sincerely", "cheers", "best",
	"mit freundlichen grüßen", "mit freundlichem gruß",
	"freundliche grüße", "viele grüße", "beste grüße", "liebe grüße",
	"mit lieben grüßen", "gruß", "grüße",
};

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Letters and digits, ASCII or any byte of a UTF-8 sequence. */
static bool
is_word_byte(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c >= 0x80;
}

static bool
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static const char *
skip_ws(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/*
 * The end of pat at the start of s, or NULL. ASCII letters match in either
 * case; a '-' in pat may be missing from s ("e-mail" matches "email"). A
 * pattern that ends in a letter must end a word of s.
 */
static const char *
prefix_ci(const char *s, const char *pat)
{
	const unsigned char	*p = (const unsigned char *)pat;
	const unsigned char	*q = (const unsigned char *)s;

	while (*p != '\0') {
		if (*q != '\0' && lower(*q) == lower(*p)) {
			q++;
			p++;
		} else if (*p == '-')
			p++;
		else
			return NULL;
	}
	if (is_word_byte(p[-1]) && is_word_byte(*q))
		return NULL;
	return (const char *)q;
}

/* True when the word w occurs in s with a word boundary before it. */
static bool
has_word(const char *s, const char *w)
{
	size_t	 i;

	for (i = 0; s[i] != '\0'; i++) {
		if (i > 0 && is_word_byte((unsigned char)s[i - 1]))
			continue;
		if (prefix_ci(s + i, w) != NULL)
			return true;
	}
	return false;
}

static bool
has_any_word(const char *s, const char *const *w, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (has_word(s, w[i]))
			return true;
	return false;
}

static const char *
prefix_any(const char *s, const char *const *pat, size_t n)
{
	const char	*e;
	size_t		 i;

	for (i = 0; i < n; i++)
		if ((e = prefix_ci(s, pat[i])) != NULL)
			return e;
	return NULL;
}

/* A case-insensitive strstr for ASCII needles. */
static const char *
find_ci(const char *s, const char *needle)
{
	size_t	 i, n = strlen(needle);

	for (; *s != '\0'; s++) {
		for (i = 0; i < n && s[i] != '\0' &&
		    lower((unsigned char)s[i]) == lower((unsigned char)needle[i]);
		    i++)
			;
		if (i == n)
			return s;
	}
	return NULL;
}

static bool
is_blank(const char *l)
{
	return *skip_ws(l) == '\0';
}

static bool
is_quoted(const char *l)
{
	return *skip_ws(l) == '>';
}

/* The first line at or after i that is not blank, or n. */
static size_t
next_filled(const struct text *t, size_t i)
{
	while (i < t->n && is_blank(t->line[i]))
		i++;
	return i;
}

/* True when the next filled line from i on is quoted ('|' too if bar). */
static bool
quote_follows(const struct text *t, size_t i, bool bar)
{
	const char	*l;

	i = next_filled(t, i);
	if (i >= t->n)
		return false;
	l = skip_ws(t->line[i]);
	return *l == '>' || (bar && *l == '|');
}

/* ---- Normalising ------------------------------------------------------ */

static int
hex_value(int c)
{
	if (is_digit(c))
		return c - '0';
	c = lower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Appends the percent-decoded url= parameter of [s, end), if any. */
static void
safelink_target(struct buf *b, const char *s, const char *end)
{
	const char	*p;
	char		 c;
	int		 hi, lo;

	for (p = s; p + 5 <= end; p++)
		if ((*p == '?' || *p == '&') && strncmp(p + 1, "url=", 4) == 0)
			break;
	if (p + 5 > end)
		return;
	for (p += 5; p < end && *p != '&'; p++) {
		c = *p;
		if (c == '%' && p + 2 < end && (hi = hex_value(p[1])) >= 0 &&
		    (lo = hex_value(p[2])) >= 0) {
			c = (char)(hi * 16 + lo);
			p += 2;
		}
		buf_add(b, &c, 1);
	}
}

static bool
url_stop(int c)
{
	return c == '\0' || c == ' ' || c == '\t' || c == '\n' || c == '<' ||
	    c == '>' || c == '(' || c == ')' || c == '[' || c == ']' ||
	    c == '"';
}

/*
 * Outlook Safe Links: "text<https://…safelinks…>" loses the bracketed
 * wrapper; a bare wrapper becomes the URL it wraps.
 */
static char *
safelinks_strip(const char *s)
{
	struct buf	 b;
	const char	*p = s, *hit, *start, *end;
	char		 open, close;

	buf_init(&b, strlen(s) + 1);
	while ((hit = find_ci(p, SAFELINKS)) != NULL) {
		for (start = hit; start > p && !url_stop(start[-1]); start--)
			;
		for (end = hit; !url_stop(*end); end++)
			;
		open = start > p ? start[-1] : '\0';
		close = *end;
		if ((open == '<' && close == '>') ||
		    (open == '(' && close == ')') ||
		    (open == '[' && close == ']')) {
			buf_add(&b, p, (size_t)(start - 1 - p));
			p = end + 1;
		} else {
			buf_add(&b, p, (size_t)(start - p));
			safelink_target(&b, start, end);
			p = end;
		}
	}
	buf_addstr(&b, p);
	return buf_take(&b);
}

/* CRLF and CR become LF, NBSP a space; BOM and zero-width spaces go. */
static char *
normalise(const char *s)
{
	struct buf	 b;
	const char	*p, *run;
	size_t		 n;

	buf_init(&b, strlen(s) + 1);
	for (p = s; *p != '\0'; p += n) {
		/* Plain text is copied a run at a time. */
		n = strcspn(p, "\r\xc2\xef\xe2");
		buf_add(&b, p, n);
		run = p + n;
		if (*run == '\0')
			break;
		if (run[0] == '\r') {
			buf_add(&b, "\n", 1);
			n += run[1] == '\n' ? 2 : 1;
		} else if (strncmp(run, "\xc2\xa0", 2) == 0) {
			buf_add(&b, " ", 1);
			n += 2;
		} else if (strncmp(run, "\xef\xbb\xbf", 3) == 0 ||
		    strncmp(run, "\xe2\x80\x8b", 3) == 0)
			n += 3;
		else {
			buf_add(&b, run, 1);
			n += 1;
		}
	}
	return buf_take(&b);
}

static void
text_init(struct text *t, const char *s)
{
	char	*norm, *p, *e;
	size_t	 n = 1;

	norm = normalise(s);
	t->buf = safelinks_strip(norm);
	t->len = strlen(t->buf);
	free(norm);
	for (p = t->buf; *p != '\0'; p++)
		if (*p == '\n')
			n++;
	t->line = xreallocarray(NULL, n, sizeof(*t->line));
	t->n = 0;
	for (p = t->buf;;) {
		t->line[t->n++] = p;
		e = strchr(p, '\n');
		if (e != NULL)
			*e = '\0';
		/* trailing white space is noise, "-- " becomes "--" */
		for (p = p + strlen(p); p > t->line[t->n - 1] &&
		    (p[-1] == ' ' || p[-1] == '\t'); p--)
			p[-1] = '\0';
		if (e == NULL)
			break;
		p = e + 1;
	}
}

static void
text_free(struct text *t)
{
	free(t->line);
	free(t->buf);
	t->line = NULL;
	t->buf = NULL;
}

/* ---- Quote headers ---------------------------------------------------- */

/* A 4-digit year 19xx or 20xx, standing alone. */
static bool
has_year(const char *s)
{
	size_t	 i;

	for (i = 0; s[i] != '\0'; i++) {
		if (i > 0 && is_digit(s[i - 1]))
			continue;
		if ((strncmp(s + i, "19", 2) == 0 || strncmp(s + i, "20", 2) ==
		    0) && is_digit(s[i + 2]) && is_digit(s[i + 3]) &&
		    !is_digit(s[i + 4]))
			return true;
	}
	return false;
}

/* A clock time: "9:05", "14:41". */
static bool
has_time(const char *s)
{
	const char	*c;

	for (c = strchr(s, ':'); c != NULL; c = strchr(c + 1, ':'))
		if (c > s && is_digit(c[-1]) && is_digit(c[1]) &&
		    is_digit(c[2]) && !is_digit(c[3]))
			return true;
	return false;
}

/* An address in angle brackets (plain or as entities) or "[mailto:". */
static bool
has_bracketed_address(const char *s)
{
	const char	*at = strchr(s, '@');

	if (at == NULL)
		return false;
	return (memchr(s, '<', (size_t)(at - s)) != NULL &&
	    strchr(at, '>') != NULL) || strstr(s, "&lt;") != NULL ||
	    strstr(s, "[mailto:") != NULL;
}

static bool
starts_with_intro(const char *s)
{
	const char	*e;
	size_t		 i;

	s = skip_ws(s);
	while (*s == '-' || *s == '*' || *s == ' ')
		s++;
	for (i = 0; i < nitems(intro_words); i++)
		if ((e = prefix_ci(s, intro_words[i])) != NULL &&
		    (*e == ' ' || *e == ','))
			return true;
	return false;
}

/*
 * Decides whether s, one attribution candidate joined into one line, is
 * an attribution. It must end in a colon (or in dashes, "---- On … wrote
 * ----") and name who wrote it: with a verb and a date or an address, with
 * a time and an address alone (Yandex, mail.ru), or followed by a quote.
 */
static bool
attribution_text(char *s, bool quote_next)
{
	char	*e;
	size_t	 dashes = 0;
	bool	 colon, verb, addr, baddr, when, intro;

	intro = starts_with_intro(s);
	for (e = s + strlen(s); e > s && strchr(" -*", e[-1]) != NULL; e--)
		dashes += e[-1] == '-';
	*e = '\0';
	colon = (e > s && e[-1] == ':') || dashes >= 2;
	verb = has_any_word(s, wrote_words, nitems(wrote_words));
	addr = strchr(s, '@') != NULL;
	baddr = has_bracketed_address(s);
	when = has_year(s) || has_time(s);
	if (colon && verb && ((intro && (when || addr)) || addr || quote_next))
		return true;
	if (colon && baddr && has_time(s))
		return true;
	return quote_next && baddr && when;
}

static bool
ends_sentence(const char *l)
{
	size_t	 n = strlen(l);

	return n > 0 && strchr(".!?", l[n - 1]) != NULL;
}

/*
 * Joins lines [i, i + k) into out when they may form one wrapped
 * attribution: all filled and unquoted; the first opens with a date or an
 * intro word and holds a year or a time (clients wrap after the date, and
 * "Op dinsdag kan ik, met 2 personen" is an answer); no inner line ends a
 * sentence; no later line opens with an intro word (the attribution would
 * start there).
 */
static bool
group_join(const struct text *t, size_t i, size_t k, char *out)
{
	const char	*first = t->line[i];
	size_t		 j, len = 0, n;

	if (k > 1 && ((!starts_with_intro(first) &&
	    !is_digit(*skip_ws(first))) || !(has_year(first) ||
	    has_time(first))))
		return false;
	for (j = i; j < i + k; j++) {
		if (j >= t->n || is_blank(t->line[j]) || is_quoted(t->line[j]))
			return false;
		if (j > i && (ends_sentence(t->line[j - 1]) ||
		    starts_with_intro(t->line[j])))
			return false;
		n = strlen(t->line[j]);
		if (len + n + 2 > GROUP_LEN)
			return false;
		if (j > i)
			out[len++] = ' ';
		memcpy(out + len, t->line[j], n);
		len += n;
	}
	out[len] = '\0';
	return true;
}

/* The number of lines of the attribution starting at line i, or 0. */
static size_t
attribution_at(const struct text *t, size_t i)
{
	char	 g[GROUP_LEN];
	size_t	 k;

	for (k = 1; k <= GROUP_MAX; k++)
		if (group_join(t, i, k, g) &&
		    attribution_text(g, quote_follows(t, i + k, true)))
			return k;
	return 0;
}

/* "-----Original Message-----", "Begin forwarded message:" and kin. */
static bool
is_separator(const char *l)
{
	char	 w[128];
	size_t	 i, n, dashes = 0;

	l = skip_ws(l);
	if (prefix_any(l, forward_lines, nitems(forward_lines)) != NULL)
		return true;
	for (; *l == '-' || *l == '*' || *l == ' ' || *l == '_'; l++)
		dashes += *l == '-';
	n = strlen(l);
	while (n > 0 && strchr("-* _", l[n - 1]) != NULL)
		dashes += l[--n] == '-';
	if (dashes < 2 || n == 0 || n >= sizeof(w))
		return false;
	for (i = 0; i < n; i++)
		w[i] = (char)lower((unsigned char)l[i]);
	w[n] = '\0';
	for (i = 0; i < nitems(separators); i++)
		if (strcmp(w, separators[i]) == 0)
			return true;
	return false;
}

/*
 * The index in header_keys of the "Key:" opening line l ("*Van:*" and
 * "De :" too), with *value_out after the colon; -1 if there is none.
 */
static int
header_key(const char *l, const char **value_out)
{
	char	 k[32];
	size_t	 n = 0, i;

	l = skip_ws(l);
	while (*l == '*')
		l++;
	for (; *l != ':' && *l != '\0'; l++) {
		if (n + 1 >= sizeof(k) || (!is_word_byte((unsigned char)*l) &&
		    *l != '-' && *l != ' ' && *l != '*'))
			return -1;
		k[n++] = (char)lower((unsigned char)*l);
	}
	while (n > 0 && (k[n - 1] == ' ' || k[n - 1] == '*'))
		n--;
	if (*l != ':' || n == 0)
		return -1;
	k[n] = '\0';
	for (l++; *l == '*' || *l == ' '; l++)
		;
	*value_out = l;
	for (i = 0; i < nitems(header_keys); i++)
		if (strcmp(k, header_keys[i].word) == 0)
			return (int)i;
	return -1;
}

/*
 * The number of lines of the header block starting at line i, or 0. A
 * block is "Key: value" lines of known header words with at most one other
 * line (a wrapped subject, "On Behalf Of") between two of them. It needs
 * three different keys, or two when the From line holds an address:
 * "Van: mijn kant is het goed" alone is an answer, not a header.
 */
static size_t
header_block_at(const struct text *t, size_t i)
{
	bool		 seen[nitems(header_keys)] = { false };
	const char	*v;
	size_t		 j, end = i, distinct = 0, other = 0;
	bool		 from_addr = false;
	int		 k;

	for (j = i; j < t->n && j < i + HEADER_SPAN; j++) {
		if (is_quoted(t->line[j]))
			break;
		if ((k = header_key(t->line[j], &v)) < 0) {
			if (j == i || ++other > 1)
				break;
			continue;
		}
		other = 0;
		end = j + 1;
		if (!seen[k])
			distinct++;
		seen[k] = true;
		if (header_keys[k].is_from && strchr(v, '@') != NULL)
			from_addr = true;
	}
	if (distinct >= 3 || (distinct >= 2 && from_addr))
		return end - i;
	return 0;
}

/* The number of lines of the quote header at line i, or 0. */
static size_t
quote_header_at(const struct text *t, size_t i)
{
	size_t	 k;

	if (is_separator(t->line[i]))
		return 1;
	if ((k = header_block_at(t, i)) > 0)
		return k;
	return attribution_at(t, i);
}

/* ---- Signatures ------------------------------------------------------- */

/* "Sent from my iPhone": a known prefix, a device before any comma. */
static bool
is_sent_from(const char *l)
{
	const char	*rest, *comma;
	char		 dev[128];
	size_t		 n, i, words = 1;

	l = skip_ws(l);
	while (*l == '(' || *l == '<')
		l++;
	if ((rest = prefix_any(l, sent_from, nitems(sent_from))) == NULL)
		return false;
	comma = strchr(rest, ',');
	n = comma != NULL ? (size_t)(comma - rest) : strlen(rest);
	if (n >= sizeof(dev))
		return false;
	memcpy(dev, rest, n);
	dev[n] = '\0';
	for (i = 0; i < n; i++)
		words += dev[i] == ' ';
	if (words > 10)
		return false;
	for (i = 0; i < nitems(devices); i++)
		if (find_ci(dev, devices[i]) != NULL)
			return true;
	return false;
}

/* A rule of ten or more underscores: Outlook's, a mailing list's. */
static bool
is_rule(const char *l)
{
	size_t	 n;

	l = skip_ws(l);
	n = strspn(l, "_");
	return n >= 10 && *skip_ws(l + n) == '\0';
}

static bool
is_signature(const char *l)
{
	const char	*s = skip_ws(l);

	return strcmp(s, "--") == 0 || is_rule(s) || is_sent_from(s) ||
	    prefix_any(s, disclaimers, nitems(disclaimers)) != NULL;
}

static bool
is_noise(const char *l)
{
	return prefix_any(skip_ws(l), noise, nitems(noise)) != NULL;
}

/* A name on a line: short, no digits, no address, no question. */
static bool
is_name_like(const char *s)
{
	size_t	 n, i, words = 1;

	s = skip_ws(s);
	n = strlen(s);
	if (n == 0 || n > 40 || strchr("-_*=>", *s) != NULL ||
	    strchr(".?:", s[n - 1]) != NULL)
		return false;
	for (i = 0; i < n; i++) {
		if (is_digit(s[i]) || s[i] == '@' || s[i] == ':')
			return false;
		words += s[i] == ' ';
	}
	return words <= 5;
}

/*
 * Whether what follows a closing phrase keeps it a closing: nothing,
 * punctuation, "/ Kind regards", or a capitalised name ("Groet, Jan").
 * "Groeten uit Parijs" is a sentence.
 */
static bool
closing_rest(const char *e)
{
	bool	 slash = false;

	for (; *e != '\0' && strchr(" \t,.!;:/-", *e) != NULL; e++)
		slash = slash || *e == '/';
	if (*e == '\0' || slash)
		return true;
	return ((*e >= 'A' && *e <= 'Z') || (unsigned char)*e >= 0x80) &&
	    is_name_like(e);
}

static enum closing
closing_kind(const char *l)
{
	const char	*e;
	size_t		 i;

	l = skip_ws(l);
	for (i = 0; i < nitems(closings_nl); i++)
		if ((e = prefix_ci(l, closings_nl[i])) != NULL &&
		    closing_rest(e))
			return CLOSING_DROP;
	for (i = 0; i < nitems(closings_keep); i++)
		if ((e = prefix_ci(l, closings_keep[i])) != NULL &&
		    closing_rest(e))
			return CLOSING_KEEP;
	return CLOSING_NONE;
}

/*
 * Where the text ends after an English or German closing at line i: after
 * the name under it (blank lines between allowed). 0 when no name follows:
 * then it was no closing ("Best." is Dutch for "fine").
 */
static size_t
closing_end(const struct text *t, size_t i)
{
	size_t	 j = next_filled(t, i + 1);

	if (j < t->n && j <= i + 3 && !is_quoted(t->line[j]) &&
	    is_name_like(t->line[j]) && !is_signature(t->line[j]) &&
	    quote_header_at(t, j) == 0)
		return j + 1;
	return 0;
}

/* ---- The cut ---------------------------------------------------------- */

/*
 * Marks quoted and noise lines, and returns the line where the new text
 * ends: the first quote header or signature. A header before anything the
 * sender wrote, followed by quoted lines, opens an inline reply instead.
 */
static size_t
visible_end(const struct text *t, unsigned char *mark)
{
	enum closing	 c;
	size_t		 i, k;
	bool		 seen = false;

	for (i = 0; i < t->n; i++) {
		if (is_blank(t->line[i]))
			continue;
		if (is_quoted(t->line[i])) {
			mark[i] = MARK_GAP;
			continue;
		}
		if ((k = quote_header_at(t, i)) > 0) {
			if (seen || !quote_follows(t, i + k, false))
				return i;
			memset(mark + i, MARK_GAP, k);
			i += k - 1;
			continue;
		}
		if (is_signature(t->line[i]))
			return i;
		c = closing_kind(t->line[i]);
		if (c == CLOSING_DROP)
			return i;
		if (c == CLOSING_KEEP && (k = closing_end(t, i)) > 0)
			return k;
		if (is_noise(t->line[i]))
			mark[i] = MARK_DROP;
		else
			seen = true;
	}
	return t->n;
}

/* A line without letters or digits: rules, "***", a tracking "ᐧ". */
static bool
is_junk(const char *l)
{
	for (;;) {
		l += strspn(l, " \t-_*=~+#.|");
		if (strncmp(l, "\xe1\x90\xa7", 3) == 0)
			l += 3;
		else
			return *l == '\0';
	}
}

/* "-Abhishek Kona", "-A": a dash and a name, signing off. */
static bool
is_sign_off(const char *l)
{
	l = skip_ws(l);
	return l[0] == '-' && l[1] >= 'A' && l[1] <= 'Z' && is_name_like(l + 1);
}

static bool
is_content(const struct text *t, const unsigned char *mark, size_t i)
{
	return mark[i] == MARK_KEEP && !is_blank(t->line[i]);
}

/* The end of the text to show: trailing junk and a sign-off go. */
static size_t
trim_end(const struct text *t, const unsigned char *mark, size_t end)
{
	bool	 signed_off = false;

	for (;;) {
		while (end > 0 && (!is_content(t, mark, end - 1) ||
		    is_junk(t->line[end - 1])))
			end--;
		if (end == 0 || signed_off || !is_sign_off(t->line[end - 1]))
			return end;
		signed_off = true;
		end--;
	}
}

/*
 * Joins the kept lines of [0, end). A run of blank lines stays as it is,
 * but one holding a removed quote becomes one blank line.
 */
static char *
text_join(const struct text *t, const unsigned char *mark, size_t end)
{
	struct buf	 b;
	size_t		 i, blanks = 0;
	bool		 gap = false, started = false;

	buf_init(&b, t->len + t->n + 1);
	for (i = 0; i < end; i++) {
		if (mark[i] == MARK_DROP)
			continue;
		if (!is_content(t, mark, i)) {
			blanks += mark[i] == MARK_KEEP;
			gap = gap || mark[i] == MARK_GAP;
			continue;
		}
		if (started) {
			buf_add(&b, "\n", 1);
			for (blanks = gap ? 1 : blanks; blanks > 0; blanks--)
				buf_add(&b, "\n", 1);
		}
		buf_addstr(&b, t->line[i]);
		started = true;
		blanks = 0;
		gap = false;
	}
	return buf_take(&b);
}

char *
quote_visible(const char *text)
{
	struct text	 t;
	unsigned char	*mark;
	size_t		 end;
	char		*out;

	text_init(&t, text);
	mark = xcalloc(t.n, 1);
	end = trim_end(&t, mark, visible_end(&t, mark));
	out = text_join(&t, mark, end);
	free(mark);
	text_free(&t);
	return str_trim(out);
}

/* ---- HTML ------------------------------------------------------------- */

struct tag {
	const char	*start;		/* the '<' */
	const char	*end;		/* just past the '>' */
	const char	*attrs;		/* just past the name */
	char		 name[16];	/* lower-case, truncated */
	bool		 closing;
	bool		 empty;		/* "<br/>" */
};

static bool
is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/*
 * The end of a tag whose attributes start at p: past its '>', or NULL. A
 * quote opens a value only after '='; one that never closes is text.
 */
static const char *
tag_close(const char *p)
{
	const char	*q;
	char		 last = ' ';

	for (; *p != '\0' && *p != '>'; p++) {
		if ((*p == '"' || *p == '\'') && last == '=' &&
		    (q = strchr(p + 1, *p)) != NULL) {
			p = q;
			last = *p;
			continue;
		}
		if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
			last = *p;
	}
	return *p == '>' ? p + 1 : NULL;
}

/* Parses the tag at p ('<' then a letter or "/letter"). */
static bool
tag_parse(const char *p, struct tag *t)
{
	const char	*q = p + 1;
	size_t		 n = 0;

	t->start = p;
	t->closing = *q == '/';
	if (t->closing)
		q++;
	if (!is_alpha(*q))
		return false;
	for (; is_alpha(*q) || is_digit(*q) || *q == ':' || *q == '-'; q++)
		if (n + 1 < sizeof(t->name))
			t->name[n++] = (char)lower((unsigned char)*q);
	t->name[n] = '\0';
	t->attrs = q;
	if ((t->end = tag_close(q)) == NULL)
		return false;
	t->empty = t->end[-2] == '/';
	return true;
}

/*
 * The next tag at or after p, skipping comments, "<!…>", "<?…>" and a
 * '<' that opens no tag. False at the end, or when a tag never closes.
 */
static bool
tag_next(const char *p, struct tag *t)
{
	const char	*q;

	while ((p = strchr(p, '<')) != NULL) {
		if (strncmp(p, "<!--", 4) == 0) {
			if ((q = strstr(p + 4, "-->")) == NULL)
				return false;
			p = q + 3;
		} else if (p[1] == '!' || p[1] == '?') {
			if ((q = strchr(p, '>')) == NULL)
				return false;
			p = q + 1;
		} else if (is_alpha(p[1]) || (p[1] == '/' && is_alpha(p[2])))
			return tag_parse(p, t);
		else
			p++;
	}
	return false;
}

/* Style and script hold text, not tags: the end of their raw content. */
static const char *
raw_end(const struct tag *t)
{
	const char	*q;

	if (t->closing || t->empty || (strcmp(t->name, "style") != 0 &&
	    strcmp(t->name, "script") != 0))
		return t->end;
	if (strcmp(t->name, "style") == 0)
		q = find_ci(t->end, "</style");
	else
		q = find_ci(t->end, "</script");
	return q != NULL ? q : t->end + strlen(t->end);
}

/* The value of attribute name in t, as a new string, or NULL. */
static char *
tag_attr(const struct tag *t, const char *name)
{
	const char	*p = t->attrs, *n, *v;
	size_t		 len;

	while (p < t->end - 1) {
		while (p < t->end - 1 && !is_alpha(*p))
			p++;
		for (n = p; p < t->end - 1 && (is_alpha(*p) || is_digit(*p) ||
		    *p == '-' || *p == '_' || *p == ':'); p++)
			;
		len = (size_t)(p - n);
		p = skip_ws(p);
		if (*p != '=') {
			if (p == n)
				p++;
			continue;
		}
		p = skip_ws(p + 1);
		if (*p == '"' || *p == '\'') {
			v = p + 1;
			p = strchr(v, *p);
			if (p == NULL || p > t->end - 1)
				p = t->end - 1;
		} else
			for (v = p; p < t->end - 1 && *p != ' ' && *p != '\t' &&
			    *p != '\n'; p++)
				;
		if (len == strlen(name) && prefix_ci(n, name) != NULL)
			return xstrndup(v, (size_t)(p - v));
	}
	return NULL;
}

/* True when the class attribute of t holds one of the words. */
static bool
tag_class(const struct tag *t, const char *const *words, size_t nw)
{
	const char	*e;
	char		*c, *p;
	bool		 hit = false;
	size_t		 i;

	if ((c = tag_attr(t, "class")) == NULL)
		return false;
	for (p = c; *p != '\0' && !hit; p++) {
		if (p > c && p[-1] != ' ' && p[-1] != '\t' && p[-1] != '\n')
			continue;
		/* whole words: "gmail_quote", not "gmail_quote_x" */
		for (i = 0; i < nw && !hit; i++)
			hit = (e = prefix_ci(p, words[i])) != NULL &&
			    strchr(" \t\n", *e) != NULL;
	}
	free(c);
	return hit;
}

/* True when attribute name of t contains one of the needles. */
static bool
tag_attr_has(const struct tag *t, const char *name,
    const char *const *needles, size_t nn)
{
	char	*v;
	bool	 hit = false;
	size_t	 i, j, k;

	if ((v = tag_attr(t, name)) == NULL)
		return false;
	/* compare without white space: "border-top: solid  #E1E1E1" */
	for (i = j = 0; v[i] != '\0'; i++)
		if (v[i] != ' ' && v[i] != '\t' && v[i] != '\n' && v[i] != '\r')
			v[j++] = v[i];
	v[j] = '\0';
	for (k = 0; k < nn && !hit; k++)
		hit = find_ci(v, needles[k]) != NULL;
	free(v);
	return hit;
}

/* An element that holds a quote: removed with all it contains. */
static bool
html_is_quote(const struct tag *t)
{
	static const char *const classes[] = { "gmail_quote",
	    "gmail_quote_container", "yahoo_quoted", "moz-cite-prefix",
	    "protonmail_quote" };
	static const char *const ids[] = { "yahoo_quoted" };

	if (t->closing)
		return false;
	return strcmp(t->name, "blockquote") == 0 ||
	    tag_class(t, classes, nitems(classes)) ||
	    tag_attr_has(t, "id", ids, nitems(ids));
}

/* Outlook's separators: they and everything after them go. */
static bool
html_cuts_rest(const struct tag *t)
{
	static const char *const ids[] = { "divRplyFwdMsg", "appendonsend",
	    "mail-editor-reference-message-container" };
	static const char *const hr_ids[] = { "stopSpelling", "zwchr" };
	static const char *const borders[] = { "border-top:solid#E1E1E1",
	    "border-top:solid#B5C4DF", "border-top:solid#E5E5E5",
	    "border-top-color:rgb(229,229,229)" };

	if (t->closing)
		return false;
	if (tag_attr_has(t, "id", ids, nitems(ids)))
		return true;
	if (strcmp(t->name, "hr") == 0)
		return tag_attr_has(t, "id", hr_ids, nitems(hr_ids));
	return strcmp(t->name, "div") == 0 &&
	    tag_attr_has(t, "style", borders, nitems(borders));
}

/*
 * The end of the element the opening tag open starts: past its closing
 * tag (nested ones of the same name counted), or the end of the text.
 */
static const char *
element_end(const struct tag *open)
{
	struct tag	 t;
	const char	*p = open->end;
	size_t		 depth = 1;

	if (open->empty)
		return open->end;
	while (tag_next(p, &t)) {
		p = raw_end(&t);
		if (strcmp(t.name, open->name) != 0 || t.empty)
			continue;
		if (!t.closing)
			depth++;
		else if (--depth == 0)
			return t.end;
	}
	return open->end + strlen(open->end);
}

char *
quote_html_strip(const char *html)
{
	struct buf	 b;
	struct tag	 t;
	const char	*p = html, *next;

	buf_init(&b, strlen(html) + 1);
	while (tag_next(p, &t)) {
		if (html_cuts_rest(&t)) {
			buf_add(&b, p, (size_t)(t.start - p));
			return buf_take(&b);
		}
		if (html_is_quote(&t)) {
			buf_add(&b, p, (size_t)(t.start - p));
			p = element_end(&t);
			continue;
		}
		next = raw_end(&t);
		buf_add(&b, p, (size_t)(next - p));
		p = next;
	}
	buf_addstr(&b, p);
	return buf_take(&b);
}

char *
quote_mail_visible(const struct mail *m)
{
	char	*html, *text, *v;

	if (m->text != NULL && *m->text != '\0' && m->html == NULL)
		return quote_visible(m->text);
	if (m->html == NULL)
		return xstrdup("");
	html = quote_html_strip(m->html);
	text = mail_html_to_text(html);
	v = quote_visible(text);
	free(html);
	free(text);
	return v;
}

/* ---- what is not ours ---- */

/* A line folded for comparing: no quote marks, emphasis, case, spacing. */
static char *
line_key(const char *s, size_t n)
{
	struct buf	 b;
	size_t		 i = 0;
	bool		 space = false;

	buf_init(&b, SIZE_MAX);
	while (i < n && (s[i] == '>' || s[i] == ' ' || s[i] == '\t'))
		i++;
	for (; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '*' || c == '_' || c == '\r')
			continue;
		if (c == ' ' || c == '\t') {
			space = b.len > 0;
			continue;
		}
		if (space)
			buf_add(&b, " ", 1);
		space = false;
		c = (unsigned char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		buf_add(&b, &c, 1);
	}
	return buf_take(&b);
}

/* "Van: …", "From: …", "Op … schreef …:", "On … wrote:": a client's. */
static bool
client_line(const char *key)
{
	static const char *const heads[] = { "van:", "verzonden:", "aan:",
	    "onderwerp:", "cc:", "datum:", "from:", "sent:", "to:",
	    "subject:", "date:", "von:", "gesendet:", "an:", "betreff:",
	    NULL };
	size_t	 i, n = strlen(key);

	for (i = 0; heads[i] != NULL; i++)
		if (strncmp(key, heads[i], strlen(heads[i])) == 0)
			return true;
	return n > 0 && key[n - 1] == ':' && (strstr(key, "schreef") !=
	    NULL || strstr(key, "wrote") != NULL || strstr(key, "schrieb") !=
	    NULL);
}

static int
key_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char *
quote_not_ours(const char *text, const char *ours)
{
	struct buf	 out;
	char		**keys = NULL, *k;
	const char	*p, *e;
	size_t		 n = 0, i;

	for (p = ours; p != NULL && *p != '\0'; p = *e != '\0' ? e + 1 : e) {
		e = p + strcspn(p, "\r\n");
		k = line_key(p, (size_t)(e - p));
		if (*k == '\0') {
			free(k);
			continue;
		}
		keys = xreallocarray(keys, n + 1, sizeof(*keys));
		keys[n++] = k;
	}
	if (n > 0)
		qsort(keys, n, sizeof(*keys), key_cmp);
	buf_init(&out, SIZE_MAX);
	for (p = text; p != NULL && *p != '\0'; p = *e != '\0' ? e + 1 : e) {
		e = p + strcspn(p, "\r\n");
		k = line_key(p, (size_t)(e - p));
		if (*k != '\0' && !client_line(k) && (n == 0 ||
		    bsearch(&k, keys, n, sizeof(*keys), key_cmp) == NULL)) {
			buf_add(&out, p, (size_t)(e - p));
			buf_add(&out, "\n", 1);
		}
		free(k);
	}
	for (i = 0; i < n; i++)
		free(keys[i]);
	free(keys);
	k = buf_take(&out);
	str_trim(k);
	return k;
}
