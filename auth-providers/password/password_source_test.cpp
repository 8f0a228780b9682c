// Unit tests of the pure helpers of the password lookup.
#include "password_source.h"

#include <gtest/gtest.h>

namespace matrixctl::auth_password {
namespace {

TEST(FirstLine, DropsLineEnding) {
  EXPECT_EQ(first_line("secret\n"), "secret");
  EXPECT_EQ(first_line("secret\r\n"), "secret");
  EXPECT_EQ(first_line("secret"), "secret");
}

TEST(FirstLine, KeepsSpacesAndIgnoresLaterLines) {
  EXPECT_EQ(first_line(" two words \nsecond line\n"), " two words ");
  EXPECT_EQ(first_line("\nsecret"), "");
  EXPECT_EQ(first_line(""), "");
}

TEST(Wipe, ClearsTheString) {
  std::string secret = "hunter2";
  wipe(secret);
  EXPECT_TRUE(secret.empty());
}

}  // namespace
}  // namespace matrixctl::auth_password
