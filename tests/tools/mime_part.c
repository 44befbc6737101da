/*
 * mime_part.c: a test tool that reads a delivered message with libetpan.
 *   mime_part FILE --tree          the MIME tree, one part a line:
 *                                  "  text/calendar; method=REQUEST; …"
 *   mime_part FILE TYPE/SUBTYPE    the decoded body of the first such part
 * Exit 1 when the message does not parse or has no such part.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libetpan/libetpan.h>

#include "util.h"

static const char *
major(const struct mailmime_type *t)
{
	static const char *const discrete[] = { "?", "text", "image", "audio",
	    "video", "application", "x" };
	static const char *const composite[] = { "?", "message", "multipart",
	    "x" };

	if (t->tp_type == MAILMIME_TYPE_DISCRETE_TYPE) {
		if (t->tp_data.tp_discrete_type->dt_type ==
		    MAILMIME_DISCRETE_TYPE_EXTENSION)
			return t->tp_data.tp_discrete_type->dt_extension;
		return discrete[t->tp_data.tp_discrete_type->dt_type];
	}
	if (t->tp_data.tp_composite_type->ct_type ==
	    MAILMIME_COMPOSITE_TYPE_EXTENSION)
		return t->tp_data.tp_composite_type->ct_token;
	return composite[t->tp_data.tp_composite_type->ct_type];
}

static void
print_type(const struct mailmime *m, int depth)
{
	clistiter			*it;
	struct mailmime_parameter	*p;

	printf("%*s%s/%s", depth * 2, "", major(m->mm_content_type->ct_type),
	    m->mm_content_type->ct_subtype);
	for (it = clist_begin(m->mm_content_type->ct_parameters); it != NULL;
	    it = clist_next(it)) {
		p = clist_content(it);
		if (strcasecmp(p->pa_name, "boundary") != 0)
			printf("; %s=%s", p->pa_name, p->pa_value);
	}
	putchar('\n');
}

static void
tree(const struct mailmime *m, int depth)
{
	clistiter	*it;

	if (m->mm_type == MAILMIME_MESSAGE) {
		if (m->mm_data.mm_message.mm_msg_mime != NULL)
			tree(m->mm_data.mm_message.mm_msg_mime, depth);
		return;
	}
	print_type(m, depth);
	if (m->mm_type != MAILMIME_MULTIPLE)
		return;
	for (it = clist_begin(m->mm_data.mm_multipart.mm_mp_list); it != NULL;
	    it = clist_next(it))
		tree(clist_content(it), depth + 1);
}

static const struct mailmime *
find(const struct mailmime *m, const char *want)
{
	const struct mailmime	*hit;
	clistiter		*it;
	char			*t;
	int			 same;

	if (m->mm_type == MAILMIME_MESSAGE)
		return m->mm_data.mm_message.mm_msg_mime != NULL ?
		    find(m->mm_data.mm_message.mm_msg_mime, want) : NULL;
	if (m->mm_type == MAILMIME_SINGLE) {
		xasprintf(&t, "%s/%s", major(m->mm_content_type->ct_type),
		    m->mm_content_type->ct_subtype);
		same = strcasecmp(t, want) == 0;
		free(t);
		return same ? m : NULL;
	}
	for (it = clist_begin(m->mm_data.mm_multipart.mm_mp_list); it != NULL;
	    it = clist_next(it))
		if ((hit = find(clist_content(it), want)) != NULL)
			return hit;
	return NULL;
}

static int
body(const struct mailmime *m)
{
	const struct mailmime_data	*d = m->mm_data.mm_single;
	char				*out;
	size_t				 indx = 0, len;
	int				 enc = MAILMIME_MECHANISM_8BIT;

	if (m->mm_mime_fields != NULL)
		enc = mailmime_transfer_encoding_get(m->mm_mime_fields);
	if (mailmime_part_parse(d->dt_data.dt_text.dt_data,
	    d->dt_data.dt_text.dt_length, &indx, enc, &out, &len) !=
	    MAILIMF_NO_ERROR)
		return 1;
	fwrite(out, 1, len, stdout);
	mmap_string_unref(out);
	return 0;
}

int
main(int argc, char **argv)
{
	struct mailmime	*m = NULL;
	const struct mailmime *part;
	struct buf	 b;
	char		 chunk[8192];
	size_t		 n, indx = 0;
	FILE		*f;
	int		 rc = 1;

	if (argc != 3 || (f = fopen(argv[1], "rb")) == NULL) {
		fprintf(stderr, "usage: mime_part FILE --tree|TYPE/SUBTYPE\n");
		return 2;
	}
	buf_init(&b, 64 * 1024 * 1024);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	if (mailmime_parse(b.data, b.len, &indx, &m) != MAILIMF_NO_ERROR) {
		fprintf(stderr, "mime_part: %s: does not parse\n", argv[1]);
		buf_free(&b);
		return 1;
	}
	if (strcmp(argv[2], "--tree") == 0) {
		tree(m, 0);
		rc = 0;
	} else if ((part = find(m, argv[2])) != NULL)
		rc = body(part);
	mailmime_free(m);
	buf_free(&b);
	return rc;
}
