// Loading the config: search paths, deep merge of the files and selection of a server.
#include "config/config.h"

#include <cstdlib>
#include <system_error>

#include "config/config_internal.h"
#include "diagnostics.h"
#include "log.h"

namespace matrixctl::config {
namespace {

constexpr const char* kMinimalExample =
    "servers: {default: {api: {domain: example.org, auth_token: {token: ...}}}}";

std::vector<std::filesystem::path> default_search_paths(const std::string& home) {
  std::vector<std::filesystem::path> paths{"/etc/matrixctl/config.yml",
                                           "/etc/matrixctl/config.yaml"};
  // The XDG Base Directory spec requires ignoring a relative $XDG_CONFIG_HOME.
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  const std::filesystem::path user_dir = xdg != nullptr && xdg[0] == '/'
                                             ? std::filesystem::path(xdg)
                                             : std::filesystem::path(home) / ".config";
  paths.push_back(user_dir / "matrixctl" / "config.yml");
  paths.push_back(user_dir / "matrixctl" / "config.yaml");
  return paths;
}

std::string join(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) {
    if (!text.empty()) text += ", ";
    text += item;
  }
  return text;
}

// Files are merged in search order and the later file wins, key by key at
// every depth. So the user's file overrides /etc/matrixctl, while /etc
// servers and keys that the user file does not mention are kept. MatrixCtl
// merged the top level only and let /etc win, which kept a user from
// adjusting one key of a system-wide setup. Lists are replaced, not
// concatenated, and an empty value does not erase what an earlier file set.
//
// Both arguments are maps. A map in `overlay` is always merged, even into
// nothing, so that a key repeated within one file also ends up once, with
// the later value winning.
YAML::Node merge(const YAML::Node& base, const YAML::Node& overlay) {
  YAML::Node result = YAML::Clone(base);
  for (const auto& entry : overlay) {
    if (entry.second.IsNull()) continue;
    const std::string& key = entry.first.Scalar();
    const YAML::Node& view = result;
    const YAML::Node existing = view[key];
    if (entry.second.IsMap()) {
      const YAML::Node start =
          existing && existing.IsMap() ? existing : YAML::Node(YAML::NodeType::Map);
      result[key] = merge(start, entry.second);
    } else {
      result[key] = YAML::Clone(entry.second);
    }
  }
  return result;
}

// Sets `dotted_key` to `value` unless it has a value already, creating the
// maps on the way.
void fill_default(YAML::Node root, std::string_view dotted_key, const char* value) {
  const YAML::Node existing = detail::find_node(root, dotted_key);
  if (existing && !existing.IsNull()) return;
  YAML::Node node = root;
  std::size_t begin = 0;
  while (true) {
    const auto dot = dotted_key.find('.', begin);
    const std::string part(dotted_key.substr(begin, dot - begin));
    if (dot == std::string_view::npos) {
      node[part] = value;
      return;
    }
    // reset() rebinds the handle, because assignment would overwrite the node.
    node.reset(node[part]);
    begin = dot + 1;
  }
}

std::optional<std::string> lookup_in(const YAML::Node& root, const std::string& dotted_key) {
  const YAML::Node found = detail::find_node(root, dotted_key);
  if (!found || found.IsNull()) return std::nullopt;
  if (found.IsScalar()) return found.Scalar();
  return detail::to_json(found, false);
}

}  // namespace

Config Config::load(const LoadOptions& options) {
  Config config;
  const detail::TemplateSystem system = detail::system_template_values();

  std::vector<std::filesystem::path> candidates;
  if (options.explicit_path) {
    candidates.push_back(*options.explicit_path);
    std::error_code error;
    if (!std::filesystem::exists(*options.explicit_path, error)) {
      throw Error(MCTL_ERR_CONFIG, options.explicit_path->string(), "config file not found",
                  "check the path given with -c/--config");
    }
  } else if (!options.search_paths.empty()) {
    candidates = options.search_paths;
  } else {
    candidates = default_search_paths(system.home);
  }

  YAML::Node merged(YAML::NodeType::Map);
  for (const auto& candidate : candidates) {
    const std::string path = candidate.string();
    config.searched_paths_.push_back(path);
    std::error_code error;
    if (!std::filesystem::exists(candidate, error)) {
      log::debug("config", "not found: " + path);
      continue;
    }

    detail::SourceFile file = detail::read_source_file(path);
    detail::render_and_parse(file, system);
    detail::validate(file, config.warnings_, config.server_issues_);
    log::debug("config", "read " + path + ": " + detail::to_json(file.root, true));

    const YAML::Node& root = file.root;
    const YAML::Node servers = root["servers"];
    if (servers && servers.IsMap()) {
      for (const auto& entry : servers) {
        const std::string& name = entry.first.Scalar();
        std::erase_if(config.server_sources_,
                      [&name](const auto& source) { return source.first == name; });
        config.server_sources_.emplace_back(name, path);
      }
    }
    merged.reset(merge(merged, file.root));
    config.files_read_.push_back(path);
  }

  fill_default(merged, "ui.image.enabled", "false");
  fill_default(merged, "ui.image.scale_factor", "1.0");
  fill_default(merged, "ui.image.max_height_of_terminal", "0.33");
  config.root_ = merged;
  log::debug("config", "merged config: " + detail::to_json(merged, true));
  return config;
}

std::vector<std::string> Config::warnings_for(const std::string& name) const {
  std::vector<std::string> all = warnings_;
  if (const auto issues = server_issues_.find(name); issues != server_issues_.end()) {
    all.insert(all.end(), issues->second.warnings.begin(), issues->second.warnings.end());
  }
  return all;
}

std::vector<std::string> Config::server_names() const {
  std::vector<std::string> names;
  const YAML::Node servers = root_["servers"];
  if (!servers || !servers.IsMap()) return names;
  for (const auto& entry : servers) names.push_back(entry.first.Scalar());
  return names;
}

std::optional<std::string> Config::lookup(const std::string& dotted_key) const {
  return lookup_in(root_, dotted_key);
}

ServerConfig Config::server(const std::string& name) const {
  if (files_read_.empty()) {
    std::string create = searched_paths_.empty() ? "a config file" : searched_paths_.back();
    for (const auto& path : searched_paths_) {
      if (path.ends_with(".yml")) create = path;
    }
    throw Error(MCTL_ERR_CONFIG, "config",
                "no config file found (searched " + join(searched_paths_) + ")",
                "create " + create + " containing e.g. `" + kMinimalExample +
                    "`, or pass one with -c PATH");
  }

  const std::vector<std::string> names = server_names();
  if (names.empty()) {
    throw Error(MCTL_ERR_CONFIG, "config", "no servers are defined in " + join(files_read_),
                std::string("add a `servers` section, e.g. `") + kMinimalExample + "`");
  }

  const YAML::Node section = root_["servers"][name];
  if (!section) {
    const auto suggestion = detail::closest_match(name, names);
    std::string hint = suggestion ? "did you mean \"" + *suggestion + "\"? Use -S " + *suggestion
                                  : std::string("use -S NAME with a known server");
    hint += ", or add servers." + name + " to a config file";
    throw Error(MCTL_ERR_CONFIG, "server \"" + name + "\"",
                "not found in " + join(files_read_) + " (known servers: " + join(names) + ")",
                hint);
  }

  if (const auto issues = server_issues_.find(name);
      issues != server_issues_.end() && issues->second.failure) {
    throw Error(*issues->second.failure);
  }

  YAML::Node node = section.IsMap() ? YAML::Clone(section) : YAML::Node(YAML::NodeType::Map);
  fill_default(node, "api.concurrent_limit", "4");
  fill_default(node, "api.auth_type", "token");

  std::string source = files_read_.back();
  for (const auto& [server, file] : server_sources_) {
    if (server == name) source = file;
  }
  log::debug("config",
             "server \"" + name + "\" from " + source + ": " + detail::to_json(node, true));
  return ServerConfig(name, node, source);
}

}  // namespace matrixctl::config
