// Unit tests of discovery documents, token responses and OAuth error mapping.
#include "oauth_response.h"

#include <gtest/gtest.h>

namespace matrixctl::auth_client_credentials {
namespace {

constexpr const char* kEndpoint = "https://auth.example.org/oauth2/token";

sdk::HttpResponse response(int32_t status, std::string_view body) {
  sdk::HttpResponse out;
  out.status = status;
  out.body = body;
  return out;
}

ClientSettings settings() {
  ClientSettings out;
  out.client_id = "01J44RKQYM4G3TNVANTMTDYTX6";
  out.scope = "urn:mas:admin";
  return out;
}

TEST(Metadata, ReadsTheEndpoints) {
  const ProviderMetadata metadata = parse_metadata(
      R"({"issuer":"https://auth.example.org/","token_endpoint":"https://auth.example.org/oauth2/token",)"
      R"("revocation_endpoint":"https://auth.example.org/oauth2/revoke"})",
      "d");
  EXPECT_EQ(metadata.issuer, "https://auth.example.org/");
  EXPECT_EQ(metadata.token_endpoint, "https://auth.example.org/oauth2/token");
  EXPECT_EQ(metadata.revocation_endpoint, "https://auth.example.org/oauth2/revoke");
}

TEST(Metadata, MissingEndpointsAreEmpty) {
  const ProviderMetadata metadata = parse_metadata(R"({"issuer":"x"})", "d");
  EXPECT_TRUE(metadata.token_endpoint.empty());
  EXPECT_TRUE(metadata.revocation_endpoint.empty());
}

TEST(Metadata, RejectsInvalidDocuments) {
  for (const char* body : {"<html>", "[]", R"({"token_endpoint":"/oauth2/token"})",
                           R"({"token_endpoint":5})"}) {
    try {
      parse_metadata(body, "https://auth.example.org/.well-known/openid-configuration");
      ADD_FAILURE() << "accepted " << body;
    } catch (const sdk::Error& error) {
      EXPECT_EQ(error.status(), MCTL_ERR_SERVER) << body;
    }
  }
}

TEST(TokenResponse, ReadsTokenScopeAndExpiry) {
  const sdk::Tokens tokens = parse_token_response(
      R"({"access_token":"mat_x","token_type":"Bearer","expires_in":300,"scope":"urn:mas:admin"})",
      1000, "requested", kEndpoint);
  EXPECT_EQ(tokens.access_token, "mat_x");
  EXPECT_EQ(tokens.scope, "urn:mas:admin");
  EXPECT_EQ(tokens.expires_at, 1300);
  EXPECT_TRUE(tokens.cacheable);
  EXPECT_TRUE(tokens.refresh_token.empty());
}

TEST(TokenResponse, DefaultsScopeToTheRequestedOne) {
  const sdk::Tokens tokens =
      parse_token_response(R"({"access_token":"t","token_type":"bearer"})", 1000, "a b", kEndpoint);
  EXPECT_EQ(tokens.scope, "a b");
  EXPECT_EQ(tokens.expires_at, 0);
}

TEST(TokenResponse, DropsTheRefreshToken) {
  const sdk::Tokens tokens = parse_token_response(
      R"({"access_token":"t","token_type":"Bearer","refresh_token":"r"})", 1, "s", kEndpoint);
  EXPECT_TRUE(tokens.refresh_token.empty());
}

TEST(TokenResponse, RejectsUnusableTokens) {
  for (const char* body : {"{}", R"({"access_token":""})", R"({"access_token":"a b"})",
                           R"({"access_token":"t","token_type":"DPoP"})", "not json"}) {
    try {
      parse_token_response(body, 1, "s", kEndpoint);
      ADD_FAILURE() << "accepted " << body;
    } catch (const sdk::Error& error) {
      EXPECT_EQ(error.status(), MCTL_ERR_SERVER) << body;
      EXPECT_EQ(error.subject(), std::string("POST ") + kEndpoint) << body;
    }
  }
}

TEST(OAuthError, DescribesCodeAndDescription) {
  EXPECT_EQ(describe_oauth_error(response(
                401, R"({"error":"invalid_client","error_description":"Client not found"})")),
            "HTTP 401 invalid_client: Client not found");
  EXPECT_EQ(describe_oauth_error(response(502, "<html>")), "HTTP 502");
}

TEST(TokenError, InvalidClientPointsToTheCredentials) {
  const sdk::Error error =
      token_error(response(401, R"({"error":"invalid_client"})"), settings(), kEndpoint, "prod");
  EXPECT_EQ(error.status(), MCTL_ERR_AUTH);
  EXPECT_EQ(error.subject(), std::string("client 01J44RKQYM4G3TNVANTMTDYTX6 at ") + kEndpoint);
  EXPECT_NE(error.hint().find("client_auth_method"), std::string::npos);
  EXPECT_NE(error.hint().find("\"prod\""), std::string::npos);
}

TEST(TokenError, InvalidScopeNamesTheScope) {
  const sdk::Error error = token_error(
      response(403, R"({"error":"invalid_scope","error_description":"denied by policy"})"),
      settings(), kEndpoint, "prod");
  EXPECT_EQ(error.status(), MCTL_ERR_AUTH);
  EXPECT_NE(error.reason().find("\"urn:mas:admin\""), std::string::npos);
  EXPECT_NE(error.reason().find("denied by policy"), std::string::npos);
  EXPECT_NE(error.hint().find("admin_clients"), std::string::npos);
}

TEST(TokenError, UnauthorizedClientAndUnsupportedGrant) {
  for (const char* code : {"unauthorized_client", "unsupported_grant_type"}) {
    const std::string body = std::string(R"({"error":")") + code + "\"}";
    const sdk::Error error = token_error(response(400, body), settings(), kEndpoint, "prod");
    EXPECT_EQ(error.status(), MCTL_ERR_AUTH) << code;
    EXPECT_NE(error.hint().find("client_credentials"), std::string::npos) << code;
  }
}

TEST(TokenError, ServerFailure) {
  const sdk::Error error = token_error(response(500, R"({"error":"server_error"})"), settings(),
                                       kEndpoint, "prod");
  EXPECT_EQ(error.status(), MCTL_ERR_SERVER);
  EXPECT_EQ(error.hint(), "try again later");
}

TEST(RevocationError, SaysTheTokenStaysValid) {
  const sdk::Error error =
      revocation_error(response(503, ""), settings(), "https://a.example/revoke", "prod");
  EXPECT_EQ(error.status(), MCTL_ERR_SERVER);
  EXPECT_NE(error.reason().find("stays valid"), std::string::npos);
}

}  // namespace
}  // namespace matrixctl::auth_client_credentials
