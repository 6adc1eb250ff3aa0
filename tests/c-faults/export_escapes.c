/* export answers a file named ../x.txt: `followup plugins check` must fail it, not
 * leave it to `followup export` to refuse. */
#define FAULT_EXPORT
#include "fault.h"

static uint32_t fault_export(const uint8_t *input, size_t len, FollowupBuffer *out) {
    (void)input;
    (void)len;
    return fault_answer(out, FOLLOWUP_STATUS_OK,
                        "{\"files\":[{\"name\":\"../x.txt\",\"media_type\":\"text/plain\","
                        "\"content_base64\":\"eA==\"}]}");
}
