#pragma once

#include "plexus/core/project/ElectrodeSite.h"
#include "plexus/core/project/ScalpContact.h"

#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace plexus::core {

/**
 * @brief A virtual electrode of a project (saved in its "electrodes" list): a point contact,
 *        a laminar probe, a Utah-style array, a set of threads or an EEG montage, recording
 *        from one population.
 *
 * On disk: `{"name", "type", "target", "contacts", "spacing_um", "depth_um", "anchor_vertex",
 * "anchor_mm": [x, y, z], "sites": [{"vertex", "depth_um"}], "contacts_mm": [{"label", "x_mm",
 * "y_mm", "z_mm"}], "montage_file"}`; only name is required. Members this version does not
 * know are kept in `extra`.
 */
struct ElectrodeSpec {
    std::string name;           ///< unique among the project's names
    std::string type = "point"; ///< one of kinds()
    std::string target;         ///< population recorded from (empty: not connected)
    int contacts = 1;           ///< number of recording contacts (>= 1)
    double spacingUm = 100.0;   ///< contact spacing in micrometres (> 0)
    /// Depth of the deepest contact (laminar), of the contact (point) or shank length (utah),
    /// in micrometres; unset: the type's default (defaultDepthUm()).
    std::optional<double> depthUm;
    /// Pial vertex the device enters at; unset: placed next to its target.
    std::optional<std::int64_t> anchorVertex;
    /// Entry point given numerically (mm); wins over anchorVertex.
    std::optional<std::array<double, 3>> anchorMm;
    /// Planned insertions (threads): one thread with one contact per site.
    std::vector<ElectrodeSite> sites;
    /// EEG contact positions from a montage file.
    std::vector<ScalpContact> scalpContacts;
    /// The montage file the EEG contacts came from ("" when none).
    std::string montageFile;
    /// Unknown JSON members of this object, kept as loaded and written back on save. Null when
    /// there are none.
    nlohmann::json extra = nullptr;

    /// Every electrode type a project may hold: point, laminar, utah, eeg, thread.
    static const std::vector<std::string>& kinds();
    /// Types offered for a new electrode in the editor: point, laminar, utah, eeg.
    static const std::vector<std::string>& editorKinds();
    /// True when @p type is one of kinds().
    static bool isKnownKind(const std::string& type);
    /// Human-readable label of a type, e.g. "Laminar probe" (the type itself when unknown).
    static std::string kindLabel(const std::string& type);
    /// Default number of contacts of a type (laminar 16, utah 96, eeg 32, others 1).
    static int defaultContacts(const std::string& type);
    /// The depth used when depthUm is unset: laminar (contacts - 1) * spacing + 100 um, utah
    /// 1000 um, eeg 0, point and thread 500 um.
    double defaultDepthUm() const;
    /// depthUm when set (and finite, >= 0), else defaultDepthUm().
    double effectiveDepthUm() const;

    bool operator==(const ElectrodeSpec&) const = default;
};

} // namespace plexus::core
