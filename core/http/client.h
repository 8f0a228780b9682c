// Requests to the selected homeserver: URL building, auth header, 429
// retries, error mapping and paginated lists. Sits above the transport.
#pragma once

#include "../diagnostics.h"
#include "transport.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace matrixctl::http {

using QueryParams = std::vector<std::pair<std::string, std::string>>;

struct ApiRequest {
  std::string method = "GET";
  // Path below the base URL, already expanded with expand_path(), or an
  // absolute URL when `absolute_url` is set.
  std::string path;
  QueryParams query;
  std::string body;
  bool has_body = false;
  std::string content_type;  // default application/json when has_body
  std::vector<std::string> headers;
  bool send_auth = true;
  bool absolute_url = false;
  bool retry_rate_limited = true;
  long timeout_ms = 0;  // 0 = ClientOptions::default_timeout_ms
};

// Supplies the access token when a request needs one; the core's auth layer
// implements it. `refresh` is called at most once per request after a 401
// and returns true when a new token is available.
class TokenSource {
 public:
  virtual ~TokenSource() = default;
  virtual std::string access_token() = 0;
  virtual bool refresh_after_unauthorized() { return false; }
  // Text for messages, e.g. `api.auth_token.token of server "default"`.
  virtual std::string describe() const = 0;
  // Advice for a 403 "not a server admin" that fits how the token was
  // obtained; empty for the general advice.
  virtual std::string forbidden_hint() const { return {}; }
};

struct ClientOptions {
  std::string base_url;         // no trailing slash
  std::string server_name;      // the -S name, for messages
  unsigned concurrent_limit = 4;
  unsigned max_rate_limit_retries = 5;
  long max_retry_wait_ms = 60000;
  long default_timeout_ms = 30000;
};

struct ListRequest {
  std::string path;        // expanded path of the list endpoint
  QueryParams query;       // filters; `from` and `limit` are added here
  std::string items_key;   // "users", "rooms", ...
  std::string next_key;    // "next_token" (string) or "next_batch" (integer)
  std::string total_key;   // "total", "total_rooms" or empty
  uint32_t page_size = 100;
  uint64_t max_items = 0;  // 0 = all
};

struct ListResult {
  std::string items_json;  // JSON array, server order
  uint64_t item_count = 0;
  uint64_t server_total = 0;
};

class Client {
 public:
  // `transport` is called on first use only, so commands that send nothing
  // never load libcurl.
  Client(ClientOptions options, std::function<Transport&()> transport, TokenSource* tokens);

  // Sends one request; retries 429 M_LIMIT_EXCEEDED after retry_after_ms or
  // Retry-After, up to the caps. Returns any HTTP status. Throws Error
  // (MCTL_ERR_NETWORK) when no response arrives.
  Response send(const ApiRequest& request);

  // Like send(), but throws the Error from describe_failure() for any
  // status outside 2xx (redirects are not followed, so 3xx fails too).
  Response send_checked(const ApiRequest& request);

  // Sends the requests with at most concurrent_limit in flight, then gives
  // each response the same 429 and 401 handling as send(). Returns the
  // responses in the order of `requests`.
  std::vector<Response> send_all(const std::vector<ApiRequest>& requests);

  // Follows a paginated list to the end. See pagination.h for the rules.
  ListResult list(const ListRequest& request);

  // The one-line failure for an error response: 401 and 403 get distinct
  // auth messages, {errcode, error} bodies are quoted, a non-JSON body is
  // reported with its status, content type and a short excerpt.
  Failure describe_failure(const ApiRequest& request, const Response& response) const;

  const ClientOptions& options() const { return options_; }

  // Replaces the wait before a 429 retry (std::this_thread::sleep_for by
  // default), so tests need not really wait.
  void set_sleep(std::function<void(long milliseconds)> sleep) { sleep_ = std::move(sleep); }

 private:
  Request to_transport_request(const ApiRequest& request, const std::string& token) const;
  Transport& transport();
  std::string token_for(const ApiRequest& request);
  Response perform_logged(const Request& wire);
  // Retries `response` after 429 and 401 as the rules allow, and throws
  // Error(MCTL_ERR_NETWORK) when there is no response.
  Response complete(const ApiRequest& request, Response response, std::string token);
  Error network_error(const ApiRequest& request, const Response& response) const;

  ClientOptions options_;
  std::function<Transport&()> transport_;
  Transport* transport_instance_ = nullptr;
  TokenSource* tokens_;
  std::function<void(long milliseconds)> sleep_;
};

}  // namespace matrixctl::http
