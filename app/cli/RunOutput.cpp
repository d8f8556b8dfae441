#include "RunOutput.h"

#include "plexus/core/base/Error.h"

#include <cstdio>
#include <fstream>
#include <memory>

namespace plexus::app {

namespace {

struct FileCloser {
    void operator()(std::FILE* f) const {
        if (f)
            std::fclose(f);
    }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

File openFile(const std::filesystem::path& path, const char* mode) {
    File f(std::fopen(path.c_str(), mode));
    if (!f)
        throw core::Error(path.string() + ": cannot be written");
    return f;
}

void closeChecked(File& f, const std::filesystem::path& path) {
    if (std::fflush(f.get()) != 0 || std::ferror(f.get()))
        throw core::Error(path.string() + ": write failed");
    f.reset();
}

template <typename T>
void put(std::FILE* f, const T& value) {
    std::fwrite(&value, sizeof(T), 1, f);
}

} // namespace

void RunOutput::write(const core::Network& net, const std::filesystem::path& dir) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec)
        throw core::Error(dir.string() + ": cannot create folder (" + ec.message() + ")");

    for (const auto& rec : net.spikeRecorders) {
        const auto path = dir / ("spikes_" + rec.name + ".csv");
        File f = openFile(path, "w");
        std::fputs("time_ms,neuron\n", f.get());
        for (std::size_t k = 0; k < rec.steps.size(); ++k)
            std::fprintf(f.get(), "%.4f,%d\n", static_cast<double>(rec.steps[k]) * net.dtMs,
                         rec.neurons[k]);
        closeChecked(f, path);
    }

    // Binary: magic, version, dt, recorder count; per recorder: name, size, count, then
    // uint32 step[count], uint32 neuron[count] (little endian).
    {
        const auto path = dir / "spikes.bin";
        File f = openFile(path, "wb");
        std::fwrite("PLXSPK01", 1, 8, f.get());
        put<std::uint32_t>(f.get(), 1);
        put<double>(f.get(), net.dtMs);
        put<std::uint32_t>(f.get(), static_cast<std::uint32_t>(net.spikeRecorders.size()));
        for (const auto& rec : net.spikeRecorders) {
            put<std::uint32_t>(f.get(), static_cast<std::uint32_t>(rec.name.size()));
            std::fwrite(rec.name.data(), 1, rec.name.size(), f.get());
            put<std::uint64_t>(f.get(), net.populations[rec.population].size);
            put<std::uint64_t>(f.get(), rec.steps.size());
            std::vector<std::uint32_t> buffer(rec.steps.begin(), rec.steps.end());
            std::fwrite(buffer.data(), sizeof(std::uint32_t), buffer.size(), f.get());
            buffer.assign(rec.neurons.begin(), rec.neurons.end());
            std::fwrite(buffer.data(), sizeof(std::uint32_t), buffer.size(), f.get());
        }
        closeChecked(f, path);
    }

    for (const auto& rec : net.stateRecorders) {
        const auto path = dir / ("state_" + rec.name + ".csv");
        File f = openFile(path, "w");
        std::fputs("time_ms", f.get());
        for (const auto& var : rec.variableNames)
            for (const auto n : rec.neurons)
                std::fprintf(f.get(), ",%s[%d]", var.c_str(), n);
        std::fputc('\n', f.get());
        const std::size_t width = rec.rowWidth();
        for (std::size_t row = 0; row < rec.sampleSteps.size(); ++row) {
            std::fprintf(f.get(), "%.4f", static_cast<double>(rec.sampleSteps[row]) * net.dtMs);
            for (std::size_t c = 0; c < width; ++c)
                std::fprintf(f.get(), ",%.6g", static_cast<double>(rec.values[row * width + c]));
            std::fputc('\n', f.get());
        }
        closeChecked(f, path);
    }

    for (const auto& rec : net.rateRecorders) {
        const auto path = dir / ("rate_" + rec.name + ".csv");
        File f = openFile(path, "w");
        std::fputs("time_ms,rate_hz\n", f.get());
        const std::size_t size = net.populations[rec.population].size;
        for (std::size_t b = 0; b < rec.counts.size(); ++b)
            std::fprintf(f.get(), "%.4f,%.6g\n", static_cast<double>(b * rec.binSteps) * net.dtMs,
                         rec.rateHz(b, size, net.dtMs));
        closeChecked(f, path);
    }
}

} // namespace plexus::app
