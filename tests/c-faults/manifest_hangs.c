/* manifest never returns: the host must stop it at the time limit and name the
 * library (issue 14). */
#define FAULT_MANIFEST
#include "fault.h"

static uint32_t fault_manifest(FollowupBuffer *out) {
    volatile unsigned long spins = 0;
    (void)out;
    for (;;) {
        spins++;
    }
    return FOLLOWUP_STATUS_ERROR;
}
