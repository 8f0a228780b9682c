// Interface of the libcurl transport, which lives in the core-internal
// library libmatrixctl-transport.so so that --help and --version start
// without loading libcurl and OpenSSL. Both sides are built from this tree
// with the same compiler, so C++ types may cross here (unlike the plugin ABI).
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace matrixctl::http {

struct Request {
  std::string method = "GET";        // GET, POST, PUT, DELETE
  std::string url;                   // absolute, already encoded
  std::vector<std::string> headers;  // "Name: value"
  std::string body;
  bool has_body = false;
  long timeout_ms = 30000;
};

struct Response {
  long status = 0;              // 0 when the request did not complete
  std::string body;
  std::string content_type;     // empty when absent
  std::string retry_after;      // Retry-After header value, empty when absent
  std::string www_authenticate; // WWW-Authenticate header value
  std::string error;            // transport error text when status == 0
  bool timed_out = false;
};

struct TransportOptions {
  std::string user_agent;  // "matrixctl/<version>"
  long connect_timeout_ms = 10000;
  bool verify_tls = true;
};

class Transport {
 public:
  virtual ~Transport() = default;
  // Sends one request on the shared connection pool.
  virtual Response perform(const Request& request) = 0;
  // Sends all requests with at most `max_parallel` in flight, and returns
  // the responses in the order of `requests`.
  virtual std::vector<Response> perform_all(const std::vector<Request>& requests,
                                            unsigned max_parallel) = 0;
};

// Loads the transport library at `library` (normally
// <libdir>/matrixctl/libmatrixctl-transport.so) and creates a transport.
// Throws matrixctl::Error (MCTL_ERR_PLUGIN) when it cannot be loaded.
std::unique_ptr<Transport> load_transport(const std::string& library,
                                          const TransportOptions& options);

}  // namespace matrixctl::http

// The factory the transport library exports (resolved with dlsym).
extern "C" matrixctl::http::Transport* matrixctl_transport_create(
    const matrixctl::http::TransportOptions* options);
