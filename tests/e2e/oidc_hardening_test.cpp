// End-to-end tests of the oidc provider's loopback callback, browser
// launch, ID-token checks and token-cache separation.
#include "oidc_harness.h"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <filesystem>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace e2e {
namespace {

// The authorization URL the CLI printed on stderr.
std::string printed_authorization_url(const std::string& err, const OidcProvider& provider) {
  const auto start = err.find(provider.issuer() + "/authorize?");
  if (start == std::string::npos) return {};
  return err.substr(start, err.find_first_of(" \n", start) - start);
}

std::string query_value(const std::string& url, const std::string& key) {
  const auto at = url.find("&" + key + "=") != std::string::npos ? url.find("&" + key + "=")
                                                                   : url.find("?" + key + "=");
  if (at == std::string::npos) return {};
  const auto start = at + key.size() + 2;
  return url.substr(start, url.find('&', start) - start);
}

class OidcHardening : public ::testing::Test {
 protected:
  void SetUp() override {
    provider_ = std::make_unique<OidcProvider>(std::vector<std::string>{"--access-token-ttl", "30"});
    sim_ = std::make_unique<Simulator>(mas_sim_args(*provider_));
    port_ = free_port();
    config_ = write_oidc_config(home_, *sim_, *provider_, port_);
  }
  RunResult run(const std::vector<std::string>& args,
                const std::map<std::string, std::string>& extra_env = {}) {
    std::vector<std::string> full{"-c", config_};
    full.insert(full.end(), args.begin(), args.end());
    auto env = browser_env(home_, "admin");
    for (const auto& [key, value] : extra_env) env[key] = value;
    return run_process(MATRIXCTL_BINARY, full, env, {}, 120);
  }
  RunResult browser_login(const std::string& url) {
    return run_process("node", {std::string(OIDC_TEST_DIR) + "/browser-login.mjs", url}, {}, {},
                       90);
  }

  TempDir home_;
  std::unique_ptr<OidcProvider> provider_;
  std::unique_ptr<Simulator> sim_;
  int port_ = 0;
  std::string config_;
};

TEST_F(OidcHardening, ForgedCallbacksDoNotEndLogin) {
  auto login = matrixctl_background(home_, {"-c", config_, "--no-browser", "auth", "login"}, {});
  ASSERT_TRUE(login->wait_for_err("/authorize?")) << login->err();
  const std::string url = printed_authorization_url(login->err(), *provider_);
  ASSERT_FALSE(url.empty()) << login->err();
  EXPECT_TRUE(contains(login->err(), "ssh -L")) << login->err();

  EXPECT_EQ(http_get(port_, "/callback?code=forged-code"), 400);
  EXPECT_EQ(http_get(port_, "/callback?code=forged-code&state=wrong-state"), 400);
  EXPECT_EQ(http_get(port_, "/callback?error=access_denied&state=wrong-state"), 400);
  EXPECT_EQ(http_get(port_, "/elsewhere?code=x&state=" + query_value(url, "state")), 404);
  EXPECT_EQ(login->wait(1), -1) << "a forged callback ended the login: " << login->err();

  const auto browser = browser_login(url);
  ASSERT_EQ(browser.exit_code, 0) << browser.out << browser.err;
  ASSERT_EQ(login->wait(), 0) << login->err();
  EXPECT_EQ(provider_->token_requests("authorization_code"), 1);
  EXPECT_FALSE(contains(login->err(), "forged-code"));
}

TEST_F(OidcHardening, ErrorCallbackWithRightStateIsReported) {
  const auto result = run({"auth", "login"}, {{"MATRIXCTL_TEST_DENY", "1"}});
  EXPECT_EQ(result.exit_code, 4) << result.err;
  EXPECT_TRUE(contains(result.err, "access_denied")) << result.err;
}

TEST_F(OidcHardening, SecondLoginWhileOneWaits) {
  auto first = matrixctl_background(home_, {"-c", config_, "--no-browser", "auth", "login"}, {});
  ASSERT_TRUE(first->wait_for_err("/authorize?")) << first->err();
  const auto second = run({"--no-browser", "auth", "login"});
  EXPECT_NE(second.exit_code, 0);
  EXPECT_TRUE(contains(second.err, std::to_string(port_))) << second.err;
  EXPECT_TRUE(contains(second.err, "redirect_port")) << second.err;
  // The first login is not disturbed.
  const auto browser = browser_login(printed_authorization_url(first->err(), *provider_));
  ASSERT_EQ(browser.exit_code, 0) << browser.out << browser.err;
  EXPECT_EQ(first->wait(), 0) << first->err();
}

TEST_F(OidcHardening, CallbackPortInUse) {
  const int blocker = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<uint16_t>(port_));
  ASSERT_EQ(bind(blocker, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  ASSERT_EQ(listen(blocker, 1), 0);
  const auto result = run({"users"});
  close(blocker);
  EXPECT_EQ(result.exit_code, 4) << result.err;
  EXPECT_TRUE(contains(result.err, std::to_string(port_))) << result.err;
  EXPECT_TRUE(contains(result.err, "api.auth_oidc.redirect_port")) << result.err;
  EXPECT_EQ(browser_runs(home_), 0);
}

TEST_F(OidcHardening, BrowserThatFailsToStart) {
  auto login = matrixctl_background(home_, {"-c", config_, "auth", "login"},
                                    {{"BROWSER", "/bin/false"}});
  ASSERT_TRUE(login->wait_for_err("/authorize?")) << login->err();
  EXPECT_TRUE(login->wait_for_err("warning")) << login->err();
  const auto browser = browser_login(printed_authorization_url(login->err(), *provider_));
  ASSERT_EQ(browser.exit_code, 0) << browser.out << browser.err;
  EXPECT_EQ(login->wait(), 0) << login->err();
}

struct IdTokenFault {
  const char* kind;
  const char* message;
};

class OidcIdToken : public OidcHardening, public ::testing::WithParamInterface<IdTokenFault> {};

TEST_P(OidcIdToken, RejectedWithSpecificMessage) {
  provider_->hook("POST", "/_test/id-token-fault",
                  std::string(R"({"kind":")") + GetParam().kind + R"(","times":1})");
  const auto result = run({"auth", "login"});
  EXPECT_EQ(result.exit_code, 4) << result.err;
  EXPECT_TRUE(contains(result.err, GetParam().message)) << result.err;
  EXPECT_FALSE(contains(read_text(home_.path() + "/data/matrixctl/oidc_token_cache.json"),
                        "access_token"));
}

INSTANTIATE_TEST_SUITE_P(Faults, OidcIdToken,
                         ::testing::Values(IdTokenFault{"bad_signature", "signature"},
                                           IdTokenFault{"wrong_audience", "audience"},
                                           IdTokenFault{"wrong_nonce", "nonce"},
                                           IdTokenFault{"expired", "expired"}),
                         [](const auto& test_info) { return std::string(test_info.param.kind); });

TEST_F(OidcHardening, TwoServersKeepSeparateTokens) {
  Simulator other(mas_sim_args(*provider_));
  const int other_port = free_port();
  const std::string yaml =
      read_text(config_) +
      "  other:\n    api:\n      domain: example.org\n"
      "      base_url: " + other.base_url() + "\n"
      "      auth_type: oidc\n"
      "      auth_oidc:\n"
      "        client_id: " + std::string(kClientId) + "\n"
      "        client_secret: " + std::string(kClientSecret) + "\n"
      "        discovery_endpoint: " + provider_->issuer() + "/.well-known/openid-configuration\n"
      "        redirect_port: " + std::to_string(other_port) + "\n";
  home_.write("config.yml", yaml);
  ASSERT_EQ(run({"users"}).exit_code, 0);
  ASSERT_EQ(run({"-S", "other", "users"}).exit_code, 0);
  EXPECT_EQ(browser_runs(home_), 2);

  const auto cache = parse_json(read_text(home_.path() + "/data/matrixctl/oidc_token_cache.json"));
  ASSERT_EQ(cache["entries"].MemberCount(), 2u);
  std::map<std::string, std::string> token_of;
  for (const auto& entry : cache["entries"].GetObject()) {
    token_of[entry.value["server"].GetString()] = entry.value["access_token"].GetString();
  }
  ASSERT_EQ(token_of.size(), 2u);
  EXPECT_NE(token_of["default"], token_of["other"]);

  // Each simulator saw only its own server's token.
  const auto own = [](const Simulator& sim, const std::string& token) {
    const auto requests = sim.requests();
    for (const auto* request : requests_to(requests, "/_synapse/admin/")) {
      EXPECT_EQ(std::string((*request)["headers"]["authorization"].GetString()), "Bearer " + token);
    }
  };
  own(*sim_, token_of["default"]);
  own(other, token_of["other"]);
}

TEST(TokenCacheFile, TruncatedCacheMovedAsideTokenAuthWorks) {
  Simulator sim({"--admin-token", "cache-test-token", "--users", "5", "--rooms", "1"});
  TempDir home;
  const auto config = write_config(home, sim, "cache-test-token");
  home.write("data/matrixctl/oidc_token_cache.json", "{\"version\": 1, \"entries\": {\"x");
  const auto result = matrixctl(home, {"-c", config, "auth", "status"});
  EXPECT_TRUE(contains(result.err, "could not be parsed")) << result.err;
  EXPECT_TRUE(std::filesystem::exists(home.path() + "/data/matrixctl/oidc_token_cache.json.corrupt"));
  const auto users = matrixctl(home, {"-c", config, "users"});
  EXPECT_EQ(users.exit_code, 0) << users.err;
  EXPECT_FALSE(contains(users.err, "could not be parsed")) << users.err;
}

}  // namespace
}  // namespace e2e
