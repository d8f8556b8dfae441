#pragma once

#include "plexus/geometry/vessels/VesselGraph.h"

#include <vtkSmartPointer.h>

class vtkActor;
class vtkPolyData;
class vtkRenderer;

namespace plexus::widgets {

/**
 * @brief The blood vessels of a CortexView as red tubes, one two-point tube per edge at the
 * edge's radius. The actor joins the renderer when vessels are first set. The layer never
 * renders; its view does.
 */
class VesselLayer {
public:
    explicit VesselLayer(vtkRenderer* renderer);
    ~VesselLayer();
    VesselLayer(const VesselLayer&) = delete;
    VesselLayer& operator=(const VesselLayer&) = delete;

    /// Shows @p vessels; an empty graph hides them.
    void setVessels(const geometry::VesselGraph& vessels);
    const geometry::VesselGraph& vessels() const { return m_vessels; }

private:
    vtkRenderer* m_renderer;
    geometry::VesselGraph m_vessels;
    vtkSmartPointer<vtkPolyData> m_lines;
    vtkSmartPointer<vtkActor> m_actor;
};

} // namespace plexus::widgets
