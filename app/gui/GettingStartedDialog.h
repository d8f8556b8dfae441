#pragma once

#include <QDialog>

class QTextBrowser;

namespace plexus::app {

/**
 * @brief Help > Getting Started: a short page on building a circuit, running it, looking at
 *        the results, analysing them and exporting figures and data (from the resource
 *        qrc:/help/getting-started.html).
 */
class GettingStartedDialog : public QDialog {
    Q_OBJECT

public:
    explicit GettingStartedDialog(QWidget* parent = nullptr);

    /// The page.
    QTextBrowser* browser() const { return m_browser; }

private:
    QTextBrowser* m_browser;
};

} // namespace plexus::app
