// The built-in models built as a shared library load through the plugin loader and simulate
// exactly like the statically linked ones.

#include "PluginLoader.h"
#include "plexus/core/build/NetworkBuilder.h"
#include "plexus/core/engine/Simulator.h"
#include "plexus/core/plugin/ModelRegistry.h"
#include "plexus/core/project/StandardNetworks.h"
#include "plexus/plugins/BuiltinModels.h"

#include <QtTest>

using namespace plexus;

namespace {
std::vector<std::int32_t> spikes(const core::ModelRegistry& registry) {
    auto project = core::StandardNetworks::coba(1000);
    core::StandardNetworks::addStdp(project);
    auto net = core::NetworkBuilder::build(project, registry);
    core::Simulator sim(*net);
    sim.run(2000);
    return net->spikeRecorders[0].neurons;
}
} // namespace

class TestBuiltinModule : public QObject {
    Q_OBJECT

private slots:
    void sameModelsAsSharedLibrary() {
        core::ModelRegistry linked;
        plugins::registerBuiltinModels(linked);
        core::ModelRegistry loaded;
        const auto result = app::PluginLoader::loadFile(PLEXUS_BUILTIN_MODULE, loaded);
        QVERIFY2(result.ok(), result.error.c_str());
        QCOMPARE(result.name, std::string("plexus-builtin"));
        QCOMPARE(loaded.all().size(), linked.all().size());
        for (const auto* info : linked.all()) {
            QVERIFY2(loaded.info(info->name), info->name.c_str());
            QCOMPARE(loaded.origin(info->name).empty(), false);
        }
        const auto fromModule = spikes(loaded);
        QVERIFY(fromModule.size() > 1000);
        QCOMPARE(fromModule, spikes(linked));
    }
};

QTEST_APPLESS_MAIN(TestBuiltinModule)
#include "TestBuiltinModule.moc"
