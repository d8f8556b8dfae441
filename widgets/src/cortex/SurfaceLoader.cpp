#include "plexus/widgets/cortex/SurfaceLoader.h"

#include "plexus/core/base/Error.h"
#include "plexus/core/base/FileReadGuard.h"
#include "plexus/geometry/surface/SurfaceFile.h"
#include "plexus/geometry/surface/SurfaceMeasures.h"

#include <QFileInfo>
#include <cstdint>
#include <fstream>
#include <sstream>
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

/// The first unsigned integer after @p key="..." in @p tag, or -1.
long long attributeNumber(const std::string& tag, const std::string& key) {
    const std::size_t at = tag.find(" " + key + "=\"");
    if (at == std::string::npos) {
        return -1;
    }
    std::istringstream in(tag.substr(at + key.size() + 3));
    unsigned long long value = 0;
    return in >> value ? static_cast<long long>(value) : -1;
}

/**
 * Checks the counts a VTK file declares against its size before VTK allocates room for them:
 * every point takes at least three bytes (one per coordinate, deflated at most 1032:1 in a
 * compressed XML file), every cell entry and every data tuple at least one.
 */
void checkVtkCounts(const std::string& name, geometry::SurfaceFile::Format format) {
    const std::uint64_t size = core::FileReadGuard::fileSize(name);
    std::ifstream in(name, std::ios::binary);
    const auto require = [&](const std::string& what, long long count, std::uint64_t bytesEach,
                             std::uint64_t available) {
        if (count > 0) {
            core::FileReadGuard::requireFits(name, what, static_cast<std::uint64_t>(count),
                                             bytesEach, available);
        }
    };
    if (format == geometry::SurfaceFile::Format::VtkXml) {
        // Tag by tag up to the appended binary data.
        std::uint64_t available = size;
        for (std::string tag; std::getline(in, tag, '>');) {
            const std::size_t open = tag.rfind('<');
            if (open == std::string::npos) {
                continue;
            }
            tag.erase(0, open);
            if (tag.rfind("<AppendedData", 0) == 0) {
                break;
            }
            if (tag.rfind("<VTKFile", 0) == 0 && tag.find(" compressor=\"") != std::string::npos) {
                available = core::FileReadGuard::saturatingProduct(
                    size, core::FileReadGuard::kDeflateMaxRatio);
            }
            if (tag.rfind("<Piece", 0) == 0) {
                require("NumberOfPoints", attributeNumber(tag, "NumberOfPoints"), 3, available);
                for (const char* cells :
                     {"NumberOfVerts", "NumberOfLines", "NumberOfStrips", "NumberOfPolys"}) {
                    require(cells, attributeNumber(tag, cells), 1, available);
                }
            }
        }
        return;
    }
    // Legacy: keyword lines with their counts (binary data between them is skipped over).
    for (std::string line; std::getline(in, line);) {
        std::istringstream words(line);
        std::string keyword;
        long long first = -1;
        long long second = -1;
        words >> keyword >> first >> second;
        if (keyword == "POINTS") {
            require("POINTS", first, 3, size);
        } else if (keyword == "VERTICES" || keyword == "LINES" || keyword == "POLYGONS" ||
                   keyword == "TRIANGLE_STRIPS") {
            require(keyword, first, 1, size);
            require(keyword, second, 1, size);
        } else if (keyword == "POINT_DATA" || keyword == "CELL_DATA") {
            require(keyword, first, 1, size);
        }
    }
}

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

/// SurfaceLoader::loadVtk() without the out-of-memory guard.
geometry::SurfaceMesh readVtk(const QString& path) {
    const std::string name = path.toStdString();
    const QFileInfo info(path);
    if (!info.exists()) {
        throw core::Error(name + ": no such file");
    }
    if (info.isDir()) {
        throw core::Error(name + ": is a folder, not a VTK file");
    }
    const auto format = geometry::SurfaceFile::detect(path.toStdString());
    checkVtkCounts(name, format);
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

} // namespace

geometry::SurfaceMesh SurfaceLoader::loadVtk(const QString& path) {
    const std::string name = path.toStdString();
    return core::FileReadGuard::run(name, [&] { return readVtk(path); });
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
    // The measures of a very large surface need memory as well.
    core::FileReadGuard::run(path.toStdString(),
                             [&] { geometry::SurfaceMeasures::addStandardScalars(mesh); });
    return mesh;
}

geometry::SurfaceMesh SurfaceLoader::read(const std::filesystem::path& path,
                                          std::vector<std::string>* warnings) {
    QStringList messages;
    geometry::SurfaceMesh mesh = load(QString::fromStdString(path.string()), &messages);
    if (warnings != nullptr) {
        for (const QString& m : messages) {
            warnings->push_back(m.toStdString());
        }
    }
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
