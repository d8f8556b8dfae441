#pragma once

#include "plexus/widgets/analysis/AnalysisJob.h"
#include "plexus/widgets/analysis/AnalysisResult.h"

#include <QObject>
#include <QThreadPool>
#include <atomic>
#include <cstdint>
#include <memory>

namespace plexus::widgets {

/**
 * @brief Runs AnalysisJobs on a worker thread, newest request first: a new submit() supersedes
 *        every older request, which then stops at its next check point and whose result is
 *        never delivered.
 *
 * The job holds a copy of its data, so the GUI keeps going (and the recording keeps growing)
 * while it runs. Results arrive on the thread the runner lives in (the GUI thread) through
 * finished(). One worker thread: a superseded job that is still running finishes its current
 * step while the newest waits; queued superseded jobs never start. The destructor cancels
 * everything and waits for the step in progress.
 */
class AnalysisRunner : public QObject {
    Q_OBJECT

public:
    /// Creates an idle runner.
    explicit AnalysisRunner(QObject* parent = nullptr);
    ~AnalysisRunner() override;

    /// Starts @p job (superseding all earlier requests); returns its request id (1, 2, ...).
    std::uint64_t submit(AnalysisJob job);
    /// Supersedes all requests without a new one (nothing more is delivered).
    void cancel();

    /// True while a request has neither been delivered nor superseded.
    bool isBusy() const { return m_pending != 0; }
    /// Id of the newest request (0 before the first; cancel() moves it on as well).
    std::uint64_t latestId() const { return m_latest; }
    /// Id of the last result delivered by finished() (0 before the first).
    std::uint64_t deliveredId() const { return m_delivered; }
    /// Number of results thrown away because a newer request came (or cancel()).
    std::uint64_t discardedCount() const { return m_discarded; }

Q_SIGNALS:
    /// The result of the newest request (id in result->id), on the runner's thread.
    void finished(std::shared_ptr<const plexus::widgets::AnalysisResult> result);
    /// Became busy (a request is running) or idle.
    void busyChanged(bool busy);

private:
    void deliver(std::shared_ptr<AnalysisResult> result);
    void setPending(std::uint64_t pending);

    QThreadPool m_pool;
    std::shared_ptr<std::atomic<bool>> m_cancel; ///< cancellation flag of the newest request
    std::uint64_t m_latest = 0;
    std::uint64_t m_pending = 0; ///< the id still awaited (0: idle)
    std::uint64_t m_delivered = 0;
    std::uint64_t m_discarded = 0;
};

} // namespace plexus::widgets
