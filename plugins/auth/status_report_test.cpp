// Unit tests of the `auth status` decisions and records.
#include "status_report.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

namespace matrixctl::auth_commands {
namespace {

constexpr int64_t kNow = 1700000000;

AuthState cached_state() {
  AuthState state;
  state.server = "prod";
  state.auth_type = "password";
  state.cached = true;
  state.expires_at = kNow + 300;
  state.scope = "";
  state.has_refresh_token = true;
  state.cache_file = "/tmp/cache.json";
  return state;
}

rapidjson::Document parse(const std::string& json) {
  rapidjson::Document document;
  document.Parse(json.c_str(), json.size());
  EXPECT_TRUE(document.IsObject()) << json;
  return document;
}

TEST(Availability, CachedTokenIsUsable) {
  EXPECT_EQ(token_availability(cached_state(), kNow), TokenAvailability::usable);
}

TEST(Availability, NothingCachedIsNotLoggedIn) {
  AuthState state = cached_state();
  state.cached = false;
  EXPECT_EQ(token_availability(state, kNow), TokenAvailability::not_logged_in);
}

TEST(Availability, ExpiredWithRefreshTokenIsUsable) {
  AuthState state = cached_state();
  state.expires_at = kNow - 10;
  EXPECT_EQ(token_availability(state, kNow), TokenAvailability::usable);
  state.has_refresh_token = false;
  EXPECT_EQ(token_availability(state, kNow), TokenAvailability::expired);
}

TEST(Availability, ExpiringWithinAMinuteWithoutRefreshToken) {
  AuthState state = cached_state();
  state.has_refresh_token = false;
  state.expires_at = kNow + 60;
  EXPECT_EQ(token_availability(state, kNow), TokenAvailability::expired);
  state.expires_at = kNow + 61;
  EXPECT_EQ(token_availability(state, kNow), TokenAvailability::usable);
}

TEST(Availability, NonExpiringTokenStaysUsable) {
  AuthState state = cached_state();
  state.expires_at = 0;
  state.has_refresh_token = false;
  EXPECT_EQ(token_availability(state, kNow), TokenAvailability::usable);
}

TEST(Availability, TokenAuthTypeNeedsNoCache) {
  AuthState state;
  state.auth_type = "token";
  EXPECT_EQ(token_availability(state, kNow), TokenAvailability::usable);
}

TEST(StatusJson, OkUserAndNulls) {
  UserCheck user;
  user.result = UserCheck::Result::ok;
  user.user_id = "@admin:example.org";
  user.device_id = "DEV";
  const auto json = parse(status_json(cached_state(), user));
  EXPECT_STREQ(json["server"].GetString(), "prod");
  EXPECT_STREQ(json["user_id"].GetString(), "@admin:example.org");
  EXPECT_STREQ(json["device_id"].GetString(), "DEV");
  EXPECT_TRUE(json["user_error"].IsNull());
  EXPECT_TRUE(json["scope"].IsNull());
  EXPECT_EQ(json["expires_at"].GetInt64(), kNow + 300);
  EXPECT_TRUE(json["has_refresh_token"].GetBool());
  EXPECT_TRUE(json["cached"].GetBool());
  EXPECT_FALSE(json.HasMember("access_token"));
  EXPECT_FALSE(json.HasMember("refresh_token"));
}

TEST(StatusJson, FailedUserGoesToUserError) {
  UserCheck user;
  user.result = UserCheck::Result::failed;
  user.message = "unknown: GET /whoami returned HTTP 500";
  const auto json = parse(status_json(cached_state(), user));
  EXPECT_TRUE(json["user_id"].IsNull());
  EXPECT_STREQ(json["user_error"].GetString(), "unknown: GET /whoami returned HTTP 500");
}

TEST(StatusTable, RowsInOrder) {
  UserCheck user;
  user.result = UserCheck::Result::ok;
  user.user_id = "@admin:example.org";
  user.device_id = "DEV";
  const auto json = parse(status_table_json(cached_state(), user, kNow));
  const char* expected[] = {"Server", "Auth Type", "User", "Scopes", "Expires", "Refresh Token",
                            "Cache File"};
  ASSERT_EQ(json.MemberCount(), std::size(expected));
  std::size_t i = 0;
  for (const auto& member : json.GetObject()) EXPECT_STREQ(member.name.GetString(), expected[i++]);
  EXPECT_STREQ(json["User"].GetString(), "@admin:example.org (device DEV)");
  EXPECT_STREQ(json["Scopes"].GetString(), "-");
  EXPECT_STREQ(json["Expires"].GetString(), "2023-11-14 22:18:20 UTC (in 5 minutes)");
  EXPECT_STREQ(json["Refresh Token"].GetString(), "cached");
}

TEST(StatusTable, IssuerAndClientWhenKnown) {
  AuthState state = cached_state();
  state.auth_type = "oidc";
  state.issuer = "https://auth.example.org/";
  state.client_id = "01J44RKQYM4G3TNVANTMTDYTX6";
  const auto json = parse(status_table_json(state, UserCheck{}, kNow));
  EXPECT_STREQ(json["Issuer"].GetString(), "https://auth.example.org/");
  EXPECT_STREQ(json["Client ID"].GetString(), "01J44RKQYM4G3TNVANTMTDYTX6");
}

TEST(StatusTable, PasswordHidesUserNameAsClientId) {
  AuthState state = cached_state();
  state.client_id = "admin";
  const auto json = parse(status_table_json(state, UserCheck{}, kNow));
  EXPECT_FALSE(json.HasMember("Client ID"));
}

TEST(StatusTable, NothingCached) {
  AuthState state = cached_state();
  state.cached = false;
  state.expires_at = 0;
  state.has_refresh_token = false;
  UserCheck user;
  user.result = UserCheck::Result::failed;
  user.message = "not logged in";
  const auto json = parse(status_table_json(state, user, kNow));
  EXPECT_STREQ(json["User"].GetString(), "not logged in");
  EXPECT_STREQ(json["Expires"].GetString(), "no token cached");
  EXPECT_STREQ(json["Refresh Token"].GetString(), "none");
}

}  // namespace
}  // namespace matrixctl::auth_commands
