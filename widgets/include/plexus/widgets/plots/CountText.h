#pragma once

#include <QString>
#include <QtGlobal>

namespace plexus::widgets {

/// A count with its noun: "1 population", "2 populations" (English only; the UI has no
/// translations yet).
inline QString countText(qint64 count, const QString& singular, const QString& plural) {
    return QStringLiteral("%1 %2").arg(count).arg(count == 1 ? singular : plural);
}

} // namespace plexus::widgets
