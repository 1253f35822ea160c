// Plain C API over sentencepiece, loaded with dlopen() by core/text/SentencePieceLibrary.
#pragma once
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define FAN_SPM_API __attribute__((visibility("default")))

typedef struct fan_spm_model fan_spm_model;

// Returns NULL on failure and writes a message into err (NUL-terminated, at most err_size bytes).
FAN_SPM_API fan_spm_model* fan_spm_load(const char* path, char* err, size_t err_size);
FAN_SPM_API void fan_spm_free(fan_spm_model* model);
// Encodes UTF-8 text into ids; *ids is malloc'ed (free with fan_spm_free_ids). Returns 0 on success.
FAN_SPM_API int fan_spm_encode(fan_spm_model* model, const char* text, size_t len,
                               int** ids, size_t* count, char* err, size_t err_size);
FAN_SPM_API void fan_spm_free_ids(int* ids);
FAN_SPM_API int fan_spm_piece_count(const fan_spm_model* model);
// Returns -1 if the piece is unknown.
FAN_SPM_API int fan_spm_piece_to_id(const fan_spm_model* model, const char* piece);
// Copies the piece for id into buf (NUL-terminated); returns its length or -1 if out of range.
FAN_SPM_API int fan_spm_id_to_piece(const fan_spm_model* model, int id, char* buf, size_t buf_size);
// Decodes ids into UTF-8 text in buf; returns the full length (may exceed buf_size - 1) or -1.
FAN_SPM_API int fan_spm_decode(const fan_spm_model* model, const int* ids, size_t count,
                               char* buf, size_t buf_size);

#ifdef __cplusplus
}
#endif
