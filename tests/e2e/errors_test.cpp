// End-to-end tests of error handling: HTTP errors, auth, config problems.
#include "harness.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace e2e {
namespace {

constexpr const char* kToken = "admin-token-errors";

TEST(Errors, HtmlBadGatewayReportedWithExcerpt) {
  Simulator sim({"--admin-token", kToken, "--users", "5", "--rooms", "2"});
  TempDir home;
  const auto config = write_config(home, sim, kToken);
  sim.add_fault(R"({"path_prefix":"/_synapse/admin/v1/server_version","status":502,)"
                R"("content_type":"text/html","times":1,)"
                R"("body":"<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>"})");
  const auto result = matrixctl(home, {"-c", config, "version"});
  EXPECT_EQ(result.exit_code, 6);
  EXPECT_TRUE(contains(result.err, "matrixctl: error: GET /_synapse/admin/v1/server_version"))
      << result.err;
  EXPECT_TRUE(contains(result.err, "502")) << result.err;
  EXPECT_TRUE(contains(result.err, "Bad Gateway")) << result.err;
  EXPECT_FALSE(contains(result.err, "<html>")) << result.err;
  EXPECT_EQ(result.out, "");
}

TEST(Errors, RateLimitWaitsAndRetries) {
  Simulator sim({"--admin-token", kToken, "--users", "5", "--rooms", "2"});
  TempDir home;
  const auto config = write_config(home, sim, kToken);
  sim.add_fault(R"({"path_prefix":"/_synapse/admin/v1/server_version","rate_limit_ms":50,"times":1})");
  const auto result = matrixctl(home, {"-c", config, "version"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(contains(result.out, "Server Version:")) << result.out;
  const auto requests = sim.requests();
  const auto sent = requests_to(requests, "/_synapse/admin/v1/server_version");
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ((*sent[0])["status"].GetInt(), 429);
  EXPECT_EQ((*sent[1])["status"].GetInt(), 200);
}

TEST(Errors, UnknownTokenIsAuthError) {
  Simulator sim({"--admin-token", kToken, "--users", "5", "--rooms", "2"});
  TempDir home;
  const auto config = write_config(home, sim, "wrong-token");
  const auto result = matrixctl(home, {"-c", config, "users"});
  EXPECT_EQ(result.exit_code, 4);
  EXPECT_TRUE(contains(result.err, "M_UNKNOWN_TOKEN")) << result.err;
  EXPECT_TRUE(contains(result.err, "rejected the access token")) << result.err;
  EXPECT_FALSE(contains(result.err, "wrong-token")) << result.err;
}

TEST(Errors, NonAdminTokenIsDistinctAuthError) {
  Simulator sim({"--admin-token", kToken, "--user-token", "plain-user-token", "--users", "5",
                 "--rooms", "2"});
  TempDir home;
  const auto config = write_config(home, sim, "plain-user-token");
  const auto result = matrixctl(home, {"-c", config, "users"});
  EXPECT_EQ(result.exit_code, 4);
  EXPECT_TRUE(contains(result.err, "not a server admin")) << result.err;
  EXPECT_TRUE(contains(result.err, "403")) << result.err;
}

TEST(Errors, TrailingSlashInBaseUrl) {
  Simulator sim({"--admin-token", kToken, "--users", "5", "--rooms", "2"});
  TempDir home;
  const auto config = home.write(
      "config.yml", "servers:\n  default:\n    api:\n      domain: example.org\n"
                    "      base_url: " + sim.base_url() + "/\n"
                    "      auth_token:\n        token: " + std::string(kToken) + "\n");
  const auto result = matrixctl(home, {"-c", config, "version"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto requests = sim.requests();
  ASSERT_EQ(requests_to(requests, "/_synapse/admin/v1/server_version").size(), 1u);
  EXPECT_EQ(requests_to(requests, "//").size(), 0u);
}

TEST(Errors, UnknownServerName) {
  TempDir home;
  const auto config = home.write(
      "config.yml",
      "servers:\n  production:\n    api:\n      domain: example.org\n"
      "      auth_token:\n        token: x\n");
  const auto result = matrixctl(home, {"-c", config, "-S", "prodution", "version"});
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_TRUE(contains(result.err, "prodution")) << result.err;
  EXPECT_TRUE(contains(result.err, "production")) << result.err;
}

TEST(Errors, MalformedYamlNamesLine) {
  TempDir home;
  const auto config = home.write("config.yml",
                                 "servers:\n  default:\n    api:\n      domain: \"example.org\n"
                                 "      base_url: http://127.0.0.1:1\n");
  const auto result = matrixctl(home, {"-c", config, "version"});
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_TRUE(contains(result.err, config + ":")) << result.err;
  EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
}

TEST(Errors, ConnectionRefusedIsNetworkError) {
  TempDir home;
  const auto config = home.write(
      "config.yml",
      "servers:\n  default:\n    api:\n      domain: example.org\n"
      "      base_url: http://127.0.0.1:9\n      auth_token:\n        token: x\n");
  const auto result = matrixctl(home, {"-c", config, "version"});
  EXPECT_EQ(result.exit_code, 5) << result.err;
  EXPECT_TRUE(contains(result.err, "127.0.0.1:9")) << result.err;
}

TEST(Errors, TokenNeverPrintedInDebugOutput) {
  Simulator sim({"--admin-token", kToken, "--users", "5", "--rooms", "2"});
  TempDir home;
  const auto config = write_config(home, sim, kToken);
  const auto result = matrixctl(home, {"-c", config, "-d", "users"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_FALSE(contains(result.out + result.err, kToken));
  EXPECT_TRUE(contains(result.err, "<redacted, " + std::to_string(std::string(kToken).size()) +
                                       " chars>"))
      << result.err;
}

}  // namespace
}  // namespace e2e
