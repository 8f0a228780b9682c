// Tests of base64 and base64url encoding and decoding.
#include "base64.h"

#include <gtest/gtest.h>

namespace matrixctl::auth_oidc {
namespace {

TEST(Base64, StandardMatchesRfc4648Vectors) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(base64_encode("foob"), "Zm9vYg==");
  EXPECT_EQ(base64_encode("fooba"), "Zm9vYmE=");
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
}

TEST(Base64Url, UsesUrlAlphabetWithoutPadding) {
  EXPECT_EQ(base64url_encode(std::string("\xfb\xff", 2)), "-_8");
  EXPECT_EQ(base64_encode(std::string("\xfb\xff", 2)), "+/8=");
  EXPECT_EQ(base64url_encode("f"), "Zg");
}

TEST(Base64Url, EncodesRfc7636VerifierOctets) {
  const unsigned char octets[] = {116, 24,  223, 180, 151, 153, 224, 37,  79,  250, 96,
                                  125, 216, 173, 187, 186, 22,  212, 37,  77,  105, 214,
                                  191, 240, 91,  88,  5,   88,  83,  132, 141, 121};
  const std::string bytes(reinterpret_cast<const char*>(octets), sizeof octets);
  EXPECT_EQ(base64url_encode(bytes), "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
  EXPECT_EQ(base64url_decode("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"), bytes);
}

TEST(Base64Url, DecodesWithAndWithoutPadding) {
  EXPECT_EQ(base64url_decode("Zm9vYg"), "foob");
  EXPECT_EQ(base64url_decode("Zm9vYg=="), "foob");
  EXPECT_EQ(base64url_decode(""), "");
  EXPECT_EQ(base64url_decode("-_8"), std::string("\xfb\xff", 2));
}

TEST(Base64Url, RejectsInvalidText) {
  EXPECT_FALSE(base64url_decode("Zm9v+g"));
  EXPECT_FALSE(base64url_decode("Zm9v/g"));
  EXPECT_FALSE(base64url_decode("Zm9vY"));
  EXPECT_FALSE(base64url_decode("Zm 9v"));
}

TEST(Base64Url, RoundTripsAllByteValues) {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes += static_cast<char>(i);
  for (std::size_t length = 0; length <= bytes.size(); length += 37) {
    const std::string part = bytes.substr(0, length);
    EXPECT_EQ(base64url_decode(base64url_encode(part)), part) << "length " << length;
  }
}

}  // namespace
}  // namespace matrixctl::auth_oidc
