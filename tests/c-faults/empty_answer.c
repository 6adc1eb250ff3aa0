/* render answers FOLLOWUP_STATUS_OK with an empty buffer (ptr NULL, len 0): followup
 * must say the answer was empty, not "EOF while parsing a value". */
#define FAULT_RENDER
#include "fault.h"

static uint32_t fault_render(const uint8_t *input, size_t len, FollowupBuffer *out) {
    (void)input;
    (void)len;
    out->ptr = NULL;
    out->len = 0;
    out->cap = 0;
    return FOLLOWUP_STATUS_OK;
}
