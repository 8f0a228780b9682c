// Candidates for shell completion (`matrixctl __complete WORD...`), read from
// plugin descriptors only, so completion never loads libcurl or OpenSSL.
#include "cli.h"

#include <algorithm>
#include <set>

namespace matrixctl::cli {
namespace {

constexpr const char* kGlobalOptions[] = {"--server", "--config",     "--output", "--debug",
                                          "--help",   "--no-input",   "--no-browser",
                                          "--version"};

void add_command_options(const plugins::Command& command, std::set<std::string>& out) {
  for (const auto& option : command.options) {
    if ((option.flags & MCTL_OPT_POSITIONAL) != 0) continue;
    out.insert(std::string("--") + option.name);
  }
}

}  // namespace

std::vector<std::string> completions(const plugins::Registry& registry,
                                     const std::vector<std::string>& words,
                                     const std::vector<std::string>& server_names) {
  const std::string current = words.empty() ? std::string() : words.back();
  const std::vector<std::string> before(words.begin(), words.end() - (words.empty() ? 0 : 1));
  std::set<std::string> candidates;

  const std::string previous = before.empty() ? std::string() : before.back();
  if (previous == "-S" || previous == "--server") {
    candidates.insert(server_names.begin(), server_names.end());
  } else if (previous == "-o" || previous == "--output") {
    candidates = {"table", "json", "yaml"};
  } else if (previous == "-c" || previous == "--config") {
    return {};  // the shell completes file names
  } else {
    // Drop global options (and their values) to find the command words.
    std::vector<std::string> rest;
    for (std::size_t i = 0; i < before.size(); ++i) {
      const auto& word = before[i];
      if (word == "-S" || word == "--server" || word == "-c" || word == "--config" ||
          word == "-o" || word == "--output") {
        ++i;
        continue;
      }
      rest.push_back(word);
    }
    std::vector<std::string> command_args;
    std::string unknown;
    const plugins::Command* command = find_command(registry, rest, command_args, unknown);
    const auto groups = registry.group_names();
    const bool group_only =
        rest.size() == 1 && std::find(groups.begin(), groups.end(), rest[0]) != groups.end();
    if (group_only && current.rfind("-", 0) != 0) {
      // "user" is a group and a command; after it, the group's commands
      // are the likelier next word.
      for (const auto& entry : registry.commands()) {
        if (entry->desc.group != nullptr && rest[0] == entry->desc.group) {
          candidates.insert(entry->desc.name);
        }
      }
    } else if (command != nullptr) {
      add_command_options(*command, candidates);
    } else if (rest.empty()) {
      for (const auto& group : groups) candidates.insert(group);
      for (const auto& entry : registry.commands()) candidates.insert(entry->desc.name);
    }
    if (current.rfind("-", 0) == 0) candidates.insert(std::begin(kGlobalOptions), std::end(kGlobalOptions));
  }

  std::vector<std::string> result;
  for (const auto& candidate : candidates) {
    if (candidate.rfind(current, 0) == 0) result.push_back(candidate);
  }
  return result;
}

}  // namespace matrixctl::cli
