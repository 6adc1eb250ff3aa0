/*
 * fault.h: what the deliberately broken C plugins of tests/c-faults share.
 *
 * Each fault is one small .c file that includes this header, defines the FAULT_*
 * macros it needs to break one rule of followup_plugin.h, and gets a correct plugin
 * for everything else: the manifest of the channel `pigeon` (thank-yous to
 * interviewers), a render that answers a valid draft, an export that answers one text
 * file, and a table of ABI 1.2. followup-test-support compiles each file alone
 * (cc -std=c99 -shared -fPIC) as libc_fault_<name>.so; the tests install it as the
 * plugin for `pigeon` and snapshot what followup says.
 */
#ifndef FAULT_H
#define FAULT_H

#include <stdlib.h>
#include <string.h>

#include "followup_plugin.h"

/* The entry points; a fault file defines FAULT_MANIFEST, FAULT_RENDER or FAULT_EXPORT
 * and writes that one itself. */
static uint32_t fault_manifest(FollowupBuffer *out);
static uint32_t fault_render(const uint8_t *input, size_t len, FollowupBuffer *out);
static uint32_t fault_export(const uint8_t *input, size_t len, FollowupBuffer *out);

/* Answers a fresh copy of `text`, as the header's ownership rule says. */
static uint32_t fault_answer(FollowupBuffer *out, uint32_t status, const char *text) {
    size_t len = strlen(text);
    uint8_t *copy = malloc(len + 1);
    out->ptr = NULL;
    out->len = 0;
    out->cap = 0;
    if (copy == NULL) {
        return FOLLOWUP_STATUS_ERROR;
    }
    memcpy(copy, text, len);
    out->ptr = copy;
    out->len = len;
    out->cap = len;
    return status;
}

static void fault_free(FollowupBuffer buffer) { free(buffer.ptr); }

/* A fault that must be reached by `followup draft` defines FAULT_CHOSEN: its pigeon
 * then fits professional roles, above email, where the employer established it, so
 * that the rules engine chooses it for an interviewer's thank-you. */
#ifdef FAULT_CHOSEN
#define FAULT_SELECTION                                                                    \
    "\"selection\":{\"mode\":\"primary\",\"priority\":20},"                               \
    "\"fits\":{\"role_kinds\":[\"professional\"]},\"requires\":{\"established\":true},"
#else
#define FAULT_SELECTION "\"selection\":{\"mode\":\"primary\"},"
#endif

#ifndef FAULT_MANIFEST
static uint32_t fault_manifest(FollowupBuffer *out) {
    return fault_answer(out, FOLLOWUP_STATUS_OK,
                        "{\"manifest_version\":1,\"id\":\"pigeon\",\"name\":\"Carrier pigeon\","
                        "\"version\":\"0.1.0\",\"description\":\"A bird that carries a note.\","
                        FAULT_SELECTION "\"recipients\":[\"interviewer\"],"
                        "\"purposes\":[\"thank_you\"]}");
}
#endif

#ifndef FAULT_RENDER
static uint32_t fault_render(const uint8_t *input, size_t len, FollowupBuffer *out) {
    (void)input;
    (void)len;
    return fault_answer(out, FOLLOWUP_STATUS_OK,
                        "{\"body\":\"Dear Dana,\\n\\nThank you for your time.\\n\\nAna\","
                        "\"checks\":[{\"name\":\"length\",\"level\":\"pass\","
                        "\"message\":\"short\"}]}");
}
#endif

#ifndef FAULT_EXPORT
static uint32_t fault_export(const uint8_t *input, size_t len, FollowupBuffer *out) {
    (void)input;
    (void)len;
    /* "Dear Dana, thank you." in base64. */
    return fault_answer(out, FOLLOWUP_STATUS_OK,
                        "{\"files\":[{\"name\":\"note.txt\",\"media_type\":\"text/plain\","
                        "\"content_base64\":\"RGVhciBEYW5hLCB0aGFuayB5b3Uu\"}]}");
}
#endif

#ifndef FAULT_TABLE_SIZE
#define FAULT_TABLE_SIZE FOLLOWUP_TABLE_SIZE_V1_2
#endif

static const FollowupPluginTable FAULT_TABLE = {
    FOLLOWUP_ABI_VERSION_CURRENT, (uint32_t)FAULT_TABLE_SIZE, fault_manifest, fault_free,
    fault_render, fault_export,
};

FOLLOWUP_PLUGIN_EXPORT uint32_t followup_plugin_abi_version(void) {
    return FOLLOWUP_ABI_VERSION_CURRENT;
}

FOLLOWUP_PLUGIN_EXPORT const FollowupPluginTable *followup_plugin_entry_v1(void) {
    return &FAULT_TABLE;
}

#endif /* FAULT_H */
