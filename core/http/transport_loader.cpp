// Loads libmatrixctl-transport.so on first use, so that commands which send
// no request never load libcurl and OpenSSL.
#include "transport.h"

#include "../diagnostics.h"
#include "../log.h"

#include <boost/dll/shared_library.hpp>

#include <filesystem>
#include <map>
#include <mutex>

namespace matrixctl::http {
namespace {

constexpr const char* kFactoryName = "matrixctl_transport_create";
constexpr const char* kReinstallHint =
    "reinstall matrixctl, which installs libmatrixctl-transport.so in its private library "
    "directory";

// Libraries stay loaded until the process exits: a transport's code must
// outlive every object it created, including those destroyed during exit.
boost::dll::shared_library& load_once(const std::string& path) {
  static std::mutex mutex;
  static auto* loaded = new std::map<std::string, boost::dll::shared_library>();
  const std::lock_guard lock(mutex);
  if (const auto found = loaded->find(path); found != loaded->end()) return found->second;

  boost::dll::shared_library library;
  try {
    // Lazy binding: resolving every libcurl and OpenSSL symbol up front
    // took about half of a `matrixctl version` run (callgrind). Plugins,
    // unlike this core-internal library, are still loaded with rtld_now.
    library.load(boost::dll::fs::path(path),
                 boost::dll::load_mode::rtld_lazy | boost::dll::load_mode::rtld_local);
  } catch (const std::exception& error) {
    throw Error(MCTL_ERR_PLUGIN, path,
                std::string("the HTTP transport library could not be loaded: ") + error.what(),
                kReinstallHint);
  }
  return loaded->emplace(path, std::move(library)).first->second;
}

}  // namespace

std::unique_ptr<Transport> load_transport(const std::string& library,
                                          const TransportOptions& options) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(library, error)) {
    throw Error(MCTL_ERR_PLUGIN, library, "the HTTP transport library is missing",
                kReinstallHint);
  }

  boost::dll::shared_library& loaded = load_once(library);
  if (!loaded.has(kFactoryName)) {
    throw Error(MCTL_ERR_PLUGIN, library,
                std::string("the file does not export ") + kFactoryName +
                    ", so it is not matrixctl's HTTP transport",
                kReinstallHint);
  }
  auto& create = loaded.get<Transport*(const TransportOptions*)>(kFactoryName);
  Transport* transport = create(&options);
  if (transport == nullptr) {
    throw Error(MCTL_ERR_PLUGIN, library, "the HTTP transport could not start libcurl",
                kReinstallHint + std::string(", and check that libcurl is installed"));
  }
  log::debug("http", "loaded the HTTP transport from " + library);
  return std::unique_ptr<Transport>(transport);
}

}  // namespace matrixctl::http
