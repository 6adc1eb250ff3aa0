/* manifest crashes the process with SIGSEGV: `followup plugins`, `plugins check`,
 * `plan` and `draft` must name the library, and the other plugins keep working,
 * because plugins run in a child process (issue 14). */
#define FAULT_MANIFEST
#include "fault.h"

static volatile int *volatile nowhere = NULL;

static uint32_t fault_manifest(FollowupBuffer *out) {
    (void)out;
    /* A write through a null pointer, as a real bug makes it: `raise(SIGSEGV)` would
     * not do, since the Rust runtime's handler returns from a raised one. */
    *nowhere = 1;
    return FOLLOWUP_STATUS_ERROR;
}
