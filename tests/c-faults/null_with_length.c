/* manifest answers a NULL pointer with a length of 12 bytes: followup must say the
 * buffer is unusable, not that the entry table is broken. */
#define FAULT_MANIFEST
#include "fault.h"

static uint32_t fault_manifest(FollowupBuffer *out) {
    out->ptr = NULL;
    out->len = 12;
    out->cap = 0;
    return FOLLOWUP_STATUS_OK;
}
