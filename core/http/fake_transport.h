// Test doubles for the client tests: a Transport that returns responses
// from a handler and records the requests, and a fixed TokenSource.
#pragma once

#include "client.h"
#include "transport.h"

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

namespace matrixctl::http::testing {

class FakeTransport : public Transport {
 public:
  std::function<Response(const Request&)> handler;
  std::vector<Request> sent;
  std::vector<std::size_t> batch_sizes;
  unsigned max_parallel_seen = 0;

  Response perform(const Request& request) override {
    batch_sizes.push_back(1);
    sent.push_back(request);
    return handler(request);
  }

  std::vector<Response> perform_all(const std::vector<Request>& requests,
                                    unsigned max_parallel) override {
    batch_sizes.push_back(requests.size());
    max_parallel_seen = std::max(max_parallel_seen, max_parallel);
    std::vector<Response> responses;
    for (const auto& request : requests) {
      sent.push_back(request);
      responses.push_back(handler(request));
    }
    return responses;
  }
};

class FakeTokens : public TokenSource {
 public:
  std::string token = "syt_secret_token";
  std::string refreshed_token;  // empty: refresh fails
  int refresh_calls = 0;

  std::string access_token() override { return token; }
  bool refresh_after_unauthorized() override {
    ++refresh_calls;
    if (refreshed_token.empty()) return false;
    token = refreshed_token;
    return true;
  }
  std::string describe() const override { return "api.auth_token.token of server \"default\""; }
};

inline Response json_response(long status, std::string body) {
  Response response;
  response.status = status;
  response.body = std::move(body);
  response.content_type = "application/json";
  return response;
}

// The value of query parameter `key` in `url`, undecoded; "" when absent.
inline std::string query_value(const std::string& url, const std::string& key) {
  const auto question = url.find('?');
  if (question == std::string::npos) return {};
  std::string rest = url.substr(question + 1);
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const std::string pair = rest.substr(0, amp);
    if (pair.rfind(key + "=", 0) == 0) return pair.substr(key.size() + 1);
    if (amp == std::string::npos) break;
    rest = rest.substr(amp + 1);
  }
  return {};
}

}  // namespace matrixctl::http::testing
