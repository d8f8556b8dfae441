// plexus-cli surface info and montage info: counts and bounds of surfaces written by nibabel and
// of the montage files MNE-Python ships, checked against what those libraries read; files that
// cannot be read are refused in one line naming them.

#include "TestProcess.h"

#include <QtTest>
#include <nlohmann/json.hpp>

namespace {

using Result = plexus::tests::ProcessResult;

Result run(const QString& program, const QStringList& args) {
    return plexus::tests::runProcess(program, args);
}

Result runCli(const QStringList& args) {
    return run(QStringLiteral(PLEXUS_CLI), args);
}

/// Debian's Python running @p script with @p args; its standard output.
Result runPython(const QString& script, const QStringList& args = {}) {
    return run(QStringLiteral(PLEXUS_PYTHON), QStringList{"-c", script} + args);
}

bool pythonHas(const QString& modules) {
    return runPython("import " + modules).exitCode == 0;
}

const QString kMontages = QStringLiteral(PLEXUS_MNE_MONTAGES);

} // namespace

class TestCliGeometry : public QObject {
    Q_OBJECT

private slots:
    void surfacesWrittenByNibabel() {
        if (!pythonHas("nibabel, numpy"))
            QSKIP("/usr/bin/python3 with nibabel is not available (apt-get install "
                  "python3-nibabel)");
        QTemporaryDir dir;
        const Result written = runPython(R"(
import sys, numpy as np, nibabel as nib, nibabel.freesurfer as fsio
out = sys.argv[1]
v = np.array([[0, 0, 0], [10, 0, 0], [0, 20, 0], [0, 0, 30], [-5, -6.5, -7]], dtype=np.float32)
f = np.array([[0, 1, 2], [0, 1, 3], [0, 2, 3], [1, 2, 3], [4, 0, 1], [4, 1, 2]], dtype=np.int32)
fsio.write_geometry(out + '/lh.test', v, f)
img = nib.gifti.GiftiImage(darrays=[
    nib.gifti.GiftiDataArray(v, intent='NIFTI_INTENT_POINTSET', datatype='NIFTI_TYPE_FLOAT32'),
    nib.gifti.GiftiDataArray(f, intent='NIFTI_INTENT_TRIANGLE', datatype='NIFTI_TYPE_INT32')])
nib.save(img, out + '/test.surf.gii')
)",
                                         {dir.path()});
        QVERIFY2(written.exitCode == 0, qPrintable(written.err));
        const std::pair<QString, std::string> files[] = {{"lh.test", "FreeSurfer"},
                                                         {"test.surf.gii", "GIfTI"}};
        for (const auto& [name, format] : files) {
            const Result r = runCli({"surface", "info", dir.filePath(name)});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            const auto info = nlohmann::json::parse(r.out.toStdString());
            QVERIFY2(info["format"].get<std::string>().find(format) != std::string::npos,
                     info.dump().c_str());
            QCOMPARE(info["vertices"], 5);
            QCOMPARE(info["triangles"], 6);
            QCOMPARE(info["bounds"]["min"], (nlohmann::json{-5.0, -6.5, -7.0}));
            QCOMPARE(info["bounds"]["max"], (nlohmann::json{10.0, 20.0, 30.0}));
            QCOMPARE(info["bounds"]["unit"], "mm");
        }
    }

    void vtkSurfacesWrittenByVtk() {
        if (!pythonHas("vtk"))
            QSKIP("/usr/bin/python3 with vtk is not available (apt-get install python3-vtk9)");
        QTemporaryDir dir;
        // VTK writes the files and reports what its own readers read from them.
        const Result written = runPython(R"(
import sys, json, vtk
out = sys.argv[1]
pts = vtk.vtkPoints()
for p in [(0, 0, 0), (10, 0, 0), (0, 20, 0), (0, 0, 30), (-5, -6.5, -7)]:
    pts.InsertNextPoint(p)
polys = vtk.vtkCellArray()
for f in [(0, 1, 2), (0, 1, 3), (0, 2, 3, 1), (4, 0, 1)]:
    polys.InsertNextCell(len(f), f)
pd = vtk.vtkPolyData(); pd.SetPoints(pts); pd.SetPolys(polys)
w = vtk.vtkPolyDataWriter(); w.SetInputData(pd)
w.SetFileName(out + '/ascii.vtk'); w.SetFileTypeToASCII(); w.Write()
w.SetFileName(out + '/binary.vtk'); w.SetFileTypeToBinary(); w.Write()
x = vtk.vtkXMLPolyDataWriter(); x.SetInputData(pd); x.SetCompressorTypeToNone()
x.SetFileName(out + '/ascii.vtp'); x.SetDataModeToAscii(); x.Write()
x.SetFileName(out + '/binary.vtp'); x.SetDataModeToBinary(); x.Write()
x.SetFileName(out + '/zlib.vtp'); x.SetCompressorTypeToZLib(); x.Write()
info = {}
for name in ['ascii.vtk', 'binary.vtk', 'ascii.vtp', 'binary.vtp']:
    r = vtk.vtkXMLPolyDataReader() if name.endswith('.vtp') else vtk.vtkPolyDataReader()
    r.SetFileName(out + '/' + name); r.Update()
    t = vtk.vtkTriangleFilter(); t.SetInputData(r.GetOutput()); t.Update()
    b = t.GetOutput().GetBounds()
    info[name] = {'vertices': t.GetOutput().GetNumberOfPoints(),
                  'triangles': t.GetOutput().GetNumberOfPolys(),
                  'min': [b[0], b[2], b[4]], 'max': [b[1], b[3], b[5]]}
print(json.dumps(info))
)",
                                         {dir.path()});
        QVERIFY2(written.exitCode == 0, qPrintable(written.err));
        const auto vtkInfo = nlohmann::json::parse(written.out.toStdString());
        for (const auto& [name, expected] : vtkInfo.items()) {
            const Result r =
                runCli({"surface", "info", dir.filePath(QString::fromStdString(name))});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            const auto info = nlohmann::json::parse(r.out.toStdString());
            QCOMPARE(info["vertices"], expected["vertices"]);
            QCOMPARE(info["triangles"], expected["triangles"]);
            QCOMPARE(info["triangles"], 5);
            QCOMPARE(info["bounds"]["min"], expected["min"]);
            QCOMPARE(info["bounds"]["max"], expected["max"]);
        }
        const QString zlib = dir.filePath("zlib.vtp");
        const Result r = runCli({"surface", "info", zlib});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err.trimmed().split('\n').size(), 1);
        QVERIFY2(r.err.startsWith("plexus-cli: error: " + zlib + ": compressed VTK XML"),
                 qPrintable(r.err));
    }

    void objSurface() {
        QTemporaryDir dir;
        QFile obj(dir.filePath("quad.obj"));
        QVERIFY(obj.open(QIODevice::WriteOnly));
        obj.write("v 1 2 3\nv 4 2 3\nv 4 8 3\nv 1 8 -3\nf 1 2 3\nf 1 3 4\n");
        obj.close();
        const Result r = runCli({"surface", "info", obj.fileName()});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto info = nlohmann::json::parse(r.out.toStdString());
        QCOMPARE(info["vertices"], 4);
        QCOMPARE(info["triangles"], 2);
        QCOMPARE(info["bounds"]["min"], (nlohmann::json{1.0, 2.0, -3.0}));
        QCOMPARE(info["bounds"]["max"], (nlohmann::json{4.0, 8.0, 3.0}));
    }

    void montagesShippedWithMne_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("channels");
        QTest::newRow("elc") << "standard_1020.elc" << 94;
        QTest::newRow("sfp") << "GSN-HydroCel-129.sfp" << 129;
        QTest::newRow("txt") << "biosemi64.txt" << 64;
        QTest::newRow("csd") << "EGI_256.csd" << 256;
    }

    void montagesShippedWithMne() {
        QFETCH(QString, file);
        QFETCH(int, channels);
        if (!QFileInfo::exists(kMontages))
            QSKIP("MNE's montage files are not installed (apt-get install python3-mne)");
        const QString path = kMontages + "/" + file;
        const Result r = runCli({"montage", "info", path});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto info = nlohmann::json::parse(r.out.toStdString());
        QCOMPARE(info["channels"].get<int>(), channels);
        QCOMPARE(info["labels"].size(), std::size_t(channels));
        QCOMPARE(info["bounds"]["unit"], "mm");
        if (file != "standard_1020.elc")
            return;
        // The .elc file is in mm: its bounds are MNE's channel positions read without rescaling.
        if (!pythonHas("mne"))
            QSKIP("MNE-Python is not importable by " PLEXUS_PYTHON);
        const Result mne = runPython(R"(
import sys, json, numpy as np, mne
m = mne.channels.read_custom_montage(sys.argv[1], head_size=None)
p = np.array(list(m.get_positions()['ch_pos'].values())) * 1000.0
print(json.dumps({'n': len(p), 'min': p.min(axis=0).tolist(), 'max': p.max(axis=0).tolist()}))
)",
                                     {path});
        QVERIFY2(mne.exitCode == 0, qPrintable(mne.err));
        const auto expected = nlohmann::json::parse(mne.out.toStdString());
        QCOMPARE(expected["n"].get<int>(), channels);
        for (int k = 0; k < 3; ++k) {
            QVERIFY(std::abs(info["bounds"]["min"][k].get<double>() -
                             expected["min"][k].get<double>()) < 1e-6);
            QVERIFY(std::abs(info["bounds"]["max"][k].get<double>() -
                             expected["max"][k].get<double>()) < 1e-6);
        }
    }

    void unreadableFilesAreRefusedInOneLine() {
        QTemporaryDir dir;
        QFile broken(dir.filePath("broken.gii"));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("<?xml version=\"1.0\"?><GIFTI><DataArray");
        broken.close();
        QFile vtk(dir.filePath("mesh.vtk"));
        QVERIFY(vtk.open(QIODevice::WriteOnly));
        vtk.write("# vtk DataFile Version 3.0\nmesh\nASCII\nDATASET POLYDATA\n");
        vtk.close();
        QFile notMontage(dir.filePath("montage.xyz"));
        QVERIFY(notMontage.open(QIODevice::WriteOnly));
        notMontage.write("Fz 0 1 2\n");
        notMontage.close();
        const std::pair<QStringList, QString> cases[] = {
            {{"surface", "info", dir.filePath("missing.gii")},
             dir.filePath("missing.gii") + ": no such file"},
            {{"surface", "info", broken.fileName()}, broken.fileName()},
            {{"surface", "info", vtk.fileName()}, vtk.fileName() + ": the file has no points"},
            {{"montage", "info", notMontage.fileName()},
             notMontage.fileName() +
                 ": not a montage file this Plexus reads (.elc, .sfp, .txt, .csd)"},
            {{"montage", "info"}, "montage: expected `montage info FILE`"},
        };
        for (const auto& [args, expected] : cases) {
            const Result r = runCli(args);
            QCOMPARE(r.exitCode, 1);
            QVERIFY(r.out.isEmpty());
            const QStringList lines = r.err.trimmed().split('\n');
            QCOMPARE(lines.size(), 1);
            QVERIFY2(lines[0].startsWith("plexus-cli: error: " + expected), qPrintable(r.err));
        }
    }
};

QTEST_GUILESS_MAIN(TestCliGeometry)
#include "TestCliGeometry.moc"
