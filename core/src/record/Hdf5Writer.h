#pragma once

#include "Hdf5Handle.h"
#include "plexus/core/base/Error.h"

#include <algorithm>
#include <hdf5.h>
#include <string>
#include <vector>

namespace plexus::core {

/// Writes groups, datasets and attributes of an HDF5 file; every failure throws an Error naming
/// the file and the object (the shared part of RunArchive and SweepArchive).
class Hdf5Writer {
public:
    explicit Hdf5Writer(std::string fileName)
        : m_fileName(std::move(fileName)) {}

    [[noreturn]] void fail(const std::string& object) const {
        throw Error(m_fileName + ": cannot write " + object);
    }

    Hdf5Handle group(hid_t parent, const std::string& name, const std::string& path) const {
        Hdf5Handle gcpl(H5Pcreate(H5P_GROUP_CREATE), H5Pclose);
        H5Pset_link_creation_order(gcpl.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED);
        Hdf5Handle g(H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, gcpl.get(), H5P_DEFAULT),
                     H5Gclose);
        if (!g.valid())
            fail("group " + path);
        return g;
    }

    void stringAttribute(hid_t object, const std::string& name, const std::string& value,
                         const std::string& path) const {
        const Hdf5Handle type = Hdf5Handle::stringType();
        const Hdf5Handle space(H5Screate(H5S_SCALAR), H5Sclose);
        const Hdf5Handle a(
            H5Acreate2(object, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT),
            H5Aclose);
        const char* text = value.c_str();
        if (!a.valid() || H5Awrite(a.get(), type.get(), &text) < 0)
            fail("attribute " + path + "@" + name);
    }

    void stringListAttribute(hid_t object, const std::string& name,
                             const std::vector<std::string>& values,
                             const std::string& path) const {
        const Hdf5Handle type = Hdf5Handle::stringType();
        const hsize_t n = values.size();
        const Hdf5Handle space(H5Screate_simple(1, &n, nullptr), H5Sclose);
        const Hdf5Handle a(
            H5Acreate2(object, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT),
            H5Aclose);
        std::vector<const char*> texts;
        for (const auto& v : values)
            texts.push_back(v.c_str());
        if (!a.valid() || (n > 0 && H5Awrite(a.get(), type.get(), texts.data()) < 0))
            fail("attribute " + path + "@" + name);
    }

    template <typename T>
    void numberAttribute(hid_t object, const std::string& name, T value, hid_t fileType,
                         hid_t memType, const std::string& path) const {
        const Hdf5Handle space(H5Screate(H5S_SCALAR), H5Sclose);
        const Hdf5Handle a(
            H5Acreate2(object, name.c_str(), fileType, space.get(), H5P_DEFAULT, H5P_DEFAULT),
            H5Aclose);
        if (!a.valid() || H5Awrite(a.get(), memType, &value) < 0)
            fail("attribute " + path + "@" + name);
    }

    void stringDataset(hid_t parent, const std::string& name, const std::string& value,
                       const std::string& path) const {
        const Hdf5Handle type = Hdf5Handle::stringType();
        const Hdf5Handle space(H5Screate(H5S_SCALAR), H5Sclose);
        const Hdf5Handle d(H5Dcreate2(parent, name.c_str(), type.get(), space.get(), H5P_DEFAULT,
                                      H5P_DEFAULT, H5P_DEFAULT),
                           H5Dclose);
        const char* text = value.c_str();
        if (!d.valid() || H5Dwrite(d.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, &text) < 0)
            fail("dataset " + path);
    }

    /// A 1-D dataset of variable-length UTF-8 strings.
    void stringListDataset(hid_t parent, const std::string& name,
                           const std::vector<std::string>& values, const std::string& path) const {
        const Hdf5Handle type = Hdf5Handle::stringType();
        const hsize_t n = values.size();
        const Hdf5Handle space(H5Screate_simple(1, &n, nullptr), H5Sclose);
        const Hdf5Handle d(H5Dcreate2(parent, name.c_str(), type.get(), space.get(), H5P_DEFAULT,
                                      H5P_DEFAULT, H5P_DEFAULT),
                           H5Dclose);
        std::vector<const char*> texts;
        for (const auto& v : values)
            texts.push_back(v.c_str());
        if (!d.valid() || (n > 0 && H5Dwrite(d.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT,
                                             texts.data()) < 0))
            fail("dataset " + path);
    }

    /// The /trials table: one row per protocol trial.
    /// A 1-D (cols == 0) or 2-D dataset; large ones are chunked and compressed (gzip).
    Hdf5Handle dataset(hid_t parent, const std::string& name, hid_t fileType, hid_t memType,
                       const void* data, hsize_t rows, hsize_t cols,
                       const std::string& path) const {
        const int rank = cols == 0 ? 1 : 2;
        const hsize_t dims[2] = {rows, cols};
        const Hdf5Handle space(H5Screate_simple(rank, dims, nullptr), H5Sclose);
        Hdf5Handle dcpl(H5Pcreate(H5P_DATASET_CREATE), H5Pclose);
        const hsize_t count = rank == 1 ? rows : rows * cols;
        if (count >= (hsize_t{1} << 14) && H5Zfilter_avail(H5Z_FILTER_DEFLATE) > 0) {
            constexpr hsize_t target = hsize_t{1} << 16;
            hsize_t chunk[2] = {std::min(rows, target), 0};
            if (rank == 2) {
                chunk[1] = std::min(cols, target);
                chunk[0] = std::min(rows, std::max<hsize_t>(1, target / chunk[1]));
            }
            H5Pset_chunk(dcpl.get(), rank, chunk);
            H5Pset_shuffle(dcpl.get());
            H5Pset_deflate(dcpl.get(), 4);
        }
        Hdf5Handle d(H5Dcreate2(parent, name.c_str(), fileType, space.get(), H5P_DEFAULT,
                                dcpl.get(), H5P_DEFAULT),
                     H5Dclose);
        if (!d.valid() ||
            (count > 0 && H5Dwrite(d.get(), memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) < 0))
            fail("dataset " + path);
        return d;
    }

protected:
    std::string m_fileName;
};

} // namespace plexus::core
