#include "plexus/core/record/SpikeStatistics.h"

#include <cmath>

namespace plexus::core {

std::vector<std::size_t> SpikeStatistics::counts(const SpikeRecorder& spikes, std::size_t size) {
    std::vector<std::size_t> out(size, 0);
    for (const auto n : spikes.neurons)
        if (static_cast<std::size_t>(n) < size)
            ++out[static_cast<std::size_t>(n)];
    return out;
}

std::vector<double> SpikeStatistics::cvIsi(const SpikeRecorder& spikes, std::size_t size,
                                           std::size_t minSpikes) {
    // Group spike steps by neuron (counting sort keeps time order within a neuron).
    const auto perNeuron = counts(spikes, size);
    std::vector<std::size_t> start(size + 1, 0);
    for (std::size_t i = 0; i < size; ++i)
        start[i + 1] = start[i] + perNeuron[i];
    std::vector<std::int64_t> sorted(start[size]);
    std::vector<std::size_t> fill(start.begin(), start.end() - 1);
    for (std::size_t k = 0; k < spikes.neurons.size(); ++k) {
        const auto n = static_cast<std::size_t>(spikes.neurons[k]);
        if (n < size)
            sorted[fill[n]++] = spikes.steps[k];
    }
    std::vector<double> out;
    for (std::size_t i = 0; i < size; ++i) {
        const std::size_t m = perNeuron[i];
        if (m < minSpikes || m < 2)
            continue;
        double sum = 0.0;
        double sumSq = 0.0;
        for (std::size_t k = start[i] + 1; k < start[i + 1]; ++k) {
            const double isi = static_cast<double>(sorted[k] - sorted[k - 1]);
            sum += isi;
            sumSq += isi * isi;
        }
        const double count = static_cast<double>(m - 1);
        const double mean = sum / count;
        const double var = std::max(0.0, sumSq / count - mean * mean);
        out.push_back(mean > 0 ? std::sqrt(var) / mean : 0.0);
    }
    return out;
}

double SpikeStatistics::meanCvIsi(const SpikeRecorder& spikes, std::size_t size,
                                  std::size_t minSpikes, double whenNone) {
    const auto cvs = cvIsi(spikes, size, minSpikes);
    if (cvs.empty())
        return whenNone;
    double sum = 0.0;
    for (const double c : cvs)
        sum += c;
    return sum / static_cast<double>(cvs.size());
}

} // namespace plexus::core
