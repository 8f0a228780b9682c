// End-to-end tests of the password and client_credentials providers, the
// refresh-once rule on 401, device-login denial, discovery through the
// homeserver and the other client authentication methods.
#include "oidc_harness.h"

#include <gtest/gtest.h>

namespace e2e {
namespace {

constexpr unsigned kListedUsers = 24;  // see oidc_login_test.cpp

RunResult run_in(const TempDir& home, const std::string& config,
                 const std::vector<std::string>& args,
                 const std::map<std::string, std::string>& extra_env = {}) {
  std::vector<std::string> full{"-c", config};
  full.insert(full.end(), args.begin(), args.end());
  auto env = browser_env(home, "admin");
  for (const auto& [key, value] : extra_env) env[key] = value;
  return run_process(MATRIXCTL_BINARY, full, env, {}, 120);
}

TEST(PasswordProvider, LogsInCachesAndLogsOut) {
  Simulator sim({"--admin-token", "static-admin-token", "--admin-password", "hunter2-long",
                 "--users", "10", "--rooms", "1"});
  TempDir home;
  const auto config = home.write(
      "config.yml", "servers:\n  default:\n    api:\n      domain: example.org\n"
                    "      base_url: " + sim.base_url() + "\n      auth_type: password\n"
                    "      auth_password:\n        username: admin\n"
                    "        password: hunter2-long\n");
  const auto first = run_in(home, config, {"users", "-o", "json"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_FALSE(contains(first.out + first.err, "hunter2-long"));
  const auto second = run_in(home, config, {"users", "-o", "json"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  auto requests = sim.requests();
  EXPECT_EQ(requests_to(requests, "/_matrix/client/v3/login").size(), 1u)
      << "the second run logged in again instead of using the cache";
  const auto login_body = parse_json((*requests_to(requests, "/_matrix/client/v3/login")[0])["body"].GetString());
  EXPECT_STREQ(login_body["type"].GetString(), "m.login.password");

  const auto logout = run_in(home, config, {"auth", "logout"});
  ASSERT_EQ(logout.exit_code, 0) << logout.err;
  requests = sim.requests();
  ASSERT_EQ(requests_to(requests, "/_matrix/client/v3/logout").size(), 1u);
  EXPECT_EQ((*requests_to(requests, "/_matrix/client/v3/logout")[0])["status"].GetInt(), 200);
}

TEST(PasswordProvider, WrongPasswordIsAuthError) {
  Simulator sim({"--admin-token", "static-admin-token", "--admin-password", "right-password",
                 "--users", "5", "--rooms", "1"});
  TempDir home;
  const auto config = home.write(
      "config.yml", "servers:\n  default:\n    api:\n      domain: example.org\n"
                    "      base_url: " + sim.base_url() + "\n      auth_type: password\n"
                    "      auth_password: {username: admin, password: wrong-password}\n");
  const auto result = run_in(home, config, {"users"});
  EXPECT_EQ(result.exit_code, 4) << result.err;
  EXPECT_TRUE(contains(result.err, "@admin:example.org")) << result.err;
  EXPECT_FALSE(contains(result.err, "wrong-password")) << result.err;
}

class OidcProviders : public ::testing::Test {
 protected:
  void SetUp() override {
    provider_ = std::make_unique<OidcProvider>(std::vector<std::string>{"--access-token-ttl", "60"});
    sim_ = std::make_unique<Simulator>(mas_sim_args(*provider_));
    port_ = free_port();
  }
  std::string config_with(const std::string& oidc_yaml, const std::string& auth_type = "oidc") {
    return home_.write("config.yml",
                       "servers:\n  default:\n    api:\n      domain: example.org\n"
                       "      base_url: " + sim_->base_url() + "\n"
                       "      auth_type: " + auth_type + "\n      auth_oidc:\n" + oidc_yaml);
  }

  TempDir home_;
  std::unique_ptr<OidcProvider> provider_;
  std::unique_ptr<Simulator> sim_;
  int port_ = 0;
};

// One 401 leads to one refresh and one retry; a second 401 ends the command.
TEST_F(OidcProviders, UnauthorizedRefreshesOnceNeverLoops) {
  const auto config = write_oidc_config(home_, *sim_, *provider_, port_);
  ASSERT_EQ(run_in(home_, config, {"users"}).exit_code, 0);

  sim_->clear_requests();
  sim_->add_fault(R"({"path_prefix":"/_synapse/admin/v2/users","status":401,"times":1,)"
                  R"("body":{"errcode":"M_UNKNOWN_TOKEN","error":"Token expired","soft_logout":false}})");
  const auto once = run_in(home_, config, {"users", "-o", "json"});
  ASSERT_EQ(once.exit_code, 0) << once.err;
  EXPECT_EQ(parse_json(once.out).Size(), kListedUsers);
  EXPECT_EQ(provider_->token_requests("refresh_token"), 1);

  sim_->add_fault(R"({"path_prefix":"/_synapse/admin/v2/users","status":401,"times":10,)"
                  R"("body":{"errcode":"M_UNKNOWN_TOKEN","error":"Token expired","soft_logout":false}})");
  sim_->clear_requests();
  const auto always = run_in(home_, config, {"users"});
  EXPECT_EQ(always.exit_code, 4) << always.err;
  EXPECT_EQ(provider_->token_requests("refresh_token"), 2);
  const auto requests = sim_->requests();
  EXPECT_EQ(requests_to(requests, "/_synapse/admin/v2/users").size(), 2u)
      << "the request was retried more than once";
}

TEST_F(OidcProviders, DeviceLoginDenied) {
  const auto config = write_oidc_config(home_, *sim_, *provider_, port_, "        flow: device\n");
  auto login = matrixctl_background(home_, {"-c", config, "auth", "login"}, {});
  ASSERT_TRUE(login->wait_for_err("user_code=")) << login->err();
  std::string uri, code;
  ASSERT_TRUE(parse_device_prompt(login->err(), *provider_, uri, code)) << login->err();
  const auto deny = run_process(
      "node", {std::string(OIDC_TEST_DIR) + "/browser-device.mjs", uri, code, "--deny"}, {}, {}, 90);
  ASSERT_EQ(deny.exit_code, 0) << deny.out << deny.err;
  EXPECT_EQ(login->wait(), 4) << login->err();
  EXPECT_TRUE(contains(login->err(), "denied")) << login->err();
}

// Without discovery_endpoint, the endpoints come from the homeserver.
TEST_F(OidcProviders, DiscoveryThroughHomeserver) {
  const auto config = config_with("        client_id: " + std::string(kClientId) + "\n"
                                  "        client_secret: " + kClientSecret + "\n"
                                  "        redirect_port: " + std::to_string(port_) + "\n");
  const auto result = run_in(home_, config, {"users", "-o", "json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(parse_json(result.out).Size(), kListedUsers);
  const auto requests = sim_->requests();
  EXPECT_GE(requests_to(requests, "/_matrix/client/v1/auth_metadata").size(), 1u);
}

struct ClientCase {
  const char* name;
  const char* client_id;
  const char* yaml;
};

class OidcClientAuth : public OidcProviders, public ::testing::WithParamInterface<ClientCase> {};

TEST_P(OidcClientAuth, LoginAndRefresh) {
  const auto config = config_with(
      std::string("        client_id: ") + GetParam().client_id + "\n" + GetParam().yaml +
      "        discovery_endpoint: " + provider_->issuer() + "/.well-known/openid-configuration\n"
      "        redirect_port: " + std::to_string(port_) + "\n");
  ASSERT_EQ(run_in(home_, config, {"users"}).exit_code, 0);
  const auto cache_path = home_.path() + "/data/matrixctl/oidc_token_cache.json";
  auto cache = parse_json(read_text(cache_path));
  const std::string refresh = cache["entries"].MemberBegin()->value["refresh_token"].GetString();
  // An injected 401 makes the CLI refresh with this client's auth method.
  sim_->add_fault(R"({"path_prefix":"/_synapse/admin/v2/users","status":401,"times":1,)"
                  R"("body":{"errcode":"M_UNKNOWN_TOKEN","error":"expired"}})");
  const auto result = run_in(home_, config, {"users"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(provider_->token_requests("refresh_token"), 1);
  cache = parse_json(read_text(cache_path));
  EXPECT_NE(std::string(cache["entries"].MemberBegin()->value["refresh_token"].GetString()), refresh);
}

INSTANTIATE_TEST_SUITE_P(
    Methods, OidcClientAuth,
    ::testing::Values(
        ClientCase{"basic", "01J44RKQYM4G3TNVANTMTDYTX7",
                   "        client_secret: matrixctl-basic-secret\n"
                   "        client_auth_method: client_secret_basic\n"},
        ClientCase{"public", "01J44RKQYM4G3TNVANTMTDYTX8", "        client_auth_method: none\n"}),
    [](const auto& test_info) { return std::string(test_info.param.name); });

TEST_F(OidcProviders, ClientCredentialsWarnsSynapseRejects) {
  const auto config = config_with("        client_id: " + std::string(kClientId) + "\n"
                                  "        client_secret: " + kClientSecret + "\n"
                                  "        discovery_endpoint: " + provider_->issuer() +
                                      "/.well-known/openid-configuration\n",
                                  "client_credentials");
  const auto result = run_in(home_, config, {"users"});
  EXPECT_EQ(result.exit_code, 4) << result.err;
  EXPECT_TRUE(contains(result.err, "warning")) << result.err;
  EXPECT_TRUE(contains(result.err, "without a user")) << result.err;
  EXPECT_EQ(provider_->token_requests("client_credentials"), 1);
  EXPECT_FALSE(contains(result.err, kClientSecret));
}

}  // namespace
}  // namespace e2e
