// Session: lazy creation of the transport, HTTP client and auth.
#include "session.h"

#include "../paths.h"
#include "auth.h"

#ifndef MATRIXCTL_VERSION
#error "MATRIXCTL_VERSION must be set by the build"
#endif

namespace matrixctl::host {

Session::Session(std::optional<config::ServerConfig> server, plugins::Registry& registry,
                 SessionOptions options)
    : server_(std::move(server)), registry_(registry), options_(options) {}

Session::~Session() = default;

const config::ServerConfig& Session::server() const {
  if (!server_) {
    throw Error(MCTL_ERR_CONFIG, "config", "no server is selected",
                "this command needs a config file with a servers section");
  }
  return *server_;
}

http::Transport& Session::transport() {
  if (!transport_) {
    http::TransportOptions options;
    options.user_agent = std::string("matrixctl/") + MATRIXCTL_VERSION;
    if (const auto verify = server().lookup("api.verify_tls")) {
      options.verify_tls = *verify != "false";
    }
    const auto library = paths::private_lib_dir() / "libmatrixctl-transport.so";
    transport_ = http::load_transport(library.string(), options);
  }
  return *transport_;
}

AuthManager& Session::auth() {
  if (!auth_) auth_ = std::make_unique<AuthManager>(*this);
  return *auth_;
}

http::Client& Session::client() {
  if (!client_) {
    http::ClientOptions options;
    options.base_url = server().base_url();
    options.server_name = server().name();
    options.concurrent_limit = server().concurrent_limit();
    if (const auto timeout = server().lookup("api.timeout")) {
      try {
        options.default_timeout_ms = static_cast<long>(std::stod(*timeout) * 1000);
      } catch (const std::exception&) {
        // The config module validates the type; keep the default otherwise.
      }
    }
    client_ = std::make_unique<http::Client>(
        options, [this]() -> http::Transport& { return transport(); }, &auth());
  }
  return *client_;
}

}  // namespace matrixctl::host
