#include "plexus/geometry/probes/EegMontage.h"

#include "plexus/core/base/Error.h"

#include <algorithm>

namespace plexus::geometry {

Eigen::MatrixX3d EegMontage::positions() const {
    Eigen::MatrixX3d out(static_cast<Eigen::Index>(m_positions.size()), 3);
    for (std::size_t i = 0; i < m_positions.size(); ++i) {
        out.row(static_cast<Eigen::Index>(i)) = m_positions[i].transpose();
    }
    return out;
}

int EegMontage::indexOf(std::string_view name) const {
    const auto it = m_indexOfName.find(std::string(name));
    return it == m_indexOfName.end() ? -1 : it->second;
}

void EegMontage::addChannel(std::string name, const Eigen::Vector3d& positionMm) {
    if (name.empty()) {
        throw core::Error("EEG montage: channel " + std::to_string(m_names.size()) +
                          " has no name");
    }
    if (!positionMm.allFinite()) {
        throw core::Error("EEG montage: channel '" + name + "' has non-finite coordinates");
    }
    if (!m_indexOfName.emplace(name, channelCount()).second) {
        throw core::Error("EEG montage: channel '" + name + "' is listed twice");
    }
    m_names.push_back(std::move(name));
    m_positions.push_back(positionMm);
}

double EegMontage::medianRadius() const {
    std::vector<double> r;
    r.reserve(m_positions.size() + 3);
    for (const Eigen::Vector3d& p : m_positions) {
        r.push_back(p.norm());
    }
    for (const auto* f : {&m_fiducials.nasion, &m_fiducials.lpa, &m_fiducials.rpa}) {
        if (*f) {
            r.push_back((*f)->norm());
        }
    }
    if (r.empty()) {
        return 0.0;
    }
    std::sort(r.begin(), r.end());
    const std::size_t n = r.size();
    return n % 2 == 1 ? r[n / 2] : 0.5 * (r[n / 2 - 1] + r[n / 2]);
}

EegMontage EegMontage::scaledToHeadRadius(double radiusMm) const {
    const double median = medianRadius();
    if (!(median > 0.0) || !(radiusMm > 0.0)) {
        throw core::Error("EEG montage: cannot scale an empty montage or to a radius <= 0");
    }
    const double scale = radiusMm / median;
    EegMontage out = *this;
    for (Eigen::Vector3d& p : out.m_positions) {
        p *= scale;
    }
    for (auto* f : {&out.m_fiducials.nasion, &out.m_fiducials.lpa, &out.m_fiducials.rpa}) {
        if (*f) {
            **f *= scale;
        }
    }
    return out;
}

ElectrodeArray EegMontage::toElectrodeArray(const std::string& name) const {
    ElectrodeArray array(name, ElectrodeArray::Type::Eeg);
    for (std::size_t i = 0; i < m_names.size(); ++i) {
        array.addContact({m_names[i], m_positions[i], -1});
    }
    return array;
}

} // namespace plexus::geometry
