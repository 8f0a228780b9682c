// --help texts: every installed command grouped, and one command's options.
#include "cli.h"

#include <algorithm>
#include <map>

namespace matrixctl::cli {
namespace {

std::string text(const char* value) { return value != nullptr ? value : ""; }

// Wraps `text` at spaces so no line passes 80 columns; continuation lines
// start with `indent` spaces. The first line starts at column `start`.
std::string wrap(const std::string& text, std::size_t start, std::size_t indent) {
  constexpr std::size_t kWidth = 80;
  std::string result;
  std::size_t column = start;
  std::size_t at = 0;
  while (at < text.size()) {
    if (text[at] == '\n') {
      result += '\n';
      result.append(indent, ' ');
      column = indent;
      ++at;
      continue;
    }
    const auto end = text.find_first_of(" \n", at);
    const std::string word = text.substr(at, end == std::string::npos ? end : end - at);
    if (column > indent && column + 1 + word.size() > kWidth) {
      result += '\n';
      result.append(indent, ' ');
      column = indent;
    } else if (column > start || (column > indent && !result.empty())) {
      result += ' ';
      ++column;
    }
    result += word;
    column += word.size();
    at = end == std::string::npos ? text.size() : end;
    if (at < text.size() && text[at] == ' ') ++at;
  }
  return result;
}

std::string pad(std::string value, std::size_t width) {
  if (value.size() < width) value.append(width - value.size(), ' ');
  return value + "  ";
}

constexpr const char* kGlobalOptions =
    "Global options (before or after the command):\n"
    "  -S, --server NAME     server section of the config to use (default: default)\n"
    "  -c, --config PATH     read only this config file\n"
    "  -o, --output FORMAT   table, json or yaml (default: table)\n"
    "  -d, --debug           debug output on stderr; --debug=http,auth,plugin,config\n"
    "                        limits it to those categories (secrets are redacted)\n"
    "      --no-input        never prompt or start a login; fail instead\n"
    "      --no-browser      print login URLs instead of opening a browser\n"
    "      --version         print the matrixctl version\n"
    "  -h, --help            show help; `matrixctl COMMAND --help` for a command\n";

constexpr const char* kExitCodes =
    "Exit codes: 0 success, 1 failed or declined, 2 usage, 3 config, 4 auth,\n"
    "5 network, 6 server error, 7 plugin error, 130 interrupted.\n";

std::string option_label(const mctl_option_desc& option) {
  if ((option.flags & MCTL_OPT_POSITIONAL) != 0) return "  " + text(option.name);
  std::string label = option.short_name != 0 ? std::string("  -") + option.short_name + ", "
                                             : std::string("      ");
  label += "--" + text(option.name);
  if ((option.flags & MCTL_OPT_FLAG) == 0) {
    label += " " + (option.value_name != nullptr ? text(option.value_name) : std::string("VALUE"));
  }
  return label;
}

}  // namespace

std::string main_help(const plugins::Registry& registry) {
  std::string help =
      "Usage: matrixctl [global options] COMMAND [options]\n"
      "       matrixctl [global options] GROUP COMMAND [options]\n\n"
      "Manage a Synapse homeserver through its Admin API.\n\n";
  std::map<std::string, std::vector<const plugins::Command*>> groups;
  std::size_t width = 0;
  for (const auto& command : registry.commands()) {
    groups[text(command->desc.group)].push_back(command.get());
    width = std::max(width, text(command->desc.name).size());
  }
  help += "Commands:\n";
  if (groups.empty()) help += "  (no plugins installed)\n";
  for (auto& [group, commands] : groups) {
    std::sort(commands.begin(), commands.end(), [](const auto* a, const auto* b) {
      return text(a->desc.name) < text(b->desc.name);
    });
    help += "  " + (group.empty() ? std::string("other") : group) + ":\n";
    for (const auto* command : commands) {
      help += "    " + pad(text(command->desc.name), width) + text(command->desc.summary) + "\n";
    }
  }
  help += "\n";
  help += kGlobalOptions;
  help += "\n";
  help += kExitCodes;
  return help;
}

std::string group_help(const plugins::Registry& registry, const std::string& group) {
  std::string help = "Usage: matrixctl " + group + " COMMAND [options]\n\nCommands:\n";
  for (const auto& command : registry.commands()) {
    if (text(command->desc.group) != group) continue;
    help += "  " + pad(text(command->desc.name), 14) + text(command->desc.summary) + "\n";
  }
  return help;
}

std::string command_help(const plugins::Command& command) {
  // The group word is optional except where the flat name alone would be
  // unclear to a reader, so it is shown in brackets.
  const std::string group = text(command.desc.group);
  std::string usage = "Usage: matrixctl " + (group.empty() ? std::string() : "[" + group + "] ") +
                      text(command.desc.name) + " [options]";
  for (const auto& option : command.options) {
    if ((option.flags & MCTL_OPT_POSITIONAL) == 0) continue;
    const bool required = (option.flags & MCTL_OPT_REQUIRED) != 0;
    usage += std::string(" ") + (required ? "<" : "[") + text(option.name) +
             ((option.flags & MCTL_OPT_MULTI) != 0 ? "..." : "") + (required ? ">" : "]");
  }
  std::string help = usage + "\n\n" + wrap(text(command.desc.summary), 0, 0) + "\n";
  if (command.desc.usage != nullptr) help += "\n" + wrap(text(command.desc.usage), 0, 0) + "\n";
  std::size_t width = 0;
  for (const auto& option : command.options) width = std::max(width, option_label(option).size());
  bool any_positional = false;
  for (const auto& option : command.options) {
    any_positional = any_positional || (option.flags & MCTL_OPT_POSITIONAL) != 0;
  }
  if (any_positional) {
    help += "\nArguments:\n";
    for (const auto& option : command.options) {
      if ((option.flags & MCTL_OPT_POSITIONAL) == 0) continue;
      std::string description = text(option.help);
      if (option.default_value != nullptr) {
        description += " (default: " + text(option.default_value) + ")";
      }
      help += pad(option_label(option), width) + wrap(description, width + 2, width + 2) + "\n";
    }
  }
  help += "\nOptions:\n";
  for (const auto& option : command.options) {
    if ((option.flags & MCTL_OPT_POSITIONAL) != 0) continue;
    std::string description = text(option.help);
    if (option.default_value != nullptr) {
      description += " (default: " + text(option.default_value) + ")";
    }
    help += pad(option_label(option), width) + wrap(description, width + 2, width + 2) + "\n";
  }
  help += pad("  -h, --help", width) + "show this help\n";
  help += "\nGlobal options such as -S, -c, -o and -d work here too; see matrixctl --help.\n";
  return help;
}

}  // namespace matrixctl::cli
