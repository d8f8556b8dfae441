#include "plexus/widgets/document/DocumentClipboard.h"

#include "plexus/widgets/document/Document.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QMimeData>
#include <exception>
#include <plexus/core/base/Error.h>
#include <plexus/core/base/JsonInput.h>
#include <plexus/core/project/ProjectEdits.h>
#include <plexus/core/project/ProjectIo.h>
#include <string>
#include <vector>

namespace plexus::widgets {

QString DocumentClipboard::mimeType() {
    return QStringLiteral("application/x-plexus-fragment");
}

QByteArray DocumentClipboard::copy(const QStringList& nodes) const {
    std::vector<std::string> names;
    for (const QString& name : nodes) {
        names.push_back(name.toStdString());
    }
    const core::ProjectSpec fragment = core::ProjectEdits::fragment(m_document.project(), names);
    nlohmann::json doc = {{"format", "plexus-fragment"},
                          {"project", core::ProjectIo::toJson(fragment)}};
    return QByteArray::fromStdString(doc.dump());
}

QStringList DocumentClipboard::paste(const QByteArray& data, QPointF offset, QString* error) {
    core::ProjectSpec fragment;
    try {
        const nlohmann::json doc = core::JsonInput::parse(data.toStdString(), "clipboard");
        if (!doc.is_object() || doc.value("format", std::string()) != "plexus-fragment" ||
            !doc.contains("project")) {
            throw core::Error("not a Plexus fragment");
        }
        fragment = core::ProjectIo::fromJson(doc["project"], "clipboard");
    } catch (const std::exception& e) {
        if (error != nullptr) {
            *error = tr("Cannot paste: %1").arg(QString::fromStdString(e.what()));
        }
        return {};
    }
    core::ProjectSpec after = m_document.project();
    const core::ProjectEdits::Pasted pasted =
        core::ProjectEdits::paste(after, fragment, offset.x(), offset.y());
    QStringList created;
    for (const std::string& name : pasted.nodes) {
        created << QString::fromStdString(name);
    }
    if (created.isEmpty()) {
        if (error != nullptr) {
            *error = tr("Nothing to paste.");
        }
        return {};
    }
    m_document.applyEdit(after, created.size() == 1 ? tr("Paste %1").arg(created.front())
                                                    : tr("Paste %1 nodes").arg(created.size()));
    return created;
}

bool DocumentClipboard::toClipboard(const QStringList& nodes) const {
    if (nodes.isEmpty()) {
        return false;
    }
    auto* data = new QMimeData;
    data->setData(mimeType(), copy(nodes));
    QGuiApplication::clipboard()->setMimeData(data);
    return true;
}

bool DocumentClipboard::clipboardHasElements() {
    const QMimeData* data = QGuiApplication::clipboard()->mimeData();
    return data != nullptr && data->hasFormat(mimeType());
}

QStringList DocumentClipboard::fromClipboard(QPointF offset, QString* error) {
    if (!clipboardHasElements()) {
        if (error != nullptr) {
            *error = tr("The clipboard holds no circuit elements.");
        }
        return {};
    }
    return paste(QGuiApplication::clipboard()->mimeData()->data(mimeType()), offset, error);
}

} // namespace plexus::widgets
