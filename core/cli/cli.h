// Command-line parsing: global options anywhere on the line, the command
// (flat `adduser` or grouped `user adduser`), and the command's own options
// built from its plugin descriptor with Boost.Program_options.
#pragma once

#include "../plugins/plugin_registry.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace matrixctl::cli {

using ArgumentMap = std::map<std::string, std::vector<std::string>>;

struct GlobalOptions {
  std::string server = "default";
  std::optional<std::string> config_path;
  bool debug = false;
  std::string debug_categories;  // from --debug=http,auth; empty = all
  std::string output = "table";
  bool output_given = false;
  bool version = false;
  bool help = false;
  bool no_input = false;
  bool no_browser = false;
  std::vector<std::string> rest;  // command words and command options
};

// Takes the global options out of `args` wherever they stand (before a
// lone "--"). Throws Error(MCTL_ERR_USAGE) for a global option without its
// value.
GlobalOptions parse_global(const std::vector<std::string>& args);

// Splits `rest` into the command and its arguments, accepting a group word
// before the command. Returns nullptr when no command matches; `word` is
// then the unknown word (empty when none was given).
const plugins::Command* find_command(const plugins::Registry& registry,
                                     const std::vector<std::string>& rest,
                                     std::vector<std::string>& command_args, std::string& word);

// Parses the command's options. Throws Error(MCTL_ERR_USAGE) naming the
// option and pointing to `matrixctl <command> --help`.
ArgumentMap parse_command(const plugins::Command& command, const std::vector<std::string>& args);

std::string main_help(const plugins::Registry& registry);
std::string command_help(const plugins::Command& command);
std::string group_help(const plugins::Registry& registry, const std::string& group);

// Shell completion candidates for `words` (the command line after
// "matrixctl"; the last word is the one being completed).
std::vector<std::string> completions(const plugins::Registry& registry,
                                     const std::vector<std::string>& words,
                                     const std::vector<std::string>& server_names);

// Up to three candidates close to `word` (edit distance), closest first.
std::vector<std::string> suggestions(const std::string& word,
                                     const std::vector<std::string>& candidates);

}  // namespace matrixctl::cli
