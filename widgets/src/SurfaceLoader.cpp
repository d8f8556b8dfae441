#include "plexus/widgets/SurfaceLoader.h"

#include "plexus/core/Error.h"
#include "plexus/geometry/SurfaceFile.h"
#include "plexus/geometry/SurfaceMeasures.h"

#include <QFileInfo>
#include <string>
#include <vtkCellArray.h>
#include <vtkCommand.h>
#include <vtkDataArray.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataReader.h>
#include <vtkSmartPointer.h>
#include <vtkTriangleFilter.h>
#include <vtkXMLPolyDataReader.h>

namespace plexus::widgets {

namespace {

/// Collects the error messages a VTK algorithm reports (instead of printing them).
class ErrorCollector {
public:
    void attach(vtkObject* object) {
        object->AddObserver(vtkCommand::ErrorEvent, this, &ErrorCollector::onError);
        object->AddObserver(vtkCommand::WarningEvent, this, &ErrorCollector::onWarning);
    }
    const std::string& errors() const { return m_errors; }

private:
    void onError(vtkObject*, unsigned long, void* data) {
        if (data != nullptr) {
            std::string message = static_cast<const char*>(data);
            while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
                message.pop_back();
            }
            // VTK prefixes the source location; keep the last line.
            const auto newline = message.rfind('\n');
            m_errors += (m_errors.empty() ? "" : "; ") +
                        (newline == std::string::npos ? message : message.substr(newline + 1));
        }
    }
    void onWarning(vtkObject*, unsigned long, void*) {}

    std::string m_errors;
};

geometry::SurfaceMesh toMesh(vtkPolyData* data, const std::string& name) {
    const vtkIdType nv = data->GetNumberOfPoints();
    geometry::SurfaceMesh::Vertices vertices(nv, 3);
    for (vtkIdType i = 0; i < nv; ++i) {
        double p[3];
        data->GetPoint(i, p);
        vertices.row(i) << static_cast<float>(p[0]), static_cast<float>(p[1]),
            static_cast<float>(p[2]);
    }
    vtkCellArray* polys = data->GetPolys();
    geometry::SurfaceMesh::Triangles triangles(polys->GetNumberOfCells(), 3);
    Eigen::Index t = 0;
    vtkIdType count = 0;
    const vtkIdType* ids = nullptr;
    for (polys->InitTraversal(); polys->GetNextCell(count, ids);) {
        if (count != 3) {
            continue;
        }
        for (int k = 0; k < 3; ++k) {
            triangles(t, k) = static_cast<std::int32_t>(ids[k]);
        }
        ++t;
    }
    triangles.conservativeResize(t, 3);
    geometry::SurfaceMesh mesh(std::move(vertices), std::move(triangles));
    vtkPointData* pointData = data->GetPointData();
    for (int a = 0; a < pointData->GetNumberOfArrays(); ++a) {
        vtkDataArray* array = pointData->GetArray(a);
        if (array == nullptr || array->GetNumberOfComponents() != 1 ||
            array->GetNumberOfTuples() != nv) {
            continue;
        }
        Eigen::VectorXf values(nv);
        for (vtkIdType i = 0; i < nv; ++i) {
            values[i] = static_cast<float>(array->GetComponent(i, 0));
        }
        const char* arrayName = array->GetName();
        mesh.setScalar(arrayName != nullptr && *arrayName != '\0' ? arrayName
                                                                  : "array" + std::to_string(a),
                       std::move(values));
    }
    mesh.validate(name);
    mesh.computeNormals();
    return mesh;
}

} // namespace

geometry::SurfaceMesh SurfaceLoader::loadVtk(const QString& path) {
    const std::string name = path.toStdString();
    const QFileInfo info(path);
    if (!info.exists()) {
        throw core::Error(name + ": no such file");
    }
    const auto format = geometry::SurfaceFile::detect(path.toStdString());
    ErrorCollector errors;
    vtkSmartPointer<vtkPolyData> polyData;
    if (format == geometry::SurfaceFile::Format::VtkXml) {
        vtkNew<vtkXMLPolyDataReader> reader;
        errors.attach(reader);
        reader->SetFileName(path.toLocal8Bit().constData());
        if (reader->CanReadFile(path.toLocal8Bit().constData()) == 0) {
            throw core::Error(name + ": not a VTK XML PolyData (.vtp) file");
        }
        reader->Update();
        polyData = reader->GetOutput();
    } else {
        vtkNew<vtkPolyDataReader> reader;
        errors.attach(reader);
        reader->SetFileName(path.toLocal8Bit().constData());
        if (reader->IsFilePolyData() == 0) {
            throw core::Error(name + ": not a legacy VTK POLYDATA file (bad header or another "
                                     "dataset type)");
        }
        reader->Update();
        polyData = reader->GetOutput();
    }
    if (!errors.errors().empty()) {
        throw core::Error(name + ": " + errors.errors());
    }
    if (polyData == nullptr || polyData->GetNumberOfPoints() == 0) {
        throw core::Error(name + ": the file has no points (truncated or empty?)");
    }
    vtkNew<vtkTriangleFilter> triangulate;
    errors.attach(triangulate);
    triangulate->SetInputData(polyData);
    triangulate->PassVertsOff();
    triangulate->PassLinesOff();
    triangulate->Update();
    vtkPolyData* triangles = triangulate->GetOutput();
    if (triangles->GetNumberOfPolys() == 0) {
        throw core::Error(name + ": the file has no polygons: not a surface");
    }
    return toMesh(triangles, name);
}

geometry::SurfaceMesh SurfaceLoader::load(const QString& path, QStringList* warnings) {
    const auto format = geometry::SurfaceFile::detect(path.toStdString());
    geometry::SurfaceMesh mesh;
    if (format == geometry::SurfaceFile::Format::VtkLegacy ||
        format == geometry::SurfaceFile::Format::VtkXml) {
        mesh = loadVtk(path);
    } else {
        std::vector<std::string> messages;
        mesh = geometry::SurfaceFile::read(path.toStdString(), &messages);
        if (warnings != nullptr) {
            for (const std::string& m : messages) {
                warnings->append(QString::fromStdString(m));
            }
        }
    }
    if (mesh.triangleCount() == 0) {
        throw core::Error(path.toStdString() + ": the surface has no triangles");
    }
    geometry::SurfaceMeasures::addStandardScalars(mesh);
    return mesh;
}

QString SurfaceLoader::fileDialogFilter() {
    QStringList patterns;
    for (const std::string& p : geometry::SurfaceFile::readablePatterns()) {
        patterns << QString::fromStdString(p);
    }
    return QStringLiteral("Surfaces (%1);;FreeSurfer (lh.* rh.*);;All files (*)")
        .arg(patterns.join(QLatin1Char(' ')));
}

} // namespace plexus::widgets
