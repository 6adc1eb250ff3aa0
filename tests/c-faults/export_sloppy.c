/* export answers a file with a media type that is no type/subtype and no content:
 * `followup plugins check` must fail both. */
#define FAULT_EXPORT
#include "fault.h"

static uint32_t fault_export(const uint8_t *input, size_t len, FollowupBuffer *out) {
    (void)input;
    (void)len;
    return fault_answer(out, FOLLOWUP_STATUS_OK,
                        "{\"files\":[{\"name\":\"note.txt\",\"media_type\":\"text\","
                        "\"content_base64\":\"\"}]}");
}
