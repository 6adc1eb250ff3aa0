/* render answers a draft whose check has a level that does not exist: followup must
 * name the field (checks[0].level) and the schema. */
#define FAULT_RENDER
#include "fault.h"

static uint32_t fault_render(const uint8_t *input, size_t len, FollowupBuffer *out) {
    (void)input;
    (void)len;
    return fault_answer(out, FOLLOWUP_STATUS_OK,
                        "{\"body\":\"Dear Dana\",\"checks\":[{\"name\":\"length\","
                        "\"level\":\"grand\",\"message\":\"short\"}]}");
}
