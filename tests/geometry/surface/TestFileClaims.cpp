// Readers of user files against tiny files that claim huge counts (a GIfTI Dim0 of two billion,
// a PLY element of two billion vertices, a VTK POINTS count, ...): each gives one line naming
// the file, and the peak resident memory stays far below what the claim would need. A genuine
// allocation failure is reported with the file name too.

#include "PeakRss.h"
#include "geometry/GeometryTestSupport.h"
#include "plexus/core/base/FileReadGuard.h"
#include "plexus/core/connectivity/EdgeList.h"
#include "plexus/geometry/probes/ElectrodeCsv.h"
#include "plexus/geometry/probes/MontageReader.h"
#include "plexus/geometry/surface/FreeSurferSurface.h"
#include "plexus/geometry/surface/GiftiSurface.h"
#include "plexus/geometry/surface/ObjSurface.h"
#include "plexus/geometry/surface/PlySurface.h"
#include "plexus/geometry/surface/StlSurface.h"
#include "plexus/geometry/surface/SurfaceFile.h"
#include "plexus/geometry/vessels/VesselGraph.h"
#include "plexus/widgets/cortex/SurfaceLoader.h"

#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <cstring>
#include <fstream>
#include <sys/resource.h>

using namespace plexus;
using tests::errorOf;

namespace {

/// A GIfTI file with one point-set array of `dim0` x 3 FLOAT32 values in `encoding`, whose
/// data is `data` (far less than the dimensions claim).
std::string giftiClaim(const std::string& dim0, const std::string& encoding,
                       const std::string& data, const std::string& extra = {}) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<GIFTI Version=\"1.0\" NumberOfDataArrays=\"1\">\n"
           "  <DataArray Intent=\"NIFTI_INTENT_POINTSET\" DataType=\"NIFTI_TYPE_FLOAT32\" "
           "ArrayIndexingOrder=\"RowMajorOrder\" Dimensionality=\"2\" Dim0=\"" +
           dim0 + "\" Dim1=\"3\" Encoding=\"" + encoding + "\" Endian=\"LittleEndian\"" + extra +
           ">\n    <Data>" + data + "</Data>\n  </DataArray>\n</GIFTI>\n";
}

/// Big-endian 32-bit integer bytes.
std::string bigEndian32(std::uint32_t v) {
    return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
            static_cast<char>(v)};
}

/// Little-endian 32-bit integer bytes.
std::string littleEndian32(std::uint32_t v) {
    return {static_cast<char>(v), static_cast<char>(v >> 8), static_cast<char>(v >> 16),
            static_cast<char>(v >> 24)};
}

/// Calls `read`, which must fail; returns its message and the growth of the peak resident
/// memory in `growth` (the caller checks that the message names the file).
std::string refusal(const std::function<void()>& read, std::uint64_t& growth) {
    const std::uint64_t before = tests::peakRssBytes();
    const std::string message = errorOf(read);
    growth = tests::peakRssBytes() - before;
    return message;
}

} // namespace

class TestFileClaims : public QObject {
    Q_OBJECT

private:
    /// One reader against one file: one line naming the file and containing `expected`, and
    /// no allocation near the claim.
    void check(const std::string& name, const std::string& bytes, const std::string& expected,
               const std::function<void(const std::string&)>& read) {
        const std::string file = m_dir.filePath(QString::fromStdString(name)).toStdString();
        tests::writeBytes(file, bytes);
        QVERIFY2(bytes.size() < 4096, name.c_str());
        std::uint64_t growth = 0;
        const std::string message = refusal([&] { read(file); }, growth);
        QVERIFY2(message.rfind(file + ": ", 0) == 0 || message.rfind(file + ":", 0) == 0,
                 (name + ": " + message).c_str());
        QVERIFY2(message.find(expected) != std::string::npos, (name + ": " + message).c_str());
        QVERIFY2(message.find('\n') == std::string::npos, message.c_str());
        QVERIFY2(growth < tests::kClaimRssSlackBytes,
                 (name + ": peak memory grew by " + std::to_string(growth >> 20) + " MB").c_str());
    }

    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    /// The reported case: Dim0 far beyond the data, in every encoding.
    void giftiDimensionsBeyondTheData() {
        const std::string claim = "the array (2000000000 x 3) claims 6000000000 entries";
        const auto read = [](const std::string& f) { geometry::GiftiSurface::read(f); };
        check("ascii.gii", giftiClaim("2000000000", "ASCII", "1 2 3"), claim, read);
        check("base64.gii", giftiClaim("2000000000", "Base64Binary", "AACAPwAAAEAAAEBA"), claim,
              read);
        // zlib.compress(struct.pack('<3f', 1, 2, 3)) in Base64.
        check("gzip.gii", giftiClaim("2000000000", "GZipBase64Binary", "eJxjYGiwZ2BgcAAiBwAJQwGA"),
              claim, read);
        // The same, one order of magnitude smaller than reported: 3.5 GB for 300 million rows.
        check("gzip-3.5GB.gii",
              giftiClaim("300000000", "GZipBase64Binary", "eJxjYGiwZ2BgcAAiBwAJQwGA"),
              "the array (300000000 x 3) claims 900000000 entries", read);
        tests::writeBytes(m_dir.filePath("external.bin").toStdString(), std::string(12, '\0'));
        check("external.gii",
              giftiClaim("2000000000", "ExternalFileBinary", "",
                         " ExternalFileName=\"external.bin\" ExternalFileOffset=\"0\""),
              claim, read);
        // Through the format dispatch, and for the scalar reader.
        check("dispatch.gii", giftiClaim("2000000000", "ASCII", "1 2 3"), claim,
              [](const std::string& f) { geometry::SurfaceFile::read(f); });
        check("scalars.gii", giftiClaim("2000000000", "Base64Binary", "AACAPwAAAEAAAEBA"), claim,
              [](const std::string& f) { geometry::GiftiSurface::readScalars(f); });
    }

    void plyElementsBeyondTheData() {
        const auto read = [](const std::string& f) { geometry::PlySurface::read(f); };
        const std::string header = "property float x\nproperty float y\nproperty float z\n";
        check("ascii.ply",
              "ply\nformat ascii 1.0\nelement vertex 2000000000\n" + header + "end_header\n0 0 0\n",
              "element 'vertex' claims 2000000000 entries", read);
        check("binary.ply",
              "ply\nformat binary_little_endian 1.0\nelement vertex 2000000000\n" + header +
                  "property float quality\nend_header\n" + std::string(16, '\0'),
              "element 'vertex' claims 2000000000 entries, which need at least 32000000000 bytes",
              read);
        check("faces.ply",
              "ply\nformat binary_big_endian 1.0\nelement vertex 3\n" + header +
                  "element face 2000000000\nproperty list uchar int vertex_indices\n"
                  "end_header\n" +
                  std::string(36, '\0'),
              "element 'face' claims 2000000000 entries", read);
    }

    /// Formats whose counts were already checked against the file: they stay so.
    void otherSurfaceFormatsCheckTheirCounts() {
        check("claim.stl", std::string(80, ' ') + littleEndian32(4000000000u),
              "header declares 4000000000 triangles",
              [](const std::string& f) { geometry::StlSurface::read(f); });
        check("claim.obj", "v 0 0 0\nv 1 0 0\nf 1 2 2000000000\n",
              "face refers to vertex 2000000000",
              [](const std::string& f) { geometry::ObjSurface::read(f); });
        check("lh.pial",
              "\xFF\xFF\xFE"
              "created by test\n\n" +
                  bigEndian32(2000000000) + bigEndian32(2000000000),
              "2000000000 vertices and 2000000000 triangles need 48000000000 bytes",
              [](const std::string& f) { geometry::FreeSurferSurface::read(f); });
        check("lh.curv", "\xFF\xFF\xFF" + bigEndian32(2000000000) + bigEndian32(0) + bigEndian32(1),
              "2000000000 values needs 8000000000 bytes",
              [](const std::string& f) { geometry::FreeSurferSurface::readCurvature(f, -1); });
    }

    /// Montages, electrode and vessel tables: counts in the file never size an allocation.
    void textTablesDoNotTrustTheirCounts() {
        check("claim.elc",
              "NumberPositions= 2000000000\nUnitPosition mm\nPositions\nFz: 1 2 3\nLabels\nFz\n",
              "NumberPositions says 2000000000 but 1 positions follow",
              [](const std::string& f) { geometry::MontageReader::read(f); });
        check("claim.csv", "name,contact,x_mm,y_mm,z_mm\nA,1,0,0,0\nA,1,1,1,1\n",
              "lists contact '1' twice",
              [](const std::string& f) { geometry::ElectrodeCsv::read(f); });
        const std::string nodes = m_dir.filePath("nodes.csv").toStdString();
        tests::writeBytes(nodes, "id,x_mm,y_mm,z_mm\n0,0,0,0\n1,1,0,0\n");
        check("edges.csv", "from,to,radius_mm\n0,2000000000,0.1\n", "unknown node id 2000000000",
              [&](const std::string& f) { geometry::VesselGraph::readCsv(nodes, f); });
    }

    /// A montage with many labels reads in time proportional to its size: labels are checked for
    /// repeats through an index, not pair by pair (200,000 labels are 2e10 pairs).
    void manyMontageLabelsReadInLinearTime() {
        const std::string file = m_dir.filePath("many.sfp").toStdString();
        std::string text;
        constexpr int kLabels = 200'000;
        for (int i = 0; i < kLabels; ++i) {
            text += "E" + std::to_string(i) + " " + std::to_string(std::cos(i)) + " " +
                    std::to_string(std::sin(i)) + " " + std::to_string(0.001 * (i % 997)) + "\n";
        }
        text += "E17 0 0 1\n";
        tests::writeBytes(file, text);
        const std::string message = errorOf([&] { geometry::MontageReader::read(file); });
        QVERIFY2(message.find("label 'E17' already given on line 18") != std::string::npos,
                 message.c_str());
        text.resize(text.rfind("E17 0 0 1"));
        tests::writeBytes(file, text);
        QCOMPARE(geometry::MontageReader::read(file).channelCount(), kLabels);
    }

    /// Edge files: neuron indices are values, not counts; a folder is refused by name.
    void edgeFiles() {
        const std::string file = m_dir.filePath("edges.csv").toStdString();
        tests::writeBytes(file, "source,target\n0,2000000000\n");
        const std::uint64_t before = tests::peakRssBytes();
        const core::EdgeList edges = core::EdgeList::read(file, "projections[0].connectivity");
        QCOMPARE(edges.size(), std::size_t(1));
        QCOMPARE(edges.targets[0], std::int64_t(2000000000));
        QVERIFY(tests::peakRssBytes() - before < tests::kClaimRssSlackBytes);

        const QString folder = m_dir.filePath("folder.csv");
        QVERIFY(QDir().mkpath(folder));
        const std::string message = errorOf(
            [&] { core::EdgeList::read(folder.toStdString(), "projections[0].connectivity"); });
        QCOMPARE(message, folder.toStdString() + ": is a folder, expected an edge file (CSV)");
    }

    /// VTK files (read by VTK's own readers) are checked before VTK allocates.
    void vtkCountsBeyondTheData() {
        const auto read = [](const std::string& f) {
            widgets::SurfaceLoader::loadVtk(QString::fromStdString(f));
        };
        check("claim.vtk",
              "# vtk DataFile Version 3.0\nclaim\nASCII\nDATASET POLYDATA\n"
              "POINTS 2000000000 float\n0 0 0 1 0 0 0 1 0\nPOLYGONS 1 4\n3 0 1 2\n",
              "POINTS claims 2000000000 entries", read);
        check("claim-polygons.vtk",
              "# vtk DataFile Version 3.0\nclaim\nASCII\nDATASET POLYDATA\n"
              "POINTS 3 float\n0 0 0 1 0 0 0 1 0\nPOLYGONS 1 2000000000\n3 0 1 2\n",
              "POLYGONS claims 2000000000 entries", read);
        check("claim.vtp",
              "<?xml version=\"1.0\"?>\n<VTKFile type=\"PolyData\" version=\"0.1\">\n"
              "<PolyData><Piece NumberOfPoints=\"2000000000\" NumberOfPolys=\"1\">\n"
              "<Points><DataArray type=\"Float32\" NumberOfComponents=\"3\" format=\"ascii\">"
              "0 0 0 1 0 0 0 1 0</DataArray></Points>\n"
              "<Polys><DataArray type=\"Int32\" Name=\"connectivity\" format=\"ascii\">0 1 2"
              "</DataArray><DataArray type=\"Int32\" Name=\"offsets\" format=\"ascii\">3"
              "</DataArray></Polys>\n</Piece></PolyData></VTKFile>\n",
              "NumberOfPoints claims 2000000000 entries", read);
    }

    /// Memory that runs out for real is reported with the file name, not as std::bad_alloc.
    void outOfMemoryNamesTheFile() {
        // A legitimate GIfTI file: 2 million zero vertices, 24 MB of float32, deflated to a few
        // tens of kilobytes.
        const std::string file = m_dir.filePath("big.gii").toStdString();
        {
            geometry::SurfaceMesh::Vertices vertices =
                geometry::SurfaceMesh::Vertices::Zero(2'000'000, 3);
            vertices.row(1) << 1.0f, 0.0f, 0.0f;
            vertices.row(2) << 0.0f, 1.0f, 0.0f;
            geometry::SurfaceMesh::Triangles triangles(1, 3);
            triangles << 0, 1, 2;
            geometry::GiftiSurface::write(geometry::SurfaceMesh(vertices, triangles), file,
                                          geometry::GiftiSurface::Encoding::GZipBase64Binary);
        }
        QVERIFY(core::FileReadGuard::fileSize(file) < 1'000'000);
        // Reading it needs well over 24 MB; allow the process 16 MB more than it maps now.
        rlimit old{};
        QCOMPARE(getrlimit(RLIMIT_AS, &old), 0);
        std::uint64_t mapped = 0;
        {
            std::ifstream status("/proc/self/status");
            for (std::string line; std::getline(status, line);) {
                if (line.rfind("VmSize:", 0) == 0) {
                    mapped = std::stoull(line.substr(7)) * 1024;
                }
            }
        }
        QVERIFY(mapped > 0);
        rlimit tight = old;
        tight.rlim_cur = mapped + (std::uint64_t{16} << 20);
        QCOMPARE(setrlimit(RLIMIT_AS, &tight), 0);
        const std::string message = errorOf([&] { geometry::GiftiSurface::read(file); });
        setrlimit(RLIMIT_AS, &old);
        QCOMPARE(message, file + ": not enough memory to read it");
        // With the memory back, the same file reads.
        QCOMPARE(geometry::GiftiSurface::read(file).vertexCount(), Eigen::Index(2'000'000));
    }
};

QTEST_GUILESS_MAIN(TestFileClaims)
#include "TestFileClaims.moc"
