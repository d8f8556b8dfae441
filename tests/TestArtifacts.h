#pragma once

#include <QDir>
#include <QString>
#include <QTemporaryDir>
#include <QtGlobal>

namespace plexus::tests {

/**
 * @brief Where a test writes an image or file meant for a person to look at.
 *
 * Tests never write to fixed paths (a folder that exists on one machine is missing on the
 * next). By default the file goes into a temporary folder that is removed when the test ends;
 * with PLEXUS_TEST_ARTIFACTS=DIR set the files are kept in DIR (created when missing) so the
 * screenshots of a run can be opened and looked at.
 *
 * @param name file name, without folders
 */
inline QString artifactPath(const QString& name) {
    const QString kept = qEnvironmentVariable("PLEXUS_TEST_ARTIFACTS");
    if (!kept.isEmpty()) {
        QDir().mkpath(kept);
        return QDir(kept).filePath(name);
    }
    static QTemporaryDir scratch;
    return scratch.filePath(name);
}

} // namespace plexus::tests
