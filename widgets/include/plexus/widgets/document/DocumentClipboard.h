#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QPointF>
#include <QString>
#include <QStringList>

namespace plexus::widgets {

class Document;

/**
 * @brief Copy and paste of circuit elements for a Document.
 *
 * Copied elements travel as a fragment: a small project (core::ProjectEdits::fragment()) in a
 * JSON envelope `{"format": "plexus-fragment", "project": {...}}` under mimeType(). Pasting
 * adds it with core::ProjectEdits::paste() (taken names renamed, references kept or cleared)
 * as one undo command of the document. toClipboard() and fromClipboard() go through the
 * application's QClipboard.
 */
class DocumentClipboard {
    Q_DECLARE_TR_FUNCTIONS(DocumentClipboard)

public:
    /// Copy and paste for @p document (which must outlive this object).
    explicit DocumentClipboard(Document& document)
        : m_document(document) {}

    /// MIME type of copied elements.
    static QString mimeType();
    /// The given nodes of the document, and the projections among them, as fragment data.
    QByteArray copy(const QStringList& nodes) const;
    /**
     * @brief Adds the elements of fragment @p data to the document (one undo command), moved
     *        by @p offset.
     * @return names of the new nodes (empty with @p error when @p data is not a fragment or
     *         holds no node).
     */
    QStringList paste(const QByteArray& data, QPointF offset, QString* error = nullptr);

    /// Puts the given nodes on the application clipboard; false when @p nodes is empty.
    bool toClipboard(const QStringList& nodes) const;
    /// True when the application clipboard holds copied elements.
    static bool clipboardHasElements();
    /// paste() of the application clipboard's elements.
    QStringList fromClipboard(QPointF offset, QString* error = nullptr);

private:
    Document& m_document;
};

} // namespace plexus::widgets
