#pragma once

#include <QObject>
#include <QString>

namespace plexus::app {

class MainWindow;

/**
 * @brief The run-archive actions of a MainWindow: writes the run shown (live or recorded) to
 * an HDF5 run archive or a folder of CSV files, and shows a run archive in the plots and the
 * analysis without simulating. The dialog variants ask for the file and report the outcome in
 * the log (and in a message box when it failed).
 */
class RunArchives : public QObject {
    Q_OBJECT

public:
    explicit RunArchives(MainWindow& window);

    /**
     * @brief Writes the run shown to @p path: an HDF5 run archive (core::RunArchive) when it
     * ends in .h5/.hdf5, otherwise a folder of CSV files (core::RunRecordCsv).
     * @return false with the reason in @p error.
     */
    bool exportRun(const QString& path, QString* error = nullptr);
    /// Shows the run archive @p path in the plots and analysis; false with the reason.
    bool openRun(const QString& path, QString* error = nullptr);
    /// File > Export Run Data…
    void exportRunDialog();
    /// File > Open Recorded Run…
    void openRunDialog();

private:
    MainWindow& m_window;
};

} // namespace plexus::app
