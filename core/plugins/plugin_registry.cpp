// Plugin discovery and loading with Boost.DLL.
#include "plugin_registry.h"

#include "../diagnostics.h"
#include "../log.h"
#include "abi_rules.h"

#include <algorithm>
#include <set>

namespace matrixctl::plugins {
namespace {

// Entry symbols of other ABI epochs, to name the version a plugin was built
// for when it does not export ours.
constexpr int kMaxEpochProbed = 9;

std::string safe(const char* text) { return text != nullptr ? text : ""; }

void reject(const std::filesystem::path& path, const std::string& name, const std::string& reason,
            const std::string& hint) {
  warn("plugin " + name + " (" + path.string() + ") was not loaded: " + reason + "; " + hint);
}

}  // namespace

Registry::~Registry() { shutdown_all(); }

void Registry::discover(const std::vector<std::filesystem::path>& dirs) {
  for (const auto& dir : dirs) {
    std::error_code error;
    if (!std::filesystem::is_directory(dir, error)) {
      log::debug("plugin", "no plugin directory " + dir.string());
      continue;
    }
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
      if (entry.path().extension() == ".so") files.push_back(entry.path());
    }
    // Sorted, so that a duplicate command resolves the same way every run.
    std::sort(files.begin(), files.end());
    for (const auto& file : files) load(file);
  }
}

void Registry::load(const std::filesystem::path& path) {
  const std::string file_name = path.filename().string();
  auto plugin = std::make_unique<Plugin>();
  plugin->path = path;
  try {
    plugin->library.load(boost::dll::fs::path(path.string()),
                         boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
  } catch (const std::exception& error) {
    reject(path, file_name, std::string("it could not be opened: ") + error.what(),
           "reinstall it or remove it from the plugin directory");
    return;
  }

  if (!plugin->library.has(MCTL_PLUGIN_ENTRY_NAME)) {
    for (int epoch = 0; epoch <= kMaxEpochProbed; ++epoch) {
      const std::string symbol = "matrixctl_plugin_v" + std::to_string(epoch);
      if (plugin->library.has(symbol)) {
        reject(path, file_name, abi_incompatibility(static_cast<uint32_t>(epoch), 0),
               "install a version of the plugin built for this matrixctl, or remove it");
        return;
      }
    }
    reject(path, file_name, "it does not export " + std::string(MCTL_PLUGIN_ENTRY_NAME),
           "it is not a matrixctl plugin; remove it from the plugin directory");
    return;
  }

  const auto entry = plugin->library.get<const mctl_plugin_desc*()>(MCTL_PLUGIN_ENTRY_NAME);
  const mctl_plugin_desc* raw = entry();
  if (!read_declared(raw, plugin->desc)) {
    reject(path, file_name, "its descriptor is missing or has no size",
           "rebuild the plugin against the matrixctl SDK");
    return;
  }
  const std::string name = safe(plugin->desc.id).empty() ? file_name : safe(plugin->desc.id);
  const auto incompatibility = abi_incompatibility(plugin->desc.abi_major, plugin->desc.abi_minor);
  if (!incompatibility.empty()) {
    reject(path, name, incompatibility,
           "install a version of the plugin built for this matrixctl's ABI " +
               std::to_string(MCTL_ABI_MAJOR) + "." + std::to_string(MCTL_ABI_MINOR) +
               ", or remove it");
    return;
  }
  plugin->id = name;
  for (const auto& other : plugins_) {
    if (other->id == plugin->id) {
      reject(path, name, "a plugin with the same id was loaded from " + other->path.string(),
             "remove one of the two copies");
      return;
    }
  }

  Plugin* owner = plugin.get();
  std::vector<std::unique_ptr<Command>> new_commands;
  if (plugin->desc.command_count > 0 && plugin->desc.commands != nullptr) {
    const uint32_t stride = plugin->desc.commands[0].struct_size;
    for (uint32_t i = 0; i < plugin->desc.command_count; ++i) {
      auto command = std::make_unique<Command>();
      read_declared(element_at(plugin->desc.commands, stride, i), command->desc);
      if (safe(command->desc.name).empty() || command->desc.run == nullptr) {
        reject(path, name, "command " + std::to_string(i) + " has no name or no run function",
               "report this as a bug of the plugin");
        return;
      }
      if (command->desc.option_count > 0 && command->desc.options != nullptr) {
        const uint32_t option_stride = command->desc.options[0].struct_size;
        for (uint32_t k = 0; k < command->desc.option_count; ++k) {
          mctl_option_desc option{};
          read_declared(element_at(command->desc.options, option_stride, k), option);
          command->options.push_back(option);
        }
      }
      command->desc.options = command->options.data();
      command->plugin = owner;
      new_commands.push_back(std::move(command));
    }
  }
  std::vector<std::unique_ptr<AuthProvider>> new_providers;
  if (plugin->desc.auth_provider_count > 0 && plugin->desc.auth_providers != nullptr) {
    const uint32_t stride = plugin->desc.auth_providers[0].struct_size;
    for (uint32_t i = 0; i < plugin->desc.auth_provider_count; ++i) {
      auto provider = std::make_unique<AuthProvider>();
      read_declared(element_at(plugin->desc.auth_providers, stride, i), provider->desc);
      if (safe(provider->desc.name).empty() || provider->desc.acquire == nullptr) {
        reject(path, name, "auth provider " + std::to_string(i) + " has no name or no acquire",
               "report this as a bug of the plugin");
        return;
      }
      provider->plugin = owner;
      new_providers.push_back(std::move(provider));
    }
  }

  for (auto& command : new_commands) {
    if (const Command* existing = find_command(command->desc.name)) {
      warn("command " + std::string(command->desc.name) + " of plugin " + name + " (" +
           path.string() + ") is ignored: plugin " + existing->plugin->id +
           " already provides it");
      continue;
    }
    commands_.push_back(std::move(command));
  }
  for (auto& provider : new_providers) providers_.push_back(std::move(provider));
  log::debug("plugin", "read descriptor of " + name + " " + safe(plugin->desc.version) +
                           " (ABI " + std::to_string(plugin->desc.abi_major) + "." +
                           std::to_string(plugin->desc.abi_minor) + ") from " + path.string());
  plugins_.push_back(std::move(plugin));
}

const Command* Registry::find_command(const std::string& name) const {
  for (const auto& command : commands_) {
    if (name == command->desc.name) return command.get();
  }
  return nullptr;
}

const AuthProvider* Registry::find_auth_provider(const std::string& name) const {
  for (const auto& provider : providers_) {
    if (name == provider->desc.name) return provider.get();
  }
  return nullptr;
}

std::vector<std::string> Registry::auth_provider_names() const {
  std::vector<std::string> names;
  for (const auto& provider : providers_) names.emplace_back(provider->desc.name);
  return names;
}

std::vector<std::string> Registry::group_names() const {
  std::set<std::string> groups;
  for (const auto& command : commands_) groups.insert(safe(command->desc.group));
  return {groups.begin(), groups.end()};
}

void Registry::initialise(Plugin& plugin, const mctl_host_api* host) {
  if (plugin.initialised) return;
  if (plugin.desc.init != nullptr) {
    const mctl_status status = plugin.desc.init(host, &plugin.state);
    if (status != MCTL_OK) {
      throw Error(MCTL_ERR_PLUGIN, "plugin " + plugin.id,
                  "initialisation failed with status " + std::to_string(status) + " (" +
                      plugin.path.string() + ")",
                  "reinstall the plugin or run with -d for details");
    }
  }
  plugin.initialised = true;
  init_order_.push_back(&plugin);
  log::debug("plugin", "loaded and initialised " + plugin.id + " (" + plugin.path.string() + ")");
}

void Registry::shutdown_all() {
  for (auto it = init_order_.rbegin(); it != init_order_.rend(); ++it) {
    Plugin* plugin = *it;
    if (plugin->desc.shutdown != nullptr) plugin->desc.shutdown(plugin->state);
    plugin->initialised = false;
  }
  init_order_.clear();
}

}  // namespace matrixctl::plugins
