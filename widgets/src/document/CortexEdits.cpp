#include "plexus/widgets/document/CortexEdits.h"

#include "plexus/widgets/document/Document.h"

#include <QDir>
#include <QFileInfo>

namespace plexus::widgets {

bool CortexEdits::setCortex(Document& document, const std::optional<core::CortexSpec>& cortex,
                            const QString& text) {
    core::ProjectSpec after = document.project();
    after.cortex = cortex;
    const QString label =
        !text.isEmpty() ? text
        : cortex.has_value() && !cortex->isProcedural()
            ? QObject::tr("Load surface %1")
                  .arg(QFileInfo(QString::fromStdString(cortex->surface)).fileName())
            : QObject::tr("Default cortex");
    return document.applyEdit(after, label);
}

bool CortexEdits::setVessels(Document& document, const std::optional<core::VesselSpec>& vessels,
                             const QString& text) {
    core::ProjectSpec after = document.project();
    after.vessels = vessels;
    const bool shown = vessels.has_value() && vessels->enabled;
    return document.applyEdit(after, !text.isEmpty() ? text
                                     : shown         ? QObject::tr("Show vessels")
                                                     : QObject::tr("Hide vessels"));
}

core::CortexSpec CortexEdits::surfaceCortex(const QString& path, const QString& projectFile) {
    core::CortexSpec cortex;
    const QString absolute = QFileInfo(path).absoluteFilePath();
    const QString folder = projectFolder(projectFile);
    QString stored = absolute;
    if (!folder.isEmpty()) {
        const QString relative = QDir(folder).relativeFilePath(absolute);
        if (!relative.startsWith(QLatin1String("../")) && !QDir::isAbsolutePath(relative)) {
            stored = relative;
        }
    }
    cortex.surface = QDir::toNativeSeparators(stored).toStdString();
    return cortex;
}

QString CortexEdits::projectFolder(const QString& projectFile) {
    return projectFile.isEmpty() ? QString() : QFileInfo(projectFile).absolutePath();
}

} // namespace plexus::widgets
