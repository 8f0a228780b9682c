// Finds plugin libraries, reads their descriptors, checks their ABI and
// initialises only the plugins a run needs.
#pragma once

#include <matrixctl/sdk.h>

#include <boost/dll/shared_library.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace matrixctl::plugins {

struct Plugin;

struct Command {
  mctl_command_desc desc{};  // our copy; `options` points at option_copies
  std::vector<mctl_option_desc> options;
  Plugin* plugin = nullptr;
};

struct AuthProvider {
  mctl_auth_provider_desc desc{};
  Plugin* plugin = nullptr;
};

struct Plugin {
  std::filesystem::path path;
  boost::dll::shared_library library;
  mctl_plugin_desc desc{};  // our copy of the descriptor
  std::string id;
  bool initialised = false;
  void* state = nullptr;
};

class Registry {
 public:
  // Reads the descriptor of every plugin in `dirs` (non-recursive, *.so).
  // A plugin that cannot be used is skipped, so the others stay usable. Its
  // warning on stderr names it, its path, both ABI versions and what to do.
  void discover(const std::vector<std::filesystem::path>& dirs);

  const std::vector<std::unique_ptr<Command>>& commands() const { return commands_; }
  const Command* find_command(const std::string& name) const;
  const AuthProvider* find_auth_provider(const std::string& name) const;
  std::vector<std::string> auth_provider_names() const;
  std::vector<std::string> group_names() const;

  // Calls the plugin's init once; throws Error(MCTL_ERR_PLUGIN) on failure.
  void initialise(Plugin& plugin, const mctl_host_api* host);
  // Calls shutdown of every initialised plugin, in reverse order.
  void shutdown_all();

  ~Registry();

 private:
  void load(const std::filesystem::path& path);

  std::vector<std::unique_ptr<Plugin>> plugins_;
  std::vector<std::unique_ptr<Command>> commands_;
  std::vector<std::unique_ptr<AuthProvider>> providers_;
  std::vector<Plugin*> init_order_;
};

}  // namespace matrixctl::plugins
