// OnlineReadoutScore on hand-made spikes with known answers: the group with most spikes in a
// trial's window answers, a tie (a silent readout included) is no answer and counts as wrong,
// the confusion matrix and chance level; one population split into groups; bad input.

#include "ErrorOf.h"
#include "plexus/analysis/OnlineReadoutScore.h"

#include <QtTest>

using namespace plexus;
using analysis::OnlineReadoutScore;
using analysis::SpikeTimes;

namespace {

SpikeTimes spikes(const std::string& name, std::size_t size, std::vector<double> times,
                  std::vector<std::int32_t> neurons) {
    return SpikeTimes{name, size, std::move(times), std::move(neurons)};
}

} // namespace

class TestOnlineReadoutScore : public QObject {
    Q_OBJECT

private slots:
    void mostSpikesAnswerAndTiesAreWrong() {
        // Trials of 100 ms: [0,100) A, [100,200) B, [200,300) A, [300,400) B, [400,500) A.
        // Group A fires 3 / 0 / 1 / 2 / 1 spikes, group B 1 / 2 / 1 / 0 / 0 (a spike at exactly
        // 100 ms belongs to the second trial, windows are [start, end)).
        const SpikeTimes a =
            spikes("a", 2, {10, 20, 99.9, 210, 310, 320, 450}, {0, 1, 0, 0, 1, 0, 1});
        const SpikeTimes b = spikes("b", 1, {50, 100, 150, 250}, {0, 0, 0, 0});
        std::vector<OnlineReadoutScore::Trial> trials;
        const int labels[] = {0, 1, 0, 1, 0};
        for (int t = 0; t < 5; ++t)
            trials.push_back({100.0 * t, 100.0 * (t + 1), labels[t]});
        trials.push_back({600, 700, 1}); // both silent: no answer
        const auto r = OnlineReadoutScore::score({a, b}, trials);
        // Answers: A (right), B (right), tie (wrong), A (wrong), A (right), tie (wrong).
        QCOMPARE(r.answers, (std::vector<int>{0, 1, -1, 0, 0, -1}));
        QCOMPARE(r.counts[0], (std::vector<std::size_t>{3, 1}));
        QCOMPARE(r.counts[1], (std::vector<std::size_t>{0, 2}));
        QCOMPARE(r.counts[3], (std::vector<std::size_t>{2, 0}));
        QCOMPARE(r.trials, std::size_t(6));
        QCOMPARE(r.accuracy, 3.0 / 6.0);
        QCOMPARE(r.chance, 0.5);
        Eigen::MatrixXi confusion(2, 2);
        confusion << 2, 0, 1, 1;
        QCOMPARE(r.confusion, confusion);
        QCOMPARE(r.noAnswer, Eigen::Vector2i(1, 1));
    }

    void threeClassesAndChance() {
        // Class 2 is most frequent (3 of 5 trials): chance 0.6; every answer right.
        const SpikeTimes g0 = spikes("g0", 1, {5}, {0});
        const SpikeTimes g1 = spikes("g1", 1, {15, 16}, {0, 0});
        const SpikeTimes g2 = spikes("g2", 1, {25, 35, 45}, {0, 0, 0});
        const auto r = OnlineReadoutScore::score(
            {g0, g1, g2}, {{0, 10, 0}, {10, 20, 1}, {20, 30, 2}, {30, 40, 2}, {40, 50, 2}});
        QCOMPARE(r.accuracy, 1.0);
        QCOMPARE(r.chance, 0.6);
        QCOMPARE(r.confusion.trace(), 5);
        QCOMPARE(r.noAnswer.sum(), 0);
    }

    void onePopulationSplitsIntoGroups() {
        // 7 neurons, 2 classes: group 0 = neurons 0..2, group 1 = neurons 3..6.
        const SpikeTimes pop = spikes("readout", 7, {1, 2, 3, 4, 5}, {0, 2, 3, 6, 4});
        const auto groups = OnlineReadoutScore::splitGroups(pop, 2);
        QCOMPARE(groups.size(), std::size_t(2));
        QCOMPARE(groups[0].size, std::size_t(3));
        QCOMPARE(groups[1].size, std::size_t(4));
        QCOMPARE(groups[0].timesMs, (std::vector<double>{1, 2}));
        QCOMPARE(groups[0].neurons, (std::vector<std::int32_t>{0, 2}));
        QCOMPARE(groups[1].timesMs, (std::vector<double>{3, 4, 5}));
        QCOMPARE(groups[1].neurons, (std::vector<std::int32_t>{0, 3, 1}));
        // 3 classes of 7: sizes 2, 2, 3 (group k holds [7k/3, 7(k+1)/3)).
        const auto three = OnlineReadoutScore::splitGroups(pop, 3);
        QCOMPARE(three[0].size + three[1].size + three[2].size, std::size_t(7));
        QCOMPARE(three[2].size, std::size_t(3));
        QCOMPARE(three[0].timesMs.size() + three[1].timesMs.size() + three[2].timesMs.size(),
                 std::size_t(5));
    }

    void badInput() {
        const SpikeTimes a = spikes("a", 1, {}, {});
        using tests::errorOf;
        QVERIFY(errorOf([&] {
                    OnlineReadoutScore::score({a}, {{0, 1, 0}});
                }).find("at least 2 classes") != std::string::npos);
        QVERIFY(errorOf([&] {
                    OnlineReadoutScore::score({a, a}, {});
                }).find("no trials") != std::string::npos);
        QVERIFY(errorOf([&] {
                    OnlineReadoutScore::score({a, a}, {{0, 1, 2}});
                }).find("outside [0, 2)") != std::string::npos);
        QVERIFY(errorOf([&] {
                    OnlineReadoutScore::score({a, a}, {{5, 5, 0}});
                }).find("empty or non-finite window") != std::string::npos);
        QVERIFY(errorOf([&] {
                    OnlineReadoutScore::splitGroups(a, 2);
                }).find("fewer than the 2 classes") != std::string::npos);
    }
};

QTEST_APPLESS_MAIN(TestOnlineReadoutScore)
#include "TestOnlineReadoutScore.moc"
