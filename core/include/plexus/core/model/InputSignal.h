#pragma once

#include <Eigen/Dense>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <vector>

namespace plexus::core {

/// A scalar input signal sampled at a fixed step: u(n) at time startMs + n * stepMs, held
/// constant over [t_n, t_n + stepMs). The generators are pure functions of their arguments (the
/// random ones of their seed), so a task's input can be rebuilt from its description; feeding a
/// signal into a network is the job of the stimulus models.
///
/// The signals are those of the reservoir-computing benchmarks: i.i.d. uniform input for the
/// memory capacity (Jaeger 2001, "The echo state approach to analysing and training recurrent
/// neural networks", GMD Report 148), uniform input on [0, 0.5] for NARMA-10 (Atiya & Parlos
/// 2000, IEEE Trans. Neural Networks 11:697; Jaeger 2003, NIPS 15), and sines and chirps for
/// regression targets.
class InputSignal {
public:
    double startMs = 0.0;   ///< time of the first sample
    double stepMs = 1.0;    ///< sampling step (> 0)
    Eigen::VectorXd values; ///< u(n)

    /// Number of samples.
    std::size_t size() const { return static_cast<std::size_t>(values.size()); }
    /// Time of sample n: startMs + n * stepMs.
    double timeMs(std::size_t n) const { return startMs + static_cast<double>(n) * stepMs; }
    /// The sample times.
    std::vector<double> timesMs() const;
    /// The value held at time t (sample floor((t - startMs) / stepMs)); throws Error when t
    /// lies outside [startMs, startMs + size * stepMs).
    double valueAt(double timeMs) const;

    /// `count` i.i.d. samples uniform on [low, high) from a RandomStream seeded with `seed`.
    static InputSignal uniform(std::size_t count, double stepMs, double low, double high,
                               std::uint64_t seed);
    /// The NARMA-10 input: uniform on [0, 0.5) (Atiya & Parlos 2000, as used by Jaeger 2003).
    static InputSignal narma10(std::size_t count, double stepMs, std::uint64_t seed);
    /// offset + amplitude * sin(2 pi f t + phase), t in seconds from startMs = 0.
    static InputSignal sine(std::size_t count, double stepMs, double frequencyHz,
                            double amplitude = 1.0, double phase = 0.0, double offset = 0.0);
    /// Linear chirp: amplitude * sin(2 pi (f0 t + (f1 - f0) t^2 / (2 T))), the frequency going
    /// from f0 at t = 0 to f1 at the end of the signal (T = count * stepMs).
    static InputSignal chirp(std::size_t count, double stepMs, double f0Hz, double f1Hz,
                             double amplitude = 1.0);
    /// Read a two-column CSV `time_ms,value` (a header line is optional) with equally spaced,
    /// increasing times. Throws Error naming the file and line of a malformed row, an
    /// uneven step or a file with fewer than two rows.
    static InputSignal readCsv(const std::filesystem::path& path);
};

} // namespace plexus::core
