// Locations of the running matrixctl's private libraries and plugins.
// The build tree mirrors the installed layout (<prefix>/bin next to
// <libdir>/matrixctl/plugins), so the same relative path works in both.
#pragma once

#include <filesystem>
#include <vector>

namespace matrixctl::paths {

// Directory of the running executable (from /proc/self/exe).
std::filesystem::path executable_dir();

// <libdir>/matrixctl, found relative to executable_dir().
std::filesystem::path private_lib_dir();

// Plugin directories in search order: the bundled one, then the entries of
// $MATRIXCTL_PLUGIN_PATH (colon-separated) for third-party plugins.
std::vector<std::filesystem::path> plugin_dirs();

}  // namespace matrixctl::paths
