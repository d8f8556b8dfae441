#include "PluginFileCheck.h"

#include <bit>
#include <cstdint>
#include <cstring>
#include <elf.h>
#include <fstream>
#include <system_error>
#include <vector>

namespace plexus::app {

namespace {

namespace fs = std::filesystem;

/// ELF class of this process.
constexpr unsigned char kHostClass = sizeof(void*) == 8 ? ELFCLASS64 : ELFCLASS32;
/// ELF byte order of this process.
constexpr unsigned char kHostData =
    std::endian::native == std::endian::little ? ELFDATA2LSB : ELFDATA2MSB;

/// ELF machine of this process (0 when this build does not know it: not checked then).
constexpr std::uint16_t hostMachine() {
#if defined(__x86_64__)
    return EM_X86_64;
#elif defined(__i386__)
    return EM_386;
#elif defined(__aarch64__)
    return EM_AARCH64;
#elif defined(__arm__)
    return EM_ARM;
#elif defined(__riscv)
    return EM_RISCV;
#elif defined(__powerpc64__)
    return EM_PPC64;
#elif defined(__s390x__)
    return EM_S390;
#else
    return 0;
#endif
}

std::string className(unsigned char value) {
    switch (value) {
    case ELFCLASS32:
        return "32-bit";
    case ELFCLASS64:
        return "64-bit";
    default:
        return "unknown class " + std::to_string(value);
    }
}

std::string dataName(unsigned char value) {
    switch (value) {
    case ELFDATA2LSB:
        return "little-endian";
    case ELFDATA2MSB:
        return "big-endian";
    default:
        return "unknown byte order " + std::to_string(value);
    }
}

std::string typeName(std::uint16_t type) {
    switch (type) {
    case ET_REL:
        return "an object file (ET_REL)";
    case ET_EXEC:
        return "an executable (ET_EXEC)";
    case ET_CORE:
        return "a core dump (ET_CORE)";
    default:
        return "ELF type " + std::to_string(type);
    }
}

std::string segmentName(std::uint32_t type) {
    return type == PT_LOAD ? "PT_LOAD" : "PT_DYNAMIC";
}

/// "truncated: WHAT ends at byte END but the file has SIZE bytes".
std::string truncated(const std::string& what, std::uint64_t end, std::uint64_t size) {
    return "truncated: " + what + " ends at byte " + std::to_string(end) + " but the file has " +
           std::to_string(size) + " bytes";
}

/// End of the range [offset, offset + count * entrySize), or UINT64_MAX when it overflows.
std::uint64_t rangeEnd(std::uint64_t offset, std::uint64_t count, std::uint64_t entrySize) {
    constexpr std::uint64_t max = UINT64_MAX;
    if (entrySize != 0 && count > max / entrySize)
        return max;
    const std::uint64_t length = count * entrySize;
    return offset > max - length ? max : offset + length;
}

/// Reads `length` bytes at `offset`; false when the file is shorter.
bool readAt(std::ifstream& in, std::uint64_t offset, void* out, std::size_t length) {
    in.clear();
    in.seekg(static_cast<std::streamoff>(offset));
    in.read(static_cast<char*>(out), static_cast<std::streamsize>(length));
    return static_cast<std::size_t>(in.gcount()) == length;
}

/// The header checks for one ELF class (Ehdr/Phdr of that class).
template <typename Ehdr, typename Phdr>
std::string checkImage(std::ifstream& in, std::uint64_t size) {
    if (size < sizeof(Ehdr))
        return truncated("the ELF header", sizeof(Ehdr), size);
    Ehdr header{};
    if (!readAt(in, 0, &header, sizeof header))
        return "cannot be read";
    if (header.e_type != ET_DYN)
        return "not a shared library: the file is " + typeName(header.e_type);
    if (const std::uint16_t machine = hostMachine(); machine != 0 && header.e_machine != machine)
        return "built for another processor (ELF machine " + std::to_string(header.e_machine) +
               ", this computer is " + std::to_string(machine) + ")";
    if (header.e_phnum == 0 || header.e_phoff == 0)
        return "damaged: the ELF header names no program headers";
    if (header.e_phentsize != sizeof(Phdr))
        return "damaged: program header entries are " + std::to_string(header.e_phentsize) +
               " bytes, expected " + std::to_string(sizeof(Phdr));
    const std::uint64_t tableEnd = rangeEnd(header.e_phoff, header.e_phnum, header.e_phentsize);
    if (tableEnd > size)
        return truncated("the program header table", tableEnd, size);
    if (header.e_shoff != 0 && header.e_shnum != 0) {
        const std::uint64_t sectionsEnd =
            rangeEnd(header.e_shoff, header.e_shnum, header.e_shentsize);
        if (sectionsEnd > size)
            return truncated("the section header table", sectionsEnd, size);
    }
    std::vector<Phdr> segments(header.e_phnum);
    if (!readAt(in, header.e_phoff, segments.data(), segments.size() * sizeof(Phdr)))
        return "cannot be read";
    for (std::size_t i = 0; i < segments.size(); ++i) {
        const Phdr& segment = segments[i];
        if (segment.p_type != PT_LOAD && segment.p_type != PT_DYNAMIC)
            continue;
        const std::uint64_t end = rangeEnd(segment.p_offset, 1, segment.p_filesz);
        if (end > size)
            return truncated("segment " + std::to_string(i) + " (" + segmentName(segment.p_type) +
                                 ")",
                             end, size);
    }
    return {};
}

} // namespace

std::string PluginFileCheck::problem(const fs::path& file) {
    std::error_code ec;
    const fs::file_status link = fs::symlink_status(file, ec);
    if (ec || link.type() == fs::file_type::not_found)
        return "no such file";
    const fs::file_status target = fs::status(file, ec);
    if (fs::is_symlink(link) && (ec || target.type() == fs::file_type::not_found)) {
        std::error_code readError;
        const fs::path to = fs::read_symlink(file, readError);
        std::string text = "broken symbolic link: it points to ";
        text += readError ? std::string("a file") : '"' + to.string() + '"';
        text += ", which does not exist";
        return text;
    }
    if (ec)
        return "cannot be examined: " + ec.message();
    if (fs::is_directory(target))
        return "is a folder, not a plugin library";
    if (!fs::is_regular_file(target))
        return "not a regular file (a device, pipe or socket), not a plugin library";
    const std::uintmax_t size = fs::file_size(file, ec);
    if (ec)
        return "cannot be examined: " + ec.message();
    if (size == 0)
        return "empty file (0 bytes), not a plugin library";

    std::ifstream in(file, std::ios::binary);
    if (!in)
        return "cannot be opened for reading";
    unsigned char ident[EI_NIDENT] = {};
    in.read(reinterpret_cast<char*>(ident), EI_NIDENT);
    const auto identBytes = static_cast<std::size_t>(in.gcount());
    if (identBytes < SELFMAG || std::memcmp(ident, ELFMAG, SELFMAG) != 0)
        return "not a shared library: the file does not start with the ELF signature";
    if (identBytes < EI_NIDENT)
        return truncated("the ELF header",
                         kHostClass == ELFCLASS64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr), size);
    if (ident[EI_CLASS] != kHostClass)
        return "built for another kind of computer: " + className(ident[EI_CLASS]) +
               " ELF, this Plexus is " + className(kHostClass);
    if (ident[EI_DATA] != kHostData)
        return "built for another kind of computer: " + dataName(ident[EI_DATA]) +
               " ELF, this Plexus is " + dataName(kHostData);
    if (kHostClass == ELFCLASS64)
        return checkImage<Elf64_Ehdr, Elf64_Phdr>(in, size);
    return checkImage<Elf32_Ehdr, Elf32_Phdr>(in, size);
}

} // namespace plexus::app
