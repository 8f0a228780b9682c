// Tests of the libcurl transport library, loaded the way matrixctl loads
// it, against a small HTTP/1.1 server on 127.0.0.1.
#include "transport.h"

#include "../diagnostics.h"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

namespace matrixctl::http {
namespace {

struct Answer {
  int status = 200;
  std::string headers;  // extra "Name: value\r\n" lines
  std::string body;
};

// Serves each connection on its own thread, with keep-alive, and counts
// connections and requests in progress.
class LoopbackServer {
 public:
  LoopbackServer() {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(listen_fd_, 16) != 0) {
      throw std::runtime_error("cannot listen on 127.0.0.1");
    }
    socklen_t length = sizeof address;
    ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    acceptor_ = std::thread([this] { accept_loop(); });
  }

  ~LoopbackServer() {
    ::shutdown(listen_fd_, SHUT_RDWR);
    ::close(listen_fd_);
    acceptor_.join();
    {
      const std::lock_guard lock(mutex_);
      for (const int fd : client_fds_) ::shutdown(fd, SHUT_RDWR);
    }
    for (auto& thread : workers_) thread.join();
    for (const int fd : client_fds_) ::close(fd);
  }

  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

  std::vector<std::string> requests() {
    const std::lock_guard lock(mutex_);
    return requests_;
  }

  std::atomic<int> connections{0};
  std::atomic<int> max_active{0};

 private:
  void accept_loop() {
    while (true) {
      const int fd = ::accept(listen_fd_, nullptr, nullptr);
      if (fd < 0) return;
      ++connections;
      const std::lock_guard lock(mutex_);
      client_fds_.push_back(fd);
      workers_.emplace_back([this, fd] { serve(fd); });
    }
  }

  void serve(int fd) {
    std::string buffer;
    char chunk[4096];
    while (true) {
      std::size_t header_end;
      while ((header_end = buffer.find("\r\n\r\n")) == std::string::npos) {
        const ssize_t got = ::recv(fd, chunk, sizeof chunk, 0);
        if (got <= 0) return;
        buffer.append(chunk, static_cast<std::size_t>(got));
      }
      std::size_t body_length = 0;
      const auto length_at = buffer.find("Content-Length: ");
      if (length_at != std::string::npos && length_at < header_end) {
        body_length = std::stoul(buffer.substr(length_at + 16));
      }
      while (buffer.size() < header_end + 4 + body_length) {
        const ssize_t got = ::recv(fd, chunk, sizeof chunk, 0);
        if (got <= 0) return;
        buffer.append(chunk, static_cast<std::size_t>(got));
      }
      const std::string request = buffer.substr(0, header_end + 4 + body_length);
      buffer.erase(0, request.size());
      {
        const std::lock_guard lock(mutex_);
        requests_.push_back(request);
      }
      const Answer answer = respond(request, request.substr(header_end + 4));
      const std::string reply = "HTTP/1.1 " + std::to_string(answer.status) + " X\r\n" +
                                answer.headers + "Content-Length: " +
                                std::to_string(answer.body.size()) + "\r\n\r\n" + answer.body;
      ::send(fd, reply.data(), reply.size(), MSG_NOSIGNAL);
    }
  }

  Answer respond(const std::string& request, const std::string& body) {
    const std::string method = request.substr(0, request.find(' '));
    const std::size_t path_start = method.size() + 1;
    const std::string path = request.substr(path_start, request.find(' ', path_start) - path_start);
    if (path == "/headers") {
      return {429,
              "Content-Type: application/json\r\nRetry-After: 7\r\n"
              "WWW-Authenticate: Bearer error=\"insufficient_scope\"\r\n",
              R"({"errcode":"M_LIMIT_EXCEEDED"})"};
    }
    if (path == "/redirect") return {302, "Location: /echo\r\n", ""};
    if (path == "/hang") {
      std::this_thread::sleep_for(std::chrono::milliseconds(600));
      return {200, "", "late"};
    }
    if (path.rfind("/slow/", 0) == 0) {
      const int now = ++active_;
      int seen = max_active.load();
      while (now > seen && !max_active.compare_exchange_weak(seen, now)) {
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      --active_;
      return {200, "Content-Type: text/plain\r\n", path.substr(6)};
    }
    return {200, "Content-Type: text/plain\r\n", method + " " + body};
  }

  int listen_fd_ = -1;
  int port_ = 0;
  std::thread acceptor_;
  std::mutex mutex_;
  std::vector<std::thread> workers_;
  std::vector<int> client_fds_;
  std::vector<std::string> requests_;
  std::atomic<int> active_{0};
};

class TransportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    TransportOptions options;
    options.user_agent = "matrixctl/test";
    options.connect_timeout_ms = 2000;
    transport = load_transport(MATRIXCTL_TRANSPORT_LIBRARY, options);
  }

  Request get(const std::string& path) {
    Request request;
    request.url = server.url(path);
    request.timeout_ms = 5000;
    return request;
  }

  // Declared first, so it is destroyed after the transport closes its connections.
  LoopbackServer server;
  std::unique_ptr<Transport> transport;
};

TEST(LoadTransport, MissingLibrary) {
  try {
    load_transport("/nonexistent/libmatrixctl-transport.so", TransportOptions{});
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.status(), MCTL_ERR_PLUGIN);
    EXPECT_EQ(error.failure().subject, "/nonexistent/libmatrixctl-transport.so");
    EXPECT_NE(error.failure().hint.find("reinstall matrixctl"), std::string::npos);
  }
}

TEST_F(TransportTest, CapturesHeaders) {
  const Response response = transport->perform(get("/headers"));
  EXPECT_EQ(response.status, 429);
  EXPECT_EQ(response.content_type, "application/json");
  EXPECT_EQ(response.retry_after, "7");
  EXPECT_EQ(response.www_authenticate, "Bearer error=\"insufficient_scope\"");
  EXPECT_EQ(response.body, R"({"errcode":"M_LIMIT_EXCEEDED"})");
}

TEST_F(TransportTest, SendsMethodBodyAndHeaders) {
  Request request = get("/echo");
  request.method = "PUT";
  request.body = R"({"a":1})";
  request.has_body = true;
  request.headers = {"Content-Type: application/json", "Authorization: Bearer t"};
  const Response response = transport->perform(request);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, R"(PUT {"a":1})");
  const auto sent = server.requests();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_NE(sent[0].find("User-Agent: matrixctl/test\r\n"), std::string::npos);
  EXPECT_NE(sent[0].find("Authorization: Bearer t\r\n"), std::string::npos);
  EXPECT_EQ(sent[0].find("Expect:"), std::string::npos);
}

TEST_F(TransportTest, EmptyPostAndDelete) {
  Request post = get("/echo");
  post.method = "POST";
  EXPECT_EQ(transport->perform(post).body, "POST ");
  Request remove = get("/echo");
  remove.method = "DELETE";
  EXPECT_EQ(transport->perform(remove).body, "DELETE ");
  for (const auto& sent : server.requests()) {
    EXPECT_EQ(sent.find("x-www-form-urlencoded"), std::string::npos) << sent;
  }
}

TEST_F(TransportTest, ReusesOneConnection) {
  for (int i = 0; i < 3; ++i) EXPECT_EQ(transport->perform(get("/echo")).status, 200);
  EXPECT_EQ(server.connections.load(), 1);
}

TEST_F(TransportTest, PerformAllKeepsOrderAndBound) {
  std::vector<Request> requests;
  for (int i = 0; i < 8; ++i) requests.push_back(get("/slow/" + std::to_string(i)));
  const std::vector<Response> responses = transport->perform_all(requests, 3);
  ASSERT_EQ(responses.size(), 8u);
  for (int i = 0; i < 8; ++i) {
    EXPECT_EQ(responses[i].status, 200);
    EXPECT_EQ(responses[i].body, std::to_string(i));
  }
  EXPECT_LE(server.max_active.load(), 3);
  EXPECT_GE(server.max_active.load(), 2);
}

TEST_F(TransportTest, RedirectNotFollowed) {
  const Response response = transport->perform(get("/redirect"));
  EXPECT_EQ(response.status, 302);
  EXPECT_EQ(server.requests().size(), 1u);
}

TEST_F(TransportTest, Timeout) {
  Request request = get("/hang");
  request.timeout_ms = 200;
  const Response response = transport->perform(request);
  EXPECT_EQ(response.status, 0);
  EXPECT_TRUE(response.timed_out);
  EXPECT_FALSE(response.error.empty());
}

TEST_F(TransportTest, ConnectionRefused) {
  // A port that was just free: bind, read it back, close.
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);

  Request request;
  request.url = "http://127.0.0.1:" + std::to_string(ntohs(address.sin_port)) + "/";
  const Response response = transport->perform(request);
  EXPECT_EQ(response.status, 0);
  EXPECT_FALSE(response.timed_out);
  EXPECT_FALSE(response.error.empty());
}

}  // namespace
}  // namespace matrixctl::http
