// Locating the private library and plugin directories.
#include "paths.h"

#include <cstdlib>
#include <string_view>

#ifndef MATRIXCTL_LIBDIR_FROM_BINDIR
#error "MATRIXCTL_LIBDIR_FROM_BINDIR must be set by the build"
#endif

namespace matrixctl::paths {

std::filesystem::path executable_dir() {
  std::error_code error;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) return std::filesystem::current_path();
  return exe.parent_path();
}

std::filesystem::path private_lib_dir() {
  return (executable_dir() / MATRIXCTL_LIBDIR_FROM_BINDIR / "matrixctl").lexically_normal();
}

std::vector<std::filesystem::path> plugin_dirs() {
  std::vector<std::filesystem::path> dirs{private_lib_dir() / "plugins"};
  if (const char* extra = std::getenv("MATRIXCTL_PLUGIN_PATH")) {
    std::string_view rest = extra;
    while (!rest.empty()) {
      const auto colon = rest.find(':');
      const auto entry = rest.substr(0, colon);
      if (!entry.empty()) dirs.emplace_back(std::string(entry));
      if (colon == std::string_view::npos) break;
      rest.remove_prefix(colon + 1);
    }
  }
  return dirs;
}

}  // namespace matrixctl::paths
