/*
 * fold.h: text folded for reading by rules (understand, return dates).
 */
#ifndef MAILBOT_FOLD_H
#define MAILBOT_FOLD_H

#include <stddef.h>

struct buf;

/*
 * fold_char: folds the UTF-8 sequence at p into one byte appended to out:
 * ASCII letters lower-cased, Latin-1 letters without their accent, curly
 * apostrophes as "'", en and em dashes as ",", anything else as a space.
 * Returns the bytes read at p (at least 1).
 */
size_t	fold_char(const unsigned char *p, struct buf *out);

#endif
