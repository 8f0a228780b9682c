// The libcurl implementation of http::Transport, built into
// libmatrixctl-transport.so. Every request goes through one curl multi
// handle that lives as long as the transport, so its connection pool and
// HTTP/2 multiplexing serve all requests. A share handle adds a TLS session
// cache and a DNS cache.
#include "transport.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>
#include <strings.h>

namespace matrixctl::http {
namespace {

// Maximum number of idle connections kept for reuse. The client sends at
// most concurrent_limit requests at once (4 by default), so 16 leaves room.
constexpr long kMaxIdleConnections = 16;
constexpr int kPollTimeoutMs = 1000;

struct Transfer {
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  Response* response = nullptr;
  char error[CURL_ERROR_SIZE] = {};

  Transfer() = default;
  Transfer(const Transfer&) = delete;
  Transfer& operator=(const Transfer&) = delete;
  ~Transfer() {
    if (easy != nullptr) curl_easy_cleanup(easy);
    curl_slist_free_all(headers);
  }
};

size_t write_body(char* data, size_t size, size_t count, void* user) {
  static_cast<Response*>(user)->body.append(data, size * count);
  return size * count;
}

std::string trimmed(const char* begin, const char* end) {
  while (begin < end && (*begin == ' ' || *begin == '\t')) ++begin;
  while (end > begin && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r' || end[-1] == '\n')) {
    --end;
  }
  return std::string(begin, end);
}

size_t read_header(char* data, size_t size, size_t count, void* user) {
  auto* response = static_cast<Response*>(user);
  const size_t length = size * count;
  const char* end = data + length;
  // A new status line starts a new header block (for example after 100 Continue),
  // and only the last block belongs to the final response.
  if (length >= 5 && std::strncmp(data, "HTTP/", 5) == 0) {
    response->content_type.clear();
    response->retry_after.clear();
    response->www_authenticate.clear();
    return length;
  }
  const char* colon = static_cast<const char*>(std::memchr(data, ':', length));
  if (colon == nullptr) return length;
  const std::string_view name(data, static_cast<size_t>(colon - data));
  auto is = [&](const char* expected) {
    return name.size() == std::strlen(expected) &&
           strncasecmp(name.data(), expected, name.size()) == 0;
  };
  if (is("Content-Type")) {
    response->content_type = trimmed(colon + 1, end);
  } else if (is("Retry-After")) {
    response->retry_after = trimmed(colon + 1, end);
  } else if (is("WWW-Authenticate")) {
    response->www_authenticate = trimmed(colon + 1, end);
  }
  return length;
}

class CurlTransport final : public Transport {
 public:
  explicit CurlTransport(const TransportOptions& options) : options_(options) {
    multi_ = curl_multi_init();
    share_ = curl_share_init();
    if (multi_ == nullptr || share_ == nullptr) throw std::bad_alloc();
    curl_multi_setopt(multi_, CURLMOPT_MAXCONNECTS, kMaxIdleConnections);
    curl_multi_setopt(multi_, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
    curl_share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
    curl_share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
  }

  ~CurlTransport() override {
    curl_multi_cleanup(multi_);
    curl_share_cleanup(share_);
  }

  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  Response perform(const Request& request) override {
    return std::move(perform_all({request}, 1).front());
  }

  std::vector<Response> perform_all(const std::vector<Request>& requests,
                                    unsigned max_parallel) override;

 private:
  std::unique_ptr<Transfer> start(const Request& request, Response& response);
  void finish(Transfer& transfer, CURLcode result);

  TransportOptions options_;
  CURLM* multi_ = nullptr;
  CURLSH* share_ = nullptr;
  // The multi handle serves one caller at a time.
  std::mutex mutex_;
};

std::unique_ptr<Transfer> CurlTransport::start(const Request& request, Response& response) {
  auto transfer = std::make_unique<Transfer>();
  transfer->response = &response;
  CURL* easy = curl_easy_init();
  if (easy == nullptr) {
    response.error = "curl_easy_init failed";
    return nullptr;
  }
  transfer->easy = easy;

  curl_easy_setopt(easy, CURLOPT_PRIVATE, transfer.get());
  curl_easy_setopt(easy, CURLOPT_SHARE, share_);
  curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, transfer->error);
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(easy, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
  curl_easy_setopt(easy, CURLOPT_PIPEWAIT, 1L);
  curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, options_.verify_tls ? 1L : 0L);
  curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, options_.verify_tls ? 2L : 0L);
  curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, options_.connect_timeout_ms);
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, request.timeout_ms);
  curl_easy_setopt(easy, CURLOPT_USERAGENT, options_.user_agent.c_str());
  curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, write_body);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, &response);
  curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, read_header);
  curl_easy_setopt(easy, CURLOPT_HEADERDATA, &response);

  if (request.has_body || request.method == "POST" || request.method == "PUT") {
    // POSTFIELDS does not copy, so `request` must outlive the transfer, which it does.
    curl_easy_setopt(easy, CURLOPT_POSTFIELDS, request.has_body ? request.body.data() : "");
    curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request.has_body ? request.body.size() : 0));
    // An empty POST or PUT carries no form data, so curl's default
    // application/x-www-form-urlencoded would be wrong.
    if (!request.has_body) transfer->headers = curl_slist_append(transfer->headers, "Content-Type:");
  } else {
    curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
  }
  if (request.method != "GET" && request.method != "POST") {
    curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  } else if (request.method == "GET" && request.has_body) {
    curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, "GET");
  }

  for (const auto& header : request.headers) {
    transfer->headers = curl_slist_append(transfer->headers, header.c_str());
  }
  // Without this, curl waits up to a second for "100 Continue" before a
  // large body.
  transfer->headers = curl_slist_append(transfer->headers, "Expect:");
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, transfer->headers);

  const CURLMcode added = curl_multi_add_handle(multi_, easy);
  if (added != CURLM_OK) {
    response.error = curl_multi_strerror(added);
    return nullptr;
  }
  return transfer;
}

void CurlTransport::finish(Transfer& transfer, CURLcode result) {
  Response& response = *transfer.response;
  if (result == CURLE_OK) {
    long status = 0;
    curl_easy_getinfo(transfer.easy, CURLINFO_RESPONSE_CODE, &status);
    response.status = status;
  } else {
    response.status = 0;
    response.body.clear();
    response.error = transfer.error[0] != '\0' ? transfer.error : curl_easy_strerror(result);
    response.timed_out = result == CURLE_OPERATION_TIMEDOUT;
  }
  curl_multi_remove_handle(multi_, transfer.easy);
}

std::vector<Response> CurlTransport::perform_all(const std::vector<Request>& requests,
                                                 unsigned max_parallel) {
  const std::lock_guard lock(mutex_);
  std::vector<Response> responses(requests.size());
  const size_t parallel = std::max(max_parallel, 1u);
  std::vector<std::unique_ptr<Transfer>> in_flight;
  size_t next = 0;

  while (next < requests.size() || !in_flight.empty()) {
    while (in_flight.size() < parallel && next < requests.size()) {
      auto transfer = start(requests[next], responses[next]);
      ++next;
      if (transfer != nullptr) in_flight.push_back(std::move(transfer));
    }
    if (in_flight.empty()) continue;

    int running = 0;
    const CURLMcode performed = curl_multi_perform(multi_, &running);
    if (performed != CURLM_OK) {
      for (auto& transfer : in_flight) {
        transfer->response->error = curl_multi_strerror(performed);
        curl_multi_remove_handle(multi_, transfer->easy);
      }
      in_flight.clear();
      continue;
    }

    bool finished_any = false;
    int queued = 0;
    while (CURLMsg* message = curl_multi_info_read(multi_, &queued)) {
      if (message->msg != CURLMSG_DONE) continue;
      Transfer* done = nullptr;
      curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &done);
      const CURLcode result = message->data.result;
      finish(*done, result);
      finished_any = true;
      in_flight.erase(std::find_if(in_flight.begin(), in_flight.end(),
                                   [done](const auto& transfer) { return transfer.get() == done; }));
    }

    // After a completion, queued requests start before the next wait.
    if (running > 0 && !finished_any) curl_multi_poll(multi_, nullptr, 0, kPollTimeoutMs, nullptr);
  }
  return responses;
}

}  // namespace
}  // namespace matrixctl::http

extern "C" __attribute__((visibility("default"))) matrixctl::http::Transport*
matrixctl_transport_create(const matrixctl::http::TransportOptions* options) {
  static const CURLcode initialised = curl_global_init(CURL_GLOBAL_DEFAULT);
  if (initialised != CURLE_OK || options == nullptr) return nullptr;
  try {
    return new matrixctl::http::CurlTransport(*options);
  } catch (const std::exception&) {
    return nullptr;
  }
}
