// The loopback HTTP listener on 127.0.0.1 that receives the browser's authorization callback (RFC
// 8252).
#include "loopback_listener.h"

#include "form.h"

#include <matrixctl/sdk.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace matrixctl::auth_oidc {
namespace {

constexpr int kPollMilliseconds = 200;
// A client that has not sent its request head within this time is dropped,
// so that an idle connection cannot block the login.
constexpr std::chrono::seconds kRequestTimeout{5};
constexpr std::size_t kMaxRequestBytes = 16 * 1024;
constexpr std::string_view kCallbackPath = "/callback";

class Socket {
 public:
  explicit Socket(int fd) : fd_(fd) {}
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  ~Socket() {
    if (fd_ >= 0) close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

std::string html_escape(std::string_view text) {
  std::string escaped;
  for (const char c : text) {
    switch (c) {
      case '&': escaped += "&amp;"; break;
      case '<': escaped += "&lt;"; break;
      case '>': escaped += "&gt;"; break;
      case '"': escaped += "&quot;"; break;
      case '\'': escaped += "&#39;"; break;
      default: escaped += c;
    }
  }
  return escaped;
}

void send_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t sent = send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (sent < 0 && errno == EINTR) continue;
    if (sent <= 0) return;
    data.remove_prefix(static_cast<std::size_t>(sent));
  }
}

void send_page(int fd, int status, std::string_view reason, std::string_view message,
               std::string_view extra_headers = {}) {
  const std::string body =
      "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>matrixctl login</title></head>"
      "<body><p>" +
      html_escape(message) + "</p></body></html>\n";
  std::string response = "HTTP/1.1 " + std::to_string(status) + " " + std::string(reason) +
                         "\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " +
                         std::to_string(body.size()) +
                         "\r\nCache-Control: no-store\r\nReferrer-Policy: no-referrer\r\n"
                         "Connection: close\r\n" +
                         std::string(extra_headers) + "\r\n" + body;
  send_all(fd, response);
  // Unread bytes at close() would make the kernel send a reset, which can
  // discard the page before the browser shows it.
  shutdown(fd, SHUT_WR);
  char discard[512];
  while (recv(fd, discard, sizeof discard, MSG_DONTWAIT) > 0) {
  }
}

// Reads the request head (up to the blank line). Returns std::nullopt when
// the client closed, sent too much or took too long.
std::optional<std::string> read_request_head(int fd, LoopbackListener::Clock::time_point deadline,
                                             const std::function<void()>& on_tick) {
  std::string head;
  const auto request_deadline =
      std::min(deadline, LoopbackListener::Clock::now() + kRequestTimeout);
  while (head.find("\r\n\r\n") == std::string::npos) {
    on_tick();
    if (LoopbackListener::Clock::now() >= request_deadline) return std::nullopt;
    pollfd ready{fd, POLLIN, 0};
    const int count = poll(&ready, 1, kPollMilliseconds);
    if (count < 0 && errno != EINTR) return std::nullopt;
    if (count <= 0) continue;
    char buffer[2048];
    const ssize_t got = recv(fd, buffer, sizeof buffer, 0);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return std::nullopt;
    head.append(buffer, static_cast<std::size_t>(got));
    if (head.size() > kMaxRequestBytes) return std::nullopt;
  }
  return head;
}

bool equal_in_constant_time(std::string_view left, std::string_view right) {
  if (left.size() != right.size()) return false;
  unsigned char difference = 0;
  for (std::size_t i = 0; i < left.size(); ++i) {
    difference |= static_cast<unsigned char>(left[i] ^ right[i]);
  }
  return difference == 0;
}

// Handles one request. Returns the result when it ends the wait.
std::optional<CallbackResult> handle_request(int fd, std::string_view head,
                                             std::string_view expected_state,
                                             const LoopbackListener::Logger& log) {
  const std::string_view request_line = head.substr(0, head.find("\r\n"));
  const std::size_t method_end = request_line.find(' ');
  const std::size_t target_end = request_line.find(' ', method_end + 1);
  if (method_end == std::string_view::npos || target_end == std::string_view::npos) {
    send_page(fd, 400, "Bad Request", "This is not a valid HTTP request.");
    return std::nullopt;
  }
  const std::string_view method = request_line.substr(0, method_end);
  const std::string_view target = request_line.substr(method_end + 1, target_end - method_end - 1);
  const std::size_t question = target.find('?');
  const std::string_view path = target.substr(0, question);
  const std::string_view query =
      question == std::string_view::npos ? std::string_view() : target.substr(question + 1);

  if (method != "GET") {
    log(MCTL_LOG_DEBUG, "login callback: rejected a " + std::string(method) + " request");
    send_page(fd, 405, "Method Not Allowed", "Only GET is supported.", "Allow: GET\r\n");
    return std::nullopt;
  }
  if (path != kCallbackPath) {
    // Browsers ask for /favicon.ico on their own; that is no reason to log.
    if (path != "/favicon.ico") {
      log(MCTL_LOG_DEBUG, "login callback: no page at " + std::string(path));
    }
    send_page(fd, 404, "Not Found", "Not found.");
    return std::nullopt;
  }

  const FormFields fields = parse_query(query);
  const std::string* state = find_field(fields, "state");
  if (state == nullptr || !equal_in_constant_time(*state, expected_state)) {
    log(MCTL_LOG_WARNING,
        "ignored a login callback with a missing or wrong state; it may come from an older "
        "login's browser tab");
    send_page(fd, 400, "Bad Request",
              "This callback does not belong to the login that matrixctl is waiting for. Open "
              "the URL that matrixctl printed to log in.");
    return std::nullopt;
  }

  CallbackResult result;
  if (const std::string* issuer = find_field(fields, "iss")) result.issuer = *issuer;

  const std::string* error = find_field(fields, "error");
  if (error != nullptr && !error->empty()) {
    result.error = *error;
    if (const std::string* description = find_field(fields, "error_description")) {
      for (const char c : *description) {
        result.error_description += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
      }
    }
    send_page(fd, 200, "OK",
              "The login failed: " + result.error +
                  (result.error_description.empty() ? "" : " (" + result.error_description + ")") +
                  ". See matrixctl's output for what to do.");
    return result;
  }

  const std::string* code = find_field(fields, "code");
  if (code == nullptr || code->empty()) {
    log(MCTL_LOG_WARNING, "ignored a login callback that has neither a code nor an error");
    send_page(fd, 400, "Bad Request", "The callback has no authorization code.");
    return std::nullopt;
  }
  send_page(fd, 200, "OK", "matrixctl is logged in. You can close this tab.");
  result.code = *code;
  return result;
}

}  // namespace

LoopbackListener::LoopbackListener(uint16_t port, const std::string& config_key) {
  socket_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (socket_ < 0) {
    throw sdk::Error(
        MCTL_ERR_AUTH, config_key,
        std::string("cannot create a socket for the login callback: ") + std::strerror(errno));
  }
  // Lets a new login bind while connections of the last one are in
  // TIME_WAIT; on Linux it still fails while another socket listens.
  const int on = 1;
  setsockopt(socket_, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);

  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(socket_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 ||
      listen(socket_, 8) != 0) {
    const int error = errno;
    close(socket_);
    socket_ = -1;
    const std::string where = "127.0.0.1:" + std::to_string(port);
    if (error == EADDRINUSE) {
      throw sdk::Error(MCTL_ERR_AUTH, config_key,
                       "port " + std::to_string(port) +
                           " on 127.0.0.1 is in use, so the login "
                           "cannot receive its browser callback",
                       "finish or stop the other program on " + where +
                           " (another matrixctl "
                           "login may be waiting), or set api.auth_oidc.redirect_port to a free "
                           "port that the client's redirect URIs allow");
    }
    throw sdk::Error(MCTL_ERR_AUTH, config_key,
                     "cannot listen on " + where + ": " + std::strerror(error),
                     "set api.auth_oidc.redirect_port to a free port from 1024 to 65535");
  }

  sockaddr_in bound{};
  socklen_t length = sizeof bound;
  getsockname(socket_, reinterpret_cast<sockaddr*>(&bound), &length);
  port_ = ntohs(bound.sin_port);
}

LoopbackListener::~LoopbackListener() {
  if (socket_ >= 0) close(socket_);
}

std::string LoopbackListener::redirect_uri() const {
  return "http://127.0.0.1:" + std::to_string(port_) + std::string(kCallbackPath);
}

std::optional<CallbackResult> LoopbackListener::wait_for_callback(
    std::string_view expected_state, Clock::time_point deadline,
    const std::function<void()>& on_tick, const Logger& log) {
  for (;;) {
    on_tick();
    if (Clock::now() >= deadline) return std::nullopt;

    pollfd ready{socket_, POLLIN, 0};
    const int count = poll(&ready, 1, kPollMilliseconds);
    if (count < 0 && errno != EINTR) {
      throw sdk::Error(MCTL_ERR_AUTH, "login callback on " + redirect_uri(),
                       std::string("waiting for connections failed: ") + std::strerror(errno));
    }
    if (count <= 0) continue;

    const Socket client(accept4(socket_, nullptr, nullptr, SOCK_CLOEXEC));
    if (client.get() < 0) continue;
    const auto head = read_request_head(client.get(), deadline, on_tick);
    if (!head) continue;
    if (auto result = handle_request(client.get(), *head, expected_state, log)) return result;
  }
}

}  // namespace matrixctl::auth_oidc
