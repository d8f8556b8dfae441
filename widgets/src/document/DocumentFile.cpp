#include "plexus/widgets/document/DocumentFile.h"

#include <QFile>
#include <QFileInfo>
#include <exception>
#include <filesystem>
#include <plexus/core/project/ProjectIo.h>

namespace plexus::widgets {

namespace {

std::filesystem::path toPath(const QString& path) {
    return std::filesystem::path(QFile::encodeName(path).toStdString());
}

} // namespace

bool DocumentFile::setPath(const QString& path) {
    const QString absolute = path.isEmpty() ? QString() : QFileInfo(path).absoluteFilePath();
    if (absolute == m_path) {
        return false;
    }
    m_path = absolute;
    return true;
}

QString DocumentFile::displayName(const core::ProjectSpec& project) const {
    if (!project.name.empty()) {
        return QString::fromStdString(project.name);
    }
    if (!m_path.isEmpty()) {
        return QFileInfo(m_path).completeBaseName();
    }
    return tr("Untitled");
}

std::optional<core::ProjectSpec> DocumentFile::read(const QString& path, QString* error) {
    const QFileInfo info(path);
    try {
        return core::ProjectIo::load(toPath(info.absoluteFilePath()));
    } catch (const std::exception& e) {
        if (error != nullptr) {
            const QString message = QString::fromStdString(e.what());
            *error = message.contains(info.fileName())
                         ? message
                         : QStringLiteral("%1: %2").arg(path, message);
        }
        return std::nullopt;
    }
}

bool DocumentFile::write(const core::ProjectSpec& project, const QString& path, QString* error) {
    try {
        core::ProjectIo::save(project, toPath(QFileInfo(path).absoluteFilePath()));
        return true;
    } catch (const std::exception& e) {
        if (error != nullptr) {
            *error = QString::fromStdString(e.what());
        }
        return false;
    }
}

} // namespace plexus::widgets
