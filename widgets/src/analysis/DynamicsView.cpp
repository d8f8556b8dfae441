#include "plexus/widgets/analysis/DynamicsView.h"

#include "plexus/widgets/analysis/AvalancheView.h"
#include "plexus/widgets/analysis/BranchingView.h"
#include "plexus/widgets/analysis/OptionBar.h"
#include "plexus/widgets/analysis/SpectrumView.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QTabWidget>
#include <QVBoxLayout>

namespace plexus::widgets {

DynamicsView::DynamicsView(QWidget* parent)
    : QWidget(parent) {
    const AnalysisJob::DynamicsSettings defaults;
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 2, 0, 0);
    layout->setSpacing(2);
    auto* bar = OptionBar::row();
    m_bin = OptionBar::number(
        this, 0.0, 1.0e4, defaults.avalancheBinMs, 2, tr(" ms"),
        tr("Avalanche bin width; auto: the mean interval between the pooled spikes, "
           "rounded up to whole time steps"));
    m_bin->setSpecialValueText(tr("auto"));
    m_spectrumLow = OptionBar::number(this, 0.01, 1.0e4, defaults.spectrumLowHz, 1, QString(),
                                      tr("Lowest frequency shown"));
    m_spectrumHigh = OptionBar::number(this, 0.1, 1.0e4, defaults.spectrumHighHz, 0, tr(" Hz"),
                                       tr("Highest frequency shown"));
    m_fitLow = OptionBar::number(this, 0.01, 1.0e4, defaults.fitLowHz, 1, QString(),
                                 tr("Lower end of the aperiodic + peaks fit"));
    m_fitHigh =
        OptionBar::number(this, 0.1, 1.0e4, defaults.fitHighHz, 0, tr(" Hz"),
                          tr("Upper end of the aperiodic + peaks fit (at most 0.8 × Nyquist)"));
    m_logFrequency = new QCheckBox(tr("Log frequency"), this);
    m_logFrequency->setChecked(true);
    m_logFrequency->setToolTip(tr("Log-log spectrum, or semilog (linear frequency)"));
    bar->addWidget(new QLabel(tr("Avalanche bin"), this));
    bar->addWidget(m_bin);
    bar->addWidget(new QLabel(tr("Spectrum"), this));
    bar->addWidget(m_spectrumLow);
    bar->addWidget(new QLabel(QStringLiteral("–"), this));
    bar->addWidget(m_spectrumHigh);
    bar->addWidget(new QLabel(tr("Fit"), this));
    bar->addWidget(m_fitLow);
    bar->addWidget(new QLabel(QStringLiteral("–"), this));
    bar->addWidget(m_fitHigh);
    bar->addWidget(m_logFrequency);
    bar->addStretch(1);
    layout->addLayout(bar);

    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    m_avalanches = new AvalancheView(m_tabs);
    m_spectrum = new SpectrumView(m_tabs);
    m_branching = new BranchingView(m_tabs);
    m_tabs->addTab(m_avalanches, tr("Avalanches"));
    m_tabs->addTab(m_spectrum, tr("Spectrum"));
    m_tabs->addTab(m_branching, tr("Branching ratio"));
    layout->addWidget(m_tabs, 1);

    for (QDoubleSpinBox* box : {m_bin, m_spectrumLow, m_spectrumHigh, m_fitLow, m_fitHigh}) {
        connect(box, &QDoubleSpinBox::valueChanged, this, &DynamicsView::settingsChanged);
    }
    connect(m_logFrequency, &QCheckBox::toggled, m_spectrum, &SpectrumView::setLogFrequency);
}

DynamicsView::~DynamicsView() = default;

AnalysisJob::DynamicsSettings DynamicsView::settings() const {
    AnalysisJob::DynamicsSettings s;
    s.avalancheBinMs = m_bin->value();
    s.spectrumLowHz = m_spectrumLow->value();
    s.spectrumHighHz = m_spectrumHigh->value();
    s.fitLowHz = m_fitLow->value();
    s.fitHighHz = m_fitHigh->value();
    return s;
}

void DynamicsView::setSettings(const AnalysisJob::DynamicsSettings& settings) {
    m_bin->setValue(settings.avalancheBinMs);
    m_spectrumLow->setValue(settings.spectrumLowHz);
    m_spectrumHigh->setValue(settings.spectrumHighHz);
    m_fitLow->setValue(settings.fitLowHz);
    m_fitHigh->setValue(settings.fitHighHz);
}

void DynamicsView::setResult(std::shared_ptr<const AnalysisResult> result) {
    if (!result || !result->dynamics) {
        const QString why =
            result && !result->dynamicsError.empty()
                ? tr("No dynamics: %1").arg(QString::fromStdString(result->dynamicsError))
                : tr("Nothing to analyse yet");
        m_avalanches->showMessage(why);
        m_spectrum->showMessage(why);
        m_branching->showMessage(why);
        return;
    }
    m_avalanches->setDynamics(*result->dynamics);
    m_spectrum->setDynamics(*result->dynamics);
    m_branching->setDynamics(*result->dynamics);
}

} // namespace plexus::widgets
