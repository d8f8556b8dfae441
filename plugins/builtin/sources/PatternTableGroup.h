#pragma once

#include "plexus/core/engine/NeuronGroup.h"
#include "plexus/core/model/ParameterSet.h"
#include "plexus/core/model/PatternTable.h"

#include <cstdint>
#include <vector>

namespace plexus::plugins {

/// Channels of PatternTableModel: channel i spikes in step s when a counter-based hash of
/// (seed, s, i) falls below rate_i(t) dt, where rate_i is the value of channel i's column in the
/// row presented at t, scaled to max_rate_hz.
class PatternTableGroup : public core::NeuronGroup {
public:
    /// `size` channels fed by `table` (an empty table: every channel at baseline_hz); step
    /// `dtMs`; spikes drawn from `seed`. Throws
    /// core::Error when the table has fewer value columns than channels, label_column or the
    /// rows lie outside the table, or the presentation timing is invalid.
    PatternTableGroup(const core::ParameterSet& params, std::size_t size, double dtMs,
                      std::uint64_t seed, core::PatternTable table);

    std::size_t size() const override { return m_column.size(); }
    void update(const core::StepContext& ctx, float* const* inputs, std::size_t begin,
                std::size_t end, std::vector<std::int32_t>& spikes) override;
    float* state(std::size_t) override { return nullptr; }

    /// Table row presented at time `tMs`, or -1 outside presentations (before onset_ms, in a
    /// gap, after the last row when rows are not repeated).
    std::int64_t rowAt(double tMs) const;
    /// Rate (Hz) of channel `i` at time `tMs`.
    double rateAt(std::size_t i, double tMs) const;

private:
    /// Table value of channel `i` in `row` (0 for row -1); with one_hot_column, 1 when the
    /// row's value in that column equals i / one_hot_width and 0 otherwise.
    double value(std::int64_t row, std::size_t i) const;

    core::PatternTable m_table;
    std::vector<std::size_t> m_column; ///< table column of each channel
    double m_scale;                    ///< Hz per table unit
    double m_baseline, m_dtMs, m_onsetMs, m_presentMs, m_periodMs;
    std::int64_t m_firstRow, m_rows;
    std::int64_t m_oneHot = -1;     ///< one_hot_column, -1: channels follow value columns
    std::int64_t m_oneHotWidth = 1; ///< channels per value of the one-hot column
    bool m_sequential, m_repeat;
    std::uint64_t m_seed;
};

} // namespace plexus::plugins
