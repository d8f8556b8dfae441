// LFP proxy at electrode contacts (point sources in a homogeneous medium) against the
// analytic potential I / (4 pi sigma r), its symmetry, linearity and r_min clamp; multi-unit
// spike pick-up within a radius.

#include "geometry/ElectrodeFixtures.h"
#include "plexus/core/base/RandomStream.h"
#include "plexus/core/connectivity/NeuronPositions.h"
#include "plexus/geometry/probes/LfpProxy.h"

#include <QtTest>
#include <cmath>
#include <numbers>

using namespace plexus;
using namespace plexus::geometry;
using plexus::tests::contains;
using plexus::tests::errorOf;

namespace {

LfpProxy::Options streaming() {
    LfpProxy::Options o;
    o.maxStoredWeights = 0; // recompute the weights per call
    return o;
}

bool close(double a, double b, double relative) {
    return std::abs(a - b) <= relative * std::max(std::abs(a), std::abs(b));
}

} // namespace

class TestLfp : public QObject {
    Q_OBJECT

private slots:
    void singleSourceGivesTheAnalyticPotential() {
        // 1 nA at 1 mm in 0.3 S/m: 1e-9 / (4 pi 0.3 1e-3) V = 0.26525823848649 uV.
        Eigen::MatrixX3d contact(1, 3);
        contact << 0, 0, 0;
        Eigen::MatrixX3d neuron(1, 3);
        neuron << 0, 0, 1;
        for (const auto& options : {LfpProxy::Options{}, streaming()}) {
            const LfpProxy lfp(contact, neuron, options);
            QCOMPARE(lfp.storesWeights(), options.maxStoredWeights > 0);
            const Eigen::VectorXd v = lfp.potentials(Eigen::VectorXd::Ones(1));
            QVERIFY2(close(v[0], 0.26525823848649227, 1e-7),
                     qPrintable(QString::number(v[0], 'g', 17)));
        }
        // 2 nA at 0.5 mm (3-4-5 triangle) in 0.33 S/m, float currents.
        neuron << 0.3, 0.4, 0;
        LfpProxy::Options o;
        o.conductivitySPerM = 0.33;
        const LfpProxy lfp(contact, neuron, o);
        const Eigen::VectorXf current = Eigen::VectorXf::Constant(1, 2.0f);
        const double expected = 2.0 / (4.0 * std::numbers::pi * 0.33 * 0.5);
        QVERIFY(close(lfp.potentials(current)[0], expected, 1e-7));
        QVERIFY(close(lfp.weight(0, 0), expected / 2.0, 1e-15));
        // A sink gives the opposite potential.
        QVERIFY(close(lfp.potentials(Eigen::VectorXd::Constant(1, -2.0))[0], -expected, 1e-7));
    }

    void inverseDistanceSymmetryAndSuperposition() {
        // Contacts at distance 0.2, 0.4 and (mirrored) 0.2 from a source at the origin.
        Eigen::MatrixX3d contacts(3, 3);
        contacts << 0.2, 0, 0, 0.4, 0, 0, -0.2, 0, 0;
        Eigen::MatrixX3d neurons(2, 3);
        neurons << 0, 0, 0, 0, 0.5, 0;
        for (const auto& options : {LfpProxy::Options{}, streaming()}) {
            const LfpProxy lfp(contacts, neurons, options);
            Eigen::VectorXd first(2), second(2);
            first << 1.5, 0.0;
            second << 0.0, -0.7;
            const Eigen::VectorXd a = lfp.potentials(first);
            QVERIFY(close(a[0], 2.0 * a[1], 1e-7)); // 1/r: half the distance, twice the potential
            QVERIFY(close(a[0], a[2], 1e-7));       // mirror symmetry
            // The second source sits on the symmetry plane x = 0: contacts 0 and 2 agree.
            const Eigen::VectorXd b = lfp.potentials(second);
            QVERIFY(close(b[0], b[2], 1e-7));
            QVERIFY(close(b[0], -0.7 / (4 * std::numbers::pi * 0.3 * std::hypot(0.2, 0.5)), 1e-7));
            // Superposition.
            const Eigen::VectorXd both = lfp.potentials(Eigen::VectorXd(first + second));
            QVERIFY((both - a - b).cwiseAbs().maxCoeff() < 1e-6 * both.cwiseAbs().maxCoeff());
        }
    }

    void minimumDistanceClamp() {
        Eigen::MatrixX3d contact(1, 3);
        contact << 1, 1, 1;
        Eigen::MatrixX3d neurons(3, 3);
        neurons << 1, 1, 1, // on the contact: r = 0
            1.005, 1, 1,    // 5 um: inside the 10 um clamp
            1.02, 1, 1;     // 20 um: outside
        for (const auto& options : {LfpProxy::Options{}, streaming()}) {
            const LfpProxy lfp(contact, neurons, options);
            const double k = 1.0 / (4.0 * std::numbers::pi * 0.3);
            QVERIFY(close(lfp.potentials(Eigen::Vector3d(1, 0, 0))[0], k / 0.01, 1e-7));
            QVERIFY(close(lfp.potentials(Eigen::Vector3d(0, 1, 0))[0], k / 0.01, 1e-7));
            QVERIFY(close(lfp.potentials(Eigen::Vector3d(0, 0, 1))[0], k / 0.02, 1e-6));
            QVERIFY(std::isfinite(lfp.potentials(Eigen::Vector3d(1, 1, 1))[0]));
        }
        LfpProxy::Options wide;
        wide.minDistanceMm = 0.05;
        const LfpProxy clamped(contact, neurons, wide);
        QVERIFY(close(clamped.potentials(Eigen::Vector3d(0, 0, 1))[0],
                      1.0 / (4.0 * std::numbers::pi * 0.3 * 0.05), 1e-7));
    }

    void storedAndStreamedWeightsAgree() {
        // 10000 neurons in a 1 mm cube, 7 contacts, random currents: both code paths and a
        // double-precision reference sum agree.
        core::RandomStream rng(3);
        Eigen::MatrixX3d neurons(10000, 3);
        for (Eigen::Index i = 0; i < neurons.size(); ++i)
            neurons.data()[i] = rng.uniform(-0.5, 0.5);
        Eigen::MatrixX3d contacts(7, 3);
        for (Eigen::Index i = 0; i < contacts.size(); ++i)
            contacts.data()[i] = rng.uniform(-0.6, 0.6);
        Eigen::VectorXd currents(10000);
        for (Eigen::Index i = 0; i < currents.size(); ++i)
            currents[i] = rng.uniform(-1.0, 1.0) + 0.1;
        const LfpProxy stored(contacts, neurons);
        const LfpProxy streamed(contacts, neurons, streaming());
        QVERIFY(stored.storesWeights());
        QVERIFY(!streamed.storesWeights());
        const Eigen::VectorXd a = stored.potentials(currents);
        const Eigen::VectorXd b = streamed.potentials(currents);
        for (Eigen::Index c = 0; c < 7; ++c) {
            double reference = 0.0;
            for (Eigen::Index i = 0; i < 10000; ++i)
                reference +=
                    currents[i] / std::max((neurons.row(i) - contacts.row(c)).norm(), 0.01);
            reference /= 4.0 * std::numbers::pi * 0.3;
            QVERIFY2(std::abs(b[c] - reference) < 1e-9 * std::abs(reference) + 1e-9,
                     qPrintable(QString("%1 vs %2").arg(b[c]).arg(reference)));
            // Float weights: relative error of a few 1e-6 of the summed magnitude.
            QVERIFY2(std::abs(a[c] - reference) < 1e-4 * std::abs(reference) + 1e-3,
                     qPrintable(QString("%1 vs %2").arg(a[c]).arg(reference)));
        }
    }

    void multiUnitPickUp() {
        // An 11 x 11 grid over 1 mm: cells of 1000/11 um, the middle neuron (index 60) at the
        // origin, its four edge neighbours 90.9 um away and the diagonal ones 128.6 um away.
        core::SpatialSpec grid = core::SpatialSpec::withShape("grid");
        const core::NeuronPositions positions = core::NeuronPositions::generate(grid, 121, 1);
        const Eigen::Vector3d origin(10, 20, 30);
        const Eigen::MatrixX3d neurons = LfpProxy::positionsMm(positions, origin);
        QVERIFY((neurons.row(60).transpose() - origin).norm() < 1e-12);
        QVERIFY(std::abs((neurons.row(61) - neurons.row(60)).norm() - 1.0 / 11.0) < 1e-12);
        Eigen::MatrixX3d contacts(2, 3);
        contacts.row(0) = origin.transpose();
        contacts.row(1) = (origin + Eigen::Vector3d(5, 0, 0)).transpose(); // nobody near
        const LfpProxy lfp(contacts, neurons);                             // 100 um radius
        QCOMPARE(lfp.neuronsNear(0), (std::vector<std::int32_t>{49, 59, 60, 61, 71}));
        QVERIFY(lfp.neuronsNear(1).empty());
        QCOMPARE(lfp.multiUnitCounts({60, 60, 61, 0, 120}), Eigen::VectorXi(Eigen::Vector2i(3, 0)));
        LfpProxy::Options wider;
        wider.multiUnitRadiusMm = 0.13; // adds the four diagonal neighbours
        QCOMPARE(LfpProxy(contacts, neurons, wider).neuronsNear(0).size(), std::size_t(9));

        QVERIFY(contains(errorOf([&] { lfp.multiUnitCounts({121}); }), "spike from neuron 121"));
        QVERIFY(contains(errorOf([&] { lfp.potentials(Eigen::VectorXd::Zero(3)); }),
                         "3 currents for 121 neurons"));
        LfpProxy::Options bad;
        bad.conductivitySPerM = 0.0;
        QVERIFY(contains(errorOf([&] { LfpProxy(contacts, neurons, bad); }),
                         "conductivity must be positive"));
    }
};

QTEST_APPLESS_MAIN(TestLfp)
#include "TestLfp.moc"
