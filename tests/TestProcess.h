#pragma once

#include <QByteArray>
#include <QFile>
#include <QIODevice>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace plexus::tests {

/// What a program run by runProcess() did.
struct ProcessResult {
    int exitCode = -1; ///< its exit code; -1 when it did not finish in time, -2 when it crashed
    QString out;       ///< its standard output
    QString err;       ///< its standard error
};

/**
 * @brief Runs @p program with @p args and waits for it (the end-to-end tests of plexus-cli,
 *        plexus and Debian's Python).
 * @param workingDir the folder it runs in (the test's own when empty)
 * @param environment its environment (the test's when empty)
 * @param timeoutMs how long it may take before the result says it did not finish
 */
inline ProcessResult runProcess(const QString& program, const QStringList& args,
                                const QString& workingDir = {},
                                const QProcessEnvironment& environment = {},
                                int timeoutMs = 240000) {
    QProcess process;
    if (!workingDir.isEmpty())
        process.setWorkingDirectory(workingDir);
    if (!environment.isEmpty())
        process.setProcessEnvironment(environment);
    process.start(program, args);
    if (!process.waitForFinished(timeoutMs))
        return {};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2,
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

/// True when the Python @p python imports @p modules (comma-separated), e.g. Debian's
/// /usr/bin/python3 with "scipy, numpy": the cross-checks against SciPy and scikit-learn skip
/// without them.
inline bool pythonImports(const QString& python, const QString& modules) {
    return runProcess(python, {QStringLiteral("-c"), QStringLiteral("import ") + modules}, {}, {},
                      60000)
               .exitCode == 0;
}

/// Writes @p text to the file @p name in @p dir; returns its path.
inline QString writeTestFile(const QTemporaryDir& dir, const QString& name,
                             const QByteArray& text) {
    QFile file(dir.filePath(name));
    if (file.open(QIODevice::WriteOnly))
        file.write(text);
    return file.fileName();
}

} // namespace plexus::tests
