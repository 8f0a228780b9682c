// Tests of the scope list rules: defaults, parsing, stable/unstable mixing and the admin check.
#include "oidc_config.h"
#include "scopes.h"

#include <gtest/gtest.h>

namespace matrixctl::auth_oidc {
namespace {

const std::string kKey = "servers.default.api.auth_oidc.scopes";

TEST(Scopes, DefaultIsStableOrder) {
  EXPECT_EQ(join_scope(default_scopes()),
            "openid urn:matrix:org.matrix.msc2967.client:api:* urn:synapse:admin:*");
}

TEST(Scopes, MixingStableAndUnstableIsRejected) {
  try {
    check_scope_families({"openid", "urn:matrix:client:api:*",
                          "urn:matrix:org.matrix.msc2967.client:api:*", "urn:synapse:admin:*"},
                         kKey);
    FAIL() << "mixed scopes were accepted";
  } catch (const sdk::Error& error) {
    EXPECT_EQ(error.status(), MCTL_ERR_CONFIG);
    EXPECT_EQ(error.subject(), kKey);
    EXPECT_NE(error.reason().find("\"urn:matrix:client:api:*\""), std::string::npos)
        << error.reason();
    EXPECT_NE(error.reason().find("\"urn:matrix:org.matrix.msc2967.client:api:*\""),
              std::string::npos)
        << error.reason();
  }
}

TEST(Scopes, MixingDeviceScopeFamiliesIsRejected) {
  EXPECT_THROW(check_scope_families({"urn:matrix:client:api:*",
                                     "urn:matrix:org.matrix.msc2967.client:device:ABCDEFGHIJ"},
                                    kKey),
               sdk::Error);
}

TEST(Scopes, OneFamilyIsAccepted) {
  EXPECT_NO_THROW(check_scope_families(
      {"openid", "urn:matrix:client:api:*", "urn:matrix:client:device:ABCDEFGHIJ"}, kKey));
  EXPECT_NO_THROW(check_scope_families(default_scopes(), kKey));
  EXPECT_NO_THROW(check_scope_families({"openid"}, kKey));
}

TEST(Scopes, AdminScopeMissingFromGrantFails) {
  try {
    check_admin_scope_granted(default_scopes(), "openid urn:matrix:org.matrix.msc2967.client:api:*",
                              "default");
    FAIL() << "a grant without the admin scope was accepted";
  } catch (const sdk::Error& error) {
    EXPECT_EQ(error.status(), MCTL_ERR_AUTH);
    EXPECT_NE(error.reason().find("urn:synapse:admin:*"), std::string::npos) << error.reason();
    EXPECT_NE(error.hint().find("can_request_admin"), std::string::npos) << error.hint();
    EXPECT_NE(error.hint().find("mas-cli manage promote-admin"), std::string::npos) << error.hint();
  }
}

TEST(Scopes, AdminScopeGrantedPasses) {
  EXPECT_NO_THROW(check_admin_scope_granted(
      default_scopes(), "urn:synapse:admin:* openid urn:matrix:org.matrix.msc2967.client:api:*",
      "default"));
}

TEST(Scopes, AdminScopeNotRequestedIsNotChecked) {
  EXPECT_NO_THROW(
      check_admin_scope_granted({"openid", "urn:matrix:client:api:*"}, "openid", "default"));
}

TEST(Scopes, SplitDropsEmptyItems) {
  EXPECT_EQ(split_scope("  openid  profile "), (std::vector<std::string>{"openid", "profile"}));
  EXPECT_TRUE(split_scope("").empty());
}

TEST(ScopeList, ParsesJsonListAndDropsDuplicates) {
  EXPECT_EQ(parse_scope_list(R"(["openid", "urn:synapse:admin:*", "openid"])", kKey),
            (std::vector<std::string>{"openid", "urn:synapse:admin:*"}));
}

TEST(ScopeList, AcceptsSpaceSeparatedText) {
  EXPECT_EQ(parse_scope_list("openid urn:synapse:admin:*", kKey),
            (std::vector<std::string>{"openid", "urn:synapse:admin:*"}));
}

TEST(ScopeList, RejectsNonStringItemsAndEmptyLists) {
  EXPECT_THROW(parse_scope_list(R"(["openid", 3])", kKey), sdk::Error);
  EXPECT_THROW(parse_scope_list("[]", kKey), sdk::Error);
}

}  // namespace
}  // namespace matrixctl::auth_oidc
