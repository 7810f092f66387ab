// SwiftPM links an executable target with `main` aliased to `<module>_main` (so that tests can
// link it), which displaces libFuzzer's own `main`. This is that entry point: it hands the
// command line to libFuzzer's driver with the Swift callback.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int autodebit_fuzz_main(int argc, char **argv) {
    return LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput);
}
