#include "plexus/geometry/probes/ContactTracks.h"

#include "plexus/geometry/probes/VirtualRecorder.h"

#include <algorithm>
#include <limits>
#include <map>
#include <utility>

namespace plexus::geometry {

namespace {

/// "ELECTRODE:CONTACT" -> {"ELECTRODE", "CONTACT"}; a name without ':' is its own electrode.
std::pair<std::string, std::string> splitContact(const std::string& name) {
    const std::size_t colon = name.find(':');
    if (colon == std::string::npos) {
        return {name, name};
    }
    return {name.substr(0, colon), name.substr(colon + 1)};
}

core::NamedArray makeArray(const char* name, std::size_t rows, std::size_t cols) {
    core::NamedArray array;
    array.name = name;
    array.rows = rows;
    array.cols = cols;
    return array;
}

} // namespace

std::vector<ContactTracks::Bin> ContactTracks::completeBins(const VirtualRecorder& recorder) {
    std::vector<Bin> bins;
    const auto contacts = static_cast<std::size_t>(recorder.contactCount());
    const std::vector<std::int64_t>& steps = recorder.sampleSteps();
    std::size_t r = 0;
    for (std::int64_t b = 0; b < recorder.completeMuaBins(); ++b) {
        const std::int64_t bin = recorder.firstMuaBin() + b;
        const std::int64_t end = (bin + 1) * recorder.binSteps();
        while (r < steps.size() && steps[r] < end) {
            ++r;
        }
        const bool sampled = r < steps.size() && steps[r] == end;
        const auto row = static_cast<std::size_t>(b) * contacts;
        for (std::size_t c = 0; c < contacts; ++c) {
            bins.push_back({bin, static_cast<std::uint32_t>(c), recorder.muaCounts()[row + c],
                            sampled ? recorder.lfpUv()[r * contacts + c]
                                    : std::numeric_limits<float>::quiet_NaN()});
        }
    }
    return bins;
}

ContactTracks::ContactTracks(std::vector<std::string> names, std::int64_t binSteps)
    : m_binSteps(binSteps) {
    m_tracks.reserve(names.size());
    for (std::string& name : names) {
        m_tracks.push_back({std::move(name), {}, {}});
    }
}

void ContactTracks::append(const std::vector<Bin>& bins) {
    for (const Bin& bin : bins) {
        if (bin.contact >= m_tracks.size() || bin.bin < 0) {
            continue;
        }
        Track& track = m_tracks[bin.contact];
        const auto index = static_cast<std::size_t>(bin.bin);
        if (track.lfpUv.size() <= index) {
            track.lfpUv.resize(index + 1, std::numeric_limits<float>::quiet_NaN());
            track.units.resize(index + 1, 0u);
        }
        track.lfpUv[index] = bin.lfpUv;
        track.units[index] = bin.units;
    }
}

std::vector<core::RunRecord::ElectrodeData>
ContactTracks::electrodes(const std::vector<Track>& tracks, std::int64_t binSteps, double dtMs) {
    std::vector<std::string> order;
    std::map<std::string, std::vector<std::size_t>> contactsOf;
    for (std::size_t c = 0; c < tracks.size(); ++c) {
        const std::string electrode = splitContact(tracks[c].name).first;
        if (!contactsOf.count(electrode)) {
            order.push_back(electrode);
        }
        contactsOf[electrode].push_back(c);
    }
    const double binMs = static_cast<double>(binSteps) * dtMs;
    std::vector<core::RunRecord::ElectrodeData> result;
    for (const std::string& electrode : order) {
        const std::vector<std::size_t>& contacts = contactsOf[electrode];
        std::size_t bins = 0;
        for (const std::size_t c : contacts) {
            bins = std::max(bins, tracks[c].lfpUv.size());
        }
        core::NamedArray lfp = makeArray("lfp_uv", bins, contacts.size());
        core::NamedArray mua = makeArray("mua", bins, contacts.size());
        core::NamedArray time = makeArray("t_ms", bins, 1);
        lfp.unit = "uV";
        lfp.singlePrecision = true; // the samples are float: stored exactly
        time.oneDimensional = true;
        mua.unit = "spikes";
        time.unit = "ms";
        lfp.values.assign(bins * contacts.size(), std::numeric_limits<double>::quiet_NaN());
        mua.values.assign(bins * contacts.size(), 0.0);
        for (std::size_t k = 0; k < contacts.size(); ++k) {
            const Track& track = tracks[contacts[k]];
            const std::string label = splitContact(track.name).second;
            lfp.columnLabels.push_back(label);
            mua.columnLabels.push_back(label);
            for (std::size_t b = 0; b < track.lfpUv.size(); ++b) {
                lfp.values[b * contacts.size() + k] = track.lfpUv[b];
            }
            for (std::size_t b = 0; b < track.units.size(); ++b) {
                mua.values[b * contacts.size() + k] = track.units[b];
            }
        }
        for (std::size_t b = 0; b < bins; ++b) {
            time.values.push_back(static_cast<double>(b + 1) * binMs);
        }
        result.push_back({electrode, {std::move(lfp), std::move(mua), std::move(time)}});
    }
    return result;
}

} // namespace plexus::geometry
