// Global options, accepted before and after the command.
#include "cli.h"

#include "../diagnostics.h"

namespace matrixctl::cli {
namespace {

// Options that take a value, by their short and long spelling.
struct ValueOption {
  const char* short_name;
  const char* long_name;
};
constexpr ValueOption kValueOptions[] = {{"-S", "--server"}, {"-c", "--config"}, {"-o", "--output"}};

void assign(GlobalOptions& options, const std::string& long_name, const std::string& value) {
  if (long_name == "--server") {
    options.server = value;
  } else if (long_name == "--config") {
    options.config_path = value;
  } else {
    options.output = value;
    options.output_given = true;
  }
}

}  // namespace

GlobalOptions parse_global(const std::vector<std::string>& args) {
  GlobalOptions options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& token = args[i];
    if (token == "--") {
      options.rest.insert(options.rest.end(), args.begin() + static_cast<long>(i), args.end());
      break;
    }
    if (token == "-d" || token == "--debug") {
      options.debug = true;
      continue;
    }
    if (token.rfind("--debug=", 0) == 0 || token.rfind("-d=", 0) == 0) {
      options.debug = true;
      options.debug_categories = token.substr(token.find('=') + 1);
      continue;
    }
    if (token == "--version") {
      options.version = true;
      continue;
    }
    if (token == "-h" || token == "--help") {
      options.help = true;
      continue;
    }
    if (token == "--no-input") {
      options.no_input = true;
      continue;
    }
    if (token == "--no-browser") {
      options.no_browser = true;
      continue;
    }
    bool consumed = false;
    for (const auto& option : kValueOptions) {
      const std::string short_name = option.short_name;
      const std::string long_name = option.long_name;
      if (token == short_name || token == long_name) {
        if (i + 1 >= args.size()) {
          throw Error(MCTL_ERR_USAGE, token, "this option needs a value",
                      "see matrixctl --help");
        }
        assign(options, long_name, args[++i]);
        consumed = true;
      } else if (token.rfind(long_name + "=", 0) == 0) {
        assign(options, long_name, token.substr(long_name.size() + 1));
        consumed = true;
      } else if (token.size() > 2 && token.rfind(short_name, 0) == 0) {
        assign(options, long_name, token.substr(2));
        consumed = true;
      }
      if (consumed) break;
    }
    if (!consumed) options.rest.push_back(token);
  }
  return options;
}

}  // namespace matrixctl::cli
