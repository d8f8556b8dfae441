#pragma once

#include "plexus/geometry/surface/SurfaceMesh.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace plexus::geometry {

/**
 * @brief GIfTI surfaces (.surf.gii) and per-vertex data (.shape.gii, .func.gii).
 *
 * Reads every DataArray encoded as ASCII, Base64Binary, GZipBase64Binary (zlib or gzip
 * streams) or ExternalFileBinary, with data types (u)int8/16/32/64 and float32/64, either byte
 * order and row- or column-major order. Coordinate transforms are not applied (the point set is
 * taken as stored, like nibabel does). Errors name the file, the array and what is wrong.
 */
class GiftiSurface {
public:
    /// How write() encodes the arrays.
    enum class Encoding { Ascii, Base64Binary, GZipBase64Binary };

    /// One decoded DataArray.
    struct DataArray {
        std::string intent;             ///< e.g. "NIFTI_INTENT_POINTSET"
        std::string dataType;           ///< e.g. "NIFTI_TYPE_FLOAT32"
        std::string name;               ///< metadata "Name", or empty
        std::vector<std::int64_t> dims; ///< Dim0, Dim1, ...
        std::vector<double> values;     ///< row-major (C order), converted to double
    };

    /// Every DataArray of @p path. Throws core::Error on damaged files.
    static std::vector<DataArray> readArrays(const std::filesystem::path& path);

    /**
     * @brief Reads a surface: the NIFTI_INTENT_POINTSET and NIFTI_INTENT_TRIANGLE arrays;
     * every other array with one value per vertex becomes a scalar (named after its "Name"
     * metadata, else "array<i>"). Computes normals.
     */
    static SurfaceMesh read(const std::filesystem::path& path);

    /// Per-vertex data arrays (one value per row) of a shape/func file, named as in read().
    static std::vector<SurfaceMesh::Scalar> readScalars(const std::filesystem::path& path);

    /// Writes @p mesh (points, triangles and every scalar as NIFTI_INTENT_SHAPE).
    static void write(const SurfaceMesh& mesh, const std::filesystem::path& path,
                      Encoding encoding = Encoding::GZipBase64Binary);
};

} // namespace plexus::geometry
