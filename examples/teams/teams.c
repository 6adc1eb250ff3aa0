/*
 * teams.c: a Microsoft Teams channel for followup, in plain C99 with libc only.
 *
 * The worked example of the "ABI reference" in docs/writing-a-plugin.md, for authors
 * who do not write Rust. It exports the two functions of followup_plugin.h and fills
 * a 1.2 entry table: manifest, free_buffer, render and export_files.
 *
 * What the channel decides (all of it in the manifest below; the rules engine does the
 * rest): a short chat message for professional and executive roles, only where the
 * employer said Teams was fine (the interview lists `teams` under
 * established_channels) and the recipient gave an email address (a Teams chat is
 * addressed by work email), between 08:00 and 18:00 in the recipient's time, at most
 * 1000 characters. It carries thank-yous and check-ins.
 *
 * Reading JSON. The host sends compact JSON. This file does not parse it into a tree:
 * json_lookup() walks the document by keys (step, then recipient, then name), skipping
 * every value it does not need, and json_text() decodes one string. That is enough for
 * the few fields a message needs, does not depend on the order of the fields, and
 * never reads past the input's end. A real plugin with more to read would use a JSON
 * library (cJSON, jansson, yyjson).
 *
 * Memory. Every answer is a fresh malloc'd buffer: the host copies it and hands it
 * back to free_buffer (this library's free), exactly once. Text grows in a bounded
 * buffer (struct text) that stops at MAX_TEXT bytes instead of overflowing. Nothing is
 * global but constants, so calls from different threads cannot interfere.
 *
 * Build:  cc -std=c99 -shared -fPIC -I ../../crates/followup-plugin/include \
 *             -o libfollowup_teams.so teams.c
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "followup_plugin.h"

/* The channel id: the manifest's id, and the library's name after `followup_`. */
#define CHANNEL_ID "teams"
/* The longest message, in characters; longer drafts fail their `length` check. */
#define MAX_CHARS 1000
/* The render and export requests this file understands (their `request_version`). */
#define REQUEST_VERSION 1
/* The most bytes any text built here may grow to: far beyond any real message, and
 * a bound for hostile input (a 5000-character name is 20 kB at most). */
#define MAX_TEXT (1024u * 1024u)

static const char MANIFEST[] =
    "{\"manifest_version\":1,"
    "\"id\":\"" CHANNEL_ID "\","
    "\"name\":\"Microsoft Teams\","
    "\"version\":\"0.1.0\","
    "\"description\":\"A short Microsoft Teams chat message, only where the employer said "
    "Teams was fine.\","
    /* Above email (10), the fallback: where both are allowed, a chat is read sooner. */
    "\"selection\":{\"mode\":\"primary\",\"priority\":20,\"fallback\":false},"
    "\"fits\":{\"role_kinds\":[\"professional\",\"executive\"]},"
    "\"recipients\":[\"interviewer\",\"recruiter\"],"
    "\"purposes\":[\"thank_you\",\"check_in\"],"
    "\"requires\":{\"established\":true,\"contact\":\"email\"},"
    "\"hours\":{\"allowed\":{\"start\":\"08:00\",\"end\":\"18:00\"}},"
    "\"limits\":{\"body_chars\":1000}}";

/* ---- Answers ----------------------------------------------------------------------- */

/* Copies `len` bytes into a fresh allocation for the host and returns `status`. When
 * memory runs out, the answer is an empty error: the host says the plugin gave no
 * message. */
static uint32_t answer(FollowupBuffer *out, uint32_t status, const char *bytes, size_t len) {
    uint8_t *copy;
    if (out == NULL) {
        return FOLLOWUP_STATUS_ERROR;
    }
    out->ptr = NULL;
    out->len = 0;
    out->cap = 0;
    copy = malloc(len > 0 ? len : 1);
    if (copy == NULL) {
        return FOLLOWUP_STATUS_ERROR;
    }
    if (len > 0) {
        memcpy(copy, bytes, len);
    }
    out->ptr = copy;
    out->len = len;
    out->cap = len;
    return status;
}

/* An error answer with a message for the candidate. */
static uint32_t fail(FollowupBuffer *out, const char *message) {
    return answer(out, FOLLOWUP_STATUS_ERROR, message, strlen(message));
}

/* ---- Bounded text ---------------------------------------------------------------- */

/* A growing byte string that never exceeds MAX_TEXT; `failed` is set instead. */
struct text {
    char *data;
    size_t len;
    size_t cap;
    int failed;
};

static void text_free(struct text *t) {
    free(t->data);
    t->data = NULL;
    t->len = t->cap = 0;
}

static void text_append(struct text *t, const char *bytes, size_t n) {
    size_t want;
    if (t->failed) {
        return;
    }
    if (n > MAX_TEXT || t->len > MAX_TEXT - n) {
        t->failed = 1;
        return;
    }
    want = t->len + n;
    if (want > t->cap) {
        size_t cap = t->cap > 0 ? t->cap : 256;
        char *grown;
        while (cap < want) {
            cap *= 2;
        }
        if (cap > MAX_TEXT) {
            cap = MAX_TEXT;
        }
        grown = realloc(t->data, cap);
        if (grown == NULL) {
            t->failed = 1;
            return;
        }
        t->data = grown;
        t->cap = cap;
    }
    if (n > 0) {
        memcpy(t->data + t->len, bytes, n);
    }
    t->len += n;
}

static void text_str(struct text *t, const char *s) { text_append(t, s, strlen(s)); }

static void text_char(struct text *t, char c) { text_append(t, &c, 1); }

/* Appends `bytes` as the inside of a JSON string: quotes, backslashes and control
 * characters escaped, the rest (UTF-8) as it is. */
static void text_json(struct text *t, const char *bytes, size_t n) {
    size_t i;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)bytes[i];
        if (c == '"' || c == '\\') {
            text_char(t, '\\');
            text_char(t, (char)c);
        } else if (c == '\n') {
            text_str(t, "\\n");
        } else if (c < 0x20) {
            char escape[8];
            snprintf(escape, sizeof escape, "\\u%04x", (unsigned)c);
            text_str(t, escape);
        } else {
            text_char(t, (char)c);
        }
    }
}

/* The number of characters (Unicode scalar values) in UTF-8 `bytes`. */
static size_t utf8_chars(const char *bytes, size_t n) {
    size_t i, count = 0;
    for (i = 0; i < n; i++) {
        if (((unsigned char)bytes[i] & 0xC0u) != 0x80u) {
            count++;
        }
    }
    return count;
}

/* ---- Reading JSON by key --------------------------------------------------------- */

/* A position in the input, and its end. */
struct cursor {
    const char *at;
    const char *end;
};

static void skip_space(struct cursor *c) {
    while (c->at < c->end &&
           (*c->at == ' ' || *c->at == '\t' || *c->at == '\n' || *c->at == '\r')) {
        c->at++;
    }
}

/* Moves past the string that starts at c->at (on its opening quote). 0 when the
 * input ends first. */
static int skip_string(struct cursor *c) {
    c->at++;
    while (c->at < c->end) {
        if (*c->at == '\\') {
            if (c->end - c->at < 2) {
                break;
            }
            c->at += 2;
            continue;
        }
        if (*c->at == '"') {
            c->at++;
            return 1;
        }
        c->at++;
    }
    c->at = c->end;
    return 0;
}

/* Moves past one value of any kind: a string, or an object or array (counting
 * brackets outside strings), or a number, true, false or null. */
static int skip_value(struct cursor *c) {
    skip_space(c);
    if (c->at >= c->end) {
        return 0;
    }
    if (*c->at == '"') {
        return skip_string(c);
    }
    if (*c->at == '{' || *c->at == '[') {
        size_t depth = 0;
        while (c->at < c->end) {
            char ch = *c->at;
            if (ch == '"') {
                if (!skip_string(c)) {
                    return 0;
                }
                continue;
            }
            if (ch == '{' || ch == '[') {
                depth++;
            } else if (ch == '}' || ch == ']') {
                depth--;
                if (depth == 0) {
                    c->at++;
                    return 1;
                }
            }
            c->at++;
        }
        return 0;
    }
    while (c->at < c->end && *c->at != ',' && *c->at != '}' && *c->at != ']') {
        c->at++;
    }
    return 1;
}

/* In the object at c->at, finds `key` and leaves c->at on its value. Keys are compared
 * as written; the host writes them without escapes. */
static int find_key(struct cursor *c, const char *key) {
    size_t key_len = strlen(key);
    skip_space(c);
    if (c->at >= c->end || *c->at != '{') {
        return 0;
    }
    c->at++;
    for (;;) {
        const char *name;
        size_t name_len;
        skip_space(c);
        if (c->at >= c->end || *c->at != '"') {
            return 0;
        }
        name = c->at + 1;
        if (!skip_string(c)) {
            return 0;
        }
        name_len = (size_t)(c->at - 1 - name);
        skip_space(c);
        if (c->at >= c->end || *c->at != ':') {
            return 0;
        }
        c->at++;
        skip_space(c);
        if (name_len == key_len && memcmp(name, key, key_len) == 0) {
            return 1;
        }
        if (!skip_value(c)) {
            return 0;
        }
        skip_space(c);
        if (c->at < c->end && *c->at == ',') {
            c->at++;
            continue;
        }
        return 0;
    }
}

/* Finds the value at a path of keys (NULL-terminated) in the document. */
static int json_lookup(const char *json, size_t len, const char *const *path,
                       struct cursor *value) {
    struct cursor c;
    c.at = json;
    c.end = json + len;
    for (; *path != NULL; path++) {
        if (!find_key(&c, *path)) {
            return 0;
        }
    }
    *value = c;
    return 1;
}

/* How json_string treats line breaks. */
enum lines { ONE_LINE, KEEP_LINES };

/* Appends code point `cp` as UTF-8. A control character becomes a space, so that no
 * terminal escape from the interview reaches a message; so does a line break, unless
 * `lines` is KEEP_LINES. */
static void put_code_point(struct text *t, unsigned long cp, enum lines lines) {
    char utf8[4];
    if (cp == '\n' && lines == KEEP_LINES) {
        text_char(t, '\n');
    } else if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) {
        text_char(t, ' ');
    } else if (cp < 0x80) {
        text_char(t, (char)cp);
    } else if (cp < 0x800) {
        utf8[0] = (char)(0xC0 | (cp >> 6));
        utf8[1] = (char)(0x80 | (cp & 0x3F));
        text_append(t, utf8, 2);
    } else if (cp < 0x10000) {
        utf8[0] = (char)(0xE0 | (cp >> 12));
        utf8[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        utf8[2] = (char)(0x80 | (cp & 0x3F));
        text_append(t, utf8, 3);
    } else {
        utf8[0] = (char)(0xF0 | (cp >> 18));
        utf8[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        utf8[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        utf8[3] = (char)(0x80 | (cp & 0x3F));
        text_append(t, utf8, 4);
    }
}

/* Reads four hex digits; -1 when they are not. */
static long hex4(const char *at, const char *end) {
    long value = 0;
    int i;
    if (end - at < 4) {
        return -1;
    }
    for (i = 0; i < 4; i++) {
        char h = at[i];
        value <<= 4;
        if (h >= '0' && h <= '9') {
            value |= h - '0';
        } else if (h >= 'a' && h <= 'f') {
            value |= h - 'a' + 10;
        } else if (h >= 'A' && h <= 'F') {
            value |= h - 'A' + 10;
        } else {
            return -1;
        }
    }
    return value;
}

/* Decodes the JSON string at the path into `out`, control characters as spaces (see
 * put_code_point). 0 when there is no such string (absent, null, or another kind of
 * value) or it does not fit in MAX_TEXT. */
static int json_string(const char *json, size_t len, const char *const *path,
                       enum lines lines, struct text *out) {
    struct cursor c;
    if (!json_lookup(json, len, path, &c) || c.at >= c.end || *c.at != '"') {
        return 0;
    }
    c.at++;
    while (c.at < c.end && *c.at != '"') {
        unsigned char ch = (unsigned char)*c.at;
        if (ch == '\\' && c.end - c.at >= 2) {
            char e = c.at[1];
            c.at += 2;
            switch (e) {
            case 'n':
                put_code_point(out, '\n', lines);
                break;
            case 'r': case 't': case 'b': case 'f':
                text_char(out, ' ');
                break;
            case 'u': {
                long cp = hex4(c.at, c.end);
                if (cp < 0) {
                    return 0;
                }
                c.at += 4;
                if (cp >= 0xD800 && cp <= 0xDBFF && c.end - c.at >= 6 && c.at[0] == '\\' &&
                    c.at[1] == 'u') {
                    long low = hex4(c.at + 2, c.end);
                    if (low >= 0xDC00 && low <= 0xDFFF) {
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                        c.at += 6;
                    }
                }
                if (cp >= 0xD800 && cp <= 0xDFFF) {
                    cp = 0xFFFD; /* a lone surrogate */
                }
                put_code_point(out, (unsigned long)cp, lines);
                break;
            }
            default: /* \" \\ \/ */
                text_char(out, e);
            }
        } else if (ch == 0xC2 && c.end - c.at >= 2 && (unsigned char)c.at[1] >= 0x80 &&
                   (unsigned char)c.at[1] <= 0x9F) {
            /* A C1 control character, written as UTF-8. */
            text_char(out, ' ');
            c.at += 2;
        } else if (ch == 0x7F) {
            text_char(out, ' ');
            c.at++;
        } else {
            text_char(out, (char)ch);
            c.at++;
        }
    }
    return c.at < c.end && !out->failed;
}

/* Decodes the JSON string at the path as one line of text. */
static int json_text(const char *json, size_t len, const char *const *path, struct text *out) {
    return json_string(json, len, path, ONE_LINE, out);
}

/* Reads the number at the path; `fallback` when there is none. */
static long json_number(const char *json, size_t len, const char *const *path, long fallback) {
    struct cursor c;
    long value = 0;
    int digits = 0;
    if (!json_lookup(json, len, path, &c)) {
        return fallback;
    }
    while (c.at < c.end && *c.at >= '0' && *c.at <= '9' && digits < 9) {
        value = value * 10 + (*c.at - '0');
        c.at++;
        digits++;
    }
    return digits > 0 ? value : fallback;
}

/* Whether the text equals `s`. */
static int text_is(const struct text *t, const char *s) {
    return t->len == strlen(s) && (t->len == 0 || memcmp(t->data, s, t->len) == 0);
}

/* ---- The entry points ------------------------------------------------------------- */

static uint32_t teams_manifest(FollowupBuffer *out) {
    return answer(out, FOLLOWUP_STATUS_OK, MANIFEST, sizeof MANIFEST - 1);
}

static void teams_free_buffer(FollowupBuffer buffer) { free(buffer.ptr); }

/* The first word of a name ("Dana" of "Dana Whitfield"), or "there". */
static void first_name(const struct text *name, struct text *out) {
    size_t start = 0, end;
    while (start < name->len && name->data[start] == ' ') {
        start++;
    }
    end = start;
    while (end < name->len && name->data[end] != ' ') {
        end++;
    }
    if (end > start) {
        text_append(out, name->data + start, end - start);
    } else {
        text_str(out, "there");
    }
}

/* Appends `t`, or `fallback` when it is empty or blank. */
static void text_or(struct text *out, const struct text *t, const char *fallback) {
    size_t i;
    for (i = 0; i < t->len; i++) {
        if (t->data[i] != ' ') {
            text_append(out, t->data, t->len);
            return;
        }
    }
    text_str(out, fallback);
}

static const char *const PURPOSE[] = {"step", "purpose", NULL};
static const char *const RECIPIENT[] = {"step", "recipient", "name", NULL};
static const char *const CANDIDATE[] = {"interview", "candidate", "name", NULL};
static const char *const COMPANY[] = {"interview", "employer", "company", NULL};
static const char *const ROLE[] = {"interview", "role", "title", NULL};
static const char *const VERSION[] = {"request_version", NULL};

/* Writes the message for `purpose` into `body`; 0 when this channel does not carry
 * the purpose. */
static int write_body(const char *json, size_t len, const struct text *purpose,
                      struct text *body) {
    struct text recipient = {0}, candidate = {0}, company = {0}, role = {0};
    int carried = 1;
    json_text(json, len, RECIPIENT, &recipient);
    json_text(json, len, CANDIDATE, &candidate);
    json_text(json, len, COMPANY, &company);
    json_text(json, len, ROLE, &role);

    text_str(body, "Hi ");
    first_name(&recipient, body);
    if (text_is(purpose, "thank_you")) {
        text_str(body, ", thank you for talking with me about the ");
        text_or(body, &role, "open");
        text_str(body, " role at ");
        text_or(body, &company, "your company");
        text_str(body, ". I enjoyed our conversation and I am even more excited about the "
                       "chance to join the team.");
    } else if (text_is(purpose, "check_in")) {
        text_str(body, ", I hope your week is going well. I wanted to check in on the ");
        text_or(body, &role, "open");
        text_str(body, " role at ");
        text_or(body, &company, "your company");
        text_str(body, ": I am still very interested, and happy to share anything else "
                       "that would help.");
    } else {
        carried = 0;
    }
    text_str(body, "\n\n");
    text_or(body, &candidate, "");
    text_free(&recipient);
    text_free(&candidate);
    text_free(&company);
    text_free(&role);
    return carried;
}

static uint32_t teams_render(const uint8_t *input, size_t input_len, FollowupBuffer *out) {
    const char *json = (const char *)input;
    struct text purpose = {0}, body = {0}, draft = {0};
    char check[160];
    size_t chars;
    uint32_t status;

    if (input == NULL) {
        return fail(out, "the host sent no render request");
    }
    if (json_number(json, input_len, VERSION, 0) > REQUEST_VERSION) {
        return fail(out, "the render request is newer than this plugin understands; rebuild "
                         "the plugin against the current followup_plugin.h");
    }
    if (!json_text(json, input_len, PURPOSE, &purpose)) {
        text_free(&purpose);
        return fail(out, "the render request has no step.purpose");
    }
    if (!write_body(json, input_len, &purpose, &body)) {
        text_free(&purpose);
        text_free(&body);
        return fail(out, "Teams carries thank-yous and check-ins, not this purpose");
    }
    chars = utf8_chars(body.data, body.len);
    if (chars <= MAX_CHARS) {
        snprintf(check, sizeof check,
                 "{\"name\":\"length\",\"level\":\"pass\",\"message\":\"%lu characters, "
                 "within the %d a chat message should keep to\"}",
                 (unsigned long)chars, MAX_CHARS);
    } else {
        snprintf(check, sizeof check,
                 "{\"name\":\"length\",\"level\":\"fail\",\"message\":\"%lu characters, over "
                 "the %d a chat message may have; shorten the names or the role\"}",
                 (unsigned long)chars, MAX_CHARS);
    }

    text_str(&draft, "{\"body\":\"");
    text_json(&draft, body.data, body.len);
    text_str(&draft, "\",\"checks\":[");
    text_str(&draft, check);
    text_str(&draft, "],\"meta\":{\"chars\":");
    snprintf(check, sizeof check, "%lu", (unsigned long)chars);
    text_str(&draft, check);
    text_str(&draft, "}}");

    if (draft.failed || body.failed) {
        status = fail(out, "the message grew too long to write");
    } else {
        status = answer(out, FOLLOWUP_STATUS_OK, draft.data, draft.len);
    }
    text_free(&purpose);
    text_free(&body);
    text_free(&draft);
    return status;
}

/* Appends the standard base64 of `bytes` (padded). */
static void text_base64(struct text *t, const char *bytes, size_t n) {
    static const char ALPHABET[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t i;
    for (i = 0; i < n; i += 3) {
        unsigned long chunk = (unsigned long)(unsigned char)bytes[i] << 16;
        char four[4];
        if (i + 1 < n) {
            chunk |= (unsigned long)(unsigned char)bytes[i + 1] << 8;
        }
        if (i + 2 < n) {
            chunk |= (unsigned long)(unsigned char)bytes[i + 2];
        }
        four[0] = ALPHABET[(chunk >> 18) & 0x3F];
        four[1] = ALPHABET[(chunk >> 12) & 0x3F];
        four[2] = i + 1 < n ? ALPHABET[(chunk >> 6) & 0x3F] : '=';
        four[3] = i + 2 < n ? ALPHABET[chunk & 0x3F] : '=';
        text_append(t, four, 4);
    }
}

static const char *const STEP_ID[] = {"step", "id", NULL};
static const char *const DRAFT_BODY[] = {"draft", "body", NULL};

static uint32_t teams_export(const uint8_t *input, size_t input_len, FollowupBuffer *out) {
    const char *json = (const char *)input;
    struct text id = {0}, body = {0}, files = {0};
    uint32_t status;

    if (input == NULL) {
        return fail(out, "the host sent no export request");
    }
    if (json_number(json, input_len, VERSION, 0) > REQUEST_VERSION) {
        return fail(out, "the export request is newer than this plugin understands; rebuild "
                         "the plugin against the current followup_plugin.h");
    }
    if (!json_text(json, input_len, STEP_ID, &id) || id.len == 0) {
        text_free(&id);
        return fail(out, "the export request has no step.id");
    }
    /* The body keeps its line breaks in the file. */
    if (!json_string(json, input_len, DRAFT_BODY, KEEP_LINES, &body)) {
        text_free(&id);
        text_free(&body);
        return fail(out, "the export request has no draft.body");
    }
    /* One text file to paste into the chat, named after the step (the host refuses
     * any name that is not a plain file name). */
    text_char(&body, '\n');
    text_str(&files, "{\"files\":[{\"name\":\"");
    text_json(&files, id.data, id.len);
    text_str(&files, ".txt\",\"media_type\":\"text/plain; charset=utf-8\",\"content_base64\":\"");
    text_base64(&files, body.data, body.len);
    text_str(&files, "\"}]}");

    if (files.failed || body.failed) {
        status = fail(out, "the message grew too long to export");
    } else {
        status = answer(out, FOLLOWUP_STATUS_OK, files.data, files.len);
    }
    text_free(&id);
    text_free(&body);
    text_free(&files);
    return status;
}

/* ---- What the host looks for ---------------------------------------------------------- */

static const FollowupPluginTable TABLE = {
    FOLLOWUP_ABI_VERSION_CURRENT,
    (uint32_t)sizeof(FollowupPluginTable),
    teams_manifest,
    teams_free_buffer,
    teams_render,
    teams_export,
};

FOLLOWUP_PLUGIN_EXPORT uint32_t followup_plugin_abi_version(void) {
    return FOLLOWUP_ABI_VERSION_CURRENT;
}

FOLLOWUP_PLUGIN_EXPORT const FollowupPluginTable *followup_plugin_entry_v1(void) {
    return &TABLE;
}
