// Tests of the PKCE S256 challenge and the random values of a login.
#include "pkce.h"

#include <gtest/gtest.h>

#include <set>

namespace matrixctl::auth_oidc {
namespace {

TEST(Pkce, ChallengeMatchesRfc7636Example) {
  EXPECT_EQ(pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

TEST(Pkce, VerifierHas32RandomBytes) {
  const Pkce pkce = make_pkce();
  // 32 bytes are 43 base64url characters without padding.
  EXPECT_EQ(pkce.verifier.size(), 43u);
  EXPECT_EQ(pkce.verifier.find_first_not_of(
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos);
  EXPECT_EQ(pkce.challenge, pkce_challenge(pkce.verifier));
}

TEST(Pkce, EachLoginGetsNewValues) {
  std::set<std::string> seen;
  for (int i = 0; i < 20; ++i) {
    seen.insert(make_pkce().verifier);
    seen.insert(random_token());
  }
  EXPECT_EQ(seen.size(), 40u);
}

TEST(Pkce, Sha256OfEmptyInput) {
  // First bytes of the well-known digest e3b0c442...
  const std::string digest = sha256("");
  ASSERT_EQ(digest.size(), 32u);
  EXPECT_EQ(static_cast<unsigned char>(digest[0]), 0xe3);
  EXPECT_EQ(static_cast<unsigned char>(digest[1]), 0xb0);
  EXPECT_EQ(static_cast<unsigned char>(digest[31]), 0x55);
}

}  // namespace
}  // namespace matrixctl::auth_oidc
