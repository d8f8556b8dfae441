#pragma once

/**
 * @file
 * @brief Includes <qcustomplot.h> in code compiled with QT_NO_KEYWORDS.
 *
 * QCustomPlot's header spells `signals:` and `foreach`, which QT_NO_KEYWORDS removes. This
 * header maps them to Q_SIGNALS / Q_FOREACH for the one include and removes the mapping
 * again, so core names such as InputRing::slots() stay usable afterwards. Include this header
 * instead of <qcustomplot.h> everywhere in plexus::widgets and its tests.
 */

#include <QtGlobal>

#if defined(QT_NO_KEYWORDS) && !defined(signals)
#define PLEXUS_QCP_DEFINED_KEYWORDS
#define signals Q_SIGNALS
#define slots Q_SLOTS
#define emit Q_EMIT
#define foreach Q_FOREACH
#endif

#include <qcustomplot.h>

#if defined(PLEXUS_QCP_DEFINED_KEYWORDS)
#undef signals
#undef slots
#undef emit
#undef foreach
#undef PLEXUS_QCP_DEFINED_KEYWORDS
#endif
