/*
 * fuzz.h: what the libFuzzer entry points in tests/fuzz/ share. Each
 * target is one file, NAME_fuzz.c, that feeds arbitrary bytes to one
 * parser of outside input; tests/fuzz/run.sh runs them.
 */
#ifndef MAILBOT_FUZZ_H
#define MAILBOT_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* The size bytes at data as a NUL-terminated string the caller frees. */
static inline char *
fuzz_str(const uint8_t *data, size_t size)
{
	char	*s;

	if ((s = malloc(size + 1)) == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

#endif
