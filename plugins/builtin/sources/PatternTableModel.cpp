#include "PatternTableModel.h"

#include "PatternTableGroup.h"
#include "plexus/core/base/Error.h"

#include <filesystem>
#include <nlohmann/json.hpp>

namespace plexus::plugins {

PatternTableModel::PatternTableModel() {
    m_info.name = "pattern_table";
    m_info.label = "Pattern table (rate-coded rows)";
    m_info.kind = core::ModelKind::SpikeSource;
    m_info.category = "Stimuli";
    m_info.tags = {"image", "digits", "MNIST", "rate coding", "classification", "stimulus"};
    m_info.version = "1.0";
    m_info.equations =
        "presentation k: t in [onset_ms + k period, onset_ms + k period + present_ms), "
        "period = present_ms + gap_ms\n"
        "row(k) = first_row + k mod rows  (sequential = 1),  first_row  (sequential = 0)\n"
        "rate_i(t) = baseline_hz + max_rate_hz * table[row(k)][column_i] / value_max  "
        "(baseline_hz outside presentations)";
    m_info.references =
        "Diehl PU, Cook M (2015) Unsupervised learning of digit recognition using "
        "spike-timing-dependent plasticity. Front Comput Neurosci 9:99 (pixel intensities as "
        "Poisson rates). Ivanov VA, Michmizos KP (2021) Increasing liquid state machine "
        "performance with edge-of-chaos dynamics organized by astrocyte-modulated plasticity. "
        "NeurIPS 34 (rate-coded images as liquid input).";
    m_info.doc =
        "Presents the rows of a table, one after another, as the rates of N independent Poisson "
        "channels: channel i follows the i-th value column of the row (a pixel of an image). "
        "The stimulus object names the table with \"table_file\": a CSV file, or a gzip-"
        "compressed one (.csv.gz), of comma-separated numbers, one row per pattern, relative to "
        "the project file (e.g. the 8 x 8 digits of scikit-learn, 64 pixels and the class in "
        "column 64); without one the channels stay at baseline_hz. label_column is left out of the "
        "channels. Row first_row + k plays during "
        "presentation k (sequential = 1), or first_row in every presentation (sequential = 0, "
        "for a protocol whose conditions set first_row). A channel spikes in step s when a "
        "counter-based hash of (seed, s, channel) falls below its probability, so the trains "
        "do not depend on how the channels are split across threads. With one_hot_column >= 0 "
        "the channels code that column one-hot instead (channel i at max_rate_hz when the "
        "row's value is i, or i / one_hot_width rounded down): played with the same timing as "
        "the images it is a label teacher.";
    m_info.parameters = {
        {"max_rate_hz", "Maximum rate", "Hz", 100.0, 0.0, 1e5,
         "Rate of a channel whose value is value_max."},
        {"value_max", "Value at maximum rate", "", 0.0, 0.0, 1e12,
         "Table value that maps to max_rate_hz; 0: the largest value in the table."},
        {"baseline_hz", "Baseline rate", "Hz", 0.0, 0.0, 1e5,
         "Rate added on every channel at all times (also between presentations)."},
        {"present_ms", "Presentation", "ms", 100.0, 0.01, 1e9, "How long each row plays."},
        {"gap_ms", "Gap", "ms", 0.0, 0.0, 1e9, "Time between presentations (baseline only)."},
        {"onset_ms", "Onset", "ms", 0.0, 0.0, 1e9, "Start of the first presentation."},
        {"first_row", "First row", "", 0.0, 0.0, 1e9,
         "Table row of the first presentation (0 = the first row of numbers)."},
        {"rows", "Rows", "", 0.0, 0.0, 1e9,
         "Number of rows played in turn from first_row; 0: all rows to the table's end."},
        {"sequential", "Sequential", "", 1.0, 0.0, 1.0,
         "1: presentation k plays row first_row + k; 0: every presentation plays first_row."},
        {"repeat", "Repeat", "", 1.0, 0.0, 1.0,
         "1: after the last row start again at first_row; 0: stay at baseline."},
        {"label_column", "Label column", "", -1.0, -1.0, 1e6,
         "Column left out of the channels (e.g. the class); -1: none."},
        {"one_hot_column", "One-hot column", "", -1.0, -1.0, 1e6,
         "Channel i plays max_rate_hz while the row's value in this column equals i, and is "
         "silent otherwise (a teacher signal from the class column); -1: off."},
        {"one_hot_width", "One-hot width", "", 1.0, 1.0, 1e6,
         "Channels per value with one_hot_column: channel i plays for value i / width "
         "(rounded down), e.g. 10 label neurons per class."},
    };
}

std::unique_ptr<core::NeuronGroup>
PatternTableModel::createGroup(const core::GroupSetup& setup) const {
    const nlohmann::json extra = setup.extraJson.empty()
                                     ? nlohmann::json()
                                     : nlohmann::json::parse(setup.extraJson, nullptr, false);
    if (!extra.is_object() || !extra.contains("table_file"))
        return std::make_unique<PatternTableGroup>(*setup.params, setup.size, setup.dtMs,
                                                   setup.seed, core::PatternTable());
    if (!extra["table_file"].is_string())
        throw core::Error("table_file: must be a file name");
    std::filesystem::path file(extra["table_file"].get<std::string>());
    if (file.is_relative() && !setup.origin.empty())
        file = std::filesystem::path(setup.origin).parent_path() / file;
    return std::make_unique<PatternTableGroup>(*setup.params, setup.size, setup.dtMs, setup.seed,
                                               core::PatternTable::read(file));
}

} // namespace plexus::plugins
