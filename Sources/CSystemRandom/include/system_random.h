#ifndef HAMKARI_SYSTEM_RANDOM_H
#define HAMKARI_SYSTEM_RANDOM_H

#include <stddef.h>

/// Fills `length` bytes from the operating system's CSPRNG in as few calls as it takes
/// (getrandom(2) on Linux, arc4random_buf elsewhere). Returns 0, or -1 if the source failed.
/// Swift's Glibc module does not export <sys/random.h>, hence this header.
int hamkari_system_random(void *buffer, size_t length);

#endif
