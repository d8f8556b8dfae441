#include "plexus/widgets/analysis/AnalysisRunner.h"

#include <QMetaObject>
#include <utility>

namespace plexus::widgets {

AnalysisRunner::AnalysisRunner(QObject* parent)
    : QObject(parent) {
    m_pool.setMaxThreadCount(1);
    m_pool.setObjectName(QStringLiteral("analysis"));
}

AnalysisRunner::~AnalysisRunner() {
    // Nothing still running may deliver: cancel, drop the queue, wait for the current step.
    if (m_cancel) {
        m_cancel->store(true, std::memory_order_release);
    }
    m_pool.clear();
    m_pool.waitForDone();
}

std::uint64_t AnalysisRunner::submit(AnalysisJob job) {
    const std::uint64_t id = ++m_latest;
    if (m_cancel) {
        m_cancel->store(true, std::memory_order_release); // the older request stops early
    }
    if (m_pending != 0) {
        ++m_discarded; // the request awaited so far will never be delivered
    }
    m_pool.clear(); // queued older requests never start
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    auto cancel = m_cancel;
    auto shared = std::make_shared<const AnalysisJob>(std::move(job));
    m_pool.start([this, shared, cancel, id] {
        if (cancel->load(std::memory_order_acquire)) {
            return;
        }
        auto result = std::make_shared<AnalysisResult>(shared->run(cancel.get()));
        if (result->cancelled || cancel->load(std::memory_order_acquire)) {
            return;
        }
        result->id = id;
        // Queued to the runner's thread. The destructor waits for this function to return, so
        // the runner is alive here; Qt drops the event if the runner is deleted before it is
        // delivered.
        QMetaObject::invokeMethod(
            this, [this, result] { deliver(result); }, Qt::QueuedConnection);
    });
    setPending(id);
    return id;
}

void AnalysisRunner::cancel() {
    if (m_cancel) {
        m_cancel->store(true, std::memory_order_release);
    }
    m_pool.clear();
    if (m_pending != 0) {
        ++m_discarded;
        ++m_latest; // a result already on its way is not the newest any more
        setPending(0);
    }
}

void AnalysisRunner::deliver(std::shared_ptr<AnalysisResult> result) {
    if (result->id != m_latest || result->id != m_pending) {
        return; // superseded after it was posted
    }
    m_delivered = result->id;
    setPending(0);
    Q_EMIT finished(std::move(result));
}

void AnalysisRunner::setPending(std::uint64_t pending) {
    const bool wasBusy = m_pending != 0;
    m_pending = pending;
    if (wasBusy != (m_pending != 0)) {
        Q_EMIT busyChanged(m_pending != 0);
    }
}

} // namespace plexus::widgets
