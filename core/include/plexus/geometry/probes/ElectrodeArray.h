#pragma once

#include <Eigen/Core>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace plexus::geometry {

/**
 * @brief A placed recording device: named contacts at 3D positions, plus the straight
 * insertion tracks (shanks, threads) that carry them.
 *
 * Coordinates are millimetres in the frame of the cortical surface (SurfaceMesh uses mm,
 * RAS for brain surfaces). Device dimensions given to ElectrodeLayout are micrometres, as in
 * data sheets and in the project's electrode entries ("spacingUm"); the conversion happens
 * there. Build arrays with ElectrodeLayout (surface placement), MontageReader/EegMontage (EEG)
 * or ElectrodeCsv::read (imported coordinates).
 */
class ElectrodeArray {
public:
    /// Kind of device; typeName() gives the names used in project files.
    enum class Type { Point, Laminar, Utah, Thread, Eeg, Custom };

    /// One recording contact.
    struct Contact {
        std::string label;                                  ///< unique within the array
        Eigen::Vector3d position = Eigen::Vector3d::Zero(); ///< mm
        int shank = -1;                                     ///< index into shanks(), -1: none
    };

    /// A straight insertion track, from its entry point (on or above the surface) to its tip.
    struct Shank {
        Eigen::Vector3d entry = Eigen::Vector3d::Zero(); ///< mm
        Eigen::Vector3d tip = Eigen::Vector3d::Zero();   ///< mm
        /// Track length (mm).
        double length() const { return (tip - entry).norm(); }
    };

    /// An empty custom array.
    ElectrodeArray() = default;
    /// An empty array named @p name of type @p type.
    ElectrodeArray(std::string name, Type type);

    /// Name (unique among a project's electrodes).
    const std::string& name() const { return m_name; }
    /// Renames the array.
    void setName(std::string name) { m_name = std::move(name); }
    /// Kind of device.
    Type type() const { return m_type; }

    /// "point", "laminar", "utah", "thread", "eeg" or "custom" (the first four and "eeg"
    /// match the project file's electrode types).
    static std::string typeName(Type type);
    /// The type named @p name (typeName() spelling), or nothing.
    static std::optional<Type> typeFromName(std::string_view name);

    /// Number of contacts.
    int contactCount() const { return static_cast<int>(m_contacts.size()); }
    /// Every contact, in order.
    const std::vector<Contact>& contacts() const { return m_contacts; }
    /// Contact @p index (0-based, unchecked).
    const Contact& contact(int index) const { return m_contacts[static_cast<std::size_t>(index)]; }
    /// Index of the contact labelled @p label, or -1.
    int indexOf(std::string_view label) const;
    /**
     * @brief Appends a contact; throws core::Error when its coordinates are not finite, its
     * label is empty or already used, or its shank index is not -1 or a valid shank.
     */
    void addContact(Contact contact);
    /// Moves contact @p index to @p position (mm); throws core::Error when out of range.
    void setContactPosition(int index, const Eigen::Vector3d& position);

    /// Insertion tracks.
    const std::vector<Shank>& shanks() const { return m_shanks; }
    /// Appends a track and returns its index; throws core::Error for non-finite coordinates.
    int addShank(const Shank& shank);
    /// Sum of the track lengths (mm): what an insertion budget counts.
    double totalInsertionLength() const;

    /// Contact positions, one row per contact (mm).
    Eigen::MatrixX3d positions() const;
    /// Mean contact position (zero when there are none).
    Eigen::Vector3d centroid() const;
    /// Moves every contact and track by @p offset (mm), e.g. after a drag.
    void translate(const Eigen::Vector3d& offset);

private:
    std::string m_name;
    Type m_type = Type::Custom;
    std::vector<Contact> m_contacts;
    std::vector<Shank> m_shanks;
};

} // namespace plexus::geometry
