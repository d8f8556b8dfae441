#include "PatternTableGroup.h"

#include "plexus/core/base/Error.h"
#include "plexus/core/base/RandomStream.h"

#include <cmath>

namespace plexus::plugins {

namespace {
/// `value` as an integer, or an error naming parameter `key`.
std::int64_t wholeNumber(double value, const char* key) {
    if (value != std::floor(value))
        throw core::Error(std::string("params.") + key + ": must be a whole number");
    return static_cast<std::int64_t>(value);
}
} // namespace

PatternTableGroup::PatternTableGroup(const core::ParameterSet& params, std::size_t size,
                                     double dtMs, std::uint64_t seed, core::PatternTable table)
    : m_table(std::move(table))
    , m_baseline(params.get("baseline_hz"))
    , m_dtMs(dtMs)
    , m_onsetMs(params.get("onset_ms"))
    , m_presentMs(params.get("present_ms"))
    , m_periodMs(params.get("present_ms") + params.get("gap_ms"))
    , m_firstRow(wholeNumber(params.get("first_row"), "first_row"))
    , m_rows(wholeNumber(params.get("rows"), "rows"))
    , m_sequential(params.get("sequential") >= 0.5)
    , m_repeat(params.get("repeat") >= 0.5)
    , m_seed(seed) {
    const std::int64_t label = wholeNumber(params.get("label_column"), "label_column");
    m_oneHot = wholeNumber(params.get("one_hot_column"), "one_hot_column");
    m_oneHotWidth = wholeNumber(params.get("one_hot_width"), "one_hot_width");
    if (m_table.rows() == 0) {
        // No table: every channel stays at the baseline.
        m_column.assign(size, 0);
        m_rows = 0;
        m_scale = 0.0;
        return;
    }
    const auto columns = static_cast<std::int64_t>(m_table.columns());
    if (label >= columns)
        throw core::Error("params.label_column: " + std::to_string(label) +
                          " is not a column of the table (it has " + std::to_string(columns) + ")");
    if (m_oneHot >= columns)
        throw core::Error("params.one_hot_column: " + std::to_string(m_oneHot) +
                          " is not a column of the table (it has " + std::to_string(columns) + ")");
    if (m_oneHot >= 0)
        m_column.assign(size, static_cast<std::size_t>(m_oneHot));
    for (std::int64_t c = 0; c < columns && m_column.size() < size; ++c)
        if (c != label)
            m_column.push_back(static_cast<std::size_t>(c));
    if (m_column.size() < size)
        throw core::Error("size: " + std::to_string(size) + " channels, but the table has only " +
                          std::to_string(m_column.size()) + " value columns");
    const auto tableRows = static_cast<std::int64_t>(m_table.rows());
    if (m_firstRow >= tableRows)
        throw core::Error("params.first_row: " + std::to_string(m_firstRow) +
                          " is past the table's last row (" + std::to_string(tableRows - 1) + ")");
    if (m_rows == 0)
        m_rows = tableRows - m_firstRow;
    if (m_firstRow + m_rows > tableRows)
        throw core::Error("params.rows: rows " + std::to_string(m_firstRow) + " to " +
                          std::to_string(m_firstRow + m_rows - 1) + " pass the table's end (" +
                          std::to_string(tableRows) + " rows)");
    double top = params.get("value_max");
    if (m_oneHot >= 0)
        top = 1.0; // a channel is either at max_rate_hz or silent
    else if (top <= 0.0)
        top = m_table.maxValue(label >= 0 ? static_cast<std::size_t>(label) : m_table.columns());
    m_scale = top > 0.0 ? params.get("max_rate_hz") / top : 0.0;
}

std::int64_t PatternTableGroup::rowAt(double tMs) const {
    const double t = tMs - m_onsetMs;
    if (t < 0.0 || m_rows == 0)
        return -1;
    const auto k = static_cast<std::int64_t>(std::floor(t / m_periodMs));
    if (t - static_cast<double>(k) * m_periodMs >= m_presentMs)
        return -1;
    if (!m_sequential)
        return m_firstRow;
    if (k >= m_rows && !m_repeat)
        return -1;
    return m_firstRow + k % m_rows;
}

double PatternTableGroup::value(std::int64_t row, std::size_t i) const {
    if (row < 0)
        return 0.0;
    const double v = m_table.at(static_cast<std::size_t>(row), m_column[i]);
    if (m_oneHot < 0)
        return v;
    return v == static_cast<double>(i / static_cast<std::size_t>(m_oneHotWidth)) ? 1.0 : 0.0;
}

double PatternTableGroup::rateAt(std::size_t i, double tMs) const {
    const double rate = m_baseline + m_scale * value(rowAt(tMs), i);
    return rate > 0.0 ? rate : 0.0;
}

void PatternTableGroup::update(const core::StepContext& ctx, float* const*, std::size_t begin,
                               std::size_t end, std::vector<std::int32_t>& spikes) {
    const double t = (static_cast<double>(ctx.step) + 0.5) * m_dtMs;
    const std::int64_t row = rowAt(t);
    const double scale = m_dtMs * 1e-3;
    const std::uint64_t stepKey = core::mix64(m_seed ^ static_cast<std::uint64_t>(ctx.step));
    for (std::size_t i = begin; i < end; ++i) {
        const double rate = m_baseline + m_scale * value(row, i);
        const double p = rate * scale;
        if (p <= 0.0)
            continue;
        if (p >= 1.0 || core::mix64(stepKey + i * 0x9e3779b97f4a7c15ULL) <
                            static_cast<std::uint64_t>(std::ldexp(p, 64)))
            spikes.push_back(static_cast<std::int32_t>(i));
    }
}

} // namespace plexus::plugins
