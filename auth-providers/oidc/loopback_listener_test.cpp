// Tests of the loopback callback listener with real sockets on 127.0.0.1.
#include "loopback_listener.h"

#include <matrixctl/sdk.hpp>

#include <gtest/gtest.h>

#include <future>
#include <mutex>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace matrixctl::auth_oidc {
namespace {

using namespace std::chrono_literals;

const std::string kPortKey = "servers.default.api.auth_oidc.redirect_port";

// Sends one raw request to 127.0.0.1:`port` and returns the whole response.
std::string send_request(uint16_t port, const std::string& request) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  // A listener that stopped serving must fail the test, not hang it.
  const timeval timeout{10, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    close(fd);
    return "connect failed";
  }
  send(fd, request.data(), request.size(), MSG_NOSIGNAL);
  std::string response;
  char buffer[4096];
  ssize_t got = 0;
  while ((got = recv(fd, buffer, sizeof buffer, 0)) > 0) response.append(buffer, got);
  close(fd);
  return response;
}

std::string get(uint16_t port, const std::string& target, const std::string& method = "GET") {
  return send_request(
      port, method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: test\r\n\r\n");
}

int status_of(const std::string& response) {
  if (response.rfind("HTTP/1.1 ", 0) != 0) return 0;
  return std::stoi(response.substr(9, 3));
}

class LoopbackListenerTest : public ::testing::Test {
 protected:
  std::future<std::optional<CallbackResult>> start_waiting(
      const std::string& state, LoopbackListener::Clock::duration timeout = 20s) {
    return std::async(std::launch::async, [this, state, timeout] {
      return listener_.wait_for_callback(
          state, LoopbackListener::Clock::now() + timeout, [] {},
          [this](int32_t level, const std::string& message) {
            const std::lock_guard<std::mutex> lock(mutex_);
            messages_.emplace_back(level, message);
          });
    });
  }

  std::vector<std::pair<int32_t, std::string>> messages() {
    const std::lock_guard<std::mutex> lock(mutex_);
    return messages_;
  }

  LoopbackListener listener_{0, kPortKey};
  std::mutex mutex_;
  std::vector<std::pair<int32_t, std::string>> messages_;
};

TEST_F(LoopbackListenerTest, RedirectUriNamesBoundPort) {
  ASSERT_NE(listener_.port(), 0);
  EXPECT_EQ(listener_.redirect_uri(),
            "http://127.0.0.1:" + std::to_string(listener_.port()) + "/callback");
}

TEST_F(LoopbackListenerTest, WrongStateIgnoredThenRightStateAccepted) {
  auto result = start_waiting("expected-state");
  const uint16_t port = listener_.port();

  EXPECT_EQ(status_of(get(port, "/callback?state=wrong&code=stolen-code")), 400);
  EXPECT_EQ(status_of(get(port, "/callback?code=stolen-code")), 400);
  EXPECT_EQ(status_of(get(port, "/callback?state=expected-statX&code=stolen-code")), 400);
  EXPECT_EQ(result.wait_for(100ms), std::future_status::timeout) << "a wrong state ended the wait";

  const std::string response = get(port, "/callback?code=good%2Bcode&state=expected-state");
  EXPECT_EQ(status_of(response), 200);
  EXPECT_NE(response.find("You can close this tab"), std::string::npos);

  ASSERT_EQ(result.wait_for(5s), std::future_status::ready);
  const auto callback = result.get();
  ASSERT_TRUE(callback);
  EXPECT_EQ(callback->code, "good+code");
  EXPECT_EQ(callback->error, "");
  EXPECT_EQ(callback->issuer, "");

  bool warned = false;
  for (const auto& [level, message] : messages()) {
    warned = warned || level == MCTL_LOG_WARNING;
    EXPECT_EQ(message.find("stolen-code"), std::string::npos) << message;
    EXPECT_EQ(message.find("good"), std::string::npos) << message;
  }
  EXPECT_TRUE(warned);
}

TEST_F(LoopbackListenerTest, ErrorCallbackIsReported) {
  auto result = start_waiting("s1");
  const std::string response =
      get(listener_.port(),
          "/callback?state=s1&error=access_denied&error_description=User+declined"
          "&iss=https%3A%2F%2Fmas.example.org%2F");
  EXPECT_EQ(status_of(response), 200);
  EXPECT_NE(response.find("access_denied"), std::string::npos);

  ASSERT_EQ(result.wait_for(5s), std::future_status::ready);
  const auto callback = result.get();
  ASSERT_TRUE(callback);
  EXPECT_EQ(callback->code, "");
  EXPECT_EQ(callback->error, "access_denied");
  EXPECT_EQ(callback->error_description, "User declined");
  EXPECT_EQ(callback->issuer, "https://mas.example.org/");
}

TEST_F(LoopbackListenerTest, ErrorWithWrongStateDoesNotEndWait) {
  auto result = start_waiting("s1");
  EXPECT_EQ(status_of(get(listener_.port(), "/callback?state=s2&error=access_denied")), 400);
  EXPECT_EQ(result.wait_for(100ms), std::future_status::timeout);
  EXPECT_EQ(status_of(get(listener_.port(), "/callback?state=s1&code=c")), 200);
  ASSERT_EQ(result.wait_for(5s), std::future_status::ready);
  EXPECT_EQ(result.get()->code, "c");
}

TEST_F(LoopbackListenerTest, OtherPathsAndMethodsDoNotEndWait) {
  auto result = start_waiting("s1");
  const uint16_t port = listener_.port();

  EXPECT_EQ(status_of(get(port, "/favicon.ico")), 404);
  EXPECT_EQ(status_of(get(port, "/other?state=s1&code=c")), 404);
  EXPECT_EQ(status_of(get(port, "/callback/x?state=s1&code=c")), 404);
  const std::string post = get(port, "/callback?state=s1&code=c", "POST");
  EXPECT_EQ(status_of(post), 405);
  EXPECT_NE(post.find("Allow: GET"), std::string::npos);
  EXPECT_EQ(status_of(send_request(port, "garbage\r\n\r\n")), 400);
  EXPECT_EQ(status_of(get(port, "/callback?state=s1")), 400);
  EXPECT_EQ(result.wait_for(100ms), std::future_status::timeout);

  EXPECT_EQ(status_of(get(port, "/callback?state=s1&code=c")), 200);
  ASSERT_EQ(result.wait_for(5s), std::future_status::ready);
  EXPECT_EQ(result.get()->code, "c");
}

TEST_F(LoopbackListenerTest, ClientThatSendsNothingDoesNotBlockOthers) {
  auto result = start_waiting("s1");
  const int idle = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(listener_.port());
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(connect(idle, reinterpret_cast<const sockaddr*>(&address), sizeof address), 0);

  // Served after the idle client times out, within a few seconds.
  EXPECT_EQ(status_of(get(listener_.port(), "/callback?state=s1&code=c")), 200);
  ASSERT_EQ(result.wait_for(10s), std::future_status::ready);
  EXPECT_EQ(result.get()->code, "c");
  close(idle);
}

TEST_F(LoopbackListenerTest, DeadlineEndsWaitWithoutResult) {
  auto result = start_waiting("s1", 300ms);
  ASSERT_EQ(result.wait_for(5s), std::future_status::ready);
  EXPECT_FALSE(result.get());
}

TEST_F(LoopbackListenerTest, ExceptionFromTickEndsWait) {
  EXPECT_THROW(listener_.wait_for_callback(
                   "s1", LoopbackListener::Clock::now() + 20s,
                   [] { throw sdk::Error(MCTL_ERR_CANCELLED, "login", "interrupted"); },
                   [](int32_t, const std::string&) {}),
               sdk::Error);
}

TEST(LoopbackListener, PortInUseNamesPortAndConfigKey) {
  const LoopbackListener first(0, kPortKey);
  try {
    const LoopbackListener second(first.port(), kPortKey);
    FAIL() << "a second listener bound port " << first.port();
  } catch (const sdk::Error& error) {
    EXPECT_EQ(error.status(), MCTL_ERR_AUTH);
    EXPECT_EQ(error.subject(), kPortKey);
    EXPECT_NE(error.reason().find("port " + std::to_string(first.port())), std::string::npos)
        << error.reason();
    EXPECT_NE(error.reason().find("in use"), std::string::npos) << error.reason();
    EXPECT_NE(error.hint().find("api.auth_oidc.redirect_port"), std::string::npos) << error.hint();
  }
}

TEST(LoopbackListener, PortIsFreeAgainAfterListenerEnds) {
  uint16_t port = 0;
  {
    const LoopbackListener first(0, kPortKey);
    port = first.port();
  }
  EXPECT_NO_THROW(LoopbackListener(port, kPortKey));
}

}  // namespace
}  // namespace matrixctl::auth_oidc
