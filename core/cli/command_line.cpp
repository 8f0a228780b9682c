// Finding the command and parsing its options with Boost.Program_options.
#include "cli.h"

#include "../diagnostics.h"

#include <boost/program_options.hpp>

#include <algorithm>
#include <climits>

namespace po = boost::program_options;

namespace matrixctl::cli {
namespace {

std::string text(const char* value) { return value != nullptr ? value : ""; }

std::string spec_of(const mctl_option_desc& option) {
  std::string spec = text(option.name);
  if (option.short_name != 0) spec += std::string(",") + option.short_name;
  return spec;
}

bool is_negative_number(const std::string& token) {
  return token.size() > 1 && token[0] == '-' &&
         token.find_first_not_of("0123456789", 1) == std::string::npos;
}

// Takes "-1" as a positional value rather than an option, because
// MatrixCtl's list commands use -1 for "no limit".
std::vector<po::option> negative_number_as_positional(std::vector<std::string>& args) {
  if (args.empty() || !is_negative_number(args[0])) return {};
  po::option value;
  value.position_key = INT_MAX;
  value.value.push_back(args[0]);
  value.original_tokens.push_back(args[0]);
  args.erase(args.begin());
  return {value};
}

[[noreturn]] void usage_error(const plugins::Command& command, const std::string& subject,
                              const std::string& reason) {
  throw Error(MCTL_ERR_USAGE, subject, reason,
              "see matrixctl " + text(command.desc.name) + " --help");
}

}  // namespace

const plugins::Command* find_command(const plugins::Registry& registry,
                                     const std::vector<std::string>& rest,
                                     std::vector<std::string>& command_args, std::string& word) {
  word.clear();
  command_args.clear();
  if (rest.empty() || rest[0] == "--") return nullptr;
  // Grouped form, as MatrixCtl 0.15 has it: `matrixctl user adduser`. It
  // wins over the flat form, because `user` is both a group and a command.
  // MatrixCtl's other category names are accepted too (version was under
  // `self`).
  const auto groups = registry.group_names();
  const bool known_group =
      std::find(groups.begin(), groups.end(), rest[0]) != groups.end() ||
      rest[0] == "self" || rest[0] == "server" || rest[0] == "mod" || rest[0] == "media";
  if (known_group && rest.size() > 1) {
    if (const auto* command = registry.find_command(rest[1])) {
      command_args.assign(rest.begin() + 2, rest.end());
      return command;
    }
  }
  if (const auto* command = registry.find_command(rest[0])) {
    command_args.assign(rest.begin() + 1, rest.end());
    return command;
  }
  word = known_group && rest.size() > 1 ? rest[1] : rest[0];
  return nullptr;
}

ArgumentMap parse_command(const plugins::Command& command, const std::vector<std::string>& args) {
  po::options_description named;
  po::positional_options_description positional;
  for (const auto& option : command.options) {
    const std::string spec = spec_of(option);
    const bool multi = (option.flags & MCTL_OPT_MULTI) != 0;
    if ((option.flags & MCTL_OPT_FLAG) != 0) {
      named.add_options()(spec.c_str(), text(option.help).c_str());
    } else if (multi) {
      named.add_options()(spec.c_str(), po::value<std::vector<std::string>>(),
                          text(option.help).c_str());
    } else {
      named.add_options()(spec.c_str(), po::value<std::string>(), text(option.help).c_str());
    }
    if ((option.flags & MCTL_OPT_POSITIONAL) != 0) positional.add(option.name, multi ? -1 : 1);
  }

  po::variables_map values;
  try {
    po::store(po::command_line_parser(args)
                  .options(named)
                  .positional(positional)
                  .style(po::command_line_style::unix_style ^ po::command_line_style::allow_guessing)
                  .extra_style_parser(negative_number_as_positional)
                  .run(),
              values);
  } catch (const po::too_many_positional_options_error&) {
    usage_error(command, text(command.desc.name), "too many arguments");
  } catch (const po::error& error) {
    usage_error(command, text(command.desc.name), error.what());
  }

  ArgumentMap result;
  for (const auto& option : command.options) {
    const std::string name = text(option.name);
    if (values.count(name) != 0) {
      if ((option.flags & MCTL_OPT_FLAG) != 0) {
        result[name] = {"1"};
      } else if ((option.flags & MCTL_OPT_MULTI) != 0) {
        result[name] = values[name].as<std::vector<std::string>>();
      } else {
        result[name] = {values[name].as<std::string>()};
      }
    } else if ((option.flags & MCTL_OPT_REQUIRED) != 0) {
      usage_error(command, text(command.desc.name),
                  "missing " + std::string((option.flags & MCTL_OPT_POSITIONAL) != 0
                                               ? "argument <" + name + ">"
                                               : "option --" + name));
    } else if (option.default_value != nullptr && (option.flags & MCTL_OPT_FLAG) == 0) {
      result[name] = {option.default_value};
    }
  }
  return result;
}

}  // namespace matrixctl::cli
