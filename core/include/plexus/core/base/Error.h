#pragma once

#include <stdexcept>
#include <string>

namespace plexus::core {

/// Error raised for invalid user input (project files, parameters, command-line values).
/// The message always names the place (file, JSON path, parameter) that is wrong.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace plexus::core
