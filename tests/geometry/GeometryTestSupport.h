#pragma once

#include "ErrorOf.h"
#include "plexus/core/base/Error.h"
#include "plexus/geometry/surface/SurfaceMesh.h"

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>

namespace plexus::tests {

/// Whole file as bytes.
inline std::string fileBytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// Writes @p bytes to @p path.
inline void writeBytes(const std::filesystem::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

/// Result of a Python run.
struct PythonRun {
    bool started = false;
    int exitCode = -1;
    QString output;
    QString errors;
};

/// Runs Debian's Python (/usr/bin/python3, which has nibabel and numpy) on @p script.
inline PythonRun runPython(const QString& script, const QStringList& arguments = {}) {
    PythonRun run;
    QProcess process;
    process.start(QStringLiteral("/usr/bin/python3"),
                  QStringList{QStringLiteral("-c"), script} + arguments);
    run.started = process.waitForStarted(10000);
    if (!run.started) {
        return run;
    }
    process.waitForFinished(120000);
    run.exitCode = process.exitCode();
    run.output = QString::fromUtf8(process.readAllStandardOutput());
    run.errors = QString::fromUtf8(process.readAllStandardError());
    return run;
}

/// True when /usr/bin/python3 can import nibabel and numpy.
inline bool haveNibabel() {
    static const bool available = [] {
        const PythonRun run = runPython(QStringLiteral("import nibabel, numpy"));
        return run.started && run.exitCode == 0;
    }();
    return available;
}

/// Bit-identical vertices and triangles.
inline bool sameGeometry(const geometry::SurfaceMesh& a, const geometry::SurfaceMesh& b) {
    return a.vertices().rows() == b.vertices().rows() &&
           a.triangles().rows() == b.triangles().rows() && a.vertices() == b.vertices() &&
           a.triangles() == b.triangles();
}

} // namespace plexus::tests
