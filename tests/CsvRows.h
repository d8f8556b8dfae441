#pragma once

#include <QFile>
#include <QString>
#include <QStringList>
#include <QTextStream>
#include <vector>

namespace plexus::tests {

/// The non-empty lines of the CSV file @p path split at commas (empty when it cannot be read).
inline std::vector<QStringList> readCsv(const QString& path) {
    std::vector<QStringList> rows;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        return rows;
    }
    QTextStream in(&file);
    while (!in.atEnd()) {
        const QString line = in.readLine();
        if (!line.isEmpty()) {
            rows.push_back(line.split(QLatin1Char(',')));
        }
    }
    return rows;
}

} // namespace plexus::tests
