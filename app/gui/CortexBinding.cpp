#include "CortexBinding.h"

#include <QDockWidget>
#include <QTimer>
#include <nlohmann/json.hpp>
#include <plexus/core/project/ProjectIo.h>
#include <plexus/widgets/cortex/CortexPanel.h>
#include <plexus/widgets/document/CortexEdits.h>
#include <plexus/widgets/document/Document.h>
#include <plexus/widgets/document/ElectrodeEdits.h>

namespace plexus::app {

namespace {
constexpr int kActivityIntervalMs = 33;
} // namespace

CortexBinding::CortexBinding(widgets::Document* document, const widgets::LiveRecording* recording,
                             widgets::CortexPanel* panel, QDockWidget* dock, QObject* parent)
    : QObject(parent)
    , m_document(document)
    , m_recording(recording)
    , m_panel(panel)
    , m_dock(dock) {
    m_activityTimer = new QTimer(this);
    m_activityTimer->setInterval(kActivityIntervalMs);
    connect(m_activityTimer, &QTimer::timeout, this, [this] {
        if (m_synced && isShown()) {
            m_panel->refreshActivity();
        }
    });
    m_activityTimer->start();

    connect(m_document, &widgets::Document::changed, this, &CortexBinding::documentChanged);
    connect(m_document, &widgets::Document::projectReset, this, [this] {
        m_focusPending = true;
        documentChanged();
    });
    connect(m_panel, &widgets::CortexPanel::electrodePlaced, this,
            [this](const QString& name, qint64 vertex, double depthUm) {
                widgets::ElectrodeEdits::placeElectrode(*m_document, name, vertex, depthUm);
            });
    connect(m_panel, &widgets::CortexPanel::electrodeCreated, this,
            [this](const widgets::ElectrodeSpec& spec) {
                widgets::ElectrodeEdits::addElectrode(*m_document, spec);
            });
    // The cortex and the vessels are the project's: choosing them is a document edit.
    connect(m_panel, &widgets::CortexPanel::cortexChosen, this, [this](const QString& path) {
        if (path.isEmpty()) {
            widgets::CortexEdits::setCortex(*m_document, std::nullopt);
            return;
        }
        const core::CortexSpec cortex =
            widgets::CortexEdits::surfaceCortex(path, m_document->filePath());
        // Only a surface that loads becomes the project's.
        if (m_panel->setCortex(cortex,
                               widgets::CortexEdits::projectFolder(m_document->filePath()))) {
            widgets::CortexEdits::setCortex(*m_document, cortex);
        }
    });
    connect(m_panel, &widgets::CortexPanel::vesselsChosen, this, [this](bool visible) {
        core::VesselSpec vessels = m_document->project().vessels.value_or(core::VesselSpec{});
        vessels.enabled = visible;
        widgets::CortexEdits::setVessels(*m_document, vessels);
    });
    if (m_dock != nullptr) {
        connect(m_dock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
            if (visible) {
                documentChanged();
            }
        });
    }
    documentChanged();
}

bool CortexBinding::isShown() const {
    return m_dock == nullptr || (m_dock->isVisible() && !m_dock->visibleRegion().isEmpty());
}

void CortexBinding::documentChanged() {
    // Electrodes record during runs (virtual recordings), so their geometry stays current
    // while the dock is hidden; neurons alone wait until the dock is shown.
    if (!isShown() && m_document->electrodes().empty()) {
        return;
    }
    syncNow();
}

void CortexBinding::syncNow() {
    std::string key = placementKey();
    if (m_synced && key == m_key) {
        return;
    }
    m_key = std::move(key);
    m_synced = true;
    m_panel->setCortex(m_document->project().cortex,
                       widgets::CortexEdits::projectFolder(m_document->filePath()));
    m_panel->setVesselSpec(m_document->project().vessels);
    const bool empty = m_document->project().populations.empty();
    m_panel->setLiveData(empty ? nullptr : &m_document->project(), m_recording);
    if (empty) {
        // Electrodes without neurons (e.g. an imported EEG montage) are still shown.
        m_panel->setElectrodes(m_document->electrodes());
    }
    Q_EMIT placementChanged();
    // A newly opened project starts with the camera on its neurons.
    if (m_focusPending && !empty) {
        m_focusPending = false;
        m_panel->focusNeurons();
    }
}

std::string CortexBinding::placementKey() const {
    nlohmann::json doc = core::ProjectIo::toJson(m_document->project());
    nlohmann::json key = nlohmann::json::object();
    if (doc.contains("populations")) {
        key["populations"] = doc["populations"];
        for (nlohmann::json& population : key["populations"]) {
            if (population.is_object()) {
                population.erase("params");
                population.erase("initial");
            }
        }
    }
    for (const char* member : {"electrodes", "cortex", "vessels"}) {
        if (doc.contains(member)) {
            key[member] = doc[member];
        }
    }
    key["folder"] = widgets::CortexEdits::projectFolder(m_document->filePath()).toStdString();
    return key.dump();
}

} // namespace plexus::app
