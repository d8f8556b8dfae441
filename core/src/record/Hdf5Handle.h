#pragma once

#include <hdf5.h>

namespace plexus::core {

/// Owns an HDF5 identifier and releases it with the matching close function.
class Hdf5Handle {
public:
    Hdf5Handle() = default;
    Hdf5Handle(hid_t id, herr_t (*close)(hid_t))
        : m_id(id)
        , m_close(close) {}
    ~Hdf5Handle() { reset(); }
    Hdf5Handle(Hdf5Handle&& other) noexcept
        : m_id(other.m_id)
        , m_close(other.m_close) {
        other.m_id = -1;
    }
    Hdf5Handle& operator=(Hdf5Handle&& other) noexcept {
        if (this != &other) {
            reset();
            m_id = other.m_id;
            m_close = other.m_close;
            other.m_id = -1;
        }
        return *this;
    }
    Hdf5Handle(const Hdf5Handle&) = delete;
    Hdf5Handle& operator=(const Hdf5Handle&) = delete;

    hid_t get() const { return m_id; }
    bool valid() const { return m_id >= 0; }
    /// Close now; returns false when the close failed (e.g. a file could not be flushed).
    bool reset() {
        bool ok = true;
        if (m_id >= 0 && m_close)
            ok = m_close(m_id) >= 0;
        m_id = -1;
        return ok;
    }

    /// A variable-length UTF-8 string type.
    static Hdf5Handle stringType() {
        Hdf5Handle t(H5Tcopy(H5T_C_S1), H5Tclose);
        H5Tset_size(t.get(), H5T_VARIABLE);
        H5Tset_cset(t.get(), H5T_CSET_UTF8);
        return t;
    }

private:
    hid_t m_id = -1;
    herr_t (*m_close)(hid_t) = nullptr;
};

} // namespace plexus::core
