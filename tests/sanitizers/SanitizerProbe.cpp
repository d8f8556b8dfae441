// Commits one deliberate error, named by the first argument, so that a sanitizer build can show
// that its sanitizer is on and reports it: heap-overflow, leak, undefined (ASan/LSan/UBSan) or
// race (TSan). Built and registered only when PLEXUS_SANITIZE is set.
#include <cstdio>
#include <cstring>
#include <thread>

namespace {

volatile int g_sink = 0;

int heapOverflow() {
    int* values = new int[4];
    volatile int index = 4;
    values[index] = 1; // one past the end
    const int read = values[0];
    delete[] values;
    return read;
}

int leak() {
    volatile int* lost = new int[16];
    lost[0] = 1;
    lost = nullptr; // the only pointer to the block is gone
    return 0;
}

int undefinedBehaviour() {
    volatile int large = 2147483647;
    g_sink = large + 1; // signed overflow
    return 0;
}

int dataRace() {
    int shared = 0; // written by two threads without synchronisation
    std::thread writer([&shared] { shared = 1; });
    shared = 2;
    writer.join();
    g_sink = shared;
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    const char* mode = argc > 1 ? argv[1] : "";
    if (std::strcmp(mode, "heap-overflow") == 0)
        return heapOverflow();
    if (std::strcmp(mode, "leak") == 0)
        return leak();
    if (std::strcmp(mode, "undefined") == 0)
        return undefinedBehaviour();
    if (std::strcmp(mode, "race") == 0)
        return dataRace();
    std::fprintf(stderr, "usage: SanitizerProbe heap-overflow|leak|undefined|race\n");
    return 2;
}
