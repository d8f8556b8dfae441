#include "plexus/analysis/RunFolder.h"

#include "plexus/core/base/Error.h"
#include "plexus/core/base/JsonInput.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

namespace plexus::analysis {

namespace {

namespace fs = std::filesystem;

std::vector<fs::path> spikeFiles(const fs::path& dir) {
    std::vector<fs::path> files;
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        return files;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (entry.is_regular_file() && name.size() > 11 && name.rfind("spikes_", 0) == 0 &&
            name.substr(name.size() - 4) == ".csv")
            files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

/// Recorder name -> population size from spikes.bin (see app/cli/RunOutput for the layout).
std::map<std::string, std::size_t> binarySizes(const fs::path& file) {
    std::map<std::string, std::size_t> sizes;
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return sizes;
    char magic[8];
    in.read(magic, 8);
    if (!in || std::memcmp(magic, "PLXSPK01", 8) != 0)
        return sizes;
    std::uint32_t version = 0, recorders = 0;
    double dt = 0.0;
    in.read(reinterpret_cast<char*>(&version), 4);
    in.read(reinterpret_cast<char*>(&dt), 8);
    in.read(reinterpret_cast<char*>(&recorders), 4);
    for (std::uint32_t r = 0; in && r < recorders; ++r) {
        std::uint32_t length = 0;
        in.read(reinterpret_cast<char*>(&length), 4);
        if (!in || length > 4096)
            break;
        std::string name(length, '\0');
        in.read(name.data(), length);
        std::uint64_t size = 0, count = 0;
        in.read(reinterpret_cast<char*>(&size), 8);
        in.read(reinterpret_cast<char*>(&count), 8);
        if (!in)
            break;
        sizes[name] = static_cast<std::size_t>(size);
        in.seekg(static_cast<std::streamoff>(count * 8), std::ios::cur);
    }
    return sizes;
}

} // namespace

bool RunFolder::isRunFolder(const fs::path& dir) {
    return !spikeFiles(dir).empty();
}

std::vector<SpikeTimes> RunFolder::readSpikes(const fs::path& dir) {
    const auto files = spikeFiles(dir);
    if (files.empty())
        throw core::Error(dir.string() + ": no spikes_<name>.csv files in the folder");
    const auto sizes = binarySizes(dir / "spikes.bin");
    std::vector<SpikeTimes> out;
    for (const auto& path : files) {
        const std::string file = path.string();
        std::ifstream in(path);
        if (!in)
            throw core::Error(file + ": cannot be opened");
        SpikeTimes s;
        const std::string stem = path.stem().string();
        s.name = stem.substr(7);
        std::string line;
        std::size_t lineNo = 0;
        if (!std::getline(in, line) || line.rfind("time_ms,neuron", 0) != 0)
            throw core::Error(file + ":1: expected the header time_ms,neuron");
        ++lineNo;
        std::int64_t maxNeuron = -1;
        while (std::getline(in, line)) {
            ++lineNo;
            if (!line.empty() && line.back() == '\r')
                line.pop_back();
            if (line.empty())
                continue;
            const auto comma = line.find(',');
            double t = 0.0;
            std::int64_t n = -1;
            const char* b = line.data();
            const char* e = line.data() + line.size();
            bool ok = comma != std::string::npos;
            if (ok) {
                const auto r1 = std::from_chars(b, b + comma, t);
                const auto r2 = std::from_chars(b + comma + 1, e, n);
                ok = r1.ec == std::errc() && r1.ptr == b + comma && r2.ec == std::errc() &&
                     r2.ptr == e && n >= 0 && n <= INT32_MAX && std::isfinite(t);
            }
            if (!ok)
                throw core::Error(file + ":" + std::to_string(lineNo) +
                                  ": expected time_ms,neuron"
                                  " (a number and a neuron index), got \"" +
                                  line + "\"");
            s.timesMs.push_back(t);
            s.neurons.push_back(static_cast<std::int32_t>(n));
            maxNeuron = std::max(maxNeuron, n);
        }
        const auto it = sizes.find(s.name);
        s.size = it != sizes.end()
                     ? std::max<std::size_t>(it->second, static_cast<std::size_t>(maxNeuron + 1))
                     : static_cast<std::size_t>(maxNeuron + 1);
        out.push_back(std::move(s));
    }
    return out;
}

std::optional<double> RunFolder::durationMs(const fs::path& dir) {
    std::error_code ec;
    if (!fs::is_regular_file(dir / "summary.json", ec))
        return std::nullopt;
    try {
        const auto j = core::JsonInput::read(dir / "summary.json");
        if (j.is_object() && j.contains("duration_s") && j["duration_s"].is_number())
            return j["duration_s"].get<double>() * 1000.0;
    } catch (const core::Error&) {
        // A summary that cannot be read gives no duration; the spikes decide it.
    }
    return std::nullopt;
}

} // namespace plexus::analysis
