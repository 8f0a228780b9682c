// State of one matrixctl run against the selected server: config, plugin
// registry, output format, and the HTTP client and auth created on demand.
#pragma once

#include "../config/config.h"
#include "../http/client.h"
#include "../output/render.h"
#include "../plugins/plugin_registry.h"

#include <matrixctl/sdk.h>

#include <memory>
#include <optional>
#include <string>

namespace matrixctl::host {

class AuthManager;

struct SessionOptions {
  output::Format format = output::Format::kTable;
  bool no_input = false;    // never prompt; fail with the command to run instead
  bool no_browser = false;  // print login URLs instead of opening a browser
};

class Session {
 public:
  Session(std::optional<config::ServerConfig> server, plugins::Registry& registry,
          SessionOptions options);
  ~Session();

  // Throws Error(MCTL_ERR_CONFIG) when no server section was loaded.
  const config::ServerConfig& server() const;
  bool has_server() const { return server_.has_value(); }
  plugins::Registry& registry() { return registry_; }
  const SessionOptions& options() const { return options_; }

  http::Client& client();
  AuthManager& auth();

 private:
  http::Transport& transport();

  std::optional<config::ServerConfig> server_;
  plugins::Registry& registry_;
  SessionOptions options_;
  std::unique_ptr<http::Transport> transport_;
  std::unique_ptr<AuthManager> auth_;
  std::unique_ptr<http::Client> client_;
};

// The table of host services handed to every plugin's init.
const mctl_host_api* host_api();

}  // namespace matrixctl::host
