#include "plexus/analysis/ActivityMatrix.h"

#include "plexus/core/base/Error.h"

#include <cmath>
#include <map>
#include <unordered_map>

namespace plexus::analysis {

void ActivityMatrix::validate(const std::string& where) const {
    const std::size_t n = samples();
    if (!unitNames.empty() && unitNames.size() != units())
        throw core::Error(where + ": " + std::to_string(unitNames.size()) + " unit names for " +
                          std::to_string(units()) + " units");
    if (!conditions.empty() && conditions.size() != n)
        throw core::Error(where + ": " + std::to_string(conditions.size()) +
                          " condition labels for " + std::to_string(n) + " samples");
    if (!partitions.empty() && partitions.size() != n)
        throw core::Error(where + ": " + std::to_string(partitions.size()) +
                          " partition indices for " + std::to_string(n) + " samples");
    if (!timesMs.empty() && timesMs.size() != n)
        throw core::Error(where + ": " + std::to_string(timesMs.size()) + " times for " +
                          std::to_string(n) + " samples");
    if (!values.allFinite())
        throw core::Error(where + ": activity values must be finite");
}

std::vector<std::string> ActivityMatrix::conditionNames() const {
    if (conditions.empty())
        return {"all"};
    std::vector<std::string> names;
    std::unordered_map<std::string, int> seen;
    for (const auto& c : conditions)
        if (seen.emplace(c, static_cast<int>(names.size())).second)
            names.push_back(c);
    return names;
}

std::vector<int> ActivityMatrix::conditionIndices() const {
    if (conditions.empty())
        return std::vector<int>(samples(), 0);
    std::vector<int> out;
    out.reserve(conditions.size());
    std::unordered_map<std::string, int> seen;
    for (const auto& c : conditions) {
        const auto [it, inserted] = seen.emplace(c, static_cast<int>(seen.size()));
        out.push_back(it->second);
    }
    return out;
}

namespace {

/// Rows of each condition, split into repeats (partition groups in order of appearance).
std::vector<std::vector<std::vector<Eigen::Index>>> repeatRows(const ActivityMatrix& a) {
    const auto index = a.conditionIndices();
    const std::size_t k = a.conditionNames().size();
    std::vector<std::vector<std::vector<Eigen::Index>>> out(k);
    std::vector<std::map<int, std::size_t>> slot(k);
    for (std::size_t r = 0; r < a.samples(); ++r) {
        const auto c = static_cast<std::size_t>(index[r]);
        const int p = a.partitions.empty() ? 0 : a.partitions[r];
        const auto [it, inserted] = slot[c].emplace(p, out[c].size());
        if (inserted)
            out[c].emplace_back();
        out[c][it->second].push_back(static_cast<Eigen::Index>(r));
    }
    return out;
}

} // namespace

std::vector<Eigen::MatrixXd> ActivityMatrix::conditionTrajectories() const {
    const auto names = conditionNames();
    const auto rows = repeatRows(*this);
    std::vector<Eigen::MatrixXd> out;
    for (std::size_t c = 0; c < rows.size(); ++c) {
        const auto& repeats = rows[c];
        const std::size_t length = repeats.front().size();
        Eigen::MatrixXd t = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(length), values.cols());
        for (const auto& rep : repeats) {
            if (rep.size() != length)
                throw core::Error("condition \"" + names[c] + "\": repeats differ in length (" +
                                  std::to_string(length) + " and " + std::to_string(rep.size()) +
                                  " samples)");
            for (std::size_t i = 0; i < length; ++i)
                t.row(static_cast<Eigen::Index>(i)) += values.row(rep[i]);
        }
        t /= static_cast<double>(repeats.size());
        out.push_back(std::move(t));
    }
    return out;
}

std::vector<std::vector<double>> ActivityMatrix::conditionTimes() const {
    const auto rows = repeatRows(*this);
    std::vector<std::vector<double>> out(rows.size());
    if (timesMs.empty())
        return out;
    for (std::size_t c = 0; c < rows.size(); ++c)
        for (const auto r : rows[c].front())
            out[c].push_back(timesMs[static_cast<std::size_t>(r)]);
    return out;
}

Eigen::MatrixXd ActivityMatrix::conditionPatterns() const {
    const auto index = conditionIndices();
    const auto k = static_cast<Eigen::Index>(conditionNames().size());
    Eigen::MatrixXd sums = Eigen::MatrixXd::Zero(k, values.cols());
    Eigen::VectorXd counts = Eigen::VectorXd::Zero(k);
    for (std::size_t r = 0; r < samples(); ++r) {
        sums.row(index[r]) += values.row(static_cast<Eigen::Index>(r));
        counts(index[r]) += 1.0;
    }
    for (Eigen::Index c = 0; c < k; ++c)
        sums.row(c) /= counts(c);
    return sums;
}

std::vector<int> ActivityMatrix::repeatPartitions() const {
    if (!partitions.empty())
        return partitions;
    const auto index = conditionIndices();
    std::vector<int> seen(conditionNames().size(), 0);
    std::vector<int> out;
    out.reserve(samples());
    for (const int c : index)
        out.push_back(seen[static_cast<std::size_t>(c)]++);
    return out;
}

ActivityMatrix ActivityMatrix::selectEpochs(const std::vector<ConditionEpoch>& epochs) const {
    std::vector<Eigen::Index> rows;
    ActivityMatrix out;
    out.unitNames = unitNames;
    std::map<std::string, int> repeats;
    for (const auto& e : epochs) {
        const int repeat = repeats[e.name]++;
        std::size_t selected = 0;
        for (std::size_t r = 0; r < samples(); ++r) {
            const double t = timesMs.empty() ? static_cast<double>(r) : timesMs[r];
            if (t >= e.startMs && t < e.endMs) {
                rows.push_back(static_cast<Eigen::Index>(r));
                out.conditions.push_back(e.name);
                out.partitions.push_back(repeat);
                if (!timesMs.empty())
                    out.timesMs.push_back(t);
                ++selected;
            }
        }
        if (selected == 0)
            throw core::Error(
                "condition \"" + e.name + "\" [" + std::to_string(e.startMs) + ", " +
                std::to_string(e.endMs) + "): selects no sample (" +
                (timesMs.empty() ? "bounds are row indices" : "bounds are compared with time_ms") +
                ")");
    }
    out.values.resize(static_cast<Eigen::Index>(rows.size()), values.cols());
    for (std::size_t i = 0; i < rows.size(); ++i)
        out.values.row(static_cast<Eigen::Index>(i)) = values.row(rows[i]);
    return out;
}

ActivityMatrix ActivityMatrix::stackRows(const std::vector<ActivityMatrix>& parts) {
    ActivityMatrix out;
    if (parts.empty())
        return out;
    Eigen::Index total = 0;
    bool conditions = true, partitions = true, times = true;
    for (const auto& p : parts) {
        if (p.values.cols() != parts.front().values.cols())
            throw core::Error("activity: cannot stack matrices with different unit counts");
        total += p.values.rows();
        conditions = conditions && !p.conditions.empty();
        partitions = partitions && !p.partitions.empty();
        times = times && !p.timesMs.empty();
    }
    out.unitNames = parts.front().unitNames;
    out.values.resize(total, parts.front().values.cols());
    Eigen::Index row = 0;
    for (const auto& p : parts) {
        out.values.middleRows(row, p.values.rows()) = p.values;
        row += p.values.rows();
        if (conditions)
            out.conditions.insert(out.conditions.end(), p.conditions.begin(), p.conditions.end());
        if (partitions)
            out.partitions.insert(out.partitions.end(), p.partitions.begin(), p.partitions.end());
        if (times)
            out.timesMs.insert(out.timesMs.end(), p.timesMs.begin(), p.timesMs.end());
    }
    return out;
}

} // namespace plexus::analysis
