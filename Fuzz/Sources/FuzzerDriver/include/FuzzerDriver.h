#ifndef AUTODEBIT_FUZZER_DRIVER_H
#define AUTODEBIT_FUZZER_DRIVER_H
/* Nothing to import: this target only supplies the executable's entry point (FuzzerDriver.c). */
#endif
