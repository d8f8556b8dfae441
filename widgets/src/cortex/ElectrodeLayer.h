#pragma once

#include "plexus/geometry/probes/ElectrodeArray.h"

#include <cstdint>
#include <span>
#include <vector>
#include <vtkSmartPointer.h>

class vtkActor;
class vtkPolyData;
class vtkRenderer;

namespace plexus::widgets {

/**
 * @brief The electrodes of a CortexView: every contact as a sphere in its own colour and every
 * shank as a dark line. The actors join the renderer when electrodes are first set. The layer
 * never renders; its view does.
 */
class ElectrodeLayer {
public:
    explicit ElectrodeLayer(vtkRenderer* renderer);
    ~ElectrodeLayer();
    ElectrodeLayer(const ElectrodeLayer&) = delete;
    ElectrodeLayer& operator=(const ElectrodeLayer&) = delete;

    /**
     * @brief Shows @p arrays; @p contactRgba gives 4 bytes per contact (arrays one after the
     * other), CortexView::contactColor() where it is short. An empty list hides them.
     */
    void setElectrodes(const std::vector<geometry::ElectrodeArray>& arrays,
                       std::span<const std::uint8_t> contactRgba);
    const std::vector<geometry::ElectrodeArray>& electrodes() const { return m_electrodes; }

private:
    vtkRenderer* m_renderer;
    std::vector<geometry::ElectrodeArray> m_electrodes;
    vtkSmartPointer<vtkPolyData> m_contactData;
    vtkSmartPointer<vtkActor> m_contactActor;
    vtkSmartPointer<vtkPolyData> m_shankData;
    vtkSmartPointer<vtkActor> m_shankActor;
};

} // namespace plexus::widgets
