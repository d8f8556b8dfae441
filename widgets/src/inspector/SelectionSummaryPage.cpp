#include "plexus/widgets/inspector/SelectionSummaryPage.h"

namespace plexus::widgets {

SelectionSummaryPage::SelectionSummaryPage(Document* document, const QStringList& names,
                                           QWidget* parent)
    : InspectorPage(document, parent) {
    setHeading(tr("<b>Several elements selected</b>"));
    form()->addNote(tr("Selected: %1.<br>Select one element to edit it; Delete removes "
                       "them all, Ctrl+C copies them.")
                        .arg(names.join(QStringLiteral(", ")).toHtmlEscaped()));
}

} // namespace plexus::widgets
