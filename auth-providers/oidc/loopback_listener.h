// The loopback HTTP listener on 127.0.0.1 that receives the browser's authorization callback (RFC
// 8252).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace matrixctl::auth_oidc {

// Parameters of the callback request that carried the expected state.
struct CallbackResult {
  std::string code;               // the authorization code; empty when `error` is set
  std::string error;              // OAuth error code, e.g. access_denied
  std::string error_description;  // one line, may be empty
  std::string issuer;             // the RFC 9207 iss parameter; empty when absent
};

class LoopbackListener {
 public:
  using Clock = std::chrono::steady_clock;
  // Receives messages at an MCTL_LOG_* level; they never contain a code.
  using Logger = std::function<void(int32_t level, const std::string& message)>;

  // Binds 127.0.0.1:`port` and listens; port 0 picks a free port. Throws
  // sdk::Error (MCTL_ERR_AUTH) naming the port and `config_key` when the
  // port is in use or cannot be bound.
  LoopbackListener(uint16_t port, const std::string& config_key);
  ~LoopbackListener();
  LoopbackListener(const LoopbackListener&) = delete;
  LoopbackListener& operator=(const LoopbackListener&) = delete;

  uint16_t port() const { return port_; }

  // Returns "http://127.0.0.1:<port>/callback".
  std::string redirect_uri() const;

  // Serves GET requests one at a time until a request to /callback whose
  // state equals `expected_state` carries a code or an error, which gets a
  // short page and ends the wait. Other requests get an error page (400
  // for a missing or wrong state, 404 for another path, 405 for another
  // method) and the wait goes on. Returns std::nullopt at `deadline`.
  // `on_tick` runs about every 200 ms and may throw to end the wait, e.g.
  // on Ctrl-C.
  std::optional<CallbackResult> wait_for_callback(std::string_view expected_state,
                                                  Clock::time_point deadline,
                                                  const std::function<void()>& on_tick,
                                                  const Logger& log);

 private:
  int socket_ = -1;
  uint16_t port_ = 0;
};

}  // namespace matrixctl::auth_oidc
