// Harness pieces for OpenID Connect tests: the MAS-like provider from
// tests/oidc, processes that run in the background, and loopback ports.
#pragma once

#include "harness.h"

#include <map>
#include <memory>

#include <string>
#include <vector>

namespace e2e {

constexpr const char* kClientId = "01J44RKQYM4G3TNVANTMTDYTX6";
constexpr const char* kClientSecret = "matrixctl-post-secret";

// `node tests/oidc/provider.mjs` on a free loopback port, stopped on
// destruction.
class OidcProvider {
 public:
  explicit OidcProvider(const std::vector<std::string>& extra_args = {});
  ~OidcProvider();
  OidcProvider(const OidcProvider&) = delete;
  OidcProvider& operator=(const OidcProvider&) = delete;

  std::string issuer() const { return "http://127.0.0.1:" + std::to_string(port_); }
  // GET or POST a /_test/ hook; returns the body.
  std::string hook(const std::string& method, const std::string& path,
                   const std::string& body = {}) const;
  // Number of token-endpoint requests of `grant_type` so far.
  int token_requests(const std::string& grant_type) const;

 private:
  int pid_ = -1;
  int port_ = 0;
  std::string dir_;
};

// A process whose stdout and stderr go to files, for tests that act while
// it runs (device codes, callbacks, concurrent refreshes).
class BackgroundProcess {
 public:
  BackgroundProcess(const std::string& program, const std::vector<std::string>& args,
                    const std::map<std::string, std::string>& env);
  ~BackgroundProcess();
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

  std::string out() const;
  std::string err() const;
  // Waits until stderr contains `text`; false after `timeout_seconds`.
  bool wait_for_err(const std::string& text, int timeout_seconds = 20) const;
  // Waits for the exit and returns the status (or -1 after the timeout).
  int wait(int timeout_seconds = 60);

 private:
  int pid_ = -1;
  int exit_code_ = -1;
  std::string dir_;
};

// A TCP port on 127.0.0.1 that was free a moment ago.
int free_port();

// The environment matrixctl() uses for `home`, with $BROWSER set to the
// headless Chromium driver of tests/oidc logging in as `user`.
std::map<std::string, std::string> browser_env(const TempDir& home, const std::string& user);

// Runs matrixctl in the background with browser_env().
std::unique_ptr<BackgroundProcess> matrixctl_background(
    const TempDir& home, const std::vector<std::string>& args,
    const std::map<std::string, std::string>& env);

// A config with server "default" using auth_type oidc against `provider`
// and `sim`, callback on `redirect_port`.
std::string write_oidc_config(const TempDir& dir, const Simulator& sim,
                              const OidcProvider& provider, int redirect_port,
                              const std::string& extra_oidc_yaml = {});

// synapse-sim arguments for MAS mode against `provider`.
std::vector<std::string> mas_sim_args(const OidcProvider& provider);

// The verification URI (<issuer>/link) and user code of a device login,
// from the "...link?user_code=CODE" line the CLI prints. False when absent.
bool parse_device_prompt(const std::string& err, const OidcProvider& provider, std::string& uri,
                         std::string& code);

// Whole text of a file, "" when missing.
std::string read_text(const std::string& path);

// Lines of the browser driver's log (one run prints several lines).
int browser_runs(const TempDir& home);

}  // namespace e2e
