// Tests of the pure parts of endpoint discovery: implied issuers, issuer checks, metadata and
// merging.
#include "discovery.h"

#include <gtest/gtest.h>

namespace matrixctl::auth_oidc {
namespace {

TEST(Discovery, OpenIdUrlImpliesIssuer) {
  EXPECT_EQ(issuer_implied_by("https://mas.example.org/.well-known/openid-configuration"),
            "https://mas.example.org");
  EXPECT_EQ(issuer_implied_by("https://idp.example.org/realms/x/.well-known/openid-configuration"),
            "https://idp.example.org/realms/x");
}

TEST(Discovery, Rfc8414UrlImpliesIssuer) {
  EXPECT_EQ(issuer_implied_by("https://as.example.org/.well-known/oauth-authorization-server"),
            "https://as.example.org");
  EXPECT_EQ(
      issuer_implied_by("https://as.example.org/.well-known/oauth-authorization-server/tenant"),
      "https://as.example.org/tenant");
}

TEST(Discovery, OtherUrlImpliesNothing) {
  EXPECT_FALSE(issuer_implied_by("https://mas.example.org/metadata.json"));
}

TEST(Discovery, IssuerCheckIgnoresOneTrailingSlash) {
  EXPECT_NO_THROW(
      check_issuer("https://mas.example.org/", "https://mas.example.org", "GET x", "y"));
  EXPECT_NO_THROW(
      check_issuer("https://mas.example.org", "https://mas.example.org/", "GET x", "y"));
}

TEST(Discovery, IssuerMismatchNamesBoth) {
  try {
    check_issuer("https://evil.example.org/", "https://mas.example.org", "GET https://x",
                 "the key");
    FAIL() << "a mismatched issuer was accepted";
  } catch (const sdk::Error& error) {
    EXPECT_EQ(error.status(), MCTL_ERR_CONFIG);
    EXPECT_EQ(error.subject(), "GET https://x");
    EXPECT_NE(error.reason().find("https://evil.example.org/"), std::string::npos);
    EXPECT_NE(error.reason().find("https://mas.example.org"), std::string::npos);
  }
}

TEST(Discovery, ParsesMetadata) {
  const Endpoints endpoints = parse_provider_metadata(
      R"({"issuer": "https://mas.example.org/",
          "authorization_endpoint": "https://mas.example.org/authorize",
          "token_endpoint": "https://mas.example.org/oauth2/token",
          "jwks_uri": "https://mas.example.org/oauth2/keys.json",
          "revocation_endpoint": "https://mas.example.org/oauth2/revoke",
          "device_authorization_endpoint": "https://mas.example.org/oauth2/device",
          "userinfo_endpoint": "https://mas.example.org/oauth2/userinfo"})",
      "GET x");
  EXPECT_EQ(endpoints.issuer, "https://mas.example.org/");
  EXPECT_EQ(endpoints.authorization, "https://mas.example.org/authorize");
  EXPECT_EQ(endpoints.token, "https://mas.example.org/oauth2/token");
  EXPECT_EQ(endpoints.jwks_uri, "https://mas.example.org/oauth2/keys.json");
  EXPECT_EQ(endpoints.revocation, "https://mas.example.org/oauth2/revoke");
  EXPECT_EQ(endpoints.device_authorization, "https://mas.example.org/oauth2/device");
  EXPECT_EQ(endpoints.userinfo, "https://mas.example.org/oauth2/userinfo");
}

TEST(Discovery, RejectsNonObjectMetadata) {
  EXPECT_THROW(parse_provider_metadata("<html></html>", "GET x"), sdk::Error);
}

TEST(Discovery, ExplicitEndpointsWin) {
  Endpoints configured;
  configured.token = "https://proxy.example.org/token";
  Endpoints discovered;
  discovered.token = "https://mas.example.org/oauth2/token";
  discovered.authorization = "https://mas.example.org/authorize";
  const Endpoints merged = merge_endpoints(configured, discovered);
  EXPECT_EQ(merged.token, "https://proxy.example.org/token");
  EXPECT_EQ(merged.authorization, "https://mas.example.org/authorize");
}

}  // namespace
}  // namespace matrixctl::auth_oidc
