// Sending requests to the homeserver: URLs, auth header, 429 and 401
// retries, and the debug log of each request.
#include "client.h"

#include "../log.h"
#include "ids.h"
#include "rate_limit.h"
#include "url_text.h"

#include <algorithm>
#include <chrono>
#include <thread>

namespace matrixctl::http {
namespace {

using Clock = std::chrono::steady_clock;

long elapsed_ms(Clock::time_point start) {
  return static_cast<long>(
      std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count());
}

// Finds the bearer token in the headers of a wire request, for the log.
std::string_view bearer_token(const Request& wire) {
  constexpr std::string_view kPrefix = "Authorization: Bearer ";
  for (const auto& header : wire.headers) {
    if (std::string_view(header).substr(0, kPrefix.size()) == kPrefix) {
      return std::string_view(header).substr(kPrefix.size());
    }
  }
  return {};
}

void log_exchange(const Request& wire, const Response& response, long duration_ms,
                  std::string_view timing_note) {
  if (!log::enabled("http")) return;
  std::string line = wire.method + " " + redact_query_secrets(wire.url);
  if (response.status == 0) {
    line += " -> no response after " + std::to_string(duration_ms) + " ms" +
            std::string(timing_note) + ": " + response.error;
  } else {
    line += " -> " + std::to_string(response.status) + " in " + std::to_string(duration_ms) +
            " ms" + std::string(timing_note) + ", " + std::to_string(response.body.size()) +
            " bytes";
  }
  if (const auto token = bearer_token(wire); !token.empty()) {
    line += "; Authorization: Bearer " + log::redacted(token);
  }
  if (wire.has_body) line += "; <" + std::to_string(wire.body.size()) + " bytes body not shown>";
  log::debug("http", line);
}

std::string format_wait(long milliseconds) {
  if (milliseconds < 1000) return std::to_string(milliseconds) + " ms";
  return std::to_string((milliseconds + 999) / 1000) + " s";
}

// Waits this long or longer get a warning, so a pause does not look like a hang.
constexpr long kWarnWaitMs = 2000;

}  // namespace

Client::Client(ClientOptions options, std::function<Transport&()> transport, TokenSource* tokens)
    : options_(std::move(options)),
      transport_(std::move(transport)),
      tokens_(tokens),
      sleep_([](long milliseconds) {
        std::this_thread::sleep_for(std::chrono::milliseconds(milliseconds));
      }) {}

Transport& Client::transport() {
  if (transport_instance_ == nullptr) transport_instance_ = &transport_();
  return *transport_instance_;
}

std::string Client::token_for(const ApiRequest& request) {
  if (!request.send_auth || tokens_ == nullptr) return {};
  return tokens_->access_token();
}

Request Client::to_transport_request(const ApiRequest& request, const std::string& token) const {
  Request wire;
  wire.method = request.method;
  wire.url = request.absolute_url ? request.path : join_url(options_.base_url, request.path);
  if (!request.query.empty()) {
    const bool has_query = wire.url.find('?') != std::string::npos;
    std::string query = build_query(request.query);
    if (has_query) query.front() = '&';
    wire.url += query;
  }
  wire.headers = request.headers;
  wire.headers.emplace_back("Accept: application/json");
  if (!token.empty()) wire.headers.push_back("Authorization: Bearer " + token);
  if (request.has_body) {
    const std::string& type =
        request.content_type.empty() ? std::string("application/json") : request.content_type;
    wire.headers.push_back("Content-Type: " + type);
  }
  wire.body = request.body;
  wire.has_body = request.has_body;
  wire.timeout_ms = request.timeout_ms > 0 ? request.timeout_ms : options_.default_timeout_ms;
  return wire;
}

Response Client::perform_logged(const Request& wire) {
  const auto start = Clock::now();
  Response response = transport().perform(wire);
  log_exchange(wire, response, elapsed_ms(start), {});
  return response;
}

Response Client::send(const ApiRequest& request) {
  std::string token = token_for(request);
  Response response = perform_logged(to_transport_request(request, token));
  return complete(request, std::move(response), std::move(token));
}

Response Client::send_checked(const ApiRequest& request) {
  Response response = send(request);
  if (response.status < 200 || response.status >= 300) {
    throw Error(describe_failure(request, response));
  }
  return response;
}

std::vector<Response> Client::send_all(const std::vector<ApiRequest>& requests) {
  if (requests.empty()) return {};
  if (requests.size() == 1) return {send(requests.front())};

  std::vector<std::string> tokens;
  std::vector<Request> wires;
  tokens.reserve(requests.size());
  wires.reserve(requests.size());
  for (const auto& request : requests) {
    tokens.push_back(token_for(request));
    wires.push_back(to_transport_request(request, tokens.back()));
  }

  const unsigned parallel = std::max(options_.concurrent_limit, 1u);
  const auto start = Clock::now();
  std::vector<Response> responses = transport().perform_all(wires, parallel);
  const long duration = elapsed_ms(start);
  const std::string note = " (batch of " + std::to_string(wires.size()) + ")";
  for (std::size_t i = 0; i < wires.size(); ++i) log_exchange(wires[i], responses[i], duration, note);

  // Retries run one by one, because after a 429 the server expects fewer requests.
  for (std::size_t i = 0; i < requests.size(); ++i) {
    responses[i] = complete(requests[i], std::move(responses[i]), std::move(tokens[i]));
  }
  return responses;
}

Response Client::complete(const ApiRequest& request, Response response, std::string token) {
  unsigned rate_limited = 0;
  bool auth_retried = false;
  while (true) {
    if (response.status == 0) throw network_error(request, response);

    if (response.status == 429 && request.retry_rate_limited &&
        rate_limited < options_.max_rate_limit_retries) {
      const long wait = rate_limit_wait_ms(response, rate_limited, options_.max_retry_wait_ms);
      ++rate_limited;
      const std::string message = "the homeserver rate limited " + request.method + " " +
                                  without_query(request.path) + ", retrying in " +
                                  format_wait(wait) + " (retry " + std::to_string(rate_limited) +
                                  " of " + std::to_string(options_.max_rate_limit_retries) + ")";
      if (wait >= kWarnWaitMs) {
        warn(message);
      } else {
        log::debug("http", message);
      }
      sleep_(wait);
      response = perform_logged(to_transport_request(request, token));
      continue;
    }

    if (response.status == 401 && !auth_retried && request.send_auth && tokens_ != nullptr) {
      auth_retried = true;
      // A request sent in the same batch as another may carry a token that the
      // other request's refresh has already replaced. It is then retried with
      // the new token and needs no refresh of its own.
      std::string current = tokens_->access_token();
      if (current == token) {
        if (!tokens_->refresh_after_unauthorized()) return response;
        current = tokens_->access_token();
      }
      log::debug("http", request.method + " " + without_query(request.path) +
                             " returned 401, so it is retried once with a new access token");
      token = std::move(current);
      response = perform_logged(to_transport_request(request, token));
      continue;
    }

    return response;
  }
}

}  // namespace matrixctl::http
