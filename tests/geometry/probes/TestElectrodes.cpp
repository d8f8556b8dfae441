// Electrode geometry on surfaces (laminar, Utah, threads, points), contact CSV export/import,
// and EEG montage readers checked on the real montage files MNE-Python ships (python3-mne).

#include "geometry/ElectrodeFixtures.h"
#include "plexus/geometry/probes/EegMontage.h"
#include "plexus/geometry/probes/ElectrodeCsv.h"
#include "plexus/geometry/probes/ElectrodeLayout.h"
#include "plexus/geometry/probes/MontageReader.h"
#include "plexus/geometry/surface/MeshPrimitives.h"
#include "plexus/geometry/surface/SurfaceAnchor.h"

#include <Eigen/Geometry>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

using namespace plexus;
using namespace plexus::geometry;
using plexus::tests::contains;
using plexus::tests::errorOf;
using plexus::tests::flatSheet;

namespace {

const std::filesystem::path kMontages = PLEXUS_MNE_MONTAGES;

bool near(const Eigen::Vector3d& a, const Eigen::Vector3d& b, double tolerance) {
    return (a - b).cwiseAbs().maxCoeff() <= tolerance;
}

QString text(const Eigen::Vector3d& v) {
    return QString("(%1, %2, %3)")
        .arg(v.x(), 0, 'g', 10)
        .arg(v.y(), 0, 'g', 10)
        .arg(v.z(), 0, 'g', 10);
}

#define QVERIFY_NEAR3(actual, expected, tol)                                                       \
    QVERIFY2(near((actual), (expected), (tol)), qPrintable(text(actual) + " != " + text(expected)))

void writeFile(const std::filesystem::path& path, const std::string& content) {
    std::ofstream(path, std::ios::binary) << content;
}

EegMontage readMontage(const char* file) {
    return MontageReader::read(kMontages / file);
}

} // namespace

class TestElectrodes : public QObject {
    Q_OBJECT

private slots:
    void laminarOnFlatSheet() {
        const SurfaceMesh sheet = flatSheet(11, 11, 0.5f);
        const SurfaceAnchor anchor = SurfaceAnchor::atVertex(sheet, 5 * 11 + 3); // (1.5, 2.5, 0)
        QVERIFY_NEAR3(anchor.point(), Eigen::Vector3d(1.5, 2.5, 0.0), 1e-12);
        QVERIFY_NEAR3(anchor.inwardNormal(), Eigen::Vector3d(0, 0, -1), 1e-12);
        ElectrodeLayout::LaminarOptions o;
        o.contacts = 16;
        o.spacingUm = 100.0;
        o.tipDepthUm = 1600.0;
        const ElectrodeArray probe = ElectrodeLayout::laminar("L1", anchor, o);
        QCOMPARE(probe.type(), ElectrodeArray::Type::Laminar);
        QCOMPARE(probe.contactCount(), 16);
        QCOMPARE(probe.shanks().size(), std::size_t(1));
        for (int k = 0; k < 16; ++k) {
            // Contact 0 is the shallowest: 0.1 mm; contact 15 the tip at 1.6 mm.
            const double depth = 0.1 * (k + 1);
            QVERIFY_NEAR3(probe.contact(k).position, Eigen::Vector3d(1.5, 2.5, -depth), 1e-12);
            QCOMPARE(probe.contact(k).label, std::to_string(k));
            QCOMPARE(probe.contact(k).shank, 0);
        }
        QVERIFY(std::abs(probe.totalInsertionLength() - 1.6) < 1e-12);
        QVERIFY_NEAR3(probe.shanks()[0].tip, Eigen::Vector3d(1.5, 2.5, -1.6), 1e-12);

        // Too many contacts for the depth: the shallowest would stick out of the cortex.
        o.tipDepthUm = 1000.0;
        const std::string e = errorOf([&] { ElectrodeLayout::laminar("L2", anchor, o); });
        QVERIFY2(contains(e, "'L2'") && contains(e, "at least 1500 um"), e.c_str());
    }

    void placementOnSphereFollowsInwardNormal() {
        SurfaceMesh sphere = MeshPrimitives::icosphere(3, 10.0f);
        QVERIFY(sphere.hasNormals());
        for (const std::int64_t v : {0, 17, 200, 641}) {
            const SurfaceAnchor anchor = SurfaceAnchor::atVertex(sphere, v);
            const ElectrodeArray probe = ElectrodeLayout::laminar("L", anchor, {8, 250.0, 2000.0});
            const Eigen::Vector3d radial = anchor.point().normalized();
            for (int k = 0; k < probe.contactCount(); ++k) {
                const double depth = 2.0 - (7 - k) * 0.25;
                const Eigen::Vector3d p = probe.contact(k).position;
                // On a sphere the inward normal points at the centre: |p| = R - depth, on the
                // same ray as the vertex.
                QVERIFY(std::abs(p.norm() - (10.0 - depth)) < 1e-5);
                QVERIFY((p.normalized() - radial).norm() < 1e-6);
            }
        }
        // A picked point off the vertex keeps its position but takes the nearest vertex's
        // normal ("snapped to the normal at that point").
        const Eigen::Vector3d vertex = sphere.vertices().row(17).cast<double>().transpose();
        Eigen::Vector3d tangent = vertex.cross(Eigen::Vector3d::UnitZ()).normalized();
        const Eigen::Vector3d picked = vertex + 0.05 * tangent;
        const SurfaceAnchor snapped = SurfaceAnchor::atPoint(sphere, picked);
        QCOMPARE(snapped.vertex(), std::int64_t(17));
        QVERIFY_NEAR3(snapped.point(), picked, 0.0);
        QVERIFY_NEAR3(snapped.outwardNormal(), vertex.normalized(), 1e-6);
        const ElectrodeArray point = ElectrodeLayout::point("P", snapped, 500.0);
        QVERIFY_NEAR3(point.contact(0).position, picked - 0.5 * vertex.normalized(), 1e-6);

        // Errors name the problem.
        SurfaceMesh bare(sphere.vertices(), sphere.triangles());
        QVERIFY(contains(errorOf([&] { SurfaceAnchor::atVertex(bare, 0); }), "no normals"));
        QVERIFY(contains(errorOf([&] { SurfaceAnchor::atVertex(sphere, 99999); }),
                         "vertex 99999 is not in the mesh"));
    }

    void utahArrayGrid() {
        const SurfaceMesh sheet = flatSheet(21, 21, 0.5f);
        const SurfaceAnchor anchor = SurfaceAnchor::atVertex(sheet, 10 * 21 + 10); // (5, 5, 0)
        ElectrodeLayout::UtahOptions o; // 10 x 10, 400 um pitch, 1.5 mm shanks
        const ElectrodeArray utah = ElectrodeLayout::utah("U", anchor, o);
        QCOMPARE(utah.contactCount(), 100);
        QCOMPARE(utah.shanks().size(), std::size_t(100));
        QVERIFY_NEAR3(utah.centroid(), Eigen::Vector3d(5.0, 5.0, -1.5), 1e-12);
        std::set<std::pair<long, long>> cells;
        for (int r = 0; r < 10; ++r)
            for (int c = 0; c < 10; ++c) {
                const ElectrodeArray::Contact& k = utah.contact(r * 10 + c);
                std::string label = "r";
                label += std::to_string(r);
                label += 'c';
                label += std::to_string(c);
                QCOMPARE(k.label, label);
                // u = +x, v = +y for an unrotated array on a +z normal.
                QVERIFY_NEAR3(k.position,
                              Eigen::Vector3d(5.0 + (c - 4.5) * 0.4, 5.0 + (r - 4.5) * 0.4, -1.5),
                              1e-12);
                QVERIFY(std::abs(utah.shanks()[static_cast<std::size_t>(k.shank)].length() - 1.5) <
                        1e-12);
                cells.insert(
                    {std::lround(k.position.x() * 1000), std::lround(k.position.y() * 1000)});
            }
        QCOMPARE(cells.size(), std::size_t(100));
        QVERIFY(std::abs(utah.totalInsertionLength() - 150.0) < 1e-9);

        o.skipCorners = true;
        const ElectrodeArray u96 = ElectrodeLayout::utah("U96", anchor, o);
        QCOMPARE(u96.contactCount(), 96);
        QCOMPARE(u96.indexOf("r0c0"), -1);
        QCOMPARE(u96.indexOf("r9c9"), -1);
        QVERIFY(u96.indexOf("r0c1") >= 0);

        // Rotated by 30 degrees: r0c0 sits at anchor + R(30) (-1.8, -1.8).
        o.skipCorners = false;
        o.rotationDeg = 30.0;
        const ElectrodeArray rotated = ElectrodeLayout::utah("R", anchor, o);
        const double c30 = std::cos(M_PI / 6.0);
        const double s30 = std::sin(M_PI / 6.0);
        const Eigen::Vector3d expected(5.0 + (-1.8 * c30 + 1.8 * s30),
                                       5.0 + (-1.8 * s30 - 1.8 * c30), -1.5);
        QVERIFY_NEAR3(rotated.contact(0).position, expected, 1e-12);
        QVERIFY_NEAR3(rotated.centroid(), Eigen::Vector3d(5.0, 5.0, -1.5), 1e-12);

        o.pitchUm = -1.0;
        QVERIFY(contains(errorOf([&] { ElectrodeLayout::utah("Bad", anchor, o); }),
                         "pitchUm must be positive"));
    }

    void threadsRespectTheInsertionBudget() {
        const SurfaceMesh sheet = flatSheet(5, 5, 1.0f);
        std::vector<ElectrodeLayout::ThreadInsertion> ins = {
            {SurfaceAnchor::atVertex(sheet, 0), 1000.0},
            {SurfaceAnchor::atVertex(sheet, 6), 500.0},
            {SurfaceAnchor::atVertex(sheet, 12), 20.0},
        };
        ElectrodeLayout::ThreadOptions o;
        o.contactsPerThread = 32;
        o.spacingUm = 50.0;
        const ElectrodeArray t = ElectrodeLayout::threads("T", ins, o, {});
        // min(32, floor(depth / 50) + 1): 21, 11, 1 contacts.
        QCOMPARE(t.contactCount(), 33);
        QCOMPARE(t.shanks().size(), std::size_t(3));
        QVERIFY(std::abs(t.totalInsertionLength() - 1.52) < 1e-12);
        QVERIFY_NEAR3(t.contact(t.indexOf("t0c0")).position, Eigen::Vector3d(0, 0, -1.0), 1e-12);
        QVERIFY_NEAR3(t.contact(t.indexOf("t0c20")).position, Eigen::Vector3d(0, 0, 0.0), 1e-12);
        QVERIFY_NEAR3(t.contact(t.indexOf("t1c10")).position, Eigen::Vector3d(1, 1, 0.0), 1e-12);
        QVERIFY_NEAR3(t.contact(t.indexOf("t2c0")).position, Eigen::Vector3d(2, 2, -0.02), 1e-12);

        ElectrodeLayout::InsertionBudget budget;
        budget.maxThreads = 2;
        std::string e = errorOf([&] { ElectrodeLayout::threads("T", ins, o, budget); });
        QVERIFY2(contains(e, "3 threads exceed the insertion budget of 2"), e.c_str());
        budget.maxThreads = 3;
        budget.maxTotalLengthMm = 1.5;
        e = errorOf([&] { ElectrodeLayout::threads("T", ins, o, budget); });
        QVERIFY2(contains(e, "total insertion length 1.52 mm exceeds the budget of 1.5 mm"),
                 e.c_str());
        budget.maxTotalLengthMm = 1.52;
        QCOMPARE(ElectrodeLayout::threads("T", ins, o, budget).contactCount(), 33);
    }

    void csvRoundTrip() {
        const SurfaceMesh sheet = flatSheet(21, 21, 0.5f);
        const SurfaceAnchor anchor = SurfaceAnchor::atVertex(sheet, 10 * 21 + 10);
        std::vector<ElectrodeArray> arrays;
        arrays.push_back(ElectrodeLayout::laminar("probe", anchor, {4, 137.0, 1234.5}));
        ElectrodeLayout::UtahOptions u;
        u.rows = 3;
        u.columns = 2;
        u.rotationDeg = 17.0;
        arrays.push_back(ElectrodeLayout::utah("utah, left", anchor, u));
        arrays.push_back(ElectrodeLayout::point("tip", Eigen::Vector3d(0.1, -1.0 / 3.0, 2e-7)));

        const std::string csv = ElectrodeCsv::toCsv(arrays);
        QVERIFY(csv.rfind("name,contact,x_mm,y_mm,z_mm\n", 0) == 0);
        QVERIFY(contains(csv, "\n\"utah, left\",r0c0,"));
        QVERIFY(contains(csv, "\ntip,0,0.1,-0.3333333333333333,2e-07\n"));

        QTemporaryDir dir;
        const std::filesystem::path file = dir.filePath("contacts.csv").toStdString();
        ElectrodeCsv::write(file, arrays);
        const std::vector<ElectrodeArray> back = ElectrodeCsv::read(file);
        QCOMPARE(back.size(), arrays.size());
        for (std::size_t a = 0; a < arrays.size(); ++a) {
            QCOMPARE(back[a].name(), arrays[a].name());
            QCOMPARE(back[a].contactCount(), arrays[a].contactCount());
            for (int c = 0; c < arrays[a].contactCount(); ++c) {
                QCOMPARE(back[a].contact(c).label, arrays[a].contact(c).label);
                // Exact: the shortest round-trip decimal text.
                QVERIFY(back[a].contact(c).position == arrays[a].contact(c).position);
            }
        }
        QCOMPARE(back[2].type(), ElectrodeArray::Type::Point);
        QCOMPARE(back[0].type(), ElectrodeArray::Type::Custom);

        // Extra columns after z are ignored; "x,y,z" headers are accepted.
        const auto extra =
            ElectrodeCsv::fromCsv("Name,Contact,X,Y,Z,note\nA,tip,1,2,3,deep\n", "x.csv");
        QCOMPARE(extra.size(), std::size_t(1));
        QVERIFY(extra[0].contact(0).position == Eigen::Vector3d(1, 2, 3));

        // Import errors name file:line.
        std::string e = errorOf([] {
            ElectrodeCsv::fromCsv("name,contact,x,y,z\nA,0,1,2,3\nA,1,1,oops,3\n", "in.csv");
        });
        QVERIFY2(contains(e, "in.csv:3: invalid y coordinate 'oops'"), e.c_str());
        e = errorOf([] { ElectrodeCsv::fromCsv("A,0,1,2,3\n", "in.csv"); });
        QVERIFY2(contains(e, "in.csv:1: expected the header"), e.c_str());
        e = errorOf([] {
            ElectrodeCsv::fromCsv(
                "# exported\nname,contact,x_mm,y_mm,z_mm\nA,0,1,2,3\n\nA,0,4,5,6\n", "in.csv");
        });
        QVERIFY2(contains(e, "in.csv:5: electrode 'A' lists contact '0' twice"), e.c_str());
        e = errorOf([] { ElectrodeCsv::fromCsv("name,contact,x,y,z\nA,0,1,2\n", "in.csv"); });
        QVERIFY2(contains(e, "in.csv:2: expected 5 fields"), e.c_str());
        e = errorOf([] { ElectrodeCsv::fromCsv("name,contact,x,y,z\nA,0,1,2,inf\n", "in.csv"); });
        QVERIFY2(contains(e, "in.csv:2: invalid z coordinate 'inf'"), e.c_str());
        e = errorOf([&] { ElectrodeCsv::read(dir.filePath("missing.csv").toStdString()); });
        QVERIFY2(contains(e, "missing.csv: cannot open file"), e.c_str());
    }

    void elcStandard1020() {
        if (!std::filesystem::exists(kMontages))
            QSKIP("MNE's montage files are not installed (apt-get install python3-mne)");
        const EegMontage m = readMontage("standard_1020.elc");
        // 97 positions: 94 channels and the fiducials LPA, RPA, Nz.
        QCOMPARE(m.channelCount(), 94);
        QCOMPARE(m.names().front(), std::string("Fp1"));
        QCOMPARE(m.names().back(), std::string("A2"));
        QVERIFY_NEAR3(m.position(0), Eigen::Vector3d(-29.4367, 83.9171, -6.99), 1e-9);
        QVERIFY_NEAR3(m.position(m.indexOf("Cz")), Eigen::Vector3d(0.4009, -9.167, 100.244), 1e-9);
        QVERIFY_NEAR3(m.position(m.indexOf("A2")), Eigen::Vector3d(85.7939, -25.0093, -68.031),
                      1e-9);
        QVERIFY(m.fiducials().nasion && m.fiducials().lpa && m.fiducials().rpa);
        // The file's own fiducials (lines 6-8: LPA, RPA, Nz).
        QVERIFY_NEAR3(*m.fiducials().lpa, Eigen::Vector3d(-86.0761, -19.9897, -47.9860), 1e-9);
        QVERIFY_NEAR3(*m.fiducials().rpa, Eigen::Vector3d(85.7939, -20.0093, -48.0310), 1e-9);
        QVERIFY_NEAR3(*m.fiducials().nasion, Eigen::Vector3d(0.0083, 86.8110, -39.9830), 1e-9);

        const std::pair<const char*, int> counts[] = {{"standard_1005.elc", 343},
                                                      {"standard_alphabetic.elc", 65},
                                                      {"standard_postfixed.elc", 100},
                                                      {"standard_prefixed.elc", 74},
                                                      {"standard_primed.elc", 100},
                                                      {"mgh60.elc", 60},
                                                      {"mgh70.elc", 70},
                                                      {"artinis-brite23.elc", 18},
                                                      {"artinis-octamon.elc", 10}};
        for (const auto& [file, n] : counts)
            QVERIFY2(readMontage(file).channelCount() == n, file);
        const EegMontage mgh = readMontage("mgh60.elc");
        QCOMPARE(mgh.names().back(), std::string("EEG060"));
        QVERIFY_NEAR3(mgh.position(59), Eigen::Vector3d(0.0045, -118.565, -23.078), 1e-9);
    }

    void sfpCsdAndThetaPhi() {
        if (!std::filesystem::exists(kMontages))
            QSKIP("MNE's montage files are not installed (apt-get install python3-mne)");
        // .sfp: unitless, scaled to a median radius of 95 mm (values from MNE 1.3's
        // make_standard_montage).
        const EegMontage hc = readMontage("GSN-HydroCel-129.sfp");
        QCOMPARE(hc.channelCount(), 129);
        QVERIFY(std::abs(hc.medianRadius() - 95.0) < 1e-9);
        QVERIFY_NEAR3(hc.position(0), Eigen::Vector3d(62.663428, 59.774611, -27.906358), 2e-5);
        QVERIFY_NEAR3(hc.position(hc.indexOf("Cz")), Eigen::Vector3d(0, 0, 96.351862), 2e-5);
        QVERIFY_NEAR3(*hc.fiducials().nasion, Eigen::Vector3d(0, 98.21842, -25.54916), 2e-5);
        QVERIFY_NEAR3(*hc.fiducials().lpa, Eigen::Vector3d(-72.66855, 0.437444, -35.20521), 2e-5);
        const std::pair<const char*, int> sfp[] = {
            {"GSN-HydroCel-128.sfp", 128},   {"GSN-HydroCel-256.sfp", 256},
            {"GSN-HydroCel-257.sfp", 257},   {"GSN-HydroCel-32.sfp", 33},
            {"GSN-HydroCel-64_1.0.sfp", 64}, {"GSN-HydroCel-65_1.0.sfp", 65}};
        for (const auto& [file, n] : sfp)
            QVERIFY2(readMontage(file).channelCount() == n, file);
        QVERIFY_NEAR3(readMontage("GSN-HydroCel-32.sfp").position(0),
                      Eigen::Vector3d(-29.116606, 95.976576, 11.756241), 2e-5);

        // .csd (EGI sphere table).
        const EegMontage egi = readMontage("EGI_256.csd");
        QCOMPARE(egi.channelCount(), 256);
        QVERIFY_NEAR3(egi.position(0), Eigen::Vector3d(72.931461, 56.37297, -22.980487), 2e-5);
        QVERIFY_NEAR3(egi.position(255), Eigen::Vector3d(-57.028469, -1.196999, -75.971462), 2e-5);

        // .txt theta/phi on a 95 mm sphere: Fp1 at theta -92, phi -72.
        const EegMontage bs = readMontage("biosemi64.txt");
        QCOMPARE(bs.channelCount(), 64);
        const double t = -92.0 * M_PI / 180.0;
        const double p = -72.0 * M_PI / 180.0;
        QVERIFY_NEAR3(bs.position(0),
                      Eigen::Vector3d(95 * std::sin(t) * std::cos(p),
                                      95 * std::sin(t) * std::sin(p), 95 * std::cos(t)),
                      1e-12);
        QVERIFY_NEAR3(bs.position(0), Eigen::Vector3d(-29.338731, 90.29533, -3.315452), 1e-5);
        QVERIFY_NEAR3(*bs.fiducials().nasion, Eigen::Vector3d(0, 86.09924, -40.148735), 1e-5);
        for (int i = 0; i < bs.channelCount(); ++i)
            QVERIFY(std::abs(bs.position(i).norm() - 95.0) < 1e-9);
        // Fractional angles are kept: biosemi128 A2 at theta 11.5, phi -90.
        const EegMontage b128 = readMontage("biosemi128.txt");
        QCOMPARE(b128.channelCount(), 128);
        const double a = 11.5 * M_PI / 180.0;
        QVERIFY_NEAR3(b128.position(b128.indexOf("A2")),
                      Eigen::Vector3d(0.0, -95 * std::sin(a), 95 * std::cos(a)), 1e-12);
        const std::pair<const char*, int> txt[] = {{"biosemi16.txt", 16},
                                                   {"biosemi32.txt", 32},
                                                   {"biosemi160.txt", 160},
                                                   {"biosemi256.txt", 256},
                                                   {"easycap-M1.txt", 74},
                                                   {"easycap-M10.txt", 61},
                                                   {"brainproducts-RNP-BA-128.txt", 130}};
        for (const auto& [file, n] : txt)
            QVERIFY2(readMontage(file).channelCount() == n, file);
        QVERIFY_NEAR3(readMontage("easycap-M1.txt").position(73),
                      Eigen::Vector3d(0, -86.09924, -40.148735), 1e-5);

        // As an electrode array (and so exportable to CSV).
        const ElectrodeArray eeg = bs.toElectrodeArray("cap");
        QCOMPARE(eeg.type(), ElectrodeArray::Type::Eeg);
        QCOMPARE(eeg.contactCount(), 64);
        QCOMPARE(eeg.contact(0).label, std::string("Fp1"));
    }

    void matchesMneForEveryShippedFile() {
        if (!std::filesystem::exists(kMontages))
            QSKIP("MNE's montage files are not installed (apt-get install python3-mne)");
        QProcess python;
        python.start(PLEXUS_PYTHON, {"-c", R"PY(
import json, os, warnings
warnings.simplefilter("ignore")
import mne
d = os.path.join(os.path.dirname(mne.__file__), "channels", "data", "montages")
out = {}
for f in sorted(os.listdir(d)):
    m = mne.channels.make_standard_montage(f.rsplit(".", 1)[0])
    pos = m.get_positions()["ch_pos"]
    out[f] = {"names": list(pos), "pos": [[float(v) * 1000 for v in p] for p in pos.values()]}
print(json.dumps(out))
)PY"});
        if (!python.waitForFinished(120000) || python.exitCode() != 0)
            QSKIP("MNE-Python is not importable by " PLEXUS_PYTHON);
        const auto all = nlohmann::json::parse(python.readAllStandardOutput().toStdString());
        QVERIFY(all.size() >= 20);
        for (const auto& [file, ref] : all.items()) {
            const EegMontage m = readMontage(file.c_str());
            // Both turn the Nz/LPA/RPA (FidNz/FidT9/FidT10) rows into fiducials.
            QVERIFY2(m.channelCount() == static_cast<int>(ref["names"].size()), file.c_str());
            // MNE 1.3 truncates fractional theta/phi to whole degrees: skip those files'
            // coordinates (their counts and names are still compared).
            const bool fractional =
                file == "biosemi128.txt" || file == "biosemi160.txt" || file == "biosemi256.txt";
            double worst = 0.0;
            for (int i = 0; i < m.channelCount(); ++i) {
                QVERIFY2(m.names()[static_cast<std::size_t>(i)] ==
                             ref["names"][static_cast<std::size_t>(i)].get<std::string>(),
                         file.c_str());
                const auto& p = ref["pos"][static_cast<std::size_t>(i)];
                const Eigen::Vector3d mne(p[0].get<double>(), p[1].get<double>(),
                                          p[2].get<double>());
                worst = std::max(worst, (m.position(i) - mne).cwiseAbs().maxCoeff());
            }
            if (!fractional)
                QVERIFY2(
                    worst < 1e-4,
                    qPrintable(QString("%1: max difference %2 mm").arg(file.c_str()).arg(worst)));
        }
    }

    void montageErrorsNameFileAndLine() {
        QTemporaryDir dir;
        const auto path = [&](const char* name) {
            return std::filesystem::path(dir.filePath(name).toStdString());
        };
        writeFile(path("count.elc"), "# ASA\nUnitPosition\tmm\nNumberPositions=\t3\nPositions\n"
                                     "1 2 3\n4 5 6\nLabels\nA\nB\n");
        std::string e = errorOf([&] { MontageReader::read(path("count.elc")); });
        QVERIFY2(contains(e, "count.elc:3: NumberPositions says 3 but 2 positions follow"),
                 e.c_str());

        writeFile(path("unit.elc"), "UnitPosition\tinch\nPositions\n1 2 3\nLabels\nA\n");
        e = errorOf([&] { MontageReader::read(path("unit.elc")); });
        QVERIFY2(contains(e, "unit.elc:1: unknown unit 'inch'"), e.c_str());

        writeFile(path("metres.elc"), "UnitPosition m\nPositions\n0.01 0.02 0.5\nLabels\nCz\n");
        QVERIFY_NEAR3(MontageReader::read(path("metres.elc")).position(0),
                      Eigen::Vector3d(10, 20, 500), 1e-12);

        writeFile(path("inline.elc"), "UnitPosition mm\nPositions\nFp1 : 1 2 3\nNz: 0 90 0\n");
        const EegMontage inl = MontageReader::read(path("inline.elc"));
        QCOMPARE(inl.channelCount(), 1);
        QVERIFY(inl.fiducials().nasion.has_value());

        writeFile(path("bad.elc"), "UnitPosition mm\nPositions\n1 2 3\n1 2\nLabels\nA\nB\n");
        e = errorOf([&] { MontageReader::read(path("bad.elc")); });
        QVERIFY2(contains(e, "bad.elc:4: expected three coordinates"), e.c_str());

        writeFile(path("fields.sfp"), "E1 1 2 3\nE2 1 2\n");
        e = errorOf([&] { MontageReader::read(path("fields.sfp")); });
        QVERIFY2(contains(e, "fields.sfp:2: expected 'label x y z', found 3 fields"), e.c_str());

        writeFile(path("dup.sfp"), "E1 1 2 3\n\nE1 4 5 6\n");
        e = errorOf([&] { MontageReader::read(path("dup.sfp")); });
        QVERIFY2(contains(e, "dup.sfp:3: label 'E1' already given on line 1"), e.c_str());

        writeFile(path("angle.txt"), "Site Theta Phi\nFp1 -92 -72\nFp2 92x 72\n");
        e = errorOf([&] { MontageReader::read(path("angle.txt")); });
        QVERIFY2(contains(e, "angle.txt:3: invalid theta '92x'"), e.c_str());

        writeFile(path("header.txt"), "Fp1 -92 -72\n");
        e = errorOf([&] { MontageReader::read(path("header.txt")); });
        QVERIFY2(contains(e, "header.txt:1: expected the header"), e.c_str());

        e = errorOf([&] { MontageReader::read(path("montage.xyz")); });
        QVERIFY2(contains(e, "unknown EEG montage format"), e.c_str());
        e = errorOf([&] { MontageReader::read(path("absent.elc")); });
        QVERIFY2(contains(e, "absent.elc: cannot open file"), e.c_str());
    }
};

QTEST_APPLESS_MAIN(TestElectrodes)
#include "TestElectrodes.moc"
