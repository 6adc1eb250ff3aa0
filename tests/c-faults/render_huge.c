/* render answers 17 MiB, over the host's answer cap of 16 MiB: the host must refuse
 * it without reading it and name the library (issue 14; a 1 GB answer once took
 * 3.2 GB). */
#define FAULT_RENDER
#define FAULT_CHOSEN
#include "fault.h"

#define HUGE_ANSWER ((size_t)17 * 1024 * 1024)

static uint32_t fault_render(const uint8_t *input, size_t len, FollowupBuffer *out) {
    uint8_t *bytes = malloc(HUGE_ANSWER);
    (void)input;
    (void)len;
    out->ptr = NULL;
    out->len = 0;
    out->cap = 0;
    if (bytes == NULL) {
        return FOLLOWUP_STATUS_ERROR;
    }
    memset(bytes, ' ', HUGE_ANSWER);
    out->ptr = bytes;
    out->len = HUGE_ANSWER;
    out->cap = HUGE_ANSWER;
    return FOLLOWUP_STATUS_OK;
}
