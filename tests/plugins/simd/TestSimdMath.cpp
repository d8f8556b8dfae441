// The vectorised exp / expm1 used by the model kernels, against double-precision libm.

#include "plugins/PluginTestSupport.h"
#include "simd/SimdMath.h"
#include "simd/SimdSupport.h"

#include <QtTest>

using namespace plexus;

namespace {

struct Worst {
    double expm1 = 0.0;
    double exp = 0.0;
};

/// expm1 and exp of eight arguments.
__attribute__((target("avx2,fma"))) void evaluate8(const float* in, float* outM1, float* outE) {
    const __m256 x = _mm256_loadu_ps(in);
    _mm256_storeu_ps(outM1, plugins::simd::expm1Avx2(x));
    _mm256_storeu_ps(outE, plugins::simd::expAvx2(x));
}

Worst measure(const std::vector<float>& xs) {
    Worst w;
    float in[8], outM1[8], outE[8];
    for (std::size_t k = 0; k < xs.size(); k += 8) {
        for (std::size_t j = 0; j < 8; ++j)
            in[j] = xs[std::min(k + j, xs.size() - 1)];
        evaluate8(in, outM1, outE);
        for (std::size_t j = 0; j < 8; ++j) {
            const double x64 = in[j];
            const double m1 = std::expm1(x64);
            if (m1 != 0.0)
                w.expm1 = std::max(w.expm1, std::fabs(outM1[j] - m1) / std::fabs(m1));
            w.exp = std::max(w.exp, std::fabs(outE[j] - std::exp(x64)) / std::exp(x64));
        }
    }
    return w;
}

} // namespace

class TestSimdMath : public QObject {
    Q_OBJECT

private slots:
    /// About one float ulp over the whole clamped range and for tiny arguments.
    void relativeErrorIsAboutOneUlp() {
        if (!plugins::hasAvx2Fma())
            QSKIP("no AVX2/FMA on this CPU");
        std::vector<float> xs;
        for (double x = -87.0; x <= 88.0; x += 3.7e-4)
            xs.push_back(static_cast<float>(x));
        for (double e = -30.0; e <= 0.0; e += 0.01) {
            xs.push_back(static_cast<float>(std::pow(10.0, e)));
            xs.push_back(static_cast<float>(-std::pow(10.0, e)));
        }
        const Worst w = measure(xs);
        QVERIFY2(w.expm1 < 2.5e-7, qPrintable(QString("expm1 rel. error %1").arg(w.expm1)));
        QVERIFY2(w.exp < 2.5e-7, qPrintable(QString("exp rel. error %1").arg(w.exp)));
    }

    /// Out-of-range and non-finite arguments give finite, correctly limited results.
    void extremeArgumentsStayFinite() {
        if (!plugins::hasAvx2Fma())
            QSKIP("no AVX2/FMA on this CPU");
        const std::vector<float> xs = {-1e30f,
                                       -1000.0f,
                                       -88.5f,
                                       89.0f,
                                       1000.0f,
                                       1e30f,
                                       -std::numeric_limits<float>::infinity(),
                                       std::numeric_limits<float>::infinity()};
        float outM1[8], outE[8];
        evaluate8(xs.data(), outM1, outE);
        for (int j = 0; j < 8; ++j) {
            QVERIFY(std::isfinite(outM1[j]) && std::isfinite(outE[j]));
            QVERIFY(outM1[j] >= -1.0f && outE[j] >= 0.0f);
        }
        QVERIFY(std::fabs(outM1[0] + 1.0f) < 1e-6f);
        QVERIFY(outE[7] > 1e38f);
    }
};

QTEST_GUILESS_MAIN(TestSimdMath)
#include "TestSimdMath.moc"
