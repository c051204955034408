#include "system_random.h"

#include <errno.h>
#if defined(__linux__)
#include <sys/random.h>
#else
#include <stdlib.h>
#endif

int hamkari_system_random(void *buffer, size_t length) {
#if defined(__linux__)
    unsigned char *bytes = buffer;
    size_t filled = 0;
    while (filled < length) {
        ssize_t count = getrandom(bytes + filled, length - filled, 0);
        if (count > 0) {
            filled += (size_t)count;
        } else if (count < 0 && errno != EINTR) {
            return -1;
        }
    }
    return 0;
#else
    arc4random_buf(buffer, length);
    return 0;
#endif
}
