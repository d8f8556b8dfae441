#pragma once

#include <filesystem>
#include <string>

namespace plexus::app {

/**
 * @brief Checks a plugin file before it is handed to the dynamic loader.
 *
 * `dlopen` maps the segments a shared library's program headers name. When the file is shorter
 * than they say (a half-copied file), touching the missing pages kills the process with SIGBUS
 * inside `dlopen`, long before any error could be reported. This check reads only the ELF
 * header and the program header table, compares every range they name with the file size, and
 * says what is wrong in one line, so that the file can be refused instead.
 *
 * Checked: the path is a regular file (not a folder, a broken symbolic link or a device), it is
 * not empty, it starts with the ELF signature, its class, byte order and machine are those of
 * this process, it is a shared object (ET_DYN), its program header table lies inside the file,
 * every PT_LOAD and PT_DYNAMIC segment's file range lies inside the file, and the section header
 * table, when there is one, lies inside the file.
 */
class PluginFileCheck {
public:
    /**
     * @brief What is wrong with @p file as a plugin library, or an empty string when it looks
     *        loadable. Never throws.
     *
     * A truncated file gives, for example, "truncated: the program header table ends at byte
     * 288 but the file has 64 bytes".
     */
    static std::string problem(const std::filesystem::path& file);
};

} // namespace plexus::app
