#include "AutosaveManager.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTimer>
#include <plexus/widgets/document/Document.h>

namespace plexus::app {

AutosaveManager::AutosaveManager(widgets::Document* document, QObject* parent)
    : QObject(parent)
    , m_document(document)
    , m_timer(new QTimer(this)) {
    m_timer->setInterval(defaultIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &AutosaveManager::autosaveNow);
    connect(m_document, &widgets::Document::modifiedChanged, this,
            &AutosaveManager::onModifiedChanged);
    if (m_document->isModified()) {
        m_timer->start();
    }
}

AutosaveManager::~AutosaveManager() = default;

QString AutosaveManager::recoveryFolder() {
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/autosave");
}

QString AutosaveManager::recoveryFileFor(const QString& projectPath) {
    QString key = QStringLiteral("untitled");
    if (!projectPath.isEmpty()) {
        const QString absolute = QFileInfo(projectPath).absoluteFilePath();
        const QByteArray hash =
            QCryptographicHash::hash(absolute.toUtf8(), QCryptographicHash::Sha1).toHex();
        key = QFileInfo(absolute).completeBaseName() + QLatin1Char('-') +
              QString::fromLatin1(hash.left(12));
    }
    return recoveryFolder() + QLatin1Char('/') + key + QStringLiteral(".json");
}

std::optional<AutosaveManager::Recovery> AutosaveManager::findRecovery(const QString& projectPath) {
    const QString file = recoveryFileFor(projectPath);
    const QFileInfo recovery(file);
    if (!recovery.exists()) {
        return std::nullopt;
    }
    if (!projectPath.isEmpty()) {
        const QFileInfo project(projectPath);
        if (project.exists() && project.lastModified() >= recovery.lastModified()) {
            return std::nullopt;
        }
    }
    return Recovery{file,
                    projectPath.isEmpty() ? QString() : QFileInfo(projectPath).absoluteFilePath(),
                    recovery.lastModified()};
}

int AutosaveManager::interval() const {
    return m_timer->interval();
}

void AutosaveManager::setInterval(int milliseconds) {
    m_timer->setInterval(std::max(100, milliseconds));
}

QString AutosaveManager::currentRecoveryFile() const {
    return recoveryFileFor(m_document->filePath());
}

namespace {

/// Removes a recovery file and its ".source" sidecar.
void removeRecovery(const QString& file) {
    if (file.isEmpty()) {
        return;
    }
    QFile::remove(file);
    QFile::remove(QFileInfo(file).absolutePath() + QLatin1Char('/') +
                  QFileInfo(file).completeBaseName() + QStringLiteral(".source"));
}

} // namespace

bool AutosaveManager::autosaveNow() {
    if (!m_document->isModified()) {
        return false;
    }
    const QString file = currentRecoveryFile();
    if (!QDir().mkpath(QFileInfo(file).absolutePath())) {
        return false;
    }
    if (!m_document->saveCopy(file)) {
        return false;
    }
    QFile source(QFileInfo(file).absolutePath() + QLatin1Char('/') +
                 QFileInfo(file).completeBaseName() + QStringLiteral(".source"));
    if (source.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        source.write(m_document->filePath().toUtf8());
    }
    if (m_writtenFile != file) {
        removeRecovery(m_writtenFile);
    }
    m_writtenFile = file;
    Q_EMIT autosaved(file);
    return true;
}

void AutosaveManager::discard() {
    removeRecovery(currentRecoveryFile());
    removeRecovery(m_writtenFile);
    m_writtenFile.clear();
}

void AutosaveManager::onModifiedChanged(bool modified) {
    if (modified) {
        m_timer->start();
        return;
    }
    // Saved, or undone back to the saved state: what this session wrote is obsolete. Recovery
    // files of earlier sessions stay until the user decides about them.
    m_timer->stop();
    removeRecovery(m_writtenFile);
    m_writtenFile.clear();
}

} // namespace plexus::app
