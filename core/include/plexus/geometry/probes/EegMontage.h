#pragma once

#include "plexus/geometry/probes/ElectrodeArray.h"

#include <Eigen/Core>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace plexus::geometry {

/**
 * @brief Named EEG electrode positions on the scalp (millimetres) and the head's fiducial
 * points (nasion, left and right pre-auricular points) when the file gives them.
 *
 * Read with MontageReader. The coordinate frame is the file's own (for the standard 10-20 /
 * 10-05 files: x right, y anterior, z superior, origin near the head's centre).
 */
class EegMontage {
public:
    /// The head's landmarks; each may be missing.
    struct Fiducials {
        std::optional<Eigen::Vector3d> nasion;
        std::optional<Eigen::Vector3d> lpa;
        std::optional<Eigen::Vector3d> rpa;
    };

    /// Number of channels (fiducials excluded).
    int channelCount() const { return static_cast<int>(m_names.size()); }
    /// Channel names, in file order.
    const std::vector<std::string>& names() const { return m_names; }
    /// Position of channel @p index (mm, unchecked).
    const Eigen::Vector3d& position(int index) const {
        return m_positions[static_cast<std::size_t>(index)];
    }
    /// Every channel position, one row per channel (mm).
    Eigen::MatrixX3d positions() const;
    /// Index of the channel named @p name (exact match), or -1.
    int indexOf(std::string_view name) const;
    /// Adds a channel; throws core::Error for an empty or repeated name or non-finite
    /// coordinates.
    void addChannel(std::string name, const Eigen::Vector3d& positionMm);

    /// The fiducials.
    const Fiducials& fiducials() const { return m_fiducials; }
    /// Mutable fiducials.
    Fiducials& fiducials() { return m_fiducials; }

    /// Median distance (mm) from the origin of the channels and fiducials.
    double medianRadius() const;
    /**
     * @brief A copy scaled about the origin so that medianRadius() becomes @p radiusMm
     * (MNE's head_size rescaling, which uses the same median over channels and fiducials).
     * Throws core::Error when the montage is empty or all points sit at the origin.
     */
    EegMontage scaledToHeadRadius(double radiusMm) const;

    /// The channels as an electrode array of type Eeg (contact labels = channel names).
    ElectrodeArray toElectrodeArray(const std::string& name) const;

private:
    std::vector<std::string> m_names;
    std::unordered_map<std::string, int> m_indexOfName; ///< name -> index in m_names
    std::vector<Eigen::Vector3d> m_positions;
    Fiducials m_fiducials;
};

} // namespace plexus::geometry
