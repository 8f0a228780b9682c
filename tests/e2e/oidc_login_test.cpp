// End-to-end tests of the oidc auth provider: a real OpenID provider
// (tests/oidc), headless Chromium as $BROWSER, and synapse-sim checking
// tokens by introspection as Synapse does with MAS.
#include "oidc_harness.h"

#include <gtest/gtest.h>

#include <sys/stat.h>
#include <thread>

namespace e2e {
namespace {

// mas_sim_args() seeds 30 accounts; the default list leaves out the 4
// deactivated ones (k % 7 == 0) and the 2 guests (k % 11 == 0).
constexpr unsigned kListedUsers = 24;

std::string cache_file(const TempDir& home) {
  return home.path() + "/data/matrixctl/oidc_token_cache.json";
}

// The only entry of the token cache.
const rapidjson::Value& only_entry(const rapidjson::Document& cache) {
  const auto& entries = cache["entries"];
  EXPECT_EQ(entries.MemberCount(), 1u);
  return entries.MemberBegin()->value;
}

class OidcLogin : public ::testing::Test {
 protected:
  void start(const std::vector<std::string>& provider_args = {"--access-token-ttl", "30"}) {
    provider_ = std::make_unique<OidcProvider>(provider_args);
    sim_ = std::make_unique<Simulator>(mas_sim_args(*provider_));
    port_ = free_port();
    config_ = write_oidc_config(home_, *sim_, *provider_, port_);
  }
  RunResult run(const std::vector<std::string>& args, const std::string& user = "admin") {
    std::vector<std::string> full{"-c", config_};
    full.insert(full.end(), args.begin(), args.end());
    return run_process(MATRIXCTL_BINARY, full, browser_env(home_, user), {}, 120);
  }

  TempDir home_;
  std::unique_ptr<OidcProvider> provider_;
  std::unique_ptr<Simulator> sim_;
  int port_ = 0;
  std::string config_;
};

TEST_F(OidcLogin, BrowserLoginThenCachedToken) {
  start();
  const auto first = run({"users", "-o", "json"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(browser_runs(home_), 1);
  EXPECT_TRUE(contains(first.err, "http://127.0.0.1:" + std::to_string(port_) + "/callback") ||
              contains(first.err, "%2F%2F127.0.0.1%3A" + std::to_string(port_)))
      << first.err;
  EXPECT_EQ(parse_json(first.out).Size(), kListedUsers);
  EXPECT_EQ(provider_->token_requests("authorization_code"), 1);

  struct stat info {};
  ASSERT_EQ(::stat(cache_file(home_).c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  const auto cache = parse_json(read_text(cache_file(home_)));
  const auto& entry = only_entry(cache);
  EXPECT_TRUE(contains(entry["scope"].GetString(), "urn:synapse:admin:*"));
  EXPECT_FALSE(std::string(entry["refresh_token"].GetString()).empty());

  const auto second = run({"users", "-o", "json"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(browser_runs(home_), 1) << "the second run opened the browser again";
  EXPECT_EQ(provider_->token_requests("authorization_code"), 1);
  EXPECT_EQ(provider_->token_requests("refresh_token"), 0);
}

TEST_F(OidcLogin, ExpiredTokenIsRefreshed) {
  start({"--access-token-ttl", "3"});
  ASSERT_EQ(run({"version"}).exit_code, 0);
  ASSERT_EQ(run({"users"}).exit_code, 0);
  const auto before = parse_json(read_text(cache_file(home_)));
  const std::string old_refresh = only_entry(before)["refresh_token"].GetString();

  std::this_thread::sleep_for(std::chrono::seconds(4));
  const auto after_expiry = run({"users", "-o", "json"});
  ASSERT_EQ(after_expiry.exit_code, 0) << after_expiry.err;
  EXPECT_EQ(parse_json(after_expiry.out).Size(), kListedUsers);
  EXPECT_EQ(browser_runs(home_), 1);
  EXPECT_EQ(provider_->token_requests("refresh_token"), 1);
  const auto rotated = parse_json(read_text(cache_file(home_)));
  EXPECT_NE(std::string(only_entry(rotated)["refresh_token"].GetString()), old_refresh)
      << "the rotated refresh token was not stored";
}

TEST_F(OidcLogin, RevokedRefreshTokenLeadsToNewLogin) {
  start({"--access-token-ttl", "3"});
  ASSERT_EQ(run({"users"}).exit_code, 0);
  provider_->hook("POST", "/_test/revoke-refresh-tokens");
  std::this_thread::sleep_for(std::chrono::seconds(4));
  const auto result = run({"users"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(browser_runs(home_), 2);
  EXPECT_EQ(provider_->token_requests("authorization_code"), 2);
  EXPECT_EQ(provider_->token_requests("refresh_token"), 1);
}

TEST_F(OidcLogin, RevokedRefreshTokenWithNoInputFails) {
  start({"--access-token-ttl", "3"});
  ASSERT_EQ(run({"users"}).exit_code, 0);
  provider_->hook("POST", "/_test/revoke-refresh-tokens");
  std::this_thread::sleep_for(std::chrono::seconds(4));
  const auto result = run({"--no-input", "users"});
  EXPECT_EQ(result.exit_code, 4) << result.err;
  EXPECT_TRUE(contains(result.err, "auth login")) << result.err;
  EXPECT_EQ(browser_runs(home_), 1);
}

TEST_F(OidcLogin, TwoProcessesRefreshOnce) {
  start({"--access-token-ttl", "3"});
  ASSERT_EQ(run({"users"}).exit_code, 0);
  std::this_thread::sleep_for(std::chrono::seconds(4));
  auto first = matrixctl_background(home_, {"-c", config_, "users", "-o", "json"}, {});
  auto second = matrixctl_background(home_, {"-c", config_, "users", "-o", "json"}, {});
  EXPECT_EQ(first->wait(), 0) << first->err();
  EXPECT_EQ(second->wait(), 0) << second->err();
  EXPECT_EQ(parse_json(first->out()).Size(), kListedUsers);
  EXPECT_EQ(parse_json(second->out()).Size(), kListedUsers);
  EXPECT_EQ(provider_->token_requests("refresh_token"), 1);
  EXPECT_EQ(browser_runs(home_), 1);
}

TEST_F(OidcLogin, DeviceLoginApprovedInBrowser) {
  start();
  auto login = matrixctl_background(home_, {"-c", config_, "auth", "login", "--device"}, {});
  ASSERT_TRUE(login->wait_for_err("user_code=")) << login->err();
  std::string uri, code;
  ASSERT_TRUE(parse_device_prompt(login->err(), *provider_, uri, code)) << login->err();
  EXPECT_EQ(code.size(), 6u) << code;
  const auto approve = run_process(
      "node", {std::string(OIDC_TEST_DIR) + "/browser-device.mjs", uri, code}, {}, {}, 90);
  ASSERT_EQ(approve.exit_code, 0) << approve.out << approve.err;
  ASSERT_EQ(login->wait(), 0) << login->err();
  EXPECT_EQ(provider_->token_requests("urn:ietf:params:oauth:grant-type:device_code") > 0 ||
                provider_->token_requests("device_code") > 0,
            true);
  const auto users = run({"--no-input", "users", "-o", "json"});
  ASSERT_EQ(users.exit_code, 0) << users.err;
  EXPECT_EQ(parse_json(users.out).Size(), kListedUsers);
}

TEST_F(OidcLogin, MissingAdminScopeReportedBeforeAdminCall) {
  start();
  const auto result = run({"users"}, "alice");
  EXPECT_EQ(result.exit_code, 4) << result.err;
  EXPECT_TRUE(contains(result.err, "urn:synapse:admin:*")) << result.err;
  EXPECT_TRUE(contains(result.err, "can_request_admin")) << result.err;
  const auto requests = sim_->requests();
  EXPECT_EQ(requests_to(requests, "/_synapse/admin/").size(), 0u);
}

TEST_F(OidcLogin, NoSecretInAnyOutput) {
  start({"--access-token-ttl", "3"});
  const auto login = run({"-d", "users"});
  ASSERT_EQ(login.exit_code, 0) << login.err;
  std::this_thread::sleep_for(std::chrono::seconds(4));
  const auto refreshed = run({"-d", "users"});
  ASSERT_EQ(refreshed.exit_code, 0) << refreshed.err;
  const auto status = run({"-d", "auth", "status"});
  ASSERT_EQ(status.exit_code, 0) << status.err;
  const std::string all = login.out + login.err + refreshed.out + refreshed.err + status.out +
                          status.err;
  const auto cache = parse_json(read_text(cache_file(home_)));
  const auto& entry = only_entry(cache);
  for (const char* key : {"access_token", "refresh_token", "id_token"}) {
    ASSERT_TRUE(entry.HasMember(key)) << key;
    const std::string secret = entry[key].GetString();
    EXPECT_FALSE(contains(all, secret)) << key << " appears in the output";
  }
  EXPECT_FALSE(contains(all, kClientSecret));
  // The authorization code travelled in the callback URL the browser saw.
  const std::string browser_log = read_text(home_.path() + "/browser.log");
  const auto code_at = browser_log.find("code=");
  ASSERT_NE(code_at, std::string::npos) << browser_log;
  const std::string code =
      browser_log.substr(code_at + 5, browser_log.find_first_of("& \n", code_at) - code_at - 5);
  ASSERT_GE(code.size(), 8u);
  EXPECT_FALSE(contains(all, code)) << "the authorization code appears in the output";
}

TEST_F(OidcLogin, AuthStatusAndLogout) {
  start();
  ASSERT_EQ(run({"auth", "login"}).exit_code, 0);
  const auto status = run({"auth", "status", "-o", "json"});
  ASSERT_EQ(status.exit_code, 0) << status.err;
  EXPECT_TRUE(contains(status.out, "@admin:example.org")) << status.out;
  EXPECT_TRUE(contains(status.out, "urn:synapse:admin:*")) << status.out;

  const auto token = run({"auth", "token"});
  ASSERT_EQ(token.exit_code, 0) << token.err;
  const auto cache = parse_json(read_text(cache_file(home_)));
  EXPECT_EQ(token.out, std::string(only_entry(cache)["access_token"].GetString()) + "\n");

  const int revocations_before = parse_json(provider_->hook("GET", "/_test/stats"))["revocations"].GetInt();
  const auto logout = run({"auth", "logout"});
  ASSERT_EQ(logout.exit_code, 0) << logout.err;
  EXPECT_GT(parse_json(provider_->hook("GET", "/_test/stats"))["revocations"].GetInt(),
            revocations_before);
  const auto after = parse_json(read_text(cache_file(home_)));
  EXPECT_EQ(after["entries"].MemberCount(), 0u);
  EXPECT_EQ(run({"--no-input", "users"}).exit_code, 4);
}

}  // namespace
}  // namespace e2e
