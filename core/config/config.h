// The matrixctl config file: search paths, merging, templating, validation
// and look-ups for the selected server. Format compatible with MatrixCtl.
#pragma once

#include <yaml-cpp/yaml.h>

#include "../diagnostics.h"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace matrixctl::config {

namespace detail {
// Validation results of one `servers.<name>` section, kept apart so that a
// mistake in one server's section does not stop commands for another.
struct ServerIssues {
  std::optional<Failure> failure;
  std::vector<std::string> warnings;
};
}  // namespace detail

struct LoadOptions {
  // -c/--config: read only this file (it must exist).
  std::optional<std::filesystem::path> explicit_path;
  // Overrides for tests; empty means the real locations:
  // /etc/matrixctl/config.{yml,yaml} and
  // ${XDG_CONFIG_HOME:-~/.config}/matrixctl/config.{yml,yaml}.
  std::vector<std::filesystem::path> search_paths;
};

// The selected `servers.<name>` section after merging and templating.
class ServerConfig {
 public:
  ServerConfig(std::string name, YAML::Node node, std::string source_file);

  const std::string& name() const { return name_; }
  // File that defined this server (the last one merged), for messages.
  const std::string& source_file() const { return source_file_; }

  // Scalar at a dotted key below the server, e.g. "api.domain". Lists and
  // maps are returned as compact JSON text. std::nullopt when absent.
  std::optional<std::string> lookup(const std::string& dotted_key) const;

  // "api.base_url" without a trailing slash, else "https://matrix.<domain>".
  // Throws Error(MCTL_ERR_CONFIG) when neither base_url nor domain is set.
  std::string base_url() const;
  // "api.domain", or the host of base_url when domain is absent.
  std::string domain() const;
  // "api.auth_type", lower-cased; "token" when absent.
  std::string auth_type() const;
  // "api.concurrent_limit", default 4, at least 1.
  unsigned concurrent_limit() const;

  const YAML::Node& node() const { return node_; }

 private:
  std::string name_;
  YAML::Node node_;
  std::string source_file_;
};

class Config {
 public:
  // Reads, merges and validates the config. Every existing file of the
  // search list is read, and a later file overrides an earlier one key by
  // key at every depth, so the user's file wins over /etc/matrixctl. Throws
  // Error(MCTL_ERR_CONFIG) with file, line and column for malformed YAML,
  // unsupported templates and wrong types.
  // Warnings (unknown keys, deprecated keys) are collected, not printed.
  static Config load(const LoadOptions& options);

  // The section for -S NAME, with api.concurrent_limit (4) and
  // api.auth_type (token) filled in when absent. Throws
  // Error(MCTL_ERR_CONFIG) naming the server, the files read and the known
  // server names ("did you mean"), or the paths searched when no file exists.
  ServerConfig server(const std::string& name) const;

  const std::vector<std::string>& files_read() const { return files_read_; }
  // Every path that was looked at, read or not, for messages.
  const std::vector<std::string>& searched_paths() const { return searched_paths_; }
  // Warnings outside `servers`, in every file read.
  const std::vector<std::string>& warnings() const { return warnings_; }
  // warnings() plus those of the `servers.<name>` section.
  std::vector<std::string> warnings_for(const std::string& name) const;
  std::vector<std::string> server_names() const;

  // Like ServerConfig::lookup, from the top of the merged config, e.g.
  // "ui.image.scale_factor". The ui.image keys are filled with their
  // defaults (enabled false, scale_factor 1.0, max_height_of_terminal 0.33).
  std::optional<std::string> lookup(const std::string& dotted_key) const;

 private:
  YAML::Node root_;
  std::vector<std::string> files_read_;
  std::vector<std::string> searched_paths_;
  std::vector<std::string> warnings_;
  std::map<std::string, detail::ServerIssues> server_issues_;
  // Server names with the file that last defined each, for messages.
  std::vector<std::pair<std::string, std::string>> server_sources_;
};

}  // namespace matrixctl::config
