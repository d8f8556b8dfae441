#pragma once

#include "plexus/geometry/probes/ElectrodeArray.h"
#include "plexus/geometry/surface/SurfaceAnchor.h"

#include <limits>
#include <string>
#include <vector>

namespace plexus::geometry {

/**
 * @brief Builds electrode arrays placed on a cortical surface.
 *
 * Every device hangs from a SurfaceAnchor (an entry point and its outward normal): its
 * contacts lie along the inward normal at the given depths. Device dimensions are in
 * micrometres (as in data sheets and in the project's "spacingUm"); the resulting contact
 * coordinates are millimetres, the unit of SurfaceMesh. Invalid dimensions throw core::Error
 * naming the electrode and the offending value.
 */
class ElectrodeLayout {
public:
    /// A laminar probe: one straight shank with evenly spaced contacts.
    struct LaminarOptions {
        int contacts = 16;          ///< number of contacts (>= 1)
        double spacingUm = 100.0;   ///< centre-to-centre spacing (> 0)
        double tipDepthUm = 1600.0; ///< depth of the deepest contact below the entry point
    };

    /// A Utah-style array: a rigid flat base carrying rows x columns parallel shanks.
    struct UtahOptions {
        int rows = 10;                 ///< shanks along v (>= 1)
        int columns = 10;              ///< shanks along u (>= 1)
        double pitchUm = 400.0;        ///< shank spacing (> 0)
        double shankLengthUm = 1500.0; ///< base-to-tip length (> 0)
        double rotationDeg = 0.0;      ///< rotation of the grid about the normal
        bool skipCorners = false;      ///< leave out the four corner shanks (10 x 10 -> 96)
    };

    /// Flexible threads: each thread is inserted at its own site along its own normal.
    struct ThreadOptions {
        int contactsPerThread = 32; ///< contacts on a fully inserted thread (>= 1)
        double spacingUm = 50.0;    ///< contact spacing along the thread (> 0)
    };

    /// One thread insertion: where and how deep (the depth of the thread's tip).
    struct ThreadInsertion {
        SurfaceAnchor anchor;
        double depthUm = 1000.0;
    };

    /// Limits of a surgical session (threads).
    struct InsertionBudget {
        int maxThreads = 64;                                               ///< insertions
        double maxTotalLengthMm = std::numeric_limits<double>::infinity(); ///< summed depth
    };

    /// A single contact at @p position (mm), no shank.
    static ElectrodeArray point(const std::string& name, const Eigen::Vector3d& position);
    /// A single contact @p depthUm below @p anchor, on a shank from the entry point.
    static ElectrodeArray point(const std::string& name, const SurfaceAnchor& anchor,
                                double depthUm);

    /**
     * @brief A laminar probe inserted at @p anchor along its inward normal.
     *
     * Contact k (label "k", 0 = shallowest) sits at depth
     * tipDepthUm - (contacts - 1 - k) * spacingUm; the shank runs from the entry point to the
     * deepest contact. Throws core::Error when the shallowest contact would lie above the
     * surface.
     */
    static ElectrodeArray laminar(const std::string& name, const SurfaceAnchor& anchor,
                                  const LaminarOptions& options);

    /**
     * @brief A Utah-style array whose base is centred on @p anchor, in the tangent plane there.
     *
     * The base is rigid, so all shanks run parallel to the anchor's inward normal (on a curved
     * surface the outer shanks start slightly above or below it). Shank (r, c) enters at
     * anchor + (c - (columns-1)/2) * pitch * u + (r - (rows-1)/2) * pitch * v with (u, v) from
     * SurfaceAnchor::tangentFrame(rotation), and carries one contact at its tip labelled
     * "r<r>c<c>". Row-major order.
     */
    static ElectrodeArray utah(const std::string& name, const SurfaceAnchor& anchor,
                               const UtahOptions& options);

    /**
     * @brief Flexible threads, one per insertion, each along its own inward normal.
     *
     * A thread carries min(contactsPerThread, floor(depth / spacing) + 1) contacts from its
     * tip upwards (labels "t<thread>c<k>", k = 0 at the tip). Throws core::Error naming the
     * limit when the insertions exceed @p budget (number of threads or summed depth).
     */
    static ElectrodeArray threads(const std::string& name,
                                  const std::vector<ThreadInsertion>& insertions,
                                  const ThreadOptions& options, const InsertionBudget& budget);
};

} // namespace plexus::geometry
