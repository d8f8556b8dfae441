#pragma once

#include <QCoreApplication>
#include <QString>
#include <optional>
#include <plexus/core/project/ProjectSpec.h>

namespace plexus::widgets {

/**
 * @brief The file side of a Document: the absolute path of its project file, and reading and
 *        writing project files.
 *
 * Reading never touches the file on failure and names the file in its one-line error; writing
 * is atomic (core::ProjectIo writes a temporary file, then renames it). The clean state and the
 * signals stay with the Document.
 */
class DocumentFile {
    Q_DECLARE_TR_FUNCTIONS(DocumentFile)

public:
    /// Absolute path of the project file, empty for a new project.
    QString path() const { return m_path; }
    /// Takes @p path (made absolute; empty for none); true when the path changed.
    bool setPath(const QString& path);
    /// The project's name, else the file's base name, else "Untitled".
    QString displayName(const core::ProjectSpec& project) const;

    /// Reads the project file @p path; nothing (with @p error naming the file) on failure.
    static std::optional<core::ProjectSpec> read(const QString& path, QString* error = nullptr);
    /// Writes @p project to @p path atomically; false with @p error on failure.
    static bool write(const core::ProjectSpec& project, const QString& path,
                      QString* error = nullptr);

private:
    QString m_path;
};

} // namespace plexus::widgets
