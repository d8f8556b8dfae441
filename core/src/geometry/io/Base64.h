#pragma once

// Private helper of the surface readers: Base64 as XML surface formats (GIfTI, VTK XML) store
// binary arrays.

#include <string>
#include <string_view>

namespace plexus::geometry::detail {

/// The bytes of Base64 @p text (white space skipped, decoding stops at the first '=');
/// throws core::Error starting with @p where on a character outside the alphabet.
std::string base64Decode(std::string_view text, const std::string& where);

/// @p bytes as Base64 with '=' padding.
std::string base64Encode(std::string_view bytes);

} // namespace plexus::geometry::detail
