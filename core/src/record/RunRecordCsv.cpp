#include "plexus/core/record/RunRecordCsv.h"

#include "plexus/core/base/Error.h"
#include "plexus/core/base/MatrixCsv.h"

#include <cmath>
#include <fstream>
#include <iomanip>
#include <limits>
#include <sstream>

namespace plexus::core {

namespace {

/// One CSV file, written to FILE.part and renamed when complete.
class CsvFile {
public:
    explicit CsvFile(std::filesystem::path path)
        : m_path(std::move(path))
        , m_part(m_path.string() + ".part")
        , m_out(m_part) {
        if (!m_out)
            throw Error(m_path.string() + ": cannot be written");
        m_out << std::setprecision(std::numeric_limits<double>::max_digits10);
    }
    std::ostream& out() { return m_out; }
    void value(double v) {
        if (std::isfinite(v))
            m_out << v;
        else
            m_out << "nan";
    }
    void commit() {
        m_out.close();
        if (!m_out)
            throw Error(m_path.string() + ": write failed");
        std::error_code ec;
        std::filesystem::rename(m_part, m_path, ec);
        if (ec)
            throw Error(m_path.string() + ": " + ec.message());
    }

private:
    std::filesystem::path m_path;
    std::filesystem::path m_part;
    std::ofstream m_out;
};

std::string suffix(std::size_t index, const std::string& recorder) {
    return index == 0 ? std::string() : "_" + recorder;
}

const NamedArray* arrayNamed(const RunRecord::ElectrodeData& electrode, const std::string& name) {
    for (const NamedArray& array : electrode.arrays)
        if (array.name == name)
            return &array;
    return nullptr;
}

void writeMatrix(const NamedArray& array, const NamedArray* time,
                 const std::filesystem::path& path) {
    const bool withTime = time != nullptr && time->values.size() == array.rows;
    const auto offset = static_cast<Eigen::Index>(withTime ? 1 : 0);
    Eigen::MatrixXd matrix(static_cast<Eigen::Index>(array.rows),
                           static_cast<Eigen::Index>(array.cols) + offset);
    std::vector<std::string> columns;
    if (withTime)
        columns.push_back("time_ms");
    for (std::size_t c = 0; c < array.cols; ++c)
        columns.push_back(c < array.columnLabels.size() ? array.columnLabels[c]
                                                        : "c" + std::to_string(c));
    for (std::size_t r = 0; r < array.rows; ++r) {
        const auto row = static_cast<Eigen::Index>(r);
        if (withTime)
            matrix(row, 0) = time->values[r];
        for (std::size_t c = 0; c < array.cols; ++c)
            matrix(row, static_cast<Eigen::Index>(c) + offset) = array.at(r, c);
    }
    const bool rowLabels = array.rowLabels.size() == array.rows;
    MatrixCsv::write(matrix, columns, path,
                     rowLabels ? array.rowLabels : std::vector<std::string>{}, "label");
}

} // namespace

void RunRecordCsv::write(const RunRecord& record, const std::filesystem::path& folder) {
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (ec)
        throw Error(folder.string() + ": " + ec.message());
    for (const auto& pop : record.populations) {
        for (std::size_t k = 0; k < pop.spikes.size(); ++k) {
            const auto& spikes = pop.spikes[k];
            CsvFile file(folder / ("spikes_" + pop.name + suffix(k, spikes.recorder) + ".csv"));
            file.out() << "time_ms,neuron\n";
            for (std::size_t i = 0; i < spikes.timesMs.size(); ++i) {
                file.value(spikes.timesMs[i]);
                file.out() << ',' << spikes.neurons[i] << '\n';
            }
            file.commit();
        }
        for (const auto& state : pop.states) {
            CsvFile file(folder / ("state_" + pop.name + "_" + state.recorder + ".csv"));
            file.out() << "time_ms";
            for (const auto& variable : state.variables)
                for (const std::int32_t neuron : state.neurons)
                    file.out() << ',' << variable << '[' << neuron << ']';
            file.out() << '\n';
            const std::size_t n = state.neurons.size();
            for (std::size_t r = 0; r < state.timesMs.size(); ++r) {
                file.value(state.timesMs[r]);
                for (const auto& values : state.values)
                    for (std::size_t j = 0; j < n; ++j) {
                        file.out() << ',';
                        file.value(values[r * n + j]);
                    }
                file.out() << '\n';
            }
            file.commit();
        }
        for (std::size_t k = 0; k < pop.rates.size(); ++k) {
            const auto& rate = pop.rates[k];
            CsvFile file(folder / ("rate_" + pop.name + suffix(k, rate.recorder) + ".csv"));
            file.out() << "time_ms,rate_hz\n";
            for (std::size_t b = 0; b < rate.timesMs.size(); ++b) {
                file.value(rate.timesMs[b]);
                file.out() << ',';
                file.value(rate.rateHz[b]);
                file.out() << '\n';
            }
            file.commit();
        }
    }
    for (const auto& electrode : record.electrodes) {
        const NamedArray* time = arrayNamed(electrode, "t_ms");
        for (const NamedArray& array : electrode.arrays) {
            if (&array == time)
                continue;
            writeMatrix(array, time,
                        folder / ("electrode_" + electrode.name + "_" + array.name + ".csv"));
        }
    }
    for (const NamedArray& array : record.analysis)
        writeMatrix(array, nullptr, folder / ("analysis_" + array.name + ".csv"));
}

} // namespace plexus::core
