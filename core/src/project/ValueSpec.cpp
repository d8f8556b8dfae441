#include "plexus/core/project/ValueSpec.h"

#include <sstream>

namespace plexus::core {

std::string ValueSpec::toString() const {
    std::ostringstream out;
    switch (kind) {
    case Kind::Constant:
        out << a;
        break;
    case Kind::Uniform:
        out << "U(" << a << ", " << b << ")";
        break;
    case Kind::Normal:
        out << "N(" << a << ", " << b << ")";
        break;
    }
    return out.str();
}

} // namespace plexus::core
