#include "plexus/geometry/probes/ElectrodeArray.h"

#include "plexus/core/base/Error.h"

#include <array>
#include <utility>

namespace plexus::geometry {

namespace {

constexpr std::array<std::pair<ElectrodeArray::Type, std::string_view>, 6> kTypeNames{{
    {ElectrodeArray::Type::Point, "point"},
    {ElectrodeArray::Type::Laminar, "laminar"},
    {ElectrodeArray::Type::Utah, "utah"},
    {ElectrodeArray::Type::Thread, "thread"},
    {ElectrodeArray::Type::Eeg, "eeg"},
    {ElectrodeArray::Type::Custom, "custom"},
}};

} // namespace

ElectrodeArray::ElectrodeArray(std::string name, Type type)
    : m_name(std::move(name))
    , m_type(type) {}

std::string ElectrodeArray::typeName(Type type) {
    for (const auto& [t, name] : kTypeNames) {
        if (t == type) {
            return std::string(name);
        }
    }
    return "custom";
}

std::optional<ElectrodeArray::Type> ElectrodeArray::typeFromName(std::string_view name) {
    for (const auto& [t, n] : kTypeNames) {
        if (n == name) {
            return t;
        }
    }
    return std::nullopt;
}

int ElectrodeArray::indexOf(std::string_view label) const {
    for (std::size_t i = 0; i < m_contacts.size(); ++i) {
        if (m_contacts[i].label == label) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

void ElectrodeArray::addContact(Contact contact) {
    const std::string where = "electrode '" + m_name + "'";
    if (contact.label.empty()) {
        throw core::Error(where + ": contact " + std::to_string(m_contacts.size()) +
                          " has no label");
    }
    if (!contact.position.allFinite()) {
        throw core::Error(where + ", contact '" + contact.label + "': coordinates are not finite");
    }
    if (contact.shank < -1 || contact.shank >= static_cast<int>(m_shanks.size())) {
        throw core::Error(where + ", contact '" + contact.label + "': no shank " +
                          std::to_string(contact.shank));
    }
    if (indexOf(contact.label) >= 0) {
        throw core::Error(where + ": contact label '" + contact.label + "' is used twice");
    }
    m_contacts.push_back(std::move(contact));
}

void ElectrodeArray::setContactPosition(int index, const Eigen::Vector3d& position) {
    if (index < 0 || index >= contactCount()) {
        throw core::Error("electrode '" + m_name + "': no contact " + std::to_string(index));
    }
    if (!position.allFinite()) {
        throw core::Error("electrode '" + m_name + "', contact '" +
                          m_contacts[static_cast<std::size_t>(index)].label +
                          "': coordinates are not finite");
    }
    m_contacts[static_cast<std::size_t>(index)].position = position;
}

int ElectrodeArray::addShank(const Shank& shank) {
    if (!shank.entry.allFinite() || !shank.tip.allFinite()) {
        throw core::Error("electrode '" + m_name + "', shank " + std::to_string(m_shanks.size()) +
                          ": coordinates are not finite");
    }
    m_shanks.push_back(shank);
    return static_cast<int>(m_shanks.size()) - 1;
}

double ElectrodeArray::totalInsertionLength() const {
    double total = 0.0;
    for (const Shank& s : m_shanks) {
        total += s.length();
    }
    return total;
}

Eigen::MatrixX3d ElectrodeArray::positions() const {
    Eigen::MatrixX3d out(static_cast<Eigen::Index>(m_contacts.size()), 3);
    for (std::size_t i = 0; i < m_contacts.size(); ++i) {
        out.row(static_cast<Eigen::Index>(i)) = m_contacts[i].position.transpose();
    }
    return out;
}

Eigen::Vector3d ElectrodeArray::centroid() const {
    if (m_contacts.empty()) {
        return Eigen::Vector3d::Zero();
    }
    Eigen::Vector3d sum = Eigen::Vector3d::Zero();
    for (const Contact& c : m_contacts) {
        sum += c.position;
    }
    return sum / static_cast<double>(m_contacts.size());
}

void ElectrodeArray::translate(const Eigen::Vector3d& offset) {
    for (Contact& c : m_contacts) {
        c.position += offset;
    }
    for (Shank& s : m_shanks) {
        s.entry += offset;
        s.tip += offset;
    }
}

} // namespace plexus::geometry
