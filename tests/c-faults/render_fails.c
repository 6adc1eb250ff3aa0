/* render answers an error: followup's message must name the library file, not only
 * the channel. */
#define FAULT_RENDER
#include "fault.h"

static uint32_t fault_render(const uint8_t *input, size_t len, FollowupBuffer *out) {
    (void)input;
    (void)len;
    return fault_answer(out, FOLLOWUP_STATUS_ERROR, "no pigeon is free today");
}
