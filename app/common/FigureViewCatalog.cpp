#include "FigureViewCatalog.h"

namespace plexus::app {

const std::vector<FigureViewCatalog::View>& FigureViewCatalog::views() {
    static const std::vector<View> all = {
        {"raster", "plots", false},        {"membrane", "plots", false},
        {"rate", "plots", false},          {"weights", "plots", false},
        {"contacts", "plots", false},      {"cortex", "3d", true},
        {"trajectory", "analysis", false}, {"trajectory3d", "analysis", true},
        {"rdm", "analysis", false},        {"mds", "analysis", false},
        {"comparison", "analysis", false}, {"avalanches", "analysis", false},
        {"spectrum", "analysis", false},   {"branching", "analysis", false},
        {"memory", "analysis", false},     {"confusion", "analysis", false},
        {"prediction", "analysis", false}};
    return all;
}

const FigureViewCatalog::View* FigureViewCatalog::find(const std::string& id) {
    for (const View& view : views())
        if (view.id == id)
            return &view;
    return nullptr;
}

std::string FigureViewCatalog::idList() {
    std::string list;
    for (const View& view : views())
        list += (list.empty() ? "" : ", ") + view.id;
    return list;
}

} // namespace plexus::app
