// Rate-coded pattern tables: core::PatternTable reads CSV and CSV.GZ files of rows (header,
// blank lines, bad cells and ragged rows reported with file and line), and the pattern_table
// source plays the rows in turn as Poisson rates (row order, gaps, label column, scaling) and
// refuses a table that does not fit.

#include "ErrorOf.h"
#include "plexus/core/model/PatternTable.h"
#include "plugins/PluginTestSupport.h"
#include "sources/PatternTableGroup.h"

#include <QTemporaryDir>
#include <QtTest>
#include <filesystem>
#include <fstream>

using namespace plexus;

namespace {

const char* kDigits = "/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz";

/// A project with one pattern_table stimulus "S" of `size` channels reading `file`.
core::ProjectSpec tableProject(std::int64_t size, const std::string& file,
                               std::map<std::string, double> params) {
    core::ProjectSpec p;
    core::StimulusSpec s;
    s.name = "S";
    s.model = "pattern_table";
    s.size = size;
    s.params = std::move(params);
    s.extra = {{"table_file", file}};
    p.stimuli.push_back(s);
    p.recorders.push_back(tests::recorder("spikes", "spikes", "S"));
    return p;
}

/// Spike count per channel in steps [fromStep, toStep).
std::vector<int> countsBetween(const tests::Run& run, std::size_t channels, std::int64_t fromStep,
                               std::int64_t toStep) {
    std::vector<int> out(channels, 0);
    const auto& rec = run.network->spikeRecorders[0];
    for (std::size_t k = 0; k < rec.steps.size(); ++k)
        if (rec.steps[k] >= fromStep && rec.steps[k] < toStep)
            ++out[static_cast<std::size_t>(rec.neurons[k])];
    return out;
}

} // namespace

class TestPatternTable : public QObject {
    Q_OBJECT

private slots:
    void readsCsvWithHeaderAndBlankLines() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string file = dir.path().toStdString() + "/t.csv";
        {
            std::ofstream out(file);
            out << "a,b,label\r\n1,2.5,0\n\n 3 , -4e1 ,1\n";
        }
        const auto table = core::PatternTable::read(file);
        QCOMPARE(table.rows(), std::size_t(2));
        QCOMPARE(table.columns(), std::size_t(3));
        QCOMPARE(table.at(0, 1), 2.5);
        QCOMPARE(table.at(1, 1), -40.0);
        QCOMPARE(table.at(1, 2), 1.0);
        QCOMPARE(table.maxValue(2), 3.0);
        QCOMPARE(table.maxValue(3), 3.0);
        QCOMPARE(table.maxValue(0), 2.5);
    }

    void readsGzipDigits() {
        if (!std::filesystem::exists(kDigits))
            QSKIP("scikit-learn's digits.csv.gz is not installed");
        const auto table = core::PatternTable::read(kDigits);
        // 1797 images of 8 x 8 pixels (0..16) and the class in column 64.
        QCOMPARE(table.rows(), std::size_t(1797));
        QCOMPARE(table.columns(), std::size_t(65));
        QCOMPARE(table.maxValue(64), 16.0);
        QCOMPARE(table.at(0, 2), 5.0);
        QCOMPARE(table.at(0, 64), 0.0);
        QCOMPARE(table.at(1, 64), 1.0);
        QCOMPARE(table.at(1796, 64), 8.0);
    }

    void reportsBadFiles() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string folder = dir.path().toStdString();
        {
            std::ofstream(folder + "/cell.csv") << "1,2\n3,x\n";
            std::ofstream(folder + "/ragged.csv") << "1,2\n3,4\n5\n";
            std::ofstream(folder + "/empty.csv") << "header\n\n";
        }
        QCOMPARE(tests::errorOf([&] { core::PatternTable::read(folder + "/cell.csv"); }),
                 folder + "/cell.csv:2: expected comma-separated numbers");
        QCOMPARE(tests::errorOf([&] { core::PatternTable::read(folder + "/ragged.csv"); }),
                 folder + "/ragged.csv:3: 1 columns, the first row has 2");
        QCOMPARE(tests::errorOf([&] { core::PatternTable::read(folder + "/empty.csv"); }),
                 folder + "/empty.csv: no rows of numbers");
        QCOMPARE(tests::errorOf([&] { core::PatternTable::read(folder + "/none.csv"); }),
                 folder + "/none.csv: cannot be opened");
    }

    /// Rows play in turn at max_rate_hz * value / value_max, silent in the gaps and on zero
    /// pixels; the label column is not a channel; rows repeat after the last one.
    void playsRowsAsRates() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string folder = dir.path().toStdString();
        {
            std::ofstream out(folder + "/rows.csv");
            // label column first: channels are the columns 1..3
            out << "7,4,0,0\n8,0,4,2\n9,0,0,4\n";
        }
        // 100 ms per row, 50 ms gap, 400 Hz at the table's maximum (4): 40 spikes per
        // presentation on a channel at value 4, 20 at value 2.
        auto project = tableProject(3, "rows.csv",
                                    {{"present_ms", 100.0},
                                     {"gap_ms", 50.0},
                                     {"max_rate_hz", 400.0},
                                     {"label_column", 0.0}});
        core::BuildOptions options;
        options.origin = folder + "/project.json";
        const int copies = 40; // the cycle of three rows, played 40 times
        const auto run = tests::runProject(project, 450.0 * copies, options);
        const std::int64_t period = 1500, present = 1000;
        std::vector<std::vector<double>> mean(3, std::vector<double>(3, 0.0));
        int gapSpikes = 0;
        for (int c = 0; c < copies; ++c)
            for (int row = 0; row < 3; ++row) {
                const std::int64_t start = (3 * c + row) * period;
                const auto counts = countsBetween(run, 3, start, start + present);
                for (int ch = 0; ch < 3; ++ch)
                    mean[row][ch] += counts[ch] / static_cast<double>(copies);
                for (int n : countsBetween(run, 3, start + present, start + period))
                    gapSpikes += n;
            }
        QCOMPARE(gapSpikes, 0);
        const double expected[3][3] = {{40, 0, 0}, {0, 40, 20}, {0, 0, 40}};
        for (int row = 0; row < 3; ++row)
            for (int ch = 0; ch < 3; ++ch) {
                // Poisson: SD of the mean over 40 presentations is about 1.
                QVERIFY2(std::fabs(mean[row][ch] - expected[row][ch]) < 4.0,
                         qPrintable(
                             QString("row %1 channel %2: %3").arg(row).arg(ch).arg(mean[row][ch])));
            }

        // The group's schedule: rows in turn, -1 in the gaps; sequential = 0 repeats first_row.
        auto params = core::ParameterSet::resolve(*tests::builtinRegistry().info("pattern_table"),
                                                  {{"present_ms", 100.0},
                                                   {"gap_ms", 50.0},
                                                   {"first_row", 1.0},
                                                   {"repeat", 0.0},
                                                   {"label_column", 0.0}},
                                                  "S");
        plugins::PatternTableGroup group(params, 3, 0.1, 1,
                                         core::PatternTable::read(folder + "/rows.csv"));
        QCOMPARE(group.rowAt(10.0), std::int64_t(1));
        QCOMPARE(group.rowAt(120.0), std::int64_t(-1));
        QCOMPARE(group.rowAt(160.0), std::int64_t(2));
        QCOMPARE(group.rowAt(310.0), std::int64_t(-1)); // past the last row, no repeat
        QCOMPARE(group.rateAt(0, 160.0), 0.0);
        QCOMPARE(group.rateAt(1, 10.0), 100.0); // value 4, the maximum
        QCOMPARE(group.rateAt(2, 10.0), 50.0);  // value 2 of the maximum 4: half of 100 Hz
        params = params.edited("sequential", 0.0, "S");
        plugins::PatternTableGroup fixed(params, 3, 0.1, 1,
                                         core::PatternTable::read(folder + "/rows.csv"));
        QCOMPARE(fixed.rowAt(310.0), std::int64_t(1));

        // one_hot_column: channel i at max_rate_hz while the row's class (column 0) is i.
        auto oneHot = core::ParameterSet::resolve(*tests::builtinRegistry().info("pattern_table"),
                                                  {{"present_ms", 100.0},
                                                   {"gap_ms", 50.0},
                                                   {"max_rate_hz", 200.0},
                                                   {"one_hot_column", 0.0}},
                                                  "S");
        plugins::PatternTableGroup teacher(oneHot, 10, 0.1, 1,
                                           core::PatternTable::read(folder + "/rows.csv"));
        QCOMPARE(teacher.size(), std::size_t(10));
        for (std::size_t ch = 0; ch < 10; ++ch) {
            QCOMPARE(teacher.rateAt(ch, 10.0), ch == 7 ? 200.0 : 0.0);  // row 0, class 7
            QCOMPARE(teacher.rateAt(ch, 160.0), ch == 8 ? 200.0 : 0.0); // row 1, class 8
            QCOMPARE(teacher.rateAt(ch, 120.0), 0.0);                   // gap
        }
        // one_hot_width 2: channels 2c and 2c + 1 play for class c.
        plugins::PatternTableGroup wide(oneHot.edited("one_hot_width", 2.0, "S"), 20, 0.1, 1,
                                        core::PatternTable::read(folder + "/rows.csv"));
        for (std::size_t ch = 0; ch < 20; ++ch)
            QCOMPARE(wide.rateAt(ch, 310.0), ch == 18 || ch == 19 ? 200.0 : 0.0); // class 9
    }

    void refusesTablesThatDoNotFit() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string folder = dir.path().toStdString();
        std::ofstream(folder + "/rows.csv") << "1,0,0\n0,1,1\n";
        core::BuildOptions options;
        options.origin = folder + "/project.json";
        auto errorFor = [&](std::int64_t size, std::map<std::string, double> params,
                            nlohmann::json extra = nullptr) {
            auto project = tableProject(size, "rows.csv", std::move(params));
            if (!extra.is_null())
                project.stimuli[0].extra = extra;
            return tests::errorOf([&] { tests::runProject(project, 1.0, options); });
        };
        auto contains = [](const std::string& text, const std::string& part) {
            return text.find(part) != std::string::npos;
        };
        std::string e = errorFor(3, {{"label_column", 0.0}});
        QVERIFY2(contains(e, "stimuli[0]") &&
                     contains(e, "3 channels, but the table has only 2 value columns"),
                 e.c_str());
        e = errorFor(2, {{"first_row", 2.0}});
        QVERIFY2(contains(e, "params.first_row: 2 is past the table's last row (1)"), e.c_str());
        e = errorFor(2, {{"first_row", 1.0}, {"rows", 2.0}});
        QVERIFY2(contains(e, "params.rows: rows 1 to 2 pass the table's end (2 rows)"), e.c_str());
        e = errorFor(2, {{"label_column", 3.0}});
        QVERIFY2(contains(e, "params.label_column: 3 is not a column of the table"), e.c_str());
        e = errorFor(2, {{"one_hot_column", 3.0}});
        QVERIFY2(contains(e, "params.one_hot_column: 3 is not a column of the table"), e.c_str());
        e = errorFor(2, {}, {{"table_file", 3}});
        QVERIFY2(contains(e, "table_file: must be a file name"), e.c_str());
        // Without a table the channels stay at the baseline (a node just dropped on the canvas).
        QCOMPARE(errorFor(2, {}, nlohmann::json::object()), std::string());
        e = errorFor(2, {}, {{"table_file", "nothere.csv"}});
        QVERIFY2(contains(e, "nothere.csv: cannot be opened"), e.c_str());
        QCOMPARE(errorFor(2, {{"label_column", 0.0}}), std::string());
    }
};

QTEST_APPLESS_MAIN(TestPatternTable)
#include "TestPatternTable.moc"
