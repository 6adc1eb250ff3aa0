/* render crashes the process with SIGSEGV: the draft fails naming the library, and the
 * other channels still draft (issue 14). */
#define FAULT_RENDER
#define FAULT_CHOSEN
#include "fault.h"

static volatile int *volatile nowhere = NULL;

static uint32_t fault_render(const uint8_t *input, size_t len, FollowupBuffer *out) {
    (void)input;
    (void)len;
    (void)out;
    /* A write through a null pointer, as a real bug makes it: `raise(SIGSEGV)` would
     * not do, since the Rust runtime's handler returns from a raised one. */
    *nowhere = 1;
    return FOLLOWUP_STATUS_ERROR;
}
