#pragma once

#include <QDateTime>
#include <QObject>
#include <QString>
#include <optional>

class QTimer;

namespace plexus::widgets {
class Document;
} // namespace plexus::widgets

namespace plexus::app {

/**
 * @brief Writes unsaved changes of a Document to a recovery file, and finds recovery files
 *        left behind by a session that ended without saving (a crash).
 *
 * While the document has unsaved changes it is written every interval() milliseconds to
 * `<folder>/<key>.json`, where the folder is QStandardPaths::AppDataLocation + "/autosave" and
 * the key is derived from the project's path ("untitled" for a new project). A sidecar
 * `<key>.source` holds the project's path. What this session wrote is removed when the document
 * is saved or becomes unmodified again, and discard() removes it when the session closes
 * normally; so a recovery file found at start was left by a session that did not end well.
 * The user's project file is never written.
 */
class AutosaveManager : public QObject {
    Q_OBJECT

public:
    /// A recovery file found at start.
    struct Recovery {
        QString recoveryFile; ///< the autosaved project
        QString projectPath;  ///< the project it belongs to (empty: an untitled project)
        QDateTime saved;      ///< when it was written
    };

    /// Default autosave interval: one minute.
    static constexpr int defaultIntervalMs = 60000;

    /// Watches @p document (which must outlive the manager).
    explicit AutosaveManager(widgets::Document* document, QObject* parent = nullptr);
    ~AutosaveManager() override;

    /// Folder of the recovery files.
    static QString recoveryFolder();
    /// Recovery file of a project at @p projectPath (empty: untitled).
    static QString recoveryFileFor(const QString& projectPath);
    /**
     * @brief The recovery file of the project at @p projectPath, if there is one that is newer
     *        than the project file (or the project file no longer exists).
     */
    static std::optional<Recovery> findRecovery(const QString& projectPath);

    /// Autosave interval in milliseconds.
    int interval() const;
    /// Sets the autosave interval (at least 100 ms).
    void setInterval(int milliseconds);
    /// The recovery file of the document's current project.
    QString currentRecoveryFile() const;

public Q_SLOTS:
    /// Writes the recovery file now if the document has unsaved changes; returns true if written.
    bool autosaveNow();
    /// Removes the recovery file of the document's current project.
    void discard();

Q_SIGNALS:
    /// A recovery file was written.
    void autosaved(const QString& recoveryFile);

private:
    void onModifiedChanged(bool modified);

    widgets::Document* m_document;
    QTimer* m_timer;
    QString m_writtenFile; ///< recovery file written by this session, if any
};

} // namespace plexus::app
