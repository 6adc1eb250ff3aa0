/* render calls abort(), as a Rust plugin built with panic = "abort" does when it
 * panics: the draft fails naming the library, and the other channels still draft
 * (issue 14). */
#define FAULT_RENDER
#define FAULT_CHOSEN
#include "fault.h"

static uint32_t fault_render(const uint8_t *input, size_t len, FollowupBuffer *out) {
    (void)input;
    (void)len;
    (void)out;
    abort();
}
