// Surface readers and writers: round trips through our writers, files written by nibabel
// (FreeSurfer geometry, curvature, GIfTI in every encoding) and nibabel's own GIfTI test files,
// nibabel reading our files, and damaged files that must fail with errors naming the file.

#include "geometry/GeometryTestSupport.h"
#include "plexus/analysis/NpyFile.h"
#include "plexus/geometry/surface/FoldedCortex.h"
#include "plexus/geometry/surface/FreeSurferSurface.h"
#include "plexus/geometry/surface/GiftiSurface.h"
#include "plexus/geometry/surface/MeshPrimitives.h"
#include "plexus/geometry/surface/ObjSurface.h"
#include "plexus/geometry/surface/PlySurface.h"
#include "plexus/geometry/surface/StlSurface.h"
#include "plexus/geometry/surface/SurfaceFile.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <cstring>
#include <map>

using namespace plexus;
using geometry::SurfaceMesh;
namespace fs = std::filesystem;

namespace {

/// A small closed mesh with exactly representable, distinct coordinates.
SurfaceMesh knownMesh() {
    SurfaceMesh::Vertices v(5, 3);
    v << 0, 0, 0, 10, 0, 0, 0, 10, 0, 0, 0, 10, 1.5f, -2.25f, 3.125f;
    SurfaceMesh::Triangles t(5, 3);
    t << 0, 2, 1, 0, 1, 3, 0, 3, 2, 1, 2, 3, 4, 1, 0;
    return SurfaceMesh(v, t);
}

const char* kKnownMeshPython = R"(
import numpy as np
v = np.array([[0,0,0],[10,0,0],[0,10,0],[0,0,10],[1.5,-2.25,3.125]], dtype=np.float32)
f = np.array([[0,2,1],[0,1,3],[0,3,2],[1,2,3],[4,1,0]], dtype=np.int32)
curv = np.array([0.5, -0.25, 1e-3, 2.0, -3.0], dtype=np.float32)
)";

/// The known mesh's curvature values.
Eigen::VectorXf knownCurvature() {
    Eigen::VectorXf c(5);
    c << 0.5f, -0.25f, 1e-3f, 2.0f, -3.0f;
    return c;
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

/// Sorted rows of a matrix: compares meshes whose vertex order may differ.
std::vector<std::array<float, 3>> sortedRows(const SurfaceMesh::Vertices& v) {
    std::vector<std::array<float, 3>> rows(static_cast<std::size_t>(v.rows()));
    for (Eigen::Index i = 0; i < v.rows(); ++i) {
        rows[static_cast<std::size_t>(i)] = {v(i, 0), v(i, 1), v(i, 2)};
    }
    std::sort(rows.begin(), rows.end());
    return rows;
}

/// The same triangles (as corner positions), independent of vertex numbering.
bool sameTriangleCorners(const SurfaceMesh& a, const SurfaceMesh& b) {
    if (a.triangleCount() != b.triangleCount()) {
        return false;
    }
    for (Eigen::Index t = 0; t < a.triangleCount(); ++t) {
        for (int k = 0; k < 3; ++k) {
            if (a.vertices().row(a.triangles()(t, k)) != b.vertices().row(b.triangles()(t, k))) {
                return false;
            }
        }
    }
    return true;
}

} // namespace

class TestSurfaceFiles : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void freeSurferRoundTrip();
    void freeSurferWrittenByNibabel();
    void freeSurferReadByNibabel();
    void freeSurferErrorsNameTheFile();
    void curvatureErrors();

    void giftiRoundTripAllEncodings();
    void giftiNibabelTestFiles();
    void giftiWrittenByNibabel();
    void giftiReadByNibabel();
    void giftiErrorsNameTheFile();

    void objReadsPolygonsAndIndexForms();
    void objRoundTripAndErrors();
    void plyRoundTripAsciiAndBinary();
    void plyBigEndianWithExtraElements();
    void plyErrorsNameTheFile();
    void stlRoundTripAndVertexMerging();
    void stlBinaryHeaderStartingWithSolid();
    void stlErrorsNameTheFile();

    void surfaceFileDetectsAndDispatches();
    void surfaceFilePicksUpCompanionCurvature();

private:
    fs::path path(const QString& name) const {
        return fs::path(m_dir.path().toStdString()) / name.toStdString();
    }

    QTemporaryDir m_dir;
    geometry::FoldedCortex m_cortex;
};

void TestSurfaceFiles::initTestCase() {
    QVERIFY(m_dir.isValid());
}

// --- FreeSurfer --------------------------------------------------------------------------

void TestSurfaceFiles::freeSurferRoundTrip() {
    const fs::path file = path("lh.pial");
    geometry::FreeSurferSurface::write(m_cortex.pial(), file, "plexus test");
    const SurfaceMesh back = geometry::FreeSurferSurface::read(file);
    QVERIFY(tests::sameGeometry(back, m_cortex.pial()));
    QVERIFY(back.hasNormals());
    // 3 magic bytes, header lines, counts, 12 bytes per vertex and per triangle.
    const std::string bytes = tests::fileBytes(file);
    QCOMPARE(bytes.substr(0, 3), std::string("\xFF\xFF\xFE", 3));
    QVERIFY(contains(bytes.substr(0, 40), "created by plexus test\n\n"));

    const fs::path curv = path("lh.curv");
    const Eigen::VectorXf& values = *m_cortex.pial().scalar(SurfaceMesh::kCurvature);
    geometry::FreeSurferSurface::writeCurvature(values, m_cortex.pial().triangleCount(), curv);
    QCOMPARE(geometry::FreeSurferSurface::readCurvature(curv, m_cortex.pial().vertexCount()),
             values);
}

void TestSurfaceFiles::freeSurferWrittenByNibabel() {
    if (!tests::haveNibabel()) {
        QSKIP("/usr/bin/python3 with nibabel is not available (apt-get install python3-nibabel)");
    }
    const QString script = QString::fromUtf8(kKnownMeshPython) + QStringLiteral(R"(
import sys, nibabel.freesurfer as fsio
out = sys.argv[1]
fsio.write_geometry(out + '/lh.nib', v, f, create_stamp='created by nibabel')
info = {'head': np.array([2, 0, 20], dtype=np.int32), 'valid': '1  # volume info valid',
        'filename': 'orig.mgz', 'volume': np.array([256, 256, 256]),
        'voxelsize': np.array([1.0, 1.0, 1.0]), 'xras': np.array([-1.0, 0.0, 0.0]),
        'yras': np.array([0.0, 0.0, -1.0]), 'zras': np.array([0.0, 1.0, 0.0]),
        'cras': np.array([0.0, 0.0, 0.0])}
fsio.write_geometry(out + '/lh.nibvol', v, f, volume_info=info)
fsio.write_morph_data(out + '/lh.nibcurv', curv)
)");
    const tests::PythonRun run = tests::runPython(script, {m_dir.path()});
    QVERIFY2(run.exitCode == 0, qPrintable(run.errors));
    const SurfaceMesh expected = knownMesh();
    for (const char* name : {"lh.nib", "lh.nibvol"}) {
        const SurfaceMesh mesh = geometry::FreeSurferSurface::read(path(name));
        QVERIFY2(tests::sameGeometry(mesh, expected), name);
    }
    QCOMPARE(geometry::FreeSurferSurface::readCurvature(path("lh.nibcurv")), knownCurvature());
}

void TestSurfaceFiles::freeSurferReadByNibabel() {
    if (!tests::haveNibabel()) {
        QSKIP("/usr/bin/python3 with nibabel is not available (apt-get install python3-nibabel)");
    }
    geometry::FreeSurferSurface::write(m_cortex.white(), path("lh.white"));
    geometry::FreeSurferSurface::writeCurvature(
        *m_cortex.white().scalar("curv"), m_cortex.white().triangleCount(), path("lh.whitecurv"));
    const tests::PythonRun run = tests::runPython(QStringLiteral(R"(
import sys, numpy as np, nibabel.freesurfer as fsio
out = sys.argv[1]
v, f = fsio.read_geometry(out + '/lh.white')
np.save(out + '/white_v.npy', v.astype(np.float64))
np.save(out + '/white_f.npy', f.astype(np.float64))
np.save(out + '/white_curv.npy', fsio.read_morph_data(out + '/lh.whitecurv').astype(np.float64))
)"),
                                                  {m_dir.path()});
    QVERIFY2(run.exitCode == 0, qPrintable(run.errors));
    const auto v = analysis::NpyFile::read(path("white_v.npy"));
    const auto f = analysis::NpyFile::read(path("white_f.npy"));
    const auto c = analysis::NpyFile::read(path("white_curv.npy"));
    const SurfaceMesh& white = m_cortex.white();
    QCOMPARE(v.shape, (std::vector<std::size_t>{static_cast<std::size_t>(white.vertexCount()), 3}));
    QCOMPARE(f.shape,
             (std::vector<std::size_t>{static_cast<std::size_t>(white.triangleCount()), 3}));
    for (std::size_t i = 0; i < v.data.size(); ++i) {
        QCOMPARE(static_cast<float>(v.data[i]), white.vertices().data()[i]);
    }
    for (std::size_t i = 0; i < f.data.size(); ++i) {
        QCOMPARE(static_cast<std::int32_t>(f.data[i]), white.triangles().data()[i]);
    }
    for (std::size_t i = 0; i < c.data.size(); ++i) {
        QCOMPARE(static_cast<float>(c.data[i]),
                 (*white.scalar("curv"))[static_cast<Eigen::Index>(i)]);
    }
}

void TestSurfaceFiles::freeSurferErrorsNameTheFile() {
    const SurfaceMesh mesh = geometry::MeshPrimitives::icosphere(2, 10.0f);
    const fs::path good = path("lh.sphere");
    geometry::FreeSurferSurface::write(mesh, good);
    const std::string bytes = tests::fileBytes(good);

    const fs::path truncated = path("lh.truncated");
    tests::writeBytes(truncated, bytes.substr(0, bytes.size() / 2));
    std::string error = tests::errorOf([&] { geometry::FreeSurferSurface::read(truncated); });
    QVERIFY2(contains(error, truncated.string()) && contains(error, "truncated"), error.c_str());

    const fs::path header = path("lh.header");
    tests::writeBytes(header, bytes.substr(0, 2));
    error = tests::errorOf([&] { geometry::FreeSurferSurface::read(header); });
    QVERIFY2(contains(error, header.string()) && contains(error, "truncated"), error.c_str());

    const fs::path magic = path("lh.magic");
    tests::writeBytes(magic, "\x01\x02\x03 not a surface\n\n");
    error = tests::errorOf([&] { geometry::FreeSurferSurface::read(magic); });
    QVERIFY2(contains(error, magic.string()) && contains(error, "bad magic"), error.c_str());

    // A curvature file is not a surface.
    geometry::FreeSurferSurface::writeCurvature(Eigen::VectorXf::Zero(4), 0, path("lh.c"));
    error = tests::errorOf([&] { geometry::FreeSurferSurface::read(path("lh.c")); });
    QVERIFY2(contains(error, "curvature"), error.c_str());

    // A triangle index past the vertices: patch the last index (big-endian int32 at the end).
    std::string patched = bytes;
    patched[patched.size() - 4] = '\x00';
    patched[patched.size() - 3] = '\x01';
    patched[patched.size() - 2] = '\x00';
    patched[patched.size() - 1] = '\x00';
    const fs::path range = path("lh.range");
    tests::writeBytes(range, patched);
    error = tests::errorOf([&] { geometry::FreeSurferSurface::read(range); });
    QVERIFY2(contains(error, range.string()) && contains(error, "out of range") &&
                 contains(error, "65536"),
             error.c_str());

    error = tests::errorOf([&] { geometry::FreeSurferSurface::read(path("lh.missing")); });
    QVERIFY2(contains(error, "lh.missing") && contains(error, "cannot open"), error.c_str());
}

void TestSurfaceFiles::curvatureErrors() {
    const fs::path curv = path("lh.curv5");
    geometry::FreeSurferSurface::writeCurvature(knownCurvature(), 5, curv);
    std::string error =
        tests::errorOf([&] { geometry::FreeSurferSurface::readCurvature(curv, 6); });
    QVERIFY2(contains(error, curv.string()) && contains(error, "6 vertices"), error.c_str());
    const std::string bytes = tests::fileBytes(curv);
    tests::writeBytes(curv, bytes.substr(0, bytes.size() - 3));
    error = tests::errorOf([&] { geometry::FreeSurferSurface::readCurvature(curv); });
    QVERIFY2(contains(error, curv.string()) && contains(error, "truncated"), error.c_str());
}

// --- GIfTI -------------------------------------------------------------------------------

void TestSurfaceFiles::giftiRoundTripAllEncodings() {
    using Encoding = geometry::GiftiSurface::Encoding;
    for (const Encoding encoding :
         {Encoding::Ascii, Encoding::Base64Binary, Encoding::GZipBase64Binary}) {
        const fs::path file = path(QStringLiteral("rt%1.surf.gii").arg(static_cast<int>(encoding)));
        geometry::GiftiSurface::write(m_cortex.pial(), file, encoding);
        const SurfaceMesh back = geometry::GiftiSurface::read(file);
        QVERIFY(tests::sameGeometry(back, m_cortex.pial()));
        QCOMPARE(back.scalars().size(), m_cortex.pial().scalars().size());
        for (const SurfaceMesh::Scalar& s : m_cortex.pial().scalars()) {
            QVERIFY(back.scalar(s.name) != nullptr);
            QCOMPARE(*back.scalar(s.name), s.values);
        }
    }
    // Compression pays: the gzip file is smaller than the plain Base64 one.
    QVERIFY(fs::file_size(path("rt2.surf.gii")) < fs::file_size(path("rt1.surf.gii")));
}

void TestSurfaceFiles::giftiNibabelTestFiles() {
    if (!tests::haveNibabel()) {
        QSKIP("/usr/bin/python3 with nibabel is not available (apt-get install python3-nibabel)");
    }
    // nibabel parses its own test files; we compare every array with its result.
    const tests::PythonRun run = tests::runPython(QStringLiteral(R"(
import sys, os, json, numpy as np, nibabel as nib
out = sys.argv[1]
data = os.path.join(os.path.dirname(nib.__file__), 'gifti', 'tests', 'data')
result = {'dir': data, 'files': {}}
for name in ['ascii.gii', 'base64bin.gii', 'gzipbase64.gii', 'external.gii']:
    img = nib.load(os.path.join(data, name))
    arrays = []
    for i, d in enumerate(img.darrays):
        np.save(os.path.join(out, '%s_%d.npy' % (name, i)), np.asarray(d.data, dtype=np.float64))
        arrays.append({'intent': nib.nifti1.intent_codes.niistring[d.intent],
                       'dims': [int(x) for x in d.dims]})
    result['files'][name] = arrays
print(json.dumps(result))
)"),
                                                  {m_dir.path()});
    QVERIFY2(run.exitCode == 0, qPrintable(run.errors));
    const QJsonObject result = QJsonDocument::fromJson(run.output.toUtf8()).object();
    const QString dataDir = result.value(QStringLiteral("dir")).toString();
    const QJsonObject files = result.value(QStringLiteral("files")).toObject();
    QCOMPARE(files.size(), 4);
    for (auto it = files.begin(); it != files.end(); ++it) {
        const fs::path file = fs::path(dataDir.toStdString()) / it.key().toStdString();
        const auto arrays = geometry::GiftiSurface::readArrays(file);
        const QJsonArray expected = it.value().toArray();
        QCOMPARE(static_cast<qsizetype>(arrays.size()), expected.size());
        for (qsizetype i = 0; i < expected.size(); ++i) {
            const QJsonObject e = expected[i].toObject();
            const auto& a = arrays[static_cast<std::size_t>(i)];
            QCOMPARE(QString::fromStdString(a.intent),
                     e.value(QStringLiteral("intent")).toString());
            const auto npy =
                analysis::NpyFile::read(path(QStringLiteral("%1_%2.npy").arg(it.key()).arg(i)));
            QCOMPARE(a.values.size(), npy.data.size());
            for (std::size_t k = 0; k < npy.data.size(); ++k) {
                QCOMPARE(a.values[k], npy.data[k]);
            }
        }
    }
    // The surfaces among them load as meshes; the shape-only file is refused clearly.
    const fs::path dir(dataDir.toStdString());
    const SurfaceMesh ascii = geometry::GiftiSurface::read(dir / "ascii.gii");
    QCOMPARE(ascii.vertexCount(), 3);
    QCOMPARE(ascii.triangleCount(), 1);
    QCOMPARE(ascii.vertices()(0, 0), -16.07201f);
    const SurfaceMesh external = geometry::GiftiSurface::read(dir / "external.gii");
    QCOMPARE(external.vertexCount(), 8);
    QCOMPARE(external.triangleCount(), 12);
    const std::string error =
        tests::errorOf([&] { geometry::GiftiSurface::read(dir / "gzipbase64.gii"); });
    QVERIFY2(contains(error, "gzipbase64.gii") && contains(error, "POINTSET"), error.c_str());
    const auto scalars = geometry::GiftiSurface::readScalars(dir / "gzipbase64.gii");
    QCOMPARE(scalars.size(), std::size_t{1});
    QCOMPARE(scalars[0].name, std::string("Folding (Mean Curvature)"));
    QCOMPARE(scalars[0].values.size(), 143479);
}

void TestSurfaceFiles::giftiWrittenByNibabel() {
    if (!tests::haveNibabel()) {
        QSKIP("/usr/bin/python3 with nibabel is not available (apt-get install python3-nibabel)");
    }
    const QString script = QString::fromUtf8(kKnownMeshPython) + QStringLiteral(R"(
import sys, nibabel as nib
from nibabel.gifti import GiftiImage, GiftiDataArray, GiftiMetaData
out = sys.argv[1]
for enc in ['ASCII', 'B64BIN', 'B64GZ']:
    img = GiftiImage()
    img.add_gifti_data_array(GiftiDataArray(v, intent='NIFTI_INTENT_POINTSET',
                                            datatype='NIFTI_TYPE_FLOAT32', encoding=enc))
    img.add_gifti_data_array(GiftiDataArray(f, intent='NIFTI_INTENT_TRIANGLE',
                                            datatype='NIFTI_TYPE_INT32', encoding=enc))
    shape = GiftiDataArray(curv, intent='NIFTI_INTENT_SHAPE', datatype='NIFTI_TYPE_FLOAT32',
                           encoding=enc)
    shape.meta = GiftiMetaData({'Name': 'curv'})
    img.add_gifti_data_array(shape)
    nib.save(img, out + '/nib_' + enc + '.surf.gii')
)");
    const tests::PythonRun run = tests::runPython(script, {m_dir.path()});
    QVERIFY2(run.exitCode == 0, qPrintable(run.errors));
    for (const char* encoding : {"ASCII", "B64BIN", "B64GZ"}) {
        const SurfaceMesh mesh =
            geometry::GiftiSurface::read(path(QStringLiteral("nib_%1.surf.gii").arg(encoding)));
        QVERIFY2(tests::sameGeometry(mesh, knownMesh()), encoding);
        QVERIFY2(mesh.scalar("curv") != nullptr, encoding);
        QCOMPARE(*mesh.scalar("curv"), knownCurvature());
    }
}

void TestSurfaceFiles::giftiReadByNibabel() {
    if (!tests::haveNibabel()) {
        QSKIP("/usr/bin/python3 with nibabel is not available (apt-get install python3-nibabel)");
    }
    // rt0/1/2.surf.gii from giftiRoundTripAllEncodings().
    const tests::PythonRun run = tests::runPython(QStringLiteral(R"(
import sys, numpy as np, nibabel as nib
out = sys.argv[1]
for i in range(3):
    img = nib.load('%s/rt%d.surf.gii' % (out, i))
    v, f = img.agg_data(('pointset', 'triangle'))
    np.save('%s/rt%d_v.npy' % (out, i), v.astype(np.float64))
    np.save('%s/rt%d_f.npy' % (out, i), f.astype(np.float64))
    names = [d.meta.get('Name') for d in img.darrays[2:]]
    print(','.join(names))
)"),
                                                  {m_dir.path()});
    QVERIFY2(run.exitCode == 0, qPrintable(run.errors));
    QVERIFY2(run.output.startsWith(QStringLiteral("curv,sulc,thickness")), qPrintable(run.output));
    for (int i = 0; i < 3; ++i) {
        const auto v = analysis::NpyFile::read(path(QStringLiteral("rt%1_v.npy").arg(i)));
        const auto f = analysis::NpyFile::read(path(QStringLiteral("rt%1_f.npy").arg(i)));
        QCOMPARE(v.data.size(), static_cast<std::size_t>(m_cortex.pial().vertexCount() * 3));
        for (std::size_t k = 0; k < v.data.size(); ++k) {
            QCOMPARE(static_cast<float>(v.data[k]), m_cortex.pial().vertices().data()[k]);
        }
        for (std::size_t k = 0; k < f.data.size(); ++k) {
            QCOMPARE(static_cast<std::int32_t>(f.data[k]), m_cortex.pial().triangles().data()[k]);
        }
    }
}

void TestSurfaceFiles::giftiErrorsNameTheFile() {
    const SurfaceMesh mesh = geometry::MeshPrimitives::icosphere(1);
    const fs::path good = path("small.surf.gii");
    geometry::GiftiSurface::write(mesh, good, geometry::GiftiSurface::Encoding::GZipBase64Binary);
    const std::string text = tests::fileBytes(good);

    const fs::path truncated = path("truncated.surf.gii");
    tests::writeBytes(truncated, text.substr(0, text.size() * 2 / 3));
    std::string error = tests::errorOf([&] { geometry::GiftiSurface::read(truncated); });
    QVERIFY2(contains(error, truncated.string()) && contains(error, "truncated"), error.c_str());

    // Corrupt compressed data (valid Base64, not a zlib stream).
    std::string corrupt = text;
    const auto data = corrupt.find("<Data>") + 6;
    corrupt.replace(data, 8, "AAAAAAAA");
    const fs::path badZip = path("corrupt.surf.gii");
    tests::writeBytes(badZip, corrupt);
    error = tests::errorOf([&] { geometry::GiftiSurface::read(badZip); });
    QVERIFY2(contains(error, badZip.string()) && contains(error, "DataArray 0") &&
                 contains(error, "compressed"),
             error.c_str());

    std::string badChar = text;
    badChar[data + 3] = '!';
    const fs::path badBase64 = path("base64.surf.gii");
    tests::writeBytes(badBase64, badChar);
    error = tests::errorOf([&] { geometry::GiftiSurface::read(badBase64); });
    QVERIFY2(contains(error, badBase64.string()) && contains(error, "Base64"), error.c_str());

    // An ASCII file with a triangle past the vertices.
    SurfaceMesh broken = geometry::MeshPrimitives::icosphere(0);
    const fs::path ascii = path("range.surf.gii");
    geometry::GiftiSurface::write(broken, ascii, geometry::GiftiSurface::Encoding::Ascii);
    std::string asciiText = tests::fileBytes(ascii);
    const auto triangles = asciiText.find("NIFTI_INTENT_TRIANGLE");
    const auto first = asciiText.find("<Data>", triangles) + 6;
    asciiText.replace(first, asciiText.find(' ', first) - first, "99");
    tests::writeBytes(ascii, asciiText);
    error = tests::errorOf([&] { geometry::GiftiSurface::read(ascii); });
    QVERIFY2(contains(error, ascii.string()) && contains(error, "out of range") &&
                 contains(error, "99"),
             error.c_str());

    const fs::path notGifti = path("other.gii");
    tests::writeBytes(notGifti, "<?xml version=\"1.0\"?><html></html>");
    error = tests::errorOf([&] { geometry::GiftiSurface::read(notGifti); });
    QVERIFY2(contains(error, notGifti.string()) && contains(error, "not a GIfTI"), error.c_str());
}

// --- OBJ, PLY, STL -----------------------------------------------------------------------

void TestSurfaceFiles::objReadsPolygonsAndIndexForms() {
    const fs::path file = path("forms.obj");
    tests::writeBytes(file, "# a unit square and a triangle\n"
                            "o thing\nv 0 0 0\nv 1 0 0\nv 1 1 0\nv 0 1 0\n"
                            "vt 0 0\nvn 0 0 1\n"
                            "f 1/1/1 2/1/1 3/1/1 4/1/1\n" // quad: two triangles
                            "v 0 0 1\r\n"
                            "f -1//1 1//1 2//1\n"); // negative (relative) index
    const SurfaceMesh mesh = geometry::ObjSurface::read(file);
    QCOMPARE(mesh.vertexCount(), 5);
    QCOMPARE(mesh.triangleCount(), 3);
    SurfaceMesh::Triangles expected(3, 3);
    expected << 0, 1, 2, 0, 2, 3, 4, 0, 1;
    QCOMPARE(mesh.triangles(), expected);
    QCOMPARE(mesh.vertices()(4, 2), 1.0f);
}

void TestSurfaceFiles::objRoundTripAndErrors() {
    const fs::path file = path("cortex.obj");
    geometry::ObjSurface::write(m_cortex.pial(), file);
    QVERIFY(tests::sameGeometry(geometry::ObjSurface::read(file), m_cortex.pial()));

    const fs::path bad = path("bad.obj");
    tests::writeBytes(bad, "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\nf 1 2 7\n");
    const std::string error = tests::errorOf([&] { geometry::ObjSurface::read(bad); });
    QVERIFY2(contains(error, bad.string() + ":5:") && contains(error, "out of range"),
             error.c_str());
    const fs::path empty = path("empty.obj");
    tests::writeBytes(empty, "# nothing\n");
    QVERIFY(contains(tests::errorOf([&] { geometry::ObjSurface::read(empty); }), "no vertices"));
}

void TestSurfaceFiles::plyRoundTripAsciiAndBinary() {
    for (const bool binary : {true, false}) {
        const fs::path file = path(binary ? "cortex_bin.ply" : "cortex_ascii.ply");
        geometry::PlySurface::write(m_cortex.pial(), file, binary);
        const SurfaceMesh back = geometry::PlySurface::read(file);
        QVERIFY(tests::sameGeometry(back, m_cortex.pial()));
        for (const SurfaceMesh::Scalar& s : m_cortex.pial().scalars()) {
            QVERIFY(back.scalar(s.name) != nullptr);
            QCOMPARE(*back.scalar(s.name), s.values);
        }
    }
}

void TestSurfaceFiles::plyBigEndianWithExtraElements() {
    // Hand-written: big-endian doubles and shorts, a quad, colours (ignored), a quality scalar,
    // normals and an extra element after the faces.
    std::string bytes = "ply\nformat binary_big_endian 1.0\ncomment hand made\n"
                        "element vertex 4\nproperty double x\nproperty double y\n"
                        "property double z\nproperty uchar red\nproperty float quality\n"
                        "property float nx\nproperty float ny\nproperty float nz\n"
                        "element face 1\nproperty list uchar short vertex_index\n"
                        "element edge 1\nproperty int vertex1\nproperty int vertex2\n"
                        "end_header\n";
    const auto putBig = [&](auto value) {
        char raw[sizeof(value)];
        std::memcpy(raw, &value, sizeof(value));
        std::reverse(raw, raw + sizeof(value));
        bytes.append(raw, sizeof(value));
    };
    const double xyz[4][3] = {{0, 0, 0}, {2, 0, 0}, {2, 3, 0}, {0, 3, 0}};
    for (int i = 0; i < 4; ++i) {
        for (double c : xyz[i]) {
            putBig(c);
        }
        bytes += static_cast<char>(200);
        putBig(static_cast<float>(i) * 0.5f);
        putBig(0.0f);
        putBig(0.0f);
        putBig(1.0f);
    }
    bytes += static_cast<char>(4);
    for (short index : {0, 1, 2, 3}) {
        putBig(index);
    }
    putBig(std::int32_t{0});
    putBig(std::int32_t{1});
    const fs::path file = path("big.ply");
    tests::writeBytes(file, bytes);
    const SurfaceMesh mesh = geometry::PlySurface::read(file);
    QCOMPARE(mesh.vertexCount(), 4);
    QCOMPARE(mesh.triangleCount(), 2);
    QCOMPARE(mesh.vertices()(2, 1), 3.0f);
    QCOMPARE(mesh.scalars().size(), std::size_t{1});
    QCOMPARE((*mesh.scalar("quality"))[3], 1.5f);
    QCOMPARE(mesh.normals()(1, 2), 1.0f);
}

void TestSurfaceFiles::plyErrorsNameTheFile() {
    const fs::path good = path("sphere.ply");
    geometry::PlySurface::write(geometry::MeshPrimitives::icosphere(2), good, true);
    const std::string bytes = tests::fileBytes(good);
    const fs::path truncated = path("truncated.ply");
    tests::writeBytes(truncated, bytes.substr(0, bytes.size() - 20));
    std::string error = tests::errorOf([&] { geometry::PlySurface::read(truncated); });
    QVERIFY2(contains(error, truncated.string()) && contains(error, "truncated"), error.c_str());

    const fs::path magic = path("magic.ply");
    tests::writeBytes(magic, "solid x\n");
    error = tests::errorOf([&] { geometry::PlySurface::read(magic); });
    QVERIFY2(contains(error, magic.string()) && contains(error, "bad magic"), error.c_str());

    const fs::path range = path("range.ply");
    tests::writeBytes(range, "ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\n"
                             "property float y\nproperty float z\nelement face 1\n"
                             "property list uchar int vertex_indices\nend_header\n"
                             "0 0 0\n1 0 0\n0 1 0\n3 0 1 5\n");
    error = tests::errorOf([&] { geometry::PlySurface::read(range); });
    QVERIFY2(contains(error, range.string()) && contains(error, "out of range"), error.c_str());
}

void TestSurfaceFiles::stlRoundTripAndVertexMerging() {
    for (const bool binary : {true, false}) {
        const fs::path file = path(binary ? "cortex_bin.stl" : "cortex_ascii.stl");
        geometry::StlSurface::write(m_cortex.pial(), file, binary);
        const SurfaceMesh back = geometry::StlSurface::read(file);
        // Shared corners are merged back into the original vertices (in a new order).
        QCOMPARE(back.vertexCount(), m_cortex.pial().vertexCount());
        QVERIFY(sortedRows(back.vertices()) == sortedRows(m_cortex.pial().vertices()));
        QVERIFY(sameTriangleCorners(back, m_cortex.pial()));
    }
    QCOMPARE(static_cast<std::uintmax_t>(fs::file_size(path("cortex_bin.stl"))),
             static_cast<std::uintmax_t>(84 + 50 * m_cortex.pial().triangleCount()));
}

void TestSurfaceFiles::stlBinaryHeaderStartingWithSolid() {
    const fs::path file = path("solid.stl");
    geometry::StlSurface::write(geometry::MeshPrimitives::icosphere(1), file, true);
    std::string bytes = tests::fileBytes(file);
    bytes.replace(0, 11, "solid fake!");
    tests::writeBytes(file, bytes);
    const SurfaceMesh mesh = geometry::StlSurface::read(file);
    QCOMPARE(mesh.vertexCount(), 42);
    QCOMPARE(mesh.triangleCount(), 80);
}

void TestSurfaceFiles::stlErrorsNameTheFile() {
    const fs::path file = path("cut.stl");
    geometry::StlSurface::write(geometry::MeshPrimitives::icosphere(1), file, true);
    const std::string bytes = tests::fileBytes(file);
    tests::writeBytes(file, bytes.substr(0, bytes.size() - 7));
    std::string error = tests::errorOf([&] { geometry::StlSurface::read(file); });
    QVERIFY2(contains(error, file.string()) && contains(error, "truncated"), error.c_str());

    const fs::path ascii = path("cut_ascii.stl");
    geometry::StlSurface::write(geometry::MeshPrimitives::icosphere(1), ascii, false);
    const std::string text = tests::fileBytes(ascii);
    tests::writeBytes(ascii, text.substr(0, text.size() / 2));
    error = tests::errorOf([&] { geometry::StlSurface::read(ascii); });
    QVERIFY2(contains(error, ascii.string()) && contains(error, "truncated"), error.c_str());

    const fs::path tiny = path("tiny.stl");
    tests::writeBytes(tiny, "abc");
    error = tests::errorOf([&] { geometry::StlSurface::read(tiny); });
    QVERIFY2(contains(error, tiny.string()) && contains(error, "truncated"), error.c_str());
}

// --- Dispatch ----------------------------------------------------------------------------

void TestSurfaceFiles::surfaceFileDetectsAndDispatches() {
    using Format = geometry::SurfaceFile::Format;
    const SurfaceMesh mesh = geometry::MeshPrimitives::icosphere(2, 5.0f);
    const std::map<std::string, Format> files = {{"x.gii", Format::Gifti},
                                                 {"x.obj", Format::Obj},
                                                 {"x.ply", Format::Ply},
                                                 {"x.stl", Format::Stl},
                                                 {"rh.inflated", Format::FreeSurfer}};
    for (const auto& [name, format] : files) {
        const fs::path file = path(QString::fromStdString("dispatch_" + name));
        geometry::SurfaceFile::write(mesh, file);
        QCOMPARE(geometry::SurfaceFile::detect(file), format);
        const SurfaceMesh back = geometry::SurfaceFile::read(file);
        QCOMPARE(back.vertexCount(), mesh.vertexCount());
        QCOMPARE(back.triangleCount(), mesh.triangleCount());
    }
    // Content wins over the name: a FreeSurfer surface called .obj is still read.
    const fs::path misnamed = path("misnamed.obj");
    geometry::FreeSurferSurface::write(mesh, misnamed);
    QCOMPARE(geometry::SurfaceFile::detect(misnamed), Format::FreeSurfer);
    QVERIFY(tests::sameGeometry(geometry::SurfaceFile::read(misnamed), mesh));
    QCOMPARE(geometry::SurfaceFile::detect(path("a.vtp")), Format::VtkXml);
    QCOMPARE(geometry::SurfaceFile::detect(path("a.vtk")), Format::VtkLegacy);

    const fs::path unknown = path("notes.txt");
    tests::writeBytes(unknown, "hello");
    std::string error = tests::errorOf([&] { geometry::SurfaceFile::read(unknown); });
    QVERIFY2(contains(error, unknown.string()) && contains(error, "unknown surface format"),
             error.c_str());
    error = tests::errorOf([&] { geometry::SurfaceFile::read(path("nothing.gii")); });
    QVERIFY2(contains(error, "nothing.gii") && contains(error, "no such file"), error.c_str());
}

void TestSurfaceFiles::surfaceFilePicksUpCompanionCurvature() {
    QDir(m_dir.path()).mkdir(QStringLiteral("subject"));
    const fs::path dir = path(QStringLiteral("subject"));
    const SurfaceMesh mesh = knownMesh();
    geometry::FreeSurferSurface::write(mesh, dir / "lh.pial");
    geometry::FreeSurferSurface::writeCurvature(knownCurvature(), 5, dir / "lh.curv");
    // A sulc file for another surface: reported, not used.
    geometry::FreeSurferSurface::writeCurvature(Eigen::VectorXf::Zero(7), 5, dir / "lh.sulc");
    std::vector<std::string> warnings;
    const SurfaceMesh back = geometry::SurfaceFile::read(dir / "lh.pial", &warnings);
    QVERIFY(back.scalar("curv") != nullptr);
    QCOMPARE(*back.scalar("curv"), knownCurvature());
    QVERIFY(back.scalar("sulc") == nullptr);
    QCOMPARE(warnings.size(), std::size_t{1});
    QVERIFY2(contains(warnings[0], "lh.sulc"), warnings[0].c_str());
}

QTEST_APPLESS_MAIN(TestSurfaceFiles)
#include "TestSurfaceFiles.moc"
