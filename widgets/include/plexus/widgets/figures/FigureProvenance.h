#pragma once

#include <QString>
#include <QStringList>
#include <cstdint>
#include <nlohmann/json.hpp>

namespace plexus::core {
class ModelRegistry;
struct ProjectSpec;
} // namespace plexus::core

namespace plexus::widgets {

struct FigureStyle;

/**
 * @brief The provenance sidecar written next to every exported figure (FILE.json for FILE).
 *
 * It names what the figure shows and where it came from: the Plexus version, the export date
 * (UTC), the project (name, file, hash of its canonical JSON, format version), the seed and
 * step, every model the project uses with its version, the run (simulated time, spikes, state)
 * and the figure itself (file, format, views, size, resolution, font size).
 */
class FigureProvenance {
public:
    /// What is known about the run the figure shows.
    struct Run {
        QString state;            ///< "finished", "paused", "loaded", "none"…
        double simulatedMs = 0.0; ///< simulated time shown
        std::uint64_t spikes = 0; ///< spikes recorded
        QString source;           ///< a loaded run's file; empty for a live run
    };

    /// Hash of the project's canonical JSON (core::RunRecord::hashProject of
    /// core::ProjectIo::toJson), the same as a run archive's project hash.
    static QString projectHash(const core::ProjectSpec& project);

    /**
     * @brief The sidecar's JSON.
     * @param registry resolves model versions (may be null: versions are omitted).
     */
    static nlohmann::json describe(const core::ProjectSpec& project,
                                   const core::ModelRegistry* registry, const QString& projectFile,
                                   const Run& run, const QString& figureFile,
                                   const QStringList& views, const FigureStyle& style,
                                   const QString& plexusVersion);

    /// The sidecar path of @p figureFile: the same path with ".json" appended.
    static QString sidecarPath(const QString& figureFile);

    /// Writes @p provenance next to @p figureFile; false with "PATH: reason" on failure.
    static bool write(const QString& figureFile, const nlohmann::json& provenance,
                      QString* error = nullptr);
};

} // namespace plexus::widgets
