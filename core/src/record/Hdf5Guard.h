#pragma once

#include <hdf5.h>
#include <mutex>

namespace plexus::core {

/// The one lock over the HDF5 library (it is not thread-safe) shared by every archive class
/// (RunArchive, SweepArchive): holds it and switches the HDF5 error-stack printing off while
/// it lives.
class Hdf5Guard {
public:
    Hdf5Guard()
        : m_lock(mutex()) {
        H5Eget_auto2(H5E_DEFAULT, &m_oldFunction, &m_oldData);
        H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    }
    ~Hdf5Guard() { H5Eset_auto2(H5E_DEFAULT, m_oldFunction, m_oldData); }
    Hdf5Guard(const Hdf5Guard&) = delete;
    Hdf5Guard& operator=(const Hdf5Guard&) = delete;

private:
    static std::recursive_mutex& mutex() {
        static std::recursive_mutex m;
        return m;
    }

    std::lock_guard<std::recursive_mutex> m_lock;
    H5E_auto2_t m_oldFunction = nullptr;
    void* m_oldData = nullptr;
};

} // namespace plexus::core
