// Sweep archives (HDF5): exact write/read round trips (NaN metrics included), replacement of
// an existing archive, and one-line refusals of files that are not sweep archives.

#include "ErrorOf.h"
#include "plexus/core/record/RunArchive.h"
#include "plexus/core/record/SweepArchive.h"

#include <QtTest>
#include <cmath>
#include <hdf5.h>
#include <limits>

using plexus::core::SweepArchive;
using plexus::tests::errorOf;

namespace {

SweepArchive sample() {
    SweepArchive a;
    a.definition = R"({"axes":[],"repeats":2})";
    a.project = R"({"name":"p"})";
    a.hash = SweepArchive::hashOf(a.definition, a.project);
    a.parameters = {"populations.E.params.tau_m", "/projections/0/weight"};
    a.metrics = {"rate:E", "chi:all"};
    for (int i = 0; i < 4; ++i) {
        SweepArchive::Point p;
        p.index = i;
        p.repeat = i % 2;
        p.seed = 9007199254740000ULL + static_cast<std::uint64_t>(i);
        p.values = {10.0 + i, 0.25 * i};
        p.status = i == 2 ? "failed" : i == 3 ? "pending" : "ok";
        p.error = i == 2 ? "point 2: tau_m: -5 ms is outside the allowed range" : "";
        p.wallS = i == 3 ? std::numeric_limits<double>::quiet_NaN() : 0.5 + i;
        p.metrics = {i == 2 ? std::numeric_limits<double>::quiet_NaN() : 4.25 * i, 0.125};
        p.summary = i < 2 ? R"({"populations":[]})" : "";
        a.points.push_back(p);
    }
    return a;
}

/// Equal, with NaN equal to NaN.
bool same(double a, double b) {
    return (std::isnan(a) && std::isnan(b)) || a == b;
}

} // namespace

class TestSweepArchive : public QObject {
    Q_OBJECT

private slots:
    void roundTripIsExact() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("sweep.h5").toStdString();
        const SweepArchive a = sample();
        a.write(path);
        const SweepArchive b = SweepArchive::read(path);
        QCOMPARE(b.definition, a.definition);
        QCOMPARE(b.project, a.project);
        QCOMPARE(b.hash, a.hash);
        QCOMPARE(b.parameters, a.parameters);
        QCOMPARE(b.metrics, a.metrics);
        QCOMPARE(b.points.size(), a.points.size());
        for (std::size_t i = 0; i < a.points.size(); ++i) {
            const auto& p = a.points[i];
            const auto& q = b.points[i];
            QCOMPARE(q.index, p.index);
            QCOMPARE(q.repeat, p.repeat);
            QCOMPARE(q.seed, p.seed);
            QCOMPARE(q.values, p.values);
            QCOMPARE(q.status, p.status);
            QCOMPARE(q.error, p.error);
            QCOMPARE(q.summary, p.summary);
            QVERIFY(same(q.wallS, p.wallS));
            for (std::size_t m = 0; m < p.metrics.size(); ++m)
                QVERIFY(same(q.metrics[m], p.metrics[m]));
        }
        // A pointer path becomes a column name without slashes.
        QCOMPARE(SweepArchive::columnName("/projections/0/weight"),
                 std::string("projections.0.weight"));
    }

    void aWriteReplacesTheArchiveAndLeavesNoTemporaryFile() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("sweep.h5").toStdString();
        SweepArchive a = sample();
        a.write(path);
        a.points[3].status = "ok";
        a.points[3].wallS = 2.0;
        a.write(path);
        QCOMPARE(SweepArchive::read(path).points[3].status, std::string("ok"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"sweep.h5"});
        // A row that does not match the columns is refused and the archive is kept.
        a.points[0].metrics.pop_back();
        QVERIFY(errorOf([&] { a.write(path); }).find("row 0 does not match") != std::string::npos);
        QCOMPARE(SweepArchive::read(path).points.size(), std::size_t(4));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"sweep.h5"});
    }

    void otherFilesAreRefusedNamingThem() {
        QTemporaryDir dir;
        const std::string missing = dir.filePath("missing.h5").toStdString();
        QCOMPARE(errorOf([&] { SweepArchive::read(missing); }), missing + ": file not found");
        const std::string text = dir.filePath("text.h5").toStdString();
        QFile f(QString::fromStdString(text));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not hdf5");
        f.close();
        QVERIFY(errorOf([&] { SweepArchive::read(text); }).rfind(text + ": not an HDF5 file", 0) ==
                0);
        // A run archive is HDF5 but not a sweep.
        const std::string run = dir.filePath("run.h5").toStdString();
        plexus::core::RunRecord record;
        record.name = "r";
        plexus::core::RunArchive::write(record, run);
        QVERIFY(errorOf([&] {
                    SweepArchive::read(run);
                }).rfind(run + ": not a Plexus sweep archive", 0) == 0);
    }

    void damagedColumnsAreRefusedNamingThem() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("sweep.h5").toStdString();
        sample().write(path);
        QVERIFY(sample().points.size() > 1);
        {
            // /points/repeat shorter than /points/index; /sweep@hash gone.
            const hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
            QVERIFY(f >= 0);
            QVERIFY(H5Ldelete(f, "points/repeat", H5P_DEFAULT) >= 0);
            const hsize_t one = 1;
            const hid_t space = H5Screate_simple(1, &one, nullptr);
            const hid_t d = H5Dcreate2(f, "points/repeat", H5T_STD_I64LE, space, H5P_DEFAULT,
                                       H5P_DEFAULT, H5P_DEFAULT);
            const std::int64_t zero = 0;
            QVERIFY(H5Dwrite(d, H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, &zero) >= 0);
            H5Dclose(d);
            H5Sclose(space);
            H5Fclose(f);
        }
        QCOMPARE(errorOf([&] { SweepArchive::read(path); }),
                 path + ": /points/repeat has 1 rows, /points/index " +
                     std::to_string(sample().points.size()));
        {
            const hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
            QVERIFY(H5Adelete_by_name(f, "sweep", "hash", H5P_DEFAULT) >= 0);
            H5Fclose(f);
        }
        QCOMPARE(errorOf([&] { SweepArchive::read(path); }),
                 path + ": missing attribute /sweep@hash");
    }
};

QTEST_GUILESS_MAIN(TestSweepArchive)
#include "TestSweepArchive.moc"
