#pragma once

#include "plexus/core/project/CortexSpec.h"
#include "plexus/core/project/VesselSpec.h"

#include <QString>
#include <optional>

namespace plexus::widgets {

class Document;

/**
 * @brief Undoable document edits of the project's cortex and vessels coming from the 3-D
 * panel ("Load surface…", "Default cortex", the vessel toggle). Each call is one Document undo
 * command; saving keeps the result ("cortex" / "vessels" in the project file).
 */
class CortexEdits {
public:
    /// Sets the project's cortex to @p cortex (nullopt: the default procedural cortex);
    /// false when nothing changed.
    static bool setCortex(Document& document, const std::optional<core::CortexSpec>& cortex,
                          const QString& text = {});
    /// Sets the project's vessels to @p vessels (nullopt: none); false when nothing changed.
    static bool setVessels(Document& document, const std::optional<core::VesselSpec>& vessels,
                           const QString& text = {});
    /**
     * @brief The cortex of surface file @p path for a project saved at @p projectFile: the
     * path relative to the project's folder when the file lies inside it, else absolute.
     */
    static core::CortexSpec surfaceCortex(const QString& path, const QString& projectFile);
    /// The folder relative surface names of @p projectFile are resolved against (empty for a
    /// project without a file: names are then used as they are).
    static QString projectFolder(const QString& projectFile);
};

} // namespace plexus::widgets
