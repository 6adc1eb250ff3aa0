/*
 * followup_plugin.h: the C ABI between followup and a channel plugin.
 *
 * For plugin authors who write C, C++, Zig, Go (cgo) or any language that can export
 * C functions. The Rust way (the followup-plugin crate and its declare_channel! macro)
 * stays the recommended one: it writes all of this for you. This header mirrors
 * crates/followup-plugin/src/abi.rs; a test compiles it with the system C compiler and
 * compares every size, offset and constant with the Rust definitions.
 *
 * The handshake. The host opens the library and calls, in this order:
 *
 *   1. followup_plugin_abi_version(): the packed ABI version the library speaks. The
 *      host refuses a different major version, or a newer minor version than its own.
 *   2. followup_plugin_entry_v1(): a pointer to a FollowupPluginTable that lives as
 *      long as the library (a static). The table's abi_version must equal what the
 *      version function returned, and its table_size must cover every entry point of
 *      that minor version (FOLLOWUP_TABLE_SIZE_V1_2 for 1.2): a shorter table is
 *      refused when the library is loaded.
 *   3. manifest(), then render() and export_files() as the user asks.
 *
 * Every call answers in a FollowupBuffer the plugin allocates: JSON on
 * FOLLOWUP_STATUS_OK, a UTF-8 message on FOLLOWUP_STATUS_ERROR or FOLLOWUP_STATUS_PANIC.
 * The payloads are described by JSON Schemas in followup's schemas/ folder:
 *
 *   manifest()      answers  manifest.schema.json
 *   render()        reads    render-request.schema.json, answers render-answer.schema.json
 *   export_files()  reads    export-request.schema.json, answers export-answer.schema.json
 *
 * Ownership. The host copies the bytes out of every answer whose ptr is not NULL and
 * then calls the same library's free_buffer with that buffer, exactly once. So every
 * answer must be memory the plugin allocated and can free (even a constant message
 * must be copied into a fresh allocation first). A buffer with ptr NULL must have
 * len 0; it is not freed. The input bytes of render() and export_files() belong to
 * the host and are valid only during the call; they are not NUL-terminated.
 *
 * Threads. The host calls a plugin from one thread at a time today, but may call it
 * from different threads over the life of the process.
 *
 * The library is never unloaded, so static data may live as long as the process.
 * Nothing may unwind (a C++ exception, a Rust panic) out of these functions: catch it,
 * and answer FOLLOWUP_STATUS_PANIC with a message.
 *
 * Plain C99; needs only <stddef.h> and <stdint.h>.
 */
#ifndef FOLLOWUP_PLUGIN_H
#define FOLLOWUP_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Versions ----------------------------------------------------------------- */

/* Packs a major and a minor version: major in the high 16 bits, minor in the low. */
#define FOLLOWUP_ABI_VERSION(major, minor) \
    ((uint32_t)((((uint32_t)(major) & 0xffffu) << 16) | ((uint32_t)(minor) & 0xffffu)))
/* The major part of a packed version. */
#define FOLLOWUP_ABI_MAJOR(version) ((uint16_t)(((uint32_t)(version) >> 16) & 0xffffu))
/* The minor part of a packed version. */
#define FOLLOWUP_ABI_MINOR(version) ((uint16_t)((uint32_t)(version) & 0xffffu))

/*
 * The ABI version this header describes: 1.2.
 *   1.0: manifest and free_buffer.
 *   1.1: appends render, which drafts one step.
 *   1.2: appends export_files, which turns a drafted step into files.
 */
#define FOLLOWUP_ABI_VERSION_MAJOR 1
#define FOLLOWUP_ABI_VERSION_MINOR 2
#define FOLLOWUP_ABI_VERSION_CURRENT \
    FOLLOWUP_ABI_VERSION(FOLLOWUP_ABI_VERSION_MAJOR, FOLLOWUP_ABI_VERSION_MINOR)

/* ---- Symbols ------------------------------------------------------------------ */

/* The two functions a plugin exports, by name (for dlsym and the like). */
#define FOLLOWUP_ABI_VERSION_SYMBOL "followup_plugin_abi_version"
#define FOLLOWUP_ENTRY_SYMBOL_V1 "followup_plugin_entry_v1"

/* ---- Status codes ------------------------------------------------------------- */

/* The call succeeded; the buffer holds JSON. */
#define FOLLOWUP_STATUS_OK 0u
/* The call failed; the buffer holds a UTF-8 message for the user. */
#define FOLLOWUP_STATUS_ERROR 1u
/* The plugin caught a crash of its own (a panic, an exception); the buffer holds its
 * message. */
#define FOLLOWUP_STATUS_PANIC 2u

/* ---- Types -------------------------------------------------------------------- */

/*
 * Bytes owned by the library that allocated them. ptr is NULL for an empty buffer
 * (then len must be 0). cap is for the plugin's own use (the Rust crate keeps the
 * allocation's capacity there); the host only passes it back to free_buffer.
 */
typedef struct FollowupBuffer {
    uint8_t *ptr;
    size_t len;
    size_t cap;
} FollowupBuffer;

/*
 * The entry points of a plugin, ABI major version 1. Fields are only ever appended;
 * table_size tells the host how many a library has. Set it to sizeof the struct you
 * fill (sizeof(FollowupPluginTable) for 1.2).
 */
typedef struct FollowupPluginTable {
    /* The ABI version, as from followup_plugin_abi_version(). */
    uint32_t abi_version;
    /* The size of this table in bytes, as the library built it. */
    uint32_t table_size;
    /* Since 1.0. Writes the channel manifest as JSON into *out; returns a status. */
    uint32_t (*manifest)(FollowupBuffer *out);
    /* Since 1.0. Frees a buffer this library returned. Passed by value. */
    void (*free_buffer)(FollowupBuffer buffer);
    /* Since 1.1. Drafts one step: reads a JSON render request of input_len bytes at
     * input and writes the JSON draft into *out; returns a status. */
    uint32_t (*render)(const uint8_t *input, size_t input_len, FollowupBuffer *out);
    /* Since 1.2. Exports one drafted step as files: reads a JSON export request of
     * input_len bytes at input and writes the JSON list of files (contents in base64)
     * into *out; returns a status. Called `export` in abi.rs; renamed here because
     * `export` is a C++ keyword. */
    uint32_t (*export_files)(const uint8_t *input, size_t input_len, FollowupBuffer *out);
} FollowupPluginTable;

/* The size of a 1.0 table: every field before render. */
#define FOLLOWUP_TABLE_SIZE_V1_0 (offsetof(FollowupPluginTable, render))
/* The size of a 1.1 table: every field before export_files. */
#define FOLLOWUP_TABLE_SIZE_V1_1 (offsetof(FollowupPluginTable, export_files))
/* The size of a 1.2 table: the whole struct. */
#define FOLLOWUP_TABLE_SIZE_V1_2 (sizeof(FollowupPluginTable))

/* ---- What a plugin exports ------------------------------------------------------ */

/* Marks a function as exported from the shared library. */
#if defined(_WIN32)
#define FOLLOWUP_PLUGIN_EXPORT __declspec(dllexport)
#elif defined(__GNUC__) || defined(__clang__)
#define FOLLOWUP_PLUGIN_EXPORT __attribute__((visibility("default")))
#else
#define FOLLOWUP_PLUGIN_EXPORT
#endif

/* Returns FOLLOWUP_ABI_VERSION_CURRENT (or the older version the table is for). */
FOLLOWUP_PLUGIN_EXPORT uint32_t followup_plugin_abi_version(void);
/* Returns the library's table; it must stay valid for the life of the process. */
FOLLOWUP_PLUGIN_EXPORT const FollowupPluginTable *followup_plugin_entry_v1(void);

#ifdef __cplusplus
}
#endif

#endif /* FOLLOWUP_PLUGIN_H */
