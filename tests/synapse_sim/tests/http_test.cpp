// HTTP/1.1 behaviour of synapse-sim: keep-alive, 100-continue, chunked bodies, concurrency, rate limit.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "http_client.h"
#include "sim_process.h"

namespace synapse_sim_test {
namespace {

// Sends raw bytes to the simulator and reads until the peer closes or `until` appears.
std::string rawExchange(int port, const std::string& request, const std::string& until) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        ::close(fd);
        return "";
    }
    timeval timeout{5, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    ::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
    std::string received;
    char buffer[4096];
    while (received.find(until) == std::string::npos) {
        ssize_t count = ::recv(fd, buffer, sizeof buffer, 0);
        if (count <= 0) {
            break;
        }
        received.append(buffer, static_cast<std::size_t>(count));
    }
    ::close(fd);
    return received;
}

TEST(HttpTest, KeepAliveReusesOneConnection) {
    SimProcess sim;
    HttpClient client(sim.baseUrl());
    HttpResult first = client.get("/_synapse/admin/v2/users?limit=5", kAdminToken);
    EXPECT_EQ(first.new_connections, 1);
    for (int i = 0; i < 20; ++i) {
        HttpResult next = client.get("/_synapse/admin/v2/users?limit=5&from=" + std::to_string(i), kAdminToken);
        ASSERT_EQ(next.status, 200);
        EXPECT_EQ(next.new_connections, 0) << "request " << i << " opened a new connection";
    }
}

TEST(HttpTest, ExpectContinueIsAnswered) {
    SimProcess sim;
    HttpClient client(sim.baseUrl());
    std::string body = R"({"displayname":")" + std::string(2000, 'x') + R"("})";
    HttpResult result = client.request("PUT", "/_synapse/admin/v2/users/%40expect%3Aexample.org", body,
                                       {"Authorization: Bearer " + std::string(kAdminToken), "Expect: 100-continue"});
    EXPECT_EQ(result.status, 400) << result.body;  // display name longer than 256
    // curl waits 1 s for "100 Continue" before sending the body anyway.
    EXPECT_LT(result.seconds, 0.9);
}

TEST(HttpTest, ChunkedRequestBody) {
    SimProcess sim;
    std::string request =
        "PUT /_synapse/admin/v2/users/%40chunked%3Aexample.org HTTP/1.1\r\n"
        "Host: 127.0.0.1\r\n"
        "Authorization: Bearer " + std::string(kAdminToken) + "\r\n"
        "Transfer-Encoding: chunked\r\n"
        "Connection: close\r\n"
        "\r\n"
        "6\r\n{\"disp\r\n"
        "10\r\nlayname\":\"Chunk\"\r\n"
        "1\r\n}\r\n"
        "0\r\n\r\n";
    std::string response = rawExchange(sim.port(), request, "\"suspended\"");
    EXPECT_EQ(response.rfind("HTTP/1.1 201 Created\r\n", 0), 0u) << response;
    EXPECT_NE(response.find("\"displayname\":\"Chunk\""), std::string::npos) << response;
}

TEST(HttpTest, PipelinedRequestsOnOneConnection) {
    SimProcess sim;
    std::string health_request = "GET /_sim/health HTTP/1.1\r\nHost: x\r\n\r\n";
    std::string last = "GET /_synapse/admin/v1/server_version HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    std::string response = rawExchange(sim.port(), health_request + health_request + last, "b=sim");
    std::size_t count = 0;
    for (std::size_t at = response.find("HTTP/1.1 200"); at != std::string::npos;
         at = response.find("HTTP/1.1 200", at + 1)) {
        ++count;
    }
    EXPECT_EQ(count, 3u) << response;
}

TEST(HttpTest, SixteenParallelConnections) {
    SimProcess sim;
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 16; ++t) {
        threads.emplace_back([&sim, &failures, t] {
            HttpClient client(sim.baseUrl());
            for (int i = 0; i < 25; ++i) {
                HttpResult result =
                    client.get("/_synapse/admin/v2/users?limit=3&from=" + std::to_string((t + i) % 20), kAdminToken);
                if (result.status != 200) {
                    ++failures;
                }
            }
        });
    }
    for (std::thread& thread : threads) {
        thread.join();
    }
    EXPECT_EQ(failures.load(), 0);
    HttpClient client(sim.baseUrl());
    EXPECT_EQ(client.get("/_sim/requests", "").json().Size(), 16u * 25u);
}

TEST(HttpTest, RateLimitFlagAnswers429) {
    std::vector<std::string> args = defaultArgs();
    args.insert(args.end(), {"--rate-limit", "2"});
    SimProcess sim(args);
    HttpClient client(sim.baseUrl());
    int limited = 0;
    HttpResult last_limited;
    for (int i = 0; i < 10; ++i) {
        HttpResult result = client.get("/_synapse/admin/v1/server_version", "");
        if (result.status == 429) {
            ++limited;
            last_limited = result;
        }
    }
    ASSERT_GE(limited, 1);
    rapidjson::Document json = last_limited.json();
    EXPECT_STREQ(json["errcode"].GetString(), "M_LIMIT_EXCEEDED");
    EXPECT_GT(json["retry_after_ms"].GetInt(), 0);
    EXPECT_EQ(last_limited.header("retry-after"), "1");
}

}  // namespace
}  // namespace synapse_sim_test
