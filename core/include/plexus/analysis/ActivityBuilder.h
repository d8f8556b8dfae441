#pragma once

#include "plexus/analysis/ActivityMatrix.h"
#include "plexus/analysis/ActivityOptions.h"
#include "plexus/analysis/ConditionEpoch.h"
#include "plexus/analysis/SpikeTimes.h"

#include <vector>

namespace plexus::analysis {

/// Builds activity matrices (binned spike counts or smoothed rates) from spike trains.
///
/// An epoch [start, end) is cut into floor((end - start) / binMs) bins; bin b covers
/// [start + b binMs, start + (b + 1) binMs) and its row time is the bin centre. Without a
/// kernel the value is the spike count of the bin (or count / bin width in Hz with ratesHz).
/// With a kernel the value is the rate in Hz at the bin centre: the sum over all spikes (also
/// those outside the epoch) of the kernel evaluated at (centre - spike time), with the Gaussian
/// truncated at truncateSigmas standard deviations and the exponential kernel at
/// truncateSigmas time constants. Spikes exist only inside the recorded span
/// [recordedFromMs, recordedToMs] of the options. Where the kernel reaches beyond it, each spike
/// counts with ActivityOptions::dataWeight() (the Gaussian's data fade out within sigma of the
/// span's ends), the kernel widens to ActivityOptions::kernelWidthAt() (as many spikes counted
/// as in the middle) and the sum is divided by the weight the data cover
/// (ActivityOptions::edgeCorrection()): a steady rate stays steady up to the ends of the
/// recording instead of falling to half, and the rate is not noisier there.
/// Columns are the neurons of all populations in order (or one column per population with
/// UnitResolution::Population).
class ActivityBuilder {
public:
    /// Activity over one epoch: one row per bin, labelled with the epoch name and `repeat`.
    static ActivityMatrix epoch(const std::vector<SpikeTimes>& populations,
                                const ConditionEpoch& epoch, const ActivityOptions& options,
                                int repeat = 0);
    /// epoch() for every epoch, rows stacked; epochs that share a name get repeat indices
    /// 0, 1, ... in order of appearance.
    static ActivityMatrix epochs(const std::vector<SpikeTimes>& populations,
                                 const std::vector<ConditionEpoch>& epochs,
                                 const ActivityOptions& options);
    /// One row per epoch: its mean activity. Without a kernel this is the exact spike count of
    /// the epoch divided by the number of bins it spans (binMs = epoch length gives the count;
    /// ratesHz gives count / duration). With a kernel it is the mean smoothed rate over the
    /// epoch's bins. Row times are epoch centres; repeats numbered as in epochs().
    static ActivityMatrix epochMeans(const std::vector<SpikeTimes>& populations,
                                     const std::vector<ConditionEpoch>& epochs,
                                     const ActivityOptions& options);
    /// Column names for `populations` at the given resolution.
    static std::vector<std::string> unitNames(const std::vector<SpikeTimes>& populations,
                                              UnitResolution resolution);
};

} // namespace plexus::analysis
