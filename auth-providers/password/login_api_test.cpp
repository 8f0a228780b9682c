// Unit tests of the /login and /refresh bodies, token responses and error mapping.
#include "login_api.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

namespace matrixctl::auth_password {
namespace {

rapidjson::Document parse(const std::string& json) {
  rapidjson::Document document;
  document.Parse(json.c_str(), json.size());
  EXPECT_FALSE(document.HasParseError()) << json;
  return document;
}

sdk::HttpResponse response(int32_t status, std::string_view body) {
  sdk::HttpResponse out;
  out.status = status;
  out.body = body;
  return out;
}

TEST(LoginBody, HasPasswordLoginFields) {
  const auto body = parse(login_body("admin", "s3cret"));
  EXPECT_STREQ(body["type"].GetString(), "m.login.password");
  EXPECT_STREQ(body["identifier"]["type"].GetString(), "m.id.user");
  EXPECT_STREQ(body["identifier"]["user"].GetString(), "admin");
  EXPECT_STREQ(body["password"].GetString(), "s3cret");
  EXPECT_STREQ(body["initial_device_display_name"].GetString(), "matrixctl");
  EXPECT_TRUE(body["refresh_token"].GetBool());
}

TEST(LoginBody, EscapesQuotesAndControlCharacters) {
  const std::string password = "a\"b\\c\n{{d}} ü";
  const auto body = parse(login_body("@admin:example.org", password));
  EXPECT_EQ(std::string(body["password"].GetString()), password);
  EXPECT_STREQ(body["identifier"]["user"].GetString(), "@admin:example.org");
}

TEST(LoginBody, KeepsEmbeddedNulByte) {
  const std::string password("a\0b", 3);
  const auto body = parse(login_body("admin", password));
  EXPECT_EQ(std::string(body["password"].GetString(), body["password"].GetStringLength()),
            password);
}

TEST(RefreshBody, CarriesTheRefreshToken) {
  const auto body = parse(refresh_body("syr_abc"));
  EXPECT_STREQ(body["refresh_token"].GetString(), "syr_abc");
  EXPECT_EQ(body.MemberCount(), 1u);
}

TEST(TokenResponse, WithExpiryAndRefreshToken) {
  const auto result = parse_token_response(
      R"({"access_token":"syt_a","refresh_token":"syr_b","expires_in_ms":300000,)"
      R"("user_id":"@admin:example.org","device_id":"DEV"})",
      1000, "POST /login");
  EXPECT_EQ(result.tokens.access_token, "syt_a");
  EXPECT_EQ(result.tokens.refresh_token, "syr_b");
  EXPECT_EQ(result.tokens.expires_at, 1300);
  EXPECT_TRUE(result.tokens.cacheable);
  EXPECT_EQ(result.user_id, "@admin:example.org");
  EXPECT_EQ(result.device_id, "DEV");
}

TEST(TokenResponse, WithoutExpiryDoesNotExpire) {
  const auto result = parse_token_response(R"({"access_token":"syt_a"})", 1000, "POST /login");
  EXPECT_EQ(result.tokens.expires_at, 0);
  EXPECT_TRUE(result.tokens.refresh_token.empty());
  EXPECT_TRUE(result.tokens.cacheable);
}

TEST(TokenResponse, SubSecondExpiryCountsAsOneSecond) {
  const auto result =
      parse_token_response(R"({"access_token":"t","expires_in_ms":400})", 1000, "POST /login");
  EXPECT_EQ(result.tokens.expires_at, 1001);
}

TEST(TokenResponse, IgnoresInvalidExpiry) {
  for (const char* body : {R"({"access_token":"t","expires_in_ms":null})",
                           R"({"access_token":"t","expires_in_ms":"300"})",
                           R"({"access_token":"t","expires_in_ms":-5})"}) {
    EXPECT_EQ(parse_token_response(body, 1000, "POST /login").tokens.expires_at, 0) << body;
  }
}

TEST(TokenResponse, NullRefreshTokenMeansNone) {
  const auto result =
      parse_token_response(R"({"access_token":"t","refresh_token":null})", 1, "POST /login");
  EXPECT_TRUE(result.tokens.refresh_token.empty());
}

TEST(TokenResponse, RejectsMissingOrUnsafeToken) {
  for (const char* body : {R"({})", R"({"access_token":""})", R"({"access_token":5})",
                           R"({"access_token":"a b"})", R"({"access_token":"a\nb"})",
                           R"({"access_token":"t","refresh_token":"x y"})", "[]", "<html>"}) {
    try {
      parse_token_response(body, 1, "POST /login");
      ADD_FAILURE() << "accepted " << body;
    } catch (const sdk::Error& error) {
      EXPECT_EQ(error.status(), MCTL_ERR_SERVER) << body;
      EXPECT_EQ(error.subject(), "POST /login") << body;
    }
  }
}

TEST(LoginError, WrongPasswordNamesTheUser) {
  const auto error =
      login_error(response(403, R"({"errcode":"M_FORBIDDEN","error":"Invalid username or password"})"),
                  "@admin:example.org", "prod");
  EXPECT_EQ(error.status(), MCTL_ERR_AUTH);
  EXPECT_EQ(error.subject(), "password login of @admin:example.org");
  EXPECT_NE(error.reason().find("rejected the user name or password"), std::string::npos);
  EXPECT_NE(error.reason().find("HTTP 403 M_FORBIDDEN"), std::string::npos);
  EXPECT_NE(error.hint().find("server \"prod\""), std::string::npos);
}

TEST(LoginError, DeactivatedAccount) {
  const auto error = login_error(
      response(403, R"({"errcode":"M_USER_DEACTIVATED","error":"This account has been deactivated"})"),
      "@old:example.org", "prod");
  EXPECT_EQ(error.status(), MCTL_ERR_AUTH);
  EXPECT_NE(error.reason().find("deactivated"), std::string::npos);
}

TEST(LoginError, UnknownLoginTypePointsToOidc) {
  for (const char* body : {R"({"errcode":"M_UNKNOWN","error":"Unknown login type m.login.password"})",
                           R"({"errcode":"M_UNKNOWN","error":"Unsupported login type"})"}) {
    const auto error = login_error(response(400, body), "@admin:example.org", "prod");
    EXPECT_EQ(error.status(), MCTL_ERR_CONFIG) << body;
    EXPECT_EQ(error.subject(), "servers.prod.api.auth_type") << body;
    EXPECT_NE(error.reason().find("MAS"), std::string::npos) << body;
    EXPECT_NE(error.hint().find("auth_type: oidc"), std::string::npos) << body;
  }
}

TEST(LoginError, NotFoundPointsToOidc) {
  const auto error = login_error(
      response(404, R"({"errcode":"M_UNRECOGNIZED","error":"Unrecognized request"})"),
      "@admin:example.org", "prod");
  EXPECT_EQ(error.status(), MCTL_ERR_CONFIG);
  EXPECT_NE(error.hint().find("auth_type: oidc"), std::string::npos);
}

TEST(LoginError, OtherBadRequestIsAServerError) {
  const auto error = login_error(response(400, R"({"errcode":"M_BAD_JSON","error":"bad"})"),
                                 "@admin:example.org", "prod");
  EXPECT_EQ(error.status(), MCTL_ERR_SERVER);
  EXPECT_NE(error.reason().find("HTTP 400 M_BAD_JSON: bad"), std::string::npos);
}

TEST(LoginError, RateLimited) {
  const auto error = login_error(
      response(429, R"({"errcode":"M_LIMIT_EXCEEDED","error":"Too Many Requests"})"),
      "@admin:example.org", "prod");
  EXPECT_EQ(error.status(), MCTL_ERR_SERVER);
  EXPECT_NE(error.reason().find("rate limited"), std::string::npos);
}

TEST(RefreshError, UnknownTokenAsksForNewLogin) {
  const auto error = refresh_error(
      response(401, R"({"errcode":"M_UNKNOWN_TOKEN","error":"refresh token does not exist","soft_logout":false})"),
      "prod");
  EXPECT_EQ(error.status(), MCTL_ERR_REAUTH);
  EXPECT_NE(error.reason().find("M_UNKNOWN_TOKEN"), std::string::npos);
}

TEST(RefreshError, ServerFailureIsNotReauth) {
  const auto error = refresh_error(response(502, "<html>bad gateway</html>"), "prod");
  EXPECT_EQ(error.status(), MCTL_ERR_SERVER);
  EXPECT_NE(error.reason().find("HTTP 502"), std::string::npos);
}

}  // namespace
}  // namespace matrixctl::auth_password
