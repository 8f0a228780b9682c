// matrixctl entry point: parses the command line, finds the plugin that owns
// the command, loads the config and runs the command.
#include "cli/cli.h"
#include "config/config.h"
#include "diagnostics.h"
#include "host/call.h"
#include "host/session.h"
#include "host/terminal.h"
#include "log.h"
#include "output/render.h"
#include "paths.h"
#include "plugins/plugin_registry.h"

#include <algorithm>
#include <cstdio>

#ifndef MATRIXCTL_VERSION
#error "MATRIXCTL_VERSION must be set by the build"
#endif

namespace matrixctl {
namespace {

std::vector<std::string> command_words(const plugins::Registry& registry) {
  std::vector<std::string> words = registry.group_names();
  for (const auto& command : registry.commands()) words.emplace_back(command->desc.name);
  return words;
}

[[noreturn]] void unknown_command(const plugins::Registry& registry, const std::string& word) {
  if (word.rfind("-", 0) == 0) {
    throw Error(MCTL_ERR_USAGE, word, "unknown global option",
                "global options are -S, -c, -o, -d, --no-input, --no-browser, --version and "
                "--help; a command's own options go after the command (see matrixctl --help)");
  }
  auto close = cli::suggestions(word, command_words(registry));
  // The word itself may be a group name, which is no useful suggestion.
  close.erase(std::remove(close.begin(), close.end(), word), close.end());
  std::string hint;
  if (!close.empty()) {
    hint = "did you mean ";
    for (std::size_t i = 0; i < close.size(); ++i) {
      hint += (i == 0 ? "" : i + 1 == close.size() ? " or " : ", ") + close[i];
    }
    hint += "? ";
  }
  hint += "see matrixctl --help for the list of commands";
  throw Error(MCTL_ERR_USAGE, word, "unknown command", hint);
}

// `matrixctl __complete WORD...`, called by the shell completion scripts.
int complete(const std::vector<std::string>& words) {
  plugins::Registry registry;
  registry.discover(paths::plugin_dirs());
  std::vector<std::string> servers;
  try {
    config::LoadOptions load_options;
    for (std::size_t i = 0; i + 1 < words.size(); ++i) {
      if (words[i] == "-c" || words[i] == "--config") load_options.explicit_path = words[i + 1];
    }
    servers = config::Config::load(load_options).server_names();
  } catch (const Error&) {
    // Without a readable config there are no server names to offer.
  }
  for (const auto& candidate : cli::completions(registry, words, servers)) {
    std::printf("%s\n", candidate.c_str());
  }
  return MCTL_OK;
}

int run(const std::vector<std::string>& args) {
  if (!args.empty() && args[0] == "__complete") {
    return complete(std::vector<std::string>(args.begin() + 1, args.end()));
  }
  const auto global = cli::parse_global(args);
  log::configure(global.debug, global.debug_categories);
  for (const auto& category : log::unknown_categories(global.debug_categories)) {
    warn("unknown debug category \"" + category + "\"; known: http, auth, plugin, config");
  }
  if (global.version) {
    std::printf("matrixctl %s (plugin ABI %d.%d)\n", MATRIXCTL_VERSION, MCTL_ABI_MAJOR,
                MCTL_ABI_MINOR);
    return MCTL_OK;
  }
  const auto output_format = output::parse_format(global.output);
  if (!output_format) {
    throw Error(MCTL_ERR_USAGE, "--output " + global.output, "unknown output format",
                "use table, json or yaml");
  }

  plugins::Registry registry;
  registry.discover(paths::plugin_dirs());

  std::vector<std::string> command_args;
  std::string word;
  const plugins::Command* command = cli::find_command(registry, global.rest, command_args, word);
  if (command == nullptr) {
    if (global.rest.empty()) {
      std::fputs(cli::main_help(registry).c_str(), global.help ? stdout : stderr);
      return global.help ? MCTL_OK : MCTL_ERR_USAGE;
    }
    const auto groups = registry.group_names();
    if (global.rest.size() == 1 && std::find(groups.begin(), groups.end(), word) != groups.end()) {
      std::fputs(cli::group_help(registry, word).c_str(), global.help ? stdout : stderr);
      return global.help ? MCTL_OK : MCTL_ERR_USAGE;
    }
    unknown_command(registry, word);
  }
  if (global.help) {
    std::fputs(cli::command_help(*command).c_str(), stdout);
    return MCTL_OK;
  }
  const auto arguments = cli::parse_command(*command, command_args);

  config::LoadOptions load_options;
  if (global.config_path) load_options.explicit_path = *global.config_path;
  const auto config = config::Config::load(load_options);
  for (const auto& warning : config.warnings_for(global.server)) warn(warning);

  host::Session session(config.server(global.server), registry,
                        host::SessionOptions{*output_format, global.no_input, global.no_browser});
  host::install_interrupt_handler();
  registry.initialise(*command->plugin, host::host_api());

  mctl_call call;
  call.session = &session;
  call.command = command;
  call.args = &arguments;
  call.plugin_id = command->plugin->id;
  const mctl_status status = command->desc.run(command->plugin->state, &call);
  std::fflush(stdout);
  if (status != MCTL_OK) {
    const Failure failure = call.failure.value_or(
        Failure{status, command->desc.name, "failed with status " + std::to_string(status), {}});
    std::fprintf(stderr, "%s\n", format(failure).c_str());
    return status;
  }
  if (host::g_cancelled) return MCTL_ERR_CANCELLED;
  return MCTL_OK;
}

}  // namespace
}  // namespace matrixctl

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  try {
    return matrixctl::run(args);
  } catch (const matrixctl::Error& error) {
    std::fflush(stdout);
    std::fprintf(stderr, "%s\n", matrixctl::format(error.failure()).c_str());
    return error.status();
  } catch (const std::exception& error) {
    std::fflush(stdout);
    std::fprintf(stderr, "matrixctl: error: %s; run with -d for details\n", error.what());
    return MCTL_ERR_FAILED;
  }
}
