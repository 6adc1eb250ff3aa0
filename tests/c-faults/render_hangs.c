/* render never returns: the host must stop it at the time limit and name the library
 * (issue 14). */
#define FAULT_RENDER
#define FAULT_CHOSEN
#include "fault.h"

static uint32_t fault_render(const uint8_t *input, size_t len, FollowupBuffer *out) {
    volatile unsigned long spins = 0;
    (void)input;
    (void)len;
    (void)out;
    for (;;) {
        spins++;
    }
    return FOLLOWUP_STATUS_ERROR;
}
