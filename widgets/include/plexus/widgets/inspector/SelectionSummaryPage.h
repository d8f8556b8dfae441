#pragma once

#include "plexus/widgets/inspector/InspectorPage.h"

namespace plexus::widgets {

/**
 * @brief Inspector page of a selection of several elements: names them and says what can be
 *        done with them all (delete, copy); nothing to edit.
 */
class SelectionSummaryPage : public InspectorPage {
    Q_OBJECT

public:
    /// The page naming the selected elements @p names (of @p document, which must outlive it).
    SelectionSummaryPage(Document* document, const QStringList& names, QWidget* parent = nullptr);
};

} // namespace plexus::widgets
