// Surface loading through VTK (legacy .vtk and XML .vtp) and cross-checks with VTK's own
// readers and writers for PLY, STL and OBJ: files our writers produce must read the same in
// VTK, files VTK writes must read the same here. No rendering.

#include "ErrorOf.h"
#include "plexus/core/base/Error.h"
#include "plexus/geometry/surface/FoldedCortex.h"
#include "plexus/geometry/surface/MeshPrimitives.h"
#include "plexus/geometry/surface/ObjSurface.h"
#include "plexus/geometry/surface/PlySurface.h"
#include "plexus/geometry/surface/StlSurface.h"
#include "plexus/geometry/surface/SurfaceFile.h"
#include "plexus/widgets/cortex/SurfaceLoader.h"

#include <QTemporaryDir>
#include <QtTest>
#include <fstream>
#include <vtkCellArray.h>
#include <vtkFloatArray.h>
#include <vtkNew.h>
#include <vtkOBJReader.h>
#include <vtkPLYReader.h>
#include <vtkPLYWriter.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataWriter.h>
#include <vtkSTLReader.h>
#include <vtkSTLWriter.h>
#include <vtkSmartPointer.h>
#include <vtkXMLPolyDataWriter.h>

using namespace plexus;
using geometry::SurfaceMesh;

using plexus::tests::errorOf;

namespace {

/// A VTK polydata of @p mesh, with the curvature as a point array.
vtkSmartPointer<vtkPolyData> toVtk(const SurfaceMesh& mesh) {
    auto data = vtkSmartPointer<vtkPolyData>::New();
    vtkNew<vtkPoints> points;
    points->SetDataTypeToFloat();
    for (Eigen::Index i = 0; i < mesh.vertexCount(); ++i) {
        points->InsertNextPoint(mesh.vertices()(i, 0), mesh.vertices()(i, 1),
                                mesh.vertices()(i, 2));
    }
    vtkNew<vtkCellArray> polys;
    for (Eigen::Index t = 0; t < mesh.triangleCount(); ++t) {
        const vtkIdType ids[3] = {mesh.triangles()(t, 0), mesh.triangles()(t, 1),
                                  mesh.triangles()(t, 2)};
        polys->InsertNextCell(3, ids);
    }
    data->SetPoints(points);
    data->SetPolys(polys);
    if (const Eigen::VectorXf* curv = mesh.scalar("curv")) {
        vtkNew<vtkFloatArray> array;
        array->SetName("curv");
        for (Eigen::Index i = 0; i < curv->size(); ++i) {
            array->InsertNextValue((*curv)[i]);
        }
        data->GetPointData()->AddArray(array);
    }
    return data;
}

/// Compares a VTK polydata with @p mesh: same points in order and the same triangles.
bool sameAsVtk(vtkPolyData* data, const SurfaceMesh& mesh) {
    if (data->GetNumberOfPoints() != mesh.vertexCount() ||
        data->GetNumberOfPolys() != mesh.triangleCount()) {
        return false;
    }
    for (vtkIdType i = 0; i < data->GetNumberOfPoints(); ++i) {
        double p[3];
        data->GetPoint(i, p);
        for (int k = 0; k < 3; ++k) {
            if (static_cast<float>(p[k]) != mesh.vertices()(i, k)) {
                return false;
            }
        }
    }
    vtkCellArray* polys = data->GetPolys();
    vtkIdType count = 0;
    const vtkIdType* ids = nullptr;
    Eigen::Index t = 0;
    for (polys->InitTraversal(); polys->GetNextCell(count, ids); ++t) {
        if (count != 3) {
            return false;
        }
        for (int k = 0; k < 3; ++k) {
            if (ids[k] != mesh.triangles()(t, k)) {
                return false;
            }
        }
    }
    return true;
}

} // namespace

class TestSurfaceLoader : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void loadsVtkAndVtpWrittenByVtk();
    void triangulatesPolygons();
    void vtkFileErrorsNameTheFile();
    void vtkReadsOurPlyStlObj();
    void weReadVtkPlyAndStl();
    void loaderAddsStandardScalars();
    void coreReaderMatchesVtk();

private:
    QString file(const QString& name) const { return m_dir.filePath(name); }

    QTemporaryDir m_dir;
    geometry::FoldedCortex m_cortex;
};

void TestSurfaceLoader::initTestCase() {
    QVERIFY(m_dir.isValid());
}

void TestSurfaceLoader::loadsVtkAndVtpWrittenByVtk() {
    const vtkSmartPointer<vtkPolyData> data = toVtk(m_cortex.pial());
    vtkNew<vtkPolyDataWriter> legacy;
    legacy->SetInputData(data);
    legacy->SetFileName(file(QStringLiteral("cortex.vtk")).toLocal8Bit().constData());
    legacy->SetFileTypeToBinary();
    QVERIFY(legacy->Write() == 1);
    vtkNew<vtkXMLPolyDataWriter> xml;
    xml->SetInputData(data);
    xml->SetFileName(file(QStringLiteral("cortex.vtp")).toLocal8Bit().constData());
    QVERIFY(xml->Write() == 1);

    for (const QString& name : {QStringLiteral("cortex.vtk"), QStringLiteral("cortex.vtp")}) {
        const SurfaceMesh mesh = widgets::SurfaceLoader::load(file(name));
        QCOMPARE(mesh.vertexCount(), m_cortex.pial().vertexCount());
        QVERIFY(mesh.vertices() == m_cortex.pial().vertices());
        QVERIFY(mesh.triangles() == m_cortex.pial().triangles());
        QVERIFY(mesh.scalar("curv") != nullptr);
        QCOMPARE(*mesh.scalar("curv"), *m_cortex.pial().scalar("curv"));
        QVERIFY(mesh.hasNormals());
    }
}

void TestSurfaceLoader::triangulatesPolygons() {
    // A legacy ASCII file with a quad and a triangle.
    const QString path = file(QStringLiteral("quad.vtk"));
    std::ofstream out(path.toStdString());
    out << "# vtk DataFile Version 3.0\nquad\nASCII\nDATASET POLYDATA\nPOINTS 5 float\n"
           "0 0 0 1 0 0 1 1 0 0 1 0 0.5 0.5 1\nPOLYGONS 2 9\n4 0 1 2 3\n3 0 1 4\n";
    out.close();
    const SurfaceMesh mesh = widgets::SurfaceLoader::load(path);
    QCOMPARE(mesh.vertexCount(), 5);
    QCOMPARE(mesh.triangleCount(), 3);
}

void TestSurfaceLoader::vtkFileErrorsNameTheFile() {
    const QString bad = file(QStringLiteral("bad.vtk"));
    std::ofstream(bad.toStdString()) << "# vtk DataFile Version 3.0\nbad\nASCII\n"
                                        "DATASET UNSTRUCTURED_GRID\nPOINTS 0 float\n";
    std::string error = errorOf([&] { widgets::SurfaceLoader::load(bad); });
    QVERIFY2(error.find(bad.toStdString()) != std::string::npos, error.c_str());

    const QString truncated = file(QStringLiteral("truncated.vtp"));
    {
        std::ifstream in(file(QStringLiteral("cortex.vtp")).toStdString(), std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        std::ofstream(truncated.toStdString(), std::ios::binary)
            << bytes.substr(0, bytes.size() / 3);
    }
    error = errorOf([&] { widgets::SurfaceLoader::load(truncated); });
    QVERIFY2(!error.empty() && error.find(truncated.toStdString()) != std::string::npos,
             error.c_str());

    const QString lines = file(QStringLiteral("lines.vtk"));
    std::ofstream(lines.toStdString())
        << "# vtk DataFile Version 3.0\nlines\nASCII\nDATASET POLYDATA\nPOINTS 2 float\n"
           "0 0 0 1 0 0\nLINES 1 3\n2 0 1\n";
    error = errorOf([&] { widgets::SurfaceLoader::load(lines); });
    QVERIFY2(error.find("no polygons") != std::string::npos, error.c_str());
}

void TestSurfaceLoader::vtkReadsOurPlyStlObj() {
    const SurfaceMesh& pial = m_cortex.pial();
    for (const bool binary : {true, false}) {
        const QString ply =
            file(binary ? QStringLiteral("ours_bin.ply") : QStringLiteral("ours.ply"));
        geometry::PlySurface::write(pial, ply.toStdString(), binary);
        vtkNew<vtkPLYReader> reader;
        reader->SetFileName(ply.toLocal8Bit().constData());
        reader->Update();
        QVERIFY2(sameAsVtk(reader->GetOutput(), pial), qPrintable(ply));
    }
    const QString obj = file(QStringLiteral("ours.obj"));
    geometry::ObjSurface::write(pial, obj.toStdString());
    vtkNew<vtkOBJReader> objReader;
    objReader->SetFileName(obj.toLocal8Bit().constData());
    objReader->Update();
    QVERIFY(sameAsVtk(objReader->GetOutput(), pial));
    // STL has no shared vertices; VTK merges them like we do.
    const QString stl = file(QStringLiteral("ours.stl"));
    geometry::StlSurface::write(pial, stl.toStdString(), true);
    vtkNew<vtkSTLReader> stlReader;
    stlReader->SetFileName(stl.toLocal8Bit().constData());
    stlReader->MergingOn();
    stlReader->Update();
    QCOMPARE(stlReader->GetOutput()->GetNumberOfPoints(), pial.vertexCount());
    QCOMPARE(stlReader->GetOutput()->GetNumberOfPolys(), pial.triangleCount());
}

void TestSurfaceLoader::weReadVtkPlyAndStl() {
    const SurfaceMesh sphere = geometry::MeshPrimitives::icosphere(3, 20.0f);
    const vtkSmartPointer<vtkPolyData> data = toVtk(sphere);
    for (const bool binary : {true, false}) {
        const QString ply =
            file(binary ? QStringLiteral("vtk_bin.ply") : QStringLiteral("vtk.ply"));
        vtkNew<vtkPLYWriter> writer;
        writer->SetInputData(data);
        writer->SetFileName(ply.toLocal8Bit().constData());
        if (binary) {
            writer->SetFileTypeToBinary();
        } else {
            writer->SetFileTypeToASCII();
        }
        QVERIFY(writer->Write() == 1);
        const SurfaceMesh mesh = geometry::PlySurface::read(ply.toStdString());
        QVERIFY2(mesh.vertices() == sphere.vertices() && mesh.triangles() == sphere.triangles(),
                 qPrintable(ply));
    }
    for (const bool binary : {true, false}) {
        const QString stl =
            file(binary ? QStringLiteral("vtk_bin.stl") : QStringLiteral("vtk.stl"));
        vtkNew<vtkSTLWriter> writer;
        writer->SetInputData(data);
        writer->SetFileName(stl.toLocal8Bit().constData());
        if (binary) {
            writer->SetFileTypeToBinary();
        } else {
            writer->SetFileTypeToASCII();
        }
        QVERIFY(writer->Write() == 1);
        const SurfaceMesh mesh = geometry::StlSurface::read(stl.toStdString());
        QCOMPARE(mesh.vertexCount(), sphere.vertexCount());
        QCOMPARE(mesh.triangleCount(), sphere.triangleCount());
        if (binary) {
            // Binary STL stores floats exactly: same corners, triangle by triangle.
            for (Eigen::Index t = 0; t < mesh.triangleCount(); ++t) {
                for (int k = 0; k < 3; ++k) {
                    QVERIFY(mesh.vertices().row(mesh.triangles()(t, k)) ==
                            sphere.vertices().row(sphere.triangles()(t, k)));
                }
            }
        }
    }
}

void TestSurfaceLoader::loaderAddsStandardScalars() {
    const QString stl = file(QStringLiteral("sphere.stl"));
    geometry::StlSurface::write(geometry::MeshPrimitives::icosphere(4, 30.0f), stl.toStdString());
    const SurfaceMesh mesh = widgets::SurfaceLoader::load(stl);
    QVERIFY(mesh.scalar("curv") != nullptr);
    QVERIFY(mesh.scalar("sulc") != nullptr);
    QVERIFY(std::abs(mesh.scalar("curv")->mean() + 1.0f / 30.0f) < 0.002f);
    // The dialog filter names every format.
    const QString filter = widgets::SurfaceLoader::fileDialogFilter();
    for (const char* pattern : {"*.gii", "*.obj", "*.ply", "*.stl", "*.vtk", "*.vtp", "*.pial"}) {
        QVERIFY2(filter.contains(QLatin1String(pattern)), pattern);
    }
    // Unknown formats fail with the file name.
    const QString text = file(QStringLiteral("notes.txt"));
    std::ofstream(text.toStdString()) << "hello";
    const std::string error = errorOf([&] { widgets::SurfaceLoader::load(text); });
    QVERIFY2(error.find("notes.txt") != std::string::npos, error.c_str());
}

void TestSurfaceLoader::coreReaderMatchesVtk() {
    // Files written by VTK in every uncompressed mode: the core reader (no VTK) gives what
    // VTK's own readers give (SurfaceLoader::loadVtk()), down to the last bit.
    const SurfaceMesh& pial = m_cortex.pial();
    const vtkSmartPointer<vtkPolyData> data = toVtk(pial);
    std::vector<QString> files;
    for (const bool binary : {false, true}) {
        const QString name =
            file(binary ? QStringLiteral("core_bin.vtk") : QStringLiteral("core.vtk"));
        vtkNew<vtkPolyDataWriter> legacy;
        legacy->SetInputData(data);
        legacy->SetFileName(name.toLocal8Bit().constData());
        if (binary) {
            legacy->SetFileTypeToBinary();
        } else {
            legacy->SetFileTypeToASCII();
        }
        QVERIFY(legacy->Write() == 1);
        files.push_back(name);
        const QString xmlName =
            file(binary ? QStringLiteral("core_bin.vtp") : QStringLiteral("core_ascii.vtp"));
        vtkNew<vtkXMLPolyDataWriter> xml;
        xml->SetInputData(data);
        xml->SetFileName(xmlName.toLocal8Bit().constData());
        xml->SetCompressorTypeToNone();
        if (binary) {
            xml->SetDataModeToBinary();
        } else {
            xml->SetDataModeToAscii();
        }
        QVERIFY(xml->Write() == 1);
        files.push_back(xmlName);
    }
    for (const QString& name : files) {
        const SurfaceMesh ours = geometry::SurfaceFile::read(name.toStdString());
        const SurfaceMesh theirs = widgets::SurfaceLoader::loadVtk(name);
        QCOMPARE(ours.vertexCount(), theirs.vertexCount());
        QCOMPARE(ours.triangleCount(), theirs.triangleCount());
        QVERIFY2(ours.vertices() == theirs.vertices(), qPrintable(name));
        QVERIFY2(ours.triangles() == theirs.triangles(), qPrintable(name));
        QVERIFY2(ours.bounds() == theirs.bounds(), qPrintable(name));
        QVERIFY(ours.scalar("curv") != nullptr);
        QVERIFY(theirs.scalar("curv") != nullptr);
        QCOMPARE(*ours.scalar("curv"), *theirs.scalar("curv"));
        if (name.contains(QLatin1String("_bin"))) { // ASCII keeps 6 digits only
            QVERIFY2(ours.vertices() == pial.vertices(), qPrintable(name));
        }
    }
    qInfo("core reader = VTK reader on %zu files (%lld vertices, %lld triangles)", files.size(),
          static_cast<long long>(pial.vertexCount()), static_cast<long long>(pial.triangleCount()));

    // VTK's default: zlib-compressed appended data. Refused in one line naming the file.
    const QString compressed = file(QStringLiteral("core_zlib.vtp"));
    vtkNew<vtkXMLPolyDataWriter> xml;
    xml->SetInputData(data);
    xml->SetFileName(compressed.toLocal8Bit().constData());
    QVERIFY(xml->Write() == 1);
    const std::string error =
        errorOf([&] { geometry::SurfaceFile::read(compressed.toStdString()); });
    QVERIFY2(error.rfind(compressed.toStdString() + ": compressed VTK XML", 0) == 0, error.c_str());
    QVERIFY(error.find('\n') == std::string::npos);
    // The window still reads it through VTK.
    QCOMPARE(widgets::SurfaceLoader::load(compressed).vertexCount(), pial.vertexCount());
}

QTEST_GUILESS_MAIN(TestSurfaceLoader)
#include "TestSurfaceLoader.moc"
