#pragma once

#include "Hdf5Handle.h"
#include "plexus/core/base/Error.h"
#include "plexus/core/base/FileReadGuard.h"

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <hdf5.h>
#include <optional>
#include <string>
#include <vector>

namespace plexus::core {

/// Reads groups, datasets and attributes of an HDF5 file; every failure throws an Error naming
/// the file and the object. Every size the file declares is checked against the file's size
/// before room is made (the shared part of RunArchive and SweepArchive).
class Hdf5Reader {
public:
    explicit Hdf5Reader(const std::filesystem::path& path)
        : m_fileName(path.string())
        , m_fileSize(FileReadGuard::fileSize(path)) {}

    [[noreturn]] void fail(const std::string& message) const {
        throw Error(m_fileName + ": " + message);
    }

    static bool exists(hid_t parent, const std::string& name) {
        return H5Lexists(parent, name.c_str(), H5P_DEFAULT) > 0;
    }

    /// Kind of the object `name` in `parent` (H5I_GROUP, H5I_DATASET, or H5I_BADID).
    static H5I_type_t kind(hid_t parent, const std::string& name) {
        if (!exists(parent, name))
            return H5I_BADID;
        const Hdf5Handle o(H5Oopen(parent, name.c_str(), H5P_DEFAULT), H5Oclose);
        return o.valid() ? H5Iget_type(o.get()) : H5I_BADID;
    }

    Hdf5Handle group(hid_t parent, const std::string& name, const std::string& path) const {
        if (kind(parent, name) != H5I_GROUP)
            fail("missing group " + path);
        Hdf5Handle g(H5Gopen2(parent, name.c_str(), H5P_DEFAULT), H5Gclose);
        if (!g.valid())
            fail("cannot open group " + path + " (corrupt file?)");
        return g;
    }

    /// Names of the links in a group, in creation order when it is tracked, else by name.
    std::vector<std::string> children(hid_t g, const std::string& path) const {
        H5G_info_t info{};
        if (H5Gget_info(g, &info) < 0)
            fail("cannot list group " + path + " (corrupt file?)");
        requireFits("group " + path, info.nlinks, 1);
        for (const auto index : {H5_INDEX_CRT_ORDER, H5_INDEX_NAME}) {
            std::vector<std::string> names;
            for (hsize_t i = 0; i < info.nlinks; ++i) {
                const ssize_t n =
                    H5Lget_name_by_idx(g, ".", index, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
                if (n < 0)
                    break;
                requireFits("a link name in group " + path, static_cast<std::uint64_t>(n), 1);
                std::string name(static_cast<std::size_t>(n), '\0');
                H5Lget_name_by_idx(g, ".", index, H5_ITER_INC, i, name.data(),
                                   static_cast<std::size_t>(n) + 1, H5P_DEFAULT);
                names.push_back(name);
            }
            if (names.size() == info.nlinks)
                return names;
        }
        fail("cannot list group " + path + " (corrupt file?)");
    }

    /// Reads a whole dataset into `buffer` as `memType`.
    static herr_t readAll(hid_t dataset, hid_t memType, void* buffer) {
        return H5Dread(dataset, memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer);
    }

    /// One string of file type `type` (variable or fixed length), read by
    /// `read(memoryType, buffer)`; `what` names it, `failure` is the error when the read fails.
    template <typename Read>
    std::string readString(hid_t type, const std::string& what, const std::string& failure,
                           Read read) const {
        if (H5Tis_variable_str(type) > 0) {
            const Hdf5Handle mem = Hdf5Handle::stringType();
            char* text = nullptr;
            if (read(mem.get(), static_cast<void*>(&text)) < 0)
                fail(failure);
            std::string out = text ? text : "";
            H5free_memory(text);
            return out;
        }
        const std::size_t size = H5Tget_size(type);
        requireFits(what, size, 1);
        std::string out(size, '\0');
        const Hdf5Handle mem(H5Tcopy(H5T_C_S1), H5Tclose);
        H5Tset_size(mem.get(), size);
        if (read(mem.get(), static_cast<void*>(out.data())) < 0)
            fail(failure);
        out.resize(std::strlen(out.c_str()));
        return out;
    }

    /// `n` variable-length strings, read by `read(memoryType, buffer)`.
    template <typename Read>
    std::vector<std::string> readStrings(hssize_t n, const std::string& what,
                                         const std::string& failure, Read read) const {
        std::vector<std::string> out;
        if (n <= 0)
            return out;
        requireFits(what, static_cast<std::uint64_t>(n), 1);
        std::vector<char*> texts(static_cast<std::size_t>(n), nullptr);
        const Hdf5Handle mem = Hdf5Handle::stringType();
        if (read(mem.get(), static_cast<void*>(texts.data())) < 0)
            fail(failure);
        for (char* t : texts) {
            out.emplace_back(t ? t : "");
            H5free_memory(t);
        }
        return out;
    }

    std::optional<std::string> stringAttribute(hid_t object, const std::string& name,
                                               const std::string& path) const {
        if (H5Aexists(object, name.c_str()) <= 0)
            return std::nullopt;
        const Hdf5Handle a(H5Aopen(object, name.c_str(), H5P_DEFAULT), H5Aclose);
        const Hdf5Handle type(H5Aget_type(a.get()), H5Tclose);
        if (!a.valid() || !type.valid() || H5Tget_class(type.get()) != H5T_STRING)
            fail("attribute " + path + "@" + name + " is not a string");
        const std::string what = "attribute " + path + "@" + name;
        return readString(type.get(), what, "cannot read " + what,
                          [&](hid_t mem, void* buffer) { return H5Aread(a.get(), mem, buffer); });
    }

    std::vector<std::string> stringListAttribute(hid_t object, const std::string& name,
                                                 const std::string& path) const {
        if (H5Aexists(object, name.c_str()) <= 0)
            return {};
        const Hdf5Handle a(H5Aopen(object, name.c_str(), H5P_DEFAULT), H5Aclose);
        const Hdf5Handle type(H5Aget_type(a.get()), H5Tclose);
        const Hdf5Handle space(H5Aget_space(a.get()), H5Sclose);
        if (!a.valid() || !type.valid() || H5Tget_class(type.get()) != H5T_STRING ||
            H5Tis_variable_str(type.get()) <= 0)
            fail("attribute " + path + "@" + name + " is not a list of strings");
        const std::string what = "attribute " + path + "@" + name;
        return readStrings(H5Sget_simple_extent_npoints(space.get()), what, "cannot read " + what,
                           [&](hid_t mem, void* buffer) { return H5Aread(a.get(), mem, buffer); });
    }

    template <typename T>
    std::optional<T> numberAttribute(hid_t object, const std::string& name, hid_t memType,
                                     const std::string& path) const {
        if (H5Aexists(object, name.c_str()) <= 0)
            return std::nullopt;
        const Hdf5Handle a(H5Aopen(object, name.c_str(), H5P_DEFAULT), H5Aclose);
        const Hdf5Handle space(H5Aget_space(a.get()), H5Sclose);
        const Hdf5Handle type(H5Aget_type(a.get()), H5Tclose);
        T value{};
        const auto cls = H5Tget_class(type.get());
        if (!a.valid() || H5Sget_simple_extent_npoints(space.get()) != 1 ||
            (cls != H5T_INTEGER && cls != H5T_FLOAT) || H5Aread(a.get(), memType, &value) < 0)
            fail("attribute " + path + "@" + name + " is not a number");
        return value;
    }

    std::string stringDataset(hid_t parent, const std::string& name,
                              const std::string& path) const {
        if (kind(parent, name) != H5I_DATASET)
            fail("missing dataset " + path);
        const Hdf5Handle d(H5Dopen2(parent, name.c_str(), H5P_DEFAULT), H5Dclose);
        const Hdf5Handle type(H5Dget_type(d.get()), H5Tclose);
        const Hdf5Handle space(H5Dget_space(d.get()), H5Sclose);
        if (!d.valid() || !type.valid() || H5Tget_class(type.get()) != H5T_STRING ||
            H5Sget_simple_extent_npoints(space.get()) != 1)
            fail("dataset " + path + " is not a string");
        return readString(type.get(), "dataset " + path,
                          "cannot read dataset " + path + " (corrupt file?)",
                          [&](hid_t mem, void* buffer) { return readAll(d.get(), mem, buffer); });
    }

    /// A 1-D dataset of variable-length strings.
    std::vector<std::string> stringListDataset(hid_t parent, const std::string& name,
                                               const std::string& path) const {
        if (kind(parent, name) != H5I_DATASET)
            fail("missing dataset " + path);
        const Hdf5Handle d(H5Dopen2(parent, name.c_str(), H5P_DEFAULT), H5Dclose);
        const Hdf5Handle type(H5Dget_type(d.get()), H5Tclose);
        const Hdf5Handle space(H5Dget_space(d.get()), H5Sclose);
        if (!d.valid() || !type.valid() || H5Tget_class(type.get()) != H5T_STRING ||
            H5Tis_variable_str(type.get()) <= 0 || H5Sget_simple_extent_ndims(space.get()) != 1)
            fail("dataset " + path + " is not a list of strings");
        return readStrings(H5Sget_simple_extent_npoints(space.get()), "dataset " + path,
                           "cannot read dataset " + path + " (corrupt file?)",
                           [&](hid_t mem, void* buffer) { return readAll(d.get(), mem, buffer); });
    }

    /// A numeric dataset of rank 1 (cols = 1) or 2, converted to T.
    template <typename T>
    std::vector<T> numbers(hid_t parent, const std::string& name, hid_t memType,
                           const std::string& path, std::size_t* rows = nullptr,
                           std::size_t* cols = nullptr, bool* single = nullptr,
                           bool* oneDimensional = nullptr) const {
        if (kind(parent, name) != H5I_DATASET)
            fail("missing dataset " + path);
        const Hdf5Handle d(H5Dopen2(parent, name.c_str(), H5P_DEFAULT), H5Dclose);
        const Hdf5Handle type(H5Dget_type(d.get()), H5Tclose);
        const Hdf5Handle space(H5Dget_space(d.get()), H5Sclose);
        if (!d.valid() || !type.valid() || !space.valid())
            fail("cannot open dataset " + path + " (corrupt file?)");
        const auto cls = H5Tget_class(type.get());
        if (cls != H5T_INTEGER && cls != H5T_FLOAT)
            fail("dataset " + path + " is not numeric");
        const int rank = H5Sget_simple_extent_ndims(space.get());
        hsize_t dims[2] = {0, 1};
        if (rank < 0 || rank > 2 || (rows == nullptr && rank != 1))
            fail("dataset " + path + " has " + std::to_string(rank) + " dimensions, expected " +
                 (rows == nullptr ? "1" : "1 or 2"));
        H5Sget_simple_extent_dims(space.get(), dims, nullptr);
        if (rank == 0)
            dims[0] = 1;
        if (rows)
            *rows = static_cast<std::size_t>(dims[0]);
        if (cols)
            *cols = static_cast<std::size_t>(rank == 2 ? dims[1] : 1);
        if (single)
            *single = cls == H5T_FLOAT && H5Tget_size(type.get()) == 4;
        if (oneDimensional)
            *oneDimensional = rank <= 1;
        // The values must fit into the file: stored as they are, or deflated (at most 1032:1)
        // when the dataset has filters.
        const std::uint64_t count =
            FileReadGuard::saturatingProduct(dims[0], rank == 2 ? dims[1] : 1);
        const Hdf5Handle dcpl(H5Dget_create_plist(d.get()), H5Pclose);
        const bool filtered = dcpl.valid() && H5Pget_nfilters(dcpl.get()) > 0;
        FileReadGuard::requireFits(m_fileName,
                                   "dataset " + path + " (" + std::to_string(dims[0]) + " x " +
                                       std::to_string(rank == 2 ? dims[1] : 1) + ")",
                                   count, H5Tget_size(type.get()),
                                   FileReadGuard::saturatingProduct(
                                       m_fileSize, filtered ? FileReadGuard::kDeflateMaxRatio : 1));
        std::vector<T> out(static_cast<std::size_t>(count));
        if (!out.empty() &&
            H5Dread(d.get(), memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()) < 0)
            fail("cannot read dataset " + path + " (truncated or corrupt file?)");
        return out;
    }

protected:
    /// Throws unless @p count entries of @p bytesEach bytes fit into the file.
    void requireFits(const std::string& what, std::uint64_t count, std::uint64_t bytesEach) const {
        FileReadGuard::requireFits(m_fileName, what, count, bytesEach, m_fileSize);
    }

    std::string m_fileName;
    std::uint64_t m_fileSize = 0;
};

} // namespace plexus::core
