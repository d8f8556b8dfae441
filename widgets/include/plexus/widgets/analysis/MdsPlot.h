#pragma once

#include "plexus/widgets/plots/QCustomPlotInclude.h"

#include <Eigen/Dense>
#include <QPointer>
#include <QString>
#include <string>
#include <vector>

namespace plexus::widgets {

/**
 * @brief Scatter of the conditions in a two-dimensional classical MDS embedding of their RDM,
 *        each in its condition colour and labelled with its name, on equal axis scales.
 *
 * After every layout the names are placed beside their points where they overlap no other
 * name or point and stay inside the rectangle the axes clip them to (right or left of the
 * point, level with it or shifted up or down, else above or below it); a name with no free
 * place is left out (the point keeps its colour).
 */
class MdsPlot : public QCustomPlot {
    Q_OBJECT

public:
    /// Creates an empty plot.
    explicit MdsPlot(QWidget* parent = nullptr);
    ~MdsPlot() override;

    /// Shows condition i at (@p coordinates(i, 0), @p coordinates(i, 1)) named @p names[i].
    void setCoordinates(const Eigen::MatrixXd& coordinates, const std::vector<std::string>& names);
    /// Shows nothing (and @p message, if any).
    void clear(const QString& message = {});

    /// Number of conditions shown.
    int pointCount() const { return m_points; }
    /// Position of condition @p index as plotted.
    QPointF pointAt(int index) const;
    /// The name label of condition @p index (nullptr without one); hidden when it had no room.
    QCPItemText* label(int index) const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyTheme();
    void fitRanges();
    void placeLabels();
    /// Width in pixels of the widest name as placed (its text in its font).
    double widestLabel() const;

    QCPItemText* m_message = nullptr;
    QVector<QPointF> m_coordinates;
    QVector<QPointer<QCPItemText>> m_labels;
    int m_points = 0;
};

} // namespace plexus::widgets
