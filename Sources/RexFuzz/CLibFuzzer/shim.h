// libFuzzer's driver, for a fuzz target that brings its own `main` (see Sources/RexFuzz/main.swift).
// The symbol is in the libFuzzer runtime that `-sanitize=fuzzer` links in.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));
