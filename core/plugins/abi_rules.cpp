// ABI compatibility check between this host and a plugin.
#include "abi_rules.h"

namespace matrixctl::plugins {

std::string abi_incompatibility(uint32_t plugin_major, uint32_t plugin_minor) {
  const std::string theirs = std::to_string(plugin_major) + "." + std::to_string(plugin_minor);
  const std::string ours = std::to_string(MCTL_ABI_MAJOR) + "." + std::to_string(MCTL_ABI_MINOR);
  if (plugin_major != MCTL_ABI_MAJOR) {
    return "it was built for plugin ABI " + theirs + ", but this matrixctl supports ABI " + ours +
           " (the major versions differ)";
  }
  if (plugin_minor > MCTL_ABI_MINOR) {
    return "it was built for plugin ABI " + theirs + ", which is newer than this matrixctl's ABI " +
           ours;
  }
  return {};
}

}  // namespace matrixctl::plugins
