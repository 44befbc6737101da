/*
 * util.h: allocation that never returns NULL, growable byte buffers with a
 * size cap, and small string helpers shared by every module.
 */
#ifndef MAILBOT_UTIL_H
#define MAILBOT_UTIL_H

#include <stdbool.h>
#include <stddef.h>

#define nitems(a)	(sizeof(a) / sizeof((a)[0]))

/* Allocators: they call fatalx() on failure or overflow, never return NULL. */
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
/* xasprintf: allocates the formatted string into *ret and returns its length. */
int	 xasprintf(char **ret, const char *, ...)
	    __attribute__((format(printf, 2, 3)));

/*
 * A growable byte buffer. It always keeps a NUL after the last byte, so
 * data can be read as a C string when it holds text. buf_add fails (-1)
 * when the buffer would grow past max; nothing is added then.
 */
struct buf {
	char	*data;
	size_t	 len;
	size_t	 size;
	size_t	 max;
};

void	 buf_init(struct buf *, size_t max);
int	 buf_add(struct buf *, const void *, size_t);
int	 buf_addstr(struct buf *, const char *);
int	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* buf_take: hands the contents to the caller (never NULL); the buf is
   empty after, and may be used again or freed. */
char	*buf_take(struct buf *);
void	 buf_free(struct buf *);

/* Lower-cases ASCII letters in place; returns s. */
char	*str_lower(char *s);
/* Removes leading and trailing ASCII white space in place; returns s. */
char	*str_trim(char *s);
/* True when s is NULL or holds only white space. */
bool	 str_is_blank(const char *s);
/*
 * utf8_len: the length of the well-formed UTF-8 sequence at s (RFC 3629:
 * no overlong forms, no surrogates, nothing past U+10FFFF), reading at
 * most left bytes; 0 when it is not one. A NUL ends any sequence, so
 * SIZE_MAX is a safe left for a NUL-terminated string.
 */
size_t	 utf8_len(const unsigned char *s, size_t left);
/* Parses a whole decimal number in [min, max]; 0 on success, -1 otherwise. */
int	 str_to_int(const char *s, long long min, long long max,
	    long long *out);

#endif
