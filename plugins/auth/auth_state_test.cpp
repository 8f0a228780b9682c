// Unit tests of reading the host's auth_info object.
#include "auth_state.h"

#include <gtest/gtest.h>

namespace matrixctl::auth_commands {
namespace {

TEST(AuthInfo, ReadsEveryField) {
  const AuthState state = parse_auth_info(
      R"({"server":"prod","auth_type":"oidc","cached":true,"expires_at":1700000000,)"
      R"("scope":"urn:synapse:admin:*","has_refresh_token":true,"issuer":"https://auth.example.org/",)"
      R"("client_id":"01J44RKQYM4G3TNVANTMTDYTX6","cache_file":"/home/a/.local/share/matrixctl/oidc_token_cache.json"})");
  EXPECT_EQ(state.server, "prod");
  EXPECT_EQ(state.auth_type, "oidc");
  EXPECT_TRUE(state.cached);
  EXPECT_EQ(state.expires_at, 1700000000);
  EXPECT_EQ(state.scope, "urn:synapse:admin:*");
  EXPECT_TRUE(state.has_refresh_token);
  EXPECT_EQ(state.issuer, "https://auth.example.org/");
  EXPECT_EQ(state.client_id, "01J44RKQYM4G3TNVANTMTDYTX6");
  EXPECT_EQ(state.cache_file, "/home/a/.local/share/matrixctl/oidc_token_cache.json");
}

TEST(AuthInfo, NullsAndMissingFieldsStayEmpty) {
  const AuthState state = parse_auth_info(
      R"({"server":"prod","auth_type":"password","cached":false,"expires_at":null,"scope":null})");
  EXPECT_FALSE(state.cached);
  EXPECT_EQ(state.expires_at, 0);
  EXPECT_TRUE(state.scope.empty());
  EXPECT_FALSE(state.has_refresh_token);
  EXPECT_TRUE(state.cache_file.empty());
}

TEST(AuthInfo, FractionalExpiryIsTruncated) {
  EXPECT_EQ(parse_auth_info(R"({"expires_at":1700000000.75})").expires_at, 1700000000);
}

TEST(AuthInfo, RejectsNonObjects) {
  for (const char* json : {"", "[]", "null", "{"}) {
    EXPECT_THROW(parse_auth_info(json), sdk::Error) << json;
  }
}

TEST(HostService, MissingServiceIsAPluginError) {
  EXPECT_NO_THROW(require_host_service(true, "auth_login"));
  try {
    require_host_service(false, "auth_login");
    ADD_FAILURE() << "no error";
  } catch (const sdk::Error& error) {
    EXPECT_EQ(error.status(), MCTL_ERR_PLUGIN);
    EXPECT_EQ(error.subject(), "host service auth_login");
  }
}

}  // namespace
}  // namespace matrixctl::auth_commands
